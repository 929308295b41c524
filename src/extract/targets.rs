//! Quantitative targets: `Ít nhất 70% số xã ...`, `Triệt xóa 03 điểm ...`.
//!
//! For every body and appendix paragraph: split it into segments (`;`,
//! sentence ends, table cells, a `(trong đó: ...)` breakdown), find the numbers
//! ([`numbers::scan`]), drop those that only identify something (the lexicon's
//! `id_before`/`id_after` words, dates, codes, years, totals, past results),
//! then read each survivor's unit, comparator (carried along a list), change,
//! subject (the counted noun phrase), clause, period and indicator
//! ([`IndicatorCues`]); one quantity covering several populations becomes one
//! row per population. Targets in the assignment section take the agency of
//! their heading as lead; targets in appendix tables take the lead and partner
//! cells after them. Hands on every statement with its [`Origin`];
//! [`crate::merge`] folds restatements into the first statement.

use rustc_hash::FxHashMap;

use serde::Serialize;

use super::agencies::AgencyMatch;
use super::indicators::{hits_in, hits_in_into, ContextFold, CueHit, IndicatorCues, Known};
use super::lexicon::{Kind, LexMatch, Lexicon};
use super::numbers::{self, Form, Number};
use super::Doc;
use crate::normalize::fold::is_alnum;
use crate::normalize::marker_len;
use crate::patterns::Patterns;
use crate::segment::{Block, SectionKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    Count,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    AtLeast,
    MoreThan,
    Exactly,
    AtMost,
    LessThan,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at_least",
            Comparator::MoreThan => "more_than",
            Comparator::Exactly => "exactly",
            Comparator::AtMost => "at_most",
            Comparator::LessThan => "less_than",
        }
    }

    pub fn parse(s: &str) -> Option<Comparator> {
        Some(match s {
            "at_least" => Comparator::AtLeast,
            "more_than" => Comparator::MoreThan,
            "exactly" => Comparator::Exactly,
            "at_most" => Comparator::AtMost,
            "less_than" => Comparator::LessThan,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Level,
    Increase,
    Decrease,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Level => "level",
            Change::Increase => "increase",
            Change::Decrease => "decrease",
        }
    }
}

/// Where a statement of a target stands. The merge stage folds restatements
/// (assignment section, appendix) into the first statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// In the body: targets, objectives, tasks.
    #[default]
    Body,
    /// In the assignment section, under the heading of the body that carries it.
    Assignment,
    /// In an appendix table.
    Appendix,
}

/// One quantitative target (a row of targets.csv without the document columns).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub section: String,
    pub section_title: String,
    pub indicator: Option<String>,
    pub value: f64,
    pub unit: Unit,
    pub comparator: Comparator,
    pub change: Change,
    /// A year (`2023`), or `annual`.
    pub period: String,
    pub subject: String,
    /// The fold of `subject` when the extractor had it (as `text_fold`).
    #[serde(skip)]
    pub subject_fold: Option<String>,
    pub lead_agency: Vec<String>,
    pub coordinating_agencies: Vec<String>,
    pub text: String,
    /// The fold of `text` (its span of the paragraph's fold), when the
    /// extractor had it: [`crate::merge`] reads its words from it.
    #[serde(skip)]
    pub text_fold: Option<String>,
    pub line: usize,
    /// Where this statement stands (for merging restatements).
    #[serde(skip)]
    pub origin: Origin,
    /// Targets split from one written quantity (one number covering several
    /// populations) share this id; unique within a document.
    #[serde(skip)]
    pub quantity: usize,
}

/// A paragraph's text with its fold, and the map from fold offsets back to the
/// text (fold keeps the char count, not always the byte count).
struct Folded<'a> {
    orig: &'a str,
    fold: String,
    /// For every char boundary of `fold` (byte offset), the byte offset of the
    /// same char in `orig`; `orig.len()` at the other offsets. `None` when
    /// the chars of both start at the same offsets (the fold of most
    /// paragraphs): then the map is [`Folded::to_orig`]'s identity.
    f2o: Option<Vec<usize>>,
}

impl<'a> Folded<'a> {
    #[cfg(test)]
    fn new(orig: &'a str) -> Folded<'a> {
        Folded::new_in(orig, String::new())
    }

    /// The fold of `orig` made in `fold` (a buffer reused paragraph after
    /// paragraph, see [`Folded::into_fold`]).
    fn new_in(orig: &'a str, mut fold: String) -> Folded<'a> {
        crate::normalize::fold::fold_to(orig, &mut fold);
        let (fb, ob) = (fold.as_bytes(), orig.as_bytes());
        // Equal top two bits at every offset: the same bytes are UTF-8
        // continuation bytes in both, so their chars start at the same
        // offsets. (A fold without early exit, which the compiler
        // vectorizes.)
        if fb.len() == ob.len()
            && fb
                .iter()
                .zip(ob)
                .fold(0u8, |d, (&x, &y)| d | ((x ^ y) & 0xC0))
                == 0
        {
            return Folded {
                orig,
                fold,
                f2o: None,
            };
        }
        let mut f2o = vec![orig.len(); fold.len() + 1];
        // The char starts of both, in step (by their lead bytes).
        let (mut fi, mut oi) = (0, 0);
        while fi < fb.len() {
            f2o[fi] = oi.min(orig.len());
            fi += utf8_len(fb[fi]);
            if oi < ob.len() {
                oi += utf8_len(ob[oi]);
            }
        }
        Folded {
            orig,
            fold,
            f2o: Some(f2o),
        }
    }

    /// The buffer of the fold, for the next paragraph's.
    fn into_fold(self) -> String {
        self.fold
    }

    /// The offset in `orig` of the char at offset `k` of `fold` (see
    /// [`Folded::f2o`]).
    fn to_orig(&self, k: usize) -> usize {
        match &self.f2o {
            Some(m) => m[k],
            None if self.fold.is_char_boundary(k) => k,
            None => self.orig.len(),
        }
    }

    /// The fold of `self.orig(s, e)`, when neither end cuts a word:
    /// fold works word by word, so the fold of such a span of the text is
    /// that span of the fold.
    fn fold_of(&self, s: usize, e: usize) -> Option<&str> {
        let f = self.fold.as_str();
        let alpha = |c: char| crate::normalize::fold::alpha_upper(c).0;
        let cuts_word = |k: usize| {
            f[..k].chars().next_back().is_some_and(alpha)
                && f[k..].chars().next().is_some_and(alpha)
        };
        (s <= e && f.is_char_boundary(s) && f.is_char_boundary(e) && !cuts_word(s) && !cuts_word(e))
            .then(|| &f[s..e])
    }

    /// The original text of a fold span.
    fn orig(&self, s: usize, e: usize) -> &'a str {
        let (a, b) = (self.to_orig(s), self.to_orig(e));
        if a <= b && self.orig.is_char_boundary(a) && self.orig.is_char_boundary(b) {
            &self.orig[a..b]
        } else {
            ""
        }
    }
}

/// The byte length of the UTF-8 char whose first byte is `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// A stretch of a paragraph between separators (`;`, sentence ends, cells).
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    sentence: usize,
    /// A parenthetical breakdown `(trong đó: ...)` of the target before it.
    breakdown: bool,
}

/// The bytes [`segments`] looks at: `;`, `\n`, `|`, `.`, `(`, `)`.
const CUTS: &[u8] = b";\n|.()";

#[cfg(test)]
fn segments(t: &Folded) -> Vec<Segment> {
    let mut out = Vec::new();
    segments_into(t, &mut out);
    out
}

/// The segments of `t` written into `out` (cleared first).
fn segments_into(t: &Folded, out: &mut Vec<Segment>) {
    out.clear();
    let f = &t.fold;
    let b = f.as_bytes();
    let mut start = 0;
    let mut sentence = 0;
    let mut in_breakdown = false;
    let mut i = 0;
    while i < b.len() {
        // Straight to the next byte that may cut (or open or close a breakdown).
        i = next_of(b, i, CUTS);
        if i >= b.len() {
            break;
        }
        let c = b[i];
        let mut cut: Option<(usize, usize, bool)> = None; // (end, next start, sentence end)
        match c {
            b';' | b'\n' | b'|' => cut = Some((i, i + 1, false)),
            b'.' => {
                let next = f[i + 1..].chars().next();
                let after = f[i + 1..].trim_start().chars().next();
                let orig_after = t.orig(i + 1, f.len()).trim_start().chars().next();
                if next.is_none()
                    || (next == Some(' ')
                        && (orig_after.is_some_and(|c| c.is_uppercase())
                            || after.is_some_and(|c| matches!(c, '-' | '+' | '•'))))
                {
                    cut = Some((i, i + 1, true));
                }
            }
            b'(' if !in_breakdown => {
                let rest = f[i + 1..].trim_start();
                if ["trong đó", "bao gồm", "gồm"]
                    .iter()
                    .any(|w| rest.starts_with(w))
                {
                    out.push(Segment {
                        start,
                        end: i,
                        sentence,
                        breakdown: false,
                    });
                    start = i + 1;
                    in_breakdown = true;
                    i += 1;
                    continue;
                }
            }
            b')' if in_breakdown => {
                out.push(Segment {
                    start,
                    end: i,
                    sentence,
                    breakdown: true,
                });
                in_breakdown = false;
                start = i + 1;
                i += 1;
                continue;
            }
            _ => {}
        }
        if let Some((end, next, sent)) = cut {
            out.push(Segment {
                start,
                end,
                sentence,
                breakdown: in_breakdown,
            });
            if sent {
                sentence += 1;
                in_breakdown = false;
            }
            start = next;
        }
        i += 1;
    }
    out.push(Segment {
        start,
        end: f.len(),
        sentence,
        breakdown: in_breakdown,
    });
    out.retain(|s| s.end > s.start);
}

fn skip_ws_back(f: &str, mut pos: usize) -> usize {
    while pos > 0 && f.as_bytes()[pos - 1] == b' ' {
        pos -= 1;
    }
    pos
}

fn skip_ws_fwd(f: &str, mut pos: usize) -> usize {
    while pos < f.len() && f.as_bytes()[pos] == b' ' {
        pos += 1;
    }
    pos
}

/// The longest lexicon match of `kind` ending at `pos`.
fn ending_at<'m, 'l>(lex: &'m [LexMatch<'l>], kind: Kind, pos: usize) -> Option<&'m LexMatch<'l>> {
    lex.iter()
        .filter(|m| m.kind == kind && m.end == pos)
        .min_by_key(|m| m.start)
}

/// The longest lexicon match of `kind` starting at `pos`.
fn starting_at<'m, 'l>(
    lex: &'m [LexMatch<'l>],
    kind: Kind,
    pos: usize,
) -> Option<&'m LexMatch<'l>> {
    lex.iter()
        .filter(|m| m.kind == kind && m.start == pos)
        .max_by_key(|m| m.end)
}

/// Numbers no target is made of, judged from the folded text `f` alone:
/// numbers in words, four-digit years (neither a count nor a percentage,
/// which stops at 1000), and numbers glued to a code or a date (`-2025`,
/// `/6`, `.5`, `12-15`, `20/6`).
fn never_a_target(f: &str, n: &Number) -> bool {
    n.form == Form::Words
        || (n.form == Form::Digits
            && (1945.0..=2100.0).contains(&n.value)
            && f[n.start..n.end].len() == 4)
        || f[..n.start]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '/' | '-' | '.' | ',' | '–'))
        || {
            let mut tail = f[n.end..].chars();
            matches!(tail.next(), Some('-' | '–' | '/'))
                && tail.next().is_some_and(|c| c.is_ascii_digit())
        }
}

/// Whether [`candidate`] may take the number `n` of the folded text `f`,
/// judged without the lexicon: a test every candidate passes, so that
/// paragraphs whose numbers are all years, dates, codes or numbers in words
/// skip the lexicon search and the rest.
fn may_be_candidate(f: &str, n: &Number, lexicon: &Lexicon) -> bool {
    // A count needs a lowercase word after it, a percentage its sign or word.
    !never_a_target(f, n)
        && f[skip_ws_fwd(f, n.end)..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || lexicon.may_start(Kind::Percent, c))
}

/// Whether the text `t` (a paragraph after its list marker) may hold a
/// number [`may_be_candidate`] takes in its fold, judged on `t` itself so
/// that most paragraphs with digits (dates, years, document numbers) are
/// neither folded nor scanned. Every run of digits is tried as the number
/// [`numbers::scan`] would make of it (and, before a `/`, as a ratio), with
/// the rejections [`may_be_candidate`] makes; folding changes neither
/// digits nor punctuation nor which chars are letters, so this is true
/// whenever the fold-and-scan test is.
fn may_have_candidate(t: &str, lexicon: &Lexicon) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    loop {
        i = next_digit(b, i);
        if i == b.len() {
            break;
        }
        let start = i;
        let mut j = i;
        while j < b.len()
            && (b[j].is_ascii_digit()
                || (matches!(b[j], b'.' | b',') && b.get(j + 1).is_some_and(u8::is_ascii_digit)))
        {
            j += 1;
        }
        let value = numbers::parse_digits(&t[start..j]).unwrap_or(0.0);
        let mut forms = [Some((j, Form::Digits)), None];
        if b.get(j) == Some(&b'/') {
            let mut k = j + 1;
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            forms[1] = Some((k, Form::Ratio));
        }
        for (end, form) in forms.into_iter().flatten() {
            let n = Number {
                value,
                start,
                end,
                form,
            };
            let next_fits = t[skip_ws_fwd(t, end)..].chars().next().is_some_and(|c| {
                // The fold of `c` is `c` or its lowercase.
                std::iter::once(c)
                    .chain(c.to_lowercase())
                    .any(|x| x.is_alphabetic() || lexicon.may_start(Kind::Percent, x))
            });
            if next_fits && !never_a_target(t, &n) {
                return true;
            }
        }
        i = j;
    }
    false
}

/// The offset of the first ASCII digit of `b` at or after `i` (`b.len()`
/// when there is none), eight bytes a step.
fn next_digit(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    while let Some(w) = b.get(i..i + 8) {
        // The bytes as their distance from `0`: a digit is below 10. A byte
        // below 10 sets its sign bit in `x - 10` (where it had none in `x`);
        // if none is, no byte borrows, and none sets it.
        let x = u64::from_le_bytes(w.try_into().unwrap_or_default()) ^ (ONES * 0x30);
        if x.wrapping_sub(ONES * 10) & !x & (ONES * 0x80) != 0 {
            break;
        }
        i += 8;
    }
    while i < b.len() && !b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// A number that passed the filters, with what surrounds it.
#[derive(Debug, Clone)]
struct Cand {
    value: f64,
    start: usize,
    unit: Unit,
    comparator: Option<Comparator>,
    change: Option<Change>,
    /// The number opens its segment (only a comparator before it).
    opens_segment: bool,
    /// Where the comparator and filler words before the number start.
    pre_end: usize,
    subj_start: usize,
    subj_end: usize,
}

/// What the extractor needs of one paragraph.
struct ParaCtx<'a> {
    para: usize,
    text: Folded<'a>,
    /// Byte offset of `text` within the paragraph (after a list marker).
    base: usize,
    lex: Vec<LexMatch<'a>>,
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Checks one number; `None` when it only identifies something.
fn candidate(pc: &ParaCtx, seg: &Segment, n: &Number, earlier: bool) -> Option<Cand> {
    let f = &pc.text.fold;
    let lex = &pc.lex;
    if never_a_target(f, n) {
        return None;
    }
    let before = skip_ws_back(f, n.start);
    // Identifiers: `Ban Chỉ đạo 138`, `Nghị định 178`, `năm 2024`, `số 144`,
    // `Hotline: 1900`.
    let before_colon = skip_ws_back(f, f[..before].trim_end_matches(':').len());
    if ending_at(lex, Kind::IdBefore, before).is_some()
        || ending_at(lex, Kind::IdBefore, before_colon).is_some()
    {
        return None;
    }
    // A restating total (`Tổng số: 03 điểm`).
    let colon = f[..before].trim_end_matches(':');
    if ending_at(lex, Kind::Total, skip_ws_back(f, colon.len())).is_some() {
        return None;
    }
    // A past result: `đã kiểm tra 120 cơ sở`.
    if lex
        .iter()
        .any(|m| m.kind == Kind::Past && m.start >= seg.start && m.end <= n.start)
    {
        return None;
    }
    // A number in a parenthesis after a target explains it (`(khoảng 200
    // cơ sở)`); a `(trong đó: ...)` breakdown is a segment of its own.
    let open = f[seg.start..n.start].matches('(').count();
    let close = f[seg.start..n.start].matches(')').count();
    if earlier && open > close {
        return None;
    }
    let after = skip_ws_fwd(f, n.end);
    let (unit, unit_end) = match starting_at(lex, Kind::Percent, after) {
        Some(m) if n.form != Form::Ratio => (Unit::Percent, m.end),
        _ => (Unit::Count, n.end),
    };
    if unit == Unit::Count {
        // A count needs its counted noun right after it, in lowercase.
        let next = pc.text.orig(after, f.len()).chars().next();
        if !next.is_some_and(|c| c.is_lowercase()) {
            return None;
        }
        if starting_at(lex, Kind::IdAfter, after).is_some() {
            return None;
        }
        // A range `16 đến 30 tuổi`: the word after its second number decides.
        let rest = &f[after..];
        let second = ["đến ", "tới ", "- ", "– "]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        if let Some(r) = second {
            let digits = r.len()
                - r.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
                    .len();
            let at = skip_ws_fwd(f, f.len() - r.len() + digits);
            if starting_at(lex, Kind::IdAfter, at).is_some() {
                return None;
            }
        }
        // `kiểm tra ít nhất 1 lần` after another target only qualifies it.
        if earlier && starting_at(lex, Kind::Qualifier, after).is_some() {
            return None;
        }
    } else if n.value > 1000.0 {
        return None;
    }

    // Comparator: nearest before (through fillers), or after (`trở lên`).
    let mut comparator = None;
    let mut fallback = None;
    let mut pos = before;
    let mut first_word = pos;
    for _ in 0..4 {
        if let Some(m) = ending_at(lex, Kind::ComparatorBefore, pos) {
            let c = Comparator::parse(m.value);
            if c == Some(Comparator::Exactly) {
                fallback = fallback.or(c);
            } else {
                comparator = c;
                first_word = m.start;
                break;
            }
        }
        match ending_at(lex, Kind::Filler, pos)
            .or_else(|| ending_at(lex, Kind::ComparatorBefore, pos))
        {
            Some(m) if m.start >= seg.start => {
                first_word = m.start;
                pos = skip_ws_back(f, m.start);
            }
            _ => break,
        }
    }
    let after_unit = skip_ws_fwd(f, unit_end);
    let cmp_after = lex
        .iter()
        .find(|m| {
            m.kind == Kind::ComparatorAfter
                && m.start >= after_unit
                && m.start <= after_unit + 24
                && m.start < seg.end
        })
        .and_then(|m| Comparator::parse(m.value));
    if comparator.is_none() {
        comparator = cmp_after.or(fallback);
    }
    // Change: the nearest change word within three words before.
    let window_start = seg.start.max(n.start.saturating_sub(60));
    let change = lex
        .iter()
        .filter(|m| m.kind == Kind::Change && m.start >= window_start && m.end <= n.start)
        .filter(|m| word_count(&f[m.end..n.start]) <= 3)
        .max_by_key(|m| (m.start, m.end))
        .map(|m| match m.value {
            "increase" => Change::Increase,
            "decrease" => Change::Decrease,
            _ => Change::Level,
        });
    let lead = f[seg.start..first_word.min(n.start)].trim_matches(|c: char| !c.is_alphanumeric());
    let opens_segment = lead.is_empty();
    // Subject: after the unit (and a `trở lên`), a classifier kept.
    let mut subj_start = if unit == Unit::Percent {
        skip_ws_fwd(f, unit_end)
    } else {
        after
    };
    if let Some(m) = starting_at(lex, Kind::ComparatorAfter, subj_start) {
        subj_start = skip_ws_fwd(f, m.end);
    }
    Some(Cand {
        value: n.value,
        start: n.start,
        unit,
        comparator,
        change,
        opens_segment,
        pre_end: first_word.min(n.start),
        subj_start,
        subj_end: seg.end,
    })
}

/// The fold of the paragraph's span `a..b` trimmed, when the span cuts no
/// word ([`Folded::fold_of`]), with the hits of the cues in it (from the
/// paragraph's `hits`).
fn trimmed_span<'p>(
    pc: &'p ParaCtx,
    hits: &[CueHit],
    a: usize,
    b: usize,
    into: &mut Vec<CueHit>,
) -> Option<&'p str> {
    let span = pc.text.fold_of(a, b)?;
    let t = span.trim();
    let start = a + (span.len() - span.trim_start().len());
    hits_in_into(hits, start, start + t.len(), into);
    Some(t)
}

/// The first offset from `start` of `b` holding `(`, `;`, `:`, `|` or `. `
/// (`b.len()` when none does): the stop bytes found eight a step
/// ([`next_stop_byte`]), a `.` not before a space passed over.
fn subject_stop(b: &[u8], start: usize) -> usize {
    let mut k = start;
    loop {
        k = next_stop_byte(b, k);
        if k >= b.len() {
            return b.len();
        }
        if b[k] == b'.' && b.get(k + 1) != Some(&b' ') {
            k += 1;
        } else {
            return k;
        }
    }
}

/// The offset of the first of `(`, `;`, `:`, `|` and `.` in `b` at or after
/// `i` (at least `b.len()` when there is none), eight bytes a step.
fn next_stop_byte(b: &[u8], i: usize) -> usize {
    next_of(b, i, b"(;:|.")
}

/// The offset of the first byte of `b` at or after `i` that is one of `set`
/// (at least `b.len()` when there is none): eight bytes a step, each of
/// `set` tested against all eight at once, then byte by byte from the step
/// that holds one. Inlined, so that the set's bytes are constants.
#[inline(always)]
fn next_of(b: &[u8], mut i: usize, set: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Whether a byte of `y` is zero (exact for the word as a whole: a byte
    // borrows only from a zero byte below it).
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & (ONES * 0x80);
    while let Some(w) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(w.try_into().unwrap_or_default());
        let any = set
            .iter()
            .fold(0, |a, &c| a | zero(x ^ (ONES * u64::from(c))));
        if any != 0 {
            break;
        }
        i += 8;
    }
    while i < b.len() && !set.contains(&b[i]) {
        i += 1;
    }
    i
}

/// Where the subject starting at `start` ends (before `limit`).
fn subject_end(pc: &ParaCtx, start: usize, limit: usize) -> usize {
    let f = &pc.text.fold;
    // The first `(`, `;`, `:`, `|` or `. `, by byte (an ASCII byte is never
    // part of another char in UTF-8).
    let b = &f.as_bytes()[..limit];
    let mut end = subject_stop(b, start);
    if let Some(m) = pc
        .lex
        .iter()
        .find(|m| m.kind == Kind::SubjectEnd && m.start > start && m.start < end)
    {
        end = m.start;
    }
    trim_tail(f, start, end)
}

/// Moves `end` back over spaces, punctuation and a dangling `và`.
fn trim_tail(f: &str, start: usize, mut end: usize) -> usize {
    loop {
        let t = f[start..end].trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | ':' | '-' | '–')
        });
        let t2 = t
            .strip_suffix(" và")
            .or_else(|| t.strip_suffix(" trong đó"))
            .unwrap_or(t);
        let new_end = start + t2.len();
        if new_end == end {
            return end;
        }
        end = new_end;
    }
}

/// Moves `start` forward over spaces, punctuation, bullets and a leading `và`.
fn trim_head(f: &str, mut start: usize, end: usize) -> usize {
    loop {
        let t = f[start..end].trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | ':' | '-' | '–' | '+' | '•')
        });
        let t2 = t
            .strip_prefix("và ")
            .or_else(|| t.strip_prefix("trong đó"))
            .unwrap_or(t);
        let new_start = end - t2.len();
        if new_start == start {
            return start;
        }
        start = new_start;
    }
}

/// Splits a subject covering several populations into pieces with their own
/// indicators (`người lao động tại các cơ sở ..., lao động trong khu công
/// nghiệp`): pieces at `, ` and ` và ` are grouped while their indicators agree.
/// The pieces (each with its indicator) are added to `out`.
fn split_populations<'c>(
    cues: &'c IndicatorCues,
    subject: Known,
    clause: Known,
    context: &[&str],
    cache: &mut ContextFold,
    out: &mut Vec<(String, Option<&'c str>)>,
) {
    let whole = cues.classify_folded(subject, clause, context, cache);
    let known = subject;
    let subject = subject.text;
    // (One piece, as [`population_pieces`] would say, without its list.)
    if !subject.contains(", ") && !subject.contains(" và ") {
        out.push((subject.to_string(), whole));
        return;
    }
    let pieces = population_pieces(subject);
    if pieces.len() < 2 {
        out.push((subject.to_string(), whole));
        return;
    }
    // The folds of the pieces are spans of the whole's fold at the same
    // offsets when its chars start where the text's do (most subjects).
    let same_offsets = known.fold.is_some_and(|f| same_char_offsets(subject, f));
    let mut groups: Vec<(Vec<&str>, Option<&str>)> = Vec::new();
    for p in pieces {
        let k = if p.split_whitespace().nth(1).is_some() {
            let piece = match (known.fold, known.hits) {
                (Some(f), Some(hits)) if same_offsets => {
                    let o = p.as_ptr() as usize - subject.as_ptr() as usize;
                    let (fa, fb) = (o, o + p.len());
                    Some((&f[fa..fb], hits_in(hits, fa, fb)))
                }
                _ => piece_fold(known, p),
            };
            let piece = Known {
                text: p,
                fold: piece.as_ref().map(|x| x.0),
                hits: piece.as_ref().map(|x| x.1.as_slice()),
            };
            cues.classify_folded(piece, clause, context, cache)
        } else {
            None
        };
        match groups.last_mut() {
            Some((g, gk)) if k.is_none() || gk.is_none() || cues.same_measure(*gk, k) => {
                g.push(p);
                if gk.is_none() {
                    *gk = k;
                }
            }
            _ => groups.push((vec![p], k)),
        }
    }
    // Several populations of one measure (`informed_*`), each with its key.
    let distinct = groups.len() >= 2
        && groups.iter().all(|(_, k)| k.is_some())
        && groups.windows(2).all(|w| {
            let (a, b) = (w[0].1.unwrap_or(""), w[1].1.unwrap_or(""));
            a.split('_').next() == b.split('_').next()
        });
    if !distinct {
        out.push((subject.to_string(), whole));
        return;
    }
    out.extend(groups.into_iter().map(|(g, k)| (g.join(", "), k)));
}

/// The parts of a subject between `, ` and ` và ` cuts, in order (the
/// earliest cut first; after a cut, the search goes on past it).
fn population_pieces(subject: &str) -> Vec<&str> {
    let b = subject.as_bytes();
    let mut pieces = Vec::new();
    let (mut start, mut k) = (0, 0);
    while k + 1 < b.len() {
        let len = match b[k] {
            b',' if b[k + 1] == b' ' => 2,
            b' ' if b[k + 1..].starts_with(" và ".as_bytes()[1..].as_ref()) => 4,
            _ => {
                k += 1;
                continue;
            }
        };
        pieces.push(&subject[start..k]);
        k += len;
        start = k;
    }
    pieces.push(&subject[start..]);
    pieces
}

/// Whether the chars of `t` and `f` start at the same byte offsets: equal
/// lengths and equal top two bits at every offset (the same bytes are
/// UTF-8 continuation bytes in both; a fold without early exit, which the
/// compiler vectorizes).
fn same_char_offsets(t: &str, f: &str) -> bool {
    let (tb, fb) = (t.as_bytes(), f.as_bytes());
    tb.len() == fb.len()
        && tb
            .iter()
            .zip(fb)
            .fold(0u8, |d, (&x, &y)| d | ((x ^ y) & 0xC0))
            == 0
}

/// The fold of `piece`, a part of `whole.text` between `, ` and ` và `
/// cuts, read from `whole.fold` with its cue hits: fold keeps the char
/// count and works word by word, and the cuts stand between words.
fn piece_fold<'a>(whole: Known<'a>, piece: &str) -> Option<(&'a str, Vec<CueHit>)> {
    let (t, f, hits) = (whole.text, whole.fold?, whole.hits?);
    let o = (piece.as_ptr() as usize).checked_sub(t.as_ptr() as usize)?;
    if o + piece.len() > t.len() || t.chars().count() != f.chars().count() {
        return None;
    }
    let mut bounds = f.char_indices().map(|(i, _)| i).chain([f.len()]);
    let fa = bounds.nth(t[..o].chars().count())?;
    let fb = match piece.chars().count() {
        0 => fa,
        n => bounds.nth(n - 1)?,
    };
    Some((&f[fa..fb], hits_in(hits, fa, fb)))
}

/// The plan's years: from the metadata, else from the header's title.
fn plan_years(doc: &Doc) -> (Option<i32>, Option<i32>) {
    if doc.meta.year_start.is_some() || doc.meta.year_end.is_some() {
        let s = doc.meta.year_start.or(doc.meta.year_end);
        let e = doc.meta.year_end.or(doc.meta.year_start);
        return (s, e);
    }
    for (i, p) in doc.norm.paragraphs.iter().enumerate().take(40) {
        if doc.outline.block_of(i) != Block::Header {
            break;
        }
        let years: Vec<i32> = numbers::scan(&p.text)
            .iter()
            .filter(|n| n.form == Form::Digits && (1990.0..=2100.0).contains(&n.value))
            .map(|n| n.value as i32)
            .collect();
        let f = crate::normalize::fold(&p.text);
        if f.contains("giai đoạn") && years.len() >= 2 {
            return (Some(years[0]), Some(years[1]));
        }
        if f.starts_with("kế hoạch") || f.contains("năm") && !f.contains("ngày") {
            if let Some(&y) = years.last() {
                return (Some(y), Some(y));
            }
        }
    }
    (None, None)
}

/// The period of a target: the plan year, `annual`, or a deadline year.
fn period<'t>(
    lexicon: &Lexicon,
    years: (Option<i32>, Option<i32>),
    texts: impl IntoIterator<Item = &'t str>,
    memo: &mut FxHashMap<String, Option<String>>,
) -> String {
    let (ys, ye) = years;
    if let (Some(s), Some(e)) = (ys, ye) {
        if s == e {
            return s.to_string();
        }
    }
    // Innermost first: the clause, the sentence, then headings outwards.
    for t in texts {
        if !memo.contains_key(t) {
            remember_period(memo, t, period_of(lexicon, t));
        }
        if let Some(Some(p)) = memo.get(t) {
            return p.clone();
        }
    }
    ye.or(ys).map(|y| y.to_string()).unwrap_or_default()
}

/// Keeps the period of text `t` in `memo` (bounded: a document's sentences
/// and headings).
fn remember_period(memo: &mut FxHashMap<String, Option<String>>, t: &str, p: Option<String>) {
    if memo.len() >= 1024 {
        memo.clear();
    }
    memo.insert(t.to_string(), p);
}

/// The period one text states: a deadline year or `annual`.
fn period_of(lexicon: &Lexicon, t: &str) -> Option<String> {
    let f = crate::normalize::fold(t);
    period_in(&f, lexicon.find(&f).iter())
}

/// [`period_of`] for the clause at `a..b` of the paragraph's fold, read from
/// the paragraph's lexicon matches: `None` when the span, trimmed, cuts a
/// word or touches a letter or digit (its matches might then differ from
/// its own).
fn period_of_span(pc: &ParaCtx, a: usize, b: usize) -> Option<Option<String>> {
    let f = &pc.text.fold;
    let span = pc.text.fold_of(a, b)?;
    let a = a + (span.len() - span.trim_start().len());
    let b = a + span.trim().len();
    if f[..a].chars().next_back().is_some_and(is_alnum)
        || f[b..].chars().next().is_some_and(is_alnum)
    {
        return None;
    }
    let lex = pc.lex.iter().filter(|m| m.start >= a && m.end <= b);
    Some(period_in(&f[..b], lex))
}

/// The period stated by the folded text `f` (its end) with its lexicon
/// matches `lex` (by start, offsets into `f`).
fn period_in<'m, 'l: 'm>(
    f: &str,
    lex: impl Iterator<Item = &'m LexMatch<'l>> + Clone,
) -> Option<String> {
    for m in lex.clone().filter(|m| m.kind == Kind::Deadline) {
        let rest = f[m.end..].trim_start();
        let y: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if y.len() == 4 {
            if let Ok(y) = y.parse::<i32>() {
                return Some(y.to_string());
            }
        }
    }
    if lex.clone().any(|m| m.kind == Kind::Annual) {
        return Some("annual".into());
    }
    None
}

/// Agency keys named in `text`, deduplicated, in order.
fn agency_keys(patterns: &Patterns, memo: &mut AgencyMemo, text: &str) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for m in memo.find_all(patterns, text) {
        if !v.contains(&m.key) {
            v.push(m.key.clone());
        }
    }
    v
}

/// The agencies named in the texts of one document, found once per text
/// (table cells and headings are read again for every target beside them).
#[derive(Default)]
struct AgencyMemo(FxHashMap<String, Vec<AgencyMatch>>);

impl AgencyMemo {
    fn find_all(&mut self, patterns: &Patterns, text: &str) -> &[AgencyMatch] {
        if !self.0.contains_key(text) {
            self.0
                .insert(text.to_string(), patterns.agencies.find_all(text));
        }
        self.0.get(text).map_or(&[], Vec::as_slice)
    }
}

/// The agencies leading an assignment-section paragraph: those named in the
/// nearest heading under the implementation section.
fn assignment_lead(doc: &Doc, patterns: &Patterns, memo: &mut AgencyMemo, s: usize) -> Vec<String> {
    let o = doc.outline;
    for a in o.ancestors(s) {
        let sec = &o.sections[a];
        if sec.parent.is_none() {
            break;
        }
        let keys = agency_keys(patterns, memo, &sec.heading);
        if !keys.is_empty() {
            return keys;
        }
    }
    Vec::new()
}

/// The text of the nearest preceding lead-in paragraph (`... như sau:`,
/// `Tuyên truyền ... cho:`), skipping lone numbers and bullets.
fn lead_in<'a>(doc: &Doc<'a>, i: usize) -> &'a str {
    let paras = &doc.norm.paragraphs;
    for j in (i.saturating_sub(3)..i).rev() {
        let t = paras[j].text.trim();
        if t.chars().all(|c| !c.is_alphabetic()) {
            continue;
        }
        if t.ends_with(':') {
            return t;
        }
        break;
    }
    ""
}

/// Whether a section sits under a heading that reports past results;
/// `memo` keeps the answer for each heading seen (sections share their
/// ancestors).
fn in_report(doc: &Doc, lexicon: &Lexicon, s: usize, memo: &mut FxHashMap<usize, bool>) -> bool {
    doc.outline
        .ancestors(s)
        .any(|a| *memo.entry(a).or_insert_with(|| reports(doc, lexicon, a)))
}

/// Whether the heading of section `a` reports past results.
fn reports(doc: &Doc, lexicon: &Lexicon, a: usize) -> bool {
    let sec = &doc.outline.sections[a];
    if !sec.is_heading || sec.block != Block::Body {
        return false;
    }
    opens_report(lexicon, &sec.heading)
}

/// Whether a heading opens with a phrase of a report of past results.
fn opens_report(lexicon: &Lexicon, heading: &str) -> bool {
    // The fold of the first word (cut at a space: the start of the whole
    // fold) rules out most headings by their first letter or digit.
    if let Some(k) = heading.find(' ').filter(|&k| k > 0) {
        let f = crate::normalize::fold(&heading[..k]);
        let lead = f.len() - f.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        if f[lead..]
            .chars()
            .next()
            .is_some_and(|c| !lexicon.may_start(Kind::ReportHeading, c))
        {
            return false;
        }
    }
    let Some((f, lead)) = heading_opening(heading, lexicon.longest(Kind::ReportHeading)) else {
        return false;
    };
    if !f[lead..]
        .chars()
        .next()
        .is_some_and(|c| lexicon.may_start(Kind::ReportHeading, c))
    {
        return false;
    }
    // The longest report-heading phrase opening the heading decides:
    // `Kết quả` reports, `Kết quả cần đạt` states targets.
    let opening = lexicon
        .find(&f)
        .into_iter()
        .filter(|m| m.kind == Kind::ReportHeading && m.start == lead)
        .max_by_key(|m| m.end);
    opening.is_some_and(|m| m.value != "target")
}

/// The fold of the opening of `heading` (all of it, or a prefix of it
/// that holds its first letter or digit and `len` bytes and a char after
/// it: the whole-word matches of phrases of at most `len` bytes starting
/// there are then those of the whole fold), with the offset of that
/// first letter or digit. The prefix ends before a space, where the fold
/// of a text is the folds of the two sides joined.
fn heading_opening(heading: &str, len: usize) -> Option<(String, usize)> {
    let lead_of = |f: &str| f.len() - f.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let cut = heading
        .as_bytes()
        .iter()
        .enumerate()
        .skip(len + 8)
        .find(|&(_, &b)| b == b' ')
        .map(|(k, _)| k);
    if let Some(k) = cut {
        let f = crate::normalize::fold(&heading[..k]);
        let lead = lead_of(&f);
        if lead + len + 4 <= f.len() {
            return Some((f, lead));
        }
    }
    let f = crate::normalize::fold(heading);
    let lead = lead_of(&f);
    (lead < f.len()).then_some((f, lead))
}

/// Every target of a document, in document order. Restatements are kept
/// (with their [`Origin`]); [`crate::merge`] folds them.
pub fn extract(doc: &Doc, patterns: &Patterns) -> Vec<Target> {
    let years = plan_years(doc);
    // The period of every target when the plan is of one year (written
    // once, as `period` would write it).
    let plan_period = match years {
        (Some(s), Some(e)) if s == e => Some(s.to_string()),
        _ => None,
    };
    let mut out: Vec<Target> = Vec::new();
    let mut quantity = 0;
    let mut context_fold = ContextFold::default();
    // Per section: under a report heading; the lead agencies of its heading.
    let mut report_memo: FxHashMap<usize, bool> = FxHashMap::default();
    let mut lead_memo: FxHashMap<usize, Vec<String>> = FxHashMap::default();
    let mut agency_memo = AgencyMemo::default();
    let mut period_memo: FxHashMap<String, Option<String>> = FxHashMap::default();
    let paras = &doc.norm.paragraphs;
    let outline = doc.outline;
    // Lists reused paragraph after paragraph (and segment after segment):
    // the fold, the numbers, the lexicon matches, the cue hits, the
    // segments, the candidates, the cue hits of a clause and a subject.
    let mut fold_buf = String::new();
    let mut nums: Vec<Number> = Vec::new();
    let mut lex_buf: Vec<LexMatch> = Vec::new();
    let mut cue_hits: Vec<CueHit> = Vec::new();
    let mut segs: Vec<Segment> = Vec::new();
    let mut cands: Vec<Cand> = Vec::new();
    let mut clause_hits: Vec<CueHit> = Vec::new();
    let mut subject_hits: Vec<CueHit> = Vec::new();
    // (The indicators borrowed from the cues: copied only into targets.)
    let mut pieces: Vec<(String, Option<&str>)> = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        let block = outline.block_of(i);
        if !matches!(block, Block::Body | Block::Appendix) {
            continue;
        }
        let sec = outline.of_paragraph.get(i).copied().flatten();
        // (A fold without early exit, which the compiler vectorizes.)
        if !p.text.bytes().fold(false, |d, b| d | b.is_ascii_digit()) {
            continue;
        }
        if let Some(s) = sec {
            if in_report(doc, &patterns.lexicon, s, &mut report_memo) {
                continue;
            }
        }
        let mut base = marker_len(&p.text).unwrap_or(0);
        // A bullet glued to the number (`-25.000 người`) is still a bullet.
        if base == 0 && p.text.starts_with(['-', '–', '+']) {
            base = p.text.chars().next().map_or(0, char::len_utf8);
        }
        if !may_have_candidate(&p.text[base..], &patterns.lexicon) {
            continue;
        }
        let text = Folded::new_in(&p.text[base..], std::mem::take(&mut fold_buf));
        numbers::scan_into(&text.fold, &mut nums);
        if !nums
            .iter()
            .any(|n| may_be_candidate(&text.fold, n, &patterns.lexicon))
        {
            fold_buf = text.into_fold();
            continue;
        }
        // The lexicon and the indicator cues in one search.
        let mut lex = std::mem::take(&mut lex_buf);
        cue_hits.clear();
        patterns
            .lexicon
            .find_with_into(&text.fold, &mut lex, |id, s, e| {
                cue_hits.push(CueHit::new(id, s, e))
            });
        let pc = ParaCtx {
            para: i,
            text,
            base,
            lex,
        };
        let f = &pc.text.fold;
        segments_into(&pc.text, &mut segs);
        // The section's path, title and lead borrowed: copied only into the
        // paragraph's targets (most candidate paragraphs make none or one).
        let (path, title, origin, lead): (&str, &str, Origin, &[String]) = match sec {
            Some(s) => {
                let secn = &outline.sections[s];
                let title = outline.sections[outline.heading_of(s)].heading.as_str();
                let origin = if block == Block::Appendix {
                    Origin::Appendix
                } else if outline.kinds_at(s).contains(&SectionKind::Implementation) {
                    Origin::Assignment
                } else {
                    Origin::Body
                };
                let lead = if origin == Origin::Assignment {
                    lead_memo
                        .entry(s)
                        .or_insert_with(|| assignment_lead(doc, patterns, &mut agency_memo, s))
                        .as_slice()
                } else {
                    &[]
                };
                (secn.path.as_str(), title, origin, lead)
            }
            None => ("", "", Origin::Body, &[]),
        };
        // The headings of the section and its ancestors, innermost first.
        let headings = || {
            sec.into_iter()
                .flat_map(|s| outline.ancestors(s))
                .map(|a| outline.sections[a].heading.as_str())
        };
        let innermost_heading = headings().next().unwrap_or_default();
        let lead_in_text = lead_in(doc, i);
        // Comparator and change of the previous target, for list items.
        let mut carried: Option<(usize, Unit, Option<Comparator>, Option<Change>)> = None;
        let mut prev_subject = String::new();
        for seg in &segs {
            cands.clear();
            for n in nums
                .iter()
                .filter(|n| n.start >= seg.start && n.end <= seg.end)
            {
                if let Some(c) = candidate(&pc, seg, n, !cands.is_empty()) {
                    cands.push(c);
                }
            }
            // (A segment without a target needs neither subjects nor its
            // sentence.)
            if cands.is_empty() {
                continue;
            }
            // Subjects end where the next number's clause starts.
            for k in 0..cands.len() {
                let limit = if k + 1 < cands.len() {
                    // Back from the next number over its comparator words.
                    let mut l = cands[k + 1].start;
                    l = skip_ws_back(f, l);
                    while let Some(m) = ending_at(&pc.lex, Kind::ComparatorBefore, l)
                        .or_else(|| ending_at(&pc.lex, Kind::Filler, l))
                        .or_else(|| ending_at(&pc.lex, Kind::Change, l))
                    {
                        if m.start <= cands[k].subj_start {
                            break;
                        }
                        l = skip_ws_back(f, m.start);
                    }
                    l
                } else {
                    seg.end
                };
                let limit = limit.max(cands[k].subj_start);
                cands[k].subj_end = subject_end(&pc, cands[k].subj_start, limit);
            }
            let sentence_range = {
                let s0 = segs
                    .iter()
                    .filter(|s| s.sentence == seg.sentence)
                    .map(|s| s.start)
                    .min()
                    .unwrap_or(seg.start);
                let s1 = segs
                    .iter()
                    .filter(|s| s.sentence == seg.sentence)
                    .map(|s| s.end)
                    .max()
                    .unwrap_or(seg.end);
                (s0, s1)
            };
            let sentence = pc.text.orig(sentence_range.0, sentence_range.1);
            // The cues in the paragraph, found once: a clause's, a
            // subject's and a sentence's are those within their spans.
            let cue_hits: &[CueHit] = &cue_hits;
            if let Some(sf) = pc.text.fold_of(sentence_range.0, sentence_range.1) {
                context_fold.know_hits(sentence, sf, || {
                    hits_in(cue_hits, sentence_range.0, sentence_range.1)
                });
            }
            for k in 0..cands.len() {
                let c = &cands[k];
                let clause_start = if k == 0 {
                    trim_head(f, seg.start, seg.end)
                } else {
                    trim_head(f, cands[k - 1].subj_end, seg.end)
                };
                let clause_end = if k + 1 < cands.len() {
                    c.subj_end
                } else {
                    trim_tail(f, clause_start, seg.end)
                };
                if clause_end <= clause_start {
                    continue;
                }
                let clause = pc.text.orig(clause_start, clause_end).trim().to_string();
                let clause_fold =
                    trimmed_span(&pc, cue_hits, clause_start, clause_end, &mut clause_hits);
                let mut subject = pc.text.orig(c.subj_start, c.subj_end).trim().to_string();
                let mut subject_span = (c.subj_start, c.subj_end);
                if !subject.chars().any(char::is_alphabetic) && c.pre_end > clause_start {
                    // The number closes its clause (`Tỷ lệ ... đạt 70%`): what
                    // is counted stands before it.
                    let pre = trim_tail(f, clause_start, c.pre_end);
                    let pre_start = patterns
                        .lexicon
                        .find(&f[clause_start..pre])
                        .iter()
                        .find(|m| m.kind == Kind::SubjectSkip && m.value == "ratio")
                        .map(|m| clause_start + m.end)
                        .unwrap_or(clause_start);
                    subject = pc.text.orig(pre_start, pre).trim().to_string();
                    subject_span = (pre_start, pre);
                }
                let mut comparator = c.comparator;
                let mut change = c.change;
                if let Some((sent, unit, cc, ch)) = carried {
                    if sent == seg.sentence
                        && unit == c.unit
                        && k == 0
                        && c.opens_segment
                        && !seg.breakdown
                    {
                        if comparator.is_none() {
                            comparator = cc;
                        }
                        if change.is_none() {
                            change = ch;
                        }
                    }
                }
                carried = Some((seg.sentence, c.unit, comparator, change));
                let context = [sentence, lead_in_text, innermost_heading];
                if years.0.is_none() || years.0 != years.1 {
                    // The clause's and the sentence's periods from the
                    // paragraph's matches.
                    let spans = [
                        (clause.as_str(), clause_start, clause_end),
                        (sentence, sentence_range.0, sentence_range.1),
                    ];
                    for (t, a, b) in spans {
                        if !period_memo.contains_key(t) {
                            if let Some(p) = period_of_span(&pc, a, b) {
                                remember_period(&mut period_memo, t, p);
                            }
                        }
                    }
                }
                let mut period = match &plan_period {
                    Some(p) => p.clone(),
                    None => {
                        let texts = [clause.as_str(), sentence]
                            .into_iter()
                            .chain(headings().map(|h| -> &str { h }));
                        period(&patterns.lexicon, years, texts, &mut period_memo)
                    }
                };
                let clause_known = Known {
                    text: &clause,
                    fold: clause_fold,
                    hits: clause_fold.map(|_| clause_hits.as_slice()),
                };
                let subject_fold = trimmed_span(
                    &pc,
                    cue_hits,
                    subject_span.0,
                    subject_span.1,
                    &mut subject_hits,
                );
                pieces.clear();
                if seg.breakdown {
                    // (Classified with the subject it breaks down.)
                    let class_subject = if prev_subject.is_empty() {
                        std::borrow::Cow::Borrowed(subject.as_str())
                    } else {
                        std::borrow::Cow::Owned(format!("{subject} {prev_subject}"))
                    };
                    pieces.push((
                        subject.clone(),
                        patterns.indicators.classify_folded(
                            Known::new(&class_subject),
                            clause_known,
                            &context,
                            &mut context_fold,
                        ),
                    ));
                } else {
                    let subject_known = Known {
                        text: &subject,
                        fold: subject_fold,
                        hits: subject_fold.map(|_| subject_hits.as_slice()),
                    };
                    split_populations(
                        &patterns.indicators,
                        subject_known,
                        clause_known,
                        &context,
                        &mut context_fold,
                        &mut pieces,
                    );
                }
                let offset = pc.base + pc.text.to_orig(c.start);
                quantity += 1;
                let n_pieces = pieces.len();
                let mut clause = clause;
                for (k, (subj, indicator)) in pieces.drain(..).enumerate() {
                    // The last piece takes the clause and the period; the
                    // others copies.
                    let last = k + 1 == n_pieces;
                    let (text, period) = if last {
                        (std::mem::take(&mut clause), std::mem::take(&mut period))
                    } else {
                        (clause.clone(), period.clone())
                    };
                    out.push(Target {
                        section: path.to_string(),
                        section_title: title.to_string(),
                        indicator: indicator.map(str::to_string),
                        value: c.value,
                        unit: c.unit,
                        comparator: comparator.unwrap_or(Comparator::Exactly),
                        change: change.unwrap_or(Change::Level),
                        period,
                        subject_fold: subject_fold.filter(|_| subj == subject).map(str::to_string),
                        subject: subj,
                        lead_agency: lead.to_vec(),
                        coordinating_agencies: Vec::new(),
                        text,
                        text_fold: clause_fold.map(str::to_string),
                        line: p.line_at(offset),
                        origin,
                        quantity,
                    });
                }
                if !seg.breakdown {
                    prev_subject = subject;
                }
            }
            let _ = pc.para;
        }
        // The paragraph's lists back for the next one.
        lex_buf = pc.lex;
        fold_buf = pc.text.into_fold();
    }
    attach_table_agencies(doc, patterns, &mut agency_memo, &mut out);
    out
}

/// Whether a paragraph stops a run of agency cells in a flattened table: a
/// table header (`STT ...`), an STT cell, a bullet alone, a heading.
fn stops_cells(text: &str) -> bool {
    let t = text.trim();
    if t.chars().all(|c| !c.is_alphabetic()) {
        return true;
    }
    // The fold of a prefix cut at a space is the start of the fold; one of
    // 12 bytes or more holds any of the openings.
    let head = t
        .bytes()
        .enumerate()
        .skip(16)
        .find(|&(_, b)| b == b' ')
        .map(|(k, _)| crate::normalize::fold(&t[..k]))
        .filter(|f| f.len() >= 12);
    let f = head.unwrap_or_else(|| crate::normalize::fold(t));
    f.starts_with("stt")
        || f.starts_with("tổng")
        || f.starts_with("phụ lục")
        || f.starts_with("trong đó")
}

/// Lead and coordinating agencies from the cells after a target in a table:
/// a pipe-table row (`| target | lead | partners |`) or a table flattened one
/// cell per paragraph in an appendix (the target's paragraph, then the lead
/// body's paragraph(s), then the partners').
fn attach_table_agencies(
    doc: &Doc,
    patterns: &Patterns,
    memo: &mut AgencyMemo,
    out: &mut [Target],
) {
    let paras = &doc.norm.paragraphs;
    // Targets by paragraph: find each target's paragraph through its line.
    let para_of = |t: &Target| -> Option<usize> {
        paras
            .iter()
            .position(|p| p.line <= t.line && t.line <= p.end_line)
    };
    // The targets of paragraph `i` are `order[start[i]..start[i + 1]]`, in
    // their order (one list for all paragraphs, not one each).
    let at: Vec<Option<usize>> = out.iter().map(para_of).collect();
    let mut start = vec![0usize; paras.len() + 1];
    for &i in at.iter().flatten() {
        start[i + 1] += 1;
    }
    for i in 0..paras.len() {
        start[i + 1] += start[i];
    }
    let mut order = vec![0usize; start[paras.len()]];
    let mut next = start.clone();
    for (k, i) in at.iter().enumerate() {
        if let &Some(i) = i {
            order[next[i]] = k;
            next[i] += 1;
        }
    }
    let by_para = |i: usize| &order[start[i]..start[i + 1]];
    // Pipe tables. (The numbers of a cell are scanned into one list, cell
    // after cell.)
    let mut nums = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if !p.table_row || by_para(i).is_empty() {
            continue;
        }
        let cells = p.cells();
        for &k in by_para(i) {
            let t = &out[k];
            // The subject's first word first: a cell without it is not
            // scanned.
            let word = t.subject.split_whitespace().next().unwrap_or("");
            let Some(ci) = cells.iter().position(|c| {
                c.contains(word) && {
                    numbers::scan_into(c, &mut nums);
                    nums.iter().any(|n| n.value == t.value)
                }
            }) else {
                continue;
            };
            let lead = cells
                .get(ci + 1)
                .map(|c| agency_keys(patterns, memo, c))
                .unwrap_or_default();
            let coord: Vec<String> = cells
                .iter()
                .skip(ci + 2)
                .flat_map(|c| agency_keys(patterns, memo, c))
                .filter(|k| !lead.contains(k))
                .collect();
            if !lead.is_empty() {
                out[k].lead_agency = lead;
                let mut c2: Vec<String> = Vec::new();
                for x in coord {
                    if !c2.contains(&x) {
                        c2.push(x);
                    }
                }
                out[k].coordinating_agencies = c2;
            }
        }
    }
    // Flattened appendix tables.
    let mut i = 0;
    while i < paras.len() {
        if doc.outline.block_of(i) != Block::Appendix || by_para(i).is_empty() || paras[i].table_row
        {
            i += 1;
            continue;
        }
        // A run of target paragraphs (bullets and lone cells between them).
        let mut group: Vec<usize> = Vec::new();
        let mut j = i;
        while j < paras.len() && doc.outline.block_of(j) == Block::Appendix {
            if !by_para(j).is_empty() {
                group.extend(by_para(j).iter().copied());
                j += 1;
            } else if paras[j].text.trim().chars().all(|c| !c.is_alphabetic()) {
                j += 1;
            } else {
                break;
            }
        }
        // The cells after it.
        let mut lead_text = String::new();
        let mut coord_text = String::new();
        let mut lead_open = true;
        while j < paras.len() && doc.outline.block_of(j) == Block::Appendix && by_para(j).is_empty()
        {
            let t = paras[j].text.trim();
            if stops_cells(t) {
                break;
            }
            let named = memo.find_all(patterns, t);
            let starts_named = named.first().is_some_and(|m| m.start <= 4);
            let words = word_count(t);
            if !starts_named && (words > 20 || (words > 12 && t.ends_with('.'))) {
                break;
            }
            if lead_text.is_empty() {
                // The rest of the target's own cell (`giúp họ hòa nhập ...`).
                if named.is_empty() {
                    j += 1;
                    continue;
                }
                lead_text.push_str(t);
            } else if lead_open {
                let f = crate::normalize::fold(&lead_text);
                let continues = f.ends_with('-')
                    || f.ends_with(',')
                    || f.ends_with(" và")
                    || f.ends_with('&')
                    || t.starts_with(|c: char| c.is_lowercase())
                    || (!starts_named && words <= 4);
                if continues {
                    if !lead_text.ends_with('-') {
                        lead_text.push(' ');
                    }
                    lead_text.push_str(t);
                } else {
                    lead_open = false;
                    coord_text.push_str(t);
                }
            } else {
                coord_text.push(' ');
                coord_text.push_str(t);
            }
            j += 1;
        }
        let lead = agency_keys(patterns, memo, &lead_text);
        let coord: Vec<String> = agency_keys(patterns, memo, &coord_text)
            .into_iter()
            .filter(|k| !lead.contains(k))
            .collect();
        if !lead.is_empty() {
            for &k in &group {
                out[k].lead_agency = lead.clone();
                out[k].coordinating_agencies = coord.clone();
            }
        }
        i = j.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`next_digit`] finds the first digit from every offset of texts
    /// with digits, letters and bytes of every kind around them.
    fn check_next_of(b: &[u8]) {
        for set in [CUTS, b"(;:|.".as_slice()] {
            for i in 0..=b.len() + 1 {
                let want = b
                    .get(i..)
                    .and_then(|r| r.iter().position(|c| set.contains(c)))
                    .map_or(b.len(), |k| i + k);
                let got = next_of(b, i, set);
                if want < b.len() {
                    assert_eq!(got, want, "{b:?} {i}");
                } else {
                    assert!(got >= b.len(), "{b:?} {i}");
                }
            }
        }
    }

    #[test]
    fn next_of_is_the_first_byte_of_the_set_on_the_plans() {
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                check_next_of(line.as_bytes());
            }
            check_next_of(&text.as_bytes()[..text.len().min(4000)]);
        }
    }

    proptest::proptest! {
        #[test]
        fn next_of_is_the_first_byte_of_the_set(b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)) {
            check_next_of(&b);
        }
    }

    /// [`subject_stop`] as it was: every byte from `start` tested.
    fn subject_stop_by_bytes(b: &[u8], start: usize) -> usize {
        (start..b.len())
            .find(|&k| match b[k] {
                b'(' | b';' | b':' | b'|' => true,
                b'.' => b.get(k + 1) == Some(&b' '),
                _ => false,
            })
            .unwrap_or(b.len())
    }

    fn check_subject_stop(text: &str) {
        let b = text.as_bytes();
        for limit in 0..=b.len() {
            for start in 0..=limit + 1 {
                assert_eq!(
                    subject_stop(&b[..limit], start),
                    subject_stop_by_bytes(&b[..limit], start),
                    "{text:?} {start} {limit}"
                );
            }
        }
    }

    #[test]
    fn subject_stop_is_the_byte_test_on_the_plans() {
        for text in crate::test_support::plan_texts() {
            for line in text.lines().filter(|l| l.len() < 200) {
                check_subject_stop(line);
            }
        }
        check_subject_stop("a.b. c(d;e:f|g.h. ");
    }

    proptest::proptest! {
        #[test]
        fn subject_stop_is_the_byte_test(text in "[a-c (;:|. ,đ\\x00-\\x7f]{0,40}") {
            check_subject_stop(&text);
        }
    }

    #[test]
    fn next_digit_is_the_first_digit() {
        let texts = [
            "Phấn đấu 100% xã, phường đạt chuẩn; 20 người",
            "/:0123456789;@`\u{7f} é9",
            "abcdefghijklmnopqrstuvwxyz0",
            "",
            "\u{80}\u{3a}\u{2f}\u{ff}ạ   .   9",
        ];
        for t in texts {
            let b = t.as_bytes();
            for i in 0..=b.len() {
                let want = (i..b.len())
                    .find(|&k| b[k].is_ascii_digit())
                    .unwrap_or(b.len());
                assert_eq!(next_digit(b, i), want, "{t:?} {i}");
            }
        }
        for byte in 0..=255u8 {
            let b = [b'x', b'x', b'x', byte, b'x', b'x', b'x', b'x', b'x'];
            let want = if byte.is_ascii_digit() { 3 } else { b.len() };
            assert_eq!(next_digit(&b, 0), want, "{byte}");
        }
    }

    /// [`Folded::fold_of`] gives the fold of the span's text, and gives it
    /// wherever neither end cuts a word.
    fn check_fold_of(text: &str) {
        let t = Folded::new(text);
        let f = &t.fold;
        // The map as it was made: the char starts of both zipped.
        let mut f2o = vec![text.len(); f.len() + 1];
        let mut oi = text.char_indices();
        for (fi, _) in f.char_indices() {
            f2o[fi] = oi.next().map_or(text.len(), |(o, _)| o);
        }
        let map: Vec<usize> = (0..=f.len()).map(|k| t.to_orig(k)).collect();
        assert_eq!(map, f2o, "{text:?}");
        let bounds: Vec<usize> = f.char_indices().map(|(i, _)| i).chain([f.len()]).collect();
        for &s in &bounds {
            for &e in bounds.iter().filter(|&&e| e >= s) {
                let whole = crate::normalize::fold(t.orig(s, e));
                match t.fold_of(s, e) {
                    Some(x) => assert_eq!(x, whole, "{text:?} {s}..{e}"),
                    None => assert!(
                        [s, e].iter().any(|&k| {
                            f[..k].chars().next_back().is_some_and(char::is_alphabetic)
                                && f[k..].chars().next().is_some_and(char::is_alphabetic)
                        }),
                        "{text:?} {s}..{e}"
                    ),
                }
            }
        }
    }

    #[test]
    fn fold_of_a_span_is_the_span_of_the_fold() {
        for text in [
            "Giảm 10% số NGƯỜI bán dâm; HOÀ giải, thuỷ lợi.",
            "Tỷ lệ xã, phường đạt 70% (trong đó: 5 xã).",
            "e\u{301} NFD\u{300} İstanbul straße ǅ",
            "",
        ] {
            check_fold_of(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_of_a_span_is_the_span_of_the_fold_on_random_text(
            text in "([a-zA-Z0-9 ,.;%()-]|[àảãạăằắâầấđêềếệôồốơờớưừứÀĐÊƯỆỞİß]|[\u{300}\u{301}\u{323}]){0,24}"
        ) {
            check_fold_of(&text);
        }
    }

    /// [`period_of_span`] says what [`period_of`] says of the span's text,
    /// wherever it answers: every span of every line of the plans.
    #[test]
    fn period_of_a_span_is_the_period_of_its_text() {
        let lexicon = &Patterns::builtin().lexicon;
        let (mut answered, mut stated) = (0, 0);
        for text in crate::test_support::plan_texts() {
            for line in text.lines().filter(|l| l.len() < 400) {
                let folded = Folded::new(line);
                let lex = lexicon.find(&folded.fold);
                let pc = ParaCtx {
                    para: 0,
                    text: folded,
                    base: 0,
                    lex,
                };
                let f = &pc.text.fold;
                let cuts: Vec<usize> = (0..=f.len())
                    .filter(|&k| f.is_char_boundary(k))
                    .step_by(3)
                    .chain([f.len()])
                    .collect();
                for &a in &cuts {
                    for &b in cuts.iter().filter(|&&b| b >= a) {
                        if let Some(p) = period_of_span(&pc, a, b) {
                            let own = period_of(lexicon, pc.text.orig(a, b).trim());
                            assert_eq!(p, own, "{line:?} {a}..{b}");
                            // (Sentences are looked up untrimmed.)
                            let own = period_of(lexicon, pc.text.orig(a, b));
                            assert_eq!(p, own, "{line:?} {a}..{b} untrimmed");
                            answered += 1;
                            stated += usize::from(p.is_some());
                        }
                    }
                }
            }
        }
        assert!(answered > 1000 && stated > 10, "{answered} {stated}");
    }

    /// Every number [`candidate`] takes passes [`may_be_candidate`] (which
    /// lets paragraphs skip the lexicon): checked on `text`.
    fn prefilter_keeps_every_candidate(text: &str, lexicon: &Lexicon) -> usize {
        let folded = Folded::new(text);
        let nums = numbers::scan(&folded.fold);
        let lex = lexicon.find(&folded.fold);
        let pc = ParaCtx {
            para: 0,
            text: folded,
            base: 0,
            lex,
        };
        if nums
            .iter()
            .any(|n| may_be_candidate(&pc.text.fold, n, lexicon))
        {
            assert!(may_have_candidate(text, lexicon), "{text:?}");
        }
        let mut taken = 0;
        for seg in segments(&pc.text) {
            for n in nums
                .iter()
                .filter(|n| n.start >= seg.start && n.end <= seg.end)
            {
                for earlier in [false, true] {
                    if candidate(&pc, &seg, n, earlier).is_some() {
                        assert!(
                            may_be_candidate(&pc.text.fold, n, lexicon),
                            "{text:?}: {n:?}"
                        );
                        taken += 1;
                    }
                }
            }
        }
        taken
    }

    #[test]
    fn prefilter_keeps_every_candidate_of_the_sample_plans() {
        let lexicon = &Patterns::builtin().lexicon;
        let mut taken = 0;
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                taken += prefilter_keeps_every_candidate(line, lexicon);
            }
        }
        assert!(taken > 100, "{taken}");
    }

    proptest::proptest! {
        #[test]
        fn prefilter_keeps_every_candidate_of_random_text(
            parts in proptest::collection::vec(
                "(\\d{1,4}|\\d\\.\\d{3}|\\d,\\d|năm|người|NGƯỜI|Hộ|%|phần trăm|trên|ít nhất|/|-|–|\\.|,|:|\\(|\\)|đến|số|Ban Chỉ đạo|[a-zđơư]{1,5}|[A-Z]{1,3})",
                0..14,
            )
        ) {
            prefilter_keeps_every_candidate(&parts.join(" "), &Patterns::builtin().lexicon);
            prefilter_keeps_every_candidate(&parts.concat(), &Patterns::builtin().lexicon);
        }

        /// Any chars around digits (letters of other scripts, numerals that
        /// are no digits, marks, symbols with case).
        #[test]
        fn prefilter_keeps_every_candidate_of_arbitrary_text(
            parts in proptest::collection::vec("(\\d{1,4}|\\PC{0,3}| )", 0..16)
        ) {
            prefilter_keeps_every_candidate(&parts.concat(), &Patterns::builtin().lexicon);
        }
    }

    /// [`piece_fold`] gives the fold of the piece and the hits a search of
    /// it finds.
    fn check_piece_fold(text: &str) {
        let cues = &Patterns::builtin().indicators;
        let f = crate::normalize::fold(text);
        let hits = cues.hits(&f);
        let whole = Known {
            text,
            fold: Some(&f),
            hits: Some(&hits),
        };
        assert_eq!(population_pieces(text), pieces_by_find(text), "{text:?}");
        let mut rest = text;
        loop {
            let (a, b) = (rest.find(", "), rest.find(" và "));
            let (k, len) = match (a, b) {
                (Some(a), Some(b)) if b < a => (b, 4),
                (Some(a), _) => (a, 2),
                (None, Some(b)) => (b, 4),
                (None, None) => (rest.len(), 0),
            };
            let p = &rest[..k];
            if same_char_offsets(text, &f) {
                let o = p.as_ptr() as usize - text.as_ptr() as usize;
                assert_eq!(piece_fold(whole, p).map(|x| x.0), Some(&f[o..o + p.len()]));
            }
            let Some((pf, mut ph)) = piece_fold(whole, p) else {
                // (Only where fold changes the char count.)
                assert_ne!(text.chars().count(), f.chars().count(), "{text:?}");
                return;
            };
            assert_eq!(pf, crate::normalize::fold(p), "{text:?} {p:?}");
            let mut want = cues.hits(pf);
            let key = |h: &CueHit| format!("{h:?}");
            ph.sort_by_key(key);
            want.sort_by_key(key);
            assert_eq!(ph, want, "{text:?} {p:?}");
            if len == 0 {
                break;
            }
            rest = &rest[k + len..];
        }
    }

    /// The pieces of [`population_pieces`] as `split_populations` found
    /// them: both cuts searched for again after each cut.
    fn pieces_by_find(subject: &str) -> Vec<&str> {
        let mut pieces = Vec::new();
        let mut rest = subject;
        loop {
            let a = rest.find(", ");
            let b = rest.find(" và ");
            let (k, len) = match (a, b) {
                (Some(a), Some(b)) if b < a => (b, 4),
                (Some(a), _) => (a, 2),
                (None, Some(b)) => (b, 4),
                (None, None) => break,
            };
            pieces.push(&rest[..k]);
            rest = &rest[k + len..];
        }
        pieces.push(rest);
        pieces
    }

    /// A subject is one piece exactly when it holds neither cut (the test
    /// `split_populations` makes before cutting).
    fn check_one_piece(text: &str) {
        let one = !text.contains(", ") && !text.contains(" và ");
        assert_eq!(population_pieces(text).len() < 2, one, "{text:?}");
    }

    #[test]
    fn one_piece_without_a_cut_on_the_plans() {
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                check_one_piece(line);
                check_one_piece(line.trim());
            }
        }
        for t in [
            "", ",", ", ", " và", " và ", "và ", "a, b", "a và b", "a,b", "avà b",
        ] {
            check_one_piece(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn one_piece_without_a_cut_on_random_text(
            parts in proptest::collection::vec("(, |,| và |và| |v|à|\\PC{0,3})", 0..10)
        ) {
            check_one_piece(&parts.concat());
        }
    }

    #[test]
    fn piece_fold_is_the_fold_of_the_piece_on_the_plans() {
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                check_piece_fold(line.trim());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn piece_fold_is_the_fold_of_the_piece_on_random_text(
            parts in proptest::collection::vec(
                "(học sinh|Sinh viên|NGƯỜI lao động|cơ sở|xã|, | và | Và |[a-zđơư]{1,5}|[A-ZĐ]{1,3}|\\PC{0,3}| )",
                0..12,
            )
        ) {
            check_piece_fold(&parts.concat());
        }
    }

    /// [`stops_cells`] as it was: the whole text folded.
    fn stops_cells_whole(text: &str) -> bool {
        let t = text.trim();
        let f = crate::normalize::fold(t);
        t.chars().all(|c| !c.is_alphabetic())
            || f.starts_with("stt")
            || f.starts_with("tổng")
            || f.starts_with("phụ lục")
            || f.starts_with("trong đó")
    }

    #[test]
    fn stops_cells_reads_the_opening_as_the_whole_text() {
        let mut stops = 0;
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                for t in [
                    line.to_string(),
                    format!("Trong đó {line}"),
                    format!("TỔNG {line}"),
                ] {
                    assert_eq!(stops_cells(&t), stops_cells_whole(&t), "{t:?}");
                    stops += usize::from(stops_cells(&t));
                }
            }
        }
        assert!(stops > 100, "{stops}");
    }

    proptest::proptest! {
        #[test]
        fn stops_cells_reads_the_opening_as_the_whole_text_on_random_text(
            parts in proptest::collection::vec(
                "(STT|Tổng|tổng|Phụ lục|PHỤ LỤC|Trong đó|trong|đó|\\PC{0,3}| |[a-zđơư]{1,7}|\\d)",
                0..10,
            )
        ) {
            for t in [parts.concat(), parts.join(" ")] {
                proptest::prop_assert_eq!(stops_cells(&t), stops_cells_whole(&t), "{:?}", t);
            }
        }
    }

    /// [`Lexicon::find_with`] finds what [`Lexicon::find`] and
    /// [`IndicatorCues::hits`] find.
    fn check_find_with(text: &str) {
        let p = Patterns::builtin();
        let f = crate::normalize::fold(text);
        let (lex, other) = p.lexicon.find_with(&f);
        assert_eq!(lex, p.lexicon.find(&f), "{text:?}");
        let key = |h: &CueHit| format!("{h:?}");
        let mut got: Vec<CueHit> = other
            .into_iter()
            .map(|(id, s, e)| CueHit::new(id, s, e))
            .collect();
        let mut want = p.indicators.hits(&f);
        got.sort_by_key(key);
        want.sort_by_key(key);
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn one_search_finds_the_lexicon_and_the_cues_on_the_plans() {
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                check_find_with(line);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn one_search_finds_the_lexicon_and_the_cues(
            parts in proptest::collection::vec(
                "(trong năm|hằng năm|đến năm|học sinh|ít nhất|trở lên|cơ sở|được|%|\\d{1,4}|\\PC{0,3}| |[a-zđơư]{1,5})",
                0..14,
            )
        ) {
            check_find_with(&parts.concat());
            check_find_with(&parts.join(" "));
        }
    }

    /// What `reports` said of a heading before [`heading_opening`]: the
    /// lexicon searched over the whole fold.
    fn reports_whole(lexicon: &Lexicon, heading: &str) -> bool {
        let f = crate::normalize::fold(heading);
        let lead = f.len() - f.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        lexicon
            .find(&f)
            .into_iter()
            .filter(|m| m.kind == Kind::ReportHeading && m.start == lead)
            .max_by_key(|m| m.end)
            .is_some_and(|m| m.value != "target")
    }

    /// The opening of a heading reports as the whole heading does: every
    /// line of the plans, with the phrases put after leading text of
    /// several lengths.
    #[test]
    fn heading_opening_reports_as_the_whole_heading() {
        let lexicon = &Patterns::builtin().lexicon;
        let mut reported = 0;
        let mut check = |h: &str| {
            let whole = reports_whole(lexicon, h);
            assert_eq!(opens_report(lexicon, h), whole, "{h:?}");
            reported += usize::from(whole);
        };
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                check(line);
            }
        }
        for phrase in [
            "Kết quả",
            "KẾT QUẢ CẦN ĐẠT",
            "Đánh giá tình hình",
            "THỰC TRẠNG",
            "Kết quả đầu ra",
        ] {
            for lead in [
                "",
                "1. ",
                "- ",
                "  ",
                "(a) ",
                "…… ",
                "------------------------------ ",
            ] {
                for tail in [
                    "",
                    " năm 2024",
                    "2024",
                    ": đạt 70% các xã, phường và thị trấn trên địa bàn",
                ] {
                    check(&format!("{lead}{phrase}{tail}"));
                }
            }
        }
        assert!(reported > 10, "{reported}");
    }

    proptest::proptest! {
        #[test]
        fn heading_opening_reports_as_the_whole_heading_on_random_text(
            parts in proptest::collection::vec(
                "(kết quả|KẾT QUẢ|cần đạt|tình hình|Đánh giá|thực trạng|\\PC{0,3}| |\\d{1,4}|[a-zđơư]{1,7}|-|\\.)",
                0..14,
            )
        ) {
            let lexicon = &Patterns::builtin().lexicon;
            for h in [parts.concat(), parts.join(" ")] {
                proptest::prop_assert_eq!(opens_report(lexicon, &h), reports_whole(lexicon, &h), "{:?}", h);
            }
        }
    }
}
