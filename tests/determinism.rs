//! Same input, same bytes: whatever the thread count, and whatever the order
//! or grouping of the input paths (doc_ids are relative to each given root).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const FILES: [&str; 5] = [
    "documents.csv",
    "targets.csv",
    "assignments.csv",
    "comparison.csv",
    "book.xlsx",
];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn corpus_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

/// Runs `planmine run ARGS -o OUT --xlsx OUT/book.xlsx` in `cwd` and returns
/// the bytes of every output file.
fn run(cwd: &Path, args: &[&str], out: &Path, threads: Option<&str>) -> Vec<Vec<u8>> {
    let mut c = Command::new(env!("CARGO_BIN_EXE_planmine"));
    c.current_dir(cwd)
        .arg("run")
        .args(args)
        .arg("-o")
        .arg(out)
        .arg("-q")
        .arg("--xlsx")
        .arg(out.join("book.xlsx"));
    match threads {
        Some(n) => c.env("RAYON_NUM_THREADS", n),
        None => c.env_remove("RAYON_NUM_THREADS"),
    };
    let o = c.output().unwrap();
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    FILES
        .iter()
        .map(|f| fs::read(out.join(f)).unwrap())
        .collect()
}

fn assert_same(a: &[Vec<u8>], b: &[Vec<u8>], what: &str) {
    for ((x, y), f) in a.iter().zip(b).zip(FILES) {
        assert!(x == y, "{f} differs: {what}");
    }
}

#[test]
fn thread_count_does_not_change_bytes() {
    let d = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let one = run(root, &["corpus"], &d.path().join("one"), Some("1"));
    let all = run(root, &["corpus"], &d.path().join("all"), None);
    let four = run(root, &["corpus"], &d.path().join("four"), Some("4"));
    assert_same(&one, &all, "RAYON_NUM_THREADS=1 vs default");
    assert_same(&one, &four, "RAYON_NUM_THREADS=1 vs 4");
}

#[test]
fn input_order_does_not_change_bytes() {
    let d = tempfile::tempdir().unwrap();
    // The corpus split over two folders, given in either order.
    let files = corpus_files();
    assert!(files.len() >= 2);
    for (i, f) in files.iter().enumerate() {
        let sub = if i % 2 == 0 { "a" } else { "b" };
        let dir = d.path().join(sub).join("nested");
        fs::create_dir_all(&dir).unwrap();
        fs::copy(f, dir.join(f.file_name().unwrap())).unwrap();
    }
    let ab = run(d.path(), &["a", "b"], &d.path().join("ab"), None);
    let ba = run(d.path(), &["b", "a"], &d.path().join("ba"), None);
    assert_same(&ab, &ba, "run a b vs run b a");
    let docs = String::from_utf8(ab[0].clone()).unwrap();
    assert!(
        docs.contains("\nnested/"),
        "doc_ids relative to each root:\n{docs}"
    );

    // Single files, in reverse order.
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    let fwd: Vec<&str> = names.iter().map(|s| s.trim_start_matches('/')).collect();
    let rev: Vec<&str> = fwd.iter().rev().copied().collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let x = run(root, &fwd, &d.path().join("fwd"), None);
    let y = run(root, &rev, &d.path().join("rev"), None);
    assert_same(&x, &y, "files in reverse order");
    // A folder and the same files named one by one give the same rows.
    let folder = run(root, &["corpus"], &d.path().join("folder"), None);
    assert_same(
        &x[1..],
        &folder[1..],
        "folder vs files (targets, assignments, comparison, book)",
    );
}
