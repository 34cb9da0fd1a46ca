//! Progress toward a rule while its period runs: the pro-rata pace at
//! as-of, and the state of each subject-period (met, on track, behind,
//! violation, pending) that `status` and `due` show. Both come from the
//! outcomes of the rules' own checks: nothing here judges a subject again.

use chrono::NaiveDate;

use super::{Finding, Severity, Unit};
use crate::calendar::Period;
use crate::lang::Lang;

/// Where a subject-period stands on as-of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// Complete and short: a violation.
    Violation,
    /// Short so far and behind the pace.
    Behind,
    /// Short so far, but for a rule without numbers to pace.
    Pending,
    /// Short so far, at or ahead of the pace.
    OnTrack,
    /// Met.
    Met,
    /// A warning finding (a grade recorded for a probationary member).
    Warning,
}

impl State {
    /// The state of a finding (`met`: a pass, as the finding it would have been).
    pub fn of(finding: &Finding, met: bool) -> State {
        if met {
            return State::Met;
        }
        match finding.severity {
            Severity::Violation => State::Violation,
            Severity::Warning => State::Warning,
            Severity::Pending => match (finding.actual, finding.pace) {
                (Some(actual), Some(pace)) if actual >= pace => State::OnTrack,
                (Some(_), Some(_)) => State::Behind,
                _ => State::Pending,
            },
        }
    }

    /// The name scripts read.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Met => "met",
            State::OnTrack => "on_track",
            State::Behind => "behind",
            State::Violation => "violation",
            State::Pending => "pending",
            State::Warning => "warning",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            State::Met => lang.pick("已达标", "met"),
            State::OnTrack => lang.pick("进度正常", "on track"),
            State::Behind => lang.pick("进度落后", "behind"),
            State::Violation => lang.pick("违规", "violation"),
            State::Pending => lang.pick("待完成", "pending"),
            State::Warning => lang.pick("提醒", "warning"),
        }
    }
}

/// The pro-rata pace of `expected` in a period running on `as_of`: the
/// share of its days up to as-of (inclusive). Counts of events are paced
/// in whole events (one meeting a month is on course until the month
/// ends; two a year are behind once half the year is over without one);
/// days and characters exactly. `None` for a complete period, one not
/// begun, or a rule without numbers.
pub fn pace(unit: Unit, expected: f64, period: Period, as_of: NaiveDate) -> Option<f64> {
    if as_of < period.start() || as_of >= period.end() {
        return None;
    }
    let elapsed = (as_of - period.start()).num_days() + 1;
    let length = (period.end() - period.start()).num_days() + 1;
    let share = expected * elapsed as f64 / length as f64;
    match unit {
        Unit::Times => Some(share.floor()),
        Unit::Days | Unit::Chars => Some(share),
        Unit::None => None,
    }
}

/// Gives a finding of a period running on `as_of` the default pace, unless
/// its rule set one.
pub fn pace_finding(finding: &mut Finding, unit: Unit, as_of: NaiveDate) {
    if finding.pace.is_some() {
        return;
    }
    if let (Some(expected), Some(period)) = (finding.expected, Period::parse(&finding.period)) {
        finding.pace = pace(unit, expected, period, as_of);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn pace_is_the_share_of_the_period_gone() {
        let year = Period::Year(2025);
        assert_eq!(pace(Unit::Days, 365.0, year, d(1, 1)), Some(1.0));
        assert_eq!(pace(Unit::Days, 12.0, year, d(12, 31)), None);
        assert_eq!(pace(Unit::Times, 2.0, year, d(7, 1)), Some(0.0));
        assert_eq!(pace(Unit::Times, 2.0, year, d(7, 3)), Some(1.0));
        assert_eq!(
            pace(Unit::Times, 1.0, Period::Month(2025, 6), d(6, 29)),
            Some(0.0)
        );
        assert_eq!(
            pace(Unit::Days, 6.0, Period::Month(2025, 6), d(5, 31)),
            None
        );
        assert_eq!(pace(Unit::None, 1.0, year, d(6, 1)), None);
    }

    #[test]
    fn states_follow_severity_and_pace() {
        let finding = |severity, actual, pace| Finding {
            actual,
            pace,
            ..Finding::new(severity, None, "2025", String::new())
        };
        let pending = Severity::Pending;
        assert_eq!(
            State::of(&finding(pending, Some(3.0), Some(2.0)), false),
            State::OnTrack
        );
        assert_eq!(
            State::of(&finding(pending, Some(1.0), Some(2.0)), false),
            State::Behind
        );
        assert_eq!(
            State::of(&finding(pending, None, None), false),
            State::Pending
        );
        assert_eq!(
            State::of(&finding(Severity::Violation, Some(1.0), None), false),
            State::Violation
        );
        assert_eq!(
            State::of(&finding(Severity::Violation, Some(1.0), None), true),
            State::Met
        );
    }
}
