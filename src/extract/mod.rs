//! Stage 4, extract: the outline and paragraphs -> [`Metadata`], [`Target`]s and
//! [`Assignment`]s of one document.
//!
//! - [`metadata`]: the document's identity card (title, locality, period,
//!   issuer, numbers, parents) and the gazetteer behind it;
//! - [`numbers`]: the Vietnamese number grammar (`2.000`, `1,5`, `hai mươi`);
//! - [`lexicon`]: comparator, change and period words;
//! - [`indicators`]: indicator keys from cue phrases;
//! - [`agencies`]: agency keys from names and aliases;
//! - [`targets`]: quantitative targets;
//! - [`assignments`]: who is to do what.

pub mod agencies;
pub mod assignments;
pub mod indicators;
pub mod lexicon;
pub mod metadata;
pub mod numbers;
pub mod targets;

pub use assignments::{Assignment, Role};
pub use metadata::Metadata;
pub use targets::{Change, Comparator, Target, Unit};

use crate::normalize::Normalized;
use crate::segment::Outline;

/// What the extractors see of one document.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub norm: &'a Normalized,
    pub outline: &'a Outline,
    pub meta: &'a Metadata,
}
