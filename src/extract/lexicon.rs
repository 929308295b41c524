//! Comparator, change, period and filter words (`patterns/lexicon.tsv`).
//!
//! Every phrase is folded ([`crate::normalize::fold()`]) and compiled into one
//! aho-corasick automaton. [`Lexicon::find`] returns every whole-word
//! occurrence in a folded text with its kind and value; the targets extractor
//! asks it what stands right before and after a number (`ít nhất`, `trở lên`,
//! `tăng`, `Ban Chỉ đạo`, `tháng`) and which period words a clause holds.

use std::sync::Arc;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use rustc_hash::FxHashSet;

use crate::normalize::fold;
use crate::normalize::fold::is_alnum;
use crate::patterns::{Table, TableError};

/// What a lexicon phrase does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Before a number: `ít nhất` -> at_least (value: a comparator key).
    ComparatorBefore,
    /// After a number: `trở lên` -> at_least.
    ComparatorAfter,
    /// Before a number: `tăng` -> increase, `giảm` -> decrease, `tăng cường`
    /// -> level (a longer phrase that is not a change).
    Change,
    /// Right after a number, makes it a percentage: `%`, `phần trăm`.
    Percent,
    /// A yearly target: `hằng năm`, `mỗi năm`, `trong năm`.
    Annual,
    /// Introduces a deadline year: `đến năm`.
    Deadline,
    /// A word right before a number that makes it an identifier, not a
    /// quantity: `Nghị định`, `Ban Chỉ đạo`, `số`, `Quốc lộ`.
    IdBefore,
    /// A word right after a number that makes it a duration, age, money or
    /// measure, not a target: `tháng`, `tuổi`, `đồng`.
    IdAfter,
    /// Words allowed between a comparator and its number: `có`, `là`, `đạt`.
    Filler,
    /// Leading words of a subject that do not name what is counted: `số`,
    /// `các`.
    SubjectSkip,
    /// A word that ends the subject (the predicate starts): `được`.
    SubjectEnd,
    /// A word marking a past result, not a commitment: `đã`.
    Past,
    /// A heading that opens a report of past results, not of targets.
    ReportHeading,
    /// A total that restates targets counted elsewhere: `Tổng số`.
    Total,
    /// A word that commits to a quantity: `phấn đấu` (and its typo `phần đầu`).
    Aim,
    /// A counting word after the number that belongs to the subject: `lượt`.
    Classifier,
    /// A word after a number that makes it a frequency qualifying another
    /// target: `lần`.
    Qualifier,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "comparator_before" => Kind::ComparatorBefore,
            "comparator_after" => Kind::ComparatorAfter,
            "change" => Kind::Change,
            "percent" => Kind::Percent,
            "annual" => Kind::Annual,
            "deadline" => Kind::Deadline,
            "id_before" => Kind::IdBefore,
            "id_after" => Kind::IdAfter,
            "filler" => Kind::Filler,
            "subject_skip" => Kind::SubjectSkip,
            "subject_end" => Kind::SubjectEnd,
            "past" => Kind::Past,
            "report_heading" => Kind::ReportHeading,
            "total" => Kind::Total,
            "aim" => Kind::Aim,
            "classifier" => Kind::Classifier,
            "qualifier" => Kind::Qualifier,
            _ => return None,
        })
    }
}

/// One occurrence of a lexicon phrase in a folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexMatch<'l> {
    pub kind: Kind,
    /// Borrowed from the lexicon, so a match costs no allocation.
    pub value: &'l str,
    /// Byte span in the folded text.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// (kind, first char) of every phrase, folded.
    starts: FxHashSet<(Kind, char)>,
    /// The longest phrase of each kind, in bytes (indexed by `Kind as usize`).
    longest: [usize; KINDS],
    /// One automaton for the phrases (pattern ids below `entries.len()`)
    /// and the other patterns searched in the same texts (the indicator
    /// cues: [`Lexicon::from_table_with`], [`Lexicon::find_with`]), walked
    /// by [`overlapping`].
    with: Option<NFA>,
}

/// How many kinds there are.
const KINDS: usize = Kind::Qualifier as usize + 1;

/// A phrase's kind and value, and whether it starts and ends with a letter
/// or digit (where a match must not cut a word).
#[derive(Debug, Clone)]
struct Entry {
    kind: Kind,
    value: Arc<str>,
    first_word: bool,
    last_word: bool,
}

const COMPARATORS: [&str; 5] = ["at_least", "more_than", "exactly", "at_most", "less_than"];

impl Lexicon {
    /// The lexicon of `t`.
    pub fn from_table(t: &Table) -> Result<Lexicon, TableError> {
        Lexicon::from_table_with(t, &[])
    }

    /// The lexicon of `t` that also finds `others` (the indicator cues) in
    /// the texts it searches, in the same search ([`Lexicon::find_with`]).
    pub fn from_table_with(t: &Table, others: &[String]) -> Result<Lexicon, TableError> {
        let (ck, cp, cv) = (t.col("kind")?, t.col("phrase")?, t.col("value")?);
        let mut phrases = Vec::new();
        let mut entries = Vec::new();
        let mut starts = FxHashSet::default();
        let mut longest = [0; KINDS];
        for row in &t.rows {
            let kind = Kind::parse(t.get(row, ck))
                .ok_or_else(|| t.error(row, format!("unknown kind `{}`", t.get(row, ck))))?;
            let phrase = fold(t.get(row, cp).trim());
            if phrase.is_empty() {
                return Err(t.error(row, "empty phrase"));
            }
            let value = t.get(row, cv).trim().to_string();
            let ok = match kind {
                Kind::ComparatorBefore | Kind::ComparatorAfter => {
                    COMPARATORS.contains(&value.as_str())
                }
                Kind::Change => matches!(value.as_str(), "level" | "increase" | "decrease"),
                _ => true,
            };
            if !ok {
                return Err(t.error(row, format!("bad value `{value}` for its kind")));
            }
            starts.extend(phrase.chars().next().map(|c| (kind, c)));
            longest[kind as usize] = longest[kind as usize].max(phrase.len());
            entries.push(Entry {
                kind,
                value: Arc::from(value),
                first_word: phrase.chars().next().is_some_and(is_alnum),
                last_word: phrase.chars().next_back().is_some_and(is_alnum),
            });
            phrases.push(phrase);
        }
        // The contiguous NFA `AhoCorasick` would take for this many patterns,
        // walked by [`overlapping`]. A DFA (1.4 MB for the ~400 phrases and
        // cues) runs fewer instructions but more slowly: its table misses
        // the cache (BENCHMARKS.md, round 7). No prefilter: the walk would
        // not use it.
        let ac = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(phrases.iter().chain(others))
            .map_err(|e| TableError {
                file: t.file.clone(),
                line: 0,
                message: e.to_string(),
            })?;
        Ok(Lexicon {
            entries,
            starts,
            longest,
            with: Some(ac),
        })
    }

    /// The length in bytes of the longest (folded) phrase of `kind`.
    pub fn longest(&self, kind: Kind) -> usize {
        self.longest[kind as usize]
    }

    /// Whether a phrase of `kind` may start with the (folded) char `c`.
    pub fn may_start(&self, kind: Kind, c: char) -> bool {
        self.starts.contains(&(kind, c))
    }

    /// Entry `id` found at `folded[s..e]`, unless a letter or digit goes on
    /// past an end where the phrase is a whole word.
    #[inline]
    fn whole_word(&self, folded: &str, id: usize, s: usize, e: usize) -> Option<LexMatch<'_>> {
        let entry = &self.entries[id];
        if entry.first_word && folded[..s].chars().next_back().is_some_and(is_alnum) {
            return None;
        }
        if entry.last_word && folded[e..].chars().next().is_some_and(is_alnum) {
            return None;
        }
        Some(LexMatch {
            kind: entry.kind,
            value: &entry.value,
            start: s,
            end: e,
        })
    }

    /// Every whole-word occurrence of a phrase in `folded` (overlapping
    /// allowed), ordered by start, longer first.
    pub fn find(&self, folded: &str) -> Vec<LexMatch<'_>> {
        self.find_with(folded).0
    }

    /// [`Lexicon::find`], and every occurrence of a pattern of the others
    /// given to [`Lexicon::from_table_with`] in `folded` (pattern index, start,
    /// end; whole words or not, in no particular order), in one search. A
    /// lexicon given no others finds none.
    pub fn find_with(&self, folded: &str) -> (Vec<LexMatch<'_>>, Vec<(usize, usize, usize)>) {
        // Room from the text's length (a guess: one match of each kind in
        // 16 bytes) instead of growing from nothing by doubling.
        let mut out = Vec::with_capacity(folded.len() / 16 + 4);
        let mut other = Vec::with_capacity(folded.len() / 16 + 4);
        self.find_with_into(folded, &mut out, |id, s, e| other.push((id, s, e)));
        (out, other)
    }

    /// [`Lexicon::find_with`] writing the lexicon's matches into `out`
    /// (cleared first: a caller searching text after text reuses one
    /// list) and giving each occurrence of the others to `other`.
    pub fn find_with_into<'l>(
        &'l self,
        folded: &str,
        out: &mut Vec<LexMatch<'l>>,
        mut other: impl FnMut(usize, usize, usize),
    ) {
        out.clear();
        let Some(ac) = &self.with else {
            return;
        };
        let n = self.entries.len();
        overlapping(ac, folded.as_bytes(), |id, s, e| {
            if id >= n {
                other(id - n, s, e);
            } else {
                out.extend(self.whole_word(folded, id, s, e));
            }
        });
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    }

    /// Whether `folded` contains a phrase of `kind`.
    pub fn has(&self, folded: &str, kind: Kind) -> bool {
        self.find(folded).iter().any(|m| m.kind == kind)
    }

    /// Whether `folded` starts with a phrase of `kind` (after spaces and
    /// punctuation).
    pub fn starts_with(&self, folded: &str, kind: Kind) -> bool {
        let lead = folded.len() - folded.trim_start_matches(|c: char| !is_alnum(c)).len();
        self.find(folded)
            .iter()
            .any(|m| m.kind == kind && m.start == lead)
    }
}

/// Calls `found(pattern, start, end)` for every match of `nfa` in `hay`,
/// overlapping, in the order of `AhoCorasick::find_overlapping_iter` (by
/// end, then in the order the match state lists its patterns): the automaton
/// walked in one loop (a step a byte, following failure links), without the iterator's
/// state kept between calls.
fn overlapping(nfa: &NFA, hay: &[u8], mut found: impl FnMut(usize, usize, usize)) {
    let Ok(mut sid) = nfa.start_state(Anchored::No) else {
        return;
    };
    for (k, &b) in hay.iter().enumerate() {
        sid = nfa.next_state(Anchored::No, sid, b);
        if !nfa.is_special(sid) {
            continue;
        }
        // Without a prefilter, a special state is a dead state (none in an
        // unanchored search) or a match state.
        if nfa.is_dead(sid) {
            return;
        }
        for i in 0..nfa.match_len(sid) {
            let pid = nfa.match_pattern(sid, i);
            found(pid.as_usize(), k + 1 - nfa.pattern_len(pid), k + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    fn lex() -> Lexicon {
        let t = Table::parse(
            "t",
            "kind\tphrase\tvalue\ncomparator_before\tít nhất\tat_least\ncomparator_before\ttrên\tmore_than\nchange\ttăng\tincrease\nchange\ttăng cường\tlevel\npercent\t%\tpercent\n",
        )
        .unwrap();
        Lexicon::from_table(&t).unwrap()
    }

    #[test]
    fn whole_words_only() {
        let l = lex();
        let f = fold("Ít nhất 20%; trênx 5; Tăng cường 3");
        let m = l.find(&f);
        let kinds: Vec<(Kind, &str)> = m.iter().map(|m| (m.kind, &f[m.start..m.end])).collect();
        assert!(kinds.contains(&(Kind::ComparatorBefore, "ít nhất")));
        assert!(kinds.contains(&(Kind::Percent, "%")));
        assert!(!kinds.iter().any(|(_, s)| *s == "trên"));
        assert!(kinds.contains(&(Kind::Change, "tăng cường")));
        assert!(kinds.contains(&(Kind::Change, "tăng")));
    }

    /// [`overlapping`] finds what `find_overlapping_iter` of the same
    /// patterns finds, in the same order, on every line of the plans.
    #[test]
    fn overlapping_walk_is_the_overlapping_iterator() {
        let p = crate::patterns::Patterns::builtin();
        let l = &p.lexicon;
        let t = Table::parse("lexicon.tsv", include_str!("../../patterns/lexicon.tsv")).unwrap();
        let c = t.col("phrase").unwrap();
        let all: Vec<String> = t
            .rows
            .iter()
            .map(|r| fold(t.get(r, c).trim()))
            .chain(p.indicators.cues().iter().cloned())
            .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&all)
            .unwrap();
        let nfa = l.with.as_ref().unwrap();
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                let f = fold(line);
                let want: Vec<(usize, usize, usize)> = ac
                    .find_overlapping_iter(&f)
                    .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                    .collect();
                let mut got = Vec::new();
                overlapping(nfa, f.as_bytes(), |id, s, e| got.push((id, s, e)));
                assert_eq!(got, want, "{line:?}");
            }
        }
    }

    #[test]
    fn rejects_bad_values() {
        let t = Table::parse("t", "kind\tphrase\tvalue\ncomparator_before\tx\tmore\n").unwrap();
        assert!(Lexicon::from_table(&t).is_err());
        let t = Table::parse("t", "kind\tphrase\tvalue\nnope\tx\t\n").unwrap();
        assert!(Lexicon::from_table(&t).is_err());
    }

    #[test]
    fn builtin_lexicon_loads_and_is_sorted() {
        let text = include_str!("../../patterns/lexicon.tsv");
        let t = Table::parse("lexicon.tsv", text).unwrap();
        Lexicon::from_table(&t).unwrap();
        let rows: Vec<(String, String)> = t
            .rows
            .iter()
            .map(|r| (t.get(r, 0).to_string(), t.get(r, 1).to_string()))
            .collect();
        let mut sorted = rows.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(rows, sorted, "lexicon.tsv rows must be sorted and unique");
    }
}
