//! The ledger kinds, one module each: its columns, its record type, and how
//! its rows are read (and, for the large kinds, folded into per-member
//! totals as they stream by). [`kinds!`] below is the one table of kinds:
//! adding a record kind is a module with a [`Load`] type and one line there.

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

use std::path::Path;

use rustc_hash::FxHashSet;

use crate::diag::{Code, Diags, Names, suggesting};
use crate::ledger::columns::{Column, ColumnSet};
use crate::ledger::plan::LoadPlan;
use crate::ledger::read::{KindReader, Loaded};
use crate::ledger::row::RowReader;
use crate::t;
use crate::text::suggest;
use members::{MemberIdx, Members};
use orgs::{OrgIdx, Orgs};

/// A record kind's loader: the columns of its files, a loader made before
/// the first row, and what it keeps of each row.
pub trait Load: Sized + Send {
    const COLUMNS: &'static [Column];

    fn new(cx: &LoadContext<'_>) -> Self;

    fn row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>);
}

/// A loader whose files may be read in parts, each part by a loader of its
/// own, merged in the file's order: what it keeps of a row, and what it
/// says about it, does not depend on the rows before it.
pub trait Merge: Load {
    /// Adds what `later`, the loader of the rows that follow, kept.
    fn merge(&mut self, later: Self);

    /// Whether a file with these headers may be read in parts.
    fn splits(_headers: &[Option<String>]) -> bool {
        true
    }
}

/// Reads a record kind: whole, or, marked `#[parts]`, in parts.
macro_rules! load_kind {
    (parts; $reader:expr, $kind:expr, $cx:expr, $load:ty) => {
        $reader.load_in_parts::<$load>($kind, $cx)
    };
    (; $reader:expr, $kind:expr, $cx:expr, $load:ty) => {
        $reader.load::<$load>($kind, $cx)
    };
}

/// Declares the kinds: the reference kinds, read first because every other
/// kind refers to them, each with its columns; then the record kinds, each
/// with the [`super::Ledger`] field its [`Load`] type fills.
macro_rules! kinds {
    (
        refs { $($ref_kind:ident $ref_name:literal [$($ref_zh:literal),+]: $ref_columns:ty,)+ }
        records { $($(#[$how:ident])? $kind:ident $name:literal [$($zh:literal),+] => $field:ident: $load:ty,)+ }
    ) => {
        /// The kinds of ledger, in the order they are read.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind { $($ref_kind,)+ $($kind,)+ }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$ref_kind,)+ $(Kind::$kind,)+];

            pub fn name(self) -> &'static str {
                match self { $(Kind::$ref_kind => $ref_name,)+ $(Kind::$kind => $name,)+ }
            }

            /// The Chinese names a file or directory of the kind may have.
            pub fn chinese_names(self) -> &'static [&'static str] {
                match self {
                    $(Kind::$ref_kind => &[$($ref_zh),+],)+
                    $(Kind::$kind => &[$($zh),+],)+
                }
            }

            pub fn columns(self) -> &'static [Column] {
                match self {
                    $(Kind::$ref_kind => <$ref_columns as ColumnSet>::COLUMNS,)+
                    $(Kind::$kind => <$load as Load>::COLUMNS,)+
                }
            }
        }

        /// What the record kinds hold, by kind.
        #[derive(Debug)]
        pub struct Records { $(pub $field: $load,)+ }

        impl Records {
            /// Reads every record kind, the kinds in parallel, the largest
            /// (by `bytes`) first.
            pub(crate) fn load(
                cx: &LoadContext<'_>,
                bytes: &dyn Fn(Kind) -> u64,
                reader: &KindReader<'_>,
            ) -> (Records, Vec<(Kind, u64, Diags)>) {
                $(let mut $field: Option<Loaded<$load>> = None;)+
                let mut jobs: Vec<(u64, Box<dyn FnOnce() + Send + '_>)> = vec![$(
                    (bytes(Kind::$kind), Box::new(|| {
                        $field = Some(load_kind!($($how)?; reader, Kind::$kind, cx, $load));
                    })),
                )+];
                jobs.sort_by_key(|(bytes, _)| std::cmp::Reverse(*bytes));
                rayon::scope_fifo(|scope| {
                    for (_, job) in jobs {
                        scope.spawn_fifo(move |_| job());
                    }
                });
                let mut read = Vec::new();
                let records = Records {
                    $($field: {
                        let loaded = $field.expect("every kind's job ran");
                        read.push((Kind::$kind, loaded.rows, loaded.diags));
                        loaded.loader
                    },)+
                };
                (records, read)
            }
        }
    };
}

// Each kind: its English name, the Chinese names its files may have, and
// its columns or its loader; `#[parts]`: its large files are read in parts
// (its loader is [`Merge`]).
kinds! {
    refs {
        Orgs "orgs" ["组织", "党组织"]: orgs::OrgCol,
        Members "members" ["成员", "党员", "党员名册"]: members::MemberCol,
        Mobile "mobile" ["流动党员"]: mobile::MobileCol,
    }
    records {
        #[parts] Education "education" ["学习教育", "集体教育"] => study: education::Study,
        #[parts] Notes "notes" ["学习笔记"] => notes: notes::Notes,
        #[parts] Research "research" ["调研", "下基层调研"] => research: research::Research,
        #[parts] Contacts "contacts" ["联系记录"] => contacts: contacts::Contacts,
        #[parts] Events "events" ["组织活动"] => events: events::Events,
        Visits "visits" ["来访登记"] => visits: visits::Visits,
        Appraisals "appraisals" ["民主评议"] => appraisals: appraisals::Appraisals,
        Posts "posts" ["三定"] => posts: posts::Posts,
    }
}

impl Kind {
    /// How messages name the kind: under zh its first Chinese name (the
    /// sheet `init --xlsx` names after it), under en its English name.
    pub fn title(self, lang: crate::lang::Lang) -> &'static str {
        match lang {
            crate::lang::Lang::Zh => self.chinese_names()[0],
            crate::lang::Lang::En => self.name(),
        }
    }

    /// How messages name the kind's columns `names`, in `lang`
    /// ([`Column::title`]): 居住地点、联系方式, or residence, phone.
    pub fn column_titles(self, names: &[&str], lang: crate::lang::Lang) -> String {
        let titles: Vec<&str> = names
            .iter()
            .map(|&name| {
                self.columns()
                    .iter()
                    .find(|c| c.name == name)
                    .map_or(name, |c| c.title(lang))
            })
            .collect();
        titles.join(lang.pick("、", ", "))
    }

    /// The kind a file stem or directory name is: its English name, or
    /// one of its Chinese names.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL
            .iter()
            .copied()
            .find(|kind| kind.name() == name || kind.chinese_names().contains(&name))
    }

    /// The kind a file or directory seems meant for although its name is
    /// not one of the kind's: another case (`CONTACTS.CSV`), another
    /// extension (`posts.xlsx`), or a kind's name within a longer one
    /// (`党员名册2025.csv`, `members (1).csv`).
    pub fn looks_like(name: &str) -> Option<Kind> {
        let lower = name.to_lowercase();
        let stem = lower.split('.').next().unwrap_or(&lower);
        // Longest names first, so that 流动党员 wins over 党员.
        let mut candidates: Vec<(Kind, &str)> = Kind::ALL
            .iter()
            .flat_map(|&kind| {
                std::iter::once(kind.name())
                    .chain(kind.chinese_names().iter().copied())
                    .map(move |name| (kind, name))
            })
            .collect();
        candidates.sort_by_key(|(_, name)| std::cmp::Reverse(name.chars().count()));
        candidates
            .into_iter()
            .find(|(_, name)| stem == *name || stem.contains(name))
            .map(|(kind, _)| kind)
    }

    pub fn is_required(self) -> bool {
        matches!(self, Kind::Orgs | Kind::Members)
    }

    /// A record kind (not the org tree, the roll or the mobile register,
    /// which every other kind refers to).
    pub fn is_record(self) -> bool {
        !matches!(self, Kind::Orgs | Kind::Members | Kind::Mobile)
    }
}

/// What a record kind's rows are read against: the org tree, the roll and
/// the incoming mobile members they may name, the year, the files (for
/// messages that point at another row) and the load plan.
pub struct LoadContext<'a> {
    pub orgs: &'a Orgs,
    pub members: &'a Members,
    pub org_left_out: &'a FxHashSet<String>,
    /// Ids of incoming mobile members, who may be named by contacts and events.
    pub incoming: &'a FxHashSet<String>,
    pub root: &'a Path,
    pub year: i32,
    pub files: &'a [String],
    pub plan: &'a LoadPlan,
}

impl LoadContext<'_> {
    /// The member a required cell names; an unknown id leaves the row out.
    pub fn member(&self, row: &mut RowReader<'_, '_>, column: impl ColumnSet) -> Option<MemberIdx> {
        let id = row.required_id_ref(column)?;
        row.name_member(&id);
        let member = self.members.get(&id);
        if member.is_none() {
            self.unknown_member(row, column, &id, None);
        }
        member
    }

    /// The members an unknown id may have been meant for: those whose id is
    /// one typing slip away (a character wrong, missing, extra or swapped
    /// with its neighbour). A row left out for an unknown id names them,
    /// or, when there is none, is a row whose subject is unknown.
    fn suspects(&self, row: &mut RowReader<'_, '_>, id: &str) -> Vec<String> {
        let found = one_slip_away(id, |candidate| self.members.get(candidate).is_some());
        if found.is_empty() {
            row.name_nobody();
        }
        for member in &found {
            row.name_member(member);
        }
        found
    }

    /// The orgs an unknown org id may have been meant for, as [`Self::suspects`].
    fn org_suspects(&self, row: &mut RowReader<'_, '_>, id: &str) -> Vec<String> {
        let found = one_slip_away(id, |candidate| self.orgs.get(candidate).is_some());
        if found.is_empty() {
            row.name_nobody();
        }
        for org in &found {
            row.name_org(org);
        }
        found
    }

    /// Reports an id that is not on the roll, unless its own row was left out
    /// (that row's error already says why). The id is a whole cell, whose
    /// row is then left out, or `item` (from 0) of a list cell, which alone
    /// is left out.
    pub fn unknown_member(
        &self,
        row: &mut RowReader<'_, '_>,
        column: impl ColumnSet,
        id: &str,
        item: Option<usize>,
    ) {
        let lang = row.lang();
        if self.members.left_out.contains(id) {
            if item.is_none() {
                row.fail_silently();
            }
            return;
        }
        let message = t!(
            lang,
            "党员编号 {id} 不在党员名册中",
            "the member {id} is not on the roll (members)"
        );
        let (failure, suspects) = match item {
            None => {
                let suspects = self.suspects(row, id);
                (row.fail(column, Code::UnknownMember, message), suspects)
            }
            Some(item) => {
                // Only this item is left out: it may have been meant for a
                // member one typing slip away, or for anyone.
                let suspects = one_slip_away(id, |c| self.members.get(c).is_some());
                let kind = row.kind();
                let names = Names {
                    members: suspects.clone(),
                    ..Names::default()
                };
                let failure = row
                    .error_item(column, item, Code::UnknownMember, message)
                    .leaves_out(kind, names);
                (failure, suspects)
            }
        };
        failure.hint(fix_id(
            lang,
            id,
            &suspects,
            t!(
                lang,
                "核对编号，或先在党员名册（members.csv）中登记该党员",
                "check the id, or add the member to members first"
            ),
        ));
    }

    /// Checks an org id that no rule reads (the org that ran a session): an
    /// unknown one is an error that leaves nothing out.
    pub fn note_org(&self, row: &mut RowReader<'_, '_>, column: impl ColumnSet) {
        let Some(id) = row.id(column) else { return };
        if self.orgs.get(&id).is_some() || self.org_left_out.contains(&id) {
            return;
        }
        let lang = row.lang();
        let near = one_slip_away(&id, |c| self.orgs.get(c).is_some());
        row.error(
            column,
            Code::UnknownOrg,
            t!(
                lang,
                "组织编号 {id} 不在组织表中；这一列不影响检查，该行照常计入",
                "the org {id} is not in orgs; no rule reads this column, so the row counts all the same"
            ),
        )
        .hint(fix_id(lang, &id, &near, org_hint(lang)));
    }

    /// The org a cell names; an unknown id leaves the row out.
    pub fn org(
        &self,
        row: &mut RowReader<'_, '_>,
        column: impl ColumnSet,
        required: bool,
    ) -> Option<OrgIdx> {
        let id = if required {
            row.required_id_ref(column)
        } else {
            row.id_ref(column)
        }?;
        row.name_org(&id);
        let org = self.orgs.get(&id);
        if org.is_none() {
            if self.org_left_out.contains(id.as_ref()) {
                row.fail_silently();
            } else {
                let near = self.org_suspects(row, &id);
                let lang = row.lang();
                row.fail(
                    column,
                    Code::UnknownOrg,
                    t!(
                        lang,
                        "组织编号 {id} 不在组织表中",
                        "the org {id} is not in orgs"
                    ),
                )
                .hint(fix_id(lang, &id, &near, org_hint(lang)));
            }
        }
        org
    }
}

/// What to do about an unknown org id.
pub fn org_hint(lang: crate::lang::Lang) -> String {
    t!(
        lang,
        "核对编号，或先在组织表（orgs.csv）中登记该组织",
        "check the id, or add the org to orgs first"
    )
}

/// The hint for an unknown id: "did you mean M010?" first when one id of
/// the ledger is one slip from it ([`suggest::only_one`]), then `fix`.
pub fn fix_id(lang: crate::lang::Lang, id: &str, near: &[String], fix: String) -> String {
    suggesting(lang, suggest::only_one(id, near), fix)
}

/// The ids `known` accepts that are one typing slip from `id`: one
/// character replaced, left out, added or swapped with its neighbour.
pub fn one_slip_away(id: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
    let chars: Vec<char> = id.chars().collect();
    // What ids are made of: the id's own characters, digits and letters.
    let mut alphabet: Vec<char> = ('0'..='9').chain('A'..='Z').chain('a'..='z').collect();
    alphabet.extend(chars.iter().copied());
    alphabet.sort_unstable();
    alphabet.dedup();
    let mut found = Vec::new();
    let mut consider = |candidate: Vec<char>| {
        let candidate: String = candidate.into_iter().collect();
        if candidate != id && known(&candidate) && !found.contains(&candidate) {
            found.push(candidate);
        }
    };
    for at in 0..chars.len() {
        let mut shorter = chars.clone();
        shorter.remove(at);
        consider(shorter);
        for &c in &alphabet {
            let mut replaced = chars.clone();
            replaced[at] = c;
            consider(replaced);
        }
        if at + 1 < chars.len() {
            let mut swapped = chars.clone();
            swapped.swap(at, at + 1);
            consider(swapped);
        }
    }
    for at in 0..=chars.len() {
        for &c in &alphabet {
            let mut longer = chars.clone();
            longer.insert(at, c);
            consider(longer);
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_slip_finds_the_neighbours_only() {
        let ids = ["M0001", "M0002", "M0010", "M1000"];
        let known = |c: &str| ids.contains(&c);
        assert_eq!(super::one_slip_away("M0003", known), ["M0001", "M0002"]);
        assert_eq!(super::one_slip_away("M0100", known), ["M0010", "M1000"]);
        assert_eq!(super::one_slip_away("X9999", known), Vec::<String>::new());
    }
}
