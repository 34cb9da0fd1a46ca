//! MOB03 liaison: each member away has someone assigned to keep in touch.

use std::borrow::Cow::Borrowed;
use std::collections::BTreeMap;

use super::{Builtin, Context, Finding, Meta, Outcomes, Rule, Subject, Unit};
use crate::calendar::Period;
use crate::lang::Lang;
use crate::ledger::kinds::members::MemberIdx;
use crate::ledger::{Kind, Loc};
use crate::t;

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[],
    build: |_, _| Box::new(Liaison),
};

pub struct Liaison;

static META: Meta = Meta {
    code: Borrowed("MOB03"),
    name: Borrowed("liaison"),
    title: Borrowed("结对联系人"),
    cite: Borrowed("三(一)3"),
    quote: Borrowed("党支部要指定党支部委员或其他党员结对联系流动党员,保持与外出党员的经常性联系"),
    explain: Borrowed(
        "The branch assigns a committee member or another member to keep in touch with each member away. \
         The rule passes when some outgoing row of the member that is away during the year names a `liaison` who is on the roll, active on a day of the year, and not the member. Only members on the roll on a day of the year are subjects.",
    ),
    explain_zh: Borrowed(
        "党支部为每名外出党员指定一名支委或其他党员保持联系。该党员年内处于外出状态的某条流出登记中的“联系人”是在册、年内某天在职、且不是本人的党员时，即为达标。只有年内某天在册的党员才是检查对象。",
    ),
    reads: Borrowed(&[Kind::Mobile]),
    decides: Borrowed(&[Kind::Mobile]),
    subject: Subject::Member,
    unit: Unit::None,
};

impl Rule for Liaison {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        t!(
            lang,
            "年内外出的党员都有结对联系人：在册、年内在职、不是本人",
            "each member away during the year has a liaison who is on the roll, active in the year, and not the member"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let Some(severity) = cx.judge(Period::Year(cx.year)) else {
            return;
        };
        let (members, lang) = (&cx.ledger.members, cx.lang);
        // Per member away: whether a good liaison is named, the names tried, the first row.
        let mut seen: BTreeMap<MemberIdx, (bool, Vec<&str>, Loc)> = BTreeMap::new();
        for row in cx.ledger.mobile.outgoing.iter().filter(|row| {
            !row.away.is_empty() && cx.ledger.members.member(row.member).is_active_in(cx.year)
        }) {
            let entry = seen
                .entry(row.member)
                .or_insert_with(|| (false, Vec::new(), row.loc));
            if let Some(liaison) = row.liaison.as_deref() {
                let valid = members
                    .get(liaison)
                    .is_some_and(|l| l != row.member && members.member(l).is_active_in(cx.year));
                entry.0 |= valid;
                entry.1.push(liaison);
            }
        }
        for (m, (valid, tried, loc)) in seen {
            let member = members.member(m);
            out.judge(Some(member.org), valid, || {
                let message = if tried.is_empty() {
                    t!(lang, "没有指定结对联系人", "no liaison is named")
                } else {
                    let names = tried.join(lang.pick("、", ", "));
                    match (lang, tried.len()) {
                        (Lang::Zh, _) => format!("联系人 {names} 不是年内在册的其他党员"),
                        (Lang::En, 1) => format!(
                            "the liaison {names} is not another member on the roll during the year"
                        ),
                        (Lang::En, _) => format!(
                            "the liaisons {names} are not other members on the roll during the year"
                        ),
                    }
                };
                tried.iter().fold(
                    Finding::new(severity, Some(member.org), cx.year.to_string(), message)
                        .member(&member.id)
                        .at(loc),
                    |finding, liaison| finding.depends_on(*liaison),
                )
            });
        }
    }
}
