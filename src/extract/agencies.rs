//! The agency dictionary (`patterns/agencies.tsv` with the abbreviations of
//! `patterns/agency_abbreviations.tsv`): names and aliases -> agency keys.
//!
//! API shared by the targets and assignments extractors:
//! [`AgencyDict::find_all`] returns every agency named in a text, longest match
//! first, with byte offsets into that text and the name as written;
//! [`AgencyDict::find_bodies`] also returns the bodies the dictionary knows but
//! that have no SPEC key, with their level and whether they are only ever
//! asked (`requested`).
//!
//! Matching works on [`words`]: the text is folded (lowercase, NFC, as
//! [`crate::normalize::fold`] does, letter by letter so decomposed input keeps
//! its own byte offsets) and tone marks are dropped (which makes tone placement
//! moot — `Toà`/`Tòa` — and lets the typo "Thế thao" find "Thể thao"); it is
//! cut into words at every non-letter,
//! non-digit character (hyphens, `&`, commas, spaces of any count), the word
//! "và" is dropped, and abbreviations are expanded (`LĐ-TB&XH` -> the words of
//! "Lao động - Thương binh và Xã hội"). Every word keeps the byte range it came
//! from, so a match maps back to the original text. One aho-corasick automaton
//! over the aliases' words finds all candidates; the longest win.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::normalize::fold;
use crate::patterns::{Table, TableError};

/// One agency named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyMatch {
    /// Agency key of SPEC.md (`labour_social_affairs`, `police` ...).
    pub key: String,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// The name as written in the text.
    pub name: String,
    /// `national`, `province`, `district`, `commune` or empty, where the form
    /// shows it.
    pub level: String,
}

/// One body named in a text: like [`AgencyMatch`], but `key` is `None` for a
/// body the dictionary knows without a SPEC key (row key `-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMatch {
    pub key: Option<String>,
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub level: String,
    /// A body a People's Committee can only ask (courts, procuracies, the
    /// Fatherland Front, mass organisations).
    pub requested: bool,
}

/// One word of a text as matched: folded, toneless spelling, and the byte range
/// of the original text it stands for (an abbreviation's expansion words all
/// stand for the abbreviation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The original word starts with an uppercase letter.
    pub upper: bool,
}

/// Punctuation kept as words of their own by [`words`] with `keep_punct`.
const KEPT_PUNCT: [char; 6] = [',', ';', '.', ':', '(', ')'];

/// Punctuation no agency name runs across (a comma may stand inside one:
/// "Sở Văn hóa, Thể thao và Du lịch").
const BARRIERS: [&str; 5] = [";", ".", ":", "(", ")"];

/// The five Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn strip_tone(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let s: String = std::iter::once(c)
        .nfd()
        .filter(|d| !TONES.contains(d))
        .nfc()
        .collect();
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(b), None) => b,
        _ => c,
    }
}

/// Cuts `text` into matching words (see the module docs), without expanding
/// abbreviations. With `keep_punct`, the characters `, ; . : ( )` become words
/// of their own (cue matching must not run across them).
pub fn words(text: &str, keep_punct: bool) -> Vec<Word> {
    let mut out = Vec::new();
    // The word being read: toneless spelling, folded spelling, start, upper.
    let mut cur = String::new();
    let mut cur_fold = String::new();
    let mut cur_start = 0;
    let mut cur_upper = false;
    let flush = |out: &mut Vec<Word>,
                 cur: &mut String,
                 cur_fold: &mut String,
                 start: usize,
                 end: usize,
                 upper: bool| {
        // "và" is a joiner, not a word of a name.
        if !cur.is_empty() && fold(cur_fold) != "và" {
            out.push(Word {
                text: std::mem::take(cur),
                start,
                end,
                upper,
            });
        }
        cur.clear();
        cur_fold.clear();
    };
    // A letter with the combining marks after it (NFD input) is one unit.
    let mut units: Vec<(usize, usize)> = Vec::new();
    for (b, c) in text.char_indices() {
        match units.last_mut() {
            Some(u) if is_combining_mark(c) => u.1 = b + c.len_utf8(),
            _ => units.push((b, b + c.len_utf8())),
        }
    }
    for (b, e) in units {
        let unit = &text[b..e];
        let base = unit.chars().next().unwrap_or(' ');
        if base.is_alphanumeric() {
            if cur.is_empty() {
                cur_start = b;
                cur_upper = base.is_uppercase();
            }
            for c in unit.nfc() {
                for l in c.to_lowercase() {
                    cur_fold.push(l);
                    cur.push(strip_tone(l));
                }
            }
        } else {
            flush(&mut out, &mut cur, &mut cur_fold, cur_start, b, cur_upper);
            if keep_punct && KEPT_PUNCT.contains(&base) {
                out.push(Word {
                    text: base.to_string(),
                    start: b,
                    end: e,
                    upper: false,
                });
            }
        }
    }
    flush(
        &mut out,
        &mut cur,
        &mut cur_fold,
        cur_start,
        text.len(),
        cur_upper,
    );
    out
}

/// The words of a dictionary phrase (alias, cue, abbreviation), as strings.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    words(phrase, false).into_iter().map(|w| w.text).collect()
}

/// A set of word sequences found in word lists with one aho-corasick automaton.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    ac: Option<AhoCorasick>,
    lens: Vec<usize>,
}

/// A phrase found in a word list: words `start..end`, pattern index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

impl PhraseSet {
    pub fn new(phrases: &[Vec<String>]) -> Result<PhraseSet, String> {
        let pats: Vec<String> = phrases
            .iter()
            .map(|p| format!(" {} ", p.join(" ")))
            .collect();
        if pats.is_empty() {
            return Ok(PhraseSet::default());
        }
        let ac = AhoCorasick::new(&pats).map_err(|e| e.to_string())?;
        Ok(PhraseSet {
            ac: Some(ac),
            lens: phrases.iter().map(|p| p.len()).collect(),
        })
    }

    /// Every occurrence (overlapping) of every phrase in `ws`.
    pub fn find(&self, ws: &[Word]) -> Vec<PhraseHit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut joined = String::from(" ");
        let mut starts = HashMap::new();
        for (i, w) in ws.iter().enumerate() {
            starts.insert(joined.len(), i);
            joined.push_str(&w.text);
            joined.push(' ');
        }
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(&joined) {
            let Some(&s) = starts.get(&(m.start() + 1)) else {
                continue;
            };
            let p = m.pattern().as_usize();
            let e = s + self.lens[p];
            if e <= ws.len() && e > s {
                out.push(PhraseHit {
                    start: s,
                    end: e,
                    pattern: p,
                });
            }
        }
        out
    }
}

#[derive(Debug, Clone)]
struct Entry {
    key: Option<String>,
    level: String,
    requested: bool,
}

/// The compiled agency dictionary.
#[derive(Debug, Clone, Default)]
pub struct AgencyDict {
    aliases: PhraseSet,
    entries: Vec<Entry>,
    /// Abbreviation words -> full words; longest abbreviation first.
    abbr: HashMap<Vec<String>, Vec<String>>,
    abbr_max: usize,
}

const LEVELS: [&str; 4] = ["national", "province", "district", "commune"];

impl AgencyDict {
    /// The dictionary from `agencies.tsv` alone (no abbreviations).
    pub fn from_table(t: &Table) -> Result<AgencyDict, TableError> {
        let (ck, cl, cr, ca) = (
            t.col("key")?,
            t.col("level")?,
            t.col("role")?,
            t.col("alias")?,
        );
        let mut phrases = Vec::new();
        let mut entries = Vec::new();
        let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
        for row in &t.rows {
            let key = t.get(row, ck).trim();
            let level = t.get(row, cl).trim();
            let role = t.get(row, cr).trim();
            let alias = t.get(row, ca).trim();
            if key.is_empty() || alias.is_empty() {
                return Err(t.error(row, "key and alias are required"));
            }
            if !level.is_empty() && !LEVELS.contains(&level) {
                return Err(t.error(row, format!("unknown level `{level}`")));
            }
            if !role.is_empty() && role != "requested" {
                return Err(t.error(row, format!("unknown role `{role}`")));
            }
            let ws = phrase_words(alias);
            if ws.is_empty() || seen.contains_key(&ws) {
                continue;
            }
            seen.insert(ws.clone(), entries.len());
            phrases.push(ws);
            entries.push(Entry {
                key: (key != "-").then(|| key.to_string()),
                level: level.to_string(),
                requested: role == "requested",
            });
        }
        let aliases = PhraseSet::new(&phrases).map_err(|e| TableError {
            file: t.file.clone(),
            line: 0,
            message: e,
        })?;
        Ok(AgencyDict {
            aliases,
            entries,
            abbr: HashMap::new(),
            abbr_max: 0,
        })
    }

    /// The dictionary from `agencies.tsv` and `agency_abbreviations.tsv`.
    pub fn from_tables(agencies: &Table, abbreviations: &Table) -> Result<AgencyDict, TableError> {
        let mut d = AgencyDict::from_table(agencies)?;
        let (cs, cl) = (abbreviations.col("short")?, abbreviations.col("long")?);
        for row in &abbreviations.rows {
            let short = phrase_words(abbreviations.get(row, cs));
            let long = phrase_words(abbreviations.get(row, cl));
            if short.is_empty() || long.is_empty() {
                return Err(abbreviations.error(row, "short and long are required"));
            }
            d.abbr_max = d.abbr_max.max(short.len());
            d.abbr.insert(short, long);
        }
        Ok(d)
    }

    /// [`words`] with abbreviations expanded.
    pub fn words(&self, text: &str, keep_punct: bool) -> Vec<Word> {
        let ws = words(text, keep_punct);
        self.expand(ws)
    }

    fn expand(&self, ws: Vec<Word>) -> Vec<Word> {
        if self.abbr.is_empty() {
            return ws;
        }
        let mut out = Vec::with_capacity(ws.len());
        let mut i = 0;
        'outer: while i < ws.len() {
            for n in (1..=self.abbr_max.min(ws.len() - i)).rev() {
                let key: Vec<String> = ws[i..i + n].iter().map(|w| w.text.clone()).collect();
                if let Some(long) = self.abbr.get(&key) {
                    let (start, end) = (ws[i].start, ws[i + n - 1].end);
                    for (j, l) in long.iter().enumerate() {
                        out.push(Word {
                            text: l.clone(),
                            start,
                            end,
                            upper: j == 0 && ws[i].upper,
                        });
                    }
                    i += n;
                    continue 'outer;
                }
            }
            out.push(ws[i].clone());
            i += 1;
        }
        out
    }

    /// Every body named in `text`, in text order, non-overlapping; where
    /// matches overlap the longest (in words) wins, then the earliest.
    pub fn find_bodies(&self, text: &str) -> Vec<BodyMatch> {
        // Barrier punctuation stays as words no alias contains; commas go.
        let ws: Vec<Word> = words(text, true)
            .into_iter()
            .filter(|w| w.text != ",")
            .collect();
        let ws = self.expand(ws);
        let mut hits = self.aliases.find(&ws);
        hits.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
        });
        let mut taken = vec![false; ws.len()];
        let mut chosen = Vec::new();
        for h in hits {
            if taken[h.start..h.end].iter().any(|&t| t)
                || ws[h.start..h.end]
                    .iter()
                    .any(|w| BARRIERS.contains(&w.text.as_str()))
            {
                continue;
            }
            // An abbreviation's expansion must be matched whole or not at all.
            let (start, end) = (ws[h.start].start, ws[h.end - 1].end);
            if (h.start > 0 && ws[h.start - 1].start == start)
                || (h.end < ws.len() && ws[h.end].end == end)
            {
                continue;
            }
            taken[h.start..h.end].iter_mut().for_each(|t| *t = true);
            chosen.push(h);
        }
        chosen.sort_by_key(|h| h.start);
        chosen
            .into_iter()
            .map(|h| {
                let e = &self.entries[h.pattern];
                let (start, end) = (ws[h.start].start, ws[h.end - 1].end);
                BodyMatch {
                    key: e.key.clone(),
                    start,
                    end,
                    name: text[start..end].to_string(),
                    level: e.level.clone(),
                    requested: e.requested,
                }
            })
            .collect()
    }

    /// Every agency named in `text`, in text order, non-overlapping, longest
    /// match first; bodies without a SPEC key are left out.
    pub fn find_all(&self, text: &str) -> Vec<AgencyMatch> {
        self.find_bodies(text)
            .into_iter()
            .filter_map(|b| {
                Some(AgencyMatch {
                    key: b.key?,
                    start: b.start,
                    end: b.end,
                    name: b.name,
                    level: b.level,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::Patterns;

    fn keys(text: &str) -> Vec<String> {
        Patterns::builtin()
            .agencies
            .find_all(text)
            .into_iter()
            .map(|m| m.key)
            .collect()
    }

    #[test]
    fn words_fold_split_and_drop_va() {
        let ws: Vec<String> = words("Lao động-Thương binh và Xã hội", false)
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(ws, ["lao", "đông", "thương", "binh", "xa", "hôi"]);
        let ws = words("a, b; c", true);
        assert_eq!(ws.len(), 5);
        assert_eq!(ws[1].text, ",");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let text = "- Phối hợp với Sở LĐ-TB&XH tỉnh và Công an huyện.";
        let m = Patterns::builtin().agencies.find_all(text);
        assert_eq!(m.len(), 2);
        assert_eq!(&text[m[0].start..m[0].end], "Sở LĐ-TB&XH");
        assert_eq!(m[0].name, "Sở LĐ-TB&XH");
        assert_eq!(m[0].key, "labour_social_affairs");
        assert_eq!(m[1].name, "Công an huyện");
        assert_eq!(m[1].level, "district");
    }

    #[test]
    fn decomposed_text_is_matched_with_its_own_offsets() {
        use unicode_normalization::UnicodeNormalization;
        let text: String = "Phối hợp với Công an huyện".nfd().collect();
        let m = Patterns::builtin().agencies.find_all(&text);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].key, "police");
        assert_eq!(m[0].name, &text[m[0].start..m[0].end]);
        assert!(m[0].name.starts_with("Co"));
    }

    #[test]
    fn longest_alias_wins() {
        assert_eq!(keys("Phòng Văn hóa - Xã hội"), ["culture_social"]);
        assert_eq!(keys("Phòng Văn hóa và Thông tin"), ["culture"]);
        assert_eq!(
            keys("Trung tâm Văn hóa, Thể thao và Truyền thông huyện"),
            ["media"]
        );
        assert_eq!(
            keys("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
            ["people_committee_office"]
        );
    }
}
