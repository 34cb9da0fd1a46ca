//! How each column of each kind is written canonically, as its loader
//! reads it (`RowReader::id`, `date`, `number`, `list`), and the key that
//! orders a kind's rows.

use crate::ledger::Kind;
use crate::text::decode::{fold_width, trim};
use crate::text::value::{self, without_invisible};

/// How the loader reads a column's cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// An id (or a phone, certificate or ID number, read as ids): trimmed,
    /// full-width forms folded, invisible characters removed.
    Id,
    /// A list of ids, each read as an id.
    Ids,
    Date,
    /// A number: full-width forms folded.
    Number,
    /// Text and enumeration values: trimmed, written as they are.
    Text,
}

/// The shape of the column `name` of `kind`.
pub fn shape(kind: Kind, name: &str) -> Shape {
    match (kind, name) {
        (Kind::Education, "members") => Shape::Ids,
        (Kind::Mobile, "home_org") => Shape::Text,
        (
            _,
            "date" | "end" | "start" | "since" | "until" | "left_on" | "returned_on"
            | "verified_on" | "arrived_on" | "departed_on" | "closed_on",
        ) => Shape::Date,
        (_, "days" | "hours" | "chars" | "year") => Shape::Number,
        (
            _,
            "id" | "org" | "parent" | "member" | "mentor" | "liaison" | "certificate" | "phone"
            | "id_number",
        ) => Shape::Id,
        _ => Shape::Text,
    }
}

/// A cell's text as fmt writes it: the same value to the loader.
pub fn canonical(shape: Shape, raw: &str) -> String {
    let text = trim(raw);
    match shape {
        Shape::Text => text.to_string(),
        Shape::Number => fold_width(text).into_owned(),
        Shape::Id | Shape::Ids => trim(&without_invisible(&fold_width(text))).to_string(),
        Shape::Date => match value::parse_date(text) {
            Ok(date) => {
                let folded = fold_width(text);
                // The time after the date, as `parse_date` splits it.
                let time = folded
                    .split_once(|c: char| c.is_whitespace() || c == 'T')
                    .map_or("", |(_, time)| trim(time));
                if time.is_empty() {
                    date.to_string()
                } else {
                    format!("{date} {time}")
                }
            }
            Err(_) => text.to_string(),
        },
    }
}

/// Whether a canonical date cell holds a date alone (TOML writes it as a
/// native date).
pub fn is_plain_date(text: &str) -> bool {
    text.len() == 10 && value::parse_date(text).is_ok()
}

/// The columns whose canonical values order the kind's rows.
pub fn key(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Orgs | Kind::Members | Kind::Visits => &["id"],
        Kind::Education => &["date", "org"],
        Kind::Notes | Kind::Contacts => &["member", "date"],
        Kind::Research => &["member", "start"],
        Kind::Mobile => &["member", "left_on", "arrived_on"],
        Kind::Events => &["date", "org", "kind"],
        Kind::Appraisals | Kind::Posts => &["year", "member"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_written_as_the_loader_reads_them() {
        assert_eq!(canonical(Shape::Date, " 2025/3/5 "), "2025-03-05");
        assert_eq!(canonical(Shape::Date, "２０２５年３月５日"), "2025-03-05");
        assert_eq!(
            canonical(Shape::Date, "2019/2/3  14:30"),
            "2019-02-03 14:30"
        );
        assert_eq!(canonical(Shape::Id, "Ｍ０００１\u{200b}"), "M0001");
        assert_eq!(canonical(Shape::Ids, "M1；M2、M3"), "M1;M2、M3");
        assert_eq!(canonical(Shape::Number, "１５,０００"), "15,000");
        assert_eq!(canonical(Shape::Text, " 县级 "), "县级");
        assert!(is_plain_date("2025-03-05") && !is_plain_date("2025-03-05 14:30"));
    }

    #[test]
    fn every_key_column_is_a_column_of_its_kind() {
        for &kind in Kind::ALL {
            for name in key(kind) {
                assert!(
                    kind.columns().iter().any(|c| c.name == *name),
                    "{} has no {name}",
                    kind.name()
                );
            }
        }
    }
}
