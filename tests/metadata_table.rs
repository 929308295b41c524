//! documents.csv fields for plan openings the samples do not cover: a province
//! plan with a full header, a ministry's national plan issued with a decision,
//! a post-2025 commune plan, a web page's header laid out as a pipe table,
//! a caps header flattened into one line, and an ambiguous commune name.

use planmine::analyze;
use planmine::patterns::Patterns;

struct Case {
    name: &'static str,
    text: &'static str,
    locality: &'static str,
    level: &'static str,
    province: &'static str,
    province_current: &'static str,
    years: (Option<i32>, Option<i32>),
    issuer: &'static str,
    plan_number: &'static str,
    issue_date: &'static str,
    parent_refs: &'static str,
}

const BODY: &str = "\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Tăng cường phòng ngừa.\nII. CHỈ TIÊU\n- Ít nhất 50% số xã tổ chức tuyên truyền.\n";

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "province plan, full header, legal bases left out",
            text: "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\n\nSố: 45/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nQuảng Ninh, ngày 12 tháng 3 năm 2023\n\nKẾ HOẠCH\nPhòng, chống mại dâm trên địa bàn tỉnh Quảng Ninh năm 2023\n\nCăn cứ Luật Phòng, chống ma túy số 73/2021/QH14; căn cứ Nghị định số 178/2004/NĐ-CP ngày 15/10/2004 của Chính phủ;\n\nThực hiện Quyết định số 1234/QĐ-TTg ngày 01/02/2021 của Thủ tướng Chính phủ và Công văn số 567/LĐTBXH-PCTNXH ngày 3/3/2023; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n",
            locality: "Quảng Ninh",
            level: "province",
            province: "Quảng Ninh",
            province_current: "Quảng Ninh",
            years: (Some(2023), Some(2023)),
            issuer: "Ủy ban nhân dân tỉnh Quảng Ninh",
            plan_number: "45/KH-UBND",
            issue_date: "2023-03-12",
            parent_refs: "1234/QĐ-TTg;567/LĐTBXH-PCTNXH",
        },
        Case {
            name: "national plan issued with a decision",
            text: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nKẾ HOẠCH\nTổng thể thực hiện Chương trình phòng, chống mại dâm giai đoạn 2021-2025\n(Ban hành kèm theo Quyết định số 808/QĐ-LĐTBXH ngày 05/9/2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội)\n\nThực hiện Quyết định số 2121/QĐ-TTg ngày 15/12/2021 của Thủ tướng Chính phủ phê duyệt Chương trình phòng, chống mại dâm giai đoạn 2021-2025, Bộ Lao động - Thương binh và Xã hội ban hành Kế hoạch tổng thể như sau:\n",
            locality: "",
            level: "national",
            province: "",
            province_current: "",
            years: (Some(2021), Some(2025)),
            issuer: "Bộ Lao động - Thương binh và Xã hội",
            plan_number: "808/QĐ-LĐTBXH",
            issue_date: "2022-09-05",
            parent_refs: "2121/QĐ-TTg",
        },
        Case {
            name: "commune plan after the 2025 reform, blank number and day",
            text: "ỦY BAN NHÂN DÂN\nXÃ A DƠI\nSố: /KH-UBND\nA Dơi, ngày tháng năm 2026\n\nKẾ HOẠCH\nPhòng, chống mại dâm trên địa bàn xã A Dơi năm 2026\n\nThực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh Quảng Trị, Ủy ban nhân dân xã xây dựng Kế hoạch như sau:\n",
            locality: "A Dơi",
            level: "commune",
            province: "Quảng Trị",
            province_current: "Quảng Trị",
            years: (Some(2026), Some(2026)),
            issuer: "Ủy ban nhân dân xã A Dơi",
            plan_number: "",
            issue_date: "",
            parent_refs: "12/KH-UBND",
        },
        Case {
            name: "web page header as a pipe table",
            text: "| ỦY BAN NHÂN DÂN HUYỆN BÌNH LỤC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| Số: 30/KH-UBND | Bình Lục, ngày 7 tháng 4 năm 2021 |\n\n**KẾ HOẠCH**\n\n**Phòng, chống mại dâm năm 2021**\n\nThực hiện Kế hoạch số 11/KH-UBND ngày 2/3/2021 của Ủy ban nhân dân tỉnh Hà Nam;\n",
            locality: "Bình Lục",
            level: "district",
            province: "Hà Nam",
            province_current: "Ninh Bình",
            years: (Some(2021), Some(2021)),
            issuer: "Ủy ban nhân dân huyện Bình Lục",
            plan_number: "30/KH-UBND",
            issue_date: "2021-04-07",
            parent_refs: "11/KH-UBND",
        },
        Case {
            name: "UBND abbreviation and a caps header on one line",
            text: "UBND HUYỆN NA RÌ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 99/KH-UBND Na Rì, ngày 02 tháng 6 năm 2024\n\nKẾ HOẠCH\nTriển khai công tác phòng, chống mại dâm năm 2024\n\nCăn cứ Kế hoạch số 50/KH-UBND ngày 1/2/2024 của UBND tỉnh Bắc Kạn;\n",
            locality: "Na Rì",
            level: "district",
            province: "Bắc Kạn",
            province_current: "Thái Nguyên",
            years: (Some(2024), Some(2024)),
            issuer: "Ủy ban nhân dân huyện Na Rì",
            plan_number: "99/KH-UBND",
            issue_date: "2024-06-02",
            parent_refs: "50/KH-UBND",
        },
        Case {
            name: "an old commune name found in several provinces, resolved by the province named",
            text: "ỦY BAN NHÂN DÂN\nXÃ HÒA AN\n\nKẾ HOẠCH\nPhòng, chống mại dâm trên địa bàn xã Hòa An năm 2022\n\nThực hiện Kế hoạch số 8/KH-UBND ngày 1/2/2022 của UBND huyện Chợ Mới, tỉnh An Giang;\n",
            locality: "Hòa An",
            level: "commune",
            province: "An Giang",
            province_current: "An Giang",
            years: (Some(2022), Some(2022)),
            issuer: "Ủy ban nhân dân xã Hòa An",
            plan_number: "",
            issue_date: "",
            parent_refs: "8/KH-UBND",
        },
    ]
}

#[test]
fn metadata_of_unseen_openings() {
    let p = Patterns::builtin();
    let mut failures = Vec::new();
    for c in cases() {
        let text = format!("{}{}", c.text, BODY);
        let m = analyze(&text, p).meta;
        let got = (
            m.locality.as_str(),
            m.locality_level.as_str(),
            m.province.as_str(),
            m.province_current.as_str(),
            (m.year_start, m.year_end),
            m.issuer.as_str(),
            m.plan_number.as_str(),
            m.issue_date.as_str(),
            m.parent_refs.join(";"),
        );
        let want = (
            c.locality,
            c.level,
            c.province,
            c.province_current,
            c.years,
            c.issuer,
            c.plan_number,
            c.issue_date,
            c.parent_refs.to_string(),
        );
        if got != want {
            failures.push(format!("{}:\n  got  {got:?}\n  want {want:?}", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ambiguous_locality_is_left_empty_with_a_warning() {
    let text =
        format!("ỦY BAN NHÂN DÂN\nXÃ TÂN THÀNH\n\nKẾ HOẠCH\nPhòng, chống mại dâm năm 2022\n{BODY}");
    let m = analyze(&text, Patterns::builtin()).meta;
    assert_eq!(m.locality, "");
    assert_eq!(m.province, "");
    assert!(
        m.warnings.iter().any(|w| w.contains("several provinces")),
        "{:?}",
        m.warnings
    );
}
