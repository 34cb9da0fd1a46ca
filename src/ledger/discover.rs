//! Which files hold which kind: `KIND.csv`, `KIND.toml`, `KIND.xlsx`, every
//! `.csv` / `.toml` / workbook below a `KIND/` directory, in sorted path
//! order, and the sheets named after kinds of any workbook in the ledger's
//! directory (`sheets.rs` says which sheet holds which kind). Symbolic links
//! are followed, but no directory or file is read twice, and a link back to
//! a directory being walked is reported as a loop, so every walk ends. The
//! example ledger `示例/` and the guide `填写说明.md` that `init` writes at
//! the root are skipped, like taizhang.toml: never data, never reported.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::Kind;
use crate::diag::{Code, Diagnostic, Diags, Location, Scope};
use crate::t;

pub const POLICY_FILE: &str = "taizhang.toml";

/// The baseline `check --write-baseline` may keep at the ledger's root:
/// known, and never read as a ledger file.
pub const BASELINE_FILE: &str = "taizhang.baseline.json";

/// The example ledger `taizhang init` writes inside a new ledger: a small
/// ledger of its own (`taizhang check 示例`), never read as the ledger's data
/// and not reported, even under `--strict`.
pub const EXAMPLE_DIR: &str = "示例";

/// The filling-in guide `taizhang init` writes: known, and never read.
pub const GUIDE_FILE: &str = "填写说明.md";

/// A file of a kind: a CSV or TOML file, or a sheet of a workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Relative to the ledger.
    pub path: PathBuf,
    /// The sheet of a workbook (`None`: the first visible one).
    pub sheet: Option<String>,
}

impl Source {
    fn file(path: PathBuf) -> Source {
        Source { path, sheet: None }
    }

    /// The file as messages name it: `members.csv`, `台账.xlsx[成员]`.
    pub fn shown(&self) -> String {
        match &self.sheet {
            Some(sheet) => crate::diag::sheet_file(&display(&self.path), sheet),
            None => display(&self.path),
        }
    }
}

#[derive(Debug, Default)]
pub struct Discovered {
    /// Each present kind with its files, relative to the ledger, in read order.
    pub files: BTreeMap<Kind, Vec<Source>>,
    /// Files that belong to no kind, for `--strict` (note texts are exempted later).
    pub unknown: Vec<PathBuf>,
}

pub fn discover(root: &Path, diags: &mut Diags) -> Discovered {
    let mut found = Discovered::default();
    let lang = diags.lang;
    let mut walker = Walker {
        root,
        ancestors: identity(root).into_iter().collect(),
        seen: FxHashMap::default(),
        in_kind: true,
        kind: None,
        diags,
    };
    let mut other_dirs = Vec::new();
    for (name, relative) in walker.read_sorted(Path::new("")) {
        let path = root.join(&relative);
        if is_hidden(&name) {
            continue;
        }
        let is_dir = path.is_dir();
        if (is_dir && name == EXAMPLE_DIR) || (!is_dir && name == GUIDE_FILE) {
            continue;
        }
        let stem_kind = Path::new(&name)
            .file_stem()
            .and_then(|stem| stem.to_str())
            .and_then(Kind::from_name);
        if is_dir {
            match Kind::from_name(&name) {
                Some(kind) => {
                    let mut files = Vec::new();
                    walker.kind = Some(kind);
                    walker.walk(&relative, &mut files, &mut found.unknown);
                    walker.kind = None;
                    for file in files {
                        walker.add(&mut found, file, Some(kind));
                    }
                }
                None => other_dirs.push(relative),
            }
        } else if name == POLICY_FILE || name == BASELINE_FILE {
            continue;
        } else if let (Some(kind), true) = (stem_kind, is_data_file(&name)) {
            let dangling = fs::metadata(&path)
                .is_err_and(|error| error.kind() == std::io::ErrorKind::NotFound);
            if dangling {
                walker.diags.push(
                    Diagnostic::error(
                        Code::IoError,
                        t!(
                            lang,
                            "符号链接指向不存在的文件",
                            "a symbolic link points at nothing"
                        ),
                    )
                    .at(Location::file(display(&relative)))
                    .leaves_out(kind.name(), Scope::File),
                );
            } else if walker.first_time(&relative) {
                walker.add(&mut found, relative, Some(kind));
            }
        } else if is_workbook(&name) && !path.is_dir() && walker.first_time(&relative) {
            walker.add(&mut found, relative, None);
        } else {
            found.unknown.push(relative);
        }
    }
    // Other directories last, so that what a kind's links reach counts for
    // the kind; their files matter only to --strict.
    walker.in_kind = false;
    for dir in other_dirs {
        let mut files = Vec::new();
        walker.walk(&dir, &mut files, &mut found.unknown);
        found.unknown.extend(files);
    }
    // `KIND.csv` and `KIND.toml` are read before `KIND/`, each kind in path order.
    for files in found.files.values_mut() {
        files.sort_by_key(|source| (source.path.components().count() > 1, source.path.clone()));
    }
    found
}

/// `.git`, `.gitignore` and editors' files, and the lock files Excel and
/// WPS leave beside an open workbook (`~$台账.xlsx`): never ledger files.
fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$")
}

fn is_data_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".toml") || is_workbook(name)
}

fn is_workbook(name: &str) -> bool {
    crate::diag::is_workbook_name(name)
}

type Identity = (u64, u64);

struct Walker<'a> {
    root: &'a Path,
    /// The directories on the path being walked: a link back to one of them
    /// is a loop.
    ancestors: Vec<Identity>,
    /// Each directory and data file met so far, with the path it was met by:
    /// what links make reachable twice is read once.
    seen: FxHashMap<Identity, PathBuf>,
    /// Whether the walk is below a `KIND/` directory. Elsewhere a loop is
    /// only a warning and a second meeting is not reported: those files
    /// are not read.
    in_kind: bool,
    /// The kind whose `KIND/` directory is being walked: what cannot be read
    /// there is left out of that kind.
    kind: Option<Kind>,
    diags: &'a mut Diags,
}

impl Walker<'_> {
    /// Adds a data file of `kind` (of the kinds its sheets are named after,
    /// for a workbook of no kind), or notes it as of no kind.
    fn add(&mut self, found: &mut Discovered, path: PathBuf, kind: Option<Kind>) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !is_workbook(&name) {
            if let Some(kind) = kind {
                found
                    .files
                    .entry(kind)
                    .or_default()
                    .push(Source::file(path));
            }
            return;
        }
        match super::sheets::sheets(self.root, &path, kind, self.diags) {
            Some(sheets) => {
                for (kind, source) in sheets {
                    found.files.entry(kind).or_default().push(source);
                }
            }
            None => found.unknown.push(path),
        }
    }

    /// Every data file below `dir` (relative to the root), depth first in
    /// name order; other files go to `unknown`.
    fn walk(&mut self, dir: &Path, files: &mut Vec<PathBuf>, unknown: &mut Vec<PathBuf>) {
        let lang = self.diags.lang;
        let id = identity(&self.root.join(dir));
        if let Some(id) = id {
            let shown = display(dir);
            if self.ancestors.contains(&id) {
                let severity = if self.in_kind {
                    Diagnostic::error
                } else {
                    Diagnostic::warning
                };
                self.diags.push(
                    severity(
                        Code::SymlinkLoop,
                        t!(lang, "目录 {shown} 经符号链接回到了它自己的上级目录，不再进入", "the directory {shown} leads back through a symbolic link to a directory that contains it; it was not entered"),
                    )
                    .at(Location::file(shown))
                    .hint(t!(lang, "删除这个符号链接，或让它指向台账中别的目录", "remove the symbolic link, or point it at another directory of the ledger")),
                );
                return;
            }
            if !self.first_met(id, dir) {
                return;
            }
            self.ancestors.push(id);
        }
        for (name, relative) in self.read_sorted(dir) {
            if is_hidden(&name) {
                continue;
            }
            match fs::metadata(self.root.join(&relative)) {
                Ok(meta) if meta.is_dir() => self.walk(&relative, files, unknown),
                Ok(_) if is_data_file(&name) => {
                    if self.first_time(&relative) {
                        files.push(relative);
                    }
                }
                Ok(_) => unknown.push(relative),
                // Outside KIND/ an entry that cannot be read would be ignored
                // anyway: only --strict names it, as a file of no kind.
                Err(_) if !self.in_kind => unknown.push(relative),
                Err(error) => self.lost(crate::text::files::io_diagnostic(
                    &display(&relative),
                    &error,
                    lang,
                )),
            }
        }
        if id.is_some() {
            self.ancestors.pop();
        }
    }

    /// Whether the data file at `path` is met for the first time.
    fn first_time(&mut self, path: &Path) -> bool {
        match identity(&self.root.join(path)) {
            Some(id) => self.first_met(id, path),
            None => true,
        }
    }

    /// Records `id` as met by `path`; a second meeting is reported.
    fn first_met(&mut self, id: Identity, path: &Path) -> bool {
        if let Some(first) = self.seen.get(&id) {
            if !self.in_kind {
                return false;
            }
            let lang = self.diags.lang;
            let (shown, first) = (display(path), display(first));
            self.diags.push(
                Diagnostic::warning(
                    Code::LinkedTwice,
                    t!(
                        lang,
                        "{shown} 经符号链接指向已读过的 {first}，只读取一次",
                        "{shown} is {first} again, through a symbolic link; it is read once"
                    ),
                )
                .at(Location::file(shown)),
            );
            return false;
        }
        self.seen.insert(id, path.to_path_buf());
        true
    }

    /// A directory that cannot be listed: an error below `KIND/`, a warning
    /// where its files would be ignored.
    fn unreadable(&mut self, mut diagnostic: Diagnostic) {
        if !self.in_kind {
            diagnostic.level = crate::diag::Level::Warning;
        }
        self.lost(diagnostic);
    }

    /// Reports what cannot be read; below `KIND/` it is left out of the kind.
    fn lost(&mut self, diagnostic: Diagnostic) {
        self.diags.push(match self.kind {
            Some(kind) if diagnostic.is_error() => diagnostic.leaves_out(kind.name(), Scope::File),
            _ => diagnostic,
        });
    }

    fn read_sorted(&mut self, dir: &Path) -> Vec<(String, PathBuf)> {
        let lang = self.diags.lang;
        let entries = match fs::read_dir(self.root.join(dir)) {
            Ok(entries) => entries,
            Err(error) => {
                let shown = display(dir);
                self.unreadable(crate::text::files::io_diagnostic(&shown, &error, lang));
                return Vec::new();
            }
        };
        let mut list = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    list.push((name, dir.join(entry.file_name())));
                }
                Err(error) => {
                    let shown = display(dir);
                    self.unreadable(crate::text::files::io_diagnostic(&shown, &error, lang));
                }
            }
        }
        list.sort();
        list
    }
}

/// Device and inode of a file or directory, to know it when a link leads back to it.
#[cfg(unix)]
fn identity(path: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<Identity> {
    use std::hash::{Hash, Hasher};
    let canonical = fs::canonicalize(path).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut hasher);
    Some((0, hasher.finish()))
}

/// A path relative to the ledger as messages show it, with `/` separators.
pub fn display(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
