//! MOB06 annual-report: each member away reports to the org once a year.

use std::borrow::Cow::Borrowed;

use super::settings::{Default, Doc, Setting, Ty, Values};
use super::{Builtin, Context, Finding, Meta, Outcomes, Rule, Subject, Unit};
use crate::calendar::Period;
use crate::lang::{Lang, counted};
use crate::ledger::Kind;
use crate::t;

pub static REPORTS_PER_YEAR: Setting = Setting {
    key: "reports_per_year",
    ty: Ty::Count { min: 0, max: 1000 },
    default: Default::Count(1),
    doc: Doc {
        zh: "年内外出的党员每年至少向党组织汇报几次。",
        en: "How many reports a year each member away during the year makes to the org.",
    },
};

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[&REPORTS_PER_YEAR],
    build: |values, _| Box::new(AnnualReport::new(values)),
};

pub struct AnnualReport {
    reports_per_year: u32,
}

impl AnnualReport {
    fn new(values: &Values) -> AnnualReport {
        AnnualReport {
            reports_per_year: values.count(&REPORTS_PER_YEAR),
        }
    }
}

static META: Meta = Meta {
    code: Borrowed("MOB06"),
    name: Borrowed("annual-report"),
    title: Borrowed("流动党员年度汇报"),
    cite: Borrowed("三(三)3"),
    quote: Borrowed(
        "通过适当方式主动与流出地党组织保持联系,每年至少一次向党组织汇报外出期间思想、工作和参加党组织活动的情况。",
    ),
    explain: Borrowed(
        "Every member away during the year reports at least once a year to the org on their thinking, work and party activities while away: the ledger needs a `contacts` row of kind `report` (汇报) dated in the year. \
         The member need not be on the roll that year. Setting: `policy.reports_per_year` (1).",
    ),
    explain_zh: Borrowed(
        "年内外出的每名党员，每年至少向党组织汇报一次外出期间的思想、工作和参加组织生活情况：台账中要有一条联系记录，类型为汇报，日期在年内。该党员当年不必在册。设置：policy.reports_per_year（1）。",
    ),
    reads: Borrowed(&[Kind::Mobile, Kind::Contacts]),
    decides: Borrowed(&[Kind::Mobile]),
    subject: Subject::Member,
    unit: Unit::Times,
};

impl Rule for AnnualReport {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        let n = self.reports_per_year;
        let times = counted(n, "time");
        t!(
            lang,
            "年内外出的党员每年向党组织汇报 ≥ {n} 次",
            "each member away during the year reports to the org ≥ {times} in the year"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let Some(severity) = cx.judge(Period::Year(cx.year)) else {
            return;
        };
        let (ledger, lang) = (cx.ledger, cx.lang);
        let expected = self.reports_per_year;
        for (m, _) in ledger.mobile.away_members() {
            let member = ledger.members.member(m);
            let reports = ledger.records.contacts.tally(m).reports;
            out.judge(Some(member.org), reports >= expected, || {
                let times = counted(reports, "time");
                let message = t!(
                    lang,
                    "年度汇报 {reports} 次，应不少于 {expected} 次",
                    "reported {times} in the year, {expected} required"
                );
                Finding::new(severity, Some(member.org), cx.year.to_string(), message)
                    .member(&member.id)
                    .numbers(f64::from(expected), f64::from(reports))
                    .at(member.loc)
            });
        }
    }
}
