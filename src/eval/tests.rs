//! The scorer on small hand-made tables.

use super::*;

const GOLD_TARGETS: &str = "\
doc_id,status,indicator,value,unit,comparator,change,period,subject,lead_agency,quote
d1,required,informed_iz_workers,15,percent,at_least,level,2023,x,,ít nhất 15% người lao động trong các khu công nghiệp
d1,required,informed_students,20,percent,at_least|exactly,level,2023,x,education,\"20% học sinh, sinh viên các trường trung học phổ thông\"
d1,optional,media_frequency,1,count,at_least,level,2023,x,,ít nhất một tháng một lần
";

const GOLD_DOCUMENTS: &str = "\
doc_id,locality,locality_level,province,year_start,year_end,parent_refs
d1,Tam Điệp,district,Ninh Bình,2023,2023,184/KH-UBND;28/KH-BCĐ
";

const GOLD_ASSIGNMENTS: &str = "\
doc_id,agency,role
d1,labour_social_affairs,lead
d1,police,assigned
d1,court,requested
";

const FOUND_HEADER: &str = "doc_id,locality,locality_level,province,year_start,year_end,section,section_title,indicator,value,unit,comparator,change,period,subject,lead_agency,coordinating_agencies,text,line\n";

fn found_row(
    indicator: &str,
    value: &str,
    unit: &str,
    cmp: &str,
    text: &str,
    lead: &str,
    line: u32,
) -> String {
    format!(
        "d1,Tam Điệp,district,Ninh Bình,2023,2023,I.1,Mục tiêu,{indicator},{value},{unit},{cmp},level,2023,x,{lead},,\"{text}\",{line}\n"
    )
}

fn perfect_targets() -> String {
    let mut s = FOUND_HEADER.to_string();
    s += &found_row(
        "informed_iz_workers",
        "15",
        "percent",
        "at_least",
        "Ít nhất 15% người lao động trong các khu công nghiệp",
        "",
        10,
    );
    s += &found_row(
        "informed_students",
        "20",
        "percent",
        "exactly",
        "20% học sinh, sinh viên các trường Trung học phổ thông",
        "education",
        11,
    );
    s
}

const FOUND_DOCUMENTS: &str = "\
doc_id,source_path,status,message,encoding,title,locality,locality_level,province,province_current,year_start,year_end,issuer,plan_number,issue_date,parent_refs,sections,targets,assignments,fixes
d1,c/d1.txt,ok,,utf-8,KẾ HOẠCH,Tam Điệp,district,Ninh Bình,Ninh Bình,2023,2023,,,,28/KH-BCĐ;184/KH-UBND,3,2,3,
other,c/other.txt,ok,,utf-8,,X,district,Y,Y,2020,2020,,,,,1,0,0,
";

const FOUND_ASSIGNMENTS: &str = "\
doc_id,locality,province,year_start,year_end,section,agency,agency_name,role,task,line
d1,,,,,IV.1,labour_social_affairs,Phòng LĐTBXH,lead,t,20
d1,,,,,IV.2,police,Công an,assigned,t,21
d1,,,,,IV.3,court,Tòa án,requested,t,22
d1,,,,,IV.3,health,Y tế,coordinating,t,23
other,,,,,IV.3,health,Y tế,assigned,t,23
";

fn tables(targets: &str, documents: &str, assignments: &str) -> Tables {
    Tables {
        targets: Csv::parse(targets).unwrap(),
        documents: Csv::parse(documents).unwrap(),
        assignments: Csv::parse(assignments).unwrap(),
    }
}

fn gold() -> Tables {
    tables(GOLD_TARGETS, GOLD_DOCUMENTS, GOLD_ASSIGNMENTS)
}

#[test]
fn perfect_match_scores_one() {
    let s = score_tables(
        &gold(),
        &tables(&perfect_targets(), FOUND_DOCUMENTS, FOUND_ASSIGNMENTS),
    );
    assert_eq!(s.f1(), 1.0, "{}", render(&s));
    assert_eq!(s.strict_f1(), 1.0, "{}", render(&s));
    assert_eq!(s.assignments_f1(), 1.0, "{}", render(&s));
    assert_eq!(s.documents_share(), 1.0, "{}", render(&s));
    assert_eq!(s.overall.indicator.share(), 1.0);
    assert_eq!(s.overall.lead_agency.share(), 1.0);
    assert_eq!(s.per_document.len(), 1, "only gold documents are scored");
    assert!(s.misses.is_empty(), "{:?}", s.misses);
}

#[test]
fn alternatives_are_accepted() {
    // The students row says `exactly`; gold allows `at_least|exactly`.
    let mut t = FOUND_HEADER.to_string();
    t += &found_row(
        "informed_students",
        "20",
        "percent",
        "at_least",
        "20% học sinh, sinh viên các trường trung học phổ thông",
        "education",
        11,
    );
    let s = score_tables(&gold(), &tables(&t, FOUND_DOCUMENTS, FOUND_ASSIGNMENTS));
    assert_eq!(s.overall.strict.tp, 1);
    assert_eq!(s.overall.comparator.share(), 1.0);
}

#[test]
fn duplicate_lowers_strict_precision_only() {
    let mut t = perfect_targets();
    t += &found_row(
        "informed_iz_workers",
        "15",
        "percent",
        "at_least",
        "ít nhất 15% người lao động trong các khu công nghiệp",
        "",
        40,
    );
    let s = score_tables(&gold(), &tables(&t, FOUND_DOCUMENTS, FOUND_ASSIGNMENTS));
    assert_eq!(s.f1(), 1.0, "the number was found");
    assert_eq!(s.overall.strict.fp, 1);
    assert!(s.overall.strict.precision() < 1.0);
    assert!(s.misses.iter().any(|m| m.kind == MissKind::Duplicate));
}

#[test]
fn optional_rows_neither_reward_nor_punish() {
    let mut t = perfect_targets();
    t += &found_row(
        "media_frequency",
        "1",
        "count",
        "at_least",
        "ít nhất một tháng một lần",
        "",
        12,
    );
    let with = score_tables(&gold(), &tables(&t, FOUND_DOCUMENTS, FOUND_ASSIGNMENTS));
    let without = score_tables(
        &gold(),
        &tables(&perfect_targets(), FOUND_DOCUMENTS, FOUND_ASSIGNMENTS),
    );
    assert_eq!(with.overall.targets, without.overall.targets);
    assert_eq!(with.overall.strict, without.overall.strict);
    assert_eq!(with.f1(), 1.0);
}

#[test]
fn wrong_field_counts_for_f1_not_strict() {
    let mut t = FOUND_HEADER.to_string();
    t += &found_row(
        "informed_residents",
        "15",
        "percent",
        "at_least",
        "ít nhất 15% người lao động trong các khu công nghiệp",
        "",
        10,
    );
    let s = score_tables(&gold(), &tables(&t, FOUND_DOCUMENTS, FOUND_ASSIGNMENTS));
    assert_eq!(s.overall.targets.tp, 1);
    assert_eq!(s.overall.targets.fn_, 1, "the students row is missed");
    assert_eq!(s.overall.strict.tp, 0);
    assert_eq!(s.overall.indicator.share(), 0.0);
    assert!(s.misses.iter().any(|m| m.kind == MissKind::WrongField));
    assert!(s.misses.iter().any(|m| m.kind == MissKind::MissedTarget));
}

#[test]
fn value_or_clause_mismatch_is_a_false_find() {
    let mut t = FOUND_HEADER.to_string();
    // Right value, unrelated clause.
    t += &found_row(
        "informed_iz_workers",
        "15",
        "percent",
        "at_least",
        "Tổ chức 15 buổi tuyên truyền tại các trường học",
        "",
        10,
    );
    // Right clause, wrong value.
    t += &found_row(
        "informed_students",
        "25",
        "percent",
        "at_least",
        "20% học sinh, sinh viên các trường trung học phổ thông",
        "",
        11,
    );
    let s = score_tables(&gold(), &tables(&t, FOUND_DOCUMENTS, FOUND_ASSIGNMENTS));
    assert_eq!(s.overall.targets.tp, 0);
    assert_eq!(s.overall.targets.fp, 2);
    assert_eq!(s.overall.targets.fn_, 2);
}

#[test]
fn one_gold_row_per_found_row_by_best_fit() {
    // Two gold rows with one quote and one value (a list of populations): two
    // found rows, each right for one of them, both match.
    let gold_t = "\
doc_id,status,indicator,value,unit,comparator,change,period,subject,lead_agency,quote
d1,required,districts_with_plan,100,percent,exactly,level,2023,x,,\"100% quận, huyện và 100% xã, phường xây dựng kế hoạch\"
d1,required,communes_with_plan,100,percent,exactly,level,2023,x,,\"100% quận, huyện và 100% xã, phường xây dựng kế hoạch\"
";
    let mut t = FOUND_HEADER.to_string();
    t += &found_row(
        "communes_with_plan",
        "100",
        "percent",
        "exactly",
        "100% xã, phường xây dựng kế hoạch",
        "",
        5,
    );
    t += &found_row(
        "districts_with_plan",
        "100",
        "percent",
        "exactly",
        "100% quận, huyện xây dựng kế hoạch",
        "",
        5,
    );
    let g = tables(gold_t, GOLD_DOCUMENTS, GOLD_ASSIGNMENTS);
    let s = score_tables(&g, &tables(&t, FOUND_DOCUMENTS, FOUND_ASSIGNMENTS));
    assert_eq!(s.overall.strict.tp, 2, "{}", render(&s));
}

#[test]
fn assignments_ignore_coordinating_and_other_documents() {
    let mut a = FOUND_ASSIGNMENTS.to_string();
    a += "d1,,,,,IV.4,health,Y tế,assigned,t,30\n";
    let s = score_tables(&gold(), &tables(&perfect_targets(), FOUND_DOCUMENTS, &a));
    assert_eq!(s.overall.assignments.tp, 3);
    assert_eq!(s.overall.assignments.fp, 1);
    assert!(s
        .misses
        .iter()
        .any(|m| m.kind == MissKind::FalseAssignment && m.detail == "health assigned"));
}

#[test]
fn document_fields_compare_folded_and_refs_as_sets() {
    let d = FOUND_DOCUMENTS.replace("Tam Điệp,district", "tam điệp,province");
    let s = score_tables(&gold(), &tables(&perfect_targets(), &d, FOUND_ASSIGNMENTS));
    // 6 gold fields; only locality_level is wrong (case is not a difference,
    // parent_refs order is not either).
    assert_eq!(s.overall.fields, Share { right: 5, total: 6 });
}

#[test]
fn missing_document_scores_zero() {
    let s = score_tables(
        &gold(),
        &tables(FOUND_HEADER, "doc_id\n", "doc_id,agency,role\n"),
    );
    assert_eq!(s.f1(), 0.0);
    assert_eq!(s.assignments_f1(), 0.0);
    assert_eq!(s.documents_share(), 0.0);
}

#[test]
fn overlap_is_containment_of_the_shorter() {
    let a = tokens("Ít nhất 15% người lao động");
    let b = tokens("ít nhất 15% người lao động trong các khu công nghiệp; 20% học sinh");
    assert_eq!(overlap(&a, &b), 1.0);
    assert_eq!(overlap(&a, &tokens("kiểm tra cơ sở")), 0.0);
    // Tone placement and case do not matter.
    assert_eq!(overlap(&tokens("Hòa Bình"), &tokens("HOÀ BÌNH")), 1.0);
}

#[test]
fn json_has_scores() {
    let s = score_tables(
        &gold(),
        &tables(&perfect_targets(), FOUND_DOCUMENTS, FOUND_ASSIGNMENTS),
    );
    let j = serde_json::to_value(&s).unwrap();
    assert_eq!(j["overall"]["strict"]["f1"], 1.0);
    assert_eq!(j["per_document"][0]["doc_id"], "d1");
}

/// The gold set itself, written as planmine output (first alternative of every
/// `a|b`, the quote as text), scores 1.0 everywhere: the matching copes with
/// the gold's shared quotes and repeated values.
#[test]
fn gold_as_output_scores_one() {
    let gold = tables(
        include_str!("../../tests/gold/targets.csv"),
        include_str!("../../tests/gold/documents.csv"),
        include_str!("../../tests/gold/assignments.csv"),
    );
    let first = |s: &str| s.split('|').next().unwrap_or("").to_string();
    let g = &gold.targets;
    let mut targets = Csv {
        header: FOUND_HEADER.trim().split(',').map(str::to_string).collect(),
        rows: vec![],
    };
    for (i, r) in g.rows.iter().enumerate() {
        let row: Vec<String> = targets
            .header
            .iter()
            .map(|h| match h.as_str() {
                "text" => g.get(r, "quote").to_string(),
                "line" => (i + 1).to_string(),
                h => first(g.get(r, h)),
            })
            .collect();
        targets.rows.push(row);
    }
    let d = &gold.documents;
    let documents = Csv {
        header: d.header.clone(),
        rows: d
            .rows
            .iter()
            .map(|r| r.iter().map(|c| first(c)).collect())
            .collect(),
    };
    let found = Tables {
        targets,
        documents,
        assignments: gold.assignments.clone(),
    };
    let s = score_tables(&gold, &found);
    assert_eq!(s.per_document.len(), 5);
    assert_eq!(s.f1(), 1.0, "{}", render(&s));
    assert_eq!(s.strict_f1(), 1.0, "{}", render(&s));
    assert_eq!(s.overall.lead_agency.share(), 1.0, "{}", render(&s));
    assert_eq!(s.assignments_f1(), 1.0);
    assert_eq!(s.documents_share(), 1.0);
    assert!(s.misses.is_empty(), "{}", render(&s));
}

#[test]
fn a_one_word_clause_is_not_enough() {
    let q = tokens("Ít nhất 70% số xã, thị trấn tổ chức tuyên truyền");
    assert!(overlap(&tokens("70% xã"), &q) < MIN_OVERLAP);
    assert_eq!(overlap(&tokens("70% số xã, thị trấn"), &q), 1.0);
}
