//! The document's identity card: title, locality and its level, provinces
//! before and after 2025, period, issuer, number, date and the parent plans it
//! implements. From the text only, never the file name.

use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::normalize::fold;
use crate::normalize::fold::{alpha_upper, base_letter, fold_prefix, is_alnum, plain_latin_len};
use crate::patterns::{Table, TableError};

/// documents.csv fields that describe the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub title: String,
    pub locality: String,
    /// `national`, `province`, `district`, `commune`, or empty when unknown.
    pub locality_level: String,
    pub province: String,
    pub province_current: String,
    pub year_start: Option<i32>,
    pub year_end: Option<i32>,
    pub issuer: String,
    pub plan_number: String,
    /// ISO `YYYY-MM-DD`, empty where the day is left blank.
    pub issue_date: String,
    pub parent_refs: Vec<String>,
    /// Things noticed on the way (ambiguous place names ...).
    pub warnings: Vec<String>,
}

/// One unit of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `province`, `district` or `commune`.
    pub level: String,
    /// `old` (before the 2025 reform) or `new`.
    pub era: String,
    /// Lowercase type word: `tỉnh`, `thành phố`, `huyện`, `phường` ...
    pub kind: String,
    pub name: String,
    pub district: String,
    pub province: String,
    pub province_current: String,
}

/// Vietnam's administrative units (`patterns/gazetteer.tsv`), indexed by folded
/// name.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub places: Vec<Place>,
    by_name: FxHashMap<String, Vec<usize>>,
}

impl Gazetteer {
    pub fn from_table(t: &Table) -> Result<Gazetteer, TableError> {
        let cols = [
            "level",
            "era",
            "type",
            "name",
            "district",
            "province",
            "province_current",
        ]
        .map(|c| t.col(c));
        let mut idx = [0usize; 7];
        for (i, c) in cols.into_iter().enumerate() {
            idx[i] = c?;
        }
        let mut g = Gazetteer::default();
        for row in &t.rows {
            let get = |i: usize| t.get(row, idx[i]).to_string();
            let place = Place {
                level: get(0),
                era: get(1),
                kind: get(2),
                name: get(3),
                district: get(4),
                province: get(5),
                province_current: get(6),
            };
            if !matches!(place.level.as_str(), "province" | "district" | "commune") {
                return Err(t.error(row, format!("unknown level `{}`", place.level)));
            }
            g.by_name
                .entry(fold(&place.name))
                .or_default()
                .push(g.places.len());
            g.places.push(place);
        }
        Ok(g)
    }

    /// Every unit with this name (any case, any tone placement).
    pub fn lookup(&self, name: &str) -> impl Iterator<Item = &Place> {
        self.by_name
            .get(&fold(name))
            .into_iter()
            .flatten()
            .map(|&i| &self.places[i])
    }

    /// The current (post-2025) province of an old or new province name.
    pub fn current_province(&self, province: &str) -> Option<&str> {
        self.lookup(province)
            .find(|p| p.level == "province")
            .map(|p| p.province_current.as_str())
    }
}

/// The issuing bodies of `patterns/issuers.tsv`.
#[derive(Debug, Clone, Default)]
pub struct Issuers {
    /// (folded form with its dashes unspaced, canonical name, national),
    /// longest form first.
    forms: Vec<(String, String, bool)>,
}

impl Issuers {
    pub fn from_table(t: &Table) -> Result<Issuers, TableError> {
        let (cf, cc, cl) = (t.col("form")?, t.col("canonical")?, t.col("level")?);
        let mut forms: Vec<(String, String, bool)> = t
            .rows
            .iter()
            .map(|r| {
                (
                    fold(t.get(r, cf)),
                    t.get(r, cc).to_string(),
                    t.get(r, cl) == "national",
                )
            })
            .collect();
        forms.sort_by_key(|f| std::cmp::Reverse(f.0.chars().count()));
        for f in &mut forms {
            f.0 = normalize_dashes(&f.0);
        }
        Ok(Issuers { forms })
    }

    /// The canonical body a phrase starts with, the number of chars it covers,
    /// and whether it is national.
    fn at_start(&self, phrase: &str) -> Option<(&str, usize, bool)> {
        let f = fold(phrase);
        let f = normalize_dashes(&f);
        let chars: Vec<char> = phrase.chars().collect();
        self.forms.iter().find_map(|(form, canon, national)| {
            if !(f.starts_with(form.as_str())
                && f[form.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric()))
            {
                return None;
            }
            // How many chars of the phrase as written the form covers (dashes
            // may be spaced differently). Fold keeps the char count and
            // `normalize_dashes` only removes chars, so a head of fewer
            // chars than the form cannot fold to it.
            let n = (form.chars().count().max(1)..=chars.len()).find(|&k| {
                let head: String = chars[..k].iter().collect();
                normalize_dashes(&fold(&head)) == *form
            })?;
            Some((canon.as_str(), n, *national))
        })
    }
}

fn normalize_dashes(s: &str) -> String {
    s.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
}

/// The administrative type words, longest first, with the levels they can
/// name.
const TYPE_WORDS: &[(&str, &[&str])] = &[
    ("thành phố", &["province", "district"]),
    ("thị trấn", &["commune"]),
    ("thị xã", &["district"]),
    ("phường", &["commune"]),
    ("huyện", &["district"]),
    ("quận", &["district"]),
    ("tỉnh", &["province"]),
    ("đặc khu", &["commune"]),
    ("xã", &["commune"]),
];

struct Res {
    number: Regex,
    date_words: Regex,
    date_slash: Regex,
    years_range: Regex,
    year: Regex,
    so_line: Regex,
    plan_with_decision: Regex,
    issuer_verb: Regex,
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    R.get_or_init(|| Res {
        number: Regex::new(r"(\d+)\s*/\s*(?:(\d{4})\s*/\s*)?([A-ZĐ][A-ZĐa-zđ0-9&]*(?:\s*-\s*[A-ZĐ][A-ZĐa-zđ0-9&]*)*)").unwrap(),
        date_words: Regex::new(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").unwrap(),
        date_slash: Regex::new(r"(?i)ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})").unwrap(),
        years_range: Regex::new(r"((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)").unwrap(),
        year: Regex::new(r"(?i)năm\s+((?:19|20)\d\d)").unwrap(),
        so_line: Regex::new(r"(?i)^số\s*:?\s*(.*)$").unwrap(),
        plan_with_decision: Regex::new(r"(?i)kèm theo\s+quyết định\s+(?:số\s*:?\s*)?([^\s,;)]*)").unwrap(),
        issuer_verb: Regex::new(r"\s(?:xây dựng|ban hành|triển khai|thực hiện)\s+(?:[Kk]ế hoạch|KẾ HOẠCH)").unwrap(),
    })
}

use std::sync::OnceLock;

use regex::Regex;

use crate::normalize::{is_caps_line, Normalized};
use crate::patterns::Patterns;
use crate::segment::{Block, Outline};

/// A type word and the name after it, found in a phrase.
#[derive(Debug, Clone)]
struct PlaceMention {
    kind: &'static str,
    name: String,
}

/// Every `<type word> <Name>` mention in a phrase, where Name is one to five
/// capitalised words (or a number, for numbered wards).
///
/// Text of plain chars only (nearly all: see [`place_mentions_plain`]) is
/// read as written; other text through its whole fold
/// ([`place_mentions_folded`]).
fn place_mentions(text: &str) -> Vec<PlaceMention> {
    place_mentions_plain(text).unwrap_or_else(|| place_mentions_folded(text))
}

/// The chars of the longest type word and the one after it: what a window
/// of the fold must hold to tell a type word.
const TYPE_WINDOW: usize = {
    let mut most = 0;
    let mut k = 0;
    while k < TYPE_WORDS.len() {
        // Chars, by the bytes that start one.
        let b = TYPE_WORDS[k].0.as_bytes();
        let (mut n, mut i) = (0, 0);
        while i < b.len() {
            if b[i] & 0xC0 != 0x80 {
                n += 1;
            }
            i += 1;
        }
        if n > most {
            most = n;
        }
        k += 1;
    }
    most + 1
};

/// The first letter of each type word (toneless, so its own base letter:
/// checked in the tests).
const TYPE_FIRST: [char; TYPE_WORDS.len()] = {
    let mut t = ['\0'; TYPE_WORDS.len()];
    let mut k = 0;
    while k < TYPE_WORDS.len() {
        // The first char, decoded from its UTF-8 bytes (at most three here).
        let b = TYPE_WORDS[k].0.as_bytes();
        let c = if b[0] < 0x80 {
            b[0] as u32
        } else if b[0] < 0xE0 {
            ((b[0] as u32 & 0x1F) << 6) | (b[1] as u32 & 0x3F)
        } else {
            ((b[0] as u32 & 0x0F) << 12) | ((b[1] as u32 & 0x3F) << 6) | (b[2] as u32 & 0x3F)
        };
        t[k] = match char::from_u32(c) {
            Some(c) => c,
            None => panic!("a type word starts with a bad char"),
        };
        k += 1;
    }
    t
};

/// [`place_mentions`] of a text whose chars are all plain
/// ([`plain_len`]: ASCII, Latin-1, Latin Extended, the precomposed
/// Vietnamese letters, General Punctuation); `None` for any other text.
///
/// Such text is NFC, so its fold has one char for each of its chars: a
/// letter of the same base letter for each letter (fold lowercases and
/// moves tones), the char itself for any other. A type word can only
/// start at a word start whose text has that shape ([`TypeShape::fits_after_first`]);
/// only there is the text folded, and only its next [`TYPE_WINDOW`] chars
/// and the rest of their word ([`fold_prefix`]: fold works word by word,
/// so at a word start that is how the fold of the rest of the text
/// begins).
fn place_mentions_plain(text: &str) -> Option<Vec<PlaceMention>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut ti = 0;
    let mut prev_alnum = false;
    while ti < b.len() {
        let x = b[ti];
        // Inside a word of ASCII letters and digits (most bytes).
        if prev_alnum && x.is_ascii_alphanumeric() {
            ti += 1;
            continue;
        }
        let len = plain_len(b, ti)?;
        let c = if x < 0x80 {
            x as char
        } else {
            text[ti..].chars().next().unwrap_or(' ')
        };
        // (The first letters first: most words start with none of them.)
        let first = if prev_alnum {
            None
        } else if x < 0x80 {
            TYPE_FIRST_ASCII[usize::from(x)].then(|| x.to_ascii_lowercase() as char)
        } else {
            Some(base_letter(c)).filter(|f| TYPE_FIRST.contains(f))
        };
        if let Some(first) = first.filter(|_| alpha_upper(c).0) {
            let rest = &text[ti..];
            // (The first char is a letter of base letter `first`: what the
            // shape's first char asks.)
            let after = &rest[c.len_utf8()..];
            let mut window: Option<String> = None;
            let matched = type_shapes().iter().find(|shape| {
                shape.first == first && shape.fits_after_first(after) && {
                    let tw = shape.word;
                    let w = window.get_or_insert_with(|| fold_prefix(rest, TYPE_WINDOW));
                    w.starts_with(tw)
                        && w[tw.len()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_whitespace)
                }
            });
            let matched = matched.map(|shape| shape.word);
            if let Some(tw) = matched {
                ti = push_mention(&mut out, text, ti, tw);
                prev_alnum = tw.chars().last().is_some_and(is_alnum);
                continue;
            }
        }
        prev_alnum = if x < 0x80 {
            x.is_ascii_alphanumeric()
        } else {
            is_alnum(c)
        };
        ti += len;
    }
    Some(out)
}

/// The byte length of the char at `b[i]` when it is plain for
/// [`place_mentions_plain`]: a char of [`plain_latin_len`] or of General
/// Punctuation (U+2002..U+206F: dashes, quotes, spaces; U+2000 and U+2001
/// are left out, NFC maps them to others), judged from its first bytes.
fn plain_len(b: &[u8], i: usize) -> Option<usize> {
    plain_latin_len(b, i).or_else(|| {
        let punct = b.get(i) == Some(&0xE2)
            && matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0x82..=0xBF)) | (Some(0x81), Some(0x80..=0xAF))
            );
        punct.then_some(3)
    })
}

/// A type word (folded) as [`place_mentions_plain`] tests text against
/// it: its first letter, and each of its chars as the base letter of a
/// letter or as the char itself.
struct TypeShape {
    word: &'static str,
    first: char,
    /// The chars after the first.
    rest: Vec<(bool, char)>,
}

impl TypeShape {
    /// Whether plain text `after` (the text after a first char that is a
    /// letter of base letter [`TypeShape::first`]) has the shape of the
    /// rest of the type word and a space after it, so that the fold of
    /// the whole may start with the word and the space: a letter of the
    /// same base letter where the word has a letter, the same char where
    /// it has another, then whitespace.
    fn fits_after_first(&self, after: &str) -> bool {
        let mut chars = after.chars();
        for &(letter, t) in &self.rest {
            let Some(c) = chars.next() else {
                return false;
            };
            let same = if letter {
                alpha_upper(c).0 && base_letter(c) == t
            } else {
                c == t
            };
            if !same {
                return false;
            }
        }
        chars.next().is_some_and(char::is_whitespace)
    }
}

/// The [`TypeShape`]s of [`TYPE_WORDS`], in their order.
fn type_shapes() -> &'static [TypeShape] {
    static S: OnceLock<Vec<TypeShape>> = OnceLock::new();
    S.get_or_init(|| {
        TYPE_WORDS
            .iter()
            .zip(TYPE_FIRST)
            .map(|(&(word, _), first)| TypeShape {
                word,
                first,
                rest: word
                    .chars()
                    .skip(1)
                    .map(|t| {
                        let letter = alpha_upper(t).0;
                        (letter, if letter { base_letter(t) } else { t })
                    })
                    .collect(),
            })
            .collect()
    })
}

/// Which ASCII bytes can start a type word: a letter whose lowercase is a
/// type word's first letter.
const TYPE_FIRST_ASCII: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < TYPE_WORDS.len() {
        let b = TYPE_WORDS[k].0.as_bytes()[0];
        if b.is_ascii_lowercase() {
            t[b as usize] = true;
            t[b.to_ascii_uppercase() as usize] = true;
        }
        k += 1;
    }
    t
};

/// Pushes the mention of the type word `tw` that starts at byte `ti` of
/// `text` when capitalised words (its name) follow it; returns the byte
/// offset after the type word.
fn push_mention(out: &mut Vec<PlaceMention>, text: &str, ti: usize, tw: &'static str) -> usize {
    let after = (0..tw.chars().count()).fold(ti, |t, _| next_char(text, t));
    let name = name_after(text, after);
    if !name.is_empty() {
        out.push(PlaceMention {
            kind: tw,
            name: name.join(" "),
        });
    }
    after
}

/// [`place_mentions`] of any text.
///
/// The type word is looked for in the fold of the phrase and the name read
/// from the phrase as written, at the same char position (the fold keeps
/// one char for each char of NFC text); both are walked in step by byte
/// offsets.
fn place_mentions_folded(text: &str) -> Vec<PlaceMention> {
    let mut out = Vec::new();
    let f = fold(text);
    let fb = f.as_bytes();
    // Byte offsets of the same char position in `f` and in `text`.
    let (mut fi, mut ti) = (0, 0);
    let mut prev_alnum = false;
    while fi < fb.len() {
        let x = fb[fi];
        let c = if x < 0x80 {
            x as char
        } else {
            f[fi..].chars().next().unwrap_or(' ')
        };
        let mut matched = None;
        // (The first letters first: most words start with none of them.)
        if !prev_alnum && TYPE_WORDS.iter().any(|(tw, _)| tw.starts_with(c)) {
            matched = TYPE_WORDS.iter().map(|(tw, _)| *tw).find(|tw| {
                f[fi..].starts_with(tw)
                    && f[fi + tw.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_whitespace)
            });
        }
        let Some(tw) = matched else {
            fi += c.len_utf8();
            ti = next_char(text, ti);
            prev_alnum = if x < 0x80 {
                x.is_ascii_alphanumeric()
            } else {
                is_alnum(c)
            };
            continue;
        };
        let after = push_mention(&mut out, text, ti, tw);
        fi += tw.len();
        ti = after;
        prev_alnum = tw.chars().last().is_some_and(is_alnum);
    }
    out
}

/// The byte offset of the char after the one at byte `at` of `text` (a
/// char boundary), or the end.
fn next_char(text: &str, at: usize) -> usize {
    let width = match text.as_bytes().get(at) {
        None => return text.len(),
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b < 0xE0 => 2,
        Some(&b) if b < 0xF0 => 3,
        Some(_) => 4,
    };
    at + width
}

/// The name words from byte `j` of `text` on: up to five words starting
/// with a capital or a digit, `-` kept between the parts of a hyphenated
/// name (`Bà Rịa - Vũng Tàu`), none at the end.
fn name_after(text: &str, mut j: usize) -> Vec<&str> {
    let b = text.as_bytes();
    let mut words: Vec<&str> = Vec::new();
    loop {
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        let start = j;
        while let Some(c) = text[j..].chars().next() {
            if !(is_alnum(c) || c == '\'') {
                break;
            }
            j += c.len_utf8();
        }
        if start == j {
            break;
        }
        let w = &text[start..j];
        let first = w.chars().next().unwrap_or(' ');
        if !(first.is_uppercase() || first.is_ascii_digit()) || words.len() >= 5 {
            break;
        }
        words.push(w);
        let mut k = j;
        while b.get(k) == Some(&b' ') {
            k += 1;
        }
        if b.get(k) == Some(&b'-') {
            j = k + 1;
            words.push("-");
        }
    }
    while words.last() == Some(&"-") {
        words.pop();
    }
    words
}

/// Capitalises a caps-locked phrase's words as a sentence (`ỦY BAN` -> `Ủy ban`).
fn sentence_case(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == 0 {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The era of the gazetteer a plan's places are looked up in.
fn new_era(year: Option<i32>, issue_date: &str) -> Option<bool> {
    if let Some(y) = issue_date.get(..7) {
        return Some(y >= "2025-07");
    }
    match year {
        Some(y) if y >= 2026 => Some(true),
        Some(y) if y <= 2024 => Some(false),
        _ => None,
    }
}

/// Resolves a place mention against the gazetteer: the best unit of a
/// compatible type, preferring the era of the plan and a province the text
/// names. `None` when unknown or ambiguous (with the reason).
fn resolve<'g>(
    g: &'g Gazetteer,
    m: &PlaceMention,
    era_new: Option<bool>,
    places_named: &[String],
) -> Result<&'g Place, String> {
    let levels = TYPE_WORDS
        .iter()
        .find(|(t, _)| *t == m.kind)
        .map(|(_, l)| *l)
        .unwrap_or(&[]);
    // Try the full name, then shorter prefixes (the name may run into the
    // next words: `Hà Nội Năm`).
    let words: Vec<&str> = m.name.split(' ').collect();
    for n in (1..=words.len()).rev() {
        let name = words[..n].join(" ");
        let mut cands: Vec<&Place> = g
            .lookup(&name)
            .filter(|p| levels.contains(&p.level.as_str()))
            .filter(|p| {
                // The type word must fit: `thành phố` names a province-level or
                // a provincial city; `huyện` a district.
                p.kind == m.kind
                    || (m.kind == "thành phố" && p.level == "province" && p.kind == "thành phố")
            })
            .collect();
        if cands.is_empty() {
            continue;
        }
        if let Some(new) = era_new {
            let want = if new { "new" } else { "old" };
            if cands.iter().any(|p| p.era == want) {
                cands.retain(|p| p.era == want);
            }
        } else if cands.iter().any(|p| p.era == "old") {
            cands.retain(|p| p.era == "old");
        }
        // Narrow by the places the text names: a district, an old province,
        // then a current province.
        type Field = fn(&Place) -> &str;
        let fields: [Field; 3] = [|p| &p.district, |p| &p.province, |p| &p.province_current];
        for field in fields {
            if cands.len() <= 1 {
                break;
            }
            let named: Vec<&Place> = cands
                .iter()
                .copied()
                .filter(|p| {
                    let v = fold(field(p));
                    !v.is_empty() && places_named.iter().any(|n| fold(n) == v)
                })
                .collect();
            if !named.is_empty() {
                cands = named;
            }
        }
        // Same unit in both eras or listed twice: keep distinct provinces.
        let mut provinces: Vec<&str> = cands.iter().map(|p| p.province.as_str()).collect();
        provinces.sort_unstable();
        provinces.dedup();
        if provinces.len() == 1 {
            return Ok(cands[0]);
        }
        return Err(format!(
            "{} {} is in several provinces ({}); the text names none of them",
            m.kind,
            name,
            provinces.join(", ")
        ));
    }
    Err(format!("{} {} is not in the gazetteer", m.kind, m.name))
}

/// Normalizes a document number as written (`05/KH- LĐTBXH` -> `05/KH-LĐTBXH`).
fn clean_ref(c: &regex::Captures) -> String {
    let mut s = c[1].to_string();
    s.push('/');
    if let Some(y) = c.get(2) {
        s.push_str(y.as_str());
        s.push('/');
    }
    s.push_str(&c[3].split_whitespace().collect::<String>());
    s
}

/// Whether a cited number is a legal basis (law, ordinance, decree), which
/// parent_refs leaves out.
fn is_legal_basis(number: &str, before: &str) -> bool {
    let n = number.to_uppercase();
    if n.contains("NĐ-CP") || n.contains("/QH") || n.contains("PL-UBTVQH") || n.ends_with("/QH") {
        return true;
    }
    let b = fold(before);
    let tail: String = b
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.contains("luật") || tail.contains("pháp lệnh") || tail.contains("nghị định")
}

/// Whether the fold of `text` may start with the folded `phrase`, as far as
/// the ASCII chars of `text` that stand where `phrase` has its opening ASCII
/// letters tell: fold keeps an ASCII char but for lowercasing a letter or
/// giving a vowel a tone (a char that is not ASCII), so an ASCII letter of
/// the phrase only comes from the same letter, in either case.
fn may_fold_to(text: &str, phrase: &str) -> bool {
    text.bytes()
        .zip(phrase.bytes())
        .take_while(|(a, b)| a.is_ascii() && b.is_ascii_alphabetic())
        .all(|(a, b)| a.to_ascii_lowercase() == b)
}

/// Whether the fold of `text` starts with one of the folded `phrases` (of
/// at most 12 chars): only the fold of its first 12 chars and the rest of
/// their word is made, and only when [`may_fold_to`] leaves a phrase.
fn opens_with(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| may_fold_to(text, p)) && {
        let ft = fold_prefix(text, 12);
        phrases.iter().any(|p| ft.starts_with(p))
    }
}

/// Extracts the metadata of a document.
pub fn extract(norm: &Normalized, outline: &Outline, patterns: &Patterns) -> Metadata {
    let r = res();
    let g = &patterns.gazetteer;
    let paras = &norm.paragraphs;
    let mut meta = Metadata::default();
    // The header block, a table row's cells taken one by one (web pages lay
    // the header out as a table).
    let header: Vec<&str> = (0..paras.len())
        .filter(|&i| outline.block_of(i) == Block::Header)
        .flat_map(|i| paras[i].cells_iter())
        .collect();
    let closing_sentence = paras
        .iter()
        .find(|p| {
            const CLOSING: &str = "trên đây là kế hoạch";
            p.text.starts_with(['T', 't'])
                && may_fold_to(&p.text, CLOSING)
                && fold_prefix(&p.text, CLOSING.chars().count()).starts_with(CLOSING)
        })
        .map(|p| p.text.as_str());

    // Plan number and issue date: the `Số:` line and the place-date line of
    // the header; a plan issued with a decision takes the decision's.
    for &t in &header {
        let t = t.trim();
        if let Some(c) = r.so_line.captures(t) {
            if meta.plan_number.is_empty() {
                if let Some(n) = r.number.captures(&c[1]) {
                    if c[1]
                        .trim_start()
                        .starts_with(|ch: char| ch.is_ascii_digit())
                    {
                        meta.plan_number = clean_ref(&n);
                    }
                }
            }
        }
        if let Some(c) = r.plan_with_decision.captures(t) {
            if let Some(n) = r.number.captures(&c[1]) {
                meta.plan_number = clean_ref(&n);
                if let Some(d) = r
                    .date_words
                    .captures(t)
                    .or_else(|| r.date_slash.captures(t))
                {
                    meta.issue_date = iso(&d);
                }
            }
        }
        if meta.issue_date.is_empty() && !opens_with(t, &["thực hiện", "căn cứ"]) {
            if let Some(d) = r.date_words.captures(t) {
                if d.get(0).unwrap().start() < 80 {
                    meta.issue_date = iso(&d);
                }
            }
        }
    }

    // Title: `KẾ HOẠCH` and the line(s) after it; else the plan named in the
    // opening or closing sentence.
    let mut title_paras = Vec::new();
    if let Some(k) = header.iter().position(|t| {
        // Only a short paragraph can fold to the title word.
        let t = t.trim().trim_end_matches(':');
        t.len() <= 32 && fold(t) == "kế hoạch"
    }) {
        title_paras.push(header[k]);
        // What ends the title: an opening, a note, a `Số:` line (their
        // folds). Only the fold of as many chars as the longest, and the
        // rest of the word, is needed to tell.
        const STOPS: [&str; 3] = ["căn cứ", "(", "số"];
        let stop_chars = STOPS.iter().map(|s| s.chars().count()).max().unwrap_or(0);
        for &t in header.iter().skip(k + 1).take(3) {
            let ft = fold_prefix(t, stop_chars);
            if r.number.is_match(t)
                || t.chars().count() > 300
                || STOPS.iter().any(|s| ft.starts_with(s))
            {
                break;
            }
            title_paras.push(t);
        }
    }
    meta.title = title_paras
        .iter()
        .map(|t| t.trim())
        .collect::<Vec<_>>()
        .join(" ");
    if title_paras.len() <= 1 {
        // `... ban hành Kế hoạch X (sau đây ...)` or `Trên đây là Kế hoạch X; ...`.
        let from_phrase = |t: &str| -> Option<String> {
            let ft = fold(t);
            let start = ft.find("kế hoạch")?;
            let start_chars = ft[..start].chars().count();
            let rest: String = t.chars().skip(start_chars).collect();
            let end = rest.find(['(', ';', '.']).unwrap_or(rest.len());
            let s = rest[..end].trim().trim_end_matches(',').trim().to_string();
            (s.chars().count() > 15).then_some(s)
        };
        let opening = header
            .iter()
            .copied()
            .find(|t| r.issuer_verb.is_match(t))
            .and_then(|t| {
                // The last `ban hành Kế hoạch` of the opening is this plan's;
                // earlier ones belong to the plans it implements.
                let m = r.issuer_verb.find_iter(t).last()?;
                from_phrase(&t[m.start()..])
            });
        if let Some(t) = opening.or_else(|| closing_sentence.and_then(from_phrase)) {
            meta.title = t;
        }
    }

    // Period: the title first, then the closing sentence, then the header.
    let mut period_sources: Vec<&str> = vec![meta.title.as_str()];
    period_sources.extend(closing_sentence);
    let header_text = &header;
    for src in period_sources {
        if let Some(c) = r.years_range.captures(src) {
            meta.year_start = c[1].parse().ok();
            meta.year_end = c[2].parse().ok();
            break;
        }
        if let Some(c) = r.year.captures_iter(src).last() {
            meta.year_start = c[1].parse().ok();
            meta.year_end = meta.year_start;
            break;
        }
    }
    if meta.year_start.is_none() {
        if let Some(y) = meta.issue_date.get(..4).and_then(|y| y.parse().ok()) {
            meta.year_start = Some(y);
            meta.year_end = Some(y);
        } else if let Some(c) = header_text.iter().find_map(|t| r.year.captures(t)) {
            meta.year_start = c[1].parse().ok();
            meta.year_end = meta.year_start;
        }
    }

    // The provinces and districts the text names, for disambiguation.
    let mut provinces_named: Vec<String> = Vec::new();
    // (The closing sentence's mentions serve again for the locality below.)
    let closing_places: Vec<PlaceMention> =
        closing_sentence.map(place_mentions).unwrap_or_default();
    let header_places = header_text.iter().flat_map(|t| place_mentions(t));
    for m in header_places.chain(closing_places.iter().cloned()) {
        let level = match m.kind {
            "tỉnh" | "thành phố" => "province",
            "huyện" | "quận" | "thị xã" => "district",
            _ => continue,
        };
        let words: Vec<&str> = m.name.split(' ').collect();
        for n in (1..=words.len()).rev() {
            let name = words[..n].join(" ");
            if g.lookup(&name)
                .any(|p| p.level == level || p.kind == "thành phố")
            {
                provinces_named.push(name);
                break;
            }
        }
    }

    // Issuer: the header's caps block (`ỦY BAN NHÂN DÂN` / `HUYỆN BÌNH LỤC`),
    // else the opening sentence's subject (`Ủy ban nhân dân huyện Na Rì xây
    // dựng Kế hoạch`).
    let issuers = &patterns.issuers;
    let mut issuer_body: Option<(String, bool)> = None;
    let mut issuer_place: Option<PlaceMention> = None;
    let mut issuer_rest = String::new();
    for (k, &t) in header.iter().enumerate() {
        let t = strip_motto(t);
        if !is_caps_line(&t) {
            continue;
        }
        if let Some((canon, n, national)) = issuers.at_start(&t) {
            let mut rest: String = t.chars().skip(n).collect();
            // `ỦY BAN NHÂN DÂN` / `HUYỆN BÌNH LỤC` on two lines.
            if rest.trim().is_empty() && !national {
                if let Some(next) = header.get(k + 1).map(|n| strip_motto(n)) {
                    if is_caps_line(&next) {
                        rest = format!(" {next}");
                    }
                }
            }
            issuer_body = Some((canon.to_string(), national));
            let rest_title = title_case_place(&rest);
            issuer_place = place_mentions(&rest_title).into_iter().next();
            if issuer_place.is_none() {
                issuer_rest = sentence_case(rest.trim()).to_lowercase();
            }
            break;
        }
    }
    if issuer_body.is_none() {
        for &t in &header {
            // The subject of the last `<body> xây dựng/ban hành Kế hoạch`: from
            // the last sentence break before the verb.
            let found = r
                .issuer_verb
                .find_iter(t)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .find_map(|m| {
                    let before = &t[..m.start()];
                    let start = before.rfind(['.', ';', ',']).map(|p| p + 1).unwrap_or(0);
                    let phrase = before[start..].trim();
                    issuers.at_start(phrase).map(|(canon, n, national)| {
                        (canon, national, phrase.chars().skip(n).collect::<String>())
                    })
                });
            if let Some((canon, national, rest)) = found {
                issuer_body = Some((canon.to_string(), national));
                issuer_place = place_mentions(&rest).into_iter().next();
                if issuer_place.is_none() {
                    issuer_rest = rest.trim().to_lowercase();
                }
                break;
            }
        }
    }

    // Locality: the issuer's place, else the title's `trên địa bàn <place>`.
    let era = new_era(meta.year_start, &meta.issue_date);
    let national = issuer_body.as_ref().is_some_and(|b| b.1);
    let mut candidates: Vec<PlaceMention> = Vec::new();
    candidates.extend(issuer_place.clone());
    candidates.extend(place_mentions(&meta.title));
    candidates.extend(closing_places);
    // A bare type word in the issuer (`Ủy ban nhân dân huyện`) must agree with
    // the place found elsewhere.
    let bare_kind = TYPE_WORDS
        .iter()
        .map(|(t, _)| *t)
        .find(|t| issuer_rest.trim() == *t);
    let mut place: Option<&Place> = None;
    let mut place_kind = "";
    if !national {
        let mut last_err = None;
        for m in &candidates {
            if let Some(k) = bare_kind {
                if m.kind != k {
                    continue;
                }
            }
            match resolve(g, m, era, &provinces_named) {
                Ok(p) => {
                    place = Some(p);
                    place_kind = m.kind;
                    break;
                }
                Err(e) => last_err = Some(e),
            }
        }
        if place.is_none() {
            if let Some(e) = last_err {
                meta.warnings.push(format!("locality not resolved: {e}"));
            } else {
                meta.warnings.push("locality not found in the text".into());
            }
        }
    }
    if national {
        meta.locality_level = "national".into();
    }
    if let Some(p) = place {
        meta.locality = p.name.clone();
        meta.locality_level = p.level.clone();
        meta.province = p.province.clone();
        meta.province_current = p.province_current.clone();
    }
    if let Some((body, _)) = &issuer_body {
        meta.issuer = match (&issuer_place, place) {
            (_, Some(p)) if !national => format!("{body} {} {}", place_kind, p.name),
            (Some(m), _) => format!("{body} {} {}", m.kind, m.name),
            _ if !issuer_rest.is_empty() => format!("{body} {issuer_rest}"),
            _ => body.clone(),
        };
    }

    // Parent references: numbers cited in the opening (`Thực hiện ...`,
    // `Căn cứ ...`) as implemented, except laws, ordinances and decrees.
    for &t in &header {
        if !opens_with(t, &["thực hiện", "căn cứ", "triển khai", "theo"]) {
            continue;
        }
        if !r.number.is_match(t) {
            continue;
        }
        for c in r.number.captures_iter(t) {
            let start = c.get(0).unwrap().start();
            // A date (17/11/2021) is not a number.
            if c[3].chars().all(|ch| ch.is_ascii_digit()) {
                continue;
            }
            let n = clean_ref(&c);
            if is_legal_basis(&n, &t[..start]) {
                continue;
            }
            if !meta.parent_refs.contains(&n) && n != meta.plan_number {
                meta.parent_refs.push(n);
            }
        }
    }
    meta
}

/// Removes the national motto a two-column header flattens into the issuer
/// lines.
fn strip_motto(t: &str) -> std::borrow::Cow<'_, str> {
    let finders = motto_finders();
    let mut whole = std::borrow::Cow::Borrowed(t);
    for (motto, finder) in MOTTOS.iter().zip(finders) {
        if finder.find(whole.as_bytes()).is_some() {
            whole = std::borrow::Cow::Owned(whole.replace(motto, " "));
        }
    }
    let cut = finders[MOTTOS.len()]
        .find(whole.as_bytes())
        .unwrap_or(whole.len());
    let s = &whole[..cut];
    // The words, one space between them: the text itself when it is so
    // already (no whitespace but single spaces between words, judged by
    // byte: the other whitespace chars are ASCII controls or start with one
    // of the bytes `C2`, `E1 9A`, `E2`, `E3`).
    let b = s.as_bytes();
    let spaced = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| {
            matches!(w[0], b'\t'..=b'\r' | 0xC2 | 0xE2 | 0xE3) || w == b"  " || w == [0xE1, 0x9A]
        })
        && !b
            .last()
            .is_some_and(|x| matches!(x, b'\t'..=b'\r' | 0xC2 | 0xE1..=0xE3));
    if spaced {
        // The text itself, borrowed when no motto was replaced.
        return match whole {
            std::borrow::Cow::Borrowed(b) => std::borrow::Cow::Borrowed(&b[..cut]),
            std::borrow::Cow::Owned(mut o) => {
                o.truncate(cut);
                std::borrow::Cow::Owned(o)
            }
        };
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    std::borrow::Cow::Owned(out)
}

/// The national motto as header lines write it, in both tone placements.
const MOTTOS: [&str; 2] = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
];

/// Searchers for [`MOTTOS`] and, last, the motto's second line, where
/// [`strip_motto`] cuts.
fn motto_finders() -> &'static [memchr::memmem::Finder<'static>; 3] {
    static F: OnceLock<[memchr::memmem::Finder<'static>; 3]> = OnceLock::new();
    F.get_or_init(|| {
        [MOTTOS[0], MOTTOS[1], "Độc lập"].map(|m| memchr::memmem::Finder::new(m.as_bytes()))
    })
}

/// `HUYỆN BÌNH LỤC` -> `huyện Bình Lục` so that place mentions can be found in
/// a caps-locked header.
fn title_case_place(s: &str) -> String {
    let mut out = Vec::new();
    for (i, w) in s.split_whitespace().enumerate() {
        let lw = w.to_lowercase();
        if i == 0
            || TYPE_WORDS
                .iter()
                .any(|(t, _)| t.split(' ').any(|x| x == lw))
                && out.len() < 2
        {
            out.push(lw);
        } else {
            let mut c = lw.chars();
            let first: String = c
                .next()
                .map(|f| f.to_uppercase().collect())
                .unwrap_or_default();
            out.push(first + c.as_str());
        }
    }
    out.join(" ")
}

fn iso(c: &regex::Captures) -> String {
    let d: u32 = c[1].parse().unwrap_or(0);
    let m: u32 = c[2].parse().unwrap_or(0);
    let y: u32 = c[3].parse().unwrap_or(0);
    if (1..=31).contains(&d) && (1..=12).contains(&m) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Issuers::at_start`] as first written: every head of the phrase
    /// folded, from one char on.
    fn at_start_reference<'i>(is: &'i Issuers, phrase: &str) -> Option<(&'i str, usize, bool)> {
        let f = normalize_dashes(&fold(phrase));
        let chars: Vec<char> = phrase.chars().collect();
        is.forms.iter().find_map(|(form, canon, national)| {
            if !(f.starts_with(form.as_str())
                && f[form.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric()))
            {
                return None;
            }
            let n = (1..=chars.len()).find(|&k| {
                let head: String = chars[..k].iter().collect();
                normalize_dashes(&fold(&head)) == *form
            })?;
            Some((canon.as_str(), n, *national))
        })
    }

    #[test]
    fn issuer_at_start_agrees_with_the_reference() {
        let is = &crate::patterns::Patterns::builtin().issuers;
        let mut phrases: Vec<String> = crate::test_support::plan_texts()
            .iter()
            .flat_map(|t| t.lines().map(|l| l.trim().to_string()))
            .collect();
        // Every form, with its dashes spaced both ways, and cut short.
        for (form, _, _) in &is.forms {
            phrases.push(form.replace('-', " - "));
            phrases.push(format!("{} - {form} x", form.to_uppercase()));
            phrases.push(form.chars().take(form.chars().count() / 2).collect());
        }
        let mut found = 0;
        for p in &phrases {
            let got = is.at_start(p);
            found += usize::from(got.is_some());
            assert_eq!(got, at_start_reference(is, p), "{p}");
        }
        assert!(found > is.forms.len(), "{found}");
    }

    /// [`TYPE_WORDS`] as chars, made once.
    fn type_word_chars() -> &'static [(&'static str, Vec<char>)] {
        static T: OnceLock<Vec<(&'static str, Vec<char>)>> = OnceLock::new();
        T.get_or_init(|| {
            TYPE_WORDS
                .iter()
                .map(|(tw, _)| (*tw, tw.chars().collect()))
                .collect()
        })
    }

    /// Every `<type word> <Name>` mention in a phrase, where Name is one to five
    /// capitalised words (or a number, for numbered wards).
    fn place_mentions_reference(text: &str) -> Vec<PlaceMention> {
        let mut out = Vec::new();
        let f = fold(text);
        let fchars: Vec<char> = f.chars().collect();
        let ochars: Vec<char> = text.chars().collect();
        let mut i = 0;
        let type_words = type_word_chars();
        while i < fchars.len() {
            let at_word_start = i == 0 || !is_alnum(fchars[i - 1]);
            let mut matched = None;
            // (The first letters first: most words start with none of them.)
            if at_word_start
                && type_words
                    .iter()
                    .any(|(_, tw)| tw.first() == Some(&fchars[i]))
            {
                for (tw, tw_chars) in type_words {
                    if fchars[i..].starts_with(tw_chars)
                        && fchars
                            .get(i + tw_chars.len())
                            .is_some_and(|c| c.is_whitespace())
                    {
                        matched = Some((*tw, tw_chars.len()));
                        break;
                    }
                }
            }
            let Some((tw, n)) = matched else {
                i += 1;
                continue;
            };
            // Collect the capitalised words after the type word.
            let mut j = i + n;
            let mut words: Vec<String> = Vec::new();
            loop {
                while j < ochars.len() && ochars[j] == ' ' {
                    j += 1;
                }
                let start = j;
                while j < ochars.len() && (is_alnum(ochars[j]) || ochars[j] == '\'') {
                    j += 1;
                }
                if start == j {
                    break;
                }
                let w: String = ochars[start..j].iter().collect();
                let first = w.chars().next().unwrap();
                if !(first.is_uppercase() || first.is_ascii_digit()) || words.len() >= 5 {
                    break;
                }
                words.push(w);
                // A hyphenated name (`Bà Rịa - Vũng Tàu`).
                let mut k = j;
                while k < ochars.len() && ochars[k] == ' ' {
                    k += 1;
                }
                if k < ochars.len() && ochars[k] == '-' {
                    j = k + 1;
                    words.push("-".into());
                }
            }
            while words.last().is_some_and(|w| w == "-") {
                words.pop();
            }
            if !words.is_empty() {
                out.push(PlaceMention {
                    kind: tw,
                    name: words.join(" "),
                });
            }
            i += n;
        }
        out
    }

    fn same(text: &str) {
        let new: Vec<(&str, String)> = place_mentions(text)
            .into_iter()
            .map(|m| (m.kind, m.name))
            .collect();
        let old: Vec<(&str, String)> = place_mentions_reference(text)
            .into_iter()
            .map(|m| (m.kind, m.name))
            .collect();
        assert_eq!(new, old, "{text:?}");
        let folded: Vec<(&str, String)> = place_mentions_folded(text)
            .into_iter()
            .map(|m| (m.kind, m.name))
            .collect();
        assert_eq!(folded, old, "{text:?}");
    }

    /// What [`place_mentions_plain`] takes of the fold of plain chars: one
    /// char for each; a letter of the same base letter for each letter
    /// (where the fold is a type word's letter: the base letters of the
    /// type words' letters are the toneless letters themselves), the char
    /// itself for any other.
    #[test]
    fn plain_chars_fold_to_one_char_of_their_kind() {
        let type_letters: Vec<char> = TYPE_WORDS.iter().flat_map(|(tw, _)| tw.chars()).collect();
        let plain = (0u32..0x300)
            .chain(0x1E00..0x1F00)
            .chain(0x2002..0x2070)
            .filter_map(char::from_u32);
        for c in plain {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            assert_eq!(plain_len(s.as_bytes(), 0), Some(s.len()), "{c:?}");
            // NFC, and nothing composes with it.
            use unicode_normalization::UnicodeNormalization;
            assert_eq!(s.nfc().collect::<String>(), *s, "{c:?}");
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
            let f = fold(s);
            let mut it = f.chars();
            let (Some(d), None) = (it.next(), it.next()) else {
                panic!("{c:?} folds to {f:?}");
            };
            assert_eq!(is_alnum(d), is_alnum(c), "{c:?}");
            assert_eq!(alpha_upper(d).0, alpha_upper(c).0, "{c:?}");
            if !alpha_upper(c).0 {
                assert_eq!(d, c);
            } else if type_letters.contains(&d) {
                assert_eq!(base_letter(c), base_letter(d), "{c:?}");
            }
        }
        let firsts: Vec<char> = TYPE_WORDS
            .iter()
            .filter_map(|(tw, _)| tw.chars().next())
            .collect();
        assert_eq!(firsts, TYPE_FIRST);
        assert!(TYPE_FIRST.iter().all(|c| base_letter(*c) == *c));
        // (A letter, as TypeShape::fits_after_first takes the first char to be.)
        assert!(TYPE_FIRST.iter().all(|c| alpha_upper(*c).0));
        for t in type_letters {
            assert!(
                !alpha_upper(t).0 || base_letter(t) == base_letter(base_letter(t)),
                "{t:?}"
            );
        }
    }

    #[test]
    fn place_mentions_agree_with_the_reference_on_the_plans() {
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                same(line);
                same(&title_case_place(line));
            }
        }
        for t in [
            "",
            "huyện",
            "huyện ",
            " huyện Na Rì",
            "thành phố Hà Nội, tỉnh Bà Rịa - Vũng Tàu - ",
            "THÀNH PHỐ HẢI PHÒNG",
            "phường 3 quận 10 thị xã Sơn Tây xã Đắk R'Lấp",
            "xãhuyện Xã Xã Xã Xã Xã Xã Xã",
            "Tỉnh\u{301} Ha\u{300} Nội huyện  \t Mỹ Đức",
            "thị trấn\u{a0}Vân Đình; đặc khu Phú Quốc",
            "İİ huyện İ Na",
        ] {
            same(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn place_mentions_agree_with_the_reference_on_random_text(
            text in "((thành phố|thị trấn|thị xã|phường|huyện|quận|tỉnh|đặc khu|xã|Hà|Nội|3|-|'|İ|\u{301}|a|Ê|,)[ \t\u{a0}]{0,2}){0,12}",
        ) {
            same(&text);
        }

        #[test]
        fn place_mentions_agree_with_the_reference_on_random_plain_text(
            text in "((thành phố|THÀNH PHỐ|Thị Trấn|thị xã|Phường|huyện|HUYỆN|quận|Tỉnh|tinh|đặc khu|Đặc Khu|xã|Xã|hoà|Hoà Bình|Thuỷ|Nội|3|-|–|“|…|'|İ|ǅ|ª|a|Ê|,|\\.|\\(|2024)[ \t\u{a0}\u{2003}]{0,2}){0,12}",
        ) {
            same(&text);
        }
    }

    /// [`may_fold_to`] never rules out a text whose fold starts with the
    /// phrase.
    fn check_may_fold_to(text: &str) {
        let f = fold(text);
        for p in [
            "trên đây là kế hoạch",
            "thực hiện",
            "căn cứ",
            "triển khai",
            "theo",
            "hòa",
        ] {
            if f.starts_with(p) {
                assert!(may_fold_to(text, p), "{text:?} {p:?}");
            }
        }
    }

    #[test]
    fn may_fold_to_keeps_every_text_that_folds_to_the_phrase() {
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                check_may_fold_to(line);
                check_may_fold_to(line.trim());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn may_fold_to_keeps_every_text_that_folds_to_the_phrase_on_random_text(
            text in "(T|t|h|H|R|r|ê|Ê|e|E|o|O|a|A|à|ò|hoà|HOÀ|n|N| |\u{301}|K|\u{212a}){0,12}",
        ) {
            check_may_fold_to(&text);
        }
    }

    /// The old [`strip_motto`]: `str` searches, the words always rebuilt.
    fn strip_motto_reference(t: &str) -> String {
        let mut s = std::borrow::Cow::Borrowed(t);
        for motto in MOTTOS {
            if s.contains(motto) {
                s = std::borrow::Cow::Owned(s.replace(motto, " "));
            }
        }
        let s = s.find("Độc lập").map_or(&s[..], |p| &s[..p]);
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn strip_motto_agrees_with_the_reference_on_the_plans() {
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                assert_eq!(strip_motto(line), strip_motto_reference(line), "{line:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn strip_motto_agrees_with_the_reference_on_random_text(
            text in "(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập|ỦY BAN|a|Ệ| |  |\t|\n|\u{a0}|\u{85}|\u{1680}|\u{2003}|\u{3000}|\u{202f}|–|ᚠ|-){0,12}",
        ) {
            proptest::prop_assert_eq!(strip_motto(&text), strip_motto_reference(&text));
        }
    }

    #[test]
    fn finds_place_mentions() {
        let m = place_mentions(" huyện Na Rì");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].name, "Na Rì");
        let m = place_mentions("trên địa bàn thành phố Hà Nội năm 2024");
        assert_eq!(m[0].kind, "thành phố");
        assert_eq!(m[0].name, "Hà Nội");
    }
}
