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

/// `planmine --patterns DIR run DIR`, which must stop with a usage error
/// (exit 2); its message.
fn usage_error_of_override(dir: &std::path::Path) -> String {
    let out = planmine()
        .arg("--patterns")
        .arg(dir)
        .args(["run", "-q", "-o"])
        .arg(dir.join("out"))
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_malformed_override_is_a_usage_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sections.tsv"),
        "kind\tcue\nnot_a_kind\tchỉ tiêu\n",
    )
    .unwrap();
    let err = usage_error_of_override(dir.path());
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

/// The built-in indicator_keys.tsv, with `edit` applied to its text.
fn indicator_keys_with(edit: impl Fn(&str) -> String) -> String {
    edit(include_str!("../patterns/indicator_keys.tsv"))
}

#[test]
fn an_indicator_keys_override_gives_comparison_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let pats = dir.path().join("pats");
    std::fs::create_dir(&pats).unwrap();
    std::fs::write(
        pats.join("indicator_keys.tsv"),
        indicator_keys_with(|t| {
            t.replace(
                "Communes with their own plan",
                "Communes that issued a plan of their own",
            )
        }),
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let out = planmine()
        .arg("--patterns")
        .arg(&pats)
        .args(["run", "-q", "-o"])
        .arg(&out_dir)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cmp = std::fs::read_to_string(out_dir.join("comparison.csv")).unwrap();
    assert!(cmp.contains("communes_with_plan,Communes that issued a plan of their own,"));
    assert!(!cmp.contains("Communes with their own plan"));
}

#[test]
fn an_indicator_key_missing_from_indicator_keys_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("indicator_keys.tsv"),
        indicator_keys_with(|t| {
            t.lines()
                .filter(|l| !l.starts_with("communes_with_plan\t"))
                .map(|l| format!("{l}\n"))
                .collect()
        }),
    )
    .unwrap();
    let err = usage_error_of_override(dir.path());
    assert!(
        err.contains("indicator_keys.tsv") && err.contains("communes_with_plan"),
        "{err}"
    );
}
