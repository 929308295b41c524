//! `--patterns DIR` replaces built-in data files by name; a malformed file is
//! a usage error that names the file and line.

use std::process::Command;

fn planmine() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planmine"))
}

#[test]
fn a_file_in_the_patterns_folder_replaces_the_builtin_one() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.txt");
    std::fs::write(&plan, "Thƣờng trực ☆ Ban Chỉ đạo.\n").unwrap();
    // Built in: the look-alike is repaired, the star is left alone.
    let out = planmine().arg("normalize").arg(&plan).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Thường trực ☆ Ban Chỉ đạo.\n"
    );
    // Override: a repairs table that only turns the star into a bullet.
    let pats = dir.path().join("pats");
    std::fs::create_dir(&pats).unwrap();
    std::fs::write(
        pats.join("repairs.tsv"),
        "# test repairs\n# source: this test\n# add rows as from, to, kind\nfrom\tto\tkind\nU+2606\t-\tbullet\n",
    )
    .unwrap();
    let out = planmine()
        .arg("--patterns")
        .arg(&pats)
        .arg("normalize")
        .arg(&plan)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Thƣờng trực - Ban Chỉ đạo.\n"
    );
}

#[test]
fn a_malformed_override_is_a_usage_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sections.tsv"),
        "kind\tcue\nnot_a_kind\tchỉ tiêu\n",
    )
    .unwrap();
    let out = planmine()
        .arg("--patterns")
        .arg(dir.path())
        .args(["run", "-q", "-o"])
        .arg(dir.path().join("out"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sections.tsv:2") && err.contains("not_a_kind"),
        "{err}"
    );
}

#[test]
fn a_missing_patterns_folder_is_a_usage_error() {
    let out = planmine()
        .args([
            "--patterns",
            "/nonexistent/planmine-patterns",
            "outline",
            "x.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
