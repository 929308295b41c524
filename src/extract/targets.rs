//! Quantitative targets: `Ít nhất 70% số xã ...`, `Triệt xóa 03 điểm ...`.

use serde::Serialize;

use super::Doc;
use crate::patterns::Patterns;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    Count,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    AtLeast,
    MoreThan,
    Exactly,
    AtMost,
    LessThan,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at_least",
            Comparator::MoreThan => "more_than",
            Comparator::Exactly => "exactly",
            Comparator::AtMost => "at_most",
            Comparator::LessThan => "less_than",
        }
    }

    pub fn parse(s: &str) -> Option<Comparator> {
        Some(match s {
            "at_least" => Comparator::AtLeast,
            "more_than" => Comparator::MoreThan,
            "exactly" => Comparator::Exactly,
            "at_most" => Comparator::AtMost,
            "less_than" => Comparator::LessThan,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Level,
    Increase,
    Decrease,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Level => "level",
            Change::Increase => "increase",
            Change::Decrease => "decrease",
        }
    }
}

/// One quantitative target (a row of targets.csv without the document columns).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub section: String,
    pub section_title: String,
    pub indicator: Option<String>,
    pub value: f64,
    pub unit: Unit,
    pub comparator: Comparator,
    pub change: Change,
    /// A year (`2023`), or `annual`.
    pub period: String,
    pub subject: String,
    pub lead_agency: Vec<String>,
    pub coordinating_agencies: Vec<String>,
    pub text: String,
    pub line: usize,
}

/// Every target of a document, in document order.
pub fn extract(_doc: &Doc, _patterns: &Patterns) -> Vec<Target> {
    Vec::new()
}
