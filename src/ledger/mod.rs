//! Loading a ledger directory: files → typed records that keep their
//! location. Small kinds are kept as records; the large ones (education,
//! notes, contacts, events) are folded into per-member or per-org totals of
//! the year as their rows stream by, so memory grows with members, not rows.

pub mod columns;
pub mod discover;
pub mod ids;
pub mod kinds;
pub mod maps;
pub mod plan;
mod read;
pub mod row;
mod sheets;
pub mod source;
pub mod sums;
pub mod vocabulary;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diag::{Code, Diagnostic, Diags, Location};
use crate::t;
pub use kinds::Kind;
use kinds::members::Members;
use kinds::mobile::Mobile;
use kinds::notes::Notes;
use kinds::orgs::{Orgs, OrgsLoader};
use kinds::{Load, LoadContext, Records};
use plan::LoadPlan;
use read::KindReader;

/// A row's place: the file (an index into [`Ledger::files`]) and the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: u32,
    pub line: u32,
}

impl Loc {
    pub fn location(&self, files: &[String]) -> Location {
        match files.get(self.file as usize) {
            Some(file) => Location::in_file(file, Some(self.line)),
            None => Location {
                line: Some(self.line),
                ..Location::default()
            },
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct LoadOptions<'a> {
    pub year: i32,
    pub strict: bool,
    /// Whether diagnostics may show phone and ID numbers unmasked.
    pub show_personal: bool,
    /// A large file is read in parts of at least this many bytes, in
    /// parallel ([`PART_BYTES`]; `u64::MAX`: never in parts).
    pub part_bytes: u64,
    /// Where to count the bytes read, for a progress bar.
    pub progress: Option<&'a Progress>,
}

/// How much of the ledger has been read, for a progress bar: the bytes of
/// the files to read, and of those read so far (a little more than all
/// when a file is read again).
#[derive(Debug, Default)]
pub struct Progress {
    pub total: AtomicU64,
    pub read: AtomicU64,
}

impl Progress {
    pub fn add(&self, bytes: u64) {
        self.read.fetch_add(bytes, Ordering::Relaxed);
    }
}

/// Parts smaller than this are not worth a thread.
pub const PART_BYTES: u64 = 8 << 20;

/// A loaded ledger, for one year.
#[derive(Debug)]
pub struct Ledger {
    pub root: PathBuf,
    pub year: i32,
    /// Paths of the files of every kind, relative to the root, by [`Loc::file`].
    pub files: Vec<String>,
    present: FxHashSet<Kind>,
    /// The rows read of each kind, whether kept or left out.
    pub rows: FxHashMap<Kind, u64>,
    pub orgs: Orgs,
    pub members: Members,
    pub mobile: Mobile,
    /// The record kinds (education, notes, events …), by kind.
    pub records: Records,
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

pub fn load(root: &Path, plan: &LoadPlan, options: LoadOptions<'_>, diags: &mut Diags) -> Ledger {
    let lang = diags.lang;
    let found = discover::discover(root, diags);
    let year = options.year;
    for &kind in Kind::ALL {
        if found.files.contains_key(&kind) {
            continue;
        }
        let (name, title) = (kind.name(), kind.title(lang));
        if kind.is_required() {
            diags.push(
                Diagnostic::error(Code::MissingKind, t!(lang, "缺少必需的{title}台账（{name}.csv、{name}.toml 或 {name}/ 目录）", "the required ledger {name} is missing ({name}.csv, {name}.toml or the directory {name}/)"))
                    .at(Location::file(format!("{name}.csv")))
                    .hint(t!(lang, "可用 taizhang init 生成带表头的模板", "taizhang init writes templates with the headers")),
            );
        } else if options.strict {
            diags.push(
                Diagnostic::error(
                    Code::MissingKind,
                    t!(
                        lang,
                        "缺少{title}台账（{name}.csv、{name}.toml 或 {name}/ 目录；--strict）",
                        "the ledger {name} is missing (--strict)"
                    ),
                )
                .at(Location::file(format!("{name}.csv"))),
            );
        }
    }
    // Every file has its number before any is read, so that a row may
    // point at a row of another file in its messages.
    let files: Vec<(Kind, discover::Source, String)> = found
        .files
        .iter()
        .flat_map(|(&kind, paths)| paths.iter().map(move |path| (kind, path.clone())))
        .map(|(kind, source)| {
            let shown = source.shown();
            (kind, source, shown)
        })
        .collect();
    let shown: Vec<String> = files.iter().map(|(_, _, shown)| shown.clone()).collect();
    let sheets = files.iter().filter(|(_, source, _)| source.sheet.is_some());
    let workbooks = source::xlsx::Workbooks::new(sheets.map(|(_, s, _)| root.join(&s.path)));
    let mut sizes: FxHashMap<Kind, u64> = FxHashMap::default();
    // A workbook with several sheets to read counts once.
    let mut counted = FxHashSet::default();
    for (kind, source, _) in &files {
        let path = &source.path;
        let size = if counted.insert(path) {
            std::fs::metadata(root.join(path)).map_or(0, |m| m.len())
        } else {
            0
        };
        *sizes.entry(*kind).or_default() += size;
    }
    if let Some(progress) = options.progress {
        let to_read = sizes
            .iter()
            .filter(|(kind, _)| !kind.is_record() || plan.reads(**kind))
            .map(|(_, size)| size)
            .sum();
        progress.total.store(to_read, Ordering::Relaxed);
    }
    let reader = KindReader {
        root,
        files: &files,
        strict: options.strict,
        mask: !options.show_personal,
        maps: &plan.maps,
        workbooks: &workbooks,
        lang,
        part_bytes: options.part_bytes,
        progress: options.progress,
    };
    let mut rows = FxHashMap::default();

    let mut orgs = OrgsLoader::default();
    let count = reader.read(Kind::Orgs, diags, &mut |row| orgs.row(row, &shown));
    rows.insert(Kind::Orgs, count);
    let org_left_out = std::mem::take(&mut orgs.left_out);
    let orgs = orgs.finish(diags, &shown);

    // A roll's row is 60 to 100 bytes: sized for that, the roll need not grow.
    let roll_rows = (sizes.get(&Kind::Members).copied().unwrap_or(0) / 64) as usize;
    let part_rows = roll_rows / read::parts_per_file();
    let on_row = |members: &mut Members, row: &mut row::RowReader<'_, '_>| {
        members.row(row, &orgs, &org_left_out, &shown, plan)
    };
    let new = || Members::part_with_capacity(part_rows);
    let (members, count) = match reader.roll_in_parts(&new, &on_row, diags) {
        Some(read) => read,
        None => {
            let mut members = Members::with_capacity(roll_rows);
            let count = reader.read(Kind::Members, diags, &mut |row| on_row(&mut members, row));
            (members, count)
        }
    };
    rows.insert(Kind::Members, count);

    let no_incoming = FxHashSet::default();
    let mut cx = LoadContext {
        orgs: &orgs,
        members: &members,
        org_left_out: &org_left_out,
        incoming: &no_incoming,
        root,
        year,
        files: &shown,
        plan,
    };
    let mut mobile = Mobile::new(&cx);
    let count = reader.read(Kind::Mobile, diags, &mut |row| mobile.row(row, &cx));
    rows.insert(Kind::Mobile, count);
    cx.incoming = &mobile.incoming_ids;

    let bytes = |kind: Kind| sizes.get(&kind).copied().unwrap_or(0);
    let (records, read) = Records::load(&cx, &bytes, &reader);
    for (kind, count, kind_diags) in read {
        rows.insert(kind, count);
        diags.extend(kind_diags);
    }
    report_unknown_files(root, &found.unknown, &records.notes, options.strict, diags);
    Ledger {
        root: root.to_path_buf(),
        year,
        files: shown,
        present: found.files.keys().copied().collect(),
        rows,
        orgs,
        members,
        mobile,
        records,
    }
}

/// Files of no kind: one that looks meant for a kind (another case,
/// extension or wording of its name) is a warning that says how to have it
/// read; under `--strict` every file of no kind but the note texts is an
/// error.
fn report_unknown_files(
    root: &Path,
    unknown: &[PathBuf],
    notes: &Notes,
    strict: bool,
    diags: &mut Diags,
) {
    let lang = diags.lang;
    let mut told: FxHashSet<String> = FxHashSet::default();
    for path in unknown {
        let is_note = root
            .join(path)
            .canonicalize()
            .is_ok_and(|p| notes.files.contains(&p));
        if is_note {
            continue;
        }
        let top = path
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (name, kind) = match (looks_like(&top), looks_like(&file_name)) {
            (Some(kind), _) => (top.clone(), Some(kind)),
            (None, Some(kind)) => (discover::display(path), Some(kind)),
            (None, None) => (discover::display(path), None),
        };
        let shown = discover::display(path);
        let hint = kind.map(|kind| misnamed_hint(&name, kind, lang));
        if strict {
            let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.title(lang)).collect();
            let mut diagnostic = Diagnostic::error(
                Code::UnknownFile,
                t!(
                    lang,
                    "{shown} 不属于任何台账类别，也不是学习笔记引用的文件（--strict）",
                    "{shown} belongs to no ledger kind and is no note file (--strict)"
                ),
            )
            .at(Location::file(shown.clone()))
            .expected(kinds.join(lang.pick("、", ", ")));
            if let Some(hint) = hint {
                diagnostic = diagnostic.hint(hint);
            }
            diags.push(diagnostic);
        } else if let (Some(kind), Some(hint)) = (kind, hint) {
            if !told.insert(name.clone()) {
                continue;
            }
            let (kind, title) = (kind.name(), kind.title(lang));
            diags.push(
                Diagnostic::warning(
                    Code::MisnamedFile,
                    t!(
                        lang,
                        "{name} 看起来是{title}台账，但没有读取",
                        "{name} looks like the {kind} ledger but was not read"
                    ),
                )
                .at(Location::file(name.clone()))
                .hint(hint),
            );
        }
    }
}

/// Whether a file or directory name looks meant for a kind: only names of
/// files a clerk keeps records in (spreadsheets and text) and directories.
fn looks_like(name: &str) -> Option<Kind> {
    let lower = name.to_lowercase();
    let extension = lower.rsplit_once('.').map(|(_, ext)| ext);
    let records = matches!(
        extension,
        None | Some("csv" | "tsv" | "txt" | "toml" | "xlsx" | "xls" | "xlsm" | "ods" | "et")
    );
    if records {
        Kind::looks_like(name)
    } else {
        None
    }
}

/// What to do so that `name` is read as `kind`.
fn misnamed_hint(name: &str, kind: Kind, lang: crate::lang::Lang) -> String {
    let english = kind.name();
    let chinese = kind.chinese_names()[0];
    let lower = name.to_lowercase();
    if lower.ends_with(".et") {
        return t!(
            lang,
            "WPS 的 .et 格式不能直接读取：在 WPS 中另存为“Excel 工作簿（*.xlsx）”，命名为 {english}.xlsx 或 {chinese}.xlsx",
            "WPS's .et format is not read: save it from WPS as an \"Excel Workbook (*.xlsx)\" named {english}.xlsx or {chinese}.xlsx"
        );
    }
    if let Some((_, extension)) = lower
        .rsplit_once('.')
        .filter(|_| crate::diag::is_workbook_name(&lower))
    {
        return t!(
            lang,
            "改名为 {english}.{extension} 或 {chinese}.{extension}，或把其中的工作表改名为“{chinese}”",
            "rename it to {english}.{extension} or {chinese}.{extension}, or rename its sheet to {chinese}"
        );
    }
    t!(
        lang,
        "改名为 {english}.csv（或 .toml）或 {chinese}.csv，或放进 {english}/ 目录；文件名须与类别名完全一致（英文用小写）",
        "rename it to {english}.csv (or .toml) or {chinese}.csv, or put it in the directory {english}/; the name must be the kind's exactly (in lower case)"
    )
}
