//! The calendar of the year under check: working days (Monday to Friday,
//! minus holidays, plus the weekend days worked in exchange, by the
//! official schedules and the ledger's own dates), the periods rules count
//! by, and sets of days.

pub mod days;
pub mod official;
pub mod period;

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

pub use period::{Per, Period};

/// Working days: Monday to Friday, minus holidays, plus the weekend days
/// that are worked in exchange (调休). The official schedules
/// ([`official`]) are built in; `holidays` and `workdays` are the ledger's
/// own (`[calendar]` of taizhang.toml), which add to them and win over
/// them, a workday over a holiday.
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
        if self.holidays.contains(&date) {
            return false;
        }
        official::working(date)
            .unwrap_or_else(|| !matches!(date.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// Whether the working days of `year` are known: an official schedule
    /// is built in, or the ledger names holidays or workdays in it.
    /// Otherwise they are Monday to Friday.
    pub fn knows_year(&self, year: i32) -> bool {
        let in_year = |dates: &BTreeSet<NaiveDate>| {
            dates
                .range(year_start(year)..=year_end(year))
                .next()
                .is_some()
        };
        official::schedule(year).is_some() || in_year(&self.holidays) || in_year(&self.workdays)
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
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    if leap { 366 } else { 365 }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_in_year_follows_the_gregorian_leap_years() {
        for year in 1890..2110 {
            let leap = NaiveDate::from_ymd_opt(year, 2, 29).is_some();
            assert_eq!(days_in_year(year), if leap { 366 } else { 365 }, "{year}");
        }
    }

    #[test]
    fn official_holidays_count_without_any_ledger_dates() {
        let calendar = Calendar::default();
        // 2026-02-16 is a Monday of the Spring Festival, 2026-02-14 a Saturday worked.
        assert!(!calendar.is_working_day(d(2026, 2, 16)));
        assert!(calendar.is_working_day(d(2026, 2, 14)));
        assert!(calendar.is_working_day(d(2026, 2, 24)));
        // 2027 has no schedule: Monday to Friday.
        assert!(calendar.is_working_day(d(2027, 2, 8)));
        assert!(!calendar.is_working_day(d(2027, 2, 6)));
        assert_eq!(calendar.session_days(d(2026, 2, 13), d(2026, 2, 24)), 3);
    }

    #[test]
    fn the_ledgers_dates_add_to_the_official_ones_and_win() {
        let calendar = Calendar {
            // A local holiday, and a Saturday worked officially taken off.
            holidays: [d(2026, 3, 3), d(2026, 2, 14)].into(),
            // An official holiday worked.
            workdays: [d(2026, 10, 7)].into(),
        };
        assert!(!calendar.is_working_day(d(2026, 3, 3)));
        assert!(!calendar.is_working_day(d(2026, 2, 14)));
        assert!(calendar.is_working_day(d(2026, 10, 7)));
        assert!(!calendar.is_working_day(d(2026, 10, 6)));
    }

    #[test]
    fn a_year_is_known_by_its_schedule_or_the_ledgers_dates() {
        let calendar = Calendar::default();
        let known: Vec<i32> = (2022..=2028).filter(|&y| calendar.knows_year(y)).collect();
        assert_eq!(known, [2024, 2025, 2026]);
        let own = Calendar {
            holidays: [d(2027, 1, 1)].into(),
            workdays: [d(2023, 1, 28)].into(),
        };
        assert!(own.knows_year(2027) && own.knows_year(2023) && !own.knows_year(2028));
    }
}
