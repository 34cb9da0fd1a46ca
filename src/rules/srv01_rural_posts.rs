//! SRV01 rural-posts: rural members without a party post have a post, a
//! duty and a goal for the year (三定).

use std::borrow::Cow::Borrowed;

use super::{Builtin, Context, Finding, Meta, Outcomes, Rule, Subject, Unit};
use crate::calendar::Period;
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::kinds::members::MemberCol;
use crate::ledger::kinds::orgs::Sector;
use crate::ledger::plan::LoadPlan;
use crate::t;

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[],
    build: |_, _| Box::new(RuralPosts),
};

pub struct RuralPosts;

static META: Meta = Meta {
    code: Borrowed("SRV01"),
    name: Borrowed("rural-posts"),
    title: Borrowed("农村无职党员三定"),
    cite: Borrowed("二(二)"),
    quote: Borrowed("要不断深化和完善在农村无职党员中推行定岗位、定职责、定目标的“三定”制度"),
    explain: Borrowed(
        "Every member on the roll during the year who belongs to a rural org and holds no party post (no `roles`) must have a `posts` row for the year with a post, a duty and a goal. \
         Rural means the org's sector (inherited from its parents), not a member's own `sector` override, since the system is organized by the village branch.",
    ),
    explain_zh: Borrowed(
        "年内在册、属于农村党组织且没有党内职务（“党内职务”为空）的每名党员，都要有当年的三定记录，写明岗位、职责和目标。是否农村看其所在组织的单位类型（从上级组织继承），不看党员本人填写的“单位类型”，因为这项制度由村党支部组织实施。",
    ),
    reads: Borrowed(&[Kind::Posts]),
    decides: Borrowed(&[]),
    subject: Subject::Member,
    unit: Unit::None,
};

impl Rule for RuralPosts {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        t!(
            lang,
            "农村党组织中无党内职务的党员，每年有定岗位、定职责、定目标的记录",
            "each member of a rural org without party roles has a post, duty and goal for the year"
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
        for m in ledger.members.indices() {
            let member = ledger.members.member(m);
            if !member.is_active_in(cx.year) || ledger.orgs.org(member.org).sector != Sector::Rural
            {
                continue;
            }
            if member.unknown(MemberCol::Roles) {
                let at = vec![ledger.location(member.loc)];
                out.unchecked(Some(member.org), &member.id, at);
                continue;
            }
            if member.has_roles() {
                continue;
            }
            let post = ledger.records.posts.of_year.get(&m);
            let complete = post.is_some_and(|p| p.missing.is_empty());
            out.judge(Some(member.org), complete, || {
                let (message, loc) = match post {
                    None => (
                        t!(
                            lang,
                            "没有 {} 年度三定记录",
                            "no post, duty and goal for {}",
                            cx.year
                        ),
                        member.loc,
                    ),
                    Some(post) => {
                        let missing = Kind::Posts.column_titles(&post.missing, lang);
                        (
                            t!(
                                lang,
                                "三定记录缺少：{missing}",
                                "the post record lacks: {missing}"
                            ),
                            post.loc,
                        )
                    }
                };
                Finding::new(severity, Some(member.org), cx.year.to_string(), message)
                    .member(&member.id)
                    .at(loc)
            });
        }
    }
}
