//! Which files hold which kind: `KIND.csv`, `KIND.toml`, and every `.csv` /
//! `.toml` below a `KIND/` directory, in sorted path order. Symbolic links
//! are followed, but a directory is never entered twice, so a link loop ends.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use super::Kind;
use crate::diag::{Code, Diagnostic, Diags, Location};
use crate::t;

pub const POLICY_FILE: &str = "taizhang.toml";

#[derive(Debug, Default)]
pub struct Discovered {
    /// Each present kind with its files, relative to the ledger, in read order.
    pub files: BTreeMap<Kind, Vec<PathBuf>>,
    /// Files that belong to no kind, for `--strict` (note texts are exempted later).
    pub unknown: Vec<PathBuf>,
}

pub fn discover(root: &Path, diags: &mut Diags) -> Discovered {
    let mut found = Discovered::default();
    let mut visited = FxHashSet::default();
    let mut entries = read_sorted(root, Path::new(""), diags);
    let lang = diags.lang;
    visited.insert(identity(root));
    for (name, relative) in entries.drain(..) {
        let path = root.join(&relative);
        if name.starts_with('.') {
            continue; // .git, .gitignore and editors' files
        }
        let is_dir = path.is_dir();
        let stem_kind = Path::new(&name)
            .file_stem()
            .and_then(|stem| stem.to_str())
            .and_then(Kind::from_name);
        if is_dir {
            match Kind::from_name(&name) {
                Some(kind) => {
                    let mut files = Vec::new();
                    walk(
                        root,
                        &relative,
                        &mut visited,
                        &mut files,
                        &mut found.unknown,
                        diags,
                    );
                    found.files.entry(kind).or_default().extend(files);
                }
                None => {
                    let mut files = Vec::new();
                    let mut unknown = Vec::new();
                    walk(
                        root,
                        &relative,
                        &mut visited,
                        &mut files,
                        &mut unknown,
                        diags,
                    );
                    found.unknown.extend(files);
                    found.unknown.extend(unknown);
                }
            }
        } else if name == POLICY_FILE {
            continue;
        } else if let (Some(kind), true) = (stem_kind, is_data_file(&name)) {
            found.files.entry(kind).or_default().push(relative);
        } else if path.exists() {
            found.unknown.push(relative);
        } else {
            diags.push(
                Diagnostic::error(
                    Code::IoError,
                    t!(
                        lang,
                        "符号链接指向不存在的文件",
                        "a symbolic link points at nothing"
                    ),
                )
                .at(Location::file(display(&relative))),
            );
        }
    }
    // `KIND.csv` and `KIND.toml` are read before `KIND/`, each kind in path order.
    for files in found.files.values_mut() {
        files.sort_by_key(|path| (path.components().count() > 1, path.clone()));
    }
    found
}

fn is_data_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".toml")
}

/// Every data file below `dir` (relative to `root`), depth first in name
/// order; other files go to `unknown`.
fn walk(
    root: &Path,
    dir: &Path,
    visited: &mut FxHashSet<Option<(u64, u64)>>,
    files: &mut Vec<PathBuf>,
    unknown: &mut Vec<PathBuf>,
    diags: &mut Diags,
) {
    let lang = diags.lang;
    let absolute = root.join(dir);
    let id = identity(&absolute);
    if id.is_some() && !visited.insert(id) {
        let shown = display(dir);
        diags.push(
            Diagnostic::error(
                Code::SymlinkLoop,
                t!(lang, "目录 {shown} 经符号链接回到了已读过的目录，不再进入", "the directory {shown} leads back through a symbolic link to a directory already read; it was not entered again"),
            )
            .at(Location::file(shown.clone())),
        );
        return;
    }
    for (name, relative) in read_sorted(root, dir, diags) {
        if name.starts_with('.') {
            continue;
        }
        let path = root.join(&relative);
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(root, &relative, visited, files, unknown, diags),
            Ok(_) if is_data_file(&name) => files.push(relative),
            Ok(_) => unknown.push(relative),
            Err(error) => diags.push(super::source::io_diagnostic(
                &display(&relative),
                &error,
                lang,
            )),
        }
    }
}

fn read_sorted(root: &Path, dir: &Path, diags: &mut Diags) -> Vec<(String, PathBuf)> {
    let lang = diags.lang;
    let entries = match fs::read_dir(root.join(dir)) {
        Ok(entries) => entries,
        Err(error) => {
            diags.push(super::source::io_diagnostic(&display(dir), &error, lang));
            return Vec::new();
        }
    };
    let mut list: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, dir.join(entry.file_name()))
        })
        .collect();
    list.sort();
    list
}

/// Device and inode of a directory, to know it when a link leads back to it.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<(u64, u64)> {
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
