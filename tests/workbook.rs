//! Writing workbooks at test time (rust_xlsxwriter): small sheets of typed
//! cells, and a CSV/TOML ledger saved as workbooks, as a clerk's Excel would
//! hold it (dates as date cells, counts as numbers, ids as text).

#![allow(dead_code)]

use std::fs;
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// A cell of a test sheet.
#[derive(Clone, Debug)]
pub enum V {
    /// Text.
    S(String),
    /// A number.
    N(f64),
    /// A date cell (`yyyy-mm-dd`).
    D(u16, u8, u8),
    /// A formula and the value Excel cached for it.
    F(&'static str, String),
    /// Nothing.
    E,
}

pub fn s(text: &str) -> V {
    V::S(text.to_string())
}

/// A sheet of a test workbook.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    pub rows: Vec<Vec<V>>,
    /// Merged areas: first row, first column, last row, last column (from 0).
    pub merges: Vec<(u32, u16, u32, u16)>,
    /// A formatted blank cell far away, which stretches the used range.
    pub styled_blank: Option<(u32, u16)>,
}

impl Sheet {
    pub fn new(name: &str, rows: Vec<Vec<V>>) -> Sheet {
        Sheet {
            name: name.to_string(),
            rows,
            ..Sheet::default()
        }
    }

    /// A sheet of text rows, one string a cell (empty: no cell).
    pub fn text(name: &str, rows: &[&[&str]]) -> Sheet {
        let rows = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| if c.is_empty() { V::E } else { s(c) })
                    .collect()
            })
            .collect();
        Sheet::new(name, rows)
    }
}

/// Writes a workbook of `sheets` (in the 1900 date system; see [`to_1904`]).
pub fn write(path: &Path, sheets: &[Sheet]) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        for &(r1, c1, r2, c2) in &sheet.merges {
            let text = match sheet
                .rows
                .get(r1 as usize)
                .and_then(|row| row.get(c1 as usize))
            {
                Some(V::S(text)) => text.clone(),
                _ => String::new(),
            };
            ws.merge_range(r1, c1, r2, c2, &text, &Format::new())
                .unwrap();
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match value {
                    V::S(text) => {
                        ws.write_string(r, c, text).unwrap();
                    }
                    V::N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    V::D(y, m, d) => {
                        let day = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(r, c, &day, &date).unwrap();
                    }
                    V::F(formula, cached) => {
                        let formula = Formula::new(*formula).set_result(cached);
                        ws.write_formula(r, c, formula).unwrap();
                    }
                    V::E => {}
                }
            }
        }
        if let Some((r, c)) = sheet.styled_blank {
            let shaded = Format::new().set_background_color("#FFFF00");
            ws.write_blank(r, c, &shaded).unwrap();
        }
        if sheet.hidden {
            ws.set_hidden(true);
        }
    }
    book.save(path).unwrap();
}

/// A CSV cell as a clerk's workbook holds it: an ISO date as a date cell,
/// a number of at most 15 digits as a number (but where an id belongs),
/// anything else as text.
fn typed(header: &str, text: &str) -> V {
    let text = text.trim();
    if text.is_empty() {
        return V::E;
    }
    let bytes = text.as_bytes();
    if bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && let (Ok(y), Ok(m), Ok(d)) = (
            text[..4].parse::<u16>(),
            text[5..7].parse::<u8>(),
            text[8..].parse::<u8>(),
        )
    {
        return V::D(y, m, d);
    }
    let id_like = [
        "id",
        "member",
        "members",
        "org",
        "parent",
        "phone",
        "id_number",
        "liaison",
        "mentor",
    ]
    .contains(&header);
    match text.parse::<f64>() {
        Ok(n) if !id_like && text.len() <= 15 => V::N(n),
        _ => s(text),
    }
}

/// The rows of one ledger file (header first), from CSV or `[[kind]]` TOML.
fn file_rows(path: &Path, kind: &str) -> Vec<Vec<String>> {
    let bytes = fs::read(path).unwrap();
    let text = match String::from_utf8(bytes.clone()) {
        Ok(text) => text,
        Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
    };
    let text = text.trim_start_matches('\u{FEFF}');
    if path.extension().is_some_and(|e| e == "toml") {
        let table: toml::Table = text.parse().unwrap();
        let items = table[kind].as_array().unwrap();
        let mut headers: Vec<String> = Vec::new();
        for item in items {
            for key in item.as_table().unwrap().keys() {
                if !headers.contains(key) {
                    headers.push(key.clone());
                }
            }
        }
        let mut rows = vec![headers.clone()];
        for item in items {
            let item = item.as_table().unwrap();
            rows.push(
                headers
                    .iter()
                    .map(|h| match item.get(h) {
                        Some(toml::Value::String(s)) => s.clone(),
                        Some(toml::Value::Array(list)) => list
                            .iter()
                            .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
                            .collect::<Vec<_>>()
                            .join(";"),
                        Some(other) => other.to_string(),
                        None => String::new(),
                    })
                    .collect(),
            );
        }
        rows
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }
}

/// Every kind of the ledger at `dir` as one sheet: its files' rows under
/// one header (`KIND.csv`, `KIND.toml` and `KIND/`), typed as a clerk's
/// Excel holds them.
pub fn kind_sheets(dir: &Path) -> Vec<(String, Sheet)> {
    let mut kinds: Vec<(String, Vec<std::path::PathBuf>)> = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "taizhang.toml" {
            continue;
        }
        let kind = path.file_stem().unwrap().to_string_lossy().into_owned();
        let files = if path.is_dir() {
            let mut files: Vec<_> = fs::read_dir(&path)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "csv" || e == "toml"))
                .collect();
            files.sort();
            if files.is_empty() {
                continue;
            }
            files
        } else if name.ends_with(".csv") || name.ends_with(".toml") {
            vec![path.clone()]
        } else {
            continue;
        };
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, list)) => list.extend(files),
            None => kinds.push((kind, files)),
        }
    }
    kinds
        .into_iter()
        .map(|(kind, files)| {
            let mut header: Vec<String> = Vec::new();
            let mut records: Vec<Vec<(String, String)>> = Vec::new();
            let columns = taizhang::ledger::Kind::from_name(&kind)
                .expect("a kind's file")
                .columns();
            for file in files {
                let mut rows = file_rows(&file, &kind).into_iter();
                // Each file's own spelling of a column (日期, date) as one.
                let file_header: Vec<String> = rows
                    .next()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|h| {
                        columns
                            .iter()
                            .find(|c| c.matches(&h))
                            .map_or(h, |c| c.name.to_string())
                    })
                    .collect();
                for h in &file_header {
                    if !header.contains(h) {
                        header.push(h.clone());
                    }
                }
                for row in rows {
                    records.push(file_header.iter().cloned().zip(row).collect());
                }
            }
            let mut rows = vec![header.iter().map(|h| s(h)).collect::<Vec<_>>()];
            for record in records {
                rows.push(
                    header
                        .iter()
                        .map(|h| {
                            record
                                .iter()
                                .find(|(k, _)| k == h)
                                .map_or(V::E, |(_, v)| typed(h, v))
                        })
                        .collect(),
                );
            }
            (kind.clone(), Sheet::new(&kind, rows))
        })
        .collect()
}

/// Copies what is not a kind's file (taizhang.toml, note texts) from `from` to `to`.
pub fn copy_others(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        let kind_file = path
            .extension()
            .is_some_and(|e| e == "csv" || (e == "toml" && name != "taizhang.toml"));
        let kind_dir = path.is_dir()
            && fs::read_dir(&path).unwrap().any(|e| {
                e.unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "csv" || x == "toml")
            });
        if kind_file || kind_dir {
            continue;
        }
        if path.is_dir() {
            fs::create_dir_all(to.join(&name)).unwrap();
            copy_others(&path, &to.join(&name));
        } else {
            fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// Rewrites the workbook at `path` to count its dates from 1904 (as Excel
/// for Mac did), its date cells' serial numbers shifted to keep their days.
pub fn to_1904(path: &Path) {
    use std::io::{Read, Write};
    let bytes = fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        if name == "xl/workbook.xml" {
            text = text.replacen("<workbookPr ", "<workbookPr date1904=\"1\" ", 1);
        }
        if name.starts_with("xl/worksheets/") {
            text = shift_dates(&text);
        }
        out.start_file(name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// Numbers in cells of a date style (`s="1"` and up, which [`write`] gives
/// only to dates) less the 1,462 days between the two systems' epochs.
fn shift_dates(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<c ") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find("</c>").map_or(rest.len(), |e| at + e + 4);
        let cell = &rest[at..end];
        let dated = cell.contains(" s=\"") && !cell.contains(" t=\"");
        match (dated, cell.find("<v>"), cell.find("</v>")) {
            (true, Some(v), Some(v_end)) => {
                let serial: f64 = cell[v + 3..v_end].parse().unwrap();
                out.push_str(&cell[..v + 3]);
                out.push_str(&(serial - 1462.0).to_string());
                out.push_str(&cell[v_end..]);
            }
            _ => out.push_str(cell),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
