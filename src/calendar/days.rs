//! Sets of days of one year, as bits: the union of trips or absences costs
//! 48 bytes a member whatever the number of rows behind it.

use chrono::{Datelike, NaiveDate};

use super::{year_end, year_start};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DaySet([u64; 6]);

impl DaySet {
    /// Adds the days from `first` to `last` inclusive that fall in `year`.
    pub fn insert_range(&mut self, year: i32, first: NaiveDate, last: NaiveDate) {
        let first = first.max(year_start(year));
        let last = last.min(year_end(year));
        if first > last {
            return;
        }
        for day in first.ordinal0()..=last.ordinal0() {
            self.0[(day / 64) as usize] |= 1 << (day % 64);
        }
    }

    pub fn len(&self) -> u32 {
        self.0.iter().map(|word| word.count_ones()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&word| word == 0)
    }

    /// How many days from `first` to `last` inclusive (both in the set's year) are in the set.
    pub fn count_between(&self, first: NaiveDate, last: NaiveDate) -> u32 {
        (first.ordinal0()..=last.ordinal0())
            .filter(|&day| self.0[(day / 64) as usize] & (1 << (day % 64)) != 0)
            .count() as u32
    }

    pub fn union(&mut self, other: &DaySet) {
        for (word, other) in self.0.iter_mut().zip(other.0) {
            *word |= other;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ranges_are_clipped_to_the_year_and_unioned() {
        let mut set = DaySet::default();
        set.insert_range(2025, d(2024, 12, 28), d(2025, 1, 5));
        assert_eq!(set.len(), 5);
        set.insert_range(2025, d(2025, 1, 3), d(2025, 1, 10));
        assert_eq!(set.len(), 10);
        set.insert_range(2025, d(2025, 12, 30), d(2026, 1, 2));
        assert_eq!(set.len(), 12);
        assert_eq!(set.count_between(d(2025, 1, 1), d(2025, 1, 31)), 10);
    }

    #[test]
    fn leap_years_have_366_days() {
        let mut set = DaySet::default();
        set.insert_range(2024, d(2024, 1, 1), d(2024, 12, 31));
        assert_eq!(set.len(), 366);
    }
}
