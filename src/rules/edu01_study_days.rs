//! EDU01 study-days: each member's days of collective education in the year.

use std::borrow::Cow::Borrowed;

use super::quota::{self, Counting, Proration, judge_member_quotas};
use super::settings::{Default, Doc, Setting, Ty, Values};
use super::{Builtin, Context, Meta, Outcomes, Rule, Subject, Unit, num};
use crate::calendar::Calendar;
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::columns::Choice;
use crate::ledger::kinds::members::MemberCol;
use crate::ledger::kinds::orgs::Sector;
use crate::ledger::plan::LoadPlan;
use crate::t;

pub static STUDY_DAYS: Setting = Setting {
    key: "study_days",
    ty: Ty::Numbers {
        keys: sector_keys,
        min: 0.0,
        max: 366.0,
    },
    default: Default::Numbers(&[("agency", 12.0), ("institution", 12.0), ("default", 6.0)]),
    doc: Doc {
        zh: "每年参加集体教育的工作日数，按党员的单位类型取值（党员未填单位类型时取所在党组织的）；default 适用于其他所有单位类型。",
        en: "Collective-education working days a year, by the member's sector (the member's own, else the org's); `default` is for every sector not named.",
    },
};

pub static HOURS_PER_DAY: Setting = Setting {
    key: "hours_per_day",
    ty: Ty::Number {
        min: f64::MIN_POSITIVE,
        max: 24.0,
    },
    default: Default::Number(8.0),
    doc: Doc {
        zh: "只登记学时的集体教育，多少学时折合1个工作日。",
        en: "How many hours of a session recorded in hours make one day.",
    },
};

/// The sectors by name, and `default` for the others.
fn sector_keys() -> Vec<&'static str> {
    Sector::CHOICES
        .iter()
        .map(|&(_, name, _)| name)
        .chain(["default"])
        .collect()
}

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[&STUDY_DAYS, &HOURS_PER_DAY, &quota::PRORATE],
    build: |values, calendar| Box::new(StudyDays::new(values, calendar)),
};

pub struct StudyDays {
    /// Days by sector, indexed by `Sector as usize`.
    days: Vec<f64>,
    hours_per_day: f64,
    calendar: Calendar,
    proration: Proration,
}

impl StudyDays {
    fn new(values: &Values, calendar: &Calendar) -> StudyDays {
        let table = values.numbers(&STUDY_DAYS);
        let days = Sector::CHOICES
            .iter()
            .map(|&(_, name, _)| {
                table
                    .get(name)
                    .or(table.get("default"))
                    .copied()
                    .unwrap_or(0.0)
            })
            .collect();
        StudyDays {
            days,
            hours_per_day: values.number(&HOURS_PER_DAY),
            calendar: calendar.clone(),
            proration: Proration::of(values),
        }
    }

    fn quota(&self, sector: Sector) -> f64 {
        self.days[sector as usize]
    }
}

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
    explain_zh: Borrowed(
        "年内在册的每名党员参加集体教育的工作日数，按党员的单位类型确定：机关、事业单位 12 天，其他 6 天。党员的单位类型取其本人的“单位类型”，没有填写时取其所在组织的（沿上级组织向上继承）。一次集体教育计入其日期所在的年度，对所列的每名党员各计一次，按全长计算：填了“天数”按天数，否则按“学时”除以 hours_per_day，否则按台账日历从“日期”到“结束日期”的工作日数（全是休息日时按自然日数）。年内只有部分时间在册的党员，应达天数按在册天数折算；比较时不四舍五入，应达 12 天而只有 11.99 天即为不达标。设置：policy.study_days（按单位类型分别设定，其余为“default”）、policy.hours_per_day、policy.prorate、[calendar]。",
    ),
    reads: Borrowed(&[Kind::Education]),
    decides: Borrowed(&[]),
    subject: Subject::Member,
    unit: Unit::Days,
};

impl Rule for StudyDays {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        let (agency, institution, other) = (
            num(self.quota(Sector::Agency)),
            num(self.quota(Sector::Institution)),
            num(self.quota(Sector::Other)),
        );
        t!(
            lang,
            "每名党员每年参加集体教育：机关 ≥ {agency} 天、事业单位 ≥ {institution} 天、其他 ≥ {other} 天，按在册天数折算",
            "each member's collective-education days in the year: ≥ {agency} (agency), ≥ {institution} (institution), ≥ {other} (others), prorated by days on the roll"
        )
    }

    fn needs(&self, plan: &mut LoadPlan) {
        plan.sessions = Some(self.calendar.clone());
        plan.member_column("sector", &META.code);
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let (ledger, lang) = (cx.ledger, cx.lang);
        judge_member_quotas(
            cx,
            out,
            Counting {
                proration: self.proration,
                needs: MemberCol::Sector,
                unit: Unit::Days,
            },
            |m| Some(self.quota(ledger.members.sector(m, &ledger.orgs))),
            |m| ledger.records.study.days(m, self.hours_per_day),
            |a, e| {
                let days = crate::lang::counted(a, "day");
                t!(
                    lang,
                    "集体教育 {a} 天，应不少于 {e} 天",
                    "{days} of collective education, {e} required"
                )
            },
        );
    }
}
