//! Indicator keys from cue phrases (`patterns/indicators.tsv`).

use crate::patterns::{Table, TableError};

#[derive(Debug, Clone, Default)]
pub struct IndicatorCues {}

impl IndicatorCues {
    pub fn from_table(_t: &Table) -> Result<IndicatorCues, TableError> {
        Ok(IndicatorCues {})
    }
}
