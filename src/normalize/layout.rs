//! Line cleaning and paragraph re-joining.
//!
//! Each source line is repaired (characters, NFC, Markdown), classified (blank,
//! page number, URL, rule, table row, text) and then joined to the paragraph
//! before it or not, by the rules in [`joins`].

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::{FixLog, Normalized, Paragraph, Repairs};

/// A list or heading marker at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListMarker {
    /// `I.`, `IV)` — the numeral.
    Roman(String),
    /// `1.`, `2.3.1.`, `1.1` — the parts.
    Decimal(Vec<u32>),
    /// `a)`, `b.`, `đ)` — the letter.
    Letter(char),
    /// `-`, `+`, `•`, `*`, `–` — the bullet.
    Bullet(char),
}

struct Res {
    marker: Regex,
    md_heading: Regex,
    md_link: Regex,
    md_escape: Regex,
    url_only: Regex,
    rule_only: Regex,
    spaces: Regex,
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    R.get_or_init(|| Res {
        marker: Regex::new(
            r"^(?:(?P<roman>[IVXL]{1,6})[.)]\s|(?P<dec>\d{1,2}(?:[.)]|(?:\.\d{1,2})+\.?))(?:\s|$)|(?P<letter>[a-zđ])[.)]\s|(?P<bullet>[-+*•–—·●○■□►❖➢✓])\s?)",
        )
        .unwrap(),
        md_heading: Regex::new(r"^(#{1,6})\s*").unwrap(),
        md_link: Regex::new(r"\[([^\]]*)\]\((?:https?:|mailto:|www\.)[^)]*\)").unwrap(),
        md_escape: Regex::new(r"\\([-.*_#+()\[\]!`>|])").unwrap(),
        url_only: Regex::new(r"(?i)^<?(?:https?://|www\.|mailto:)\S*>?$").unwrap(),
        rule_only: Regex::new(r"^[\s|:=_*~-]{3,}$").unwrap(),
        spaces: Regex::new(r"\s{2,}").unwrap(),
    })
}

/// The list or heading marker a (trimmed) line starts with, and the byte length
/// of the marker including the space after it.
///
/// The grammar is `Res::marker`; lines whose marker is plain ASCII (nearly
/// all) are read by hand, the rest by the regex.
pub fn list_marker(line: &str) -> Option<(ListMarker, usize)> {
    match marker_ascii(line) {
        Some(m) => m,
        None => marker_regex(line),
    }
}

/// A list marker as [`list_marker_ref`] reads it: [`ListMarker`] with the
/// numeral or number borrowed from the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerRef<'a> {
    /// `I.`, `IV)` — the numeral.
    Roman(&'a str),
    /// `1.`, `2.3.1.`, `1.1` — the number as written; its parts, those of
    /// [`ListMarker::Decimal`], are [`decimal_parts`]'s.
    Decimal(&'a str),
    Letter(char),
    Bullet(char),
}

/// [`list_marker`] without copying the marker's numeral or parts out.
pub fn list_marker_ref(line: &str) -> Option<(MarkerRef<'_>, usize)> {
    match marker_shape(line) {
        Some(m) => m.map(|(shape, len)| {
            let m = match shape {
                MarkerShape::Roman(n) => MarkerRef::Roman(&line[..n]),
                MarkerShape::Decimal(n) => MarkerRef::Decimal(&line[..n]),
                MarkerShape::Letter(c) => MarkerRef::Letter(c),
                MarkerShape::Bullet(c) => MarkerRef::Bullet(c),
            };
            (m, len)
        }),
        None => {
            let caps = res().marker.captures(line)?;
            let len = caps.get(0)?.end();
            let m = if let Some(m) = caps.name("roman") {
                MarkerRef::Roman(m.as_str())
            } else if let Some(m) = caps.name("dec") {
                MarkerRef::Decimal(m.as_str())
            } else if let Some(m) = caps.name("letter") {
                MarkerRef::Letter(m.as_str().chars().next()?)
            } else {
                MarkerRef::Bullet(caps.name("bullet")?.as_str().chars().next()?)
            };
            Some((m, len))
        }
    }
}

/// The parts of a decimal marker's number (`2.3.` -> 2, 3), as
/// [`ListMarker::Decimal`] holds them, without collecting them.
pub fn decimal_parts_iter(s: &str) -> impl Iterator<Item = u32> + '_ {
    s.split(['.', ')'])
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
}

/// The byte length [`list_marker`] gives (the marker and the space after
/// it), without copying out the marker's parts.
pub fn marker_len(line: &str) -> Option<usize> {
    match marker_shape(line) {
        Some(m) => m.map(|(_, len)| len),
        None => marker_regex(line).map(|(_, len)| len),
    }
}

fn marker_regex(line: &str) -> Option<(ListMarker, usize)> {
    let caps = res().marker.captures(line)?;
    let len = caps.get(0).unwrap().end();
    if let Some(m) = caps.name("roman") {
        return Some((ListMarker::Roman(m.as_str().to_string()), len));
    }
    if let Some(m) = caps.name("dec") {
        return Some((ListMarker::Decimal(decimal_parts(m.as_str())), len));
    }
    if let Some(m) = caps.name("letter") {
        return Some((ListMarker::Letter(m.as_str().chars().next().unwrap()), len));
    }
    let m = caps.name("bullet").unwrap();
    let c = m.as_str().chars().next().unwrap();
    Some((ListMarker::Bullet(c), len))
}

fn decimal_parts(s: &str) -> Vec<u32> {
    decimal_parts_iter(s).collect()
}

/// The bullets of `Res::marker`.
const BULLETS: &[char] = &[
    '-', '+', '*', '•', '–', '—', '·', '●', '○', '■', '□', '►', '❖', '➢', '✓',
];

/// A marker as [`marker_shape`] finds it, before its parts are copied out.
enum MarkerShape {
    /// The numeral is `line[..n]`.
    Roman(usize),
    /// The parts are those of `line[..n]`.
    Decimal(usize),
    Letter(char),
    Bullet(char),
}

/// `Res::marker` read by hand: `Some(answer)`, or `None` when a digit of
/// another script is involved and the regex's Unicode `\d` must decide.
fn marker_ascii(line: &str) -> Option<Option<(ListMarker, usize)>> {
    Some(marker_shape(line)?.map(|(shape, len)| {
        let m = match shape {
            MarkerShape::Roman(n) => ListMarker::Roman(line[..n].to_string()),
            MarkerShape::Decimal(n) => ListMarker::Decimal(decimal_parts(&line[..n])),
            MarkerShape::Letter(c) => ListMarker::Letter(c),
            MarkerShape::Bullet(c) => ListMarker::Bullet(c),
        };
        (m, len)
    }))
}

/// Whether a line starts with a list marker, and whether with one that is
/// not a bullet: `list_marker` without copying the marker's parts.
fn marker_facts(line: &str) -> (bool, bool) {
    match marker_shape(line) {
        Some(Some((shape, _))) => (true, !matches!(shape, MarkerShape::Bullet(_))),
        Some(None) => (false, false),
        None => {
            let m = marker_regex(line);
            (
                m.is_some(),
                matches!(m, Some((m, _)) if !matches!(m, ListMarker::Bullet(_))),
            )
        }
    }
}

/// [`marker_ascii`] with the marker as a [`MarkerShape`].
fn marker_shape(line: &str) -> Option<Option<(MarkerShape, usize)>> {
    let b = line.as_bytes();
    let Some(&first) = b.first() else {
        return Some(None);
    };
    // Length of the whitespace char at byte `i`, if there is one (an ASCII
    // byte tells at once: `char::is_whitespace` of ASCII is `\t`..`\r` and
    // the space).
    let space_at = |i: usize| -> Option<usize> {
        match *b.get(i)? {
            b' ' | b'\t'..=b'\r' => Some(1),
            0..=0x7F => None,
            _ => line
                .get(i..)?
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map(char::len_utf8),
        }
    };
    if first >= 0x80 {
        let c = line.chars().next()?;
        if BULLETS.contains(&c) {
            let n = c.len_utf8();
            return Some(Some((MarkerShape::Bullet(c), n + space_at(n).unwrap_or(0))));
        }
        if c == 'đ' {
            return Some(match b.get(2) {
                Some(b'.' | b')') => space_at(3).map(|n| (MarkerShape::Letter('đ'), 3 + n)),
                _ => None,
            });
        }
        return if c.is_numeric() { None } else { Some(None) };
    }
    match first {
        b'I' | b'V' | b'X' | b'L' => {
            // Only the whole run of numeral letters can be followed by `.`/`)`.
            let run = b
                .iter()
                .take_while(|x| matches!(x, b'I' | b'V' | b'X' | b'L'))
                .count();
            if run <= 6 && matches!(b.get(run), Some(b'.' | b')')) {
                if let Some(n) = space_at(run + 1) {
                    return Some(Some((MarkerShape::Roman(run), run + 1 + n)));
                }
            }
            Some(None)
        }
        b'0'..=b'9' => {
            // A decimal marker is all of the line up to the first whitespace.
            let end = line
                .char_indices()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(line.len(), |(i, _)| i);
            let tok = &line[..end];
            if !tok.is_ascii() {
                return if tok.chars().any(|c| !c.is_ascii() && c.is_numeric()) {
                    None
                } else {
                    Some(None)
                };
            }
            if !is_decimal_marker(tok.as_bytes()) {
                return Some(None);
            }
            let len = end + space_at(end).unwrap_or(0);
            Some(Some((MarkerShape::Decimal(end), len)))
        }
        b'a'..=b'z' => Some(match b.get(1) {
            Some(b'.' | b')') => space_at(2).map(|n| (MarkerShape::Letter(first as char), 2 + n)),
            _ => None,
        }),
        b'-' | b'+' | b'*' => Some(Some((
            MarkerShape::Bullet(first as char),
            1 + space_at(1).unwrap_or(0),
        ))),
        _ => Some(None),
    }
}

/// Whether an ASCII token is all of `\d{1,2}(?:[.)]|(?:\.\d{1,2})+\.?)`.
fn is_decimal_marker(t: &[u8]) -> bool {
    let digits = |from: usize| t[from..].iter().take_while(|x| x.is_ascii_digit()).count();
    let d = digits(0);
    if !(1..=2).contains(&d) {
        return false;
    }
    if &t[d..] == b"." || &t[d..] == b")" {
        return true;
    }
    let mut i = d;
    let mut groups = 0;
    while i < t.len() && t[i] == b'.' {
        let n = digits(i + 1);
        if n == 0 {
            break;
        }
        if n > 2 {
            return false;
        }
        i += 1 + n;
        groups += 1;
    }
    groups > 0 && (i == t.len() || (i + 1 == t.len() && t[i] == b'.'))
}

/// Whether the letters of a line are (nearly) all capitals: a heading such as
/// `KẾ HOẠCH` or `I. MỤC TIÊU, CHỈ TIÊU`.
pub fn is_caps_line(line: &str) -> bool {
    // Caps need 9 capitals for every small letter, so at most a tenth of the
    // chars (and so of the bytes) may be small letters: most lines of running
    // text fail on their ASCII small letters alone, counted by byte.
    let limit = line.len() / 10;
    let mut ascii_lower = 0;
    for b in line.bytes() {
        ascii_lower += usize::from(b.is_ascii_lowercase());
        if ascii_lower > limit {
            return false;
        }
    }
    caps_by_chars(line)
}

/// [`is_caps_line`] given the number of ASCII small letters of `line`.
fn is_caps_counted(line: &str, ascii_lower: usize) -> bool {
    ascii_lower <= line.len() / 10 && caps_by_chars(line)
}

/// The letter count of [`is_caps_line`].
fn caps_by_chars(line: &str) -> bool {
    let mut upper = 0;
    let mut letters = 0;
    for c in line.chars() {
        let (alpha, up) = super::fold::alpha_upper(c);
        if alpha {
            letters += 1;
            upper += usize::from(up);
        }
    }
    letters >= 4 && upper * 100 >= letters * 90
}

/// One cleaned source line; its text borrowed from the document where
/// cleaning only cut it.
#[derive(Debug, Clone)]
struct Line<'a> {
    text: Cow<'a, str>,
    no: usize,
    /// The raw line had a form feed (a page break from pdftotext).
    form_feed: bool,
    kind: Kind,
    md_heading: Option<u8>,
    emphasized: bool,
    /// Facts about `text` that joining asks for again and again.
    facts: Facts,
}

/// What [`joins`] and [`shape`] need to know of a line's text, worked out once.
#[derive(Debug, Clone, Copy, Default)]
struct Facts {
    chars: usize,
    caps: bool,
    /// The line starts with a list marker; `numbered` when it is not a bullet.
    marker: bool,
    numbered: bool,
    block_word: bool,
}

impl Facts {
    /// `ascii_lower`, `chars`: the number of ASCII small letters and of
    /// chars in `text`, if known.
    fn of(text: &str, ascii_lower: Option<usize>, chars: Option<usize>) -> Facts {
        let (marker, numbered) = marker_facts(text);
        Facts {
            chars: chars.unwrap_or_else(|| text.chars().count()),
            caps: match ascii_lower {
                Some(n) => is_caps_counted(text, n),
                None => is_caps_line(text),
            },
            marker,
            numbered,
            block_word: starts_block_word(text),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// A number alone on a line: a page number or a table's STT cell.
    Number,
    Text,
    TableRow,
}

/// One source line cleaned: repaired (unless `repairs` is `None`: the whole
/// text was), control chars and NFC, and its facts.
/// `scan`: the [`Scan`] of `raw` when `repairs` is `None`.
// Inlined into the loop over the lines (its one caller): the line is then
// built in place in the vector of lines rather than returned and moved, and
// the scan stays in registers (a million instructions of the subset).
#[inline(always)]
fn clean_line<'a>(
    raw: &'a str,
    scan: Option<Scan>,
    no: usize,
    repairs: Option<&Repairs>,
    log: &mut FixLog,
) -> Option<Line<'a>> {
    let r = res();
    let mut s = match repairs {
        Some(repairs) => repairs.apply(raw, log),
        None => Cow::Borrowed(raw),
    };
    // What the line's bytes hold, from one pass; valid for `s` and for any
    // part of it (every flag says "some byte of it is ...").
    let mut scan = match (scan, &s) {
        (Some(scan), Cow::Borrowed(_)) => scan,
        _ => Scan::of(s.as_bytes()),
    };
    let form_feed = match s {
        Cow::Borrowed(_) => scan.has(FORM_FEED),
        Cow::Owned(_) => memchr::memchr(0x0C, raw.as_bytes()).is_some(),
    };
    // Control characters (tab becomes a space; a form feed is a page break).
    if scan.has(CONTROL) {
        let before = s.chars().count();
        let kept: String = s
            .chars()
            .filter_map(|c| match c {
                '\t' => Some(' '),
                '\u{c}' => None,
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        let removed = before - kept.chars().count();
        log.add("control", removed);
        s = Cow::Owned(kept);
        scan = Scan::of(s.as_bytes());
    }
    if scan.has(MAYBE_NOT_NFC) && is_nfc_quick(s.chars()) != IsNormalized::Yes {
        let n: String = s.nfc().collect();
        if n != s {
            log.add("nfc", 1);
            s = Cow::Owned(n);
            scan = Scan::of(s.as_bytes());
        }
    }
    let mut t = trim(&s);
    if t.is_empty() {
        return Some(Line {
            text: Cow::Borrowed(""),
            no,
            form_feed,
            kind: Kind::Blank,
            md_heading: None,
            emphasized: false,
            facts: Facts::default(),
        });
    }
    // The anchored regexes below only run on lines that start the way a match
    // must (`<`/`http`/`www`/`mailto`, `#`, a rule char).
    if may_be_url(t) && r.url_only.is_match(t) {
        log.add("url", 1);
        return None;
    }
    // Markdown.
    let mut md_heading = None;
    let mut md_fixed = false;
    let heading = if t.starts_with('#') {
        r.md_heading.captures(t)
    } else {
        None
    };
    if let Some(c) = heading {
        md_heading = Some(c[1].len() as u8);
        t = t[c.get(0).unwrap().end()..].trim();
        md_fixed = true;
    }
    if t.starts_with('>') && t.len() > 1 {
        t = t[1..].trim_start();
        md_fixed = true;
    }
    let table_row = t.len() > 1 && t.starts_with('|') && t.ends_with('|');
    if may_be_rule(t) && r.rule_only.is_match(t) {
        log.add("rule", 1);
        return None;
    }
    let emphasized = (t.starts_with("**") && t.ends_with("**") && t.len() > 4)
        || (t.starts_with("__") && t.ends_with("__") && t.len() > 4)
        || (t.starts_with('*') && t.ends_with('*') && t.len() > 2 && !t.starts_with("* "));
    // `t` as a part of `s`, borrowed from the document when `s` is.
    let mut text: Cow<'a, str> = match s {
        Cow::Borrowed(b) => {
            let start = t.as_ptr() as usize - b.as_ptr() as usize;
            Cow::Borrowed(&b[start..start + t.len()])
        }
        Cow::Owned(_) => Cow::Owned(t.to_string()),
    };
    // The text is still `s` less some ASCII marks and whitespace, so the
    // scan's flags and small-letter count hold for it.
    let mut scanned = true;
    // Links, escapes and emphasis all need one of `] \\ _ *`.
    if scan.has(MARKDOWN) {
        let mut m = text.as_ref();
        let mut changed: Option<String> = None;
        if m.contains("](") {
            let n = r.md_link.replace_all(m, "$1");
            if n != m {
                changed = Some(n.into_owned());
                m = changed.as_deref().unwrap();
            }
        }
        if m.contains('\\') {
            let n = r.md_escape.replace_all(m, "$1");
            if n != m {
                changed = Some(n.into_owned());
                m = changed.as_deref().unwrap();
            }
        }
        if m.contains("__") {
            changed = Some(strip_marks(&m.replace("__", "\u{1}"), '\u{1}'));
            m = changed.as_deref().unwrap();
        }
        if m.contains('*') {
            // A leading `* ` is a bullet; any other asterisk is emphasis.
            let (head, rest) = if m.starts_with("* ") {
                m.split_at(2)
            } else {
                ("", m)
            };
            if rest.contains('*') {
                changed = Some(format!("{head}{}", strip_marks(rest, '*')));
            }
        }
        if let Some(m) = changed {
            md_fixed = true;
            scanned = false;
            text = Cow::Owned(m);
        }
    }
    if md_fixed {
        log.add("markdown", 1);
    }
    let mut kind = Kind::Text;
    if table_row {
        let cells: Vec<&str> = text
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        if cells.is_empty() {
            log.add("rule", 1);
            return None;
        }
        text = Cow::Owned(cells.join(" | "));
        kind = Kind::TableRow;
    }
    // U+1680 and U+3000 (`E1 9A 80`, `E3 80 80`) are among the chars the
    // scan could not call NFC at a glance.
    let rare_spaces = scan.has(MAYBE_NOT_NFC) && rare_spaces(&s);
    // The scan's flag is for the untrimmed line; most of its double spaces
    // are trailing ones that trimming dropped, so the trimmed text is asked
    // as well before the regex runs.
    let double_space =
        (!scanned || rare_spaces || scan.has(SPACES)) && may_have_double_space(&text, rare_spaces);
    if double_space && r.spaces.is_match(&text) {
        text = Cow::Owned(r.spaces.replace_all(&text, " ").into_owned());
    }
    let text = match text {
        // Still `t`, which every step above left trimmed at both ends.
        Cow::Borrowed(b) => {
            debug_assert_eq!(b, b.trim());
            Cow::Borrowed(b)
        }
        Cow::Owned(o) if o.trim().len() == o.len() => Cow::Owned(o),
        Cow::Owned(o) => Cow::Owned(o.trim().to_string()),
    };
    if text.is_empty() {
        return Some(Line {
            text,
            no,
            form_feed,
            kind: Kind::Blank,
            md_heading: None,
            emphasized: false,
            facts: Facts::default(),
        });
    }
    if kind == Kind::Text && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()) {
        kind = Kind::Number;
    }
    // Markdown fixes can drop small letters (a link's address); the rest of
    // cleaning drops only whitespace and marks.
    // A text still borrowed is a part of `s`, whose continuation bytes the
    // scan counted: those of the cut-off ends (whitespace, marks) aside,
    // they are the text's.
    let chars = match (&text, &s) {
        (Cow::Borrowed(b), Cow::Borrowed(whole)) => {
            let off = b.as_ptr() as usize - whole.as_ptr() as usize;
            // (The cut-off ends are mostly empty or one space.)
            let cut = |x: &[u8]| match x {
                [] => 0,
                [c] => usize::from((*c as i8) < -0x40),
                _ => x.iter().filter(|&&c| (c as i8) < -0x40).count(),
            };
            let wb = whole.as_bytes();
            let cont = scan.cont - cut(&wb[..off]) - cut(&wb[off + b.len()..]);
            Some(b.len() - cont)
        }
        _ => None,
    };
    let facts = Facts::of(&text, scanned.then_some(scan.ascii_lower), chars);
    Some(Line {
        text,
        no,
        form_feed,
        kind,
        md_heading,
        emphasized,
        facts,
    })
}

/// [`Scan`] flags: a form feed.
const FORM_FEED: u8 = 1;
/// A control char (C0, DEL or C1): [`has_control`].
const CONTROL: u8 = 2;
/// A char outside [`surely_nfc`]'s (the plain Latin ones and the general
/// punctuation U+2002..U+203F).
const MAYBE_NOT_NFC: u8 = 4;
/// One of the Markdown marks `\ * _ ]`.
const MARKDOWN: u8 = 8;
/// Two spaces, or a non-ASCII whitespace char other than U+1680 and
/// U+3000: [`may_have_double_space`] without the rare ones.
const SPACES: u8 = 16;
/// A `C2` byte (looked at once the pass is done).
const C2: u8 = 32;

/// What one line's bytes hold, found in one pass the compiler vectorizes
/// (in place of a scan or search each for control chars, NFC, form feeds,
/// Markdown marks, double spaces and small letters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Scan {
    flags: u8,
    /// ASCII small letters.
    ascii_lower: usize,
    /// UTF-8 continuation bytes (the chars are the bytes less these).
    cont: usize,
}

impl Scan {
    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// The scan of `b`.
    fn of(b: &[u8]) -> Scan {
        // Padded with a letter that is in no class, so that the blocks may
        // read past the end.
        let mut padded = Vec::with_capacity(b.len() + 34);
        padded.extend_from_slice(&[b'A'; 16]);
        padded.extend_from_slice(b);
        padded.extend_from_slice(&[b'A'; 18]);
        Scan::within(&padded, 16, 16 + b.len())
    }

    /// The scan of `text[start..end]`, reading bytes of `text` around it:
    /// the last block ends at `end` and may begin before `start` (those
    /// lanes are masked out), and every block reads the two bytes after it
    /// (a char starting before `end` ends before it).
    // Inlined into the loop over the lines (a call per line cost more than
    // its share of a short line's scan).
    #[inline(always)]
    fn within(text: &[u8], start: usize, end: usize) -> Scan {
        if end < 16 || end + 2 > text.len() {
            return Scan::of(&text[start..end]);
        }
        // Most lines hold no byte of any class: one quick pass tells them
        // (and counts the small letters); the rest are scanned again for
        // which classes.
        let (odd, ascii_lower, cont) = quick(text, start, end);
        if odd == 0 {
            return Scan {
                flags: 0,
                ascii_lower,
                cont,
            };
        }
        let (mut flags, _) = blocks(text, start, end, scan_block);
        // `C2 ..`: C1 controls (80..9F), U+0085 and U+00A0 (rare in plans).
        if flags & C2 != 0 {
            let b = &text[start..end];
            for i in memchr::memchr_iter(0xC2, b) {
                if matches!(b.get(i + 1), Some(0x80..=0x9F)) {
                    flags |= CONTROL;
                }
                if matches!(b.get(i + 1), Some(0x85 | 0xA0)) {
                    flags |= SPACES;
                }
            }
        }
        Scan {
            flags,
            ascii_lower,
            cont,
        }
    }
}

/// `block` over `text[start..end]` in blocks of 16 bytes (see
/// [`Scan::within`]): the or of its lanes and the sum of its counts.
#[inline(always)]
fn blocks(
    text: &[u8],
    start: usize,
    end: usize,
    block: impl Fn(&[u8; 18], &[u8; 16], &mut [u8; 16], &mut [u8; 16]),
) -> (u8, usize) {
    let mut flags = [0u8; 16];
    let mut lower = [0u8; 16];
    let mut ascii_lower = 0;
    let mut rounds = 0;
    let mut i = start;
    while i + 16 <= end {
        block(
            text[i..i + 18].try_into().unwrap(),
            &ALL,
            &mut flags,
            &mut lower,
        );
        i += 16;
        rounds += 1;
        if rounds == 250 {
            ascii_lower += lower.iter().map(|&n| usize::from(n)).sum::<usize>();
            lower = [0; 16];
            rounds = 0;
        }
    }
    if i < end {
        // The last `end - i` lanes of the block ending at `end`.
        let keep = end - i;
        let mask: &[u8; 16] = MASKS[keep..keep + 16].try_into().unwrap();
        block(
            text[end - 16..end + 2].try_into().unwrap(),
            mask,
            &mut flags,
            &mut lower,
        );
    }
    ascii_lower += lower.iter().map(|&n| usize::from(n)).sum::<usize>();
    (flags.iter().fold(0, |a, &f| a | f), ascii_lower)
}

/// [`quick_block`] over `text[start..end]` (as [`blocks`]): whether any byte
/// falls in a class, and the number of small letters.
#[cfg(not(target_arch = "x86_64"))]
fn quick(text: &[u8], start: usize, end: usize) -> (u8, usize, usize) {
    let (odd, lower) = blocks(text, start, end, quick_block);
    let cont = text[start..end]
        .iter()
        .filter(|&&b| (b as i8) < -0x40)
        .count();
    (odd, lower, cont)
}

/// [`quick_block`] over `text[start..end]` (as [`blocks`]) in SSE2, which
/// every x86-64 has: whether any byte falls in a class (or in a few more:
/// `^`, and the C0 controls with the bytes from `CC` on tested as one
/// range), the number of small letters and of continuation bytes.
#[cfg(target_arch = "x86_64")]
fn quick(text: &[u8], start: usize, end: usize) -> (u8, usize, usize) {
    use std::arch::x86_64::*;
    assert!(end >= 16 && end + 2 <= text.len() && start <= end);
    // SAFETY: SSE2 is part of x86-64; every load reads 16 bytes within
    // `text[start - ..end + 2]`: `i + 16 <= end` in the loop, and the last
    // block starts at `end - 16 >= 0` and its second load ends at `end + 1`.
    unsafe {
        let p = text.as_ptr();
        let splat = |b: u8| _mm_set1_epi8(b as i8);
        // Unsigned `v < n` lane by lane.
        let below = |v: __m128i, n: u8| _mm_cmpeq_epi8(_mm_min_epu8(v, splat(n - 1)), v);
        let block = |at: usize| {
            let x = _mm_loadu_si128(p.add(at) as *const __m128i);
            let y = _mm_loadu_si128(p.add(at + 1) as *const __m128i);
            // C0 controls and bytes from `CC` on: `x + 34` below `54`.
            let wide = below(_mm_add_epi8(x, splat(0x34)), 0x54);
            // `E1 B8..BB`: Vietnamese letters (U+1E00..U+1EFF).
            let viet = _mm_and_si128(
                _mm_cmpeq_epi8(x, splat(0xE1)),
                below(_mm_sub_epi8(y, splat(0xB8)), 4),
            );
            let marks = _mm_or_si128(
                below(_mm_sub_epi8(x, splat(b'\\')), 4),
                _mm_cmpeq_epi8(x, splat(b'*')),
            );
            let others = _mm_or_si128(
                _mm_or_si128(
                    _mm_cmpeq_epi8(x, splat(0x7F)),
                    _mm_cmpeq_epi8(x, splat(0xC2)),
                ),
                _mm_and_si128(
                    _mm_cmpeq_epi8(x, splat(b' ')),
                    _mm_cmpeq_epi8(y, splat(b' ')),
                ),
            );
            let odd = _mm_or_si128(_mm_andnot_si128(viet, wide), _mm_or_si128(marks, others));
            let small = below(_mm_sub_epi8(x, splat(b'a')), 26);
            // `80..BF`: below `-40` as signed bytes.
            let cont = _mm_cmplt_epi8(x, splat(0xC0));
            (odd, small, cont)
        };
        let zero = _mm_setzero_si128();
        let sum = |v: __m128i| {
            let s = _mm_sad_epu8(v, zero);
            (_mm_cvtsi128_si64(s) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(s, s))) as usize
        };
        let mut odd = zero;
        let mut lower = zero;
        let mut conts = zero;
        let mut ascii_lower = 0;
        let mut cont = 0;
        let mut rounds = 0;
        let mut i = start;
        while i + 16 <= end {
            let (o, l, c) = block(i);
            odd = _mm_or_si128(odd, o);
            lower = _mm_sub_epi8(lower, l);
            conts = _mm_sub_epi8(conts, c);
            i += 16;
            rounds += 1;
            if rounds == 250 {
                ascii_lower += sum(lower);
                cont += sum(conts);
                lower = zero;
                conts = zero;
                rounds = 0;
            }
        }
        if i < end {
            let keep = end - i;
            let mask = _mm_loadu_si128(MASKS.as_ptr().add(keep) as *const __m128i);
            let (o, l, c) = block(end - 16);
            odd = _mm_or_si128(odd, _mm_and_si128(o, mask));
            lower = _mm_sub_epi8(lower, _mm_and_si128(l, mask));
            conts = _mm_sub_epi8(conts, _mm_and_si128(c, mask));
        }
        ascii_lower += sum(lower);
        cont += sum(conts);
        (u8::from(_mm_movemask_epi8(odd) != 0), ascii_lower, cont)
    }
}

/// Whether bytes `w[0..16]` in the lanes `mask` keeps fall in any class of
/// [`scan_block`] (or-ed into `odd`), and their small letters (counted into
/// `lower`), lane by lane.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline(always)]
fn quick_block(w: &[u8; 18], mask: &[u8; 16], odd: &mut [u8; 16], lower: &mut [u8; 16]) {
    for k in 0..16 {
        let (x, y) = (w[k], w[k + 1]);
        // `E2` (spaces) is among the bytes from `CC` on.
        let any = (x < 0x20)
            | (x == 0x7F)
            | (x == 0xC2)
            | ((x >= 0xCC) & !((x == 0xE1) & (y.wrapping_sub(0xB8) < 4)))
            | (x == b'\\')
            | (x == b'*')
            | (x == b'_')
            | (x == b']')
            | ((x == b' ') & (y == b' '));
        odd[k] |= u8::from(any) & mask[k];
        lower[k] += u8::from(x.wrapping_sub(b'a') < 26) & mask[k];
    }
}

const ALL: [u8; 16] = [0xFF; 16];
/// `MASKS[n..n + 16]` keeps the last `n` of 16 lanes.
const MASKS: [u8; 32] = {
    let mut m = [0u8; 32];
    let mut i = 16;
    while i < 32 {
        m[i] = 0xFF;
        i += 1;
    }
    m
};

/// The classes of bytes `w[0..16]` (each with the two bytes after it) in
/// the lanes `mask` keeps, or-ed into `flags`, their small letters counted
/// into `lower`, lane by lane.
#[inline(always)]
fn scan_block(w: &[u8; 18], mask: &[u8; 16], flags: &mut [u8; 16], lower: &mut [u8; 16]) {
    for k in 0..16 {
        let (x, y, z) = (w[k], w[k + 1], w[k + 2]);
        let control = (x < 0x20) | (x == 0x7F);
        // `E2 80 82..BF`: U+2002..U+203F (spaces, dashes, quotes, bullets),
        // each NFC with combining class 0.
        let punct = (x == 0xE2) & (y == 0x80) & (z >= 0x82);
        let not_nfc =
            ((x >= 0xCC) & (x != 0xE1) & !punct) | ((x == 0xE1) & (y.wrapping_sub(0xB8) >= 4));
        let md = (x == b'\\') | (x == b'*') | (x == b'_') | (x == b']');
        // After `E2`, `y` and `z` are continuation bytes (80..BF), which
        // compare as signed bytes in the same order.
        let spaces = ((x == b' ') & (y == b' '))
            | ((x == 0xE2)
                & ((y | 1) == 0x81)
                & (((z as i8) < (0x8B_u8 as i8)) | ((z & 0xF8) == 0xA8) | (z == 0x9F)));
        let class = (u8::from(x == 0x0C) * FORM_FEED)
            | (u8::from(control) * CONTROL)
            | (u8::from(x == 0xC2) * C2)
            | (u8::from(not_nfc) * MAYBE_NOT_NFC)
            | (u8::from(md) * MARKDOWN)
            | (u8::from(spaces) * SPACES);
        flags[k] |= class & mask[k];
        lower[k] += u8::from(x.wrapping_sub(b'a') < 26) & mask[k];
    }
}

/// `s.trim()`, with shortcuts for the usual line that starts and ends with
/// an ASCII char that is not whitespace, and for one that has a single
/// trailing space after such a char (a third of the lines of plans).
fn trim(s: &str) -> &str {
    let plain = |b: u8| b > b' ' && b < 0x80;
    match s.as_bytes() {
        [first, .., last] if plain(*first) && plain(*last) => s,
        [first, .., before, b' '] if plain(*first) && plain(*before) => {
            // The cut is before an ASCII byte, at a char boundary.
            s.get(..s.len() - 1).unwrap_or_else(|| s.trim())
        }
        _ => s.trim(),
    }
}

/// A necessary condition for `Res::url_only`: after an optional `<`, the
/// line starts with `http`, `www.` or `mail` in any case (none of these
/// letters has a non-ASCII case-fold partner).
fn may_be_url(t: &str) -> bool {
    let b = match t.as_bytes() {
        [b'<', rest @ ..] => rest,
        // (Nearly every line fails on its first byte.)
        b @ [b'h' | b'H' | b'w' | b'W' | b'm' | b'M', ..] => b,
        _ => return false,
    };
    let Some(&head) = b.first_chunk::<4>() else {
        return false;
    };
    // The four bytes with the ASCII case bit set, as one word: the
    // lowercase of `http`, `www.` and `mail` in any case (and of a few
    // non-letters, which only let the regex decide a line more).
    let w = u32::from_le_bytes(head) | 0x2020_2020;
    [*b"http", *b"www.", *b"mail"]
        .iter()
        .any(|p| w == u32::from_le_bytes(*p))
}

/// A necessary condition for `Res::rule_only`: every byte is one of the
/// rule's ASCII chars or ASCII whitespace, or belongs to a non-ASCII char
/// (which may be whitespace); stops at the first other byte.
fn may_be_rule(t: &str) -> bool {
    // (Nearly every line fails on its first byte.)
    match t.as_bytes() {
        [first, ..] if !RULE_BYTES[usize::from(*first)] => false,
        b => b.len() >= 3 && b.iter().all(|&x| RULE_BYTES[usize::from(x)]),
    }
}

/// The bytes [`may_be_rule`] lets through.
const RULE_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        t[b] = x >= 0x80
            || matches!(x, b'|' | b':' | b'=' | b'_' | b'*' | b'~' | b'-')
            || x.is_ascii_whitespace()
            || x == 0x0B;
        b += 1;
    }
    t
};

/// Whether `s` (with its control chars already gone, so that a space is
/// its only ASCII whitespace) may hold two whitespace chars in a row: two
/// spaces, or a non-ASCII whitespace char (U+0085, U+00A0: `C2 ..`; U+1680:
/// `E1 9A 80`; U+2000..U+200A, U+2028, U+2029, U+202F, U+205F: `E2 ..`;
/// U+3000: `E3 80 80`). SIMD scans spare nearly every line the `\s{2,}`
/// regex, which costs more time than its instruction count shows; the `E2`
/// hits (dashes and quotes are `E2` too) are looked at one by one. The two
/// rare ones are looked for only when the line has one
/// (`rare_spaces`, [`rare_spaces`]).
fn may_have_double_space(s: &str, rare_spaces: bool) -> bool {
    let [two_spaces, ogham, ideographic] = space_finders();
    let b = s.as_bytes();
    two_spaces.find(b).is_some()
        || memchr::memchr2_iter(0xC2, 0xE2, b).any(|i| {
            matches!(
                (b[i], b.get(i + 1), b.get(i + 2)),
                (0xC2, Some(0x85 | 0xA0), _)
                    | (0xE2, Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF))
                    | (0xE2, Some(0x81), Some(0x9F))
            )
        })
        || (rare_spaces && (ogham.find(b).is_some() || ideographic.find(b).is_some()))
}

/// Finders for two spaces, U+1680 and U+3000, built once.
fn space_finders() -> &'static [memchr::memmem::Finder<'static>; 3] {
    static FINDERS: OnceLock<[memchr::memmem::Finder<'static>; 3]> = OnceLock::new();
    FINDERS.get_or_init(|| {
        [
            memchr::memmem::Finder::new(b"  "),
            memchr::memmem::Finder::new("\u{1680}".as_bytes()),
            memchr::memmem::Finder::new("\u{3000}".as_bytes()),
        ]
    })
}

/// Whether `text` holds U+1680 or U+3000 anywhere (asked only of the lines
/// whose [`Scan`] saw a char that could be one).
fn rare_spaces(text: &str) -> bool {
    let [_, ogham, ideographic] = space_finders();
    ogham.find(text.as_bytes()).is_some() || ideographic.find(text.as_bytes()).is_some()
}

/// Whether `s` has a control char (C0, DEL or C1), found by byte: C0 and DEL
/// in one pass the compiler vectorizes (no early exit), C1 (`C2 80..9F`)
/// where memchr finds a `C2`. ([`Scan`]'s `CONTROL` now; kept as its
/// oracle.)
#[cfg(test)]
fn has_control(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter()
        .fold(false, |acc, &x| acc | (x < 0x20) | (x == 0x7F))
        || memchr::memchr_iter(0xC2, b).any(|i| matches!(b.get(i + 1), Some(0x80..=0x9F)))
}

/// Whether `s` is certainly NFC without asking the Unicode tables: every
/// char is one of [`super::fold::plain_latin_len`]'s or in U+2002..U+203F
/// (`E2 80 82..BF`: dashes, quotes, bullets). Bytes below `CC` (ASCII,
/// continuation bytes, leads of chars below U+0300) need no look; the rest
/// are judged by `plain_latin_len` and the punctuation range. ([`Scan`]'s `MAYBE_NOT_NFC`
/// now; kept as its oracle.)
#[cfg(test)]
fn surely_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0xCC {
            i += 1;
            continue;
        }
        if b[i] == 0xE2 && b.get(i + 1) == Some(&0x80) && b.get(i + 2) >= Some(&0x82) {
            i += 3;
            continue;
        }
        match super::fold::plain_latin_len(b, i) {
            Some(n) => i += n,
            None => return false,
        }
    }
    true
}

/// Removes emphasis marks `mark`; a mark between two letters becomes a space
/// so that no two words are glued together.
fn strip_marks(s: &str, mark: char) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != mark {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == mark {
            i += 1;
        }
        let before = start > 0 && chars[start - 1].is_alphanumeric();
        let after = i < chars.len() && chars[i].is_alphanumeric();
        // A combining mark after the marks was not attached to the char
        // before them; gluing it there would let NFC reorder it into that
        // char's marks and join two words.
        let mark_after = start > 0 && i < chars.len() && is_combining_mark(chars[i]);
        if (before && after) || mark_after {
            out.push(' ');
        }
    }
    out
}

/// Function words a Vietnamese sentence or heading never ends with
/// (conjunctions, prepositions, plural markers).
const CONNECTORS: &[&str] = &[
    "các", "cho", "có", "của", "đến", "để", "hoặc", "là", "những", "tại", "theo", "trên", "từ",
    "và", "về", "với",
];

/// The longest of [`CONNECTORS`], in bytes.
const CONNECTOR_MAX: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < CONNECTORS.len() {
        if CONNECTORS[i].len() > max {
            max = CONNECTORS[i].len();
        }
        i += 1;
    }
    max
};

/// `CONNECTOR_ENDS[x]`: some connector ends with the byte `x`.
const CONNECTOR_ENDS: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < CONNECTORS.len() {
        let c = CONNECTORS[i].as_bytes();
        t[c[c.len() - 1] as usize] = true;
        i += 1;
    }
    t
};

fn ends_with_connector(s: &str) -> bool {
    // Most lines end with a byte no connector ends with (punctuation, a
    // digit, most letters).
    let b = s.as_bytes();
    match b.last() {
        Some(&x) if CONNECTOR_ENDS[x as usize] => {}
        _ => return false,
    }
    // Only the last `CONNECTOR_MAX + 1` bytes can hold the space before a
    // connector; a longer last word is none.
    let from = b.len().saturating_sub(CONNECTOR_MAX + 1);
    let last = match b[from..].iter().rposition(|&x| x == b' ') {
        Some(i) => &b[from + i + 1..],
        None if from == 0 => b,
        None => return false,
    };
    CONNECTORS.iter().any(|c| c.as_bytes() == last)
}

/// Lines that open a block of their own whatever precedes them: `Phụ lục I`,
/// `Nơi nhận:`. (Layout words of every administrative document, Decree
/// 30/2020/NĐ-CP.)
fn starts_block_word(s: &str) -> bool {
    // `Phụ` or `Nơ` in any case (the line is NFC, and a one-vowel syllable
    // has one spelling) before a fold.
    let b = s.as_bytes();
    let maybe = matches!(
        b,
        [b'P' | b'p', b'H' | b'h', 0xE1, 0xBB, 0xA4 | 0xA5, ..]
            | [b'N' | b'n', 0xC6, 0xA0 | 0xA1, ..]
    );
    if !maybe {
        return false;
    }
    let f = super::fold(s.get(..s.len().min(40)).unwrap_or(s));
    (f.starts_with("phụ lục") && s.chars().count() <= 20) || f.starts_with("nơi nhận")
}

/// Terminal punctuation at the end of a line, ignoring closing quotes and
/// brackets.
fn ends_sentence(s: &str) -> bool {
    matches!(
        trim_closers(s).as_bytes(),
        [.., b'.' | b':' | b';' | b'!' | b'?'] | [.., 0xE2, 0x80, 0xA6]
    )
}

/// `s.trim_end_matches(['"', '”', '’', '»', ')', ' '])`, by byte: at the
/// end of UTF-8 text, `E2 80 9D`, `E2 80 99` and `C2 BB` can only be the
/// whole chars `”`, `’` and `»`.
fn trim_closers(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    loop {
        match &b[..end] {
            [.., b'"' | b')' | b' '] => end -= 1,
            [.., 0xE2, 0x80, 0x9D | 0x99] => end -= 3,
            [.., 0xC2, 0xBB] => end -= 2,
            _ => break,
        }
    }
    s.get(..end).unwrap_or(s)
}

fn starts_lower(s: &str) -> bool {
    // The usual line starts with an ASCII char other than the openers.
    match s.as_bytes().first() {
        Some(&b) if b < 0x80 && !matches!(b, b'(' | b'"' | b'\'') => {
            return b.is_ascii_lowercase() || matches!(b, b',' | b')' | b'%');
        }
        _ => {}
    }
    s.chars()
        .find(|c| !matches!(c, '(' | '"' | '“' | '\''))
        .is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ')' | '%'))
}

/// Context that decides joins: the document's line width and spacing.
struct Shape {
    double_spaced: bool,
    /// Typical width of a full line when the text is hard-wrapped.
    wrap_width: Option<usize>,
}

fn shape(lines: &[Line]) -> Shape {
    let texts: Vec<usize> = lines
        .iter()
        .filter(|l| l.kind == Kind::Text)
        .map(|l| l.facts.chars)
        .collect();
    let mut followed_by_blank = 0;
    let mut nonblank = 0;
    for w in lines.windows(2) {
        if w[0].kind != Kind::Blank {
            nonblank += 1;
            if w[1].kind == Kind::Blank {
                followed_by_blank += 1;
            }
        }
    }
    let double_spaced = nonblank >= 8 && followed_by_blank * 100 >= nonblank * 60;
    let wrap_width = if texts.len() >= 8 {
        let mut v = texts;
        // The 90th percentile as sorting would give it.
        let k = (v.len() * 9 / 10).min(v.len() - 1);
        let p90 = *v.select_nth_unstable(k).1;
        // Hard-wrapped text: most long lines cluster under a page width, and
        // the layout broke some line inside a sentence where the text alone
        // shows it. The second condition keeps normalizing idempotent: the
        // width statistics of joined paragraphs are not those of the source
        // lines (a short last line joined away can tip them either way), but
        // text that has been normalized has no such break left (every one
        // was joined), so it is never taken for hard-wrapped a second time.
        let near = v.iter().filter(|&&n| n * 100 >= p90 * 75).count();
        (p90 <= 160 && near * 100 >= v.len() * 45 && breaks_inside_sentence(lines)).then_some(p90)
    } else {
        None
    };
    Shape {
        double_spaced,
        wrap_width,
    }
}

/// Whether some non-blank line continues the one before it by the text of
/// the two alone ([`joins_by_text`]). Usually found within a few lines.
fn breaks_inside_sentence(lines: &[Line]) -> bool {
    let mut before: Option<&Line> = None;
    for l in lines.iter().filter(|l| l.kind != Kind::Blank) {
        if before.is_some_and(|a| joins_by_text(a, true, l) == Some(true)) {
            return true;
        }
        before = Some(l);
    }
    false
}

/// Whether line `b` continues the paragraph whose last line is `a`, with
/// `blanks` blank lines between them (`page_break` when a page number stood
/// there).
fn joins(
    a: &Line,
    a_starts: bool,
    b: &Line,
    blanks: usize,
    page_break: bool,
    shape: &Shape,
) -> bool {
    if let Some(join) = joins_by_text(a, a_starts, b) {
        return join;
    }
    let meaningful_blank = !page_break
        && if shape.double_spaced {
            blanks >= 2
        } else {
            blanks >= 1
        };
    if meaningful_blank || ends_sentence(&a.text) {
        return false;
    }
    wrapped(a, shape)
}

/// The rules of [`joins`] that read only the two lines' texts: whether `b`
/// continues `a` whatever the blank lines between them and the document's
/// shape, or `None` when those decide.
///
/// The rules that read only the end of `a` and the start of `b` come before
/// those that read the caps of whole lines: joined, a caps line and a line
/// of small letters make a paragraph that is not caps, so on a second pass
/// the caps rules would not stop what they stopped on the first. Nor does
/// any rule here read the blank lines, which a second pass does not see.
/// `a_starts`: `a` is the first line of its paragraph.
// Inlined into the join loop, as `joins` was before it was split out (a call
// per line pair cost 2% of `normalize`'s instructions).
#[inline(always)]
fn joins_by_text(a: &Line, a_starts: bool, b: &Line) -> Option<bool> {
    if a.kind != Kind::Text || b.kind != Kind::Text {
        return Some(false);
    }
    if a.md_heading.is_some() || b.md_heading.is_some() {
        return Some(false);
    }
    if b.facts.marker {
        // `Bộ Lao động` / `-Thương binh và Xã hội`: a dash glued to a word
        // after an unfinished line continues it, unless that line is a
        // list item of its own. (A line glued on this way is not one: the
        // paragraph it ends starts without a marker on a second pass.)
        let glued_dash = b.text.starts_with('-')
            && b.text[1..].starts_with(char::is_alphabetic)
            && !ends_sentence(&a.text)
            && !(a.facts.marker && a_starts);
        if !glued_dash {
            return Some(false);
        }
    }
    if b.emphasized && !a.emphasized {
        return Some(false);
    }
    // An appendix's title line (`Phụ lục I`) and the recipients list's
    // (`Nơi nhận:`) stand alone. (Taking no line after them, they are the
    // same short line on a second pass: `Phụ lục` is a block word only in a
    // line of at most 20 chars.)
    if a.facts.block_word || b.facts.block_word {
        return Some(false);
    }
    // A line ending in a word that cannot end a phrase continues, into a
    // caps line too (`... các bệnh xã hội và` / `HIV/AIDS,`).
    if ends_with_connector(&a.text) {
        return Some(true);
    }
    // A token split at a dash or slash (`255/KH-` / `UBND`) continues.
    if a.text.ends_with(['-', '/']) && !a.text.ends_with(" -") && !a.text.ends_with(" /") {
        return Some(true);
    }
    if starts_lower(&b.text) {
        // Independent of blank lines, so that normalizing twice changes
        // nothing.
        let t = trim_closers(&a.text);
        return Some(!t.ends_with(['.', '!', '?']));
    }
    match (a.facts.caps, b.facts.caps) {
        (true, true) => {
            // Caps lines join only where the first is visibly unfinished
            // (`I. MỤC TIÊU,` / `CHỈ TIÊU CHỦ YẾU`), whatever the blank
            // lines, or was cut at the wrap width.
            if ends_sentence(&a.text) {
                return Some(false);
            }
            let t = a.text.trim_end();
            let unfinished = t.ends_with([',', '-', '–', '&'])
                || [" VÀ", " CỦA", " VỀ", " TRÊN", " TẠI"]
                    .iter()
                    .any(|w| t.ends_with(w));
            unfinished.then_some(true)
        }
        // A caps line that starts with a number (not a marker: that stopped
        // above) is no heading but a token the wrap cut off (`... tại Văn
        // bản số` / `221/LĐTBXH-`): the width decides.
        (false, true) if b.text.starts_with(|c: char| c.is_ascii_digit()) => None,
        // A caps line and a line of running text are apart.
        (true, false) | (false, true) => Some(false),
        (false, false) => None,
    }
}

/// Whether line `a` reaches the wrap width, so the layout, not the author,
/// ended it. A numbered heading is short: it continues only if it fills the
/// line.
fn wrapped(a: &Line, shape: &Shape) -> bool {
    let need = if a.facts.numbered { 88 } else { 65 };
    match shape.wrap_width {
        Some(w) => a.facts.chars * 100 >= w * need,
        None => false,
    }
}

/// The offsets of the line breaks (`\n`) of `b`, in order: one pass of 16
/// bytes a step, each step's breaks taken from a bit mask, in place of a
/// `memchr` call per line (two, with the count for the capacity).
fn line_breaks(b: &[u8]) -> Vec<usize> {
    // Plans average 50-80 bytes a line.
    let mut ends = Vec::with_capacity(b.len() / 32 + 1);
    let mut chunks = b.chunks_exact(16);
    let mut base = 0;
    for c in &mut chunks {
        let mut m = break_mask(c.try_into().unwrap_or(&[0; 16]));
        while m != 0 {
            ends.push(base + m.trailing_zeros() as usize);
            m &= m - 1;
        }
        base += 16;
    }
    for (k, &x) in chunks.remainder().iter().enumerate() {
        if x == b'\n' {
            ends.push(base + k);
        }
    }
    ends
}

/// Bit `k` set where `c[k]` is `\n`.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn break_mask(c: &[u8; 16]) -> u32 {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of x86-64; the load reads the 16 bytes of `c`.
    unsafe {
        let x = _mm_loadu_si128(c.as_ptr() as *const __m128i);
        _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(b'\n' as i8))) as u32
    }
}

/// Bit `k` set where `c[k]` is `\n`.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn break_mask(c: &[u8; 16]) -> u32 {
    c.iter()
        .enumerate()
        .fold(0, |m, (k, &x)| m | u32::from(x == b'\n') << k)
}

/// `text[start..end]` without the char-boundary checks of
/// `&text[start..end]` (a fifth of the loop over the lines).
///
/// # Safety
///
/// `start <= end <= text.len()`, `start` is 0 or follows a `\n`, and `end`
/// is `text.len()` or at a `\n` or `\r`: those ASCII bytes are char
/// boundaries. (Checked by debug assertions.)
#[inline(always)]
unsafe fn line_at(text: &str, start: usize, end: usize) -> &str {
    let b = text.as_bytes();
    debug_assert!(start == 0 || b[start - 1] == b'\n');
    debug_assert!(end == b.len() || matches!(b[end], b'\n' | b'\r'));
    let line = &b[start..end];
    // SAFETY: `line` is a part of valid UTF-8 `text` that starts and ends
    // at char boundaries (the start of `text` or just after an ASCII byte;
    // the end of `text` or at an ASCII byte), so it is valid UTF-8 itself.
    unsafe { std::str::from_utf8_unchecked(line) }
}

pub(super) fn normalize(text: &str, repairs: &Repairs) -> Normalized {
    let mut fixes = FixLog::default();
    let ends_with_break = text.ends_with('\n');
    // Repairs in one pass over the text where that is the same as line by
    // line (one search instead of one per line).
    let (text, line_repairs) = if repairs.line_blind() {
        (repairs.apply(text, &mut fixes), None)
    } else {
        (Cow::Borrowed(text), Some(repairs))
    };
    let text = text.as_ref();
    // `text.split('\n')`, with the line ends found in one pass.
    let mut ends = line_breaks(text.as_bytes());
    ends.push(text.len());
    let mut lines = Vec::with_capacity(ends.len());
    let mut source_lines = 0;
    let mut from = 0;
    for (i, &end) in ends.iter().enumerate() {
        let start = from;
        from = end + 1;
        source_lines = i + 1;
        // `text[start..end]` less a trailing `\r`.
        let stop = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        // SAFETY: `start` is 0 or just after a `\n` (`ends` holds the
        // offsets of the `\n`s, in order, then `text.len()`), and `stop` is
        // at that `\n`, at a `\r` before it, or `text.len()`.
        let raw = unsafe { line_at(text, start, stop) };
        let scan = match (line_repairs, raw.is_empty()) {
            (Some(_), _) => None,
            (None, true) => {
                // What `clean_line` makes of an empty line.
                lines.push(Line {
                    text: Cow::Borrowed(""),
                    no: i + 1,
                    form_feed: false,
                    kind: Kind::Blank,
                    md_heading: None,
                    emphasized: false,
                    facts: Facts::default(),
                });
                continue;
            }
            (None, false) => Some(Scan::within(text.as_bytes(), start, start + raw.len())),
        };
        if let Some(l) = clean_line(raw, scan, i + 1, line_repairs, &mut fixes) {
            lines.push(l);
        }
    }
    if ends_with_break {
        source_lines -= 1;
    }
    let shape = shape(&lines);

    // Page numbers: a short number alone with a page break's worth of blank
    // lines around it. A table's STT cell has at most one blank on each side in
    // double-spaced text.
    let need = if shape.double_spaced { 3 } else { 2 };
    let mut page_break_before = vec![false; lines.len()];
    let mut keep = vec![true; lines.len()];
    let mut last_page = 0;
    // How many non-blank lines come before line `i`.
    let mut text_before = 0;
    for i in 0..lines.len() {
        if lines[i].kind != Kind::Number {
            text_before += usize::from(lines[i].kind != Kind::Blank);
            continue;
        }
        let before = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.kind == Kind::Blank)
            .count();
        let after = lines[i + 1..]
            .iter()
            .take_while(|l| l.kind == Kind::Blank)
            .count();
        let at_edge = before == i || i + 1 + after == lines.len();
        // A form feed next to the number marks a page break for certain.
        let form_feed = lines[i].form_feed
            || (i > 0 && lines[i - 1].form_feed)
            || lines.get(i + 1).is_some_and(|l| l.form_feed);
        // A page number sits where a page could end: its value fits the
        // amount of text before it (12 to 60 text lines a page), or it
        // follows the previous page number. A table's STT cell does not.
        let value: usize = lines[i].text.parse().unwrap_or(0);
        let plausible = value >= 1
            && (value == last_page + 1 && last_page > 0
                || (text_before >= value.saturating_sub(1) * 12 && text_before <= value * 60));
        let spaced = before + after >= need && !at_edge && (after >= 1 || !shape.double_spaced);
        if plausible && (spaced || form_feed) {
            last_page = value;
            keep[i] = false;
            fixes.add("page_number", 1);
            if i + 1 + after < lines.len() {
                page_break_before[i + 1 + after] = true;
            }
        }
        // The number is a line of text for the lines after it.
        text_before += 1;
    }

    // Which kept lines go on the paragraph before them: (line, starts one).
    let mut members: Vec<(usize, bool)> = Vec::with_capacity(lines.len());
    let mut last: Option<usize> = None; // index into `lines` of the paragraph's last line
    let mut blanks = 0;
    let mut page_break = false;
    for (i, l) in lines.iter().enumerate() {
        if !keep[i] {
            page_break = true;
            continue;
        }
        if l.kind == Kind::Blank {
            blanks += 1;
            continue;
        }
        page_break |= page_break_before[i];
        // Whether the paragraph's last line is its first.
        let last_starts = members.last().is_some_and(|m| m.1);
        let join =
            last.is_some_and(|j| joins(&lines[j], last_starts, l, blanks, page_break, &shape));
        members.push((i, !join));
        last = Some(i);
        blanks = 0;
        page_break = false;
    }
    // The paragraphs, each text built in one allocation.
    let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(members.iter().filter(|m| m.1).count());
    let mut k = 0;
    while k < members.len() {
        let end = k + 1 + members[k + 1..].iter().take_while(|m| !m.1).count();
        let group = &members[k..end];
        k = end;
        let extra: usize = group[1..]
            .iter()
            .map(|&(i, _)| lines[i].text.len() + 1)
            .sum();
        let first = &mut lines[group[0].0];
        let text = match std::mem::take(&mut first.text) {
            Cow::Owned(mut o) => {
                o.reserve_exact(extra);
                o
            }
            Cow::Borrowed(b) => {
                let mut o = String::with_capacity(b.len() + extra);
                o.push_str(b);
                o
            }
        };
        // The first line starts at 0 (`line`): only the others are listed,
        // so a paragraph of one line allocates nothing for them.
        let line_starts = Vec::with_capacity(group.len() - 1);
        let mut p = Paragraph {
            text,
            line: first.no,
            end_line: first.no,
            md_heading: first.md_heading,
            emphasized: first.emphasized,
            table_row: first.kind == Kind::TableRow,
            line_starts,
        };
        for &(i, _) in &group[1..] {
            let l = &lines[i];
            let glue = p.text.ends_with(['-', '/'])
                && !p.text.ends_with(" -")
                && !l.text.starts_with(char::is_lowercase);
            if !glue {
                p.text.push(' ');
            }
            p.line_starts.push((p.text.len(), l.no));
            p.text.push_str(&l.text);
            p.end_line = l.no;
            p.emphasized &= l.emphasized;
        }
        paragraphs.push(p);
    }
    Normalized {
        paragraphs,
        fixes,
        source_lines,
        double_spaced: shape.double_spaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agrees(line: &str) {
        if let Some(fast) = marker_ascii(line) {
            assert_eq!(fast, marker_regex(line), "{line:?}");
        }
        let m = list_marker(line);
        let facts = (
            m.is_some(),
            matches!(m, Some((m, _)) if !matches!(m, ListMarker::Bullet(_))),
        );
        assert_eq!(marker_facts(line), facts, "{line:?}");
        // The borrowed reading gives the same marker.
        let borrowed = list_marker_ref(line).map(|(m, len)| {
            let m = match m {
                MarkerRef::Roman(r) => ListMarker::Roman(r.to_string()),
                MarkerRef::Decimal(d) => ListMarker::Decimal(decimal_parts_iter(d).collect()),
                MarkerRef::Letter(c) => ListMarker::Letter(c),
                MarkerRef::Bullet(c) => ListMarker::Bullet(c),
            };
            (m, len)
        });
        assert_eq!(borrowed, list_marker(line), "{line:?}");
    }

    #[test]
    fn hand_reader_agrees_with_the_marker_regex() {
        for line in [
            "I. MỤC TIÊU",
            "IV) x",
            "IIIIIII. x",
            "VI.x",
            "1. a",
            "2.3.1. b",
            "1.1",
            "12) c",
            "123. d",
            "1.123 e",
            "1.12.5 f",
            "1.1.x",
            "1..",
            "1",
            "12.",
            "3.4.\u{a0}g",
            "a) d",
            "a)x",
            "đ. e",
            "đ.",
            "đ)x",
            "- f",
            "-f",
            "+ g",
            "* h",
            "• i",
            "–j",
            "— k",
            "· l",
            "● m",
            "○ n",
            "■ o",
            "□ p",
            "► q",
            "❖ r",
            "➢ s",
            "✓ t",
            "1٣. x",
            "٣. Arabic-Indic digit",
            "Ⅳ. not a marker",
            "Ban Chỉ đạo",
            "ab) no",
            "",
            " ",
            "1.\u{2003}em space",
            "I.\u{2003}x",
            "1.)",
            "1.2.",
            "1.2..",
            "01. x",
            "đ)\u{a0}x",
            "đ.ệ",
        ] {
            agrees(line);
        }
        // The space after a marker, for every ASCII char and a few others.
        for c in (0..0x80u32).chain([0x85, 0xA0, 0x1680, 0x2003, 0x3000, 0x1EC7]) {
            let c = char::from_u32(c).unwrap();
            for line in [
                format!("a){c}x"),
                format!("đ.{c}x"),
                format!("IV.{c}x"),
                format!("1.{c}x"),
                format!("-{c}x"),
            ] {
                agrees(&line);
            }
        }
        assert!(marker_ascii("٣. x").is_none());
    }

    #[test]
    fn surely_nfc_only_for_nfc_text() {
        for s in ["", "abc", "Ủy ban nhân dân", "Hòa Bình", "ĐƯỢC", "½ ÷ ß"] {
            assert!(surely_nfc(s), "{s:?}");
        }
        for s in [
            "e\u{301}",
            "Hoa\u{300}",
            "\u{2126}",
            "가",
            "\u{2000}",
            "\u{2001}",
            "\u{2040}",
            "“\u{301}",
        ] {
            assert!(!surely_nfc(s), "{s:?}");
        }
    }

    /// Every char `surely_nfc` lets through is NFC on its own with combining
    /// class 0, so any string of them is NFC.
    #[test]
    fn surely_nfc_ranges_are_nfc() {
        let ranges = [0u32..0x300, 0x1E00..0x1F00, 0x2002..0x2040];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let s = c.to_string();
            assert!(surely_nfc(&s), "{c:?}");
            assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{c:?}");
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
        }
    }

    /// [`starts_block_word`] without its byte prefilter.
    fn block_word_reference(s: &str) -> bool {
        let f = super::super::fold(s.get(..s.len().min(40)).unwrap_or(s));
        (f.starts_with("phụ lục") && s.chars().count() <= 20) || f.starts_with("nơi nhận")
    }

    #[test]
    fn block_words_with_and_without_the_prefilter() {
        let cases = [
            ("Phụ lục I", true),
            ("PHỤ LỤC", true),
            ("phụ lục 2", true),
            ("Phụ Lục II", true),
            ("Nơi nhận:", true),
            ("NƠI NHẬN:", true),
            ("nơi nhận", true),
            ("Phụ lục kèm theo Kế hoạch số 12/KH-UBND", false),
            ("Phụ trách chung", false),
            ("Phòng Tư pháp", false),
            ("Nội dung", false),
            ("Nơi làm việc", false),
            ("Phu luc", false),
            ("", false),
            ("P", false),
        ];
        for (line, want) in cases {
            assert_eq!(starts_block_word(line), want, "{line:?}");
            assert_eq!(block_word_reference(line), want, "{line:?}");
        }
    }

    /// [`Scan`] by the functions it replaced.
    fn scan_reference(s: &str) -> (Scan, bool) {
        let b = s.as_bytes();
        let mut flags = 0;
        let mut set = |on: bool, f: u8| {
            if on {
                flags |= f;
            }
        };
        set(b.contains(&0x0C), FORM_FEED);
        set(has_control(s), CONTROL);
        set(b.contains(&0xC2), C2);
        set(!surely_nfc(s), MAYBE_NOT_NFC);
        set(
            memchr::memchr3(b'\\', b'*', b'_', b).is_some() || b.contains(&b']'),
            MARKDOWN,
        );
        let scan = Scan {
            flags,
            ascii_lower: b.iter().filter(|x| x.is_ascii_lowercase()).count(),
            cont: s.len() - s.chars().count(),
        };
        (scan, may_have_double_space(s, false))
    }

    fn scan_agrees(s: &str) {
        let (want, spaces) = scan_reference(s);
        let got = Scan::of(s.as_bytes());
        // `SPACES` may say yes for a few chars that are not spaces
        // (U+2040.., U+202A..U+202E), never no for a space.
        assert_eq!(got.flags & !SPACES, want.flags, "{s:?}");
        assert!(!spaces || got.has(SPACES), "{s:?}");
        assert_eq!(got.ascii_lower, want.ascii_lower, "{s:?}");
        // Within a text: each line scanned in place.
        let text = format!("Kế hoạch số 12\n{s}\nphòng, chống mại dâm năm 2021\n");
        let start = text.find('\n').unwrap() + 1;
        assert_eq!(
            Scan::within(text.as_bytes(), start, start + s.len()),
            got,
            "{s:?}"
        );
        // The quick pass says yes wherever a class is found, and counts alike.
        if text.len() >= start + s.len() + 2 && start + s.len() >= 16 {
            let (odd, lower, cont) = quick(text.as_bytes(), start, start + s.len());
            assert_eq!(lower, want.ascii_lower, "{s:?}");
            assert_eq!(cont, want.cont, "{s:?}");
            assert!(odd != 0 || (got.flags == 0), "{s:?}");
            let (odd_portable, lower) =
                blocks(text.as_bytes(), start, start + s.len(), quick_block);
            assert_eq!(lower, want.ascii_lower, "{s:?}");
            assert!(odd != 0 || odd_portable == 0, "{s:?}");
        }
    }

    /// The line-end tests by the char patterns they replaced.
    fn line_end_tests_agree(s: &str) {
        let t = s.trim_end_matches(['"', '”', '’', '»', ')', ' ']);
        assert_eq!(trim_closers(s), t, "{s:?}");
        assert_eq!(
            ends_sentence(s),
            t.ends_with(['.', ':', ';', '!', '?', '…']),
            "{s:?}"
        );
        let last = s.rsplit(' ').next().unwrap_or(s);
        assert_eq!(ends_with_connector(s), CONNECTORS.contains(&last), "{s:?}");
    }

    #[test]
    fn line_end_tests_by_byte_agree() {
        for s in [
            "",
            " ",
            "a.",
            "a. ",
            "a.)",
            "a.”",
            "a.’ )",
            "a…",
            "a…»",
            "«a»",
            "\"",
            "”",
            "các",
            " và",
            "phòng, chống và",
            "x những",
            "xnhững",
            "a hoặc",
            "hoặc",
            "đến”",
            "a.\u{a0}",
            "a?\"",
            "a!’",
            "a;",
            "a:",
            "tên.”)",
        ] {
            line_end_tests_agree(s);
        }
        for c in CONNECTORS {
            line_end_tests_agree(c);
            line_end_tests_agree(&format!("Kế hoạch {c}"));
            line_end_tests_agree(&format!("Kế hoạch x{c}"));
        }
    }

    /// [`starts_lower`] without its ASCII shortcut.
    fn starts_lower_reference(s: &str) -> bool {
        s.chars()
            .find(|c| !matches!(c, '(' | '"' | '“' | '\''))
            .is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ')' | '%'))
    }

    #[test]
    fn starts_lower_shortcut_agrees() {
        for c in (0..0x80u32).chain([0xE0, 0x111, 0x110, 0x1EC7, 0x1EC6, 0x201C, 0x3A9]) {
            let c = char::from_u32(c).unwrap();
            for s in [
                c.to_string(),
                format!("{c}ệ"),
                format!("{c}Ệ"),
                format!("({c}a"),
            ] {
                assert_eq!(starts_lower(&s), starts_lower_reference(&s), "{s:?}");
            }
        }
        assert!(!starts_lower(""));
    }

    #[test]
    fn trim_shortcuts_agree_with_str_trim() {
        for s in [
            "",
            " ",
            "a",
            "a ",
            "ab ",
            "a. ",
            "ab  ",
            "ab\t ",
            "a\u{a0} ",
            "ệ ",
            "aệ ",
            " ab ",
            "\tab ",
            "ab\u{3000}",
            "Kế hoạch số 12. ",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn line_breaks_are_those_of_split() {
        let mut texts: Vec<String> = ["", "\n", "a", "a\n", "\n\n\nb\r\n"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        // Breaks at every offset of a chunk and across chunk ends.
        for n in 0..100 {
            texts.push(format!(
                "{}\n{}\nKế hoạch\n",
                "x".repeat(n),
                "ệ".repeat(n % 7)
            ));
        }
        for t in texts {
            let want: Vec<usize> = t.match_indices('\n').map(|(i, _)| i).collect();
            assert_eq!(line_breaks(t.as_bytes()), want, "{t:?}");
        }
    }

    #[test]
    fn lines_cut_by_offset_are_those_of_split() {
        let mut texts: Vec<String> = [
            "",
            "\n",
            "\r",
            "\r\n",
            "a\r",
            "\r\r\n",
            "ệ\r\nđ\n\r",
            "x\ry\n",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for n in 0..40 {
            texts.push(format!(
                "{}\r\n{}\n\rKế hoạch\r\n\u{1EC7}\r",
                "x".repeat(n),
                "ệ".repeat(n % 7)
            ));
        }
        for t in texts {
            let want: Vec<&str> = t
                .split('\n')
                .map(|l| l.strip_suffix('\r').unwrap_or(l))
                .collect();
            let mut ends = line_breaks(t.as_bytes());
            ends.push(t.len());
            let mut from = 0;
            let mut got = Vec::new();
            for end in ends {
                let start = from;
                from = end + 1;
                let stop = if end > start && t.as_bytes()[end - 1] == b'\r' {
                    end - 1
                } else {
                    end
                };
                // SAFETY: as in `normalize`.
                got.push(unsafe { line_at(&t, start, stop) });
            }
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn empty_lines_are_what_clean_line_makes_of_them() {
        let mut log = FixLog::default();
        let line = clean_line("", Some(Scan::default()), 7, None, &mut log).unwrap();
        let shortcut = Line {
            text: Cow::Borrowed(""),
            no: 7,
            form_feed: false,
            kind: Kind::Blank,
            md_heading: None,
            emphasized: false,
            facts: Facts::default(),
        };
        assert_eq!(format!("{line:?}"), format!("{shortcut:?}"));
        assert!(log.is_empty());
        assert_eq!(Scan::of(b""), Scan::default());
    }

    #[test]
    fn scan_agrees_with_the_tests_it_replaced() {
        for s in [
            "",
            "a",
            "Kế hoạch",
            "Ủy ban nhân dân huyện Bình Lục thực hiện kế hoạch phòng, chống mại dâm năm 2022",
            "two  spaces",
            "tab\there",
            "form\u{c}feed",
            "nbsp\u{a0}x",
            "c1\u{85}x and \u{9f}",
            "« quoted » ° §",
            "em\u{2003}space – dash “quote” … • x",
            "line\u{2028}sep\u{202f}nnbsp\u{205f}mm\u{2060}",
            "**bold** _it_ [link](http://x) a\\b",
            "e\u{301} decomposed",
            "Ωmega ж 가 \u{1680}\u{3000}",
            "\u{7f}del",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ] {
            scan_agrees(s);
        }
        // More than 250 blocks of small letters (the lane counters' limit), of
        // 16 bytes and of 32.
        scan_agrees(&"abcdefghij ".repeat(1000));
    }

    /// [`may_be_url`] and [`may_be_rule`] as they were written before their
    /// word and table tests.
    fn may_be_url_reference(t: &str) -> bool {
        let b = t.as_bytes();
        let b = b.strip_prefix(b"<").unwrap_or(b);
        b.len() >= 4
            && [b"http", b"www.", b"mail"]
                .iter()
                .any(|p| b[..4].eq_ignore_ascii_case(&p[..]))
    }

    fn may_be_rule_reference(t: &str) -> bool {
        t.len() >= 3
            && t.bytes().all(|b| {
                b >= 0x80
                    || matches!(b, b'|' | b':' | b'=' | b'_' | b'*' | b'~' | b'-')
                    || b.is_ascii_whitespace()
                    || b == 0x0B
            })
    }

    #[test]
    fn line_prefilters_pass_what_they_passed() {
        let mut lines: Vec<String> = [
            "",
            "<",
            "<http",
            "http",
            "HTTP://x",
            "HtTpS://",
            "www.",
            "WWW.x",
            "mail",
            "MAILTO:",
            "Mailto:a@b",
            "<www.a>",
            "ww",
            "wwwx",
            "http",
            "Kế hoạch",
            "đ",
            "---",
            "===",
            "|:-|",
            "* * *",
            "_ _ _",
            "~~~",
            "- a",
            "\u{a0}\u{a0}\u{a0}",
            "\t\u{b}\u{c}",
            "-–—",
            "a--",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every pair of ASCII bytes after the openings.
        for a in 0..0x80u8 {
            for p in ["", "<", "htt", "ww", "mai", "<htt", "--"] {
                lines.push(format!("{p}{}", a as char));
                lines.push(format!("{p}{}x", a as char));
            }
        }
        for l in &lines {
            if may_be_url_reference(l) {
                assert!(may_be_url(l), "{l:?}");
            }
            assert_eq!(may_be_rule(l), may_be_rule_reference(l), "{l:?}");
            // Where the word test lets more through, the regex says no.
            if may_be_url(l) && !may_be_url_reference(l) {
                assert!(!res().url_only.is_match(l), "{l:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn scan_agrees_on_random_lines(
            s in "[a-zA-Z0-9 ,.:;()%*_\\\\\\]\\[#|^\t\u{c}\u{7f}\u{80}-\u{a0}«°àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐÀÁẠẶỆỘ\u{300}-\u{303}\u{2000}-\u{2030}\u{205f}\u{2060}\u{1680}\u{3000}ΩжḀἀ]{0,70}"
        ) {
            scan_agrees(&s);
        }

        #[test]
        fn line_shortcuts_agree_with_what_they_spare(
            s in "(<|[hH][tT][tT][pP][sSſ]?://|[wW]{3}\\.|[mM][aA][iI][lL][tT][oO]:)?[ \t\u{b}\u{a0}\u{2003}|:=_*~\\-a-zơ.]{0,12}"
        ) {
            let r = res();
            if r.url_only.is_match(&s) {
                proptest::prop_assert!(may_be_url(&s));
            }
            if r.rule_only.is_match(&s) {
                proptest::prop_assert!(may_be_rule(&s));
            }
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }

        #[test]
        fn surely_nfc_by_byte_agrees_with_char_ranges(s in "[a-zÀ-ỹ\u{300}-\u{36f}\u{1d00}-\u{2050}\u{e000}-\u{e010}ā-ɏ가]{0,12}") {
            let by_char = s.chars().all(|c| {
                (c as u32) < 0x300
                    || (0x1E00..0x1F00).contains(&(c as u32))
                    || (0x2002..0x2040).contains(&(c as u32))
            });
            proptest::prop_assert_eq!(surely_nfc(&s), by_char);
        }

        #[test]
        fn block_word_prefilter_keeps_every_block_word(
            s in "(Phụ lục|PHỤ LỤC|phụ Lục|Nơi nhận|NƠI NHẬN|nƠi|Ph|N|P)?[ a-zA-Zụơạ:0-9IV]{0,24}"
        ) {
            proptest::prop_assert_eq!(starts_block_word(&s), block_word_reference(&s));
        }

        #[test]
        fn control_test_by_byte_agrees_with_chars(s in "\\PC{0,8}[\u{0}-\u{a0}]{0,3}\\PC{0,8}") {
            proptest::prop_assert_eq!(has_control(&s), s.chars().any(char::is_control));
        }

        #[test]
        fn double_space_prefilter_keeps_every_match(
            s in "[a-zà-ỹ \u{a0}\u{2000}-\u{2030}\u{3000}\u{1680}\u{85}\u{202f}\u{205f}“.–]{0,12}"
        ) {
            if res().spaces.is_match(&s) {
                proptest::prop_assert!(may_have_double_space(&s, rare_spaces(&s)));
            }
        }

        #[test]
        fn line_end_tests_agree_on_random_lines(
            s in "[a-zàđệữ .:;!?…\"”’»«)(,\u{a0}]{0,12}( (các|và|những|hoặc|đến|về))?[ .\"”’»)…]{0,3}"
        ) {
            line_end_tests_agree(&s);
        }

        #[test]
        fn caps_shortcut_agrees(s in "[a-zA-ZÀ-ỹ ,.0-9]{0,30}") {
            let letters: Vec<(bool, bool)> =
                s.chars().map(crate::normalize::fold::alpha_upper).filter(|l| l.0).collect();
            let upper = letters.iter().filter(|l| l.1).count();
            let slow = letters.len() >= 4 && upper * 100 >= letters.len() * 90;
            proptest::prop_assert_eq!(is_caps_line(&s), slow);
        }

        #[test]
        fn hand_reader_agrees_on_random_lines(
            s in "[IVXLa-zđA-Z0-9٣.) \u{a0}\\-+*•–—·●○■□►❖➢✓ắỆ]{0,12}"
        ) {
            agrees(&s);
        }
    }
}
