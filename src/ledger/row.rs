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
use super::columns::{Choice, Column, ColumnSet};
use super::maps::KindMap;
use super::source::redact::{self, mask};
use super::source::{Cell, CellValue, Row};

mod sheet;
use crate::diag::{Code, Diagnostic, Diags, Location, Names, Redaction};
use crate::lang::Lang;
use crate::t;
use crate::text::decode::{fold_width, trim};
use crate::text::toml::{toml_number, toml_type_name};
use crate::text::value::{self, DateError, IdNumberError, NumberError};

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
        self.report(column, Diagnostic::error(code, message))
    }

    /// Reports an error about the value of `column` that leaves only that
    /// value out (an item of a list); the row stands.
    pub fn error(&mut self, column: impl ColumnSet, code: Code, message: String) -> Failure<'_> {
        self.report(column, Diagnostic::error(code, message))
    }

    /// Reports a warning about the value of `column`; the row stands.
    pub fn warn(&mut self, column: impl ColumnSet, code: Code, message: String) -> Failure<'_> {
        self.report(column, Diagnostic::warning(code, message))
    }

    fn report(&mut self, column: impl ColumnSet, diagnostic: Diagnostic) -> Failure<'_> {
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
                diagnostic
                    .at(file.location(cell.line, Some(cell.column()), Some(cell.width())))
                    .found(found)
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
        let label = self.columns[column.index()].label();
        self.fail(
            column,
            Code::MissingValue,
            t!(
                lang,
                "必填项 {label} 为空，该行未读取",
                "the required value {label} is empty; the row was left out"
            ),
        )
        .hint(t!(
            lang,
            "填上这一项；如果这一行是多余的，删除整行",
            "fill it in, or delete the whole row if it is not needed"
        ));
    }

    pub fn text(&mut self, column: impl ColumnSet) -> Option<String> {
        self.text_of(column).map(Cow::into_owned)
    }

    pub fn required_text(&mut self, column: impl ColumnSet) -> Option<String> {
        let text = self.text(column);
        if text.is_none() && self.ok() {
            self.missing(column);
        }
        text
    }

    /// An id: trimmed, full-width forms folded.
    pub fn id(&mut self, column: impl ColumnSet) -> Option<String> {
        self.id_ref(column).map(Cow::into_owned)
    }

    /// [`Self::id`], borrowed from its cell where reading changed nothing:
    /// for the ids that are only looked up.
    pub fn id_ref(&mut self, column: impl ColumnSet) -> Option<Cow<'a, str>> {
        if self.digits_lost(column) {
            return None;
        }
        let id = match self.text_of(column)? {
            Cow::Borrowed(text) => fold_width(text),
            Cow::Owned(text) => Cow::Owned(fold_width(&text).into_owned()),
        };
        Some(self.visible(column, id))
    }

    /// An id without the invisible characters copying left in it, each
    /// named by a warning at its cell.
    fn visible<'s>(&mut self, column: impl ColumnSet, id: Cow<'s, str>) -> Cow<'s, str> {
        let Some((c, at)) = value::first_invisible(&id) else {
            return id;
        };
        let lang = self.lang();
        let name = value::invisible_name(c, lang == Lang::Zh);
        let clean = value::without_invisible(&id);
        self.warn(
            column,
            Code::InvisibleCharacter,
            t!(
                lang,
                "编号第 {at} 个字符是不可见的 {name}，已去掉，按“{clean}”读取",
                "the id's character {at} is an invisible {name}; it was removed and the id read as \"{clean}\""
            ),
        )
        .hint(t!(
            lang,
            "在单元格中删去该字符后重新输入编号",
            "retype the id in the cell without it"
        ));
        Cow::Owned(clean)
    }

    pub fn required_id(&mut self, column: impl ColumnSet) -> Option<String> {
        self.required_id_ref(column).map(Cow::into_owned)
    }

    pub fn required_id_ref(&mut self, column: impl ColumnSet) -> Option<Cow<'a, str>> {
        let id = self.id_ref(column);
        if id.is_none() {
            // Without its id a row left out may be anyone's.
            self.names_nobody = true;
            if self.ok() {
                self.missing(column);
            }
        }
        id
    }

    pub fn date(&mut self, column: impl ColumnSet) -> Option<NaiveDate> {
        let cell = *self.cell(column)?;
        if let CellValue::Sheet(_, value) = cell.value {
            return self.sheet_date(column, value);
        }
        if let CellValue::Toml(DeValue::Datetime(datetime)) = cell.value {
            if let Some(date) = datetime.date {
                let parsed = NaiveDate::from_ymd_opt(
                    i32::from(date.year),
                    u32::from(date.month),
                    u32::from(date.day),
                );
                if parsed.is_some() {
                    return parsed;
                }
            }
            let lang = self.lang();
            self.fail(
                column,
                Code::BadDate,
                t!(
                    lang,
                    "这里需要日期，不是时间",
                    "a date is needed here, not a time"
                ),
            )
            .expected("2025-03-05");
            return None;
        }
        let text = self.text_of(column)?;
        match value::parse_date(&text) {
            Ok(date) => Some(date),
            Err(error) => {
                self.date_error(column, error);
                None
            }
        }
    }

    fn date_error(&mut self, column: impl ColumnSet, error: DateError) {
        let lang = self.lang();
        match error {
            DateError::ExcelSerial(date) => {
                self.fail(
                    column,
                    Code::ExcelSerialDate,
                    t!(
                        lang,
                        "这是 Excel 的日期序列号，表示 {date}",
                        "this is an Excel serial date number; it stands for {date}"
                    ),
                )
                .expected("2025-03-05")
                .hint(t!(
                    lang,
                    "在 Excel 中选中该列，设置单元格格式为“文本”，再把日期输入为 {date}",
                    "in Excel, format the column's cells as Text and type the date as {date}"
                ));
            }
            DateError::Impossible { year, month, day } => {
                let reason = if !(1..=12).contains(&month) {
                    t!(lang, "没有 {month} 月", "there is no month {month}")
                } else {
                    t!(
                        lang,
                        "{year} 年 {month} 月没有 {day} 日",
                        "{year}-{month:02} has no day {day}"
                    )
                };
                self.fail(
                    column,
                    Code::ImpossibleDate,
                    t!(lang, "不存在的日期：{reason}", "no such date: {reason}"),
                )
                .expected(t!(
                    lang,
                    "日历上存在的日期",
                    "a date that exists in the calendar"
                ))
                .hint(t!(
                    lang,
                    "核对月和日是否写反或抄错",
                    "check whether the month and day were swapped or mistyped"
                ));
            }
            DateError::Unrecognized => {
                self.fail(
                    column,
                    Code::BadDate,
                    t!(lang, "不是可识别的日期", "not a date that can be read"),
                )
                .expected("2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日")
                .hint(t!(
                    lang,
                    "写成“年-月-日”，如 2025-03-05；在 Excel 中可把该列设置为“文本”后输入",
                    "write year-month-day, such as 2025-03-05; in Excel, format the column as Text before typing"
                ));
            }
        }
    }

    pub fn required_date(&mut self, column: impl ColumnSet) -> Option<NaiveDate> {
        if !self.has(column) {
            if self.ok() {
                self.missing(column);
            }
            return None;
        }
        self.date(column)
    }

    /// A number in `min..=max`.
    pub fn number(&mut self, column: impl ColumnSet, min: f64, max: f64) -> Option<f64> {
        let cell = *self.cell(column)?;
        let lang = self.lang();
        let not_a_number = |row: &mut Self| {
            row.fail(
                column,
                Code::BadNumber,
                t!(lang, "不是数字", "not a number"),
            )
            .expected(t!(lang, "数字，例如 1.5", "a number such as 1.5"));
        };
        let number = match cell.value {
            CellValue::Text(_) | CellValue::Toml(DeValue::String(_)) => {
                let text = self.text_of(column)?;
                match value::parse_number(&text) {
                    Ok(number) => number,
                    Err(NumberError::NotANumber) => {
                        not_a_number(self);
                        return None;
                    }
                    Err(NumberError::Comma) => {
                        self.fail(
                            column,
                            Code::BadNumber,
                            t!(
                                lang,
                                "逗号只用作千位分隔（如 15,000），这里无法判断是千位还是小数点",
                                "a comma only separates thousands (as in 15,000): here it could be a decimal comma, so the value is not read"
                            ),
                        )
                        .expected(t!(
                            lang,
                            "小数用小数点，如 1.5；千位分隔如 15,000",
                            "a decimal point, as in 1.5, or thousands as in 15,000"
                        ))
                        .hint(t!(
                            lang,
                            "若是 1.5 天，写成 1.5；若是一万五千，写成 15000",
                            "write 1.5 for one and a half, 15000 for fifteen thousand"
                        ));
                        return None;
                    }
                }
            }
            CellValue::Toml(number @ (DeValue::Integer(_) | DeValue::Float(_))) => {
                match toml_number(number) {
                    Some(number) => number,
                    None => {
                        not_a_number(self);
                        return None;
                    }
                }
            }
            CellValue::Sheet(_, value) => self.sheet_number(column, value)?,
            CellValue::Toml(other) => {
                let kind = toml_type_name(other, lang);
                self.fail(
                    column,
                    Code::WrongType,
                    t!(
                        lang,
                        "这里需要数字，不是 {kind}",
                        "a number is needed here, not {kind}"
                    ),
                );
                return None;
            }
        };
        if number < min || number > max {
            self.fail(
                column,
                Code::NumberOutOfRange,
                t!(
                    lang,
                    "数值 {number} 超出合理范围",
                    "the number {number} is out of range"
                ),
            )
            .expected(format!("{min} – {max}"))
            .hint(t!(
                lang,
                "核对数值和单位（天数、学时、字数）是否填错了列",
                "check the number and its unit (days, hours, characters): it may be in the wrong column"
            ));
            return None;
        }
        Some(number)
    }

    /// A whole number in `min..=max`: `1500.5` or `1,5` in a count is an
    /// error, not rounded.
    pub fn whole_number(&mut self, column: impl ColumnSet, min: f64, max: f64) -> Option<f64> {
        let number = self.number(column, min, max)?;
        if number.fract() != 0.0 {
            let lang = self.lang();
            self.fail(
                column,
                Code::BadNumber,
                t!(
                    lang,
                    "这里需要整数，不是 {number}",
                    "a whole number is needed here, not {number}"
                ),
            )
            .expected(t!(lang, "整数，如 1500", "a whole number such as 1500"));
            return None;
        }
        Some(number)
    }

    pub fn choice<E: Choice>(&mut self, column: impl ColumnSet) -> Option<E> {
        let text = self.text_of(column)?;
        match E::parse(&text) {
            Some(value) => Some(value),
            None => {
                let lang = self.lang();
                let label = self.columns[column.index()].label();
                self.fail(
                    column,
                    Code::BadValue,
                    t!(
                        lang,
                        "{label} 不能取值“{text}”",
                        "\"{text}\" is not a value of {label}"
                    ),
                )
                .expected(E::spellings());
                None
            }
        }
    }

    pub fn required_choice<E: Choice>(&mut self, column: impl ColumnSet) -> Option<E> {
        if !self.has(column) {
            if self.ok() {
                self.missing(column);
            }
            return None;
        }
        self.choice(column)
    }

    /// The items of a list cell: a CSV cell separated by `;` `；` `、`, or a
    /// TOML array (or string). Items of a CSV cell are borrowed from it
    /// unless folding changed them.
    pub fn list(&mut self, column: impl ColumnSet) -> Vec<Cow<'a, str>> {
        let Some(cell) = self.cell(column).copied() else {
            return Vec::new();
        };
        if let CellValue::Toml(DeValue::Array(items)) = cell.value {
            let mut list = Vec::with_capacity(items.len());
            for item in items.iter() {
                match toml_text(item.get_ref(), self.lang()) {
                    Ok(text) if !trim(&text).is_empty() => {
                        let id = Cow::Owned(fold_width(trim(&text)).into_owned());
                        let id = self.mapped(column, id);
                        list.push(Cow::Owned(self.visible(column, id).into_owned()))
                    }
                    Ok(_) => {}
                    Err(kind) => {
                        let lang = self.lang();
                        self.fail(
                            column,
                            Code::WrongType,
                            t!(lang, "列表项不能是 {kind}", "a list item cannot be {kind}"),
                        );
                    }
                }
            }
            return list;
        }
        match self.text_of(column) {
            Some(Cow::Borrowed(text)) => value::split_list(text)
                .map(|item| {
                    let item = self.mapped(column, fold_width(item));
                    self.visible(column, item)
                })
                .collect(),
            Some(Cow::Owned(text)) => value::split_list(&text)
                .map(|item| {
                    let item = self.mapped(column, Cow::Owned(fold_width(item).into_owned()));
                    Cow::Owned(self.visible(column, item).into_owned())
                })
                .collect(),
            None => Vec::new(),
        }
    }

    /// An 18-character ID number; what Excel did to it is named.
    pub fn id_number(&mut self, column: impl ColumnSet) -> Option<String> {
        if self.digits_lost(column) {
            return None;
        }
        let text = self.text_of(column)?;
        let lang = self.lang();
        match value::check_id_number(&text) {
            Ok(id) => Some(id),
            Err(IdNumberError::ExcelMangled) => {
                self.fail(
                    column,
                    Code::ExcelMangledId,
                    t!(lang, "身份证号被 Excel 当作数字保存，只保留了 15 位有效数字，后几位已丢失", "Excel stored this ID number as a number and kept only 15 significant digits: the last digits are lost"),
                )
                .expected(t!(lang, "18 位身份证号", "an 18-character ID number"))
                .hint(t!(lang, "把该列设置为“文本”格式后重新输入完整号码，或在号码前加英文单引号 '", "format the column as Text and type the full number again, or start it with an apostrophe '"));
                None
            }
            Err(IdNumberError::Malformed) => {
                self.fail(
                    column,
                    Code::BadIdNumber,
                    t!(
                        lang,
                        "身份证号应为 17 位数字加 1 位校验码（数字或 X）",
                        "an ID number is 17 digits and a check character (a digit or X)"
                    ),
                )
                .expected(t!(lang, "18 位身份证号", "an 18-character ID number"));
                None
            }
            Err(IdNumberError::CheckDigit { expected }) => {
                self.fail(column, Code::BadIdNumber, t!(lang, "身份证号校验码不符，按前 17 位应为 {expected}", "the ID number's check character does not match: the first 17 digits give {expected}"))
                    .expected(t!(lang, "校验码正确的身份证号", "an ID number with a valid check character"))
                    .hint(t!(lang, "核对号码是否抄错", "check the number for a typing mistake"));
                None
            }
        }
    }
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
