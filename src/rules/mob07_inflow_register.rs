//! MOB07 inflow-register: every incoming member is registered, verified and
//! placed in an org.

use std::borrow::Cow::Borrowed;
use std::collections::BTreeMap;

use super::{Builtin, Context, Finding, Meta, Outcomes, Rule, Subject, Unit};
use crate::calendar::Period;
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::kinds::mobile::Incoming;
use crate::t;

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[],
    build: |_, _| Box::new(InflowRegister),
};

pub struct InflowRegister;

static META: Meta = Meta {
    code: Borrowed("MOB07"),
    name: Borrowed("inflow-register"),
    title: Borrowed("流入党员登记"),
    cite: Borrowed("三(二)1–3"),
    quote: Borrowed(
        "要建立流入党员管理台帐,对流入党员的职业、学历、工作、居住地、联系方式等情况进行详细登记,建档造册,建立流入党员档案。……党组织要对流入的党员,认真查验《流动党员活动证》、组织关系介绍信等凭证,做好流入党员身份确认工作……将流动党员及时编入党的组织",
    ),
    explain: Borrowed(
        "Every incoming member (`mobile`, direction `in`) present during the year (from `arrived_on`, or the year's start, to `departed_on`, or open) must be registered with occupation, education level, employer, residence and phone, have had their papers verified (`verified_on`), and be placed in an org (`org`) that exists in `orgs`. \
         The member need not be on the roll. When the org does not exist the finding has no org; a member with several rows gets one finding listing what any of them lacks.",
    ),
    explain_zh: Borrowed(
        "年内在本地的每名流入党员（“流向”为流入；从“流入时间”或年初起，到“离开时间”止，或一直在本地），都要登记职业、学历、从业单位、居住地点和联系方式，查验过证明材料（“查验日期”），并编入组织表中存在的党组织（“所在党组织”）。该党员不必在党员名册中。所编入的党组织不存在时，结果没有所属组织；一名党员有多条登记时只给出一项结果，列出其中任何一条所缺的项目。",
    ),
    reads: Borrowed(&[Kind::Mobile]),
    decides: Borrowed(&[Kind::Mobile]),
    subject: Subject::Member,
    unit: Unit::None,
};

impl Rule for InflowRegister {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        t!(
            lang,
            "年内在本地的流入党员登记职业、学历、从业单位、居住地、联系方式，已查验身份，并编入存在的党组织",
            "each incoming member present during the year has occupation, education_level, employer, residence, phone, verified_on and an org that exists"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let Some(severity) = cx.judge(Period::Year(cx.year)) else {
            return;
        };
        let lang = cx.lang;
        let mut by_member: BTreeMap<&str, Vec<&Incoming>> = BTreeMap::new();
        for row in cx
            .ledger
            .mobile
            .incoming
            .iter()
            .filter(|row| row.present_in_year)
        {
            by_member.entry(&row.member).or_default().push(row);
        }
        for (member, rows) in by_member {
            let first = rows[0];
            let mut missing: Vec<&str> = Vec::new();
            for row in &rows {
                for field in &row.missing {
                    if !missing.contains(field) {
                        missing.push(field);
                    }
                }
            }
            let mut problems = Vec::new();
            if !missing.is_empty() {
                let fields = Kind::Mobile.column_titles(&missing, lang);
                problems.push(t!(
                    lang,
                    "流入登记缺少：{fields}",
                    "the register lacks: {fields}"
                ));
            }
            let org = rows.iter().find_map(|row| row.org);
            if let (None, Some(id)) = (org, rows.iter().find_map(|row| row.org_id.as_deref())) {
                problems.push(t!(
                    lang,
                    "编入的党组织 {id} 不在组织表中",
                    "the org {id} it is placed in does not exist"
                ));
            }
            out.judge(org, problems.is_empty(), || {
                Finding::new(
                    severity,
                    org,
                    cx.year.to_string(),
                    problems.join(lang.pick("；", "; ")),
                )
                .member(member)
                .at(first.loc)
            });
        }
    }
}
