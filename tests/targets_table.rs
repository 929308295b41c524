//! Target sentences -> expected rows, and traps that must yield nothing.
//!
//! Each case is wrapped in a minimal one-year (2024) or multi-year (2026-2030)
//! plan and run through every stage ([`planmine::analyze`]).

use planmine::patterns::Patterns;

fn plan(body: &str, multi_year: bool) -> String {
    let title = if multi_year {
        "Thực hiện Chương trình phòng, chống mại dâm giai đoạn 2026-2030"
    } else {
        "Phòng, chống mại dâm trên địa bàn huyện năm 2024"
    };
    format!(
        "ỦY BAN NHÂN DÂN HUYỆN AN LÃO\n\nSố: 12/KH-UBND\n\nKẾ HOẠCH\n\n{title}\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nNâng cao nhận thức về phòng, chống mại dâm.\n\nII. CHỈ TIÊU\n\n{body}\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Văn hóa - Xã hội\n\nTham mưu triển khai Kế hoạch.\n"
    )
}

/// One expected row: value, unit, comparator, change, period, indicator.
type Row = (
    f64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

fn rows(body: &str, multi_year: bool) -> Vec<Row> {
    let a = planmine::analyze(&plan(body, multi_year), Patterns::builtin());
    a.targets
        .iter()
        .map(|t| {
            (
                t.value,
                t.unit.as_str(),
                t.comparator.as_str(),
                t.change.as_str(),
                leak(t.period.clone()),
                leak(t.indicator.clone().unwrap_or_default()),
            )
        })
        .collect()
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[test]
fn debug_one() {
    let Ok(s) = std::env::var("PLANMINE_CASE") else {
        return;
    };
    let a = planmine::analyze(&plan(&s, false), Patterns::builtin());
    for t in &a.targets {
        println!("{t:?}");
    }
}

/// (body paragraph(s), multi-year plan, expected rows in order).
const CASES: &[(&str, bool, &[Row])] = &[
    ("- Ít nhất 70% số xã, phường, thị trấn tổ chức được ít nhất một hình thức tuyên truyền về phòng, chống mại dâm.", false,
     &[(70.0, "percent", "at_least", "level", "2024", "communes_with_propaganda")]),
    ("- Không dưới 30% số cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm được kiểm tra.", false,
     &[(30.0, "percent", "at_least", "level", "2024", "establishments_inspected")]),
    ("- Từ 65% trở lên người bán dâm có nhu cầu được tiếp cận dịch vụ hỗ trợ xã hội.", false,
     &[(65.0, "percent", "at_least", "level", "2024", "sex_workers_supported")]),
    ("- Mỗi năm tổ chức ít nhất 04 lớp tập huấn cho cán bộ làm công tác phòng, chống tệ nạn xã hội.", true,
     &[(4.0, "count", "at_least", "level", "annual", "officials_trained")]),
    ("- Mỗi năm tổ chức ít nhất 04 lớp tập huấn cho cán bộ làm công tác phòng, chống tệ nạn xã hội.", false,
     &[(4.0, "count", "at_least", "level", "2024", "officials_trained")]),
    ("- Trên 60% người lao động tại các cơ sở kinh doanh dịch vụ được tuyên truyền, phổ biến pháp luật về phòng, chống mại dâm.", false,
     &[(60.0, "percent", "more_than", "level", "2024", "informed_service_workers")]),
    ("- Tối thiểu 50% học sinh các trường trung học phổ thông được tuyên truyền về phòng, chống mại dâm.", false,
     &[(50.0, "percent", "at_least", "level", "2024", "informed_students_highschool")]),
    ("- Giảm 10% số vụ vi phạm pháp luật liên quan đến mại dâm so với năm 2023.", false,
     &[(10.0, "percent", "exactly", "decrease", "2024", "")]),
    ("- Tăng ít nhất 5% số vụ án liên quan đến mại dâm được phát hiện, điều tra, xử lý.", false,
     &[(5.0, "percent", "at_least", "increase", "2024", "criminal_cases_handled")]),
    ("- 10/10 huyện, thành phố xây dựng kế hoạch phòng, chống mại dâm.", false,
     &[(10.0, "count", "exactly", "level", "2024", "districts_with_plan")]),
    ("- Triệt xóa 05 tụ điểm phức tạp về tệ nạn mại dâm.", false,
     &[(5.0, "count", "exactly", "level", "2024", "hotspots_eliminated")]),
    ("- Phấn đấu 100% xã, phường, thị trấn triển khai mô hình phòng, chống mại dâm cấp xã.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "communes_with_model")]),
    ("- Phần đầu 90% tố giác, tin báo về tội phạm được tiếp nhận, xử lý.", false,
     &[(90.0, "percent", "exactly", "level", "2024", "reports_handled")]),
    ("- Hằng năm, 100% cán bộ làm công tác phòng, chống tệ nạn xã hội được tập huấn.", true,
     &[(100.0, "percent", "exactly", "level", "annual", "officials_trained")]),
    ("- Đến năm 2030, ít nhất 80% xã, phường xây dựng và triển khai kế hoạch phòng, chống mại dâm.", true,
     &[(80.0, "percent", "at_least", "level", "2030", "communes_with_plan")]),
    ("- Đến năm 2028, ít nhất 80% xã, phường xây dựng và triển khai kế hoạch phòng, chống mại dâm.", true,
     &[(80.0, "percent", "at_least", "level", "2028", "communes_with_plan")]),
    ("- 100% tố giác, tin báo được tiếp nhận, xử lý kịp thời.", true,
     &[(100.0, "percent", "exactly", "level", "2030", "reports_handled")]),
    ("- Tiếp cận, tư vấn cho 1.200 lượt người bán dâm.", false,
     &[(1200.0, "count", "exactly", "level", "2024", "sex_workers_counselled")]),
    ("- Cung cấp thông tin, tuyên truyền cho 5.000 người dân tại các khu dân cư.", false,
     &[(5000.0, "count", "exactly", "level", "2024", "informed_residents")]),
    ("- Tuyên truyền cho 2.500 công nhân lao động tại các khu công nghiệp, khu chế xuất.", false,
     &[(2500.0, "count", "exactly", "level", "2024", "informed_iz_workers")]),
    ("- 100% văn bản chỉ đạo được ban hành kịp thời.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "directives_issued")]),
    ("- 100% thông tin, phản ánh về hoạt động mại dâm trên không gian mạng được xử lý.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "online_reports_handled")]),
    ("- Đưa ra xét xử 45 vụ án liên quan đến mại dâm.", false,
     &[(45.0, "count", "exactly", "level", "2024", "criminal_cases_tried")]),
    ("- Tăng 1,5% số vụ án về mại dâm được phát hiện, xử lý.", false,
     &[(1.5, "percent", "exactly", "increase", "2024", "criminal_cases_handled")]),
    ("- Ít nhất 50% người lao động tại các cơ sở kinh doanh dịch vụ; ít nhất 40% công nhân trong các khu công nghiệp; 30% học sinh, sinh viên được tuyên truyền.", false,
     &[(50.0, "percent", "at_least", "level", "2024", "informed_service_workers"),
       (40.0, "percent", "at_least", "level", "2024", "informed_iz_workers"),
       (30.0, "percent", "at_least", "level", "2024", "informed_students")]),
    ("- Ít nhất 80% người lao động tại các cơ sở kinh doanh dịch vụ, lao động trong khu công nghiệp được tuyên truyền.", false,
     &[(80.0, "percent", "at_least", "level", "2024", "informed_service_workers"),
       (80.0, "percent", "at_least", "level", "2024", "informed_iz_workers")]),
    ("- 100% quận, huyện và 100% xã, phường, thị trấn xây dựng kế hoạch phòng, chống mại dâm.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "districts_with_plan"),
       (100.0, "percent", "exactly", "level", "2024", "communes_with_plan")]),
    ("- Trên 90% cơ sở kinh doanh dịch vụ được rà soát, kiểm tra.", false,
     &[(90.0, "percent", "more_than", "level", "2024", "establishments_inspected")]),
    ("- Phát hiện, xử lý 25 vụ, 60 đối tượng vi phạm pháp luật về mại dâm.", false,
     &[(25.0, "count", "exactly", "level", "2024", ""),
       (60.0, "count", "exactly", "level", "2024", "violations_handled")]),
    ("- Tổ chức 12 buổi nói chuyện chuyên đề về phòng, chống mại dâm.", false,
     &[(12.0, "count", "exactly", "level", "2024", "")]),
    ("- Phát hành 5.000 tờ rơi tuyên truyền.", false,
     &[(5000.0, "count", "exactly", "level", "2024", "")]),
    ("- 100% người bán dâm có nhu cầu được hỗ trợ học nghề, tạo việc làm.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "sex_workers_supported")]),
    ("- Ít nhất 01 xã thực hiện thí điểm mô hình can thiệp giảm hại.", false,
     &[(1.0, "count", "at_least", "level", "2024", "communes_with_harm_reduction")]),
    ("- 100% cơ sở kinh doanh dịch vụ được kiểm tra ít nhất 01 lần.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "establishments_inspected")]),
    ("- Tỷ lệ người bán dâm được tiếp cận dịch vụ hỗ trợ xã hội đạt 70%.", false,
     &[(70.0, "percent", "exactly", "level", "2024", "sex_workers_supported")]),
    ("- Đảm bảo 100% cán bộ, công chức được bồi dưỡng kiến thức về phòng, chống mại dâm.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "officials_trained")]),
    ("- Tuyên truyền cho 1.000 người tại các cơ sở kinh doanh dịch vụ (trong đó: 300 chủ cơ sở và 700 người lao động).", false,
     &[(1000.0, "count", "exactly", "level", "2024", "informed_service_workers"),
       (300.0, "count", "exactly", "level", "2024", "informed_establishment_owners"),
       (700.0, "count", "exactly", "level", "2024", "informed_service_workers")]),
    ("- Trong năm 2024, kiểm tra 150 cơ sở kinh doanh dịch vụ.", false,
     &[(150.0, "count", "exactly", "level", "2024", "establishments_inspected")]),
    ("- Trong năm, tăng 3% số vụ án được phát hiện, xử lý.", true,
     &[(3.0, "percent", "exactly", "increase", "annual", "criminal_cases_handled")]),
    ("3.1. Hằng năm\n\n- 100% tố giác, tin báo được xử lý.\n\n3.2. Đến năm 2030\n\n- Trên 95% cơ sở kinh doanh dịch vụ được kiểm tra.", true,
     &[(100.0, "percent", "exactly", "level", "annual", "reports_handled"),
       (95.0, "percent", "more_than", "level", "2030", "establishments_inspected")]),
    ("- Giảm ít nhất 5% số người bán dâm trên địa bàn.", false,
     &[(5.0, "percent", "at_least", "decrease", "2024", "")]),
    ("- Không dưới 20 cuộc kiểm tra liên ngành.", false,
     &[(20.0, "count", "at_least", "level", "2024", "")]),
    ("- 100 % xã, thị trấn có tổ chức tuyên truyền về phòng, chống mại dâm.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "communes_with_propaganda")]),
    ("- Phấn đấu đạt 85% trở lên số hộ gia đình được tuyên truyền về phòng, chống mại dâm.", false,
     &[(85.0, "percent", "at_least", "level", "2024", "informed_residents")]),
    ("- Hơn 200 lượt người dân được tuyên truyền.", false,
     &[(200.0, "count", "more_than", "level", "2024", "informed_residents")]),
    ("- Ít nhất 2 tin, bài mỗi tháng về phòng, chống mại dâm trên Đài Truyền thanh huyện.", false,
     &[(2.0, "count", "at_least", "level", "2024", "media_frequency")]),
    ("- 100% xã, phường lồng ghép công tác phòng, chống mại dâm vào chương trình phát triển kinh tế - xã hội.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "communes_integrating")]),
    ("- 100% tỉnh, thành phố xây dựng kế hoạch phòng, chống mại dâm.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "provinces_with_plan")]),
    ("- 100% các huyện, thị xã lồng ghép công tác phòng, chống mại dâm với các chương trình an sinh xã hội.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "districts_integrating")]),
    ("- Hỗ trợ 30 người bán dâm hoàn lương học nghề, tạo việc làm.", false,
     &[(30.0, "count", "exactly", "level", "2024", "sex_workers_supported")]),
    ("- Xử lý hành chính 100% các trường hợp vi phạm được phát hiện.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "violations_handled")]),
    ("- Tập huấn cho 150 báo cáo viên, tuyên truyền viên cấp xã.", false,
     &[(150.0, "count", "exactly", "level", "2024", "officials_trained")]),
    ("- Kiểm tra 100% cơ sở lưu trú, karaoke, massage trên địa bàn.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "establishments_inspected")]),
    ("- Tăng cường kiểm tra 80% cơ sở kinh doanh dịch vụ nhạy cảm.", false,
     &[(80.0, "percent", "exactly", "level", "2024", "establishments_inspected")]),
    ("- Giải quyết dứt điểm 100% đơn thư, khiếu nại liên quan đến mại dâm.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "reports_handled")]),
    ("- Ít nhất 95% số vụ án được đưa ra xét xử.", false,
     &[(95.0, "percent", "at_least", "level", "2024", "criminal_cases_tried")]),
    ("- Không quá 5% số xã có tụ điểm phức tạp về mại dâm.", false,
     &[(5.0, "percent", "at_most", "level", "2024", "")]),
    ("- Dưới 2% người lao động tại cơ sở kinh doanh dịch vụ tái vi phạm.", false,
     &[(5.0 - 3.0, "percent", "less_than", "level", "2024", "")]),
    ("- Tối đa 10 ngày kể từ khi nhận được tin báo phải xác minh, xử lý 100% vụ việc vi phạm.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "violations_handled")]),
    ("- Khám phá 15 đường dây, ổ nhóm mại dâm.", false,
     &[(15.0, "count", "exactly", "level", "2024", "criminal_cases_handled")]),
    ("- Duy trì không để tái hoạt động 04 điểm phức tạp đã triệt xóa.", false,
     &[(4.0, "count", "exactly", "level", "2024", "hotspots_kept_clear")]),
    ("- Ít nhất 2.000 học sinh, sinh viên tại các trường đại học, cao đẳng được tuyên truyền.", false,
     &[(2000.0, "count", "at_least", "level", "2024", "informed_students_university")]),
    ("- 30% học viên các cơ sở giáo dục nghề nghiệp được tuyên truyền.", false,
     &[(30.0, "percent", "exactly", "level", "2024", "informed_students_vocational")]),
    ("- 100% chủ cơ sở kinh doanh dịch vụ được tuyên truyền, ký cam kết.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "informed_establishment_owners")]),
    ("- 100% cơ sở kinh doanh dịch vụ (khoảng 250 cơ sở) được kiểm tra.", false,
     &[(100.0, "percent", "exactly", "level", "2024", "establishments_inspected")]),
    ("- Nâng tỷ lệ người dân được tuyên truyền lên 90%.", false,
     &[(90.0, "percent", "exactly", "level", "2024", "informed_residents")]),
];

/// Paragraphs that hold numbers but no target.
const TRAPS: &[&str] = &[
    "Thực hiện Kế hoạch số 184/KH-UBND ngày 17/11/2021 của Ủy ban nhân dân tỉnh.",
    "Căn cứ Nghị định số 178/2004/NĐ-CP ngày 15/10/2004 của Chính phủ.",
    "Ban Chỉ đạo 138 huyện xây dựng kế hoạch thực hiện.",
    "Kiện toàn Đội kiểm tra liên ngành 178 cấp huyện.",
    "Kiện toàn Đội kiểm tra 178 huyện.",
    "Định kỳ 06 tháng (trước ngày 20/6), một năm (trước ngày 20/12) báo cáo kết quả.",
    "Thực hiện Chương trình phòng, chống mại dâm giai đoạn 2021-2025.",
    "Thực hiện Chương trình phòng, chống mại dâm giai đoạn 2021 - 2025.",
    "Báo cáo gửi về Phòng Văn hóa - Xã hội, số 12 đường Trần Phú, điện thoại 0225.3821.456.",
    "Thực hiện theo Điều 5 Luật Phòng, chống mại dâm năm 2003.",
    "Xử lý nghiêm hành vi mua dâm người dưới 18 tuổi.",
    "Kinh phí thực hiện là 50 triệu đồng.",
    "Năm 2023 đã kiểm tra 120 cơ sở, xử lý 15 vụ vi phạm.",
    "Tổ chức sơ kết 6 tháng, tổng kết năm.",
    "Quốc lộ 5, khu vực ngã ba Cầu Bươu.",
    "Câu lạc bộ B93 hoạt động thường xuyên.",
    "Thực hiện Chỉ thị 33-CT/TW của Ban Bí thư.",
    "Trong 24 giờ kể từ khi nhận tin báo phải xác minh.",
    "Triển khai Đề án 06 của Chính phủ.",
    "Kèm theo Kế hoạch số: /KH-UBND ngày tháng năm 2024.",
    "Quán triệt Nghị quyết Hội nghị lần thứ 5 Ban Chấp hành Trung ương.",
    "Tổng số: 03 điểm",
    "Đường dây nóng: 1900 1234.",
    "Trụ sở tại phòng 305, tầng 3, nhà B.",
    "Ủy ban nhân dân phường 5 quận 10 phối hợp thực hiện.",
    "Thông tư số 05/2023/TT-BLĐTBXH của Bộ Lao động.",
    "Luật Xử lý vi phạm hành chính năm 2012.",
    "Kỷ niệm 100 năm ngày thành lập.",
    "Báo cáo định kỳ tháng, quý, 6 tháng, năm về Ủy ban nhân dân huyện.",
    "Tổ chức ít nhất một tháng một lần kiểm tra.",
    "Xây dựng Kế hoạch phòng chống mại dâm 5 năm, hàng năm của Ủy ban nhân dân phường.",
    "Chi cục Phòng, chống tệ nạn xã hội, số 144 Trần Phú, quận Hà Đông.",
    "Thực hiện Quyết định 155/2007/QĐ-TTg ngày 25/9/2007 của Thủ tướng Chính phủ.",
    "Tiếp nhận tin báo qua tổng đài 111.",
    "Thanh niên từ 16 đến 30 tuổi được ưu tiên.",
    "Bố trí 2 tỷ đồng cho hoạt động hỗ trợ.",
    "Thực hiện Văn bản số 221/LĐTBXH-PCTNXH ngày 31/01/2023.",
    "Thực hiện Mục 2 Phụ lục 3 kèm theo.",
    "Tổ chức hội nghị lần 2 vào quý 3.",
    "Học sinh trường cấp 3 được tuyên truyền.",
    "Xem trang 5 của tài liệu.",
    "Gọi lực lượng 113 khi phát hiện vi phạm.",
];

#[test]
fn target_table() {
    let mut failures = Vec::new();
    for (body, multi, want) in CASES {
        let got = rows(body, *multi);
        if got != want.to_vec() {
            failures.push(format!("{body}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn traps_yield_nothing() {
    let mut failures = Vec::new();
    for body in TRAPS {
        let got = rows(&format!("- {body}"), false);
        if !got.is_empty() {
            failures.push(format!("{body}\n   got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "traps:\n{}", failures.join("\n"));
}

#[test]
fn past_results_section_is_not_targets() {
    let text = "KẾ HOẠCH\n\nPhòng, chống mại dâm năm 2024\n\nI. KẾT QUẢ THỰC HIỆN NĂM 2023\n\nKiểm tra 120 cơ sở kinh doanh dịch vụ, xử lý 15 vụ vi phạm, 100% tố giác được xử lý.\n\nII. CHỈ TIÊU\n\n- Kiểm tra 130 cơ sở kinh doanh dịch vụ.\n";
    let a = planmine::analyze(text, Patterns::builtin());
    let v: Vec<f64> = a.targets.iter().map(|t| t.value).collect();
    assert_eq!(v, vec![130.0]);
}

#[test]
fn expected_results_section_holds_targets() {
    let text = "KẾ HOẠCH\n\nPhòng, chống mại dâm năm 2024\n\nI. KẾT QUẢ CẦN ĐẠT\n\n- Kiểm tra 130 cơ sở kinh doanh dịch vụ.\n";
    let a = planmine::analyze(text, Patterns::builtin());
    let v: Vec<f64> = a.targets.iter().map(|t| t.value).collect();
    assert_eq!(v, vec![130.0]);
}

#[test]
fn line_is_where_the_number_stands() {
    let body = "- Tuyên truyền, phổ biến chính sách, pháp luật về phòng, chống mại dâm\ncho 2.000 người dân tại địa phương; 3.460 người tại các cơ sở kinh doanh\ndịch vụ dễ phát sinh tệ nạn mại dâm.";
    let a = planmine::analyze(&plan(body, false), Patterns::builtin());
    let lines: Vec<usize> = a.targets.iter().map(|t| t.line).collect();
    // The body starts on line 17 of the wrapped plan.
    assert_eq!(lines, vec![18, 18]);
    let text = plan(body, false);
    let src: Vec<&str> = text.lines().collect();
    assert!(src[17].contains("2.000") && src[17].contains("3.460"));
}

#[test]
fn restatement_in_assignment_section_merges_and_gives_lead() {
    let text = "KẾ HOẠCH\n\nPhòng, chống mại dâm năm 2024\n\nI. CHỈ TIÊU\n\n- Tổ chức kiểm tra ít nhất 30% số cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm trên địa bàn.\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Công an huyện\n\nChủ trì đấu tranh, triệt phá tội phạm mại dâm.\n\n2. Ủy ban nhân dân các xã, thị trấn\n\nTăng cường kiểm tra, đảm bảo ít nhất 30% số cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm trên địa bàn được kiểm tra.\n";
    let a = planmine::analyze(text, Patterns::builtin());
    assert_eq!(a.targets.len(), 1, "{:?}", a.targets);
    assert_eq!(a.targets[0].section, "I");
    assert_eq!(
        a.targets[0].lead_agency,
        vec!["lower_peoples_committees".to_string()]
    );
}

#[test]
fn odd_input_does_not_panic() {
    let odd = [
        "- 5–7 người; 3—4%; 2.–; (trong đó: 5 (6) ); 10/10/; 1.000.000,5 người; %%; 100 %%",
        "- Ít nhất –20% và 30%– số xã; ‐5 người; ٣ người; 𝟓 người; 5\u{301} người",
        "- (trong đó: (trong đó: 3 người)) 4 người) 5 người (",
        "- một trăm linh; mười mười; hai mươi mươi người; tỷ tỷ",
        "- 99999999999999999999999 người; 0,0000001%; 1.2.3.4 người",
    ];
    for body in odd {
        for multi in [false, true] {
            let _ = rows(body, multi);
        }
    }
}
