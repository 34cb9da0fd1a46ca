//! A record cut into fields becomes a row of cells, or a diagnostic: too
//! many columns, a cell too large, a quote never closed, a row whose cells
//! do not match the header.

use super::super::header::{self, HeaderCell, file_location};
use super::super::{Cell, CellColumn, CellValue, Extent, ReadContext, Row, redact};
use smallvec::SmallVec;

use super::Reading;
use super::scan::{field_place, field_text};
use crate::diag::{Code, Diagnostic, Diags, Redaction};
use crate::t;
use crate::text::decode::trim;

impl Reading<'_, '_, '_> {
    /// Handles one complete record; `false` when the rest of the file cannot be read.
    pub(super) fn finish_record(
        &mut self,
        unbalanced: bool,
        on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
    ) -> bool {
        let lang = self.cx.diags.lang;
        let line = self.line;
        // A header that cannot be read loses the file; any other record, its row.
        let lost = if self.header.is_none() {
            ReadContext::file_lost
        } else {
            ReadContext::row_lost
        };
        let record = &self.record;
        if record.extra_columns > 0 {
            let count = record.fields.len() + record.extra_columns;
            let max = self.cx.limits.max_columns;
            let redactions = self.record_redactions();
            let redactions = if redactions.is_empty() {
                redactions
            } else {
                vec![Redaction::WHOLE_LINE]
            };
            lost(
                self.cx,
                Diagnostic::error(
                    Code::TooManyColumns,
                    t!(lang, "这一行有 {count} 列，超过上限 {max} 列，未读取", "this row has {count} columns, more than the {max} that are read; it was left out"),
                )
                .at(self.file.location(line, Some(1), None))
                .found(count.to_string())
                .expected(t!(lang, "不超过 {max} 列", "at most {max} columns"))
                .redact(redactions),
            );
            return self.header.is_some();
        }
        if record.too_large {
            let redactions = self.record_redactions();
            let max = self.cx.limits.max_field_bytes;
            let field = record
                .fields
                .iter()
                .find(|f| field_text(&self.buf, &self.record, f).len() > max)
                .copied();
            let (line, column) = field.map_or((line, 0), |f| field_place(&self.buf, self.line, &f));
            lost(
                self.cx,
                Diagnostic::error(
                    Code::FieldTooLarge,
                    t!(
                        lang,
                        "单元格超过 {max} 字节，该行未读取",
                        "a cell is larger than {max} bytes; the row was left out"
                    ),
                )
                .at(file_location(self.file, line, column, None))
                .expected(t!(lang, "不超过 {max} 字节", "at most {max} bytes"))
                .redact(redactions),
            );
            return self.header.is_some();
        }
        if unbalanced {
            let redactions = self.record_redactions();
            let (quote_line, column) = match record.fields.last() {
                Some(field) => field_place(&self.buf, self.line, field),
                None => (line, 0),
            };
            self.cx.file_lost(
                Diagnostic::error(
                    Code::UnbalancedQuote,
                    t!(lang, "第 {quote_line} 行开始的引号直到文件末尾都没有闭合，其后的内容未读取", "the quote opened on line {quote_line} is never closed; what follows it was not read"),
                )
                .at(file_location(self.file, quote_line, column, None))
                .found("\"")
                .redact(redactions)
                .hint(t!(lang, "在单元格末尾补上引号，或删去多余的引号；单元格中的引号要写成两个（\"\"）", "close the quote at the end of the cell or remove the stray one; a quote inside a cell is written twice (\"\")")),
            );
            return false;
        }
        let (buf, record) = (&self.buf, &self.record);
        let Some(mapping) = &self.header else {
            let cells: Vec<HeaderCell<'_>> = record
                .fields
                .iter()
                .map(|field| {
                    let (line, column) = field_place(buf, line, field);
                    HeaderCell {
                        text: trim(field_text(buf, record, field)),
                        line,
                        column,
                    }
                })
                .collect();
            let (mapping, complete) = header::read_row(self.file, self.cx, &cells);
            self.header = Some(mapping);
            return complete;
        };
        if record
            .fields
            .iter()
            .all(|f| trim(field_text(buf, record, f)).is_empty())
        {
            return true; // a blank row, as Excel leaves below the data
        }
        let last_line = line.saturating_add(record.inner_lines);
        if self
            .bad_lines
            .iter()
            .any(|&bad| (line..=last_line).contains(&bad))
        {
            return true; // left out: the bytes that do not decode are reported
        }
        if record.fields.len() != mapping.len() {
            let (found, expected) = (record.fields.len(), mapping.len());
            let redactions = self.record_redactions();
            let spans_lines = last_line != line;
            let mut diagnostic = Diagnostic::error(
                Code::RaggedRow,
                t!(lang, "这一行有 {found} 个单元格，表头有 {expected} 列，该行未读取", "this row has {found} cells but the header has {expected} columns; the row was left out"),
            )
            .at(self.file.location(line, Some(1), None))
            .found(found.to_string())
            .expected(expected.to_string())
            .redact(redactions);
            diagnostic = if spans_lines {
                diagnostic.hint(t!(
                    lang,
                    "这一行跨了多行：可能有一个引号没有闭合",
                    "the row runs over several lines: a quote may be unbalanced"
                ))
            } else {
                diagnostic.hint(t!(
                    lang,
                    "检查是否多了或少了逗号；含逗号的内容要加引号",
                    "look for a missing or extra comma; a value with a comma must be quoted"
                ))
            };
            self.cx.row_lost(diagnostic);
            return true;
        }
        // On the stack: a row allocates nothing for its cells.
        // Made empty and filled in place: `smallvec!` builds the whole
        // inline array and moves it, a kilobyte per row.
        let mut cells: SmallVec<[Option<Cell<'_>>; 16]> = SmallVec::new();
        cells.resize(self.cx.columns.len(), None);
        for (field, target) in record.fields.iter().zip(mapping) {
            if let Some(column) = *target {
                let prefix = &buf[field.line_start..field.raw_start];
                cells[column] = Some(Cell {
                    value: CellValue::Text(field_text(buf, record, field)),
                    line: line.saturating_add(field.line),
                    column: CellColumn::After(prefix),
                    extent: Extent::TextPlus(if field.quoted { 2 } else { 0 }),
                });
            }
        }
        on_row(
            &Row {
                file: self.file,
                line,
                cells: &cells,
            },
            self.cx.diags,
        );
        true
    }

    /// The personal cells on a record's first line, by the header, for a
    /// diagnostic of the whole record (made only then: it counts the
    /// characters of every cell); where
    /// the file has personal columns, cells beyond the header are masked
    /// too, since what they hold is unknown.
    fn record_redactions(&self) -> Vec<Redaction> {
        let Some(mapping) = &self.header else {
            return Vec::new();
        };
        let columns = self.cx.columns;
        let personal = |column: &Option<usize>| {
            column.is_some_and(|c| redact::kept(columns[c].personal).is_some())
        };
        if !self.cx.mask || !mapping.iter().any(personal) {
            return Vec::new();
        }
        self.record
            .fields
            .iter()
            .enumerate()
            .filter(|(_, field)| field.line == 0)
            .filter_map(|(index, field)| {
                let personal = match mapping.get(index) {
                    Some(Some(column)) => Some(columns[*column].personal),
                    Some(None) => return None,
                    None => None,
                };
                let chars = field_text(&self.buf, &self.record, field).chars().count()
                    + if field.quoted { 2 } else { 0 };
                let width = u32::try_from(chars).unwrap_or(u32::MAX);
                let (_, column) = field_place(&self.buf, self.line, field);
                redact::cell(personal, column + 1, width)
            })
            .collect()
    }
}
