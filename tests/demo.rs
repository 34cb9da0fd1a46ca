//! The demo county gives exactly the shortfalls its generator planted, as
//! listed in examples/demo-county.EXPECTED.md (an independent evaluation of
//! the rules in Python).

use crate::util::{check_json, diagnostic_lines};

/// The findings table of EXPECTED.md as `rule org member period record expected actual`.
fn expected_findings() -> Vec<String> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/demo-county.EXPECTED.md"
    ))
    .unwrap();
    let section = text
        .split("## Findings")
        .nth(1)
        .expect("EXPECTED.md has a findings section");
    let table = section.split("\n## ").next().unwrap_or_default();
    let first_word = |cell: &str| cell.split_whitespace().next().unwrap_or("-").to_string();
    table
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| rule"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            cells[..7]
                .iter()
                .map(|cell| first_word(cell))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn the_demo_county_gives_the_planted_findings() {
    let (json, code) = check_json([
        "examples/demo-county",
        "--year",
        "2025",
        "--as-of",
        "2025-12-31",
    ]);
    assert_eq!(code, 1);
    assert_eq!(diagnostic_lines(&json), Vec::<String>::new());
    let number = |v: &serde_json::Value| {
        v.as_f64()
            .map_or("-".to_string(), |n| format!("{}", (n * 1e6).round() / 1e6))
    };
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
    let violations: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "violation")
        .map(|f| {
            [
                text(&f["rule"]),
                text(&f["org"]),
                text(&f["member"]),
                text(&f["period"]),
                text(&f["record"]),
                number(&f["expected"]),
                number(&f["actual"]),
            ]
            .join(" ")
        })
        .collect();
    let expected = expected_findings();
    assert_eq!(expected.len(), 49);
    assert_eq!(violations, expected);
    let evaluated: Vec<&str> = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "evaluated")
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        evaluated.len(),
        23,
        "every rule of the catalogue and X01 runs on the demo"
    );
}
