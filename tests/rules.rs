//! Per-rule fixture ledgers and the exact findings each must give.
//!
//! Each directory under `tests/fixtures/rules/` is a small ledger with an
//! `expected.txt`: `# args:` gives the command-line arguments, `# exit:` the
//! status, `# diagnostic:` lines the expected `code file:line` diagnostics
//! (none when absent), and every other non-blank line a finding, in output
//! order, as `RULE severity org member period record expected actual`.

use std::fs;

use crate::util::{check_json, diagnostic_lines, finding_lines, fixture, read_case};

#[test]
fn every_rule_fixture_gives_exactly_its_findings() {
    let root = fixture("rules");
    let mut names: Vec<_> = fs::read_dir(&root)
        .expect("tests/fixtures/rules")
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        let dir = root.join(name);
        let case = read_case(
            &fs::read_to_string(dir.join("expected.txt")).expect("each fixture has expected.txt"),
        );
        let mut args = vec![dir.to_string_lossy().into_owned()];
        args.extend(case.args.iter().cloned());
        let (json, code) = check_json(&args);
        let (findings, diagnostics) = (finding_lines(&json), diagnostic_lines(&json));
        if findings != case.findings || diagnostics != case.diagnostics || code != case.exit {
            failures.push(format!(
                "{}:\n  exit {code} (expected {})\n  findings:\n    {}\n  expected:\n    {}\n  diagnostics: {diagnostics:?} (expected {:?})",
                name.to_string_lossy(),
                case.exit,
                findings.join("\n    "),
                case.findings.join("\n    "),
                case.diagnostics,
            ));
        }
    }
    assert!(!names.is_empty(), "no fixtures found");
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
