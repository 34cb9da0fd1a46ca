//! A fast reader of `.xlsx` sheets, for the common workbook: the sheet's
//! XML is inflated in chunks and cut into cells with byte searches, not
//! parsed as a general XML document, which is most of what calamine spends
//! on a large sheet. It reads what a cell can hold (`<v>`, inline strings,
//! shared strings, the types `s`, `str`, `inlineStr`, `b`, `e`, `d` and
//! numbers, date formats by the cell's style) and nothing else; a workbook
//! it does not understand (parts it cannot find, namespaced elements) is
//! left to calamine, which reads every workbook.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
use zip::ZipArchive;

use super::xlsx::Raw;
use super::xlsx_zip::{attribute, cell_ref, elements, read_part, sheet_part, unescape};

/// The largest cell read; a bigger one is left to calamine.
const MAX_ELEMENT: usize = 64 << 20;

pub(super) struct FastBook {
    zip: ZipArchive<BufReader<File>>,
    /// The shared strings one after another, and where each ends.
    strings: String,
    ends: Vec<u32>,
    /// By style (`s`): whether its number format is a date or time one.
    dates: Vec<Option<ExcelDateTimeType>>,
    date1904: bool,
}

impl FastBook {
    /// The workbook at `path`, if this reader understands it.
    pub(super) fn open(path: &Path) -> Option<FastBook> {
        let mut zip = ZipArchive::new(BufReader::new(File::open(path).ok()?)).ok()?;
        let workbook = read_part(&mut zip, "xl/workbook.xml")?;
        let rels = read_part(&mut zip, "xl/_rels/workbook.xml.rels")?;
        if workbook.contains("<x:") || workbook.contains(":sheet ") {
            return None;
        }
        let date1904 = elements(&workbook, "workbookPr")
            .next()
            .and_then(|pr| attribute(pr, "date1904"))
            .is_some_and(|v| v == "1" || v == "true");
        let part_of = |kind: &str| {
            elements(&rels, "Relationship")
                .find(|rel| attribute(rel, "Type").is_some_and(|t| t.ends_with(kind)))
                .and_then(|rel| attribute(rel, "Target"))
                .map(|target| match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("xl/{target}"),
                })
        };
        let mut book = FastBook {
            zip,
            strings: String::new(),
            ends: Vec::new(),
            dates: Vec::new(),
            date1904,
        };
        if let Some(part) = part_of("/styles") {
            let styles = read_part(&mut book.zip, &part)?;
            book.dates = date_styles(&styles);
        }
        if let Some(part) = part_of("/sharedStrings") {
            book.read_strings(&part)?;
        }
        Some(book)
    }

    pub(super) fn date1904(&self) -> bool {
        self.date1904
    }

    fn read_strings(&mut self, part: &str) -> Option<()> {
        let entry = self.zip.by_name(part).ok()?;
        let mut chunks = Chunks::new(entry);
        let (strings, ends) = (&mut self.strings, &mut self.ends);
        chunks.each(b"<si", b"</si>", |element| {
            text_runs(element, strings);
            ends.push(u32::try_from(strings.len()).unwrap_or(u32::MAX));
            true
        })?;
        Some(())
    }

    /// Hands every cell of the sheet `name` that holds something to
    /// `cell`, until it returns `false`; `None` when the sheet is not found
    /// or not understood.
    pub(super) fn cells(
        &mut self,
        name: &str,
        cell: &mut dyn FnMut(u32, u32, Raw<'_>) -> bool,
    ) -> Option<()> {
        let part = sheet_part(&mut self.zip, name)?;
        let entry = self.zip.by_name(&part).ok()?;
        let mut chunks = Chunks::new(entry);
        let (strings, ends, dates, date1904) =
            (&self.strings, &self.ends, &self.dates, self.date1904);
        let lookup = |index: usize| {
            let end = *ends.get(index)? as usize;
            let start = if index == 0 {
                0
            } else {
                ends[index - 1] as usize
            };
            strings.get(start..end)
        };
        let (mut row, mut column) = (0u32, 0u32);
        let mut text = String::new();
        chunks.each_tag(|tag, element| {
            match tag {
                Tag::Row(attributes) => {
                    let r = scan_attributes(attributes).r;
                    if let Some(r) = r.and_then(|r| r.parse::<u32>().ok()) {
                        row = r.saturating_sub(1);
                    }
                    column = 0;
                }
                Tag::RowEnd => {
                    row += 1;
                    column = 0;
                }
                Tag::Cell(attributes) => {
                    let found = scan_attributes(attributes);
                    if let Some((r, c)) = found.r.and_then(fast_cell_ref) {
                        (row, column) = (r, c);
                    }
                    let kind = found.t;
                    let style = found.s.and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
                    let raw = match kind {
                        Some("inlineStr") => {
                            text.clear();
                            text_runs(element.unwrap_or(""), &mut text);
                            Raw::Text(&text)
                        }
                        _ => match value(element.unwrap_or("")) {
                            None => Raw::Empty,
                            Some(v) => match kind {
                                Some("s") => v
                                    .parse::<usize>()
                                    .ok()
                                    .and_then(lookup)
                                    .map_or(Raw::Empty, Raw::Text),
                                Some("str") => {
                                    text.clear();
                                    text.push_str(&unescape(v).unwrap_or_else(|| v.to_string()));
                                    Raw::Text(&text)
                                }
                                Some("b") => Raw::Bool(v == "1"),
                                Some("e") => Raw::Error(error_type(v)),
                                Some("d") => {
                                    text.clear();
                                    text.push_str(v);
                                    Raw::Iso(&text)
                                }
                                _ => match v.parse::<f64>() {
                                    Ok(n) => match dates.get(style).copied().flatten() {
                                        Some(kind) => {
                                            Raw::DateTime(ExcelDateTime::new(n, kind, date1904))
                                        }
                                        None => Raw::Float(n),
                                    },
                                    Err(_) => {
                                        text.clear();
                                        text.push_str(v);
                                        Raw::Text(&text)
                                    }
                                },
                            },
                        },
                    };
                    let (r, c) = (row, column);
                    column += 1;
                    if !raw.is_empty() && !cell(r, c, raw) {
                        return false;
                    }
                }
            }
            true
        })
    }
}

/// The text of a `<v>` in a cell element (after its `<f>`, if any).
fn value(element: &str) -> Option<&str> {
    let bytes = element.as_bytes();
    let mut from = 0;
    let start = loop {
        let at = from + memchr::memchr(b'<', &bytes[from..])?;
        match bytes.get(at + 1..at + 3) {
            Some(b"v>") => break at + 3,
            Some(b"v ") => break at + memchr::memchr(b'>', &bytes[at..])? + 1,
            _ => from = at + 1,
        }
    };
    let end = start + memchr::memchr(b'<', &bytes[start..])?;
    element.get(start..end)
}

/// The `r`, `s` and `t` attributes of a `<c>` or `<row>`, in one pass.
#[derive(Default)]
struct Attributes<'a> {
    r: Option<&'a str>,
    s: Option<&'a str>,
    t: Option<&'a str>,
}

fn scan_attributes(text: &str) -> Attributes<'_> {
    let bytes = text.as_bytes();
    let mut found = Attributes::default();
    let mut at = 0;
    while let Some(eq) = memchr::memchr(b'=', &bytes[at..]).map(|e| e + at) {
        let name = text[at..eq].trim();
        let Some(open) = bytes.get(eq + 1).filter(|q| matches!(q, b'"' | b'\'')) else {
            break;
        };
        let Some(close) = memchr::memchr(*open, &bytes[eq + 2..]).map(|c| c + eq + 2) else {
            break;
        };
        let value = &text[eq + 2..close];
        match name {
            "r" => found.r = Some(value),
            "s" => found.s = Some(value),
            "t" => found.t = Some(value),
            _ => {}
        }
        at = close + 1;
    }
    found
}

/// `AB12` → row 11, column 27 (from 0), without allocating.
fn fast_cell_ref(reference: &str) -> Option<(u32, u32)> {
    let (mut column, mut row, mut digits) = (0u32, 0u32, false);
    for b in reference.bytes() {
        match b {
            b'A'..=b'Z' if !digits => {
                column = column
                    .checked_mul(26)?
                    .checked_add(u32::from(b - b'A') + 1)?;
            }
            b'0'..=b'9' => {
                digits = true;
                row = row.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
            }
            b'$' => {}
            _ => return cell_ref(reference),
        }
    }
    Some((row.checked_sub(1)?, column.checked_sub(1)?))
}

/// The text of the `<t>` runs of a string (`<si>`, `<is>`), phonetic runs
/// (`<rPh>`) left out, entities replaced.
fn text_runs(element: &str, out: &mut String) {
    let mut rest = element;
    while let Some(at) = rest.find("<t") {
        let after = &rest[at + 2..];
        // `<t>` or `<t xml:space="preserve">`, not `<tag…>`.
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let before = &rest[..at];
        let in_phonetic = before
            .rfind("<rPh")
            .is_some_and(|p| before[p..].find("</rPh>").is_none());
        let Some(open_end) = after.find('>') else {
            return;
        };
        if after[..open_end].ends_with('/') {
            rest = &after[open_end + 1..];
            continue;
        }
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</t>") else {
            return;
        };
        if !in_phonetic {
            let run = &body[..close];
            match unescape(run) {
                Some(text) => out.push_str(&text),
                None => out.push_str(run),
            }
        }
        rest = &body[close + 4..];
    }
}

fn error_type(text: &str) -> &'static CellErrorType {
    match text {
        "#DIV/0!" => &CellErrorType::Div0,
        "#NAME?" => &CellErrorType::Name,
        "#NULL!" => &CellErrorType::Null,
        "#NUM!" => &CellErrorType::Num,
        "#REF!" => &CellErrorType::Ref,
        "#VALUE!" => &CellErrorType::Value,
        "#GETTING_DATA" => &CellErrorType::GettingData,
        _ => &CellErrorType::NA,
    }
}

/// By style index: the date or time its number format is, from
/// `styles.xml` (`cellXfs` and `numFmts`), as calamine tells them.
fn date_styles(styles: &str) -> Vec<Option<ExcelDateTimeType>> {
    let custom: Vec<(u32, String)> = elements(styles, "numFmt")
        .filter_map(|f| {
            let id = attribute(f, "numFmtId")?.parse().ok()?;
            Some((id, unescape(&attribute(f, "formatCode")?)?))
        })
        .collect();
    let Some(xfs) = styles.find("<cellXfs").and_then(|at| {
        styles[at..]
            .find("</cellXfs>")
            .map(|end| &styles[at..at + end])
    }) else {
        return Vec::new();
    };
    elements(xfs, "xf")
        .map(|xf| {
            let id: u32 = attribute(xf, "numFmtId")?.parse().ok()?;
            match custom.iter().find(|(custom_id, _)| *custom_id == id) {
                Some((_, code)) => custom_format(code),
                None => match id {
                    14..=22 | 27..=36 | 45 | 47 | 50..=58 => Some(ExcelDateTimeType::DateTime),
                    46 => Some(ExcelDateTimeType::TimeDelta),
                    _ => None,
                },
            }
        })
        .collect()
}

/// Whether a custom number format shows a date or time (calamine's test,
/// MIT licence): a `d`, `m`, `h`, `y` or `s` outside quotes, escapes and
/// brackets, `[h]` `[m]` `[s]` for a duration; the first section only.
fn custom_format(format: &str) -> Option<ExcelDateTimeType> {
    let (mut escaped, mut quoted, mut brackets, mut prev, mut hms, mut ap) =
        (false, false, 0u8, ' ', false, false);
    for c in format.chars() {
        match (c, escaped, quoted, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => quoted = false,
            (_, _, true, _, _) => (),
            ('"', ..) => quoted = true,
            (';', ..) => return None,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return Some(ExcelDateTimeType::TimeDelta),
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => {
                return Some(ExcelDateTimeType::DateTime);
            }
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return Some(ExcelDateTimeType::DateTime);
            }
            _ => {
                if !(hms && c.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(c, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = c;
    }
    None
}

/// The tags of a sheet that matter.
enum Tag<'t> {
    Row(&'t str),
    RowEnd,
    /// A cell's attributes, with its content unless it is empty (`<c …/>`).
    Cell(&'t str),
}

/// An inflated part read in chunks, cut at elements.
struct Chunks<R> {
    reader: R,
    buffer: Vec<u8>,
    start: usize,
    eof: bool,
}

impl<R: Read> Chunks<R> {
    fn new(reader: R) -> Chunks<R> {
        Chunks {
            reader,
            buffer: Vec::with_capacity(256 * 1024),
            start: 0,
            eof: false,
        }
    }

    /// Reads more, keeping what is from `start` on; `false` at the end.
    fn refill(&mut self) -> Option<bool> {
        if self.eof {
            return Some(false);
        }
        self.buffer.drain(..self.start);
        self.start = 0;
        if self.buffer.len() > MAX_ELEMENT {
            return None;
        }
        let old = self.buffer.len();
        self.buffer.resize(old + 256 * 1024, 0);
        let read = self.reader.read(&mut self.buffer[old..]).ok()?;
        self.buffer.truncate(old + read);
        self.eof = read == 0;
        Some(read > 0)
    }

    /// Each element from `open` to `close` (text), to `each` until it
    /// returns `false`.
    fn each(
        &mut self,
        open: &[u8],
        close: &[u8],
        mut each: impl FnMut(&str) -> bool,
    ) -> Option<()> {
        let (opening, closing) = (
            memchr::memmem::Finder::new(open),
            memchr::memmem::Finder::new(close),
        );
        loop {
            let window = &self.buffer[self.start..];
            let found = opening.find(window).and_then(|at| {
                let end = closing.find(&window[at..])? + at + close.len();
                Some((at, end))
            });
            match found {
                Some((at, end)) => {
                    let element = std::str::from_utf8(&window[at..end]).ok()?;
                    let keep_going = each(element);
                    self.start += end;
                    if !keep_going {
                        return Some(());
                    }
                }
                None => {
                    // What is kept is at most the start of the next element.
                    let tail = self.buffer.len().saturating_sub(open.len());
                    if opening.find(window).is_none() {
                        self.start = tail.max(self.start);
                    }
                    if !self.refill()? {
                        return Some(());
                    }
                }
            }
        }
    }

    /// The rows and cells of a sheet's `<sheetData>`, to `each` until it
    /// returns `false`; `None` for XML this reader does not take.
    fn each_tag(&mut self, mut each: impl FnMut(Tag<'_>, Option<&str>) -> bool) -> Option<()> {
        // Up to the cells.
        loop {
            let window = &self.buffer[self.start..];
            if let Some(at) = memchr::memmem::find(window, b"<sheetData") {
                if memchr::memmem::find(&window[..at], b"<x:").is_some() {
                    return None;
                }
                self.start += at + 10;
                break;
            }
            self.start = self.buffer.len().saturating_sub(16).max(self.start);
            if !self.refill()? {
                return None;
            }
        }
        let end_of_cell = memchr::memmem::Finder::new(b"</c>");
        loop {
            let window = &self.buffer[self.start..];
            let Some(lt) = memchr::memchr(b'<', window) else {
                self.start = self.buffer.len();
                if !self.refill()? {
                    return None;
                }
                continue;
            };
            let Some(gt) = memchr::memchr(b'>', &window[lt..]).map(|g| g + lt) else {
                self.start += lt;
                if !self.refill()? {
                    return None;
                }
                continue;
            };
            let tag = &window[lt + 1..gt];
            // A closing tag's name follows its `/`.
            let skip = usize::from(tag.first() == Some(&b'/'));
            let name_end = tag[skip..]
                .iter()
                .position(|b| matches!(b, b' ' | b'/' | b'\t' | b'\r' | b'\n'))
                .map_or(tag.len(), |end| end + skip);
            let empty = tag.last() == Some(&b'/');
            let attributes = std::str::from_utf8(&tag[name_end..]).ok()?;
            match &tag[..name_end] {
                b"row" => {
                    if !each(Tag::Row(attributes), None) {
                        return Some(());
                    }
                    if empty && !each(Tag::RowEnd, None) {
                        return Some(());
                    }
                    self.start += gt + 1;
                }
                b"/row" => {
                    if !each(Tag::RowEnd, None) {
                        return Some(());
                    }
                    self.start += gt + 1;
                }
                b"c" if empty => {
                    if !each(Tag::Cell(attributes), None) {
                        return Some(());
                    }
                    self.start += gt + 1;
                }
                b"c" => {
                    let Some(close) = end_of_cell.find(&window[gt..]) else {
                        self.start += lt;
                        if !self.refill()? {
                            return None;
                        }
                        continue;
                    };
                    let content = std::str::from_utf8(&window[gt + 1..gt + close]).ok()?;
                    if !each(Tag::Cell(attributes), Some(content)) {
                        return Some(());
                    }
                    self.start += gt + close + 4;
                }
                b"/sheetData" => return Some(()),
                name if name.contains(&b':') => return None,
                _ => self.start += gt + 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_references_and_runs() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("a1"), None);
        let mut out = String::new();
        text_runs(
            "<si><r><t>党员</t></r><r><t xml:space=\"preserve\"> 名册&amp;</t></r><rPh><t>とう</t></rPh></si>",
            &mut out,
        );
        assert_eq!(out, "党员 名册&");
        assert_eq!(value("<f>A1+1</f><v>12.5</v>"), Some("12.5"));
        assert_eq!(
            custom_format("yyyy\"年\"m\"月\"d\"日\""),
            Some(ExcelDateTimeType::DateTime)
        );
        assert_eq!(custom_format("0.00_);[Red]\\(0.00\\)"), None);
        assert_eq!(custom_format("[h]:mm"), Some(ExcelDateTimeType::TimeDelta));
        assert_eq!(custom_format("@"), None);
    }
}
