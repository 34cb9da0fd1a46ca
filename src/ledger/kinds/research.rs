//! `research`: field-research trips, kept as each member's union of dates
//! in the year.

use rustc_hash::FxHashMap;

use super::members::MemberIdx;
use super::{Load, LoadContext, Merge};
use crate::calendar::days::DaySet;
use crate::diag::Code;
use crate::ledger::columns::{Column, ColumnSet, columns};
use crate::ledger::row::RowReader;
use crate::t;

columns! {
    pub enum ResearchCol {
        Member = Column::required("member", &["党员编号"]),
        Start = Column::required("start", &["开始日期"]),
        End = Column::required("end", &["结束日期"]),
        Place = Column::optional("place", &["地点"]),
        Topic = Column::optional("topic", &["主题"]),
    }
}

#[derive(Debug, Default)]
pub struct Research {
    days: FxHashMap<MemberIdx, DaySet>,
}

impl Research {
    /// The distinct dates of the year covered by the member's trips.
    pub fn days(&self, member: MemberIdx) -> u32 {
        self.days.get(&member).map_or(0, DaySet::len)
    }
}

impl Merge for Research {
    fn merge(&mut self, later: Research) {
        for (member, days) in later.days {
            self.days.entry(member).or_default().union(&days);
        }
    }
}

impl Load for Research {
    const COLUMNS: &'static [Column] = ResearchCol::COLUMNS;

    fn new(_: &LoadContext<'_>) -> Research {
        Research::default()
    }

    fn row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>) {
        let lang = row.lang();
        let member = cx.member(row, ResearchCol::Member);
        let start = row.required_date(ResearchCol::Start);
        let end = row.required_date(ResearchCol::End);
        if let (Some(start), Some(end)) = (start, end) {
            row.name_when(start, end);
        }
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            row.fail(
                ResearchCol::End,
                Code::BadDateRange,
                t!(
                    lang,
                    "结束日期 {end} 早于开始日期 {start}",
                    "the end date {end} is before the start date {start}"
                ),
            );
        }
        let (Some(member), Some(start), Some(end), true) = (member, start, end, row.ok()) else {
            return;
        };
        self.days
            .entry(member)
            .or_default()
            .insert_range(cx.year, start, end);
    }
}
