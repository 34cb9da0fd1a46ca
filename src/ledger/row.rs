//! Typed access to the cells of one row. Every value that cannot be read
//! becomes a diagnostic at its cell, naming the column, the value found and
//! what was expected; the row is then marked bad and left out by its kind
//! (or, where a kind keeps a row without some cells, those cells forgiven).
//! The reader also notes the ids the row names, so that what a left-out
//! row could have changed is known.

use std::borrow::Cow;

use chrono::NaiveDate;
use toml::de::DeValue;

use super::Loc;
use super::columns::{Column, ColumnSet};
use super::maps::KindMap;
use super::source::redact::{self, mask};
use super::source::{Cell, CellValue, Row};

mod sheet;
mod values;

use crate::diag::{Code, Diagnostic, Diags, Location, Names, Redaction};
use crate::lang::Lang;
use crate::t;
use crate::text::decode::trim;
use crate::text::toml::toml_type_name;

/// The member and org ids a row names, each ended by a newline: kept in
/// strings that the rows of a file share, so that a row allocates nothing
/// for them.
#[derive(Debug, Default)]
pub struct Named {
    members: String,
    orgs: String,
}

pub struct RowReader<'r, 'a> {
    /// The kind the row is of, by name.
    kind: &'static str,
    row: &'r Row<'a>,
    columns: &'static [Column],
    diags: &'r mut Diags,
    mask: bool,
    /// Columns whose value could not be read, by bit.
    failed: u64,
    /// The row refers to a row that was itself left out.
    refers_to_left_out: bool,
    names: Names,
    /// The ids the row names, wanted only when the row is left out.
    named: &'r mut Named,
    /// The row names someone no id of the ledger is near: left out, it may
    /// concern any subject of its kind.
    names_nobody: bool,
    /// The spellings taizhang.toml maps to enumeration values, if any.
    values: Option<&'r KindMap>,
}

impl<'r, 'a> RowReader<'r, 'a> {
    pub fn new(
        kind: &'static str,
        row: &'r Row<'a>,
        columns: &'static [Column],
        diags: &'r mut Diags,
        mask: bool,
        named: &'r mut Named,
    ) -> Self {
        named.members.clear();
        named.orgs.clear();
        RowReader {
            kind,
            row,
            columns,
            diags,
            mask,
            failed: 0,
            refers_to_left_out: false,
            names: Names::default(),
            named,
            names_nobody: false,
            values: None,
        }
    }

    /// Reads the spellings `map` gives (`[values.KIND.COLUMN]` of
    /// taizhang.toml) as the values they stand for.
    pub fn with_values(mut self, map: &'r KindMap) -> Self {
        self.values = map.has_values().then_some(map);
        self
    }

    /// A mapped spelling as its value; any other text as it is.
    fn mapped(&self, column: impl ColumnSet, text: Cow<'a, str>) -> Cow<'a, str> {
        match self.values.and_then(|map| map.value(column.index(), &text)) {
            Some(value) => Cow::Owned(value.to_string()),
            None => text,
        }
    }

    pub fn lang(&self) -> Lang {
        self.diags.lang
    }

    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// Whether every value read so far was valid.
    pub fn ok(&self) -> bool {
        self.failed == 0 && !self.refers_to_left_out
    }

    /// Whether the value of `column` could not be read.
    pub fn failed(&self, column: impl ColumnSet) -> bool {
        self.failed & bit(column) != 0
    }

    /// Keeps the row without the values of `columns` that could not be
    /// read; returns those columns.
    pub fn forgive<C: ColumnSet>(&mut self, columns: &[C]) -> Vec<C> {
        let forgiven: Vec<C> = columns
            .iter()
            .copied()
            .filter(|&c| self.failed(c))
            .collect();
        for &column in &forgiven {
            self.failed &= !bit(column);
        }
        forgiven
    }

    /// Notes a member the row names.
    pub fn name_member(&mut self, id: &str) {
        self.named.members.push_str(id);
        self.named.members.push('\n');
    }

    /// Notes an org the row names.
    pub fn name_org(&mut self, id: &str) {
        self.named.orgs.push_str(id);
        self.named.orgs.push('\n');
    }

    /// Notes the row's own id (a visit's).
    pub fn name_record(&mut self, id: &str) {
        self.names.record = Some(id.to_string());
    }

    /// How many diagnostics there are so far, to amend those of this row.
    pub fn diagnostics_len(&self) -> usize {
        self.diags.len()
    }

    /// Changes the errors reported since `start` (to say what they left out).
    pub fn amend_since(&mut self, start: usize, change: impl Fn(Diagnostic) -> Diagnostic) {
        for diagnostic in self.diags.since(start) {
            if diagnostic.is_error() {
                *diagnostic = change(diagnostic.clone());
            }
        }
    }

    /// Adds what the errors reported since `start` did to the check.
    pub fn say_consequence_since(&mut self, start: usize, consequence: &str) {
        for diagnostic in self.diags.since(start) {
            if diagnostic.is_error() {
                diagnostic.consequence = Some(consequence.to_string());
            }
        }
    }

    /// Notes the days the row is about.
    pub fn name_when(&mut self, first: NaiveDate, last: NaiveDate) {
        self.names.when = Some((first.min(last), first.max(last)));
    }

    /// Notes a certificate number the row holds.
    pub fn name_certificate(&mut self, certificate: &str) {
        self.names.certificate = Some(certificate.to_string());
    }

    /// Notes that the row names an org near no org of the tree.
    pub fn name_any_org(&mut self) {
        self.names.any_org = true;
    }

    /// Notes that the row names an id near no id of the ledger.
    pub fn name_nobody(&mut self) {
        self.names_nobody = true;
    }

    /// The ids the row named, taken out: none when one of them is near no
    /// id of the ledger, since the row may then concern anyone.
    pub fn take_names(&mut self) -> Names {
        let mut names = std::mem::take(&mut self.names);
        if self.names_nobody {
            return Names::default();
        }
        // In the order named: the first is the row's own org.
        for id in self.named.orgs.lines() {
            if !names.orgs.iter().any(|o| o == id) {
                names.orgs.push(id.to_string());
            }
        }
        names.members = self.named.members.lines().map(str::to_string).collect();
        names.members.sort_unstable();
        names.members.dedup();
        names
    }

    pub fn loc(&self) -> Loc {
        Loc {
            file: self.row.file.id,
            line: self.row.line,
        }
    }

    fn cell(&self, column: impl ColumnSet) -> Option<&Cell<'a>> {
        self.row.cells[column.index()].as_ref()
    }

    /// The cell's text, or `Err` with the TOML type that has none.
    fn raw(&self, cell: &Cell<'a>) -> Result<Cow<'a, str>, &'static str> {
        match cell.value {
            CellValue::Text(text) => Ok(Cow::Borrowed(trim(text))),
            CellValue::Toml(value) => toml_text(value, self.diags.lang),
            CellValue::Sheet(text, _) => Ok(Cow::Borrowed(trim(text))),
        }
    }

    /// A value is present when its cell exists and is not blank.
    pub fn has(&self, column: impl ColumnSet) -> bool {
        self.cell(column)
            .is_some_and(|cell| self.raw(cell).map_or(true, |text| !text.is_empty()))
    }

    /// Marks the row bad for a cause reported elsewhere (a row it refers to
    /// was itself left out).
    pub fn fail_silently(&mut self) {
        self.refers_to_left_out = true;
    }

    /// Reports a problem with the value of `column` and marks the row bad.
    pub fn fail(&mut self, column: impl ColumnSet, code: Code, message: String) -> Failure<'_> {
        self.failed |= bit(column);
        self.report(column, None, Diagnostic::error(code, message))
    }

    /// As [`Self::fail`], about item `item` (from 0) of a list cell.
    pub fn fail_item(
        &mut self,
        column: impl ColumnSet,
        item: usize,
        code: Code,
        message: String,
    ) -> Failure<'_> {
        self.failed |= bit(column);
        self.report(column, Some(item), Diagnostic::error(code, message))
    }

    /// Reports an error about item `item` (from 0) of the list cell of
    /// `column` that leaves only that item out; the row stands.
    pub fn error_item(
        &mut self,
        column: impl ColumnSet,
        item: usize,
        code: Code,
        message: String,
    ) -> Failure<'_> {
        self.report(column, Some(item), Diagnostic::error(code, message))
    }

    /// Reports an error about the value of `column` that leaves nothing
    /// out (a column no rule reads); the row stands.
    pub fn error(&mut self, column: impl ColumnSet, code: Code, message: String) -> Failure<'_> {
        self.report(column, None, Diagnostic::error(code, message))
    }

    /// Reports a warning about the value of `column`; the row stands.
    pub fn warn(&mut self, column: impl ColumnSet, code: Code, message: String) -> Failure<'_> {
        self.report(column, None, Diagnostic::warning(code, message))
    }

    fn report(
        &mut self,
        column: impl ColumnSet,
        item: Option<usize>,
        diagnostic: Diagnostic,
    ) -> Failure<'_> {
        let spec = &self.columns[column.index()];
        let file = self.row.file;
        let mut diagnostic = match self.cell(column) {
            Some(cell) => {
                let found = self
                    .raw(cell)
                    .map_or_else(|kind| kind.to_string(), Cow::into_owned);
                let found = if self.mask {
                    mask(spec.personal, &found)
                } else {
                    found
                };
                let mut at = file.location(cell.line, Some(cell.column()), Some(cell.width()));
                let mut found_span = None;
                match (item, cell.value) {
                    // Only the item is underlined: in a workbook (whose
                    // cell is shown by its value) the characters of the
                    // value, in a text file the location narrowed to it.
                    (Some(item), _) if file.sheet.is_some() => {
                        found_span = item_chars(&found, item);
                    }
                    (Some(item), CellValue::Text(text)) => {
                        if let Some((offset, width)) = item_chars(text, item)
                            && let Some(column) = cell.text_column(offset)
                        {
                            at.column = Some(column);
                            at.width = Some(width);
                        }
                    }
                    _ => {}
                }
                let mut diagnostic = diagnostic.at(at).found(found);
                diagnostic.found_span = found_span;
                diagnostic
            }
            None => diagnostic.at(file.location(self.row.line, None, None)),
        };
        let header = file.headers[column.index()].clone();
        diagnostic = diagnostic.field(header.unwrap_or_else(|| spec.name.to_string()));
        if self.mask {
            let line = diagnostic.location.line;
            diagnostic = diagnostic.redact(self.personal_cells(line));
        }
        self.diags.push(diagnostic);
        Failure { diags: self.diags }
    }

    /// The personal cells of the row that lie on `line`, to mask where the
    /// line is shown.
    fn personal_cells(&self, line: Option<u32>) -> Vec<Redaction> {
        self.columns
            .iter()
            .zip(self.row.cells)
            .filter_map(|(spec, cell)| {
                let cell = cell.as_ref().filter(|c| Some(c.line) == line)?;
                // An empty cell has nothing to hide, and its width of one
                // would cover the delimiter after it.
                if let CellValue::Text(text) = cell.value
                    && trim(text).is_empty()
                {
                    return None;
                }
                redact::cell(Some(spec.personal), cell.column(), cell.width())
            })
            .collect()
    }

    fn text_of(&mut self, column: impl ColumnSet) -> Option<Cow<'a, str>> {
        let cell = *self.cell(column)?;
        if self.sheet_error(column, &cell) {
            return None;
        }
        match self.raw(&cell) {
            Ok(text) if text.is_empty() => None,
            Ok(text) => Some(self.mapped(column, text)),
            Err(kind) => {
                let lang = self.lang();
                self.fail(
                    column,
                    Code::WrongType,
                    t!(
                        lang,
                        "这里需要文本，不是 {kind}",
                        "a text is needed here, not {kind}"
                    ),
                );
                None
            }
        }
    }

    fn missing(&mut self, column: impl ColumnSet) {
        let lang = self.lang();
        let label = self.columns[column.index()].title(lang);
        self.fail(
            column,
            Code::MissingValue,
            t!(
                lang,
                "必填项“{label}”为空，该行未读取",
                "the required value {label} is empty; the row was left out"
            ),
        )
        .hint(t!(
            lang,
            "填上这一项；如果这一行是多余的，删除整行",
            "fill it in, or delete the whole row if it is not needed"
        ));
    }
}

/// Where item `item` of a list cell's text lies: its first character
/// (from 0) and how many characters it has.
fn item_chars(text: &str, item: usize) -> Option<(u32, u32)> {
    let (at, item) = crate::text::value::list_items(text).nth(item)?;
    let offset = u32::try_from(text[..at].chars().count()).ok()?;
    let width = u32::try_from(item.chars().count()).ok()?;
    Some((offset, width))
}

fn bit(column: impl ColumnSet) -> u64 {
    1u64 << (column.index() % 64)
}

/// A reported problem, to which a hint or the expected value can be added.
pub struct Failure<'d> {
    diags: &'d mut Diags,
}

impl Failure<'_> {
    pub fn expected(self, expected: impl Into<String>) -> Self {
        self.amend(|d| d.expected(expected))
    }

    /// Says that the error leaves out one item naming `names` (a row kept
    /// without an item of a list).
    pub fn leaves_out(self, kind: &'static str, names: Names) -> Self {
        self.amend(|d| d.leaves_out(kind, crate::diag::Scope::Row(names)))
    }

    /// Says what the value found stands for, after it: `45678 (Excel's
    /// serial number of 2025-01-21)`; where the value is shown as the
    /// snippet (a workbook cell), only the value itself is underlined.
    pub fn found_means(self, meaning: &str, lang: Lang) -> Self {
        self.amend(|mut d| {
            if let Some(found) = d.found.take() {
                let width = u32::try_from(found.chars().count()).unwrap_or(u32::MAX);
                d.found_span = d.found_span.or(Some((0, width)));
                d.found = Some(match lang {
                    Lang::Zh => format!("{found}（{meaning}）"),
                    Lang::En => format!("{found} ({meaning})"),
                });
            }
            d
        })
    }

    pub fn hint(self, hint: impl Into<String>) -> Self {
        self.amend(|d| d.hint(hint))
    }

    fn amend(self, change: impl FnOnce(Diagnostic) -> Diagnostic) -> Self {
        self.diags.amend_last(change);
        self
    }
}

fn toml_text<'a>(value: &'a DeValue<'a>, lang: Lang) -> Result<Cow<'a, str>, &'static str> {
    match value {
        DeValue::String(text) => Ok(Cow::Borrowed(trim(text))),
        DeValue::Integer(integer) => Ok(Cow::Owned(integer.to_string())),
        DeValue::Float(float) => Ok(Cow::Borrowed(float.as_str())),
        DeValue::Boolean(flag) => Ok(Cow::Borrowed(if *flag { "true" } else { "false" })),
        DeValue::Datetime(datetime) => Ok(Cow::Owned(datetime.to_string())),
        other => Err(toml_type_name(other, lang)),
    }
}

/// A location inside a ledger file, for messages about whole rows.
pub fn row_location(file: &str, line: u32) -> Location {
    Location::in_file(file, Some(line))
}
