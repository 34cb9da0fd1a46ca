//! Snapshots of what a user sees: `check` as a table in both languages and
//! as JSON, `rules`, `explain`, and the exit statuses.

use insta::assert_snapshot;

use crate::util::taizhang;

const COUNTY: &str = "tests/fixtures/cli/county";

fn check(args: &[&str]) -> crate::util::Output {
    let mut all = vec!["check", COUNTY, "--year", "2025", "--as-of", "2025-12-31"];
    all.extend_from_slice(args);
    taizhang(all)
}

#[test]
fn check_table_in_english() {
    let output = check(&["--lang", "en"]);
    assert_eq!((output.code, output.stderr.as_str()), (1, ""));
    assert_snapshot!(output.stdout);
}

#[test]
fn check_table_in_chinese() {
    let output = check(&["--lang", "zh"]);
    assert_eq!((output.code, output.stderr.as_str()), (1, ""));
    assert_snapshot!(output.stdout);
}

/// What a clerk's 100-column console shows: the compact table, every line
/// within the width (a CJK character takes two columns).
#[test]
fn check_table_fits_columns_100() {
    let mut all = vec!["check", COUNTY, "--year", "2025", "--as-of", "2025-12-31"];
    all.extend(["--lang", "zh"]);
    let output = crate::util::taizhang_env(all, &[("COLUMNS", "100")]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    // The table's lines; the summary after it is a sentence the terminal wraps.
    let table: Vec<&str> = (output.stdout.lines())
        .take_while(|l| l.starts_with(['┌', '│', '╞', '├', '└']))
        .collect();
    assert!(table.len() > 3, "{}", output.stdout);
    for line in table {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= 100, "{width} columns: {line}");
    }
    assert!(output.stdout.lines().next().unwrap().contains("┌"));
    let header = output.stdout.lines().nth(1).unwrap();
    for (column, shown) in [
        ("规则", true),
        ("说明", true),
        ("级别", false),
        ("应达", false),
    ] {
        assert_eq!(header.contains(column), shown, "{column}: {header}");
    }
    assert_snapshot!(output.stdout);
}

#[test]
fn check_table_wide_has_every_column() {
    let output = check(&["--lang", "en", "--wide"]);
    let header = output.stdout.lines().nth(1).unwrap();
    for column in [
        "rule", "severity", "org", "member", "period", "expected", "actual", "message",
    ] {
        assert!(header.contains(column), "{column}: {header}");
    }
    let compact = check(&["--lang", "en"]);
    assert!(!compact.stdout.lines().nth(1).unwrap().contains("expected"));
}

#[test]
fn check_json() {
    let output = check(&["--format", "json", "--lang", "en"]);
    assert_eq!((output.code, output.stderr.as_str()), (1, ""));
    assert_snapshot!(output.stdout);
}

#[test]
fn lang_follows_the_locale_when_not_given() {
    let output = crate::util::taizhang_env(
        ["check", COUNTY, "--as-of", "2025-12-31", "--rule", "SRV03"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(output.stdout.contains("跳过 SRV03"), "{}", output.stdout);
    // The help and clap's errors too, and --lang wins over the locale.
    let zh = [("LANG", "zh_CN.UTF-8")];
    let help = crate::util::taizhang_env(["check", "--help"], &zh);
    assert!(help.stdout.starts_with("用规则检查台账"), "{}", help.stdout);
    let wrong = crate::util::taizhang_env(["check", "--formt", "json"], &zh);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong.stderr.starts_with("错误：无法识别的参数“--formt”"),
        "{}",
        wrong.stderr
    );
    let english = crate::util::taizhang_env(["check", "--help", "--lang", "en"], &zh);
    assert!(
        english.stdout.starts_with("Run the rules"),
        "{}",
        english.stdout
    );
    let english = crate::util::taizhang_env(["check", "--help"], &[("LANG", "en_US.UTF-8")]);
    assert!(
        english.stdout.starts_with("Run the rules"),
        "{}",
        english.stdout
    );
}

#[test]
fn org_scope_keeps_the_subtree_only() {
    let output = check(&["--format", "json", "--org", "v"]);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    let orgs: std::collections::BTreeSet<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["org"].as_str().unwrap())
        .collect();
    assert_eq!(orgs.into_iter().collect::<Vec<_>>(), ["b2", "v"]);
}

#[test]
fn pending_findings_alone_exit_zero() {
    // On 10 January only the running month and quarter and year are judged: all pending.
    let output = taizhang([
        "check",
        COUNTY,
        "--year",
        "2025",
        "--as-of",
        "2025-01-10",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(json["summary"]["violations"], 0);
    assert!(json["summary"]["pending"].as_u64().unwrap() > 0);
    assert_eq!(output.code, 0);
}

#[test]
fn rules_and_explain() {
    let rules = taizhang(["rules", COUNTY, "--lang", "en"]);
    assert_eq!(rules.code, 0);
    assert_snapshot!("rules_table", rules.stdout);
    let explain = taizhang(["explain", "mob04", COUNTY, "--lang", "en"]);
    assert_eq!(explain.code, 0);
    assert_snapshot!("explain_mob04", explain.stdout);
    let unknown = taizhang(["explain", "EDU99", "--lang", "en"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown-rule"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn the_readme_rule_table_is_the_catalogue() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- rules:start -->\n")
        .expect("README marks the rule table")
        + "<!-- rules:start -->\n".len();
    let end = readme
        .find("<!-- rules:end -->")
        .expect("README ends the rule table");
    let generated = taizhang(["rules", "--format", "markdown", "--lang", "en"]);
    assert_eq!(
        &readme[start..end],
        generated.stdout,
        "regenerate the table with `taizhang rules --format markdown --lang en`"
    );
}
