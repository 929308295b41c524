//! The agency dictionary (`patterns/agencies.tsv`): names and aliases -> keys.
//!
//! API shared by the targets and assignments extractors:
//! [`AgencyDict::find_all`] returns every agency named in a text, longest match
//! first, with byte offsets into that text and the name as written.

use crate::patterns::{Table, TableError};

/// One agency named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyMatch {
    /// Agency key of SPEC.md (`labour_social_affairs`, `police` ...).
    pub key: String,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// The name as written in the text.
    pub name: String,
    /// `province`, `district`, `commune` or empty, where the form shows it.
    pub level: String,
}

#[derive(Debug, Clone, Default)]
pub struct AgencyDict {}

impl AgencyDict {
    pub fn from_table(_t: &Table) -> Result<AgencyDict, TableError> {
        Ok(AgencyDict {})
    }

    /// Every agency named in `text`, in text order, non-overlapping, longest
    /// match first.
    pub fn find_all(&self, _text: &str) -> Vec<AgencyMatch> {
        Vec::new()
    }
}
