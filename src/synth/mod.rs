//! A synthetic corpus for benchmarks: many plans derived from a few real ones.
//!
//! [`Synth`] takes template plans (any folder of `.txt`/`.md` plans, decoded
//! like any input) and makes document number `i` of a seeded series from one of
//! them by varying what a real batch varies: the numbers (targets, document
//! numbers), the years (shifted together, so periods stay periods), the place
//! names (each unit named after a type word — `huyện`, `thành phố`, `xã` ... —
//! is swapped for another unit of the same type from the gazetteer, everywhere
//! in the document and in any case), and the wrapping (hard-wrap width, double
//! spacing, CRLF line ends). The same seed gives the same bytes; no two
//! documents of a series are identical.
//!
//! [`write_corpus`] writes a series into subfolders until it reaches a size
//! (`planmine synth --out DIR --mb N --seed S`). It hands on nothing but files;
//! the benchmarks (`benches/`, `scripts/bench.sh`) read them back.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::decode;
use crate::extract::metadata::Gazetteer;
use crate::normalize::fold;
use crate::patterns::Patterns;

/// Files per subfolder of a written corpus.
pub const FILES_PER_FOLDER: usize = 250;

/// A small seeded PRNG (SplitMix64): deterministic on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// One template plan.
#[derive(Debug, Clone)]
pub struct Template {
    /// File extension without the dot (`txt` or `md`), kept for the copies.
    pub ext: String,
    pub text: String,
}

/// Reads every `.txt`/`.md` file directly in `dir` (sorted by name) as a
/// template, decoded the way `planmine run` decodes input.
pub fn load_templates(dir: &Path, patterns: &Patterns) -> io::Result<Vec<Template>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let ext = match p.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md") => {
                e.to_ascii_lowercase()
            }
            _ => continue,
        };
        let bytes = std::fs::read(&p)?;
        if let Ok(d) = decode::decode(&bytes, &patterns.legacy) {
            out.push(Template { ext, text: d.text });
        }
    }
    Ok(out)
}

/// Type words that introduce a place name, longest first so that `thị xã`
/// wins over `xã`.
fn type_words(g: &Gazetteer) -> Vec<String> {
    let mut kinds: Vec<String> = g.places.iter().map(|p| p.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    kinds.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
    kinds
}

/// Title case of a lowercase phrase, word by word.
fn title(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The generator: templates plus the place names to swap in.
#[derive(Debug)]
pub struct Synth<'p> {
    templates: Vec<Template>,
    gazetteer: &'p Gazetteer,
    /// Type words in lowercase, Title and UPPER case, with their kind.
    type_finder: AhoCorasick,
    type_kinds: Vec<String>,
    /// Replacement names for each type word (no digits, at least 3 letters).
    pool: HashMap<String, Vec<String>>,
}

impl<'p> Synth<'p> {
    pub fn new(templates: Vec<Template>, patterns: &'p Patterns) -> Synth<'p> {
        let g = &patterns.gazetteer;
        let kinds = type_words(g);
        let mut needles = Vec::new();
        let mut type_kinds = Vec::new();
        for k in &kinds {
            for form in [k.clone(), title(k), k.to_uppercase()] {
                needles.push(form);
                type_kinds.push(k.clone());
            }
        }
        let type_finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&needles)
            .expect("type words compile");
        let mut pool: HashMap<String, Vec<String>> = HashMap::new();
        for p in &g.places {
            if p.name.chars().count() >= 3 && !p.name.chars().any(|c| c.is_ascii_digit()) {
                pool.entry(p.kind.clone()).or_default().push(p.name.clone());
            }
        }
        for v in pool.values_mut() {
            v.sort();
            v.dedup();
        }
        Synth {
            templates,
            gazetteer: g,
            type_finder,
            type_kinds,
            pool,
        }
    }

    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// Document `index` of the series `seed`: (extension, text).
    pub fn document(&self, seed: u64, index: u64) -> (&str, String) {
        let mut rng = Rng::new(seed ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
        rng.next_u64();
        if self.templates.is_empty() {
            return ("txt", String::new());
        }
        let t = &self.templates[rng.below(self.templates.len() as u64) as usize];
        let text = self.swap_places(&t.text, &mut rng);
        let text = vary_numbers(&text, &mut rng);
        let text = rewrap(&text, &mut rng);
        (&t.ext, text)
    }

    /// Finds `type-word Name` and swaps every unit so named for another of the
    /// same type, in every case form, throughout the text.
    fn swap_places(&self, text: &str, rng: &mut Rng) -> String {
        // written form -> replacement (in the same case style)
        let mut map: Vec<(String, String)> = Vec::new();
        let mut by_fold: HashMap<String, String> = HashMap::new();
        for m in self.type_finder.find_iter(text) {
            let kind = &self.type_kinds[m.pattern().as_usize()];
            if text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            {
                continue;
            }
            let rest = &text[m.end()..];
            let Some(rest) = rest.strip_prefix(' ') else {
                continue;
            };
            // up to three capitalised words
            let mut ends = Vec::new();
            let mut pos = 0;
            for _ in 0..3 {
                let w = &rest[pos..];
                if !w.chars().next().is_some_and(char::is_uppercase) {
                    break;
                }
                let len = w
                    .char_indices()
                    .find(|(_, c)| !c.is_alphabetic())
                    .map(|(i, _)| i)
                    .unwrap_or(w.len());
                ends.push(pos + len);
                pos += len;
                if !rest[pos..].starts_with(' ') {
                    break;
                }
                pos += 1;
            }
            for &e in ends.iter().rev() {
                let written = &rest[..e];
                let known = self
                    .gazetteer
                    .lookup(written)
                    .any(|p| &p.kind == kind && p.name.chars().count() >= 3);
                // A gazetteer given with --patterns may have no usable
                // name of this type: leave the place as it is.
                let pool = match self.pool.get(kind) {
                    Some(p) if known && !p.is_empty() => p,
                    _ => continue,
                };
                let key = fold(written);
                let new = by_fold
                    .entry(key)
                    .or_insert_with(|| pool[rng.below(pool.len() as u64) as usize].clone())
                    .clone();
                let upper = written.chars().all(|c| !c.is_lowercase());
                for (from, to) in [
                    (
                        written.to_string(),
                        if upper {
                            new.to_uppercase()
                        } else {
                            new.clone()
                        },
                    ),
                    (title(&written.to_lowercase()), new.clone()),
                    (written.to_uppercase(), new.to_uppercase()),
                ] {
                    if !map.iter().any(|(f, _)| *f == from) {
                        map.push((from, to));
                    }
                }
                break;
            }
        }
        if map.is_empty() {
            return text.to_string();
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(map.iter().map(|(f, _)| f))
            .expect("names compile");
        let mut out = String::with_capacity(text.len() + 64);
        let mut last = 0;
        for m in ac.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphabetic) || after.is_some_and(char::is_alphabetic) {
                continue;
            }
            out.push_str(&text[last..m.start()]);
            out.push_str(&map[m.pattern().as_usize()].1);
            last = m.end();
        }
        out.push_str(&text[last..]);
        out
    }
}

/// Shifts every year (1990–2040) by one offset and redraws most other numbers
/// with the same digit count; day and month numbers beside `/`, and parts of
/// decimals and section numbers (beside `.` or `,`), stay.
pub fn vary_numbers(text: &str, rng: &mut Rng) -> String {
    let shift = rng.below(9) as i64 - 4;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut last = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let digits = &text[start..i];
        let prev = start.checked_sub(1).map(|p| bytes[p]);
        let next = bytes.get(i).copied();
        let near = |b: u8| prev == Some(b) || next == Some(b);
        let value: u64 = digits.parse().unwrap_or(0);
        let new = if digits.len() == 4 && (1990..=2040).contains(&value) {
            Some((value as i64 + shift).to_string())
        } else if near(b'.') || near(b',') || (near(b'/') && digits.len() <= 2) {
            None
        } else if digits.len() <= 6 && rng.chance(0.7) {
            let percent = text[i..].trim_start_matches(' ').starts_with('%');
            Some(redraw(digits, percent, rng))
        } else {
            None
        };
        if let Some(n) = new {
            out.push_str(&text[last..start]);
            out.push_str(&n);
            last = i;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// A random number written with as many digits as `digits` (leading zeros
/// kept as zeros), at most 100 for a percentage.
fn redraw(digits: &str, percent: bool, rng: &mut Rng) -> String {
    let zeros = digits.len() - digits.trim_start_matches('0').len();
    let sig = digits.len() - zeros;
    if sig == 0 {
        return digits.to_string();
    }
    let lo = 10u64.pow(sig as u32 - 1);
    let mut hi = 10u64.pow(sig as u32);
    if percent {
        hi = hi.min(101);
    }
    let v = if lo >= hi {
        lo
    } else {
        lo + rng.below(hi - lo)
    };
    format!("{}{}", "0".repeat(zeros), v)
}

/// Changes the wrapping: keep, or hard-wrap at a random width; maybe double
/// spacing (a blank line after every line) or none; maybe CRLF.
pub fn rewrap(text: &str, rng: &mut Rng) -> String {
    let width = if rng.chance(0.5) {
        Some(45 + rng.below(60) as usize)
    } else {
        None
    };
    // 0 keep blank lines, 1 double-space, 2 drop blank lines of double spacing
    let spacing = rng.below(4);
    let eol = if rng.chance(0.15) { "\r\n" } else { "\n" };
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines() {
        match width {
            Some(w) if line.chars().count() > w && !line.trim_start().starts_with('|') => {
                let mut rest = line;
                while rest.chars().count() > w {
                    // the last space within the first `w` characters
                    let cut = rest
                        .char_indices()
                        .take(w + 1)
                        .filter(|&(_, c)| c == ' ')
                        .map(|(i, _)| i)
                        .last();
                    match cut {
                        Some(c) if c > 0 => {
                            lines.push(&rest[..c]);
                            rest = &rest[c + 1..];
                        }
                        _ => break,
                    }
                }
                lines.push(rest);
            }
            _ => lines.push(line),
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let double = spacing == 1;
    let drop_blank = spacing == 2;
    for line in lines {
        let blank = line.trim().is_empty();
        if blank && (double || drop_blank) {
            continue;
        }
        out.push_str(line.trim_end_matches('\r'));
        out.push_str(eol);
        if double {
            out.push_str(eol);
        }
    }
    out
}

/// What [`write_corpus`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

fn content_hash(s: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// Writes documents `0, 1, ...` of series `seed` under `out` (250 per
/// subfolder `000/`, `001/` ...) until they add up to `mb` megabytes (10^6
/// bytes). `out` must be missing or empty. A document identical to an earlier
/// one is redrawn.
pub fn write_corpus(out: &Path, mb: f64, seed: u64, synth: &Synth) -> io::Result<Written> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty", out.display()),
        ));
    }
    if synth.templates().is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "no template plans (.txt/.md) found",
        ));
    }
    let goal = (mb.max(0.0) * 1e6) as u64;
    let mut seen: HashSet<u64> = HashSet::new();
    let mut w = Written::default();
    let mut draw = 0u64;
    while w.bytes < goal {
        let (ext, text) = synth.document(seed, draw);
        draw += 1;
        if !seen.insert(content_hash(&text)) {
            continue;
        }
        let dir = out.join(format!("{:03}", w.files / FILES_PER_FOLDER));
        if w.files % FILES_PER_FOLDER == 0 {
            std::fs::create_dir_all(&dir)?;
        }
        std::fs::write(dir.join(format!("plan-{:06}.{ext}", w.files)), &text)?;
        w.files += 1;
        w.bytes += text.len() as u64;
    }
    Ok(w)
}

#[cfg(test)]
mod tests;
