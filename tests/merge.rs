//! Reports up the hierarchy: `report --aggregate`, the counts a county
//! sends up with no member in them.

use serde_json::Value;

use crate::util::{Output, taizhang};

const DEMO: &str = "examples/demo-county";

/// `report LEDGER --year 2025 --as-of 2025-12-31 --lang LANG --format FORMAT EXTRA…`
fn report(ledger: &str, lang: &str, format: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "report",
        ledger,
        "--year",
        "2025",
        "--as-of",
        "2025-12-31",
        "--lang",
        lang,
        "--format",
        format,
    ];
    args.extend(extra);
    taizhang(args)
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&output.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}):\n{}\n{}", output.stdout, output.stderr))
}

/// Every cell of `columns` (by header) of a CSV file of the demo county.
fn demo_cells(file: &str, columns: &[&str]) -> Vec<String> {
    let path = format!("{}/{DEMO}/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let wanted: Vec<usize> = columns
        .iter()
        .map(|c| headers.iter().position(|h| h == *c).unwrap())
        .collect();
    let mut cells = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        for &i in &wanted {
            let cell = record[i].trim();
            if !cell.is_empty() {
                cells.push(cell.to_string());
            }
        }
    }
    cells
}

#[test]
fn an_aggregate_report_names_no_member() {
    let mut personal = demo_cells("members.csv", &["党员编号", "姓名", "联系电话", "身份证号"]);
    personal.extend(demo_cells(
        "mobile.csv",
        &["党员编号", "姓名", "联系方式", "联系人"],
    ));
    assert!(personal.len() > 300, "the demo county has members");
    for (lang, format) in [
        ("en", "json"),
        ("zh", "markdown"),
        ("zh", "csv"),
        ("zh", "html"),
    ] {
        let output = report(DEMO, lang, format, &["--aggregate"]);
        assert_eq!(output.code, 1, "{}", output.stderr);
        let found: Vec<&String> = personal
            .iter()
            .filter(|cell| output.stdout.contains(cell.as_str()))
            .collect();
        assert_eq!(found, Vec::<&String>::new(), "{format}");
    }
}

#[test]
fn an_aggregate_report_has_the_counts_of_the_full_one_and_nothing_else() {
    let full = json(&report(DEMO, "en", "json", &[]));
    let aggregate = json(&report(DEMO, "en", "json", &["--aggregate"]));
    assert_eq!(aggregate["aggregate"], true);
    assert_eq!(full["aggregate"], false);
    for key in [
        "schema",
        "overall",
        "falling_short",
        "counts",
        "summary",
        "rules",
        "committees",
    ] {
        assert_eq!(aggregate[key], full[key], "{key}");
    }
    for key in [
        "ledger_absolute",
        "unchecked",
        "mobile",
        "diagnostics",
        "inputs",
    ] {
        assert_eq!(aggregate[key], Value::Null, "{key}");
    }
    let (full_orgs, orgs) = (
        full["orgs"].as_array().unwrap(),
        aggregate["orgs"].as_array().unwrap(),
    );
    assert_eq!(full_orgs.len(), orgs.len());
    for (full, org) in full_orgs.iter().zip(orgs) {
        assert_eq!(org["findings"], Value::Null);
        for key in ["id", "name", "kind", "parent", "depth", "overall", "rules"] {
            assert_eq!(org[key], full[key], "{key}");
        }
    }
    assert_eq!(aggregate["diagnostic_counts"], full["diagnostic_counts"]);
}

/// The three county ledgers of `tests/fixtures/merge`: 丙县 (C01) tunes
/// EDU03 and has a rule of its own, X01.
const COUNTIES: [&str; 3] = ["county-a", "county-b", "county-c"];

/// Each county's report JSON written into `dir` (`county-a.json` …), the
/// first in full, the others aggregate; their parsed documents.
fn county_reports(dir: &std::path::Path, lang: &str) -> Vec<(String, Value)> {
    COUNTIES
        .iter()
        .enumerate()
        .map(|(n, county)| {
            let ledger = format!("tests/fixtures/merge/{county}");
            let file = dir.join(format!("{county}.json"));
            let file = file.to_str().unwrap().to_string();
            let mut extra = vec!["-o", file.as_str()];
            if n > 0 {
                extra.push("--aggregate");
            }
            let output = report(&ledger, lang, "json", &extra);
            assert_eq!(output.code, 1, "{}", output.stderr);
            let text = std::fs::read_to_string(&file).unwrap();
            (file.clone(), serde_json::from_str(&text).unwrap())
        })
        .collect()
}

fn merged(files: &[&str], name: &str, format: &str) -> Output {
    let mut args = vec!["report", "--merge"];
    args.extend(files);
    args.extend(["--name", name, "--format", format, "--lang", "en"]);
    taizhang(args)
}

const COUNTS: [&str; 6] = [
    "checked",
    "passed",
    "failed",
    "pending",
    "uncertain",
    "unchecked",
];

fn counts(value: &Value) -> Vec<u64> {
    COUNTS
        .iter()
        .map(|key| value[key].as_u64().unwrap())
        .collect()
}

fn add(total: &mut [u64], more: &[u64]) {
    for (t, m) in total.iter_mut().zip(more) {
        *t += m;
    }
}

/// Whether a rate in the JSON is passed / (passed + failed) of `counts`
/// (the test's JSON reader may be off in a float's last digit).
fn is_rate_of(rate: &Value, counts: &[u64]) -> bool {
    let judged = counts[1] + counts[2];
    match rate.as_f64() {
        None => judged == 0 && rate.is_null(),
        Some(rate) => judged > 0 && (rate - counts[1] as f64 / judged as f64).abs() < 1e-12,
    }
}

#[test]
fn three_counties_merged_give_rule_by_rule_the_sums_of_their_own_reports() {
    let dir = tempfile::tempdir().unwrap();
    let counties = county_reports(dir.path(), "en");
    let files: Vec<&str> = counties.iter().map(|(f, _)| f.as_str()).collect();
    let output = merged(&files, "某市", "json");
    assert_eq!(output.code, 1, "{}", output.stderr);
    let city = json(&output);
    assert_eq!(
        (city["year"].clone(), city["as_of"].clone()),
        (Value::from(2025), Value::from("2025-12-31"))
    );
    assert_eq!(city["aggregate"], true);
    assert_eq!(city["org"], "某市");
    // Rule by rule: each line is the sum of the lines of the counties it
    // applies to, which have the same settings.
    let rules = city["rules"].as_array().unwrap();
    for line in rules {
        let code = line["code"].as_str().unwrap();
        let mut sum = vec![0; 6];
        let applies: Vec<&str> = line["applies_to"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for (_, county) in &counties {
            let own = county["rules"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["code"] == code && r["settings"] == line["settings"]);
            match own {
                Some(own) => {
                    assert!(applies.contains(&county["org"].as_str().unwrap()), "{code}");
                    add(&mut sum, &counts(own));
                }
                None => assert!(
                    !applies.contains(&county["org"].as_str().unwrap()),
                    "{code}"
                ),
            }
        }
        assert_eq!(counts(line), sum, "{code}");
        assert!(is_rate_of(&line["rate"], &sum), "{code}");
    }
    // EDU03 differs (丙县 asks for two assemblies a quarter): two lines,
    // never added up; X01 is 丙县's alone.
    let edu03: Vec<&Value> = rules.iter().filter(|r| r["code"] == "EDU03").collect();
    assert_eq!(edu03.len(), 2);
    assert_eq!(edu03[0]["variant"], 1);
    assert_eq!(edu03[0]["applies_to"], serde_json::json!(["A01", "B01"]));
    assert_eq!(edu03[1]["applies_to"], serde_json::json!(["C01"]));
    let x01 = rules.iter().find(|r| r["code"] == "X01").unwrap();
    assert_eq!(
        (x01["variant"].clone(), x01["applies_to"].clone()),
        (Value::Null, serde_json::json!(["C01"]))
    );
    let edu01 = rules.iter().find(|r| r["code"] == "EDU01").unwrap();
    assert_eq!(edu01["status"], "evaluated");
    assert!(
        edu01["reason"].as_str().unwrap().starts_with("B01: "),
        "{edu01}"
    );
    // The top is the sum of the counties; each county's orgs are below it,
    // their ids qualified by the county's, their numbers their own.
    let orgs = city["orgs"].as_array().unwrap();
    assert_eq!(
        (orgs[0]["id"].clone(), orgs[0]["kind"].clone()),
        (Value::from("某市"), Value::from("combined"))
    );
    let mut overall = vec![0; 6];
    let mut summary = [0u64; 6];
    for (_, county) in &counties {
        add(&mut overall, &counts(&county["overall"]));
        for (i, key) in [
            "violations",
            "warnings",
            "pending",
            "uncertain",
            "unchecked",
            "errors",
        ]
        .iter()
        .enumerate()
        {
            summary[i] += county["summary"][key].as_u64().unwrap();
        }
        let root = county["org"].as_str().unwrap();
        for org in county["orgs"].as_array().unwrap() {
            let id = org["id"].as_str().unwrap();
            let id = if id == root {
                id.to_string()
            } else {
                format!("{root}/{id}")
            };
            let mine = orgs
                .iter()
                .find(|o| o["id"] == id.as_str())
                .unwrap_or_else(|| panic!("{id}"));
            assert_eq!(mine["overall"], org["overall"], "{id}");
            assert_eq!(mine["depth"], org["depth"].as_u64().unwrap() + 1);
            assert_eq!(mine["findings"], Value::Null);
            let parent = match org["parent"].as_str() {
                None => "某市".to_string(),
                Some(p) if p == root => p.to_string(),
                Some(p) => format!("{root}/{p}"),
            };
            assert_eq!(mine["parent"], parent.as_str());
        }
    }
    assert_eq!(counts(&city["overall"]), overall);
    assert_eq!(counts(&orgs[0]["overall"]), overall);
    assert_eq!(orgs.len(), 1 + 3 * 4);
    assert_eq!(city["counts"]["orgs"], 13);
    let members: u64 = counties
        .iter()
        .map(|(_, c)| c["counts"]["members"].as_u64().unwrap())
        .sum();
    assert_eq!(city["counts"]["members"], members);
    for (i, key) in [
        "violations",
        "warnings",
        "pending",
        "uncertain",
        "unchecked",
        "errors",
    ]
    .iter()
    .enumerate()
    {
        assert_eq!(city["summary"][key], summary[i], "{key}");
    }
    // The committees of every county, ranked together.
    let committees: Vec<&str> = city["committees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["org"].as_str().unwrap())
        .collect();
    let mut sorted = committees.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["A01/P1", "B01/P1", "C01/P1"]);
}

#[test]
fn a_merged_report_merges_again() {
    let dir = tempfile::tempdir().unwrap();
    let counties = county_reports(dir.path(), "en");
    let files: Vec<&str> = counties.iter().map(|(f, _)| f.as_str()).collect();
    let direct = json(&merged(&files, "某省", "json"));
    let city_a = dir.path().join("city-a.json");
    let city_b = dir.path().join("city-b.json");
    for (city, name, inputs) in [
        (&city_a, "甲市", &files[..2]),
        (&city_b, "乙市", &files[2..]),
    ] {
        let mut args = vec!["report", "--merge"];
        args.extend(inputs);
        args.extend([
            "--name",
            name,
            "--format",
            "json",
            "-o",
            city.to_str().unwrap(),
        ]);
        let output = taizhang(args);
        assert_eq!(output.code, 1, "{}", output.stderr);
    }
    let output = merged(
        &[city_a.to_str().unwrap(), city_b.to_str().unwrap()],
        "某省",
        "json",
    );
    assert_eq!(output.code, 1, "{}", output.stderr);
    let province = json(&output);
    assert_eq!(province["overall"], direct["overall"]);
    assert_eq!(province["summary"], direct["summary"]);
    assert_eq!(province["counts"]["members"], direct["counts"]["members"]);
    // Counties below cities: two levels more than the direct merge's one.
    assert_eq!(province["counts"]["orgs"], 1 + 2 + 12);
    let orgs = province["orgs"].as_array().unwrap();
    let branch = orgs.iter().find(|o| o["id"] == "甲市/A01/B1").unwrap();
    assert_eq!(branch["depth"], 4);
    assert_eq!(branch["parent"], "甲市/A01/P1");
    // The same rule lines with the same sums, however the versions are numbered.
    let lines = |report: &Value| {
        let mut lines: Vec<(String, String, Vec<u64>)> = report["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["code"].to_string(), r["settings"].to_string(), counts(r)))
            .collect();
        lines.sort();
        lines
    };
    assert_eq!(lines(&province), lines(&direct));
    // A county beside the city report that has it is refused.
    let again = merged(&[city_a.to_str().unwrap(), files[0]], "某省", "json");
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("error[merge-duplicate]"),
        "{}",
        again.stderr
    );
    for format in ["markdown", "csv", "html"] {
        let output = merged(
            &[city_a.to_str().unwrap(), city_b.to_str().unwrap()],
            "某省",
            format,
        );
        assert_eq!(output.code, 1, "{format}: {}", output.stderr);
        assert!(output.stdout.contains("甲市/A01/B1"), "{format}");
    }
}

#[test]
fn a_city_report_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let counties = county_reports(dir.path(), "zh");
    let files: Vec<&str> = counties.iter().map(|(f, _)| f.as_str()).collect();
    let mut args = vec!["report", "--merge"];
    args.extend(&files);
    args.extend([
        "--name",
        "某市委组织部",
        "--format",
        "markdown",
        "--lang",
        "zh",
    ]);
    let output = taizhang(args);
    assert_eq!(output.code, 1, "{}", output.stderr);
    let shown = format!("{}/", dir.path().to_str().unwrap());
    insta::assert_snapshot!(output.stdout.replace(&shown, ""));
}

#[test]
fn reports_of_different_years_or_dates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, ledger: &str, year: &str, as_of: &str| {
        let file = dir.path().join(name).to_str().unwrap().to_string();
        let output = taizhang([
            "report",
            ledger,
            "--year",
            year,
            "--as-of",
            as_of,
            "--format",
            "json",
            "--aggregate",
            "-o",
            &file,
        ]);
        assert!(output.code < 2, "{}", output.stderr);
        file
    };
    let a = write(
        "a.json",
        "tests/fixtures/merge/county-a",
        "2025",
        "2025-12-31",
    );
    let b = write(
        "b.json",
        "tests/fixtures/merge/county-b",
        "2024",
        "2024-12-31",
    );
    let c = write(
        "c.json",
        "tests/fixtures/merge/county-c",
        "2025",
        "2025-06-30",
    );
    let output = merged(&[&a, &b, &c], "某市", "markdown");
    assert_eq!(output.code, 2);
    assert_eq!(output.stdout, "");
    assert_eq!(
        output.stderr.matches("error[merge-mismatch]").count(),
        2,
        "{}",
        output.stderr
    );
    assert!(output.stderr.contains("2024"), "{}", output.stderr);
}

#[test]
fn what_cannot_be_merged_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let counties = county_reports(dir.path(), "en");
    let a = counties[0].0.as_str();
    let before = std::fs::read_to_string(a).unwrap();
    let twice = merged(&[a, a], "某市", "json");
    assert_eq!(twice.code, 2);
    assert!(
        twice.stderr.contains("error[merge-duplicate]"),
        "{}",
        twice.stderr
    );
    let named_as_input = merged(&[a, &counties[1].0], "A01", "json");
    assert_eq!(named_as_input.code, 2);
    assert!(
        named_as_input.stderr.contains("error[merge-duplicate]"),
        "{}",
        named_as_input.stderr
    );
    let not_a_report = merged(
        &[a, "tests/fixtures/merge/county-b/members.csv"],
        "某市",
        "json",
    );
    assert_eq!(not_a_report.code, 2);
    assert!(
        not_a_report.stderr.contains("error[merge-input]"),
        "{}",
        not_a_report.stderr
    );
    let onto_an_input = taizhang([
        "report",
        "--merge",
        a,
        &counties[1].0,
        "--format",
        "json",
        "-o",
        a,
    ]);
    assert_eq!(onto_an_input.code, 2);
    assert!(
        onto_an_input.stderr.contains("error[output-in-ledger]"),
        "{}",
        onto_an_input.stderr
    );
    assert_eq!(std::fs::read_to_string(a).unwrap(), before);
}

#[test]
fn reports_of_schema_1_merge_and_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let counties = county_reports(dir.path(), "en");
    let files: Vec<&str> = counties.iter().map(|(f, _)| f.as_str()).collect();
    // Who falls short is added up across the counties.
    let sum = |key: &str| -> u64 {
        counties
            .iter()
            .map(|(_, report)| report["falling_short"][key].as_u64().unwrap())
            .sum()
    };
    let (members, orgs) = (sum("members"), sum("orgs"));
    assert!(members > 0 && orgs > 0);
    let output = merged(&files, "某市", "json");
    // Keys of schema 2 are read as such, not as grids (which would repeat them).
    for key in ["\"schema\"", "\"ledger_absolute\"", "\"falling_short\""] {
        assert_eq!(output.stdout.matches(key).count(), 1, "{key}");
    }
    let city = json(&output);
    assert_eq!(city["schema"], 2);
    assert_eq!(
        city["falling_short"],
        serde_json::json!({"members": members, "orgs": orgs})
    );
    assert_eq!(city["ledger_absolute"], Value::Null);
    // The first county's report as taizhang wrote it before the schema:
    // it merges, and who falls short is then not known.
    let mut old = counties[0].1.clone();
    let fields = old.as_object_mut().unwrap();
    for key in ["schema", "falling_short", "ledger_absolute"] {
        assert!(fields.remove(key).is_some(), "{key}");
    }
    std::fs::write(files[0], serde_json::to_string_pretty(&old).unwrap()).unwrap();
    let city = merged(&files, "某市", "json");
    assert_eq!(city.code, 1, "{}", city.stderr);
    let city = json(&city);
    assert_eq!(city["falling_short"], Value::Null);
    let page = merged(&files, "某市", "markdown");
    assert!(
        page.stdout
            .contains("how many members and orgs fall short is not known"),
        "{}",
        page.stdout
    );
    // A report of a newer schema is refused, not misread.
    old["schema"] = 3.into();
    std::fs::write(files[0], serde_json::to_string_pretty(&old).unwrap()).unwrap();
    let newer = merged(&files, "某市", "json");
    assert_eq!(newer.code, 2);
    assert!(
        newer.stderr.contains("error[merge-input]") && newer.stderr.contains("schema 3"),
        "{}",
        newer.stderr
    );
}
