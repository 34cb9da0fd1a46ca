//! EDU06 appraisal-held: every full member is appraised each year.

use std::borrow::Cow::Borrowed;

use super::{Builtin, Context, Finding, Meta, Outcomes, Rule, Severity, Subject, Unit};
use crate::calendar::Period;
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::kinds::members::{MemberCol, Status};
use crate::ledger::plan::LoadPlan;
use crate::t;

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[],
    build: |_, _| Box::new(AppraisalHeld),
};

pub struct AppraisalHeld;

static META: Meta = Meta {
    code: Borrowed("EDU06"),
    name: Borrowed("appraisal-held"),
    title: Borrowed("民主评议党员"),
    cite: Borrowed("一(三)"),
    quote: Borrowed("要完善民主评议党员制度,定期开展党员民主评议活动。"),
    explain: Borrowed(
        "Every full member who is on the roll on every day of the year must have a democratic-appraisal grade for that year in `appraisals`. \
         Probationary members take part in the appraisal but are not graded: they are not subjects, and a grade recorded for one is a warning. \
         Members who join or leave during the year are appraised where they are at its end, so they are not subjects here.",
    ),
    explain_zh: Borrowed(
        "全年每一天都在册的每名正式党员，在民主评议中都要有当年的评议等次。预备党员参加评议但不评定等次：他们不是检查对象，为预备党员登记了等次会给出提醒。年内转入或转出的党员在年底所在的组织参加评议，因此不在此检查。",
    ),
    reads: Borrowed(&[Kind::Appraisals]),
    decides: Borrowed(&[]),
    subject: Subject::Member,
    unit: Unit::None,
};

impl Rule for AppraisalHeld {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        t!(
            lang,
            "全年在册的每名正式党员有本年度的民主评议等次（预备党员参加评议但不评等次）",
            "each full member on the roll all year has an appraisal grade for the year (probationary members are not graded)"
        )
    }

    fn needs(&self, plan: &mut LoadPlan) {
        plan.member_column("status", &META.code);
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let Some(severity) = cx.judge(Period::Year(cx.year)) else {
            return;
        };
        let (members, lang) = (&cx.ledger.members, cx.lang);
        for m in members.indices() {
            let member = members.member(m);
            let appraisal = cx.ledger.records.appraisals.of_year.get(&m);
            if member.unknown(MemberCol::Status) {
                if member.is_active_all_year(cx.year) {
                    let at = vec![cx.ledger.location(member.loc)];
                    out.unchecked(Some(member.org), &member.id, at);
                }
                continue;
            }
            if member.status == Status::Probationary {
                if let Some(appraisal) = appraisal {
                    let grade = appraisal.grade.label(lang);
                    let message = t!(
                        lang,
                        "预备党员不评定等次，却登记了“{grade}”",
                        "a probationary member is not graded, but has the grade {grade}"
                    );
                    out.push(
                        Finding::new(
                            Severity::Warning,
                            Some(member.org),
                            cx.year.to_string(),
                            message,
                        )
                        .member(&member.id)
                        .at(appraisal.loc),
                    );
                }
                continue;
            }
            if !member.is_active_all_year(cx.year) {
                continue;
            }
            out.judge(Some(member.org), appraisal.is_some(), || {
                let message = t!(
                    lang,
                    "没有 {} 年度民主评议等次",
                    "no appraisal grade for {}",
                    cx.year
                );
                Finding::new(severity, Some(member.org), cx.year.to_string(), message)
                    .member(&member.id)
                    .at(member.loc)
            });
        }
    }
}
