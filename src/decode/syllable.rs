//! Is this word a Vietnamese syllable? The evidence the decoder weighs when it
//! must choose between legacy encodings, or decide whether text is mojibake.
//!
//! A syllable is an onset consonant cluster, a vowel nucleus (with its glides)
//! and an optional final consonant, carrying at most one tone mark, written all
//! lower case, all capitals or with a capital first letter. Wrong decodings
//! produce symbols (`ho¹ch`), impossible vowel clusters (`Keá`) or stray
//! capitals (`KÕ`), which fail the test.

use unicode_normalization::char::decompose_canonical;

const ONSETS: &[&str] = &[
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

const NUCLEI: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "â", "âu", "ây", "ă", "e", "eo", "ê", "êu", "i", "ia", "iu", "iê",
    "iêu", "o", "oa", "oai", "oao", "oay", "oă", "oe", "oeo", "oi", "oo", "ô", "ôi", "ơ", "ơi",
    "u", "ua", "uâ", "uây", "uê", "ui", "uô", "uôi", "uơ", "uy", "uya", "uyê", "uyu", "ư", "ưa",
    "ưi", "ươ", "ươi", "ươu", "ưu", "y", "yê", "yêu",
];

const CODAS: &[&str] = &["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];

/// Tone marks (combining): grave, acute, tilde, hook above, dot below.
fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// The toneless lower-case letter of `c` (with its vowel mark) and its tone, or
/// `None` when `c` is not a letter of the Vietnamese alphabet.
fn split_letter(c: char) -> Option<(char, Option<char>)> {
    let mut base = None;
    let mut vowel_mark = None;
    let mut tone = None;
    let mut bad = false;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        } else if is_tone(d) {
            if tone.replace(d).is_some() {
                bad = true;
            }
        } else if matches!(d, '\u{302}' | '\u{306}' | '\u{31B}') {
            if vowel_mark.replace(d).is_some() {
                bad = true;
            }
        } else {
            bad = true;
        }
    });
    if bad {
        return None;
    }
    let base = base?.to_lowercase().next()?;
    let letter = match (base, vowel_mark) {
        (b, None) if "abcdeghiklmnopqrstuvxyđ".contains(b) => b,
        ('a', Some('\u{302}')) => 'â',
        ('e', Some('\u{302}')) => 'ê',
        ('o', Some('\u{302}')) => 'ô',
        ('a', Some('\u{306}')) => 'ă',
        ('o', Some('\u{31B}')) => 'ơ',
        ('u', Some('\u{31B}')) => 'ư',
        _ => return None,
    };
    Some((letter, tone))
}

/// Whether `word` (letters only, NFC) is a well-formed Vietnamese syllable.
pub fn is_syllable(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    // Case: all lower, all upper, or a capital first letter.
    let rest_lower = chars.clone().all(|c| !c.is_uppercase());
    let rest_upper = chars.all(|c| !c.is_lowercase());
    if !(rest_lower || (first.is_uppercase() && rest_upper)) {
        return false;
    }
    let mut letters = String::with_capacity(word.len());
    let mut tone = None;
    for c in word.chars() {
        let Some((l, t)) = split_letter(c) else {
            return false;
        };
        if let Some(t) = t {
            if tone.replace(t).is_some() {
                return false;
            }
        }
        letters.push(l);
    }
    parses(&letters, tone)
}

fn parses(letters: &str, tone: Option<char>) -> bool {
    for onset in ONSETS {
        let Some(rest) = letters.strip_prefix(onset) else {
            continue;
        };
        for coda in CODAS {
            let Some(nucleus) = rest.strip_suffix(coda) else {
                continue;
            };
            if !NUCLEI.contains(&nucleus) {
                continue;
            }
            // Stopped finals take only the acute or the dot below.
            if matches!(*coda, "c" | "ch" | "p" | "t")
                && !matches!(tone, Some('\u{301}') | Some('\u{323}'))
            {
                continue;
            }
            return true;
        }
    }
    // `gì`, `gìn`: the i of `gi` is also the nucleus.
    if let Some(rest) = letters.strip_prefix('g') {
        if rest.starts_with('i') && parses(rest, tone) {
            return true;
        }
    }
    false
}

/// Separators between words when scoring: white space, ASCII punctuation and
/// the typographic punctuation Windows code pages share.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{2018}'
                | '\u{2019}'
                | '\u{201C}'
                | '\u{201D}'
                | '\u{2026}'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2022}'
                | '\u{00AB}'
                | '\u{00BB}'
        )
}

/// Evidence that `text` is correctly decoded Vietnamese: (words with a
/// non-ASCII letter that are syllables, such words that are not). Words made of
/// ASCII only, or holding digits, say nothing.
pub fn score(text: &str) -> (usize, usize) {
    let mut good = 0;
    let mut bad = 0;
    for word in text.split(is_separator) {
        match judge(word) {
            Some(true) => good += 1,
            Some(false) => bad += 1,
            None => {}
        }
    }
    (good, bad)
}

/// `Some(valid)` for a word holding a non-ASCII character, `None` otherwise.
pub fn judge(word: &str) -> Option<bool> {
    if word.is_ascii() || word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(is_syllable(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for w in [
            "Kế", "hoạch", "KẾ", "HOẠCH", "người", "Nguyễn", "khuyến", "gì", "giữa", "quý", "Đảng",
            "nghiêng", "ương", "xoắn", "Ủy", "tuyên", "truyền", "ĐỘNG",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "Keá", "ho¹ch", "KÕx", "kÕ", "café", "hoaïch", "Kờỡ", "naïn", "Ä‘", "áº¿",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn scores() {
        assert_eq!(score("Kế hoạch số 12/KH-UBND, “Tháng hành động”."), (6, 0));
        assert_eq!(score("Keá hoaïch"), (0, 2));
        assert_eq!(score("plain ASCII 2024"), (0, 0));
    }
}
