//! Files written by other systems: built-in headers of the common exports,
//! the column and value maps of taizhang.toml (`[columns.KIND]`,
//! `[values.KIND.COLUMN]`).

use std::path::Path;

use serde_json::Value;

use crate::util::{check_json, diagnostic_lines, fixture, taizhang};

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
#[test]
fn taizhang_columns_lists_built_in_and_mapped_headers_and_values() {
    let output = taizhang([
        "columns", "events", FOREIGN, "--lang", "en", "--format", "json",
    ]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let json: Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(json["kind"], "events");
    let columns = json["columns"].as_array().unwrap();
    let date = columns.iter().find(|c| c["name"] == "date").unwrap();
    assert_eq!(date["required"], true);
    assert!(
        date["headers"]
            .as_array()
            .unwrap()
            .contains(&Value::from("会议时间"))
    );
    assert_eq!(date["mapped"], serde_json::json!(["实际会议时间"]));
    let kind = columns.iter().find(|c| c["name"] == "kind").unwrap();
    let values = kind["values"].as_array().unwrap();
    let committee = values
        .iter()
        .find(|v| v["value"] == "committee_meeting")
        .unwrap();
    assert!(
        committee["spellings"]
            .as_array()
            .unwrap()
            .contains(&Value::from("支部委员会"))
    );
    assert_eq!(committee["mapped"], serde_json::json!(["支委扩大会"]));
    let title = columns.iter().find(|c| c["name"] == "title").unwrap();
    assert_eq!(title["values"], Value::Null);
}

#[test]
fn taizhang_columns_speaks_both_languages_and_refuses_an_unknown_kind() {
    let zh = taizhang(["columns", "members", "--lang", "zh"]);
    assert_eq!(zh.code, 0, "{}", zh.stderr);
    assert!(
        zh.stdout.contains("身份证号码") && zh.stdout.contains("表头"),
        "{}",
        zh.stdout
    );
    let en = taizhang(["columns", "members", "--lang", "en"]);
    assert!(
        en.stdout.contains("id_number") && en.stdout.contains("headers"),
        "{}",
        en.stdout
    );
    let chinese_name = taizhang(["columns", "党员名册", "--lang", "en"]);
    assert_eq!(chinese_name.stdout, en.stdout);
    let unknown = taizhang(["columns", "meetings", "--lang", "en"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("meetings"), "{}", unknown.stderr);
}

#[test]
fn the_readme_lists_the_headers_each_kind_accepts() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let output = taizhang(["columns", "all", "--format", "markdown", "--lang", "en"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let start = readme
        .find("<!-- columns:start -->\n")
        .expect("the README's marker")
        + 23;
    let end = readme
        .find("<!-- columns:end -->")
        .expect("the README's end marker");
    assert!(
        readme[start..end] == output.stdout,
        "the README's header list differs from `taizhang columns --all --format markdown --lang en`:\n{}",
        output.stdout
    );
}
