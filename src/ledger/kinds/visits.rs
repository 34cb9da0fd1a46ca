//! `visits`: the register of visitors under the first-inquiry system.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

use super::orgs::OrgIdx;
use super::{Load, LoadContext};
use crate::diag::Code;
use crate::ledger::Loc;
use crate::ledger::columns::{Column, ColumnSet, choice, columns};
use crate::ledger::row::RowReader;
use crate::t;

columns! {
    pub enum VisitCol {
        Id = Column::required("id", &["编号"]),
        Date = Column::required("date", &["来访日期"]),
        Org = Column::required("org", &["党组织", "党支部编码", "组织编码", "党组织编码"]),
        Visitor = Column::optional("visitor", &["来访人"]),
        Matter = Column::optional("matter", &["事由"]),
        ReceivedBy = Column::optional("received_by", &["接待人"]),
        Disposition = Column::optional("disposition", &["办理结果"]),
        ReferredTo = Column::optional("referred_to", &["转办单位"]),
        ClosedOn = Column::optional("closed_on", &["办结日期"]),
    }
}

choice! {
    pub enum Disposition {
        Resolved = "resolved" | "已解决",
        Explained = "explained" | "已解释",
        Referred = "referred" | "已转办",
        Pending = "pending" | "办理中",
    }
}

#[derive(Debug)]
pub struct Visit {
    pub id: String,
    pub date: NaiveDate,
    pub org: OrgIdx,
    pub has_matter: bool,
    pub has_received_by: bool,
    pub disposition: Option<Disposition>,
    pub has_referred_to: bool,
    pub closed_on: Option<NaiveDate>,
    pub loc: Loc,
}

#[derive(Debug, Default)]
pub struct Visits {
    /// The visits dated in the year.
    pub list: Vec<Visit>,
    seen: FxHashMap<String, Loc>,
}

impl Load for Visits {
    const COLUMNS: &'static [Column] = VisitCol::COLUMNS;

    fn new(_: &LoadContext<'_>) -> Visits {
        Visits::default()
    }

    fn row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>) {
        let (files, year) = (cx.files, cx.year);
        let lang = row.lang();
        let id = row.required_id(VisitCol::Id);
        if let Some(id) = &id {
            row.name_record(id);
        }
        let date = row.required_date(VisitCol::Date);
        if let Some(date) = date {
            row.name_when(date, date);
        }
        let org = cx.org(row, VisitCol::Org, true);
        let disposition = row.choice::<Disposition>(VisitCol::Disposition);
        let closed_on = row.date(VisitCol::ClosedOn);
        if let (Some(date), Some(closed)) = (date, closed_on)
            && closed < date
        {
            row.fail(
                VisitCol::ClosedOn,
                Code::BadDateRange,
                t!(
                    lang,
                    "办结日期 {closed} 早于来访日期 {date}",
                    "the closing date {closed} is before the visit on {date}"
                ),
            );
        }
        let (Some(id), Some(date), Some(org), true) = (id, date, org, row.ok()) else {
            return;
        };
        if let Some(first) = self.seen.get(&id) {
            let (file, line) = (&files[first.file as usize], first.line);
            row.fail(
                VisitCol::Id,
                Code::DuplicateId,
                t!(
                    lang,
                    "来访编号 {id} 重复，首次出现在 {file}:{line}；该行未读取",
                    "the visit id {id} is used twice, first at {file}:{line}; this row was left out"
                ),
            )
            .hint(t!(
                lang,
                "给其中一行换一个编号；如果是重复录入，删除这一行",
                "give one of the rows another id, or delete this row if it was entered twice"
            ));
            return;
        }
        self.seen.insert(id.clone(), row.loc());
        if date.year() != year {
            return;
        }
        self.list.push(Visit {
            id,
            date,
            org,
            has_matter: row.has(VisitCol::Matter),
            has_received_by: row.has(VisitCol::ReceivedBy),
            disposition,
            has_referred_to: row.has(VisitCol::ReferredTo),
            closed_on,
            loc: row.loc(),
        });
    }
}
