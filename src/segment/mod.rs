//! Stage 3, segment: [`Normalized`] paragraphs -> an [`Outline`] of sections.
//!
//! The outline follows the numbering as written (`I.`, `1.`, `1.1.`, `a)`,
//! Markdown headings without a number): a heading of a scheme already open
//! closes back to it (a sibling), any other scheme opens a child. Numbering
//! slips (two `7.`, two `II.`) stay as written. Outside the numbered body the
//! document has a header (issuer, number, date, title, preamble), a closing
//! (`Nơi nhận`, signature) and appendices (`Phụ lục I` ...), each appendix its
//! own subtree whose flattened table rows are recovered where an STT cell
//! starts them. Top-level sections and appendices get kinds from
//! `patterns/sections.tsv`.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Serialize;

use crate::normalize::fold::{base_letter, fold_prefix, fold_to};
use crate::normalize::{
    decimal_parts_iter, fold, is_caps_line, list_marker_ref, MarkerRef, Normalized,
};
use crate::patterns::{Table, TableError};

/// What a section is about, from its heading words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Purpose,
    Viewpoint,
    Objectives,
    Targets,
    Tasks,
    Solutions,
    Funding,
    Implementation,
    Appendix,
    Recipients,
    Signature,
}

impl SectionKind {
    pub fn parse(s: &str) -> Option<SectionKind> {
        Some(match s {
            "purpose" => SectionKind::Purpose,
            "viewpoint" => SectionKind::Viewpoint,
            "objectives" => SectionKind::Objectives,
            "targets" => SectionKind::Targets,
            "tasks" => SectionKind::Tasks,
            "solutions" => SectionKind::Solutions,
            "funding" => SectionKind::Funding,
            "implementation" => SectionKind::Implementation,
            "appendix" => SectionKind::Appendix,
            "recipients" => SectionKind::Recipients,
            "signature" => SectionKind::Signature,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Purpose => "purpose",
            SectionKind::Viewpoint => "viewpoint",
            SectionKind::Objectives => "objectives",
            SectionKind::Targets => "targets",
            SectionKind::Tasks => "tasks",
            SectionKind::Solutions => "solutions",
            SectionKind::Funding => "funding",
            SectionKind::Implementation => "implementation",
            SectionKind::Appendix => "appendix",
            SectionKind::Recipients => "recipients",
            SectionKind::Signature => "signature",
        }
    }

    /// A kind whose heading opens a block of its own.
    fn opens_block(self) -> bool {
        matches!(
            self,
            SectionKind::Appendix | SectionKind::Recipients | SectionKind::Signature
        )
    }
}

/// The heading cues of `patterns/sections.tsv`, compiled.
#[derive(Debug, Clone)]
pub struct SectionKinds {
    ac: AhoCorasick,
    kinds: Vec<SectionKind>,
    /// The longest cue, in chars.
    max_chars: usize,
    /// The base letters ([`base_letter`]) the cues of block kinds
    /// (appendix, recipients, signature) start with: a text starting with
    /// another char cannot open a block.
    block_first: Vec<char>,
    /// The same of the first [`HEAD`] chars of those cues (fewer when a
    /// cue is shorter: `head_len` for all), sorted.
    block_heads: Vec<[char; HEAD]>,
    head_len: usize,
}

/// How many first chars of a text [`SectionKinds::block_start`] compares
/// with the block cues' before it folds.
const HEAD: usize = 3;

impl SectionKinds {
    pub fn from_table(t: &Table) -> Result<SectionKinds, TableError> {
        let (ck, cc) = (t.col("kind")?, t.col("cue")?);
        let mut cues = Vec::new();
        let mut kinds = Vec::new();
        for row in &t.rows {
            let kind = SectionKind::parse(t.get(row, ck))
                .ok_or_else(|| t.error(row, format!("unknown kind `{}`", t.get(row, ck))))?;
            cues.push(fold(t.get(row, cc)));
            kinds.push(kind);
        }
        let ac = t.automaton(&cues, MatchKind::LeftmostLongest)?;
        let max_chars = cues.iter().map(|c| c.chars().count()).max().unwrap_or(0);
        let mut block_first: Vec<char> = cues
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| k.opens_block())
            .filter_map(|(c, _)| c.chars().next())
            .map(base_letter)
            .collect();
        block_first.sort_unstable();
        block_first.dedup();
        let block_cues = || cues.iter().zip(&kinds).filter(|(_, k)| k.opens_block());
        let head_len = block_cues()
            .map(|(c, _)| c.chars().count())
            .min()
            .unwrap_or(0)
            .min(HEAD);
        let mut block_heads: Vec<[char; HEAD]> = block_cues()
            .map(|(c, _)| head_of(c, head_len).unwrap_or(['\0'; HEAD]))
            .collect();
        block_heads.sort_unstable();
        block_heads.dedup();
        Ok(SectionKinds {
            ac,
            kinds,
            max_chars,
            block_first,
            block_heads,
            head_len,
        })
    }

    /// Every kind whose cue occurs in `text`, in order of first occurrence.
    pub fn kinds_of(&self, text: &str) -> Vec<SectionKind> {
        self.kinds_of_in(text, &mut String::new())
    }

    /// [`SectionKinds::kinds_of`] folding `text` into `buf`, so that a caller
    /// asking heading after heading reuses one buffer.
    pub fn kinds_of_in(&self, text: &str, buf: &mut String) -> Vec<SectionKind> {
        fold_to(text, buf);
        let mut out = Vec::new();
        for m in self.ac.find_iter(buf.as_str()) {
            let k = self.kinds[m.pattern().as_usize()];
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }

    /// The block kind a paragraph opens when its text starts with a cue of an
    /// appendix, recipients or signature kind.
    pub fn block_start(&self, text: &str) -> Option<SectionKind> {
        // Only a cue at the start counts: fold just the first `max_chars`
        // chars and the rest of the word they end in (a fold of whole words
        // is a prefix of the text's fold).
        // Fold keeps each letter's base (it moves tones, not letters), so
        // the text's first base letter is its fold's.
        // The same holds for the next chars: where a cue matches at the
        // start, the text's first base letters are the cue's.
        let c = text.chars().next()?;
        if self.block_first.binary_search(&base_letter(c)).is_err() {
            return None;
        }
        if self.head_len > 1 {
            let head = head_of(text, self.head_len)?;
            if self.block_heads.binary_search(&head).is_err() {
                return None;
            }
        }
        self.block_start_folding(text)
    }

    /// [`SectionKinds::block_start`] without the first-letter test.
    fn block_start_folding(&self, text: &str) -> Option<SectionKind> {
        let f = fold_prefix(text, self.max_chars);
        let m = self.ac.find(&f)?;
        if m.start() != 0 {
            return None;
        }
        let k = self.kinds[m.pattern().as_usize()];
        k.opens_block().then_some(k)
    }
}

/// The base letters of the first `n` (at most [`HEAD`]) chars of `text`,
/// the rest of the array `'\0'`; `None` when it is shorter.
fn head_of(text: &str, n: usize) -> Option<[char; HEAD]> {
    let mut head = ['\0'; HEAD];
    let mut chars = text.chars();
    for slot in head.iter_mut().take(n) {
        *slot = base_letter(chars.next()?);
    }
    Some(head)
}

/// Which part of the document a section belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    Header,
    Body,
    Closing,
    Appendix,
}

/// One section of the outline.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Numbering path, e.g. `II.3.1`; appendices are `PL1`, `PL2` ...; the
    /// header and closing blocks are `header` and `closing`.
    pub path: String,
    /// The numbering as written (`II`, `3`, `a`), empty for unnumbered.
    pub number: String,
    /// Heading text without its number.
    pub heading: String,
    /// The section is a heading (short, title-like), not a numbered sentence.
    pub is_heading: bool,
    pub kinds: Vec<SectionKind>,
    pub block: Block,
    pub depth: usize,
    pub parent: Option<usize>,
    /// Paragraph index of the heading, and one past the last paragraph.
    pub start: usize,
    pub end: usize,
    /// Source line of the heading.
    pub line: usize,
}

/// A row of a table flattened by PDF extraction, recovered in an appendix: the
/// STT cell and the paragraphs after it up to the next row.
#[derive(Debug, Clone, Serialize)]
pub struct TableRow {
    pub stt: String,
    pub section: usize,
    pub paragraphs: Vec<usize>,
}

/// The output of the segment stage.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outline {
    pub sections: Vec<Section>,
    /// For every paragraph, the innermost section containing it (or `None` for
    /// paragraphs before any section).
    pub of_paragraph: Vec<Option<usize>>,
    pub table_rows: Vec<TableRow>,
}

impl Outline {
    /// The section and its ancestors, innermost first.
    pub fn ancestry(&self, s: usize) -> Vec<usize> {
        self.ancestors(s).collect()
    }

    /// [`Outline::ancestry`] without collecting it.
    pub fn ancestors(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(s), move |&a| self.sections[a].parent)
    }

    /// The kinds that apply to a section: its own, or its nearest ancestor's.
    pub fn kinds_at(&self, s: usize) -> &[SectionKind] {
        for a in self.ancestors(s) {
            if !self.sections[a].kinds.is_empty() {
                return &self.sections[a].kinds;
            }
        }
        &[]
    }

    /// The block a paragraph is in.
    pub fn block_of(&self, para: usize) -> Block {
        match self.of_paragraph.get(para).copied().flatten() {
            Some(s) => self.sections[s].block,
            None => Block::Header,
        }
    }

    /// Number of numbered sections in the body and appendices (documents.csv
    /// `sections`).
    pub fn count(&self) -> usize {
        self.sections
            .iter()
            .filter(|s| matches!(s.block, Block::Body | Block::Appendix))
            .count()
    }

    /// The nearest enclosing section that is a heading (for `section_title`).
    pub fn heading_of(&self, s: usize) -> usize {
        self.ancestors(s)
            .find(|&a| self.sections[a].is_heading)
            .unwrap_or(s)
    }
}

/// A numbering scheme: headings of one scheme are siblings.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scheme {
    Roman,
    Decimal(usize),
    Letter,
    Markdown(u8),
    Appendix,
    Group,
}

fn roman_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    Some(total)
}

/// `s.chars().count() <= n`, the count spared where the byte length tells
/// (a char is one to four bytes).
fn chars_at_most(s: &str, n: usize) -> bool {
    s.len() <= n || (s.len() <= 4 * n && s.chars().count() <= n)
}

/// Whether the text after a number reads as a heading rather than a numbered
/// sentence: short, or in capitals, and not a finished sentence.
fn looks_like_heading(rest: &str) -> bool {
    // The cheap tests first: at most 60 chars (60 bytes or fewer surely),
    // then the end, then the caps.
    if rest.len() <= 60 {
        return true;
    }
    let n = rest.chars().count();
    if n <= 60 || n <= 160 && !rest.trim_end().ends_with(['.', ';']) {
        return true;
    }
    is_caps_line(rest)
}

/// Builds the outline.
pub fn segment(norm: &Normalized, kinds: &SectionKinds) -> Outline {
    let paras = &norm.paragraphs;
    let mut out = Outline {
        sections: Vec::new(),
        of_paragraph: vec![None; paras.len()],
        table_rows: Vec::new(),
    };
    // The open sections, outermost first, with their schemes.
    let mut stack: Vec<(Scheme, usize)> = Vec::new();
    let mut body_started = false;
    let mut block = Block::Header;
    let mut appendix_no = 0;
    // The fold of a heading, for its kinds, heading after heading.
    let mut fold_buf = String::new();

    let close_all = |out: &mut Outline, stack: &mut Vec<(Scheme, usize)>, at: usize| {
        for (_, s) in stack.drain(..) {
            out.sections[s].end = at;
        }
    };

    for (i, p) in paras.iter().enumerate() {
        let text = p.text.as_str();
        // Blocks outside the numbered body.
        if let Some(k) = kinds.block_start(text) {
            let opens = match k {
                SectionKind::Appendix => {
                    is_appendix_heading(text) && (p.md_heading.is_some() || text.len() < 200)
                }
                SectionKind::Recipients => body_started && block != Block::Appendix,
                _ => {
                    body_started
                        && block == Block::Body
                        && is_caps_line(text)
                        && text.chars().count() < 80
                }
            };
            if opens {
                close_all(&mut out, &mut stack, i);
                let (path, number, nb) = if k == SectionKind::Appendix {
                    appendix_no += 1;
                    let num = text
                        .split_whitespace()
                        .nth(2)
                        .unwrap_or("")
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_string();
                    (format!("PL{appendix_no}"), num, Block::Appendix)
                } else {
                    ("closing".to_string(), String::new(), Block::Closing)
                };
                block = nb;
                let idx = out.sections.len();
                out.sections.push(Section {
                    path,
                    number,
                    heading: text.to_string(),
                    is_heading: true,
                    kinds: vec![k],
                    block,
                    depth: 0,
                    parent: None,
                    start: i,
                    end: paras.len(),
                    line: p.line,
                });
                stack.push((Scheme::Appendix, idx));
                out.of_paragraph[i] = Some(idx);
                continue;
            }
        }
        if block == Block::Closing {
            out.of_paragraph[i] = stack.last().map(|s| s.1);
            continue;
        }
        // Numbered headings.
        let heading = numbered(p, text);
        if let Some((scheme, number, rest)) = heading {
            let is_top = matches!(scheme, Scheme::Roman);
            let accept = match block {
                Block::Header => {
                    // The body starts at the first Roman heading, or at a first
                    // `1.` heading when the plan has no Roman numerals.
                    is_top
                        || matches!(scheme, Scheme::Decimal(1))
                            && number == "1"
                            && looks_like_heading(rest)
                        || matches!(scheme, Scheme::Markdown(_)) && body_started
                }
                _ => !matches!(scheme, Scheme::Group) || block == Block::Appendix,
            };
            if accept {
                if block == Block::Header {
                    block = Block::Body;
                    body_started = true;
                }
                // In an appendix, a lone number or Roman numeral is a table's STT cell.
                if block == Block::Appendix && rest.is_empty() {
                    out.table_rows.push(TableRow {
                        stt: number.clone(),
                        section: stack.last().map(|s| s.1).unwrap_or(0),
                        paragraphs: vec![],
                    });
                    out.of_paragraph[i] = stack.last().map(|s| s.1);
                    continue;
                }
                // Close back to this scheme if it is open, else open a child.
                if let Some(pos) = stack.iter().rposition(|(s, _)| *s == scheme) {
                    for (_, s) in stack.drain(pos..) {
                        out.sections[s].end = i;
                    }
                } else if is_top {
                    // A Roman heading always closes everything but an appendix.
                    let keep = stack
                        .iter()
                        .position(|(s, _)| *s != Scheme::Appendix)
                        .unwrap_or(stack.len());
                    for (_, s) in stack.drain(keep..) {
                        out.sections[s].end = i;
                    }
                }
                let parent = stack.last().map(|s| s.1);
                let depth = stack.len();
                // The parent's path, `.` and this section's part, built in
                // one allocation.
                let head = match parent {
                    Some(pi) => out.sections[pi].path.as_str(),
                    None => "",
                };
                let mut path = String::with_capacity(head.len() + 1 + number.len().max(3));
                if !head.is_empty() {
                    path.push_str(head);
                    path.push('.');
                }
                push_path_part(&mut path, &scheme, &number);
                // Top-level sections get kinds from their heading; sub-sections
                // only from a short heading such as `1.1. Chỉ tiêu`.
                let mut own_kinds = if depth == 0 || chars_at_most(rest, 40) {
                    kinds.kinds_of_in(rest, &mut fold_buf)
                } else {
                    vec![]
                };
                if block == Block::Body {
                    own_kinds.retain(|k| {
                        !matches!(
                            k,
                            SectionKind::Appendix
                                | SectionKind::Recipients
                                | SectionKind::Signature
                        )
                    });
                }
                let idx = out.sections.len();
                out.sections.push(Section {
                    path,
                    number,
                    is_heading: looks_like_heading(rest),
                    heading: rest.to_string(),
                    kinds: own_kinds,
                    block,
                    depth,
                    parent,
                    start: i,
                    end: paras.len(),
                    line: p.line,
                });
                stack.push((scheme, idx));
                out.of_paragraph[i] = Some(idx);
                continue;
            }
        }
        if block == Block::Appendix {
            if let Some(row) = out.table_rows.last_mut() {
                if out.sections.get(row.section).is_some()
                    && stack.iter().any(|(_, s)| *s == row.section)
                {
                    row.paragraphs.push(i);
                }
            }
        }
        out.of_paragraph[i] = stack.last().map(|s| s.1);
    }
    out
}

fn is_appendix_heading(text: &str) -> bool {
    let f = fold(text);
    let rest = f.trim_start_matches("phụ lục").trim_start();
    // `Phụ lục I`, `Phụ lục 2`, `Phụ lục` alone, `PHỤ LỤC:`; not a sentence that
    // merely starts with the words.
    rest.is_empty()
        || rest.split_whitespace().next().is_some_and(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.chars().all(|c| c.is_ascii_digit())
                || w.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
                || w.len() == 1
        })
}

/// Appends a section's own part of its path (`3` of `2.3`, `h2` for an
/// unnumbered Markdown heading) to `path`.
fn push_path_part(path: &mut String, scheme: &Scheme, number: &str) {
    match scheme {
        Scheme::Decimal(_) => path.push_str(number.rsplit('.').next().unwrap_or(number)),
        Scheme::Markdown(l) if number.is_empty() => {
            path.push('h');
            push_decimal(path, *l);
        }
        _ => path.push_str(number),
    }
}

/// The numbering scheme, number and heading text of a paragraph that starts
/// with a heading number (bullets are not headings), the heading text
/// borrowed from `text`.
fn numbered<'a>(
    p: &crate::normalize::Paragraph,
    text: &'a str,
) -> Option<(Scheme, String, &'a str)> {
    if p.table_row {
        return None;
    }
    if let Some((m, len)) = list_marker_ref(text) {
        let rest = text[len..].trim();
        return match m {
            MarkerRef::Roman(r) => {
                roman_value(r)?;
                Some((Scheme::Roman, r.to_string(), rest))
            }
            MarkerRef::Decimal(d) => {
                // The parts joined by `.` (`parts.map(to_string).join(".")`).
                let mut number = String::with_capacity(d.len());
                let mut parts = 0;
                for n in decimal_parts_iter(d) {
                    if parts > 0 {
                        number.push('.');
                    }
                    push_decimal(&mut number, n);
                    parts += 1;
                }
                Some((Scheme::Decimal(parts), number, rest))
            }
            MarkerRef::Letter(c) => Some((Scheme::Letter, c.to_string(), rest)),
            MarkerRef::Bullet(_) => None,
        };
    }
    // A number alone on its line (an STT cell) or a lone Roman group cell.
    if text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some((Scheme::Group, text.to_string(), ""));
    }
    // A lone Roman numeral is a group row (`I`, `II`); `X` alone is a tick.
    if text.len() <= 4 && roman_value(text).is_some_and(|v| v <= 8) {
        return Some((Scheme::Group, text.to_string(), ""));
    }
    if let Some(l) = p.md_heading {
        return Some((Scheme::Markdown(l), String::new(), text));
    }
    None
}

/// Appends `n` in decimal digits (`n.to_string()` without the formatter or
/// an allocation; section numbers here, line numbers in the CSV files).
pub(crate) fn push_decimal(s: &mut String, n: impl itoa::Integer) {
    s.push_str(itoa::Buffer::new().format(n));
}

/// A readable rendering of the outline, one section per line:
/// `path  [kinds]  line  heading`.
pub fn render(outline: &Outline) -> String {
    let mut s = String::new();
    for sec in &outline.sections {
        let kinds: Vec<&str> = sec.kinds.iter().map(|k| k.as_str()).collect();
        let heading: String = sec.heading.chars().take(100).collect();
        s.push_str(&format!(
            "{}{:<12} {:<24} L{:<5} {}\n",
            "  ".repeat(sec.depth),
            sec.path,
            if kinds.is_empty() {
                String::new()
            } else {
                format!("[{}]", kinds.join(","))
            },
            sec.line,
            heading
        ));
    }
    s
}

#[cfg(test)]
mod tests;
