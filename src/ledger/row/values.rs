//! The typed values of a row's cells: text, ids, dates, numbers, choices,
//! lists and ID numbers, each read or reported at its cell.

use std::borrow::Cow;

use chrono::NaiveDate;
use toml::de::DeValue;

use super::{RowReader, toml_text};
use crate::diag::Code;
use crate::lang::Lang;
use crate::ledger::columns::{Choice, ColumnSet};
use crate::ledger::source::CellValue;
use crate::t;
use crate::text::decode::{fold_width, trim};
use crate::text::toml::{toml_number, toml_type_name};
use crate::text::value::{self, DateError, IdNumberError, NumberError};

impl<'a> RowReader<'_, 'a> {
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
            self.time_for_date(column);
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
                .found_means(
                    &t!(
                        lang,
                        "Excel 中 {date} 的日期序列号",
                        "Excel's serial number of {date}"
                    ),
                    lang,
                )
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
                .expected(t!(
                    lang,
                    "2025-03-05、2025/3/5、2025.3.5、2025年3月5日",
                    "2025-03-05, 2025/3/5, 2025.3.5, \"2025年3月5日\""
                ))
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
                let label = self.columns[column.index()].title(lang);
                let failure = self
                    .fail(
                        column,
                        Code::BadValue,
                        t!(
                            lang,
                            "“{label}”不能取值“{text}”",
                            "\"{text}\" is not a value of {label}"
                        ),
                    )
                    .expected(E::spellings(lang));
                if let Some(suggestion) = E::suggestion(&text, lang) {
                    failure.hint(suggestion);
                }
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
            // Printable ASCII, as lists of ids are: nothing to fold and
            // nothing invisible in any item.
            Some(Cow::Borrowed(text))
                if self.values.is_none() && text.bytes().all(|b| (0x20..0x7F).contains(&b)) =>
            {
                value::split_list(text).map(Cow::Borrowed).collect()
            }
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

    /// A time where a date belongs (a TOML time, a workbook's time cell).
    pub(super) fn time_for_date(&mut self, column: impl ColumnSet) {
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
