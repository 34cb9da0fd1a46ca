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
    for key in ["overall", "counts", "summary", "rules", "committees"] {
        assert_eq!(aggregate[key], full[key], "{key}");
    }
    for key in ["unchecked", "mobile", "diagnostics", "inputs"] {
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
