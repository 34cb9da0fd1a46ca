//! Workbook cells that are not text: dates, numbers, times, booleans and
//! error values, read for what they hold rather than for their text. A date
//! cell is a date; a number where a date belongs is Excel's serial number
//! of a day, in the workbook's date system (1900 or 1904); a number with
//! more digits than Excel keeps (15 significant) where an id or a phone
//! belongs has lost its last digits.

use chrono::{Duration, NaiveDate};

use super::RowReader;
use crate::diag::Code;
use crate::ledger::columns::{ColumnSet, Personal};
use crate::ledger::source::{Cell, CellValue, SheetValue};
use crate::t;

/// Excel keeps 15 significant digits of a number: a whole number from
/// 10¹⁵ on has lost some.
const EXACT_BELOW: f64 = 1e15;

impl RowReader<'_, '_> {
    /// Reports a cell holding an error value (`#N/A`, `#REF!` …), as a
    /// formula that failed leaves it; `true` when it was one. Inline, the
    /// report apart: every text cell of every row is asked.
    #[inline]
    pub(super) fn sheet_error(&mut self, column: impl ColumnSet, cell: &Cell<'_>) -> bool {
        let CellValue::Sheet(text, SheetValue::Error) = cell.value else {
            return false;
        };
        self.report_sheet_error(column, text);
        true
    }

    #[cold]
    fn report_sheet_error(&mut self, column: impl ColumnSet, text: &str) {
        let lang = self.lang();
        self.fail(
            column,
            Code::FormulaError,
            t!(
                lang,
                "单元格的值是错误值 {text}：公式没有算出结果",
                "the cell holds the error value {text}: its formula did not give a result"
            ),
        )
        .hint(t!(
            lang,
            "改正公式引用的单元格，或直接输入这一项的值",
            "correct what the formula refers to, or type the value itself"
        ));
    }

    pub(super) fn sheet_date(
        &mut self,
        column: impl ColumnSet,
        value: SheetValue,
    ) -> Option<NaiveDate> {
        let lang = self.lang();
        match value {
            SheetValue::Date(date) => return Some(date),
            SheetValue::Error => {
                let cell = *self.cell(column)?;
                self.sheet_error(column, &cell);
            }
            SheetValue::Number(number) => {
                let date1904 = self.row.file.date1904;
                match serial_date(number, date1904) {
                    Some(date) => {
                        self.fail(
                            column,
                            Code::ExcelSerialDate,
                            t!(
                                lang,
                                "单元格是数字而不是日期；设置为日期格式后显示为 {date}",
                                "the cell holds a number, not a date: formatted as a date it shows {date}"
                            ),
                        )
                        .found_means(
                            &t!(lang, "Excel 中 {date} 的日期序列号", "Excel's serial number of {date}"),
                            lang,
                        )
                        .hint(t!(
                            lang,
                            "选中该列，设置单元格格式为“日期”，核对显示的日期",
                            "select the column, format its cells as Date, and check the dates it then shows"
                        ));
                    }
                    None => {
                        self.fail(
                            column,
                            Code::BadDate,
                            t!(lang, "不是可识别的日期", "not a date that can be read"),
                        )
                        .expected("2025-03-05");
                    }
                }
            }
            SheetValue::Time => self.time_for_date(column),
            SheetValue::Bool => {
                self.fail(
                    column,
                    Code::WrongType,
                    t!(
                        lang,
                        "这里需要日期，不是逻辑值",
                        "a date is needed here, not TRUE or FALSE"
                    ),
                )
                .expected("2025-03-05");
            }
        }
        None
    }

    pub(super) fn sheet_number(
        &mut self,
        column: impl ColumnSet,
        value: SheetValue,
    ) -> Option<f64> {
        let lang = self.lang();
        let kind = match value {
            SheetValue::Number(number) => return Some(number),
            SheetValue::Error => {
                let cell = *self.cell(column)?;
                self.sheet_error(column, &cell);
                return None;
            }
            SheetValue::Date(_) => t!(lang, "日期", "a date"),
            SheetValue::Time => t!(lang, "时间", "a time"),
            SheetValue::Bool => t!(lang, "逻辑值", "TRUE or FALSE"),
        };
        self.fail(
            column,
            Code::WrongType,
            t!(
                lang,
                "这里需要数字，不是{kind}",
                "a number is needed here, not {kind}"
            ),
        )
        .hint(t!(
            lang,
            "把该单元格设置为“常规”或“数值”格式",
            "format the cell as General or Number"
        ));
        None
    }

    /// Reports a number cell where an id, an ID number or a phone belongs
    /// that has more digits than Excel keeps; `true` when it has.
    pub(super) fn digits_lost(&mut self, column: impl ColumnSet) -> bool {
        let Some(&Cell {
            value: CellValue::Sheet(_, SheetValue::Number(number)),
            ..
        }) = self.cell(column)
        else {
            return false;
        };
        if number.abs() < EXACT_BELOW {
            return false;
        }
        let lang = self.lang();
        let id_number = self.columns[column.index()].personal == Personal::IdNumber;
        let message = if id_number {
            t!(
                lang,
                "身份证号被 Excel 当作数字保存，只保留了 15 位有效数字，后几位已丢失",
                "Excel stored this ID number as a number and kept only 15 significant digits: the last digits are lost"
            )
        } else {
            t!(
                lang,
                "这个编号被 Excel 当作数字保存，只保留了 15 位有效数字，后几位已丢失",
                "Excel stored this number as a number and kept only 15 significant digits: the last digits are lost"
            )
        };
        self.fail(column, Code::ExcelMangledId, message)
            .expected(t!(lang, "以文本保存的完整号码", "the whole number, stored as text"))
            .hint(t!(
                lang,
                "把该列设置为“文本”格式后重新输入完整号码，或在号码前加英文单引号 '",
                "format the column as Text and type the full number again, or start it with an apostrophe '"
            ));
        true
    }
}

/// The day an Excel serial number stands for: in the 1900 system day 1 is
/// 1900-01-01 and a 29 February 1900 that never was is counted, so from
/// day 61 on the epoch is 1899-12-30; in the 1904 system day 0 is 1904-01-01.
pub fn serial_date(serial: f64, date1904: bool) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let epoch = if date1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, if days < 61 { 31 } else { 30 })?
    };
    epoch.checked_add_signed(Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_numbers_in_both_date_systems() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(serial_date(45678.0, false), d(2025, 1, 21));
        assert_eq!(serial_date(45678.0 - 1462.0, true), d(2025, 1, 21));
        assert_eq!(serial_date(1.0, false), d(1900, 1, 1));
        assert_eq!(serial_date(0.5, false), None);
    }
}
