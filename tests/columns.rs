//! Files written by other systems: built-in headers of the common exports,
//! the column and value maps of taizhang.toml (`[columns.KIND]`,
//! `[values.KIND.COLUMN]`).

use std::path::Path;

use serde_json::Value;

use crate::util::{check_json, diagnostic_lines, fixture};

const CANONICAL: &str = "tests/fixtures/columns/canonical";
const FOREIGN: &str = "tests/fixtures/columns/foreign";

fn checked(ledger: &str) -> (Value, i32) {
    check_json([ledger, "--as-of", "2025-12-31", "--lang", "en"])
}

/// A copy of a fixture ledger, with its taizhang.toml replaced.
fn copy_with_config(from: &Path, config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(dir.path().join("taizhang.toml"), config).unwrap();
    dir
}

#[test]
fn another_systems_headers_with_a_map_give_the_findings_of_the_canonical_ledger() {
    let (canonical, canonical_code) = checked(CANONICAL);
    let (foreign, foreign_code) = checked(FOREIGN);
    assert_eq!(diagnostic_lines(&foreign), Vec::<String>::new());
    assert_eq!(foreign_code, canonical_code);
    assert!(
        canonical["findings"].as_array().unwrap().len() > 20,
        "the ledger has findings of many rules"
    );
    for key in ["rules", "findings", "unchecked", "summary"] {
        assert_eq!(foreign[key], canonical[key], "{key}");
    }
}

#[test]
fn without_the_map_the_exports_roll_is_not_read() {
    let dir = copy_with_config(&fixture("columns/foreign"), "[ledger]\nyear = 2025\n");
    let (json, code) = checked(dir.path().to_str().unwrap());
    assert_eq!(code, 2);
    let lines = diagnostic_lines(&json);
    assert!(
        lines.contains(&"missing-column members.csv:1".to_string()),
        "{lines:?}"
    );
    let missing = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "missing-column" && d["file"] == "members.csv")
        .unwrap();
    assert!(
        missing["hint"]
            .as_str()
            .is_some_and(|h| h.contains("[columns.members]")),
        "{missing}"
    );
}

#[test]
fn two_headers_of_one_column_are_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("orgs.csv"),
        "id,name,parent,kind\nX,某县委,,county\nB1,第一支部,X,branch\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("members.csv"),
        "学工号,党员编号,姓名,所在党组织\nS1,D1,刘一,B1\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("taizhang.toml"),
        "[columns.members]\nid = [\"学工号\"]\n",
    )
    .unwrap();
    let (json, code) = checked(dir.path().to_str().unwrap());
    assert_eq!(code, 2);
    let duplicate = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "duplicate-column")
        .expect("a duplicate-column diagnostic");
    let message = duplicate["message"].as_str().unwrap();
    assert!(
        message.contains("学工号") && message.contains("党员编号") && message.contains("id"),
        "{message}"
    );
    assert_eq!(duplicate["column"], 5);
}

#[test]
fn a_bad_map_entry_is_a_diagnostic_at_its_line_in_taizhang_toml() {
    let config = "[ledger]\nyear = 2025\n\n[columns.members]\nid = [\"学工号\"]\nmobile = [\"手机\"]\n\n[columns.meetings]\ndate = [\"会议时间\"]\n\n[values.events.kind]\n\"支委扩大会\" = \"committee\"\n";
    let dir = copy_with_config(&fixture("columns/foreign"), config);
    let (json, code) = checked(dir.path().to_str().unwrap());
    assert_eq!(code, 2);
    let lines = diagnostic_lines(&json);
    for expected in [
        "config-unknown-key taizhang.toml:6",
        "config-unknown-key taizhang.toml:8",
        "config-value taizhang.toml:12",
    ] {
        assert!(
            lines.contains(&expected.to_string()),
            "{expected}: {lines:?}"
        );
    }
}
