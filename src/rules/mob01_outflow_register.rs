//! MOB01 outflow-register: the register of members away is complete.

use std::borrow::Cow::Borrowed;
use std::collections::BTreeMap;

use super::{Builtin, Context, Finding, Meta, Outcomes, Rule, Subject, Unit};
use crate::calendar::Period;
use crate::lang::Lang;
use crate::ledger::columns::ColumnSet;
use crate::ledger::kinds::members::MemberIdx;
use crate::ledger::kinds::mobile::{MobileCol, Outgoing};
use crate::ledger::{Kind, Loc};
use crate::t;

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[],
    build: |_, _| Box::new(OutflowRegister),
};

pub struct OutflowRegister;

static META: Meta = Meta {
    code: Borrowed("MOB01"),
    name: Borrowed("outflow-register"),
    title: Borrowed("外出党员登记"),
    cite: Borrowed("三(一)1"),
    quote: Borrowed(
        "党组织对外出党员的基本情况进行登记造册,详细记载外出党员的流动去向、外出时间、从业单位、居住地点、联系方式等情况。",
    ),
    explain: Borrowed(
        "Every row of the register of outgoing members (`mobile`, direction `out`) that has the member away on a day of the year must record the destination, the date of leaving, the employer, the residence and a phone number. \
         A member with several such rows gets one finding listing what any of them lacks, at the first incomplete row. Only members on the roll on a day of the year are subjects (MOB04–06, unlike MOB01–03, follow members who left the roll).",
    ),
    explain_zh: Borrowed(
        "流动党员登记中的每条流出登记（“流向”为流出），只要该党员年内某天处于外出状态，都要登记流动去向、外出时间、从业单位、居住地点和联系方式。一名党员有多条这样的登记时只给出一项结果，列出其中任何一条所缺的项目，位置在第一条不完整的登记。只有年内某天在册的党员才是检查对象（MOB04–06 与 MOB01–03 不同，也跟踪已不在册的党员）。",
    ),
    reads: Borrowed(&[Kind::Mobile]),
    decides: Borrowed(&[Kind::Mobile]),
    subject: Subject::Member,
    unit: Unit::None,
};

impl Rule for OutflowRegister {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        t!(
            lang,
            "年内外出的每条流出登记须有流动去向、外出时间、从业单位、居住地点、联系方式",
            "each outgoing row away during the year has destination, left_on, employer, residence and phone"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let Some(severity) = cx.judge(Period::Year(cx.year)) else {
            return;
        };
        let mut by_member: BTreeMap<MemberIdx, (Vec<&'static str>, Option<Loc>)> = BTreeMap::new();
        for row in cx.ledger.mobile.outgoing.iter().filter(|row| {
            !row.away.is_empty() && cx.ledger.members.member(row.member).is_active_in(cx.year)
        }) {
            let (missing, loc) = by_member.entry(row.member).or_default();
            merge_missing(missing, loc, row);
        }
        for (m, (mut missing, loc)) in by_member {
            // In the register's column order, whichever rows they came from.
            missing.sort_by_key(|field| MobileCol::COLUMNS.iter().position(|c| c.name == *field));
            let member = cx.ledger.members.member(m);
            out.judge(Some(member.org), missing.is_empty(), || {
                let fields = Kind::Mobile.column_titles(&missing, cx.lang);
                let message = t!(
                    cx.lang,
                    "流出登记缺少：{fields}",
                    "the register of the member away lacks: {fields}"
                );
                let finding =
                    Finding::new(severity, Some(member.org), cx.year.to_string(), message)
                        .member(&member.id);
                match loc {
                    Some(loc) => finding.at(loc),
                    None => finding,
                }
            });
        }
    }
}

fn merge_missing(missing: &mut Vec<&'static str>, loc: &mut Option<Loc>, row: &Outgoing) {
    if row.missing.is_empty() {
        return;
    }
    loc.get_or_insert(row.loc);
    for field in &row.missing {
        if !missing.contains(field) {
            missing.push(field);
        }
    }
}
