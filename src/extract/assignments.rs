//! Agency assignments: who is to do what, with which role.

use serde::Serialize;

use super::Doc;
use crate::patterns::Patterns;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Assigned,
    Requested,
    Coordinating,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Assigned => "assigned",
            Role::Requested => "requested",
            Role::Coordinating => "coordinating",
        }
    }
}

/// One (agency, task) row of assignments.csv without the document columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub section: String,
    /// Agency key, `None` when the body is not in the dictionary.
    pub agency: Option<String>,
    pub agency_name: String,
    pub role: Role,
    pub task: String,
    pub line: usize,
}

/// Every assignment of a document, in document order.
pub fn extract(_doc: &Doc, _patterns: &Patterns) -> Vec<Assignment> {
    Vec::new()
}
