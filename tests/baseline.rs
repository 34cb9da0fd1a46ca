//! Baselines: `check --baseline`, `--write-baseline` and `--since REV`,
//! in a git repository made by the test, with a pre-commit hook that
//! passes on old findings and stops a commit that adds one.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::taizhang;

const COUNTY: &str = "tests/fixtures/cli/county";
const AS_OF: &str = "2025-12-31";

/// A copy of the cli county in a new directory; `led` inside it.
fn county_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("led");
    crate::util::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(COUNTY), &ledger);
    (dir, ledger)
}

fn check(ledger: &Path, more: &[&str]) -> (Value, i32) {
    let mut args = vec![
        "check".to_string(),
        ledger.display().to_string(),
        "--as-of".into(),
        AS_OF.into(),
        "--format".into(),
        "json".into(),
    ];
    args.extend(more.iter().map(|s| s.to_string()));
    let output = taizhang(&args);
    let json = serde_json::from_str(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", output.stdout, output.stderr));
    (json, output.code)
}

fn new_ones(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["baseline"] == "new")
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["member"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

/// Reverses the data rows of a CSV file (its header stays first).
fn reverse_rows(path: &Path) {
    let text = fs::read_to_string(path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// Makes M3 a county-level leader: two new violations (EDU02, SRV04).
fn promote_m3(ledger: &Path) {
    let path = ledger.join("members.csv");
    let text = fs::read_to_string(&path).unwrap();
    let changed = text.replace("M3,王三,b2,none,", "M3,王三,b2,county,");
    assert_ne!(text, changed);
    fs::write(&path, changed).unwrap();
}

#[test]
fn a_baseline_marks_known_and_new_findings_and_lists_the_fixed() {
    let (dir, ledger) = county_copy();
    let baseline = dir.path().join("old.json");
    let (first, code) = check(&ledger, &["--write-baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(first["baseline"].is_null() && first["fixed"].is_null());
    let written: Value = serde_json::from_str(&fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(written, first, "the baseline is the check's JSON");
    // Rows in another order, lines moved: every finding is known.
    for file in ["members.csv", "education.csv", "events.csv"] {
        reverse_rows(&ledger.join(file));
    }
    let (same, code) = check(&ledger, &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 0, "only known violations");
    assert!(new_ones(&same).is_empty(), "{:?}", new_ones(&same));
    assert_eq!(
        same["baseline"]["known"],
        first["findings"].as_array().unwrap().len()
    );
    assert_eq!(same["fixed"], serde_json::json!([]));
    // A new violation exits 1; a fixed one is listed.
    promote_m3(&ledger);
    let path = ledger.join("education.csv");
    let mut education = fs::read_to_string(&path).unwrap();
    education.push_str("2025-11-03,,20,,M1\n");
    fs::write(&path, education).unwrap();
    let (after, code) = check(&ledger, &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(new_ones(&after), ["EDU02 M3", "SRV04 M3"]);
    assert_eq!(after["baseline"]["new_violations"], 2);
    let fixed: Vec<String> = after["fixed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["rule"].as_str().unwrap(),
                f["member"].as_str().unwrap(),
                f["period"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(fixed, ["EDU01 M1 2025"]);
    let table = taizhang([
        "check",
        ledger.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--baseline",
        baseline.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(table.code, 1);
    assert!(
        table.stdout.contains("新增 2 项（其中违规 2 项），已知"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("已消除 1 项"), "{}", table.stdout);
}

#[test]
fn a_baseline_of_schema_1_is_read_as_one_of_schema_2() {
    let (dir, ledger) = county_copy();
    let baseline = dir.path().join("old.json");
    let (first, code) = check(&ledger, &["--write-baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 1);
    let mut old: Value = serde_json::from_str(&fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(old["schema"], 2);
    // What taizhang wrote before the schema: no version, findings by ids only.
    old.as_object_mut().unwrap().remove("schema");
    for finding in old["findings"].as_array_mut().unwrap() {
        let finding = finding.as_object_mut().unwrap();
        for key in ["title", "org_name", "member_name"] {
            assert!(finding.remove(key).is_some(), "{key}");
        }
    }
    fs::write(&baseline, serde_json::to_string_pretty(&old).unwrap()).unwrap();
    let (same, code) = check(&ledger, &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 0, "only known violations: {:?}", same["diagnostics"]);
    assert!(new_ones(&same).is_empty(), "{:?}", new_ones(&same));
    let findings = first["findings"].as_array().unwrap().len();
    assert!(findings > 10);
    assert_eq!(same["baseline"]["known"], findings);
    assert_eq!(same["fixed"], serde_json::json!([]));
}

#[test]
fn a_baseline_of_another_year_or_no_json_is_refused() {
    let (dir, ledger) = county_copy();
    let old = dir.path().join("2024.json");
    fs::write(&old, r#"{"year": 2024, "findings": []}"#).unwrap();
    let (json, code) = check(&ledger, &["--baseline", old.to_str().unwrap()]);
    assert_eq!(code, 2);
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["baseline-input"]);
    fs::write(&old, "<html>").unwrap();
    let output = taizhang([
        "check",
        ledger.to_str().unwrap(),
        "--baseline",
        old.to_str().unwrap(),
    ]);
    assert_eq!(output.code, 2);
    assert!(
        output.stderr.contains("baseline-input"),
        "{}",
        output.stderr
    );
}

#[test]
fn the_baseline_may_live_in_the_ledger_only_under_its_known_name() {
    let (_dir, ledger) = county_copy();
    let inside = ledger.join("old.json");
    let (json, code) = check(&ledger, &["--write-baseline", inside.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(json["diagnostics"][0]["code"], "output-in-ledger");
    assert!(!inside.exists());
    let known = ledger.join("taizhang.baseline.json");
    let (_, code) = check(&ledger, &["--write-baseline", known.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(known.exists());
    // The loader knows it: not a file of no kind, even under --strict.
    let (strict, _) = check(
        &ledger,
        &["--strict", "--baseline", known.to_str().unwrap()],
    );
    let unknown: Vec<&Value> = strict["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.contains("baseline")))
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
}

fn git(repo: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "书记")
        .env("GIT_AUTHOR_EMAIL", "clerk@example.org")
        .env("GIT_COMMITTER_NAME", "书记")
        .env("GIT_COMMITTER_EMAIL", "clerk@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .output()
        .expect("git runs")
}

fn git_ok(repo: &Path, args: &[&str]) -> String {
    let output = git(repo, args);
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A repository holding the cli county under `led/`, committed once.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let (dir, ledger) = county_copy();
    git_ok(dir.path(), &["init", "-q", "-b", "main"]);
    git_ok(dir.path(), &["add", "."]);
    git_ok(dir.path(), &["commit", "-q", "-m", "台账"]);
    (dir, ledger)
}

/// The hook of the README, between its markers, calling the built binary.
fn readme_hook() -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- hook:start -->")
        .expect("the README has a hook");
    let end = readme.find("<!-- hook:end -->").expect("the hook ends");
    let block = &readme[start..end];
    let script = block
        .split_once("```sh\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(script, _)| script)
        .expect("the hook is a sh block");
    script.replace(
        "taizhang ",
        &format!("'{}' ", env!("CARGO_BIN_EXE_taizhang")),
    )
}

#[test]
fn the_readmes_pre_commit_hook_passes_on_old_findings_and_stops_a_new_one() {
    // The ledger is the repository, as the README sets it up, checked for 2025.
    let (dir, ledger) = county_copy();
    let repo = ledger.as_path();
    fs::write(repo.join("taizhang.toml"), "[ledger]\nyear = 2025\n").unwrap();
    assert_eq!(taizhang(["fmt", repo.to_str().unwrap()]).code, 0);
    git_ok(repo, &["init", "-q", "-b", "main"]);
    git_ok(repo, &["add", "."]);
    git_ok(repo, &["commit", "-q", "-m", "台账"]);
    let hook = repo.join(".git/hooks/pre-commit");
    fs::write(&hook, readme_hook()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    // Another row edited: the 53 old violations are no reason to stop.
    let members = repo.join("members.csv");
    let text = fs::read_to_string(&members).unwrap();
    fs::write(&members, text.replace("M1,张一,", "M1,张一一,")).unwrap();
    let passed = git(repo, &["commit", "-q", "-am", "更正姓名"]);
    assert!(
        passed.status.success(),
        "{}",
        String::from_utf8_lossy(&passed.stderr)
    );
    promote_m3(repo);
    let refused = git(repo, &["commit", "-q", "-am", "王三任县级领导"]);
    assert!(
        !refused.status.success(),
        "the hook lets a new violation in"
    );
    // git shows what the hook printed on its standard error.
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("2 new (2 violations)"), "{said}");
    // A file out of canonical form is stopped too.
    git_ok(repo, &["checkout", "--", "members.csv"]);
    fs::write(&members, text.replace('\n', "\r\n")).unwrap();
    let refused = git(repo, &["commit", "-q", "-am", "CRLF"]);
    assert!(
        !refused.status.success(),
        "the hook lets a file out of form in"
    );
    let log = git_ok(repo, &["log", "--format=%s"]);
    assert_eq!(log.lines().collect::<Vec<_>>(), ["更正姓名", "台账"]);
    drop(dir);
}

#[test]
fn the_pre_commit_frameworks_hooks_are_command_lines_taizhang_takes() {
    let hooks = include_str!("../.pre-commit-hooks.yaml");
    let entries: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry: "))
        .collect();
    assert_eq!(
        entries,
        ["taizhang check --since HEAD", "taizhang fmt --check"]
    );
    for entry in entries {
        let mut args: Vec<&str> = entry.split_whitespace().skip(1).collect();
        args.push("--help");
        let output = taizhang(&args);
        assert_eq!(output.code, 0, "{entry}: {}", output.stderr);
    }
}

#[test]
fn since_an_earlier_commit_reads_it_without_touching_the_work_tree() {
    let (dir, ledger) = repository();
    let repo = dir.path();
    promote_m3(&ledger);
    git_ok(repo, &["commit", "-q", "-am", "王三任县级领导"]);
    fs::write(
        ledger.join("education.csv"),
        "date,end,days,hours,members\n",
    )
    .unwrap();
    let before = git_ok(repo, &["status", "--porcelain"]);
    let (json, code) = check(&ledger, &["--since", "HEAD~1"]);
    assert_eq!(code, 1);
    assert_eq!(json["baseline"]["source"], "git:HEAD~1");
    let new = new_ones(&json);
    assert!(
        new.contains(&"EDU02 M3".to_string()) && new.contains(&"SRV04 M3".to_string()),
        "{new:?}"
    );
    // Against HEAD only what emptying education.csv in the work tree broke is new.
    let (json, _) = check(&ledger, &["--since", "HEAD"]);
    assert_eq!(new_ones(&json), ["EDU01 M3"]);
    assert_eq!(git_ok(repo, &["status", "--porcelain"]), before);
    assert_eq!(git_ok(repo, &["stash", "list"]), "");
}

#[test]
fn since_needs_a_repository_and_a_revision() {
    let (_dir, ledger) = county_copy();
    let (json, code) = check(&ledger, &["--since", "HEAD"]);
    assert_eq!(code, 2);
    assert_eq!(json["diagnostics"][0]["code"], "git-revision");
    let (dir, ledger) = repository();
    let (json, code) = check(&ledger, &["--since", "no-such-branch"]);
    assert_eq!(code, 2);
    assert_eq!(json["diagnostics"][0]["code"], "git-revision");
    // Before the first commit everything is new.
    let fresh = dir.path().join("fresh");
    fs::create_dir(&fresh).unwrap();
    git_ok(&fresh, &["init", "-q"]);
    crate::util::copy_dir(&ledger, &fresh.join("led"));
    let (json, code) = check(&fresh.join("led"), &["--since", "HEAD"]);
    assert_eq!(code, 1);
    assert_eq!(json["baseline"]["known"], 0);
}

#[test]
fn what_a_narrower_check_did_not_judge_is_not_fixed() {
    let (dir, ledger) = county_copy();
    let baseline = dir.path().join("all.json");
    check(&ledger, &["--write-baseline", baseline.to_str().unwrap()]);
    let baseline = baseline.to_str().unwrap();
    let (one_rule, code) = check(&ledger, &["--rule", "EDU01", "--baseline", baseline]);
    assert_eq!((code, &one_rule["fixed"]), (0, &serde_json::json!([])));
    let (one_org, code) = check(&ledger, &["--org", "b1", "--baseline", baseline]);
    assert_eq!((code, &one_org["fixed"]), (0, &serde_json::json!([])));
    assert!(one_org["baseline"]["known"].as_u64().unwrap() > 0);
}
