//! `posts`: a rural member's post, duty and goal for a year (三定).

use rustc_hash::FxHashMap;

use super::appraisals::{first_of_year, read_year};
use super::members::MemberIdx;
use super::{Load, LoadContext};
use crate::ledger::Loc;
use crate::ledger::columns::{Column, ColumnSet, columns};
use crate::ledger::row::RowReader;

columns! {
    pub enum PostCol {
        Year = Column::required("year", &["年度"]),
        Member = Column::required("member", &["党员编号"]),
        Post = Column::optional("post", &["岗位"]),
        Duty = Column::optional("duty", &["职责"]),
        Goal = Column::optional("goal", &["目标"]),
    }
}

#[derive(Debug)]
pub struct Post {
    /// Which of post, duty and goal are empty.
    pub missing: Vec<&'static str>,
    pub loc: Loc,
}

#[derive(Debug, Default)]
pub struct Posts {
    /// The posts of the year, by member.
    pub of_year: FxHashMap<MemberIdx, Post>,
    /// Where each member's row of another year is, to find a second one.
    other_years: FxHashMap<(MemberIdx, i32), Loc>,
}

impl Load for Posts {
    const COLUMNS: &'static [Column] = PostCol::COLUMNS;

    fn new(_: &LoadContext<'_>) -> Posts {
        Posts::default()
    }

    fn row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>) {
        let (files, year) = (cx.files, cx.year);
        let post_year = read_year(row, PostCol::Year);
        let member = cx.member(row, PostCol::Member);
        let (Some(y), Some(member), true) = (post_year, member, row.ok()) else {
            return;
        };
        let first = if y == year {
            self.of_year.get(&member).map(|p| p.loc)
        } else {
            self.other_years.get(&(member, y)).copied()
        };
        if !first_of_year(row, first, y, files, PostCol::Member) {
            return;
        }
        if y != year {
            self.other_years.insert((member, y), row.loc());
        }
        if y == year {
            let missing = [PostCol::Post, PostCol::Duty, PostCol::Goal]
                .into_iter()
                .filter(|&c| !row.has(c))
                .map(|c| PostCol::COLUMNS[c.index()].name)
                .collect();
            self.of_year.insert(
                member,
                Post {
                    missing,
                    loc: row.loc(),
                },
            );
        }
    }
}
