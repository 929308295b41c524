//! No input makes planmine panic: proptest version of the fuzz target
//! (`fuzz/`), run by `cargo test`. Arbitrary bytes, and plan-like Vietnamese
//! text saved in every supported encoding with random damage, go through
//! decode -> normalize -> segment -> extract -> merge; every line number must
//! lie within the file and every value be finite (`support/invariants.rs`).
//! Inputs that once broke an invariant are kept below as named regressions.

mod support {
    pub mod invariants;
}

use planmine::decode::Encoding;
use planmine::patterns::Patterns;
use proptest::prelude::*;
use support::invariants::check;

/// Pieces of plan text: headings, targets, assignments, numbers, noise.
const PIECES: &[&str] = &[
    "KẾ HOẠCH",
    "Phòng, chống mại dâm năm 2024",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. NHIỆM VỤ VÀ GIẢI PHÁP",
    "1. Chỉ tiêu",
    "1.1. Hằng năm",
    "a)",
    "- Ít nhất 70% số xã, phường, thị trấn tổ chức tuyên truyền",
    "Phấn đấu giảm 10% số vụ; triệt xóa 03 điểm phức tạp;",
    "100% cơ sở được kiểm tra ít nhất 1 lần",
    "Công an huyện chủ trì, phối hợp với Phòng Lao động - Thương binh và Xã hội",
    "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
    "Số: 45/KH-UBND",
    "Bình Lục, ngày 12 tháng 3 năm 2022",
    "Căn cứ Kế hoạch số 184/KH-UBND ngày 17/11/2021",
    "giai đoạn 2021-2025",
    "Đến năm 2030",
    "2.000",
    "1,5%",
    "99999999999999999999999999999999999999%",
    "1e308",
    "0,0000000000000000000000000000001",
    "Phụ lục",
    "| STT | Chỉ tiêu | Cơ quan chủ trì |",
    "**bold**",
    "### heading",
    "https://example.org/a.pdf",
    "12",
    "\u{F0B7}",
    "ƣ",
    "\u{301}",
    "\u{FEFF}",
    "\t",
    " ",
    "",
];

fn plan_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(PIECES),
            prop::sample::select(&["\n", "\n\n", " ", "\r\n", "", "\n12\n"][..]),
        ),
        0..60,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(p, s)| [p, s])
            .collect::<String>()
    })
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop::sample::select(
        &[
            Encoding::Utf8,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
            Encoding::Windows1258,
            Encoding::Tcvn3,
            Encoding::Vni,
        ][..],
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        prop_assert_eq!(check(&bytes), Ok(()));
    }

    #[test]
    fn plan_text_in_any_encoding(
        text in plan_text(),
        enc in encoding(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    ) {
        let legacy = &Patterns::builtin().legacy;
        // Characters an 8-bit code page lacks become '?', as Windows does.
        let text: String = text
            .chars()
            .map(|c| if legacy.encode(&c.to_string(), enc).is_ok() { c } else { '?' })
            .collect();
        let mut bytes = legacy.encode(&text, enc).unwrap();
        for (i, b) in flips {
            if !bytes.is_empty() {
                let i = i.index(bytes.len());
                bytes[i] = b;
            }
        }
        prop_assert_eq!(check(&bytes), Ok(()));
    }

    #[test]
    fn plan_text_without_decoding(text in plan_text()) {
        prop_assert_eq!(support::invariants::check_text(&text, Patterns::builtin()), Ok(()));
    }
}

/// Inputs found by fuzzing or by the proptest above that once broke an
/// invariant; each is named after what broke.
#[test]
fn regressions() {
    let cases: &[(&str, &[u8])] = &[
        ("lone_utf16_bom", b"\xFF\xFE"),
        ("nul_only", b"\x00"),
        ("utf8_bom_then_invalid", b"\xEF\xBB\xBF\xFF"),
        ("lone_cr", b"\r"),
        ("lone_vni_mark", b"\xF9"),
    ];
    for (name, bytes) in cases {
        assert_eq!(check(bytes), Ok(()), "{name}");
    }
}
