//! The committed `output/` is the result for `corpus/`: any change in
//! behaviour shows up as a reviewable diff of output/. When this fails on
//! purpose, regenerate with `cargo run --release` and review the diff.

use std::path::Path;
use std::process::Command;

#[test]
fn output_folder_is_the_result_for_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let d = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_planmine"))
        .current_dir(root)
        .args(["run", "corpus", "-q", "-o"])
        .arg(d.path())
        .output()
        .unwrap();
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut stale = Vec::new();
    for f in [
        "documents.csv",
        "targets.csv",
        "assignments.csv",
        "comparison.csv",
    ] {
        let want = std::fs::read(root.join("output").join(f)).unwrap_or_default();
        let got = std::fs::read(d.path().join(f)).unwrap();
        if want != got {
            let w = String::from_utf8_lossy(&want);
            let g = String::from_utf8_lossy(&got);
            let first = w
                .lines()
                .zip(g.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| w.lines().count().min(g.lines().count()));
            let (a, b) = (
                w.lines().nth(first).unwrap_or("<end>"),
                g.lines().nth(first).unwrap_or("<end>"),
            );
            stale.push(format!(
                "output/{f}: first difference at line {}\n  committed: {}\n  now:       {}",
                first + 1,
                around(a, b),
                around(b, a)
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "output/ is stale: regenerate with `cargo run --release` and review the diff of output/\n{}",
        stale.join("\n")
    );
}

/// `a` from a little before the first char where it differs from `b`.
fn around(a: &str, b: &str) -> String {
    let at = a
        .chars()
        .zip(b.chars())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.chars().count().min(b.chars().count()));
    let from = at.saturating_sub(30);
    let s: String = a.chars().skip(from).take(100).collect();
    if from > 0 {
        format!("…{s}")
    } else {
        s
    }
}
