//! MOB04 monthly-contact: a contact every month with every member away.

use std::borrow::Cow::Borrowed;

use rustc_hash::FxHashMap;

use super::settings::{Default, Doc, Setting, Ty, Values};
use super::{Builtin, Context, Finding, Grid, GridRow, Mark, Meta, Outcomes, Rule, Subject, Unit};
use crate::calendar::Per;
use crate::calendar::Period;
use crate::lang::{Lang, counted};
use crate::ledger::kinds::members::MemberIdx;
use crate::ledger::{Kind, Loc};
use crate::t;

pub static MIN_DAYS_AWAY: Setting = Setting {
    key: "min_days_away",
    ty: Ty::Count { min: 1, max: 31 },
    default: Default::Count(15),
    doc: Doc {
        zh: "流动党员一个月内外出满多少天，该月须联系（每月至少联系一次）。",
        en: "A month in which a member is away on at least this many days needs contact.",
    },
};

pub static CONTACTS_PER_MONTH: Setting = Setting {
    key: "contacts_per_month",
    ty: Ty::Count { min: 0, max: 1000 },
    default: Default::Count(1),
    doc: Doc {
        zh: "外出满 min_days_away 天的月份，至少联系几次。",
        en: "How many contacts a month in which the member is away on at least `min_days_away` days needs.",
    },
};

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[&MIN_DAYS_AWAY, &CONTACTS_PER_MONTH],
    build: |values, _| Box::new(MonthlyContact::new(values)),
};

pub struct MonthlyContact {
    min_days_away: u32,
    contacts_per_month: u32,
}

impl MonthlyContact {
    fn new(values: &Values) -> MonthlyContact {
        MonthlyContact {
            min_days_away: values.count(&MIN_DAYS_AWAY),
            contacts_per_month: values.count(&CONTACTS_PER_MONTH),
        }
    }
}

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
    explain_zh: Borrowed(
        "党支部每月至少与每名外出党员联系一次并作记录。某个月中登记显示该党员外出至少 min_days_away 天时（从“外出时间”起，到“返回时间”的前一天；没有“返回时间”则一直外出；没有“外出时间”则年初之前已外出；多条登记合并计算），检查该党员的这个月。日期在这个月的每一条联系记录都计入，类型为联系或汇报均可。该党员这个月不必在册。设置：policy.min_days_away（15）、policy.contacts_per_month（1）。",
    ),
    reads: Borrowed(&[Kind::Mobile, Kind::Contacts]),
    decides: Borrowed(&[Kind::Mobile]),
    subject: Subject::Member,
    unit: Unit::Times,
};

impl Rule for MonthlyContact {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        let (days, n) = (self.min_days_away, self.contacts_per_month);
        let (days_en, contacts) = (counted(days, "day"), counted(n, "contact"));
        t!(
            lang,
            "外出满 {days} 天的每个月，与该流动党员联系 ≥ {n} 次",
            "each month in which a member is away on ≥ {days_en} has ≥ {contacts} with them"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let (ledger, lang) = (cx.ledger, cx.lang);
        let first_row: FxHashMap<MemberIdx, Loc> = ledger
            .mobile
            .outgoing
            .iter()
            .rev()
            .map(|row| (row.member, row.loc))
            .collect();
        for (m, away) in ledger.mobile.away_members() {
            let member = ledger.members.member(m);
            let tally = ledger.records.contacts.tally(m);
            let mut months = [Mark::NotDue; 12];
            for (index, period) in Period::all(Per::Month, cx.year).into_iter().enumerate() {
                let days_away = away.count_between(period.start(), period.end());
                if days_away < self.min_days_away {
                    continue;
                }
                let contacts = tally.by_month[index];
                let expected = self.contacts_per_month;
                let met = contacts >= expected;
                // A month not over is pending in the grid even before it begins.
                months[index] = match (met, period.end() <= cx.as_of) {
                    (true, _) => Mark::Passed,
                    (false, true) => Mark::Failed,
                    (false, false) => Mark::Pending,
                };
                let Some(severity) = cx.judge(period) else {
                    continue;
                };
                out.judge(Some(member.org), met, || {
                    let (days_en, times) = (counted(days_away, "day"), counted(contacts, "time"));
                    let message = t!(
                        lang,
                        "本月外出 {days_away} 天，联系 {contacts} 次，应不少于 {expected} 次",
                        "away {days_en} this month, contacted {times}, {expected} required"
                    );
                    let finding = Finding::new(severity, Some(member.org), period.label(), message)
                        .member(&member.id)
                        .numbers(f64::from(expected), f64::from(contacts));
                    match first_row.get(&m) {
                        Some(&loc) => finding.at(loc),
                        None => finding,
                    }
                });
            }
            out.grid_row(GridRow {
                member: m,
                org: member.org,
                months,
            });
        }
    }

    fn grid(&self, lang: Lang) -> Option<Grid> {
        let (days, n) = (self.min_days_away, self.contacts_per_month);
        let contacts = counted(n, "contact");
        Some(Grid {
            key: "mobile",
            heading: t!(
                lang,
                "流动党员每月联系",
                "Monthly contact with mobile members"
            ),
            marks: [
                ("contacted", t!(lang, "已联系", "contacted")),
                ("missed", t!(lang, "未联系", "missed")),
                ("pending", t!(lang, "待完成", "pending")),
                ("not_away", t!(lang, "未外出", "not away")),
            ],
            note: t!(
                lang,
                "外出满 {days} 天的月份须联系至少 {n} 次",
                "A month in which a member is away ≥ {days} days needs ≥ {contacts}"
            ),
            settings: vec![("min_days_away", days), ("contacts_per_month", n)],
            empty: t!(
                lang,
                "年内没有外出的流动党员。",
                "No member was away during the year."
            ),
        })
    }
}
