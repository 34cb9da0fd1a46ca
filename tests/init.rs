//! `init`: a new ledger that teaches (the templates, 填写说明.md, the
//! example ledger in 示例/ that is never counted, the year of today).

use std::fs;
use std::path::Path;

use crate::util::{check_json, diagnostic_lines, finding_lines, taizhang};

fn init(dir: &Path, xlsx: bool) {
    let mut args = vec![
        "init".as_ref(),
        dir.as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ];
    if xlsx {
        args.push("--xlsx".as_ref());
    }
    let output = taizhang(args);
    assert_eq!(output.code, 0, "{}", output.stderr);
}

/// The files of a ledger `init` writes in CSV, sorted as `names` gives them.
const LEDGER_FILES: [&str; 12] = [
    "appraisals.csv",
    "contacts.csv",
    "education.csv",
    "events.csv",
    "members.csv",
    "mobile.csv",
    "notes.csv",
    "orgs.csv",
    "posts.csv",
    "research.csv",
    "taizhang.toml",
    "visits.csv",
];

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn init_writes_the_templates_and_never_overwrites() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("新台账");
    init(&dir, false);
    let mut expected: Vec<&str> = LEDGER_FILES.to_vec();
    expected.extend(["填写说明.md", "示例"]);
    assert_eq!(names(&dir), expected);
    let guide = fs::read_to_string(dir.join("填写说明.md")).unwrap();
    let kept = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data-templates/填写说明.md"
    ))
    .unwrap();
    assert!(
        guide == kept,
        "填写说明.md is not data-templates/填写说明.md"
    );
    // The year of today (its value is the unit tests' business, with the
    // day injected), uncommented.
    let toml = fs::read_to_string(dir.join("taizhang.toml")).unwrap();
    let year = toml
        .lines()
        .find_map(|l| l.strip_prefix("year = "))
        .unwrap();
    assert!(year.len() == 4 && year.parse::<i32>().is_ok(), "{year}");
    // The templates are a valid ledger with nothing in it yet: nothing to
    // check is an input error that says what to fill in, not a pass; the
    // example and the guide are not read, not even under --strict.
    for strict in [&[][..], &["--strict"][..]] {
        let mut args = vec![
            dir.to_str().unwrap(),
            "--year",
            "2025",
            "--as-of",
            "2025-12-31",
        ];
        args.extend(strict);
        let (json, code) = check_json(args);
        assert_eq!(
            (code, diagnostic_lines(&json), finding_lines(&json)),
            (
                2,
                vec![
                    "empty-ledger members.csv:-".to_string(),
                    "empty-ledger orgs.csv:-".to_string()
                ],
                vec![]
            )
        );
    }
    let again = taizhang(["init", dir.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("is not empty"), "{}", again.stderr);
}

/// What checking the example ledger finds, whatever today is: its
/// taizhang.toml checks 2025, a year that is over.
const EXAMPLE_FINDINGS: &[&str] = &[
    // 2025-04-02 to 04-07 is 3 working days: 清明节 4-4 to 4-6 is built in.
    "EDU01 violation D01 M001 2025 - 6 3",
    "EDU01 violation D01 M002 2025 - 5.030137 3",
    "EDU01 violation D01 M003 2025 - 6 3",
    "EDU02 violation D01 M001 2025 - 15000 3200",
    "EDU02 violation D01 M002 2025 - 12575.342466 0",
    "EDU02 violation D01 M003 2025 - 15000 0",
    "EDU03 violation D01 - 2025-Q2 - 1 0",
    "EDU03 violation D01 - 2025-Q3 - 1 0",
    "EDU03 violation D01 - 2025-Q4 - 1 0",
    "EDU05 violation D01 - 2025-Q1 - 1 0",
    "EDU05 violation D01 - 2025-Q2 - 1 0",
    "EDU05 violation D01 - 2025-Q3 - 1 0",
    "EDU05 violation D01 - 2025-Q4 - 1 0",
    "MOB04 violation D01 M003 2025-12 - 1 0",
    "MOB05 violation D01 M003 2025 - 1 0",
    "SRV01 violation D01 M003 2025 - - -",
];

#[test]
fn the_example_ledger_is_complete_consistent_and_alike_in_csv_and_xlsx() {
    let temp = tempfile::tempdir().unwrap();
    for xlsx in [false, true] {
        let dir = temp.path().join(if xlsx { "xlsx" } else { "csv" });
        init(&dir, xlsx);
        let example = dir.join("示例");
        let expected_files: &[&str] = if xlsx {
            &["taizhang.toml", "台账.xlsx"]
        } else {
            &LEDGER_FILES
        };
        assert_eq!(names(&example), expected_files);
        // --strict: every kind is there, and nothing is wrong with any row.
        let (json, code) = check_json([example.to_str().unwrap(), "--strict"]);
        let lines = finding_lines(&json);
        assert_eq!(
            (code, diagnostic_lines(&json), json["year"].as_i64()),
            (1, vec![], Some(2025)),
            "xlsx: {xlsx}"
        );
        assert_eq!(lines, EXAMPLE_FINDINGS, "xlsx: {xlsx}");
    }
    // The example's files are in fmt's canonical form, as a clerk's should be.
    let fmt = taizhang([
        "fmt",
        temp.path().join("csv/示例").to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(fmt.code, 0, "{}", fmt.stdout);
}
