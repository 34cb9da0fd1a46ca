//! `appraisals`: each member's democratic-appraisal grade for a year.

use rustc_hash::FxHashMap;

use super::members::{MemberIdx, PerMember};
use super::{Load, LoadContext};
use crate::calendar::{year_end, year_start};
use crate::diag::Code;
use crate::ledger::Loc;
use crate::ledger::columns::{Column, ColumnSet, choice, columns};
use crate::ledger::row::RowReader;
use crate::t;

columns! {
    pub enum AppraisalCol {
        Year = Column::required("year", &["年度", "评议年度"]),
        Member = Column::required("member", &["党员编号"]),
        Grade = Column::required("grade", &["评议等次", "评议结果", "评定等次", "评议等级"]),
        Mentor = Column::optional("mentor", &["帮带人"]),
    }
}

choice! {
    pub enum Grade {
        Excellent = "excellent" | "优秀" | "优秀党员",
        Qualified = "qualified" | "合格" | "合格党员",
        BasicallyQualified = "basically_qualified" | "基本合格" | "基本合格党员",
        Unqualified = "unqualified" | "不合格" | "不合格党员",
    }
}

#[derive(Debug)]
pub struct Appraisal {
    pub grade: Grade,
    pub loc: Loc,
}

#[derive(Debug, Default)]
pub struct Appraisals {
    /// The appraisals of the year, by member: nearly every member has one.
    pub of_year: PerMember<Appraisal>,
    /// The mentors named in the year's rows: only the lower grades have one,
    /// so they are kept apart from the grades every member has.
    mentors: FxHashMap<MemberIdx, Box<str>>,
    /// Where each member's row of another year is, to find a second one.
    other_years: FxHashMap<(MemberIdx, i32), Loc>,
}

impl Appraisals {
    /// The mentor the member's appraisal of the year names.
    pub fn mentor(&self, member: MemberIdx) -> Option<&str> {
        self.mentors.get(&member).map(|m| &**m)
    }
}

impl Load for Appraisals {
    const COLUMNS: &'static [Column] = AppraisalCol::COLUMNS;

    fn new(cx: &LoadContext<'_>) -> Appraisals {
        Appraisals {
            of_year: PerMember::new(cx.members.len()),
            mentors: FxHashMap::default(),
            other_years: FxHashMap::default(),
        }
    }

    fn row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>) {
        let (files, year) = (cx.files, cx.year);
        let appraisal_year = read_year(row, AppraisalCol::Year);
        let member = cx.member(row, AppraisalCol::Member);
        let grade = row.required_choice::<Grade>(AppraisalCol::Grade);
        let mentor = row.id(AppraisalCol::Mentor);
        let (Some(y), Some(member), Some(grade), true) = (appraisal_year, member, grade, row.ok())
        else {
            return;
        };
        let first = if y == year {
            self.of_year.get(&member).map(|a| a.loc)
        } else {
            self.other_years.get(&(member, y)).copied()
        };
        if !first_of_year(row, first, y, files, AppraisalCol::Member) {
            return;
        }
        if y == year {
            self.of_year.insert(
                member,
                Appraisal {
                    grade,
                    loc: row.loc(),
                },
            );
            if let Some(mentor) = mentor {
                self.mentors.insert(member, mentor.into_boxed_str());
            }
        } else {
            self.other_years.insert((member, y), row.loc());
        }
    }
}

/// A whole year between 1949 and 2100.
pub fn read_year(row: &mut RowReader<'_, '_>, column: impl ColumnSet) -> Option<i32> {
    if !row.has(column) {
        row.required_text(column);
        return None;
    }
    let year = row.whole_number(column, 1949.0, 2100.0)? as i32;
    row.name_when(year_start(year), year_end(year));
    Some(year)
}

/// Whether this is the member's first row for the year, given where an
/// earlier one is; a second one is reported and left out.
pub fn first_of_year(
    row: &mut RowReader<'_, '_>,
    first: Option<Loc>,
    year: i32,
    files: &[String],
    column: impl ColumnSet,
) -> bool {
    if let Some(first) = first {
        let lang = row.lang();
        let (file, line) = (&files[first.file as usize], first.line);
        row.fail(
            column,
            Code::DuplicateRecord,
            t!(
                lang,
                "该党员 {year} 年度已有一行（{file}:{line}），该行未读取",
                "the member already has a row for {year} ({file}:{line}); this row was left out"
            ),
        );
        return false;
    }
    true
}
