//! Table-driven tests of the decoder: every encoding round-trips, broken files
//! get the right error, clean UTF-8 is never touched.

use super::*;
use crate::patterns::Source;
use std::sync::OnceLock;

const SAMPLE_TEXT: &str = "KẾ HOẠCH\nPhòng, chống mại dâm trên địa bàn huyện năm 2024\n\
Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện “Tháng hành động” với các chỉ tiêu sau:\n\
- Ít nhất 70% số xã, phường, thị trấn tổ chức tuyên truyền… Phấn đấu giảm 10% số vụ việc vi phạm; \
đường phố Nguyễn Trãi, ĐỘNG viên người lao động (2021 – 2025).\n";

/// The built-in tables (not `Patterns::builtin()`, so that these tests do not
/// depend on the other data files).
fn tables() -> &'static LegacyTables {
    static T: OnceLock<LegacyTables> = OnceLock::new();
    T.get_or_init(|| {
        let s = Source::builtin();
        LegacyTables::from_tables(&s.table("tcvn3.tsv").unwrap(), &s.table("vni.tsv").unwrap())
            .unwrap()
    })
}

#[test]
fn legacy_round_trips() {
    for enc in [
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ] {
        let bytes = tables().encode(SAMPLE_TEXT, enc).expect("encodable");
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "{enc} copy is not UTF-8"
        );
        let d = decode(&bytes, tables()).unwrap();
        assert_eq!(d.encoding, enc, "{enc}");
        assert_eq!(d.text, SAMPLE_TEXT, "{enc}");
        assert!(d.warnings.is_empty(), "{enc}: {:?}", d.warnings);
    }
}

#[test]
fn abc_font_capitals_and_punctuation() {
    // Real TCVN3 files write capitals with the lower-case code in a capitals
    // font, and keep Windows punctuation at 0x80-0x9F.
    let bytes =
        b"K\xd5 HO\xb9CH\n\x93Th\xb8ng h\xb5nh \xae\xe9ng\x94 2021 \x96 2025 S\xe8: 12/KH\n"
            .repeat(3);
    let d = decode(&bytes, tables()).unwrap();
    assert_eq!(d.encoding, Encoding::Tcvn3);
    assert_eq!(
        d.text.lines().take(2).collect::<Vec<_>>(),
        ["KẾ HOẠCH", "“Tháng hành động” 2021 – 2025 Số: 12/KH"]
    );
}

#[test]
fn utf8_is_never_legacy() {
    // Valid UTF-8 made only of characters that look like legacy bytes.
    for s in ["Keá hoaïch", "KÕ ho¹ch", "café", SAMPLE_TEXT] {
        let d = decode(s.as_bytes(), tables()).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf8, s));
        assert!(d.warnings.is_empty());
    }
    let d = decode(format!("\u{FEFF}{SAMPLE_TEXT}").as_bytes(), tables()).unwrap();
    assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf8, SAMPLE_TEXT));
}

#[test]
fn mojibake_repaired_with_warning() {
    let (m, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(SAMPLE_TEXT.as_bytes());
    let d = decode(m.as_bytes(), tables()).unwrap();
    assert_eq!(d.encoding, Encoding::Utf8);
    assert_eq!(d.text, SAMPLE_TEXT);
    assert!(
        d.warnings[0].starts_with("repaired mojibake"),
        "{:?}",
        d.warnings
    );
}

#[test]
fn lossy_counts_bytes() {
    let d = decode(b"plain text \xff\xfe\xfd and more", tables()).unwrap();
    assert_eq!(d.encoding, Encoding::Utf8);
    assert!(d.warnings[0].starts_with("3 byte(s)"), "{:?}", d.warnings);
}

#[test]
fn utf16_without_bom() {
    let le: Vec<u8> = SAMPLE_TEXT
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let d = decode(&le, tables()).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (Encoding::Utf16Le, SAMPLE_TEXT)
    );
    let be: Vec<u8> = SAMPLE_TEXT
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    assert_eq!(decode(&be, tables()).unwrap().encoding, Encoding::Utf16Be);
}

#[test]
fn broken_files() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "empty file"),
        (b" \r\n\t\n", "empty file (only white space)"),
        (b"\xEF\xBB\xBF\n", "empty file (only white space)"),
        (b"\xFF\xFE", "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF file: extract its text first"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00",
            "old Microsoft Office file",
        ),
        (b"{\\rtf1\\ansi", "RTF document"),
        (b"\x89PNG\r\n\x1a\n", "image file"),
        (b"\x1F\x8B\x08\x00", "compressed archive"),
        (
            b"abc\x00\x01\x02\xff\xfe\x00\x00\x10",
            "binary file (contains NUL bytes)",
        ),
    ];
    for (bytes, msg) in cases {
        let e = decode(bytes, tables()).unwrap_err().to_string();
        assert!(e.starts_with(msg), "{bytes:?}: {e}");
    }
}

#[test]
fn table_files_parse_and_are_sorted() {
    for name in ["tcvn3.tsv", "vni.tsv"] {
        let t = Source::builtin().table(name).unwrap();
        let keys: Vec<&str> = t.rows.iter().map(|r| t.get(r, 0)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(keys, sorted, "{name} rows sorted, no duplicates");
    }
    assert!(tables().has_tcvn3() && tables().has_vni());
}

#[test]
fn no_panic_on_short_odd_inputs() {
    for b in 0..=255u8 {
        for len in 1..4 {
            let _ = decode(&vec![b; len], tables());
        }
        let _ = decode(&[b'a', b, 0xFF], tables());
    }
}

/// Throughput figures for the module docs:
/// `cargo test --release --lib decode_throughput -- --ignored --nocapture`.
#[test]
#[ignore]
fn decode_throughput() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut text = String::new();
    for e in std::fs::read_dir(dir).unwrap() {
        text.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let (moj, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes());
    let cases = [
        ("utf-8", text.as_bytes().to_vec()),
        ("mojibake", moj.as_bytes().to_vec()),
        (
            "windows-1258",
            tables()
                .encode(&text.replace(['ƣ', 'Ƣ'], "u"), Encoding::Windows1258)
                .unwrap(),
        ),
        (
            "tcvn3",
            tables()
                .encode(&text.replace(['ƣ', 'Ƣ'], "u"), Encoding::Tcvn3)
                .unwrap(),
        ),
        (
            "vni",
            tables()
                .encode(&text.replace(['ƣ', 'Ƣ'], "u"), Encoding::Vni)
                .unwrap(),
        ),
    ];
    for (name, bytes) in cases {
        let start = std::time::Instant::now();
        let mut n = 0;
        while start.elapsed().as_secs_f64() < 1.0 {
            std::hint::black_box(decode(&bytes, tables()).unwrap());
            n += 1;
        }
        let mb = (bytes.len() * n) as f64 / 1e6 / start.elapsed().as_secs_f64();
        println!("{name}: {mb:.0} MB/s ({} bytes)", bytes.len());
    }
}

/// `decode_borrowed` gives what `decode` gives, for every kind of input.
#[test]
fn borrowed_decoding_is_decoding() {
    let mut inputs: Vec<Vec<u8>> = vec![
        vec![],
        b"   \n\t ".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
        b"\xEF\xBB\xBF  \n".to_vec(),
        "\u{FEFF}\u{FEFF} ".as_bytes().to_vec(),
        b"%PDF-1.7 x".to_vec(),
        b"ab\0cd".to_vec(),
        b"\xFF\xFEK\0".to_vec(),
        b"\xC3\xA1 bad \xFF utf8".to_vec(),
        SAMPLE_TEXT.as_bytes().to_vec(),
        [b"\xEF\xBB\xBF".as_slice(), SAMPLE_TEXT.as_bytes()].concat(),
        // Mojibake: UTF-8 read as Windows-1252 and saved again.
        "Káº¾ HOáº CH phÃ²ng, chá»‘ng máº¡i dÃ¢m"
            .as_bytes()
            .to_vec(),
    ];
    for enc in [Encoding::Windows1258, Encoding::Tcvn3, Encoding::Vni] {
        inputs.push(tables().encode(SAMPLE_TEXT, enc).unwrap());
    }
    for e in std::fs::read_dir("corpus").unwrap() {
        inputs.push(std::fs::read(e.unwrap().path()).unwrap());
    }
    for bytes in inputs {
        let borrowed = decode_borrowed(&bytes, tables()).map(|d| Decoded {
            text: d.text().to_owned(),
            encoding: d.encoding(),
            warnings: d.warnings().to_vec(),
        });
        assert_eq!(
            borrowed,
            decode(&bytes, tables()),
            "{:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
        );
    }
}
