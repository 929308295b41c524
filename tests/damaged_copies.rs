//! Damaged copies of every sample plan must give the targets and metadata of
//! the original: look-alike letters (ư -> ƣ), NFD, hard wraps at 60 columns
//! with page numbers, CRLF + BOM, UTF-16LE, Windows-1258, TCVN3 (with and
//! without its capitals), VNI, and mojibake (UTF-8 read as Windows-1252 and saved again), each under a
//! meaningless file name.
//!
//! The extractors are still changing, so this compares the current code's
//! output for a copy with its output for the original, not fixed answers. The
//! 8-bit code pages cannot hold every character (the samples' own PDF damage,
//! `ƣ`): for those, the reference is the original with those characters
//! replaced as a Windows "save as" would (`ƣ` -> `ư`, anything else -> `?`).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use planmine::decode::Encoding;
use planmine::patterns::Patterns;
use unicode_normalization::UnicodeNormalization;

/// The compared columns.
const TARGET_COLS: &[&str] = &[
    "indicator",
    "value",
    "unit",
    "comparator",
    "change",
    "period",
    "subject",
];
const META_COLS: &[&str] = &[
    "title",
    "locality",
    "locality_level",
    "province",
    "province_current",
    "year_start",
    "year_end",
    "issuer",
    "plan_number",
    "issue_date",
    "parent_refs",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Damage {
    Lookalike,
    Nfd,
    HardWrap,
    CrlfBom,
    Utf16,
    Cp1258,
    Tcvn3,
    Vni,
    Mojibake,
    /// TCVN3 as the ABC fonts really wrote it: the only capitals with a code
    /// of their own are Ă Â Ê Ô Ơ Ư Đ; the others were typed with the
    /// lower-case code in a capitals font (.VnTimeH), so the file has lost
    /// them. Compared ignoring case.
    TcvnAbcFonts,
}

const ALL: &[Damage] = &[
    Damage::Lookalike,
    Damage::Nfd,
    Damage::HardWrap,
    Damage::CrlfBom,
    Damage::Utf16,
    Damage::Cp1258,
    Damage::Tcvn3,
    Damage::Vni,
    Damage::Mojibake,
    Damage::TcvnAbcFonts,
];

impl Damage {
    fn encoding(self) -> Encoding {
        match self {
            Damage::Utf16 => Encoding::Utf16Le,
            Damage::Cp1258 => Encoding::Windows1258,
            Damage::Tcvn3 | Damage::TcvnAbcFonts => Encoding::Tcvn3,
            Damage::Vni => Encoding::Vni,
            _ => Encoding::Utf8,
        }
    }
}

/// What the 8-bit code page can hold of `text`.
fn saveable(text: &str, enc: Encoding) -> String {
    let legacy = &Patterns::builtin().legacy;
    text.chars()
        .map(|c| {
            if legacy.encode(&c.to_string(), enc).is_ok() {
                c
            } else {
                match c {
                    'ƣ' => 'ư',
                    'Ƣ' => 'Ư',
                    _ => '?',
                }
            }
        })
        .collect()
}

/// Re-wraps the text at 60 columns, as a narrower page would, and puts a page
/// number with blank lines around it after every 50 lines. Paragraphs (as
/// the normalize stage finds them) holding a line longer than 60 columns are
/// re-flowed; shorter lines (headings, table cells) stay. Double-spaced text (a
/// blank line after nearly every line, as PDF extraction often gives) stays
/// double spaced.
fn hard_wrap(text: &str) -> String {
    let src: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let filled = src.iter().filter(|l| !l.trim().is_empty()).count();
    let followed_by_blank = src
        .windows(2)
        .filter(|w| !w[0].trim().is_empty() && w[1].trim().is_empty())
        .count();
    let double = followed_by_blank * 10 >= filled * 8;
    let norm = planmine::normalize::normalize(text, &Patterns::builtin().repairs);
    let mut lines: Vec<String> = Vec::new();
    let mut i = 0;
    while i < src.len() {
        let para = norm
            .paragraphs
            .iter()
            .find(|p| p.line == i + 1 && p.end_line <= src.len());
        let Some(p) = para.filter(|p| {
            src[p.line - 1..p.end_line]
                .iter()
                .any(|l| l.chars().count() > 60)
        }) else {
            lines.push(src[i].to_string());
            i += 1;
            continue;
        };
        // Join the paragraph's source lines as the normalizer would.
        let mut joined = String::new();
        for l in &src[p.line - 1..p.end_line] {
            let l = l.trim();
            if l.is_empty() {
                continue;
            }
            let glue = joined.ends_with('-') && !joined.ends_with(" -");
            if !joined.is_empty() && !glue {
                joined.push(' ');
            }
            joined.push_str(l);
        }
        let mut cur = String::new();
        let mut pieces = Vec::new();
        for word in joined.split(' ') {
            if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > 60 {
                pieces.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        }
        pieces.push(cur);
        let n = pieces.len();
        for (k, piece) in pieces.into_iter().enumerate() {
            lines.push(piece);
            if double && k + 1 < n {
                lines.push(String::new());
            }
        }
        i = p.end_line;
    }
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(l);
        if i % 50 == 49 && i + 1 < lines.len() && !l.trim().is_empty() {
            out.push_str(&format!("\n\n\n{}\n\n", i / 50 + 2));
        }
    }
    out
}

/// The damaged copy's bytes, and the text its output must equal the output of.
fn damage(text: &str, d: Damage) -> (Vec<u8>, String) {
    let legacy = &Patterns::builtin().legacy;
    match d {
        Damage::Lookalike => (
            text.replace('ư', "ƣ").replace('Ư', "Ƣ").into_bytes(),
            text.to_string(),
        ),
        Damage::Nfd => (
            text.nfd().collect::<String>().into_bytes(),
            text.to_string(),
        ),
        Damage::HardWrap => (hard_wrap(text).into_bytes(), text.to_string()),
        Damage::CrlfBom => {
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend(text.replace('\n', "\r\n").into_bytes());
            (b, text.to_string())
        }
        Damage::Mojibake => {
            // UTF-8 read as Windows-1252 and saved again as UTF-8.
            let (m, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes());
            (m.into_owned().into_bytes(), text.to_string())
        }
        Damage::TcvnAbcFonts => {
            let reference = saveable(text, Encoding::Tcvn3);
            let typed: String = reference
                .chars()
                .map(|c| {
                    if c.is_ascii() || !c.is_uppercase() || "ĂÂÊÔƠƯĐ".contains(c) {
                        c
                    } else {
                        c.to_lowercase().next().unwrap_or(c)
                    }
                })
                .collect();
            let bytes = legacy.encode(&typed, Encoding::Tcvn3).expect("encodable");
            (bytes, reference)
        }
        Damage::Utf16 | Damage::Cp1258 | Damage::Tcvn3 | Damage::Vni => {
            let reference = saveable(text, d.encoding());
            let bytes = legacy.encode(&reference, d.encoding()).expect("encodable");
            (bytes, reference)
        }
    }
}

type Rows = Vec<Vec<String>>;

struct Run {
    /// (sample, damage) -> (copy's doc_id, reference's doc_id)
    copies: BTreeMap<(String, Damage), (String, String)>,
    docs: HashMap<String, HashMap<String, String>>,
    targets: HashMap<String, Rows>,
}

fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Writes every copy (and reference) into one folder, runs planmine once.
fn run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap().keep();
        let input = tmp.join("in");
        fs::create_dir(&input).unwrap();
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut samples: Vec<_> = fs::read_dir(&corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        samples.sort();
        let mut copies = BTreeMap::new();
        let mut refs: HashMap<String, String> = HashMap::new();
        let mut n = 0u32;
        let mut name = || {
            n += 1;
            // Meaningless names: nothing about the plan can come from them.
            format!("{:06x}", n.wrapping_mul(2_654_435_761) >> 8)
        };
        for path in &samples {
            let sample = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(path).unwrap();
            for &d in ALL {
                let (bytes, reference) = damage(&text, d);
                let copy = name();
                fs::write(input.join(format!("{copy}.txt")), bytes).unwrap();
                let ref_id = refs
                    .entry(reference.clone())
                    .or_insert_with(|| {
                        let id = name();
                        fs::write(input.join(format!("{id}.txt")), &reference).unwrap();
                        id
                    })
                    .clone();
                copies.insert((sample.clone(), d), (copy, ref_id));
            }
        }
        let out = tmp.join("out");
        let status = Command::new(env!("CARGO_BIN_EXE_planmine"))
            .args(["run", "-q"])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.code().is_some_and(|c| c <= 1), "planmine ran");
        let docs = read_csv(&out.join("documents.csv"))
            .into_iter()
            .map(|r| (r["doc_id"].clone(), r))
            .collect();
        let mut targets: HashMap<String, Rows> = HashMap::new();
        for r in read_csv(&out.join("targets.csv")) {
            let row = TARGET_COLS.iter().map(|c| r[*c].clone()).collect();
            targets.entry(r["doc_id"].clone()).or_default().push(row);
        }
        let _ = fs::remove_dir_all(&tmp);
        Run {
            copies,
            docs,
            targets,
        }
    })
}

fn check(d: Damage) {
    let run = run();
    let mut problems = Vec::new();
    for ((sample, dmg), (copy, reference)) in &run.copies {
        if *dmg != d {
            continue;
        }
        let c = &run.docs[copy];
        let r = &run.docs[reference];
        if c["status"] == "error" {
            problems.push(format!("{sample}: error: {}", c["message"]));
            continue;
        }
        if c["encoding"] != d.encoding().as_str() {
            problems.push(format!(
                "{sample}: read as {}, expected {}",
                c["encoding"],
                d.encoding()
            ));
        }
        let same = |a: &str, b: &str| {
            a == b || (d == Damage::TcvnAbcFonts && a.to_lowercase() == b.to_lowercase())
        };
        for col in META_COLS {
            if !same(&c[*col], &r[*col]) {
                problems.push(format!(
                    "{sample}: {col}: {:?} instead of {:?}",
                    c[*col], r[*col]
                ));
            }
        }
        let empty = Vec::new();
        let ct = run.targets.get(copy).unwrap_or(&empty);
        let rt = run.targets.get(reference).unwrap_or(&empty);
        let lower = |rows: &Rows| -> Rows {
            rows.iter()
                .map(|r| r.iter().map(|x| x.to_lowercase()).collect())
                .collect()
        };
        let differ = if d == Damage::TcvnAbcFonts {
            lower(ct) != lower(rt)
        } else {
            ct != rt
        };
        if differ {
            let missing: Vec<_> = rt.iter().filter(|x| !ct.contains(x)).collect();
            let extra: Vec<_> = ct.iter().filter(|x| !rt.contains(x)).collect();
            problems.push(format!(
                "{sample}: {} targets instead of {}; missing {missing:?}; extra {extra:?}",
                ct.len(),
                rt.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{d:?}:\n{}", problems.join("\n"));
}

#[test]
fn lookalike_letters() {
    check(Damage::Lookalike);
}

#[test]
fn nfd() {
    check(Damage::Nfd);
}

#[test]
fn hard_wrapped_with_page_numbers() {
    check(Damage::HardWrap);
}

#[test]
fn crlf_and_bom() {
    check(Damage::CrlfBom);
}

#[test]
fn utf16le() {
    check(Damage::Utf16);
}

#[test]
fn windows_1258() {
    check(Damage::Cp1258);
}

#[test]
fn tcvn3() {
    check(Damage::Tcvn3);
}

#[test]
fn vni() {
    check(Damage::Vni);
}

#[test]
fn mojibake() {
    check(Damage::Mojibake);
}

#[test]
fn tcvn3_as_abc_fonts_wrote_it() {
    check(Damage::TcvnAbcFonts);
}
