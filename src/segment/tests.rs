//! Heading recognition tables and the outlines of the five samples.

use super::*;
use crate::normalize::normalize;
use crate::patterns::Patterns;

fn outline_of(text: &str) -> Outline {
    let p = Patterns::builtin();
    segment(&normalize(text, &p.repairs), &p.sections)
}

fn paths(o: &Outline) -> Vec<String> {
    o.sections.iter().map(|s| s.path.clone()).collect()
}

#[test]
fn numbering_schemes_nest() {
    let text = "KẾ HOẠCH\nPhòng, chống mại dâm năm 2023\nI. MỤC TIÊU\n1. Mục tiêu chung\n1.1. Chỉ tiêu\na) Hằng năm\n- Ít nhất 20% số xã.\nb) Đến năm 2030\n- Ít nhất 50% số xã.\n2. Nhiệm vụ\n2.1. Tuyên truyền.\nII. TỔ CHỨC THỰC HIỆN\n1. Công an huyện\n";
    let o = outline_of(text);
    assert_eq!(
        paths(&o),
        vec!["I", "I.1", "I.1.1", "I.1.1.a", "I.1.1.b", "I.2", "I.2.1", "II", "II.1"]
    );
    assert_eq!(o.sections[0].kinds, vec![SectionKind::Objectives]);
    assert_eq!(o.sections[7].kinds, vec![SectionKind::Implementation]);
    // The title is in the header block.
    assert_eq!(o.block_of(0), Block::Header);
}

#[test]
fn heading_with_two_kinds() {
    let o = outline_of("II. CÁC CHỈ TIÊU, NHIỆM VỤ CỤ THỂ\n- a\n");
    assert_eq!(
        o.sections[0].kinds,
        vec![SectionKind::Targets, SectionKind::Tasks]
    );
}

#[test]
fn lines_that_start_with_numbers_are_not_headings() {
    let o = outline_of("II. MỤC TIÊU\n100% xã, thị trấn có tổ chức tuyên truyền.\n2.000 người dân được tuyên truyền.\n20% học sinh.\n");
    assert_eq!(paths(&o), vec!["II"]);
}

#[test]
fn numbering_slips_are_kept_as_written() {
    let o = outline_of("I. MỤC TIÊU\n7. Đề nghị Mặt trận\n7. Các Tổ dân phố\nII. NHIỆM VỤ\nII. TỔ CHỨC THỰC HIỆN\n");
    assert_eq!(paths(&o), vec!["I", "I.7", "I.7", "II", "II"]);
}

#[test]
fn numbering_wins_over_markdown_level() {
    let o = outline_of(
        "#### **I. MỤC ĐÍCH**\n##### **1. Mục đích**\n## **2. Công an huyện.**\n- Chủ trì.\n",
    );
    assert_eq!(paths(&o), vec!["I", "I.1", "I.2"]);
}

#[test]
fn closing_and_appendices_are_blocks() {
    let text = "I. MỤC TIÊU\n- Ít nhất 20%.\nTrên đây là Kế hoạch.\nNơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nPhụ lục I\nDanh mục các chỉ tiêu\nSTT Chỉ tiêu Cơ quan chủ trì\n1\n100% xã tuyên truyền.\nUBND cấp huyện\n2\nTriệt xóa 03 điểm.\nCông an Thành phố\nPhụ lục II\nDanh sách điểm\n";
    let o = outline_of(text);
    assert_eq!(paths(&o), vec!["I", "closing", "PL1", "PL2"]);
    assert_eq!(o.sections[2].kinds, vec![SectionKind::Appendix]);
    assert_eq!(o.table_rows.len(), 2);
    assert_eq!(o.table_rows[0].stt, "1");
    assert_eq!(o.table_rows[0].paragraphs.len(), 2);
    assert_eq!(o.count(), 3);
}

#[test]
fn a_sentence_starting_with_phu_luc_is_not_an_appendix() {
    let o = outline_of("I. MỤC TIÊU\nPhụ lục kèm theo kế hoạch này quy định chi tiết các chỉ tiêu của từng đơn vị.\n");
    assert_eq!(paths(&o), vec!["I"]);
}

fn sample(name: &str) -> Outline {
    let path = format!("{}/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    outline_of(&std::fs::read_to_string(path).unwrap())
}

fn top(o: &Outline) -> Vec<(String, Vec<SectionKind>)> {
    o.sections
        .iter()
        .filter(|s| s.parent.is_none())
        .map(|s| (s.path.clone(), s.kinds.clone()))
        .collect()
}

#[test]
fn sample_outlines() {
    use SectionKind::*;
    let o = sample("ninh-binh_tam-diep_2023.txt");
    assert_eq!(
        top(&o),
        vec![
            ("I".into(), vec![Viewpoint, Objectives]),
            ("II".into(), vec![Targets, Tasks]),
            ("III".into(), vec![Solutions]),
            ("IV".into(), vec![Funding]),
            ("V".into(), vec![Implementation]),
            ("closing".into(), vec![Recipients]),
        ]
    );
    let o = sample("ha-nam_binh-luc_2022.md");
    let t: Vec<String> = top(&o).into_iter().map(|t| t.0).collect();
    assert_eq!(t, vec!["I", "II", "II", "III", "closing"]);
    let o = sample("ha-noi_2024.txt");
    let t: Vec<String> = top(&o).into_iter().map(|t| t.0).collect();
    assert_eq!(
        t,
        vec!["I", "II", "III", "IV", "V", "closing", "PL1", "PL2", "PL3"]
    );
    assert!(o.table_rows.len() >= 11);
    let o = sample("hai-phong_le-chan_2026-2030.txt");
    let sevens = o.sections.iter().filter(|s| s.path == "IV.7").count();
    assert_eq!(sevens, 2);
    let o = sample("bac-kan_na-ri_2025.txt");
    let t: Vec<String> = top(&o).into_iter().map(|t| t.0).collect();
    assert_eq!(t, vec!["I", "II", "III", "IV", "V", "VI", "closing"]);
}

#[test]
fn block_start_reads_only_the_start_of_a_long_paragraph() {
    let kinds = &Patterns::builtin().sections;
    let long = "rất dài ".repeat(500);
    let cases = [
        ("Phụ lục I", Some(SectionKind::Appendix)),
        ("PHỤ LỤC", Some(SectionKind::Appendix)),
        ("Nơi nhận:", Some(SectionKind::Recipients)),
        ("TM. ỦY BAN NHÂN DÂN", Some(SectionKind::Signature)),
        ("KT. CHỦ TỊCH", Some(SectionKind::Signature)),
        ("CHỦ TỊCH", Some(SectionKind::Signature)),
        ("Trưởng ban", Some(SectionKind::Signature)),
        ("Tổ chức thực hiện", None),
        ("Trung tâm Y tế", None),
        ("Phối hợp", None),
        ("Chỉ đạo", None),
        ("Chủ trì", None),
        ("Ph", None),
        ("NƠI NHẬN", Some(SectionKind::Recipients)),
        ("Các cơ quan", None),
        ("Mục tiêu", None),
        ("Về phụ lục", None),
        ("", None),
    ];
    for (start, want) in cases {
        assert_eq!(kinds.block_start(start), want, "{start:?}");
        let text = format!("{start} {long}");
        assert_eq!(kinds.block_start(&text), want, "{start:?} + long text");
    }
}

proptest::proptest! {
    /// The first-letter tests of `block_start` never turn a cue away.
    #[test]
    fn block_start_first_letter_test_keeps_every_cue(
        s in "(Phụ lục|PHỤ LỤC|Phụ Lục|Nơi nhận|NƠI NHẬN|Nởi nhận|TM\\.|KT\\.|Tm|tr|Trưởng ban|TRƯỞNG|Chủ tịch|CHỦ|Chu|Trung|Phối|KT|Kt|Ph|N|Đ|Ủ|Ư|Ơ|\\PC){0,3}[ a-zA-ZÀ-ỹ:.0-9]{0,12}"
    ) {
        let kinds = &Patterns::builtin().sections;
        proptest::prop_assert_eq!(kinds.block_start(&s), kinds.block_start_folding(&s));
    }
}

/// [`looks_like_heading`] as it was written before its cheap tests came
/// first.
fn looks_like_heading_reference(rest: &str) -> bool {
    let n = rest.chars().count();
    if is_caps_line(rest) {
        return true;
    }
    let t = rest.trim_end();
    n <= 160 && !t.ends_with(['.', ';']) || n <= 60
}

proptest::proptest! {
    #[test]
    fn looks_like_heading_agrees_with_its_reference(
        s in "[a-zA-ZÀ-ỹ ]{0,5}([a-zà-ỹ ]{10,40}|[A-ZÀ-Ỹ ]{10,40}){0,6}[.; ]{0,2}"
    ) {
        proptest::prop_assert_eq!(looks_like_heading(&s), looks_like_heading_reference(&s));
    }
}

#[test]
fn decimal_digits_as_to_string() {
    for n in (0..1000).chain([9_999, 10_000, 65_535, 1_000_000, u32::MAX - 1, u32::MAX]) {
        let mut s = String::from("x");
        push_decimal(&mut s, n);
        assert_eq!(s, format!("x{n}"));
    }
}

#[test]
fn chars_at_most_is_the_count() {
    for s in [
        "",
        "a",
        "Chỉ tiêu",
        "ệ",
        "𝐀𝐁",
        &"ệ".repeat(13),
        &"ệ".repeat(14),
        &"a".repeat(40),
        &"a".repeat(41),
        &"ệ".repeat(40),
        &"ệ".repeat(41),
        &"𝐀".repeat(40),
        &"𝐀".repeat(41),
        &"ệa".repeat(20),
        &"ệa".repeat(21),
    ] {
        for n in [0, 1, 13, 14, 40, 41] {
            assert_eq!(chars_at_most(s, n), s.chars().count() <= n, "{s:?} {n}");
        }
    }
}
