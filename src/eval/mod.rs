//! `planmine eval`: scores an output folder against a gold folder, as SPEC
//! "Gold set and scoring" defines it, and lists every miss.
//!
//! Both folders hold `targets.csv`, `documents.csv` and `assignments.csv`
//! (the gold ones with the gold columns). Only documents that appear in the
//! gold files are scored. Hands on a [`Scores`] value (overall and per
//! document, plus the misses) that tests assert floors on, [`render`] for
//! people and serde JSON for tools.
//!
//! Target matching: a found row and a gold row are candidates when they share
//! document, value and unit and their clauses overlap — the share of the
//! shorter clause's word tokens (folded with [`crate::normalize::fold()`], digits
//! dropped; a clause under three tokens counted as three) that the other one
//! also holds is at least [`MIN_OVERLAP`]. Pairs
//! are taken greedily, best fit first (clause overlap + subject overlap + a
//! fifth per agreeing field), each gold row and each found row used at most
//! once; required gold rows first, then optional ones. A found row left over that is a candidate of
//! an already matched gold row is a duplicate: not a false find for F1 (the
//! number was found), a false find for strict F1. A found row matched to an
//! optional gold row, or duplicating one, is neither rewarded nor punished.
//! A gold field `a|b` accepts either value.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

use crate::normalize::fold;

/// Smallest clause overlap (share of the shorter clause's tokens found in the
/// other) for a found target to match a gold row.
pub const MIN_OVERLAP: f64 = 0.5;

/// Fewest tokens the shorter clause is counted as having in [`overlap`].
const MIN_TOKENS: usize = 3;

/// True/false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1; 1.0 when there was nothing to find and nothing was found.
    pub fn f1(&self) -> f64 {
        let d = 2 * self.tp + self.fp + self.fn_;
        ratio(2 * self.tp, d)
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct P {
            tp: usize,
            fp: usize,
            #[serde(rename = "fn")]
            fn_: usize,
            precision: f64,
            recall: f64,
            f1: f64,
        }
        P {
            tp: self.tp,
            fp: self.fp,
            fn_: self.fn_,
            precision: round4(self.precision()),
            recall: round4(self.recall()),
            f1: round4(self.f1()),
        }
        .serialize(s)
    }
}

/// `right` out of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Share {
    pub right: usize,
    pub total: usize,
}

impl Share {
    /// The share; 1.0 when there was nothing to check.
    pub fn share(&self) -> f64 {
        ratio(self.right, self.total)
    }
    fn add(&mut self, o: &Share) {
        self.right += o.right;
        self.total += o.total;
    }
    fn push(&mut self, ok: bool) {
        self.total += 1;
        self.right += usize::from(ok);
    }
}

impl Serialize for Share {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct P {
            right: usize,
            total: usize,
            share: f64,
        }
        P {
            right: self.right,
            total: self.total,
            share: round4(self.share()),
        }
        .serialize(s)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// The scores of one document, or of all of them together (`doc_id` empty).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocScore {
    pub doc_id: String,
    /// Targets: the number was found (value, unit, clause).
    pub targets: Counts,
    /// Targets: the whole record is right; duplicates are false finds.
    pub strict: Counts,
    /// Of the targets matched to required gold rows: indicator right.
    pub indicator: Share,
    pub comparator: Share,
    pub period: Share,
    pub lead_agency: Share,
    /// (document, agency, role) for roles lead, assigned, requested.
    pub assignments: Counts,
    /// documents.csv fields (the gold file's columns) right.
    pub fields: Share,
}

impl DocScore {
    fn add(&mut self, o: &DocScore) {
        self.targets.add(&o.targets);
        self.strict.add(&o.strict);
        self.indicator.add(&o.indicator);
        self.comparator.add(&o.comparator);
        self.period.add(&o.period);
        self.lead_agency.add(&o.lead_agency);
        self.assignments.add(&o.assignments);
        self.fields.add(&o.fields);
    }
}

/// What kind of miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissKind {
    /// A required gold target no found row matched.
    MissedTarget,
    /// A found target no gold row matched.
    FalseFind,
    /// A found target repeating one already matched (strict false find).
    Duplicate,
    /// A matched target with a wrong field.
    WrongField,
    /// A gold (agency, role) not found.
    MissedAssignment,
    /// A found (agency, role) not in gold.
    FalseAssignment,
    /// A documents.csv field that differs from gold.
    WrongDocumentField,
}

impl MissKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MissKind::MissedTarget => "missed target",
            MissKind::FalseFind => "false find",
            MissKind::Duplicate => "duplicate",
            MissKind::WrongField => "wrong field",
            MissKind::MissedAssignment => "missed assignment",
            MissKind::FalseAssignment => "false assignment",
            MissKind::WrongDocumentField => "wrong document field",
        }
    }
}

/// One thing the output got wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Miss {
    pub doc_id: String,
    pub kind: MissKind,
    pub detail: String,
}

/// Everything `planmine eval` measured.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    /// All scored documents together (micro-averaged: counts summed).
    pub overall: DocScore,
    /// One entry per gold document, sorted by `doc_id`.
    pub per_document: Vec<DocScore>,
    /// Every miss, by document, then kind.
    pub misses: Vec<Miss>,
}

impl Scores {
    pub fn f1(&self) -> f64 {
        self.overall.targets.f1()
    }
    pub fn strict_f1(&self) -> f64 {
        self.overall.strict.f1()
    }
    pub fn assignments_f1(&self) -> f64 {
        self.overall.assignments.f1()
    }
    pub fn documents_share(&self) -> f64 {
        self.overall.fields.share()
    }
    pub fn doc(&self, doc_id: &str) -> Option<&DocScore> {
        self.per_document.iter().find(|d| d.doc_id == doc_id)
    }
}

/// A CSV file read into rows of named cells.
#[derive(Debug, Clone, Default)]
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Csv {
    /// Parses CSV text (a leading BOM is ignored).
    pub fn parse(text: &str) -> Result<Csv> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = r.headers()?.iter().map(|s| s.trim().to_string()).collect();
        let mut rows = Vec::new();
        for rec in r.records() {
            rows.push(rec?.iter().map(str::to_string).collect());
        }
        Ok(Csv { header, rows })
    }

    fn read(path: &Path) -> Result<Csv> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        Csv::parse(&text).with_context(|| format!("{}: not valid CSV", path.display()))
    }

    fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The cell of `row` under column `name`, empty when absent.
    fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        self.col(name)
            .and_then(|i| row.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

/// The three tables of a gold or output folder.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub targets: Csv,
    pub documents: Csv,
    pub assignments: Csv,
}

impl Tables {
    /// Reads `targets.csv`, `documents.csv` and `assignments.csv` from `dir`.
    /// A missing gold file scores nothing; a missing output file is an error
    /// when `required`.
    pub fn read(dir: &Path, required: bool) -> Result<Tables> {
        let one = |name: &str| -> Result<Csv> {
            let p = dir.join(name);
            if !p.exists() && !required {
                return Ok(Csv::default());
            }
            Csv::read(&p)
        };
        Ok(Tables {
            targets: one("targets.csv")?,
            documents: one("documents.csv")?,
            assignments: one("assignments.csv")?,
        })
    }
}

/// Scores the output folder `output_dir` against the gold folder `gold_dir`.
pub fn score(gold_dir: &Path, output_dir: &Path) -> Result<Scores> {
    if !gold_dir.is_dir() {
        anyhow::bail!("gold folder {} not found", gold_dir.display());
    }
    let gold = Tables::read(gold_dir, false)?;
    if gold.targets.header.is_empty()
        && gold.documents.header.is_empty()
        && gold.assignments.header.is_empty()
    {
        anyhow::bail!(
            "gold folder {} has none of targets.csv, documents.csv, assignments.csv",
            gold_dir.display()
        );
    }
    let found = Tables::read(output_dir, true).with_context(|| {
        format!(
            "output folder {} (run planmine first)",
            output_dir.display()
        )
    })?;
    Ok(score_tables(&gold, &found))
}

/// Text folded for comparison: NFC, lowercase, canonical tones, whitespace
/// collapsed.
fn folded(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    fold(&nfc).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Word tokens of a clause for overlap: folded, split at anything not a
/// letter or digit, digit-only tokens dropped (values are matched apart).
fn tokens(s: &str) -> Vec<String> {
    let f = folded(s);
    let mut t: Vec<String> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    t.sort_unstable();
    t
}

/// Share of the shorter token list's tokens (as a multiset) that the other
/// holds, the shorter counted as at least [`MIN_TOKENS`] long. Two empty
/// lists overlap fully; one empty list overlaps nothing.
fn overlap(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let common = crate::merge::common_sorted(a, b);
    // A clause of one or two words is too little evidence: count it as if it
    // had three (when the other has that many).
    let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
    common as f64 / short.max(long.min(MIN_TOKENS)) as f64
}

/// The alternatives of a gold field `a|b`.
fn alts(g: &str) -> impl Iterator<Item = &str> {
    g.split('|').map(str::trim)
}

fn same_value(g: &str, f: &str) -> bool {
    let Ok(f) = f.trim().parse::<f64>() else {
        return false;
    };
    alts(g).any(|a| {
        a.parse::<f64>()
            .is_ok_and(|v| (v - f).abs() <= 1e-9 * v.abs().max(1.0))
    })
}

/// A plain field: equal after folding, to any alternative.
fn same_text(g: &str, f: &str) -> bool {
    let f = folded(f);
    alts(g).any(|a| folded(a) == f)
}

/// A `;`-joined set field: the same set, to any alternative.
fn same_set(g: &str, f: &str) -> bool {
    let set = |s: &str| -> BTreeSet<String> {
        s.split(';').map(folded).filter(|x| !x.is_empty()).collect()
    };
    let f = set(f);
    alts(g).any(|a| set(a) == f)
}

struct GoldTarget<'a> {
    row: &'a [String],
    required: bool,
    tokens: Vec<String>,
}

struct FoundTarget<'a> {
    row: &'a [String],
    tokens: Vec<String>,
}

const STRICT_FIELDS: [&str; 4] = ["indicator", "comparator", "change", "period"];
const ACCURACY_FIELDS: [&str; 4] = ["indicator", "comparator", "period", "lead_agency"];

fn field_right(field: &str, g: &str, f: &str) -> bool {
    if field == "lead_agency" {
        same_set(g, f)
    } else {
        same_text(g, f)
    }
}

/// Scores already-read tables. See the module docs for the rules.
pub fn score_tables(gold: &Tables, found: &Tables) -> Scores {
    let mut docs: BTreeSet<String> = BTreeSet::new();
    for t in [&gold.targets, &gold.documents, &gold.assignments] {
        for r in &t.rows {
            let id = t.get(r, "doc_id");
            if !id.is_empty() {
                docs.insert(id.to_string());
            }
        }
    }
    let mut scores = Scores::default();
    for doc in &docs {
        let mut ds = DocScore {
            doc_id: doc.clone(),
            ..DocScore::default()
        };
        let mut misses = Vec::new();
        score_targets(doc, gold, found, &mut ds, &mut misses);
        score_assignments(doc, gold, found, &mut ds, &mut misses);
        score_documents(doc, gold, found, &mut ds, &mut misses);
        misses.sort_by_key(|m| m.kind);
        scores.overall.add(&ds);
        scores.per_document.push(ds);
        scores.misses.extend(misses);
    }
    scores
}

fn describe_found(t: &Csv, r: &[String]) -> String {
    let g = |n| t.get(r, n);
    format!(
        "line {}: {} {} {} {} period={} indicator={} lead={} «{}»",
        g("line"),
        g("value"),
        g("unit"),
        g("comparator"),
        g("change"),
        g("period"),
        or_dash(g("indicator")),
        or_dash(g("lead_agency")),
        short(g("text"))
    )
}

fn describe_gold(t: &Csv, r: &[String]) -> String {
    let g = |n| t.get(r, n);
    format!(
        "{} {} {} {} period={} indicator={} lead={} «{}»",
        g("value"),
        g("unit"),
        g("comparator"),
        g("change"),
        g("period"),
        or_dash(g("indicator")),
        or_dash(g("lead_agency")),
        short(g("quote"))
    )
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

fn short(s: &str) -> String {
    const MAX: usize = 90;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let t: String = s.chars().take(MAX).collect();
        format!("{t}…")
    }
}

fn score_targets(
    doc: &str,
    gold: &Tables,
    found: &Tables,
    ds: &mut DocScore,
    misses: &mut Vec<Miss>,
) {
    let gt = &gold.targets;
    let ft = &found.targets;
    if gt.header.is_empty() {
        return;
    }
    let golds: Vec<GoldTarget> = gt
        .rows
        .iter()
        .filter(|r| gt.get(r, "doc_id") == doc)
        .map(|r| GoldTarget {
            row: r,
            required: !gt.get(r, "status").eq_ignore_ascii_case("optional"),
            tokens: tokens(gt.get(r, "quote")),
        })
        .collect();
    let founds: Vec<FoundTarget> = ft
        .rows
        .iter()
        .filter(|r| ft.get(r, "doc_id") == doc)
        .map(|r| FoundTarget {
            row: r,
            tokens: tokens(ft.get(r, "text")),
        })
        .collect();

    // Candidate pairs: (gold, found, fit). The clause overlap decides who is
    // a candidate; the fit ranks them: clause overlap, plus subject overlap,
    // plus a fifth for each of indicator, comparator, change, period and
    // lead agency that agree. So where one gold quote states two targets of
    // one value ("100% quận, huyện và 100% xã, phường ..."), each goes to the
    // found row about its own population.
    let mut cands: Vec<(usize, usize, f64)> = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        for (fi, f) in founds.iter().enumerate() {
            if !same_value(gt.get(g.row, "value"), ft.get(f.row, "value"))
                || !same_text(gt.get(g.row, "unit"), ft.get(f.row, "unit"))
            {
                continue;
            }
            let ov = if gt.get(g.row, "quote").is_empty() {
                1.0
            } else {
                overlap(&g.tokens, &f.tokens)
            };
            if ov < MIN_OVERLAP {
                continue;
            }
            let subject = overlap(
                &tokens(gt.get(g.row, "subject")),
                &tokens(ft.get(f.row, "subject")),
            );
            let agree = STRICT_FIELDS
                .iter()
                .chain(["lead_agency"].iter())
                .filter(|n| field_right(n, gt.get(g.row, n), ft.get(f.row, n)))
                .count();
            cands.push((gi, fi, ov + subject + agree as f64 / 5.0));
        }
    }
    // Best first: required gold rows, then fit, then document order for a
    // stable result.
    cands.sort_by(|a, b| {
        let ra = golds[a.0].required;
        let rb = golds[b.0].required;
        rb.cmp(&ra)
            .then_with(|| b.2.total_cmp(&a.2))
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    let mut gold_of: Vec<Option<usize>> = vec![None; founds.len()];
    let mut found_of: Vec<Option<usize>> = vec![None; golds.len()];
    for &(gi, fi, _) in &cands {
        if gold_of[fi].is_none() && found_of[gi].is_none() {
            gold_of[fi] = Some(gi);
            found_of[gi] = Some(fi);
        }
    }

    for (gi, g) in golds.iter().enumerate() {
        if !g.required {
            continue;
        }
        match found_of[gi] {
            None => {
                ds.targets.fn_ += 1;
                ds.strict.fn_ += 1;
                misses.push(Miss {
                    doc_id: doc.to_string(),
                    kind: MissKind::MissedTarget,
                    detail: describe_gold(gt, g.row),
                });
            }
            Some(fi) => {
                let f = founds[fi].row;
                ds.targets.tp += 1;
                let mut wrong = Vec::new();
                for n in STRICT_FIELDS.iter().chain(["lead_agency"].iter()) {
                    if !field_right(n, gt.get(g.row, n), ft.get(f, n)) {
                        wrong.push(format!(
                            "{n} {} (gold {})",
                            or_dash(ft.get(f, n)),
                            or_dash(gt.get(g.row, n))
                        ));
                    }
                }
                let strict_ok = STRICT_FIELDS
                    .iter()
                    .all(|n| field_right(n, gt.get(g.row, n), ft.get(f, n)));
                if strict_ok {
                    ds.strict.tp += 1;
                } else {
                    ds.strict.fp += 1;
                    ds.strict.fn_ += 1;
                }
                let (ind, cmp, per, lead) = (
                    &mut ds.indicator,
                    &mut ds.comparator,
                    &mut ds.period,
                    &mut ds.lead_agency,
                );
                for (share, n) in [ind, cmp, per, lead].into_iter().zip(ACCURACY_FIELDS) {
                    share.push(field_right(n, gt.get(g.row, n), ft.get(f, n)));
                }
                if !wrong.is_empty() {
                    misses.push(Miss {
                        doc_id: doc.to_string(),
                        kind: MissKind::WrongField,
                        detail: format!(
                            "line {} {} {}: {}",
                            ft.get(f, "line"),
                            ft.get(f, "value"),
                            ft.get(f, "unit"),
                            wrong.join(", ")
                        ),
                    });
                }
            }
        }
    }
    for (fi, f) in founds.iter().enumerate() {
        if gold_of[fi].is_some() {
            continue;
        }
        // A leftover: does it repeat a matched gold row?
        let dup_of = cands
            .iter()
            .filter(|c| c.1 == fi)
            .map(|c| c.0)
            .find(|&gi| found_of[gi].is_some());
        match dup_of {
            Some(gi) if golds[gi].required => {
                ds.strict.fp += 1;
                misses.push(Miss {
                    doc_id: doc.to_string(),
                    kind: MissKind::Duplicate,
                    detail: describe_found(ft, f.row),
                });
            }
            Some(_) => {}
            None => {
                ds.targets.fp += 1;
                ds.strict.fp += 1;
                misses.push(Miss {
                    doc_id: doc.to_string(),
                    kind: MissKind::FalseFind,
                    detail: describe_found(ft, f.row),
                });
            }
        }
    }
}

const ROLES: [&str; 3] = ["lead", "assigned", "requested"];

fn score_assignments(
    doc: &str,
    gold: &Tables,
    found: &Tables,
    ds: &mut DocScore,
    misses: &mut Vec<Miss>,
) {
    let ga = &gold.assignments;
    if ga.header.is_empty() {
        return;
    }
    let set = |t: &Csv| -> BTreeSet<(String, String)> {
        t.rows
            .iter()
            .filter(|r| t.get(r, "doc_id") == doc)
            .filter_map(|r| {
                let agency = t.get(r, "agency");
                let role = t.get(r, "role");
                (!agency.is_empty() && ROLES.contains(&role))
                    .then(|| (agency.to_string(), role.to_string()))
            })
            .collect()
    };
    let g = set(ga);
    let f = set(&found.assignments);
    for x in g.iter() {
        if f.contains(x) {
            ds.assignments.tp += 1;
        } else {
            ds.assignments.fn_ += 1;
            misses.push(Miss {
                doc_id: doc.to_string(),
                kind: MissKind::MissedAssignment,
                detail: format!("{} {}", x.0, x.1),
            });
        }
    }
    for x in f.difference(&g) {
        ds.assignments.fp += 1;
        misses.push(Miss {
            doc_id: doc.to_string(),
            kind: MissKind::FalseAssignment,
            detail: format!("{} {}", x.0, x.1),
        });
    }
}

fn score_documents(
    doc: &str,
    gold: &Tables,
    found: &Tables,
    ds: &mut DocScore,
    misses: &mut Vec<Miss>,
) {
    let gd = &gold.documents;
    let fd = &found.documents;
    let Some(grow) = gd.rows.iter().find(|r| gd.get(r, "doc_id") == doc) else {
        return;
    };
    let frow = fd.rows.iter().find(|r| fd.get(r, "doc_id") == doc);
    for name in gd.header.iter().filter(|h| h.as_str() != "doc_id") {
        let g = gd.get(grow, name);
        let f = frow.map(|r| fd.get(r, name)).unwrap_or("");
        let ok = if name == "parent_refs" {
            same_set(g, f)
        } else {
            same_text(g, f)
        };
        ds.fields.push(ok);
        if !ok {
            misses.push(Miss {
                doc_id: doc.to_string(),
                kind: MissKind::WrongDocumentField,
                detail: format!("{name}: {:?} (gold {:?})", f, g),
            });
        }
    }
}

fn pct(x: f64) -> String {
    format!("{:.3}", x)
}

/// The report for people: overall scores, a table per document, the misses.
pub fn render(s: &Scores) -> String {
    let mut out = String::new();
    let o = &s.overall;
    let _ = writeln!(out, "planmine eval: {} documents", s.per_document.len());
    let _ = writeln!(
        out,
        "targets       F1 {}  (P {} R {}; {} found right, {} false, {} missed)",
        pct(o.targets.f1()),
        pct(o.targets.precision()),
        pct(o.targets.recall()),
        o.targets.tp,
        o.targets.fp,
        o.targets.fn_
    );
    let _ = writeln!(
        out,
        "strict        F1 {}  (P {} R {}; {} whole records right)",
        pct(o.strict.f1()),
        pct(o.strict.precision()),
        pct(o.strict.recall()),
        o.strict.tp
    );
    let _ = writeln!(
        out,
        "fields        indicator {}  comparator {}  period {}  lead_agency {}  (of {} matched)",
        pct(o.indicator.share()),
        pct(o.comparator.share()),
        pct(o.period.share()),
        pct(o.lead_agency.share()),
        o.indicator.total
    );
    let _ = writeln!(
        out,
        "assignments   F1 {}  (P {} R {}; {} right, {} false, {} missed)",
        pct(o.assignments.f1()),
        pct(o.assignments.precision()),
        pct(o.assignments.recall()),
        o.assignments.tp,
        o.assignments.fp,
        o.assignments.fn_
    );
    let _ = writeln!(
        out,
        "documents     {} of fields right ({}/{})",
        pct(o.fields.share()),
        o.fields.right,
        o.fields.total
    );
    let _ = writeln!(out);
    let w = s
        .per_document
        .iter()
        .map(|d| d.doc_id.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    let _ = writeln!(
        out,
        "{:w$}  {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "document", "F1", "strict", "ind", "cmp", "period", "lead", "assign", "docs"
    );
    for d in &s.per_document {
        let _ = writeln!(
            out,
            "{:w$}  {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
            d.doc_id,
            pct(d.targets.f1()),
            pct(d.strict.f1()),
            pct(d.indicator.share()),
            pct(d.comparator.share()),
            pct(d.period.share()),
            pct(d.lead_agency.share()),
            pct(d.assignments.f1()),
            pct(d.fields.share()),
        );
    }
    let mut by_doc: BTreeMap<&str, Vec<&Miss>> = BTreeMap::new();
    for m in &s.misses {
        by_doc.entry(m.doc_id.as_str()).or_default().push(m);
    }
    if by_doc.is_empty() {
        let _ = writeln!(out, "\nno misses");
    }
    for (doc, ms) in by_doc {
        let _ = writeln!(out, "\n{doc}: {} miss(es)", ms.len());
        for m in ms {
            let _ = writeln!(out, "  {:<20} {}", m.kind.as_str(), m.detail);
        }
    }
    out
}

#[cfg(test)]
mod tests;
