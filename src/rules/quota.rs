//! The yearly per-member quotas (EDU01, EDU02, SRV04): one judge, prorated
//! by the days a member is on the roll, and the one setting they share.

use super::settings::{Default, Doc, Setting, Ty, Values};
use super::{Context, Finding, Outcomes, Unit};
use crate::calendar::{Period, days_in_year, year_end, year_start};
use crate::ledger::kinds::members::{MemberCol, MemberIdx};

pub static PRORATE: Setting = Setting {
    key: "prorate",
    ty: Ty::Bool,
    default: Default::Bool(true),
    doc: Doc {
        zh: "年中转入、转出的党员，年度定额按在册天数折算：定额 × 在册天数 ÷ 全年天数。",
        en: "Prorate yearly quotas for members on the roll for part of the year: quota × active days ÷ days in the year.",
    },
};

/// Whether quotas are prorated, as the ledger sets it.
#[derive(Clone, Copy, Debug)]
pub struct Proration(pub bool);

impl Proration {
    pub fn of(values: &Values) -> Proration {
        Proration(values.flag(&PRORATE))
    }

    /// A yearly quota for a member, prorated by the days they are on the
    /// roll in the year (unless proration is off).
    pub fn apply(self, cx: &Context<'_>, quota: f64, member: MemberIdx) -> f64 {
        if !self.0 {
            return quota;
        }
        let active = cx.ledger.members.member(member).active_days(cx.year);
        quota * f64::from(active) / f64::from(days_in_year(cx.year))
    }

    /// What a member should have done by as-of to be on course for the
    /// yearly quota: the quota for the days of the year up to as-of (those
    /// on the roll, when prorated); `None` once the year is complete.
    pub fn pace(self, cx: &Context<'_>, quota: f64, member: MemberIdx) -> Option<f64> {
        if cx.as_of >= year_end(cx.year) {
            return None;
        }
        let m = cx.ledger.members.member(member);
        let (first, last) = match self.0 {
            true => (
                m.since
                    .map_or(year_start(cx.year), |s| s.max(year_start(cx.year))),
                m.until.map_or(cx.as_of, |u| u.min(cx.as_of)),
            ),
            false => (year_start(cx.year), cx.as_of),
        };
        let days = if last < first {
            0
        } else {
            (last - first).num_days() + 1
        };
        Some(quota * days as f64 / f64::from(days_in_year(cx.year)))
    }
}

/// How a member's yearly quota is counted: prorated how, unchecked when
/// which column is unknown, in what unit.
#[derive(Clone, Copy, Debug)]
pub struct Counting {
    pub proration: Proration,
    pub needs: MemberCol,
    pub unit: Unit,
}

/// Judges a yearly quota, prorated by days on the roll, for every member on
/// the roll in the year: EDU01, EDU02 and SRV04 differ only in the quota,
/// what is counted, and the words. `quota` is `None` for a member who is no
/// subject; `message` gets the actual and expected numbers as shown. A
/// member whose `needs` column could not be read is unchecked.
pub fn judge_member_quotas(
    cx: &Context<'_>,
    out: &mut Outcomes<'_>,
    Counting {
        proration,
        needs,
        unit,
    }: Counting,
    quota: impl Fn(MemberIdx) -> Option<f64>,
    actual: impl Fn(MemberIdx) -> f64,
    message: impl Fn(&str, &str) -> String,
) {
    let Some(severity) = cx.judge(Period::Year(cx.year)) else {
        return;
    };
    let members = &cx.ledger.members;
    for m in members.indices() {
        let member = members.member(m);
        if !member.is_active_in(cx.year) {
            continue;
        }
        if member.unknown(needs) {
            out.unchecked(
                Some(member.org),
                &member.id,
                vec![cx.ledger.location(member.loc)],
            );
            continue;
        }
        let Some(quota) = quota(m) else { continue };
        let expected = proration.apply(cx, quota, m);
        let done = actual(m);
        out.judge(Some(member.org), done >= expected, || {
            let finding = Finding::new(
                severity,
                Some(member.org),
                cx.year.to_string(),
                message(&unit.reached(done), &unit.required(expected)),
            )
            .member(&member.id)
            .numbers(expected, done)
            .at(member.loc);
            match proration.pace(cx, quota, m) {
                Some(pace) => finding.paced(pace),
                None => finding,
            }
        });
    }
}
