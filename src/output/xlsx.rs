//! `--xlsx FILE`: the four tables as one Excel workbook (rust_xlsxwriter), one
//! sheet each (`documents`, `targets`, `assignments`, `comparison`), for a
//! reader who double-clicks it.
//!
//! Each sheet has a bold header row frozen in place, an autofilter over the
//! table, column widths fitted to the content (within bounds), and numbers
//! (years, values, counts, line numbers) stored as numbers. Every text cell is
//! written with `write_string` — never parsed as a formula — and carries the
//! same formula-safe text as the CSV ([`super::safe_cell`]). The workbook's
//! creation time is fixed so the same results give the same bytes.

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use super::{safe_cell, Table};

/// Excel's limit on the characters in one cell (UTF-16 units).
const MAX_CELL: usize = 32_767;
/// Excel's limit on rows in a sheet (the header included).
const MAX_ROWS: usize = 1_048_576;
/// Column width bounds, in characters.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

/// Columns stored as numbers when the cell parses as one.
const NUMERIC: &[&str] = &[
    "year_start",
    "year_end",
    "value",
    "line",
    "sections",
    "targets",
    "assignments",
];

/// Cuts a string to Excel's cell limit.
fn fit_cell(s: &str) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL {
            return &s[..i];
        }
    }
    s
}

fn sheet(ws: &mut Worksheet, table: &Table, bold: &Format) -> Result<()> {
    if table.rows.len() + 1 > MAX_ROWS {
        anyhow::bail!(
            "{}: {} rows, more than an Excel sheet holds",
            table.name,
            table.rows.len()
        );
    }
    ws.set_name(table.name)?;
    let mut widths: Vec<usize> = table.header.iter().map(|h| h.chars().count()).collect();
    for (c, h) in table.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, fit_cell(&safe_cell(h)), bold)?;
    }
    let numeric: Vec<bool> = table
        .header
        .iter()
        .map(|h| NUMERIC.contains(&h.as_str()))
        .collect();
    for (r, row) in table.rows.iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let col = c as u16;
            let number = if numeric.get(c).copied().unwrap_or(false) {
                cell.parse::<f64>().ok().filter(|v| v.is_finite())
            } else {
                None
            };
            match number {
                Some(v) => {
                    ws.write_number(r, col, v)?;
                }
                None => {
                    let text = safe_cell(cell);
                    ws.write_string(r, col, fit_cell(&text))?;
                }
            }
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(cell.chars().count().min(MAX_WIDTH));
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let w = (*w).clamp(MIN_WIDTH, MAX_WIDTH) as f64 + 2.0;
        ws.set_column_width(c as u16, w)?;
    }
    let last_col = table.header.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, table.rows.len() as u32, last_col)?;
    Ok(())
}

/// The workbook of the given tables, serialized.
pub fn workbook_bytes(tables: &[Table]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("planmine output")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    for t in tables {
        let ws = wb.add_worksheet();
        sheet(ws, t, &bold).with_context(|| format!("workbook sheet {}", t.name))?;
    }
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_to_the_excel_limit() {
        let s = "ư".repeat(MAX_CELL + 10);
        assert_eq!(fit_cell(&s).chars().count(), MAX_CELL);
        assert_eq!(fit_cell("abc"), "abc");
    }

    #[test]
    fn same_tables_same_bytes() {
        let t = Table {
            name: "targets",
            header: vec!["doc_id".into(), "value".into(), "text".into()],
            rows: vec![vec!["a".into(), "20".into(), "=1+1".into()]],
        };
        let a = workbook_bytes(std::slice::from_ref(&t)).unwrap();
        let b = workbook_bytes(&[t]).unwrap();
        assert_eq!(a, b);
        assert_eq!(&a[..2], b"PK");
    }
}
