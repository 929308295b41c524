//! Helpers for the unit tests.

/// The texts of every sample plan (`corpus/`) and holdout plan
/// (`tests/holdout/corpus/`), for tests that check a fast path against its
/// reference on real plans. Files that are not UTF-8 are left out.
pub(crate) fn plan_texts() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut out = Vec::new();
    for dir in ["corpus", "tests/holdout/corpus"] {
        for entry in walkdir::WalkDir::new(format!("{root}/{dir}")).sort_by_file_name() {
            let entry = entry.expect("a readable plans folder");
            if entry.file_type().is_file() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    out.push(text);
                }
            }
        }
    }
    assert!(out.len() >= 8, "sample and holdout plans not found");
    out
}
