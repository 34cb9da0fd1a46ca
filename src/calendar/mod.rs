//! The calendar of the year under check: working days (Monday to Friday,
//! minus holidays, plus the weekend days worked in exchange), the periods
//! rules count by, and sets of days.

pub mod days;
pub mod period;

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

pub use period::{Per, Period};

/// Working days: Monday to Friday, minus holidays, plus the weekend days
/// that are worked in exchange (调休).
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    pub holidays: BTreeSet<NaiveDate>,
    pub workdays: BTreeSet<NaiveDate>,
}

impl Calendar {
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.workdays.contains(&date) {
            return true;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&date)
    }

    /// The length of a session from `first` to `last`: its working days, or
    /// its calendar days when all of them are rest days.
    pub fn session_days(&self, first: NaiveDate, last: NaiveDate) -> u32 {
        let working = first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| self.is_working_day(*d))
            .count();
        if working > 0 {
            working as u32
        } else {
            days_inclusive(first, last) as u32
        }
    }
}

/// Days from the first to the last date inclusive.
pub fn days_inclusive(first: NaiveDate, last: NaiveDate) -> i64 {
    (last - first).num_days() + 1
}

pub fn days_in_year(year: i32) -> u32 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

pub fn year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).expect("years in range have a 1 January")
}

pub fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).expect("years in range have a 31 December")
}

/// The day of the year counted from 0, for dates inside `year`.
pub fn day_index(date: NaiveDate) -> usize {
    date.ordinal0() as usize
}
