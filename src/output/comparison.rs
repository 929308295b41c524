//! comparison.csv: targets side by side, one row per indicator (key and English
//! description, in the order of `patterns/indicator_keys.tsv`), one column per
//! processed document (`Locality (year)` or `Locality (2026-2030)`), documents
//! ordered alphabetically by province, locality, then year. A cell joins that
//! document's distinct figures for the indicator with `; ` (`≥20%`, `>95%`, `2460`,
//! `≥3% increase`; in a multi-year plan each followed by its period).

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

/// A key that orders Vietnamese names alphabetically: letters without their
/// marks first (`đ` right after `d`), then the folded name to break ties.
/// Plain byte order would put `Đà Nẵng` after `Yên Bái`.
pub fn sort_key(name: &str) -> (Vec<u32>, String) {
    use unicode_normalization::UnicodeNormalization;
    let folded = crate::normalize::fold(&name.nfc().collect::<String>());
    let mut key = Vec::with_capacity(folded.len());
    for c in folded.nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            'đ' => key.push('d' as u32 * 2 + 1),
            c => key.push(c as u32 * 2),
        }
    }
    (key, folded)
}

/// Header and rows of comparison.csv.
pub fn table(results: &[DocResult]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut docs: Vec<&DocResult> = results
        .iter()
        .filter(|r| r.status != Status::Error)
        .collect();
    docs.sort_by_cached_key(|d| {
        (
            sort_key(&d.meta.province),
            sort_key(&d.meta.locality),
            d.meta.year_start,
            d.meta.year_end,
            d.doc_id.clone(),
        )
    });
    let mut header = vec!["indicator".to_string(), "description".to_string()];
    let mut seen = std::collections::HashSet::new();
    for d in &docs {
        let name = if !d.meta.locality.is_empty() {
            d.meta.locality.clone()
        } else if !d.meta.issuer.is_empty() {
            d.meta.issuer.clone()
        } else {
            d.doc_id.clone()
        };
        let years = match (d.meta.year_start, d.meta.year_end) {
            (Some(a), Some(b)) if a != b => format!("{a}-{b}"),
            (Some(a), _) => a.to_string(),
            _ => "?".to_string(),
        };
        let mut h = format!("{name} ({years})");
        if !seen.insert(h.clone()) {
            // Two plans of one locality and period: name the file too.
            h = format!("{h} [{}]", d.doc_id);
        }
        header.push(h);
    }
    let mut cells: BTreeMap<&str, Vec<Vec<String>>> = BTreeMap::new();
    for (j, d) in docs.iter().enumerate() {
        let multi = d.meta.year_start != d.meta.year_end;
        for t in &d.targets {
            if let Some(ind) = &t.indicator {
                let c = cell(t, multi);
                let slot = &mut cells
                    .entry(ind.as_str())
                    .or_insert_with(|| vec![Vec::new(); docs.len()])[j];
                // One figure once per cell: a target restated elsewhere in the
                // plan adds nothing at a glance (targets.csv has every row).
                if !slot.contains(&c) {
                    slot.push(c);
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, province: &str, locality: &str, years: (i32, i32)) -> DocResult {
        let p = crate::patterns::Patterns::builtin();
        let mut d = crate::pipeline::process_bytes(id.into(), id.into(), b"", p);
        d.meta.province = province.into();
        d.meta.locality = locality.into();
        d.meta.year_start = Some(years.0);
        d.meta.year_end = Some(years.1);
        d.status = Status::Ok;
        d
    }

    #[test]
    fn columns_ordered_by_province_locality_year() {
        let docs = [
            doc("z", "Hải Phòng", "Lê Chân", (2026, 2030)),
            doc("y", "Hà Nội", "Hà Nội", (2024, 2024)),
            doc("x", "Đà Nẵng", "Hải Châu", (2023, 2023)),
            doc("w", "Hà Nội", "Hà Nội", (2023, 2023)),
            doc("v", "Hà Nội", "Hà Nội", (2023, 2023)),
            doc("u", "", "", (2022, 2022)),
        ];
        let (header, rows) = table(&docs);
        assert_eq!(
            header,
            [
                "indicator",
                "description",
                "u (2022)",
                "Hải Châu (2023)",
                "Hà Nội (2023)",
                "Hà Nội (2023) [w]",
                "Hà Nội (2024)",
                "Lê Chân (2026-2030)",
            ]
        );
        assert!(rows.iter().all(|r| r.len() == header.len()));
        assert_eq!(rows.len(), indicator_keys().len());
    }

    #[test]
    fn vietnamese_names_sort_alphabetically() {
        let mut v = vec![
            "Yên Bái",
            "Đà Nẵng",
            "Hà Nội",
            "Bắc Kạn",
            "Hải Phòng",
            "Hà Nam",
            "Dak Lak",
        ];
        v.sort_by_key(|s| sort_key(s));
        assert_eq!(
            v,
            [
                "Bắc Kạn",
                "Dak Lak",
                "Đà Nẵng",
                "Hà Nam",
                "Hà Nội",
                "Hải Phòng",
                "Yên Bái"
            ]
        );
    }
}
