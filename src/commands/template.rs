//! The workbook template `data-templates/台账模板.xlsx`, which `init --xlsx`
//! writes: a sheet per kind named by its Chinese name, the Chinese headers,
//! drop-down lists of the enumerations, date columns formatted as dates and
//! every other column but the numbers formatted as text, so that ids, ID
//! numbers and phones keep their digits. Written with fixed document
//! properties, so the same code always writes the same bytes (a test keeps
//! the committed file equal to it).

use chrono::Datelike;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatBorder,
    Workbook, XlsxError,
};

use crate::ledger::Kind;
use crate::ledger::columns::{Choice, Column};
use crate::ledger::kinds::{appraisals, contacts, events, members, mobile, orgs, visits};

/// The template's file name in `data-templates/` (and in a new ledger).
pub const TEMPLATE_NAME: &str = "台账模板.xlsx";

/// The rows a drop-down, a date or a text format covers below the header.
const LAST_ROW: u32 = 10_000;

/// Columns that hold dates, by name.
pub(super) const DATES: &[&str] = &[
    "date",
    "end",
    "since",
    "until",
    "start",
    "left_on",
    "returned_on",
    "verified_on",
    "arrived_on",
    "departed_on",
    "closed_on",
];

/// Columns that hold numbers, by name.
pub(super) const NUMBERS: &[&str] = &["days", "hours", "chars", "year"];

/// The Chinese values of an enumeration column, and whether others are
/// allowed (an event kind of the ledger's own cadence rule).
fn choices(kind: Kind, column: &str) -> Option<(Vec<&'static str>, bool)> {
    fn of<C: Choice>() -> Vec<&'static str> {
        C::CHOICES
            .iter()
            .map(|(_, english, chinese)| chinese.first().copied().unwrap_or(english))
            .collect()
    }
    Some(match (kind, column) {
        (Kind::Orgs, "kind") => (of::<orgs::OrgKind>(), false),
        (Kind::Orgs | Kind::Members, "sector") => (of::<orgs::Sector>(), false),
        (Kind::Members, "leader") => (of::<members::Leader>(), false),
        (Kind::Members, "status") => (of::<members::Status>(), false),
        (Kind::Mobile, "direction") => (of::<mobile::Direction>(), false),
        (Kind::Contacts, "kind") => (of::<contacts::ContactKind>(), false),
        (Kind::Visits, "disposition") => (of::<visits::Disposition>(), false),
        (Kind::Appraisals, "grade") => (of::<appraisals::Grade>(), false),
        (Kind::Events, "kind") => (
            events::KINDS
                .iter()
                .map(|(_, chinese)| chinese[0])
                .collect(),
            true,
        ),
        _ => return None,
    })
}

/// The template's bytes.
pub fn workbook() -> Result<Vec<u8>, XlsxError> {
    book(&|_| Vec::new())
}

/// The template with rows below the headers: each row's cells in the
/// order of the kind's columns, a date or number as Excel's date or
/// number (text that reads as neither is written as it is).
pub fn example_workbook(rows: &dyn Fn(Kind) -> Vec<Vec<String>>) -> Result<Vec<u8>, XlsxError> {
    book(rows)
}

fn book(rows: &dyn Fn(Kind) -> Vec<Vec<String>>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("党建台账模板")
            .set_author("taizhang")
            .set_comment("taizhang init --xlsx")
            .set_creation_datetime(&created),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color("#F2DCDB")
        .set_border_bottom(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text = Format::new().set_num_format("@");
    for &kind in Kind::ALL {
        let sheet = book.add_worksheet();
        sheet.set_name(kind.chinese_names()[0])?;
        sheet.set_freeze_panes(1, 0)?;
        for (index, column) in kind.columns().iter().enumerate() {
            let col = u16::try_from(index).unwrap_or(u16::MAX);
            let title = header_text(column);
            sheet.write_string_with_format(0, col, &title, &header)?;
            let width = (title.chars().count() as f64 * 2.2 + 2.0).max(12.0);
            sheet.set_column_width(col, width)?;
            if DATES.contains(&column.name) {
                sheet.set_column_format(col, &date)?;
            } else if !NUMBERS.contains(&column.name) {
                sheet.set_column_format(col, &text)?;
            }
            if let Some((values, open)) = choices(kind, column.name) {
                let mut validation = DataValidation::new()
                    .allow_list_strings(&values)?
                    .set_error_title("不在列表中")?
                    .set_error_message("请从下拉列表中选择")?;
                if open {
                    validation = validation
                        .set_error_style(DataValidationErrorStyle::Warning)
                        .set_error_message(
                            "不是常用类型；自定义类型须在 taizhang.toml 的 [[cadence]] 中定义",
                        )?;
                }
                sheet.add_data_validation(1, col, LAST_ROW, col, &validation)?;
            }
        }
        let columns = kind.columns();
        for (index, cells) in rows(kind).iter().enumerate() {
            let row = u32::try_from(index + 1).unwrap_or(LAST_ROW);
            for (place, (column, cell)) in columns.iter().zip(cells).enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let col = u16::try_from(place).unwrap_or(u16::MAX);
                let as_date = crate::text::value::parse_date(cell).ok();
                let as_number = crate::text::value::parse_number(cell).ok();
                match (as_date, as_number) {
                    (Some(day), _) if DATES.contains(&column.name) => {
                        let when = ExcelDateTime::from_ymd(
                            u16::try_from(day.year()).unwrap_or(1900),
                            day.month() as u8,
                            day.day() as u8,
                        )?;
                        sheet.write_datetime_with_format(row, col, &when, &date)?;
                    }
                    (_, Some(number)) if NUMBERS.contains(&column.name) => {
                        sheet.write_number(row, col, number)?;
                    }
                    _ => {
                        sheet.write_string_with_format(row, col, cell, &text)?;
                    }
                }
            }
        }
    }
    book.save_to_buffer()
}

/// A header as the CSV templates spell it: the Chinese alias.
fn header_text(column: &Column) -> String {
    column
        .aliases
        .first()
        .map_or(column.name, |alias| alias)
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_is_the_same_bytes_every_time() {
        assert_eq!(super::workbook().unwrap(), super::workbook().unwrap());
    }

    /// `data-templates/台账模板.xlsx` is what the code writes; with
    /// `TAIZHANG_BLESS=1` the test rewrites it instead of failing.
    #[test]
    fn the_committed_template_is_what_the_code_writes() {
        let path = format!(
            "{}/data-templates/{}",
            env!("CARGO_MANIFEST_DIR"),
            super::TEMPLATE_NAME
        );
        let written = super::workbook().unwrap();
        let kept = std::fs::read(&path).unwrap_or_default();
        if kept != written && std::env::var_os("TAIZHANG_BLESS").is_some() {
            std::fs::write(&path, &written).expect("the template is written");
            return;
        }
        assert!(
            kept == written,
            "data-templates/{} differs from what the code writes: run `TAIZHANG_BLESS=1 cargo test` and commit it",
            super::TEMPLATE_NAME
        );
    }
}
