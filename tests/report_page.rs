//! The year-end report as its reader sees it: the charts drawn from the
//! numbers (one bar per committee even when there is one, one row per
//! member away even when there is one, every bar in the colour of its
//! rate's band), the rate beside who falls short, the ledger by its name
//! and path, and the input errors the report was made with.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::util::taizhang;

const DEMO: &str = "examples/demo-county";
const SMALL: &str = "tests/fixtures/report/small";
const ONE: &str = "tests/fixtures/report/one-committee";

/// `report LEDGER --year 2025 --as-of AS_OF --lang LANG --format FORMAT
/// EXTRA…`'s standard output, with the exit status `code`.
fn report_exiting(
    code: i32,
    ledger: &str,
    as_of: &str,
    lang: &str,
    format: &str,
    extra: &[&str],
) -> String {
    let mut args = vec![
        "report", ledger, "--year", "2025", "--as-of", as_of, "--lang", lang, "--format", format,
    ];
    args.extend(extra);
    let output = taizhang(args);
    assert_eq!(output.code, code, "{ledger} {format}: {}", output.stderr);
    output.stdout
}

/// The same, for a ledger with violations and no input error (exit 1).
fn report(ledger: &str, as_of: &str, lang: &str, format: &str) -> String {
    report_exiting(1, ledger, as_of, lang, format, &[])
}

/// The `<svg id="ID">…</svg>` element of a page.
fn chart<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<svg id=\"{id}\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let end = start + html[start..].find("</svg>").expect("the chart ends");
    &html[start..end]
}

/// A rectangle of a chart: its height, width and fill.
#[derive(Debug)]
struct Rect {
    height: i64,
    width: i64,
    fill: String,
}

/// Every `<rect>` of a chart but its background.
fn rects(svg: &str) -> Vec<Rect> {
    let attr = |tag: &str, name: &str| -> String {
        let start = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        tag[start..start + tag[start..].find('"').unwrap()].to_string()
    };
    svg.lines()
        .filter(|line| line.starts_with("<rect"))
        .skip(1)
        .map(|tag| Rect {
            height: attr(tag, "height").parse().unwrap(),
            width: attr(tag, "width").parse().unwrap(),
            fill: attr(tag, "fill"),
        })
        .collect()
}

/// The texts of a chart, in order.
fn texts(svg: &str) -> Vec<&str> {
    let lines: Vec<&str> = svg.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0].starts_with("<text"))
        .map(|w| w[1])
        .collect()
}

/// The colour of a bar of `passed` and `failed` subjects: the documented
/// scale (docs/report.md), at least 95 %, at least 80 %, below.
fn band_fill(passed: u64, failed: u64) -> &'static str {
    let judged = passed + failed;
    if passed * 100 >= 95 * judged {
        "#009E73"
    } else if passed * 100 >= 80 * judged {
        "#F0B323"
    } else {
        "#B2182B"
    }
}

#[test]
fn one_committee_is_one_bar_and_one_member_away_one_row() {
    let html = report(ONE, "2025-06-30", "zh", "html");
    let json: Value = serde_json::from_str(&report(ONE, "2025-06-30", "en", "json")).unwrap();
    let committees = json["committees"].as_array().unwrap();
    assert_eq!(committees.len(), 1, "the ledger has one committee");
    let (passed, failed) = (
        committees[0]["passed"].as_u64().unwrap(),
        committees[0]["failed"].as_u64().unwrap(),
    );
    assert_eq!((passed, failed), (14, 1));

    let svg = chart(&html, "chart-committees");
    let bars = rects(svg);
    assert_eq!(bars.len(), 1, "{bars:?}");
    assert!(bars[0].height >= 20, "a bar one can see: {bars:?}");
    assert!(
        bars[0].width > 500,
        "14 of 15 is most of the axis: {bars:?}"
    );
    assert_eq!(bars[0].fill, band_fill(passed, failed));
    let words = texts(svg);
    assert!(
        words.contains(&"城关镇党委"),
        "the bar is labelled: {words:?}"
    );
    assert!(
        words.contains(&"93.3%"),
        "the bar carries its rate: {words:?}"
    );

    let svg = chart(&html, "chart-mobile");
    let cells = rects(svg);
    // Twelve months of 孙三, then the four squares of the legend.
    let coloured = cells
        .iter()
        .filter(|r| !["none", "#FFFFFF"].contains(&r.fill.as_str()))
        .count();
    assert_eq!(coloured, 12 + 4, "{cells:?}");
    assert!(
        cells.iter().all(|r| r.height > 0 && r.width > 0),
        "{cells:?}"
    );
    assert!(texts(svg).contains(&"M3 孙三"));
}

#[test]
fn bars_have_the_colour_of_their_rate() {
    let html = report(DEMO, "2025-12-31", "zh", "html");
    let json: Value = serde_json::from_str(&report(DEMO, "2025-12-31", "en", "json")).unwrap();
    let expected = |items: &Value| -> Vec<&'static str> {
        items
            .as_array()
            .unwrap()
            .iter()
            .filter(|item| !item["rate"].is_null())
            .map(|item| {
                band_fill(
                    item["passed"].as_u64().unwrap(),
                    item["failed"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let fills = |id: &str| -> Vec<String> {
        rects(chart(&html, id))
            .into_iter()
            .map(|r| r.fill)
            .collect()
    };
    let by_rule = expected(&json["rules"]);
    assert_eq!(fills("chart-rules"), by_rule);
    assert_eq!(fills("chart-committees"), expected(&json["committees"]));
    // The demo county has rules in every band.
    for fill in ["#009E73", "#F0B323", "#B2182B"] {
        assert!(by_rule.contains(&fill), "{fill}: {by_rule:?}");
    }
    // Print and every eye read the number on the bar, and the scale below.
    assert_eq!(
        html.matches("条形颜色：绿色 ≥ 95%，黄色 ≥ 80%，红色 &#60; 80%；每条末端标有合规率。")
            .count(),
        2
    );
}

/// Who falls short, from `check --format json`: the members of the
/// certain violations, and the orgs of those without a member.
fn falling_short_of(check: &Value) -> (usize, usize) {
    let mut members = std::collections::BTreeSet::new();
    let mut orgs = std::collections::BTreeSet::new();
    for finding in check["findings"].as_array().unwrap() {
        if finding["severity"] != "violation" || finding["uncertain"] == true {
            continue;
        }
        match finding["member"].as_str() {
            Some(member) => members.insert(member.to_string()),
            None => orgs.insert(finding["org"].as_str().unwrap().to_string()),
        };
    }
    (members.len(), orgs.len())
}

#[test]
fn the_rate_stands_beside_the_members_and_orgs_that_fall_short() {
    let (check, _) = crate::util::check_json([DEMO, "--year", "2025", "--as-of", "2025-12-31"]);
    assert_eq!(falling_short_of(&check), (25, 15));
    assert_eq!(
        check["summary"]["violations"], 49,
        "49 violations of 40 subjects"
    );
    let json: Value = serde_json::from_str(&report(DEMO, "2025-12-31", "en", "json")).unwrap();
    assert_eq!(
        json["falling_short"],
        serde_json::json!({"members": 25, "orgs": 15})
    );
    let html = report(DEMO, "2025-12-31", "zh", "html");
    assert!(html.contains(
        "<span class=\"big\">95.8%</span><span class=\"label\">综合合规率</span>\
         <span class=\"short\">25 名党员、15 个组织至少有一项未达标</span>"
    ));
    let markdown = report(DEMO, "2025-12-31", "en", "markdown");
    assert!(
        markdown.contains("**Overall rate: 95.8%; 25 members and 15 orgs have at least one shortfall (1180 checked"),
        "{markdown}"
    );
    // Of an org's subtree, only its own.
    let (check, _) = crate::util::check_json([
        SMALL,
        "--year",
        "2025",
        "--as-of",
        "2025-06-30",
        "--org",
        "K",
    ]);
    let scoped = report_exiting(1, SMALL, "2025-06-30", "en", "json", &["--org", "K"]);
    let scoped: Value = serde_json::from_str(&scoped).unwrap();
    let (members, orgs) = falling_short_of(&check);
    assert_eq!((members, orgs), (2, 1));
    assert_eq!(
        scoped["falling_short"],
        serde_json::json!({"members": members, "orgs": orgs})
    );
    let markdown = report_exiting(1, SMALL, "2025-06-30", "en", "markdown", &["--org", "K"]);
    assert!(
        markdown.contains("; 2 members and 1 org have at least one shortfall ("),
        "{markdown}"
    );
}

/// A copy of the small ledger in a new directory, with an event of an org
/// that does not exist (line 20 of events.csv) and a note of a member who
/// does not (line 7 of notes.csv).
fn small_with_errors() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("有错的台账");
    fs::create_dir(&ledger).unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL);
    for entry in fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), ledger.join(entry.file_name())).unwrap();
    }
    let append = |file: &str, row: &str| {
        let mut text = fs::read_to_string(ledger.join(file)).unwrap();
        text.push_str(row);
        fs::write(ledger.join(file), text).unwrap();
    };
    append("events.csv", "2025-03-01,ZZ,party_lecture,党课\n");
    append("notes.csv", "2025-03-01,M99,3000,学习笔记\n");
    let ledger = ledger.to_str().unwrap().to_string();
    (dir, ledger)
}

#[test]
fn the_report_lists_the_input_errors_it_was_made_with() {
    let (_dir, ledger) = small_with_errors();
    let json = report_exiting(2, &ledger, "2025-06-30", "en", "json", &[]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let listed: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let place = format!(
                "{}:{}:{}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"]
            );
            (place, d["message"].as_str().unwrap().to_string())
        })
        .collect();
    let places: Vec<&str> = listed.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(places, ["events.csv:20:12", "notes.csv:7:12"]);
    let markdown = report_exiting(2, &ledger, "2025-06-30", "en", "markdown", &[]);
    for (place, message) in &listed {
        let row = format!(
            "| error | {code} | {place} | {message} |",
            code = if place.starts_with("events") {
                "unknown-org"
            } else {
                "unknown-member"
            }
        );
        assert!(markdown.contains(&row), "{row}\n{markdown}");
    }
    let html = report_exiting(2, &ledger, "2025-06-30", "zh", "html", &[]);
    let zh = report_exiting(2, &ledger, "2025-06-30", "zh", "json", &[]);
    let zh: Value = serde_json::from_str(&zh).unwrap();
    for d in zh["diagnostics"].as_array().unwrap() {
        let place = format!(
            "{}:{}:{}",
            d["file"].as_str().unwrap(),
            d["line"],
            d["column"]
        );
        let cells = format!(
            "<td class=\"nowrap\">错误</td><td class=\"code\">{}</td><td class=\"place\">{place}</td>\n        <td>{}",
            d["code"].as_str().unwrap(),
            d["message"].as_str().unwrap()
        );
        assert!(html.contains(&cells), "{cells}");
    }
    // An aggregate counts them by code, and names no place.
    let aggregate = report_exiting(2, &ledger, "2025-06-30", "en", "markdown", &["--aggregate"]);
    assert!(
        aggregate.contains("| unknown-member | error | 1 |\n| unknown-org | error | 1 |"),
        "{aggregate}"
    );
    assert!(!aggregate.contains("events.csv:20") && !aggregate.contains("M99"));
    // Without any, the report says so.
    for (lang, sentence) in [
        ("zh", "没有输入错误或警告：本报告依据台账的全部内容。"),
        (
            "en",
            "No input errors or warnings: the report rests on the whole ledger.",
        ),
    ] {
        for format in ["html", "markdown"] {
            let page = report(SMALL, "2025-06-30", lang, format);
            assert!(page.contains(sentence), "{lang} {format}");
        }
    }
}

#[test]
fn the_ledger_is_named_by_its_name_and_its_absolute_path() {
    let (_dir, ledger) = small_with_errors();
    let absolute = Path::new(&ledger);
    assert!(absolute.is_absolute());
    let html = report_exiting(2, &ledger, "2025-06-30", "zh", "html", &[]);
    assert!(html.contains(&format!(
        "<dt>台账</dt><dd>测试县委组织部<br><span class=\"ledger-path\">{ledger}</span></dd>"
    )));
    // A relative path is made absolute; the JSON has both.
    let json: Value = serde_json::from_str(&report(SMALL, "2025-06-30", "en", "json")).unwrap();
    let repository = env!("CARGO_MANIFEST_DIR");
    assert_eq!(json["ledger"], SMALL);
    assert_eq!(json["ledger_absolute"], format!("{repository}/{SMALL}"));
    assert_eq!(json["ledger_name"], "测试县委组织部");
    let markdown = report(SMALL, "2025-06-30", "en", "markdown");
    assert!(markdown.contains(&format!(
        "- Ledger: 测试县委组织部 ({repository}/{SMALL})\n"
    )));
    // An aggregate, sent up, keeps the clerk's directories to itself.
    let aggregate = report_exiting(1, SMALL, "2025-06-30", "en", "json", &["--aggregate"]);
    let aggregate: Value = serde_json::from_str(&aggregate).unwrap();
    assert_eq!(aggregate["ledger_absolute"], Value::Null);
    let page = report_exiting(1, SMALL, "2025-06-30", "zh", "html", &["--aggregate"]);
    assert!(!page.contains(repository));
    assert!(page.contains(&format!(
        "<dt>台账</dt><dd>测试县委组织部<br><span class=\"ledger-path\">{SMALL}</span></dd>"
    )));
}

#[test]
fn the_report_is_the_same_bytes_run_after_run() {
    for format in ["html", "markdown", "csv", "json"] {
        let first = report(DEMO, "2025-12-31", "zh", format);
        assert_eq!(report(DEMO, "2025-12-31", "zh", format), first, "{format}");
    }
}
