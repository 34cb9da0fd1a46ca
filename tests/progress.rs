//! `taizhang status` and `taizhang due`: the numbers are check's, the
//! states follow them, and everything check calls a violation at a
//! period's end was on the to-do list earlier in that period.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use insta::assert_snapshot;
use serde_json::Value;

use crate::util::{check_json, taizhang};

const COUNTY: &str = "tests/fixtures/cli/county";
const DEMO: &str = "examples/demo-county";

fn json(args: &[&str]) -> (Value, i32) {
    let output = taizhang(args);
    let value = serde_json::from_str(&output.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}):\n{}\n{}", output.stdout, output.stderr));
    (value, output.code)
}

/// rule, org, member, period, record: what identifies a finding.
fn key(f: &Value) -> String {
    ["rule", "org", "member", "period", "record"]
        .iter()
        .map(|k| f[*k].as_str().unwrap_or("-").to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_members_status_has_checks_numbers_and_its_met_quotas() {
    for (ledger, member) in [
        (COUNTY, "M1"),
        (COUNTY, "M5"),
        (DEMO, "M0148"),
        (DEMO, "M0082"),
    ] {
        let (status, code) = json(&[
            "status",
            member,
            ledger,
            "--as-of",
            "2025-06-15",
            "--format",
            "json",
        ]);
        assert_eq!(code, 0, "{status}");
        assert_eq!(status["subject"]["kind"], "member");
        assert_eq!(status["subject"]["id"], member);
        let (check, _) = check_json([ledger, "--as-of", "2025-06-15"]);
        let findings: Vec<&Value> = check["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["member"] == member)
            .collect();
        let quotas = status["quotas"].as_array().unwrap();
        let short: Vec<&Value> = quotas.iter().filter(|q| q["state"] != "met").collect();
        assert_eq!(short.len(), findings.len(), "{member}: {status}");
        for finding in &findings {
            let quota = short
                .iter()
                .find(|q| q["rule"] == finding["rule"] && q["period"] == finding["period"])
                .unwrap_or_else(|| panic!("{member}: no quota for {finding}"));
            for field in ["expected", "actual", "message", "uncertain"] {
                assert_eq!(quota[field], finding[field], "{member} {field}");
            }
        }
        for quota in quotas {
            let state = quota["state"].as_str().unwrap();
            let (actual, expected, pace) = (
                quota["actual"].as_f64(),
                quota["expected"].as_f64(),
                quota["pace"].as_f64(),
            );
            match state {
                "met" => assert!(actual >= expected, "{quota}"),
                "on_track" => assert!(actual >= pace && actual < expected, "{quota}"),
                "behind" => assert!(actual < pace, "{quota}"),
                "pending" | "violation" => {}
                other => panic!("state {other}"),
            }
            assert!(quota["deadline"].as_str().is_some_and(|d| d.len() == 10));
        }
    }
}

#[test]
fn met_quotas_show_their_numbers_and_yearly_pace_counts_days_on_the_roll() {
    let (status, _) = json(&[
        "status",
        "M2",
        COUNTY,
        "--as-of",
        "2025-06-15",
        "--format",
        "json",
    ]);
    // M2 joins on 1 July: nothing is owed by 15 June.
    let edu01 = status["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["rule"] == "EDU01")
        .expect("EDU01 applies to M2");
    assert_eq!(edu01["pace"], 0.0);
    assert_eq!(edu01["state"], "on_track");
    let (status, _) = json(&[
        "status",
        "M0001",
        DEMO,
        "--as-of",
        "2025-06-15",
        "--format",
        "json",
    ]);
    let met: Vec<&Value> = status["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["state"] == "met")
        .collect();
    assert!(
        met.iter()
            .any(|q| q["rule"] == "EDU01" && q["actual"].as_f64() >= q["expected"].as_f64())
    );
    assert!(met.iter().all(|q| q["message"].is_null()));
}

#[test]
fn an_orgs_status_lists_every_period_of_its_cadence_rules() {
    let (status, code) = json(&[
        "status",
        "JG01",
        DEMO,
        "--as-of",
        "2025-06-15",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(status["subject"]["kind"], "org");
    assert_eq!(status["subject"]["org_kind"], "branch");
    let periods: Vec<&str> = status["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["rule"] == "EDU04")
        .map(|q| q["period"].as_str().unwrap())
        .collect();
    assert_eq!(
        periods,
        [
            "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"
        ]
    );
    assert!(
        status["quotas"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["rule"] != "EDU01")
    );
}

#[test]
fn status_of_no_one_is_a_command_line_error() {
    let output = taizhang(["status", "M9999", COUNTY, "--lang", "zh"]);
    assert_eq!(output.code, 2);
    assert!(output.stderr.contains("M9999 既不是"), "{}", output.stderr);
}

#[test]
fn status_tables_in_both_languages() {
    let en = taizhang([
        "status",
        "M5",
        COUNTY,
        "--as-of",
        "2025-06-15",
        "--lang",
        "en",
    ]);
    assert_eq!(en.code, 0);
    assert_snapshot!(en.stdout);
    let zh = taizhang([
        "status",
        "b1",
        COUNTY,
        "--as-of",
        "2025-06-15",
        "--lang",
        "zh",
    ]);
    assert_eq!(zh.code, 0);
    for english in [
        "rule", "period", "expected", "state", "deadline", "met", "track", "as of",
    ] {
        assert!(!zh.stdout.contains(english), "{english} in {}", zh.stdout);
    }
    assert_snapshot!(zh.stdout);
}

#[test]
fn due_lists_the_current_periods_findings_soonest_first() {
    let (due, code) = json(&["due", DEMO, "--as-of", "2025-06-15", "--format", "json"]);
    assert_eq!(code, 0);
    let (check, _) = check_json([DEMO, "--as-of", "2025-06-15"]);
    let current = |period: &str| period == "2025" || period == "2025-Q2" || period == "2025-06";
    let expected: BTreeSet<String> = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "warning" && current(f["period"].as_str().unwrap()))
        .map(key)
        .collect();
    let items = due["items"].as_array().unwrap();
    let listed: BTreeSet<String> = items.iter().map(key).collect();
    assert_eq!(listed, expected);
    assert_eq!(due["summary"]["items"], items.len());
    let deadlines: Vec<&str> = items
        .iter()
        .map(|i| i["deadline"].as_str().unwrap())
        .collect();
    assert!(deadlines.windows(2).all(|w| w[0] <= w[1]), "{deadlines:?}");
    // An item has the shape of check's findings.
    let finding = &check["findings"].as_array().unwrap()[0];
    for field in finding.as_object().unwrap().keys() {
        assert!(items[0].get(field).is_some(), "items lack {field}");
    }
    assert!(
        items
            .iter()
            .any(|i| i["rule"] == "SRV03" && i["deadline"] == "2025-06-05")
    );
}

#[test]
fn due_keeps_to_the_org_of_org() {
    let (due, _) = json(&[
        "due",
        DEMO,
        "--as-of",
        "2025-06-15",
        "--org",
        "CG",
        "--format",
        "json",
    ]);
    let items = due["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| i["org"].as_str().unwrap().starts_with("CG")),
        "{due}"
    );
}

#[test]
fn due_tables_in_both_languages() {
    for lang in ["en", "zh"] {
        let output = taizhang(["due", COUNTY, "--as-of", "2025-06-15", "--lang", lang]);
        assert_eq!(output.code, 0);
        assert_snapshot!(format!("due_{lang}"), output.stdout);
    }
    let markdown = taizhang([
        "due",
        COUNTY,
        "--as-of",
        "2025-06-15",
        "--format",
        "markdown",
    ]);
    assert!(
        markdown.stdout.starts_with("| deadline | rule |"),
        "{}",
        markdown.stdout
    );
}

/// Every violation check reports at the end of a period was on `due` the
/// day before: no shortfall reaches a period's end unannounced.
#[test]
fn every_violation_at_a_periods_end_was_due_the_day_before() {
    for ledger in [COUNTY, DEMO] {
        let mut seen = 0;
        for month in 1..=12u32 {
            let end = chrono_end(&format!("2025-{month:02}")).unwrap();
            let before = end.pred_opt().unwrap().to_string();
            let end = end.to_string();
            let (at_end, _) = check_json([ledger, "--as-of", end.as_str()]);
            let (due, _) = json(&["due", ledger, "--as-of", &before, "--format", "json"]);
            let (day_before, _) = check_json([ledger, "--as-of", before.as_str()]);
            let listed: BTreeSet<String> =
                due["items"].as_array().unwrap().iter().map(key).collect();
            let existed: BTreeSet<String> = day_before["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(key)
                .collect();
            for finding in at_end["findings"].as_array().unwrap() {
                let period = finding["period"].as_str().unwrap();
                let ends_now = chrono_end(period).is_some_and(|e| e.to_string() == end);
                if finding["severity"] != "violation" || !ends_now {
                    continue;
                }
                seen += 1;
                let key = key(finding);
                // A visit recorded on the last day did not exist the day before.
                if finding["rule"] == "SRV03" && !existed.contains(&key) {
                    continue;
                }
                assert!(
                    listed.contains(&key),
                    "{ledger}: {key} was not due on {before}"
                );
            }
        }
        assert!(seen > 0, "{ledger}: no violation at any period's end");
    }
}

/// The last day of the period a label names.
fn chrono_end(label: &str) -> Option<NaiveDate> {
    let date = |y: i32, m: u32| {
        let (y2, m2) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        NaiveDate::from_ymd_opt(y2, m2, 1).and_then(|d| d.pred_opt())
    };
    let (year, rest) = match label.split_once('-') {
        Some((y, rest)) => (y.parse().ok()?, Some(rest)),
        None => (label.parse().ok()?, None),
    };
    match rest {
        None => date(year, 12),
        Some(q) if q.starts_with('Q') => date(year, 3 * q[1..].parse::<u32>().ok()?),
        Some(m) => date(year, m.parse().ok()?),
    }
}
