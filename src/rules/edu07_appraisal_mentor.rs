//! EDU07 appraisal-mentor: a member graded low has a mentor.

use std::borrow::Cow::Borrowed;

use super::{Builtin, Context, Finding, Meta, Outcomes, Rule, Subject, Unit};
use crate::calendar::Period;
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::kinds::appraisals::Grade;
use crate::ledger::plan::LoadPlan;
use crate::t;

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[],
    build: |_, _| Box::new(AppraisalMentor),
};

pub struct AppraisalMentor;

static META: Meta = Meta {
    code: Borrowed("EDU07"),
    name: Borrowed("appraisal-mentor"),
    title: Borrowed("评议帮带"),
    cite: Borrowed("一(三)"),
    quote: Borrowed(
        "要建立帮带制度,对民主评议相对较差的党员,安排支部委员、其他优秀党员进行结对教育帮助。",
    ),
    explain: Borrowed(
        "A member graded basically qualified or unqualified in the year's appraisal must be paired with a mentor: another member on the roll on a day of the year who is on the branch committee (role `committee` or `secretary`) or was graded excellent in the same year. \
         The finding names what is wrong: no mentor, a mentor not on the roll, the member themself, or a mentor who is neither a committee member nor excellent.",
    ),
    explain_zh: Borrowed(
        "年度民主评议中评为基本合格或不合格的党员，要安排帮带人：年内某天在册的另一名党员，且是支部委员（“党内职务”为支部委员或书记），或同一年度评为优秀。结果指出问题所在：没有帮带人、帮带人不在册、帮带人是本人，或帮带人既不是支部委员也未评为优秀。",
    ),
    reads: Borrowed(&[Kind::Appraisals]),
    decides: Borrowed(&[Kind::Appraisals]),
    subject: Subject::Member,
    unit: Unit::None,
};

impl Rule for AppraisalMentor {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        t!(
            lang,
            "评为基本合格或不合格的党员有帮带人：在册的其他党员，且是支部委员或本年度评为优秀",
            "each basically-qualified or unqualified grade has a mentor: another member on the roll who is on the committee or graded excellent that year"
        )
    }

    fn needs(&self, plan: &mut LoadPlan) {
        plan.member_column("roles", &META.code);
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let Some(severity) = cx.judge(Period::Year(cx.year)) else {
            return;
        };
        let (ledger, lang) = (cx.ledger, cx.lang);
        let graded = (ledger.records.appraisals.of_year.iter())
            .filter(|(_, a)| matches!(a.grade, Grade::BasicallyQualified | Grade::Unqualified));
        for (m, appraisal) in graded {
            let member = ledger.members.member(m);
            // Whether the mentor's own grade decides: then a left-out
            // appraisal row of the mentor's (an excellent grade) could
            // change the verdict.
            let mut grade_decides = false;
            let problem = match ledger.records.appraisals.mentor(m) {
                None => Some(t!(lang, "没有安排帮带人", "no mentor is named")),
                Some(mentor) => match ledger.members.get(mentor) {
                    None => Some(t!(
                        lang,
                        "帮带人 {mentor} 不在党员名册中",
                        "the mentor {mentor} is not on the roll"
                    )),
                    Some(same) if same == m => Some(t!(
                        lang,
                        "帮带人是本人",
                        "the mentor is the member themself"
                    )),
                    Some(other) if !ledger.members.member(other).is_active_in(cx.year) => Some(t!(
                        lang,
                        "帮带人 {mentor} 本年度不在册",
                        "the mentor {mentor} is not on the roll during the year"
                    )),
                    Some(other) => {
                        let excellent = ledger
                            .records
                            .appraisals
                            .of_year
                            .get(&other)
                            .is_some_and(|a| a.grade == Grade::Excellent);
                        grade_decides = !ledger.members.member(other).is_committee();
                        (!ledger.members.member(other).is_committee() && !excellent)
                            .then(|| t!(lang, "帮带人 {mentor} 既不是支部委员，也未评为优秀", "the mentor {mentor} is neither a committee member nor graded excellent"))
                    }
                },
            };
            out.judge(Some(member.org), problem.is_none(), || {
                let grade = appraisal.grade.label(lang);
                let problem = problem.unwrap_or_default();
                let message = t!(
                    lang,
                    "评议等次为{grade}：{problem}",
                    "graded {grade}: {problem}"
                );
                let finding =
                    Finding::new(severity, Some(member.org), cx.year.to_string(), message)
                        .member(&member.id)
                        .at(appraisal.loc);
                match ledger.records.appraisals.mentor(m) {
                    Some(mentor) => {
                        let mut finding = finding.depends_on(mentor);
                        if grade_decides {
                            finding
                                .because
                                .extend(cx.doubts.naming_member(Kind::Appraisals, mentor));
                        }
                        finding
                    }
                    None => finding,
                }
            });
        }
    }
}
