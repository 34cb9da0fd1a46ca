//! `members`: the roll of party members.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashSet;

use super::orgs::{OrgIdx, Orgs, Sector};
use crate::calendar::days_in_year;
use crate::diag::{Code, Scope};
use crate::ledger::Loc;
use crate::ledger::columns::{Column, ColumnSet, Personal, choice, columns};
use crate::ledger::ids::IdIndex;
use crate::ledger::plan::LoadPlan;
use crate::ledger::row::RowReader;
use crate::t;

columns! {
    pub enum MemberCol {
        Id = Column::required("id", &["党员编号"]),
        Name = Column::required("name", &["姓名", "党员姓名"]),
        Org = Column::required("org", &["所在党组织", "党支部编码", "所在党支部编码", "组织编码", "党组织编码", "所在党组织编码"]),
        Leader = Column::optional("leader", &["领导职级"]),
        Roles = Column::optional("roles", &["党内职务"]),
        Sector = Column::optional("sector", &["单位类型"]),
        Since = Column::optional("since", &["转入日期"]),
        Until = Column::optional("until", &["转出日期"]),
        Status = Column::optional("status", &["党籍状态"]),
        Phone = Column::optional("phone", &["联系电话", "手机号码", "手机号", "联系方式"]).personal(Personal::Phone),
        IdNumber = Column::optional("id_number", &["身份证号", "身份证号码", "公民身份号码", "公民身份证号码"]).personal(Personal::IdNumber),
    }
}

choice! {
    pub enum Leader {
        None = "none" | "无" | "否" | "一般党员",
        Section = "section" | "科级",
        County = "county" | "县级",
    }
}

choice! {
    pub enum Role {
        Secretary = "secretary" | "书记",
        DeputySecretary = "deputy_secretary" | "副书记",
        Committee = "committee" | "支部委员" | "支委" | "委员" | "组织委员" | "宣传委员" | "纪检委员",
        GroupLeader = "group_leader" | "党小组长" | "小组长",
    }
}

choice! {
    pub enum Status {
        Full = "full" | "正式党员" | "正式",
        Probationary = "probationary" | "预备党员" | "预备",
    }
}

pub type MemberIdx = u32;

/// At most one value per member, in a vector by member index: for the kinds
/// nearly every member has a row of (an appraisal a year). A hash map of two
/// million entries takes several times the memory, its table growing by
/// powers of two.
#[derive(Debug)]
pub struct PerMember<T> {
    values: Vec<Option<T>>,
}

impl<T> Default for PerMember<T> {
    fn default() -> Self {
        PerMember { values: Vec::new() }
    }
}

impl<T> PerMember<T> {
    pub fn new(members: usize) -> Self {
        let mut values = Vec::new();
        values.resize_with(members, || None);
        PerMember { values }
    }

    pub fn get(&self, member: &MemberIdx) -> Option<&T> {
        self.values.get(*member as usize)?.as_ref()
    }

    pub fn insert(&mut self, member: MemberIdx, value: T) {
        let at = member as usize;
        if at >= self.values.len() {
            self.values.resize_with(at + 1, || None);
        }
        self.values[at] = Some(value);
    }

    /// The values by member, in member order.
    pub fn iter(&self) -> impl Iterator<Item = (MemberIdx, &T)> {
        self.values
            .iter()
            .enumerate()
            .filter_map(|(m, value)| Some((m as MemberIdx, value.as_ref()?)))
    }
}

#[derive(Debug)]
pub struct Member {
    pub id: Box<str>,
    pub name: Box<str>,
    pub org: OrgIdx,
    pub leader: Leader,
    /// Bit `Role as u8` set for each role held.
    roles: u8,
    pub sector: Option<Sector>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub status: Status,
    pub loc: Loc,
    /// Columns whose value could not be read, by bit of `MemberCol`: the
    /// member is on the roll, but not checked by the rules that need them.
    unknown: u16,
}

impl Member {
    /// Whether the value of `column` could not be read.
    pub fn unknown(&self, column: MemberCol) -> bool {
        self.unknown & (1 << column as u16) != 0
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles & (1 << role as u8) != 0
    }

    pub fn has_roles(&self) -> bool {
        self.roles != 0
    }

    /// A member of the branch committee: a secretary is one too.
    pub fn is_committee(&self) -> bool {
        self.has_role(Role::Committee)
            || self.has_role(Role::Secretary)
            || self.has_role(Role::DeputySecretary)
    }

    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| since <= date) && self.until.is_none_or(|until| date <= until)
    }

    /// Days of `year` on which the member is on the roll. Counted by day
    /// of the year: rules ask it of every member, several times.
    pub fn active_days(&self, year: i32) -> u32 {
        let first = match self.since {
            Some(since) if since.year() > year => return 0,
            Some(since) if since.year() == year => since.ordinal(),
            _ => 1,
        };
        let last = match self.until {
            Some(until) if until.year() < year => return 0,
            Some(until) if until.year() == year => until.ordinal(),
            _ => days_in_year(year),
        };
        (last + 1).saturating_sub(first)
    }

    pub fn is_active_in(&self, year: i32) -> bool {
        self.active_days(year) > 0
    }

    pub fn is_active_all_year(&self, year: i32) -> bool {
        self.active_days(year) == days_in_year(year)
    }
}

#[derive(Debug)]
pub struct Members {
    pub list: Vec<Member>,
    index: IdIndex,
    /// False in a part of a roll read in parts: its ids are indexed, and
    /// one that comes twice found, when the parts are joined.
    indexes_rows: bool,
    /// Ids of rows left out for bad values: references to them are not
    /// reported again.
    pub left_out: FxHashSet<String>,
}

impl Default for Members {
    fn default() -> Self {
        Members::with_capacity(0)
    }
}

impl Members {
    /// A roll for about `members` rows, sized at once: growing a table of
    /// millions by doubling copies it and faults in fresh pages each time.
    pub fn with_capacity(members: usize) -> Members {
        Members {
            list: Vec::with_capacity(members),
            index: IdIndex::with_capacity(members),
            indexes_rows: true,
            left_out: FxHashSet::default(),
        }
    }

    /// A part of a roll read in parts, for about `members` rows, to be
    /// [joined](Self::join) with the others.
    pub fn part_with_capacity(members: usize) -> Members {
        Members {
            list: Vec::with_capacity(members),
            index: IdIndex::with_capacity(0),
            indexes_rows: false,
            left_out: FxHashSet::default(),
        }
    }

    pub fn get(&self, id: &str) -> Option<MemberIdx> {
        self.index.get(id)
    }

    /// The roll of the parts of a file, in order, indexed on every core;
    /// `None` when an id is in two rows: the file is then read whole, and
    /// the second row said to be a duplicate.
    pub fn join(parts: Vec<Members>) -> Option<Members> {
        let mut list = Vec::with_capacity(parts.iter().map(|part| part.list.len()).sum());
        let mut left_out = FxHashSet::default();
        let mut indexes = Vec::with_capacity(parts.len());
        for part in parts {
            list.extend(part.list);
            left_out.extend(part.left_out);
            indexes.push(part.index);
        }
        let index = IdIndex::join(indexes, |i| &list[i].id)?;
        Some(Members {
            list,
            index,
            indexes_rows: true,
            left_out,
        })
    }

    pub fn member(&self, member: MemberIdx) -> &Member {
        &self.list[member as usize]
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn indices(&self) -> impl Iterator<Item = MemberIdx> + '_ {
        0..self.list.len() as MemberIdx
    }

    /// The member's sector: their own, or their org's.
    pub fn sector(&self, member: MemberIdx, orgs: &Orgs) -> Sector {
        let m = self.member(member);
        m.sector.unwrap_or_else(|| orgs.org(m.org).sector)
    }

    pub fn row(
        &mut self,
        row: &mut RowReader<'_, '_>,
        orgs: &Orgs,
        org_left_out: &FxHashSet<String>,
        files: &[String],
        plan: &LoadPlan,
    ) {
        let lang = row.lang();
        let before = row.diagnostics_len();
        let id = row.required_id(MemberCol::Id);
        if let Some(id) = &id {
            row.name_member(id);
        }
        let name = row.required_text(MemberCol::Name);
        let org_id = row.required_id(MemberCol::Org);
        if let Some(org) = &org_id {
            row.name_org(org);
        }
        let org = org_id.as_ref().and_then(|org_id| {
            let org = orgs.get(org_id);
            if org.is_none() && !org_left_out.contains(org_id) {
                // Meant for a branch one typing slip away, whose size it
                // changes; or, when none is, for any.
                let suspects = super::one_slip_away(org_id, |c| orgs.get(c).is_some());
                if suspects.is_empty() {
                    row.name_any_org();
                }
                for suspect in &suspects {
                    row.name_org(suspect);
                }
                row.fail(
                    MemberCol::Org,
                    Code::UnknownOrg,
                    t!(
                        lang,
                        "组织编号 {org_id} 不在组织表中，该党员未读取",
                        "the org {org_id} is not in orgs; the member was left out"
                    ),
                )
                .hint(super::fix_id(
                    lang,
                    org_id,
                    &suspects,
                    super::org_hint(lang),
                ));
            }
            org
        });
        let leader = row
            .choice::<Leader>(MemberCol::Leader)
            .unwrap_or(Leader::None);
        let mut roles = 0u8;
        for (index, item) in row.list(MemberCol::Roles).iter().enumerate() {
            use crate::ledger::columns::Choice;
            match Role::parse(item) {
                Some(role) => roles |= 1 << role as u8,
                None => {
                    let failure = row
                        .fail_item(
                            MemberCol::Roles,
                            index,
                            Code::BadValue,
                            t!(
                                lang,
                                "党内职务“{item}”不是可识别的职务",
                                "\"{item}\" is not a known party role"
                            ),
                        )
                        .expected(Role::spellings(lang));
                    if let Some(suggestion) = Role::suggestion(item, lang) {
                        failure.hint(suggestion);
                    }
                }
            }
        }
        let sector = row.choice::<Sector>(MemberCol::Sector);
        let since = row.date(MemberCol::Since);
        let until = row.date(MemberCol::Until);
        if let (Some(since), Some(until)) = (since, until)
            && until < since
        {
            row.fail(
                MemberCol::Until,
                Code::BadDateRange,
                t!(
                    lang,
                    "转出日期 {until} 早于转入日期 {since}",
                    "the end date {until} is before the start date {since}"
                ),
            );
        }
        let status = row
            .choice::<Status>(MemberCol::Status)
            .unwrap_or(Status::Full);
        // Personal data is checked for the clerk's sake but not kept: no rule needs it.
        if row.has(MemberCol::Phone) {
            check_phone(row, MemberCol::Phone);
        }
        row.id_number(MemberCol::IdNumber);
        let loc = row.loc();
        // A bad value the member can be checked without leaves the member
        // on the roll, unchecked only by the rules that need it.
        let forgiven = row.forgive(&KEPT_WITHOUT);
        let unknown = forgiven.iter().fold(0u16, |bits, &c| bits | 1 << c as u16);
        let forgiven: Vec<&'static str> = forgiven
            .iter()
            .map(|c| MemberCol::COLUMNS[c.index()].name)
            .collect();
        let (Some(id), Some(name), Some(org), true) = (id, name, org, row.ok()) else {
            if let Some(id) = row.id(MemberCol::Id) {
                self.left_out.insert(id);
            }
            return;
        };
        let indexed = if self.indexes_rows {
            self.index.insert(&id, self.list.len() as MemberIdx)
        } else {
            self.index.put_in_order(&id);
            Ok(())
        };
        if let Err(first) = indexed {
            let first = self.list[first as usize].loc;
            let (file, line) = (&files[first.file as usize], first.line);
            row.fail(MemberCol::Id, Code::DuplicateId, t!(lang, "党员编号 {id} 重复，首次出现在 {file}:{line}；该行未读取", "the member id {id} is used twice, first at {file}:{line}; this row was left out"))
                .hint(t!(
                lang,
                "给其中一行换一个编号；如果是重复录入，删除这一行",
                "give one of the rows another id, or delete this row if it was entered twice"
            ));
            return;
        }
        if !forgiven.is_empty() {
            let consequence = consequence(&forgiven, plan, lang);
            row.amend_since(before, |d| {
                d.leaves_out(
                    "members",
                    Scope::Cells {
                        member: id.clone(),
                        columns: forgiven.clone(),
                    },
                )
            });
            row.say_consequence_since(before, &consequence);
        }
        self.list.push(Member {
            id: id.into_boxed_str(),
            name: name.into_boxed_str(),
            org,
            leader,
            roles,
            sector,
            since,
            until,
            status,
            loc,
            unknown,
        });
    }
}

/// The columns without which a member stays on the roll: the rules that
/// need one of them do not check the member.
const KEPT_WITHOUT: [MemberCol; 6] = [
    MemberCol::Leader,
    MemberCol::Roles,
    MemberCol::Sector,
    MemberCol::Status,
    MemberCol::Phone,
    MemberCol::IdNumber,
];

/// What keeping a member without `columns` means: the rules in force that
/// need them do not check the member.
fn consequence(columns: &[&'static str], plan: &LoadPlan, lang: crate::lang::Lang) -> String {
    let mut codes: Vec<&str> = columns
        .iter()
        .filter_map(|column| plan.member_columns.get(column))
        .flatten()
        .map(String::as_str)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    if codes.is_empty() {
        return t!(
            lang,
            "该党员仍在名册中，其他检查不受影响",
            "the member stays on the roll; no rule needs this value"
        );
    }
    let codes = codes.join(lang.pick("、", ", "));
    t!(
        lang,
        "该党员仍在名册中，但不参加 {codes} 的检查",
        "the member stays on the roll but is not checked for {codes}"
    )
}

/// A phone number: digits, with `-`, spaces or a leading `+` allowed.
pub fn check_phone<C: crate::ledger::columns::ColumnSet>(row: &mut RowReader<'_, '_>, column: C) {
    let Some(phone) = row.id(column) else { return };
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let shaped = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '+' | '(' | ')'));
    if !shaped || !(7..=15).contains(&digits) {
        let lang = row.lang();
        row.warn(
            column,
            Code::BadValue,
            t!(
                lang,
                "不像一个电话号码",
                "this does not look like a phone number"
            ),
        )
        .expected(t!(
            lang,
            "7 到 15 位数字，如 13812345678 或 0371-12345678",
            "7 to 15 digits, such as 13812345678 or 0371-12345678"
        ));
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::calendar::{year_end, year_start};

    /// The days of `year` on the roll, counted by dates.
    fn days_by_dates(since: Option<NaiveDate>, until: Option<NaiveDate>, year: i32) -> u32 {
        let first = since.map_or(year_start(year), |s| s.max(year_start(year)));
        let last = until.map_or(year_end(year), |u| u.min(year_end(year)));
        if last < first {
            0
        } else {
            (last - first).num_days() as u32 + 1
        }
    }

    #[test]
    fn active_days_are_the_days_between_the_dates_within_the_year() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let dates = [
            None,
            d(2023, 6, 30),
            d(2023, 12, 31),
            d(2024, 1, 1),
            d(2024, 2, 29),
            d(2024, 3, 1),
            d(2024, 12, 31),
            d(2025, 1, 1),
            d(2025, 7, 15),
            d(2025, 12, 31),
            d(2026, 1, 1),
        ];
        for since in dates {
            for until in dates {
                let member = Member {
                    id: "M1".into(),
                    name: "N".into(),
                    org: 0,
                    leader: Leader::None,
                    roles: 0,
                    sector: None,
                    since,
                    until,
                    status: Status::Full,
                    loc: Loc { file: 0, line: 2 },
                    unknown: 0,
                };
                for year in 2023..=2026 {
                    let days = days_by_dates(since, until, year);
                    assert_eq!(member.active_days(year), days, "{since:?} {until:?} {year}");
                    assert_eq!(member.is_active_in(year), days > 0);
                    assert_eq!(member.is_active_all_year(year), days == days_in_year(year));
                }
            }
        }
    }
}
