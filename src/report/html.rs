//! `report --format html`: one self-contained page (inline CSS and SVG, no
//! scripts, no fonts or anything else fetched) for the screen and for A4
//! paper. The page is an askama template, `templates/report.html`, with
//! autoescaping; only the charts' SVG goes in unescaped.

use std::io::{self, Write};

use askama::Template;

use super::charts::{self, Bar};
use super::headline::{Fact, InputLine, inputs_heading};
use super::model::{
    Band, GridState, OrgSection, Report, counts_in_words, kind_label, percent, rate_definition,
};
use crate::lang::Lang;
use crate::rules::{Severity, Tally};
use crate::t;

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    lang: Lang,
    html_lang: &'static str,
    /// Counts only: the org sections say so instead of listing shortfalls.
    aggregate: bool,
    title: String,
    ledger_name: Option<&'a str>,
    rate: String,
    /// How many members and orgs fall short, beside the rate.
    short: String,
    facts: Vec<Fact>,
    tiles: Vec<Tile>,
    definition: &'static str,
    /// The rules skipped and the subjects not checked, in words.
    incomplete: Vec<String>,
    charts: Vec<Chart>,
    rules: Vec<RuleRow<'a>>,
    committees: Vec<CommitteeRow<'a>>,
    orgs: Vec<OrgView<'a>>,
    inputs_heading: &'static str,
    /// That there are no input diagnostics, or that an aggregate counts them.
    inputs_note: Option<&'static str>,
    input_lines: Vec<InputLine>,
    /// An aggregate's input diagnostics: code, severity, count.
    input_counts: Vec<(&'a str, &'static str, usize)>,
    footer: String,
}

/// A headline number on the first page.
struct Tile {
    value: String,
    label: &'static str,
    class: &'static str,
}

struct Chart {
    title: String,
    svg: Option<String>,
    note: Option<String>,
}

/// A tally as the tables show it.
struct Cells {
    checked: u64,
    passed: u64,
    failed: u64,
    pending: u64,
    rate: String,
}

impl Cells {
    fn of(tally: &Tally) -> Cells {
        Cells {
            checked: tally.checked,
            passed: tally.passed,
            failed: tally.failed,
            pending: tally.pending,
            rate: percent(tally),
        }
    }
}

struct RuleRow<'a> {
    code: String,
    name: &'a str,
    requirement: String,
    cells: Cells,
    skipped: Option<String>,
}

struct CommitteeRow<'a> {
    rank: String,
    id: &'a str,
    name: &'a str,
    cells: Cells,
}

struct OrgView<'a> {
    id: &'a str,
    /// The id and the name.
    label: String,
    kind: &'static str,
    depth: usize,
    /// The names of the orgs above it, top first.
    path: Vec<&'a str>,
    overall: Cells,
    /// The counts behind the overall rate, in words.
    counts: String,
    rules: Vec<RuleRow<'a>>,
    findings: Vec<FindingRow>,
}

struct FindingRow {
    rule: String,
    severity: String,
    class: &'static str,
    member: String,
    period: String,
    amounts: String,
    message: String,
}

pub fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let page = page(report)?;
    let html = page.render().map_err(io::Error::other)?;
    out.write_all(html.as_bytes())
}

fn title(report: &Report) -> String {
    let (lang, year) = (report.lang, report.year);
    t!(
        lang,
        "{year} 年度党建台账合规报告",
        "Party-building compliance report {year}"
    )
}

fn page(report: &Report) -> io::Result<Page<'_>> {
    let lang = report.lang;
    let overall = report.overall();
    let summary = report.summary;
    let tiles = vec![
        Tile {
            value: overall.checked.to_string(),
            label: lang.pick("检查对象", "subjects checked"),
            class: "",
        },
        Tile {
            value: overall.passed.to_string(),
            label: lang.pick("通过", "passed"),
            class: "good",
        },
        Tile {
            value: overall.failed.to_string(),
            label: lang.pick("未通过", "failed"),
            class: if overall.failed > 0 { "bad" } else { "" },
        },
        Tile {
            value: overall.pending.to_string(),
            label: lang.pick("待完成", "pending"),
            class: "",
        },
        Tile {
            value: summary.errors.to_string(),
            label: lang.pick("输入错误", "input errors"),
            class: if summary.errors > 0 { "bad" } else { "" },
        },
    ];
    let facts = report.headline();
    Ok(Page {
        lang,
        html_lang: lang.pick("zh-CN", "en"),
        aggregate: report.aggregate,
        title: title(report),
        ledger_name: report.ledger_name.as_deref(),
        rate: percent(&overall),
        short: report.falling_short_words(),
        facts,
        tiles,
        definition: rate_definition(lang),
        incomplete: report.incomplete.clone(),
        charts: charts(report)?,
        rules: report
            .rules
            .iter()
            .map(|rule| RuleRow {
                code: rule.shown_code(lang),
                name: rule.label(lang),
                requirement: rule.shown_requirement(lang, report.inputs.len()),
                cells: Cells::of(&rule.tally),
                skipped: rule.skipped.clone(),
            })
            .collect(),
        committees: report
            .committees
            .iter()
            .map(|ranked| {
                let section = &report.orgs[ranked.section];
                CommitteeRow {
                    rank: ranked
                        .rank
                        .map_or_else(|| "—".to_string(), |r| r.to_string()),
                    id: &section.id,
                    name: &section.name,
                    cells: Cells::of(&section.overall),
                }
            })
            .collect(),
        orgs: report.orgs.iter().map(|s| org_view(report, s)).collect(),
        inputs_heading: inputs_heading(lang),
        inputs_note: report.inputs_note(),
        input_lines: report.input_lines(),
        input_counts: if report.aggregate {
            report
                .diagnostic_counts
                .iter()
                .map(|c| (c.code.as_str(), c.severity.label(lang), c.count))
                .collect()
        } else {
            Vec::new()
        },
        footer: t!(
            lang,
            "由 taizhang {} 生成",
            "Made by taizhang {}",
            env!("CARGO_PKG_VERSION")
        ),
    })
}

fn org_view<'a>(report: &'a Report, section: &'a OrgSection) -> OrgView<'a> {
    let lang = report.lang;
    let mut path = Vec::new();
    let mut up = report.parent(section);
    while let Some(parent) = up {
        path.push(parent.name.as_str());
        up = report.parent(parent);
    }
    path.reverse();
    OrgView {
        id: &section.id,
        label: section.label(),
        kind: kind_label(section.kind, lang),
        depth: section.depth,
        path,
        overall: Cells::of(&section.overall),
        counts: {
            let counts = counts_in_words(&section.overall, lang);
            t!(lang, "（{counts}）", "({counts})")
        },
        rules: section
            .rules
            .iter()
            .map(|&(rule, tally)| {
                let rule = &report.rules[rule];
                RuleRow {
                    code: rule.shown_code(lang),
                    name: rule.label(lang),
                    requirement: rule.shown_requirement(lang, report.inputs.len()),
                    cells: Cells::of(&tally),
                    skipped: None,
                }
            })
            .collect(),
        findings: section
            .findings
            .iter()
            .map(|finding| FindingRow {
                rule: match report.rule(&finding.rule) {
                    Some(rule) => format!("{} {}", rule.code, rule.label(lang)),
                    None => finding.rule.clone(),
                },
                severity: super::severity_words(finding.severity, &finding.because, lang),
                class: match finding.severity {
                    _ if finding.is_uncertain() => "uncertain",
                    Severity::Violation => "violation",
                    Severity::Warning => "warning",
                    Severity::Pending => "pending",
                },
                member: Report::member(finding),
                period: Report::period(finding),
                amounts: report.amounts(finding),
                message: super::message_words(&finding.message, &finding.because, lang),
            })
            .collect(),
    }
}

fn charts(report: &Report) -> io::Result<Vec<Chart>> {
    let lang = report.lang;
    let rule_bars: Vec<Bar> = report
        .rules
        .iter()
        .filter_map(|rule| {
            let label = format!("{} {}", rule.shown_code(lang), rule.label(lang));
            Bar::of(label, &rule.tally)
        })
        .collect();
    let committee_bars: Vec<Bar> = report
        .committees
        .iter()
        .filter_map(|ranked| {
            let section = &report.orgs[ranked.section];
            Bar::of(section.name.clone(), &section.overall)
        })
        .collect();
    // A chart with nothing to show is a sentence instead.
    let mut charts = vec![
        Chart {
            title: lang
                .pick("各规则合规率", "Compliance rate by rule")
                .to_string(),
            svg: None,
            note: None,
        },
        Chart {
            title: lang
                .pick("各党委合规率", "Compliance rate by committee")
                .to_string(),
            svg: None,
            note: None,
        },
    ];
    if rule_bars.is_empty() {
        charts[0].note = Some(nothing_judged(lang));
    } else {
        charts[0].svg = Some(charts::rules(&rule_bars, &charts[0].title, lang)?);
        charts[0].note = Some(Band::legend(lang));
    }
    if committee_bars.is_empty() {
        charts[1].note = Some(if report.committees.is_empty() {
            lang.pick("范围内没有党委。", "No committee in scope.")
                .to_string()
        } else {
            nothing_judged(lang)
        });
    } else {
        charts[1].svg = Some(charts::committees(&committee_bars, &charts[1].title, lang)?);
        charts[1].note = Some(Band::legend(lang));
    }
    for view in &report.grids {
        let grid = &view.grid;
        let (svg, note) = match &view.state {
            GridState::Rows(rows) if !rows.is_empty() => {
                let code = &view.code;
                let note = t!(lang, "{}（{code}）。", "{} ({code}).", grid.note);
                (Some(charts::grid(rows, grid, lang)?), note)
            }
            GridState::Rows(_) => (None, grid.empty.clone()),
            GridState::Skipped(reason) => (None, reason.clone()),
        };
        charts.push(Chart {
            title: grid.heading.clone(),
            svg,
            note: Some(note),
        });
    }
    Ok(charts)
}

fn nothing_judged(lang: Lang) -> String {
    lang.pick(
        "截至此日还没有可判定的对象。",
        "Nothing could be judged yet by the as-of date.",
    )
    .to_string()
}
