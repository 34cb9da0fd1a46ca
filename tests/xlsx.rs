//! Workbooks read directly: the demo county as workbooks gives the CSV
//! demo's findings, and each trap of a clerk's workbook (a title row,
//! merged cells, hidden and empty sheets, formulas, the 1904 date system,
//! dates as text, ID numbers as numbers) gives its expected findings and
//! diagnostics. The workbooks are written at test time (`workbook.rs`).

use crate::util::{check_json, diagnostic_lines};

/// `init --xlsx` writes the template workbook, and checking it gives the
/// error a fresh CSV ledger gives: nothing is filled in yet.
#[test]
fn a_fresh_workbook_ledger_is_empty_as_a_fresh_csv_one() {
    let dir = tempfile::tempdir().unwrap();
    let (xlsx, csv) = (dir.path().join("xlsx"), dir.path().join("csv"));
    let init = crate::util::taizhang(["init".as_ref(), "--xlsx".as_ref(), xlsx.as_os_str()]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let template = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data-templates/台账模板.xlsx"
    ));
    assert_eq!(
        std::fs::read(xlsx.join("台账.xlsx")).unwrap(),
        template.unwrap()
    );
    assert_eq!(
        crate::util::taizhang(["init".as_ref(), csv.as_os_str()]).code,
        0
    );
    let codes = |dir: &std::path::Path| {
        let (json, code) = check_json([dir.to_str().unwrap(), "--as-of", "2025-06-30"]);
        let lines = diagnostic_lines(&json);
        (
            code,
            lines
                .iter()
                .map(|l| l.split(' ').next().unwrap().to_string())
                .collect::<Vec<_>>(),
            lines,
        )
    };
    let (xlsx_code, xlsx_codes, xlsx_lines) = codes(&xlsx);
    let (csv_code, csv_codes, _) = codes(&csv);
    assert_eq!((xlsx_code, &xlsx_codes), (csv_code, &csv_codes));
    assert_eq!(xlsx_codes, ["empty-ledger", "empty-ledger"]);
    assert_eq!(
        xlsx_lines,
        ["empty-ledger 台账.xlsx:-", "empty-ledger 台账.xlsx:-"]
    );
}
