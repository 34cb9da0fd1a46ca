//! SRV04 field-research: leaders' days of field research in the year.

use std::borrow::Cow::Borrowed;

use super::quota::{self, Counting, Proration, judge_member_quotas};
use super::settings::{Default, Doc, Setting, Ty, Values};
use super::{Builtin, Context, Meta, Outcomes, Rule, Subject, Unit, num};
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::kinds::members::{Leader, MemberCol};
use crate::ledger::plan::LoadPlan;
use crate::t;

pub static RESEARCH_MONTHS: Setting = Setting {
    key: "research_months",
    ty: Ty::Numbers {
        keys: || vec!["county", "section"],
        min: 0.0,
        max: 12.0,
    },
    default: Default::Numbers(&[("county", 2.0), ("section", 1.0)]),
    doc: Doc {
        zh: "下基层调研每年月数：county 为县级党员领导干部，section 为科级。",
        en: "Months of field research a year: `county` for county-level leading cadres, `section` for section-level ones.",
    },
};

pub static DAYS_PER_MONTH: Setting = Setting {
    key: "days_per_month",
    ty: Ty::Number {
        min: f64::MIN_POSITIVE,
        max: 31.0,
    },
    default: Default::Number(30.0),
    doc: Doc {
        zh: "调研“1个月”折合的天数；按各次调研覆盖的不重复日历日累计。",
        en: "Days that make one month of research, counted as the distinct calendar dates the leader's trips cover.",
    },
};

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[&RESEARCH_MONTHS, &DAYS_PER_MONTH, &quota::PRORATE],
    build: |values, _| Box::new(FieldResearch::new(values)),
};

pub struct FieldResearch {
    /// Days a year for county-level and for section-level leaders.
    county: f64,
    section: f64,
    proration: Proration,
}

impl FieldResearch {
    fn new(values: &Values) -> FieldResearch {
        let months = values.numbers(&RESEARCH_MONTHS);
        let days = values.number(&DAYS_PER_MONTH);
        FieldResearch {
            county: months["county"] * days,
            section: months["section"] * days,
            proration: Proration::of(values),
        }
    }
}

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
    explain_zh: Borrowed(
        "县级领导干部每年下基层调研不少于两个月，科级干部不少于一个月。一个月按 days_per_month 天（30 天）计。计入的天数是该干部各次调研（从“开始日期”到“结束日期”，含首尾）合并后覆盖的年内不同日期：重叠的调研只计一次，跨年的调研只计年内的天数，不论该干部当时是否在册。应达天数按在册天数折算。设置：policy.research_months（“county”、“section”）、policy.days_per_month、policy.prorate。",
    ),
    reads: Borrowed(&[Kind::Research]),
    decides: Borrowed(&[]),
    subject: Subject::Member,
    unit: Unit::Days,
};

impl Rule for FieldResearch {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        let (county, section) = (num(self.county), num(self.section));
        t!(
            lang,
            "县级领导干部每年下基层调研 ≥ {county} 天，科级 ≥ {section} 天（调研日期去重合并），按在册天数折算",
            "field-research days in the year (distinct dates of all trips): ≥ {county} for county-level leaders, ≥ {section} for section-level, prorated by days on the roll"
        )
    }

    fn needs(&self, plan: &mut LoadPlan) {
        plan.member_column("leader", &META.code);
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let (ledger, lang) = (cx.ledger, cx.lang);
        judge_member_quotas(
            cx,
            out,
            Counting {
                proration: self.proration,
                needs: MemberCol::Leader,
                unit: Unit::Days,
            },
            |m| match ledger.members.member(m).leader {
                Leader::County => Some(self.county),
                Leader::Section => Some(self.section),
                Leader::None => None,
            },
            |m| f64::from(ledger.records.research.days(m)),
            |a, e| {
                let days = crate::lang::counted(a, "day");
                t!(
                    lang,
                    "下基层调研 {a} 天，应不少于 {e} 天",
                    "{days} of field research, {e} required"
                )
            },
        );
    }
}
