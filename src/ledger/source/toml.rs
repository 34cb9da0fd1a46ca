//! TOML ledger files: an array of tables `[[KIND]]`, parsed whole (they
//! are small; large ledgers are CSV), each table a row whose keys are the
//! kind's columns.

use std::path::Path;

use ::toml::de::{DeTable, DeValue};

use super::{
    Cell, CellColumn, CellValue, Extent, FileInfo, ReadContext, Row, bad_bytes_diagnostic,
    foreign_line_diagnostic, header,
};
use crate::diag::{Code, Diagnostic, Diags};
use crate::t;
use crate::text::lines::LineIndex;
use crate::text::{decode, files, toml};

pub(super) fn read(
    path: &Path,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) {
    let lang = cx.diags.lang;
    let whole =
        match files::read_whole_or_diagnose(path, &file.path, cx.limits.max_whole_file_bytes, lang)
        {
            Ok(whole) => whole,
            Err(diagnostic) => {
                let hint = t!(lang, "大台账请用 CSV", "use CSV for large ledgers");
                return cx.file_lost(diagnostic.hint(hint));
            }
        };
    cx.read_bytes(whole.text.len() as u64);
    let encoding = decode::encoding_label(whole.encoding);
    // TOML is parsed whole: text that did not decode loses the file.
    for bad in &whole.bad {
        cx.file_lost(bad_bytes_diagnostic(file, bad, encoding, lang));
    }
    for &line in &whole.foreign_lines {
        cx.file_lost(foreign_line_diagnostic(file, line, lang));
    }
    let lines = LineIndex::new(&whole.text);
    let consequence = ("该文件未读取", "the file was not read");
    let document = match toml::parse(
        &whole.text,
        &lines,
        &file.path,
        Code::TomlSyntax,
        consequence,
        lang,
    ) {
        Ok(document) => document,
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                cx.file_lost(diagnostic);
            }
            return;
        }
    };
    for (key, value) in &document {
        let rows = match value.get_ref() {
            DeValue::Array(items) if key.get_ref() == cx.kind => items,
            DeValue::Table(_) if key.get_ref() == cx.kind => {
                let kind = cx.kind;
                cx.file_lost(
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
                cx.file_lost(
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
                cx.row_lost(
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
            read_row(file, cx, &lines, item.span().start, table, on_row);
        }
    }
}

fn read_row(
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    lines: &LineIndex<'_>,
    start: usize,
    table: &DeTable<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) {
    let mut cells: Vec<Option<Cell<'_>>> = vec![None; cx.columns.len()];
    let mut named: Vec<Option<String>> = vec![None; cx.columns.len()];
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let location = || lines.location(&file.path, &key.span());
        let Some(column) = header::column_of(&mut named, cx, name, location) else {
            continue;
        };
        if file.headers[column].is_none() {
            file.headers[column] = Some(name.to_string());
        }
        let span = value.span();
        let (line, col) = lines.locate(span.start);
        cells[column] = Some(Cell {
            value: CellValue::Toml(value.get_ref()),
            line,
            column: CellColumn::Known(col),
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
