//! CSV for spreadsheets: `check --format csv` (one row per finding, the
//! table's columns) and `report --format csv` (one row per org × rule).
//! UTF-8 with a byte-order mark: without it Excel on a Chinese Windows reads
//! the file as GBK and garbles every Chinese name.

use std::io::{self, Write};

use super::model::{Report, kind_label, percent_of};
use super::{Amounts, Checked, check_cells, check_headers};
use crate::lang::Lang;

const BOM: &str = "\u{FEFF}";

fn writer(out: &mut dyn Write) -> io::Result<csv::Writer<&mut dyn Write>> {
    out.write_all(BOM.as_bytes())?;
    Ok(csv::Writer::from_writer(out))
}

pub fn write_check(out: &mut dyn Write, checked: &Checked<'_>) -> io::Result<()> {
    let mut csv = writer(out)?;
    csv.write_record(check_headers(checked))?;
    if let Some(ledger) = checked.ledger {
        for index in 0..checked.findings().len() {
            csv.write_record(check_cells(checked, ledger, index, Amounts::Exact))?;
        }
    }
    csv.flush()
}

/// One row per org (in preorder) and rule with subjects in its subtree.
pub fn write_report(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let lang = report.lang;
    let mut csv = writer(out)?;
    csv.write_record(match lang {
        Lang::Zh => [
            "组织编号",
            "组织名称",
            "组织类型",
            "上级组织",
            "规则",
            "规则名称",
            "检查",
            "通过",
            "未通过",
            "待完成",
            "不确定",
            "未检查",
            "合规率",
        ],
        Lang::En => [
            "org",
            "org_name",
            "org_kind",
            "parent",
            "rule",
            "rule_name",
            "checked",
            "passed",
            "failed",
            "pending",
            "uncertain",
            "unchecked",
            "rate",
        ],
    })?;
    for section in &report.orgs {
        let parent = report.parent(section).map_or("", |p| p.id.as_str());
        for &(rule, tally) in &section.rules {
            let rule = &report.rules[rule];
            csv.write_record([
                &section.id,
                &section.name,
                kind_label(section.kind, lang),
                parent,
                &rule.shown_code(lang),
                rule.label(lang),
                &tally.checked.to_string(),
                &tally.passed.to_string(),
                &tally.failed.to_string(),
                &tally.pending.to_string(),
                &tally.uncertain.to_string(),
                &tally.unchecked.to_string(),
                // Empty rather than a dash: Excel sums and sorts the column.
                &tally.rate().map_or_else(String::new, percent_of),
            ])?;
        }
    }
    csv.flush()
}
