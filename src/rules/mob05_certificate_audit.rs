//! MOB05 certificate-audit: each member away has their certificate audited
//! once a year.

use std::borrow::Cow::Borrowed;

use super::settings::{Default, Doc, Setting, Ty, Values};
use super::{Builtin, Context, Finding, Meta, Outcomes, Rule, Subject, Unit};
use crate::calendar::Period;
use crate::lang::{Lang, counted};
use crate::ledger::Kind;
use crate::ledger::plan::LoadPlan;
use crate::ledger::vocabulary::display_name;
use crate::t;

pub static CERT_AUDITS_PER_YEAR: Setting = Setting {
    key: "cert_audits_per_year",
    ty: Ty::Count { min: 0, max: 1000 },
    default: Default::Count(1),
    doc: Doc {
        zh: "年内外出的党员，其《流动党员活动证》每年至少审核几次。",
        en: "How many certificate audits a year each member away during the year needs.",
    },
};

/// The event kind of a certificate audit.
const CERT_AUDIT: &str = "cert_audit";

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[&CERT_AUDITS_PER_YEAR],
    build: |values, _| Box::new(CertificateAudit::new(values)),
};

pub struct CertificateAudit {
    audits_per_year: u32,
}

impl CertificateAudit {
    fn new(values: &Values) -> CertificateAudit {
        CertificateAudit {
            audits_per_year: values.count(&CERT_AUDITS_PER_YEAR),
        }
    }
}

static META: Meta = Meta {
    code: Borrowed("MOB05"),
    name: Borrowed("certificate-audit"),
    title: Borrowed("活动证年审"),
    cite: Borrowed("三(一)5"),
    quote: Borrowed(
        "外出党员返回后,要认真查验《流动党员活动证》等相关活动凭证记载的内容,了解党员外出期间的表现情况,做到每年审核一次。",
    ),
    explain: Borrowed(
        "The certificate of every member away during the year is audited once a year: the ledger needs an `events` row of kind `cert_audit` (活动证审核) dated in the year whose `member` is the member away. \
         The member need not be on the roll that year. Setting: `policy.cert_audits_per_year` (1).",
    ),
    explain_zh: Borrowed(
        "年内外出的每名党员，其活动证每年审核一次：台账中要有一条组织活动，类型为活动证审核，日期在年内，“党员编号”为该外出党员。该党员当年不必在册。设置：policy.cert_audits_per_year（1）。",
    ),
    reads: Borrowed(&[Kind::Mobile, Kind::Events]),
    decides: Borrowed(&[Kind::Mobile]),
    subject: Subject::Member,
    unit: Unit::Times,
};

impl Rule for CertificateAudit {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        let n = self.audits_per_year;
        let kind = display_name(Kind::Events, "kind", CERT_AUDIT, lang);
        let audits = counted(n, &format!("{kind} event"));
        t!(
            lang,
            "年内外出的党员，其活动证每年审核 ≥ {n} 次（“{kind}”活动）",
            "each member away during the year has ≥ {audits} in the year"
        )
    }

    fn needs(&self, plan: &mut LoadPlan) {
        plan.counted_events.insert(CERT_AUDIT.to_string());
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let Some(severity) = cx.judge(Period::Year(cx.year)) else {
            return;
        };
        let (ledger, lang) = (cx.ledger, cx.lang);
        let expected = self.audits_per_year;
        for (m, _) in ledger.mobile.away_members() {
            let member = ledger.members.member(m);
            let audits = ledger.records.events.for_member(m, CERT_AUDIT);
            out.judge(Some(member.org), audits >= expected, || {
                let times = counted(audits, "time");
                let message = t!(
                    lang,
                    "活动证审核 {audits} 次，应不少于 {expected} 次",
                    "certificate audited {times}, {expected} required"
                );
                Finding::new(severity, Some(member.org), cx.year.to_string(), message)
                    .member(&member.id)
                    .numbers(f64::from(expected), f64::from(audits))
                    .at(member.loc)
            });
        }
    }
}
