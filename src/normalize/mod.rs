//! Stage 2, normalize: decoded text -> [`Normalized`] paragraphs.
//!
//! Repairs the damage PDF and OCR extraction leave (look-alike letters,
//! private-use bullets, odd spaces, control characters, decomposed diacritics,
//! Markdown residue, page numbers, pasted URLs) and re-joins hard-wrapped lines
//! into paragraphs. Every repair is counted in a [`FixLog`]; every paragraph
//! keeps the source lines it came from. The character repairs are data
//! (`patterns/repairs.tsv`); the layout rules are below.
//!
//! Normalizing normalized text changes nothing, and no word is lost.

pub mod fold;
mod layout;

use std::collections::BTreeMap;

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::patterns::tsv::unescape;
use crate::patterns::{Table, TableError};

pub use fold::fold;
pub use layout::{
    decimal_parts_iter, is_caps_line, list_marker, list_marker_ref, marker_len, ListMarker,
    MarkerRef,
};

/// Counts of repairs by kind, as written in documents.csv `fixes`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixLog {
    counts: BTreeMap<String, usize>,
}

impl FixLog {
    pub fn add(&mut self, kind: &str, n: usize) {
        if n > 0 {
            *self.counts.entry(kind.to_string()).or_default() += n;
        }
    }

    pub fn get(&self, kind: &str) -> usize {
        self.counts.get(kind).copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// `kind:count` joined by `;`, kinds in alphabetical order.
    pub fn to_field(&self) -> String {
        self.counts
            .iter()
            .map(|(k, v)| format!("{k}:{v}"))
            .collect::<Vec<_>>()
            .join(";")
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> {
        self.counts.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

/// One paragraph of normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, single-spaced, NFC, without Markdown marks.
    pub text: String,
    /// First and last source line (1-based) the paragraph came from.
    pub line: usize,
    pub end_line: usize,
    /// Markdown heading level (`#` = 1) when the source marked it as a heading.
    pub md_heading: Option<u8>,
    /// The whole paragraph was bold or italic in the source (Markdown).
    pub emphasized: bool,
    /// The paragraph is a row of a pipe table; its cells are joined by ` | `.
    pub table_row: bool,
    /// Where each source line after the first starts in `text`: (byte
    /// offset, line), in order (the first starts at 0 and is `line`); see
    /// [`Paragraph::line_at`].
    pub line_starts: Vec<(usize, usize)>,
}

impl Paragraph {
    /// The source line holding byte `offset` of `text`.
    pub fn line_at(&self, offset: usize) -> usize {
        // Before the second line's start (or in a paragraph of one line),
        // the first line's.
        self.line_starts
            .iter()
            .take_while(|(o, _)| *o <= offset)
            .last()
            .map_or(self.line, |(_, l)| *l)
    }

    /// The cells of a table row (the whole text for other paragraphs).
    pub fn cells(&self) -> Vec<&str> {
        self.cells_iter().collect()
    }

    /// [`Paragraph::cells`] without collecting them.
    pub fn cells_iter(&self) -> impl Iterator<Item = &str> {
        let (row, whole) = if self.table_row {
            (Some(self.text.split(" | ")), None)
        } else {
            (None, Some(self.text.as_str()))
        };
        row.into_iter().flatten().chain(whole)
    }
}

/// The output of the normalize stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    pub paragraphs: Vec<Paragraph>,
    pub fixes: FixLog,
    /// Number of lines in the source text.
    pub source_lines: usize,
    /// Whether the source had a blank line after (nearly) every line.
    pub double_spaced: bool,
}

impl Normalized {
    /// The text, one paragraph per line (what `planmine normalize` prints).
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for p in &self.paragraphs {
            s.push_str(&p.text);
            s.push('\n');
        }
        s
    }
}

/// The character repairs of `patterns/repairs.tsv`, compiled into one automaton.
#[derive(Debug, Clone)]
pub struct Repairs {
    ac: AhoCorasick,
    to: Vec<String>,
    kind: Vec<String>,
    /// No repair reads or writes a line break, a carriage return or a form
    /// feed, so repairing a whole text is repairing each of its lines.
    line_blind: bool,
}

impl Repairs {
    pub fn from_table(t: &Table) -> Result<Repairs, TableError> {
        let (cf, ct, ck) = (t.col("from")?, t.col("to")?, t.col("kind")?);
        let mut from = Vec::new();
        let mut to = Vec::new();
        let mut kind = Vec::new();
        for row in &t.rows {
            let f = unescape(t.get(row, cf)).ok_or_else(|| t.error(row, "bad U+ escape"))?;
            let r = unescape(t.get(row, ct)).ok_or_else(|| t.error(row, "bad U+ escape"))?;
            if f.is_empty() {
                return Err(t.error(row, "empty `from`"));
            }
            from.push(f);
            to.push(r);
            kind.push(t.get(row, ck).to_string());
        }
        let ac = t.automaton(&from, MatchKind::LeftmostLongest)?;
        let line_blind = from
            .iter()
            .chain(&to)
            .all(|x| !x.contains(['\n', '\r', '\u{c}']));
        Ok(Repairs {
            ac,
            to,
            kind,
            line_blind,
        })
    }

    /// Whether repairing a whole text is repairing each line of it (see
    /// `line_blind`).
    pub fn line_blind(&self) -> bool {
        self.line_blind
    }

    /// Applies the repairs to `s`, counting each in `log`.
    pub fn apply<'a>(&self, s: &'a str, log: &mut FixLog) -> Cow<'a, str> {
        if s.is_ascii() {
            return Cow::Borrowed(s);
        }
        let mut found = self.ac.find_iter(s).peekable();
        if found.peek().is_none() {
            return Cow::Borrowed(s);
        }
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for m in found {
            out.push_str(&s[last..m.start()]);
            let i = m.pattern().as_usize();
            out.push_str(&self.to[i]);
            log.add(&self.kind[i], 1);
            last = m.end();
        }
        out.push_str(&s[last..]);
        Cow::Owned(out)
    }
}

/// Normalizes decoded text into paragraphs. See the module docs.
pub fn normalize(text: &str, repairs: &Repairs) -> Normalized {
    layout::normalize(text, repairs)
}

#[cfg(test)]
mod tests;
