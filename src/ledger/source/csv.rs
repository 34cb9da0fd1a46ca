//! CSV, streamed: csv_core cuts fields out of decoded chunks, so memory
//! does not grow with the file, and every field keeps its line and
//! character column for the messages.

use std::path::Path;

use csv_core::{ReadFieldResult, Reader as CsvParser};

use super::header::{self, HeaderCell, file_location};
use super::{
    Cell, CellValue, Extent, FileInfo, ReadContext, Row, bad_bytes_diagnostic,
    foreign_line_diagnostic, redact,
};
use crate::diag::{Code, Diagnostic, Diags, Location, Redaction};
use crate::t;
use crate::text::decode::{self, TextReader, trim};
use crate::text::files::io_diagnostic;
use crate::text::lines::Position;

struct FieldSpan {
    end: usize,
    start: Position,
    quoted: bool,
    too_large: bool,
}

#[derive(Default)]
struct Record {
    bytes: Vec<u8>,
    /// The fields' text, validated as UTF-8 once the record is complete.
    text: String,
    fields: Vec<FieldSpan>,
    extra_columns: usize,
}

impl Record {
    /// Turns the bytes into text once, rather than once per field read.
    /// Fields are cut at csv_core's boundaries of UTF-8 input, so they are
    /// UTF-8; anything else reads as U+FFFD.
    fn seal(&mut self) {
        let bytes = std::mem::take(&mut self.bytes);
        self.text = String::from_utf8(bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    }

    fn text(&self, index: usize) -> &str {
        let start = if index == 0 {
            0
        } else {
            self.fields[index - 1].end
        };
        self.text
            .get(start..self.fields[index].end)
            .unwrap_or("\u{FFFD}")
    }

    fn clear(&mut self) {
        self.bytes = std::mem::take(&mut self.text).into_bytes();
        self.bytes.clear();
        self.fields.clear();
        self.extra_columns = 0;
    }
}

pub(super) fn read(
    path: &Path,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) {
    let lang = cx.diags.lang;
    let mut reader = match TextReader::open(path) {
        Ok(reader) => reader,
        Err(error) => return cx.file_lost(io_diagnostic(&file.path, &error, lang)),
    };
    let encoding = decode::encoding_label(reader.encoding());
    let mixed = reader.detected().mixed;
    // Lines in another encoding that decode all the same: named, left out.
    let mut bad_lines: Vec<u32> = reader.detected().foreign_lines.clone();
    for &line in &bad_lines {
        cx.row_lost(foreign_line_diagnostic(file, line, lang));
    }
    let mut parser = CsvParser::new();
    let mut chunk = String::new();
    let mut pos = 0usize;
    let mut eof = false;
    let mut at = Position::default();
    let mut out = vec![0u8; 16 * 1024];
    let mut record = Record::default();
    let mut field: Option<FieldSpan> = None;
    let mut field_bytes = 0usize;
    let mut header: Option<Vec<Option<usize>>> = None;
    let mut last_significant = 0u8;

    loop {
        if pos == chunk.len() && !eof {
            match reader.next_chunk(&mut chunk) {
                Ok(more) => eof = !more,
                Err(error) => return cx.file_lost(io_diagnostic(&file.path, &error, lang)),
            }
            // Which cells hold personal data is not known yet here.
            let redactions = if cx.has_personal_columns() {
                vec![Redaction::WHOLE_LINE]
            } else {
                Vec::new()
            };
            for bad in reader.take_bad_bytes() {
                bad_lines.push(bad.line);
                let mut diagnostic =
                    bad_bytes_diagnostic(file, &bad, encoding, lang).redact(redactions.clone());
                if mixed {
                    diagnostic = diagnostic.hint(t!(
                        lang,
                        "文件其余部分是 UTF-8：这一行可能是以 GBK 保存的；在 Excel 中把整个文件另存为“CSV UTF-8”",
                        "the rest of the file is UTF-8: this line was probably saved as GBK; save the whole file from Excel as \"CSV UTF-8\""
                    ));
                }
                cx.row_lost(diagnostic);
            }
            if let Some(&byte) = chunk
                .as_bytes()
                .iter()
                .rev()
                .find(|b| !b.is_ascii_whitespace())
            {
                last_significant = byte;
            }
            pos = 0;
            continue;
        }
        let input = &chunk.as_bytes()[pos..];
        if field.is_none() && record.fields.is_empty() && !eof {
            // Blank lines between records: csv_core skips them, we keep the count.
            let blank = input
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            if blank > 0 {
                at.advance(&input[..blank]);
                pos += blank;
                continue;
            }
        }
        let span = field.get_or_insert_with(|| {
            field_bytes = 0;
            FieldSpan {
                end: 0,
                start: at,
                quoted: input.first() == Some(&b'"'),
                too_large: false,
            }
        });
        let (result, consumed, produced) = parser.read_field(input, &mut out);
        at.advance(&input[..consumed]);
        pos += consumed;
        field_bytes += produced;
        if field_bytes > cx.limits.max_field_bytes {
            span.too_large = true;
        } else if record.fields.len() < cx.limits.max_columns {
            record.bytes.extend_from_slice(&out[..produced]);
        }
        match result {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
            ReadFieldResult::End => break,
            ReadFieldResult::Field { record_end } => {
                let mut span = field.take().expect("a field was started");
                span.end = record.bytes.len();
                if record.fields.len() < cx.limits.max_columns {
                    record.fields.push(span);
                } else {
                    record.extra_columns += 1;
                }
                if record_end {
                    let unbalanced = eof
                        && last_significant != b'"'
                        && record.fields.last().is_some_and(|f| f.quoted);
                    record.seal();
                    let keep_going = finish_record(
                        file,
                        cx,
                        &mut header,
                        &record,
                        unbalanced,
                        &bad_lines,
                        on_row,
                    );
                    record.clear();
                    if !keep_going {
                        return;
                    }
                }
            }
        }
    }
    if header.is_none() {
        cx.diags.push(
            Diagnostic::warning(
                Code::EmptyHeader,
                t!(
                    lang,
                    "文件是空的，没有表头行",
                    "the file is empty: it has no header row"
                ),
            )
            .at(Location::file(file.path.clone())),
        );
    }
}

/// Handles one complete record; `false` when the rest of the file cannot be read.
fn finish_record(
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    header: &mut Option<Vec<Option<usize>>>,
    record: &Record,
    unbalanced: bool,
    bad_lines: &[u32],
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) -> bool {
    let lang = cx.diags.lang;
    let first = &record.fields[0].start;
    let line = first.line;
    let cell_location =
        |field: &FieldSpan| file_location(file, field.start.line, field.start.column, None);
    let redactions = record_redactions(cx, header.as_deref(), record);
    // A header that cannot be read loses the file; any other record, its row.
    let lost = if header.is_none() {
        ReadContext::file_lost
    } else {
        ReadContext::row_lost
    };
    if record.extra_columns > 0 {
        let count = record.fields.len() + record.extra_columns;
        let max = cx.limits.max_columns;
        lost(
            cx,
            Diagnostic::error(
                Code::TooManyColumns,
                t!(lang, "这一行有 {count} 列，超过上限 {max} 列，未读取", "this row has {count} columns, more than the {max} that are read; it was left out"),
            )
            .at(file.location(line, Some(1), None))
            .found(count.to_string())
            .expected(t!(lang, "不超过 {max} 列", "at most {max} columns"))
            .redact(if redactions.is_empty() { redactions } else { vec![Redaction::WHOLE_LINE] }),
        );
        return header.is_some();
    }
    if let Some(field) = record.fields.iter().find(|f| f.too_large) {
        let max = cx.limits.max_field_bytes;
        lost(
            cx,
            Diagnostic::error(
                Code::FieldTooLarge,
                t!(
                    lang,
                    "单元格超过 {max} 字节，该行未读取",
                    "a cell is larger than {max} bytes; the row was left out"
                ),
            )
            .at(cell_location(field))
            .expected(t!(lang, "不超过 {max} 字节", "at most {max} bytes"))
            .redact(redactions),
        );
        return header.is_some();
    }
    if unbalanced {
        let field = record
            .fields
            .last()
            .expect("an unbalanced record has a field");
        let quote_line = field.start.line;
        cx.file_lost(
            Diagnostic::error(
                Code::UnbalancedQuote,
                t!(lang, "第 {quote_line} 行开始的引号直到文件末尾都没有闭合，其后的内容未读取", "the quote opened on line {quote_line} is never closed; what follows it was not read"),
            )
            .at(cell_location(field))
            .found("\"")
            .redact(redactions)
            .hint(t!(lang, "在单元格末尾补上引号，或删去多余的引号；单元格中的引号要写成两个（\"\"）", "close the quote at the end of the cell or remove the stray one; a quote inside a cell is written twice (\"\")")),
        );
        return false;
    }
    let Some(mapping) = header else {
        let cells: Vec<HeaderCell<'_>> = record
            .fields
            .iter()
            .enumerate()
            .map(|(index, field)| HeaderCell {
                text: trim(record.text(index)),
                line: field.start.line,
                column: field.start.column,
            })
            .collect();
        let (mapping, complete) = header::read_row(file, cx, &cells);
        *header = Some(mapping);
        return complete;
    };
    if record
        .fields
        .iter()
        .enumerate()
        .all(|(i, _)| trim(record.text(i)).is_empty())
    {
        return true; // a blank row, as Excel leaves below the data
    }
    let last_line = record.fields.last().map_or(line, |f| f.start.line);
    if bad_lines
        .iter()
        .any(|&bad| (line..=last_line).contains(&bad))
    {
        return true; // left out: the bytes that do not decode are reported
    }
    if record.fields.len() != mapping.len() {
        let (found, expected) = (record.fields.len(), mapping.len());
        let spans_lines = record
            .fields
            .iter()
            .any(|f| f.quoted && f.start.line != line);
        let mut diagnostic = Diagnostic::error(
            Code::RaggedRow,
            t!(lang, "这一行有 {found} 个单元格，表头有 {expected} 列，该行未读取", "this row has {found} cells but the header has {expected} columns; the row was left out"),
        )
        .at(file.location(line, Some(1), None))
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
        cx.row_lost(diagnostic);
        return true;
    }
    let mut cells: Vec<Option<Cell<'_>>> = vec![None; cx.columns.len()];
    for (index, target) in mapping.iter().enumerate() {
        if let Some(column) = *target {
            let text = record.text(index);
            let field = &record.fields[index];
            cells[column] = Some(Cell {
                value: CellValue::Text(text),
                line: field.start.line,
                column: field.start.column + 1,
                extent: Extent::TextPlus(if field.quoted { 2 } else { 0 }),
            });
        }
    }
    on_row(
        &Row {
            file,
            line,
            cells: &cells,
        },
        cx.diags,
    );
    true
}

/// The personal cells on a record's first line, by the header; where the
/// file has personal columns, cells beyond the header are masked too, since
/// what they hold is unknown.
fn record_redactions(
    cx: &ReadContext<'_>,
    header: Option<&[Option<usize>]>,
    record: &Record,
) -> Vec<Redaction> {
    let Some(mapping) = header else {
        return Vec::new();
    };
    let personal = |column: &Option<usize>| {
        column.is_some_and(|c| redact::kept(cx.columns[c].personal).is_some())
    };
    if !cx.mask || !mapping.iter().any(personal) {
        return Vec::new();
    }
    let line = record.fields[0].start.line;
    record
        .fields
        .iter()
        .enumerate()
        .filter(|(_, field)| field.start.line == line)
        .filter_map(|(index, field)| {
            let personal = match mapping.get(index) {
                Some(Some(column)) => Some(cx.columns[*column].personal),
                Some(None) => return None,
                None => None,
            };
            let chars = record.text(index).chars().count() + if field.quoted { 2 } else { 0 };
            let width = u32::try_from(chars).unwrap_or(u32::MAX);
            redact::cell(personal, field.start.column + 1, width)
        })
        .collect()
}
