//! The one format of every data file: `#` comment lines (the header that says
//! what the file is, where its facts come from and how to add a row), one line of
//! column names, then tab-separated rows.

use std::fmt;

/// A parsing problem in a data file, with the file and line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for TableError {}

/// One row of a data file: its cells and the line it stands on.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A parsed data file.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    pub fn parse(file: &str, text: &str) -> Result<Table, TableError> {
        let mut columns: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if raw.starts_with('#') || raw.trim().is_empty() {
                continue;
            }
            let cells: Vec<String> = raw.split('\t').map(|c| c.to_string()).collect();
            match &columns {
                None => columns = Some(cells),
                Some(cols) => {
                    if cells.len() > cols.len() {
                        return Err(TableError {
                            file: file.into(),
                            line,
                            message: format!(
                                "{} cells but {} columns ({})",
                                cells.len(),
                                cols.len(),
                                cols.join(", ")
                            ),
                        });
                    }
                    rows.push(Row { line, cells });
                }
            }
        }
        let columns = columns.ok_or_else(|| TableError {
            file: file.into(),
            line: 0,
            message: "no column header line".into(),
        })?;
        Ok(Table {
            file: file.into(),
            columns,
            rows,
        })
    }

    /// The index of a column, or an error naming the file.
    pub fn col(&self, name: &str) -> Result<usize, TableError> {
        self.columns
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| TableError {
                file: self.file.clone(),
                line: 0,
                message: format!("missing column `{name}`"),
            })
    }

    /// The cell of `row` in column `col` (empty when the row is short).
    pub fn get<'a>(&self, row: &'a Row, col: usize) -> &'a str {
        row.cells.get(col).map(|s| s.as_str()).unwrap_or("")
    }

    /// An error located at `row`.
    pub fn error(&self, row: &Row, message: impl Into<String>) -> TableError {
        TableError {
            file: self.file.clone(),
            line: row.line,
            message: message.into(),
        }
    }
}

impl Table {
    /// Compiles phrases read from this file into one automaton; a build error
    /// names the file.
    pub fn automaton<P: AsRef<[u8]>>(
        &self,
        phrases: &[P],
        kind: aho_corasick::MatchKind,
    ) -> Result<aho_corasick::AhoCorasick, TableError> {
        aho_corasick::AhoCorasick::builder()
            .match_kind(kind)
            .build(phrases)
            .map_err(|e| TableError {
                file: self.file.clone(),
                line: 0,
                message: e.to_string(),
            })
    }
}

/// Resolves `U+XXXX` escapes in a data cell: a cell made only of such escapes
/// (separated by nothing or spaces) stands for those code points; any other cell
/// is taken literally.
pub fn unescape(cell: &str) -> Option<String> {
    let t = cell.trim();
    if !t.starts_with("U+") {
        return Some(cell.to_string());
    }
    let mut out = String::new();
    for part in t.split("U+").filter(|p| !p.trim().is_empty()) {
        let cp = u32::from_str_radix(part.trim(), 16).ok()?;
        out.push(char::from_u32(cp)?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_header_comments_and_rows() {
        let t = Table::parse("x.tsv", "# about\n\na\tb\n1\t2\n# c\n3\n").unwrap();
        assert_eq!(t.columns, vec!["a", "b"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].line, 6);
        assert_eq!(t.get(&t.rows[1], 1), "");
    }

    #[test]
    fn too_many_cells_is_an_error_with_line() {
        let e = Table::parse("x.tsv", "a\n1\t2\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn unescapes_code_points() {
        assert_eq!(unescape("U+01A3").unwrap(), "ƣ");
        assert_eq!(unescape("U+0061U+0300").unwrap(), "a\u{300}");
        assert_eq!(unescape("ư").unwrap(), "ư");
        assert_eq!(unescape("U+ZZ"), None);
    }
}
