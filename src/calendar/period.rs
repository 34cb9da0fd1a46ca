//! Periods a rule counts by: the year under check, its quarters, its months.

use chrono::NaiveDate;

use super::{year_end, year_start};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Per {
    Month,
    Quarter,
    Year,
}

impl Per {
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Month => "month",
            Per::Quarter => "quarter",
            Per::Year => "year",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    Year(i32),
    Quarter(i32, u32),
    Month(i32, u32),
}

impl Period {
    /// The periods of `per` in `year`, in order.
    pub fn all(per: Per, year: i32) -> Vec<Period> {
        match per {
            Per::Year => vec![Period::Year(year)],
            Per::Quarter => (1..=4).map(|q| Period::Quarter(year, q)).collect(),
            Per::Month => (1..=12).map(|m| Period::Month(year, m)).collect(),
        }
    }

    pub fn start(self) -> NaiveDate {
        match self {
            Period::Year(year) => year_start(year),
            Period::Quarter(year, q) => ymd(year, 3 * q - 2, 1),
            Period::Month(year, m) => ymd(year, m, 1),
        }
    }

    pub fn end(self) -> NaiveDate {
        match self {
            Period::Year(year) => year_end(year),
            Period::Quarter(year, q) => last_of_month(year, 3 * q),
            Period::Month(year, m) => last_of_month(year, m),
        }
    }

    /// The months (1–12) of the period.
    pub fn months(self) -> std::ops::RangeInclusive<u32> {
        match self {
            Period::Year(_) => 1..=12,
            Period::Quarter(_, q) => 3 * q - 2..=3 * q,
            Period::Month(_, m) => m..=m,
        }
    }

    /// The period a label names: `2025`, `2025-Q1`, `2025-03`.
    pub fn parse(label: &str) -> Option<Period> {
        let (year, rest) = match label.split_once('-') {
            Some((year, rest)) => (year.parse().ok()?, Some(rest)),
            None => (label.parse().ok()?, None),
        };
        match rest {
            None => Some(Period::Year(year)),
            Some(q) if q.starts_with('Q') => {
                let q: u32 = q[1..].parse().ok()?;
                (1..=4).contains(&q).then_some(Period::Quarter(year, q))
            }
            Some(m) => {
                let m: u32 = m.parse().ok()?;
                (1..=12).contains(&m).then_some(Period::Month(year, m))
            }
        }
    }

    /// `2025`, `2025-Q1`, `2025-03`.
    pub fn label(self) -> String {
        match self {
            Period::Year(year) => year.to_string(),
            Period::Quarter(year, q) => format!("{year}-Q{q}"),
            Period::Month(year, m) => format!("{year}-{m:02}"),
        }
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid day of a period")
}

fn last_of_month(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        ymd(year + 1, 1, 1)
    } else {
        ymd(year, month + 1, 1)
    };
    next.pred_opt().expect("a month has a last day")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_and_labels() {
        let q1 = Period::Quarter(2024, 1);
        assert_eq!(
            (q1.start(), q1.end(), q1.label()),
            (ymd(2024, 1, 1), ymd(2024, 3, 31), "2024-Q1".into())
        );
        assert_eq!(Period::Month(2024, 2).end(), ymd(2024, 2, 29));
        assert_eq!(Period::Month(2025, 2).end(), ymd(2025, 2, 28));
        assert_eq!(Period::Month(2025, 12).label(), "2025-12");
        assert_eq!(Period::all(Per::Quarter, 2025).len(), 4);
        for period in [
            Period::Year(2025),
            Period::Quarter(2025, 3),
            Period::Month(2025, 11),
        ] {
            assert_eq!(Period::parse(&period.label()), Some(period));
        }
        assert_eq!(Period::parse("2025-Q5"), None);
    }
}
