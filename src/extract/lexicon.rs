//! Comparator, change and period words (`patterns/lexicon.tsv`).

use crate::patterns::{Table, TableError};

#[derive(Debug, Clone, Default)]
pub struct Lexicon {}

impl Lexicon {
    pub fn from_table(_t: &Table) -> Result<Lexicon, TableError> {
        Ok(Lexicon {})
    }
}
