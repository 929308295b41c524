//! Stage 1, decode: raw bytes -> [`Decoded`] text plus the encoding it was read
//! as (documents.csv `encoding`) and warnings; or a [`DecodeError`] a person
//! can act on. Hands the text to `normalize`.
//!
//! Order of evidence:
//! 1. files that are not text are refused: PDF, ZIP (DOCX/XLSX/ODT), old Office
//!    (DOC/XLS), RTF, images, compressed archives, anything with NUL bytes
//!    (after UTF-16 is ruled out); empty or white-space-only files too;
//! 2. a byte-order mark: UTF-8, UTF-16LE, UTF-16BE;
//! 3. valid UTF-8 (the common case: one validation pass, one copy). Valid UTF-8
//!    is never read as a legacy encoding, but it may be *mojibake*, UTF-8 once
//!    read as Windows-1252 and saved again (`Káº¿ hoáº¡ch`): that is repaired on
//!    evidence and reported as `utf-8` with the warning "repaired mojibake";
//! 4. UTF-16 without a BOM, when NUL bytes fall on every other byte;
//! 5. Windows-1258 (then NFC), TCVN3 and VNI: each decodes a sample and the one
//!    whose words read as Vietnamese syllables wins (see [`syllable`]);
//! 6. otherwise lossy UTF-8, with a warning saying how many bytes were replaced.
//!
//! Performance: clean UTF-8 costs a validation, a copy and five substring
//! searches for the mojibake pairs; the legacy tables are built once, in
//! [`LegacyTables`] inside `Patterns`; legacy scoring reads at most [`SAMPLE`]
//! bytes. Measured on the five sample plans (171 kB) on the 2-core build
//! machine while a fuzzer shared it (`decode_throughput` in `tests.rs`):
//! UTF-8 ~350 MB/s, mojibake repair ~16 MB/s, Windows-1258 / TCVN3 / VNI
//! 6-7 MB/s (scoring three candidates dominates) — all well ahead of the
//! later stages (~1 MB/s).

mod legacy;
mod mojibake;
pub mod syllable;

use std::fmt;

pub use legacy::LegacyTables;

/// The encoding a file was read as, as written in documents.csv `encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
    Tcvn3,
    Vni,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Decoded text and what was noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Things a user should know (lossy bytes replaced, mojibake repaired...).
    pub warnings: Vec<String>,
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// No bytes at all.
    #[error("empty file")]
    Empty,
    /// Only white space (or a lone byte-order mark).
    #[error("empty file (only white space)")]
    Blank,
    /// Not a text file: what it is and what to do about it.
    #[error("{0}")]
    Binary(String),
}

/// Most bytes of a non-UTF-8 file the legacy candidates are scored on.
pub const SAMPLE: usize = 64 * 1024;

const SAVE_AS_TEXT: &str =
    "open it and save it as plain text (.txt, UTF-8), then run planmine on that file";

/// File signatures that say "this is not a text file", with what to do.
fn signature(bytes: &[u8]) -> Option<String> {
    let starts = |p: &[u8]| bytes.starts_with(p);
    let what = if starts(b"%PDF") {
        return Some(
            "PDF file: extract its text first (e.g. `pdftotext -layout plan.pdf plan.txt`), then run planmine on the .txt".into(),
        );
    } else if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        "ZIP archive (a .docx, .xlsx or .odt document is one)"
    } else if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        "old Microsoft Office file (.doc or .xls)"
    } else if starts(b"{\\rtf") {
        "RTF document"
    } else if starts(b"\x89PNG")
        || starts(b"\xFF\xD8\xFF")
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || starts(b"II*\x00")
        || starts(b"MM\x00*")
    {
        return Some("image file (PNG, JPEG, GIF or TIFF): it holds no text; run OCR on it first and save the text as .txt".into());
    } else if starts(b"\x1F\x8B") || starts(b"7z\xBC\xAF\x27\x1C") || starts(b"Rar!") {
        return Some("compressed archive (gzip, 7z or RAR): unpack it first".into());
    } else {
        return None;
    };
    Some(format!("{what}: {SAVE_AS_TEXT}"))
}

/// Decodes one file's bytes. Never panics.
pub fn decode(bytes: &[u8], tables: &LegacyTables) -> Result<Decoded, DecodeError> {
    not_blank(match decode_inner(bytes, tables)? {
        DecodedText::Decoded(d) => d,
        DecodedText::AsIs(s) => decoded(s.to_owned(), Encoding::Utf8),
    })
}

/// [`decode`] without a copy: UTF-8 that needs no repair (most files) is
/// borrowed from `bytes`, not copied into a `String`.
pub fn decode_borrowed<'a>(
    bytes: &'a [u8],
    tables: &LegacyTables,
) -> Result<DecodedText<'a>, DecodeError> {
    match decode_inner(bytes, tables)? {
        DecodedText::Decoded(d) => not_blank(d).map(DecodedText::Decoded),
        DecodedText::AsIs(s) if is_blank(s) => Err(DecodeError::Blank),
        as_is => Ok(as_is),
    }
}

/// What [`decode_borrowed`] gives (and `decode_inner` makes of the bytes,
/// before the blank test): the text as the file's bytes, or decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodedText<'a> {
    /// The bytes are valid UTF-8 without a byte-order mark and need no
    /// repair: the text is the bytes themselves.
    AsIs(&'a str),
    Decoded(Decoded),
}

impl DecodedText<'_> {
    pub fn text(&self) -> &str {
        match self {
            DecodedText::AsIs(s) => s,
            DecodedText::Decoded(d) => &d.text,
        }
    }

    pub fn encoding(&self) -> Encoding {
        match self {
            DecodedText::AsIs(_) => Encoding::Utf8,
            DecodedText::Decoded(d) => d.encoding,
        }
    }

    /// Things a user should know ([`Decoded::warnings`]).
    pub fn warnings(&self) -> &[String] {
        match self {
            DecodedText::AsIs(_) => &[],
            DecodedText::Decoded(d) => &d.warnings,
        }
    }
}

/// The decoded text, or [`DecodeError::Blank`] when it is only white space.
fn not_blank(d: Decoded) -> Result<Decoded, DecodeError> {
    if is_blank(&d.text) {
        return Err(DecodeError::Blank);
    }
    Ok(d)
}

/// Whether `text` is only white space (and byte-order marks).
fn is_blank(text: &str) -> bool {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
}

fn decoded(text: String, encoding: Encoding) -> Decoded {
    Decoded {
        text,
        encoding,
        warnings: Vec::new(),
    }
}

fn decode_inner<'a>(
    bytes: &'a [u8],
    tables: &LegacyTables,
) -> Result<DecodedText<'a>, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(msg) = signature(bytes) {
        return Err(DecodeError::Binary(msg));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(DecodedText::Decoded(match std::str::from_utf8(rest) {
            Ok(s) => utf8(s),
            Err(_) => lossy_utf8(rest),
        }));
    }
    for (bom, enc) in [
        (b"\xFF\xFE", Encoding::Utf16Le),
        (b"\xFE\xFF", Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return utf16(rest, enc, None).map(DecodedText::Decoded);
        }
    }
    let has_nul = memchr_nul(bytes);
    if !has_nul {
        // SIMD validation: the whole file is checked once, at memory speed.
        if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
            return Ok(match repaired(s) {
                Some(d) => DecodedText::Decoded(d),
                None => DecodedText::AsIs(s),
            });
        }
    } else {
        if let Some(enc) = sniff_utf16(bytes) {
            if let Ok(d) = utf16(bytes, enc, Some("no byte-order mark")) {
                return Ok(DecodedText::Decoded(d));
            }
        }
        return Err(DecodeError::Binary(format!(
            "binary file (contains NUL bytes), not plain text: if it is a document, {SAVE_AS_TEXT}"
        )));
    }
    Ok(DecodedText::Decoded(legacy_or_lossy(bytes, tables)))
}

/// Whether the file has a NUL byte (SIMD search: `contains` on a byte slice
/// is core's word-at-a-time loop, several times slower).
fn memchr_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some()
}

/// Valid UTF-8: taken as is, unless it is mojibake.
fn utf8(s: &str) -> Decoded {
    repaired(s).unwrap_or_else(|| decoded(s.to_owned(), Encoding::Utf8))
}

/// Valid UTF-8 with its mojibake repaired, if it has any.
fn repaired(s: &str) -> Option<Decoded> {
    let (fixed, runs) = mojibake::repair(s)?;
    let mut d = decoded(fixed, Encoding::Utf8);
    d.warnings.push(format!(
        "repaired mojibake: {runs} stretch(es) of UTF-8 that had been read as Windows-1252 and saved again"
    ));
    Some(d)
}

fn lossy_utf8(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len());
    let mut bad = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad += chunk.invalid().len();
            text.push('\u{FFFD}');
        }
    }
    let mut d = decoded(text, Encoding::Utf8);
    if bad > 0 {
        d.warnings.push(format!(
            "{bad} byte(s) are neither UTF-8 nor a Vietnamese legacy encoding and were replaced by U+FFFD"
        ));
    }
    d
}

fn utf16(rest: &[u8], enc: Encoding, note: Option<&str>) -> Result<Decoded, DecodeError> {
    let codec = if enc == Encoding::Utf16Le {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    let (text, bad) = codec.decode_without_bom_handling(rest);
    if text.contains('\0') {
        return Err(DecodeError::Binary(format!(
            "binary file (UTF-16 with NUL characters), not plain text: if it is a document, {SAVE_AS_TEXT}"
        )));
    }
    let mut d = decoded(text.into_owned(), enc);
    if let Some(n) = note {
        d.warnings.push(format!("read as {enc} ({n})"));
    }
    if bad {
        let n = d.text.chars().filter(|&c| c == '\u{FFFD}').count();
        d.warnings.push(format!(
            "{n} malformed UTF-16 code unit(s) replaced by U+FFFD"
        ));
    }
    if rest.len() % 2 == 1 && !bad {
        d.warnings
            .push("odd trailing byte of UTF-16 dropped".into());
    }
    Ok(d)
}

/// UTF-16 without a BOM: in text mostly made of ASCII, every other byte is NUL.
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 4 && even * 20 < pairs {
        Some(Encoding::Utf16Le)
    } else if even * 10 >= pairs * 4 && odd * 20 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Not UTF-8: the legacy encoding whose decoding reads best as Vietnamese, or
/// lossy UTF-8 when none does.
fn legacy_or_lossy(bytes: &[u8], tables: &LegacyTables) -> Decoded {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let mut best: Option<(i64, Encoding)> = None;
    let mut candidates = vec![Encoding::Windows1258];
    if tables.has_tcvn3() {
        candidates.push(Encoding::Tcvn3);
    }
    if tables.has_vni() {
        candidates.push(Encoding::Vni);
    }
    for enc in candidates {
        let (good, bad) = syllable::score(&tables.decode_as(sample, enc));
        let score = good as i64 - 2 * bad as i64;
        if good > 0 && score > 0 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, enc));
        }
    }
    match best {
        Some((_, enc)) => decoded(tables.decode_as(bytes, enc), enc),
        None => lossy_utf8(bytes),
    }
}

#[cfg(test)]
mod tests;
