//! Diagnostics: what is wrong with the input, where, and how to fix it.
//!
//! Every diagnostic has a stable kebab-case code from the one catalogue
//! (`catalogue.rs`), so that scripts and tests can rely on it, and a
//! message in the run's language.

use serde::Serialize;

use crate::lang::Lang;

pub mod catalogue;
pub mod docs;

pub use catalogue::Code;

/// How bad a diagnostic is: an error leaves input out (and makes the exit
/// status 2); a warning does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

impl Level {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Level::Error => lang.pick("错误", "error"),
            Level::Warning => lang.pick("警告", "warning"),
        }
    }
}

/// Where in the ledger a diagnostic points. Lines and columns count from 1;
/// a column counts characters, as an editor shows them. In a workbook
/// (`sheet` is set) the line is the sheet's row and the column its column
/// (A = 1): the place is shown as Excel names a cell, `台账.xlsx[成员]!C12`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: Option<String>,
    /// The sheet of a workbook.
    pub sheet: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// How many characters the bad value spans, for the caret under it.
    pub width: Option<u32>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: Some(file.into()),
            ..Location::default()
        }
    }

    /// A line of a file of the ledger as the loader numbers its files
    /// ([`sheet_file`]): a workbook's sheet is split off its name.
    pub fn in_file(shown: &str, line: Option<u32>) -> Location {
        let (file, sheet) = split_sheet_file(shown);
        Location {
            file: Some(file.to_string()),
            sheet: sheet.map(str::to_string),
            line,
            column: None,
            width: None,
        }
    }

    /// The file as the loader names it: `台账.xlsx[成员]` for a sheet.
    pub fn shown_file(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        Some(match &self.sheet {
            Some(sheet) => sheet_file(file, sheet),
            None => file.to_string(),
        })
    }

    /// The cell in Excel's notation (`C12`), in a workbook.
    pub fn cell(&self) -> Option<String> {
        self.sheet.as_ref()?;
        Some(format!("{}{}", column_letters(self.column?), self.line?))
    }

    /// `file:line:column`, or in a workbook `台账.xlsx[成员]!C12` (a whole
    /// row: `台账.xlsx[成员]!12:12`), as far as it is known.
    pub fn place(&self) -> Option<String> {
        let file = self.shown_file()?;
        Some(match (&self.sheet, self.line, self.column) {
            (Some(_), Some(_), Some(_)) => format!("{file}!{}", self.cell()?),
            (Some(_), Some(line), None) => format!("{file}!{line}:{line}"),
            (None, Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            (None, Some(line), None) => format!("{file}:{line}"),
            (_, None, _) => file,
        })
    }

    /// The place of the line (or row), without the column.
    pub fn line_place(&self) -> Option<String> {
        Location {
            column: None,
            width: None,
            ..self.clone()
        }
        .place()
    }
}

/// How the loader names a sheet of a workbook among its files: `台账.xlsx[成员]`.
pub fn sheet_file(file: &str, sheet: &str) -> String {
    format!("{file}[{sheet}]")
}

/// A file name of the loader's split into the workbook and its sheet. A
/// sheet's name cannot hold `[` or `]`, and only a workbook has sheets.
pub fn split_sheet_file(shown: &str) -> (&str, Option<&str>) {
    let split = shown
        .strip_suffix(']')
        .and_then(|rest| rest.rsplit_once('['))
        .filter(|(file, sheet)| is_workbook_name(file) && !sheet.contains(']'));
    match split {
        Some((file, sheet)) => (file, Some(sheet)),
        None => (shown, None),
    }
}

/// Whether a file name is a workbook's (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
pub fn is_workbook_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Excel's letters for a column from 1: `A`, `Z`, `AA`, `XFD`.
pub fn column_letters(column: u32) -> String {
    let mut n = column.max(1);
    let mut letters = Vec::new();
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(b'A' + digit as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Characters of a diagnostic's source line that hold personal data: where
/// the line is shown, all but `head` and `tail` of them are masked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Redaction {
    /// The first character, from 1.
    pub column: u32,
    pub width: u32,
    pub head: u32,
    pub tail: u32,
}

impl Redaction {
    /// The whole line, for a line whose personal cells are not known.
    pub const WHOLE_LINE: Redaction = Redaction {
        column: 1,
        width: u32::MAX,
        head: 0,
        tail: 0,
    };
}

/// What an input error left out of the check, so that the verdicts it
/// could change are marked: a whole file, one row (with the ids it names,
/// where they could be read), or cells of a row that is kept without them.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftOut {
    /// The ledger kind, by name (`members`, `education` …).
    pub kind: &'static str,
    pub scope: Scope,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    /// The file, or all of it from this place on: what it holds is unknown.
    File,
    /// One row. Empty lists: its ids could not be read, so it may concern
    /// any subject of its kind.
    Row(Names),
    /// A member kept on the roll without the values of these columns.
    Cells {
        member: String,
        columns: Vec<&'static str>,
    },
}

/// The ids a left-out row names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    pub members: Vec<String>,
    pub orgs: Vec<String>,
    /// A visit's id.
    pub record: Option<String>,
    /// The row names an org that is not in the tree and not one slip from
    /// one: it may concern any org.
    pub any_org: bool,
    /// A mobile member's certificate, which other members' MOB02 depends on.
    pub certificate: Option<String>,
    /// The days the row is about (a session's date, a trip), when they
    /// could be read: it changes no verdict of a period outside them.
    pub when: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

impl Names {
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
            && self.orgs.is_empty()
            && self.record.is_none()
            && !self.any_org
            && self.certificate.is_none()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub level: Level,
    pub location: Location,
    /// The column's header as the file spells it (or the TOML key).
    pub field: Option<String>,
    /// The value found, masked when it is personal data.
    pub found: Option<String>,
    /// The characters of `found` the diagnostic is about (start from 0,
    /// width), where that is part of it: one item of a list cell in a
    /// workbook, whose cell is shown by its value. (In a text file the
    /// location itself is narrowed to the item.)
    pub found_span: Option<(u32, u32)>,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
    /// Personal data on the source line, unless `--show-personal`.
    pub redactions: Vec<Redaction>,
    /// What the error left out of the check, for the verdicts it touches.
    pub left_out: Option<LeftOut>,
    /// What that did to the check, in words ("M0001 is not checked for
    /// EDU02"), once the rules have run.
    pub consequence: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: String) -> Diagnostic {
        Diagnostic::new(code, Level::Error, message)
    }

    pub fn warning(code: Code, message: String) -> Diagnostic {
        Diagnostic::new(code, Level::Warning, message)
    }

    fn new(code: Code, level: Level, message: String) -> Diagnostic {
        Diagnostic {
            code,
            level,
            location: Location::default(),
            field: None,
            found: None,
            found_span: None,
            message,
            expected: None,
            hint: None,
            redactions: Vec::new(),
            left_out: None,
            consequence: None,
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = location;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into());
        self
    }

    pub fn found(mut self, found: impl Into<String>) -> Diagnostic {
        self.found = Some(found.into());
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Diagnostic {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn redact(mut self, redactions: Vec<Redaction>) -> Diagnostic {
        self.redactions = redactions;
        self
    }

    /// Says that the error leaves `scope` of `kind` out of the check.
    pub fn leaves_out(mut self, kind: &'static str, scope: Scope) -> Diagnostic {
        self.left_out = Some(LeftOut { kind, scope });
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// `file:line:column` (`台账.xlsx[成员]!C12` in a workbook), as far as
    /// it is known.
    pub fn position(&self) -> Option<String> {
        self.location.place()
    }
}

/// "Did you mean …?" for a hint: `shown` as the message should show it.
pub fn did_you_mean(lang: Lang, shown: &str) -> String {
    match lang {
        Lang::Zh if shown.starts_with('“') => format!("是不是{shown}？"),
        Lang::Zh => format!("是不是 {shown}？"),
        Lang::En => format!("did you mean {shown}?"),
    }
}

/// A hint that starts with "did you mean …?" when there is a nearest
/// spelling: `是不是 M010？核对编号…`.
pub fn suggesting(lang: Lang, near: Option<&str>, fix: String) -> String {
    match near {
        Some(near) => format!("{}{}{fix}", did_you_mean(lang, near), lang.pick("", " ")),
        None => fix,
    }
}

/// A spelling a file holds (a header, a value, a key), quoted as each
/// language quotes.
pub fn quoted(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => format!("“{text}”"),
        Lang::En => format!("\"{text}\""),
    }
}

/// All diagnostics of a run, collected and never cut short.
#[derive(Debug)]
pub struct Diags {
    pub lang: Lang,
    list: Vec<Diagnostic>,
    /// Input left out without an error of its own (a row naming a row
    /// left out itself): not shown, but what it could change is marked.
    silent: Vec<(Location, LeftOut)>,
}

impl Diags {
    pub fn new(lang: Lang) -> Diags {
        Diags {
            lang,
            list: Vec::new(),
            silent: Vec::new(),
        }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Adds the diagnostics of a part read apart (a kind read in parallel).
    pub fn extend(&mut self, other: Diags) {
        self.list.extend(other.list);
        self.silent.extend(other.silent);
    }

    /// Changes the diagnostic pushed last (to add a hint or what was expected).
    pub fn amend_last(&mut self, change: impl FnOnce(Diagnostic) -> Diagnostic) {
        if let Some(last) = self.list.pop() {
            self.list.push(change(last));
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    /// Records input left out whose error is another row's.
    pub fn left_out_silently(&mut self, at: Location, left_out: LeftOut) {
        self.silent.push((at, left_out));
    }

    /// The input left out without an error of its own.
    pub fn silent(&self) -> &[(Location, LeftOut)] {
        &self.silent
    }

    /// The diagnostics from `start` on (those of one row), to say what the
    /// row's errors left out.
    pub fn since(&mut self, start: usize) -> &mut [Diagnostic] {
        let start = start.min(self.list.len());
        &mut self.list[start..]
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The diagnostics in a stable order: by file, line, column, then code.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list.sort_by(|a, b| {
            (
                &a.location.file,
                &a.location.sheet,
                a.location.line,
                a.location.column,
                a.code,
            )
                .cmp(&(
                    &b.location.file,
                    &b.location.sheet,
                    b.location.line,
                    b.location.column,
                    b.code,
                ))
        });
        self.list.dedup();
        self.list
    }
}
