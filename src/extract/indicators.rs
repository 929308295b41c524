//! Indicator keys from cue phrases (`patterns/indicators.tsv`).
//!
//! A row of the file gives an indicator, a priority, cues the *subject* (the
//! counted noun phrase) must hold and cues the *predicate* (the clause or, failing
//! that, the sentence around it) must hold. A field is a list of alternatives
//! separated by `|`, each a conjunction of cues joined by `+`; a cue starting
//! with `^` must open the subject (after words such as `số`, `các`). All cues are
//! folded ([`crate::normalize::fold()`]) and found with one aho-corasick automaton
//! as whole words.
//!
//! [`IndicatorCues::classify`] returns the matching row of highest priority
//! (ties: the longer cues); rows sharing a `group` whose indicators differ
//! collapse into the group's key (`học sinh ... trung học phổ thông, cơ sở giáo
//! dục nghề nghiệp` is `informed_students`, not one level). It tries the clause
//! first and the wider context only when no row fits the clause; nothing fits
//! -> `None` (a wrong key is worse than none).

use std::cmp::Reverse;

use rustc_hash::FxHashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::normalize::fold;
use crate::normalize::fold::is_alnum;
use crate::patterns::{Table, TableError};

/// One cue of a conjunction.
#[derive(Debug, Clone)]
struct Cue {
    id: usize,
    anchored: bool,
}

/// Alternatives of conjunctions of cues; empty = no requirement.
type Field = Vec<Vec<Cue>>;

#[derive(Debug, Clone)]
struct Rule {
    indicator: String,
    priority: i32,
    subject: Field,
    predicate: Field,
    group: String,
    /// The first cues of the subject's conjunctions (anchored ones apart)
    /// and of the predicate's: a field can fit only where one is found, so
    /// most rules are ruled out by a few bit tests ([`Rule::may_fit`]).
    subject_first: CueBits,
    subject_first_anchored: CueBits,
    predicate_first: CueBits,
    /// The field has no conjunction or an empty one: it fits anything.
    subject_open: bool,
    predicate_open: bool,
}

/// A set of cue ids, one bit each.
#[derive(Debug, Clone, Default, PartialEq)]
struct CueBits(Vec<u64>);

impl CueBits {
    fn insert(&mut self, id: usize) {
        if self.0.len() <= id / 64 {
            self.0.resize(id / 64 + 1, 0);
        }
        self.0[id / 64] |= 1 << (id % 64);
    }

    #[cfg(test)]
    fn meets(&self, other: &CueBits) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
}

#[cfg(test)]
impl Rule {
    /// False when the rule's subject or predicate cannot fit `subj` and
    /// `pred` (what [`IndicatorCues::field_fit`] would say, from the first
    /// cue of each conjunction only).
    fn may_fit(&self, subj: &Found, pred: &Found) -> bool {
        (self.subject_open
            || self.subject_first.meets(&subj.any_bits())
            || self.subject_first_anchored.meets(&subj.start_bits()))
            && (self.predicate_open || self.predicate_first.meets(&pred.any_bits()))
    }
}

#[derive(Debug, Clone, Default)]
pub struct IndicatorCues {
    ac: Option<AhoCorasick>,
    cues: Vec<String>,
    rules: Vec<Rule>,
    /// Folded words that may open a subject before an anchored cue.
    skip: Vec<String>,
    /// The longest cue, in bytes.
    longest: usize,
    /// [`Rule::may_fit`] as rule sets (one bit per rule): for each cue
    /// id, the rules whose subject may fit where it is found
    /// ([`Rule::subject_first`]), found at the start
    /// ([`Rule::subject_first_anchored`]), and whose predicate may fit where
    /// it is found; and the rules whose field fits anything.
    subject_rules: Vec<Vec<u64>>,
    subject_start_rules: Vec<Vec<u64>>,
    predicate_rules: Vec<Vec<u64>>,
    subject_open_rules: Vec<u64>,
    predicate_open_rules: Vec<u64>,
    /// The (byte before, byte after) of every space inside a cue, one bit
    /// each (`before * 256 + after`): a cue can straddle a space joining
    /// two texts only if these bytes stand around it.
    around_space: Vec<u64>,
}

/// An occurrence of a cue in a folded text, before the whole-word test
/// (which depends on what the text is cut to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    id: usize,
    start: usize,
    end: usize,
}

impl CueHit {
    /// Cue `id` found at `start..end`.
    pub fn new(id: usize, start: usize, end: usize) -> CueHit {
        CueHit { id, start, end }
    }
}

/// The hits of `hits` within `a..b`, with offsets from `a`: the hits of
/// the text cut to `a..b`.
pub fn hits_in(hits: &[CueHit], a: usize, b: usize) -> Vec<CueHit> {
    let mut into = Vec::new();
    hits_in_into(hits, a, b, &mut into);
    into
}

/// [`hits_in`] written into `into` (cleared first), so that a caller
/// cutting span after span reuses one list.
pub fn hits_in_into(hits: &[CueHit], a: usize, b: usize, into: &mut Vec<CueHit>) {
    into.clear();
    into.extend(
        hits.iter()
            .filter(|h| h.start >= a && h.end <= b)
            .map(|h| CueHit {
                id: h.id,
                start: h.start - a,
                end: h.end - a,
            }),
    );
}

/// Cue ids found in a text (with their first position), and those found at
/// its start; both indexed by cue id.
#[derive(Debug, Clone, Default, PartialEq)]
struct Found {
    /// Each cue found, once, ascending by id (most texts hold a few cues or
    /// none: no table as long as the cue list, and no allocation for none).
    cues: Vec<FoundCue>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct FoundCue {
    id: usize,
    /// Its first position.
    first: usize,
    /// Whether it is found at the start.
    at_start: bool,
}

impl Found {
    fn get(&self, id: usize) -> Option<&FoundCue> {
        self.cues
            .binary_search_by_key(&id, |c| c.id)
            .ok()
            .map(|k| &self.cues[k])
    }

    /// The first position of cue `id`, if found.
    fn first(&self, id: usize) -> Option<usize> {
        self.get(id).map(|c| c.first)
    }

    /// Whether cue `id` is found at the start.
    fn at_start(&self, id: usize) -> bool {
        self.get(id).is_some_and(|c| c.at_start)
    }

    /// Cue `id` found at `first` (replacing its position), at the start
    /// too if `at_start` (or if it was already).
    #[cfg(test)]
    fn set(&mut self, id: usize, first: usize, at_start: bool) {
        match self.cues.binary_search_by_key(&id, |c| c.id) {
            Ok(k) => {
                self.cues[k].first = first;
                self.cues[k].at_start |= at_start;
            }
            Err(k) => self.cues.insert(
                k,
                FoundCue {
                    id,
                    first,
                    at_start,
                },
            ),
        }
    }

    #[cfg(test)]
    fn any_bits(&self) -> CueBits {
        let mut b = CueBits::default();
        for c in &self.cues {
            b.insert(c.id);
        }
        b
    }

    #[cfg(test)]
    fn start_bits(&self) -> CueBits {
        let mut b = CueBits::default();
        for c in self.cues.iter().filter(|c| c.at_start) {
            b.insert(c.id);
        }
        b
    }
}

/// A text given to [`IndicatorCues::classify_folded`], with its fold
/// ([`fold()`]) when the caller has it, and the hits of the cues in that
/// fold ([`IndicatorCues::hits`]) when the caller has them.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    pub text: &'a str,
    pub fold: Option<&'a str>,
    pub hits: Option<&'a [CueHit]>,
}

impl<'a> Known<'a> {
    /// A text whose fold is to be worked out.
    pub fn new(text: &'a str) -> Known<'a> {
        Known {
            text,
            fold: None,
            hits: None,
        }
    }
}

/// Folds of the context parts given to [`IndicatorCues::classify_in`]: the
/// targets of a sentence, a list or a section share their sentence, lead-in
/// or heading, which are long.
#[derive(Debug, Clone, Default)]
pub struct ContextFold {
    /// Each part's fold, and the hits of the cues in it once looked for.
    folds: FxHashMap<String, (String, Option<Vec<CueHit>>)>,
    /// The clause and context parts of the last call, and what was found in
    /// them: the pieces of one subject are classified against the same ones.
    last: Option<LastClause>,
    /// Scratch for the clause and context joined, and their hits.
    joined: String,
    joined_hits: Vec<CueHit>,
    /// Scratch for the cues found in the subject.
    subject: Found,
}

#[derive(Debug, Clone, Default)]
struct LastClause {
    clause: String,
    context: Vec<String>,
    clause_fold: String,
    /// The hits of the cues in `clause_fold`.
    clause_hits: Vec<CueHit>,
    in_clause: Found,
    /// Found in the clause and the context together, once asked for.
    in_context: Option<Found>,
    /// The list of an `in_context` of an earlier clause, for the next.
    spare_context: Found,
}

/// Parts [`ContextFold`] keeps at most (it starts again when full).
const CONTEXT_PARTS: usize = 512;

impl ContextFold {
    /// Keeps `fold`, the fold of `text`, for the calls to come.
    pub fn know(&mut self, text: &str, fold: &str) {
        if !self.folds.contains_key(text) {
            if self.folds.len() >= CONTEXT_PARTS {
                self.folds.clear();
            }
            self.folds
                .insert(text.to_string(), (fold.to_string(), None));
        }
    }

    /// [`ContextFold::know`] with the hits of the cues in `fold`, made by
    /// `hits` if `text` is new.
    pub fn know_hits(&mut self, text: &str, fold: &str, hits: impl FnOnce() -> Vec<CueHit>) {
        if !self.folds.contains_key(text) {
            if self.folds.len() >= CONTEXT_PARTS {
                self.folds.clear();
            }
            self.folds
                .insert(text.to_string(), (fold.to_string(), Some(hits())));
        }
    }

    /// The fold of `text` and the hits of the cues in it.
    fn get(&mut self, cues: &IndicatorCues, text: &str) -> (&str, &[CueHit]) {
        if !self.folds.contains_key(text) {
            if self.folds.len() >= CONTEXT_PARTS {
                self.folds.clear();
            }
            self.folds.insert(text.to_string(), (fold(text), None));
        }
        match self.folds.get_mut(text) {
            Some((f, hits)) => (f.as_str(), hits.get_or_insert_with(|| cues.hits(f))),
            None => ("", &[]),
        }
    }
}

impl IndicatorCues {
    pub fn from_table(t: &Table) -> Result<IndicatorCues, TableError> {
        let ci = t.col("indicator")?;
        let cp = t.col("priority")?;
        let cs = t.col("subject")?;
        let cr = t.col("predicate")?;
        let cg = t.col("group")?;
        let mut cues: Vec<String> = Vec::new();
        let mut rules = Vec::new();
        let intern = |s: &str, cues: &mut Vec<String>| -> usize {
            let f = fold(s.trim());
            if let Some(i) = cues.iter().position(|c| *c == f) {
                i
            } else {
                cues.push(f);
                cues.len() - 1
            }
        };
        for row in &t.rows {
            let indicator = t.get(row, ci).trim().to_string();
            if indicator.is_empty() {
                return Err(t.error(row, "empty indicator"));
            }
            let priority: i32 = t
                .get(row, cp)
                .trim()
                .parse()
                .map_err(|_| t.error(row, "priority must be an integer"))?;
            let parse_field = |s: &str, cues: &mut Vec<String>| -> Result<Field, TableError> {
                let mut field = Vec::new();
                for alt in s.split('|').map(str::trim).filter(|a| !a.is_empty()) {
                    let mut conj = Vec::new();
                    for cue in alt.split('+').map(str::trim) {
                        let (anchored, text) = match cue.strip_prefix('^') {
                            Some(r) => (true, r),
                            None => (false, cue),
                        };
                        if text.trim().is_empty() {
                            return Err(t.error(row, format!("empty cue in `{alt}`")));
                        }
                        conj.push(Cue {
                            id: intern(text, cues),
                            anchored,
                        });
                    }
                    field.push(conj);
                }
                Ok(field)
            };
            let subject = parse_field(t.get(row, cs), &mut cues)?;
            let predicate = parse_field(t.get(row, cr), &mut cues)?;
            if subject.is_empty() && predicate.is_empty() {
                return Err(t.error(row, "a rule needs subject or predicate cues"));
            }
            let mut subject_first = CueBits::default();
            let mut subject_first_anchored = CueBits::default();
            let mut predicate_first = CueBits::default();
            for c in subject.iter().filter_map(|conj| conj.first()) {
                if c.anchored {
                    subject_first_anchored.insert(c.id);
                } else {
                    subject_first.insert(c.id);
                }
            }
            for c in predicate.iter().filter_map(|conj| conj.first()) {
                predicate_first.insert(c.id);
            }
            let open = |f: &Field| f.is_empty() || f.iter().any(Vec::is_empty);
            rules.push(Rule {
                indicator,
                priority,
                subject_open: open(&subject),
                predicate_open: open(&predicate),
                subject,
                predicate,
                group: t.get(row, cg).trim().to_string(),
                subject_first,
                subject_first_anchored,
                predicate_first,
            });
        }
        let longest = cues.iter().map(String::len).max().unwrap_or(0);
        let words = rules.len().div_ceil(64);
        let mut subject_rules = vec![vec![0u64; words]; cues.len()];
        let mut subject_start_rules = vec![vec![0u64; words]; cues.len()];
        let mut predicate_rules = vec![vec![0u64; words]; cues.len()];
        let mut subject_open_rules = vec![0u64; words];
        let mut predicate_open_rules = vec![0u64; words];
        for (k, r) in rules.iter().enumerate() {
            let bit = 1u64 << (k % 64);
            for id in 0..cues.len() {
                let has = |b: &CueBits| b.0.get(id / 64).is_some_and(|w| w & (1 << (id % 64)) != 0);
                if has(&r.subject_first) {
                    subject_rules[id][k / 64] |= bit;
                }
                if has(&r.subject_first_anchored) {
                    subject_start_rules[id][k / 64] |= bit;
                }
                if has(&r.predicate_first) {
                    predicate_rules[id][k / 64] |= bit;
                }
            }
            if r.subject_open {
                subject_open_rules[k / 64] |= bit;
            }
            if r.predicate_open {
                predicate_open_rules[k / 64] |= bit;
            }
        }
        let mut around_space = vec![0u64; 65536 / 64];
        for c in &cues {
            let b = c.as_bytes();
            for k in 1..b.len().saturating_sub(1) {
                if b[k] == b' ' {
                    let pair = usize::from(b[k - 1]) * 256 + usize::from(b[k + 1]);
                    around_space[pair / 64] |= 1 << (pair % 64);
                }
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&cues)
            .map_err(|e| TableError {
                file: t.file.clone(),
                line: 0,
                message: e.to_string(),
            })?;
        let skip = [
            "số",
            "các",
            "những",
            "toàn bộ",
            "tổng số",
            "trong số",
            "lượt",
        ]
        .iter()
        .map(|s| fold(s))
        .collect();
        Ok(IndicatorCues {
            ac: Some(ac),
            cues,
            rules,
            skip,
            longest,
            subject_rules,
            subject_start_rules,
            predicate_rules,
            subject_open_rules,
            predicate_open_rules,
            around_space,
        })
    }

    /// Every indicator key the rules name.
    pub fn keys(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .rules
            .iter()
            .flat_map(|r| [r.indicator.as_str(), r.group.as_str()])
            .filter(|k| !k.is_empty())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Every occurrence of a cue in the folded text `f`, whole words or not
    /// (overlapping allowed): the hits of a span of `f` are those within it
    /// ([`hits_in`]).
    pub fn hits(&self, f: &str) -> Vec<CueHit> {
        match &self.ac {
            Some(ac) => ac
                .find_overlapping_iter(f)
                .map(|m| CueHit {
                    id: m.pattern().as_usize(),
                    start: m.start(),
                    end: m.end(),
                })
                .collect(),
            None => Vec::new(),
        }
    }

    /// The cues found in the folded text `f`.
    #[cfg(test)]
    fn found_folded(&self, f: &str) -> Found {
        self.found_with(f, self.hits(f))
    }

    /// Where the words of the folded text `f` start, past leading
    /// punctuation and words such as `số`, `các`.
    fn words_start(&self, f: &str) -> usize {
        let mut start = 0;
        loop {
            let rest = &f[start..];
            let trimmed = rest.trim_start_matches(|c: char| !is_alnum(c));
            start += rest.len() - trimmed.len();
            // (The first bytes compared inline first: most words start with
            // none of the skipped words' and need no full comparison.)
            let first = trimmed.as_bytes().first();
            let Some(w) = self
                .skip
                .iter()
                .filter(|w| {
                    w.as_bytes().first().is_none_or(|b| Some(b) == first)
                        && trimmed.starts_with(w.as_str())
                        && !trimmed[w.len()..].starts_with(is_alnum)
                })
                .max_by_key(|w| w.len())
            else {
                return start;
            };
            start += w.len();
        }
    }

    /// [`IndicatorCues::found_folded`] from the hits of the cues in `f`
    /// (in any order: a cue's first position is its hits' least start).
    #[cfg(test)]
    fn found_with(&self, f: &str, hits: impl IntoIterator<Item = CueHit>) -> Found {
        let mut found = Found::default();
        self.found_into(f, hits, &mut found);
        found
    }

    /// [`IndicatorCues::found_with`] written into `found` (its list
    /// cleared and reused).
    fn found_into(&self, f: &str, hits: impl IntoIterator<Item = CueHit>, found: &mut Found) {
        let start = self.words_start(f);
        let hits = hits.into_iter();
        let cues = &mut found.cues;
        cues.clear();
        // Sized once for the hits (a slice's, nearly always: its length).
        cues.reserve(hits.size_hint().0);
        for CueHit {
            id,
            start: s,
            end: e,
        } in hits
        {
            if f[..s].chars().next_back().is_some_and(is_alnum)
                || f[e..].chars().next().is_some_and(is_alnum)
            {
                continue;
            }
            cues.push(FoundCue {
                id,
                first: s,
                at_start: s == start,
            });
        }
        cues.sort_unstable_by_key(|c| c.id);
        cues.dedup_by(|later, kept| {
            let same = later.id == kept.id;
            if same {
                kept.first = kept.first.min(later.first);
                kept.at_start |= later.at_start;
            }
            same
        });
    }

    /// Whether a field is satisfied, and then (earliest position of a
    /// satisfied alternative's last cue, length of its cues).
    fn field_fit(
        &self,
        field: &Field,
        found: &Found,
        allow_anchor: bool,
    ) -> Option<(usize, usize)> {
        if field.is_empty() {
            return Some((0, 0));
        }
        field
            .iter()
            .filter_map(|conj| {
                let mut pos = 0;
                let mut len = 0;
                for c in conj {
                    let p = if c.anchored && allow_anchor {
                        found.at_start(c.id).then_some(0)
                    } else {
                        found.first(c.id)
                    }?;
                    pos = pos.max(p);
                    len += self.cues[c.id].len();
                }
                Some((pos, len))
            })
            .min_by_key(|&(pos, len)| (pos, std::cmp::Reverse(len)))
    }

    fn best(&self, subj: &Found, pred: &Found) -> Option<&str> {
        // The rule that fits where it is found in the predicate and its cue
        // length, or `None` when it does not fit.
        let fit = |r: &Rule| {
            let (_, sl) = self.field_fit(&r.subject, subj, true)?;
            let (pp, pl) = self.field_fit(&r.predicate, pred, false)?;
            Some((pp, sl + pl))
        };
        // Highest priority; then the predicate nearest the start (the verb
        // that governs the subject); then the longer cues; the last of
        // equals (as `max_by_key`). Kept as the rules are tried, without
        // a list of those that fit.
        let mut top: Option<(&Rule, usize, usize)> = None;
        self.may_fit_each(subj, pred, |k| {
            let r = &self.rules[k];
            if let Some((pos, len)) = fit(r) {
                fn key(
                    r: &Rule,
                    pos: usize,
                    len: usize,
                ) -> (i32, Reverse<usize>, usize, Reverse<&str>) {
                    (r.priority, Reverse(pos), len, Reverse(r.indicator.as_str()))
                }
                if top.is_none_or(|(t, tp, tl)| key(r, pos, len) >= key(t, tp, tl)) {
                    top = Some((r, pos, len));
                }
            }
        });
        let (top, _, _) = top?;
        if !top.group.is_empty() {
            // More than one level of the group at the top priority: another
            // rule of the group and priority that fits names another level.
            let mut other = false;
            self.may_fit_each(subj, pred, |k| {
                let r = &self.rules[k];
                if !other
                    && r.group == top.group
                    && r.priority == top.priority
                    && r.indicator != top.indicator
                    && fit(r).is_some()
                {
                    other = true;
                }
            });
            if other {
                return Some(&top.group);
            }
        }
        Some(&top.indicator)
    }

    /// [`IndicatorCues::best`] as it was: every rule that fits collected,
    /// then the top one picked (the oracle of the tests).
    #[cfg(test)]
    fn best_collected(&self, subj: &Found, pred: &Found) -> Option<String> {
        let mut hits: Vec<(&Rule, usize, usize)> = Vec::new();
        self.may_fit_each(subj, pred, |k| {
            let r = &self.rules[k];
            let fit = || {
                let (_, sl) = self.field_fit(&r.subject, subj, true)?;
                let (pp, pl) = self.field_fit(&r.predicate, pred, false)?;
                Some((r, pp, sl + pl))
            };
            if let Some(h) = fit() {
                hits.push(h);
            }
        });
        let (top, _, _) = hits.iter().max_by_key(|(r, pos, len)| {
            (
                r.priority,
                std::cmp::Reverse(*pos),
                *len,
                std::cmp::Reverse(r.indicator.as_str()),
            )
        })?;
        if !top.group.is_empty() {
            let mut levels = hits
                .iter()
                .map(|h| h.0)
                .filter(|r| r.group == top.group && r.priority == top.priority)
                .map(|r| r.indicator.as_str());
            if let Some(first) = levels.next() {
                if levels.any(|l| l != first) {
                    return Some(top.group.clone());
                }
            }
        }
        Some(top.indicator.clone())
    }

    /// The indicator of a target whose counted noun phrase is `subject`, stated
    /// in `clause`, within the wider `context` (sentence, lead-in, heading).
    pub fn classify(&self, subject: &str, clause: &str, context: &str) -> Option<String> {
        self.classify_in(subject, clause, &[context], &mut ContextFold::default())
    }

    /// [`IndicatorCues::classify`] with the context given as parts to be
    /// joined by spaces, keeping the folds of the parts in `cache` for the
    /// next calls.
    pub fn classify_in(
        &self,
        subject: &str,
        clause: &str,
        context: &[&str],
        cache: &mut ContextFold,
    ) -> Option<String> {
        self.classify_folded(Known::new(subject), Known::new(clause), context, cache)
            .map(str::to_string)
    }

    /// [`IndicatorCues::classify_in`] with the folds of the subject and the
    /// clause given where the caller has them.
    pub fn classify_folded(
        &self,
        subject: Known,
        clause: Known,
        context: &[&str],
        cache: &mut ContextFold,
    ) -> Option<&str> {
        if self.rules.is_empty() {
            return None;
        }
        // The subject's cues, in the cache's list (reused call after call).
        let mut subj = std::mem::take(&mut cache.subject);
        match (subject.fold, subject.hits) {
            (Some(f), Some(h)) => self.found_into(f, h.iter().copied(), &mut subj),
            (Some(f), None) => self.found_into(f, self.hits(f), &mut subj),
            (None, _) => {
                let f = fold(subject.text);
                self.found_into(&f, self.hits(&f), &mut subj);
            }
        }
        let clause_hits = clause.hits;
        let clause_fold = clause.fold;
        let clause = clause.text;
        let same = cache.last.as_ref().is_some_and(|l| {
            l.clause == clause
                && l.context.len() == context.len()
                && l.context.iter().zip(context).all(|(a, b)| a == b)
        });
        let mut last = match cache.last.take() {
            Some(l) if same => l,
            prev => {
                // The last clause's strings and lists are written over.
                let mut l = prev.unwrap_or_default();
                l.clause.clear();
                l.clause.push_str(clause);
                l.context.truncate(context.len());
                for (k, c) in context.iter().enumerate() {
                    match l.context.get_mut(k) {
                        Some(kept) => {
                            kept.clear();
                            kept.push_str(c);
                        }
                        None => l.context.push(c.to_string()),
                    }
                }
                l.clause_fold.clear();
                match clause_fold {
                    Some(f) => l.clause_fold.push_str(f),
                    None => l.clause_fold.push_str(&fold(clause)),
                }
                match clause_fold.and(clause_hits) {
                    Some(h) => {
                        l.clause_hits.clear();
                        l.clause_hits.extend_from_slice(h);
                    }
                    None => l.clause_hits = self.hits(&l.clause_fold),
                }
                self.found_into(
                    &l.clause_fold,
                    l.clause_hits.iter().copied(),
                    &mut l.in_clause,
                );
                if let Some(f) = l.in_context.take() {
                    l.spare_context = f;
                }
                l
            }
        };
        let mut k = self.best(&subj, &last.in_clause);
        if k.is_none() {
            if last.in_context.is_none() {
                // Fold works word by word and keeps spaces, so the fold of
                // "{clause} {context}" is the folds of the parts joined by
                // spaces.
                // Its hits are those of the parts, moved, and those that
                // straddle a joining space.
                let mut x = std::mem::take(&mut cache.joined);
                let mut hits = std::mem::take(&mut cache.joined_hits);
                x.clear();
                x.push_str(&last.clause_fold);
                hits.clear();
                hits.extend_from_slice(&last.clause_hits);
                // (The joins on the stack for the few parts callers give.)
                let mut stack = [0usize; 8];
                let mut heap = Vec::new();
                let joins: &mut [usize] = if context.len() <= stack.len() {
                    &mut stack[..context.len()]
                } else {
                    heap.resize(context.len(), 0);
                    &mut heap
                };
                for (k, part) in context.iter().enumerate() {
                    joins[k] = x.len();
                    x.push(' ');
                    let at = x.len();
                    let (f, h) = cache.get(self, part);
                    x.push_str(f);
                    hits.extend(h.iter().map(|h| CueHit {
                        id: h.id,
                        start: h.start + at,
                        end: h.end + at,
                    }));
                }
                self.straddling(&x, joins, &mut hits);
                let mut found = std::mem::take(&mut last.spare_context);
                self.found_into(&x, hits.iter().copied(), &mut found);
                last.in_context = Some(found);
                cache.joined = x;
                cache.joined_hits = hits;
            }
            k = last.in_context.as_ref().and_then(|x| self.best(&subj, x));
        }
        cache.last = Some(last);
        cache.subject = subj;
        k
    }

    /// Adds to `hits` the hits of the cues in `x` that hold one of the
    /// spaces at `joins` (ascending), each once.
    fn straddling(&self, x: &str, joins: &[usize], hits: &mut Vec<CueHit>) {
        let Some(ac) = &self.ac else {
            return;
        };
        let b = x.as_bytes();
        for (k, &j) in joins.iter().enumerate() {
            // A cue holds a space only between two of its bytes.
            if j == 0 || j + 1 >= b.len() {
                continue;
            }
            let pair = usize::from(b[j - 1]) * 256 + usize::from(b[j + 1]);
            if self.around_space[pair / 64] & (1 << (pair % 64)) == 0 {
                continue;
            }
            // A hit holding `j` starts after `j - longest` and ends by
            // `j + longest`.
            let mut ws = (j + 1).saturating_sub(self.longest);
            while !x.is_char_boundary(ws) {
                ws -= 1;
            }
            let mut we = (j + self.longest).min(x.len());
            while !x.is_char_boundary(we) {
                we += 1;
            }
            // One holding an earlier join too was found at that one.
            let after = if k > 0 { joins[k - 1] + 1 } else { 0 };
            for m in ac.find_overlapping_iter(&x[ws..we]) {
                let (s, e) = (ws + m.start(), ws + m.end());
                if s <= j && j < e && s >= after {
                    hits.push(CueHit {
                        id: m.pattern().as_usize(),
                        start: s,
                        end: e,
                    });
                }
            }
        }
    }

    /// The rules [`Rule::may_fit`] keeps, in order: the union of the rule
    /// sets of the cues found.
    #[cfg(test)]
    fn may_fit(&self, subj: &Found, pred: &Found) -> Vec<usize> {
        let mut out = Vec::new();
        self.may_fit_each(subj, pred, |k| out.push(k));
        out
    }

    /// [`IndicatorCues::may_fit`], each rule given to `each` in order
    /// (the rule sets on the stack when they are short).
    fn may_fit_each(&self, subj: &Found, pred: &Found, mut each: impl FnMut(usize)) {
        let words = self.subject_open_rules.len();
        let mut stack = [0u64; 8];
        let mut heap = Vec::new();
        let both = if 2 * words <= stack.len() {
            &mut stack[..2 * words]
        } else {
            heap.resize(2 * words, 0);
            &mut heap[..]
        };
        let (s, p) = both.split_at_mut(words);
        s.copy_from_slice(&self.subject_open_rules);
        p.copy_from_slice(&self.predicate_open_rules);
        let or = |into: &mut [u64], from: &[u64]| {
            for (a, b) in into.iter_mut().zip(from) {
                *a |= b;
            }
        };
        for c in &subj.cues {
            or(s, &self.subject_rules[c.id]);
        }
        for c in subj.cues.iter().filter(|c| c.at_start) {
            or(s, &self.subject_start_rules[c.id]);
        }
        for c in &pred.cues {
            or(p, &self.predicate_rules[c.id]);
        }
        for (w, (a, b)) in s.iter().zip(p.iter()).enumerate() {
            let mut m = a & b;
            while m != 0 {
                each(w * 64 + m.trailing_zeros() as usize);
                m &= m - 1;
            }
        }
    }

    /// Whether two keys measure the same thing (equal, or one group).
    pub fn same_measure(&self, a: Option<&str>, b: Option<&str>) -> bool {
        let (Some(a), Some(b)) = (a, b) else {
            return a == b;
        };
        if a == b {
            return true;
        }
        let group = |k: &str| {
            self.rules
                .iter()
                .find(|r| r.indicator == k || r.group == k)
                .map(|r| r.group.as_str())
                .filter(|g| !g.is_empty())
        };
        let ga = group(a);
        ga.is_some() && ga == group(b)
    }

    /// The folded cue strings (for tests and diagnostics).
    pub fn cues(&self) -> &[String] {
        &self.cues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Rule::may_fit`] keeps every rule when exactly the cues of one of
    /// its subject conjunctions and one of its predicate conjunctions are
    /// found (the least that makes it fit).
    #[test]
    fn may_fit_keeps_each_rule_on_its_own_cues() {
        let cues = crate::patterns::Patterns::builtin().indicators.clone();
        let none: Vec<Cue> = Vec::new();
        let mut checked = 0;
        for r in &cues.rules {
            let subjects: Vec<&Vec<Cue>> = if r.subject.is_empty() {
                vec![&none]
            } else {
                r.subject.iter().collect()
            };
            let predicates: Vec<&Vec<Cue>> = if r.predicate.is_empty() {
                vec![&none]
            } else {
                r.predicate.iter().collect()
            };
            for sc in &subjects {
                for pc in &predicates {
                    let mut found = Found::default();
                    for c in sc.iter().chain(pc.iter()) {
                        found.set(c.id, 0, true);
                    }
                    assert!(cues.field_fit(&r.subject, &found, true).is_some());
                    assert!(cues.field_fit(&r.predicate, &found, false).is_some());
                    assert!(r.may_fit(&found, &found), "{}", r.indicator);
                    checked += 1;
                }
            }
        }
        assert!(checked > cues.rules.len());
    }

    /// The cues of a few rules (`picks`, by index) found at the given
    /// positions: found sets that make those rules (and rules sharing
    /// their cues) fit.
    fn found_of_rules(cues: &IndicatorCues, picks: &[(usize, usize, bool)]) -> (Found, Found) {
        let (mut subj, mut pred) = (Found::default(), Found::default());
        for &(k, pos, start) in picks {
            let r = &cues.rules[k % cues.rules.len()];
            for c in r.subject.iter().flatten() {
                subj.set(c.id, pos, start || c.anchored);
            }
            for c in r.predicate.iter().flatten() {
                pred.set(c.id, pos + 3, false);
            }
        }
        (subj, pred)
    }

    /// [`IndicatorCues::best`] picks what the collecting version picked:
    /// every rule's own cues, and those of every pair of rules.
    #[test]
    fn best_is_the_collected_best_on_rule_cues() {
        let cues = crate::patterns::Patterns::builtin().indicators.clone();
        let n = cues.rules.len();
        let mut named = 0;
        for a in 0..n {
            for b in (a..n).step_by(7) {
                for (pa, pb) in [(0, 0), (0, 5), (9, 2)] {
                    let (s, p) = found_of_rules(&cues, &[(a, pa, false), (b, pb, pa == pb)]);
                    let got = cues.best(&s, &p).map(str::to_string);
                    assert_eq!(got, cues.best_collected(&s, &p), "{a} {b}");
                    assert_eq!(
                        cues.best(&p, &s).map(str::to_string),
                        cues.best_collected(&p, &s),
                        "{a} {b}"
                    );
                    named += usize::from(got.is_some());
                }
            }
        }
        assert!(named > n, "{named}");
    }

    /// [`IndicatorCues::best`] and the collecting version on the subjects
    /// and clauses of the plans' lines (their halves).
    #[test]
    fn best_is_the_collected_best_on_the_plans() {
        let c = builtin();
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                let f = fold(line);
                let mid = (0..=f.len() / 2)
                    .rev()
                    .find(|&k| f.is_char_boundary(k))
                    .unwrap_or(0);
                let (a, b) = (c.found_folded(&f[..mid]), c.found_folded(&f[mid..]));
                let whole = c.found_folded(&f);
                for (s, p) in [(&a, &b), (&b, &a), (&whole, &whole), (&a, &whole)] {
                    assert_eq!(
                        c.best(s, p).map(str::to_string),
                        c.best_collected(s, p),
                        "{line:?}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn best_is_the_collected_best_on_random_rules(
            picks in proptest::collection::vec((0usize..10_000, 0usize..20, proptest::prelude::any::<bool>()), 0..6),
        ) {
            let cues = crate::patterns::Patterns::builtin().indicators.clone();
            let (s, p) = found_of_rules(&cues, &picks);
            proptest::prop_assert_eq!(cues.best(&s, &p).map(str::to_string), cues.best_collected(&s, &p));
            let both = found_of_rules(&cues, &picks).0;
            proptest::prop_assert_eq!(cues.best(&both, &p).map(str::to_string), cues.best_collected(&both, &p));
        }
    }

    proptest::proptest! {
        /// [`Rule::may_fit`] never rules out a rule whose fields fit: for
        /// random sets of found cues (anywhere, at the start).
        #[test]
        fn may_fit_keeps_every_fitting_rule(
            seed_any in proptest::collection::vec(0usize..1000, 0..12),
            seed_start in proptest::collection::vec(0usize..1000, 0..4),
        ) {
            let cues = crate::patterns::Patterns::builtin().indicators.clone();
            let n = cues.cues.len();
            let mut found = Found::default();
            for (k, id) in seed_any.iter().map(|x| x % n).enumerate() {
                found.set(id, k, false);
            }
            for id in seed_start.iter().map(|x| x % n) {
                found.set(id, 0, true);
            }
            for r in &cues.rules {
                let fits = cues.field_fit(&r.subject, &found, true).is_some()
                    && cues.field_fit(&r.predicate, &found, false).is_some();
                proptest::prop_assert!(!fits || r.may_fit(&found, &found), "{}", r.indicator);
            }
        }
    }

    /// What the cues are found to be in a span of a text, and in texts
    /// joined by spaces, from the hits in the whole text and in the parts
    /// (plus those straddling a join), is what a search of the span or of
    /// the joined text finds.
    /// [`IndicatorCues::found_with`] as the tables indexed by cue id it
    /// replaced built it: each cue's least start, and whether one starts
    /// where the text's words do.
    fn check_found_as_tables(c: &IndicatorCues, f: &str) {
        let found = c.found_folded(f);
        let n = c.cues.len();
        let mut any = vec![usize::MAX; n];
        let mut at_start = vec![false; n];
        let start = c.words_start(f);
        for h in c.hits(f) {
            if f[..h.start].chars().next_back().is_some_and(is_alnum)
                || f[h.end..].chars().next().is_some_and(is_alnum)
            {
                continue;
            }
            any[h.id] = any[h.id].min(h.start);
            at_start[h.id] |= h.start == start;
        }
        for id in 0..n {
            assert_eq!(
                found.first(id),
                Some(any[id]).filter(|&p| p != usize::MAX),
                "{f}"
            );
            assert_eq!(found.at_start(id), at_start[id], "{f}");
        }
        assert!(found.cues.windows(2).all(|w| w[0].id < w[1].id));
    }

    #[test]
    fn found_is_what_the_tables_were() {
        let c = builtin();
        for text in [
            "số người nghiện ma túy được cai nghiện",
            "tỷ lệ xã, phường, thị trấn không có tệ nạn mại dâm đạt 90%",
            "các cơ sở kinh doanh dịch vụ được kiểm tra, kiểm tra",
            "100% cán bộ làm công tác phòng, chống mại dâm được tập huấn",
            "",
        ] {
            check_found_as_tables(&c, &fold(text));
        }
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")) {
            let path = entry.unwrap().into_path();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for line in text.lines().take(400) {
                check_found_as_tables(&c, &fold(line));
            }
        }
    }

    fn check_hits(c: &IndicatorCues, parts: &[&str]) {
        let folds: Vec<String> = parts.iter().map(|p| fold(p)).collect();
        let mut x = String::new();
        let mut hits = Vec::new();
        let mut joins = Vec::new();
        for (k, f) in folds.iter().enumerate() {
            if k > 0 {
                joins.push(x.len());
                x.push(' ');
            }
            let at = x.len();
            x.push_str(f);
            hits.extend(c.hits(f).into_iter().map(|h| CueHit {
                id: h.id,
                start: h.start + at,
                end: h.end + at,
            }));
        }
        c.straddling(&x, &joins, &mut hits);
        let mut sorted = hits.clone();
        sorted.sort_by_key(|h| (h.start, h.end, h.id));
        let mut all = c.hits(&x);
        all.sort_by_key(|h| (h.start, h.end, h.id));
        assert_eq!(sorted, all, "{parts:?}");
        assert_eq!(c.found_with(&x, hits), c.found_folded(&x), "{parts:?}");
        let cuts: Vec<usize> = (0..=x.len()).filter(|&k| x.is_char_boundary(k)).collect();
        for &a in cuts.iter().step_by(5) {
            for &b in cuts.iter().filter(|&&b| b >= a).step_by(7) {
                assert_eq!(
                    c.found_with(&x[a..b], hits_in(&all, a, b)),
                    c.found_folded(&x[a..b]),
                    "{parts:?} {a}..{b}"
                );
            }
        }
    }

    /// [`IndicatorCues::words_start`] as it was: every skipped word
    /// compared whole at every step.
    fn words_start_by_compare(c: &IndicatorCues, f: &str) -> usize {
        let mut start = 0;
        loop {
            let rest = &f[start..];
            let trimmed = rest.trim_start_matches(|c: char| !is_alnum(c));
            start += rest.len() - trimmed.len();
            let Some(w) = c
                .skip
                .iter()
                .filter(|w| {
                    f[start..].starts_with(w.as_str())
                        && !f[start + w.len()..].starts_with(is_alnum)
                })
                .max_by_key(|w| w.len())
            else {
                return start;
            };
            start += w.len();
        }
    }

    #[test]
    fn words_start_is_the_whole_comparison_on_the_plans() {
        let c = builtin();
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                let f = fold(line);
                let mut k = 0;
                while k < f.len() {
                    let t = &f[k..];
                    assert_eq!(c.words_start(t), words_start_by_compare(&c, t), "{t:?}");
                    // From every word (and what precedes it).
                    k += t.find(' ').map_or(t.len(), |s| s + 1);
                }
            }
        }
        for t in [
            "",
            "số",
            "số các",
            "những số",
            "tổng số,  các học sinh",
            "sốa",
            ", lượt",
        ] {
            let f = fold(t);
            assert_eq!(c.words_start(&f), words_start_by_compare(&c, &f), "{t:?}");
        }
    }

    #[test]
    fn hits_of_spans_and_parts_find_what_a_search_finds_in_the_plans() {
        let c = builtin();
        let mut lines = 0;
        for text in crate::test_support::plan_texts() {
            let all: Vec<&str> = text.lines().filter(|l| l.len() < 300).collect();
            for w in all.windows(3) {
                // Parts cut inside cues too: at every third space.
                let words: Vec<&str> = w[1].split(' ').collect();
                let cut: Vec<String> = words.chunks(3).map(|c| c.join(" ")).collect();
                let cut: Vec<&str> = cut.iter().map(String::as_str).collect();
                check_hits(&c, &cut);
                check_hits(&c, &[w[1], w[0], "", w[2]]);
                lines += 1;
            }
        }
        assert!(lines > 1000, "{lines}");
    }

    proptest::proptest! {
        #[test]
        fn hits_of_spans_and_parts_find_what_a_search_finds(
            parts in proptest::collection::vec(
                proptest::collection::vec(
                    "(học sinh|sinh viên|người lao động|khu công nghiệp|trung học|phổ thông|được|tuyên truyền|cơ sở|kiểm tra|thành phố|trực thuộc|trung ương|xã|phường| |,|\\.|[a-zđơư]{1,4}|\\PC{0,2})",
                    0..8,
                ),
                1..5,
            )
        ) {
            let c = builtin();
            let texts: Vec<String> = parts.iter().map(|p| p.join(" ")).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            check_hits(&c, &refs);
            let texts: Vec<String> = parts.iter().map(|p| p.concat()).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            check_hits(&c, &refs);
        }
    }

    proptest::proptest! {
        /// [`IndicatorCues::may_fit`] keeps the rules [`Rule::may_fit`]
        /// keeps, in order: for random sets of found cues.
        #[test]
        fn rule_sets_keep_what_may_fit_keeps(
            subj_any in proptest::collection::vec(0usize..1000, 0..10),
            subj_start in proptest::collection::vec(0usize..1000, 0..4),
            pred_any in proptest::collection::vec(0usize..1000, 0..14),
        ) {
            let cues = crate::patterns::Patterns::builtin().indicators.clone();
            let n = cues.cues.len();
            let found = |any: &[usize], start: &[usize]| {
                let mut f = Found::default();
                for id in any.iter().map(|x| x % n) {
                    f.set(id, 1, false);
                }
                for id in start.iter().map(|x| x % n) {
                    f.set(id, 0, true);
                }
                f
            };
            let subj = found(&subj_any, &subj_start);
            let pred = found(&pred_any, &[]);
            let want: Vec<usize> = (0..cues.rules.len())
                .filter(|&k| cues.rules[k].may_fit(&subj, &pred))
                .collect();
            proptest::prop_assert_eq!(cues.may_fit(&subj, &pred), want);
        }
    }

    /// [`IndicatorCues::best`] as it was: every rule [`IndicatorCues::may_fit`]
    /// keeps, in a list as long as the rules, the levels in a set.
    fn best_reference(c: &IndicatorCues, subj: &Found, pred: &Found) -> Option<String> {
        // (rule, predicate position, cue length)
        let mut hits: Vec<(&Rule, usize, usize)> = Vec::with_capacity(c.rules.len());
        hits.extend(
            c.may_fit(subj, pred)
                .into_iter()
                .map(|k| &c.rules[k])
                .filter_map(|r| {
                    let (_, sl) = c.field_fit(&r.subject, subj, true)?;
                    let (pp, pl) = c.field_fit(&r.predicate, pred, false)?;
                    Some((r, pp, sl + pl))
                }),
        );
        // Highest priority; then the predicate nearest the start (the verb
        // that governs the subject); then the longer cues.
        let (top, _, _) = hits.iter().max_by_key(|(r, pos, len)| {
            (
                r.priority,
                std::cmp::Reverse(*pos),
                *len,
                std::cmp::Reverse(r.indicator.as_str()),
            )
        })?;
        if !top.group.is_empty() {
            let levels: rustc_hash::FxHashSet<&str> = hits
                .iter()
                .map(|h| h.0)
                .filter(|r| r.group == top.group && r.priority == top.priority)
                .map(|r| r.indicator.as_str())
                .collect();
            if levels.len() > 1 {
                return Some(top.group.clone());
            }
        }
        Some(top.indicator.clone())
    }

    proptest::proptest! {
        /// [`IndicatorCues::best`] picks what it picked before: for random
        /// sets of found cues.
        #[test]
        fn best_is_the_reference(
            subj_any in proptest::collection::vec((0usize..1000, 0usize..40), 0..10),
            subj_start in proptest::collection::vec(0usize..1000, 0..4),
            pred_any in proptest::collection::vec((0usize..1000, 0usize..40), 0..14),
        ) {
            let cues = crate::patterns::Patterns::builtin().indicators.clone();
            let n = cues.cues.len();
            let mut subj = Found::default();
            for &(id, at) in &subj_any {
                subj.set(id % n, at, false);
            }
            for id in &subj_start {
                subj.set(id % n, 0, true);
            }
            let mut pred = Found::default();
            for &(id, at) in &pred_any {
                pred.set(id % n, at, false);
            }
            proptest::prop_assert_eq!(
                cues.best(&subj, &pred).map(str::to_string),
                best_reference(&cues, &subj, &pred)
            );
        }
    }

    #[test]
    fn best_is_the_reference_on_the_rules_own_cues() {
        let cues = crate::patterns::Patterns::builtin().indicators.clone();
        for r in &cues.rules {
            let mut found = Found::default();
            for c in r.subject.iter().chain(&r.predicate).flatten() {
                found.set(c.id, 0, true);
            }
            assert_eq!(
                cues.best(&found, &found).map(str::to_string),
                best_reference(&cues, &found, &found)
            );
        }
    }

    fn builtin() -> IndicatorCues {
        let t = Table::parse(
            "indicators.tsv",
            include_str!("../../patterns/indicators.tsv"),
        )
        .unwrap();
        IndicatorCues::from_table(&t).unwrap()
    }

    #[test]
    fn context_in_parts_classifies_as_joined() {
        let c = builtin();
        let mut cache = ContextFold::default();
        let cases = [
            (
                "học sinh",
                "Ít nhất 50% học sinh",
                "được tuyên truyền. Hòa",
                "",
                "CHỈ TIÊU",
            ),
            (
                "cơ sở",
                "60% cơ sở",
                "được kiểm tra",
                "Phấn đấu:",
                "Kết quả",
            ),
            (
                "xã",
                "85% xã",
                "tổ chức tuyên truyền về phòng, chống ma túy",
                "",
                "",
            ),
        ];
        for (subj, clause, sentence, lead, heading) in cases {
            let joined = format!("{sentence} {lead} {heading}");
            for _ in 0..2 {
                assert_eq!(
                    c.classify_in(subj, clause, &[sentence, lead, heading], &mut cache),
                    c.classify(subj, clause, &joined)
                );
            }
            // Fold keeps the parts apart: the fold of the joined text is the
            // folds of the parts joined.
            assert_eq!(
                fold(&joined),
                format!("{} {} {}", fold(sentence), fold(lead), fold(heading))
            );
        }
    }

    #[test]
    fn every_key_exists_in_indicator_keys() {
        let keys = Table::parse(
            "indicator_keys.tsv",
            include_str!("../../patterns/indicator_keys.tsv"),
        )
        .unwrap();
        let known: rustc_hash::FxHashSet<&str> = keys.rows.iter().map(|r| keys.get(r, 0)).collect();
        for k in builtin().keys() {
            assert!(
                known.contains(k),
                "unknown indicator key `{k}` in indicators.tsv"
            );
        }
    }

    #[test]
    fn rows_sorted_and_unique() {
        let t = Table::parse(
            "indicators.tsv",
            include_str!("../../patterns/indicators.tsv"),
        )
        .unwrap();
        let rows: Vec<Vec<String>> = t.rows.iter().map(|r| r.cells.clone()).collect();
        let mut sorted = rows.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            rows, sorted,
            "indicators.tsv rows must be sorted and unique"
        );
    }

    #[test]
    fn subject_and_predicate() {
        let c = builtin();
        let k = |s: &str, cl: &str, cx: &str| c.classify(s, cl, cx);
        assert_eq!(
            k(
                "người lao động trong các khu công nghiệp",
                "ít nhất 15% người lao động trong các khu công nghiệp",
                "được tuyên truyền"
            )
            .as_deref(),
            Some("informed_iz_workers")
        );
        assert_eq!(
            k("học sinh, sinh viên các trường trung học phổ thông, cơ sở giáo dục nghề nghiệp", "20% học sinh, sinh viên các trường trung học phổ thông, cơ sở giáo dục nghề nghiệp được tuyên truyền", "").as_deref(),
            Some("informed_students")
        );
        assert_eq!(
            k(
                "học sinh tại các trường Trung học phổ thông",
                "37.800 học sinh tại các trường Trung học phổ thông",
                "Tuyên truyền, phổ biến"
            )
            .as_deref(),
            Some("informed_students_highschool")
        );
        assert_eq!(k("buổi", "Tổ chức 12 buổi nói chuyện", ""), None);
    }
}
