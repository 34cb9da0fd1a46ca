//! Ledger files → rows of cells that keep their position. CSV is streamed
//! (memory does not grow with the file); TOML is parsed whole. Syntax errors,
//! bad headers and oversized input become diagnostics here, values are typed
//! by the row reader.

use std::path::Path;

use csv_core::{ReadFieldResult, Reader as CsvParser};
use toml::de::{DeTable, DeValue};

use super::columns::Column;
use super::decode::{self, BadBytes, ReadError, TextReader, trim};
use crate::diag::{Code, Diagnostic, Diags, Location, Redaction};
use crate::t;

/// Bounds that keep a hostile or broken file from exhausting memory.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_field_bytes: usize,
    pub max_columns: usize,
    pub max_whole_file_bytes: u64,
}

pub const LIMITS: Limits = Limits {
    max_field_bytes: 1 << 20,
    max_columns: 1000,
    max_whole_file_bytes: 256 << 20,
};

/// One file being read: its path relative to the ledger, and the header (or
/// key) that spelled each column, for the messages.
#[derive(Debug)]
pub struct FileInfo {
    pub id: u32,
    pub path: String,
    pub headers: Vec<Option<String>>,
}

impl FileInfo {
    pub fn location(&self, line: u32, column: Option<u32>, width: Option<u32>) -> Location {
        Location {
            file: Some(self.path.clone()),
            line: Some(line),
            column,
            width,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum CellValue<'a> {
    Text(&'a str),
    Toml(&'a DeValue<'a>),
}

#[derive(Clone, Copy, Debug)]
pub struct Cell<'a> {
    pub value: CellValue<'a>,
    pub line: u32,
    pub column: u32,
    /// Characters the cell spans beyond its text (a CSV cell's quotes), or
    /// all of them (a TOML value's span); counted only when a diagnostic
    /// needs them, not for every cell read.
    extent: Extent,
}

#[derive(Clone, Copy, Debug)]
enum Extent {
    TextPlus(u32),
    Chars(u32),
}

impl Cell<'_> {
    /// How many characters to underline.
    pub fn width(&self) -> u32 {
        match (self.extent, self.value) {
            (Extent::TextPlus(extra), CellValue::Text(text)) => u32::try_from(text.chars().count())
                .unwrap_or(u32::MAX)
                .saturating_add(extra)
                .max(1),
            (Extent::TextPlus(extra), CellValue::Toml(_)) => extra.max(1),
            (Extent::Chars(chars), _) => chars,
        }
    }
}

pub struct Row<'a> {
    pub file: &'a FileInfo,
    pub line: u32,
    /// By column index of the kind; `None` where the file has no such column.
    pub cells: &'a [Option<Cell<'a>>],
}

pub struct ReadContext<'a> {
    pub kind: &'static str,
    pub columns: &'static [Column],
    pub strict: bool,
    /// Whether personal data is masked where a source line is shown.
    pub mask: bool,
    pub limits: Limits,
    pub diags: &'a mut Diags,
}

impl ReadContext<'_> {
    fn has_personal_columns(&self) -> bool {
        self.mask && self.columns.iter().any(|c| c.personal.kept().is_some())
    }
}

pub fn read_file(
    path: &Path,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) {
    file.headers = vec![None; cx.columns.len()];
    let is_toml = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"));
    if is_toml {
        read_toml(path, file, cx, on_row);
    } else {
        read_csv(path, file, cx, on_row);
    }
}

pub fn io_diagnostic(path: &str, error: &std::io::Error, lang: crate::lang::Lang) -> Diagnostic {
    let code = if is_symlink_loop(error) {
        Code::SymlinkLoop
    } else {
        Code::IoError
    };
    let reason = io_reason(error, lang);
    Diagnostic::error(
        code,
        t!(lang, "无法读取：{reason}", "cannot be read: {reason}"),
    )
    .at(Location::file(path))
}

/// ELOOP: too many levels of symbolic links.
pub fn is_symlink_loop(error: &std::io::Error) -> bool {
    error.raw_os_error() == Some(40)
}

/// Why a file cannot be read, in the clerk's language where the cause is a
/// common one; the system's own words otherwise.
pub fn io_reason(error: &std::io::Error, lang: crate::lang::Lang) -> String {
    use std::io::ErrorKind;
    let not_a_file = error
        .get_ref()
        .is_some_and(|inner| inner.is::<decode::NotAFile>());
    if is_symlink_loop(error) {
        t!(lang, "符号链接形成循环", "the symbolic links form a loop")
    } else if not_a_file && error.kind() == ErrorKind::IsADirectory {
        t!(
            lang,
            "这是一个目录，不是文件",
            "it is a directory, not a file"
        )
    } else if not_a_file {
        t!(
            lang,
            "不是普通文件（是设备、管道或套接字）",
            "it is not a regular file (a device, pipe or socket)"
        )
    } else {
        match error.kind() {
            ErrorKind::NotFound => t!(lang, "文件不存在", "the file does not exist"),
            ErrorKind::PermissionDenied => t!(lang, "没有读取权限", "permission denied"),
            _ => error.to_string(),
        }
    }
}

pub fn bad_bytes_diagnostic(
    file: &FileInfo,
    bad: &BadBytes,
    encoding: &str,
    lang: crate::lang::Lang,
) -> Diagnostic {
    let (offset, byte) = (bad.offset, bad.byte);
    Diagnostic::error(
        Code::BadEncoding,
        t!(
            lang,
            "偏移量 {offset}（从 0 起算）处的字节 0x{byte:02X} 不是有效的 {encoding} 文本",
            "the byte 0x{byte:02X} at byte offset {offset} is not valid {encoding} text"
        ),
    )
    .at(file.location(bad.line, Some(bad.column), Some(1)))
    .found(format!("0x{byte:02X}"))
    .expected(t!(lang, "UTF-8 或 GB18030/GBK 文本", "UTF-8 or GB18030/GBK text"))
    .hint(t!(
        lang,
        "用 Excel 或记事本打开该文件，检查这一行的乱码字符，另存为“CSV UTF-8”",
        "open the file in Excel or a text editor, fix the garbled character on this line, and save it as \"CSV UTF-8\""
    ))
}

// ---------------------------------------------------------------- CSV

#[derive(Clone, Copy, Debug)]
struct Pos {
    line: u32,
    /// Characters before this position on its line.
    column: u32,
}

impl Pos {
    /// Counters saturate rather than overflow on absurdly long input.
    fn advance(&mut self, consumed: &[u8]) {
        // Two tight loops the compiler vectorizes: this runs over every byte read.
        let tail = match consumed.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                let newlines = consumed.iter().filter(|&&b| b == b'\n').count();
                self.line = self
                    .line
                    .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                self.column = 0;
                &consumed[last + 1..]
            }
            None => consumed,
        };
        let chars = tail.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.column = self
            .column
            .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
    }
}

struct FieldSpan {
    end: usize,
    start: Pos,
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

fn read_csv(
    path: &Path,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) {
    let lang = cx.diags.lang;
    let mut reader = match TextReader::open(path) {
        Ok(reader) => reader,
        Err(error) => return cx.diags.push(io_diagnostic(&file.path, &error, lang)),
    };
    let encoding = decode::encoding_label(reader.encoding());
    let mut parser = CsvParser::new();
    let mut chunk = String::new();
    let mut pos = 0usize;
    let mut eof = false;
    let mut at = Pos { line: 1, column: 0 };
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
                Err(error) => return cx.diags.push(io_diagnostic(&file.path, &error, lang)),
            }
            // Which cells hold personal data is not known yet here.
            let redactions = if cx.has_personal_columns() {
                vec![Redaction::WHOLE_LINE]
            } else {
                Vec::new()
            };
            for bad in reader.take_bad_bytes() {
                cx.diags.push(
                    bad_bytes_diagnostic(file, &bad, encoding, lang).redact(redactions.clone()),
                );
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
                    let keep_going =
                        finish_record(file, cx, &mut header, &record, unbalanced, on_row);
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
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) -> bool {
    let lang = cx.diags.lang;
    let first = &record.fields[0].start;
    let line = first.line;
    let cell_location = |field: &FieldSpan| file_location(file, field.start, None);
    let redactions = record_redactions(cx, header.as_deref(), record);
    if record.extra_columns > 0 {
        let count = record.fields.len() + record.extra_columns;
        let max = cx.limits.max_columns;
        cx.diags.push(
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
        cx.diags.push(
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
        cx.diags.push(
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
        return read_header(file, cx, header, record);
    };
    if record
        .fields
        .iter()
        .enumerate()
        .all(|(i, _)| trim(record.text(i)).is_empty())
    {
        return true; // a blank row, as Excel leaves below the data
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
        cx.diags.push(diagnostic);
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
    let personal =
        |column: &Option<usize>| column.is_some_and(|c| cx.columns[c].personal.kept().is_some());
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
            let (head, tail) = match mapping.get(index) {
                Some(Some(column)) => cx.columns[*column].personal.kept()?,
                Some(None) => return None,
                None => (0, 0),
            };
            let chars = record.text(index).chars().count() + if field.quoted { 2 } else { 0 };
            Some(Redaction {
                column: field.start.column + 1,
                width: u32::try_from(chars).unwrap_or(u32::MAX),
                head,
                tail,
            })
        })
        .collect()
}

/// Under `--strict`, a column (or TOML key) that the kind does not have.
fn unknown_column(cx: &mut ReadContext<'_>, name: &str, location: Location) {
    let lang = cx.diags.lang;
    let known = cx
        .columns
        .iter()
        .map(Column::label)
        .collect::<Vec<_>>()
        .join("、");
    let kind = cx.kind;
    cx.diags.push(
        Diagnostic::error(
            Code::UnknownColumn,
            t!(
                lang,
                "{kind} 台账没有“{name}”这一列",
                "the {kind} ledger has no column \"{name}\""
            ),
        )
        .at(location)
        .found(name)
        .expected(known),
    );
}

fn file_location(file: &FileInfo, at: Pos, width: Option<u32>) -> Location {
    file.location(at.line, Some(at.column + 1), width)
}

fn read_header(
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    header: &mut Option<Vec<Option<usize>>>,
    record: &Record,
) -> bool {
    let lang = cx.diags.lang;
    let mut mapping = Vec::with_capacity(record.fields.len());
    for (index, field) in record.fields.iter().enumerate() {
        let text = trim(record.text(index));
        let width = Some(text.chars().count().max(1) as u32);
        let column = cx.columns.iter().position(|c| c.matches(text));
        match column {
            Some(column) if file.headers[column].is_some() => {
                let first = file.headers[column].clone().unwrap_or_default();
                cx.diags.push(
                    Diagnostic::error(
                        Code::DuplicateColumn,
                        t!(lang, "列“{text}”与列“{first}”是同一个字段，只读取前者", "the column \"{text}\" means the same field as \"{first}\"; only the first is read"),
                    )
                    .at(file_location(file, field.start, width))
                    .found(text),
                );
                mapping.push(None);
            }
            Some(column) => {
                file.headers[column] = Some(text.to_string());
                mapping.push(Some(column));
            }
            None => {
                if cx.strict && !text.is_empty() {
                    unknown_column(cx, text, file_location(file, field.start, width));
                }
                mapping.push(None);
            }
        }
    }
    let missing: Vec<String> = cx
        .columns
        .iter()
        .enumerate()
        .filter(|(column, c)| c.required && file.headers[*column].is_none())
        .map(|(_, c)| c.label())
        .collect();
    let at = file.location(record.fields[0].start.line, Some(1), None);
    // A header of one cell with tabs or semicolons in it: the file was saved
    // with another separator (Excel's "Unicode text" uses tabs). One
    // diagnostic says so, instead of one per column.
    let separator = match record.fields.len() {
        1 => ['\t', ';', '；']
            .into_iter()
            .find(|&c| record.text(0).contains(c)),
        _ => None,
    };
    if let (Some(separator), false) = (separator, missing.is_empty()) {
        let shown = if separator == '\t' {
            "Tab".to_string()
        } else {
            separator.to_string()
        };
        cx.diags.push(
            Diagnostic::error(
                Code::MissingColumn,
                t!(
                    lang,
                    "表头各列之间是“{shown}”而不是逗号，读不出任何一列，该文件未读取",
                    "the header's columns are separated by \"{shown}\", not commas, so no column can be read; the file was not read"
                ),
            )
            .at(at)
            .expected(missing.join(", "))
            .hint(t!(
                lang,
                "在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
                "save the file from Excel as \"CSV UTF-8 (Comma delimited)\""
            )),
        );
        *header = Some(mapping);
        return false;
    }
    for label in &missing {
        cx.diags.push(
            Diagnostic::error(
                Code::MissingColumn,
                t!(
                    lang,
                    "表头缺少必填列 {label}，该文件未读取",
                    "the header lacks the required column {label}; the file was not read"
                ),
            )
            .at(at.clone())
            .expected(label.clone()),
        );
    }
    let complete = missing.is_empty();
    *header = Some(mapping);
    complete
}

// ---------------------------------------------------------------- TOML

/// Byte offsets of line starts, to turn TOML spans into lines and columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { text, starts }
    }

    /// Line and character column (both from 1) of a byte offset.
    pub fn locate(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line as u32 + 1, column as u32 + 1)
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn width(&self, span: &std::ops::Range<usize>) -> u32 {
        let text = self.text.get(span.clone()).unwrap_or("");
        let first_line = text.split('\n').next().unwrap_or("");
        first_line.chars().count().max(1) as u32
    }

    pub fn location(&self, path: &str, span: &std::ops::Range<usize>) -> Location {
        let (line, column) = self.locate(span.start);
        Location {
            file: Some(path.to_string()),
            line: Some(line),
            column: Some(column),
            width: Some(self.width(span)),
        }
    }
}

/// The name of a TOML value's type, as messages say it (with its article).
pub fn toml_type_name(value: &DeValue<'_>, lang: crate::lang::Lang) -> &'static str {
    match value {
        DeValue::String(_) => lang.pick("字符串", "a string"),
        DeValue::Integer(_) => lang.pick("整数", "an integer"),
        DeValue::Float(_) => lang.pick("小数", "a float"),
        DeValue::Boolean(_) => lang.pick("布尔值", "a boolean"),
        DeValue::Datetime(_) => lang.pick("日期时间", "a date-time"),
        DeValue::Array(_) => lang.pick("数组", "an array"),
        DeValue::Table(_) => lang.pick("表", "a table"),
    }
}

/// A TOML number as a float: integers in any radix, finite floats only.
pub fn toml_number(value: &DeValue<'_>) -> Option<f64> {
    match value {
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(n) => n.as_str().parse::<f64>().ok().filter(|n| n.is_finite()),
        _ => None,
    }
}

/// How deeply TOML may nest arrays, inline tables and dotted keys. The
/// parser stops at 80 itself but without saying where for dotted keys; no
/// ledger needs more than a few levels.
pub const MAX_TOML_DEPTH: usize = 64;

/// The byte offset at which `text` nests deeper than `max`: brackets and
/// braces, plus the dots of the key being read. Strings and comments are
/// skipped; the count is approximate where the TOML is invalid anyway.
pub fn toml_too_deep(text: &str, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut dots, mut at) = (0usize, 0usize, 0usize);
    while at < bytes.len() {
        match bytes[at] {
            b'#' => {
                at = find_byte(bytes, at, b'\n');
                continue;
            }
            quote @ (b'"' | b'\'') => {
                at = skip_string(bytes, at, quote);
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'.' => dots += 1,
            b'\n' | b'=' | b',' => dots = 0,
            _ => {}
        }
        if depth + dots > max {
            return Some(at);
        }
        at += 1;
    }
    None
}

fn find_byte(bytes: &[u8], from: usize, byte: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == byte)
        .map_or(bytes.len(), |p| from + p)
}

/// The offset just past the string that opens at `start` (or the end of
/// its line, for an unclosed one-line string).
fn skip_string(bytes: &[u8], start: usize, quote: u8) -> usize {
    let triple = bytes[start..].starts_with(&[quote; 3]);
    let mut at = start + if triple { 3 } else { 1 };
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'\\' && quote == b'"' {
            at += 2;
            continue;
        }
        if triple {
            if bytes[at..].starts_with(&[quote; 3]) {
                return at + 3;
            }
        } else if byte == quote {
            return at + 1;
        } else if byte == b'\n' {
            return at;
        }
        at += 1;
    }
    bytes.len()
}

/// The diagnostic for TOML nested beyond [`MAX_TOML_DEPTH`].
pub fn too_deep_diagnostic(
    lines: &LineIndex<'_>,
    path: &str,
    offset: usize,
    lang: crate::lang::Lang,
) -> Diagnostic {
    let max = MAX_TOML_DEPTH;
    Diagnostic::error(
        Code::TomlTooDeep,
        t!(
            lang,
            "TOML 嵌套超过 {max} 层，该文件未读取",
            "the TOML nests deeper than {max} levels; the file was not read"
        ),
    )
    .at(lines.location(path, &(offset..offset + 1)))
    .expected(t!(
        lang,
        "不超过 {max} 层嵌套",
        "at most {max} levels of nesting"
    ))
    .hint(t!(
        lang,
        "检查是否多了括号，或键名中是否多了点号",
        "look for brackets that are never closed or a key with stray dots"
    ))
}

fn read_toml(
    path: &Path,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) {
    let lang = cx.diags.lang;
    let whole = match decode::read_whole(path, cx.limits.max_whole_file_bytes) {
        Ok(whole) => whole,
        Err(ReadError::Io(error)) => return cx.diags.push(io_diagnostic(&file.path, &error, lang)),
        Err(ReadError::TooLarge(size)) => {
            let max = cx.limits.max_whole_file_bytes;
            return cx.diags.push(
                Diagnostic::error(
                    Code::FileTooLarge,
                    t!(lang, "TOML 文件有 {size} 字节，超过上限 {max} 字节，未读取；大台账请用 CSV", "the TOML file has {size} bytes, more than the {max} that are read; use CSV for large ledgers"),
                )
                .at(Location::file(file.path.clone())),
            );
        }
    };
    let encoding = decode::encoding_label(whole.encoding);
    for bad in &whole.bad {
        cx.diags
            .push(bad_bytes_diagnostic(file, bad, encoding, lang));
    }
    let lines = LineIndex::new(&whole.text);
    if let Some(offset) = toml_too_deep(&whole.text, MAX_TOML_DEPTH) {
        let diagnostic = too_deep_diagnostic(&lines, &file.path, offset, lang);
        return cx.diags.push(diagnostic);
    }
    let (document, errors) = DeTable::parse_recoverable(&whole.text);
    if !errors.is_empty() {
        for error in &errors {
            let location = error.span().map_or_else(
                || Location::file(file.path.clone()),
                |span| lines.location(&file.path, &span),
            );
            let detail = error.message().trim().to_string();
            cx.diags.push(
                Diagnostic::error(
                    Code::TomlSyntax,
                    t!(
                        lang,
                        "TOML 语法错误，该文件未读取：{detail}",
                        "TOML syntax error; the file was not read: {detail}"
                    ),
                )
                .at(location),
            );
        }
        return;
    }
    for (key, value) in document.get_ref() {
        let rows = match value.get_ref() {
            DeValue::Array(items) if key.get_ref() == cx.kind => items,
            DeValue::Table(_) if key.get_ref() == cx.kind => {
                let kind = cx.kind;
                cx.diags.push(
                    Diagnostic::error(
                        Code::TomlShape,
                        t!(lang, "[{kind}] 是单个表，未读取；每一行要写成一个 [[{kind}]]", "[{kind}] is a single table and was not read; each row is written as a [[{kind}]]"),
                    )
                    .at(lines.location(&file.path, &key.span()))
                    .found(format!("[{kind}]"))
                    .expected(format!("[[{kind}]]")),
                );
                continue;
            }
            _ => {
                let (found, kind) = (key.get_ref().to_string(), cx.kind);
                cx.diags.push(
                    Diagnostic::error(
                        Code::TomlShape,
                        t!(lang, "{kind}.toml 只能包含 [[{kind}]] 表数组，“{found}”未读取", "{kind}.toml may only hold the array of tables [[{kind}]]; \"{found}\" was not read"),
                    )
                    .at(lines.location(&file.path, &key.span()))
                    .found(found)
                    .expected(format!("[[{kind}]]")),
                );
                continue;
            }
        };
        for item in rows {
            let DeValue::Table(table) = item.get_ref() else {
                let kind = cx.kind;
                cx.diags.push(
                    Diagnostic::error(
                        Code::TomlShape,
                        t!(
                            lang,
                            "{kind} 的每一项必须是一个表（[[{kind}]]）",
                            "each item of {kind} must be a table ([[{kind}]])"
                        ),
                    )
                    .at(lines.location(&file.path, &item.span())),
                );
                continue;
            };
            read_toml_row(file, cx, &lines, item.span().start, table, on_row);
        }
    }
}

fn read_toml_row(
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    lines: &LineIndex<'_>,
    start: usize,
    table: &DeTable<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) {
    let lang = cx.diags.lang;
    let mut cells: Vec<Option<Cell<'_>>> = vec![None; cx.columns.len()];
    let mut keys: Vec<Option<&str>> = vec![None; cx.columns.len()];
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let Some(column) = cx.columns.iter().position(|c| c.matches(name)) else {
            if cx.strict {
                unknown_column(cx, name, lines.location(&file.path, &key.span()));
            }
            continue;
        };
        if let Some(first) = keys[column] {
            cx.diags.push(
                Diagnostic::error(
                    Code::DuplicateColumn,
                    t!(
                        lang,
                        "“{name}”与“{first}”是同一个字段，只读取前者",
                        "\"{name}\" means the same field as \"{first}\"; only the first is read"
                    ),
                )
                .at(lines.location(&file.path, &key.span()))
                .found(name),
            );
            continue;
        }
        keys[column] = Some(name);
        if file.headers[column].is_none() {
            file.headers[column] = Some(name.to_string());
        }
        let span = value.span();
        let (line, col) = lines.locate(span.start);
        cells[column] = Some(Cell {
            value: CellValue::Toml(value.get_ref()),
            line,
            column: col,
            extent: Extent::Chars(lines.width(&span)),
        });
    }
    let (line, _) = lines.locate(start);
    on_row(
        &Row {
            file,
            line,
            cells: &cells,
        },
        cx.diags,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_depth_counts_brackets_braces_and_key_dots() {
        assert_eq!(
            toml_too_deep("[[orgs]]\nid = [[1, 2], {a.b = 1.5}]\n", 3),
            None
        );
        assert_eq!(toml_too_deep("x = [[[[1]]]]", 3), Some(7));
        assert_eq!(toml_too_deep("a.b.c.d = 1", 2), Some(5));
        // Dots of values and of earlier keys do not add up.
        assert_eq!(toml_too_deep("a.b = 1.5\nc.d = 2.5", 2), None);
    }

    #[test]
    fn toml_depth_skips_strings_and_comments() {
        let text = "s = \"[[[\\\"[[\"\nt = '[[['\nu = \"\"\"\n[[[\n\"\"\"\n# [[[[\nv = '''[[['''\n";
        assert_eq!(toml_too_deep(text, 1), None);
    }

    #[test]
    fn toml_numbers_keep_their_radix_and_refuse_nan() {
        let (table, _) = DeTable::parse_recoverable("a = 0x10\nb = 1_000\nc = nan\nd = -2.5");
        let number = |key: &str| toml_number(table.get_ref().get(key).unwrap().get_ref());
        assert_eq!(
            (number("a"), number("b"), number("c"), number("d")),
            (Some(16.0), Some(1000.0), None, Some(-2.5))
        );
    }
}
