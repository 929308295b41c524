//! The batch driver: find input files, process each through every stage in
//! parallel, collect, sort by `doc_id`, write.
//!
//! A file that cannot be read, decoded or processed becomes a documents.csv row
//! with `status=error` and a message; the batch goes on. Output does not depend
//! on the thread count or on the order the inputs were given in.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::decode::{self, Encoding};
use crate::extract::{assignments, metadata, targets, Assignment, Doc, Metadata, Target};
use crate::merge;
use crate::normalize::{self, FixLog, Normalized};
use crate::output;
use crate::patterns::Patterns;
use crate::segment::{self, Outline};

/// Default largest input file (`--max-size`).
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;

/// What a `run` does.
#[derive(Debug, Clone)]
pub struct Config {
    /// Files and folders to read (folders recursively, `.txt` and `.md`).
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub output: PathBuf,
    /// Largest file read, in bytes.
    pub max_size: u64,
    /// Write a UTF-8 byte-order mark at the start of every CSV (for Excel).
    pub bom: bool,
    /// Also write the four tables as one Excel workbook here.
    pub xlsx: Option<PathBuf>,
    /// Show a progress bar on stderr (when it is a terminal).
    pub progress: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: vec![PathBuf::from("corpus")],
            output: PathBuf::from("output"),
            max_size: DEFAULT_MAX_SIZE,
            bom: false,
            xlsx: None,
            progress: false,
        }
    }
}

/// How processing a document ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Ok,
    Warning,
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Error => "error",
        }
    }
}

/// Everything the stages learned about one text.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub norm: Normalized,
    pub outline: Outline,
    pub meta: Metadata,
    pub targets: Vec<Target>,
    pub assignments: Vec<Assignment>,
}

/// One input file's result: its documents.csv row and its rows of the other
/// files.
#[derive(Debug, Clone)]
pub struct DocResult {
    pub doc_id: String,
    pub source_path: String,
    pub status: Status,
    pub message: String,
    pub encoding: Option<Encoding>,
    pub meta: Metadata,
    pub sections: usize,
    pub targets: Vec<Target>,
    pub assignments: Vec<Assignment>,
    pub fixes: FixLog,
    pub bytes: u64,
}

impl DocResult {
    fn error(doc_id: String, source_path: String, message: String) -> DocResult {
        DocResult {
            doc_id,
            source_path,
            status: Status::Error,
            message,
            encoding: None,
            meta: Metadata::default(),
            sections: 0,
            targets: vec![],
            assignments: vec![],
            fixes: FixLog::default(),
            bytes: 0,
        }
    }
}

/// Runs normalize, segment, extract and merge over decoded text.
pub fn analyze(text: &str, patterns: &Patterns) -> Analysis {
    let norm = normalize::normalize(text, &patterns.repairs);
    let outline = segment::segment(&norm, &patterns.sections);
    let meta = metadata::extract(&norm, &outline, patterns);
    let doc = Doc {
        norm: &norm,
        outline: &outline,
        meta: &meta,
    };
    let assignments = assignments::extract(&doc, patterns);
    let targets = merge::merge(targets::extract(&doc, patterns), &assignments);
    Analysis {
        norm,
        outline,
        meta,
        targets,
        assignments,
    }
}

/// Processes one file's bytes into its result.
pub fn process_bytes(
    doc_id: String,
    source_path: String,
    bytes: &[u8],
    patterns: &Patterns,
) -> DocResult {
    let decoded = decode::decode_borrowed(bytes, &patterns.legacy);
    process_decoded(doc_id, source_path, decoded, bytes.len() as u64, patterns)
}

/// The rest of [`process_bytes`], once the `len` bytes are decoded.
fn process_decoded(
    doc_id: String,
    source_path: String,
    decoded: Result<decode::DecodedText<'_>, decode::DecodeError>,
    len: u64,
    patterns: &Patterns,
) -> DocResult {
    let decoded = match decoded {
        Ok(d) => d,
        Err(e) => {
            let mut r = DocResult::error(doc_id, source_path, e.to_string());
            r.bytes = len;
            return r;
        }
    };
    let a = analyze(decoded.text(), patterns);
    let mut notes: Vec<String> = decoded.warnings().to_vec();
    notes.extend(a.meta.warnings.iter().cloned());
    // Bodies the dictionary does not know at all (keyless groups it knows,
    // such as `các tổ chức chính trị - xã hội`, are not news).
    let unknown: Vec<&str> = a
        .assignments
        .iter()
        .filter(|x| x.agency.is_none())
        .filter(|x| patterns.agencies.find_bodies(&x.agency_name).is_empty())
        .map(|x| x.agency_name.as_str())
        .collect();
    if !unknown.is_empty() {
        let mut names = unknown.clone();
        names.sort_unstable();
        names.dedup();
        notes.push(format!(
            "{} assignment(s) to {} unknown bod(ies): {}",
            unknown.len(),
            names.len(),
            names.join("; ")
        ));
    }
    let sections = a.outline.count();
    if sections == 0 && a.targets.is_empty() {
        notes.push("no numbered sections and no targets: probably not a plan".into());
    }
    let status = if notes.is_empty() {
        Status::Ok
    } else {
        Status::Warning
    };
    DocResult {
        doc_id,
        source_path,
        status,
        message: notes.join(" | "),
        encoding: Some(decoded.encoding()),
        meta: a.meta,
        sections,
        targets: a.targets,
        assignments: a.assignments,
        fixes: a.norm.fixes,
        bytes: len,
    }
}

/// One file to process, or a problem met while looking for files.
#[derive(Debug, Clone)]
pub enum Input {
    File {
        doc_id: String,
        path: PathBuf,
    },
    Problem {
        doc_id: String,
        path: PathBuf,
        message: String,
    },
}

fn is_input_file(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()),
        Some(ref e) if e == "txt" || e == "md"
    )
}

/// `doc_id` of a file: its path relative to `root` without the extension,
/// with `/` separators.
pub fn doc_id(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let rel = rel.with_extension("");
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        file.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        parts.join("/")
    }
}

/// Finds the input files under the given paths (folders recursively).
pub fn discover(inputs: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for root in inputs {
        let meta = std::fs::metadata(root);
        match meta {
            Err(e) => out.push(Input::Problem {
                doc_id: doc_id(root.parent().unwrap_or(Path::new("")), root),
                path: root.clone(),
                message: format!("cannot read: {e}"),
            }),
            Ok(m) if m.is_file() => out.push(Input::File {
                doc_id: doc_id(root.parent().unwrap_or(Path::new("")), root),
                path: root.clone(),
            }),
            Ok(_) => {
                for entry in walkdir::WalkDir::new(root)
                    .follow_links(true)
                    .sort_by_file_name()
                {
                    match entry {
                        Ok(e) => {
                            if e.file_type().is_file() && is_input_file(e.path()) {
                                out.push(Input::File {
                                    doc_id: doc_id(root, e.path()),
                                    path: e.path().to_path_buf(),
                                });
                            }
                        }
                        Err(e) => {
                            let path = e.path().map(Path::to_path_buf).unwrap_or(root.clone());
                            let message = if e.loop_ancestor().is_some() {
                                "symbolic link loop: skipped".to_string()
                            } else {
                                format!(
                                    "cannot read: {}",
                                    e.io_error()
                                        .map(|x| x.to_string())
                                        .unwrap_or_else(|| e.to_string())
                                )
                            };
                            out.push(Input::Problem {
                                doc_id: doc_id(root, &path),
                                path,
                                message,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

/// `process(input)`, or, if it panics (a bug: no input should make any
/// stage panic), an error row for `input` that says so, so that the batch
/// goes on with the other files and the run exits with code 1. The panic's
/// own message also goes to stderr, by the default panic hook.
///
/// Unwinding out of `process` is safe to catch: the patterns are only
/// read, and every thread-local buffer a stage keeps between documents is
/// cleared before it is used again.
fn guarded(input: &Input, keep_all: bool, process: impl FnOnce(&Input) -> Done) -> Done {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(input))) {
        Ok(done) => done,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_string());
            let (doc_id, path) = match input {
                Input::File { doc_id, path } | Input::Problem { doc_id, path, .. } => {
                    (doc_id.clone(), path.display().to_string())
                }
            };
            let message = format!(
                "internal error: planmine failed on this file ({what}); this is a bug, please report it with the file"
            );
            Done::of(DocResult::error(doc_id, path, message), keep_all)
        }
    }
}

/// Reads and processes one input.
pub fn process_input(input: &Input, max_size: u64, patterns: &Patterns) -> DocResult {
    match input {
        Input::Problem {
            doc_id,
            path,
            message,
        } => DocResult::error(doc_id.clone(), path.display().to_string(), message.clone()),
        Input::File { doc_id, path } => {
            let source = path.display().to_string();
            let cannot = |e: std::io::Error| {
                DocResult::error(doc_id.clone(), source.clone(), format!("cannot read: {e}"))
            };
            let mut file = match std::fs::File::open(path) {
                Ok(f) => f,
                Err(e) => return cannot(e),
            };
            let len = match file.metadata() {
                Ok(m) => m.len(),
                Err(e) => return cannot(e),
            };
            if len > max_size {
                let mut r = DocResult::error(
                    doc_id.clone(),
                    source,
                    format!("file too large: {len} bytes, more than --max-size {max_size} bytes"),
                );
                r.bytes = len;
                return r;
            }
            READ_BUFFER.with_borrow_mut(|buf| {
                buf.clear();
                let r = match read_into(&mut file, len, buf) {
                    Ok(()) => process_bytes(doc_id.clone(), source.clone(), buf, patterns),
                    Err(e) => cannot(e),
                };
                // A big file's room is not kept for the thread's next ones.
                if buf.capacity() > KEPT_BUFFER {
                    *buf = Vec::new();
                }
                r
            })
        }
    }
}

thread_local! {
    /// The bytes of the file a worker thread is processing: one buffer per
    /// thread, reused from file to file (warm in the cache, and no
    /// allocation per file).
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The largest [`READ_BUFFER`] a thread keeps between files.
const KEPT_BUFFER: usize = 4 << 20;

/// Reads `file`, said to be `len` bytes long, to its end into `buf`.
fn read_into(file: &mut std::fs::File, len: u64, buf: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    // One byte more than the file's size, so that reading to the end needs
    // no second growth of the buffer.
    buf.try_reserve_exact(usize::try_from(len).unwrap_or(usize::MAX).saturating_add(1))
        .map_err(std::io::Error::other)?;
    file.read_to_end(buf).map(|_| ())
}

/// What a run did, for the summary line and the exit code.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    pub ok: usize,
    pub warning: usize,
    pub error: usize,
    pub targets: usize,
    pub assignments: usize,
    pub bytes: u64,
    pub seconds: f64,
}

impl RunSummary {
    pub fn line(&self) -> String {
        let mb = self.bytes as f64 / 1e6;
        format!(
            "{} files: {} ok, {} warning, {} error; {} targets, {} assignments; {:.1} MB read in {:.2} s ({:.1} MB/s)",
            self.ok + self.warning + self.error,
            self.ok,
            self.warning,
            self.error,
            self.targets,
            self.assignments,
            mb,
            self.seconds,
            if self.seconds > 0.0 { mb / self.seconds } else { 0.0 }
        )
    }
}

impl Input {
    fn key(&self) -> (&str, &Path) {
        match self {
            Input::File { doc_id, path } | Input::Problem { doc_id, path, .. } => {
                (doc_id.as_str(), path.as_path())
            }
        }
    }
}

/// The inputs in output order (`doc_id`, then path), each file once.
fn ordered_inputs(inputs: &[PathBuf]) -> Vec<Input> {
    let mut v = discover(inputs);
    v.sort_by(|a, b| a.key().cmp(&b.key()));
    v.dedup_by(|a, b| a.key().1 == b.key().1);
    v
}

/// Where a run's results go as they come: the three streamed CSV files, what
/// comparison.csv (and the workbook) need, and the counts.
pub struct Sink {
    docs: output::CsvStream,
    targets: output::CsvStream,
    assigns: output::CsvStream,
    /// Every document's comparison.csv column.
    columns: Vec<output::comparison::Column>,
    /// Every result, for the workbook, when the documents were taken whole
    /// ([`Done::of`] with `keep_all`).
    kept: Vec<DocResult>,
    bom: bool,
    summary: RunSummary,
}

/// One processed document as a [`Sink`] takes it: its serialized rows, its
/// comparison column, what the run summary counts, and the whole result when
/// the workbook needs it.
pub struct Done {
    csv: output::DocCsv,
    column: output::comparison::Column,
    status: Status,
    targets: usize,
    assignments: usize,
    bytes: u64,
    full: Option<DocResult>,
}

impl Done {
    /// What the sink needs of `r`; the whole of it only with `keep_all`.
    pub fn of(r: DocResult, keep_all: bool) -> Done {
        Done {
            csv: output::DocCsv::of(&r),
            column: output::comparison::Column::of(&r),
            status: r.status,
            targets: r.targets.len(),
            assignments: r.assignments.len(),
            bytes: r.bytes,
            full: keep_all.then_some(r),
        }
    }
}

impl Sink {
    /// Temporary files for the three streamed CSVs in `dir`.
    pub fn create(dir: &Path, bom: bool) -> anyhow::Result<Sink> {
        let stream = |name, header| output::CsvStream::create(dir, name, header, bom);
        Ok(Sink {
            docs: stream("documents.csv", output::DOCUMENTS_HEADER)?,
            targets: stream("targets.csv", output::TARGETS_HEADER)?,
            assigns: stream("assignments.csv", output::ASSIGNMENTS_HEADER)?,
            columns: Vec::new(),
            kept: Vec::new(),
            bom,
            summary: RunSummary::default(),
        })
    }

    /// Writes one chunk of results, in order.
    pub fn take(&mut self, results: Vec<Done>) -> anyhow::Result<()> {
        for d in &results {
            self.docs.write_bytes(&d.csv.documents)?;
            self.targets.write_bytes(&d.csv.targets)?;
            self.assigns.write_bytes(&d.csv.assignments)?;
        }
        let s = &mut self.summary;
        for d in results {
            match d.status {
                Status::Ok => s.ok += 1,
                Status::Warning => s.warning += 1,
                Status::Error => s.error += 1,
            }
            s.targets += d.targets;
            s.assignments += d.assignments;
            s.bytes += d.bytes;
            self.columns.push(d.column);
            self.kept.extend(d.full);
        }
        Ok(())
    }

    /// Completes every output file: comparison.csv in `dir`, and the workbook
    /// at `xlsx` when given (only when every document was taken whole can it write
    /// one). Every file is complete on disk before any replaces the one
    /// before it. Returns the run's counts (without its time).
    pub fn finish(
        self,
        dir: &Path,
        xlsx: Option<&Path>,
        patterns: &Patterns,
    ) -> anyhow::Result<RunSummary> {
        let mut staged = vec![
            self.docs.finish()?,
            self.targets.finish()?,
            self.assigns.finish()?,
        ];
        let (header, rows) = output::comparison::table(&self.columns, &patterns.indicator_keys);
        let h: Vec<&str> = header.iter().map(|x| x.as_str()).collect();
        staged.push(output::stage(
            dir,
            "comparison.csv",
            &output::csv_bytes(&h, &rows, self.bom)?,
        )?);
        if let Some(x) = xlsx {
            anyhow::ensure!(
                self.kept.len() == self.columns.len(),
                "a workbook needs every result kept"
            );
            let (parent, name) = output::split_path(x)?;
            let book = output::xlsx::workbook_bytes(&output::tables(&self.kept, patterns))?;
            staged.push(output::stage(&parent, &name, &book)?);
        }
        for f in staged {
            f.commit()?;
        }
        Ok(self.summary)
    }
}

/// Runs a batch: process everything, write every output file.
///
/// Documents are processed in parallel a chunk at a time, in `doc_id` order;
/// each chunk's rows are appended to the temporary output files before the
/// next chunk starts, so memory holds one chunk of rows (plus each document's
/// comparison.csv column: its heading and indicator figures), whatever the
/// corpus size. With `--xlsx` every row is kept for the workbook. Nothing replaces
/// the previous output until every file is complete.
pub fn run(config: &Config, patterns: &Patterns) -> anyhow::Result<RunSummary> {
    let start = Instant::now();
    output::check_writable(&config.output)?;
    if let Some(x) = &config.xlsx {
        output::check_writable(&output::split_path(x)?.0)?;
    }
    let inputs = ordered_inputs(&config.inputs);
    let bar = output::progress_bar(inputs.len() as u64, config.progress);
    let dir = &config.output;
    // With `--xlsx` every row is kept for the workbook; else only each
    // document's comparison column.
    let keep_all = config.xlsx.is_some();
    let mut sink = Sink::create(dir, config.bom)?;
    let chunk = (rayon::current_num_threads() * 32).max(64);
    // The workers process one chunk while this thread's helper writes the
    // one before: a chunk is written whole, in order, after the one before
    // it, and at most one waits.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Done>>(1);
    let written = std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> anyhow::Result<Sink> {
            for results in rx {
                sink.take(results)?;
            }
            Ok(sink)
        });
        for part in inputs.chunks(chunk) {
            // Each worker also serializes its document's records, so the
            // writer only copies bytes.
            let results: Vec<Done> = part
                .par_iter()
                .map(|i| {
                    // What is not kept is freed here, by the thread that
                    // allocated it (cheaper for the allocator than freeing
                    // it from the writer's thread).
                    let done = guarded(i, keep_all, |i| {
                        Done::of(process_input(i, config.max_size, patterns), keep_all)
                    });
                    bar.inc(1);
                    done
                })
                .collect();
            if tx.send(results).is_err() {
                // The writer stopped on an error: it is reported below.
                break;
            }
        }
        drop(tx);
        writer
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the output writer stopped unexpectedly")))
    });
    let sink = written?;
    bar.finish_and_clear();
    let mut s = sink.finish(dir, config.xlsx.as_deref(), patterns)?;
    s.seconds = start.elapsed().as_secs_f64();
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(id: &str) -> Input {
        Input::File {
            doc_id: id.into(),
            path: PathBuf::from(format!("plans/{id}.txt")),
        }
    }

    /// A stage that panics on one document gives that document an error row
    /// naming the panic, and the documents around it are processed as usual.
    #[test]
    fn a_panic_in_one_document_becomes_its_error_row() {
        let patterns = Patterns::builtin();
        let process = |i: &Input| -> Done {
            let Input::File { doc_id, .. } = i else {
                unreachable!()
            };
            if doc_id == "b" {
                panic!("index out of bounds: the len is 3 but the index is 7");
            }
            Done::of(
                process_bytes(
                    doc_id.clone(),
                    doc_id.clone(),
                    "Kế hoạch".as_bytes(),
                    patterns,
                ),
                true,
            )
        };
        let done: Vec<Done> = ["a", "b", "c"]
            .iter()
            .map(|id| guarded(&file(id), true, process))
            .collect();
        assert_ne!(done[0].status, Status::Error);
        assert_ne!(done[2].status, Status::Error);
        assert_eq!(done[1].status, Status::Error);
        let row = done[1].full.as_ref().unwrap();
        assert_eq!(row.doc_id, "b");
        assert_eq!(row.source_path, "plans/b.txt");
        assert!(
            row.message.starts_with("internal error:"),
            "{}",
            row.message
        );
        assert!(
            row.message.contains("the len is 3 but the index is 7"),
            "{}",
            row.message
        );
        assert!(row.targets.is_empty() && row.assignments.is_empty());
    }

    /// A panic with a formatted message (a `String` payload) is reported too.
    #[test]
    fn a_formatted_panic_message_is_kept() {
        let done = guarded(&file("x"), true, |_| panic!("bad {} at {}", "cut", 12));
        let row = done.full.unwrap();
        assert!(row.message.contains("bad cut at 12"), "{}", row.message);
    }
}
