//! SRV04 field-research: leaders' days of field research in the year.

use std::borrow::Cow::Borrowed;

use super::{Context, Meta, Outcomes, Rule, Unit, judge_member_quotas, num};
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::kinds::members::Leader;
use crate::policy::Policy;
use crate::t;

pub struct FieldResearch;

static META: Meta = Meta {
    code: Borrowed("SRV04"),
    name: Borrowed("field-research"),
    title: Borrowed("下基层调研"),
    cite: Borrowed("二(五)"),
    quote: Borrowed(
        "县级党员领导干部每年至少要有2个月时间,科级党员领导干部每年至少要有1个月时间深入联系点和基层单位调研",
    ),
    explain: Borrowed(
        "County-level leading cadres must spend at least two months a year on field research at the grassroots, section-level cadres at least one. \
         A month is `days_per_month` days (30). The days counted are the distinct dates of the year covered by the union of the leader's trips, `start` to `end` inclusive: overlapping trips count once, and a trip across New Year counts only its days inside the year, whether or not the leader was on the roll then. \
         The quota is prorated by the days on the roll. Settings: `policy.research_months` (`county`, `section`), `policy.days_per_month`, `policy.prorate`.",
    ),
    reads: Borrowed(&[Kind::Research]),
    unit: Unit::Days,
};

impl Rule for FieldResearch {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, policy: &Policy, lang: Lang) -> String {
        let county = num(policy.research_months_county * policy.days_per_month);
        let section = num(policy.research_months_section * policy.days_per_month);
        t!(
            lang,
            "县级领导干部每年下基层调研 ≥ {county} 天，科级 ≥ {section} 天（调研日期去重合并），按在册天数折算",
            "field-research days in the year (distinct dates of all trips): ≥ {county} for county-level leaders, ≥ {section} for section-level, prorated by days on the roll"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let (ledger, lang, policy) = (cx.ledger, cx.lang, cx.policy);
        judge_member_quotas(
            cx,
            out,
            |m| match ledger.members.member(m).leader {
                Leader::County => Some(policy.research_months_county * policy.days_per_month),
                Leader::Section => Some(policy.research_months_section * policy.days_per_month),
                Leader::None => None,
            },
            |m| f64::from(ledger.research.days(m)),
            |a, e| {
                t!(
                    lang,
                    "下基层调研 {a} 天，应不少于 {e} 天",
                    "{a} days of field research, {e} required"
                )
            },
        );
    }
}
