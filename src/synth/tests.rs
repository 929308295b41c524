use super::*;

fn template(text: &str) -> Template {
    Template {
        ext: "txt".into(),
        text: text.into(),
    }
}

const PLAN: &str = "ỦY BAN NHÂN DÂN HUYỆN BÌNH LỤC\n\nKế hoạch số 45/KH-UBND ngày 17/11/2023\n\
Thực hiện công tác năm 2023 trên địa bàn huyện Bình Lục, tỉnh Hà Nam\n\
giai đoạn 2021-2025. Phấn đấu 80% số xã đạt chuẩn; triệt xóa 03 điểm.\n\
UBND Bình Lục chủ trì. Mục 1.2 và 2,5 lần.\n";

#[test]
fn rng_is_deterministic_and_spread() {
    let a: Vec<u64> = (0..5)
        .map(|_| 0)
        .scan(Rng::new(7), |r, _| Some(r.next_u64()))
        .collect();
    let b: Vec<u64> = (0..5)
        .map(|_| 0)
        .scan(Rng::new(7), |r, _| Some(r.next_u64()))
        .collect();
    assert_eq!(a, b);
    let mut r = Rng::new(1);
    let hits = (0..1000).filter(|_| r.below(10) == 3).count();
    assert!((50..150).contains(&hits), "{hits}");
}

#[test]
fn same_seed_same_document_other_index_other_document() {
    let p = Patterns::builtin();
    let s = Synth::new(vec![template(PLAN)], p);
    assert_eq!(s.document(42, 3), s.document(42, 3));
    let docs: HashSet<String> = (0..50).map(|i| s.document(42, i).1).collect();
    assert!(docs.len() >= 45, "only {} distinct", docs.len());
    assert_ne!(s.document(42, 3).1, s.document(43, 3).1);
}

#[test]
fn places_are_swapped_everywhere_and_consistently() {
    let p = Patterns::builtin();
    let s = Synth::new(vec![template(PLAN)], p);
    let mut changed = 0;
    for i in 0..20 {
        let mut rng = Rng::new(i);
        let out = s.swap_places(PLAN, &mut rng);
        if !out.contains("Bình Lục") && !out.contains("BÌNH LỤC") {
            changed += 1;
        }
        // the three mentions of the district all become the same name
        let name = out
            .split("huyện ")
            .nth(1)
            .and_then(|r| r.split(',').next())
            .unwrap()
            .to_string();
        assert!(out.contains(&format!("UBND {name} chủ trì")), "{out}");
        assert!(out.contains(&name.to_uppercase()), "{out}");
    }
    assert!(changed >= 18, "{changed}");
}

#[test]
fn numbers_vary_but_years_dates_and_decimals_keep_their_shape() {
    for seed in 0..30 {
        let mut rng = Rng::new(seed);
        let out = vary_numbers(PLAN, &mut rng);
        assert!(out.contains("/11/"), "{out}");
        assert!(out.contains(" 1.2 ") && out.contains(" 2,5 "), "{out}");
        // the period keeps its length
        let i = out.find("giai đoạn ").unwrap() + "giai đoạn ".len();
        let a: i32 = out[i..i + 4].parse().unwrap();
        let b: i32 = out[i + 5..i + 9].parse().unwrap();
        assert_eq!(b - a, 4, "{out}");
        let pct = out.split('%').next().unwrap();
        let v: u32 = pct.rsplit(' ').next().unwrap().parse().unwrap();
        assert!(v <= 100);
        assert!(out.contains(" 0"), "leading zero kept: {out}");
    }
}

#[test]
fn rewrap_keeps_every_word() {
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    for seed in 0..40 {
        let mut rng = Rng::new(seed);
        let out = rewrap(PLAN, &mut rng);
        assert_eq!(words(&out), words(PLAN), "seed {seed}");
    }
}

#[test]
fn no_templates_no_panic() {
    let s = Synth::new(vec![], Patterns::builtin());
    assert_eq!(s.document(1, 1).1, "");
    let dir = tempfile::tempdir().unwrap();
    assert!(write_corpus(&dir.path().join("x"), 0.01, 1, &s).is_err());
}

#[test]
fn writes_about_the_size_asked_in_subfolders() {
    let s = Synth::new(vec![template(PLAN)], Patterns::builtin());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c");
    let w = write_corpus(&out, 0.15, 9, &s).unwrap();
    assert!(w.bytes >= 150_000 && w.bytes < 151_000, "{w:?}");
    assert!(w.files > FILES_PER_FOLDER);
    assert!(out.join("000/plan-000000.txt").is_file());
    assert!(out.join("001").is_dir());
    // refuses to write into a non-empty folder
    assert!(write_corpus(&out, 0.01, 9, &s).is_err());
}

#[test]
fn a_generated_plan_still_reads_as_a_plan() {
    let p = Patterns::builtin();
    let s = Synth::new(vec![template(PLAN)], p);
    for i in 0..10 {
        let (_, text) = s.document(5, i);
        let a = crate::analyze(&text, p);
        assert!(!a.norm.paragraphs.is_empty());
    }
}
