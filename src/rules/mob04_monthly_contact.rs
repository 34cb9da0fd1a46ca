//! MOB04 monthly-contact: a contact every month with every member away.

use std::borrow::Cow::Borrowed;

use rustc_hash::FxHashMap;

use super::{Context, Finding, Meta, Outcomes, Rule, Unit};
use crate::calendar::Per;
use crate::calendar::Period;
use crate::lang::Lang;
use crate::ledger::kinds::members::MemberIdx;
use crate::ledger::{Kind, Loc};
use crate::policy::Policy;
use crate::t;

pub struct MonthlyContact;

static META: Meta = Meta {
    code: Borrowed("MOB04"),
    name: Borrowed("monthly-contact"),
    title: Borrowed("每月联系流动党员"),
    cite: Borrowed("三(一)3"),
    quote: Borrowed("一般每月至少联系一次,并做好联系记录。"),
    explain: Borrowed(
        "The branch contacts each member away at least once a month and records it. \
         A month of the year is checked for a member when the register has them away on at least `min_days_away` of its days (away from `left_on` up to the day before `returned_on`; open-ended without `returned_on`; from before the year without `left_on`; several rows are unioned). \
         Every `contacts` row dated in that month counts, of kind contact or report. The member need not be on the roll that month. \
         Settings: `policy.min_days_away` (15), `policy.contacts_per_month` (1).",
    ),
    reads: Borrowed(&[Kind::Mobile, Kind::Contacts]),
    unit: Unit::Times,
};

impl Rule for MonthlyContact {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, policy: &Policy, lang: Lang) -> String {
        let (days, n) = (policy.min_days_away, policy.contacts_per_month);
        t!(
            lang,
            "外出满 {days} 天的每个月，与该流动党员联系 ≥ {n} 次",
            "each month in which a member is away on ≥ {days} days has ≥ {n} contact(s) with them"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let (ledger, lang, policy) = (cx.ledger, cx.lang, cx.policy);
        let first_row: FxHashMap<MemberIdx, Loc> = ledger
            .mobile
            .outgoing
            .iter()
            .rev()
            .map(|row| (row.member, row.loc))
            .collect();
        for (m, away) in ledger.mobile.away_members() {
            let member = ledger.members.member(m);
            let tally = ledger.contacts.tally(m);
            for period in Period::all(Per::Month, cx.year) {
                let Some(severity) = cx.judge(period) else {
                    break;
                };
                let days_away = away.count_between(period.start(), period.end());
                if days_away < policy.min_days_away {
                    continue;
                }
                let Period::Month(_, month) = period else {
                    continue;
                };
                let contacts = tally.by_month[month as usize - 1];
                let expected = policy.contacts_per_month;
                out.judge(Some(member.org), contacts >= expected, || {
                    let message = t!(lang, "本月外出 {days_away} 天，联系 {contacts} 次，应不少于 {expected} 次", "away {days_away} days this month, contacted {contacts} time(s), {expected} required");
                    let finding = Finding::new(severity, Some(member.org), period.label(), message)
                        .member(&member.id)
                        .numbers(f64::from(expected), f64::from(contacts));
                    match first_row.get(&m) {
                        Some(&loc) => finding.at(loc),
                        None => finding,
                    }
                });
            }
        }
    }
}
