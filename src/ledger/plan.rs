//! What the rules in force need loaded. Each rule says what it needs
//! ([`LoadPlan`] is filled by their `needs`), `commands` builds the plan
//! from the rules in force, and the loader streams and pre-totals rows as
//! the plan says: the loader never reads a setting.

use std::collections::{BTreeMap, BTreeSet};

use super::Kind;
use super::maps::ColumnMaps;
use crate::calendar::Calendar;

#[derive(Clone, Debug, Default)]
pub struct LoadPlan {
    /// Event kinds counted per org and month, and per member named.
    pub counted_events: BTreeSet<String>,
    /// Event kinds beyond the catalogue that the ledger's own rules name,
    /// so that their rows are not warned about as a kind no rule counts.
    pub known_events: BTreeSet<String>,
    /// The calendar by which a session without `days` or `hours` is
    /// counted (its working days), when some rule totals each member's
    /// study days; `None`: sessions are checked but not totalled.
    pub sessions: Option<Calendar>,
    /// The rule codes that need each column of a member's row, so that a
    /// member whose value is unreadable is said to be unchecked by them.
    pub member_columns: BTreeMap<&'static str, Vec<String>>,
    /// The headers and values taizhang.toml adds to the kinds.
    pub maps: ColumnMaps,
    /// The record kinds to read, when only some rules run (`--rule`);
    /// `None`: every kind, so that every file is checked.
    pub only: Option<BTreeSet<Kind>>,
}

impl LoadPlan {
    /// Whether the record kind is read.
    pub fn reads(&self, kind: Kind) -> bool {
        self.only.as_ref().is_none_or(|only| only.contains(&kind))
    }

    /// Records that rule `code` needs `column` of members.
    pub fn member_column(&mut self, column: &'static str, code: &str) {
        self.member_columns
            .entry(column)
            .or_default()
            .push(code.to_string());
    }
}
