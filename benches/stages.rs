//! Per-stage benchmarks over the sample plans in `corpus/`: decode, normalize,
//! segment, metadata, targets, assignments, and writing the four CSV files.
//! Each stage gets the previous stages' output prepared in advance, so a
//! figure is the cost of that stage alone; throughput is in bytes of input.
//!
//! Run: `cargo bench --bench stages` (one stage: `cargo bench --bench stages
//! -- assignments`). Whole-run figures: `scripts/bench.sh`.

use std::path::PathBuf;

use divan::counter::BytesCount;
use divan::Bencher;

use planmine::extract::{assignments, metadata, targets, Doc, Metadata};
use planmine::normalize::Normalized;
use planmine::patterns::Patterns;
use planmine::segment::Outline;
use planmine::{decode, merge, normalize, pipeline, segment};

fn main() {
    divan::main();
}

/// The sample files' bytes, sorted by name.
fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read(&p).unwrap())
        })
        .collect()
}

fn total(s: &[(String, Vec<u8>)]) -> BytesCount {
    BytesCount::new(s.iter().map(|(_, b)| b.len()).sum::<usize>())
}

/// Every stage's output for every sample.
struct Prepared {
    bytes: usize,
    texts: Vec<String>,
    norms: Vec<Normalized>,
    outlines: Vec<Outline>,
    metas: Vec<Metadata>,
}

fn prepare(p: &Patterns) -> Prepared {
    let s = samples();
    let bytes = s.iter().map(|(_, b)| b.len()).sum();
    let texts: Vec<String> = s
        .iter()
        .map(|(_, b)| decode::decode(b, &p.legacy).unwrap().text)
        .collect();
    let norms: Vec<Normalized> = texts
        .iter()
        .map(|t| normalize::normalize(t, &p.repairs))
        .collect();
    let outlines: Vec<Outline> = norms
        .iter()
        .map(|n| segment::segment(n, &p.sections))
        .collect();
    let metas = norms
        .iter()
        .zip(&outlines)
        .map(|(n, o)| metadata::extract(n, o, p))
        .collect();
    Prepared {
        bytes,
        texts,
        norms,
        outlines,
        metas,
    }
}

fn docs(x: &Prepared) -> impl Iterator<Item = Doc<'_>> {
    x.norms
        .iter()
        .zip(&x.outlines)
        .zip(&x.metas)
        .map(|((norm, outline), meta)| Doc {
            norm,
            outline,
            meta,
        })
}

#[divan::bench]
fn decode(b: Bencher) {
    let p = Patterns::builtin();
    let s = samples();
    b.counter(total(&s)).bench(|| {
        for (_, bytes) in &s {
            divan::black_box(decode::decode(bytes, &p.legacy).ok());
        }
    });
}

#[divan::bench]
fn normalize(b: Bencher) {
    let p = Patterns::builtin();
    let x = prepare(p);
    b.counter(BytesCount::new(x.bytes)).bench(|| {
        for t in &x.texts {
            divan::black_box(normalize::normalize(t, &p.repairs));
        }
    });
}

#[divan::bench]
fn segment(b: Bencher) {
    let p = Patterns::builtin();
    let x = prepare(p);
    b.counter(BytesCount::new(x.bytes)).bench(|| {
        for n in &x.norms {
            divan::black_box(segment::segment(n, &p.sections));
        }
    });
}

#[divan::bench]
fn metadata(b: Bencher) {
    let p = Patterns::builtin();
    let x = prepare(p);
    b.counter(BytesCount::new(x.bytes)).bench(|| {
        for (n, o) in x.norms.iter().zip(&x.outlines) {
            divan::black_box(metadata::extract(n, o, p));
        }
    });
}

#[divan::bench]
fn targets(b: Bencher) {
    let p = Patterns::builtin();
    let x = prepare(p);
    b.counter(BytesCount::new(x.bytes)).bench(|| {
        for d in docs(&x) {
            divan::black_box(targets::extract(&d, p));
        }
    });
}

#[divan::bench]
fn assignments(b: Bencher) {
    let p = Patterns::builtin();
    let x = prepare(p);
    b.counter(BytesCount::new(x.bytes)).bench(|| {
        for d in docs(&x) {
            divan::black_box(assignments::extract(&d, p));
        }
    });
}

#[divan::bench]
fn merge(b: Bencher) {
    let p = Patterns::builtin();
    let x = prepare(p);
    let found: Vec<_> = docs(&x)
        .map(|d| (targets::extract(&d, p), assignments::extract(&d, p)))
        .collect();
    b.counter(BytesCount::new(x.bytes)).bench(|| {
        for (t, a) in &found {
            divan::black_box(merge::merge(t.clone(), a));
        }
    });
}

/// What a run does after the analysis: each document's records serialized
/// and its comparison column taken, streamed to temporary files, then
/// comparison.csv and the atomic renames (the run's [`pipeline::Sink`]).
#[divan::bench]
fn write(b: Bencher) {
    let p = Patterns::builtin();
    let s = samples();
    let results: Vec<_> = s
        .iter()
        .map(|(id, bytes)| pipeline::process_bytes(id.clone(), id.clone(), bytes, p))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    b.counter(total(&s))
        .with_inputs(|| results.clone())
        .bench_values(|results| {
            let mut sink = pipeline::Sink::create(dir.path(), false).unwrap();
            let done = results.into_iter().map(|r| pipeline::Done::of(r, false));
            sink.take(done.collect()).unwrap();
            sink.finish(dir.path(), None, p).unwrap()
        });
}

/// All stages but writing, one document after the other.
#[divan::bench]
fn whole_document(b: Bencher) {
    let p = Patterns::builtin();
    let s = samples();
    b.counter(total(&s)).bench(|| {
        for (id, bytes) in &s {
            divan::black_box(pipeline::process_bytes(id.clone(), id.clone(), bytes, p));
        }
    });
}
