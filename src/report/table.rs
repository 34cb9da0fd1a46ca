//! `check --format table`: the findings as a table for people, the skipped
//! rules, the subjects not checked, and a one-line summary. Phone and ID
//! numbers never appear in it.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

use super::Checked;
use super::verdicts::{no_findings_line, skipped_lines, summary_line, unchecked_lines};

pub fn write(out: &mut dyn Write, checked: &Checked<'_>) -> io::Result<()> {
    let lang = checked.lang;
    let (Some(ledger), Some(run)) = (checked.ledger, checked.run) else {
        return writeln!(out, "{}", summary_line(checked));
    };
    if run.findings.is_empty() {
        writeln!(out, "{}", no_findings_line(checked))?;
    } else {
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled);
        table.set_header(super::check_headers(checked));
        for index in 0..run.findings.len() {
            // Names and messages come from the ledger: no control characters
            // may reach the terminal.
            let cells: Vec<String> = super::check_cells(checked, ledger, index)
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
    for line in unchecked_lines(&run.unchecked, lang) {
        writeln!(out, "{}", super::printable(&line))?;
    }
    writeln!(out, "{}", summary_line(checked))
}
