//! The legacy 8-bit Vietnamese encodings: Windows-1258, TCVN3 (ABC) and
//! VNI-Windows. [`LegacyTables`] is built once from `patterns/tcvn3.tsv` and
//! `patterns/vni.tsv`; it decodes bytes in each encoding and, for tests and
//! tools, encodes text back into them.

use std::collections::HashMap;

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

use super::syllable;
use super::Encoding;
use crate::patterns::tsv::unescape;
use crate::patterns::{Table, TableError};

/// The legacy 8-bit Vietnamese font encodings, as lookup tables built once.
#[derive(Debug, Clone)]
pub struct LegacyTables {
    /// TCVN3: byte -> letter or combining tone mark.
    tcvn3: [Option<char>; 256],
    /// VNI: one byte -> letter.
    vni_one: [Option<char>; 256],
    /// VNI: base byte and mark byte -> letter.
    vni_two: HashMap<[u8; 2], char>,
    /// Windows-1252, for the bytes a legacy table leaves out.
    cp1252: [char; 256],
    /// Windows-1258, byte -> character.
    cp1258: [char; 256],
}

impl Default for LegacyTables {
    /// Tables that know no legacy letters (Windows-1258 still works).
    fn default() -> Self {
        LegacyTables {
            tcvn3: [None; 256],
            vni_one: [None; 256],
            vni_two: HashMap::new(),
            cp1252: single_byte_table(encoding_rs::WINDOWS_1252),
            cp1258: single_byte_table(encoding_rs::WINDOWS_1258),
        }
    }
}

fn single_byte_table(enc: &'static encoding_rs::Encoding) -> [char; 256] {
    let mut t = ['\u{FFFD}'; 256];
    for (b, slot) in t.iter_mut().enumerate() {
        let byte = [b as u8];
        let (s, _) = enc.decode_without_bom_handling(&byte);
        *slot = s.chars().next().unwrap_or('\u{FFFD}');
    }
    t
}

fn parse_hex(
    table: &Table,
    row: &crate::patterns::tsv::Row,
    cell: &str,
) -> Result<Vec<u8>, TableError> {
    cell.split_whitespace()
        .map(|h| {
            u8::from_str_radix(h, 16)
                .map_err(|_| table.error(row, format!("`{h}` is not a hex byte")))
        })
        .collect()
}

fn parse_char(
    table: &Table,
    row: &crate::patterns::tsv::Row,
    cell: &str,
) -> Result<char, TableError> {
    let s: String = unescape(cell)
        .ok_or_else(|| table.error(row, format!("bad U+ escape `{cell}`")))?
        .nfc()
        .collect();
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(table.error(row, format!("`{cell}` is not one character"))),
    }
}

impl LegacyTables {
    /// Builds the lookup tables from `tcvn3.tsv` (columns `byte`, `char`) and
    /// `vni.tsv` (columns `bytes`, `char`).
    pub fn from_tables(tcvn3: &Table, vni: &Table) -> Result<LegacyTables, TableError> {
        let mut t = LegacyTables::default();
        let (cb, cc) = (tcvn3.col("byte")?, tcvn3.col("char")?);
        for row in &tcvn3.rows {
            let bytes = parse_hex(tcvn3, row, tcvn3.get(row, cb))?;
            let [b] = bytes[..] else {
                return Err(tcvn3.error(row, "`byte` must be one hex byte"));
            };
            if b.is_ascii_whitespace() || b == 0 || (0x20..0x80).contains(&b) {
                return Err(tcvn3.error(row, "ASCII bytes keep their meaning"));
            }
            let c = parse_char(tcvn3, row, tcvn3.get(row, cc))?;
            if t.tcvn3[b as usize].replace(c).is_some() {
                return Err(tcvn3.error(row, format!("byte {b:02X} listed twice")));
            }
        }
        let (cb, cc) = (vni.col("bytes")?, vni.col("char")?);
        for row in &vni.rows {
            let bytes = parse_hex(vni, row, vni.get(row, cb))?;
            let c = parse_char(vni, row, vni.get(row, cc))?;
            let dup = match bytes[..] {
                [b] if b >= 0x80 => t.vni_one[b as usize].replace(c).is_some(),
                [a, b] if a.is_ascii_alphabetic() || a >= 0x80 => {
                    t.vni_two.insert([a, b], c).is_some()
                }
                _ => {
                    return Err(vni.error(
                        row,
                        "`bytes` must be one non-ASCII byte, or a letter byte and a mark byte",
                    ))
                }
            };
            if dup {
                return Err(vni.error(row, "sequence listed twice"));
            }
        }
        Ok(t)
    }

    /// Whether the TCVN3 table is loaded (an empty override disables TCVN3).
    pub fn has_tcvn3(&self) -> bool {
        self.tcvn3.iter().any(Option::is_some)
    }

    /// Whether the VNI table is loaded.
    pub fn has_vni(&self) -> bool {
        !self.vni_two.is_empty() || self.vni_one.iter().any(Option::is_some)
    }

    /// Windows-1258, then NFC (the code page writes tones as combining marks).
    pub fn decode_cp1258(&self, bytes: &[u8]) -> String {
        let mut s = String::with_capacity(bytes.len() + bytes.len() / 2);
        s.extend(bytes.iter().map(|&b| self.cp1258[b as usize]));
        s.nfc().collect()
    }

    /// VNI-Windows: longest table match, else Windows-1252.
    pub fn decode_vni(&self, bytes: &[u8]) -> String {
        let mut s = String::with_capacity(bytes.len() + bytes.len() / 2);
        let mut i = 0;
        while i < bytes.len() {
            if let Some(&c) = bytes
                .get(i..i + 2)
                .and_then(|p| self.vni_two.get(&[p[0], p[1]]))
            {
                s.push(c);
                i += 2;
                continue;
            }
            let b = bytes[i];
            s.push(self.vni_one[b as usize].unwrap_or(self.cp1252[b as usize]));
            i += 1;
        }
        s
    }

    /// A TCVN3 byte that also has a Windows meaning (a control character or
    /// Windows-1252 punctuation) but stands for a VN1 capital in the table.
    fn tcvn3_ambiguous(&self, b: u8) -> bool {
        (b < 0x20 || (0x80..0xA0).contains(&b)) && self.tcvn3[b as usize].is_some()
    }

    /// TCVN3: table letters, other bytes as Windows-1252; the VN1 capitals that
    /// collide with Windows punctuation are letters only inside a word that then
    /// reads as Vietnamese. Lines typed in an all-capitals font (lower-case
    /// codes among capital ASCII letters) are put in capitals. Ends with NFC.
    pub fn decode_tcvn3(&self, bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
        for line in bytes.split_inclusive(|&b| b == b'\n') {
            let start = out.len();
            let mut word = String::new();
            for token in line.split_inclusive(|b| b.is_ascii_whitespace()) {
                let (body, sep) = match token.last() {
                    Some(b) if b.is_ascii_whitespace() => (&token[..token.len() - 1], Some(*b)),
                    _ => (token, None),
                };
                word.clear();
                let ambiguous = body.iter().any(|&b| self.tcvn3_ambiguous(b));
                self.push_tcvn3(body, ambiguous, &mut word);
                if ambiguous && (body.len() == 1 || !reads_vietnamese(&word)) {
                    word.clear();
                    self.push_tcvn3(body, false, &mut word);
                }
                out.push_str(&word);
                if let Some(b) = sep {
                    out.push(b as char);
                }
            }
            capitalize_caps_line(&mut out, start);
        }
        out.nfc().collect()
    }

    fn push_tcvn3(&self, bytes: &[u8], capitals: bool, out: &mut String) {
        for &b in bytes {
            let c = match self.tcvn3[b as usize] {
                Some(c) if capitals || !self.tcvn3_ambiguous(b) => c,
                _ => self.cp1252[b as usize],
            };
            out.push(c);
        }
    }

    /// Decodes `bytes` in one legacy encoding (`Utf8`/`Utf16*` are decoded
    /// lossily, for completeness).
    pub fn decode_as(&self, bytes: &[u8], enc: Encoding) -> String {
        match enc {
            Encoding::Windows1258 => self.decode_cp1258(bytes),
            Encoding::Tcvn3 => self.decode_tcvn3(bytes),
            Encoding::Vni => self.decode_vni(bytes),
            Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Utf16Le => encoding_rs::UTF_16LE
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            Encoding::Utf16Be => encoding_rs::UTF_16BE
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    }

    /// Encodes `text` the way an old Windows machine would have saved it, for
    /// tests and tools (damaged copies, fuzz seeds). UTF-16 gets a BOM.
    /// Returns the first character the encoding cannot represent.
    pub fn encode(&self, text: &str, enc: Encoding) -> Result<Vec<u8>, char> {
        match enc {
            Encoding::Utf8 => return Ok(text.as_bytes().to_vec()),
            Encoding::Utf16Le => {
                let mut v = vec![0xFF, 0xFE];
                text.encode_utf16().for_each(|u| v.extend(u.to_le_bytes()));
                return Ok(v);
            }
            Encoding::Utf16Be => {
                let mut v = vec![0xFE, 0xFF];
                text.encode_utf16().for_each(|u| v.extend(u.to_be_bytes()));
                return Ok(v);
            }
            _ => {}
        }
        let mut inverse: HashMap<char, Vec<u8>> = HashMap::new();
        let fill = |inv: &mut HashMap<char, Vec<u8>>, t: &[char; 256]| {
            for (b, &c) in t.iter().enumerate() {
                if c != '\u{FFFD}' {
                    inv.entry(c).or_insert_with(|| vec![b as u8]);
                }
            }
        };
        match enc {
            Encoding::Windows1258 => fill(&mut inverse, &self.cp1258),
            Encoding::Tcvn3 => {
                for (b, c) in self.tcvn3.iter().enumerate() {
                    if let Some(c) = c {
                        inverse.insert(*c, vec![b as u8]);
                    }
                }
                fill(&mut inverse, &self.cp1252);
            }
            _ => {
                for (k, c) in &self.vni_two {
                    inverse.insert(*c, k.to_vec());
                }
                for (b, c) in self.vni_one.iter().enumerate() {
                    if let Some(c) = c {
                        inverse.insert(*c, vec![b as u8]);
                    }
                }
                fill(&mut inverse, &self.cp1252);
            }
        }
        let mut out = Vec::with_capacity(text.len());
        for c in text.nfc() {
            if let Some(b) = inverse.get(&c) {
                out.extend_from_slice(b);
                continue;
            }
            // Decompose, keep the letter with its vowel mark (ê, ơ...) whole and
            // write the tone as a combining mark, as Windows-1258 does.
            let mut letter = String::new();
            let mut tones = Vec::new();
            decompose_canonical(c, |d| {
                if matches!(d, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}') {
                    tones.push(d);
                } else {
                    letter.push(d);
                }
            });
            let letter: String = letter.nfc().collect();
            let mut lc = letter.chars();
            let done = match (lc.next(), lc.next()) {
                (Some(l), None)
                    if inverse.contains_key(&l)
                        && tones.iter().all(|t| inverse.contains_key(t)) =>
                {
                    out.extend_from_slice(&inverse[&l]);
                    for t in &tones {
                        out.extend_from_slice(&inverse[t]);
                    }
                    true
                }
                _ => false,
            };
            if !done {
                return Err(c);
            }
        }
        Ok(out)
    }
}

/// Every word of `s` that holds a non-ASCII character is a Vietnamese
/// syllable (and there is at least one such word).
fn reads_vietnamese(s: &str) -> bool {
    let (good, bad) = syllable::score(s);
    good > 0 && bad == 0
}

/// If the line starting at `start` has a word mixing ASCII capitals with
/// lower-case letters in a way no capitalised word does (`HOạCH`), the line was
/// typed in a capitals font: upper-case every word with no ASCII lower case.
fn capitalize_caps_line(out: &mut String, start: usize) {
    let line = &out[start..];
    let caps_font_word = |w: &str| {
        let mut chars = w.chars();
        chars.next();
        let has_ascii_upper = w.chars().any(|c| c.is_ascii_uppercase());
        let has_ascii_lower = w.chars().any(|c| c.is_ascii_lowercase());
        let mut seen_lower = false;
        let mut upper_after_lower = false;
        for c in chars {
            if c.is_lowercase() {
                seen_lower = true;
            } else if c.is_uppercase() && seen_lower {
                upper_after_lower = true;
            }
        }
        has_ascii_upper && !has_ascii_lower && upper_after_lower
    };
    if !line.split_whitespace().any(caps_font_word) {
        return;
    }
    let mut fixed = String::with_capacity(line.len());
    for piece in line.split_inclusive(char::is_whitespace) {
        let w = piece.trim_end();
        if w.chars().any(|c| c.is_ascii_lowercase()) {
            fixed.push_str(piece);
        } else {
            fixed.push_str(&w.to_uppercase());
            fixed.push_str(&piece[w.len()..]);
        }
    }
    out.truncate(start);
    out.push_str(&fixed);
}
