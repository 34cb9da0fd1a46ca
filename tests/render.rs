//! Snapshots of diagnostics as people read them: the source line re-read
//! from the ledger, a caret under the bad value, in both languages. The
//! binary writes to a pipe here, so there is no colour.

use crate::util::{fixture, taizhang};

fn stderr_of(case: &str, lang: &str) -> String {
    let dir = fixture(&format!("render/{case}"));
    let output = taizhang([
        "check".as_ref(),
        dir.as_os_str(),
        "--year".as_ref(),
        "2025".as_ref(),
        "--as-of".as_ref(),
        "2025-12-31".as_ref(),
        "--lang".as_ref(),
        lang.as_ref(),
    ]);
    assert_eq!(output.code, 2, "{}", output.stderr);
    output.stderr
}

#[test]
fn excel_traps_in_english() {
    insta::assert_snapshot!(stderr_of("excel", "en"));
}

#[test]
fn excel_traps_in_chinese() {
    insta::assert_snapshot!(stderr_of("excel", "zh"));
}

#[test]
fn a_gbk_file_with_a_stray_byte_in_english() {
    insta::assert_snapshot!(stderr_of("gbk", "en"));
}

#[test]
fn a_gbk_file_with_a_stray_byte_in_chinese() {
    insta::assert_snapshot!(stderr_of("gbk", "zh"));
}

#[test]
fn command_line_mistakes_have_no_source_line() {
    let output = taizhang([
        "check",
        "tests/fixtures/render/gbk",
        "--as-of",
        "2025-02-30",
        "--lang",
        "en",
    ]);
    assert_eq!(output.code, 2);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn an_empty_personal_cell_is_shown_as_it_is() {
    // Masking an empty cell once covered the delimiter after it.
    let stderr = stderr_of("empty-personal", "en");
    assert!(stderr.contains("2 | M1,张三,b9,,\n"), "{stderr}");
}

/// A ledger of orgs, two members and one education file.
fn ledger_with_education(education: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "orgs.csv",
        "id,name,parent,kind\nc,县委,,county\nb1,支部,c,branch\n",
    );
    write("members.csv", "id,name,org\nM0120,张三,b1\nM0121,李四,b1\n");
    write("education.csv", education);
    dir
}

fn check_stderr(dir: &std::path::Path, lang: &str) -> String {
    let output = taizhang([
        "check".as_ref(),
        dir.as_os_str(),
        "--year".as_ref(),
        "2025".as_ref(),
        "--rule".as_ref(),
        "EDU01".as_ref(),
        "--lang".as_ref(),
        lang.as_ref(),
    ]);
    assert_eq!(output.code, 2, "{}", output.stderr);
    output.stderr
}

#[test]
fn an_unknown_member_of_a_list_is_underlined_alone_with_the_id_it_was_meant_as() {
    let dir = ledger_with_education("date,days,members\n2025-03-03,1,\"M0121; M012O\"\n");
    let stderr = check_stderr(dir.path(), "zh");
    // The quote and "M0121; " come before the item: it starts at column 22.
    assert!(stderr.contains(" --> education.csv:2:22\n"), "{stderr}");
    assert!(
        stderr.contains(
            "2 | 2025-03-03,1,\"M0121; M012O\"\n  |                      ^^^^^ “members”列\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("= 提示: 是不是 M0120？核对编号，或先在党员名册（members.csv）中登记该党员"),
        "{stderr}"
    );
    let stderr = check_stderr(dir.path(), "en");
    assert!(
        stderr.contains(
            "= hint: did you mean M0120? check the id, or add the member to members first"
        ),
        "{stderr}"
    );
}

#[test]
fn an_unknown_member_of_a_workbook_list_is_underlined_in_the_cell_value() {
    let dir = ledger_with_education("");
    std::fs::remove_file(dir.path().join("education.csv")).unwrap();
    let sheet = crate::workbook::Sheet::text(
        "education",
        &[
            &["date", "days", "members"],
            &["2025-03-03", "1", "M0121;M9999"],
        ],
    );
    crate::workbook::write(&dir.path().join("education.xlsx"), &[sheet]);
    let stderr = check_stderr(dir.path(), "en");
    assert!(
        stderr.contains("--> education.xlsx[education]!C2\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 | M0121;M9999\n  |       ^^^^^ column \"members\""),
        "{stderr}"
    );
}

#[test]
fn a_serial_date_says_in_found_which_day_it_stands_for() {
    let dir = ledger_with_education("date,days,members\n45678,1,M0120\n");
    let stderr = check_stderr(dir.path(), "en");
    assert!(
        stderr.contains("= found: 45678 (Excel's serial number of 2025-01-21)\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("expected"), "{stderr}");
    let stderr = check_stderr(dir.path(), "zh");
    assert!(
        stderr.contains("= 实际值: 45678（Excel 中 2025-01-21 的日期序列号）\n"),
        "{stderr}"
    );
}

#[test]
fn a_misspelt_header_key_value_and_rule_code_are_answered_with_the_nearest() {
    let dir = ledger_with_education("date,days,members\n2025-03-03,1,M0120\n");
    std::fs::write(
        dir.path().join("members.csv"),
        "党员编码,name,org,status\nM0120,张三,b1,预备党贝\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("taizhang.toml"),
        "[policy]\nstudy_day = { default = 6 }\n\n[rules]\nignore = [\"SRV1\"]\n",
    )
    .unwrap();
    let stderr = check_stderr(dir.path(), "zh");
    for expected in [
        "提示: 表头“党员编码”是不是“党员编号”？如果不是，",
        "提示: 是不是“study_days”？",
        "提示: 是不是 SRV01？taizhang rules 列出所有规则",
    ] {
        assert!(stderr.contains(expected), "{expected}:\n{stderr}");
    }
    std::fs::write(
        dir.path().join("members.csv"),
        "id,name,org,status\nM0120,张三,b1,预备党贝\n",
    )
    .unwrap();
    let stderr = check_stderr(dir.path(), "zh");
    assert!(stderr.contains("提示: 是不是“预备党员”？"), "{stderr}");
    let output = taizhang([
        "check",
        "examples/demo-county",
        "--rule",
        "EDU1",
        "--lang",
        "en",
    ]);
    assert!(
        output
            .stderr
            .contains("hint: did you mean EDU01? taizhang rules lists them all"),
        "{}",
        output.stderr
    );
}
