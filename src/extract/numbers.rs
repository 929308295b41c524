//! The Vietnamese number grammar: digits as Vietnamese write them and number
//! words.
//!
//! - digits: `.` groups thousands and `,` marks decimals (`2.000` is 2000,
//!   `37.800` is 37800, `1,5` is 1.5), leading zeros are kept for alignment
//!   (`03` is 3); a ratio `10/10` (all ten) counts its numerator;
//! - words: `một`, `hai mươi`, `ba mươi ba`, `mười bốn`, `hai mươi lăm`,
//!   `ba mươi mốt`, `hai mươi tư`, `năm nghìn`/`năm ngàn`, `hai trăm nghìn`,
//!   `một trăm linh năm`, `một tỷ` (`rưỡi` is not handled).
//!
//! [`scan`] finds every number in a text with its byte span; the targets
//! extractor decides which of them are targets.

use crate::normalize::fold::is_alnum;

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Digits (`2.000`, `1,5`, `03`).
    Digits,
    /// A ratio of digits (`10/10`); the value is the numerator.
    Ratio,
    /// Number words (`hai mươi`).
    Words,
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Byte span in the scanned text.
    pub start: usize,
    pub end: usize,
    pub form: Form,
}

/// Parses a run of digits with Vietnamese separators: `2.000` -> 2000,
/// `1.234.567` -> 1234567, `1,5` -> 1.5, `03` -> 3. A `.` followed by exactly
/// three digits groups thousands; any other `.` or `,` is a decimal point.
pub fn parse_digits(s: &str) -> Option<f64> {
    // Digits alone (nearly every number): their value, exact below 10^18
    // as the parse of the same digits is.
    if !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()) {
        let v = s.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
        return Some(v as f64);
    }
    parse_digits_general(s)
}

/// [`parse_digits`] for any text: the groups between dots walked twice
/// instead of collected, and the canonical form written on the stack.
fn parse_digits_general(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let n_groups = s.split('.').count();
    let thousands = n_groups > 1 && {
        let mut groups = s.split('.');
        let first = groups.next().unwrap_or("");
        first.len() <= 3
            && !first.contains(',')
            && groups.enumerate().all(|(i, g)| {
                let digits = g.split(',').next().unwrap_or("");
                digits.len() == 3
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && (i + 2 == n_groups || !g.contains(','))
            })
    };
    if !thousands && s.contains(',') && s.contains('.') {
        return None;
    }
    // Thousands: dots dropped, the decimal comma a dot; otherwise commas
    // made dots. (Only ASCII digits, dots and commas are left.)
    let mut buf = [0u8; 64];
    let mut heap = Vec::new();
    let out: &mut [u8] = if s.len() <= buf.len() {
        &mut buf
    } else {
        heap.resize(s.len(), 0);
        &mut heap
    };
    let mut n = 0;
    let mut dots = 0;
    for b in s.bytes() {
        let c = match b {
            b'.' if thousands => continue,
            b',' | b'.' => b'.',
            d => d,
        };
        dots += usize::from(c == b'.');
        out[n] = c;
        n += 1;
    }
    let canonical = std::str::from_utf8(&out[..n]).ok()?;
    if dots > 1 || canonical.ends_with('.') {
        return None;
    }
    canonical.parse::<f64>().ok()
}

fn digit_word(w: &str) -> Option<u64> {
    Some(match w {
        "không" | "linh" | "lẻ" => 0,
        "một" | "mốt" => 1,
        "hai" => 2,
        "ba" => 3,
        "bốn" | "tư" => 4,
        "năm" | "lăm" | "nhăm" => 5,
        "sáu" => 6,
        "bảy" | "bẩy" => 7,
        "tám" => 8,
        "chín" => 9,
        _ => return None,
    })
}

fn scale_word(w: &str) -> Option<u64> {
    Some(match w {
        "nghìn" | "ngàn" => 1_000,
        "triệu" => 1_000_000,
        "tỷ" | "tỉ" => 1_000_000_000,
        _ => return None,
    })
}

/// Parses number words from the start of `words` (lowercase, NFC). Returns the
/// value and how many words it used, or `None` when the first word is not a
/// number word. `mốt`, `tư`, `lăm` are taken only after `mươi`; `linh`/`lẻ`
/// only after `trăm`.
pub fn parse_words(words: &[&str]) -> Option<(f64, usize)> {
    let mut total: u64 = 0; // completed scale groups
    let mut group: u64 = 0; // the current group below one thousand
    let mut pending: Option<u64> = None; // a digit word not yet multiplied
    let mut used = 0;
    let mut prev = "";
    for (i, &w) in words.iter().enumerate() {
        let after_tens = matches!(prev, "mươi" | "mười");
        if let Some(scale) = scale_word(w) {
            if used == 0 {
                break;
            }
            let v = group + pending.take().unwrap_or(0);
            total += v.max(1) * scale;
            group = 0;
        } else if w == "trăm" {
            let Some(d) = pending.take() else { break };
            group += d * 100;
        } else if w == "mười" {
            if pending.is_some() || after_tens {
                break;
            }
            group += 10;
        } else if w == "mươi" {
            let Some(d) = pending.take() else { break };
            group += d * 10;
        } else if matches!(w, "linh" | "lẻ") {
            if prev != "trăm" {
                break;
            }
        } else if let Some(d) = digit_word(w) {
            if pending.is_some() {
                break;
            }
            if matches!(w, "mốt" | "tư" | "lăm" | "nhăm") && !after_tens {
                break;
            }
            if w == "không" && !matches!(prev, "trăm") {
                break;
            }
            pending = Some(d);
        } else {
            break;
        }
        prev = w;
        used = i + 1;
    }
    // A number cannot end on a connector (`một trăm linh`).
    if used == 0 || matches!(prev, "linh" | "lẻ") {
        return None;
    }
    Some(((total + group + pending.unwrap_or(0)) as f64, used))
}

/// Every number in `text`: digit runs (with `.`/`,` separators inside),
/// ratios `a/b`, and runs of number words. Digits glued to letters (`B93`,
/// `HIV2`) are not numbers.
pub fn scan(text: &str) -> Vec<Number> {
    let mut out = Vec::new();
    scan_into(text, &mut out);
    out
}

/// [`scan`] written into `out` (cleared first), so that a caller scanning
/// text after text reuses one list.
pub fn scan_into(text: &str, out: &mut Vec<Number>) {
    out.clear();
    let mut lower_buf = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let class = BYTE_CLASS[usize::from(bytes[i])];
        if class == DIGIT {
            let start = i;
            let glued_before = text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphabetic());
            let mut j = i;
            while j < bytes.len() {
                let separator = (bytes[j] == b'.' || bytes[j] == b',')
                    && j + 1 < bytes.len()
                    && bytes[j + 1].is_ascii_digit();
                if bytes[j].is_ascii_digit() || separator {
                    j += 1;
                } else {
                    break;
                }
            }
            let glued_after = text[j..].chars().next().is_some_and(|c| c.is_alphabetic());
            let raw = &text[start..j];
            let mut end = j;
            let mut form = Form::Digits;
            // A ratio `10/10` (but not a date `20/6` or a number `184/KH`).
            if j + 1 < bytes.len()
                && bytes[j] == b'/'
                && text[j + 1..].starts_with(|c: char| c.is_alphanumeric())
            {
                let mut k = j + 1;
                while k < bytes.len() && bytes[k].is_ascii_digit() {
                    k += 1;
                }
                let den = &text[j + 1..k];
                let after = text[k..].chars().next();
                if raw == den && !matches!(after, Some('/') | Some('-')) {
                    form = Form::Ratio;
                    end = k;
                } else {
                    // A date or a numbered reference: skip it whole.
                    let mut k2 = k;
                    while k2 < bytes.len()
                        && (bytes[k2].is_ascii_alphanumeric() || matches!(bytes[k2], b'/' | b'-'))
                    {
                        k2 += 1;
                    }
                    i = k2.max(j + 1);
                    continue;
                }
            }
            if !glued_before && !glued_after {
                if let Some(v) = parse_digits(raw) {
                    out.push(Number {
                        value: v,
                        start,
                        end,
                        form,
                    });
                }
            }
            i = end.max(i + 1);
            continue;
        }
        if class != OTHER {
            // A word (an ASCII letter or a char beyond ASCII): try number words from here if it starts a word. The
            // word is walked once, for the starter test and its end.
            let (word_end, starts) = word_and_start(text, i, &mut lower_buf);
            if starts && text[..i].chars().next_back().is_none_or(|c| !is_alnum(c)) {
                let mut spans = [(0usize, 0usize); WORDS_MAX];
                let count = spans_from(text, i, &mut spans);
                let spans = &spans[..count];
                // Words already in lowercase (nearly all) are read in place;
                // others are lowercased into strings of their own.
                let mut refs = [""; WORDS_MAX];
                let lower: Vec<String>;
                if spans.iter().all(|&(a, b)| is_own_lowercase(&text[a..b])) {
                    for (r, &(a, b)) in refs.iter_mut().zip(spans) {
                        *r = &text[a..b];
                    }
                } else {
                    lower = spans
                        .iter()
                        .map(|&(a, b)| text[a..b].to_lowercase())
                        .collect();
                    for (r, w) in refs.iter_mut().zip(&lower) {
                        *r = w.as_str();
                    }
                }
                if let Some((v, n)) = parse_words(&refs[..count]) {
                    let end = spans[n - 1].1;
                    out.push(Number {
                        value: v,
                        start: i,
                        end,
                        form: Form::Words,
                    });
                    i = end;
                    continue;
                }
            }
            // Skip to the end of this word.
            i = word_end.max(i + 1);
            while i < bytes.len() && !text.is_char_boundary(i) {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
}

/// What a byte is to [`scan`] and [`word_end`]: an ASCII digit, an ASCII
/// letter, a byte of a char beyond ASCII, or any other ASCII char (a space,
/// punctuation), looked up instead of compared against ranges.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        t[b] = if x.is_ascii_digit() {
            DIGIT
        } else if x.is_ascii_alphabetic() {
            LETTER
        } else if x >= 0x80 {
            HIGH
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// [`BYTE_CLASS`]: any other ASCII char.
const OTHER: u8 = 0;
/// [`BYTE_CLASS`]: an ASCII digit.
const DIGIT: u8 = 1;
/// [`BYTE_CLASS`]: an ASCII letter.
const LETTER: u8 = 2;
/// [`BYTE_CLASS`]: a byte of a char beyond ASCII.
const HIGH: u8 = 3;

/// The end of the run of letters and digits ([`is_alnum`]) at byte `i`:
/// ASCII by byte class, the letters of Vietnamese by their first bytes.
fn word_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    while let Some(&x) = bytes.get(j) {
        let class = BYTE_CLASS[usize::from(x)];
        if class != HIGH {
            if class == OTHER {
                break;
            }
            j += 1;
        } else if let Some(len) = latin_letter_len(bytes, j) {
            j += len;
        } else {
            match text[j..].chars().next() {
                Some(c) if is_alnum(c) => j += c.len_utf8(),
                _ => break,
            }
        }
    }
    j
}

/// The byte length of the char at `b[i]` (not ASCII) when it is a letter
/// of U+00C0..U+01BF but `×` and `÷`, or of U+1E00..U+1EFF (Latin
/// Extended Additional, the toned Vietnamese vowels), judged from its
/// first bytes; `None` for any other char.
fn latin_letter_len(b: &[u8], i: usize) -> Option<usize> {
    match b[i] {
        // U+00C0..U+01BF, but U+00D7 `×` (C3 97) and U+00F7 `÷` (C3 B7).
        0xC3 => (!matches!(b.get(i + 1), Some(0x97 | 0xB7))).then_some(2),
        0xC4..=0xC6 => Some(2),
        0xE1 => matches!(b.get(i + 1), Some(0xB8..=0xBB)).then_some(3),
        _ => None,
    }
}

/// `c.is_alphabetic()`, by table for the chars of Vietnamese text.
fn is_alpha(c: &char) -> bool {
    crate::normalize::fold::alpha_upper(*c).0
}

/// The end of the run of letters and digits at byte `at` ([`word_end`]) and
/// whether the word there may start a number ([`may_start_number`]), found
/// in one walk: the word's letters are read once, at most five of them (a
/// starter has at most four), and the run goes on from where they stop.
/// Most words fail on their first or second letter and are only run over.
/// `buf` is scratch.
fn word_and_start(text: &str, at: usize, buf: &mut String) -> (usize, bool) {
    let bytes = text.as_bytes();
    // A word whose first letter no starter has is not looked at further.
    let first = bytes.get(at).map_or(0, u8::to_ascii_lowercase);
    if !STARTER_FIRST.get(first as usize).copied().unwrap_or(false) {
        return (word_end(text, at), false);
    }
    // The first letter is ASCII. An ASCII second letter must be one a
    // starter has (an ASCII letter lowercases to an ASCII letter).
    if let Some(&x) = bytes.get(at + 1) {
        if x.is_ascii_alphabetic() && !STARTER_SECOND[x.to_ascii_lowercase() as usize] {
            return (word_end(text, at + 2), false);
        }
    }
    // The word's letters, up to five; each is a letter or digit as well, so
    // the run of those goes on from their end.
    let mut k = at + 1;
    let mut letters = 1;
    while letters < 5 {
        let Some(&x) = bytes.get(k) else { break };
        let len = if x < 0x80 {
            if !x.is_ascii_alphabetic() {
                break;
            }
            1
        } else if let Some(len) = latin_letter_len(bytes, k) {
            len
        } else {
            match text[k..].chars().next() {
                Some(c) if is_alpha(&c) => c.len_utf8(),
                _ => break,
            }
        };
        k += len;
        letters += 1;
    }
    let starts = letters < 5 && is_starter(&text[at..k], buf);
    (word_end(text, k), starts)
}

/// Whether the letters `w` are one of [`STARTERS`] in any case.
fn is_starter(w: &str, buf: &mut String) -> bool {
    if STARTERS.contains(&w) {
        return true;
    }
    if is_own_lowercase(w) {
        return false;
    }
    buf.clear();
    for c in w.chars() {
        buf.extend(c.to_lowercase());
    }
    STARTERS.contains(&buf.as_str())
}

/// Whether the word at byte `at` (its letters) is one [`parse_words`] can
/// start a number with: `một` ... `chín` but `mốt`, `tư`, `lăm`, `nhăm` and
/// `không`, or `mười`. The test [`word_and_start`] makes in its walk, as it
/// was made by itself (every letter of the word read).
#[cfg(test)]
fn may_start_number(text: &str, at: usize, buf: &mut String) -> bool {
    // A word whose first letter no starter has is not looked at further.
    let first = text.as_bytes().get(at).map_or(0, u8::to_ascii_lowercase);
    if !STARTER_FIRST.get(first as usize).copied().unwrap_or(false) {
        return false;
    }
    // An ASCII second letter must be one a starter has (an ASCII letter
    // lowercases to an ASCII letter).
    if let Some(&x) = text.as_bytes().get(at + 1) {
        if x.is_ascii_alphabetic() && !STARTER_SECOND[x.to_ascii_lowercase() as usize] {
            return false;
        }
    }
    let rest = &text[at..];
    let len = rest
        .char_indices()
        .find(|(_, c)| !is_alpha(c))
        .map(|(k, _)| k)
        .unwrap_or(rest.len());
    let w = &rest[..len];
    // Lowercasing never makes a word shorter in chars; starters have at most 4.
    if w.is_empty() || w.chars().nth(4).is_some() {
        return false;
    }
    if STARTERS.contains(&w) {
        return true;
    }
    if is_own_lowercase(w) {
        return false;
    }
    buf.clear();
    for c in w.chars() {
        buf.extend(c.to_lowercase());
    }
    STARTERS.contains(&buf.as_str())
}

/// The words a number in words can start with: the digit words but `mốt`,
/// `tư`, `lăm`, `nhăm`, `không`, `linh` and `lẻ` (which only follow
/// another word), and `mười`.
const STARTERS: &[&str] = &[
    "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "bẩy", "tám", "chín", "mười",
];

/// The first letters of [`STARTERS`], all ASCII (checked when compiling).
const STARTER_FIRST: [bool; 128] = {
    let mut m = [false; 128];
    let mut i = 0;
    while i < STARTERS.len() {
        let b = STARTERS[i].as_bytes()[0];
        assert!(b.is_ascii_lowercase());
        m[b as usize] = true;
        i += 1;
    }
    m
};

/// The second letters of [`STARTERS`] that are ASCII (`a`, `h`).
const STARTER_SECOND: [bool; 128] = {
    let mut m = [false; 128];
    let mut i = 0;
    while i < STARTERS.len() {
        let b = STARTERS[i].as_bytes()[1];
        if b < 0x80 {
            m[b as usize] = true;
        }
        i += 1;
    }
    m
};

/// Whether `w` is a word of lowercase letters (ASCII, Latin-1 and the Latin
/// Extended blocks, where the only letters that lowercasing changes are the
/// uppercase ones), so its own lowercase.
fn is_own_lowercase(w: &str) -> bool {
    w.chars().all(|c| {
        c.is_ascii_lowercase()
            || (matches!(c as u32, 0xC0..=0x1BF | 0x1E00..=0x1EFF)
                && !crate::normalize::fold::alpha_upper(c).1)
    })
}

/// How many words [`scan`] reads for a run of number words.
const WORDS_MAX: usize = 8;

/// The spans of up to `spans.len()` space-separated words from byte `at`
/// (as [`words_from`]) written into `spans`; returns how many.
fn spans_from(text: &str, at: usize, spans: &mut [(usize, usize)]) -> usize {
    let mut count = 0;
    let mut pos = at;
    while count < spans.len() && pos < text.len() {
        let rest = &text[pos..];
        let len: usize = rest
            .char_indices()
            .find(|(_, c)| !is_alpha(c))
            .map(|(k, _)| k)
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        spans[count] = (pos, pos + len);
        count += 1;
        pos += len;
        // Only a single space continues a run of number words.
        if text[pos..].starts_with(' ') {
            pos += 1;
        } else {
            break;
        }
    }
    count
}

/// Up to `n` space-separated words from byte `at`, with their spans.
#[cfg(test)]
fn words_from(text: &str, at: usize, n: usize) -> (Vec<&str>, Vec<(usize, usize)>) {
    let mut words = Vec::new();
    let mut spans = Vec::new();
    let mut pos = at;
    while words.len() < n && pos < text.len() {
        let rest = &text[pos..];
        let len: usize = rest
            .char_indices()
            .find(|(_, c)| !is_alpha(c))
            .map(|(k, _)| k)
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        words.push(&text[pos..pos + len]);
        spans.push((pos, pos + len));
        pos += len;
        // Only a single space continues a run of number words.
        if text[pos..].starts_with(' ') {
            pos += 1;
        } else {
            break;
        }
    }
    (words, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The general parse before it walked instead of collecting: the oracle
    /// of [`parse_digits_general`].
    fn parse_digits_general_collected(s: &str) -> Option<f64> {
        let s = s.trim();
        if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return None;
        }
        let dot_groups: Vec<&str> = s.split('.').collect();
        let thousands = dot_groups.len() > 1
            && dot_groups[1..].iter().enumerate().all(|(i, g)| {
                let digits = g.split(',').next().unwrap_or("");
                digits.len() == 3
                    && digits.chars().all(|c| c.is_ascii_digit())
                    && (i + 2 == dot_groups.len() || !g.contains(','))
            })
            && dot_groups[0].len() <= 3
            && !dot_groups[0].contains(',');
        let canonical: String = if thousands {
            s.replace('.', "").replace(',', ".")
        } else if s.contains(',') && s.contains('.') {
            return None;
        } else {
            s.replace(',', ".")
        };
        if canonical.matches('.').count() > 1 || canonical.ends_with('.') {
            return None;
        }
        canonical.parse::<f64>().ok()
    }

    #[test]
    fn general_parse_is_the_collected_parse() {
        let long = format!("{}.5", "1".repeat(100));
        let longer = "123.".repeat(30) + "456,7";
        for t in [
            "",
            " ",
            ".",
            ",",
            "1",
            "1.000",
            "1.000.000",
            "1.000,5",
            "1,000.5",
            "12,5",
            "1.5",
            "1.50",
            "1234.567",
            "1.2345",
            "12.345,67",
            "1.000,5,6",
            "1..000",
            "1.",
            "1,",
            "1.000.",
            ".5",
            "0,5",
            "1.000,",
            "1,2,3",
            "1.234.5",
            "١٢",
            "1 000",
            "12a",
            "  12.345  ",
            "999.999.999.999.999.999.999",
            long.as_str(),
            longer.as_str(),
            "năm",
            "1.000%",
        ] {
            assert_eq!(
                parse_digits_general(t),
                parse_digits_general_collected(t),
                "{t:?}"
            );
        }
    }

    proptest::proptest! {
        /// The same on random strings of digits, dots, commas and spaces.
        #[test]
        fn general_parse_is_the_collected_parse_on_random_text(t in "[0-9., ]{0,90}") {
            let (got, want) = (parse_digits_general(&t), parse_digits_general_collected(&t));
            proptest::prop_assert!(got == want || got.is_some_and(f64::is_nan) && want.is_some_and(f64::is_nan), "{:?}", t);
        }
    }
    #[test]
    fn scan_into_a_used_list_is_the_scan() {
        let mut out = Vec::new();
        let texts = [
            "Đạt 70% số xã; 2.000 người",
            "",
            "hai mươi lăm 10/10 xã",
            "20/6/2025",
        ];
        for t in texts.iter().chain(texts.iter().rev()) {
            scan_into(t, &mut out);
            assert_eq!(out, scan(t), "{t:?}");
        }
    }

    #[test]
    fn starters_are_digit_words_or_muoi() {
        for w in STARTERS {
            assert!(*w == "mười" || digit_word(w).is_some(), "{w}");
            // (What `may_start_number` tests first.)
            let second = w.chars().nth(1).unwrap();
            assert!(!second.is_ascii() || matches!(second, 'a' | 'h'), "{w}");
        }
    }

    /// [`latin_letter_len`] names letters only, with their length, and
    /// every char of the blocks it reads.
    #[test]
    fn latin_letter_len_is_the_letters_of_its_blocks() {
        let mut named = 0;
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let in_blocks = matches!(c as u32, 0xC0..=0x1BF | 0x1E00..=0x1EFF);
            match latin_letter_len(b, 0) {
                Some(len) => {
                    assert!(in_blocks && is_alpha(&c) && is_alnum(c), "{c:?}");
                    assert_eq!(len, c.len_utf8(), "{c:?}");
                    named += 1;
                }
                None => assert!(!in_blocks || !is_alnum(c), "{c:?}"),
            }
        }
        assert_eq!(named, 0x1BF - 0xC0 + 1 - 2 + 0x100);
    }

    #[test]
    fn byte_classes_are_the_ascii_tests() {
        for x in 0..=255u8 {
            let want = if x.is_ascii_digit() {
                DIGIT
            } else if (x as char).is_ascii_alphabetic() {
                LETTER
            } else if x >= 0x80 {
                HIGH
            } else {
                OTHER
            };
            assert_eq!(BYTE_CLASS[usize::from(x)], want, "{x}");
        }
    }

    /// [`word_end`] as it was: every char that is not ASCII decoded.
    fn word_end_by_chars(text: &str, i: usize) -> usize {
        let bytes = text.as_bytes();
        let mut j = i;
        while let Some(&x) = bytes.get(j) {
            if x < 0x80 {
                if !x.is_ascii_alphanumeric() {
                    break;
                }
                j += 1;
            } else {
                match text[j..].chars().next() {
                    Some(c) if is_alnum(c) => j += c.len_utf8(),
                    _ => break,
                }
            }
        }
        j
    }

    fn check_word_end(text: &str) {
        for i in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(
                word_end(text, i),
                word_end_by_chars(text, i),
                "{text:?} {i}"
            );
        }
    }

    #[test]
    fn word_end_is_the_end_of_the_alnum_run_on_the_plans() {
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                check_word_end(line);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_end_is_the_end_of_the_alnum_run(text in "\\PC{0,24}") {
            check_word_end(&text);
        }
    }

    proptest::proptest! {
        /// [`spans_from`] finds the spans [`words_from`] does, and a word
        /// [`is_own_lowercase`] passes is its own lowercase.
        #[test]
        fn spans_from_is_words_from(
            text in "[a-zA-ZàáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹÀÁĐƯỨ .,0-9]{0,40}",
            at in 0usize..40,
        ) {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let (words, spans) = words_from(&text, at, WORDS_MAX);
            let mut got = [(0, 0); WORDS_MAX];
            let n = spans_from(&text, at, &mut got);
            proptest::prop_assert_eq!(&got[..n], &spans[..]);
            for w in words {
                if is_own_lowercase(w) {
                    proptest::prop_assert_eq!(w.to_lowercase(), w);
                }
            }
        }
    }

    proptest::proptest! {
        /// Digits alone parse as the general parse reads them.
        #[test]
        fn digits_alone_parse_as_in_general(s in "[0-9]{1,20}") {
            proptest::prop_assert_eq!(parse_digits(&s), parse_digits_general(&s));
        }
    }

    /// The chars [`may_start_number`] takes as their own lowercase are.
    #[test]
    fn latin_chars_that_are_not_uppercase_are_their_own_lowercase() {
        for c in (0xC0..=0x1BF)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32)
        {
            if !crate::normalize::fold::alpha_upper(c).1 {
                assert!(c.to_lowercase().eq([c]), "{c:?}");
            }
        }
    }

    /// [`may_start_number`] as it was: every word lowercased and compared.
    fn may_start_number_by_lowercase(text: &str, at: usize) -> bool {
        let first = text.as_bytes().get(at).map_or(0, u8::to_ascii_lowercase);
        if !STARTER_FIRST.get(first as usize).copied().unwrap_or(false) {
            return false;
        }
        let rest = &text[at..];
        let len = rest
            .char_indices()
            .find(|(_, c)| !is_alpha(c))
            .map(|(k, _)| k)
            .unwrap_or(rest.len());
        let w = &rest[..len];
        if w.is_empty() || w.chars().nth(4).is_some() {
            return false;
        }
        let lower: String = w.chars().flat_map(char::to_lowercase).collect();
        STARTERS.contains(&lower.as_str())
    }

    proptest::proptest! {
        #[test]
        fn may_start_number_is_the_lowercase_test(
            w in "(một|MỘT|Một|hai|HAi|ba|bốn|BỐN|năm|NĂM|sáu|bảy|bẩy|BẨY|tám|chín|CHÍN|mười|MƯỜI|[mhbnstc]\\PC{0,4}|[mhbnstcMHBNSTC][a-zA-Z]\\PC{0,3}|[a-zđơư]{0,4}|[A-ZĐƠƯ]{0,4}|\\PC{0,3})"
        ) {
            let mut buf = String::new();
            proptest::prop_assert_eq!(may_start_number(&w, 0, &mut buf), may_start_number_by_lowercase(&w, 0));
        }
    }

    /// [`word_and_start`] answers [`word_end`] and [`may_start_number`] at
    /// every char of `text`.
    fn check_word_and_start(text: &str) {
        let mut buf = String::new();
        for i in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let want = (word_end(text, i), may_start_number(text, i, &mut buf));
            assert_eq!(word_and_start(text, i, &mut buf), want, "{text:?} {i}");
        }
    }

    #[test]
    fn word_and_start_is_word_end_and_may_start_number_on_the_plans() {
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                check_word_and_start(line);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_and_start_is_word_end_and_may_start_number(
            text in "(một|MỘT|Một|hai|HAi|ba|bốn|năm|NĂM|bẩy|mười|MƯỜI|[mhbnstc]\\PC{0,4}|[mhbnstcMHBNSTC][a-zA-Z0-9]\\PC{0,3}|[a-zđơư0-9 ]{0,6}|\\PC{0,8}){0,4}"
        ) {
            check_word_and_start(&text);
        }
    }

    #[test]
    fn every_starter_passes_the_first_letter_test() {
        let mut buf = String::new();
        for w in [
            "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "bẩy", "tám", "chín", "mười", "Một",
            "HAI", "Mười",
        ] {
            assert!(may_start_number(w, 0, &mut buf), "{w}");
        }
        for w in ["mốt", "tư", "lăm", "không", "nghìn", "phấn", "Ủy"] {
            assert!(!may_start_number(w, 0, &mut buf), "{w}");
        }
    }

    #[test]
    fn only_starters_are_tried() {
        // Every word a number can start with passes the quick test, in any
        // case; the words that cannot start one do not.
        let mut buf = String::new();
        for w in [
            "không", "linh", "lẻ", "một", "mốt", "hai", "ba", "bốn", "tư", "năm", "lăm", "nhăm",
            "sáu", "bảy", "bẩy", "tám", "chín", "mười", "mươi", "trăm", "nghìn", "ngàn", "triệu",
            "tỷ", "tỉ", "người", "Một", "MƯỜI", "BẢY",
        ] {
            let lower = w.to_lowercase();
            let starts = parse_words(&[lower.as_str()]).is_some()
                || parse_words(&[lower.as_str(), "mươi"]).is_some()
                || parse_words(&[lower.as_str(), "trăm"]).is_some();
            assert_eq!(may_start_number(w, 0, &mut buf), starts, "{w}");
        }
    }

    #[test]
    fn digits() {
        let cases = [
            ("2.000", Some(2000.0)),
            ("37.800", Some(37800.0)),
            ("1.234.567", Some(1234567.0)),
            ("1,5", Some(1.5)),
            ("03", Some(3.0)),
            ("100", Some(100.0)),
            ("0,5", Some(0.5)),
            ("2.500,5", Some(2500.5)),
            ("1.5", Some(1.5)),
            ("abc", None),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_digits(s), want, "{s}");
        }
    }

    fn words(s: &str) -> Option<f64> {
        let w: Vec<&str> = s.split(' ').collect();
        parse_words(&w).map(|(v, n)| {
            assert_eq!(n, w.len(), "{s} used {n} words");
            v
        })
    }

    #[test]
    fn number_words() {
        let cases = [
            ("một", 1.0),
            ("hai mươi", 20.0),
            ("ba mươi ba", 33.0),
            ("mười bốn", 14.0),
            ("mười lăm", 15.0),
            ("hai mươi lăm", 25.0),
            ("ba mươi mốt", 31.0),
            ("hai mươi tư", 24.0),
            ("năm nghìn", 5000.0),
            ("năm ngàn", 5000.0),
            ("hai trăm nghìn", 200_000.0),
            ("một tỷ", 1e9),
            ("một trăm linh năm", 105.0),
            ("ba trăm hai mươi", 320.0),
            ("hai nghìn năm trăm", 2500.0),
            ("mười", 10.0),
            ("chín mươi chín", 99.0),
        ];
        for (s, want) in cases {
            assert_eq!(words(s), Some(want), "{s}");
        }
    }

    #[test]
    fn not_number_words() {
        assert_eq!(parse_words(&["tư", "pháp"]), None);
        assert_eq!(parse_words(&["lăm"]), None);
        assert_eq!(parse_words(&["mươi"]), None);
        assert_eq!(parse_words(&["nghìn"]), None);
        assert_eq!(parse_words(&["người"]), None);
        // `năm năm` is two numbers (or a number and a year word), not 55.
        assert_eq!(parse_words(&["năm", "năm"]), Some((5.0, 1)));
    }

    #[test]
    fn scans_digits_ratios_and_skips_references() {
        let t = "cho 2.000 người; 10/10 huyện; Kế hoạch số 184/KH-UBND ngày 17/11/2021; B93; 1,5%";
        let got: Vec<(f64, Form)> = scan(t)
            .into_iter()
            .filter(|n| n.form != Form::Words)
            .map(|n| (n.value, n.form))
            .collect();
        assert_eq!(
            got,
            vec![
                (2000.0, Form::Digits),
                (10.0, Form::Ratio),
                (1.5, Form::Digits)
            ]
        );
    }

    #[test]
    fn scans_words_with_spans() {
        let t = "ít nhất hai mươi lăm phần trăm";
        let n: Vec<Number> = scan(t)
            .into_iter()
            .filter(|n| n.form == Form::Words)
            .collect();
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].value, 25.0);
        assert_eq!(&t[n[0].start..n[0].end], "hai mươi lăm");
    }
}
