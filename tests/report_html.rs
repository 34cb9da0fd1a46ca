//! The HTML report's charts drawn from the numbers: one bar per committee
//! even when there is one, one row per member away even when there is
//! one, and every bar in the colour of its rate's band.

use serde_json::Value;

use crate::util::taizhang;

const DEMO: &str = "examples/demo-county";
const ONE: &str = "tests/fixtures/report/one-committee";

/// `report LEDGER --year 2025 --as-of AS_OF --lang LANG --format FORMAT`'s
/// standard output; it must exit 1 (these ledgers have violations).
fn report(ledger: &str, as_of: &str, lang: &str, format: &str) -> String {
    let output = taizhang([
        "report", ledger, "--year", "2025", "--as-of", as_of, "--lang", lang, "--format", format,
    ]);
    assert_eq!(output.code, 1, "{ledger} {format}: {}", output.stderr);
    output.stdout
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
