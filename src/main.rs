//! The `planmine` command: parses arguments, calls the library, picks the exit
//! code (0 all files ok, 1 some file failed, 2 usage or setup error).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use planmine::patterns::{Patterns, Source};
use planmine::pipeline::{self, Config, DEFAULT_MAX_SIZE};

/// The pipeline allocates many short strings per paragraph; mimalloc's
/// thread-local free lists make that cheaper than the system allocator
/// (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: Mi = Mi;

/// mimalloc, called through its plain entry points where their blocks are
/// aligned enough: alignment up to 16 bytes (`MI_MAX_ALIGN_SIZE`, what
/// `malloc` guarantees) and no larger than the size, the rule Rust's own
/// `System` allocator applies to `malloc`. That is nearly every allocation;
/// `mimalloc::MiMalloc` takes the aligned entry points for all of them,
/// which test the alignment each time (about 1% of the run's instructions).
struct Mi;

const MI_MAX_ALIGN_SIZE: usize = 16;

/// Whether `layout` can take mimalloc's plain entry points.
#[inline]
fn plain(layout: std::alloc::Layout) -> bool {
    layout.align() <= MI_MAX_ALIGN_SIZE && layout.align() <= layout.size()
}

// SAFETY: every block comes from mimalloc and goes back to it (`mi_free`
// frees blocks of either kind); a block is reallocated by the call of the
// kind it was allocated with, since `plain` depends only on the alignment
// and the size, and a new size that fails `plain` takes the aligned call.
unsafe impl std::alloc::GlobalAlloc for Mi {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if plain(layout) {
            libmimalloc_sys::mi_malloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if plain(layout) {
            libmimalloc_sys::mi_zalloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr.cast());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= MI_MAX_ALIGN_SIZE && layout.align() <= new_size {
            libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
        } else {
            libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
        }
    }
}

/// mimalloc's `mi_option_purge_delay` (index 15 of `mi_option_t` in its v3
/// header; the Rust bindings name no constant for it; a test checks it by
/// its default in mimalloc's `options.c`).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets the allocator up for a batch, unless the environment decides
/// (`MIMALLOC_PURGE_DELAY`, `MIMALLOC_ALLOW_THP`):
///
/// - Freed memory is kept for reuse instead of handed back to the system
///   a second after it is freed (mimalloc's default, 1000 ms). A batch frees
///   one chunk of documents' results and allocates the next one's at once;
///   with the default, every chunk faulted its pages in again and the kernel
///   zeroed them: on a 500 MB corpus, 15,000 page faults and 1.7 s of system
///   time against 400 and 0.8 s (BENCHMARKS.md, round 6).
/// - No transparent huge pages (Linux). mimalloc asks for them on its
///   arenas, and then each first touch of a 2 MB region makes the kernel
///   zero all of it; where the system reclaims idle memory behind the
///   process (as on the benchmark VM), that happens again and again. With
///   4 KB pages, on the 500 MB corpus: system time 2.0-2.3 s -> 1.0-1.1 s,
///   peak RSS 122 -> 92 MB (BENCHMARKS.md, round 7). mimalloc reads its own
///   option before `main`, when its first arena is already asked for huge
///   pages, so the process turns them off for itself instead
///   (`PR_SET_THP_DISABLE`, which the kernel checks at every fault).
fn tune_allocator() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one option of the linked allocator; valid at any
        // time (it only changes when later frees are purged).
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: prctl with integer arguments only; a failure (an old
        // kernel) leaves huge pages on, which is only slower.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    }
}

#[derive(Parser)]
#[command(
    name = "planmine",
    version,
    about = "Mine Vietnamese local-government plan documents (Kế hoạch) for their quantitative targets and agency assignments.",
    long_about = "Mine Vietnamese local-government plan documents (Kế hoạch) for their quantitative targets and agency assignments.\n\nWith no command, `planmine` runs `planmine run` on ./corpus into ./output.",
    after_help = "Examples:\n  planmine                         process ./corpus into ./output\n  planmine run plans/ -o out/      process every .txt/.md under plans/\n  planmine normalize plan.txt      print the repaired text, one paragraph per line\n  planmine outline plan.txt        print the section tree\n  planmine eval --gold tests/gold  score ./output against hand-checked answers"
)]
struct Cli {
    /// Folder of data files overriding the built-in ones (same file names as
    /// patterns/ in the source tree, e.g. agencies.tsv).
    #[arg(long, global = true, value_name = "DIR")]
    patterns: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Process plan files into documents.csv, targets.csv, assignments.csv and
    /// comparison.csv.
    #[command(
        after_help = "Examples:\n  planmine run                      ./corpus -> ./output\n  planmine run a/ b.txt -o out --bom\n  planmine run plans/ --xlsx plans.xlsx   also write an Excel workbook\n\nExit code: 0 every file ok or warning, 1 some file failed (see documents.csv), 2 usage or output error."
    )]
    Run(RunArgs),
    /// Print a file's normalized text, one paragraph per line.
    #[command(after_help = "Example:\n  planmine normalize corpus/ha-noi_2024.txt --fixes")]
    Normalize {
        /// The plan file (.txt or .md, any supported encoding).
        file: PathBuf,
        /// Also print the repair log (kind:count) to stderr.
        #[arg(long)]
        fixes: bool,
        /// Prefix each paragraph with its source line number.
        #[arg(long)]
        lines: bool,
    },
    /// Score an output folder against a gold folder (SPEC "Gold set and
    /// scoring"): F1, strict F1, field accuracy, assignments F1, documents
    /// fields, per document, with every miss listed.
    #[command(
        after_help = "Examples:\n  planmine eval --gold tests/gold                 score ./output\n  planmine eval --gold ../shared/gold -o out --json\n\nOnly documents present in the gold files are scored."
    )]
    Eval {
        /// Folder with the gold targets.csv, documents.csv, assignments.csv.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// Output folder of a `planmine run` to score.
        #[arg(short, long, default_value = "output", value_name = "DIR")]
        output: PathBuf,
        /// Print the scores and misses as JSON instead of the report.
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic corpus for benchmarks: plans derived from the
    /// templates with numbers, years, place names and wrapping varied.
    #[command(
        after_help = "Example:\n  planmine synth --out /tmp/synth --mb 500 --seed 1\n\nThe same seed gives the same files; no two files are identical."
    )]
    Synth {
        /// Folder to create (must be missing or empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Total size to write, in megabytes (10^6 bytes).
        #[arg(long, default_value_t = 100.0, value_name = "N")]
        mb: f64,
        /// Seed of the series.
        #[arg(long, default_value_t = 1, value_name = "S")]
        seed: u64,
        /// Folder of template plans (.txt/.md).
        #[arg(long, default_value = "corpus", value_name = "DIR")]
        from: PathBuf,
    },
    /// Print a file's section outline: path, kinds, line and heading.
    #[command(after_help = "Example:\n  planmine outline corpus/ha-noi_2024.txt --json")]
    Outline {
        /// The plan file.
        file: PathBuf,
        /// Print JSON for tools instead of the indented tree.
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
struct RunArgs {
    /// Files or folders to process (folders recursively, .txt and .md).
    #[arg(default_value = "corpus")]
    paths: Vec<PathBuf>,
    /// Output folder (created if missing; files replaced atomically).
    #[arg(short, long, default_value = "output")]
    output: PathBuf,
    /// Largest file to read, in bytes; larger files get an error row.
    #[arg(long, default_value_t = DEFAULT_MAX_SIZE, value_name = "BYTES")]
    max_size: u64,
    /// Start every CSV with a UTF-8 byte-order mark so Excel shows Vietnamese.
    #[arg(long)]
    bom: bool,
    /// Also write the four tables as one Excel workbook (bold frozen header,
    /// autofilter, numbers as numbers).
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    quiet: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match real_main(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("planmine: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn load_patterns(dir: &Option<PathBuf>) -> anyhow::Result<Patterns> {
    let source = match dir {
        Some(d) => {
            if !d.is_dir() {
                anyhow::bail!("--patterns {}: not a folder", d.display());
            }
            Source::dir(d)
        }
        None => Source::builtin(),
    };
    Ok(Patterns::load(&source)?)
}

fn read_text(file: &PathBuf, patterns: &Patterns) -> anyhow::Result<String> {
    let bytes =
        std::fs::read(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let d = planmine::decode::decode(&bytes, &patterns.legacy)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    Ok(d.text)
}

fn real_main(cli: Cli) -> anyhow::Result<u8> {
    let patterns = load_patterns(&cli.patterns)?;
    let command = cli.command.unwrap_or(Command::Run(RunArgs {
        paths: vec![PathBuf::from("corpus")],
        output: PathBuf::from("output"),
        max_size: DEFAULT_MAX_SIZE,
        bom: false,
        xlsx: None,
        quiet: false,
        threads: None,
    }));
    let mut out = std::io::stdout().lock();
    match command {
        Command::Run(a) => {
            if let Some(n) = a.threads {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global()?;
            }
            let config = Config {
                inputs: a.paths,
                output: a.output,
                max_size: a.max_size,
                bom: a.bom,
                xlsx: a.xlsx,
                progress: !a.quiet,
            };
            let summary = pipeline::run(&config, &patterns)?;
            if !a.quiet {
                eprintln!("{}", summary.line());
            }
            Ok(if summary.error > 0 { 1 } else { 0 })
        }
        Command::Normalize { file, fixes, lines } => {
            let text = read_text(&file, &patterns)?;
            let norm = planmine::normalize::normalize(&text, &patterns.repairs);
            for p in &norm.paragraphs {
                if lines {
                    writeln!(out, "{}\t{}", p.line, p.text)?;
                } else {
                    writeln!(out, "{}", p.text)?;
                }
            }
            out.flush()?;
            if fixes {
                for (k, n) in norm.fixes.iter() {
                    eprintln!("{k}\t{n}");
                }
            }
            Ok(0)
        }
        Command::Eval { gold, output, json } => {
            let scores = planmine::eval::score(&gold, &output)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &scores)?;
                writeln!(out)?;
            } else {
                write!(out, "{}", planmine::eval::render(&scores))?;
            }
            out.flush()?;
            Ok(0)
        }
        Command::Synth {
            out: dir,
            mb,
            seed,
            from,
        } => {
            let templates = planmine::synth::load_templates(&from, &patterns)
                .map_err(|e| anyhow::anyhow!("{}: {e}", from.display()))?;
            let synth = planmine::synth::Synth::new(templates, &patterns);
            let w = planmine::synth::write_corpus(&dir, mb, seed, &synth)
                .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
            eprintln!(
                "{} files, {:.1} MB written to {}",
                w.files,
                w.bytes as f64 / 1e6,
                dir.display()
            );
            Ok(0)
        }
        Command::Outline { file, json } => {
            let text = read_text(&file, &patterns)?;
            let norm = planmine::normalize::normalize(&text, &patterns.repairs);
            let outline = planmine::segment::segment(&norm, &patterns.sections);
            if json {
                serde_json::to_writer_pretty(&mut out, &outline)?;
                writeln!(out)?;
            } else {
                write!(out, "{}", planmine::segment::render(&outline))?;
            }
            out.flush()?;
            Ok(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::{GlobalAlloc, Layout};

    /// The option index is that of the linked mimalloc's purge delay: its
    /// default is the one mimalloc's `options.c` sets, 1000 ms. (The test
    /// binary never calls `tune_allocator`.)
    #[test]
    fn allocator_option_index_names_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reads one option of the linked allocator.
            assert_eq!(
                unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
                1000
            );
        }
    }

    /// Blocks from the plain entry points have the alignment asked for, for
    /// every small size class and some large sizes, also after frees and
    /// reallocations have mixed the free lists.
    #[test]
    fn plain_blocks_are_aligned() {
        let mut live = Vec::new();
        for round in 0..4 {
            for align in [1usize, 2, 4, 8, 16] {
                let small = (1..=1024).map(|k| k * align);
                let large = [3000, 4096, 10_000, 65_536, 1 << 20].map(|k| k + round);
                for size in small.chain(large) {
                    let size = size.next_multiple_of(align);
                    let layout = Layout::from_size_align(size, align).unwrap();
                    // SAFETY: non-zero size; every block is freed below.
                    let p = unsafe { GLOBAL.alloc(layout) };
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    let grown = size * 2 + round;
                    // SAFETY: `p` is live with `layout`; non-zero new size.
                    let q = unsafe { GLOBAL.realloc(p, layout, grown) };
                    assert_eq!(q as usize % align, 0, "realloc {grown} align {align}");
                    live.push((q, Layout::from_size_align(grown, align).unwrap()));
                }
            }
            // Free every other block so the next round reuses them.
            let mut keep = Vec::new();
            for (k, (p, l)) in live.drain(..).enumerate() {
                if k % 2 == 0 {
                    // SAFETY: `p` is live with layout `l`.
                    unsafe { GLOBAL.dealloc(p, l) };
                } else {
                    keep.push((p, l));
                }
            }
            live = keep;
        }
        for (p, l) in live {
            // SAFETY: `p` is live with layout `l`.
            unsafe { GLOBAL.dealloc(p, l) };
        }
        // Alignments above 16 take the aligned calls.
        let layout = Layout::from_size_align(64, 64).unwrap();
        // SAFETY: non-zero size; freed at once.
        let p = unsafe { GLOBAL.alloc_zeroed(layout) };
        assert_eq!(p as usize % 64, 0);
        // SAFETY: `p` is live with `layout`.
        unsafe { GLOBAL.dealloc(p, layout) };
    }
}
