//! Markdown for pasting into documents and keeping in git: `check --format
//! markdown` (the findings table, skipped rules, the summary) and `report
//! --format markdown`.

use std::io::{self, Write};

use super::table::{skipped_lines, summary_line};
use super::{Checked, finding_cells, finding_headers};

pub fn write_check(out: &mut dyn Write, checked: &Checked<'_>) -> io::Result<()> {
    let lang = checked.lang;
    if let (Some(ledger), Some(run)) = (checked.ledger, checked.run) {
        if run.findings.is_empty() {
            writeln!(
                out,
                "{}\n",
                lang.pick("没有发现问题。", "No shortfalls found.")
            )?;
        } else {
            let rows = run
                .findings
                .iter()
                .map(|finding| finding_cells(ledger, finding, lang).to_vec());
            write_table(out, &finding_headers(lang), &[5, 6], rows)?;
            writeln!(out)?;
        }
        for line in skipped_lines(run, lang) {
            writeln!(out, "- {}", escape(&line))?;
        }
        if run
            .rules
            .iter()
            .any(|r| r.status != crate::engine::Status::Evaluated)
        {
            writeln!(out)?;
        }
    }
    writeln!(out, "{}", escape(&summary_line(checked)))
}

/// A pipe table; the columns in `right` are numbers, aligned right.
fn write_table(
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
