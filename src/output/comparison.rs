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

/// What comparison.csv needs of one document: the parts of its column's
/// heading and its cells. A batch keeps one per document (not the document's
/// rows), so memory stays small whatever the corpus size.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    doc_id: String,
    province: String,
    locality: String,
    issuer: String,
    years: (Option<i32>, Option<i32>),
    /// Whether the document was read (an unread one gets no column).
    read: bool,
    /// Per indicator key, in the order the document first gives it: its
    /// distinct cells, in document order.
    cells: Vec<(String, Vec<String>)>,
}

impl Column {
    /// The column of one processed document.
    pub fn of(r: &DocResult) -> Column {
        let m = &r.meta;
        let multi = m.year_start != m.year_end;
        let mut cells: Vec<(String, Vec<String>)> = Vec::new();
        for t in &r.targets {
            let Some(ind) = &t.indicator else {
                continue;
            };
            let c = cell(t, multi);
            let slot = match cells.iter().position(|(k, _)| k == ind) {
                Some(k) => &mut cells[k].1,
                None => {
                    cells.push((ind.clone(), Vec::new()));
                    &mut cells.last_mut().expect("just pushed").1
                }
            };
            // One figure once per cell: a target restated elsewhere in the
            // plan adds nothing at a glance (targets.csv has every row).
            if !slot.contains(&c) {
                slot.push(c);
            }
        }
        Column {
            doc_id: r.doc_id.clone(),
            province: m.province.clone(),
            locality: m.locality.clone(),
            issuer: m.issuer.clone(),
            years: (m.year_start, m.year_end),
            read: r.status != Status::Error,
            cells,
        }
    }
}

/// Header and rows of comparison.csv from every document's [`Column`]:
/// one row per indicator of `keys` (key, description; see
/// [`crate::patterns::Patterns::indicator_keys`]), in their order.
pub fn table(columns: &[Column], keys: &[(String, String)]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut docs: Vec<&Column> = columns.iter().filter(|c| c.read).collect();
    docs.sort_by_cached_key(|d| {
        (
            sort_key(&d.province),
            sort_key(&d.locality),
            d.years.0,
            d.years.1,
            d.doc_id.clone(),
        )
    });
    let mut header = vec!["indicator".to_string(), "description".to_string()];
    let mut seen = std::collections::HashSet::new();
    for d in &docs {
        // The locality, else the issuer, else the file.
        let name = [&d.locality, &d.issuer, &d.doc_id]
            .into_iter()
            .find(|n| !n.is_empty())
            .unwrap_or(&d.doc_id);
        let years = match d.years {
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
    let mut cells: BTreeMap<&str, Vec<&[String]>> = BTreeMap::new();
    for (j, d) in docs.iter().enumerate() {
        for (ind, c) in &d.cells {
            cells
                .entry(ind.as_str())
                .or_insert_with(|| vec![&[][..]; docs.len()])[j] = c;
        }
    }
    let mut rows = Vec::new();
    for (key, desc) in keys {
        let mut row = vec![key.clone(), desc.clone()];
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
        let columns: Vec<Column> = docs.iter().map(Column::of).collect();
        let keys = &crate::patterns::Patterns::builtin().indicator_keys;
        let (header, rows) = table(&columns, keys);
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
        assert_eq!(rows.len(), keys.len());
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
