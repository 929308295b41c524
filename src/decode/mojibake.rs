//! Repairs mojibake: UTF-8 text that was once read as Windows-1252 (or -1258)
//! and saved again as UTF-8, so that `Kế hoạch` reads `Káº¿ hoáº¡ch`.
//!
//! Each run of non-ASCII characters that all have a byte in those code pages is
//! turned back into those bytes; where the bytes are valid UTF-8 for letters and
//! punctuation, they replace the run. The repair is kept only on evidence: the
//! telltale pairs occur and the text reads more like Vietnamese afterwards.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::syllable;

/// Pairs that UTF-8 Vietnamese turns into when read as Windows-1252: the lead
/// bytes of U+1EA0-U+1EFF (`áº`, `á»`), đ (`Ä‘`), ư (`Æ°`), ơ (`Æ¡`).
const MARKERS: &[&str] = &[
    "\u{e1}\u{ba}",
    "\u{e1}\u{bb}",
    "\u{c4}\u{2018}",
    "\u{c6}\u{b0}",
    "\u{c6}\u{a1}",
];

/// Character -> byte in Windows-1252 or Windows-1258 (and U+0080-U+009F, which
/// Windows keeps for the bytes these code pages leave undefined).
fn inverse() -> &'static HashMap<char, u8> {
    static INV: OnceLock<HashMap<char, u8>> = OnceLock::new();
    INV.get_or_init(|| {
        let mut m = HashMap::new();
        for enc in [encoding_rs::WINDOWS_1252, encoding_rs::WINDOWS_1258] {
            for b in 0x80..=0xFFu8 {
                let bytes = [b];
                let (s, bad) = enc.decode_without_bom_handling(&bytes);
                let mut it = s.chars();
                if let (Some(c), None, false) = (it.next(), it.next(), bad) {
                    m.entry(c).or_insert(b);
                }
            }
        }
        for b in 0x80..=0x9Fu8 {
            m.entry(char::from(b)).or_insert(b);
        }
        m
    })
}

/// Whether `text` shows the telltale pairs at all (cheap; the common case of
/// clean text stops here). Four of the [`MARKERS`] end in a `C2` byte pair
/// (`º`, `»`, `°`, `¡` after `á` or `Æ`), rare in clean text, so a search
/// for `C2` bytes finds them; the fifth (`Ä‘`) is searched for itself. (A
/// substring search per marker was slow on Vietnamese text: all of them
/// start with `C3`, the lead byte of `à`, `á`, `â`, `ê` ...)
pub fn suspect(text: &str) -> bool {
    static D_STROKE: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let b = text.as_bytes();
    memchr::memchr_iter(0xC2, b).any(|i| {
        i >= 2
            && matches!(
                (b[i - 2], b[i - 1], b.get(i + 1)),
                (0xC3, 0xA1, Some(0xBA | 0xBB)) | (0xC3, 0x86, Some(0xB0 | 0xA1))
            )
    }) || D_STROKE
        .get_or_init(|| memchr::memmem::Finder::new(MARKERS[2].as_bytes()))
        .find(b)
        .is_some()
}

/// Characters a repaired run may decode to: Latin letters (with Vietnamese
/// marks), combining marks, Latin-1 symbols and general punctuation.
fn plausible(c: char) -> bool {
    matches!(c as u32, 0xA0..=0x24F | 0x300..=0x36F | 0x1E00..=0x1EFF | 0x2000..=0x206F | 0x20AB | 0x20AC)
}

/// The repaired text and how many runs were repaired, or `None` when the text
/// is not mojibake (no telltale pairs, or the repair does not read better).
pub fn repair(text: &str) -> Option<(String, usize)> {
    if !suspect(text) {
        return None;
    }
    let inv = inverse();
    let mut out = String::with_capacity(text.len());
    let mut repaired = 0;
    let mut run: Vec<u8> = Vec::new();
    let mut run_start = 0;
    let flush = |run: &mut Vec<u8>, run_text: &str, out: &mut String, repaired: &mut usize| {
        if run.is_empty() {
            return;
        }
        let mut run_chars = run_text.chars();
        for chunk in run.utf8_chunks() {
            let v = chunk.valid();
            let fixed = !v.is_ascii() && v.chars().all(plausible);
            if fixed {
                out.push_str(v);
                *repaired += 1;
                for _ in v.bytes() {
                    run_chars.next();
                }
            } else {
                for _ in v.bytes() {
                    out.extend(run_chars.next());
                }
            }
            for _ in chunk.invalid() {
                out.extend(run_chars.next());
            }
        }
        run.clear();
    };
    for (i, c) in text.char_indices() {
        match inv.get(&c) {
            Some(&b) => {
                if run.is_empty() {
                    run_start = i;
                }
                run.push(b);
            }
            None => {
                flush(&mut run, &text[run_start..i], &mut out, &mut repaired);
                out.push(c);
            }
        }
    }
    flush(&mut run, &text[run_start..], &mut out, &mut repaired);
    if repaired == 0 {
        return None;
    }
    let before = syllable::score(text);
    let after = syllable::score(&out);
    let gain = |s: (usize, usize)| s.0 as i64 - s.1 as i64;
    (gain(after) > gain(before)).then_some((out, repaired))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mangle(s: &str) -> String {
        let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(s.as_bytes());
        t.into_owned()
    }

    #[test]
    fn suspect_finds_every_marker() {
        for m in MARKERS {
            for text in [m.to_string(), format!("Kế hoạch {m} và"), format!("{m}x")] {
                assert!(suspect(&text), "{text:?}");
            }
        }
        assert!(!suspect(
            "Kế hoạch phòng, chống mại dâm năm 2023 – “Đề án” ư ơ á º"
        ));
    }

    proptest::proptest! {
        /// The `C2` search agrees with a search for each marker.
        #[test]
        fn suspect_agrees_with_substring_search(
            parts in proptest::collection::vec("(áº|á»|Ä‘|Æ°|Æ¡|[áÆÄºª»°¡‘ạ ]|\\PC)", 0..12)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(suspect(&text), MARKERS.iter().any(|m| text.contains(m)));
        }
    }

    #[test]
    fn repairs_cp1252_mojibake() {
        let orig =
            "Kế hoạch phòng, chống mại dâm năm 2024 của Ủy ban nhân dân; đạt 100% “chỉ tiêu”.";
        let bad = mangle(orig);
        assert_ne!(bad, orig);
        let (fixed, n) = repair(&bad).expect("repaired");
        assert_eq!(fixed, orig);
        assert!(n > 5);
        assert_eq!(repair("Káº¿ hoáº¡ch").unwrap().0, "Kế hoạch");
    }

    #[test]
    fn leaves_clean_text() {
        for s in [
            "Kế hoạch phòng, chống mại dâm",
            "Hà Nội… “ô”",
            "plain",
            "café Ý…",
        ] {
            assert_eq!(repair(s), None, "{s}");
        }
    }
}
