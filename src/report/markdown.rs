//! Markdown for pasting into documents and keeping in git: `check --format
//! markdown` (the findings table, skipped rules, the summary) and `report
//! --format markdown`.

use std::io::{self, Write};

use super::headline::inputs_heading;
use super::model::{
    GridState, GridView, Report, counts_in_words, kind_label, mark_symbol, percent, rate_definition,
};
use super::verdicts::{no_findings_line, skipped_lines, summary_line, unchecked_lines};
use super::{Amounts, Checked, check_cells, check_headers};
use crate::lang::Lang;
use crate::rules::{Mark, Tally};
use crate::t;

pub fn write_check(out: &mut dyn Write, checked: &Checked<'_>) -> io::Result<()> {
    let lang = checked.lang;
    if let (Some(ledger), Some(run)) = (checked.ledger, checked.run) {
        if run.findings.is_empty() {
            writeln!(out, "{}\n", no_findings_line(checked))?;
        } else {
            let rows = (0..run.findings.len())
                .map(|index| check_cells(checked, ledger, index, Amounts::Counted));
            write_table(out, &check_headers(checked), &[5, 6], rows)?;
            writeln!(out)?;
        }
        let lines: Vec<String> = skipped_lines(run, lang)
            .into_iter()
            .chain(unchecked_lines(&run.unchecked, lang))
            .collect();
        for line in &lines {
            writeln!(out, "- {}", escape(line))?;
        }
        if !lines.is_empty() {
            writeln!(out)?;
        }
    }
    writeln!(out, "{}", escape(&summary_line(checked)))
}

/// The report: the headline numbers, the rules, the committees' ranking, the
/// mobile grid, then each org with its rules and its own findings.
pub fn write_report(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let lang = report.lang;
    let year = report.year;
    let title = match report.ledger_name.as_deref() {
        Some(name) => t!(
            lang,
            "{name} {year} 年度党建台账合规报告",
            "{name}: party-building compliance report {year}"
        ),
        None => t!(
            lang,
            "{year} 年度党建台账合规报告",
            "Party-building compliance report {year}"
        ),
    };
    writeln!(
        out,
        "# {}
",
        escape(&title)
    )?;
    let colon = lang.pick("：", ": ");
    let (label, value) = report.overall_line();
    writeln!(out, "**{label}{colon}{}**\n", escape(&value))?;
    for fact in report.headline() {
        let label = fact.label;
        writeln!(out, "- {label}{colon}{}", escape(&fact.text(lang)))?;
    }
    writeln!(
        out,
        "
> {}
",
        rate_definition(lang)
    )?;
    if !report.incomplete.is_empty() {
        writeln!(
            out,
            "**{}**\n",
            lang.pick("检查不完整：", "The check is incomplete:")
        )?;
        for line in &report.incomplete {
            writeln!(out, "- {}", escape(line))?;
        }
        writeln!(out)?;
    }

    writeln!(
        out,
        "## {}
",
        lang.pick("各规则合规率", "Compliance by rule")
    )?;
    let mut headers = vec![
        lang.pick("规则", "rule"),
        lang.pick("名称", "name"),
        lang.pick("要求", "what must hold"),
    ];
    headers.extend(tally_headers(lang));
    let rows = report.rules.iter().map(|rule| {
        let mut row = vec![
            rule.shown_code(lang),
            rule.label(lang).to_string(),
            rule.shown_requirement(lang, report.inputs.len()),
        ];
        match &rule.skipped {
            None => row.extend(tally_cells(&rule.tally)),
            Some(reason) => {
                let skipped = t!(lang, "跳过：{reason}", "skipped: {reason}");
                row.extend(["", "", "", "", "", "", &skipped].map(String::from));
            }
        }
        row
    });
    write_table(out, &headers, &[3, 4, 5, 6, 7, 8, 9], rows)?;

    writeln!(
        out,
        "
## {}
",
        lang.pick("党委排名", "Committees ranked")
    )?;
    if report.committees.is_empty() {
        writeln!(
            out,
            "{}",
            lang.pick("范围内没有党委。", "No committee in scope.")
        )?;
    } else {
        let mut headers = vec![lang.pick("名次", "rank"), lang.pick("组织", "org")];
        headers.extend(tally_headers(lang));
        let rows = report.committees.iter().map(|ranked| {
            let section = &report.orgs[ranked.section];
            let mut row = vec![
                ranked
                    .rank
                    .map_or_else(|| "—".to_string(), |r| r.to_string()),
                format!("{} {}", section.id, section.name),
            ];
            row.extend(tally_cells(&section.overall));
            row
        });
        write_table(out, &headers, &[0, 2, 3, 4, 5, 6, 7, 8], rows)?;
    }

    for view in &report.grids {
        write_grid(out, view, lang)?;
    }
    write_inputs(out, report)?;

    writeln!(
        out,
        "
## {}",
        lang.pick("各组织", "By org")
    )?;
    for section in &report.orgs {
        let kind = kind_label(section.kind, lang);
        writeln!(
            out,
            "
### {}（{kind}）
",
            escape(&section.label())
        )?;
        if let Some(parent) = report.parent(section) {
            writeln!(
                out,
                "{}
",
                escape(&t!(lang, "上级：{}", "Part of {}", parent.label()))
            )?;
        }
        let rate = percent(&section.overall);
        let counts = counts_in_words(&section.overall, lang);
        writeln!(
            out,
            "{}\n",
            t!(
                lang,
                "综合合规率 **{rate}**（{counts}）",
                "Overall rate **{rate}** ({counts})"
            )
        )?;
        let mut headers = vec![lang.pick("规则", "rule"), lang.pick("名称", "name")];
        headers.extend(tally_headers(lang));
        let rows = section.rules.iter().map(|&(rule, tally)| {
            let rule = &report.rules[rule];
            let mut row = vec![rule.shown_code(lang), rule.label(lang).to_string()];
            row.extend(tally_cells(&tally));
            row
        });
        write_table(out, &headers, &[2, 3, 4, 5, 6, 7, 8], rows)?;
        if !section.findings.is_empty() {
            writeln!(
                out,
                "
{}
",
                lang.pick("本组织的问题：", "Shortfalls of this org itself:")
            )?;
            let headers = [
                lang.pick("规则", "rule"),
                lang.pick("级别", "severity"),
                lang.pick("党员", "member"),
                lang.pick("期间", "period"),
                lang.pick("实际 / 应达", "actual / expected"),
                lang.pick("说明", "message"),
            ];
            let rows = section.findings.iter().map(|finding| {
                vec![
                    finding.rule.clone(),
                    super::severity_words(finding.severity, &finding.because, lang),
                    Report::member(finding),
                    Report::period(finding),
                    report.amounts(finding),
                    super::message_words(&finding.message, &finding.because, lang),
                ]
            });
            write_table(out, &headers, &[4], rows)?;
        }
    }
    Ok(())
}

/// The input diagnostics the report was made with, or that there were
/// none; an aggregate's by code and severity only.
fn write_inputs(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let lang = report.lang;
    writeln!(out, "\n## {}\n", inputs_heading(lang))?;
    if let Some(note) = report.inputs_note() {
        writeln!(out, "{note}")?;
    }
    if report.aggregate && !report.diagnostic_counts.is_empty() {
        writeln!(out)?;
        let headers = [
            lang.pick("代码", "code"),
            lang.pick("级别", "severity"),
            lang.pick("个数", "count"),
        ];
        let rows = report.diagnostic_counts.iter().map(|c| {
            let severity = c.severity.label(lang).to_string();
            vec![c.code.clone(), severity, c.count.to_string()]
        });
        write_table(out, &headers, &[2], rows)?;
    }
    let lines = report.input_lines();
    if !lines.is_empty() {
        let headers = [
            lang.pick("级别", "severity"),
            lang.pick("代码", "code"),
            lang.pick("位置", "place"),
            lang.pick("说明", "message"),
            lang.pick("影响", "effect"),
        ];
        let rows = lines.into_iter().map(|line| {
            let severity = line.severity.to_string();
            let code = line.code.to_string();
            vec![severity, code, line.place, line.message, line.consequence]
        });
        write_table(out, &headers, &[], rows)?;
    }
    Ok(())
}

/// A rule's month grid: a row of marks per member, and the legend.
fn write_grid(out: &mut dyn Write, view: &GridView, lang: Lang) -> io::Result<()> {
    let grid = &view.grid;
    writeln!(out, "\n## {}\n", escape(&grid.heading))?;
    match &view.state {
        GridState::Skipped(reason) => writeln!(out, "{}", escape(reason))?,
        GridState::Rows(rows) if rows.is_empty() => writeln!(out, "{}", escape(&grid.empty))?,
        GridState::Rows(rows) => {
            let months: Vec<String> = (1..=12).map(|m| m.to_string()).collect();
            let mut headers = vec![lang.pick("党员", "member"), lang.pick("组织", "org")];
            headers.extend(months.iter().map(String::as_str));
            let rows = rows.iter().map(|row| {
                let mut cells = vec![format!("{} {}", row.member, row.name), row.org.clone()];
                cells.extend(row.months.iter().map(|&m| mark_symbol(m).to_string()));
                cells
            });
            write_table(out, &headers, &[], rows)?;
            let legend: Vec<String> = Mark::ALL
                .iter()
                .map(|&m| format!("{} {}", mark_symbol(m), grid.label(m)))
                .collect();
            let (stop, space) = match lang {
                Lang::Zh => ("。", ""),
                Lang::En => (".", " "),
            };
            writeln!(
                out,
                "\n{}{stop}{space}{}{stop}",
                legend.join(lang.pick("，", ", ")),
                escape(&grid.note)
            )?;
        }
    }
    Ok(())
}

fn tally_headers(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => [
            "检查",
            "通过",
            "未通过",
            "待完成",
            "不确定",
            "未检查",
            "合规率",
        ],
        Lang::En => [
            "checked",
            "passed",
            "failed",
            "pending",
            "uncertain",
            "unchecked",
            "rate",
        ],
    }
}

fn tally_cells(tally: &Tally) -> [String; 7] {
    [
        tally.checked.to_string(),
        tally.passed.to_string(),
        tally.failed.to_string(),
        tally.pending.to_string(),
        tally.uncertain.to_string(),
        tally.unchecked.to_string(),
        percent(tally),
    ]
}

/// A pipe table; the columns in `right` are numbers, aligned right.
pub(super) fn write_table(
    out: &mut dyn Write,
    headers: &[&str],
    right: &[usize],
    rows: impl Iterator<Item = Vec<String>>,
) -> io::Result<()> {
    let header: Vec<String> = headers.iter().map(|h| escape(h)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = (0..headers.len())
        .map(|i| if right.contains(&i) { "---:" } else { "---" })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| escape(cell)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Ledger text inside Markdown: characters that would end a cell or start
/// markup are escaped, and a line break would end the table row.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '*' | '`' | '<' | '>' | '[' | ']' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\r' | '\n' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    #[test]
    fn ledger_text_cannot_break_a_table() {
        assert_eq!(super::escape("a|b\nc*d"), "a\\|b c\\*d");
    }
}
