//! Workbooks read directly: the demo county as workbooks gives the CSV
//! demo's findings, and each trap of a clerk's workbook (a title row,
//! merged cells, hidden and empty sheets, formulas, the 1904 date system,
//! dates as text, ID numbers as numbers) gives its expected findings and
//! diagnostics. The workbooks are written at test time (`workbook.rs`):
//! each case of `tests/fixtures/xlsx/` holds the CSV part of its ledger and
//! its `expected.txt`, and [`case_workbooks`] writes its workbooks.

use std::fs;
use std::path::Path;

use crate::util::{assert_all_pass, check_json, diagnostic_lines, finding_lines, fixture_cases};
use crate::workbook::{Sheet, V, copy_others, kind_sheets, s, to_1904, write};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo-county");
const DEMO_ARGS: [&str; 4] = ["--year", "2025", "--as-of", "2025-12-31"];

/// Every finding of `check --format json` on `dir`, and its diagnostics.
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<String>, Vec<String>) {
    let mut all = vec![dir.to_str().unwrap()];
    all.extend(args);
    let (json, code) = check_json(&all);
    (code, finding_lines(&json), diagnostic_lines(&json))
}

#[test]
fn the_demo_county_as_one_workbook_a_kind_gives_the_csv_findings() {
    let dir = tempfile::tempdir().unwrap();
    copy_others(Path::new(DEMO), dir.path());
    for (kind, mut sheet) in kind_sheets(Path::new(DEMO)) {
        // Whatever the sheet's name: KIND.xlsx holds the kind on its first sheet.
        sheet.name = "Sheet1".into();
        write(&dir.path().join(format!("{kind}.xlsx")), &[sheet]);
    }
    let csv = check(Path::new(DEMO), &DEMO_ARGS);
    let xlsx = check(dir.path(), &DEMO_ARGS);
    assert_eq!(csv.0, 1);
    assert!(csv.1.len() > 40);
    assert_eq!(xlsx, csv);
}

#[test]
fn the_demo_county_as_one_workbook_of_chinese_sheets_gives_the_csv_findings() {
    let dir = tempfile::tempdir().unwrap();
    copy_others(Path::new(DEMO), dir.path());
    let sheets: Vec<Sheet> = kind_sheets(Path::new(DEMO))
        .into_iter()
        .map(|(kind, mut sheet)| {
            let kind = taizhang::ledger::Kind::from_name(&kind).unwrap();
            sheet.name = kind.chinese_names()[0].to_string();
            sheet
        })
        .collect();
    assert_eq!(sheets.len(), 11);
    write(&dir.path().join("示范县台账.xlsx"), &sheets);
    let csv = check(Path::new(DEMO), &DEMO_ARGS);
    assert_eq!(check(dir.path(), &DEMO_ARGS), csv);
}

/// The education sheet of the cases: M1 12 days, M2 6 (both of an agency
/// branch, so M2 falls 6 days short).
fn sessions() -> Vec<Vec<V>> {
    vec![
        vec![s("日期"), s("天数"), s("参加人员")],
        vec![V::D(2025, 3, 3), V::N(6.0), s("M1")],
        vec![V::D(2025, 4, 7), V::N(6.0), s("M1；M2")],
    ]
}

/// The workbooks of a case of `tests/fixtures/xlsx/`, by its name.
fn case_workbooks(name: &str, dir: &Path) {
    let education = dir.join("education.xlsx");
    match name {
        "title-row" => {
            let mut rows = vec![
                vec![s("示范县机关支部集体学习登记表")],
                vec![],
                vec![s("填报单位：机关支部"), V::E, s("2025年")],
            ];
            rows.extend(sessions());
            let mut sheet = Sheet::new("登记表", rows);
            sheet.merges.push((0, 0, 0, 2));
            write(&education, &[sheet]);
        }
        "merged-cells" => {
            // Two sessions of one day, the date merged over both rows.
            let rows = vec![
                vec![s("日期"), s("天数"), s("参加人员")],
                vec![V::D(2025, 3, 3), V::N(6.0), s("M1")],
                vec![V::E, V::N(6.0), s("M1、M2")],
            ];
            let mut sheet = Sheet::new("Sheet1", rows);
            sheet.merges.push((1, 0, 2, 0));
            write(&education, &[sheet]);
        }
        "empty-trailing-sheets" => write(
            &education,
            &[
                Sheet::new("Sheet1", sessions()),
                Sheet::new("Sheet2", vec![]),
                Sheet::new("Sheet3", vec![]),
            ],
        ),
        "formula-cells" => {
            let mut rows = sessions();
            rows[1][1] = V::F("=2*3", "6".into());
            rows[2][2] = V::F("=\"M1；M2\"", "M1；M2".into());
            write(&education, &[Sheet::new("Sheet1", rows)]);
        }
        "formula-error" => {
            let mut rows = sessions();
            rows.push(vec![
                V::D(2025, 5, 5),
                V::N(1.0),
                V::F("=VLOOKUP(\"王五\",A:A,1,FALSE)", "#N/A".into()),
            ]);
            write(&education, &[Sheet::new("Sheet1", rows)]);
        }
        "hidden-sheet" => {
            let mut hidden = Sheet::text(
                "组织活动",
                &[&["日期", "党组织", "类型"], &["2025-03-03", "b1", "党课"]],
            );
            hidden.hidden = true;
            write(
                &dir.join("台账.xlsx"),
                &[
                    Sheet::new("学习教育", sessions()),
                    hidden,
                    Sheet::text("说明", &[&["填表说明"]]),
                ],
            );
        }
        "date-1904" => {
            // 2024-12-31 is not of 2025; read in the 1900 system it would be 2029-01-01.
            let mut rows = sessions();
            rows.push(vec![V::D(2024, 12, 31), V::N(6.0), s("M2")]);
            write(&education, &[Sheet::new("Sheet1", rows)]);
            to_1904(&education);
        }
        "date-as-text" => {
            let mut rows = sessions();
            rows[1][0] = s("2025/3/3");
            rows[2][0] = s("2025年4月7日");
            rows.push(vec![V::N(45678.0), V::N(6.0), s("M2")]);
            write(&education, &[Sheet::new("Sheet1", rows)]);
        }
        "id-number-as-number" => {
            let rows = vec![
                vec![
                    s("党员编号"),
                    s("姓名"),
                    s("所在党组织"),
                    s("联系电话"),
                    s("身份证号"),
                ],
                vec![
                    s("M1"),
                    s("张三"),
                    s("b1"),
                    V::N(13812345678.0),
                    V::N(110105194912310021.0),
                ],
                vec![s("M2"), s("李四"), s("b1"), V::E, s("11010519491231002X")],
            ];
            write(&dir.join("党员名册.xlsx"), &[Sheet::new("名册", rows)]);
            write(&education, &[Sheet::new("Sheet1", sessions())]);
        }
        "huge-used-range" => {
            // Styled cells at XFD1048576: 17 billion cells in the used range.
            let mut data = Sheet::new("Sheet1", sessions());
            data.styled_blank = Some((1_048_575, 16_383));
            let mut blank = Sheet::new("Sheet2", vec![]);
            blank.styled_blank = Some((1_048_575, 16_383));
            write(&education, &[data, blank]);
        }
        "not-a-workbook" => fs::write(&education, "日期,天数,参加人员\n2025-03-03,6,M1\n").unwrap(),
        other => panic!("no workbooks for the case {other}"),
    }
}

#[test]
fn every_workbook_case_gives_its_findings_and_diagnostics() {
    let cases = fixture_cases("xlsx");
    let mut failures = Vec::new();
    for (name, fixture, case) in &cases {
        let dir = tempfile::tempdir().unwrap();
        copy_others(fixture, dir.path());
        for file in ["orgs.csv", "members.csv"] {
            if fixture.join(file).exists() {
                fs::copy(fixture.join(file), dir.path().join(file)).unwrap();
            }
        }
        fs::remove_file(dir.path().join("expected.txt")).unwrap();
        case_workbooks(name, dir.path());
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let (code, findings, diagnostics) = check(dir.path(), &args);
        if (code, &findings, &diagnostics) != (case.exit, &case.findings, &case.diagnostics) {
            failures.push(format!(
                "{name}: exit {code} (expected {})\n  {findings:?}\n  expected {:?}\n  {diagnostics:?}\n  expected {:?}",
                case.exit, case.findings, case.diagnostics
            ));
        }
    }
    assert_all_pass(&failures, cases.len());
}

/// `init --xlsx` writes the template workbook, and checking it gives the
/// error a fresh CSV ledger gives: nothing is filled in yet.
#[test]
fn a_fresh_workbook_ledger_is_empty_as_a_fresh_csv_one() {
    let dir = tempfile::tempdir().unwrap();
    let (xlsx, csv) = (dir.path().join("xlsx"), dir.path().join("csv"));
    let init = crate::util::taizhang(["init".as_ref(), "--xlsx".as_ref(), xlsx.as_os_str()]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let template = fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data-templates/台账模板.xlsx"
    ));
    assert_eq!(fs::read(xlsx.join("台账.xlsx")).unwrap(), template.unwrap());
    assert_eq!(
        crate::util::taizhang(["init".as_ref(), csv.as_os_str()]).code,
        0
    );
    let codes = |dir: &Path| {
        let (code, _, lines) = check(dir, &["--year", "2025", "--as-of", "2025-06-30"]);
        let codes: Vec<String> = lines
            .iter()
            .map(|l| l.split(' ').next().unwrap().to_string())
            .collect();
        (code, codes, lines)
    };
    let (xlsx_code, xlsx_codes, xlsx_lines) = codes(&xlsx);
    let (csv_code, csv_codes, _) = codes(&csv);
    assert_eq!((xlsx_code, &xlsx_codes), (csv_code, &csv_codes));
    assert_eq!(
        xlsx_lines,
        [
            "empty-ledger 台账.xlsx[成员]",
            "empty-ledger 台账.xlsx[组织]"
        ]
    );
}

/// A workbook named after a kind is read, not warned about; one that only
/// looks meant for a kind is warned about with how to have it read.
#[test]
fn workbooks_named_after_kinds_are_read_and_look_alikes_named() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = crate::util::fixture("xlsx/title-row");
    for file in ["orgs.csv", "members.csv"] {
        fs::copy(fixture.join(file), dir.path().join(file)).unwrap();
    }
    write(
        &dir.path().join("学习教育.xlsx"),
        &[Sheet::new("Sheet1", sessions())],
    );
    let posts = Sheet::text(
        "Sheet1",
        &[&["年度", "党员编号", "岗位"], &["2025", "M1", "宣传岗"]],
    );
    write(&dir.path().join("posts.xlsx"), std::slice::from_ref(&posts));
    write(&dir.path().join("三定2025.xlsx"), &[posts]);
    let (code, findings, diagnostics) = check(
        dir.path(),
        &["--year", "2025", "--as-of", "2025-12-31", "--rule", "EDU01"],
    );
    assert_eq!(code, 1);
    assert_eq!(findings, ["EDU01 violation b1 M2 2025 - 12 6"]);
    assert_eq!(diagnostics, ["misnamed-file 三定2025.xlsx:-"]);
    let out = crate::util::taizhang([
        "check",
        dir.path().to_str().unwrap(),
        "--rule",
        "EDU01",
        "--as-of",
        "2025-12-31",
    ]);
    assert!(
        out.stderr
            .contains("rename it to posts.xlsx or 三定.xlsx, or rename its sheet to 三定"),
        "{}",
        out.stderr
    );
}

/// A diagnostic at a cell names it as Excel does, in text and in JSON,
/// and shows the cell's value (masked where it is personal data).
#[test]
fn a_diagnostic_points_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = crate::util::fixture("xlsx/id-number-as-number");
    fs::copy(fixture.join("orgs.csv"), dir.path().join("orgs.csv")).unwrap();
    case_workbooks("id-number-as-number", dir.path());
    let (json, _) = check_json([dir.path().to_str().unwrap(), "--as-of", "2025-12-31"]);
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["file"], "党员名册.xlsx");
    assert_eq!(diagnostic["sheet"], "名册");
    assert_eq!(diagnostic["cell"], "E2");
    assert_eq!(
        (diagnostic["line"].as_u64(), diagnostic["column"].as_u64()),
        (Some(2), Some(5))
    );
    assert_eq!(diagnostic["found"], "110105********0000");
    let out = crate::util::taizhang([
        "check",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2025-12-31",
    ]);
    let expected = " --> 党员名册.xlsx[名册]!E2\n  |\n2 | 110105********0000\n  | ^^^^^^^^^^^^^^^^^^ column \"身份证号\"";
    assert!(out.stderr.contains(expected), "{}", out.stderr);
    let zh = crate::util::taizhang([
        "check",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2025-12-31",
        "--lang",
        "zh",
    ]);
    assert!(
        zh.stderr.contains("党员名册.xlsx[名册]!E2"),
        "{}",
        zh.stderr
    );
}

/// Saves the demo county as workbooks, for a look at them in Excel or WPS:
/// `TAIZHANG_XLSX_OUT=DIR cargo test xlsx::save -- --ignored` writes
/// `DIR/per-kind/` (a workbook a kind), `DIR/one-book/` (示范县台账.xlsx)
/// and `DIR/id-number/` (an ID number stored as a number).
#[test]
#[ignore]
fn save_the_demo_as_workbooks() {
    let out =
        std::path::PathBuf::from(std::env::var_os("TAIZHANG_XLSX_OUT").expect("TAIZHANG_XLSX_OUT"));
    let (per_kind, one_book, id_number) = (
        out.join("per-kind"),
        out.join("one-book"),
        out.join("id-number"),
    );
    for dir in [&per_kind, &one_book] {
        fs::create_dir_all(dir).unwrap();
        copy_others(Path::new(DEMO), dir);
    }
    fs::create_dir_all(&id_number).unwrap();
    let mut all = Vec::new();
    for (kind, mut sheet) in kind_sheets(Path::new(DEMO)) {
        sheet.name = taizhang::ledger::Kind::from_name(&kind)
            .unwrap()
            .chinese_names()[0]
            .to_string();
        all.push(sheet.clone());
        write(&per_kind.join(format!("{kind}.xlsx")), &[sheet]);
    }
    write(&one_book.join("示范县台账.xlsx"), &all);
    fs::copy(
        crate::util::fixture("xlsx/id-number-as-number/orgs.csv"),
        id_number.join("orgs.csv"),
    )
    .unwrap();
    case_workbooks("id-number-as-number", &id_number);
}

/// In a workbook named after a kind, sheets named after kinds hold those
/// kinds: a members.xlsx whose first sheet is 组织 holds the orgs there and
/// the roll on its sheet 成员.
#[test]
fn sheets_named_after_kinds_win_over_the_first_sheet_rule() {
    let dir = tempfile::tempdir().unwrap();
    let orgs = Sheet::text(
        "组织",
        &[
            &["组织编号", "组织名称", "上级组织", "组织类型", "单位类型"],
            &["c", "示范县委", "", "county", ""],
            &["b1", "机关支部", "c", "branch", "agency"],
        ],
    );
    let members = Sheet::text(
        "成员",
        &[
            &["党员编号", "姓名", "所在党组织"],
            &["M1", "张三", "b1"],
            &["M2", "李四", "b1"],
        ],
    );
    write(&dir.path().join("members.xlsx"), &[orgs, members]);
    write(
        &dir.path().join("education.xlsx"),
        &[Sheet::new("Sheet1", sessions())],
    );
    let (code, findings, diagnostics) = check(
        dir.path(),
        &["--year", "2025", "--as-of", "2025-12-31", "--rule", "EDU01"],
    );
    assert_eq!(
        (code, findings, diagnostics),
        (
            1,
            vec!["EDU01 violation b1 M2 2025 - 12 6".to_string()],
            vec![]
        )
    );
}

/// taizhang.toml's column and value maps apply to a sheet as to a CSV file,
/// and a mapped header counts toward finding the header row.
#[test]
fn column_maps_apply_to_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = crate::util::fixture("xlsx/title-row");
    for file in ["orgs.csv", "members.csv"] {
        fs::copy(fixture.join(file), dir.path().join(file)).unwrap();
    }
    fs::write(
        dir.path().join("taizhang.toml"),
        "[columns.education]\ndate = [\"学习日期\"]\nmembers = [\"到会人员\"]\n",
    )
    .unwrap();
    let mut rows = vec![vec![s("集体学习登记")]];
    rows.extend(sessions());
    rows[1][0] = s("学习日期");
    rows[1][2] = s("到会人员");
    write(
        &dir.path().join("education.xlsx"),
        &[Sheet::new("Sheet1", rows)],
    );
    let (code, findings, diagnostics) = check(
        dir.path(),
        &["--year", "2025", "--as-of", "2025-12-31", "--rule", "EDU01"],
    );
    assert_eq!(
        (code, findings, diagnostics),
        (
            1,
            vec!["EDU01 violation b1 M2 2025 - 12 6".to_string()],
            vec![]
        )
    );
}
