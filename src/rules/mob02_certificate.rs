//! MOB02 certificate: each member away holds a certificate of their own.

use std::borrow::Cow::Borrowed;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::settings::{Default, Doc, Pattern, Setting, Ty, Values};
use super::{Builtin, Context, Finding, Meta, Outcomes, Rule, Subject, Unit};
use crate::calendar::Period;
use crate::lang::Lang;
use crate::ledger::kinds::members::MemberIdx;
use crate::ledger::{Kind, Loc};
use crate::t;

pub static CERTIFICATE_PATTERN: Setting = Setting {
    key: "certificate_pattern",
    ty: Ty::Pattern {
        example: "^[0-9]{6}-[0-9]{4}-[0-9]{4}$",
    },
    default: Default::NoPattern,
    doc: Doc {
        zh: "《流动党员活动证》统一编号的格式（正则表达式，须整串匹配）。默认不检查格式；县委组织部统一编号后可启用，例如“行政区划代码-年份-序号”。",
        en: "The pattern every certificate number must fully match. Not checked by default; enable it once the county numbers certificates uniformly, for example as area code, year and serial number.",
    },
};

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[&CERTIFICATE_PATTERN],
    build: |values, _| Box::new(Certificate::new(values)),
};

pub struct Certificate {
    pattern: Option<Pattern>,
}

impl Certificate {
    fn new(values: &Values) -> Certificate {
        Certificate {
            pattern: values.pattern(&CERTIFICATE_PATTERN),
        }
    }
}

static META: Meta = Meta {
    code: Borrowed("MOB02"),
    name: Borrowed("certificate"),
    title: Borrowed("流动党员活动证"),
    cite: Borrowed("三(一)2"),
    quote: Borrowed(
        "各党(工)委要对外出流动党员活动证进行统一编号,加盖印章,由流动党员所在党支部按照规定登记发放。要做到随时有流动党员随时发证,保证每个外出流动党员都有活动凭证。",
    ),
    explain: Borrowed(
        "Every member away on a day of the year must hold a mobile-member certificate with a uniform number. \
         The certificates are those on the member's outgoing rows that are away during the year. The rule fails when there is none, when one does not fully match `policy.certificate_pattern` (if set), or when one is also on another member's row away during the year: both members fail, since a number is issued to one member only. Only members on the roll on a day of the year are subjects, but every row away during the year holds its number.",
    ),
    explain_zh: Borrowed(
        "年内某天外出的每名党员，都要持有编号统一的流动党员活动证。活动证取该党员年内处于外出状态的各条流出登记上的“活动证编号”。没有活动证、编号不完全符合 policy.certificate_pattern（设置了时），或同一编号也登记在另一名年内外出的党员名下，都不达标：两名党员都不达标，因为一个编号只发给一名党员。只有年内某天在册的党员才是检查对象，但年内外出的每条登记都占用其编号。",
    ),
    reads: Borrowed(&[Kind::Mobile]),
    decides: Borrowed(&[Kind::Mobile]),
    subject: Subject::Member,
    unit: Unit::None,
};

impl Rule for Certificate {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        match &self.pattern {
            Some(Pattern {
                source: pattern, ..
            }) => t!(
                lang,
                "年内外出的党员都有活动证，编号符合 {pattern}，且不与他人重复",
                "each member away during the year has a certificate matching {pattern}, held by no other member"
            ),
            None => t!(
                lang,
                "年内外出的党员都有活动证，编号不与他人重复",
                "each member away during the year has a certificate held by no other member"
            ),
        }
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let Some(severity) = cx.judge(Period::Year(cx.year)) else {
            return;
        };
        let lang = cx.lang;
        let mut certificates: BTreeMap<MemberIdx, (Vec<&str>, Loc)> = BTreeMap::new();
        let mut holders: FxHashMap<&str, Vec<MemberIdx>> = FxHashMap::default();
        for row in cx
            .ledger
            .mobile
            .outgoing
            .iter()
            .filter(|row| !row.away.is_empty())
        {
            // Every row away in the year holds its number, but only members
            // on the roll are subjects.
            let subject = cx.ledger.members.member(row.member).is_active_in(cx.year);
            let list = subject.then(|| {
                &mut certificates
                    .entry(row.member)
                    .or_insert_with(|| (Vec::new(), row.loc))
                    .0
            });
            if let Some(certificate) = row.certificate.as_deref() {
                if let Some(list) = list {
                    list.push(certificate);
                }
                let members = holders.entry(certificate).or_default();
                if !members.contains(&row.member) {
                    members.push(row.member);
                }
            }
        }
        for (m, (list, loc)) in certificates {
            let member = cx.ledger.members.member(m);
            let mut problems = Vec::new();
            if list.is_empty() {
                problems.push(t!(lang, "没有活动证编号", "no certificate"));
            }
            for certificate in &list {
                if let Some(Pattern {
                    source: pattern,
                    regex,
                }) = &self.pattern
                    && !regex.is_match(certificate)
                {
                    problems.push(t!(
                        lang,
                        "活动证编号 {certificate} 不符合格式 {pattern}",
                        "the certificate {certificate} does not match {pattern}"
                    ));
                }
                let others: Vec<&str> = holders[certificate]
                    .iter()
                    .filter(|&&other| other != m)
                    .map(|&other| cx.ledger.members.member(other).id.as_ref())
                    .collect();
                if !others.is_empty() {
                    let others = others.join(", ");
                    problems.push(t!(
                        lang,
                        "活动证编号 {certificate} 也登记在 {others} 名下",
                        "the certificate {certificate} is also held by {others}"
                    ));
                }
            }
            problems.dedup();
            // A left-out row holding one of the member's numbers may share it.
            let shared: Vec<_> = list
                .iter()
                .flat_map(|certificate| cx.doubts.of_certificate(certificate))
                .cloned()
                .collect();
            if problems.is_empty() && !shared.is_empty() {
                out.unchecked(Some(member.org), &member.id, shared);
                continue;
            }
            out.judge(Some(member.org), problems.is_empty(), || {
                let mut finding = Finding::new(
                    severity,
                    Some(member.org),
                    cx.year.to_string(),
                    problems.join(lang.pick("；", "; ")),
                )
                .member(&member.id)
                .at(loc);
                finding.because = shared;
                finding
            });
        }
    }
}
