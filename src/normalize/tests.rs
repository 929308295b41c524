//! Table-driven cases for each repair and layout rule, and properties.

use super::*;
use crate::patterns::Patterns;

fn norm(text: &str) -> Normalized {
    normalize(text, &Patterns::builtin().repairs)
}

/// The builtin repairs and one that never applies but writes a form feed,
/// so the text is repaired line by line.
fn line_by_line() -> Repairs {
    let mut t =
        crate::patterns::Table::parse("repairs.tsv", include_str!("../../patterns/repairs.tsv"))
            .unwrap();
    let mut row = t.rows[0].clone();
    row.cells[0] = "U+E000".into();
    row.cells[1] = "U+000C".into();
    t.rows.push(row);
    let r = Repairs::from_table(&t).unwrap();
    assert!(!r.line_blind() && Patterns::builtin().repairs.line_blind());
    r
}

#[test]
fn whole_text_repairs_are_line_repairs_on_the_samples() {
    let lb = line_by_line();
    for f in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap_or_default();
        assert_eq!(norm(&text), normalize(&text, &lb));
    }
}

fn paras(text: &str) -> Vec<String> {
    norm(text).paragraphs.into_iter().map(|p| p.text).collect()
}

#[test]
fn character_repairs() {
    // (input, expected text, fix kind counted)
    let cases: &[(&str, &str, &str)] = &[
        ("Thƣờng trực", "Thường trực", "lookalike"),
        ("TRƢỞNG BAN", "TRƯỞNG BAN", "lookalike"),
        ("\u{F0B7} Tuyên truyền", "- Tuyên truyền", "bullet"),
        ("\u{F0A7} Tuyên truyền", "- Tuyên truyền", "bullet"),
        ("\u{F0D8} Tuyên truyền", "- Tuyên truyền", "bullet"),
        ("• Tuyên truyền", "- Tuyên truyền", "bullet"),
        ("Ít\u{00A0}nhất 20%", "Ít nhất 20%", "space"),
        ("phòng\u{200B}, chống", "phòng, chống", "invisible"),
        ("Ho\u{00E0}\u{0323}", "Hoạ̀", "nfc"),
        ("Ha\u{0300} Nô\u{0323}i", "Hà Nội", "nfc"),
        ("mại\u{0007} dâm", "mại dâm", "control"),
        ("**I. MỤC ĐÍCH**", "I. MỤC ĐÍCH", "markdown"),
        (
            "*Bình Lục, ngày tháng năm 2022*",
            "Bình Lục, ngày tháng năm 2022",
            "markdown",
        ),
        (
            "Xem [Kế hoạch](https://example.org/kh) này",
            "Xem Kế hoạch này",
            "markdown",
        ),
    ];
    for (input, want, kind) in cases {
        let n = norm(input);
        assert_eq!(n.to_text().trim_end(), *want, "{input:?}");
        assert!(n.fixes.get(kind) > 0, "{input:?}: {:?}", n.fixes);
    }
}

#[test]
fn markdown_heading_level_is_kept() {
    let n = norm("#### **I. MỤC ĐÍCH, YÊU CẦU**\n\nText.");
    assert_eq!(n.paragraphs[0].text, "I. MỤC ĐÍCH, YÊU CẦU");
    assert_eq!(n.paragraphs[0].md_heading, Some(4));
}

#[test]
fn dropped_lines() {
    // (input, paragraphs expected, fix kind)
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "Văn bản.\nhttps://thuvienphapluat.vn/van-ban/abc\nHết.",
            &["Văn bản.", "Hết."],
            "url",
        ),
        (
            "Văn bản.\nmailto:vp@hanoi.gov.vn\nHết.",
            &["Văn bản.", "Hết."],
            "url",
        ),
        (
            "| a | b |\n|---|---|\n| 1 | 2 |",
            &["a | b", "1 | 2"],
            "rule",
        ),
        ("Trên.\n-----------\nDưới.", &["Trên.", "Dưới."], "rule"),
    ];
    for (input, want, kind) in cases {
        let n = norm(input);
        let got: Vec<&str> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(&got, want, "{input:?}");
        assert!(n.fixes.get(kind) > 0, "{input:?}: {:?}", n.fixes);
    }
}

/// A double-spaced page of hard-wrapped text, as PDF extraction gives it.
const DOUBLE: &str = "I. MỤC TIÊU\n\n1. Mục tiêu\n\nTăng cường phòng ngừa, ngăn chặn, đẩy lùi tệ nạn mại dâm; tạo sự chuyển\n\nbiến mạnh mẽ về nhận thức và hành động của các cấp, các ngành trên địa bàn Hà\n\nNội năm 2024 và các năm tiếp theo của kế hoạch phòng, chống tệ nạn xã hội.\n\n2. Chỉ tiêu\n\n- Ít nhất 20% người lao động tại các cơ sở kinh doanh dịch vụ dễ phát sinh\n\ntệ nạn mại dâm; ít nhất 15% người lao động trong các khu công nghiệp được\n\ntuyên truyền.\n\n\n\n1\n\n- Tổ chức kiểm tra 2.460 cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại\n\ndâm trên địa bàn thành phố, trong đó các cơ sở có biểu hiện phức tạp phải\n\nkiểm tra ít nhất một lần.\n";

#[test]
fn double_spaced_hard_wrapped_text_is_rejoined() {
    let n = norm(DOUBLE);
    assert!(n.double_spaced);
    let got: Vec<&str> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(got[0], "I. MỤC TIÊU");
    assert_eq!(got[1], "1. Mục tiêu");
    assert!(
        got[2].starts_with("Tăng cường") && got[2].contains("địa bàn Hà Nội năm 2024"),
        "{got:?}"
    );
    assert_eq!(got[3], "2. Chỉ tiêu");
    assert!(got[4].ends_with("được tuyên truyền."), "{got:?}");
    assert!(got[5].starts_with("- Tổ chức kiểm tra 2.460") && got[5].ends_with("ít nhất một lần."));
    assert_eq!(got.len(), 6, "{got:?}");
    assert_eq!(n.fixes.get("page_number"), 1);
    // Source lines: the first line of each paragraph, and the last.
    assert_eq!(n.paragraphs[2].line, 5);
    assert_eq!(n.paragraphs[2].end_line, 9);
}

#[test]
fn blank_line_inside_a_sentence_is_not_a_break() {
    let text = "2. Kiểm tra, xử lý 100% các đối tượng. Đảm bảo ít nhất có 70% số cơ sở kinh doanh\n\ndịch vụ dễ bị lợi dụng hoạt động mại dâm được kiểm tra;\n\n3. Giữ vững số xã lành mạnh.\n";
    let got = paras(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].contains("kinh doanh dịch vụ"));
}

#[test]
fn single_spaced_blank_lines_separate_paragraphs() {
    let text = "Đoạn một kết thúc ở đây\n\nĐoạn hai bắt đầu ở đây.\n";
    assert_eq!(paras(text).len(), 2);
}

#[test]
fn markers_start_paragraphs() {
    let text = "Các nội dung sau:\nI. Một\n1. Hai\n1.1. Ba\n2.3.1. Bốn\na) Năm\nb. Sáu\n- Bảy\n+ Tám\n• Chín\n* Mười\n";
    assert_eq!(paras(text).len(), 11);
}

#[test]
fn numbers_that_are_not_markers() {
    for (line, is_marker) in [
        ("2.000 người dân", false),
        ("100% xã, thị trấn", false),
        ("20% học sinh", false),
        ("-25.000 người lao động", true),
        ("1. Mục tiêu", true),
        ("1.1 Chỉ tiêu", true),
        ("1.1. Chỉ tiêu", true),
        ("II. NHIỆM VỤ", true),
        ("a) Hằng năm", true),
        ("- Ít nhất", true),
    ] {
        assert_eq!(list_marker(line).is_some(), is_marker, "{line}");
    }
}

#[test]
fn marker_len_is_the_length_list_marker_gives() {
    let odd = [
        "١. Arabic digit",
        "IV) x",
        "12.3.4) y",
        "• z",
        "",
        "-",
        "a)",
    ];
    let plans = crate::test_support::plan_texts();
    for line in plans.iter().flat_map(|t| t.lines()).chain(odd) {
        let line = line.trim_start();
        assert_eq!(
            marker_len(line),
            list_marker(line).map(|(_, len)| len),
            "{line}"
        );
    }
}

#[test]
fn split_document_numbers_are_glued() {
    let text = "Thực hiện Kế hoạch số 255/KH-\n\nUBND ngày 16/11/2021 của Ủy ban nhân dân Thành phố về phòng, chống mại dâm trên địa bàn\n\nthành phố.\n\nKết thúc.\n\nA\n\nB\n\nC\n\nD\n";
    assert!(paras(text)[0].contains("255/KH-UBND"));
}

#[test]
fn a_document_number_cut_off_in_caps_stays_in_its_sentence() {
    // "274/LĐTBXH-" alone is a caps line; starting with a number, it is no
    // heading, and the wrap width joins it on.
    let text = "- Xây dựng và triển khai các kế hoạch lồng ghép thực hiện các\n\
        Chương trình an sinh xã hội, chương trình phòng, chống ma túy,\n\
        phòng chống HIV/AIDS, hoạt động hỗ trợ sản xuất, học nghề; các\n\
        hoạt động giảm hại, hỗ trợ xã hội cho người nghiện ma túy, người\n\
        nhiễm HIV/AIDS, nạn nhân bị mua bán, bị bạo hành, bạo lực tại\n\
        địa phương với nhiệm vụ phòng, chống mại dâm tại Văn bản số\n\
        274/LĐTBXH-\n\
        PCTNXH ngày 31/01/2020 của Bộ Lao động - Thương binh và Xã hội\n\
        về việc thực hiện lồng ghép hoạt động phòng ngừa mại dâm với các\n\
        chương trình có liên quan.\n";
    let got = paras(text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains("tại Văn bản số 274/LĐTBXH-PCTNXH ngày 31/01/2020"));
    // Without the wrap width (a short text), the caps line stays apart.
    assert_eq!(
        paras("Theo Văn bản số\n274/LĐTBXH-\nPCTNXH ngày 31/01/2020.\n"),
        vec!["Theo Văn bản số", "274/LĐTBXH-PCTNXH ngày 31/01/2020."]
    );
}

#[test]
fn caps_heading_lines_join_and_stand_alone() {
    let text = "I. MỤC TIÊU,\nCHỈ TIÊU CHỦ YẾU\nTăng cường phòng ngừa.\n";
    let got = paras(text);
    assert_eq!(
        got,
        vec!["I. MỤC TIÊU, CHỈ TIÊU CHỦ YẾU", "Tăng cường phòng ngừa."]
    );
}

/// Inputs on which a second pass once joined paragraphs that the first had
/// left apart: (input, paragraphs), and normalizing the paragraphs again
/// gives them back.
#[test]
fn a_second_pass_joins_nothing_more() {
    let cases: &[(&str, &[&str])] = &[
        // Only 4 of 9 lines are long: not hard-wrapped, so "thành phố" /
        // "Hà Nội." stay apart. Joined, "... trên" / "địa bàn." makes 4 of 8,
        // which a second look at the widths would call hard-wrapped.
        (
            "KẾ HOẠCH\n\
             Phòng, chống mại dâm năm 2024\n\
             Tăng cường kiểm tra các cơ sở kinh doanh dịch vụ trên địa bàn thành phố\n\
             Hà Nội.\n\
             Mục tiêu chung\n\
             Kiểm tra toàn bộ các cơ sở kinh doanh dịch vụ dễ bị lợi dụng mại dâm.\n\
             Tuyên truyền tới người lao động tại các cơ sở kinh doanh dịch vụ trên\n\
             địa bàn.\n\
             Xử lý nghiêm các vi phạm pháp luật về phòng, chống mại dâm theo quy định.\n",
            &[
                "KẾ HOẠCH",
                "Phòng, chống mại dâm năm 2024",
                "Tăng cường kiểm tra các cơ sở kinh doanh dịch vụ trên địa bàn thành phố",
                "Hà Nội.",
                "Mục tiêu chung",
                "Kiểm tra toàn bộ các cơ sở kinh doanh dịch vụ dễ bị lợi dụng mại dâm.",
                "Tuyên truyền tới người lao động tại các cơ sở kinh doanh dịch vụ trên địa bàn.",
                "Xử lý nghiêm các vi phạm pháp luật về phòng, chống mại dâm theo quy định.",
            ],
        ),
        // "HIV/AIDS," is a caps line: it once stopped the connector "và"
        // before it, took the line of small letters after it, and the
        // paragraph it then began (not caps) joined on a second pass.
        (
            "- Hỗ trợ, đầu tư nguồn lực để cải tạo, mở rộng, nâng cấp cơ sở vật chất,\n\
             trang thiết bị cho các cơ sở cung cấp dịch vụ hỗ trợ về giáo dục nghề\n\
             nghiệp, chăm sóc sức khỏe, phòng ngừa lây nhiễm các bệnh xã hội và\n\
             HIV/AIDS,\n\
             hỗ trợ hòa nhập cộng đồng đối với người bán dâm;\n\
             - Phát huy vai trò của các tổ chức chính trị xã hội.\n",
            &[
                "- Hỗ trợ, đầu tư nguồn lực để cải tạo, mở rộng, nâng cấp cơ sở vật chất, \
                 trang thiết bị cho các cơ sở cung cấp dịch vụ hỗ trợ về giáo dục nghề \
                 nghiệp, chăm sóc sức khỏe, phòng ngừa lây nhiễm các bệnh xã hội và \
                 HIV/AIDS, hỗ trợ hòa nhập cộng đồng đối với người bán dâm;",
                "- Phát huy vai trò của các tổ chức chính trị xã hội.",
            ],
        ),
        // An unfinished caps line joins the caps line after it across a
        // blank line, which a second pass does not see.
        (
            "I. MỤC TIÊU,\n\nCHỈ TIÊU CHỦ YẾU\nTăng cường phòng ngừa.\n",
            &["I. MỤC TIÊU, CHỈ TIÊU CHỦ YẾU", "Tăng cường phòng ngừa."],
        ),
        // "-Bộ Lao động ..." starts with a marker but is no list item of its
        // own once glued on, so it takes a glued dash after it as well.
        (
            "Thực hiện theo hướng dẫn của\n\
             -Bộ Lao động - Thương binh và Xã hội và\n\
             -Bộ Công an.\n",
            &["Thực hiện theo hướng dẫn của -Bộ Lao động - Thương binh và Xã hội và -Bộ Công an."],
        ),
        // "Phụ lục I" takes no line after it: "Phụ lục I (kèm theo Kế hoạch
        // này)." would be too long to be a block word, and a second pass
        // would join it to "Chi tiết tại".
        (
            "Chi tiết tại\nPhụ lục I\n(kèm theo Kế hoạch này).\n",
            &["Chi tiết tại", "Phụ lục I", "(kèm theo Kế hoạch này)."],
        ),
    ];
    for (input, want) in cases {
        let got = paras(input);
        assert_eq!(&got, want, "{input:?}");
        assert_eq!(paras(&norm(input).to_text()), got, "twice: {input:?}");
    }
}

#[test]
fn fix_log_field_is_sorted_kind_count() {
    let n = norm("Thƣờng \u{F0B7} trực ƣ");
    assert_eq!(n.fixes.to_field(), "bullet:1;lookalike:2");
}

#[test]
fn normalizing_twice_changes_nothing_on_samples() {
    for (name, text) in samples() {
        let once = norm(&text).to_text();
        let twice = norm(&once).to_text();
        assert_eq!(once, twice, "{name}");
    }
}

fn samples() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn samples_come_out_clean() {
    use unicode_normalization::is_nfc;
    for (name, text) in samples() {
        let n = norm(&text);
        assert!(!n.paragraphs.is_empty(), "{name}");
        for p in &n.paragraphs {
            assert!(!p.text.contains(['ƣ', 'Ƣ']), "{name}: {}", p.text);
            assert!(is_nfc(&p.text), "{name}: {}", p.text);
            assert!(
                !p.text.contains("**") && !p.text.starts_with('#'),
                "{name}: {}",
                p.text
            );
            assert!(
                !(p.text.len() <= 3 && p.text.bytes().all(|b| b.is_ascii_digit()))
                    || name.contains("ha-noi"),
                "{name}: page number left: {}",
                p.text
            );
            assert!(p.line >= 1 && p.line <= p.end_line && p.end_line <= n.source_lines);
        }
    }
}

#[test]
fn sample_fix_logs() {
    for (name, text) in samples() {
        let n = norm(&text);
        if name.contains("ninh-binh_tam-diep_2023") {
            assert_eq!(n.fixes.get("lookalike"), 9, "{name}");
            assert_eq!(n.fixes.get("page_number"), 1, "{name}");
        }
    }
}

/// Letter-bearing tokens, after the look-alike repair, for the no-lost-word
/// property.
fn words(s: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s.replace(['ƣ'], "ư").replace('Ƣ', "Ư").nfc().collect();
    let mut v: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .map(|w| w.to_string())
        .collect();
    v.sort();
    v
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "phòng",
        "chống",
        "mại",
        "dâm",
        "nhất",
        "20%",
        "xã,",
        "phường;",
        "Hà",
        "Nội",
        "thƣờng",
        "2.000",
        "người",
        "lao",
        "động",
        "tuyên",
        "truyền",
        "(b/c)",
        "cơ",
        "sở",
        "kinh",
        "doanh",
        "dịch",
        "vụ",
        "và",
        "các",
        "khu",
        "công",
        "nghiệp",
        "UBND",
    ];

    /// A paragraph: an optional marker, words, and a sentence end; or a
    /// heading (marker and a few words, no final punctuation).
    fn paragraph() -> impl Strategy<Value = String> {
        let marker = prop::sample::select(vec!["", "", "- ", "+ ", "1. ", "2.1. ", "a) ", "II. "]);
        let end = prop::sample::select(vec![".", ";", ":", ""]);
        (
            marker,
            prop::collection::vec(prop::sample::select(WORDS), 2..60),
            end,
        )
            .prop_map(|(m, w, e)| {
                let mut s = format!("{m}{}", w.join(" "));
                let first = s.chars().next().unwrap();
                if first.is_lowercase() {
                    s = first.to_uppercase().collect::<String>() + &s[first.len_utf8()..];
                }
                if w.len() > 8 {
                    s.push_str(if e.is_empty() { "." } else { e });
                }
                s
            })
    }

    /// Hard-wraps a paragraph at `width` chars.
    fn wrap(p: &str, width: usize) -> Vec<String> {
        let mut lines = vec![String::new()];
        for w in p.split(' ') {
            let cur = lines.last_mut().unwrap();
            if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
                lines.push(w.to_string());
            } else {
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(w);
            }
        }
        lines
    }

    /// A case `idempotent_and_no_word_lost` found: "... cơ mại" / "Hà phòng
    /// Hà." is no sentence break, but only 4 of the 9 lines are long, too few
    /// to call the text hard-wrapped, so the first pass leaves them apart;
    /// with the short "phòng." joined to the line before it, 4 of 8 lines are
    /// long, and a second pass that judged the width again would join them.
    /// (The look-alike `ƣ` plays no part: `ư` gives the same.)
    #[test]
    fn text_hard_wrapped_only_once_joined_is_not_joined_again() {
        for u in ["ƣ", "ư"] {
            let paras = [
                "Phòng phòng",
                "Phòng phòng",
                "Thƣờng phòng phòng mại phòng Nội thƣờng phòng phường; phòng phòng cơ mại Hà phòng Hà.",
                "Phòng phòng",
                "Phòng phòng phòng phòng phòng phòng phòng phòng phòng phòng phòng phòng.",
                "Phòng phòng phòng phòng phòng phòng phòng phòng phòng phòng phòng phòng phòng.",
                "Phòng phường; phòng phòng phòng phòng phòng phòng phòng phòng phòng.",
            ];
            let lines: Vec<String> = paras
                .iter()
                .flat_map(|p| wrap(&p.replace('ƣ', u), 72))
                .collect();
            let out = norm(&lines.join("\n")).to_text();
            assert!(out.contains("cơ mại\nHà phòng Hà.\n"), "{u}: {out}");
            assert_eq!(out, norm(&out).to_text(), "{u}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn idempotent_and_no_word_lost(
            paras in prop::collection::vec(paragraph(), 1..25),
            width in 50usize..100,
            double in any::<bool>(),
        ) {
            let lines: Vec<String> = paras.iter().flat_map(|p| wrap(p, width)).collect();
            let text = lines.join(if double { "\n\n" } else { "\n" });
            let once = norm(&text);
            let out = once.to_text();
            let twice = norm(&out).to_text();
            prop_assert_eq!(&out, &twice);
            prop_assert_eq!(words(&text), words(&out));
            for p in &once.paragraphs {
                prop_assert!(p.line >= 1 && p.end_line <= once.source_lines.max(1));
            }
        }

        /// Repairing the whole text first (the builtin repairs touch no line
        /// break) gives what repairing line by line gives.
        #[test]
        fn whole_text_repairs_are_line_repairs(
            text in "([a-zA-Z ,.:;-]|[ơưƠƯƢƣđ\u{a0}\u{ad}\u{200b}\u{2022}\u{25cf}\u{feff}\u{f0b7}\u{c}\t]|\r?\n){0,200}"
        ) {
            prop_assert_eq!(norm(&text), normalize(&text, &line_by_line()));
        }

        #[test]
        fn arbitrary_text_loses_no_word(text in "\\PC{0,400}") {
            let out = norm(&text).to_text();
            // URLs are dropped on purpose; the generator makes none.
            prop_assume!(!text.contains("http") && !text.contains("www.") && !text.contains("mailto:"));
            let keep = |w: &String| !w.chars().all(|c| c.is_ascii_digit());
            let a: Vec<String> = words(&text).into_iter().filter(keep).collect();
            let b: Vec<String> = words(&out).into_iter().filter(keep).collect();
            prop_assert_eq!(a, b);
        }
    }
}

/// The line of a byte as read when `line_starts` listed the first line too.
fn line_at_reference(p: &Paragraph, offset: usize) -> usize {
    std::iter::once(&(0, p.line))
        .chain(&p.line_starts)
        .take_while(|(o, _)| *o <= offset)
        .last()
        .map_or(p.line, |(_, l)| *l)
}

#[test]
fn line_at_reads_the_lines_after_the_first() {
    let mut multi = 0;
    for f in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap_or_default();
        for p in norm(&text).paragraphs {
            assert!(p.line_starts.iter().all(|&(o, l)| o > 0 && l > p.line));
            assert!(p.line_starts.last().is_none_or(|&(_, l)| l == p.end_line));
            multi += usize::from(!p.line_starts.is_empty());
            for offset in 0..=p.text.len() + 1 {
                assert_eq!(p.line_at(offset), line_at_reference(&p, offset));
            }
        }
    }
    assert!(multi > 0);
}

#[test]
fn cells_iter_gives_the_cells() {
    let mut p = norm("| a | b |  c |\n\nKế hoạch, số 12").paragraphs;
    assert!(p[0].table_row && !p[1].table_row);
    p.push(Paragraph {
        text: String::new(),
        table_row: true,
        ..p[1].clone()
    });
    p.push(Paragraph {
        text: String::new(),
        ..p[1].clone()
    });
    for p in &p {
        let want: Vec<&str> = if p.table_row {
            p.text.split(" | ").collect()
        } else {
            vec![p.text.as_str()]
        };
        assert_eq!(p.cells_iter().collect::<Vec<_>>(), want, "{p:?}");
        assert_eq!(p.cells(), want);
    }
}
