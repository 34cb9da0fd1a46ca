//! Ledger files → rows of cells that keep their position. CSV is streamed
//! (memory does not grow with the file, `csv.rs`); TOML is parsed whole
//! (`toml.rs`); a workbook's sheet is streamed cell by cell (`xlsx.rs`). Headers and keys are mapped to the kind's columns by
//! `header.rs`, personal data is masked by `redact.rs`. Syntax errors, bad
//! headers and oversized input become diagnostics here; values are typed by
//! the row reader.

mod csv;
mod header;
pub mod redact;
mod sheet_rows;
mod toml;
pub mod xlsx;
mod xlsx_fast;
mod xlsx_zip;

use std::path::Path;

use ::toml::de::DeValue;

use super::Progress;
use super::columns::Column;
use super::maps::KindMap;
use crate::diag::{Code, Diagnostic, Diags, Location, Names, Scope};
use crate::lang::Lang;
use crate::t;
use crate::text::decode::BadBytes;

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
#[derive(Clone, Debug)]
pub struct FileInfo {
    pub id: u32,
    pub path: String,
    /// The sheet, in a workbook: lines are then its rows, columns its columns.
    pub sheet: Option<String>,
    /// Whether the workbook counts dates from 1904 (Excel for Mac's old
    /// default) rather than 1900.
    pub date1904: bool,
    pub headers: Vec<Option<String>>,
}

impl FileInfo {
    pub fn new(id: u32, path: String, sheet: Option<String>) -> FileInfo {
        FileInfo {
            id,
            path,
            sheet,
            date1904: false,
            headers: Vec::new(),
        }
    }

    pub fn location(&self, line: u32, column: Option<u32>, width: Option<u32>) -> Location {
        Location {
            file: Some(self.path.clone()),
            sheet: self.sheet.clone(),
            line: Some(line),
            column,
            // A cell of a sheet is named whole; there are no characters to count.
            width: if self.sheet.is_some() { None } else { width },
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum CellValue<'a> {
    Text(&'a str),
    Toml(&'a DeValue<'a>),
    /// A workbook cell that is not text: its text as shown (a number's
    /// digits, a date as `2025-03-05`) and what it holds.
    Sheet(&'a str, SheetValue),
}

/// What a workbook cell holds when it is not text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SheetValue {
    /// A number not formatted as a date.
    Number(f64),
    /// A date (a number formatted as one, or an ISO date cell); a time of
    /// day with it is dropped.
    Date(chrono::NaiveDate),
    /// A time of day or a duration, without a date.
    Time,
    Bool,
    /// An error value (`#N/A`, `#REF!` …): a formula that failed.
    Error,
}

#[derive(Clone, Copy, Debug)]
pub struct Cell<'a> {
    pub value: CellValue<'a>,
    pub line: u32,
    pub(super) column: CellColumn<'a>,
    /// Characters the cell spans beyond its text (a CSV cell's quotes), or
    /// all of them (a TOML value's span); counted only when a diagnostic
    /// needs them, not for every cell read.
    pub(super) extent: Extent,
}

/// Where a cell starts on its line: counted only when a message needs it.
#[derive(Clone, Copy, Debug)]
pub(super) enum CellColumn<'a> {
    /// After this text of its line (a CSV cell).
    After(&'a str),
    /// At this character column, from 1 (a TOML value).
    Known(u32),
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Extent {
    TextPlus(u32),
    Chars(u32),
}

impl Cell<'_> {
    /// The character column the cell starts at, from 1.
    pub fn column(&self) -> u32 {
        match self.column {
            CellColumn::After(prefix) => u32::try_from(prefix.chars().count())
                .unwrap_or(u32::MAX)
                .saturating_add(1),
            CellColumn::Known(column) => column,
        }
    }

    /// The character column of character `offset` (from 0) of a CSV
    /// cell's text, where it can be told: the cell lies on one line and
    /// holds no quote, so that its text is the line's as it is.
    pub fn text_column(&self, offset: u32) -> Option<u32> {
        match (self.value, self.extent) {
            (CellValue::Text(text), Extent::TextPlus(quotes))
                if !text.contains(['"', '\n', '\r']) =>
            {
                Some(self.column() + quotes / 2 + offset)
            }
            _ => None,
        }
    }

    /// How many characters to underline.
    pub fn width(&self) -> u32 {
        match (self.extent, self.value) {
            (Extent::TextPlus(extra), CellValue::Text(text)) => u32::try_from(text.chars().count())
                .unwrap_or(u32::MAX)
                .saturating_add(extra)
                .max(1),
            (Extent::TextPlus(extra), CellValue::Toml(_) | CellValue::Sheet(..)) => extra.max(1),
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
    /// The headers taizhang.toml adds to the kind's columns.
    pub map: &'a KindMap,
    pub strict: bool,
    /// Whether personal data is masked where a source line is shown.
    pub mask: bool,
    pub limits: Limits,
    /// Where to count the bytes read.
    pub progress: Option<&'a Progress>,
    pub diags: &'a mut Diags,
    /// The workbooks open while their sheets are read.
    pub workbooks: &'a xlsx::Workbooks,
}

impl ReadContext<'_> {
    /// The kind as messages name it ([`crate::ledger::Kind::title`]).
    pub(super) fn kind_title(&self) -> &'static str {
        crate::ledger::Kind::from_name(self.kind).map_or(self.kind, |k| k.title(self.diags.lang))
    }

    /// Reports an error that leaves the whole file (or the rest of it) out.
    pub(super) fn file_lost(&mut self, diagnostic: Diagnostic) {
        let kind = self.kind;
        self.diags.push(diagnostic.leaves_out(kind, Scope::File));
    }

    /// Reports an error that leaves one row out whose ids are not known.
    pub(super) fn row_lost(&mut self, diagnostic: Diagnostic) {
        let kind = self.kind;
        self.diags
            .push(diagnostic.leaves_out(kind, Scope::Row(Names::default())));
    }

    /// Counts bytes read, for the progress bar.
    pub(super) fn read_bytes(&self, bytes: u64) {
        if let Some(progress) = self.progress {
            progress.add(bytes);
        }
    }

    pub(super) fn has_personal_columns(&self) -> bool {
        self.mask
            && self
                .columns
                .iter()
                .any(|c| redact::kept(c.personal).is_some())
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
        toml::read(path, file, cx, on_row);
    } else if crate::diag::is_workbook_name(&path.to_string_lossy()) {
        xlsx::read(path, file, cx, on_row);
    } else {
        csv::read(path, file, cx, on_row);
    }
}

pub use csv::{Parts, Split};

/// Reads a CSV file's header and cuts the rest into at most `parts` parts
/// of at least `min_part` bytes, to be read in parallel by [`read_part`]; a
/// TOML file, or one that is not UTF-8, is read whole by [`read_file`].
pub fn split_file(
    path: &Path,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    parts: usize,
    min_part: u64,
) -> Split {
    file.headers = vec![None; cx.columns.len()];
    let is_toml = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"));
    if is_toml || crate::diag::is_workbook_name(&path.to_string_lossy()) {
        return Split::Whole;
    }
    csv::split(path, file, cx, parts, min_part)
}

/// Reads part `index` of a file [`split_file`] cut (`file` holds its
/// header); returns the byte offset the part's reading ended at.
pub fn read_part(
    path: &Path,
    parts: &Parts,
    index: usize,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) -> u64 {
    csv::read_part(path, parts, index, file, cx, on_row)
}

/// A line in UTF-8 in a file that is otherwise GB18030/GBK: it decodes,
/// but as garbled text.
pub fn foreign_line_diagnostic(file: &FileInfo, line: u32, lang: Lang) -> Diagnostic {
    Diagnostic::error(
        Code::BadEncoding,
        t!(
            lang,
            "这一行是 UTF-8 编码，而文件其余部分是 GB18030/GBK：按 GBK 读会成乱码，该行未读取",
            "this line is UTF-8 text in a file that is otherwise GB18030/GBK: read as GBK it would be garbled, so it was left out"
        ),
    )
    .at(file.location(line, None, None))
    .expected(t!(
        lang,
        "整个文件用同一种编码",
        "one encoding for the whole file"
    ))
    .hint(t!(
        lang,
        "用 Excel 打开该文件，另存为“CSV UTF-8”，整个文件就是同一种编码",
        "open the file in Excel and save it as \"CSV UTF-8\": the whole file is then in one encoding"
    ))
}

pub fn bad_bytes_diagnostic(
    file: &FileInfo,
    bad: &BadBytes,
    encoding: &str,
    lang: Lang,
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
