//! Stage 6, output: sorted [`DocResult`]s -> documents.csv, targets.csv,
//! assignments.csv and comparison.csv.
//!
//! Every file is UTF-8, RFC 4180, one header row, written to a temporary file in
//! the output folder and renamed into place only when complete, so a killed run
//! leaves the previous output whole. No text cell starts with `=`, `+`, `-`,
//! `@`, tab or CR (such a cell gets a leading `'`), so a spreadsheet never runs
//! it as a formula.

pub mod comparison;
pub mod xlsx;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::extract::assignments::Assignment;
use crate::extract::targets::Target;
use crate::pipeline::DocResult;
use crate::segment::push_decimal;

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

/// The first chars that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes a text cell safe for spreadsheets: a cell that would start with `=`,
/// `+`, `-`, `@`, tab or CR gets a leading `'`.
pub fn safe_cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// A number as written in the CSV: no trailing `.0`, `.` as decimal point.
pub fn number(v: f64) -> String {
    // (Room for any integer below 1e15 and most fractions, so the written
    // pieces do not grow it.)
    let mut s = String::with_capacity(24);
    push_number(&mut s, v);
    s
}

/// Appends [`number`]`(v)` to `s`.
fn push_number(s: &mut String, v: f64) {
    // (Writing into a String cannot fail.)
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let _ = write!(s, "{}", v as i64);
    } else {
        let from = s.len();
        let _ = write!(s, "{v:.6}");
        // `trim_end_matches('0').trim_end_matches('.')` of what was written.
        let kept = s[from..].trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(from + kept);
    }
}

/// `parts.join(sep)` written into `out`, which is cleared first.
fn join_into<'a>(out: &'a mut String, parts: &[String], sep: &str) -> &'a str {
    out.clear();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p);
    }
    out
}

/// The cells of a target's row that are made, not borrowed: kept from row
/// to row so that their buffers are reused.
#[derive(Default)]
struct TargetCells {
    value: String,
    lead: String,
    coordinating: String,
    line: String,
}

fn opt_year(y: Option<i32>) -> String {
    y.map(|y| y.to_string()).unwrap_or_default()
}

/// One output row: its cells, borrowed from the results where they are
/// stored as written.
pub type Row<'a> = Vec<Cow<'a, str>>;

/// The rows of documents.csv.
pub fn documents_rows(results: &[DocResult]) -> Vec<Row<'_>> {
    results
        .iter()
        .map(|r| {
            let m = &r.meta;
            vec![
                b(&r.doc_id),
                b(&r.source_path),
                b(r.status.as_str()),
                b(&r.message),
                b(r.encoding.map(|e| e.as_str()).unwrap_or_default()),
                b(&m.title),
                b(&m.locality),
                b(&m.locality_level),
                b(&m.province),
                b(&m.province_current),
                opt_year(m.year_start).into(),
                opt_year(m.year_end).into(),
                b(&m.issuer),
                b(&m.plan_number),
                b(&m.issue_date),
                m.parent_refs.join(";").into(),
                r.sections.to_string().into(),
                r.targets.len().to_string().into(),
                r.assignments.len().to_string().into(),
                r.fixes.to_field().into(),
            ]
        })
        .collect()
}

/// A borrowed cell.
fn b(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s)
}

/// The rows of targets.csv.
pub fn targets_rows(results: &[DocResult]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for r in results {
        each_target_row(r, |cells| {
            rows.push(cells.iter().map(|c| c.to_string()).collect())
        });
    }
    rows
}

/// Calls `f` with the cells of each of `r`'s rows of targets.csv (the cells
/// every row of a document shares are made once).
pub fn each_target_row(r: &DocResult, mut f: impl FnMut(&[Cow<'_, str>])) {
    let (start, end) = years(r);
    let shared = target_shared(r, &start, &end);
    for t in &r.targets {
        let own = target_own(t);
        let cells: Vec<Cow<'_, str>> = shared.iter().chain(own.iter()).cloned().collect();
        f(&cells);
    }
}

/// `r`'s first and last year as written in its rows.
fn years(r: &DocResult) -> (String, String) {
    (opt_year(r.meta.year_start), opt_year(r.meta.year_end))
}

/// The cells that start each of `r`'s rows of targets.csv, the same for all.
fn target_shared<'a>(r: &'a DocResult, start: &'a str, end: &'a str) -> [Cow<'a, str>; 6] {
    let m = &r.meta;
    [
        b(&r.doc_id),
        b(&m.locality),
        b(&m.locality_level),
        b(&m.province),
        b(start),
        b(end),
    ]
}

/// The rest of target `t`'s row of targets.csv, after [`target_shared`].
fn target_own(t: &Target) -> [Cow<'_, str>; 13] {
    [
        b(&t.section),
        b(&t.section_title),
        b(t.indicator.as_deref().unwrap_or_default()),
        number(t.value).into(),
        b(t.unit.as_str()),
        b(t.comparator.as_str()),
        b(t.change.as_str()),
        b(&t.period),
        b(&t.subject),
        t.lead_agency.join(";").into(),
        t.coordinating_agencies.join(";").into(),
        b(&t.text),
        t.line.to_string().into(),
    ]
}

/// [`target_own`] with the cells it makes written into `cells`.
fn target_own_into<'a>(t: &'a Target, cells: &'a mut TargetCells) -> [&'a str; 13] {
    let TargetCells {
        value,
        lead,
        coordinating,
        line,
    } = cells;
    value.clear();
    push_number(value, t.value);
    line.clear();
    push_decimal(line, t.line);
    [
        &t.section,
        &t.section_title,
        t.indicator.as_deref().unwrap_or_default(),
        value,
        t.unit.as_str(),
        t.comparator.as_str(),
        t.change.as_str(),
        &t.period,
        &t.subject,
        join_into(lead, &t.lead_agency, ";"),
        join_into(coordinating, &t.coordinating_agencies, ";"),
        &t.text,
        line,
    ]
}

/// The rows of assignments.csv.
pub fn assignments_rows(results: &[DocResult]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for r in results {
        each_assignment_row(r, |cells| {
            rows.push(cells.iter().map(|c| c.to_string()).collect())
        });
    }
    rows
}

/// Calls `f` with the cells of each of `r`'s rows of assignments.csv (the
/// cells every row of a document shares are made once).
pub fn each_assignment_row(r: &DocResult, mut f: impl FnMut(&[Cow<'_, str>])) {
    let (start, end) = years(r);
    let shared = assignment_shared(r, &start, &end);
    let mut line = String::new();
    for a in &r.assignments {
        let own = assignment_own(a, &mut line);
        let cells: Vec<Cow<'_, str>> = shared.iter().chain(own.iter()).cloned().collect();
        f(&cells);
    }
}

/// The cells that start each of `r`'s rows of assignments.csv, the same
/// for all.
fn assignment_shared<'a>(r: &'a DocResult, start: &'a str, end: &'a str) -> [Cow<'a, str>; 5] {
    let m = &r.meta;
    [
        b(&r.doc_id),
        b(&m.locality),
        b(&m.province),
        b(start),
        b(end),
    ]
}

/// The rest of assignment `a`'s row of assignments.csv, after
/// [`assignment_shared`]; its line number is written into `line`.
fn assignment_own<'a>(a: &'a Assignment, line: &'a mut String) -> [Cow<'a, str>; 6] {
    line.clear();
    push_decimal(line, a.line);
    [
        b(&a.section),
        b(a.agency.as_deref().unwrap_or_default()),
        b(&a.agency_name),
        b(a.role.as_str()),
        b(&a.task),
        b(line),
    ]
}

/// Appends one CSV record (RFC 4180, CRLF) to `out`, each cell made
/// formula-safe ([`safe_cell`]). A cell is quoted when it holds a comma, a
/// quote, CR or LF, and its quotes are doubled: what the `csv` crate writes
/// with its default settings (tested against it), without its byte-by-byte
/// state machine.
pub fn push_record<'a>(out: &mut Vec<u8>, cells: impl IntoIterator<Item = &'a str>) {
    let start = out.len();
    let mut n = 0;
    for c in cells {
        if n > 0 {
            out.push(b',');
        }
        push_safe_field(out, c);
        n += 1;
    }
    // A record of one empty cell is written `""`, or it would read as a
    // blank line.
    if n == 1 && out.len() == start {
        out.extend_from_slice(b"\"\"");
    }
    out.extend_from_slice(b"\r\n");
}

/// One cell of [`push_record`]: [`push_field`] of [`safe_cell`]`(cell)`,
/// without making the prefixed cell.
fn push_safe_field(out: &mut Vec<u8>, cell: &str) {
    // `cell.starts_with(FORMULA_STARTS)` by its first byte (the chars are
    // ASCII), without decoding a char.
    let prefix = cell
        .as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii() && FORMULA_STARTS.contains(&char::from(b)));
    push_field(out, prefix, cell);
}

/// One cell as CSV: `cell`, or `'` and `cell` when `prefix` (a `'` makes no
/// cell quoted).
#[inline(always)]
fn push_field(out: &mut Vec<u8>, prefix: bool, cell: &str) {
    let b = cell.as_bytes();
    // Short cells (codes, names, numbers) by a table; long ones (tasks,
    // clauses) by two SIMD searches, whose set-up costs more than a short
    // cell's whole loop.
    let quote = if b.len() < 8 {
        b.iter().any(|&x| NEEDS_QUOTES[x as usize])
    } else if b.len() < 32 {
        short_needs_quotes(b)
    } else {
        memchr::memchr3(b',', b'"', b'\n', b).is_some() || memchr::memchr(b'\r', b).is_some()
    };
    if !quote {
        if prefix {
            out.push(b'\'');
        }
        out.extend_from_slice(b);
        return;
    }
    out.push(b'"');
    if prefix {
        out.push(b'\'');
    }
    let mut from = 0;
    for q in memchr::memchr_iter(b'"', b) {
        out.extend_from_slice(&b[from..=q]);
        out.push(b'"');
        from = q + 1;
    }
    out.extend_from_slice(&b[from..]);
    out.push(b'"');
}

/// Whether a cell of 8 bytes or more holds a byte of [`NEEDS_QUOTES`]: read
/// eight bytes at a time as a word (the last word ending at the end, over
/// bytes already read), each asked at once whether any of its bytes is one
/// of the four.
fn short_needs_quotes(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Nonzero exactly when some byte of `v` is zero.
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let hit = |w: &[u8]| {
        let x = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        zero(x ^ (ONES * u64::from(b',')))
            | zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\r')))
            | zero(x ^ (ONES * u64::from(b'\n')))
            != 0
    };
    let n = b.len();
    debug_assert!(n >= 8);
    let mut i = 0;
    while i + 8 < n {
        if hit(&b[i..i + 8]) {
            return true;
        }
        i += 8;
    }
    hit(&b[n - 8..])
}

/// The bytes that make a cell quoted.
const NEEDS_QUOTES: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// Appends the records of `rows` to `out` ([`push_record`]).
pub fn push_rows(out: &mut Vec<u8>, rows: &[Row]) {
    // Room for every cell quoted, so the buffer grows once.
    let size: usize = rows
        .iter()
        .map(|r| r.iter().map(|c| c.len() + 3).sum::<usize>() + 2)
        .sum();
    out.reserve(size);
    for row in rows {
        push_record(out, row.iter().map(|c| c.as_ref()));
    }
}

/// Serializes a table as CSV bytes (formula-safe cells).
pub fn csv_bytes(header: &[&str], rows: &[Vec<String>], bom: bool) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if bom {
        buf.extend_from_slice("\u{feff}".as_bytes());
    }
    push_record(&mut buf, header.iter().copied());
    for row in rows {
        push_record(&mut buf, row.iter().map(String::as_str));
    }
    Ok(buf)
}

/// One document's records of documents.csv, targets.csv and
/// assignments.csv, serialized (by the worker that processed it, so the
/// writing thread only copies bytes).
#[derive(Debug, Clone, Default)]
pub struct DocCsv {
    pub documents: Vec<u8>,
    pub targets: Vec<u8>,
    pub assignments: Vec<u8>,
}

impl DocCsv {
    pub fn of(r: &DocResult) -> DocCsv {
        let one = std::slice::from_ref(r);
        let mut d = DocCsv::default();
        push_rows(&mut d.documents, &documents_rows(one));
        // The cells every row of the document starts with are serialized
        // once, and copied at the start of each row.
        let (start, end) = years(r);
        let shared = shared_prefix(&target_shared(r, &start, &end));
        let size: usize = r
            .targets
            .iter()
            .map(|t| t.text.len() + t.section.len() + t.section_title.len() + t.subject.len() + 96)
            .sum();
        d.targets.reserve(size + r.targets.len() * shared.len());
        let mut cells = TargetCells::default();
        for t in &r.targets {
            d.targets.extend_from_slice(&shared);
            push_record(&mut d.targets, target_own_into(t, &mut cells));
        }
        let shared = shared_prefix(&assignment_shared(r, &start, &end));
        let size: usize = r
            .assignments
            .iter()
            .map(|a| a.task.len() + a.agency_name.len() + a.section.len() + 64)
            .sum();
        d.assignments
            .reserve(size + r.assignments.len() * shared.len());
        let mut line = String::new();
        for a in &r.assignments {
            d.assignments.extend_from_slice(&shared);
            let own = assignment_own(a, &mut line);
            push_record(&mut d.assignments, own.iter().map(|c| c.as_ref()));
        }
        d
    }
}

/// `cells` as the start of a CSV record: each cell as [`push_record`]
/// writes it, followed by its comma.
fn shared_prefix(cells: &[Cow<'_, str>]) -> Vec<u8> {
    let mut out = Vec::new();
    for c in cells {
        push_safe_field(&mut out, c);
        out.push(b',');
    }
    out
}

/// A complete output file waiting in a temporary file beside its target.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl Staged {
    /// Renames the temporary file over the target.
    pub fn commit(self) -> Result<()> {
        let target = self.target;
        self.tmp
            .persist(&target)
            .with_context(|| format!("cannot replace {}", target.display()))?;
        Ok(())
    }
}

/// Writes `bytes` to a temporary file in `dir`, flushed and synced, to become
/// `dir/name` on [`Staged::commit`]. Dropped uncommitted, it is removed.
pub fn stage(dir: &Path, name: &str, bytes: &[u8]) -> Result<Staged> {
    let (mut tmp, target) = temp_for(dir, name)?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.flush())
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", target.display()))?;
    Ok(Staged { tmp, target })
}

/// A temporary file beside `dir/name` with the permissions the final file
/// should have.
fn temp_for(dir: &Path, name: &str) -> Result<(tempfile::NamedTempFile, PathBuf)> {
    let target = dir.join(name);
    if target.is_dir() {
        anyhow::bail!(
            "cannot replace {}: a folder is in the way",
            target.display()
        );
    }
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A temporary file is private (0600); the output file keeps the mode of
    // the one it replaces, or gets the usual 0666 less the umask.
    #[cfg(unix)]
    let perms = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(&target)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666))
    };
    #[cfg(unix)]
    builder.permissions(perms);
    let tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    Ok((tmp, target))
}

/// A CSV file written a chunk of records at a time into a temporary file
/// beside its target, so that a batch keeps no more than one chunk of rows
/// in memory.
pub struct CsvStream {
    writer: std::io::BufWriter<tempfile::NamedTempFile>,
    target: PathBuf,
    /// Bytes written since the disk was last asked to catch up.
    unsynced: usize,
}

/// How many bytes a [`CsvStream`] writes before it starts the disk writing
/// them back (without waiting), so that the sync at the end of a run has
/// little left to wait for.
const WRITEBACK_EVERY: usize = 16 << 20;

/// Starts writing `file`'s dirty pages to disk and returns at once (Linux's
/// `sync_file_range` with `SYNC_FILE_RANGE_WRITE`; elsewhere nothing). It
/// promises nothing: durability still comes from the sync in
/// [`CsvStream::finish`], which then finds most of the file written.
fn start_writeback(file: &std::fs::File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor is open for as long as `file` is borrowed,
        // and the call reads no memory of ours; offset 0 and length 0 mean
        // the whole file. A failure only means the writeback starts later.
        unsafe {
            libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

impl CsvStream {
    /// Opens the temporary file and writes the header (and a BOM if asked).
    pub fn create(dir: &Path, name: &str, header: &[&str], bom: bool) -> Result<CsvStream> {
        let (tmp, target) = temp_for(dir, name)?;
        let mut s = CsvStream {
            writer: std::io::BufWriter::with_capacity(1 << 16, tmp),
            target,
            unsynced: 0,
        };
        let mut head = Vec::new();
        if bom {
            head.extend_from_slice("\u{feff}".as_bytes());
        }
        push_record(&mut head, header.iter().copied());
        s.write_bytes(&head)?;
        Ok(s)
    }

    /// Writes records already serialized by [`push_record`]. Every
    /// [`WRITEBACK_EVERY`] bytes, the disk is set to work on what came
    /// before.
    pub fn write_bytes(&mut self, records: &[u8]) -> Result<()> {
        let target = &self.target;
        self.writer
            .write_all(records)
            .with_context(|| format!("cannot write {}", target.display()))?;
        self.unsynced += records.len();
        if self.unsynced >= WRITEBACK_EVERY {
            self.unsynced = 0;
            self.writer
                .flush()
                .with_context(|| format!("cannot write {}", target.display()))?;
            start_writeback(self.writer.get_ref().as_file());
        }
        Ok(())
    }

    /// Flushes and syncs the file; it replaces its target on
    /// [`Staged::commit`].
    pub fn finish(self) -> Result<Staged> {
        let target = self.target;
        let tmp = self
            .writer
            .into_inner()
            .map_err(|e| anyhow::anyhow!("cannot write {}: {}", target.display(), e.error()))?;
        tmp.as_file()
            .sync_all()
            .with_context(|| format!("cannot write {}", target.display()))?;
        Ok(Staged { tmp, target })
    }
}

/// Writes `bytes` to `dir/name` atomically: a temporary file in `dir`, synced,
/// then renamed over the old file.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    stage(dir, name, bytes)?.commit()
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

/// One output table: its name (file stem, sheet name), header and rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn owned_rows(rows: Vec<Row>) -> Vec<Vec<String>> {
    rows.into_iter()
        .map(|r| r.into_iter().map(Cow::into_owned).collect())
        .collect()
}

fn owned(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

/// The four tables, in file order: documents, targets, assignments,
/// comparison (its rows those of `patterns.indicator_keys`).
pub fn tables(results: &[DocResult], patterns: &crate::patterns::Patterns) -> Vec<Table> {
    let columns: Vec<comparison::Column> = results.iter().map(comparison::Column::of).collect();
    let (header, rows) = comparison::table(&columns, &patterns.indicator_keys);
    vec![
        Table {
            name: "documents",
            header: owned(DOCUMENTS_HEADER),
            rows: owned_rows(documents_rows(results)),
        },
        Table {
            name: "targets",
            header: owned(TARGETS_HEADER),
            rows: targets_rows(results),
        },
        Table {
            name: "assignments",
            header: owned(ASSIGNMENTS_HEADER),
            rows: assignments_rows(results),
        },
        Table {
            name: "comparison",
            header,
            rows,
        },
    ]
}

/// The folder and file name of an output file path (`x.xlsx` is in `.`).
pub fn split_path(path: &Path) -> Result<(PathBuf, String)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .with_context(|| format!("{}: not a file name", path.display()))?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
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
    fn a_stream_past_the_writeback_size_keeps_every_byte_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = CsvStream::create(dir.path(), "t.csv", &["a", "b"], true).unwrap();
        let mut want = "\u{feff}a,b\r\n".as_bytes().to_vec();
        // Records of 1 MiB less a few bytes, so the writeback points fall
        // inside the writer's buffer, not on its edges.
        for k in 0..(WRITEBACK_EVERY >> 20) * 2 + 3 {
            let rec = vec![b'a' + (k % 26) as u8; (1 << 20) - 7];
            s.write_bytes(&rec).unwrap();
            want.extend_from_slice(&rec);
        }
        s.finish().unwrap().commit().unwrap();
        let got = std::fs::read(dir.path().join("t.csv")).unwrap();
        assert_eq!(got.len(), want.len());
        assert!(got == want);
    }

    #[test]
    fn formula_cells_are_quoted() {
        for s in ["=SUM(A1)", "+1", "-x", "@a", "\tx", "\rx"] {
            assert!(safe_cell(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(safe_cell("Ít nhất 20%"), "Ít nhất 20%");
    }

    /// What the `csv` crate writes for the same records.
    fn csv_crate(rows: &[Vec<String>]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(Vec::new());
        for r in rows {
            w.write_record(r.iter().map(|c| safe_cell(c).into_owned()))
                .unwrap();
        }
        w.into_inner().unwrap()
    }

    fn ours(rows: &[Vec<String>]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in rows {
            push_record(&mut out, r.iter().map(String::as_str));
        }
        out
    }

    #[test]
    fn records_are_written_as_the_csv_crate_writes_them() {
        let cells = [
            "",
            "plain",
            "Ít nhất 20%, người lao động",
            "say \"x\"",
            "\"",
            "\"\"",
            "a\nb",
            "a\rb",
            "a\r\nb",
            "=SUM(A1)",
            "-x, y",
            " lead",
            "trail ",
            "tab\tin",
            "semi;colon",
        ];
        let rows: Vec<Vec<String>> = cells
            .iter()
            .flat_map(|a| {
                cells
                    .iter()
                    .map(move |b| vec![a.to_string(), b.to_string()])
            })
            .collect();
        assert_eq!(ours(&rows), csv_crate(&rows));
        let wide = vec![cells.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
        assert_eq!(ours(&wide), csv_crate(&wide));
        let single: Vec<Vec<String>> = cells.iter().map(|c| vec![c.to_string()]).collect();
        assert_eq!(ours(&single), csv_crate(&single));
    }

    proptest::proptest! {
        #[test]
        fn random_records_are_written_as_the_csv_crate_writes_them(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-c,\"\r\n =+@\t-]{0,6}|\\PC{0,8}", 2..5),
                0..6,
            )
        ) {
            proptest::prop_assert_eq!(ours(&rows), csv_crate(&rows));
        }
    }

    /// [`number`] as it was written before [`push_number`].
    fn number_reference(v: f64) -> String {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{}", v as i64)
        } else {
            let s = format!("{v:.6}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }

    #[test]
    fn numbers_are_written_as_before() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            2000.0,
            1.5,
            0.25,
            1e-7,
            123.4567891,
            99.9999999,
            1e15,
            -1e15,
            1e16,
            2.5e20,
            -3.25,
            0.1 + 0.2,
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
            1000000.000001,
            10.0000004,
        ];
        for v in values {
            let mut s = String::from("x,");
            push_number(&mut s, v);
            assert_eq!(s, format!("x,{}", number_reference(v)), "{v}");
            assert_eq!(number(v), number_reference(v), "{v}");
        }
    }

    #[test]
    fn safe_fields_are_the_safe_cells_written() {
        for c in [
            "",
            "-",
            "=1+2",
            "+x",
            "@a",
            "\tb",
            "\rc",
            "-a,b",
            "-\"q\"",
            "=\"",
            "a,b",
            "plain",
            "- Tăng cường, nâng cao",
            "Ít nhất 20%",
        ] {
            let mut want = Vec::new();
            push_field(&mut want, false, &safe_cell(c));
            let mut got = Vec::new();
            push_safe_field(&mut got, c);
            assert_eq!(got, want, "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn short_cells_need_quotes_as_the_table_says(
            s in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::num::u8::ANY,
                    proptest::sample::select(vec![b',', b'"', b'\r', b'\n', b'a', 0x2C ^ 0x80, 0x0B, 0x0D ^ 1])
                ],
                8..40,
            )
        ) {
            let want = s.iter().any(|&x| NEEDS_QUOTES[x as usize]);
            proptest::prop_assert_eq!(short_needs_quotes(&s), want);
        }
    }

    #[test]
    fn short_cells_need_quotes_at_every_place() {
        for n in 8..40 {
            for at in 0..n {
                for x in [b',', b'"', b'\r', b'\n', b'+', 0xAC, 0x2D, 0x0C] {
                    let mut s = vec![b'x'; n];
                    s[at] = x;
                    assert_eq!(
                        short_needs_quotes(&s),
                        NEEDS_QUOTES[x as usize],
                        "{n} {at} {x}"
                    );
                }
                assert!(!short_needs_quotes(&vec![b'x'; n]));
            }
        }
    }

    #[test]
    fn decimals_are_those_of_the_formatter() {
        for n in (0..2000)
            .chain([9999, 10000, 65535, 1 << 32, u32::MAX as usize])
            .chain([usize::MAX, usize::MAX / 10, 10usize.pow(19)])
        {
            let mut s = String::from("x");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
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

#[cfg(test)]
mod doc_csv_tests {
    use super::*;

    /// A sample plan's result, with the cells every row shares made hard:
    /// a formula start, a comma, quotes and a line break.
    fn tricky_result() -> DocResult {
        let text = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/ha-noi_2024.txt"
        ))
        .unwrap();
        let mut r = crate::pipeline::process_bytes(
            "=id,\"x\"".into(),
            "p.txt".into(),
            &text,
            crate::patterns::Patterns::builtin(),
        );
        r.meta.locality = "-Phường A, \"B\"\nC".into();
        r.meta.province = "@Tỉnh".into();
        r.meta.locality_level = "+x".into();
        r
    }

    #[test]
    fn a_documents_records_match_its_rows_written_one_by_one() {
        let r = tricky_result();
        assert!(!r.targets.is_empty() && !r.assignments.is_empty());
        let d = DocCsv::of(&r);
        let one = std::slice::from_ref(&r);
        let mut want = Vec::new();
        for row in targets_rows(one) {
            push_record(&mut want, row.iter().map(String::as_str));
        }
        assert!(d.targets == want, "targets.csv records differ");
        let mut want = Vec::new();
        for row in assignments_rows(one) {
            push_record(&mut want, row.iter().map(String::as_str));
        }
        assert!(d.assignments == want, "assignments.csv records differ");
        let text = String::from_utf8(d.assignments).unwrap();
        assert!(
            text.starts_with("\"'=id,\"\"x\"\"\",\"'-"),
            "{}",
            &text[..40]
        );
    }
}
