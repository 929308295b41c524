//! Folding for matching: lowercase, NFC, and one canonical tone placement, so
//! that `Hòa`/`hoà`, `Thủy`/`thuỷ` and `HÓA`/`hoá` compare equal. The printed
//! text keeps the author's spelling; only dictionary matching uses folds.
//!
//! [`fold`] maps the NFC input char for char (the output has exactly as many
//! chars as the input), so a match found in the fold can be mapped back to the
//! original text by char index.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::char::{compose, decompose_canonical};
use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// For every precomposed Latin letter that carries a tone: (the letter without
/// the tone, the tone). Built once.
fn tone_table() -> &'static HashMap<char, (char, char)> {
    static T: OnceLock<HashMap<char, (char, char)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for cp in 0xC0u32..0x1F00 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut parts = Vec::new();
            decompose_canonical(c, |d| parts.push(d));
            if parts.len() < 2 {
                continue;
            }
            let Some(tone) = parts.iter().copied().find(|p| TONES.contains(p)) else {
                continue;
            };
            let mut base = parts[0];
            for &p in &parts[1..] {
                if p == tone {
                    continue;
                }
                match compose(base, p) {
                    Some(b) => base = b,
                    None => {
                        base = '\0';
                        break;
                    }
                }
            }
            if base != '\0' {
                m.insert(c, (base, tone));
            }
        }
        m
    })
}

fn is_plain_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn has_quality_mark(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// Lowercase one char to one char (the first of its lowercase mapping).
fn lower1(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Folds NFC text for matching. See the module docs.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word: Vec<char> = Vec::new();
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(lower1(c));
        } else {
            flush_word(&mut word, &mut out);
            out.push(lower1(c));
        }
    }
    flush_word(&mut word, &mut out);
    out
}

fn flush_word(word: &mut Vec<char>, out: &mut String) {
    if word.is_empty() {
        return;
    }
    if word.iter().all(|c| c.is_ascii()) {
        out.extend(word.iter());
        word.clear();
        return;
    }
    let table = tone_table();
    let mut tone = None;
    for c in word.iter_mut() {
        if let Some(&(base, t)) = table.get(c) {
            if tone.is_none() {
                tone = Some(t);
            }
            *c = base;
        }
    }
    if let Some(t) = tone {
        if let Some(i) = tone_position(word) {
            if let Some(toned) = add_tone(word[i], t) {
                word[i] = toned;
            }
        }
    }
    out.extend(word.iter());
    word.clear();
}

/// A toneless letter with a tone mark added, as one precomposed char.
fn add_tone(base: char, tone: char) -> Option<char> {
    // `ê` + dot below is not a primary composite (U+1EC7 decomposes to `ẹ` +
    // circumflex), so compose from the full decomposition.
    let mut parts: Vec<char> = Vec::with_capacity(3);
    decompose_canonical(base, |d| parts.push(d));
    parts.push(tone);
    let s: String = parts.into_iter().collect();
    let mut c = s.nfc();
    let first = c.next()?;
    c.next().is_none().then_some(first)
}

/// Where the tone goes in a toneless lowercase syllable (one canonical rule,
/// the "new style" placement).
fn tone_position(w: &[char]) -> Option<usize> {
    let mut vowels: Vec<usize> = (0..w.len()).filter(|&i| is_plain_vowel(w[i])).collect();
    // `qu` and `gi` before another vowel: the u/i belongs to the initial.
    if vowels.len() >= 2 {
        let first = vowels[0];
        if first > 0
            && ((w[first - 1] == 'q' && w[first] == 'u') || (w[first - 1] == 'g' && w[first] == 'i'))
        {
            vowels.remove(0);
        }
    }
    if vowels.is_empty() {
        return None;
    }
    // Only the first vowel cluster counts (a syllable has one).
    let mut cluster = vec![vowels[0]];
    for &v in &vowels[1..] {
        if v == cluster[cluster.len() - 1] + 1 {
            cluster.push(v);
        } else {
            break;
        }
    }
    if let Some(&i) = cluster.iter().rev().find(|&&i| has_quality_mark(w[i])) {
        return Some(i);
    }
    let last = *cluster.last().unwrap();
    let closed = last + 1 < w.len();
    if cluster.len() == 1 || closed {
        return Some(last);
    }
    if cluster.len() == 2 {
        let pair: String = cluster.iter().map(|&i| w[i]).collect();
        return Some(if matches!(pair.as_str(), "oa" | "oe" | "uy") {
            cluster[1]
        } else {
            cluster[0]
        });
    }
    Some(cluster[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_variants_fold_alike() {
        let cases = [
            ("hòa", "hoà"),
            ("Hòa", "hoà"),
            ("thủy", "thuỷ"),
            ("HÓA", "hoá"),
            ("Toà án", "tòa án"),
            ("khỏe", "khoẻ"),
            ("Thế thao", "thế thao"),
            ("quý", "qúy"),
            ("người", "ngừơi"),
        ];
        for (a, b) in cases {
            assert_eq!(fold(a), fold(b), "{a} vs {b}");
        }
    }

    #[test]
    fn distinct_words_stay_distinct() {
        assert_ne!(fold("huyện"), fold("huyên"));
        assert_ne!(fold("Thể thao"), fold("Thế thao"));
        assert_ne!(fold("phấn"), fold("phần"));
    }

    #[test]
    fn keeps_char_count() {
        for s in ["Ủy ban nhân dân HUYỆN Bình Lục", "Đội kiểm tra liên ngành 178", "x"] {
            assert_eq!(fold(s).chars().count(), s.chars().count());
        }
    }

    #[test]
    fn lowercases_d_bar() {
        assert_eq!(fold("ĐOÀN"), fold("đoàn"));
    }
}
