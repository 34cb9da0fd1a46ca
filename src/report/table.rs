//! `check --format table`: the findings as a table for people, the skipped
//! rules, and a one-line summary. Phone and ID numbers never appear in it.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

use super::{Checked, Summary};
use crate::engine::{Run, Skip, Status};
use crate::lang::Lang;
use crate::t;

pub fn write(out: &mut dyn Write, checked: &Checked<'_>) -> io::Result<()> {
    let lang = checked.lang;
    let (Some(ledger), Some(run)) = (checked.ledger, checked.run) else {
        return writeln!(out, "{}", summary_line(checked));
    };
    if run.findings.is_empty() {
        writeln!(
            out,
            "{}",
            lang.pick("没有发现问题。", "No shortfalls found.")
        )?;
    } else {
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled);
        table.set_header(super::finding_headers(lang));
        for finding in &run.findings {
            // Names and messages come from the ledger: no control characters
            // may reach the terminal.
            let cells: Vec<String> = super::finding_cells(ledger, finding, lang)
                .iter()
                .map(|cell| super::printable(cell))
                .collect();
            table.add_row(cells);
        }
        for column in [5, 6] {
            if let Some(column) = table.column_mut(column) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
        writeln!(out, "{table}")?;
    }
    for line in skipped_lines(run, lang) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{}", summary_line(checked))
}

/// One line for each rule that was not run, and why.
pub fn skipped_lines(run: &Run, lang: Lang) -> Vec<String> {
    run.rules
        .iter()
        .filter_map(|rule| match &rule.status {
            Status::Skipped(skip) => {
                let (code, name) = (&rule.meta.code, &rule.meta.name);
                let reason = skip_reason(skip, lang);
                Some(t!(
                    lang,
                    "跳过 {code} {name}：{reason}",
                    "skipped {code} {name}: {reason}"
                ))
            }
            Status::Evaluated => None,
        })
        .collect()
}

pub fn skip_reason(skip: &Skip, lang: Lang) -> String {
    match skip {
        Skip::MissingKind(kind) => {
            let kind = kind.name();
            t!(lang, "没有 {kind} 台账", "no {kind} ledger")
        }
        Skip::Ignored => t!(
            lang,
            "taizhang.toml 的 [rules] ignore 忽略了该规则",
            "ignored by [rules] in taizhang.toml"
        ),
    }
}

pub fn summary_line(checked: &Checked<'_>) -> String {
    let Summary {
        violations,
        warnings,
        pending,
        errors,
    } = Summary::of(checked);
    let lang = checked.lang;
    let counts = t!(
        lang,
        "违规 {violations} 项，提醒 {warnings} 项，待完成 {pending} 项，错误 {errors} 个",
        "{violations} violations, {warnings} warnings, {pending} pending, {errors} errors"
    );
    let Some(run) = checked.run else {
        return counts;
    };
    let evaluated = run
        .rules
        .iter()
        .filter(|r| r.status == Status::Evaluated)
        .count();
    let skipped = run.rules.len() - evaluated;
    let (as_of, year) = (run.as_of, run.year);
    t!(
        lang,
        "{counts}；评估规则 {evaluated} 条，跳过 {skipped} 条（{year} 年度，截至 {as_of}）",
        "{counts}; {evaluated} rules evaluated, {skipped} skipped (year {year}, as of {as_of})"
    )
}
