//! `events`: meetings, lectures, reports, inspections and the like, folded
//! into counts per org, kind and month of the year.

use chrono::Datelike;
use rustc_hash::{FxHashMap, FxHashSet};

use super::members::MemberIdx;
use super::orgs::OrgIdx;
use super::{Load, LoadContext, Merge};
use crate::diag::{Code, Names};
use crate::lang::Lang;
use crate::ledger::columns::{Column, ColumnSet, columns};
use crate::ledger::row::RowReader;
use crate::t;

columns! {
    pub enum EventCol {
        Date = Column::required("date", &["日期", "会议时间", "活动时间", "实际时间", "会议日期", "活动日期"]),
        Org = Column::required("org", &["党组织", "党支部编码", "所在党支部编码", "组织编码", "党组织编码"]),
        Kind = Column::required("kind", &["类型", "会议类型", "活动类型"]),
        Member = Column::optional("member", &["党员编号"]),
        Title = Column::optional("title", &["名称", "会议名称", "活动名称", "会议主题", "活动主题"]),
        Place = Column::optional("place", &["地点", "会议地点", "活动地点"]),
    }
}

/// The event kinds of the catalogue with their Chinese names. Other kinds
/// are allowed for a ledger's own cadence rules.
pub const KINDS: &[(&str, &[&str])] = &[
    ("branch_assembly", &["支部党员大会", "党员大会", "支部大会"]),
    (
        "committee_meeting",
        &["支委会", "支部委员会", "支部委员会会议", "支委会议"],
    ),
    ("group_meeting", &["党小组会", "党小组会议"]),
    ("party_lecture", &["党课"]),
    ("special_study", &["专题研究"]),
    ("written_report", &["书面报告"]),
    ("plenary_report", &["全委会报告"]),
    ("inspection", &["督促检查", "督查"]),
    ("reception_day", &["接待日"]),
    ("cert_audit", &["活动证审核"]),
    ("theme_day", &["主题党日", "主题党日活动"]),
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

impl Events {
    /// The counted kind an unknown kind is one slip from, in English or
    /// Chinese (or that it holds: 支部委员会会议 for 支部委员会).
    fn meant(&self, kind: &str) -> Option<String> {
        self.counted.iter().find_map(|counted| {
            let spellings = KINDS
                .iter()
                .find(|(english, _)| english == counted)
                .map_or(&[][..], |(_, chinese)| *chinese);
            let near = |spelling: &str| {
                kind.contains(spelling) || spelling.contains(kind) || one_edit(kind, spelling)
            };
            (near(counted) || spellings.iter().any(|s| near(s))).then(|| {
                spellings
                    .first()
                    .map_or_else(|| counted.clone(), |s| s.to_string())
            })
        })
    }
}

/// Whether two texts differ by one character replaced, left out or added.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() == b.len() {
        return a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1;
    }
    let (short, long) = if a.len() < b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() != short.len() + 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    short[prefix..] == long[prefix + 1..]
}

impl Events {
    /// The number of an event kind, given one when it is new.
    fn kind_id_or_new(&mut self, kind: String) -> u32 {
        if let Some(&id) = self.kind_index.get(&kind) {
            return id;
        }
        let id = self.kinds.len() as u32;
        self.kind_index.insert(kind.clone(), id);
        self.kinds.push(kind);
        id
    }
}

impl Merge for Events {
    fn merge(&mut self, later: Events) {
        // The later loader numbered the kinds it met in its own order.
        let ids: Vec<u32> = later
            .kinds
            .into_iter()
            .map(|kind| self.kind_id_or_new(kind))
            .collect();
        for ((org, kind), months) in later.by_org {
            let total = self.by_org.entry((org, ids[kind as usize])).or_default();
            for (total, count) in total.iter_mut().zip(months) {
                *total += count;
            }
        }
        for ((member, kind), count) in later.by_member {
            *self
                .by_member
                .entry((member, ids[kind as usize]))
                .or_default() += count;
        }
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
        if let Some(date) = date {
            row.name_when(date, date);
        }
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
            cx.unknown_member(row, EventCol::Member, id, None);
        }
        if let Some(kind) = &kind
            && !self.known.contains(kind)
        {
            let known: Vec<String> = KINDS
                .iter()
                .map(|&(english, chinese)| match lang {
                    Lang::Zh => {
                        crate::ledger::vocabulary::shown(english, chinese, lang).into_owned()
                    }
                    Lang::En => english.to_string(),
                })
                .collect();
            // The row is not counted: whether it was meant for a kind some
            // rule counts is unknown, so the org's findings it could change
            // are uncertain.
            let names = Names {
                members: member_id.iter().cloned().collect(),
                orgs: row.id(EventCol::Org).into_iter().collect(),
                when: date.map(|d| (d, d)),
                ..Names::default()
            };
            let message = match self.meant(kind) {
                Some(meant) => t!(
                    lang,
                    "“{kind}”不是已知的活动类型，可能是“{meant}”写错了；这一行未计入，本组织的相关结论因此不确定",
                    "\"{kind}\" is no known event kind; it may be a slip for \"{meant}\": the row is not counted, so the org's findings it could change are uncertain"
                ),
                None => t!(
                    lang,
                    "没有规则统计“{kind}”类活动：这一行未计入，本组织的相关结论因此不确定",
                    "no rule counts events of the kind \"{kind}\": the row is not counted, so the org's findings it could change are uncertain"
                ),
            };
            row.warn(EventCol::Kind, Code::UnknownEventKind, message)
                .expected(known.join(lang.pick("、", " | ")))
                .leaves_out("events", names)
                .hint(t!(
                    lang,
                    "核对拼写，或在 taizhang.toml 中用 [[cadence]] 为它定义规则",
                    "check the spelling, or define a rule for it with [[cadence]] in taizhang.toml"
                ));
        }
        let (Some(date), Some(org), Some(kind), true) = (date, org, kind, row.ok()) else {
            return;
        };
        // Only what the rules in force count is tallied, so that the
        // tallies stay as small as the rules.
        if date.year() != cx.year || !self.counted.contains(&kind) {
            return;
        }
        let kind_id = self.kind_id_or_new(kind);
        self.by_org.entry((org, kind_id)).or_default()[date.month0() as usize] += 1;
        if let Some(member) = member {
            *self.by_member.entry((member, kind_id)).or_default() += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_edit_apart() {
        assert!(super::one_edit("支委会", "支委会议"));
        assert!(super::one_edit("party_lecture", "party_lectures"));
        assert!(super::one_edit("党课", "党训"));
        assert!(!super::one_edit("党课", "党课"));
        assert!(!super::one_edit("学习会", "党课"));
    }
}
