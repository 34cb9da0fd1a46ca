//! `mobile`: the register of members working away (流出) and of members
//! from elsewhere living here (流入).

use rustc_hash::{FxHashMap, FxHashSet};

use super::members::{MemberIdx, check_phone};
use super::orgs::OrgIdx;
use super::{Load, LoadContext};
use crate::calendar::days::DaySet;
use crate::calendar::{year_end, year_start};
use crate::diag::Code;
use crate::ledger::Loc;
use crate::ledger::columns::{Column, ColumnSet, Personal, choice, columns};
use crate::ledger::row::RowReader;
use crate::t;

columns! {
    pub enum MobileCol {
        Member = Column::required("member", &["党员编号"]),
        Direction = Column::required("direction", &["流向"]),
        Name = Column::optional("name", &["姓名", "党员姓名"]),
        LeftOn = Column::optional("left_on", &["外出时间"]),
        ReturnedOn = Column::optional("returned_on", &["返回时间"]),
        Destination = Column::optional("destination", &["流动去向"]),
        Employer = Column::optional("employer", &["从业单位"]),
        Residence = Column::optional("residence", &["居住地点"]),
        Phone = Column::optional("phone", &["联系方式", "手机号码", "手机号", "联系电话"]).personal(Personal::Phone),
        Certificate = Column::optional("certificate", &["活动证编号"]),
        Liaison = Column::optional("liaison", &["联系人"]),
        Org = Column::optional("org", &["所在党组织", "编入党组织", "所在/编入党组织"]),
        HomeOrg = Column::optional("home_org", &["流出地党组织"]),
        Occupation = Column::optional("occupation", &["职业"]),
        EducationLevel = Column::optional("education_level", &["学历"]),
        VerifiedOn = Column::optional("verified_on", &["查验日期"]),
        ArrivedOn = Column::optional("arrived_on", &["流入时间"]),
        DepartedOn = Column::optional("departed_on", &["离开时间"]),
    }
}

choice! {
    pub enum Direction {
        Out = "out" | "流出" | "外出",
        In = "in" | "流入",
    }
}

/// One absence of a member of this roll.
#[derive(Debug)]
pub struct Outgoing {
    pub member: MemberIdx,
    pub loc: Loc,
    /// The days of the year on which this row has the member away.
    pub away: DaySet,
    /// The register fields (MOB01) this row leaves empty, by column name.
    pub missing: Vec<&'static str>,
    pub certificate: Option<String>,
    pub liaison: Option<String>,
}

/// One member from elsewhere, present here for a time.
#[derive(Debug)]
pub struct Incoming {
    pub member: String,
    pub loc: Loc,
    pub present_in_year: bool,
    /// The register fields (MOB07) this row leaves empty, by column name.
    pub missing: Vec<&'static str>,
    pub org_id: Option<String>,
    pub org: Option<OrgIdx>,
}

#[derive(Debug, Default)]
pub struct Mobile {
    pub outgoing: Vec<Outgoing>,
    pub incoming: Vec<Incoming>,
    /// Each outgoing member's days away in the year, over all their rows.
    pub away: FxHashMap<MemberIdx, DaySet>,
    /// Ids of incoming members, who may be named by contacts and events.
    pub incoming_ids: FxHashSet<String>,
}

impl Mobile {
    /// The members away on at least one day of the year, by index.
    pub fn away_members(&self) -> impl Iterator<Item = (MemberIdx, &DaySet)> {
        let mut list: Vec<_> = self
            .away
            .iter()
            .filter(|(_, days)| !days.is_empty())
            .map(|(&m, d)| (m, d))
            .collect();
        list.sort_unstable_by_key(|(m, _)| *m);
        list.into_iter()
    }
}

impl Load for Mobile {
    const COLUMNS: &'static [Column] = MobileCol::COLUMNS;

    fn new(_: &LoadContext<'_>) -> Mobile {
        Mobile::default()
    }

    fn row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>) {
        let year = cx.year;
        let Some(direction) = row.required_choice::<Direction>(MobileCol::Direction) else {
            // The rest of the row cannot be read without knowing its direction.
            if let Some(id) = row.required_id(MobileCol::Member) {
                row.name_member(&id);
            }
            // Another member's certificate may be shared with this row's.
            if let Some(certificate) = row.id(MobileCol::Certificate) {
                row.name_certificate(&certificate);
            }
            return;
        };
        check_phone(row, MobileCol::Phone);
        match direction {
            Direction::Out => self.outgoing_row(row, cx, year),
            Direction::In => self.incoming_row(row, cx, year),
        }
    }
}

impl Mobile {
    fn outgoing_row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>, year: i32) {
        let lang = row.lang();
        let member = cx.member(row, MobileCol::Member);
        let left_on = row.date(MobileCol::LeftOn);
        let returned_on = row.date(MobileCol::ReturnedOn);
        if let (Some(left), Some(back)) = (left_on, returned_on)
            && back < left
        {
            row.fail(
                MobileCol::ReturnedOn,
                Code::BadDateRange,
                t!(
                    lang,
                    "返回时间 {back} 早于外出时间 {left}",
                    "the return date {back} is before the departure {left}"
                ),
            );
        }
        let missing = missing_fields(
            row,
            &[
                MobileCol::Destination,
                MobileCol::LeftOn,
                MobileCol::Employer,
                MobileCol::Residence,
                MobileCol::Phone,
            ],
        );
        let certificate = row.id(MobileCol::Certificate);
        if let Some(certificate) = &certificate {
            row.name_certificate(certificate);
        }
        let liaison = row.id(MobileCol::Liaison);
        let (Some(member), true) = (member, row.ok()) else {
            return;
        };
        // Away on every d with left_on <= d < returned_on; without left_on,
        // since before the year.
        let mut away = DaySet::default();
        let first = left_on.unwrap_or(year_start(year));
        match returned_on {
            Some(back) => {
                if let Some(last) = back.pred_opt() {
                    away.insert_range(year, first, last);
                }
            }
            None => away.insert_range(year, first, year_end(year)),
        }
        self.away.entry(member).or_default().union(&away);
        self.outgoing.push(Outgoing {
            member,
            loc: row.loc(),
            away,
            missing,
            certificate,
            liaison,
        });
    }

    fn incoming_row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>, year: i32) {
        let lang = row.lang();
        let member = row.required_id(MobileCol::Member);
        if let Some(id) = &member {
            row.name_member(id);
        }
        let arrived = row.date(MobileCol::ArrivedOn);
        let departed = row.date(MobileCol::DepartedOn);
        row.date(MobileCol::VerifiedOn);
        if let (Some(arrived), Some(departed)) = (arrived, departed)
            && departed < arrived
        {
            row.fail(
                MobileCol::DepartedOn,
                Code::BadDateRange,
                t!(
                    lang,
                    "离开时间 {departed} 早于流入时间 {arrived}",
                    "the departure {departed} is before the arrival {arrived}"
                ),
            );
        }
        let missing = missing_fields(
            row,
            &[
                MobileCol::Occupation,
                MobileCol::EducationLevel,
                MobileCol::Employer,
                MobileCol::Residence,
                MobileCol::Phone,
                MobileCol::VerifiedOn,
                MobileCol::Org,
            ],
        );
        // An org that does not exist is MOB07's finding, not an input error.
        let org_id = row.id(MobileCol::Org);
        let org = org_id.as_deref().and_then(|id| cx.orgs.get(id));
        let (Some(member), true) = (member, row.ok()) else {
            return;
        };
        let present_in_year = arrived.is_none_or(|a| a <= year_end(year))
            && departed.is_none_or(|d| d >= year_start(year));
        self.incoming_ids.insert(member.clone());
        self.incoming.push(Incoming {
            member,
            loc: row.loc(),
            present_in_year,
            missing,
            org_id,
            org,
        });
    }
}

fn missing_fields(row: &RowReader<'_, '_>, columns: &[MobileCol]) -> Vec<&'static str> {
    columns
        .iter()
        .filter(|&&column| !row.has(column))
        .map(|&column| MobileCol::COLUMNS[column.index()].name)
        .collect()
}
