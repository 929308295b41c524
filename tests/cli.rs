//! The `planmine` binary end to end on a small input folder built in a temp
//! dir: the four files and their headers, the formula-cell rule, `--bom`, the
//! workbook (read back with calamine), exit codes, the summary line, and that a
//! failed write leaves the previous output whole.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{open_workbook_auto, Data, Reader};

const PLAN: &str = "\
ỦY BAN NHÂN DÂN
HUYỆN KIM SƠN
Số: 12/KH-UBND

KẾ HOẠCH
Phòng, chống mại dâm trên địa bàn huyện Kim Sơn năm 2024

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức của người dân về phòng, chống mại dâm.
II. CHỈ TIÊU
1. Ít nhất 70% số xã, thị trấn tổ chức được ít nhất một hình thức tuyên truyền.
2. 100% tố giác, tin báo về tội phạm được tiếp nhận, xử lý.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Lao động - Thương binh và Xã hội
Chủ trì, phối hợp với các cơ quan liên quan triển khai Kế hoạch này.
2. Công an huyện
Phát hiện, xử lý các hành vi vi phạm pháp luật về mại dâm.
";

const MAX_SIZE: usize = 5000;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planmine"))
}

/// A folder `plans/` under `root` with a normal plan, one in a subfolder,
/// file names that would be formulas, a file over the size limit, and a file
/// that is not a plan input.
fn make_inputs(root: &Path) -> PathBuf {
    let plans = root.join("plans");
    fs::create_dir_all(plans.join("sub")).unwrap();
    fs::write(plans.join("kim-son_2024.txt"), PLAN).unwrap();
    fs::write(plans.join("sub").join("copy.md"), PLAN).unwrap();
    fs::write(plans.join("=evil.txt"), PLAN).unwrap();
    fs::write(plans.join("-dash.txt"), PLAN).unwrap();
    fs::write(plans.join("big.txt"), "a".repeat(MAX_SIZE + 1)).unwrap();
    fs::write(plans.join("notes.pdf"), "not an input").unwrap();
    plans
}

fn run_in(root: &Path, args: &[&str]) -> Output {
    bin().current_dir(root).args(args).output().unwrap()
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = fs::read(path).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

const FILES: [&str; 4] = [
    "documents.csv",
    "targets.csv",
    "assignments.csv",
    "comparison.csv",
];

fn size_arg() -> String {
    MAX_SIZE.to_string()
}

#[test]
fn run_writes_four_csvs_with_a_row_per_input() {
    let d = tempfile::tempdir().unwrap();
    make_inputs(d.path());
    let out = run_in(
        d.path(),
        &["run", "plans", "-o", "out", "-q", "--max-size", &size_arg()],
    );
    assert_eq!(out.status.code(), Some(1), "a file failed: exit 1");
    for f in FILES {
        assert!(d.path().join("out").join(f).is_file(), "{f}");
    }
    let (header, rows) = read_csv(&d.path().join("out/documents.csv"));
    assert_eq!(header[..3], ["doc_id", "source_path", "status"]);
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    // Sorted by doc_id; relative to the given root; formula-quoted; the .pdf
    // is not an input.
    assert_eq!(ids, ["'-dash", "'=evil", "big", "kim-son_2024", "sub/copy"]);
    let big = &rows[2];
    assert_eq!(big[1], "plans/big.txt");
    assert_eq!(big[2], "error");
    assert_eq!(
        big[3],
        format!(
            "file too large: {} bytes, more than --max-size {MAX_SIZE} bytes",
            MAX_SIZE + 1
        )
    );
    // The two copies of one plan give the same rows (but their ids).
    let (_, targets) = read_csv(&d.path().join("out/targets.csv"));
    let of = |id: &str| -> Vec<Vec<String>> {
        targets
            .iter()
            .filter(|r| r[0] == id)
            .map(|r| r[1..].to_vec())
            .collect()
    };
    assert_eq!(of("kim-son_2024"), of("sub/copy"));
    let (h, _) = read_csv(&d.path().join("out/comparison.csv"));
    assert_eq!(h[..2], ["indicator", "description"]);
    assert!(
        !h.iter().any(|c| c.contains("big")),
        "error rows get no column"
    );
}

#[test]
fn no_text_cell_could_run_as_a_formula() {
    let d = tempfile::tempdir().unwrap();
    make_inputs(d.path());
    run_in(
        d.path(),
        &["run", "plans", "-o", "out", "-q", "--max-size", &size_arg()],
    );
    for f in FILES {
        let (header, rows) = read_csv(&d.path().join("out").join(f));
        for cell in header.iter().chain(rows.iter().flatten()) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{f}: {cell:?}"
            );
        }
    }
}

#[test]
fn bom_flag_starts_every_csv_with_a_bom() {
    let d = tempfile::tempdir().unwrap();
    make_inputs(d.path());
    run_in(d.path(), &["run", "plans", "-o", "plain", "-q"]);
    run_in(d.path(), &["run", "plans", "-o", "bom", "-q", "--bom"]);
    for f in FILES {
        let plain = fs::read(d.path().join("plain").join(f)).unwrap();
        let bom = fs::read(d.path().join("bom").join(f)).unwrap();
        assert_eq!(&bom[..3], b"\xEF\xBB\xBF", "{f}");
        assert_ne!(&plain[..3], b"\xEF\xBB\xBF", "{f}");
        assert_eq!(&bom[3..], &plain[..], "{f}: only the BOM differs");
    }
}

#[test]
fn workbook_has_the_four_tables() {
    let d = tempfile::tempdir().unwrap();
    make_inputs(d.path());
    let out = run_in(
        d.path(),
        &[
            "run",
            "plans",
            "-o",
            "out",
            "-q",
            "--max-size",
            &size_arg(),
            "--xlsx",
            "book.xlsx",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let path = d.path().join("book.xlsx");
    let mut wb = open_workbook_auto(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["documents", "targets", "assignments", "comparison"]
    );
    for name in ["documents", "targets", "assignments", "comparison"] {
        let (header, rows) = read_csv(&d.path().join("out").join(format!("{name}.csv")));
        let range = wb.worksheet_range(name).unwrap();
        let got: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        assert_eq!(got.len(), rows.len() + 1, "{name}: rows");
        let got_header: Vec<String> = got[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(got_header, header, "{name}: header");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let x = got[r + 1].get(c).cloned().unwrap_or(Data::Empty);
                match &x {
                    Data::Float(v) => {
                        assert_eq!(cell.parse::<f64>().ok(), Some(*v), "{name} {r},{c}: number")
                    }
                    Data::String(s) => {
                        assert_eq!(s, cell, "{name} {r},{c}: same text as the CSV");
                        assert!(!s.starts_with(['=', '+', '-', '@', '\t', '\r']));
                    }
                    Data::Empty => assert!(cell.is_empty(), "{name} {r},{c}"),
                    other => panic!("{name} {r},{c}: unexpected {other:?}"),
                }
            }
        }
        let formulas = wb.worksheet_formula(name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name}: no formulas"
        );
    }
    // Numbers as numbers.
    let docs = wb.worksheet_range("documents").unwrap();
    let header: Vec<String> = docs
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = header.iter().position(|h| h == "sections").unwrap();
    let row = docs
        .rows()
        .find(|r| r[0] == Data::String("kim-son_2024".into()))
        .unwrap();
    assert!(matches!(row[col], Data::Float(_)), "{:?}", row[col]);
}

#[test]
fn unwritable_output_folder_is_exit_2_before_any_work() {
    let d = tempfile::tempdir().unwrap();
    make_inputs(d.path());
    fs::write(d.path().join("afile"), "x").unwrap();
    let out = run_in(d.path(), &["run", "plans", "-o", "afile/out"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("output folder"), "{err}");
    assert!(!err.contains("files:"), "no work was done: {err}");
}

#[test]
fn failed_write_leaves_previous_output_intact() {
    let d = tempfile::tempdir().unwrap();
    make_inputs(d.path());
    let first = run_in(
        d.path(),
        &["run", "plans", "-o", "out", "-q", "--max-size", &size_arg()],
    );
    assert_eq!(first.status.code(), Some(1));
    let before: Vec<Vec<u8>> = FILES
        .iter()
        .map(|f| fs::read(d.path().join("out").join(f)).unwrap())
        .collect();
    // A second run on other input, whose workbook cannot be written: a
    // folder stands where the file should go.
    fs::create_dir_all(d.path().join("out/book.xlsx/x")).unwrap();
    let second = run_in(
        d.path(),
        &[
            "run",
            "plans/kim-son_2024.txt",
            "-o",
            "out",
            "-q",
            "--xlsx",
            "out/book.xlsx",
        ],
    );
    assert_eq!(second.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&second.stderr).contains("book.xlsx"));
    for (f, old) in FILES.iter().zip(&before) {
        assert_eq!(&fs::read(d.path().join("out").join(f)).unwrap(), old, "{f}");
    }
    let mut names: Vec<String> = fs::read_dir(d.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "assignments.csv",
            "book.xlsx",
            "comparison.csv",
            "documents.csv",
            "targets.csv"
        ],
        "no temporary files left behind"
    );
}

#[test]
fn summary_line_on_stderr_unless_quiet() {
    let d = tempfile::tempdir().unwrap();
    make_inputs(d.path());
    let out = run_in(
        d.path(),
        &["run", "plans", "-o", "out", "--max-size", &size_arg()],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    // Warnings are the extractors' business: accept any ok/warning split.
    let loose = regex::Regex::new(
        r"^5 files: \d ok, \d warning, 1 error; \d+ targets, \d+ assignments; \d+\.\d MB read in \d+\.\d\d s \(\d+\.\d MB/s\)\n$",
    )
    .unwrap();
    assert!(loose.is_match(&err), "{err:?}");
    assert!(out.stdout.is_empty());
    let quiet = run_in(
        d.path(),
        &["run", "plans", "-o", "out", "-q", "--max-size", &size_arg()],
    );
    assert!(
        quiet.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

#[test]
fn eval_scores_an_output_folder() {
    let d = tempfile::tempdir().unwrap();
    make_inputs(d.path());
    run_in(d.path(), &["run", "plans", "-o", "out", "-q"]);
    let gold = d.path().join("gold");
    fs::create_dir_all(&gold).unwrap();
    fs::write(
        gold.join("documents.csv"),
        "doc_id,locality,year_start,year_end\nkim-son_2024,Kim Sơn,2024,2024\n",
    )
    .unwrap();
    let out = run_in(d.path(), &["eval", "--gold", "gold", "-o", "out"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("strict"), "{text}");
    assert!(text.contains("kim-son_2024"), "{text}");
    let json = run_in(d.path(), &["eval", "--gold", "gold", "-o", "out", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["per_document"].as_array().unwrap().len(), 1);
    let missing = run_in(d.path(), &["eval", "--gold", "nowhere", "-o", "out"]);
    assert_eq!(missing.status.code(), Some(2));
}
