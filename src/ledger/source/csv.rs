//! CSV, streamed record by record through a buffer that holds one chunk of
//! the file, so that memory does not grow with the file. A file that
//! encoding detection found all UTF-8 is cut into fields as it is read
//! (sliced out of the buffer, not copied); any other is decoded first.
//! Fields end at `,`; records at LF, CR or CRLF; a field that starts with a
//! quote runs to the closing quote (`""` is a quote), text after it joining
//! the field, as RFC 4180 readers such as the csv crate read it.
//! Lines are counted per record; a cell's column is counted only when a
//! message needs it.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use memchr::{memchr, memchr3};

use super::header::{self, HeaderCell, file_location};
use super::{
    Cell, CellColumn, CellValue, Extent, FileInfo, ReadContext, Row, bad_bytes_diagnostic,
    foreign_line_diagnostic, redact,
};
use crate::diag::{Code, Diagnostic, Diags, Location, Redaction};
use crate::t;
use crate::text::decode::{self, TextReader, trim};
use crate::text::files::io_diagnostic;

const CHUNK: usize = 256 * 1024;

/// A record larger than this is not kept whole: its cells are larger than
/// taizhang reads, and it is skipped to its end.
const MAX_RECORD_BYTES: usize = 4 << 20;

pub(super) fn read(
    path: &Path,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) {
    let lang = cx.diags.lang;
    let opened = decode::open_regular(path).and_then(|mut source| {
        let detected = decode::detect(&mut source)?;
        Ok((source, detected))
    });
    let (source, detected) = match opened {
        Ok(opened) => opened,
        Err(error) => return cx.file_lost(io_diagnostic(&file.path, &error, lang)),
    };
    let mut reading = Reading::new(file, cx);
    let bytes = if detected.all_utf8 {
        Bytes::Utf8 {
            file: source,
            started: false,
        }
    } else {
        let mut reader = TextReader::with_detected(source, detected);
        reading.foreign(&mut reader);
        Bytes::Decoded(Box::new(reader))
    };
    if let Err(error) = reading.run(bytes, on_row) {
        reading
            .cx
            .file_lost(io_diagnostic(&reading.file.path, &error, lang));
    }
}

/// Where the text comes from.
enum Bytes {
    /// A file found to be all UTF-8: its bytes are the text (after a BOM,
    /// if any); `started` once its first chunk was seen.
    Utf8 { file: File, started: bool },
    /// Text decoded from the file's encoding.
    Decoded(Box<TextReader<File>>),
}

/// The file being read: its buffer of text not yet consumed, the line the
/// next record starts on, and the header once read.
struct Reading<'f, 'c, 'd> {
    file: &'f mut FileInfo,
    cx: &'c mut ReadContext<'d>,
    /// The text read; `buf[start..]` is not consumed yet.
    buf: String,
    start: usize,
    /// Bytes read from a UTF-8 file and not yet taken into `buf`: a
    /// character cut by the end of a chunk.
    pending: Vec<u8>,
    eof: bool,
    line: u32,
    header: Option<Vec<Option<usize>>>,
    /// Lines with bytes that do not decode: their rows are left out.
    bad_lines: Vec<u32>,
    mixed: bool,
    encoding: &'static str,
    record: Record,
}

/// One record's fields, as offsets into the buffer (or into `unescaped`).
#[derive(Default)]
struct Record {
    fields: Vec<Field>,
    /// The text of fields that held `""` or text after a closing quote.
    unescaped: String,
    extra_columns: usize,
    too_large: bool,
}

#[derive(Clone, Copy)]
struct Field {
    text: Text,
    /// The raw field's start, and the start of the line it starts on.
    raw_start: usize,
    line_start: usize,
    /// Lines the record ran over before the field.
    line: u32,
    quoted: bool,
}

#[derive(Clone, Copy)]
enum Text {
    /// `buf[from..to]`.
    Raw(usize, usize),
    /// `record.unescaped[from..to]`.
    Unescaped(usize, usize),
}

/// What scanning the buffer for a record gave.
enum Scan {
    /// A record of this many bytes (its terminator included).
    Record(usize),
    /// The record goes on past the buffer.
    More,
    /// A quote opened at this field is never closed.
    Unbalanced,
}

impl<'f, 'c, 'd> Reading<'f, 'c, 'd> {
    fn new(file: &'f mut FileInfo, cx: &'c mut ReadContext<'d>) -> Self {
        Reading {
            file,
            cx,
            buf: String::with_capacity(2 * CHUNK),
            start: 0,
            pending: Vec::with_capacity(CHUNK + 4),
            eof: false,
            line: 1,
            header: None,
            bad_lines: Vec::new(),
            mixed: false,
            encoding: "UTF-8",
            record: Record::default(),
        }
    }

    /// The lines of a decoded file in another encoding that decode all the
    /// same: named and left out.
    fn foreign(&mut self, reader: &mut TextReader<File>) {
        let lang = self.cx.diags.lang;
        self.encoding = decode::encoding_label(reader.encoding());
        self.mixed = reader.detected().mixed;
        self.bad_lines = reader.detected().foreign_lines.clone();
        for &line in &self.bad_lines {
            self.cx
                .row_lost(foreign_line_diagnostic(self.file, line, lang));
        }
    }

    fn run(
        &mut self,
        mut bytes: Bytes,
        on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
    ) -> io::Result<()> {
        loop {
            self.skip_blank_lines();
            let scan = if self.start == self.buf.len() && self.eof {
                break;
            } else {
                self.scan()
            };
            match scan {
                Scan::Record(len) => {
                    let keep_going = self.finish_record(false, on_row);
                    self.line = self.line.saturating_add(self.record_lines(len));
                    self.start += len;
                    if !keep_going {
                        return Ok(());
                    }
                }
                Scan::Unbalanced => {
                    self.finish_record(true, on_row);
                    return Ok(());
                }
                Scan::More if self.eof => unreachable!("the scan ends at the end of the file"),
                Scan::More if self.buf.len() - self.start > MAX_RECORD_BYTES => {
                    if !self.skip_large_record(&mut bytes)? {
                        return Ok(());
                    }
                }
                Scan::More => self.fill(&mut bytes)?,
            }
        }
        if self.header.is_none() {
            let lang = self.cx.diags.lang;
            self.cx.diags.push(
                Diagnostic::warning(
                    Code::EmptyHeader,
                    t!(
                        lang,
                        "文件是空的，没有表头行",
                        "the file is empty: it has no header row"
                    ),
                )
                .at(Location::file(self.file.path.clone())),
            );
        }
        Ok(())
    }

    /// Reads more of the file into the buffer.
    fn fill(&mut self, bytes: &mut Bytes) -> io::Result<()> {
        self.buf.drain(..self.start);
        self.start = 0;
        match bytes {
            Bytes::Utf8 { file, started } => {
                let before = self.pending.len();
                self.pending.resize(before + CHUNK, 0);
                let read = read_full(file, &mut self.pending[before..])?;
                self.pending.truncate(before + read);
                if !std::mem::replace(started, true)
                    && self.pending.starts_with(&[0xEF, 0xBB, 0xBF])
                {
                    self.pending.drain(..3);
                }
                self.eof = read == 0;
                let taken = match simdutf8::compat::from_utf8(&self.pending) {
                    Ok(text) => {
                        self.buf.push_str(text);
                        text.len()
                    }
                    // A character cut by the chunk's end: the rest comes next.
                    Err(error) if error.error_len().is_none() && !self.eof => {
                        let valid = &self.pending[..error.valid_up_to()];
                        let text =
                            simdutf8::basic::from_utf8(valid).map_err(|_| changed_while_read())?;
                        self.buf.push_str(text);
                        text.len()
                    }
                    Err(_) => return Err(changed_while_read()),
                };
                self.pending.drain(..taken);
                Ok(())
            }
            Bytes::Decoded(reader) => {
                let mut chunk = String::new();
                self.eof = !reader.next_chunk(&mut chunk)?;
                self.buf.push_str(&chunk);
                self.report_bad_bytes(reader);
                Ok(())
            }
        }
    }

    fn report_bad_bytes(&mut self, reader: &mut TextReader<File>) {
        let lang = self.cx.diags.lang;
        // Which cells hold personal data is not known yet here.
        let redactions = if self.cx.has_personal_columns() {
            vec![Redaction::WHOLE_LINE]
        } else {
            Vec::new()
        };
        for bad in reader.take_bad_bytes() {
            self.bad_lines.push(bad.line);
            let mut diagnostic = bad_bytes_diagnostic(self.file, &bad, self.encoding, lang)
                .redact(redactions.clone());
            if self.mixed {
                diagnostic = diagnostic.hint(t!(
                    lang,
                    "文件其余部分是 UTF-8：这一行可能是以 GBK 保存的；在 Excel 中把整个文件另存为“CSV UTF-8”",
                    "the rest of the file is UTF-8: this line was probably saved as GBK; save the whole file from Excel as \"CSV UTF-8\""
                ));
            }
            self.cx.row_lost(diagnostic);
        }
    }

    /// Blank lines between records: skipped, and counted.
    fn skip_blank_lines(&mut self) {
        let buf = self.buf.as_bytes();
        while self.start < buf.len() {
            match buf[self.start] {
                b'\n' => self.start += 1,
                b'\r' if self.start + 1 < buf.len() => {
                    self.start += if buf[self.start + 1] == b'\n' { 2 } else { 1 };
                }
                // A CR that may be the first half of a CRLF: wait for more.
                b'\r' if !self.eof => return,
                b'\r' => self.start += 1,
                _ => return,
            }
            self.line = self.line.saturating_add(1);
        }
    }

    /// Cuts the next record into fields, as offsets into the buffer.
    fn scan(&mut self) -> Scan {
        let (all, eof) = (self.buf.as_str(), self.eof);
        let (buf, end) = (all.as_bytes(), all.len());
        let record = &mut self.record;
        record.fields.clear();
        record.unescaped.clear();
        record.extra_columns = 0;
        record.too_large = false;
        let max_columns = self.cx.limits.max_columns;
        let max_field = self.cx.limits.max_field_bytes;
        let (mut at, mut line, mut line_start) = (self.start, 0u32, self.start);
        loop {
            let raw_start = at;
            let (text, quoted);
            if buf.get(at) == Some(&b'"') {
                // Quoted: up to the closing quote, `""` standing for one.
                let open = at + 1;
                let mut scan_from = open;
                let mut escaped = false;
                let close = loop {
                    match memchr(b'"', &buf[scan_from..end]) {
                        None if eof => return Scan::Unbalanced,
                        None => return Scan::More,
                        Some(offset) => {
                            let quote = scan_from + offset;
                            match buf.get(quote + 1) {
                                Some(b'"') => {
                                    escaped = true;
                                    scan_from = quote + 2;
                                }
                                None if !eof => return Scan::More,
                                _ => break quote,
                            }
                        }
                    }
                };
                // Text after the closing quote belongs to the field.
                let after = close + 1;
                let delimiter = match memchr3(b',', b'\n', b'\r', &buf[after..end]) {
                    Some(offset) => after + offset,
                    None if eof => end,
                    None => return Scan::More,
                };
                for (i, &byte) in buf[open..close].iter().enumerate() {
                    let ends =
                        byte == b'\n' || (byte == b'\r' && buf.get(open + i + 1) != Some(&b'\n'));
                    if ends {
                        line += 1;
                        line_start = open + i + 1;
                    }
                }
                text = if escaped || delimiter > after {
                    let from = record.unescaped.len();
                    record
                        .unescaped
                        .push_str(&all[open..close].replace("\"\"", "\""));
                    record.unescaped.push_str(&all[after..delimiter]);
                    Text::Unescaped(from, record.unescaped.len())
                } else {
                    Text::Raw(open, close)
                };
                quoted = true;
                at = delimiter;
            } else {
                let delimiter = match memchr3(b',', b'\n', b'\r', &buf[at..end]) {
                    Some(offset) => at + offset,
                    None if eof => end,
                    None => return Scan::More,
                };
                text = Text::Raw(at, delimiter);
                quoted = false;
                at = delimiter;
            }
            let len = match text {
                Text::Raw(from, to) | Text::Unescaped(from, to) => to - from,
            };
            record.too_large |= len > max_field;
            if record.fields.len() < max_columns {
                record.fields.push(Field {
                    text,
                    raw_start,
                    line_start,
                    line,
                    quoted,
                });
            } else {
                record.extra_columns += 1;
            }
            match buf.get(at) {
                Some(b',') => at += 1,
                Some(b'\r') => match buf.get(at + 1) {
                    Some(b'\n') => return Scan::Record(at + 2 - self.start),
                    None if !eof => return Scan::More,
                    _ => return Scan::Record(at + 1 - self.start),
                },
                Some(_) => return Scan::Record(at + 1 - self.start),
                None => return Scan::Record(at - self.start),
            }
        }
    }

    /// The lines a record of `len` bytes took: its terminator's and those
    /// inside its quoted fields.
    fn record_lines(&self, len: usize) -> u32 {
        let inside = self.record.fields.last().map_or(0, |f| f.line);
        let ends = matches!(
            self.buf.as_bytes().get(self.start + len - 1),
            Some(b'\n' | b'\r')
        );
        inside + u32::from(ends)
    }

    fn field_text(&self, field: &Field) -> &str {
        field_text(&self.buf, &self.record, field)
    }

    fn field_place(&self, field: &Field) -> (u32, u32) {
        field_place(&self.buf, self.line, field)
    }

    /// A record beyond [`MAX_RECORD_BYTES`]: reported, and skipped to its end
    /// without keeping it. `false` when that end is the file's.
    fn skip_large_record(&mut self, bytes: &mut Bytes) -> io::Result<bool> {
        let lang = self.cx.diags.lang;
        let max = self.cx.limits.max_field_bytes;
        let line = self.line;
        let lost = if self.header.is_none() {
            ReadContext::file_lost
        } else {
            ReadContext::row_lost
        };
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
            .at(self.file.location(line, Some(1), None))
            .expected(t!(lang, "不超过 {max} 字节", "at most {max} bytes")),
        );
        // Through quoted fields to the first line end outside quotes.
        let mut in_quotes = false;
        loop {
            let (mut at, end) = (self.start, self.buf.len());
            while at < end {
                let byte = self.buf.as_bytes()[at];
                if byte == b'"' {
                    in_quotes = !in_quotes;
                } else if !in_quotes && (byte == b'\n' || byte == b'\r') {
                    self.start = at + 1;
                    self.line = self.line.saturating_add(1);
                    return Ok(self.header.is_some());
                } else if byte == b'\n' {
                    self.line = self.line.saturating_add(1);
                }
                at += 1;
            }
            self.start = end;
            if self.eof {
                return Ok(false);
            }
            self.fill(bytes)?;
        }
    }

    /// Handles one complete record; `false` when the rest of the file cannot be read.
    fn finish_record(
        &mut self,
        unbalanced: bool,
        on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
    ) -> bool {
        let lang = self.cx.diags.lang;
        let line = self.line;
        let redactions = self.record_redactions();
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
            let max = self.cx.limits.max_field_bytes;
            let field = record
                .fields
                .iter()
                .find(|f| self.field_text(f).len() > max)
                .copied();
            let (line, column) = field.map_or((line, 0), |f| self.field_place(&f));
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
            let (quote_line, column) = match record.fields.last() {
                Some(field) => self.field_place(field),
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
        let last_line = line.saturating_add(record.fields.last().map_or(0, |f| f.line));
        if self
            .bad_lines
            .iter()
            .any(|&bad| (line..=last_line).contains(&bad))
        {
            return true; // left out: the bytes that do not decode are reported
        }
        if record.fields.len() != mapping.len() {
            let (found, expected) = (record.fields.len(), mapping.len());
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
        let mut cells: Vec<Option<Cell<'_>>> = vec![None; self.cx.columns.len()];
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

    /// The personal cells on a record's first line, by the header; where
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
                let chars =
                    self.field_text(field).chars().count() + if field.quoted { 2 } else { 0 };
                let width = u32::try_from(chars).unwrap_or(u32::MAX);
                let (_, column) = self.field_place(field);
                redact::cell(personal, column + 1, width)
            })
            .collect()
    }
}

fn field_text<'b>(buf: &'b str, record: &'b Record, field: &Field) -> &'b str {
    match field.text {
        Text::Raw(from, to) => &buf[from..to],
        Text::Unescaped(from, to) => &record.unescaped[from..to],
    }
}

/// The line and character column (from 0) where a field starts, in a
/// record that starts on `line`.
fn field_place(buf: &str, line: u32, field: &Field) -> (u32, u32) {
    let prefix = &buf[field.line_start..field.raw_start];
    let column = u32::try_from(prefix.chars().count()).unwrap_or(u32::MAX);
    (line.saturating_add(field.line), column)
}

/// The file was all UTF-8 when its encoding was detected, and is not now.
fn changed_while_read() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "the file changed while it was read",
    )
}

fn read_full(source: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match source.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}
