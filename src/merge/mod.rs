//! Stage 5, merge: one document's raw extractions -> its final rows.
//!
//! The targets extractor hands on every statement of a target with its
//! [`Origin`]: the body, the assignment section, an appendix table. A target
//! stated twice is one row: each restatement (and each later body statement of
//! the same indicator) is folded into the earlier statement with the same value
//! and unit whose clause overlaps it best — the share of the shorter clause's
//! words the other holds, plus one when the indicators agree, minus one when
//! they differ; at least [`MIN_SCORE`]. The first statement keeps its text,
//! line and section; a restatement in an appendix table, else one in the
//! assignment section, supplies the lead and coordinating agencies it lacks.
//! A restatement that matches nothing stays a row of its own, unless another
//! population split from the same written quantity was folded (then it is
//! the same quantity restated).

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use crate::extract::targets::Origin;
use crate::extract::{Assignment, Target};
use crate::normalize::fold;

/// Smallest match score for folding a restatement into a statement.
pub const MIN_SCORE: f64 = 0.5;

/// Word tokens of a clause (folded, digits dropped), as a set: sorted, each
/// once, slices of one folded string. The order is by [`Token`] (a token's
/// first eight bytes as a number, then its bytes): only the set counts. The
/// spans are kept in a list shared by the sets of one merge ([`Spans`]),
/// `len` of them from `at`, so that a set costs no allocation of its own.
#[derive(Clone)]
struct Tokens<'a> {
    /// The fold, borrowed from a target that carries it.
    fold: Cow<'a, str>,
    at: usize,
    len: usize,
}

/// The spans of token sets: (key, start, end) in their folds.
type Spans = Vec<(u64, usize, usize)>;

/// A token in [`Tokens`] order.
#[cfg(test)]
type Token<'a> = (u64, &'a str);

impl Tokens<'_> {
    #[cfg(test)]
    fn get<'s>(&'s self, spans: &Spans, k: usize) -> Token<'s> {
        let (key, a, b) = spans[self.at + k];
        (key, &self.fold[a..b])
    }

    fn len(&self) -> usize {
        self.len
    }

    /// The set's spans in `spans`.
    fn spans<'s>(&self, spans: &'s Spans) -> &'s [(u64, usize, usize)] {
        &spans[self.at..self.at + self.len]
    }
}

/// The first eight bytes of `t` as a big-endian number (zeros after its
/// end): `key(a) < key(b)` only when `a < b`.
#[cfg(test)]
fn key(t: &str) -> u64 {
    key_at(t.as_bytes(), 0, t.len())
}

/// [`key`] of `b[a..e]`, read as one word from `b` where it holds eight
/// bytes from `a` (the bytes past `e` masked off): no copy of a length
/// not known, which would call memcpy.
#[inline]
fn key_at(b: &[u8], a: usize, e: usize) -> u64 {
    let n = e - a;
    if let Some(w) = b.get(a..).and_then(<[u8]>::first_chunk::<8>) {
        let k = u64::from_be_bytes(*w);
        return if n >= 8 {
            k
        } else {
            k & !(u64::MAX >> (8 * n))
        };
    }
    let mut k = 0u64;
    for (i, &y) in b[a..e].iter().enumerate().take(8) {
        k |= u64::from(y) << (56 - 8 * i);
    }
    k
}

fn tokens(s: &str, spans: &mut Spans) -> Tokens<'static> {
    tokens_of_fold(Cow::Owned(fold(s)), spans)
}

/// [`tokens`] of a text from its fold.
fn tokens_of_fold<'a>(fold: Cow<'a, str>, spans: &mut Spans) -> Tokens<'a> {
    // The list worked on as a local (its length and end kept in registers).
    let mut list = std::mem::take(spans);
    let at = list.len();
    let b = fold.as_bytes();
    // (A token takes at least two bytes with the char after it.)
    list.reserve(b.len() / 2 + 1);
    // Whether the char at byte `i` is a letter or digit, and its length;
    // ASCII by byte.
    let alnum_at = |i: usize| {
        if b[i] < 0x80 {
            (b[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = fold[i..].chars().next().unwrap_or(' ');
            (crate::normalize::fold::is_alnum(c), c.len_utf8())
        }
    };
    // Runs of letters and digits.
    let mut i = 0;
    while i < b.len() {
        let (alnum, len) = alnum_at(i);
        if !alnum {
            i += len;
            continue;
        }
        let a = i;
        let mut digits = true;
        i += len;
        digits &= len == 1 && b[a].is_ascii_digit();
        while i < b.len() {
            let (alnum, len) = alnum_at(i);
            if !alnum {
                break;
            }
            digits &= len == 1 && b[i].is_ascii_digit();
            i += len;
        }
        if !digits {
            list.push((key_at(b, a, i), a, i));
        }
    }
    let own = &mut list[at..];
    own.sort_unstable_by(|x, y| {
        x.0.cmp(&y.0)
            .then_with(|| fold[x.1..x.2].cmp(&fold[y.1..y.2]))
    });
    // Each once (`dedup_by` of the set's own part of the list).
    let mut kept = 0;
    for k in 0..own.len() {
        let x = own[k];
        if kept > 0 {
            let y = own[kept - 1];
            if x.0 == y.0 && fold[x.1..x.2] == fold[y.1..y.2] {
                continue;
            }
        }
        own[kept] = x;
        kept += 1;
    }
    list.truncate(at + kept);
    *spans = list;
    Tokens {
        fold,
        at,
        len: kept,
    }
}

/// The share of the shorter token set found in the other.
pub fn overlap(a: &str, b: &str) -> f64 {
    let mut spans = Spans::new();
    let (ta, tb) = (tokens(a, &mut spans), tokens(b, &mut spans));
    overlap_of(&ta, &tb, &spans)
}

/// [`overlap`] of two token sets (their spans in `spans`).
fn overlap_of(a: &Tokens, b: &Tokens, spans: &Spans) -> f64 {
    let short = a.len().min(b.len());
    if short == 0 {
        return 0.0;
    }
    let (sa, sb) = (a.spans(spans), b.spans(spans));
    // `common_sorted` of the two, the strings sliced only when keys tie.
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < sa.len() && j < sb.len() {
        let (x, y) = (&sa[i], &sb[j]);
        let order =
            x.0.cmp(&y.0)
                .then_with(|| a.fold[x.1..x.2].cmp(&b.fold[y.1..y.2]));
        match order {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / short as f64
}

/// How many items two ascending lists share (counted as multisets), by
/// walking both once.
pub fn common_sorted<T: Ord>(
    a: impl IntoIterator<Item = T>,
    b: impl IntoIterator<Item = T>,
) -> usize {
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    let mut common = 0;
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                common += 1;
                a.next();
                b.next();
            }
        }
    }
    common
}

/// The token sets of a target's text and subject, made when first needed,
/// and the spans of all of them.
struct TokenCache<'a> {
    sets: Vec<Option<(Tokens<'a>, Tokens<'a>)>>,
    spans: Spans,
}

fn tokens_of<'a>(cache: &mut TokenCache<'a>, targets: &'a [Target], k: usize) {
    if cache.sets[k].is_none() {
        let t = &targets[k];
        let spans = &mut cache.spans;
        let text = match &t.text_fold {
            Some(f) => tokens_of_fold(Cow::Borrowed(f), spans),
            None => tokens(&t.text, spans),
        };
        let subject = match &t.subject_fold {
            Some(f) => tokens_of_fold(Cow::Borrowed(f), spans),
            None => tokens(&t.subject, spans),
        };
        cache.sets[k] = Some((text, subject));
    }
}

fn score<'a>(targets: &'a [Target], cache: &mut TokenCache<'a>, i: usize, j: usize) -> Option<f64> {
    let (first, again) = (&targets[i], &targets[j]);
    if first.value != again.value || first.unit != again.unit {
        return None;
    }
    tokens_of(cache, targets, i);
    tokens_of(cache, targets, j);
    let (Some((ft, fs)), Some((at, as_))) = (&cache.sets[i], &cache.sets[j]) else {
        return None;
    };
    let sp = &cache.spans;
    let ov = overlap_of(ft, at, sp).max(overlap_of(fs, as_, sp) * 0.9);
    let agree = match (&first.indicator, &again.indicator) {
        (Some(a), Some(b)) if a == b => 1.0,
        (Some(_), Some(_)) => -1.0,
        _ => 0.0,
    };
    if again.origin == Origin::Body && (agree <= 0.0 || ov < MIN_SCORE) {
        // Two body statements are one target only when they say the same.
        return None;
    }
    let s = ov + agree;
    (s >= MIN_SCORE).then_some(s)
}

/// Merges restatements and orders the rows by source line.
pub fn merge(targets: Vec<Target>, assignments: &[Assignment]) -> Vec<Target> {
    let _ = assignments;
    let n = targets.len();
    // Candidate folds: (score, restatement, statement), statement earlier.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    let mut cache = TokenCache {
        sets: vec![None; n],
        spans: Spans::new(),
    };
    for j in 0..n {
        for i in 0..j {
            if targets[i].quantity == targets[j].quantity {
                continue;
            }
            // Fold only into a first statement in the body or, for an appendix
            // restating an assignment-section target, into that one.
            if targets[i].origin == Origin::Appendix && targets[j].origin != Origin::Appendix {
                continue;
            }
            if targets[j].origin == Origin::Appendix && targets[i].origin == Origin::Appendix {
                continue;
            }
            if let Some(s) = score(&targets, &mut cache, i, j) {
                pairs.push((s, j, i));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut into: Vec<Option<usize>> = vec![None; n];
    let mut absorbed: Vec<FxHashSet<Origin>> = vec![FxHashSet::default(); n];
    for (_, j, i) in pairs {
        if into[j].is_some() || into[i].is_some() {
            continue;
        }
        // A statement absorbs at most one restatement of each kind of place.
        if absorbed[i].contains(&targets[j].origin) {
            continue;
        }
        // Nothing may fold into a row that was itself folded.
        if targets[j].origin != Origin::Body || targets[i].origin == Origin::Body {
            into[j] = Some(i);
            absorbed[i].insert(targets[j].origin);
        }
    }
    // Resolve chains (a restatement folded into a folded row).
    let root = |mut k: usize| {
        let mut steps = 0;
        while let Some(p) = into[k] {
            k = p;
            steps += 1;
            if steps > n {
                break;
            }
        }
        k
    };
    let folded_quantities: FxHashSet<usize> = (0..n)
        .filter(|&k| into[k].is_some())
        .map(|k| targets[k].quantity)
        .collect();
    // The rows are the targets themselves (moved, not copied); a folded
    // row is read below as the target it was: only roots, which are never
    // folded, change.
    drop(cache);
    let mut rows: Vec<Option<Target>> = targets.into_iter().map(Some).collect();
    // Agencies: appendix restatements first, then assignment-section ones.
    for pass in [Origin::Appendix, Origin::Assignment] {
        for k in 0..n {
            let Some(src) = rows[k].as_ref() else {
                continue;
            };
            if into[k].is_none() || src.origin != pass {
                continue;
            }
            let r = root(k);
            // A root comes before what folds into it (a row folds into an
            // earlier one).
            if r >= k {
                continue;
            }
            let (before, from) = rows.split_at_mut(k);
            if let (Some(t), Some(src)) = (before[r].as_mut(), from[0].as_ref()) {
                if t.lead_agency.is_empty() && !src.lead_agency.is_empty() {
                    t.lead_agency = src.lead_agency.clone();
                    if t.coordinating_agencies.is_empty() {
                        t.coordinating_agencies = src.coordinating_agencies.clone();
                    }
                }
            }
        }
    }
    for k in 0..n {
        let Some(t) = rows[k].as_ref() else {
            continue;
        };
        if into[k].is_some()
            || (t.origin != Origin::Body && folded_quantities.contains(&t.quantity))
        {
            // Folded, or another population of the same written quantity
            // was a restatement.
            rows[k] = None;
        }
    }
    let mut out: Vec<Target> = rows.into_iter().flatten().collect();
    out.sort_by_key(|t| t.line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Change, Comparator, Unit};

    #[test]
    fn overlap_is_the_shorter_sets_share() {
        assert_eq!(overlap("Hòa Bình 2024", "HOÀ BÌNH"), 1.0);
        assert_eq!(overlap("xã, xã, phường", "xã thị trấn"), 0.5);
        assert_eq!(overlap("100%", "xã"), 0.0);
        assert_eq!(overlap("giảm tai nạn", "tai nạn giao thông giảm 5%"), 1.0);
        assert_eq!(overlap("a-b c", "b a"), 1.0);
    }

    /// The token set as it was made: the fold's runs of `is_alnum` chars
    /// that are not all digits, sorted as strings, each once.
    fn tokens_by_chars(s: &str) -> Vec<String> {
        let fold = fold(s);
        let mut v: Vec<String> = Vec::new();
        let mut start = None;
        for (i, c) in fold
            .char_indices()
            .chain(std::iter::once((fold.len(), ' ')))
        {
            if i < fold.len() && crate::normalize::fold::is_alnum(c) {
                start.get_or_insert(i);
            } else if let Some(a) = start.take() {
                if !fold[a..i].bytes().all(|b| b.is_ascii_digit()) {
                    v.push(fold[a..i].to_string());
                }
            }
        }
        v.sort_unstable();
        v.dedup();
        v
    }

    fn check_tokens(a: &str, b: &str) {
        let mut sp = Spans::new();
        let (ta, tb) = (tokens(a, &mut sp), tokens(b, &mut sp));
        let mut got: Vec<String> = (0..ta.len())
            .map(|k| ta.get(&sp, k).1.to_string())
            .collect();
        got.sort_unstable();
        assert_eq!(got, tokens_by_chars(a), "{a:?}");
        let (ra, rb) = (tokens_by_chars(a), tokens_by_chars(b));
        let short = ra.len().min(rb.len());
        let want = if short == 0 {
            0.0
        } else {
            common_sorted(&ra, &rb) as f64 / short as f64
        };
        assert_eq!(overlap_of(&ta, &tb, &sp), want, "{a:?} {b:?}");
    }

    /// [`key`] as it was: the first eight bytes copied, zeros after.
    fn key_by_copy(t: &str) -> u64 {
        let mut k = [0u8; 8];
        let n = t.len().min(8);
        k[..n].copy_from_slice(&t.as_bytes()[..n]);
        u64::from_be_bytes(k)
    }

    #[test]
    fn key_is_the_first_eight_bytes() {
        for t in [
            "",
            "a",
            "xã",
            "phường",
            "thuỷ lợi",
            "abcdefgh",
            "abcdefghi",
            "ệệệ",
        ] {
            assert_eq!(key(t), key_by_copy(t), "{t:?}");
            // Inside a longer text, at every span.
            let long = format!("{t} và {t}, thuỷ lợi");
            let b = long.as_bytes();
            for a in (0..=b.len()).filter(|&a| long.is_char_boundary(a)) {
                for e in (a..=b.len()).filter(|&e| long.is_char_boundary(e)) {
                    assert_eq!(
                        key_at(b, a, e),
                        key_by_copy(&long[a..e]),
                        "{long:?} {a} {e}"
                    );
                }
            }
        }
        for text in crate::test_support::plan_texts() {
            for w in text.split_whitespace() {
                assert_eq!(key(w), key_by_copy(w), "{w:?}");
            }
        }
    }

    /// Token sets made one after another into one list of spans are the
    /// sets made each into a list of its own.
    #[test]
    fn token_sets_share_a_list_of_spans() {
        for text in crate::test_support::plan_texts() {
            let mut shared = Spans::new();
            for line in text.lines().take(300) {
                let t = tokens(line, &mut shared);
                let mut own = Spans::new();
                let o = tokens(line, &mut own);
                let a: Vec<Token> = (0..t.len()).map(|k| t.get(&shared, k)).collect();
                let b: Vec<Token> = (0..o.len()).map(|k| o.get(&own, k)).collect();
                assert_eq!(a, b, "{line:?}");
            }
        }
    }

    #[test]
    fn tokens_are_the_runs_of_letters_and_digits_on_the_plans() {
        let mut n = 0;
        for text in crate::test_support::plan_texts() {
            let lines: Vec<&str> = text.lines().collect();
            for w in lines.windows(2) {
                check_tokens(w[0], w[1]);
                check_tokens(w[0], w[0]);
                n += 1;
            }
        }
        assert!(n > 1000, "{n}");
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_the_runs_of_letters_and_digits(
            a in "(xã|XÃ|phường|cơ sở|\\d{1,3}|[a-zđơư]{1,9}|[A-Z]{1,3}|\\PC{0,3}| |, |-)*",
            b in "(xã|phường|Phường|cơ sở|\\d{1,3}|[a-zđơư]{1,9}|\\PC{0,3}| |, |-)*",
        ) {
            check_tokens(&a, &b);
            check_tokens(&a, &a);
        }
    }

    /// The fold a target carries gives the words of its text: every target
    /// of the plans.
    #[test]
    fn a_targets_fold_gives_the_tokens_of_its_text() {
        let patterns = crate::patterns::Patterns::builtin();
        let mut known = 0;
        for text in crate::test_support::plan_texts() {
            let analysis = crate::pipeline::analyze(&text, patterns);
            for t in &analysis.targets {
                let folds = [(&t.text_fold, &t.text), (&t.subject_fold, &t.subject)];
                for (f, text) in folds {
                    let Some(f) = f else { continue };
                    let mut sp = Spans::new();
                    let (a, b) = (
                        tokens_of_fold(Cow::Borrowed(f), &mut sp),
                        tokens(text, &mut sp),
                    );
                    let a: Vec<Token> = (0..a.len()).map(|k| a.get(&sp, k)).collect();
                    let b: Vec<Token> = (0..b.len()).map(|k| b.get(&sp, k)).collect();
                    assert_eq!(a, b, "{text:?}");
                    known += 1;
                }
            }
        }
        assert!(known > 50, "{known}");
    }

    fn t(
        value: f64,
        ind: Option<&str>,
        text: &str,
        origin: Origin,
        q: usize,
        line: usize,
    ) -> Target {
        Target {
            section: String::new(),
            section_title: String::new(),
            indicator: ind.map(str::to_string),
            value,
            unit: Unit::Percent,
            comparator: Comparator::Exactly,
            change: Change::Level,
            period: "2024".into(),
            subject: String::new(),
            subject_fold: None,
            lead_agency: if origin == Origin::Body {
                vec![]
            } else {
                vec!["police".into()]
            },
            coordinating_agencies: vec![],
            text: text.into(),
            text_fold: None,
            line,
            origin,
            quantity: q,
        }
    }

    #[test]
    fn appendix_restatement_folds_and_gives_lead() {
        let v = vec![
            t(
                30.0,
                Some("establishments_inspected"),
                "kiểm tra ít nhất 30% số cơ sở kinh doanh",
                Origin::Body,
                1,
                10,
            ),
            t(
                30.0,
                Some("establishments_inspected"),
                "đảm bảo ít nhất 30% số cơ sở kinh doanh được kiểm tra",
                Origin::Assignment,
                2,
                90,
            ),
        ];
        let m = merge(v, &[]);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].line, 10);
        assert_eq!(m[0].lead_agency, vec!["police".to_string()]);
    }

    #[test]
    fn different_targets_stay_apart() {
        let v = vec![
            t(
                100.0,
                Some("reports_handled"),
                "100% tố giác, tin báo được xử lý",
                Origin::Body,
                1,
                10,
            ),
            t(
                100.0,
                Some("violations_handled"),
                "100% vụ việc vi phạm được xử lý",
                Origin::Body,
                2,
                12,
            ),
            t(
                100.0,
                Some("communes_with_plan"),
                "100% xã xây dựng kế hoạch",
                Origin::Assignment,
                3,
                80,
            ),
        ];
        assert_eq!(merge(v, &[]).len(), 3);
    }
}
