//! `events`: meetings, lectures, reports, inspections and the like, folded
//! into counts per org, kind and month of the year.

use chrono::Datelike;
use rustc_hash::{FxHashMap, FxHashSet};

use super::members::MemberIdx;
use super::orgs::OrgIdx;
use super::{Load, LoadContext};
use crate::diag::Code;
use crate::ledger::columns::{Column, ColumnSet, columns};
use crate::ledger::row::RowReader;
use crate::t;

columns! {
    pub enum EventCol {
        Date = Column::required("date", &["日期"]),
        Org = Column::required("org", &["党组织"]),
        Kind = Column::required("kind", &["类型"]),
        Member = Column::optional("member", &["党员编号"]),
        Title = Column::optional("title", &["名称"]),
        Place = Column::optional("place", &["地点"]),
    }
}

/// The event kinds of the catalogue with their Chinese names. Other kinds
/// are allowed for a ledger's own cadence rules.
pub const KINDS: &[(&str, &[&str])] = &[
    ("branch_assembly", &["支部党员大会", "党员大会"]),
    ("committee_meeting", &["支委会", "支部委员会"]),
    ("group_meeting", &["党小组会"]),
    ("party_lecture", &["党课"]),
    ("special_study", &["专题研究"]),
    ("written_report", &["书面报告"]),
    ("plenary_report", &["全委会报告"]),
    ("inspection", &["督促检查", "督查"]),
    ("reception_day", &["接待日"]),
    ("cert_audit", &["活动证审核"]),
    ("theme_day", &["主题党日"]),
];

/// The English name of a kind spelled in English (any case) or Chinese;
/// a kind not in the catalogue is kept as written.
pub fn canonical_kind(text: &str) -> String {
    let text = crate::text::decode::trim(text);
    KINDS
        .iter()
        .find(|(english, chinese)| english.eq_ignore_ascii_case(text) || chinese.contains(&text))
        .map_or_else(|| text.to_string(), |(english, _)| english.to_string())
}

#[derive(Debug, Default)]
pub struct Events {
    /// Kinds of the catalogue and of the ledger's own rules: others are warned about.
    known: FxHashSet<String>,
    /// Kinds the rules in force count: only these are tallied.
    counted: FxHashSet<String>,
    kinds: Vec<String>,
    kind_index: FxHashMap<String, u32>,
    by_org: FxHashMap<(OrgIdx, u32), [u32; 12]>,
    by_member: FxHashMap<(MemberIdx, u32), u32>,
    /// Kinds that no rule counts, already warned about.
    warned: FxHashSet<String>,
}

impl Events {
    fn kind_id(&self, kind: &str) -> Option<u32> {
        self.kind_index.get(kind).copied()
    }

    /// Events of `kind` held by exactly `org`, by month of the year.
    pub fn by_month(&self, org: OrgIdx, kind: &str) -> [u32; 12] {
        self.kind_id(kind)
            .and_then(|k| self.by_org.get(&(org, k)).copied())
            .unwrap_or_default()
    }

    /// Events of `kind` in the year naming `member`.
    pub fn for_member(&self, member: MemberIdx, kind: &str) -> u32 {
        self.kind_id(kind)
            .and_then(|k| self.by_member.get(&(member, k)).copied())
            .unwrap_or(0)
    }
}

impl Load for Events {
    const COLUMNS: &'static [Column] = EventCol::COLUMNS;

    fn new(cx: &LoadContext<'_>) -> Events {
        let plan = cx.plan;
        Events {
            known: KINDS
                .iter()
                .map(|(english, _)| english.to_string())
                .chain(plan.known_events.iter().cloned())
                .chain(plan.counted_events.iter().cloned())
                .collect(),
            counted: plan.counted_events.iter().cloned().collect(),
            ..Events::default()
        }
    }

    fn row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>) {
        let lang = row.lang();
        let date = row.required_date(EventCol::Date);
        let org = cx.org(row, EventCol::Org, true);
        let kind = row
            .required_text(EventCol::Kind)
            .map(|k| canonical_kind(&k));
        let member_id = row.id(EventCol::Member);
        if let Some(id) = &member_id {
            row.name_member(id);
        }
        let member = member_id.as_deref().and_then(|id| cx.members.get(id));
        if let (Some(id), None) = (&member_id, member)
            && !cx.incoming.contains(id)
        {
            cx.unknown_member(row, EventCol::Member, id, true);
        }
        if let Some(kind) = &kind
            && !self.known.contains(kind)
            && self.warned.insert(kind.clone())
        {
            let known: Vec<&str> = KINDS.iter().map(|(english, _)| *english).collect();
            row.warn(EventCol::Kind, Code::UnknownEventKind, t!(lang, "没有规则统计“{kind}”类活动（同类的其他行不再提示）", "no rule counts events of the kind \"{kind}\" (further rows of this kind are not reported)"))
                    .expected(known.join(" | "))
                    .hint(t!(lang, "核对拼写，或在 taizhang.toml 中用 [[cadence]] 为它定义规则", "check the spelling, or define a rule for it with [[cadence]] in taizhang.toml"));
        }
        let (Some(date), Some(org), Some(kind), true) = (date, org, kind, row.ok()) else {
            return;
        };
        // Only what the rules in force count is tallied, so that the
        // tallies stay as small as the rules.
        if date.year() != cx.year || !self.counted.contains(&kind) {
            return;
        }
        let next = self.kinds.len() as u32;
        let kind_id = *self.kind_index.entry(kind.clone()).or_insert(next);
        if kind_id == next {
            self.kinds.push(kind);
        }
        self.by_org.entry((org, kind_id)).or_default()[date.month0() as usize] += 1;
        if let Some(member) = member {
            *self.by_member.entry((member, kind_id)).or_default() += 1;
        }
    }
}
