//! What input errors left out of the check, indexed so that each verdict
//! finds the left-out input that could change it (SPEC §3): a finding it
//! could change is uncertain, and a subject it could add or fail is
//! unchecked. Built from the diagnostics' [`LeftOut`]s; precise to the ids
//! the left-out rows name.

use rustc_hash::FxHashMap;

use crate::diag::{Code, Diagnostic, LeftOut, Location, Scope};
use crate::ledger::Kind;

/// Left-out input by what it names.
#[derive(Debug, Default)]
pub struct Doubts {
    /// Kinds with a file (or the rest of one) left out: the first such
    /// place and the error's code.
    files: FxHashMap<&'static str, (Location, Code)>,
    /// Rows left out whose ids could not be read, by kind.
    blind: FxHashMap<&'static str, Vec<Location>>,
    members: FxHashMap<(&'static str, String), Vec<Location>>,
    orgs: FxHashMap<(&'static str, String), Vec<Location>>,
    records: FxHashMap<(&'static str, String), Vec<Location>>,
    /// Members kept on the roll without some values (roles, leader …).
    cells: FxHashMap<String, Vec<Location>>,
}

/// A row left out of a kind: where it is and the ids it names.
#[derive(Clone, Debug, Default)]
pub struct Gap {
    pub at: Location,
    pub members: Vec<String>,
    pub orgs: Vec<String>,
    pub record: Option<String>,
}

impl Doubts {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Doubts {
        let mut doubts = Doubts::default();
        for diagnostic in diagnostics {
            let Some(LeftOut { kind, scope }) = &diagnostic.left_out else {
                continue;
            };
            let at = Location {
                column: None,
                width: None,
                ..diagnostic.location.clone()
            };
            match scope {
                Scope::File => {
                    doubts
                        .files
                        .entry(kind)
                        .or_insert_with(|| (at, diagnostic.code));
                }
                Scope::Row(names) if names.is_empty() => {
                    doubts.blind.entry(kind).or_default().push(at);
                }
                Scope::Row(names) => {
                    for member in &names.members {
                        push(&mut doubts.members, (kind, member.clone()), &at);
                    }
                    for org in &names.orgs {
                        push(&mut doubts.orgs, (kind, org.clone()), &at);
                    }
                    if let Some(record) = &names.record {
                        push(&mut doubts.records, (kind, record.clone()), &at);
                    }
                }
                Scope::Cells { member, .. } => push(&mut doubts.cells, member.clone(), &at),
            }
        }
        doubts
    }

    /// The first file of `kind` that could not be read, and why.
    pub fn lost_file(&self, kind: Kind) -> Option<&(Location, Code)> {
        self.files.get(kind.name())
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
            && self.blind.is_empty()
            && self.members.is_empty()
            && self.orgs.is_empty()
            && self.records.is_empty()
            && self.cells.is_empty()
    }

    /// The left-out rows of `kind` that name `member`, and those whose ids
    /// are unknown.
    pub fn of_member(&self, kind: Kind, member: &str) -> Vec<Location> {
        let mut found = self.blind_rows(kind);
        found.extend(self.naming_member(kind, member));
        found
    }

    /// The left-out rows of `kind` that name `member`.
    pub fn naming_member(&self, kind: Kind, member: &str) -> Vec<Location> {
        self.members
            .get(&(kind.name(), member.to_string()))
            .cloned()
            .unwrap_or_default()
    }

    /// The left-out rows of `kind` that name `org`, and those whose ids are
    /// unknown.
    pub fn of_org(&self, kind: Kind, org: &str) -> Vec<Location> {
        let mut found = self.blind_rows(kind);
        if let Some(list) = self.orgs.get(&(kind.name(), org.to_string())) {
            found.extend(list.iter().cloned());
        }
        found
    }

    /// The left-out rows of `kind` with the id `record`, and those whose
    /// ids are unknown.
    pub fn of_record(&self, kind: Kind, record: &str) -> Vec<Location> {
        let mut found = self.blind_rows(kind);
        if let Some(list) = self.records.get(&(kind.name(), record.to_string())) {
            found.extend(list.iter().cloned());
        }
        found
    }

    /// What is unknown about `member` as another member's mentor or
    /// liaison: their roll row or some of its values.
    pub fn of_other_member(&self, member: &str) -> Vec<Location> {
        let mut found = self.naming_member(Kind::Members, member);
        if let Some(list) = self.cells.get(member) {
            found.extend(list.iter().cloned());
        }
        found
    }

    pub fn blind_rows(&self, kind: Kind) -> Vec<Location> {
        self.blind.get(kind.name()).cloned().unwrap_or_default()
    }

    /// Every row of `kind` left out, one gap each, in file order.
    pub fn gaps(&self, kind: Kind) -> Vec<Gap> {
        let name = kind.name();
        // Each index names the rows by one kind of id; a row is one gap.
        let mut named: Vec<(&Location, &String, u8)> = Vec::new();
        for ((k, member), places) in &self.members {
            named.extend(
                places
                    .iter()
                    .filter(|_| *k == name)
                    .map(|at| (at, member, 0)),
            );
        }
        for ((k, org), places) in &self.orgs {
            named.extend(places.iter().filter(|_| *k == name).map(|at| (at, org, 1)));
        }
        for ((k, record), places) in &self.records {
            named.extend(
                places
                    .iter()
                    .filter(|_| *k == name)
                    .map(|at| (at, record, 2)),
            );
        }
        let mut by_place: FxHashMap<Location, Gap> = FxHashMap::default();
        for (at, id, which) in named {
            let entry = by_place.entry(at.clone()).or_insert_with(|| Gap {
                at: at.clone(),
                ..Gap::default()
            });
            match which {
                0 => entry.members.push(id.clone()),
                1 => entry.orgs.push(id.clone()),
                _ => entry.record = Some(id.clone()),
            }
        }
        for at in self.blind.get(name).into_iter().flatten() {
            by_place.entry(at.clone()).or_insert_with(|| Gap {
                at: at.clone(),
                ..Gap::default()
            });
        }
        let mut list: Vec<Gap> = by_place.into_values().collect();
        for gap in &mut list {
            gap.members.sort();
            gap.orgs.sort();
        }
        list.sort_by(|a, b| (&a.at.file, a.at.line).cmp(&(&b.at.file, b.at.line)));
        list
    }
}

fn push<K: std::hash::Hash + Eq>(map: &mut FxHashMap<K, Vec<Location>>, key: K, at: &Location) {
    let list = map.entry(key).or_default();
    if !list.contains(at) {
        list.push(at.clone());
    }
}

/// Locations in file and line order, each once.
pub fn sorted(mut places: Vec<Location>) -> Vec<Location> {
    places.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    places.dedup();
    places
}
