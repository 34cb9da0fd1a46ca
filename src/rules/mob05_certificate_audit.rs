//! MOB05 certificate-audit: each member away has their certificate audited
//! once a year.

use std::borrow::Cow::Borrowed;

use super::{Context, Finding, Meta, Outcomes, Rule, Unit};
use crate::calendar::Period;
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::policy::Policy;
use crate::t;

pub struct CertificateAudit;

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
    reads: Borrowed(&[Kind::Mobile, Kind::Events]),
    unit: Unit::Times,
};

impl Rule for CertificateAudit {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, policy: &Policy, lang: Lang) -> String {
        let n = policy.cert_audits_per_year;
        t!(
            lang,
            "年内外出的党员，其活动证每年审核 ≥ {n} 次（cert_audit 活动）",
            "each member away during the year has ≥ {n} cert_audit event(s) in the year"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let Some(severity) = cx.judge(Period::Year(cx.year)) else {
            return;
        };
        let (ledger, lang) = (cx.ledger, cx.lang);
        let expected = cx.policy.cert_audits_per_year;
        for (m, _) in ledger.mobile.away_members() {
            let member = ledger.members.member(m);
            let audits = ledger.events.for_member(m, "cert_audit");
            out.judge(Some(member.org), audits >= expected, || {
                let message = t!(
                    lang,
                    "活动证审核 {audits} 次，应不少于 {expected} 次",
                    "certificate audited {audits} time(s), {expected} required"
                );
                Finding::new(severity, Some(member.org), cx.year.to_string(), message)
                    .member(&member.id)
                    .numbers(f64::from(expected), f64::from(audits))
                    .at(member.loc)
            });
        }
    }
}
