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
