//! Table tests for the agency dictionary (patterns/agencies.tsv and its
//! abbreviations) and for assignment extraction on small made-up plans:
//! aliases, abbreviations, typos, levels, headings naming several bodies, the
//! lead in different places and eras, the issuer and the recipients list.

use std::collections::{BTreeMap, BTreeSet};

use planmine::extract::Role;
use planmine::patterns::{Patterns, Table};

/// The agency keys of SPEC.md ("Agency keys").
const SPEC_KEYS: &[&str] = &[
    "labour_social_affairs",
    "police",
    "military_command",
    "health",
    "finance",
    "planning_investment",
    "culture",
    "culture_social",
    "information_communications",
    "justice",
    "education",
    "home_affairs",
    "tourism",
    "market_surveillance",
    "customs",
    "social_policy_bank",
    "emulation_commendation",
    "procuracy",
    "court",
    "fatherland_front",
    "womens_union",
    "youth_union",
    "labour_federation",
    "veterans_association",
    "media",
    "public_service_center",
    "people_committee_office",
    "economy_infrastructure",
    "residential_groups",
    "lower_peoples_committees",
    "city_departments",
    "interagency_inspection_team",
    "steering_committee",
];

const AGENCIES: &str = include_str!("../patterns/agencies.tsv");
const ABBREVIATIONS: &str = include_str!("../patterns/agency_abbreviations.tsv");
const CUES: &str = include_str!("../patterns/assignment_cues.tsv");

/// Data rows of a TSV file, after its `#` header and column line.
fn data_rows(text: &str) -> Vec<&str> {
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    lines.next().expect("column header line");
    lines.collect()
}

#[test]
fn data_files_have_headers_and_sorted_unique_rows() {
    for (name, text) in [
        ("agencies.tsv", AGENCIES),
        ("agency_abbreviations.tsv", ABBREVIATIONS),
        ("assignment_cues.tsv", CUES),
    ] {
        assert!(text.starts_with("# "), "{name}: header block");
        assert!(
            text.contains("How to add a row"),
            "{name}: says how to add a row"
        );
        assert!(text.contains("Source"), "{name}: says its source");
        let rows = data_rows(text);
        let mut sorted = rows.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(rows, sorted, "{name}: rows sorted, no duplicates");
    }
}

#[test]
fn every_spec_key_is_covered_and_no_alias_maps_to_two_keys() {
    let t = Table::parse("agencies.tsv", AGENCIES).unwrap();
    let (ck, ca) = (t.col("key").unwrap(), t.col("alias").unwrap());
    let dict = &Patterns::builtin().agencies;
    let mut keys = BTreeSet::new();
    let mut by_words: BTreeMap<Vec<String>, (String, String)> = BTreeMap::new();
    let mut clashes = Vec::new();
    for row in &t.rows {
        let key = t.get(row, ck).to_string();
        let alias = t.get(row, ca).to_string();
        assert!(
            key == "-" || SPEC_KEYS.contains(&key.as_str()),
            "line {}: `{key}` is not a SPEC key",
            row.line
        );
        let words: Vec<String> = dict.words(&alias, false).texts();
        if let Some((k0, a0)) = by_words.insert(words, (key.clone(), alias.clone())) {
            clashes.push(format!("`{alias}` ({key}) reads as `{a0}` ({k0})"));
        }
        keys.insert(key);
    }
    assert!(
        clashes.is_empty(),
        "one alias, one row:\n{}",
        clashes.join("\n")
    );
    for k in SPEC_KEYS {
        assert!(keys.contains(*k), "SPEC key {k} has no alias");
    }
    // Every alias finds itself, whole.
    for row in &t.rows {
        let alias = t.get(row, ca);
        let found = dict.find_bodies(alias);
        assert_eq!(found.len(), 1, "`{alias}` is found once");
        assert_eq!(
            found[0].name(alias),
            alias.trim(),
            "`{alias}` is found whole"
        );
    }
}

/// An agency found: key, name as written, level.
type Found = (&'static str, &'static str, &'static str);

#[test]
fn recognizes_aliases_abbreviations_typos_and_levels() {
    // (text, [(key, name as written, level)])
    let cases: &[(&str, &[Found])] = &[
        (
            "Sở Lao động - Thương binh và Xã hội",
            &[(
                "labour_social_affairs",
                "Sở Lao động - Thương binh và Xã hội",
                "province",
            )],
        ),
        (
            "Phòng Lao động-Thương binh và Xã hội",
            &[(
                "labour_social_affairs",
                "Phòng Lao động-Thương binh và Xã hội",
                "district",
            )],
        ),
        (
            "Sở LĐ-TB&XH",
            &[("labour_social_affairs", "Sở LĐ-TB&XH", "province")],
        ),
        (
            "Sở LĐ - TB và XH",
            &[("labour_social_affairs", "Sở LĐ - TB và XH", "province")],
        ),
        (
            "Phòng LĐTBXH",
            &[("labour_social_affairs", "Phòng LĐTBXH", "district")],
        ),
        (
            "- Sở LĐTB&XH; (b/c)",
            &[("labour_social_affairs", "Sở LĐTB&XH", "province")],
        ),
        ("Công an tỉnh", &[("police", "Công an tỉnh", "province")]),
        (
            "Công an các xã, thị trấn",
            &[("police", "Công an các xã", "commune")],
        ),
        ("Công An phường", &[("police", "Công An phường", "commune")]),
        (
            "Trung tâm Văn hóa, Thế thao và Truyền thông huyện",
            &[("media", "Trung tâm Văn hóa, Thế thao và Truyền thông", "")],
        ),
        (
            "Sở Văn hóa và Thế thao",
            &[("culture", "Sở Văn hóa và Thế thao", "province")],
        ),
        (
            "Phòng Văn hóa, Khoa học và Thông tin",
            &[(
                "culture",
                "Phòng Văn hóa, Khoa học và Thông tin",
                "district",
            )],
        ),
        (
            "Phòng Văn hóa - Xã hội",
            &[("culture_social", "Phòng Văn hóa - Xã hội", "commune")],
        ),
        (
            "Công chức Văn hóa - Xã hội xã",
            &[("culture_social", "Công chức Văn hóa - Xã hội", "commune")],
        ),
        (
            "Phòng Tài chính - Kế hoạch",
            &[("finance", "Phòng Tài chính - Kế hoạch", "district")],
        ),
        (
            "Viện Kiểm soát, Tòa án Nhân dân Thành phố",
            &[
                ("procuracy", "Viện Kiểm soát", ""),
                ("court", "Tòa án Nhân dân", ""),
            ],
        ),
        (
            "Đề nghị Viện Kiểm sát nhân dân, Toà án nhân dân thành phố",
            &[
                ("procuracy", "Viện Kiểm sát nhân dân", ""),
                ("court", "Toà án nhân dân", ""),
            ],
        ),
        (
            "Ủy ban MTTQ Việt Nam",
            &[("fatherland_front", "Ủy ban MTTQ Việt Nam", "")],
        ),
        (
            "Cơ quan Mặt trận Tổ quốc Việt Nam phường",
            &[("fatherland_front", "Cơ quan Mặt trận Tổ quốc Việt Nam", "")],
        ),
        ("Hội LHPN huyện", &[("womens_union", "Hội LHPN", "")]),
        ("Huyện đoàn", &[("youth_union", "Huyện đoàn", "district")]),
        ("Thành Đoàn Hà Nội", &[("youth_union", "Thành Đoàn", "")]),
        (
            "Liên đoàn Lao động huyện",
            &[("labour_federation", "Liên đoàn Lao động", "")],
        ),
        (
            "UBND các xã, phường, thị trấn",
            &[("lower_peoples_committees", "UBND các xã", "commune")],
        ),
        (
            "UBND cấp huyện, cấp xã",
            &[("lower_peoples_committees", "UBND cấp huyện", "district")],
        ),
        (
            "Văn phòng HĐND-UBND huyện",
            &[("people_committee_office", "Văn phòng HĐND-UBND", "")],
        ),
        (
            "Văn phòng HĐND&UBND phường",
            &[("people_committee_office", "Văn phòng HĐND&UBND", "")],
        ),
        (
            "Phòng Kinh tế - Hạ tầng và đô thị",
            &[(
                "economy_infrastructure",
                "Phòng Kinh tế - Hạ tầng và đô thị",
                "",
            )],
        ),
        (
            "Các Tổ dân phố",
            &[("residential_groups", "Các Tổ dân phố", "commune")],
        ),
        (
            "Trung tâm Dịch vụ sự nghiệp công phường",
            &[(
                "public_service_center",
                "Trung tâm Dịch vụ sự nghiệp công",
                "",
            )],
        ),
        (
            "Đội kiểm tra liên ngành 178",
            &[(
                "interagency_inspection_team",
                "Đội kiểm tra liên ngành 178",
                "",
            )],
        ),
        (
            "Ban Chỉ đạo 138 thành phố",
            &[("steering_committee", "Ban Chỉ đạo 138", "")],
        ),
        (
            "Các Sở, ban, ngành khác",
            &[("city_departments", "Các Sở, ban, ngành", "province")],
        ),
        (
            "Đài Phát thanh và Truyền hình Hà Nội",
            &[("media", "Đài Phát thanh và Truyền hình", "")],
        ),
        (
            "Trung tâm GDNN - GDTX thành phố",
            &[("education", "Trung tâm GDNN - GDTX", "")],
        ),
        (
            "Chi nhánh Ngân hàng Chính sách xã hội",
            &[(
                "social_policy_bank",
                "Chi nhánh Ngân hàng Chính sách xã hội",
                "",
            )],
        ),
        (
            "Cục Bảo trợ xã hội",
            &[("labour_social_affairs", "Cục Bảo trợ xã hội", "national")],
        ),
        (
            "Trưởng các thôn, bản",
            &[("residential_groups", "Trưởng các thôn", "commune")],
        ),
        // Not bodies: report words, verbs, the hotline.
        ("báo cáo kết quả; phòng, chống mại dâm; môi trường", &[]),
    ];
    let dict = &Patterns::builtin().agencies;
    for (text, want) in cases {
        let got: Vec<(String, String, String)> = dict
            .find_all(text)
            .into_iter()
            .map(|m| (m.key, m.name, m.level))
            .collect();
        let want: Vec<(String, String, String)> = want
            .iter()
            .map(|(k, n, l)| (k.to_string(), n.to_string(), l.to_string()))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

/// (agency key or name, role) pairs of a made-up plan, lead/assigned/requested
/// and coordinating alike.
fn roles(text: &str) -> BTreeSet<(String, &'static str)> {
    let a = planmine::analyze(text, Patterns::builtin());
    a.assignments
        .iter()
        .map(|r| {
            (
                r.agency
                    .clone()
                    .unwrap_or_else(|| format!("?{}", r.agency_name)),
                r.role.as_str(),
            )
        })
        .collect()
}

fn leads(text: &str) -> Vec<String> {
    let a = planmine::analyze(text, Patterns::builtin());
    let mut v: Vec<String> = a
        .assignments
        .iter()
        .filter(|r| r.role == Role::Lead)
        .map(|r| r.agency.clone().unwrap_or_else(|| r.agency_name.clone()))
        .collect();
    v.dedup();
    v
}

fn set(pairs: &[(&str, &'static str)]) -> BTreeSet<(String, &'static str)> {
    pairs.iter().map(|(a, r)| (a.to_string(), *r)).collect()
}

const DISTRICT_2023: &str = "ỦY BAN NHÂN DÂN HUYỆN KIM SƠN

Số: 12/KH-UBND

KẾ HOẠCH
Phòng, chống mại dâm trên địa bàn huyện Kim Sơn năm 2023

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức của người dân về phòng, chống mại dâm.

II. TỔ CHỨC THỰC HIỆN
1. Công an huyện
- Chủ trì đấu tranh, triệt phá các tụ điểm mại dâm; phối hợp với Phòng Văn hóa và Thông tin kiểm tra các cơ sở kinh doanh dịch vụ.
2. Phòng Lao động - Thương binh và Xã hội
- Là cơ quan thường trực, tham mưu Ủy ban nhân dân huyện triển khai Kế hoạch; tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân huyện.
3. Đề nghị Viện Kiểm sát nhân dân, Toà án nhân dân huyện
Đẩy nhanh tiến độ truy tố, xét xử các vụ án liên quan đến mại dâm.
4. Đề nghị Ủy ban MTTQ Việt Nam huyện và các tổ chức chính trị - xã hội huyện
Tuyên truyền, vận động hội viên, đoàn viên tham gia phòng, chống mại dâm.
Hội Liên hiệp Phụ nữ huyện chỉ đạo Hội phụ nữ các cấp tư vấn, giúp đỡ người bán dâm tại cộng đồng.
5. Hội Nông dân huyện
Vận động hội viên nông dân tham gia phòng ngừa tệ nạn mại dâm.
6. Ủy ban nhân dân các xã, thị trấn
Xây dựng kế hoạch, triển khai các nhiệm vụ của Kế hoạch này tại địa phương.

Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị liên quan triển khai thực hiện nghiêm Kế hoạch này.

Nơi nhận:
- Sở LĐTBXH (b/c);
- Công an tỉnh;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
";

#[test]
fn district_plan_roles_lead_issuer_and_recipients() {
    let got = roles(DISTRICT_2023);
    let want = set(&[
        ("police", "assigned"),
        ("culture", "coordinating"),
        ("labour_social_affairs", "lead"),
        ("procuracy", "requested"),
        ("court", "requested"),
        ("fatherland_front", "requested"),
        ("?các tổ chức chính trị - xã hội huyện", "requested"),
        ("womens_union", "requested"),
        ("?Hội Nông dân huyện", "requested"),
        ("lower_peoples_committees", "assigned"),
    ]);
    assert_eq!(got, want);
    // The lead is not the first "chủ trì" (police) but the standing body.
    assert_eq!(leads(DISTRICT_2023), ["labour_social_affairs"]);
}

const COMMUNE_2026: &str = "ỦY BAN NHÂN DÂN XÃ AN BÌNH

KẾ HOẠCH
Phòng, chống mại dâm trên địa bàn xã An Bình năm 2026

I. NHIỆM VỤ
1. Công tác tuyên truyền
- Công an xã chủ trì, phối hợp với Đoàn Thanh niên xã tuyên truyền tại các thôn.

II. TỔ CHỨC THỰC HIỆN
1. Công an xã
- Tăng cường quản lý địa bàn, kiểm tra các cơ sở kinh doanh dịch vụ.
2. Công chức Văn hóa - Xã hội
- Là đầu mối tham mưu Ủy ban nhân dân xã triển khai Kế hoạch; tổng hợp báo cáo kết quả thực hiện về Ủy ban nhân dân xã và Sở Y tế.
3. Trạm Y tế xã
- Triển khai các biện pháp can thiệp giảm tác hại.
4. Thôn, tổ dân phố
- Nắm tình hình, thông tin kịp thời cho Công an xã.

Nơi nhận:
- Sở Y tế;
- Lưu: VT.
";

#[test]
fn commune_plan_after_2025_is_led_by_its_culture_social_officer() {
    assert_eq!(leads(COMMUNE_2026), ["culture_social"]);
    let got = roles(COMMUNE_2026);
    assert!(got.contains(&("police".to_string(), "assigned")));
    assert!(got.contains(&("youth_union".to_string(), "coordinating")));
    assert!(got.contains(&("health".to_string(), "assigned")));
    assert!(got.contains(&("residential_groups".to_string(), "assigned")));
    // The issuer is no lower committee; the recipients list gives no rows.
    assert!(!got.iter().any(|(a, _)| a == "lower_peoples_committees"));
}

const CITY_2026: &str = "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ

KẾ HOẠCH
Thực hiện công tác phòng, chống mại dâm năm 2026

I. MỤC TIÊU
Giảm tệ nạn mại dâm trên địa bàn thành phố.

II. NHIỆM VỤ, GIẢI PHÁP
1. Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Công an thành phố kiểm tra các cơ sở lưu trú du lịch.

III. TỔ CHỨC THỰC HIỆN
1. Công an thành phố
Chủ trì đấu tranh, triệt phá các đường dây mại dâm.
2. Sở Y tế
- Chủ trì, phối hợp với các sở, ngành, Ủy ban nhân dân các xã, phường hướng dẫn, đôn đốc triển khai Kế hoạch; là cơ quan thường trực, tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân thành phố.
3. Sở Nội vụ
Hướng dẫn các xã, phường kiện toàn đội ngũ công chức làm công tác phòng, chống tệ nạn xã hội.
4. Ủy ban nhân dân các xã, phường
Xây dựng và triển khai kế hoạch của địa phương.

Giao Sở Y tế theo dõi, đôn đốc, tổng hợp báo cáo Ủy ban nhân dân thành phố./.

Nơi nhận:
- Bộ Y tế;
- Lưu: VT.
";

#[test]
fn city_plan_of_2026_is_led_by_its_health_department() {
    assert_eq!(leads(CITY_2026), ["health"]);
    let got = roles(CITY_2026);
    assert!(
        got.contains(&("culture".to_string(), "assigned")),
        "{got:?}"
    );
    assert!(got.contains(&("police".to_string(), "assigned")));
    assert!(got.contains(&("home_affairs".to_string(), "assigned")));
    assert!(got.contains(&("lower_peoples_committees".to_string(), "assigned")));
    assert!(!got
        .iter()
        .any(|(a, r)| a == "lower_peoples_committees" && *r == "lead"));
}

const PROVINCE_INLINE: &str = "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN

KẾ HOẠCH
Phòng, chống mại dâm trên địa bàn tỉnh năm 2024

I. MỤC ĐÍCH
Nâng cao hiệu quả công tác phòng, chống mại dâm.

II. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành
- Sở Y tế: chủ trì triển khai các biện pháp can thiệp giảm tác hại, phối hợp với Sở LĐ-TB&XH hỗ trợ người bán dâm.
- Bộ Chỉ huy Bộ đội Biên phòng tỉnh: tăng cường kiểm soát khu vực biên giới, cửa khẩu.
- Sở LĐTBXH là cơ quan đầu mối, tổng hợp kết quả thực hiện, báo cáo UBND tỉnh.
2. Ban Dân tộc tỉnh
Tuyên truyền phòng, chống mại dâm tại vùng đồng bào dân tộc thiểu số.
3. Ủy ban nhân dân các huyện, thành phố
Xây dựng kế hoạch thực hiện tại địa phương; chỉ đạo Ủy ban nhân dân cấp xã triển khai.

- Sở Tư pháp (b/c);
- Lưu: VT.
";

#[test]
fn inline_bodies_unknown_items_and_a_recipients_list_without_its_heading() {
    let got = roles(PROVINCE_INLINE);
    let want = set(&[
        ("health", "assigned"),
        ("labour_social_affairs", "coordinating"),
        ("labour_social_affairs", "lead"),
        ("military_command", "assigned"),
        ("?Ban Dân tộc tỉnh", "assigned"),
        ("lower_peoples_committees", "assigned"),
    ]);
    assert_eq!(got, want);
}

const MINISTRY: &str = "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI

KẾ HOẠCH
Thực hiện Chương trình phòng, chống mại dâm năm 2023

I. TỔ CHỨC THỰC HIỆN
1. Cục Phòng, chống tệ nạn xã hội
Là đơn vị thường trực, hướng dẫn, đôn đốc các địa phương thực hiện Kế hoạch; tổng hợp báo cáo kết quả thực hiện.
2. Vụ Kế hoạch - Tài chính
Bố trí kinh phí thực hiện Kế hoạch theo quy định.
3. Đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương
Xây dựng và triển khai kế hoạch của địa phương.
";

#[test]
fn a_ministry_plan_is_led_by_its_department_not_dropped_as_the_issuer() {
    assert_eq!(leads(MINISTRY), ["labour_social_affairs"]);
    let got = roles(MINISTRY);
    assert!(
        got.contains(&("lower_peoples_committees".to_string(), "requested")),
        "{got:?}"
    );
}

const LEAD_BY_REPORTS: &str = "ỦY BAN NHÂN DÂN HUYỆN BÌNH LỤC

KẾ HOẠCH
Phòng, chống mại dâm năm 2022

I. TỔ CHỨC THỰC HIỆN
1. Công an huyện
- Chủ trì đấu tranh chống tội phạm về mại dâm; thông qua Đài Truyền thanh huyện tuyên truyền cho nhân dân.
2. Phòng Lao động - Thương binh và Xã hội
- Hướng dẫn các xã xây dựng xã lành mạnh không có tệ nạn mại dâm.
3. Trung tâm Văn hóa, Thể thao và Truyền thông huyện
- Đưa tin, bài về phòng, chống mại dâm.

Quá trình thực hiện có khó khăn, vướng mắc kịp thời phản ánh về Ủy ban nhân dân huyện (qua phòng Lao động - Thương binh và Xã hội) để chỉ đạo, giải quyết./.
";

#[test]
fn the_body_reports_go_through_leads_not_the_first_chu_tri() {
    assert_eq!(leads(LEAD_BY_REPORTS), ["labour_social_affairs"]);
}
