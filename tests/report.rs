//! `taizhang report` end to end: snapshots of the Markdown, CSV and JSON
//! reports (of the demo county and of a small fixture checked in mid-year),
//! the HTML page's structure, and the numbers agreeing across formats and
//! with `--org`. Every run pins `--as-of` and `--lang`, so no snapshot
//! depends on the machine or on today.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::{Output, taizhang};

const DEMO: &str = "examples/demo-county";
const SMALL: &str = "tests/fixtures/report/small";
const BOM: char = '\u{FEFF}';

/// `report LEDGER --year 2025 --as-of AS_OF --lang LANG --format FORMAT EXTRA…`
fn report(ledger: &str, as_of: &str, lang: &str, format: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "report", ledger, "--year", "2025", "--as-of", as_of, "--lang", lang, "--format", format,
    ];
    args.extend(extra);
    taizhang(args)
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&output.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}):\n{}\n{}", output.stdout, output.stderr))
}

/// A report with this checkout's directory, in the ledger's absolute path,
/// shown as `[REPOSITORY]`: the snapshots are the same on every machine.
fn without_repository(text: &str) -> String {
    text.replace(env!("CARGO_MANIFEST_DIR"), "[REPOSITORY]")
}

/// A CSV report without its byte-order mark, which it must start with.
fn without_bom(output: &Output) -> &str {
    output
        .stdout
        .strip_prefix(BOM)
        .expect("CSV starts with a UTF-8 BOM for Excel")
}

#[test]
fn demo_county_markdown() {
    let output = report(DEMO, "2025-12-31", "zh", "markdown", &[]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    insta::assert_snapshot!(without_repository(&output.stdout));
}

#[test]
fn demo_county_csv() {
    let output = report(DEMO, "2025-12-31", "zh", "csv", &[]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    insta::assert_snapshot!(without_bom(&output));
}

#[test]
fn demo_county_json() {
    let output = report(DEMO, "2025-12-31", "en", "json", &[]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    insta::assert_snapshot!(without_repository(&output.stdout));
}

#[test]
fn mid_year_markdown_leaves_pending_out_of_the_rate() {
    let output = report(SMALL, "2025-06-30", "en", "markdown", &[]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    insta::assert_snapshot!(without_repository(&output.stdout));
}

#[test]
fn mid_year_csv() {
    let output = report(SMALL, "2025-06-30", "en", "csv", &[]);
    insta::assert_snapshot!(without_bom(&output));
}

#[test]
fn mid_year_json() {
    let output = report(SMALL, "2025-06-30", "zh", "json", &[]);
    insta::assert_snapshot!(without_repository(&output.stdout));
}

#[test]
fn check_csv_and_markdown_have_the_table_columns() {
    let args = |format| {
        vec![
            "check",
            SMALL,
            "--as-of",
            "2025-06-30",
            "--lang",
            "en",
            "--format",
            format,
        ]
    };
    let csv = taizhang(args("csv"));
    assert_eq!(csv.code, 1, "{}", csv.stderr);
    insta::assert_snapshot!("check_csv", without_bom(&csv));
    let markdown = taizhang(args("markdown"));
    assert_eq!(markdown.code, 1, "{}", markdown.stderr);
    insta::assert_snapshot!("check_markdown", markdown.stdout);
}

#[test]
fn html_is_one_self_contained_page_with_three_charts() {
    for (ledger, as_of) in [(DEMO, "2025-12-31"), (SMALL, "2025-06-30")] {
        for lang in ["zh", "en"] {
            let output = report(ledger, as_of, lang, "html", &[]);
            assert_eq!(output.code, 1, "{}", output.stderr);
            let html = &output.stdout;
            assert!(html.starts_with("<!DOCTYPE html>"), "{ledger} {lang}");
            for id in ["chart-rules", "chart-committees", "chart-mobile"] {
                assert_eq!(
                    html.matches(&format!("<svg id=\"{id}\"")).count(),
                    1,
                    "{ledger} {lang}: chart {id}"
                );
            }
            // Nothing is fetched: the only URL is the SVG namespace.
            let urls = html.matches("http://").count() + html.matches("https://").count();
            let namespaces = html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
            assert_eq!(
                urls, namespaces,
                "{ledger} {lang}: a URL besides the SVG namespace"
            );
            for fetching in ["<script", "<link", "<img", "@import", "url("] {
                assert!(!html.contains(fetching), "{ledger} {lang}: {fetching}");
            }
        }
    }
}

#[test]
fn html_escapes_ledger_text() {
    let html = report(SMALL, "2025-06-30", "zh", "html", &[]).stdout;
    // The org B2 is named `西村（含南村|北村）&<联合>支部`.
    assert!(!html.contains("<联合>") && !html.contains("）&<"));
    let escaped = ["&#60;联合&#62;", "&lt;联合&gt;"];
    assert!(
        escaped.iter().any(|e| html.contains(e)),
        "org names are escaped"
    );
}

#[test]
fn the_page_is_in_the_language_asked_for() {
    let zh = report(SMALL, "2025-06-30", "zh", "html", &[]).stdout;
    assert!(zh.contains("<html lang=\"zh-CN\">") && zh.contains("各规则合规率"));
    let en = report(SMALL, "2025-06-30", "en", "html", &[]).stdout;
    assert!(en.contains("<html lang=\"en\">") && en.contains("Compliance rate by rule"));
    assert!(!en.contains("各规则合规率"));
}

/// `org → rule → [checked, passed, failed, pending]` of a JSON report.
fn json_counts(report: &Value) -> BTreeMap<(String, String), [u64; 4]> {
    let mut counts = BTreeMap::new();
    for org in report["orgs"].as_array().unwrap() {
        for rule in org["rules"].as_array().unwrap() {
            let n = |key: &str| rule[key].as_u64().unwrap();
            counts.insert(
                (
                    org["id"].as_str().unwrap().to_string(),
                    rule["rule"].as_str().unwrap().to_string(),
                ),
                [n("checked"), n("passed"), n("failed"), n("pending")],
            );
        }
    }
    counts
}

#[test]
fn csv_and_json_give_the_same_numbers() {
    for (ledger, as_of) in [(DEMO, "2025-12-31"), (SMALL, "2025-06-30")] {
        let from_json = json_counts(&json(&report(ledger, as_of, "en", "json", &[])));
        let csv = report(ledger, as_of, "en", "csv", &[]);
        let mut reader = csv::Reader::from_reader(without_bom(&csv).as_bytes());
        let mut from_csv = BTreeMap::new();
        for record in reader.records() {
            let record = record.unwrap();
            let n = |i: usize| record[i].parse::<u64>().unwrap();
            from_csv.insert(
                (record[0].to_string(), record[4].to_string()),
                [n(6), n(7), n(8), n(9)],
            );
        }
        assert!(!from_csv.is_empty());
        assert_eq!(from_csv, from_json, "{ledger}");
    }
}

#[test]
fn numbers_roll_up_and_agree_with_check() {
    let report = json(&report(DEMO, "2025-12-31", "en", "json", &[]));
    let (check, _) = crate::util::check_json([DEMO, "--year", "2025", "--as-of", "2025-12-31"]);
    let orgs = report["orgs"].as_array().unwrap();
    let top = &orgs[0];
    assert_eq!(top["parent"], Value::Null);
    // The top org's rules are the whole run's rules.
    for (rule, checked) in report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .zip(check["rules"].as_array().unwrap())
    {
        assert_eq!(rule["code"], checked["code"]);
        if checked["status"] == "evaluated" {
            assert_eq!(rule["checked"], checked["checked"], "{}", rule["code"]);
            assert_eq!(rule["failed"], checked["failed"], "{}", rule["code"]);
        }
    }
    assert_eq!(top["overall"], report["overall"]);
    assert_eq!(report["summary"], check["summary"]);
    // Each org's overall numbers are its own rules' added up, and each
    // parent's are at least its children's.
    let overall = |org: &Value, key: &str| org["overall"][key].as_u64().unwrap();
    for org in orgs {
        let sum: u64 = org["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["checked"].as_u64().unwrap())
            .sum();
        assert_eq!(sum, overall(org, "checked"), "{}", org["id"]);
        let children: u64 = orgs
            .iter()
            .filter(|c| c["parent"] == org["id"])
            .map(|c| overall(c, "checked"))
            .sum();
        assert!(children <= overall(org, "checked"), "{}", org["id"]);
    }
    // Every finding of the run sits under exactly one org.
    let findings: usize = orgs
        .iter()
        .map(|o| o["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(findings, check["findings"].as_array().unwrap().len());
}

#[test]
fn check_json_names_what_its_ids_stand_for() {
    let (check, _) = crate::util::check_json([DEMO, "--year", "2025", "--as-of", "2025-12-31"]);
    let report = json(&report(DEMO, "2025-12-31", "en", "json", &[]));
    assert_eq!(
        (&check["schema"], &report["schema"]),
        (&2.into(), &2.into())
    );
    let orgs: BTreeMap<&str, &str> = report["orgs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].as_str().unwrap(), o["name"].as_str().unwrap()))
        .collect();
    let titles: BTreeMap<&str, &str> = report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["code"].as_str().unwrap(), r["title"].as_str().unwrap()))
        .collect();
    // The report's findings, by what identifies them, with the member's name.
    let key = |f: &Value| {
        ["rule", "member", "period", "record"]
            .map(|k| f[k].as_str().unwrap_or("-").to_string())
            .join(" ")
    };
    let names: BTreeMap<String, &Value> = report["orgs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["findings"].as_array().unwrap())
        .map(|f| (key(f), &f["member_name"]))
        .collect();
    let findings = check["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 50);
    for finding in findings {
        let org = finding["org"].as_str().unwrap();
        assert_eq!(finding["org_name"], orgs[org], "{finding}");
        assert_eq!(finding["title"], titles[finding["rule"].as_str().unwrap()]);
        assert_eq!(&finding["member_name"], names[&key(finding)], "{finding}");
    }
    let name_of = |rule: &str, member: &str| {
        findings
            .iter()
            .find(|f| f["rule"] == rule && f["member"] == member)
            .map(|f| (f["member_name"].clone(), f["title"].clone()))
            .unwrap()
    };
    // An incoming member is not on the roll: no name; a ledger's own
    // [[cadence]] rule has the title the ledger gives it.
    assert_eq!(
        name_of("MOB07", "L002"),
        (Value::Null, "流入党员登记".into())
    );
    let own = findings.iter().find(|f| f["rule"] == "X01").unwrap();
    assert_eq!(
        (&own["title"], &own["member_name"]),
        (&"主题党日".into(), &Value::Null)
    );
}

#[test]
fn org_scope_reports_the_same_numbers_for_its_subtree() {
    let whole = json(&report(SMALL, "2025-06-30", "en", "json", &[]));
    let scoped = json(&report(SMALL, "2025-06-30", "en", "json", &["--org", "K"]));
    assert_eq!(scoped["org"], "K");
    let ids: Vec<&str> = scoped["orgs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["K", "B1", "B2"]);
    for org in scoped["orgs"].as_array().unwrap() {
        let same = whole["orgs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == org["id"])
            .unwrap();
        assert_eq!(org["overall"], same["overall"], "{}", org["id"]);
        assert_eq!(org["rules"], same["rules"], "{}", org["id"]);
        assert_eq!(org["findings"], same["findings"], "{}", org["id"]);
    }
    assert_eq!(scoped["committees"].as_array().unwrap().len(), 1);
    assert_eq!(scoped["overall"], scoped["orgs"][0]["overall"]);
}

#[test]
fn committees_are_ranked_by_rate() {
    let report = json(&report(DEMO, "2025-12-31", "en", "json", &[]));
    let committees = report["committees"].as_array().unwrap();
    assert_eq!(committees.len(), 5);
    let rates: Vec<f64> = committees
        .iter()
        .map(|c| c["rate"].as_f64().unwrap())
        .collect();
    assert!(rates.windows(2).all(|w| w[0] >= w[1]), "{rates:?}");
    assert_eq!(committees[0]["rank"], 1);
}

#[test]
fn output_file_and_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let output = report(
        SMALL,
        "2025-06-30",
        "en",
        "html",
        &["-o", path.to_str().unwrap()],
    );
    assert_eq!(output.code, 1, "violations give 1: {}", output.stderr);
    assert!(output.stdout.is_empty(), "-o leaves stdout empty");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("<svg id=\"chart-rules\""));

    // Before any period ends nothing is a violation: only pending.
    let early = report(SMALL, "2025-01-15", "en", "json", &[]);
    assert_eq!(early.code, 0, "{}", early.stderr);
    assert_eq!(json(&early)["summary"]["violations"], 0);

    let missing = report(
        "tests/fixtures/report/none",
        "2025-06-30",
        "en",
        "html",
        &[],
    );
    assert_eq!(missing.code, 2);
    assert!(missing.stdout.is_empty());
    assert!(
        missing.stderr.contains("ledger-not-found"),
        "{}",
        missing.stderr
    );

    let unwritable = report(
        SMALL,
        "2025-06-30",
        "en",
        "markdown",
        &["-o", dir.path().join("no/such/dir/r.md").to_str().unwrap()],
    );
    assert_eq!(unwritable.code, 2);
    assert!(
        unwritable.stderr.contains("cannot write"),
        "{}",
        unwritable.stderr
    );
}

#[test]
fn phone_numbers_never_appear() {
    // M1's phone is on the roll of the small ledger; no rule needs it, so
    // the report has none to show, even with --show-personal.
    for format in ["html", "markdown", "csv", "json"] {
        let output = report(SMALL, "2025-06-30", "zh", format, &["--show-personal"]);
        assert!(!output.stdout.contains("13812345678"), "{format}");
    }
}
