//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`), read with calamine. A sheet
//! of an `.xlsx` or `.xlsm` is streamed cell by cell, so that neither a
//! large sheet nor a styled-but-empty one with a huge used range is held in
//! memory; `.xls` and `.ods` sheets (Excel 97–2003 and OpenDocument, small
//! by their nature: an `.xls` sheet has at most 65,536 rows) are read
//! whole. Formula cells give their cached value. A workbook with several
//! sheets to read is opened once and kept open until its last one is read.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, mpsc};

use calamine::{
    CellErrorType, Data, DataRef, ExcelDateTime, Ods, Reader, SheetType, SheetVisible, Sheets, Xls,
    Xlsx, open_workbook,
};
use rustc_hash::FxHashMap;

use super::sheet_rows::{SheetRows, write_value};
use super::xlsx_fast::FastBook;
use super::{FileInfo, ReadContext, Row, SheetValue};
use crate::diag::{Code, Diagnostic, Diags, Location};
use crate::lang::Lang;
use crate::t;

type Book = Sheets<BufReader<File>>;

/// An open workbook: an `.xlsx` read by [`FastBook`] where it can be,
/// calamine's reader otherwise (opened when first needed).
pub struct Workbook {
    book: Option<Book>,
    fast: Option<Box<FastBook>>,
    path: PathBuf,
}

/// A sheet of a workbook, as its tab shows it.
#[derive(Clone, Debug)]
pub struct SheetInfo {
    pub name: String,
    pub visible: bool,
    /// A worksheet, not a chart sheet or a macro sheet.
    pub worksheet: bool,
}

/// The sheets of the workbook at `path`, in tab order; `Err` says why the
/// workbook cannot be read. An `.xlsx` is listed from its zip parts alone.
pub fn list(path: &Path) -> Result<Vec<SheetInfo>, String> {
    if !is_xls_or_ods(path)
        && let Some(sheets) = super::xlsx_zip::sheets(path)
    {
        return Ok(sheets);
    }
    Workbook::open(path).map(|mut workbook| workbook.sheets())
}

/// Whether the sheet `name` of the workbook at `path` holds no value.
pub fn sheet_is_empty(path: &Path, name: &str) -> bool {
    let found = if is_xls_or_ods(path) {
        None
    } else {
        super::xlsx_zip::has_values(path, name)
    };
    match found {
        Some(values) => !values,
        None => Workbook::open(path).is_ok_and(|mut workbook| workbook.is_empty(name)),
    }
}

fn is_xls_or_ods(path: &Path) -> bool {
    let lower = path.to_string_lossy().to_ascii_lowercase();
    lower.ends_with(".xls") || lower.ends_with(".ods")
}

impl Workbook {
    /// Opens the workbook at `path`, by its extension; `Err` says why it
    /// cannot be read.
    pub fn open(path: &Path) -> Result<Workbook, String> {
        let fast = if is_xls_or_ods(path) {
            None
        } else {
            FastBook::open(path)
        };
        let mut workbook = Workbook {
            book: None,
            fast: fast.map(Box::new),
            path: path.to_path_buf(),
        };
        if workbook.fast.is_none() {
            workbook.calamine()?;
        }
        Ok(workbook)
    }

    /// Calamine's reader of the workbook, opened when first needed.
    fn calamine(&mut self) -> Result<&mut Book, String> {
        if self.book.is_none() {
            let path = self.path.as_path();
            let lower = path.to_string_lossy().to_ascii_lowercase();
            let book = if lower.ends_with(".xls") {
                open_workbook::<Xls<_>, _>(path)
                    .map(Sheets::Xls)
                    .map_err(|e| e.to_string())
            } else if lower.ends_with(".ods") {
                open_workbook::<Ods<_>, _>(path)
                    .map(Sheets::Ods)
                    .map_err(|e| e.to_string())
            } else {
                open_workbook::<Xlsx<_>, _>(path)
                    .map(Sheets::Xlsx)
                    .map_err(|e| e.to_string())
            };
            self.book = Some(book?);
        }
        Ok(self.book.as_mut().expect("just opened"))
    }

    /// The sheets, in the order of their tabs.
    pub fn sheets(&mut self) -> Vec<SheetInfo> {
        if self.book.is_none()
            && let Some(sheets) = super::xlsx_zip::sheets(&self.path)
        {
            return sheets;
        }
        let Ok(book) = self.calamine() else {
            return Vec::new();
        };
        book.sheets_metadata()
            .iter()
            .map(|sheet| SheetInfo {
                name: sheet.name.clone(),
                visible: sheet.visible == SheetVisible::Visible,
                worksheet: sheet.typ == SheetType::WorkSheet,
            })
            .collect()
    }

    /// Whether the sheet holds no value at all (styles and empty strings
    /// are nothing); a sheet that cannot be read is not empty.
    pub fn is_empty(&mut self, name: &str) -> bool {
        let mut empty = true;
        let read = self.cells(name, &mut |_, _, raw| {
            empty = raw.is_empty();
            empty
        });
        read.is_ok() && empty
    }

    fn date1904(&self) -> bool {
        if let Some(fast) = &self.fast {
            return fast.date1904();
        }
        match &self.book {
            Some(Sheets::Xlsx(xlsx)) => xlsx.has_1904_epoch(),
            Some(Sheets::Xls(xls)) => xls.has_1904_epoch(),
            _ => false,
        }
    }

    /// The merged areas of the sheet (none known in an `.ods`).
    fn merges(&mut self, name: &str) -> Result<Vec<calamine::Dimensions>, String> {
        if !is_xls_or_ods(&self.path)
            && let Some(merges) = super::xlsx_zip::merges(&self.path, name)
        {
            return Ok(merges);
        }
        match self.calamine()? {
            Sheets::Xlsx(xlsx) => xlsx
                .merge_cells_by_sheet_name(name)
                .map_err(|e| e.to_string()),
            Sheets::Xls(xls) => Ok(xls.merge_cells_by_sheet_name(name).unwrap_or_default()),
            _ => Ok(Vec::new()),
        }
    }

    /// The cells of the sheet that hold something, row by row, to `cell`
    /// until it returns `false`.
    fn cells(
        &mut self,
        name: &str,
        cell: &mut dyn FnMut(u32, u32, Raw<'_>) -> bool,
    ) -> Result<(), String> {
        if let Some(fast) = &mut self.fast {
            let mut delivered = false;
            let read = fast.cells(name, &mut |row, column, raw| {
                delivered = true;
                cell(row, column, raw)
            });
            match (read, delivered) {
                (Some(()), _) => return Ok(()),
                (None, true) => return Err("the sheet's XML is not well formed".to_string()),
                // Not understood: calamine reads it.
                (None, false) => {}
            }
        }
        match self.calamine()? {
            Sheets::Xlsx(xlsx) => {
                let mut reader = xlsx
                    .worksheet_cells_reader(name)
                    .map_err(|e| e.to_string())?;
                while let Some(found) = reader.next_cell().map_err(|e| e.to_string())? {
                    let (row, column) = found.get_position();
                    let raw = Raw::of_ref(found.get_value());
                    if !raw.is_empty() && !cell(row, column, raw) {
                        break;
                    }
                }
                Ok(())
            }
            book => {
                let range = book.worksheet_range(name).map_err(|e| e.to_string())?;
                let (top, left) = range.start().unwrap_or((0, 0));
                for (row, column, data) in range.used_cells() {
                    let raw = Raw::of_data(data);
                    if raw.is_empty() {
                        continue;
                    }
                    if !cell(top + row as u32, left + column as u32, raw) {
                        break;
                    }
                }
                Ok(())
            }
        }
    }
}

/// A cell's value as the workbook holds it, whichever reader gave it.
#[derive(Clone, Copy, Debug)]
pub(super) enum Raw<'v> {
    Empty,
    Text(&'v str),
    Float(f64),
    Int(i64),
    Bool(bool),
    DateTime(ExcelDateTime),
    /// A date, time or date and time in ISO 8601 (an `.ods` cell, or an
    /// `.xlsx` cell of type `d`).
    Iso(&'v str),
    Duration(&'v str),
    Error(&'v CellErrorType),
}

impl<'v> Raw<'v> {
    fn of_ref(value: &'v DataRef<'_>) -> Raw<'v> {
        match value {
            DataRef::Int(n) => Raw::Int(*n),
            DataRef::Float(f) => Raw::Float(*f),
            DataRef::String(s) => Raw::Text(s),
            DataRef::SharedString(s) => Raw::Text(s),
            DataRef::Bool(b) => Raw::Bool(*b),
            DataRef::DateTime(d) => Raw::DateTime(*d),
            DataRef::DateTimeIso(s) => Raw::Iso(s),
            DataRef::DurationIso(s) => Raw::Duration(s),
            DataRef::Error(e) => Raw::Error(e),
            DataRef::Empty => Raw::Empty,
        }
    }

    fn of_data(value: &'v Data) -> Raw<'v> {
        match value {
            Data::Int(n) => Raw::Int(*n),
            Data::Float(f) => Raw::Float(*f),
            Data::String(s) => Raw::Text(s),
            Data::Bool(b) => Raw::Bool(*b),
            Data::DateTime(d) => Raw::DateTime(*d),
            Data::DateTimeIso(s) => Raw::Iso(s),
            Data::DurationIso(s) => Raw::Duration(s),
            Data::Error(e) => Raw::Error(e),
            Data::Empty => Raw::Empty,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        match self {
            Raw::Empty => true,
            Raw::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// The workbooks of a ledger, each kept open from the first of its sheets
/// read to the last, then closed: a workbook of every kind is opened (and
/// its shared strings read) once, and one workbook a kind is not kept.
/// Kinds are read in parallel: a workbook is taken out while one of its
/// sheets is read (another sheet of it read meanwhile opens its own).
#[derive(Default)]
pub struct Workbooks {
    inner: Mutex<OpenBooks>,
}

#[derive(Default)]
struct OpenBooks {
    open: FxHashMap<PathBuf, Workbook>,
    /// How many of each workbook's sheets are still to be read.
    remaining: FxHashMap<PathBuf, usize>,
}

impl Workbooks {
    /// For reading these sheets (a workbook's path once for each).
    pub fn new(sheets: impl IntoIterator<Item = PathBuf>) -> Workbooks {
        let mut books = OpenBooks::default();
        for path in sheets {
            *books.remaining.entry(path).or_default() += 1;
        }
        Workbooks {
            inner: Mutex::new(books),
        }
    }

    fn books(&self) -> std::sync::MutexGuard<'_, OpenBooks> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn take(&self, path: &Path) -> Result<Workbook, String> {
        let taken = self.books().open.remove(path);
        match taken {
            Some(workbook) => Ok(workbook),
            None => Workbook::open(path),
        }
    }

    /// Keeps the workbook for its next sheet, if any; `true` when this was
    /// its last sheet to read.
    fn give_back(&self, path: &Path, workbook: Option<Workbook>) -> bool {
        let mut books = self.books();
        let remaining = books.remaining.entry(path.to_path_buf()).or_default();
        *remaining = remaining.saturating_sub(1);
        let last = *remaining == 0;
        if let (false, Some(workbook)) = (last, workbook) {
            books.open.insert(path.to_path_buf(), workbook);
        }
        last
    }
}

/// Counts a workbook's bytes as read, for the progress bar, once its last
/// sheet is read.
fn done(path: &Path, workbook: Option<Workbook>, cx: &ReadContext<'_>) {
    if cx.workbooks.give_back(path, workbook) {
        cx.read_bytes(std::fs::metadata(path).map_or(0, |m| m.len()));
    }
}

/// Reads the sheet `file.sheet` of the workbook at `path` (its first
/// visible sheet when none is named).
pub(super) fn read(
    path: &Path,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) {
    let lang = cx.diags.lang;
    let mut workbook = match cx.workbooks.take(path) {
        Ok(workbook) => workbook,
        Err(error) => {
            let mut diagnostic = unreadable(&file.path, &error, lang);
            if is_text(path) {
                diagnostic = diagnostic.hint(t!(
                    lang,
                    "这个文件是文本（如 CSV），不是工作簿：把扩展名改为 .csv",
                    "this file is text (such as CSV), not a workbook: change its extension to .csv"
                ));
            }
            cx.file_lost(diagnostic.at(Location::file(file.path.clone())));
            return done(path, None, cx);
        }
    };
    file.date1904 = workbook.date1904();
    let sheet = file.sheet.clone().or_else(|| {
        workbook
            .sheets()
            .into_iter()
            .find(|s| s.visible && s.worksheet)
            .map(|s| s.name)
    });
    match sheet {
        Some(sheet) => {
            file.sheet = Some(sheet.clone());
            let (result, _, last_row) = match workbook.merges(&sheet) {
                Ok(merges) => {
                    let mut rows = SheetRows::new(&merges);
                    let (result, stopped) =
                        stream(&mut workbook, &sheet, &mut rows, file, cx, on_row);
                    let last_row = rows.last_row();
                    if result.is_ok() && !stopped {
                        rows.finish(file, cx, on_row);
                    }
                    (result, stopped, last_row)
                }
                Err(error) => (Err(error), false, 1),
            };
            match result {
                Ok(()) => {}
                Err(error) => {
                    let at = file.location(last_row, None, None);
                    cx.file_lost(unreadable(&file.path, &error, lang).at(at));
                }
            }
        }
        None => cx.diags.push(
            Diagnostic::warning(
                Code::EmptyHeader,
                t!(
                    lang,
                    "工作簿没有可见的工作表",
                    "the workbook has no visible sheet"
                ),
            )
            .at(Location::file(file.path.clone())),
        ),
    }
    done(path, Some(workbook), cx);
}

/// Cells handed from the thread that parses a sheet to the one that reads
/// its rows, their text one after another.
#[derive(Default)]
struct Batch {
    text: String,
    /// Row, column, the text's start and end, what the cell holds.
    cells: Vec<(u32, u32, usize, usize, Option<SheetValue>)>,
}

const BATCH: usize = 8192;

/// Streams the sheet's cells into `rows`: a second thread inflates and
/// parses the sheet's XML (most of the time a workbook takes) while this
/// one reads the rows, a few batches apart. The error of the sheet, if it
/// cannot be read, and whether the reading stopped early.
fn stream(
    workbook: &mut Workbook,
    sheet: &str,
    rows: &mut SheetRows,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) -> (Result<(), String>, bool) {
    std::thread::scope(|scope| {
        let (full, filled) = mpsc::sync_channel::<Batch>(4);
        let (spare, spares) = mpsc::channel::<Batch>();
        let parser = scope.spawn(move || {
            let mut batch = Batch::default();
            let result = workbook.cells(sheet, &mut |row, column, raw| {
                let start = batch.text.len();
                let value = write_value(&mut batch.text, raw);
                batch
                    .cells
                    .push((row, column, start, batch.text.len(), value));
                if batch.cells.len() < BATCH {
                    return true;
                }
                let next = spares.try_recv().unwrap_or_default();
                full.send(std::mem::replace(&mut batch, next)).is_ok()
            });
            if !batch.cells.is_empty() {
                let _ = full.send(batch);
            }
            result
        });
        let mut stopped = false;
        while let Ok(mut batch) = filled.recv() {
            for &(row, column, start, end, value) in &batch.cells {
                let text = &batch.text[start..end];
                if !rows.push(row, column, text, value, file, cx, on_row) {
                    stopped = true;
                    break;
                }
            }
            if stopped {
                break;
            }
            batch.text.clear();
            batch.cells.clear();
            let _ = spare.send(batch);
        }
        // Once the reading stops, the parser's next batch finds no taker.
        drop(filled);
        let result = parser
            .join()
            .unwrap_or_else(|_| Err("the sheet's reader failed".to_string()));
        (result, stopped)
    })
}

/// Whether the file starts as text does (no NUL byte in its first 512),
/// not as a zip (`.xlsx`, `.ods`) or an OLE file (`.xls`).
fn is_text(path: &Path) -> bool {
    let mut start = [0u8; 512];
    let read = File::open(path).and_then(|mut file| std::io::Read::read(&mut file, &mut start));
    match read {
        Ok(n) if n > 0 => {
            let start = &start[..n];
            !start.starts_with(b"PK")
                && !start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
                && !start.contains(&0)
        }
        _ => false,
    }
}

/// A workbook that cannot be opened or read.
pub fn unreadable(shown: &str, error: &str, lang: Lang) -> Diagnostic {
    Diagnostic::error(
        Code::BadWorkbook,
        t!(
            lang,
            "无法读取工作簿 {shown}：{error}",
            "the workbook {shown} cannot be read: {error}"
        ),
    )
    .hint(t!(
        lang,
        "用 Excel 或 WPS 打开，另存为“Excel 工作簿（*.xlsx）”，不设密码",
        "open it in Excel or WPS and save it as an \"Excel Workbook (*.xlsx)\", without a password"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime as Day, Format, Formula, Workbook as Writer};

    /// Every cell as (row, column, text, value), read by the fast reader or
    /// by calamine's.
    fn read_all(path: &Path, fast: bool) -> Vec<(u32, u32, String, Option<SheetValue>)> {
        let mut workbook = Workbook::open(path).unwrap();
        if !fast {
            workbook.fast = None;
            workbook.calamine().unwrap();
        }
        let mut cells = Vec::new();
        workbook
            .cells("名册", &mut |row, column, raw| {
                let mut text = String::new();
                let value = write_value(&mut text, raw);
                cells.push((row, column, text, value));
                true
            })
            .unwrap();
        cells
    }

    #[test]
    fn the_fast_reader_reads_what_calamine_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let mut book = Writer::new();
        let sheet = book.add_worksheet();
        sheet.set_name("名册").unwrap();
        let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
        let time = Format::new().set_num_format("hh:mm");
        sheet.write_string(0, 0, "党员编号 & <姓名>").unwrap();
        sheet.write_number(0, 1, 110105194912310021.0).unwrap();
        sheet.write_number(1, 0, 1.5).unwrap();
        sheet.write_boolean(1, 1, true).unwrap();
        let day = Day::from_ymd(2025, 3, 5).unwrap();
        sheet.write_datetime_with_format(2, 2, &day, &date).unwrap();
        sheet.write_number_with_format(2, 3, 0.5, &time).unwrap();
        sheet
            .write_formula(3, 27, Formula::new("=A2*2").set_result("3"))
            .unwrap();
        sheet
            .write_formula(4, 0, Formula::new("=NA()").set_result("#N/A"))
            .unwrap();
        sheet.write_string(5, 1, "  ").unwrap();
        sheet.write_string(70_000, 3, "末行").unwrap();
        book.save(&path).unwrap();
        let fast = read_all(&path, true);
        assert_eq!(fast, read_all(&path, false));
        assert_eq!(fast.len(), 9);
        assert_eq!(fast[0].2, "党员编号 & <姓名>");
        assert_eq!(
            fast[4].3,
            Some(SheetValue::Date(
                chrono::NaiveDate::from_ymd_opt(2025, 3, 5).unwrap()
            ))
        );
    }
}
