//! Domain knowledge as data: the `patterns/` folder, compiled once.
//!
//! Every dictionary a domain expert may edit (character repairs, legacy encoding
//! tables, section headings, comparator words, indicator cues, agency names, the
//! gazetteer) is a TSV file in `patterns/`. The files are compiled into the binary
//! with `include_str!`; `--patterns DIR` replaces any of them by a file of the same
//! name in DIR. [`Patterns::load`] parses them all and builds every automaton and
//! regex once; the resulting value is shared read-only by all workers.

pub mod tsv;

use std::path::Path;

use crate::decode::LegacyTables;
use crate::extract::agencies::AgencyDict;
use crate::extract::assignments::AssignmentCues;
use crate::extract::indicators::IndicatorCues;
use crate::extract::lexicon::Lexicon;
use crate::extract::metadata::{Gazetteer, Issuers};
use crate::normalize::Repairs;
use crate::segment::SectionKinds;

pub use tsv::{Table, TableError};

/// The built-in data files, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("agencies.tsv", include_str!("../../patterns/agencies.tsv")),
    (
        "agency_abbreviations.tsv",
        include_str!("../../patterns/agency_abbreviations.tsv"),
    ),
    (
        "assignment_cues.tsv",
        include_str!("../../patterns/assignment_cues.tsv"),
    ),
    (
        "gazetteer.tsv",
        include_str!("../../patterns/gazetteer.tsv"),
    ),
    (
        "indicator_keys.tsv",
        include_str!("../../patterns/indicator_keys.tsv"),
    ),
    (
        "indicators.tsv",
        include_str!("../../patterns/indicators.tsv"),
    ),
    ("issuers.tsv", include_str!("../../patterns/issuers.tsv")),
    ("lexicon.tsv", include_str!("../../patterns/lexicon.tsv")),
    ("repairs.tsv", include_str!("../../patterns/repairs.tsv")),
    ("sections.tsv", include_str!("../../patterns/sections.tsv")),
    ("tcvn3.tsv", include_str!("../../patterns/tcvn3.tsv")),
    ("vni.tsv", include_str!("../../patterns/vni.tsv")),
];

/// Where the data files come from: the built-in copies, or a folder that may
/// override some of them.
#[derive(Debug, Clone, Default)]
pub struct Source {
    dir: Option<std::path::PathBuf>,
}

impl Source {
    pub fn builtin() -> Self {
        Source { dir: None }
    }

    pub fn dir(dir: &Path) -> Self {
        Source {
            dir: Some(dir.to_path_buf()),
        }
    }

    /// The text of one data file: the override folder's copy if it has one,
    /// else the built-in one.
    pub fn text(&self, name: &str) -> Result<(String, String), TableError> {
        if let Some(dir) = &self.dir {
            let path = dir.join(name);
            if path.exists() {
                let text = std::fs::read_to_string(&path).map_err(|e| TableError {
                    file: path.display().to_string(),
                    line: 0,
                    message: e.to_string(),
                })?;
                return Ok((path.display().to_string(), text));
            }
        }
        BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, t)| (format!("patterns/{n}"), (*t).to_string()))
            .ok_or_else(|| TableError {
                file: name.to_string(),
                line: 0,
                message: "no such data file".into(),
            })
    }

    pub fn table(&self, name: &str) -> Result<Table, TableError> {
        let (file, text) = self.text(name)?;
        Table::parse(&file, &text)
    }
}

/// Every compiled dictionary, built once at start-up and passed as `&Patterns`.
#[derive(Debug)]
pub struct Patterns {
    pub repairs: Repairs,
    pub legacy: LegacyTables,
    pub sections: SectionKinds,
    pub lexicon: Lexicon,
    pub indicators: IndicatorCues,
    pub agencies: AgencyDict,
    pub assignment_cues: AssignmentCues,
    pub gazetteer: Gazetteer,
    pub issuers: Issuers,
    /// The indicator keys and their English descriptions
    /// (`indicator_keys.tsv`), in file order: comparison.csv's rows.
    pub indicator_keys: Vec<(String, String)>,
}

impl Patterns {
    /// Parses and compiles every data file from `source`.
    pub fn load(source: &Source) -> Result<Patterns, TableError> {
        let indicators = IndicatorCues::from_table(&source.table("indicators.tsv")?)?;
        let indicator_keys = indicator_keys(&source.table("indicator_keys.tsv")?, &indicators)?;
        Ok(Patterns {
            repairs: Repairs::from_table(&source.table("repairs.tsv")?)?,
            legacy: LegacyTables::from_tables(
                &source.table("tcvn3.tsv")?,
                &source.table("vni.tsv")?,
            )?,
            sections: SectionKinds::from_table(&source.table("sections.tsv")?)?,
            // Targets search a paragraph for the lexicon's phrases and the
            // indicator cues at once.
            lexicon: Lexicon::from_table_with(&source.table("lexicon.tsv")?, indicators.cues())?,
            indicators,
            agencies: AgencyDict::from_tables(
                &source.table("agencies.tsv")?,
                &source.table("agency_abbreviations.tsv")?,
            )?,
            assignment_cues: AssignmentCues::from_table(&source.table("assignment_cues.tsv")?)?,
            gazetteer: Gazetteer::from_table(&source.table("gazetteer.tsv")?)?,
            issuers: Issuers::from_table(&source.table("issuers.tsv")?)?,
            indicator_keys,
        })
    }

    /// The built-in patterns. Panics only if a built-in file is malformed, which
    /// the test suite rules out.
    pub fn builtin() -> &'static Patterns {
        use std::sync::OnceLock;
        static P: OnceLock<Patterns> = OnceLock::new();
        P.get_or_init(|| Patterns::load(&Source::builtin()).expect("built-in patterns parse"))
    }
}

/// The rows of `indicator_keys.tsv` (key, description), checked to name every
/// key the indicator rules give: a target under a key the file lacks would
/// have no row in comparison.csv.
fn indicator_keys(
    t: &Table,
    indicators: &IndicatorCues,
) -> Result<Vec<(String, String)>, TableError> {
    let keys: Vec<(String, String)> = t
        .rows
        .iter()
        .map(|r| (t.get(r, 0).to_string(), t.get(r, 1).to_string()))
        .collect();
    let known: std::collections::HashSet<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    if let Some(k) = indicators.keys().into_iter().find(|k| !known.contains(k)) {
        return Err(TableError {
            file: t.file.clone(),
            line: 0,
            message: format!("indicator key `{k}` of indicators.tsv is missing"),
        });
    }
    Ok(keys)
}
