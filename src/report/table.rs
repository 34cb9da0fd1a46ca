//! `check --format table`: the findings as a table for people, the skipped
//! rules, the subjects not checked, and a one-line summary. Phone and ID
//! numbers never appear in it. The table fits the width it is given
//! ([`Layout`]): compact by default (rule, org, member, period and the
//! message, which carries the numbers), every column with `--wide`.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, Table};

use super::verdicts::{no_findings_line, skipped_lines, summary_line, unchecked_lines};
use super::{Amounts, Checked};
use crate::rules::Severity;

/// How wide a table may be, and which columns it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub width: Width,
    /// Every column (severity, expected, actual) instead of the compact five.
    pub wide: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// This many columns (`COLUMNS`).
    Fixed(u16),
    /// The terminal's, which stdout is.
    Terminal,
    /// No limit: stdout is a file or a pipe.
    Unlimited,
}

impl Layout {
    /// A table in this layout, with borders every console shows: box
    /// drawing on a Unix terminal; ASCII on Windows, whose legacy consoles
    /// (code page 936) draw box characters two columns wide.
    pub fn table(self) -> Table {
        let mut table = Table::new();
        let style = if cfg!(windows) {
            comfy_table::presets::ASCII_FULL_CONDENSED
        } else {
            comfy_table::presets::UTF8_FULL_CONDENSED
        };
        table.load_style(style);
        match self.width {
            Width::Fixed(width) => {
                table
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_width(width);
            }
            Width::Terminal => {
                table.set_content_arrangement(ContentArrangement::Dynamic);
            }
            Width::Unlimited => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        table
    }
}

/// The columns of `check_cells` the compact table keeps: rule, org, member,
/// period, message.
const COMPACT: [usize; 5] = [0, 2, 3, 4, 7];

pub fn write(out: &mut dyn Write, checked: &Checked<'_>, layout: Layout) -> io::Result<()> {
    let lang = checked.lang;
    let (Some(ledger), Some(run)) = (checked.ledger, checked.run) else {
        return writeln!(out, "{}", summary_line(checked));
    };
    if run.findings.is_empty() {
        writeln!(out, "{}", no_findings_line(checked))?;
    } else {
        let mut table = layout.table();
        // The compact table keeps five of the eight columns, and the
        // baseline's new or known after them.
        let keep = |cells: Vec<String>| -> Vec<String> {
            (cells.into_iter().enumerate())
                .filter(|(i, _)| layout.wide || COMPACT.contains(i) || *i >= 8)
                .map(|(_, cell)| cell)
                .collect()
        };
        let headers = super::check_headers(checked);
        table.set_header(keep(headers.iter().map(|h| h.to_string()).collect()));
        for (index, finding) in run.findings.iter().enumerate() {
            // Names and messages come from the ledger: no control characters
            // may reach the terminal.
            let mut cells: Vec<String> =
                super::check_cells(checked, ledger, index, Amounts::Counted)
                    .iter()
                    .map(|cell| super::printable(cell))
                    .collect();
            let plain = finding.severity == Severity::Violation && finding.because.is_empty();
            if !(layout.wide || plain) {
                // Without the severity column, what is not a plain
                // violation says so before its message.
                cells[7] = format!("{}{}{}", cells[1], lang.pick("：", ": "), cells[7]);
            }
            table.add_row(keep(cells));
        }
        if layout.wide {
            for column in [5, 6] {
                if let Some(column) = table.column_mut(column) {
                    column.set_cell_alignment(CellAlignment::Right);
                }
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
