//! EDU02 study-notes: each member's characters of study notes in the year.

use std::borrow::Cow::Borrowed;

use super::{Context, Meta, Outcomes, Rule, Unit, judge_member_quotas, num};
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::kinds::members::Leader;
use crate::policy::Policy;
use crate::t;

pub struct StudyNotes;

static META: Meta = Meta {
    code: Borrowed("EDU02"),
    name: Borrowed("study-notes"),
    title: Borrowed("学习笔记字数"),
    cite: Borrowed("一(二)"),
    quote: Borrowed("党员领导干部学习笔记每年至少3万字以上,其他党员学习笔记不少于1.5万字。"),
    explain: Borrowed(
        "Every member on the roll during the year must write study notes: 30,000 characters for leading cadres (`leader` = section or county), 15,000 for other members. \
         Notes count toward the year of their date. A note gives its length as `chars` or as a `file`, a text file inside the ledger whose characters are counted: every Unicode scalar value that is not whitespace, not a control character and not a BOM. When both are given and differ, the counted number is used and a warning says so. \
         The quota is prorated by the days on the roll. Settings: `policy.note_chars` (`leader`, `default`), `policy.prorate`.",
    ),
    reads: Borrowed(&[Kind::Notes]),
    unit: Unit::Chars,
};

impl Rule for StudyNotes {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, policy: &Policy, lang: Lang) -> String {
        let (leader, other) = (
            num(policy.note_chars_leader),
            num(policy.note_chars_default),
        );
        t!(
            lang,
            "每名党员每年学习笔记：领导干部 ≥ {leader} 字、其他党员 ≥ {other} 字，按在册天数折算",
            "each member's study-note characters in the year: ≥ {leader} (leading cadres), ≥ {other} (others), prorated by days on the roll"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let (ledger, lang, policy) = (cx.ledger, cx.lang, cx.policy);
        judge_member_quotas(
            cx,
            out,
            |m| match ledger.members.member(m).leader {
                Leader::None => Some(policy.note_chars_default),
                Leader::Section | Leader::County => Some(policy.note_chars_leader),
            },
            |m| ledger.notes.chars(m) as f64,
            |a, e| {
                t!(
                    lang,
                    "学习笔记 {a} 字，应不少于 {e} 字",
                    "{a} characters of study notes, {e} required"
                )
            },
        );
    }
}
