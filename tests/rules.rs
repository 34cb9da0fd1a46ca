//! Per-rule fixture ledgers and the exact findings each must give.
//!
//! Each directory under `tests/fixtures/rules/` is a small ledger with an
//! `expected.txt`: `# args:` gives the command-line arguments, `# exit:` the
//! status, `# diagnostic:` lines the expected `code file:line` diagnostics
//! (none when absent), and every other non-blank line a finding, in output
//! order, as `RULE severity org member period record expected actual`.

use crate::util::{assert_all_pass, check_json, diagnostic_lines, finding_lines, fixture_cases};

#[test]
fn every_rule_fixture_gives_exactly_its_findings() {
    let cases = fixture_cases("rules");
    let mut failures = Vec::new();
    for (name, dir, case) in &cases {
        let mut args = vec![dir.to_string_lossy().into_owned()];
        args.extend(case.args.iter().cloned());
        let (json, code) = check_json(&args);
        let (findings, diagnostics) = (finding_lines(&json), diagnostic_lines(&json));
        if findings != case.findings || diagnostics != case.diagnostics || code != case.exit {
            failures.push(format!(
                "{name}:\n  exit {code} (expected {})\n  findings:\n    {}\n  expected:\n    {}\n  diagnostics: {diagnostics:?} (expected {:?})",
                case.exit,
                findings.join("\n    "),
                case.findings.join("\n    "),
                case.diagnostics,
            ));
        }
    }
    assert_all_pass(&failures, cases.len());
}
