//! `contacts`: contacts with mobile members and their reports, folded into
//! per-member monthly counts of the year.

use chrono::Datelike;
use rustc_hash::FxHashMap;

use super::members::MemberIdx;
use super::{Load, LoadContext, Merge};
use crate::ledger::columns::{Column, ColumnSet, choice, columns};
use crate::ledger::row::RowReader;

columns! {
    pub enum ContactCol {
        Date = Column::required("date", &["日期", "联系时间", "联系日期"]),
        Member = Column::required("member", &["党员编号"]),
        Kind = Column::optional("kind", &["类型"]),
        By = Column::optional("by", &["联系人"]),
        Method = Column::optional("method", &["方式"]),
        Summary = Column::optional("summary", &["内容"]),
    }
}

choice! {
    pub enum ContactKind {
        Contact = "contact" | "联系",
        Report = "report" | "汇报",
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct ContactTally {
    /// Contacts of either kind, by month of the year.
    pub by_month: [u32; 12],
    pub reports: u32,
}

#[derive(Debug, Default)]
pub struct Contacts {
    tallies: FxHashMap<MemberIdx, ContactTally>,
}

impl Contacts {
    pub fn tally(&self, member: MemberIdx) -> ContactTally {
        self.tallies.get(&member).copied().unwrap_or_default()
    }
}

impl Merge for Contacts {
    fn merge(&mut self, later: Contacts) {
        for (member, part) in later.tallies {
            let tally = self.tallies.entry(member).or_default();
            for (total, count) in tally.by_month.iter_mut().zip(part.by_month) {
                *total += count;
            }
            tally.reports += part.reports;
        }
    }
}

impl Load for Contacts {
    const COLUMNS: &'static [Column] = ContactCol::COLUMNS;

    fn new(_: &LoadContext<'_>) -> Contacts {
        Contacts::default()
    }

    fn row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>) {
        let date = row.required_date(ContactCol::Date);
        if let Some(date) = date {
            row.name_when(date, date);
        }
        let kind = row
            .choice::<ContactKind>(ContactCol::Kind)
            .unwrap_or(ContactKind::Contact);
        // A contact names a member of the roll or an incoming mobile member.
        let id = row.required_id(ContactCol::Member);
        if let Some(id) = &id {
            row.name_member(id);
        }
        let member = id.as_deref().and_then(|id| cx.members.get(id));
        if let (Some(id), None) = (&id, member)
            && !cx.incoming.contains(id)
        {
            cx.unknown_member(row, ContactCol::Member, id, None);
        }
        let (Some(date), Some(member), true) = (date, member, row.ok()) else {
            return;
        };
        if date.year() != cx.year {
            return;
        }
        let tally = self.tallies.entry(member).or_default();
        tally.by_month[date.month0() as usize] += 1;
        if kind == ContactKind::Report {
            tally.reports += 1;
        }
    }
}
