//! Floor test: assignments of the five sample plans against
//! tests/gold/assignments.csv, scored as SPEC says — F1 over the set of
//! (document, agency, role) for roles lead, assigned and requested (rows with
//! an empty agency and coordinating rows are not scored) — and the lead found
//! in every document. Prints the score per document; run with `--nocapture`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use planmine::decode;
use planmine::patterns::Patterns;

const ROLES: [&str; 3] = ["lead", "assigned", "requested"];

/// Overall F1 the samples must keep (1.0 reached when written; one miss in
/// the 66 gold rows still passes).
const F1_FLOOR: f64 = 0.98;

type Pairs = BTreeSet<(String, String)>;

fn gold() -> BTreeMap<String, Pairs> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut r = csv::Reader::from_path(root.join("tests/gold/assignments.csv")).unwrap();
    let mut out: BTreeMap<String, Pairs> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let (doc, agency, role) = (&rec[0], &rec[1], &rec[2]);
        if !agency.is_empty() && ROLES.contains(&role) {
            out.entry(doc.to_string())
                .or_default()
                .insert((agency.to_string(), role.to_string()));
        }
    }
    out
}

fn found(doc_id: &str) -> Pairs {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let p = Patterns::builtin();
    let path = ["txt", "md"]
        .iter()
        .map(|e| root.join("corpus").join(format!("{doc_id}.{e}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("no corpus file for {doc_id}"));
    let bytes = std::fs::read(path).unwrap();
    let text = decode::decode(&bytes, &p.legacy).unwrap().text;
    let a = planmine::analyze(&text, p);
    a.assignments
        .iter()
        .filter_map(|r| {
            let agency = r.agency.clone()?;
            let role = r.role.as_str();
            ROLES.contains(&role).then(|| (agency, role.to_string()))
        })
        .collect()
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    if tp == 0 {
        return 0.0;
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    2.0 * p * r / (p + r)
}

#[test]
fn assignments_meet_the_gold_floor() {
    let gold = gold();
    assert_eq!(gold.len(), 5, "five sample plans in the gold set");
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut leads = 0;
    for (doc, g) in &gold {
        let f = found(doc);
        let t = g.intersection(&f).count();
        let (p, n) = (f.difference(g).count(), g.difference(&f).count());
        tp += t;
        fp += p;
        fn_ += n;
        let gold_lead = g.iter().find(|x| x.1 == "lead");
        let found_leads: Vec<_> = f.iter().filter(|x| x.1 == "lead").collect();
        if gold_lead.is_some() && found_leads == vec![gold_lead.unwrap()] {
            leads += 1;
        }
        println!(
            "{doc}: F1 {:.3} ({t} right, {p} false {:?}, {n} missed {:?})",
            f1(t, p, n),
            f.difference(g).collect::<Vec<_>>(),
            g.difference(&f).collect::<Vec<_>>()
        );
    }
    let overall = f1(tp, fp, fn_);
    println!(
        "overall: F1 {overall:.3}; lead right in {leads} of {}",
        gold.len()
    );
    assert!(
        overall >= F1_FLOOR,
        "assignments F1 {overall:.3} < {F1_FLOOR}"
    );
    assert_eq!(leads, gold.len(), "the lead of every sample plan");
}
