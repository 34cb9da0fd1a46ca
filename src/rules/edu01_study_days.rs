//! EDU01 study-days: each member's days of collective education in the year.

use std::borrow::Cow::Borrowed;

use super::{Context, Meta, Outcomes, Rule, Unit, judge_member_quotas, num};
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::kinds::orgs::Sector;
use crate::policy::Policy;
use crate::t;

pub struct StudyDays;

static META: Meta = Meta {
    code: Borrowed("EDU01"),
    name: Borrowed("study-days"),
    title: Borrowed("集体教育时间"),
    cite: Borrowed("一(二)"),
    quote: Borrowed(
        "每年参加集体教育的时间,机关、事业单位的党员累计不少于12个工作日,其他党员累计不少于6个工作日。",
    ),
    explain: Borrowed(
        "Every member on the roll during the year must attend collective education for a number of working days that depends on the member's sector: 12 for agencies and public institutions, 6 for everyone else. \
         The member's sector is their own `sector` or else their org's (inherited up the tree). \
         A session counts toward the year of its date, once per member it lists, at its full length: `days` if given, else `hours / hours_per_day`, else the working days from `date` to `end` under the ledger's calendar (the calendar days if all are rest days). \
         A member who is on the roll for part of the year owes the quota prorated by the days on the roll; the comparison is exact, so 11.99 of 12 falls short. \
         Settings: `policy.study_days` (by sector, with `default`), `policy.hours_per_day`, `policy.prorate`, `[calendar]`.",
    ),
    reads: Borrowed(&[Kind::Education]),
    unit: Unit::Days,
};

impl Rule for StudyDays {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, policy: &Policy, lang: Lang) -> String {
        let (agency, institution, other) = (
            num(policy.study_days(Sector::Agency)),
            num(policy.study_days(Sector::Institution)),
            num(policy.study_days(Sector::Other)),
        );
        t!(
            lang,
            "每名党员每年参加集体教育：机关 ≥ {agency} 天、事业单位 ≥ {institution} 天、其他 ≥ {other} 天，按在册天数折算",
            "each member's collective-education days in the year: ≥ {agency} (agency), ≥ {institution} (institution), ≥ {other} (others), prorated by days on the roll"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let (ledger, lang) = (cx.ledger, cx.lang);
        judge_member_quotas(
            cx,
            out,
            |m| Some(cx.policy.study_days(ledger.members.sector(m, &ledger.orgs))),
            |m| ledger.study.days(m),
            |a, e| {
                t!(
                    lang,
                    "集体教育 {a} 天，应不少于 {e} 天",
                    "{a} days of collective education, {e} required"
                )
            },
        );
    }
}
