//! Loading a ledger directory: files → typed records that keep their
//! location. Small kinds are kept as records; the large ones (education,
//! notes, contacts, events) are folded into per-member or per-org totals of
//! the year as their rows stream by, so memory grows with members, not rows.

pub mod columns;
pub mod discover;
pub mod kinds;
pub mod plan;
pub mod row;
pub mod source;

use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use crate::diag::{Code, Diagnostic, Diags, Location};
use crate::t;
use columns::{Column, ColumnSet};
use kinds::Refs;
use kinds::appraisals::{AppraisalCol, Appraisals};
use kinds::contacts::{ContactCol, Contacts};
use kinds::education::{EducationCol, Study};
use kinds::events::{EventCol, Events};
use kinds::members::{MemberCol, Members};
use kinds::mobile::{Mobile, MobileCol};
use kinds::notes::{NoteCol, Notes};
use kinds::orgs::{OrgCol, Orgs, OrgsLoader};
use kinds::posts::{PostCol, Posts};
use kinds::research::{Research, ResearchCol};
use kinds::visits::{VisitCol, Visits};
use plan::LoadPlan;
use row::RowReader;
use source::{FileInfo, ReadContext, Row};

/// The kinds of ledger, in the order they are read (later kinds refer to
/// earlier ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Orgs,
    Members,
    Mobile,
    Education,
    Notes,
    Research,
    Contacts,
    Events,
    Visits,
    Appraisals,
    Posts,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Orgs,
        Kind::Members,
        Kind::Mobile,
        Kind::Education,
        Kind::Notes,
        Kind::Research,
        Kind::Contacts,
        Kind::Events,
        Kind::Visits,
        Kind::Appraisals,
        Kind::Posts,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Orgs => "orgs",
            Kind::Members => "members",
            Kind::Mobile => "mobile",
            Kind::Education => "education",
            Kind::Notes => "notes",
            Kind::Research => "research",
            Kind::Contacts => "contacts",
            Kind::Events => "events",
            Kind::Visits => "visits",
            Kind::Appraisals => "appraisals",
            Kind::Posts => "posts",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    pub fn is_required(self) -> bool {
        matches!(self, Kind::Orgs | Kind::Members)
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Orgs => OrgCol::COLUMNS,
            Kind::Members => MemberCol::COLUMNS,
            Kind::Mobile => MobileCol::COLUMNS,
            Kind::Education => EducationCol::COLUMNS,
            Kind::Notes => NoteCol::COLUMNS,
            Kind::Research => ResearchCol::COLUMNS,
            Kind::Contacts => ContactCol::COLUMNS,
            Kind::Events => EventCol::COLUMNS,
            Kind::Visits => VisitCol::COLUMNS,
            Kind::Appraisals => AppraisalCol::COLUMNS,
            Kind::Posts => PostCol::COLUMNS,
        }
    }
}

/// A row's place: the file (an index into [`Ledger::files`]) and the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: u32,
    pub line: u32,
}

impl Loc {
    pub fn location(&self, files: &[String]) -> Location {
        Location {
            file: files.get(self.file as usize).cloned(),
            line: Some(self.line),
            column: None,
            width: None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    pub year: i32,
    pub strict: bool,
    /// Whether diagnostics may show phone and ID numbers unmasked.
    pub show_personal: bool,
}

/// A loaded ledger, for one year.
#[derive(Debug)]
pub struct Ledger {
    pub root: PathBuf,
    pub year: i32,
    /// Paths of the files read, relative to the root, by [`Loc::file`].
    pub files: Vec<String>,
    present: FxHashSet<Kind>,
    pub orgs: Orgs,
    pub members: Members,
    pub mobile: Mobile,
    pub study: Study,
    pub notes: Notes,
    pub research: Research,
    pub contacts: Contacts,
    pub events: Events,
    pub visits: Visits,
    pub appraisals: Appraisals,
    pub posts: Posts,
}

impl Ledger {
    /// Whether the ledger has the kind (as a file or a directory).
    pub fn has(&self, kind: Kind) -> bool {
        self.present.contains(&kind)
    }

    pub fn location(&self, loc: Loc) -> Location {
        loc.location(&self.files)
    }
}

pub fn load(root: &Path, plan: &LoadPlan, options: LoadOptions, diags: &mut Diags) -> Ledger {
    let lang = diags.lang;
    let found = discover::discover(root, diags);
    let year = options.year;
    let mut ledger = Ledger {
        root: root.to_path_buf(),
        year,
        files: Vec::new(),
        present: found.files.keys().copied().collect(),
        orgs: Orgs::default(),
        members: Members::default(),
        mobile: Mobile::default(),
        study: Study::default(),
        notes: Notes::default(),
        research: Research::default(),
        contacts: Contacts::default(),
        events: Events::default(),
        visits: Visits::default(),
        appraisals: Appraisals::default(),
        posts: Posts::default(),
    };
    for kind in Kind::ALL {
        if found.files.contains_key(&kind) {
            continue;
        }
        let name = kind.name();
        if kind.is_required() {
            diags.push(
                Diagnostic::error(Code::MissingKind, t!(lang, "缺少必需的台账 {name}（{name}.csv、{name}.toml 或 {name}/ 目录）", "the required ledger {name} is missing ({name}.csv, {name}.toml or the directory {name}/)"))
                    .at(Location::file(format!("{name}.csv")))
                    .hint(t!(lang, "可用 taizhang init 生成带表头的模板", "taizhang init writes templates with the headers")),
            );
        } else if options.strict {
            diags.push(
                Diagnostic::error(
                    Code::MissingKind,
                    t!(
                        lang,
                        "缺少台账 {name}（--strict）",
                        "the ledger {name} is missing (--strict)"
                    ),
                )
                .at(Location::file(format!("{name}.csv"))),
            );
        }
    }
    let mut reader = KindReader {
        root,
        found: &found,
        files: Vec::new(),
        strict: options.strict,
        mask: !options.show_personal,
    };

    let mut orgs = OrgsLoader::default();
    reader.read(Kind::Orgs, diags, &mut |row, files| orgs.row(row, files));
    let org_left_out = std::mem::take(&mut orgs.left_out);
    ledger.orgs = orgs.finish(diags, &reader.files);

    let mut members = Members::default();
    reader.read(Kind::Members, diags, &mut |row, files| {
        members.row(row, &ledger.orgs, &org_left_out, files)
    });
    ledger.members = members;

    let refs = Refs {
        orgs: &ledger.orgs,
        members: &ledger.members,
        org_left_out: &org_left_out,
    };
    reader.read(Kind::Mobile, diags, &mut |row, _| {
        ledger.mobile.row(row, &refs, year)
    });

    ledger.study = Study::new(ledger.members.len(), plan.sessions.clone());
    let mut scratch = Vec::new();
    reader.read(Kind::Education, diags, &mut |row, _| {
        ledger.study.row(row, &refs, year, &mut scratch)
    });

    ledger.notes = Notes::new(ledger.members.len());
    reader.read(Kind::Notes, diags, &mut |row, _| {
        ledger.notes.row(row, &refs, root, year)
    });

    reader.read(Kind::Research, diags, &mut |row, _| {
        ledger.research.row(row, &refs, year)
    });

    let incoming = &ledger.mobile.incoming_ids;
    reader.read(Kind::Contacts, diags, &mut |row, _| {
        ledger.contacts.row(row, &refs, incoming, year)
    });

    let known_kinds: FxHashSet<String> = kinds::events::KINDS
        .iter()
        .map(|(english, _)| english.to_string())
        .chain(plan.known_events.iter().cloned())
        .chain(plan.counted_events.iter().cloned())
        .collect();
    let counted: FxHashSet<String> = plan.counted_events.iter().cloned().collect();
    reader.read(Kind::Events, diags, &mut |row, _| {
        ledger
            .events
            .row(row, &refs, &known_kinds, &counted, incoming, year)
    });

    reader.read(Kind::Visits, diags, &mut |row, files| {
        ledger.visits.row(row, &refs, files, year)
    });
    reader.read(Kind::Appraisals, diags, &mut |row, files| {
        ledger.appraisals.row(row, &refs, files, year)
    });
    reader.read(Kind::Posts, diags, &mut |row, files| {
        ledger.posts.row(row, &refs, files, year)
    });

    if options.strict {
        report_unknown_files(root, &found.unknown, &ledger.notes, diags);
    }
    ledger.files = reader.files;
    ledger
}

/// Reads every file of a kind and hands each row to the kind's loader.
struct KindReader<'a> {
    root: &'a Path,
    found: &'a discover::Discovered,
    files: Vec<String>,
    strict: bool,
    mask: bool,
}

impl KindReader<'_> {
    fn read(
        &mut self,
        kind: Kind,
        diags: &mut Diags,
        on_row: &mut dyn FnMut(&mut RowReader<'_, '_>, &[String]),
    ) {
        let Some(paths) = self.found.files.get(&kind) else {
            return;
        };
        let columns = kind.columns();
        for path in paths {
            let shown = discover::display(path);
            let mut file = FileInfo {
                id: self.files.len() as u32,
                path: shown.clone(),
                headers: Vec::new(),
            };
            self.files.push(shown);
            let files = &self.files;
            let mask = self.mask;
            let mut cx = ReadContext {
                kind: kind.name(),
                columns,
                strict: self.strict,
                mask,
                limits: source::LIMITS,
                diags,
            };
            source::read_file(
                &self.root.join(path),
                &mut file,
                &mut cx,
                &mut |row: &Row<'_>, diags: &mut Diags| {
                    let mut reader = RowReader::new(row, columns, diags, mask);
                    on_row(&mut reader, files);
                },
            );
        }
    }
}

fn report_unknown_files(root: &Path, unknown: &[PathBuf], notes: &Notes, diags: &mut Diags) {
    let lang = diags.lang;
    for path in unknown {
        let is_note = root
            .join(path)
            .canonicalize()
            .is_ok_and(|p| notes.files.contains(&p));
        if is_note {
            continue;
        }
        let shown = discover::display(path);
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        diags.push(
            Diagnostic::error(
                Code::UnknownFile,
                t!(
                    lang,
                    "{shown} 不属于任何台账类别，也不是学习笔记引用的文件（--strict）",
                    "{shown} belongs to no ledger kind and is no note file (--strict)"
                ),
            )
            .at(Location::file(shown.clone()))
            .expected(kinds.join(", ")),
        );
    }
}
