//! Stage 6, output: sorted [`DocResult`]s -> documents.csv, targets.csv,
//! assignments.csv and comparison.csv.
//!
//! Every file is UTF-8, RFC 4180, one header row, written to a temporary file in
//! the output folder and renamed into place only when complete, so a killed run
//! leaves the previous output whole. No text cell starts with `=`, `+`, `-`,
//! `@`, tab or CR (such a cell gets a leading `'`), so a spreadsheet never runs
//! it as a formula.

pub mod comparison;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::pipeline::DocResult;

pub const DOCUMENTS_HEADER: &[&str] = &[
    "doc_id",
    "source_path",
    "status",
    "message",
    "encoding",
    "title",
    "locality",
    "locality_level",
    "province",
    "province_current",
    "year_start",
    "year_end",
    "issuer",
    "plan_number",
    "issue_date",
    "parent_refs",
    "sections",
    "targets",
    "assignments",
    "fixes",
];

pub const TARGETS_HEADER: &[&str] = &[
    "doc_id",
    "locality",
    "locality_level",
    "province",
    "year_start",
    "year_end",
    "section",
    "section_title",
    "indicator",
    "value",
    "unit",
    "comparator",
    "change",
    "period",
    "subject",
    "lead_agency",
    "coordinating_agencies",
    "text",
    "line",
];

pub const ASSIGNMENTS_HEADER: &[&str] = &[
    "doc_id",
    "locality",
    "province",
    "year_start",
    "year_end",
    "section",
    "agency",
    "agency_name",
    "role",
    "task",
    "line",
];

/// Makes a text cell safe for spreadsheets: a cell that would start with `=`,
/// `+`, `-`, `@`, tab or CR gets a leading `'`.
pub fn safe_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A number as written in the CSV: no trailing `.0`, `.` as decimal point.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn opt_year(y: Option<i32>) -> String {
    y.map(|y| y.to_string()).unwrap_or_default()
}

/// The rows of documents.csv.
pub fn documents_rows(results: &[DocResult]) -> Vec<Vec<String>> {
    results
        .iter()
        .map(|r| {
            let m = &r.meta;
            vec![
                r.doc_id.clone(),
                r.source_path.clone(),
                r.status.as_str().to_string(),
                r.message.clone(),
                r.encoding.map(|e| e.as_str().to_string()).unwrap_or_default(),
                m.title.clone(),
                m.locality.clone(),
                m.locality_level.clone(),
                m.province.clone(),
                m.province_current.clone(),
                opt_year(m.year_start),
                opt_year(m.year_end),
                m.issuer.clone(),
                m.plan_number.clone(),
                m.issue_date.clone(),
                m.parent_refs.join(";"),
                r.sections.to_string(),
                r.targets.len().to_string(),
                r.assignments.len().to_string(),
                r.fixes.to_field(),
            ]
        })
        .collect()
}

/// The rows of targets.csv.
pub fn targets_rows(results: &[DocResult]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for r in results {
        let m = &r.meta;
        for t in &r.targets {
            rows.push(vec![
                r.doc_id.clone(),
                m.locality.clone(),
                m.locality_level.clone(),
                m.province.clone(),
                opt_year(m.year_start),
                opt_year(m.year_end),
                t.section.clone(),
                t.section_title.clone(),
                t.indicator.clone().unwrap_or_default(),
                number(t.value),
                t.unit.as_str().to_string(),
                t.comparator.as_str().to_string(),
                t.change.as_str().to_string(),
                t.period.clone(),
                t.subject.clone(),
                t.lead_agency.join(";"),
                t.coordinating_agencies.join(";"),
                t.text.clone(),
                t.line.to_string(),
            ]);
        }
    }
    rows
}

/// The rows of assignments.csv.
pub fn assignments_rows(results: &[DocResult]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for r in results {
        let m = &r.meta;
        for a in &r.assignments {
            rows.push(vec![
                r.doc_id.clone(),
                m.locality.clone(),
                m.province.clone(),
                opt_year(m.year_start),
                opt_year(m.year_end),
                a.section.clone(),
                a.agency.clone().unwrap_or_default(),
                a.agency_name.clone(),
                a.role.as_str().to_string(),
                a.task.clone(),
                a.line.to_string(),
            ]);
        }
    }
    rows
}

/// Serializes a table as CSV bytes (formula-safe cells).
pub fn csv_bytes(header: &[&str], rows: &[Vec<String>], bom: bool) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if bom {
        buf.extend_from_slice("\u{feff}".as_bytes());
    }
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buf);
        w.write_record(header)?;
        for row in rows {
            w.write_record(row.iter().map(|c| safe_cell(c).into_owned()))?;
        }
        w.flush()?;
    }
    Ok(buf)
}

/// Writes `bytes` to `dir/name` atomically: a temporary file in `dir`, synced,
/// then renamed over the old file.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.flush())
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", dir.join(name).display()))?;
    tmp.persist(dir.join(name))
        .with_context(|| format!("cannot replace {}", dir.join(name).display()))?;
    Ok(())
}

/// Creates the output folder if needed and checks that it can be written,
/// before any work starts.
pub fn check_writable(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output folder {}", dir.display()))?;
    tempfile::Builder::new()
        .prefix(".planmine-check")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in output folder {}", dir.display()))?;
    Ok(())
}

/// Writes all four CSV files. Each is serialized in memory first; a failure
/// leaves the files not yet replaced as they were.
pub fn write_all(dir: &Path, results: &[DocResult], bom: bool) -> Result<()> {
    let files = [
        (
            "documents.csv",
            csv_bytes(DOCUMENTS_HEADER, &documents_rows(results), bom)?,
        ),
        (
            "targets.csv",
            csv_bytes(TARGETS_HEADER, &targets_rows(results), bom)?,
        ),
        (
            "assignments.csv",
            csv_bytes(ASSIGNMENTS_HEADER, &assignments_rows(results), bom)?,
        ),
        ("comparison.csv", {
            let (header, rows) = comparison::table(results);
            let h: Vec<&str> = header.iter().map(|s| s.as_str()).collect();
            csv_bytes(&h, &rows, bom)?
        }),
    ];
    for (name, bytes) in &files {
        write_atomic(dir, name, bytes)?;
    }
    Ok(())
}

/// A progress bar on stderr, hidden when stderr is not a terminal or when not
/// wanted.
pub fn progress_bar(len: u64, wanted: bool) -> ProgressBar {
    use std::io::IsTerminal;
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed_precise} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_quoted() {
        for s in ["=SUM(A1)", "+1", "-x", "@a", "\tx", "\rx"] {
            assert!(safe_cell(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(safe_cell("Ít nhất 20%"), "Ít nhất 20%");
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(number(2000.0), "2000");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(0.25), "0.25");
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let d = tempfile::tempdir().unwrap();
        write_atomic(d.path(), "a.csv", b"one").unwrap();
        write_atomic(d.path(), "a.csv", b"two").unwrap();
        assert_eq!(std::fs::read(d.path().join("a.csv")).unwrap(), b"two");
        let leftovers = std::fs::read_dir(d.path()).unwrap().count();
        assert_eq!(leftovers, 1);
    }
}
