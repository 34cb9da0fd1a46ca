//! Which sheets of a workbook hold which kind. In any workbook, a visible
//! sheet named after a kind (`成员`, `members`, `组织活动` … the names a
//! kind's files may have) holds that kind. A workbook named after a kind
//! (`members.xlsx`, `党员名册.xlsx`) or below a `KIND/` directory holds that
//! kind, when no sheet is named after it, on its first visible sheet that
//! is named after no kind, whatever its name (Sheet1, 一支部). Every
//! other sheet is skipped with a warning: hidden (`hidden-sheet`), empty
//! (`empty-sheet`) or of no kind (`unknown-sheet`). A workbook in the
//! ledger's directory with no sheet named after a kind is no ledger file.

use std::path::Path;

use super::Kind;
use super::discover::{Source, display};
use super::source::xlsx::{self, unreadable};
use crate::diag::{Code, Diagnostic, Diags, Location};
use crate::lang::Lang;
use crate::t;

/// The sheets of the workbook at `relative` to read, each with its kind;
/// `kind` is the kind its name or directory gives it. `None` when the
/// workbook holds no kind (its warnings are then not given).
pub(super) fn sheets(
    root: &Path,
    relative: &Path,
    kind: Option<Kind>,
    diags: &mut Diags,
) -> Option<Vec<(Kind, Source)>> {
    let lang = diags.lang;
    let shown = display(relative);
    let path = root.join(relative);
    let listed = match xlsx::list(&path) {
        Ok(listed) => listed,
        Err(error) => {
            return match kind {
                // A file of the kind: reading it says that it is left out.
                Some(kind) => Some(vec![(
                    kind,
                    Source {
                        path: relative.to_path_buf(),
                        sheet: None,
                    },
                )]),
                None => {
                    let mut warning =
                        unreadable(&shown, &error, lang).at(Location::file(shown.clone()));
                    warning.level = crate::diag::Level::Warning;
                    diags.push(warning);
                    None
                }
            };
        }
    };
    let source = |sheet: &str| Source {
        path: relative.to_path_buf(),
        sheet: Some(sheet.to_string()),
    };
    let mut read = Vec::new();
    let mut notes = Vec::new();
    // The workbook's own kind goes to its first visible sheet of no kind's
    // name, unless a sheet is named after that kind.
    let named_after = |k: Kind| {
        listed
            .iter()
            .any(|s| s.visible && s.worksheet && Kind::from_name(s.name.trim()) == Some(k))
    };
    let mut first = kind.filter(|&k| !named_after(k));
    for sheet in &listed {
        let at = Location {
            sheet: Some(sheet.name.clone()),
            ..Location::file(shown.clone())
        };
        let named = Kind::from_name(sheet.name.trim());
        let name = &sheet.name;
        if !sheet.worksheet {
            continue; // a chart sheet holds no rows
        }
        if !sheet.visible {
            if named.is_some() || !xlsx::sheet_is_empty(&path, name) {
                let mut note = Diagnostic::warning(
                    Code::HiddenSheet,
                    t!(
                        lang,
                        "工作表“{name}”是隐藏的，未读取",
                        "the sheet \"{name}\" is hidden and was not read"
                    ),
                )
                .at(at);
                if let Some(kind) = named {
                    let kind = kind.name();
                    note = note.hint(t!(
                        lang,
                        "它的名称是 {kind} 台账的：要读取就取消隐藏",
                        "its name is the {kind} ledger's: unhide it to have it read"
                    ));
                }
                notes.push(note);
            }
            continue;
        }
        if let Some(kind) = named {
            read.push((kind, source(name)));
            continue;
        }
        if let Some(kind) = first.take() {
            read.push((kind, source(name)));
            continue;
        }
        notes.push(if xlsx::sheet_is_empty(&path, name) {
            Diagnostic::warning(
                Code::EmptySheet,
                t!(
                    lang,
                    "工作表“{name}”是空的，跳过",
                    "the sheet \"{name}\" is empty and was skipped"
                ),
            )
            .at(at)
        } else {
            let kinds = Kind::ALL
                .iter()
                .map(|k| match lang {
                    Lang::Zh => k.chinese_names()[0].to_string(),
                    Lang::En => format!("{} ({})", k.name(), k.chinese_names()[0]),
                })
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "));
            let hint = match Kind::looks_like(name) {
                Some(kind) => {
                    let (english, chinese) = (kind.name(), kind.chinese_names()[0]);
                    t!(
                        lang,
                        "要作为{chinese}台账读取，把工作表改名为“{chinese}”或“{english}”",
                        "to have it read as the {english} ledger, rename the sheet to {chinese} or {english}"
                    )
                }
                None => t!(
                    lang,
                    "工作表的名称须是类别名，才会被读取",
                    "a sheet is read when it is named after its kind"
                ),
            };
            Diagnostic::warning(
                Code::UnknownSheet,
                t!(
                    lang,
                    "工作表“{name}”不属于任何台账类别，未读取",
                    "the sheet \"{name}\" belongs to no ledger kind and was not read"
                ),
            )
            .at(at)
            .expected(kinds)
            .hint(hint)
        });
    }
    if kind.is_none() && read.is_empty() {
        return None;
    }
    for note in notes {
        diags.push(note);
    }
    Some(read)
}
