//! Header cells and TOML keys → the kind's columns: the English name in any
//! case, a Chinese alias (`Column::is_named`), or a header taizhang.toml
//! maps to the column (`[columns.KIND]`, the context's `map`). A second header for a column
//! already named, a column the kind does not have (under `--strict`) and a
//! missing required column are diagnostics at the header.

use super::{FileInfo, ReadContext};
use crate::diag::{Code, Diagnostic, Location, did_you_mean, quoted};
use crate::lang::Lang;
use crate::ledger::columns::{Column, normalize_header};
use crate::t;
use crate::text::{suggest, value};

/// One cell of a CSV header row: its text and where it starts (the column
/// counts characters from 0).
pub(super) struct HeaderCell<'a> {
    pub text: &'a str,
    pub line: u32,
    pub column: u32,
}

/// Whether a header cell names a column of the kind (built in or mapped),
/// without reporting anything: for finding a sheet's header row.
pub(super) fn names_column(cx: &ReadContext<'_>, text: &str) -> bool {
    let normalized = normalize_header(&value::without_invisible(text));
    cx.columns.iter().any(|c| c.is_named(&normalized)) || cx.map.column_of(&normalized).is_some()
}

/// The column a header (or key) names, if any. `named` holds how each
/// column has been named so far (in a CSV header, or a TOML row): a second
/// name for a column already named is reported and names nothing.
pub(super) fn column_of(
    named: &mut [Option<String>],
    cx: &mut ReadContext<'_>,
    text: &str,
    location: impl Fn() -> Location,
) -> Option<usize> {
    let lang = cx.diags.lang;
    let cleaned;
    let text = match value::first_invisible(text) {
        None => text,
        Some((c, at)) => {
            let name = value::invisible_name(c, lang == Lang::Zh);
            cleaned = value::without_invisible(text);
            cx.diags.push(
                Diagnostic::warning(
                    Code::InvisibleCharacter,
                    t!(
                        lang,
                        "表头第 {at} 个字符是不可见的 {name}，已去掉，按“{cleaned}”读取",
                        "the header's character {at} is an invisible {name}; it was removed and the header read as \"{cleaned}\""
                    ),
                )
                .at(location())
                .found(text),
            );
            &cleaned
        }
    };
    let normalized = normalize_header(text);
    let column = cx
        .columns
        .iter()
        .position(|c| c.is_named(&normalized))
        .or_else(|| cx.map.column_of(&normalized));
    let Some(column) = column else {
        if cx.strict && !text.is_empty() {
            unknown_column(cx, text, location());
        }
        return None;
    };
    match &named[column] {
        Some(first) => {
            let first = first.clone();
            let label = cx.columns[column].title(lang);
            let kind = cx.kind;
            cx.diags.push(
                Diagnostic::error(
                    Code::DuplicateColumn,
                    t!(
                        lang,
                        "“{first}”和“{text}”两列都是字段“{label}”，只读取前面的“{first}”",
                        "\"{first}\" and \"{text}\" both name the column {label}; only the first, \"{first}\", is read"
                    ),
                )
                .at(location())
                .found(text)
                .hint(t!(
                    lang,
                    "删去其中一列，或把表头改成它实际所填字段的名称；taizhang columns {kind} 列出每个字段接受的表头",
                    "delete one of the two columns, or rename its header after the field it really holds; taizhang columns {kind} lists the headers each column accepts"
                )),
            );
            None
        }
        None => {
            named[column] = Some(text.to_string());
            Some(column)
        }
    }
}

/// Maps a CSV header row to the kind's columns (by the position of each
/// cell). `false` with it when the file cannot be read: a required column
/// is missing, or the header was written with another separator.
pub(super) fn read_row(
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    cells: &[HeaderCell<'_>],
) -> (Vec<Option<usize>>, bool) {
    let lang = cx.diags.lang;
    let mut mapping = Vec::with_capacity(cells.len());
    for cell in cells {
        let width = Some(cell.text.chars().count().max(1) as u32);
        let location = file_location(file, cell.line, cell.column, width);
        mapping.push(column_of(&mut file.headers, cx, cell.text, || {
            location.clone()
        }));
    }
    let missing: Vec<(String, &str)> = cx
        .columns
        .iter()
        .enumerate()
        .filter(|(column, c)| c.required && file.headers[*column].is_none())
        .map(|(_, c)| (required_header(c, lang), c.name))
        .collect();
    let at = file.location(cells[0].line, Some(1), None);
    // A header of one cell with tabs or semicolons in it: the file was saved
    // with another separator (Excel's "Unicode text" uses tabs). One
    // diagnostic says so, instead of one per column.
    let separator = match cells {
        [only] => ['\t', ';', '；']
            .into_iter()
            .find(|&c| only.text.contains(c)),
        _ => None,
    };
    if let (Some(separator), false) = (separator, missing.is_empty()) {
        let shown = if separator == '\t' {
            lang.pick("制表符", "Tab").to_string()
        } else {
            separator.to_string()
        };
        cx.file_lost(
            Diagnostic::error(
                Code::MissingColumn,
                t!(
                    lang,
                    "表头各列之间是“{shown}”而不是逗号，读不出任何一列，该文件未读取",
                    "the header's columns are separated by \"{shown}\", not commas, so no column can be read; the file was not read"
                ),
            )
            .at(at)
            .expected(
                missing
                    .iter()
                    .map(|(label, _)| label.as_str())
                    .collect::<Vec<_>>()
                    .join(lang.pick("；", "; ")),
            )
            .hint(t!(
                lang,
                "在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
                "save the file from Excel as \"CSV UTF-8 (Comma delimited)\""
            )),
        );
        return (mapping, false);
    }
    let kind = cx.kind;
    // The file's headers that name no column: one may be a slip for the
    // missing column's.
    let unknown: Vec<&str> = cells
        .iter()
        .zip(&mapping)
        .filter(|(cell, column)| column.is_none() && !cell.text.is_empty())
        .map(|(cell, _)| cell.text)
        .collect();
    for (label, name) in &missing {
        let mapping_hint = t!(
            lang,
            "如果文件用别的表头填写这一列，在 taizhang.toml 中映射它：“[columns.{kind}] {name} = [\"表头\"]”；taizhang columns {kind} 列出已接受的表头",
            "if the file names this column otherwise, map its header in taizhang.toml: [columns.{kind}] {name} = [\"header\"]; taizhang columns {kind} lists the headers it accepts"
        );
        let hint = match slip_for(cx, name, &unknown) {
            Some((header, meant)) => t!(
                lang,
                "表头“{header}”是不是“{meant}”？如果不是，{mapping_hint}",
                "is the header \"{header}\" meant as \"{meant}\"? If not, {mapping_hint}"
            ),
            None => mapping_hint,
        };
        cx.file_lost(
            Diagnostic::error(
                Code::MissingColumn,
                t!(
                    lang,
                    "表头缺少必填列{label}，该文件未读取",
                    "the header lacks the required column {label}; the file was not read"
                ),
            )
            .at(at.clone())
            .expected(label.clone())
            .hint(hint),
        );
    }
    (mapping, missing.is_empty())
}

/// The one header of `unknown` that is a slip for a spelling of the column
/// `name`, with that spelling.
fn slip_for<'h>(
    cx: &ReadContext<'_>,
    name: &str,
    unknown: &[&'h str],
) -> Option<(&'h str, &'static str)> {
    let column = cx.columns.iter().find(|c| c.name == name)?;
    let spellings = || std::iter::once(column.name).chain(column.aliases.iter().copied());
    let mut slips = unknown.iter().filter_map(|&header| {
        let meant = suggest::closest(&normalize_header(header), spellings())?;
        Some((header, meant))
    });
    let slip = slips.next()?;
    slips.next().is_none().then_some(slip)
}

/// A required column as a message names it: both its headers, quoted as
/// a file would hold them.
fn required_header(column: &Column, lang: Lang) -> String {
    match (lang, column.aliases.first()) {
        (Lang::Zh, Some(alias)) => format!("“{alias}”（或“{}”）", column.name),
        (Lang::En, Some(alias)) => format!("\"{}\" (or \"{alias}\")", column.name),
        (_, None) => format!("“{}”", column.name),
    }
}

/// Under `--strict`, a column (or TOML key) that the kind does not have;
/// a header one slip from one the kind accepts is named.
fn unknown_column(cx: &mut ReadContext<'_>, name: &str, location: Location) {
    let lang = cx.diags.lang;
    let known = cx
        .columns
        .iter()
        .map(|c| c.title(lang))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "));
    let headers = cx.columns.iter().enumerate().flat_map(|(index, c)| {
        let built_in = std::iter::once(c.name).chain(c.aliases.iter().copied());
        built_in.chain(cx.map.headers(index))
    });
    let nearest = suggest::closest(&normalize_header(name), headers);
    let kind = cx.kind_title();
    let mut diagnostic = Diagnostic::error(
        Code::UnknownColumn,
        t!(
            lang,
            "{kind}台账没有“{name}”这一列",
            "the {kind} ledger has no column \"{name}\""
        ),
    )
    .at(location)
    .found(name)
    .expected(known);
    if let Some(nearest) = nearest {
        diagnostic = diagnostic.hint(did_you_mean(lang, &quoted(lang, nearest)));
    }
    cx.diags.push(diagnostic);
}

/// A place in a CSV file; `column` counts characters from 0.
pub(super) fn file_location(
    file: &FileInfo,
    line: u32,
    column: u32,
    width: Option<u32>,
) -> Location {
    file.location(line, Some(column + 1), width)
}
