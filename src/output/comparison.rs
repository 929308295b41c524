//! comparison.csv: targets side by side, one row per indicator, one column per
//! document (`Locality (year)`), documents ordered by province, locality, year.

use std::collections::BTreeMap;

use crate::extract::{Change, Comparator, Target, Unit};
use crate::output::number;
use crate::pipeline::{DocResult, Status};

/// The indicator keys and their English descriptions, from
/// `patterns/indicator_keys.tsv`, in file order.
pub fn indicator_keys() -> Vec<(String, String)> {
    let t = crate::patterns::Table::parse(
        "patterns/indicator_keys.tsv",
        include_str!("../../patterns/indicator_keys.tsv"),
    )
    .expect("built-in indicator_keys.tsv parses");
    t.rows
        .iter()
        .map(|r| (t.get(r, 0).to_string(), t.get(r, 1).to_string()))
        .collect()
}

/// One target as a short cell: `≥20%`, `>95%`, `2460`, `≥3% increase`.
pub fn cell(t: &Target, multi_year: bool) -> String {
    let cmp = match t.comparator {
        Comparator::AtLeast => "≥",
        Comparator::MoreThan => ">",
        Comparator::Exactly => "",
        Comparator::AtMost => "≤",
        Comparator::LessThan => "<",
    };
    let unit = match t.unit {
        Unit::Percent => "%",
        Unit::Count => "",
    };
    let mut s = format!("{cmp}{}{unit}", number(t.value));
    match t.change {
        Change::Level => {}
        Change::Increase => s.push_str(" increase"),
        Change::Decrease => s.push_str(" decrease"),
    }
    if multi_year {
        s.push_str(&format!(" ({})", t.period));
    }
    s
}

/// Header and rows of comparison.csv.
pub fn table(results: &[DocResult]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut docs: Vec<&DocResult> = results
        .iter()
        .filter(|r| r.status != Status::Error)
        .collect();
    docs.sort_by(|a, b| {
        (
            &a.meta.province,
            &a.meta.locality,
            a.meta.year_start,
            a.meta.year_end,
            &a.doc_id,
        )
            .cmp(&(
                &b.meta.province,
                &b.meta.locality,
                b.meta.year_start,
                b.meta.year_end,
                &b.doc_id,
            ))
    });
    let mut header = vec!["indicator".to_string(), "description".to_string()];
    for d in &docs {
        let name = if d.meta.locality.is_empty() {
            d.doc_id.clone()
        } else {
            d.meta.locality.clone()
        };
        let years = match (d.meta.year_start, d.meta.year_end) {
            (Some(a), Some(b)) if a != b => format!("{a}-{b}"),
            (Some(a), _) => a.to_string(),
            _ => "?".to_string(),
        };
        header.push(format!("{name} ({years})"));
    }
    let mut cells: BTreeMap<&str, Vec<Vec<String>>> = BTreeMap::new();
    for (j, d) in docs.iter().enumerate() {
        let multi = d.meta.year_start != d.meta.year_end;
        for t in &d.targets {
            if let Some(ind) = &t.indicator {
                cells
                    .entry(ind.as_str())
                    .or_insert_with(|| vec![Vec::new(); docs.len()])[j]
                    .push(cell(t, multi));
            }
        }
    }
    let mut rows = Vec::new();
    for (key, desc) in indicator_keys() {
        let mut row = vec![key.clone(), desc];
        match cells.get(key.as_str()) {
            Some(c) => row.extend(c.iter().map(|v| v.join("; "))),
            None => row.extend(std::iter::repeat_n(String::new(), docs.len())),
        }
        rows.push(row);
    }
    (header, rows)
}
