//! Agency assignments: who is to do what, with which role.
//!
//! Reads the body of the outline (not the header, the closing with its
//! recipients list, nor the appendices, whose tables give targets their lead
//! agencies in the merge stage) sentence by sentence and hands on one
//! [`Assignment`] per (body, role, task sentence), in document order:
//!
//! - an item heading that starts with bodies ("2. Công an thành phố",
//!   "11. Đề nghị Viện Kiểm sát nhân dân, Toà án nhân dân thành phố") makes them
//!   the owners of every task sentence under it; a heading broken over two
//!   lines by PDF extraction is joined first when the second line goes on
//!   with its list of bodies; an item of an implementation section whose
//!   heading names no known body keeps the heading as the name of an unknown
//!   body (empty agency key);
//! - a sentence that starts with bodies ("Hội Liên hiệp Phụ nữ thành phố chỉ
//!   đạo ...", "Giao Phòng ... tổng hợp ...", "Đề nghị ...") belongs to them
//!   instead; the cues of `patterns/assignment_cues.tsv` add the bodies listed
//!   after "đề nghị" (requested), "giao"/"yêu cầu" (assigned), "phối hợp với"
//!   (coordinating) and before "chủ trì" (assigned) anywhere in a sentence, so
//!   tasks outside the implementation section that name who carries them out
//!   count too; a sentence opening "Trên đây là ..." ends its item;
//! - bodies marked `requested` in `patterns/agencies.tsv` (courts,
//!   procuracies, the Fatherland Front, mass organisations) are always
//!   requested; the issuer itself (and People's Committees of its level or
//!   above) gives no row;
//! - exactly one body is the plan's `lead`: the assigned body whose own tasks
//!   carry the most weight of lead cues (đầu mối, thường trực, tổng hợp kết
//!   quả ...) plus the reports addressed to it ("(qua phòng ...)"); on a tie or
//!   with no cue, the first body of the implementation section. Its assigned
//!   rows become `lead` rows.
//!
//! On the five sample plans this gives F1 1.0 over (document, agency, role)
//! for lead/assigned/requested (tests/gold_assignments.rs).

use std::borrow::Cow;
use std::cell::Cell;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;

use super::agencies::{
    phrase_words, words, words_cached_into, AgencyDict, BodyMatch, PhraseHit, PhraseSet, Word,
    WordCache, WordSet, Words,
};
use super::Doc;
use crate::normalize::marker_len;
use crate::patterns::{Patterns, Table, TableError};
use crate::segment::{Block, Outline, SectionKind};

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

/// What a cue of `patterns/assignment_cues.tsv` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    Closing,
    Filler,
    Lead,
    LeadTarget,
    Order,
    Partner,
    Place,
    Request,
    Subject,
}

impl CueKind {
    fn parse(s: &str) -> Option<CueKind> {
        Some(match s {
            "closing" => CueKind::Closing,
            "filler" => CueKind::Filler,
            "lead" => CueKind::Lead,
            "lead_target" => CueKind::LeadTarget,
            "order" => CueKind::Order,
            "partner" => CueKind::Partner,
            "place" => CueKind::Place,
            "request" => CueKind::Request,
            "subject" => CueKind::Subject,
            _ => return None,
        })
    }
}

/// The cues of `patterns/assignment_cues.tsv`, compiled.
#[derive(Debug, Clone, Default)]
pub struct AssignmentCues {
    set: PhraseSet,
    kinds: Vec<CueKind>,
    weights: Vec<u32>,
    filler: WordSet,
    place: WordSet,
}

/// A cue found in a sentence: byte range and what it says.
#[derive(Debug, Clone, Copy)]
struct Cue {
    kind: CueKind,
    weight: u32,
    start: usize,
    end: usize,
}

impl AssignmentCues {
    pub fn from_table(t: &Table) -> Result<AssignmentCues, TableError> {
        let (ck, cw, cc) = (t.col("kind")?, t.col("weight")?, t.col("cue")?);
        let mut phrases = Vec::new();
        let mut kinds = Vec::new();
        let mut weights = Vec::new();
        let mut filler = WordSet::default();
        let mut place = WordSet::default();
        for row in &t.rows {
            let kind = CueKind::parse(t.get(row, ck).trim())
                .ok_or_else(|| t.error(row, format!("unknown kind `{}`", t.get(row, ck))))?;
            let weight: u32 = t
                .get(row, cw)
                .trim()
                .parse()
                .map_err(|_| t.error(row, "weight must be a whole number"))?;
            // Cues may hold punctuation ("(qua"); filler and place words not.
            let ws: Vec<String> = if matches!(kind, CueKind::Filler | CueKind::Place) {
                phrase_words(t.get(row, cc))
            } else {
                words(t.get(row, cc), true).texts()
            };
            if ws.is_empty() {
                continue;
            }
            let word_error = |e: String| t.error(row, e);
            if kind == CueKind::Filler {
                for w in &ws {
                    filler.insert(w).map_err(word_error)?;
                }
                continue;
            }
            if kind == CueKind::Place {
                for w in &ws {
                    place.insert(w).map_err(word_error)?;
                    filler.insert(w).map_err(word_error)?;
                }
                continue;
            }
            phrases.push(ws);
            kinds.push(kind);
            weights.push(weight);
        }
        let set = PhraseSet::new(&phrases).map_err(|e| TableError {
            file: t.file.clone(),
            line: 0,
            message: e,
        })?;
        Ok(AssignmentCues {
            set,
            kinds,
            weights,
            filler,
            place,
        })
    }

    /// The cues in `text`, non-overlapping within a kind (longest first), in
    /// text order.
    #[cfg(test)]
    fn find(&self, s: &Sent) -> Vec<Cue> {
        let mut out = Vec::new();
        self.find_into(s, &mut Vec::new(), &mut out);
        out
    }

    /// [`AssignmentCues::find`] into `out` (cleared first), with `hits` as
    /// scratch.
    fn find_into(&self, s: &Sent, hits: &mut Vec<PhraseHit>, out: &mut Vec<Cue>) {
        let ws = &s.ws;
        self.set.find_unsorted_into(ws, ws, hits);
        self.cues_of(s, hits, out);
    }

    /// The cues of [`AssignmentCues::find_into`] from the hits of
    /// `self.set` in `s` (in any order; reordered here).
    fn cues_of(&self, s: &Sent, hits: &mut [PhraseHit], out: &mut Vec<Cue>) {
        let ws = &s.ws;
        // The longest first, then the earliest, then by pattern (the order
        // a stable sort of `PhraseSet::find`'s hits gave).
        hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start, h.pattern));
        out.clear();
        for &h in hits.iter() {
            let kind = self.kinds[h.pattern];
            let (start, end) = (ws[h.start].start, ws[h.end - 1].end);
            // A cue of the kind already covers one of its words (the words
            // of a text cover disjoint bytes, in order).
            if out
                .iter()
                .any(|c| c.kind == kind && c.start < end && start < c.end)
            {
                continue;
            }
            out.push(Cue {
                kind,
                weight: self.weights[h.pattern],
                start,
                end,
            });
        }
        out.sort_by_key(|c| c.start);
    }

    /// Whether `gap` may stand between a cue and a body or between two bodies
    /// of one list: separators, filler words, proper names and numbers only.
    fn is_filler_gap(&self, ws: &Words, gap: &[Word]) -> bool {
        gap.iter().all(|w| match w.punct() {
            b',' | b'(' | b')' => true,
            b';' | b'.' | b':' => false,
            _ => self.filler.contains(ws, w) || w.upper() || ws.is_digits(w),
        })
    }

    /// The name of a body as written, with the place words and proper names
    /// that follow it ("Công an" + " thành phố", "Thành Đoàn" + " Hà Nội").
    #[cfg(test)]
    fn full_name(&self, text: &str, b: &BodyMatch) -> String {
        self.full_name_in(&Sent::new(text), b).to_string()
    }

    /// [`AssignmentCues::full_name`] in a text cut into words.
    fn full_name_in<'t>(&self, s: &Sent<'t>, b: &BodyMatch) -> &'t str {
        let text = s.text;
        let ws = s.range(b.end, text.len());
        let mut end = b.end;
        let mut i = 0;
        while i < ws.len() {
            // Only spaces between the name and the word ("và", "-" stop it).
            if !text[end..ws[i].start].trim().is_empty() {
                break;
            }
            if self.place.contains(&s.ws, &ws[i]) {
                end = ws[i].end;
                i += 1;
                continue;
            }
            // A proper name: a run of at least two capitalized words ("Hà
            // Nội"), not a capitalized sentence word ("Là cơ quan ...").
            let run = ws[i..].iter().take_while(|w| w.upper()).count();
            if run >= 2 {
                end = ws[i + run - 1].end;
                i += run;
                continue;
            }
            break;
        }
        text[b.start..end].trim()
    }

    /// Words of `text` that say something: not separators, filler, places,
    /// proper names or one-letter abbreviations (`b/c` after a recipient);
    /// counted up to `most`.
    fn content_words(&self, words: &Words, ws: &[Word], most: usize) -> usize {
        ws.iter()
            .filter(|w| {
                !is_punct(w)
                    && !self.filler.contains(words, w)
                    && !w.upper()
                    && words.has_chars_after_first(w)
            })
            .take(most)
            .count()
    }

    /// The bodies listed from byte `pos` on, as indices into `bodies`, into
    /// `out` (cleared first).
    fn list_after_into(&self, s: &Sent, bodies: &[BodyMatch], pos: usize, out: &mut Vec<usize>) {
        out.clear();
        let mut p = pos;
        for (i, b) in bodies.iter().enumerate() {
            if b.start < p {
                continue;
            }
            if !self.is_filler_gap(&s.ws, s.range(p, b.start)) {
                break;
            }
            out.push(i);
            p = b.end;
        }
    }

    /// The bodies listed right before byte `pos`: indices into `bodies`.
    /// Into `out` (cleared first).
    fn list_before_into(&self, s: &Sent, bodies: &[BodyMatch], pos: usize, out: &mut Vec<usize>) {
        out.clear();
        let mut p = pos;
        for (i, b) in bodies.iter().enumerate().rev() {
            if b.end > p {
                continue;
            }
            if !self.is_filler_gap(&s.ws, s.range(b.end, p)) {
                break;
            }
            out.push(i);
            p = b.start;
        }
        out.reverse();
    }
}

/// A text with its words ([`words`] with punctuation), cut once: every
/// question about a part of the text that starts and ends at word bounds
/// takes the words of that part from here.
struct Sent<'a> {
    text: &'a str,
    ws: Words,
}

impl<'a> Sent<'a> {
    #[cfg(test)]
    fn new(text: &'a str) -> Sent<'a> {
        Sent::new_in(text, Words::default(), &mut WordCache::default())
    }

    /// [`Sent::new`] in the buffers of `ws`, words no longer needed, with
    /// the words of `cache`.
    fn new_in(text: &'a str, mut ws: Words, cache: &mut WordCache) -> Sent<'a> {
        words_cached_into(text, true, &mut ws, cache);
        Sent { text, ws }
    }

    /// The words of `text[a..b]` (`a` and `b` at word bounds), as
    /// `words(&text[a..b], true)` gives them but with offsets into `text`.
    fn range(&self, a: usize, b: usize) -> &[Word] {
        let i = self.ws.partition_point(|w| w.start < a);
        let j = self.ws.partition_point(|w| w.end <= b).max(i);
        &self.ws[i..j]
    }
}

/// A sentence cut into words, with the bodies and cues found in it.
struct Cut<'a, 'd> {
    ss: Sent<'a>,
    bodies: Vec<BodyMatch<'d>>,
    cs: Vec<Cue>,
}

/// The buffers of a [`Cut`] no longer needed, for the next.
#[derive(Default)]
struct Spare<'d> {
    ws: Words,
    bodies: Vec<BodyMatch<'d>>,
    cs: Vec<Cue>,
}

impl<'a, 'd> Cut<'a, 'd> {
    /// [`Cut::new`] in the buffers of `spare`, with the words of `cache`
    /// and `hits` as scratch for the searches.
    fn new_in(
        text: &'a str,
        dict: &'d AgencyDict,
        cues: &AssignmentCues,
        spare: Spare<'d>,
        hits: &mut Hits,
        cache: &mut WordCache,
    ) -> Cut<'a, 'd> {
        let Spare {
            ws,
            mut bodies,
            mut cs,
        } = spare;
        let ss = Sent::new_in(text, ws, cache);
        let (bh, ch) = (&mut hits.bodies, &mut hits.cues);
        dict.find_bodies_and_phrases_into(&cues.set, &ss.ws, bh, ch, &mut bodies);
        cues.cues_of(&ss, ch, &mut cs);
        Cut { ss, bodies, cs }
    }

    /// The buffers, for the next cut.
    fn spare(self) -> Spare<'d> {
        Spare {
            ws: self.ss.ws,
            bodies: self.bodies,
            cs: self.cs,
        }
    }
}

/// The cut of a section heading, kept for the paragraph loop of
/// [`extract`]: its words, and its bodies and cues as ranges of the
/// document's arrays of them.
struct HeadingCut<'a> {
    ss: Sent<'a>,
    bodies: std::ops::Range<usize>,
    cs: std::ops::Range<usize>,
    /// What [`start_list_into`] gives for it: the byte where the list
    /// ends and the owners, as a range of the document's array of them.
    start: Option<(usize, std::ops::Range<usize>)>,
}

thread_local! {
    /// Buffers for the words of headings, left by the thread's last
    /// document for the next (a document cuts some 35 headings, each of
    /// which would otherwise allocate its buffers).
    static HEADING_WORDS: Cell<Vec<Words>> = const { Cell::new(Vec::new()) };

    /// The buffers for the words of the other sentences, likewise.
    static SENTENCE_WORDS: Cell<Option<Words>> = const { Cell::new(None) };
}

/// At most so many buffers in [`HEADING_WORDS`].
const POOL_MAX: usize = 128;

/// A buffer that holds more bytes than this is not kept in
/// [`HEADING_WORDS`] (the words of a long paragraph).
const POOL_WORDS_MAX_BYTES: usize = 32 * 1024;

/// Scratch for the searches of a [`Cut`]: the hits of the bodies' and of
/// the cues' phrases.
#[derive(Default)]
struct Hits {
    bodies: Vec<PhraseHit>,
    cues: Vec<PhraseHit>,
}

/// Buffers of [`extract`] reused from text to text.
#[derive(Default)]
struct Bufs<'d> {
    /// The buffers of a cut no longer needed.
    spare: Spare<'d>,
    /// Scratch for the searches of every cut.
    hits: Hits,
    /// The bodies a list names.
    list: Vec<usize>,
}

/// Whether a word of [`words`] is a punctuation word.
fn is_punct(w: &Word) -> bool {
    w.punct() != 0
}

/// A body as a row names it: key, or name when unknown.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct BodyId<'d>(Cow<'d, str>);

#[derive(Debug, Clone)]
struct Owner<'d, 't> {
    /// Borrowed from the dictionary.
    key: Option<&'d str>,
    /// Borrowed from the text it was found in.
    name: &'t str,
    role: Role,
}

impl<'d> Owner<'d, '_> {
    fn id(&self) -> BodyId<'d> {
        BodyId(match self.key {
            Some(k) => Cow::Borrowed(k),
            None => Cow::Owned(format!("?{}", self.name.to_lowercase())),
        })
    }
}

/// Who issued the plan, to keep it out of the rows.
struct Issuer<'a> {
    dict: &'a AgencyDict,
    rank: Option<u8>,
    /// The issuing body other than a People's Committee (a steering
    /// committee, a department): key and name words.
    bodies: Vec<(String, Vec<String>)>,
}

fn level_rank(level: &str) -> Option<u8> {
    match level {
        "national" => Some(0),
        "province" => Some(1),
        "district" => Some(2),
        "commune" => Some(3),
        _ => None,
    }
}

const LOWER: &str = "lower_peoples_committees";

impl<'a> Issuer<'a> {
    fn new(doc: &Doc, dict: &'a AgencyDict) -> Issuer<'a> {
        let issuer = &doc.meta.issuer;
        let found = dict.find_bodies(issuer);
        let mut rank = level_rank(&doc.meta.locality_level);
        if rank.is_none() {
            rank = found
                .iter()
                .find(|b| b.key == Some(LOWER))
                .and_then(|b| level_rank(b.level));
        }
        let bodies = found
            .into_iter()
            .filter_map(|b| Some((b.key?.to_string(), name_words(dict, b.name(issuer)))))
            .filter(|(k, _)| k != LOWER)
            .take(1)
            .collect();
        Issuer { dict, rank, bodies }
    }

    /// The body is the issuer (same key, one name the start of the other:
    /// "Ban Chỉ đạo 138" for "Ban Chỉ đạo 138 thành phố"), or a People's
    /// Committee of the issuer's level or above. `text` is the text `b` was
    /// found in.
    fn is(&self, b: &BodyMatch, text: &str) -> bool {
        match b.key {
            Some(LOWER) => match (level_rank(b.level), self.rank) {
                (None, _) => true,
                (Some(r), Some(ir)) => r <= ir,
                (Some(_), None) => false,
            },
            Some(k) => self.bodies.iter().any(|(ik, iw)| {
                ik == k && {
                    let w = name_words(self.dict, b.name(text));
                    iw.starts_with(&w) || w.starts_with(iw)
                }
            }),
            None => false,
        }
    }
}

fn name_words(dict: &AgencyDict, name: &str) -> Vec<String> {
    dict.words(name, false).texts()
}

/// The role a listed body takes: requested bodies always are; otherwise the
/// cue's (request -> requested, else assigned).
fn role_of(b: &BodyMatch, requested_cue: bool) -> Role {
    if b.requested || requested_cue {
        Role::Requested
    } else {
        Role::Assigned
    }
}

fn owner_of<'d, 't>(
    b: &BodyMatch<'d>,
    role: Role,
    c: &AssignmentCues,
    s: &Sent<'t>,
) -> Owner<'d, 't> {
    Owner {
        key: b.key,
        name: c.full_name_in(s, b),
        role,
    }
}

/// The bodies a text starts with (after an optional "Đề nghị"/"Giao" cue)
/// as owners into `owners` (cleared first), and the byte where the list
/// ends; `None` (`owners` empty) when it starts with none.
fn start_list_into<'d, 't>(
    s: &Sent<'t>,
    bodies: &[BodyMatch<'d>],
    cues: &[Cue],
    c: &AssignmentCues,
    issuer: &Issuer,
    list: &mut Vec<usize>,
    owners: &mut Vec<Owner<'d, 't>>,
) -> Option<usize> {
    owners.clear();
    let (end, requested) = start_list_end(s, bodies, cues, c, list)?;
    owners.extend(
        list.iter()
            .map(|&i| &bodies[i])
            .filter(|b| !issuer.is(b, s.text))
            .map(|b| owner_of(b, role_of(b, requested), c, s)),
    );
    Some(end)
}

/// The byte where the list of bodies of [`start_list_into`] ends (its bodies
/// as indices into `bodies` in `list`), and whether a request cue opens
/// it; `None` when the text starts with none.
fn start_list_end(
    s: &Sent,
    bodies: &[BodyMatch],
    cues: &[Cue],
    c: &AssignmentCues,
    list: &mut Vec<usize>,
) -> Option<(usize, bool)> {
    let mut pos = 0;
    let mut requested = false;
    if let Some(cue) = cues.iter().find(|q| {
        matches!(q.kind, CueKind::Request | CueKind::Order)
            && c.is_filler_gap(&s.ws, s.range(0, q.start))
    }) {
        // Only when the cue opens the text (nothing but bullets before it).
        if s.range(0, cue.start).iter().all(is_punct) {
            pos = cue.end;
            requested = cue.kind == CueKind::Request;
        }
    }
    c.list_after_into(s, bodies, pos, list);
    Some((bodies[*list.last()?].end, requested))
}

/// Byte ranges of the sentences of a paragraph.
#[cfg(test)]
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    sentences_into(text, &mut out);
    out
}

/// [`sentences`] into `out` (cleared first).
fn sentences_into(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut start = 0;
    // The stops are ASCII, so they are found by byte (SIMD); the two chars
    // after a stop are decoded only there.
    for b in memchr::memchr3_iter(b'.', b'!', b'?', text.as_bytes()) {
        let mut after_stop = text[b + 1..].chars();
        let next = after_stop.next();
        let after = after_stop.next();
        if next.is_some_and(char::is_whitespace)
            && after.is_some_and(|a| a.is_uppercase() || a == '-' || a == '+')
        {
            out.push((start, b + 1));
            start = b + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out.retain(|&(a, b)| !text[a..b].trim().is_empty());
}

/// Strips a leading list marker or number.
fn strip_marker(text: &str) -> &str {
    let t = text.trim_start();
    match marker_len(t) {
        Some(len) => t[len..].trim_start(),
        None => t,
    }
}

/// The words of `ws` that are not punctuation, counted up to `most`.
fn word_count(ws: &[Word], most: usize) -> usize {
    ws.iter().filter(|w| !is_punct(w)).take(most).count()
}

/// An [`Assignment`] as [`extract`] finds it, its texts borrowed.
#[derive(Debug, Clone, Copy)]
struct Row<'a> {
    section: &'a str,
    agency: Option<&'a str>,
    agency_name: &'a str,
    role: Role,
    task: &'a str,
    line: usize,
}

impl Row<'_> {
    /// The row with its texts owned.
    fn owned(&self) -> Assignment {
        Assignment {
            section: self.section.to_string(),
            agency: self.agency.map(str::to_string),
            agency_name: self.agency_name.to_string(),
            role: self.role,
            task: self.task.to_string(),
            line: self.line,
        }
    }
}

/// Adds the row of owner `o` for `task` (in section `section`, at `line`)
/// to `rows`, and to `meta` its body and `(own, in_impl)`: whether the task
/// is the body's own, and whether it is in the implementation section.
fn push_row<'a>(
    rows: &mut Vec<Row<'a>>,
    meta: &mut Vec<(BodyId<'a>, bool, bool)>,
    o: &Owner<'a, 'a>,
    section: &'a str,
    task: &'a str,
    line: usize,
    (own, in_impl): (bool, bool),
) {
    meta.push((o.id(), own, in_impl));
    rows.push(Row {
        section,
        agency: o.key,
        agency_name: o.name,
        role: o.role,
        task,
        line,
    });
}

/// What makes two rows the same (body, role, line, task), hashed without
/// the task's text (its length only: rows of one line that share body and
/// role are nearly always the same row).
#[derive(PartialEq, Eq)]
struct RowKey<'a> {
    id: &'a BodyId<'a>,
    role: Role,
    line: usize,
    task: &'a str,
}

impl std::hash::Hash for RowKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (self.id, self.role, self.line, self.task.len()).hash(h);
    }
}

/// Per row, whether it is the first with its body, role, line and task.
/// Rows in order of line (as [`extract`] makes them) are compared only
/// with the rows of their line before them; others are hashed
/// ([`first_rows_hashed`]).
fn first_rows(rows: &[Row], meta: &[(BodyId, bool, bool)]) -> Vec<bool> {
    if !rows.windows(2).all(|w| w[0].line <= w[1].line) {
        return first_rows_hashed(rows, meta);
    }
    let mut first: Vec<bool> = Vec::with_capacity(rows.len());
    // (The first row of the line of row `r`.)
    let mut run = 0;
    for (r, row) in rows.iter().enumerate() {
        if row.line != rows[run].line {
            run = r;
        }
        // (A row the same as a later first one is the same as that.)
        let repeated = (run..r).any(|q| {
            first[q]
                && rows[q].role == row.role
                && meta[q].0 == meta[r].0
                && rows[q].task == row.task
        });
        first.push(!repeated);
    }
    first
}

/// [`first_rows`] by a set of the rows seen.
fn first_rows_hashed(rows: &[Row], meta: &[(BodyId, bool, bool)]) -> Vec<bool> {
    let mut seen = FxHashSet::with_capacity_and_hasher(rows.len(), Default::default());
    rows.iter()
        .zip(meta)
        .map(|(r, m)| {
            seen.insert(RowKey {
                id: &m.0,
                role: r.role,
                line: r.line,
                task: r.task,
            })
        })
        .collect()
}

/// Whether the section lies in an implementation section that is not also a
/// solutions or funding section ("Giải pháp về tổ chức thực hiện").
fn in_implementation(outline: &Outline, s: usize) -> bool {
    let k = outline.kinds_at(s);
    k.contains(&SectionKind::Implementation)
        && !k.contains(&SectionKind::Solutions)
        && !k.contains(&SectionKind::Funding)
}

/// Every assignment of a document, in document order.
pub fn extract<'p>(doc: &Doc, patterns: &'p Patterns) -> Vec<Assignment> {
    let dict = &patterns.agencies;
    let cues = &patterns.assignment_cues;
    let outline = doc.outline;
    let paras = &doc.norm.paragraphs;
    let issuer = Issuer::new(doc, dict);
    let n = paras.len();

    // The text each paragraph is read as: headings broken over two lines are
    // joined, their second line then skipped.
    let mut text_of: Vec<Option<Cow<str>>> = paras
        .iter()
        .map(|p| Some(Cow::Borrowed(strip_marker(&p.text))))
        .collect();
    // The words read in the document's sentences, for the next sentences.
    let mut cache = WordCache::for_scans(dict, &cues.set);
    // Buffers reused from text to text.
    let mut bufs = Bufs::default();
    if let Ok(Some(ws)) = SENTENCE_WORDS.try_with(Cell::take) {
        bufs.spare.ws = ws;
    }
    // The section each paragraph is the heading of, if any.
    let mut heading_of_para: Vec<Option<usize>> = vec![None; n];
    for (s, sec) in outline.sections.iter().enumerate() {
        if sec.block != Block::Body || sec.start >= n {
            continue;
        }
        heading_of_para[sec.start] = Some(s);
        let h = sec.start;
        let Some(ht) = text_of[h].clone() else {
            continue;
        };
        if h + 1 < sec.end.min(n) && !ht.trim_end().ends_with(['.', ';', ':']) {
            let next = paras[h + 1].text.trim();
            // The second line goes on with the heading's list of bodies
            // ("... Hội Liên hiệp" / "Phụ nữ huyện, Huyện đoàn"), or only
            // names a place ("Thành phố").
            let continues = |joined: &str, cache: &mut WordCache, b: &mut Bufs<'p>| {
                let spare = std::mem::take(&mut b.spare);
                let js = Cut::new_in(joined, dict, cues, spare, &mut b.hits, cache);
                let list_end = start_list_end(&js.ss, &js.bodies, &js.cs, cues, &mut b.list)
                    .map_or(0, |(end, _)| end);
                b.spare = js.spare();
                list_end > ht.trim_end().len() || {
                    let nw = words(next, false);
                    cues.content_words(&nw, &nw, 1) == 0
                }
            };
            if marker_len(next).is_none()
                && next.chars().count() <= 80
                && !next.ends_with(['.', ';', ':'])
                && outline.of_paragraph.get(h + 1).copied().flatten() == Some(s)
            {
                // (Joined only for a line that may go on with the heading.)
                let joined = format!("{} {}", ht.trim_end(), next);
                if continues(&joined, &mut cache, &mut bufs) {
                    text_of[h] = Some(Cow::Owned(joined));
                    text_of[h + 1] = None;
                }
            }
        }
    }

    // Owners of each section from its heading; the headings' cuts are kept
    // for the main loop below, which reads them again.
    // (As ranges of `owned`, where the owners of every section are.)
    let mut owners: Vec<Option<std::ops::Range<usize>>> = vec![None; outline.sections.len()];
    let mut owned: Vec<Owner> = Vec::new();
    // The owners of one heading, before they go to `owned`.
    let mut o: Vec<Owner> = Vec::new();
    // (Per paragraph, its heading's cut in `heading_cuts`, if any; their
    // bodies and cues in one array each, their words from the thread's
    // pool, given back at the end.)
    let mut heading_cuts: Vec<HeadingCut> = Vec::new();
    let mut heading_bodies: Vec<BodyMatch> = Vec::new();
    let mut heading_cs: Vec<Cue> = Vec::new();
    let mut pool = HEADING_WORDS.try_with(Cell::take).unwrap_or_default();
    let mut heading_cut_of: Vec<Option<usize>> = vec![None; n];
    let Bufs {
        mut spare,
        mut hits,
        mut list,
    } = bufs;
    for (s, sec) in outline.sections.iter().enumerate() {
        if sec.block != Block::Body || sec.start >= n {
            continue;
        }
        let Some(ht) = &text_of[sec.start] else {
            continue;
        };
        // (In words of the pool, bodies and cues in the spare cut's
        // buffers, then copied to the documents' arrays.)
        let in_spare = Spare {
            ws: pool.pop().unwrap_or_default(),
            bodies: std::mem::take(&mut spare.bodies),
            cs: std::mem::take(&mut spare.cs),
        };
        let cut = Cut::new_in(ht, dict, cues, in_spare, &mut hits, &mut cache);
        let start = start_list_into(
            &cut.ss,
            &cut.bodies,
            &cut.cs,
            cues,
            &issuer,
            &mut list,
            &mut o,
        )
        .map(|end| {
            let r = owned.len()..owned.len() + o.len();
            owned.append(&mut o);
            (end, r)
        });
        if let Some((_, r)) = &start {
            owners[s] = Some(r.clone());
        }
        heading_cut_of[sec.start] = Some(heading_cuts.len());
        let Cut { ss, bodies, cs } = cut;
        let (b0, c0) = (heading_bodies.len(), heading_cs.len());
        heading_bodies.extend_from_slice(&bodies);
        heading_cs.extend_from_slice(&cs);
        (spare.bodies, spare.cs) = (bodies, cs);
        heading_cuts.push(HeadingCut {
            ss,
            bodies: b0..heading_bodies.len(),
            cs: c0..heading_cs.len(),
            start,
        });
    }
    // Per section: how many children name bodies, and how many there are.
    let mut children = vec![(0usize, 0usize); outline.sections.len()];
    for (x, sec) in outline.sections.iter().enumerate() {
        if let Some(p) = sec.parent {
            children[p].1 += 1;
            if owners[x].is_some() {
                children[p].0 += 1;
            }
        }
    }
    // Items of an implementation section that name no known body.
    for (s, sec) in outline.sections.iter().enumerate() {
        let Some(p) = sec.parent else {
            continue;
        };
        if owners[s].is_some() || !sec.is_heading || !in_implementation(outline, p) {
            continue;
        }
        let (named, count) = children[p];
        let Some(ht) = &text_of[sec.start] else {
            continue;
        };
        let ht = ht.trim().trim_end_matches(':').trim();
        if named * 2 < count
            || ht.is_empty()
            || ht.chars().count() > 100
            || ht.ends_with(['.', ';'])
        {
            continue;
        }
        let ss = Sent::new_in(ht, std::mem::take(&mut spare.ws), &mut cache);
        cues.find_into(&ss, &mut hits.cues, &mut spare.cs);
        spare.ws = ss.ws;
        let mut name = ht;
        let mut role = Role::Assigned;
        if let Some(c) = spare
            .cs
            .iter()
            .find(|c| matches!(c.kind, CueKind::Request | CueKind::Order) && c.start == 0)
        {
            name = ht[c.end..].trim();
            if c.kind == CueKind::Request {
                role = Role::Requested;
            }
        }
        owners[s] = Some(owned.len()..owned.len() + 1);
        owned.push(Owner {
            key: None,
            name,
            role,
        });
    }

    let sec_owner = |s: usize| -> Option<&[Owner]> {
        outline
            .ancestors(s)
            .find_map(|a| owners[a].clone().map(|r| &owned[r]))
    };

    // (Their texts borrowed: owned only for the rows kept, at the end.)
    // (Room for a row every other paragraph, up to 256: the rows are
    // seldom moved.)
    let mut rows: Vec<Row> = Vec::with_capacity((n / 2).min(256));
    // Per row: the body it names, and whether it is the body's own task.
    let mut row_meta: Vec<(BodyId, bool, bool)> = Vec::with_capacity((n / 2).min(256));
    let mut lead_score: FxHashMap<BodyId, u32> = FxHashMap::default();
    let mut closed: Option<usize> = None;

    let mut own_cut: Option<Cut> = None;
    // Buffers reused: the sentences of a paragraph, the bodies a sentence
    // starts with, those the first sentence of the paragraph starts with.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start_owners: Vec<Owner> = Vec::new();
    let mut para_owners: Vec<Owner> = Vec::new();
    for i in 0..n {
        if outline.block_of(i) != Block::Body {
            continue;
        }
        let Some(s) = outline.of_paragraph.get(i).copied().flatten() else {
            continue;
        };
        if outline.kinds_at(s).iter().any(|k| {
            matches!(
                k,
                SectionKind::Appendix | SectionKind::Recipients | SectionKind::Signature
            )
        }) {
            continue;
        }
        let Some(text) = &text_of[i] else {
            continue;
        };
        let is_heading_para = heading_of_para[i] == Some(s);
        if is_heading_para {
            closed = None;
        }
        let sec = &outline.sections[s];
        let in_impl = in_implementation(outline, s);
        let inherited: Option<&[Owner]> = if closed == Some(s) {
            None
        } else if is_heading_para {
            sec.parent.and_then(sec_owner)
        } else {
            sec_owner(s)
        };
        // (`para_owners` holds the paragraph's owners.)
        let mut para_owned = false;
        sentences_into(text, &mut spans);
        for (k, &(a, b)) in spans.iter().enumerate() {
            let sent = text[a..b].trim();
            let sent = strip_marker(sent);
            // (A heading's list as the heading loop found it.)
            let mut heading_start = None;
            let (ss, bodies, cs) = match heading_cut_of[i].map(|c| &heading_cuts[c]) {
                Some(c) if k == 0 && c.ss.text == sent => {
                    heading_start = Some(&c.start);
                    (
                        &c.ss,
                        &heading_bodies[c.bodies.clone()],
                        &heading_cs[c.cs.clone()],
                    )
                }
                _ => {
                    // (In the buffers of the sentence before.)
                    let spare = own_cut
                        .take()
                        .map_or_else(|| std::mem::take(&mut spare), Cut::spare);
                    let c =
                        own_cut.insert(Cut::new_in(sent, dict, cues, spare, &mut hits, &mut cache));
                    (&c.ss, &c.bodies[..], &c.cs[..])
                }
            };
            if k == 0
                && cs
                    .first()
                    .is_some_and(|c| c.kind == CueKind::Closing && c.start == 0)
            {
                closed = Some(s);
            }
            let start_end = match heading_start {
                Some(start) => {
                    start_owners.clear();
                    start.as_ref().map(|(end, r)| {
                        start_owners.extend_from_slice(&owned[r.clone()]);
                        *end
                    })
                }
                None => {
                    start_list_into(ss, bodies, cs, cues, &issuer, &mut list, &mut start_owners)
                }
            };
            let is_task = match start_end {
                Some(end) => cues.content_words(&ss.ws, ss.range(end, sent.len()), 2) >= 2,
                None => {
                    let n = word_count(&ss.ws, 8);
                    n >= 4 && !(is_heading_para && sec.is_heading && n < 8)
                }
            };
            // (The first sentence's list is kept for the paragraph, the
            // others' for this sentence.)
            if k == 0 && start_end.is_some() {
                std::mem::swap(&mut para_owners, &mut start_owners);
                para_owned = true;
            }
            let own: Option<&[Owner]> = if start_end.is_some() {
                Some(if k == 0 { &para_owners } else { &start_owners })
            } else if closed == Some(s) {
                None
            } else if para_owned {
                Some(&para_owners)
            } else if is_heading_para {
                None
            } else {
                inherited
            };
            if !is_task {
                continue;
            }
            let path = &sec.path;
            let line = paras[i].line;
            let sent_first = rows.len();
            if let Some(os) = own {
                for o in os {
                    push_row(
                        &mut rows,
                        &mut row_meta,
                        o,
                        path,
                        sent,
                        line,
                        (true, in_impl),
                    );
                }
            }
            for c in cs {
                // The listed bodies, and whether they are asked (Some(true)),
                // given the task (Some(false)) or partners (None).
                // (Into the one `list` of the document.)
                let asked = match c.kind {
                    CueKind::Request | CueKind::Order | CueKind::Partner => {
                        cues.list_after_into(ss, bodies, c.end, &mut list);
                        match c.kind {
                            CueKind::Request => Some(true),
                            CueKind::Order => Some(false),
                            _ => None,
                        }
                    }
                    CueKind::Subject => {
                        cues.list_before_into(ss, bodies, c.start, &mut list);
                        Some(false)
                    }
                    CueKind::LeadTarget => {
                        cues.list_after_into(ss, bodies, c.end, &mut list);
                        for &j in &list {
                            let o = owner_of(&bodies[j], Role::Assigned, cues, ss);
                            *lead_score.entry(o.id()).or_default() += c.weight;
                        }
                        continue;
                    }
                    _ => continue,
                };
                for &j in &list {
                    let b = &bodies[j];
                    // A keyless collective ("các phòng, ban, ngành") named
                    // as a partner says nothing worth a row.
                    if issuer.is(b, sent) || (asked.is_none() && b.key.is_none()) {
                        continue;
                    }
                    let role = asked.map_or(Role::Coordinating, |q| role_of(b, q));
                    let o = owner_of(b, role, cues, ss);
                    let own = o.role != Role::Coordinating;
                    push_row(
                        &mut rows,
                        &mut row_meta,
                        &o,
                        path,
                        sent,
                        line,
                        (own, in_impl),
                    );
                }
            }
            // Lead cues in this sentence count for the bodies it belongs to.
            let weight: u32 = cs
                .iter()
                .filter(|c| c.kind == CueKind::Lead)
                .filter(|c| {
                    !bodies
                        .iter()
                        .any(|b| b.start >= c.end && sent[c.end..b.start].trim().is_empty())
                })
                .map(|c| c.weight)
                .sum();
            if weight > 0 {
                for r in sent_first..rows.len() {
                    let (id, own, _) = &row_meta[r];
                    if *own && rows[r].role == Role::Assigned {
                        *lead_score.entry(id.clone()).or_default() += weight;
                    }
                }
            }
        }
    }

    // The headings' words back to the pool.
    for h in heading_cuts {
        if pool.len() < POOL_MAX && h.ss.ws.retained_bytes() <= POOL_WORDS_MAX_BYTES {
            pool.push(h.ss.ws);
        }
    }
    let _ = HEADING_WORDS.try_with(|p| p.set(pool));
    let ws = own_cut.map_or(spare.ws, |c| c.ss.ws);
    if ws.retained_bytes() <= 8 * POOL_WORDS_MAX_BYTES {
        let _ = SENTENCE_WORDS.try_with(|p| p.set(Some(ws)));
    }

    // Remove duplicates (same body, role, task and line).
    let first = first_rows(&rows, &row_meta);
    // (In place: `retain` visits the rows in order, once each.)
    let mut k = 0;
    rows.retain(|_| {
        k += 1;
        first[k - 1]
    });
    let mut k = 0;
    row_meta.retain(|_| {
        k += 1;
        first[k - 1]
    });

    // The lead: the assigned body with the most lead weight; ties and no cue
    // go to the first body of the implementation section.
    let mut cand: FxHashMap<BodyId, (u32, usize)> = FxHashMap::default();
    for (idx, (r, (id, own, in_impl))) in rows.iter().zip(&row_meta).enumerate() {
        if r.role != Role::Assigned || !own {
            continue;
        }
        let order = if *in_impl { idx } else { usize::MAX / 2 + idx };
        let score = lead_score.get(id).copied().unwrap_or(0);
        let e = cand.entry(id.clone()).or_insert((score, order));
        e.1 = e.1.min(order);
    }
    let lead = cand
        .into_iter()
        .filter(|(_, (score, order))| *score > 0 || *order < usize::MAX / 2)
        .max_by(|a, b| {
            (a.1 .0, std::cmp::Reverse(a.1 .1)).cmp(&(b.1 .0, std::cmp::Reverse(b.1 .1)))
        })
        .map(|(id, _)| id);
    for (r, (id, _, _)) in rows.iter_mut().zip(&row_meta) {
        if r.role == Role::Assigned && Some(id) == lead.as_ref() {
            r.role = Role::Lead;
        }
    }
    rows.iter().map(Row::owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::Patterns;

    #[test]
    fn sentences_split_at_full_stops_before_capitals() {
        let t = "Làm A. Làm B; làm c. d.";
        let s: Vec<&str> = sentences(t)
            .into_iter()
            .map(|(a, b)| t[a..b].trim())
            .collect();
        assert_eq!(s, ["Làm A.", "Làm B; làm c. d."]);
    }

    #[test]
    fn names_take_the_place_but_not_the_next_body_or_sentence() {
        let p = Patterns::builtin();
        let name = |text: &str| {
            let b = &p.agencies.find_bodies(text)[0];
            p.assignment_cues.full_name(text, b)
        };
        assert_eq!(
            name("Công an thành phố Hà Nội chủ trì"),
            "Công an thành phố Hà Nội"
        );
        assert_eq!(name("Thành Đoàn Hà Nội"), "Thành Đoàn Hà Nội");
        assert_eq!(
            name("Ủy ban MTTQ Việt Nam huyện và Hội Liên hiệp Phụ nữ"),
            "Ủy ban MTTQ Việt Nam huyện"
        );
        assert_eq!(
            name("Công chức Văn hóa - Xã hội Là cơ quan thường trực"),
            "Công chức Văn hóa - Xã hội"
        );
    }

    #[test]
    fn cuts_with_marked_words_find_what_unmarked_ones_find_on_the_plans() {
        let p = Patterns::builtin();
        let (dict, cues) = (&p.agencies, &p.assignment_cues);
        let mut marked = WordCache::for_scans(dict, &cues.set);
        let mut unmarked = WordCache::default();
        let (mut sentences_seen, mut cues_seen) = (0, 0);
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                for (a, b) in sentences(line) {
                    let t = &line[a..b];
                    sentences_seen += 1;
                    let m = Cut::new_in(
                        t,
                        dict,
                        cues,
                        Spare::default(),
                        &mut Hits::default(),
                        &mut marked,
                    );
                    let u = Cut::new_in(
                        t,
                        dict,
                        cues,
                        Spare::default(),
                        &mut Hits::default(),
                        &mut unmarked,
                    );
                    let g = Sent::new(t);
                    assert_eq!(m.ss.ws.mark_of_phrases(&cues.set), Some(2), "{t:?}");
                    assert_eq!(u.ss.ws.mark_of_phrases(&cues.set), None, "{t:?}");
                    assert_eq!(m.bodies, dict.find_bodies_in(&g.ws), "{t:?}");
                    assert_eq!(u.bodies, m.bodies, "{t:?}");
                    let want = format!("{:?}", cues.find(&g));
                    assert_eq!(format!("{:?}", m.cs), want, "{t:?}");
                    assert_eq!(format!("{:?}", u.cs), want, "{t:?}");
                    cues_seen += m.cs.len();
                }
            }
        }
        assert!(
            sentences_seen > 1000 && cues_seen > 300,
            "{sentences_seen} {cues_seen}"
        );
    }

    #[test]
    fn one_pass_over_marked_words_finds_what_the_two_searches_find() {
        let p = Patterns::builtin();
        let (dict, cues) = (&p.agencies, &p.assignment_cues);
        let nfd: String = "Giao Sở Y tế chủ trì, phối hợp với Công an huyện"
            .chars()
            .flat_map(|c| match c {
                'ở' => vec!['o', '\u{031B}', '\u{0309}'],
                'ế' => vec!['e', '\u{0302}', '\u{0301}'],
                _ => vec![c],
            })
            .collect();
        let long = "Đề nghị Ủy ban MTTQ Việt Nam huyện, Hội Liên hiệp Phụ nữ huyện \
                    phối hợp với UBND các xã; "
            .repeat(60);
        let texts = [
            "",
            " , ; ",
            "Giao Phòng Văn hóa và Thông tin chủ trì, phối hợp với các phòng, ban",
            "UBND các xã, thị trấn tổng hợp kết quả báo cáo (qua Phòng Nội vụ)",
            "Đề nghị Ủy ban MTTQ Việt Nam huyện và các đoàn thể phối hợp",
            "Cong an huyen chu tri, phoi hop voi So Y te",
            "Police and the health department",
            &nfd,
            &long,
            "Trên đây là Kế hoạch; Công an thành phố, Thành Đoàn Hà Nội thực hiện.",
        ];
        let mut marked = WordCache::for_scans(dict, &cues.set);
        let (mut bodies_seen, mut cues_seen) = (0, 0);
        for t in texts {
            let m = Cut::new_in(
                t,
                dict,
                cues,
                Spare::default(),
                &mut Hits::default(),
                &mut marked,
            );
            let g = Sent::new(t);
            assert_eq!(m.bodies, dict.find_bodies_in(&g.ws), "{t:?}");
            assert_eq!(
                format!("{:?}", m.cs),
                format!("{:?}", cues.find(&g)),
                "{t:?}"
            );
            bodies_seen += m.bodies.len();
            cues_seen += m.cs.len();
        }
        assert!(
            bodies_seen > 100 && cues_seen > 100,
            "{bodies_seen} {cues_seen}"
        );
    }

    #[test]
    fn a_document_gives_the_same_rows_whatever_the_thread_cut_before() {
        // (The headings' words are cut in buffers other documents left.)
        let p = Patterns::builtin();
        let texts = crate::test_support::plan_texts();
        let rows = |t: &String| crate::pipeline::analyze(t, p).assignments;
        let forward: Vec<_> = texts.iter().map(rows).collect();
        let backward: Vec<_> = texts.iter().rev().map(rows).collect();
        assert!(forward.iter().any(|r| !r.is_empty()));
        for (f, b) in forward.iter().zip(backward.iter().rev()) {
            assert_eq!(f, b);
        }
    }

    #[test]
    fn rows_by_line_are_told_first_as_the_set_of_rows_seen_tells() {
        // Random rows from a few bodies, roles, lines and tasks, in order
        // of line and not.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        let ids = ["police", "health", "?hội nông dân", "?", ""];
        let tasks = [
            "",
            "Làm A.",
            "Làm A",
            "làm a.",
            "Lam A.",
            "Phối hợp với Công an",
        ];
        let roles = [
            Role::Assigned,
            Role::Requested,
            Role::Coordinating,
            Role::Lead,
        ];
        for case in 0..300 {
            let len = next(40);
            let mut rows = Vec::new();
            let mut meta = Vec::new();
            let mut line = 1;
            for _ in 0..len {
                line = if case % 3 == 0 {
                    next(6)
                } else {
                    line + next(2)
                };
                let id = ids[next(ids.len() as u64)];
                rows.push(Row {
                    section: "",
                    agency: None,
                    agency_name: "",
                    role: roles[next(roles.len() as u64)],
                    task: tasks[next(tasks.len() as u64)],
                    line,
                });
                meta.push((BodyId(Cow::Borrowed(id)), next(2) == 0, false));
            }
            assert_eq!(
                first_rows(&rows, &meta),
                first_rows_hashed(&rows, &meta),
                "{case}"
            );
        }
    }

    #[test]
    fn strips_markers() {
        assert_eq!(strip_marker("- Phối hợp"), "Phối hợp");
        assert_eq!(strip_marker("11. Đề nghị"), "Đề nghị");
    }
}
