//! The data files of `patterns/` are well-formed: every built-in file parses,
//! rows are sorted and unique, keys are the keys of SPEC.md and nothing else,
//! and the gazetteer has the provinces of both eras.

use std::collections::{BTreeSet, HashMap};

use planmine::patterns::{Patterns, Source, Table, BUILTIN};

fn table(name: &str) -> Table {
    Source::builtin().table(name).unwrap()
}

#[test]
fn builtin_patterns_load() {
    Patterns::load(&Source::builtin()).unwrap();
}

#[test]
fn every_file_has_a_documented_header() {
    for (name, text) in BUILTIN {
        let comments = text.lines().take_while(|l| l.starts_with('#')).count();
        assert!(
            comments >= 3,
            "{name}: needs a header saying what, source, how to add a row"
        );
        let header: String = text
            .lines()
            .take(comments)
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        assert!(header.contains("source"), "{name}: header names no source");
    }
}

#[test]
fn patterns_are_sorted_and_unique() {
    for (name, text) in BUILTIN {
        if *name == "gazetteer.tsv" {
            continue; // its own order, checked below
        }
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .collect();
        for w in rows.windows(2) {
            assert!(
                w[0] < w[1],
                "{name}: not sorted or duplicated at\n  {}\n  {}",
                w[0],
                w[1]
            );
        }
    }
}

#[test]
fn first_columns_that_are_keys_are_unique() {
    for (name, col) in [
        ("repairs.tsv", "from"),
        ("sections.tsv", "cue"),
        ("issuers.tsv", "form"),
        ("indicator_keys.tsv", "key"),
    ] {
        let t = table(name);
        let c = t.col(col).unwrap();
        let mut seen = BTreeSet::new();
        for r in &t.rows {
            assert!(
                seen.insert(t.get(r, c).to_string()),
                "{name}: `{}` twice",
                t.get(r, c)
            );
        }
    }
}

/// SPEC.md from the shared folder beside the project (CI has it).
fn spec() -> Option<String> {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/SPEC.md");
    std::fs::read_to_string(p).ok()
}

/// The indicator keys of SPEC's table, with `a / _b` shorthand expanded.
fn spec_indicator_keys(spec: &str) -> BTreeSet<String> {
    let start = spec
        .find("Indicator keys:")
        .expect("SPEC has indicator keys");
    let mut keys = BTreeSet::new();
    for line in spec[start..].lines().skip(1) {
        if line.starts_with("| key") || line.starts_with("|---") || line.trim().is_empty() {
            if keys.is_empty() {
                continue;
            }
            if line.trim().is_empty() {
                break;
            }
            continue;
        }
        let Some(cell) = line.split('|').nth(1) else {
            break;
        };
        let parts: Vec<&str> = cell.split('/').map(|p| p.trim()).collect();
        let first = parts[0].to_string();
        keys.insert(first.clone());
        for p in &parts[1..] {
            if let Some(suffix) = p.strip_prefix('_') {
                let base = &first[..first.rfind('_').unwrap()];
                keys.insert(format!("{base}_{suffix}"));
            } else {
                keys.insert(p.to_string());
            }
        }
    }
    keys
}

fn spec_agency_keys(spec: &str) -> BTreeSet<String> {
    let start = spec.find("Agency keys:").expect("SPEC has agency keys");
    let para: String = spec[start + "Agency keys:".len()..]
        .split("\n\n")
        .next()
        .unwrap()
        .to_string();
    // Keys are the snake_case identifiers; parenthesised glosses are not.
    let mut depth = 0;
    let mut clean = String::new();
    for c in para.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if depth == 0 => clean.push(c),
            _ => {}
        }
    }
    clean
        .split([',', '.', '\n', ' '])
        .map(|s| s.trim())
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(|s| s.to_string())
        .collect()
}

#[test]
fn indicator_keys_are_spec_keys() {
    let Some(spec) = spec() else {
        eprintln!("../shared/SPEC.md not found: key check skipped");
        return;
    };
    let want = spec_indicator_keys(&spec);
    assert_eq!(want.len(), 30, "{want:?}");
    let t = table("indicator_keys.tsv");
    let have: BTreeSet<String> = t.rows.iter().map(|r| t.get(r, 0).to_string()).collect();
    assert_eq!(have, want);
    let cues = table("indicators.tsv");
    let c = cues.col("indicator").unwrap();
    for r in &cues.rows {
        assert!(
            want.contains(cues.get(r, c)),
            "indicators.tsv:{}: unknown key {}",
            r.line,
            cues.get(r, c)
        );
    }
}

#[test]
fn agency_keys_are_spec_keys() {
    let Some(spec) = spec() else {
        eprintln!("../shared/SPEC.md not found: key check skipped");
        return;
    };
    let want = spec_agency_keys(&spec);
    assert_eq!(want.len(), 33, "{want:?}");
    let t = table("agencies.tsv");
    let c = t.col("key").unwrap();
    let have: BTreeSet<String> = t
        .rows
        .iter()
        .map(|r| t.get(r, c).to_string())
        .filter(|k| k != "-")
        .collect();
    for k in &have {
        assert!(want.contains(k), "agencies.tsv has a key not in SPEC: {k}");
    }
    for k in &want {
        assert!(have.contains(k), "agencies.tsv lacks SPEC key {k}");
    }
}

#[test]
fn gazetteer_is_sorted_and_complete() {
    let t = table("gazetteer.tsv");
    let cols: Vec<usize> = ["level", "era", "province", "district", "type", "name"]
        .iter()
        .map(|c| t.col(c).unwrap())
        .collect();
    let key = |r: &planmine::patterns::tsv::Row| -> Vec<String> {
        cols.iter().map(|&c| t.get(r, c).to_string()).collect()
    };
    for w in t.rows.windows(2) {
        assert!(
            key(&w[0]) < key(&w[1]) || w[0].cells != w[1].cells && key(&w[0]) <= key(&w[1]),
            "gazetteer.tsv:{}: out of order",
            w[1].line
        );
        assert_ne!(
            w[0].cells, w[1].cells,
            "gazetteer.tsv:{}: duplicate",
            w[1].line
        );
    }
    let mut provinces: HashMap<&str, usize> = HashMap::new();
    let (cl, ce) = (t.col("level").unwrap(), t.col("era").unwrap());
    for r in &t.rows {
        if t.get(r, cl) == "province" {
            *provinces.entry(t.get(r, ce)).or_default() += 1;
        }
    }
    assert_eq!(provinces.get("old"), Some(&63));
    assert_eq!(provinces.get("new"), Some(&34));
}
