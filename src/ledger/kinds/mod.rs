//! One module per ledger kind: its columns, its record type, and how its
//! rows are read (and, for the large kinds, folded into per-member totals as
//! they stream by).

pub mod appraisals;
pub mod contacts;
pub mod education;
pub mod events;
pub mod members;
pub mod mobile;
pub mod notes;
pub mod orgs;
pub mod posts;
pub mod research;
pub mod visits;

use rustc_hash::FxHashSet;

use crate::diag::Code;
use crate::ledger::columns::ColumnSet;
use crate::ledger::row::RowReader;
use crate::t;
use members::{MemberIdx, Members};
use orgs::{OrgIdx, Orgs};

/// Resolves member and org ids of a row against the roll and the org tree.
pub struct Refs<'a> {
    pub orgs: &'a Orgs,
    pub members: &'a Members,
    pub org_left_out: &'a FxHashSet<String>,
}

impl Refs<'_> {
    /// The member a required cell names; an unknown id leaves the row out.
    pub fn member(&self, row: &mut RowReader<'_, '_>, column: impl ColumnSet) -> Option<MemberIdx> {
        let id = row.required_id(column)?;
        let member = self.members.get(&id);
        if member.is_none() {
            self.unknown_member(row, column, &id, true);
        }
        member
    }

    /// Reports an id that is not on the roll, unless its own row was left out
    /// (that row's error already says why). `leave_out` marks the row bad.
    pub fn unknown_member(
        &self,
        row: &mut RowReader<'_, '_>,
        column: impl ColumnSet,
        id: &str,
        leave_out: bool,
    ) {
        let lang = row.lang();
        if self.members.left_out.contains(id) {
            if leave_out {
                row.fail_silently();
            }
            return;
        }
        let message = t!(
            lang,
            "党员编号 {id} 不在党员名册（members）中",
            "the member {id} is not on the roll (members)"
        );
        let failure = if leave_out {
            row.fail(column, Code::UnknownMember, message)
        } else {
            row.error(column, Code::UnknownMember, message)
        };
        failure.hint(t!(
            lang,
            "核对编号，或先在 members 中登记该党员",
            "check the id, or add the member to members first"
        ));
    }

    /// The org a cell names; an unknown id leaves the row out.
    pub fn org(
        &self,
        row: &mut RowReader<'_, '_>,
        column: impl ColumnSet,
        required: bool,
    ) -> Option<OrgIdx> {
        let id = if required {
            row.required_id(column)
        } else {
            row.id(column)
        }?;
        let org = self.orgs.get(&id);
        if org.is_none() {
            if self.org_left_out.contains(&id) {
                row.fail_silently();
            } else {
                let lang = row.lang();
                row.fail(
                    column,
                    Code::UnknownOrg,
                    t!(
                        lang,
                        "组织编号 {id} 不在组织表（orgs）中",
                        "the org {id} is not in orgs"
                    ),
                )
                .hint(t!(
                    lang,
                    "核对编号，或先在 orgs 中登记该组织",
                    "check the id, or add the org to orgs first"
                ));
            }
        }
        org
    }
}
