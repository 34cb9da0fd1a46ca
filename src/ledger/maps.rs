//! The headers and values a ledger's taizhang.toml adds to its kinds, for
//! files written by another system: `[columns.KIND]` gives a column more
//! header names, `[values.KIND.COLUMN]` maps a spelling to an enumeration
//! value. `config` reads and checks them; the loader receives them in the
//! [`super::plan::LoadPlan`] and applies them where headers (or TOML keys)
//! are matched and where cells are read, so they hold for every source.

use std::collections::BTreeMap;

use super::Kind;
use super::columns::{normalize_header, normalize_value};

/// The maps of every kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnMaps {
    kinds: BTreeMap<Kind, KindMap>,
}

/// The maps of one kind, by column index (the kind's column order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KindMap {
    /// Added headers, normalized as headers are matched, with the column.
    headers: Vec<(String, usize)>,
    /// Added spellings, normalized, with their column and value.
    values: Vec<(usize, String, String)>,
}

static EMPTY: KindMap = KindMap {
    headers: Vec::new(),
    values: Vec::new(),
};

impl ColumnMaps {
    /// The maps of `kind` (empty when taizhang.toml has none).
    pub fn kind(&self, kind: Kind) -> &KindMap {
        self.kinds.get(&kind).unwrap_or(&EMPTY)
    }

    /// Adds a header for `column` (an index into the kind's columns).
    pub fn add_header(&mut self, kind: Kind, column: usize, header: &str) {
        let map = self.kinds.entry(kind).or_default();
        let header = normalize_header(header);
        if !map
            .headers
            .iter()
            .any(|(h, c)| *c == column && *h == header)
        {
            map.headers.push((header, column));
        }
    }

    /// Adds a spelling of `value` for `column`.
    pub fn add_value(&mut self, kind: Kind, column: usize, spelling: &str, value: &str) {
        let map = self.kinds.entry(kind).or_default();
        let spelling = normalize_value(spelling);
        if map.value(column, &spelling).is_none() {
            map.values.push((column, spelling, value.to_string()));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.values().all(KindMap::is_empty)
    }
}

impl KindMap {
    pub fn is_empty(&self) -> bool {
        self.headers.is_empty() && self.values.is_empty()
    }

    /// The column a header names by the map; the header normalized as
    /// [`normalize_header`] does, matched in any ASCII case.
    pub fn column_of(&self, header: &str) -> Option<usize> {
        self.headers
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(header))
            .map(|&(_, column)| column)
    }

    /// The headers the map adds for `column`, in the order given.
    pub fn headers(&self, column: usize) -> impl Iterator<Item = &str> {
        self.headers
            .iter()
            .filter(move |(_, c)| *c == column)
            .map(|(h, _)| h.as_str())
    }

    pub fn has_values(&self) -> bool {
        !self.values.is_empty()
    }

    /// The value a cell's text stands for by the map, if the map has it.
    pub fn value(&self, column: usize, text: &str) -> Option<&str> {
        if !self.values.iter().any(|(c, _, _)| *c == column) {
            return None;
        }
        let text = normalize_value(text);
        self.values
            .iter()
            .find(|(c, s, _)| *c == column && s.eq_ignore_ascii_case(&text))
            .map(|(_, _, value)| value.as_str())
    }

    /// The spellings the map adds for `column`, with their values.
    pub fn values(&self, column: usize) -> impl Iterator<Item = (&str, &str)> {
        self.values
            .iter()
            .filter(move |(c, _, _)| *c == column)
            .map(|(_, s, v)| (s.as_str(), v.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_values_are_matched_as_built_in_ones_are() {
        let mut maps = ColumnMaps::default();
        maps.add_header(Kind::Members, 0, " 学工号* ");
        maps.add_value(Kind::Events, 2, "支部委员会议", "committee_meeting");
        let members = maps.kind(Kind::Members);
        assert_eq!(members.column_of("学工号"), Some(0));
        assert_eq!(members.headers(0).collect::<Vec<_>>(), ["学工号"]);
        assert_eq!(members.column_of("党员编号"), None);
        let events = maps.kind(Kind::Events);
        assert_eq!(events.value(2, " 支部委员会议 "), Some("committee_meeting"));
        assert_eq!(events.value(1, "支部委员会议"), None);
        assert!(maps.kind(Kind::Orgs).is_empty());
        assert!(!maps.is_empty());
    }
}
