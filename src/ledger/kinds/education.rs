//! `education`: collective education sessions and who attended. Rows are
//! folded into each member's study days of the year as they are read.

use chrono::Datelike;

use super::members::MemberIdx;
use super::{Load, LoadContext, Merge};
use crate::calendar::Calendar;
use crate::diag::Code;
use crate::ledger::columns::{Column, ColumnSet, columns};
use crate::ledger::row::RowReader;
use crate::ledger::sums::MemberSums;
use crate::t;

columns! {
    pub enum EducationCol {
        Date = Column::required("date", &["日期"]),
        End = Column::optional("end", &["结束日期"]),
        Days = Column::optional("days", &["天数"]),
        Hours = Column::optional("hours", &["学时"]),
        Members = Column::required("members", &["参加人员"]),
        Topic = Column::optional("topic", &["主题"]),
        Org = Column::optional("org", &["组织单位"]),
    }
}

/// Billionths, so that sums are exact and do not depend on row order: a
/// length written with more decimals than nine is rounded at the ninth.
const NANO: f64 = 1e9;
const MAX_SESSION_DAYS: i64 = 366;

/// Study days of the year per member, kept as exact sums of billionths of
/// days and of hours, so that sums do not depend on row order; hours
/// become days once, when a rule asks. Totalled only when the load plan
/// says how to count a session (its calendar).
#[derive(Debug, Default)]
pub struct Study {
    day_nanos: MemberSums<i64>,
    hour_nanos: MemberSums<i64>,
    calendar: Option<Calendar>,
    /// The members of the row being read.
    scratch: Vec<MemberIdx>,
}

impl Study {
    /// The member's education days in the year, `hours_per_day` hours
    /// making one day.
    pub fn days(&self, member: MemberIdx, hours_per_day: f64) -> f64 {
        self.day_nanos.get(member) as f64 / NANO
            + self.hour_nanos.get(member) as f64 / NANO / hours_per_day
    }
}

impl Merge for Study {
    fn merge(&mut self, later: Study) {
        self.day_nanos.merge(later.day_nanos, |a, b| a + b);
        self.hour_nanos.merge(later.hour_nanos, |a, b| a + b);
    }
}

impl Load for Study {
    const COLUMNS: &'static [Column] = EducationCol::COLUMNS;

    fn new(cx: &LoadContext<'_>) -> Study {
        Study {
            day_nanos: MemberSums::default(),
            hour_nanos: MemberSums::default(),
            calendar: cx.plan.sessions.clone(),
            scratch: Vec::new(),
        }
    }

    fn row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>) {
        let scratch = &mut self.scratch;
        let lang = row.lang();
        let date = row.required_date(EducationCol::Date);
        // A session counts wholly in the year of its date.
        if let Some(date) = date {
            row.name_when(date, date);
        }
        let end = row.date(EducationCol::End);
        let days = row.number(EducationCol::Days, 0.0, MAX_SESSION_DAYS as f64);
        let hours = row.number(EducationCol::Hours, 0.0, MAX_SESSION_DAYS as f64 * 24.0);
        cx.note_org(row, EducationCol::Org);
        if let (Some(date), Some(end)) = (date, end) {
            if end < date {
                row.fail(
                    EducationCol::End,
                    Code::BadDateRange,
                    t!(
                        lang,
                        "结束日期 {end} 早于开始日期 {date}",
                        "the end date {end} is before the start date {date}"
                    ),
                );
            } else if (end - date).num_days() >= MAX_SESSION_DAYS {
                row.fail(
                    EducationCol::End,
                    Code::NumberOutOfRange,
                    t!(
                        lang,
                        "一次集体教育不会超过一年",
                        "a session does not last more than a year"
                    ),
                )
                .expected(t!(
                    lang,
                    "不晚于开始日期一年的日期",
                    "a date within a year of the start"
                ));
            }
        }
        let ids = row.list(EducationCol::Members);
        for id in &ids {
            row.name_member(id);
        }
        if ids.is_empty() && row.ok() && !row.has(EducationCol::Members) {
            row.required_text(EducationCol::Members);
        }
        scratch.clear();
        for (item, id) in ids.iter().enumerate() {
            match cx.members.get(id) {
                Some(member) => scratch.push(member),
                None => cx.unknown_member(row, EducationCol::Members, id, Some(item)),
            }
        }
        let (Some(date), Some(calendar)) = (date.filter(|_| row.ok()), &self.calendar) else {
            return;
        };
        if date.year() != cx.year {
            return;
        }
        // A member listed twice in one session counts once.
        scratch.sort_unstable();
        scratch.dedup();
        let (totals, amount) = match (days, hours) {
            (Some(days), _) => (&mut self.day_nanos, days),
            (None, Some(hours)) => (&mut self.hour_nanos, hours),
            (None, None) => (
                &mut self.day_nanos,
                f64::from(calendar.session_days(date, end.unwrap_or(date))),
            ),
        };
        let nanos = (amount * NANO).round() as i64;
        for &member in scratch.iter() {
            *totals.entry(member) += nanos;
        }
    }
}
