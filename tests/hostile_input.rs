//! The broken-files folder: one good plan among files planmine cannot read.
//! Runs the real binary on it and checks that documents.csv has an error row
//! that says what is wrong (and what to do) for every bad file, that the good
//! file is processed, and that the exit code is 1.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::process::Command;

/// documents.csv as doc_id -> column -> value.
fn documents(out: &Path) -> HashMap<String, HashMap<String, String>> {
    let mut r = csv::Reader::from_path(out.join("documents.csv")).expect("documents.csv");
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let row: HashMap<String, String> = header
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect();
            (row["doc_id"].clone(), row)
        })
        .collect()
}

fn good_plan() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    // The smallest sample plan.
    files.sort_by_key(|p| fs::metadata(p).unwrap().len());
    fs::read(&files[0]).unwrap()
}

#[test]
fn broken_files_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    fs::create_dir(&root).unwrap();
    let good = good_plan();
    let max_size = good.len() as u64 * 2;
    fs::write(root.join("good.txt"), &good).unwrap();

    // (file name, bytes, words the error message must hold)
    let bad: &[(&str, Vec<u8>, &[&str])] = &[
        ("empty.txt", vec![], &["empty file"]),
        ("blank.md", b" \r\n\n\t \n".to_vec(), &["empty file"]),
        (
            "nul.txt",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".repeat(50),
            &["binary", "NUL"],
        ),
        (
            "scan.txt",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj".to_vec(),
            &["PDF file: extract its text first"],
        ),
        (
            "plan.docx.txt",
            b"PK\x03\x04\x14\x00\x06\x00".to_vec(),
            &["ZIP", ".docx", "plain text"],
        ),
        (
            "old.txt",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00".to_vec(),
            &[".doc", "plain text"],
        ),
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
            &["image", "OCR"],
        ),
        (
            "huge.txt",
            "Kế hoạch ".repeat(max_size as usize / 5).into_bytes(),
            &["too large", "--max-size"],
        ),
    ];
    for (name, bytes, _) in bad {
        fs::write(root.join(name), bytes).unwrap();
    }

    // A dangling link: its target cannot be read.
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("gone.txt"), root.join("dangling.txt")).unwrap();
    // A link to itself, and a folder linking back to its ancestor.
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("self.txt"), root.join("self.txt")).unwrap();
    #[cfg(unix)]
    {
        fs::create_dir(root.join("sub")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("sub").join("back")).unwrap();
    }
    // A file without read permission (root can read it anyway).
    let locked = root.join("locked.txt");
    fs::write(&locked, &good).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    }
    let locked_readable = fs::read(&locked).is_ok();

    let out = tmp.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_planmine"))
        .args(["run", "-q", "--max-size", &max_size.to_string()])
        .arg(&root)
        .arg("-o")
        .arg(&out)
        .status()
        .expect("run planmine");
    assert_eq!(status.code(), Some(1), "exit code 1 when some file failed");

    let docs = documents(&out);
    let g = &docs["good"];
    assert_ne!(g["status"], "error", "good file processed: {g:?}");
    assert_eq!(g["encoding"], "utf-8");
    assert_ne!(g["sections"], "0", "good file segmented: {g:?}");

    for (name, _, words) in bad {
        let id = name.rsplit_once('.').unwrap().0;
        let row = docs
            .get(id)
            .unwrap_or_else(|| panic!("no row for {name}: {docs:?}"));
        assert_eq!(row["status"], "error", "{name}: {row:?}");
        for w in *words {
            assert!(
                row["message"].contains(w),
                "{name}: {:?} lacks {w:?}",
                row["message"]
            );
        }
        assert_eq!(row["encoding"], "", "{name}");
    }
    #[cfg(unix)]
    {
        let d = &docs["dangling"];
        assert_eq!(d["status"], "error");
        assert!(d["message"].contains("cannot read"), "{d:?}");
        let s = &docs["self"];
        assert_eq!(s["status"], "error");
        assert!(s["message"].contains("cannot read"), "{s:?}");
        let loops: Vec<_> = docs
            .values()
            .filter(|r| r["message"].contains("symbolic link loop"))
            .collect();
        assert!(!loops.is_empty(), "loop reported: {docs:?}");
        assert!(loops.iter().all(|r| r["status"] == "error"));
    }
    let l = &docs["locked"];
    if locked_readable {
        assert_ne!(l["status"], "error", "{l:?}");
    } else {
        assert_eq!(l["status"], "error", "{l:?}");
        assert!(l["message"].contains("cannot read"), "{l:?}");
    }
}

/// Plain text that is not a plan is processed with a warning, not an error.
#[test]
fn text_that_is_not_a_plan_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    fs::create_dir(&root).unwrap();
    fs::write(
        root.join("note.txt"),
        "Danh sách mua sắm: bút, giấy, mực.\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_planmine"))
        .args(["run", "-q"])
        .arg(&root)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let docs = documents(&out);
    assert_eq!(docs["note"]["status"], "warning", "{:?}", docs["note"]);
    assert!(docs["note"]["message"].contains("not a plan"));
}
