//! planmine reads Vietnamese local-government plan documents ("Kế hoạch ..."),
//! repairs the damage PDF and OCR extraction left in them, finds their numbered
//! sections, extracts every quantitative target and agency assignment, and
//! writes CSV files that put localities and years side by side.
//!
//! The pipeline, one module per stage, each a function of the previous stage's
//! value:
//!
//! ```text
//! bytes -decode-> Decoded -normalize-> Normalized -segment-> Outline
//!       -extract-> Metadata, Vec<Target>, Vec<Assignment> -merge-> rows -output-> CSV
//! ```
//!
//! [`pipeline::run`] drives a batch: it finds the input files, processes them in
//! parallel (rayon), sorts the results by `doc_id` and writes every output file
//! atomically. [`patterns::Patterns`] holds every dictionary, compiled once.

pub mod decode;
pub mod eval;
pub mod extract;
pub mod merge;
pub mod normalize;
pub mod output;
pub mod patterns;
pub mod pipeline;
pub mod segment;
pub mod synth;
#[cfg(test)]
mod test_support;

pub use pipeline::{analyze, process_bytes, run, Analysis, Config, DocResult, RunSummary, Status};
