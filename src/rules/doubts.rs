//! What input errors left out of the check, indexed so that each verdict
//! finds the left-out input that could change it (SPEC §3): a finding it
//! could change is uncertain, and a subject it could add or fail is
//! unchecked. Built from the diagnostics' [`LeftOut`]s; precise to the ids
//! the left-out rows name.

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use crate::calendar::{Period, year_end, year_start};
use crate::diag::{Code, Diags, LeftOut, Location, Names, Scope};
use crate::ledger::kinds::orgs::{OrgIdx, Orgs};
use crate::ledger::{Kind, Ledger};

/// Left-out input by what it names.
#[derive(Debug, Default)]
pub struct Doubts {
    /// Kinds with a file (or the rest of one) left out: the first such
    /// place and the error's code.
    files: FxHashMap<&'static str, (Location, Code)>,
    /// Rows left out whose ids could not be read, by kind.
    blind: FxHashMap<&'static str, Vec<Location>>,
    /// Rows left out that may concern any org, by kind.
    any_org: FxHashMap<&'static str, Vec<Location>>,
    members: FxHashMap<(&'static str, String), Vec<Location>>,
    orgs: FxHashMap<(&'static str, String), Vec<Location>>,
    records: FxHashMap<(&'static str, String), Vec<Location>>,
    certificates: FxHashMap<String, Vec<Location>>,
    /// Members kept on the roll without some values (roles, leader …).
    cells: FxHashMap<String, Vec<Location>>,
    /// The days a left-out row is about, where they are known.
    when: FxHashMap<Location, (NaiveDate, NaiveDate)>,
    /// Orgs whose parent names no org of the tree (left out or mistyped),
    /// with the input that says so: their subtree's place and inherited
    /// sector are unknown.
    orphans: FxHashMap<OrgIdx, Vec<Location>>,
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
    /// The doubts of the diagnostics, for the check of `year`: a left-out
    /// row about days outside the year changes none of its verdicts.
    pub fn of(diags: &Diags, year: i32) -> Doubts {
        let mut doubts = Doubts::default();
        let (first, last) = (year_start(year), year_end(year));
        let shown = diags
            .iter()
            .filter_map(|d| Some((&d.location, d.left_out.as_ref()?, Some(d.code))));
        let silent = diags
            .silent()
            .iter()
            .map(|(at, left_out)| (at, left_out, None));
        for (location, LeftOut { kind, scope }, code) in shown.chain(silent) {
            if let Scope::Row(Names {
                when: Some((from, to)),
                ..
            }) = scope
                && (*to < first || *from > last)
            {
                continue;
            }
            let at = Location {
                column: None,
                width: None,
                ..location.clone()
            };
            match scope {
                Scope::File => {
                    let code = code.unwrap_or(Code::IoError);
                    doubts.files.entry(kind).or_insert_with(|| (at, code));
                }
                Scope::Row(names) if names.is_empty() => {
                    if let Some(when) = names.when {
                        doubts.when.insert(at.clone(), when);
                    }
                    doubts.blind.entry(kind).or_default().push(at);
                }
                Scope::Row(names) => {
                    if let Some(when) = names.when {
                        doubts.when.insert(at.clone(), when);
                    }
                    if names.any_org {
                        doubts.any_org.entry(kind).or_default().push(at.clone());
                    }
                    for member in &names.members {
                        push(&mut doubts.members, (kind, member.clone()), &at);
                    }
                    for org in &names.orgs {
                        push(&mut doubts.orgs, (kind, org.clone()), &at);
                    }
                    if let Some(record) = &names.record {
                        push(&mut doubts.records, (kind, record.clone()), &at);
                    }
                    if let Some(certificate) = &names.certificate {
                        push(&mut doubts.certificates, certificate.clone(), &at);
                    }
                }
                Scope::Cells { member, .. } => push(&mut doubts.cells, member.clone(), &at),
            }
        }
        doubts
    }

    /// Notes the orgs of `orgs` whose parent is not in the tree: the parent
    /// row's left-out input if there is any, else the org's own row.
    pub fn with_orphans(mut self, ledger: &Ledger) -> Doubts {
        for org in ledger.orgs.indices() {
            let o = ledger.orgs.org(org);
            let Some(parent) = &o.lost_parent else {
                continue;
            };
            let mut places = self.of_org(Kind::Orgs, parent);
            if places.is_empty() {
                places.push(ledger.location(o.loc));
            }
            self.orphans.insert(org, places);
        }
        self
    }

    /// The orgs whose parent is not in the tree, with why.
    pub fn orphans(&self) -> impl Iterator<Item = (OrgIdx, &Vec<Location>)> {
        self.orphans.iter().map(|(&org, places)| (org, places))
    }

    /// What is unknown about `org`'s place in the tree: an orphan above it.
    pub fn of_place(&self, orgs: &Orgs, org: OrgIdx) -> Vec<Location> {
        if self.orphans.is_empty() {
            return Vec::new();
        }
        orgs.ancestors(org)
            .filter_map(|o| self.orphans.get(&o))
            .flatten()
            .cloned()
            .collect()
    }

    /// Of `places`, those that may concern a day of `period`.
    pub fn during(&self, mut places: Vec<Location>, period: Period) -> Vec<Location> {
        let (start, end) = (period.start(), period.end());
        places.retain(|at| {
            self.when
                .get(at)
                .is_none_or(|&(from, to)| from <= end && to >= start)
        });
        places
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
            && self.orphans.is_empty()
    }

    /// The left-out rows of `kind` that name `member`, and those whose ids
    /// are unknown.
    pub fn of_member(&self, kind: Kind, member: &str) -> Vec<Location> {
        let mut found = self.blind_rows(kind);
        found.extend(self.naming_member(kind, member));
        found
    }

    /// The left-out mobile rows that hold `certificate`.
    pub fn of_certificate(&self, certificate: &str) -> &[Location] {
        self.certificates
            .get(certificate)
            .map_or(&[], Vec::as_slice)
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
        found.extend(self.any_org.get(kind.name()).into_iter().flatten().cloned());
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
        // A roll row whose id is unknown may be that member's.
        let mut found = self.of_member(Kind::Members, member);
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
