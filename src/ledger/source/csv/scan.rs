//! The CSV tokenizer: one record of the buffer cut into fields. Fields end
//! at `,`; records at LF, CR or CRLF; a field that starts with a quote runs
//! to the closing quote (`""` is a quote), text after it joining the field,
//! as RFC 4180 readers such as the csv crate read it.

use memchr::{memchr, memchr3};

use super::super::Limits;

/// One record's fields, as offsets into the buffer (or into `unescaped`).
#[derive(Default)]
pub(super) struct Record {
    pub(super) fields: Vec<Field>,
    /// The text of fields that held `""` or text after a closing quote.
    pub(super) unescaped: String,
    pub(super) extra_columns: usize,
    pub(super) too_large: bool,
    /// The line ends inside the record's quoted fields.
    pub(super) inner_lines: u32,
}

#[derive(Clone, Copy)]
pub(super) struct Field {
    pub(super) text: Text,
    /// The raw field's start, and the start of the line it starts on.
    pub(super) raw_start: usize,
    pub(super) line_start: usize,
    /// Lines the record ran over before the field.
    pub(super) line: u32,
    pub(super) quoted: bool,
}

#[derive(Clone, Copy)]
pub(super) enum Text {
    /// `buf[from..to]`.
    Raw(usize, usize),
    /// `record.unescaped[from..to]`.
    Unescaped(usize, usize),
}

/// What scanning the buffer for a record gave.
pub(super) enum Scan {
    /// A record of this many bytes (its terminator included).
    Record(usize),
    /// The record goes on past the buffer.
    More,
    /// A quote opened at this field is never closed.
    Unbalanced,
}

impl Record {
    /// Cuts the record at `all[start..]` into fields, as offsets into
    /// `all`; `eof` when no more text follows `all`.
    pub(super) fn scan(&mut self, all: &str, start: usize, eof: bool, limits: &Limits) -> Scan {
        let (buf, end) = (all.as_bytes(), all.len());
        let record = self;
        record.fields.clear();
        record.unescaped.clear();
        record.extra_columns = 0;
        record.too_large = false;
        record.inner_lines = 0;
        let max_columns = limits.max_columns;
        let max_field = limits.max_field_bytes;
        let (mut at, mut line, mut line_start) = (start, 0u32, start);
        loop {
            // Where the field starts: line ends inside it count for the next.
            let (raw_start, field_line, field_line_start) = (at, line, line_start);
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
                    line_start: field_line_start,
                    line: field_line,
                    quoted,
                });
            } else {
                record.extra_columns += 1;
            }
            record.inner_lines = line;
            match buf.get(at) {
                Some(b',') => at += 1,
                Some(b'\r') => match buf.get(at + 1) {
                    Some(b'\n') => return Scan::Record(at + 2 - start),
                    None if !eof => return Scan::More,
                    _ => return Scan::Record(at + 1 - start),
                },
                Some(_) => return Scan::Record(at + 1 - start),
                None => return Scan::Record(at - start),
            }
        }
    }

    /// The lines the record of `len` bytes at `all[start..]` took: its
    /// terminator's and those inside its quoted fields.
    pub(super) fn lines(&self, all: &str, start: usize, len: usize) -> u32 {
        let inside = self.inner_lines;
        let ends = matches!(all.as_bytes().get(start + len - 1), Some(b'\n' | b'\r'));
        inside + u32::from(ends)
    }
}

pub(super) fn field_text<'b>(buf: &'b str, record: &'b Record, field: &Field) -> &'b str {
    match field.text {
        Text::Raw(from, to) => &buf[from..to],
        Text::Unescaped(from, to) => &record.unescaped[from..to],
    }
}

/// The line and character column (from 0) where a field starts, in a
/// record that starts on `line`.
pub(super) fn field_place(buf: &str, line: u32, field: &Field) -> (u32, u32) {
    let prefix = &buf[field.line_start..field.raw_start];
    let column = u32::try_from(prefix.chars().count()).unwrap_or(u32::MAX);
    (line.saturating_add(field.line), column)
}
