//! The gold score of the targets on the five sample plans, with floors that
//! only go up (SPEC "Gold set and scoring", scored by [`planmine::eval`]).

use std::path::{Path, PathBuf};

use planmine::patterns::Patterns;

/// Floors reached on the samples (raise them as scores rise; never lower).
const F1: f64 = 1.0;
const STRICT_F1: f64 = 1.0;
const INDICATOR: f64 = 1.0;
const COMPARATOR: f64 = 1.0;
const PERIOD: f64 = 1.0;
const LEAD_AGENCY: f64 = 1.0;

fn scores() -> planmine::eval::Scores {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let config = planmine::Config {
        inputs: vec![root.join("corpus")],
        output: PathBuf::from(out.path()),
        ..planmine::Config::default()
    };
    planmine::run(&config, Patterns::builtin()).unwrap();
    planmine::eval::score(&root.join("tests/gold"), out.path()).unwrap()
}

#[test]
fn gold_target_scores_hold_their_floors() {
    let s = scores();
    let o = &s.overall;
    let mut report = String::new();
    for d in &s.per_document {
        report.push_str(&format!(
            "{:<30} F1 {:.3} strict {:.3} ind {:.3} cmp {:.3} period {:.3} lead {:.3}\n",
            d.doc_id,
            d.targets.f1(),
            d.strict.f1(),
            d.indicator.share(),
            d.comparator.share(),
            d.period.share(),
            d.lead_agency.share()
        ));
    }
    for m in s.misses.iter().filter(|m| {
        !matches!(
            m.kind,
            planmine::eval::MissKind::MissedAssignment
                | planmine::eval::MissKind::FalseAssignment
                | planmine::eval::MissKind::WrongDocumentField
        )
    }) {
        report.push_str(&format!(
            "  {} {}: {}\n",
            m.doc_id,
            m.kind.as_str(),
            m.detail
        ));
    }
    println!("{report}");
    let checks = [
        ("F1", o.targets.f1(), F1),
        ("strict F1", o.strict.f1(), STRICT_F1),
        ("indicator", o.indicator.share(), INDICATOR),
        ("comparator", o.comparator.share(), COMPARATOR),
        ("period", o.period.share(), PERIOD),
        ("lead agency", o.lead_agency.share(), LEAD_AGENCY),
    ];
    for (name, got, floor) in checks {
        assert!(
            got + 1e-9 >= floor,
            "{name} {got:.3} below its floor {floor:.3}\n{report}"
        );
    }
}

/// Prints every raw statement (before merging) of the file named by
/// `PLANMINE_DEBUG_FILE`: `cargo test --test gold_targets -- --ignored --nocapture`.
#[test]
#[ignore]
fn debug_raw_targets() {
    let Ok(file) = std::env::var("PLANMINE_DEBUG_FILE") else {
        return;
    };
    let bytes = std::fs::read(&file).unwrap();
    let p = Patterns::builtin();
    let d = planmine::decode::decode(&bytes, &p.legacy).unwrap();
    let norm = planmine::normalize::normalize(&d.text, &p.repairs);
    let outline = planmine::segment::segment(&norm, &p.sections);
    let meta = planmine::extract::metadata::extract(&norm, &outline, p);
    let doc = planmine::extract::Doc {
        norm: &norm,
        outline: &outline,
        meta: &meta,
    };
    for t in planmine::extract::targets::extract(&doc, p) {
        println!(
            "L{} {:?} q{} {} {} {} {} {} {:?} lead={:?} coord={:?} subj=«{}» text=«{}»",
            t.line,
            t.origin,
            t.quantity,
            t.value,
            t.unit.as_str(),
            t.comparator.as_str(),
            t.change.as_str(),
            t.period,
            t.indicator,
            t.lead_agency,
            t.coordinating_agencies,
            t.subject,
            t.text
        );
    }
}
