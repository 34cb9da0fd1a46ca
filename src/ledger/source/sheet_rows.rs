//! A sheet's cells → the kind's rows. The header is the first row, within
//! the first [`HEADER_SEARCH`] rows that hold anything, in which at least
//! two cells name columns of the kind (every kind has two required
//! columns), so that a title row or a "填报单位" line above it is skipped;
//! without one the first row is read as the header, and its missing
//! columns are reported as in a CSV file. Below the header, a cell inside
//! a merged area that spans rows takes the value of the area's first cell,
//! as Excel shows it; a row of nothing but cells the kind has no column for
//! (a pre-numbered 序号) is blank.

use std::fmt::Write as _;

use calamine::Dimensions;

use super::header::{self, HeaderCell};
use super::xlsx::Raw;
use super::{Cell, CellColumn, CellValue, Extent, FileInfo, ReadContext, Row, SheetValue};
use crate::diag::{Code, Diagnostic, Diags, Location};
use crate::t;
use crate::text::value;

/// How many rows that hold anything may stand above the header.
pub(super) const HEADER_SEARCH: u32 = 10;

/// One row of a sheet as it is read: the cells' text one after another.
#[derive(Clone, Debug, Default)]
struct RowBuf {
    /// From 0.
    index: u32,
    text: String,
    cells: Vec<BufCell>,
}

#[derive(Clone, Copy, Debug)]
struct BufCell {
    /// From 0.
    column: u32,
    start: usize,
    end: usize,
    /// `None` for text.
    value: Option<SheetValue>,
}

impl RowBuf {
    fn text(&self, cell: &BufCell) -> &str {
        &self.text[cell.start..cell.end]
    }

    fn clear(&mut self) {
        self.text.clear();
        self.cells.clear();
    }

    fn push(&mut self, column: u32, text: &str, value: Option<SheetValue>) {
        let start = self.text.len();
        self.text.push_str(text);
        self.cells.push(BufCell {
            column,
            start,
            end: self.text.len(),
            value,
        });
    }
}

/// The cell's text as Excel shows it (numbers to 15 significant digits,
/// whole numbers below 10¹⁵ with all their digits, dates as `2025-03-05`),
/// and what it holds when it is not text.
pub(super) fn write_value(out: &mut String, raw: Raw<'_>) -> Option<SheetValue> {
    match raw {
        Raw::Empty => None,
        Raw::Text(text) => {
            out.push_str(text);
            None
        }
        Raw::Int(n) => {
            let _ = write!(out, "{n}");
            Some(SheetValue::Number(n as f64))
        }
        Raw::Float(n) => {
            write_number(out, n);
            Some(SheetValue::Number(n))
        }
        Raw::Bool(flag) => {
            out.push_str(if flag { "TRUE" } else { "FALSE" });
            Some(SheetValue::Bool)
        }
        Raw::Error(error) => {
            let _ = write!(out, "{error}");
            Some(SheetValue::Error)
        }
        Raw::Duration(text) => {
            out.push_str(text);
            Some(SheetValue::Time)
        }
        Raw::Iso(text) => {
            out.push_str(text);
            match value::parse_date(text) {
                Ok(date) => Some(SheetValue::Date(date)),
                Err(_) if text.contains(':') => Some(SheetValue::Time),
                Err(_) => None,
            }
        }
        Raw::DateTime(datetime) => {
            let (year, month, day, hour, minute, second, _) = datetime.to_ymd_hms_milli();
            if datetime.is_duration() || datetime.as_f64() < 1.0 {
                let _ = write!(out, "{hour:02}:{minute:02}:{second:02}");
                return Some(SheetValue::Time);
            }
            let _ = write!(out, "{year:04}-{month:02}-{day:02}");
            if (hour, minute, second) != (0, 0, 0) {
                let _ = write!(out, " {hour:02}:{minute:02}:{second:02}");
            }
            // 1900-02-29, the day Excel's 1900 system counts that never
            // was, is left as text for the date reader to name.
            chrono::NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
                .map(SheetValue::Date)
        }
    }
}

/// A number as Excel's General format shows it, to 15 significant digits.
fn write_number(out: &mut String, n: f64) {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let _ = write!(out, "{}", n as i64);
    } else {
        let rounded: f64 = format!("{n:.14e}").parse().unwrap_or(n);
        let _ = write!(out, "{rounded}");
    }
}

/// A merged area that spans rows below the header, in one column.
#[derive(Debug)]
struct Merge {
    first: u32,
    last: u32,
    column: u32,
    /// The value of its first cell, once that row is read.
    value: Option<(String, Option<SheetValue>)>,
}

/// The header: the kind's column of each sheet column, and its row.
struct Header {
    by_column: Vec<Option<usize>>,
    /// The sheet column (from 0) of each of the kind's columns.
    of_kind: Vec<Option<u32>>,
}

#[derive(Default)]
pub(super) struct SheetRows {
    row: RowBuf,
    started: bool,
    header: Option<Header>,
    /// The first row that held anything, read as the header when no row
    /// within the first rows names the kind's columns.
    first: Option<RowBuf>,
    searched: u32,
    merges: Vec<Merge>,
}

type OnRow<'f> = dyn FnMut(&Row<'_>, &mut Diags) + 'f;

impl SheetRows {
    pub(super) fn new(merges: &[Dimensions]) -> SheetRows {
        let mut list: Vec<Merge> = merges
            .iter()
            .filter(|m| m.end.0 > m.start.0)
            .map(|m| Merge {
                first: m.start.0,
                last: m.end.0,
                column: m.start.1,
                value: None,
            })
            .collect();
        list.sort_by_key(|m| (m.first, m.column));
        SheetRows {
            merges: list,
            ..SheetRows::default()
        }
    }

    /// The row (from 1) being read, for an error that stops the reading.
    pub(super) fn last_row(&self) -> u32 {
        self.row.index + 1
    }

    /// Takes a cell that holds something; `false` once the rest of the
    /// sheet cannot be read (its header lacks a required column).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn push(
        &mut self,
        row: u32,
        column: u32,
        text: &str,
        value: Option<SheetValue>,
        file: &mut FileInfo,
        cx: &mut ReadContext<'_>,
        on_row: &mut OnRow<'_>,
    ) -> bool {
        if self.started && row != self.row.index {
            if !self.flush(file, cx, on_row) {
                return false;
            }
            self.row.clear();
        }
        self.started = true;
        self.row.index = row;
        if column as usize >= cx.limits.max_columns {
            return true; // no column of a kind is that far right
        }
        self.row.push(column, text, value);
        true
    }

    /// The end of the sheet.
    pub(super) fn finish(
        mut self,
        file: &mut FileInfo,
        cx: &mut ReadContext<'_>,
        on_row: &mut OnRow<'_>,
    ) {
        if self.started && !self.flush(file, cx, on_row) {
            return;
        }
        if self.header.is_some() {
            return;
        }
        match self.first.take() {
            Some(first) => {
                self.read_header(&first, file, cx);
            }
            None => {
                let lang = cx.diags.lang;
                cx.diags.push(
                    Diagnostic::warning(
                        Code::EmptyHeader,
                        t!(
                            lang,
                            "工作表是空的，没有表头行",
                            "the sheet is empty: it has no header row"
                        ),
                    )
                    .at(Location {
                        line: None,
                        ..file.location(1, None, None)
                    }),
                );
            }
        }
    }

    /// Handles the complete row in the buffer.
    fn flush(
        &mut self,
        file: &mut FileInfo,
        cx: &mut ReadContext<'_>,
        on_row: &mut OnRow<'_>,
    ) -> bool {
        let row = std::mem::take(&mut self.row);
        let keep_going = self.flush_row(&row, file, cx, on_row);
        self.row = row;
        keep_going
    }

    fn flush_row(
        &mut self,
        row: &RowBuf,
        file: &mut FileInfo,
        cx: &mut ReadContext<'_>,
        on_row: &mut OnRow<'_>,
    ) -> bool {
        if row.cells.is_empty() {
            return true;
        }
        let Some(header) = &self.header else {
            let named = row
                .cells
                .iter()
                .filter(|cell| header::names_column(cx, row.text(cell)))
                .count();
            if named >= 2 {
                return self.read_header(row, file, cx);
            }
            self.first.get_or_insert_with(|| row.clone());
            self.searched += 1;
            if self.searched >= HEADER_SEARCH {
                let first = self.first.take().unwrap_or_else(|| row.clone());
                return self.read_header(&first, file, cx);
            }
            return true;
        };
        let line = row.index + 1;
        for merge in self.merges.iter_mut().filter(|m| m.first == row.index) {
            if let Some(cell) = row.cells.iter().find(|c| c.column == merge.column) {
                merge.value = Some((row.text(cell).to_string(), cell.value));
            }
        }
        let mut cells: Vec<Option<Cell<'_>>> = vec![None; cx.columns.len()];
        let mut any = false;
        for cell in &row.cells {
            let Some(Some(kind_column)) = header.by_column.get(cell.column as usize) else {
                continue;
            };
            let text = row.text(cell);
            if text.len() > cx.limits.max_field_bytes {
                let max = cx.limits.max_field_bytes;
                let lang = cx.diags.lang;
                cx.row_lost(
                    Diagnostic::error(
                        Code::FieldTooLarge,
                        t!(
                            lang,
                            "单元格超过 {max} 字节，该行未读取",
                            "a cell is larger than {max} bytes; the row was left out"
                        ),
                    )
                    .at(file.location(line, Some(cell.column + 1), None))
                    .expected(t!(
                        lang,
                        "不超过 {max} 字节",
                        "at most {max} bytes"
                    )),
                );
                return true;
            }
            any = true;
            cells[*kind_column] = Some(Cell {
                value: match cell.value {
                    None => CellValue::Text(text),
                    Some(value) => CellValue::Sheet(text, value),
                },
                line,
                column: CellColumn::Known(cell.column + 1),
                extent: Extent::TextPlus(0),
            });
        }
        if !any {
            return true; // blank: nothing in a column of the kind
        }
        for (kind_column, column) in header.of_kind.iter().enumerate() {
            let Some(column) = *column else { continue };
            if cells[kind_column].is_some() {
                continue;
            }
            let merged = self
                .merges
                .iter()
                .filter(|m| m.column == column && m.first < row.index && row.index <= m.last)
                .find_map(|m| m.value.as_ref());
            let value = match merged {
                Some((text, None)) => CellValue::Text(text),
                Some((text, Some(value))) => CellValue::Sheet(text, *value),
                None => CellValue::Text(""),
            };
            cells[kind_column] = Some(Cell {
                value,
                line,
                column: CellColumn::Known(column + 1),
                extent: Extent::TextPlus(0),
            });
        }
        on_row(
            &Row {
                file,
                line,
                cells: &cells,
            },
            cx.diags,
        );
        drop(cells);
        self.merges.retain(|m| m.last > row.index);
        true
    }

    /// Reads `row` as the header; `false` when a required column is missing.
    fn read_header(&mut self, row: &RowBuf, file: &mut FileInfo, cx: &mut ReadContext<'_>) -> bool {
        let cells: Vec<HeaderCell<'_>> = row
            .cells
            .iter()
            .map(|cell| HeaderCell {
                text: crate::text::decode::trim(row.text(cell)),
                line: row.index + 1,
                column: cell.column,
            })
            .collect();
        let (mapping, complete) = header::read_row(file, cx, &cells);
        let width = row.cells.last().map_or(0, |c| c.column as usize + 1);
        let mut by_column = vec![None; width];
        let mut of_kind = vec![None; cx.columns.len()];
        for (cell, target) in row.cells.iter().zip(mapping) {
            if let Some(kind_column) = target {
                by_column[cell.column as usize] = Some(kind_column);
                of_kind[kind_column] = Some(cell.column);
            }
        }
        // Areas merged over the header or above it are titles, not values.
        let header_row = row.index;
        self.merges.retain(|m| m.first > header_row);
        self.header = Some(Header { by_column, of_kind });
        complete
    }
}
