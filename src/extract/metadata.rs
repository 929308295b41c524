//! The document's identity card: title, locality and its level, provinces
//! before and after 2025, period, issuer, number, date and the parent plans it
//! implements. From the text only, never the file name.

use std::collections::HashMap;

use serde::Serialize;

use crate::normalize::fold;
use crate::patterns::{Table, TableError};

/// documents.csv fields that describe the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub title: String,
    pub locality: String,
    /// `national`, `province`, `district`, `commune`, or empty when unknown.
    pub locality_level: String,
    pub province: String,
    pub province_current: String,
    pub year_start: Option<i32>,
    pub year_end: Option<i32>,
    pub issuer: String,
    pub plan_number: String,
    /// ISO `YYYY-MM-DD`, empty where the day is left blank.
    pub issue_date: String,
    pub parent_refs: Vec<String>,
    /// Things noticed on the way (ambiguous place names ...).
    pub warnings: Vec<String>,
}

/// One unit of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `province`, `district` or `commune`.
    pub level: String,
    /// `old` (before the 2025 reform) or `new`.
    pub era: String,
    /// Lowercase type word: `tỉnh`, `thành phố`, `huyện`, `phường` ...
    pub kind: String,
    pub name: String,
    pub district: String,
    pub province: String,
    pub province_current: String,
}

/// Vietnam's administrative units (`patterns/gazetteer.tsv`), indexed by folded
/// name.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub places: Vec<Place>,
    by_name: HashMap<String, Vec<usize>>,
}

impl Gazetteer {
    pub fn from_table(t: &Table) -> Result<Gazetteer, TableError> {
        let cols = [
            "level",
            "era",
            "type",
            "name",
            "district",
            "province",
            "province_current",
        ]
        .map(|c| t.col(c));
        let mut idx = [0usize; 7];
        for (i, c) in cols.into_iter().enumerate() {
            idx[i] = c?;
        }
        let mut g = Gazetteer::default();
        for row in &t.rows {
            let get = |i: usize| t.get(row, idx[i]).to_string();
            let place = Place {
                level: get(0),
                era: get(1),
                kind: get(2),
                name: get(3),
                district: get(4),
                province: get(5),
                province_current: get(6),
            };
            if !matches!(place.level.as_str(), "province" | "district" | "commune") {
                return Err(t.error(row, format!("unknown level `{}`", place.level)));
            }
            g.by_name
                .entry(fold(&place.name))
                .or_default()
                .push(g.places.len());
            g.places.push(place);
        }
        Ok(g)
    }

    /// Every unit with this name (any case, any tone placement).
    pub fn lookup(&self, name: &str) -> impl Iterator<Item = &Place> {
        self.by_name
            .get(&fold(name))
            .into_iter()
            .flatten()
            .map(|&i| &self.places[i])
    }

    /// The current (post-2025) province of an old or new province name.
    pub fn current_province(&self, province: &str) -> Option<&str> {
        self.lookup(province)
            .find(|p| p.level == "province")
            .map(|p| p.province_current.as_str())
    }
}

/// Extracts the metadata of a document.
pub fn extract(
    _norm: &crate::normalize::Normalized,
    _outline: &crate::segment::Outline,
    _patterns: &crate::patterns::Patterns,
) -> Metadata {
    Metadata::default()
}
