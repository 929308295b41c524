//! The invariants every input must keep, shared by the proptest
//! (`tests/no_panic.rs`) and the fuzz target (`fuzz/fuzz_targets/pipeline.rs`,
//! which includes this file by path): decoding never panics; when it succeeds,
//! the stages never panic, every paragraph, target and assignment line lies
//! within the source text, and every target value is finite.

use planmine::patterns::Patterns;

/// Lines of `text` as the normalize stage counts them (`\n`-separated, a final
/// newline ends the last line rather than starting a new one).
pub fn source_lines(text: &str) -> usize {
    let n = text.split('\n').count();
    if text.ends_with('\n') {
        n - 1
    } else {
        n
    }
}

/// Runs decode -> normalize -> segment -> extract on `bytes` and checks the
/// invariants; `Err` says which one broke.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let patterns = Patterns::builtin();
    let Ok(decoded) = planmine::decode::decode(bytes, &patterns.legacy) else {
        return Ok(());
    };
    check_text(&decoded.text, patterns)
}

/// The stage invariants on already decoded text.
pub fn check_text(text: &str, patterns: &Patterns) -> Result<(), String> {
    let lines = source_lines(text).max(1);
    let a = planmine::analyze(text, patterns);
    if a.norm.source_lines > lines {
        return Err(format!(
            "normalize counts {} source lines, the text has {lines}",
            a.norm.source_lines
        ));
    }
    for p in &a.norm.paragraphs {
        if !(1..=lines).contains(&p.line) || p.end_line < p.line || p.end_line > lines {
            return Err(format!(
                "paragraph lines {}..{} outside 1..={lines}: {:?}",
                p.line, p.end_line, p.text
            ));
        }
    }
    for t in &a.targets {
        if !(1..=lines).contains(&t.line) {
            return Err(format!(
                "target line {} outside 1..={lines}: {:?}",
                t.line, t.text
            ));
        }
        if !t.value.is_finite() {
            return Err(format!("target value {} not finite: {:?}", t.value, t.text));
        }
    }
    for x in &a.assignments {
        if !(1..=lines).contains(&x.line) {
            return Err(format!(
                "assignment line {} outside 1..={lines}: {:?}",
                x.line, x.task
            ));
        }
    }
    Ok(())
}
