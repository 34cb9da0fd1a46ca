//! The canonical form of a ledger file, for `taizhang fmt`: the kind's
//! columns in the order of the SPEC, then the file's unknown columns as
//! they came; headers in the file's language (English names, or each
//! column's first Chinese alias); dates ISO (`2025-03-05`, a time kept
//! after them); full-width digits and letters folded in ids, numbers and
//! dates; rows in a stable order by the kind's key; LF line ends. A CSV
//! file is UTF-8 with a BOM, so that Excel opens it as it is; a TOML file
//! UTF-8 without one. Every row, every cell and every unknown column is
//! kept: what changes is only how a value is written, never what the
//! loader reads from it.

mod cells;
mod csv;
mod toml;

use std::path::Path;

use super::Kind;
use super::maps::KindMap;
use crate::lang::Lang;
use crate::t;
use crate::text::decode::{self, ReadError};

/// Why a file is left as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Neither CSV nor TOML (an Excel workbook): not rewritten.
    Workbook,
    /// A TOML file with comments below its first row, which a rewrite
    /// could not keep in their places.
    Comments,
    /// A file with no header row.
    Empty,
    /// A link to a file outside the ledger.
    Outside,
    /// fmt cannot read the file as the loader did (the loader reports it
    /// as an input error, or the two read it otherwise).
    Unreadable(Unreadable),
}

/// What fmt could not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    Io(std::io::ErrorKind),
    TooLarge(u64),
    /// Bytes that do not decode, or lines in another encoding.
    Encoding,
    /// Not valid CSV or TOML.
    Syntax,
    /// A column named twice, a row of another length, TOML not of `[[KIND]]` tables.
    Shape,
    /// The rewrite would read back to other rows.
    Differs,
}

impl Keep {
    pub fn reason(&self, lang: Lang) -> String {
        match self {
            Keep::Workbook => t!(
                lang,
                "工作簿不由 taizhang fmt 改写",
                "a workbook is not rewritten by fmt"
            ),
            Keep::Comments => t!(
                lang,
                "第一行记录之后有注释，改写会丢失它们",
                "it has comments below its first row, which a rewrite would lose"
            ),
            Keep::Empty => t!(lang, "文件是空的", "the file is empty"),
            Keep::Outside => t!(
                lang,
                "它链接到台账之外的文件",
                "it links to a file outside the ledger"
            ),
            Keep::Unreadable(why) => {
                let why = match why {
                    Unreadable::Io(kind) => {
                        crate::text::files::io_reason(&std::io::Error::from(*kind), lang)
                    }
                    Unreadable::TooLarge(size) => {
                        t!(
                            lang,
                            "文件有 {size} 字节，过大",
                            "it is too large, {size} bytes"
                        )
                    }
                    Unreadable::Encoding => t!(lang, "编码有误", "its encoding is broken"),
                    Unreadable::Syntax => t!(lang, "格式有误", "its syntax is broken"),
                    Unreadable::Shape => t!(
                        lang,
                        "列或行的结构有误",
                        "its columns or rows are malformed"
                    ),
                    Unreadable::Differs => t!(
                        lang,
                        "改写后读出的行会不同",
                        "a rewrite would read back to other rows"
                    ),
                };
                t!(
                    lang,
                    "无法按规范格式改写：{why}",
                    "it cannot be rewritten: {why}"
                )
            }
        }
    }
}

/// The file at `path` of `kind` in canonical form. `map` holds the headers
/// taizhang.toml adds to the kind.
pub fn canonical(kind: Kind, path: &Path, map: &KindMap) -> Result<Vec<u8>, Keep> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match extension.as_deref() {
        Some("csv") => Format::Csv,
        Some("toml") => Format::Toml,
        _ => return Err(Keep::Workbook),
    };
    let whole =
        decode::read_whole(path, super::source::LIMITS.max_whole_file_bytes).map_err(|error| {
            match error {
                ReadError::Io(error) => Keep::Unreadable(Unreadable::Io(error.kind())),
                ReadError::TooLarge(size) => Keep::Unreadable(Unreadable::TooLarge(size)),
            }
        })?;
    if !whole.bad.is_empty() || !whole.foreign_lines.is_empty() {
        return Err(Keep::Unreadable(Unreadable::Encoding));
    }
    match format {
        Format::Csv => csv::canonical(kind, &whole.text, map),
        Format::Toml => toml::canonical(kind, &whole.text, map),
    }
}

enum Format {
    Csv,
    Toml,
}

/// The kind's columns a file names, by the file's position of each header
/// (or key): `None` for a column the kind does not have.
fn column_of(kind: Kind, map: &KindMap, header: &str) -> Option<usize> {
    let cleaned = crate::text::value::without_invisible(header);
    let normalized = super::columns::normalize_header(&cleaned);
    kind.columns()
        .iter()
        .position(|c| c.is_named(&normalized))
        .or_else(|| map.column_of(&normalized))
}

/// The header of a column in the file's language: Chinese when most of
/// the file's headers of the kind's columns are not ASCII.
fn header_of(kind: Kind, column: usize, chinese: bool) -> &'static str {
    let column = &kind.columns()[column];
    match (chinese, column.aliases.first()) {
        (true, Some(alias)) => alias,
        _ => column.name,
    }
}

fn is_chinese<'a>(known: impl Iterator<Item = &'a str>) -> bool {
    let (mut ascii, mut other) = (0, 0);
    for header in known {
        if header.trim().is_ascii() {
            ascii += 1;
        } else {
            other += 1;
        }
    }
    other > ascii
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbooks_are_left_as_they_are() {
        let map = KindMap::default();
        for name in ["members.xlsx", "members.xls", "党员名册.XLSX"] {
            assert_eq!(
                canonical(Kind::Members, Path::new(name), &map),
                Err(Keep::Workbook)
            );
        }
    }
}
