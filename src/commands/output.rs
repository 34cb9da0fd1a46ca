//! Files the commands write beside the ledger (`report -o`): never inside
//! the ledger directory nor onto a file the ledger reads, symbolic links
//! followed, and written to a temporary file first, then renamed into
//! place, so that a failed write leaves the old file whole.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};
use crate::lang::Lang;
use crate::ledger::Ledger;
use crate::ledger::discover::BASELINE_FILE;
use crate::t;

/// Why `target` may not be written, if it may not: it resolves into the
/// ledger directory or onto a file the ledger reads.
pub fn refuse(target: &Path, ledger: &Ledger, lang: Lang) -> Option<Diagnostic> {
    let resolved = resolve(target)?;
    let root = fs::canonicalize(&ledger.root).ok()?;
    let reads = ledger
        .files
        .iter()
        .filter_map(|file| {
            let (file, _) = crate::diag::split_sheet_file(file);
            fs::canonicalize(ledger.root.join(file)).ok()
        })
        .any(|file| file == resolved);
    if !resolved.starts_with(&root) && !reads {
        return None;
    }
    let shown = super::shown_path(target);
    Some(
        Diagnostic::error(
            Code::OutputInLedger,
            t!(
                lang,
                "{shown} 在台账目录中或是台账读取的文件，拒绝写入：输出绝不改动台账",
                "{shown} is inside the ledger or a file the ledger reads; it was not written: outputs never touch the ledger"
            ),
        )
        .found(shown)
        .hint(t!(
            lang,
            "把报告写到台账目录之外，例如 -o ../台账报告.html",
            "write the report outside the ledger directory, e.g. -o ../report.html"
        )),
    )
}

/// Why `target` may not take `check --write-baseline`: as any output, but
/// for the one baseline the loader knows at the ledger's root
/// ([`BASELINE_FILE`]), which a repository may keep beside its records.
pub fn refuse_baseline(target: &Path, ledger: &Ledger, lang: Lang) -> Option<Diagnostic> {
    let known = fs::canonicalize(&ledger.root)
        .ok()
        .map(|root| root.join(BASELINE_FILE));
    if known.is_some() && resolve(target) == known {
        return None;
    }
    let refusal = refuse(target, ledger, lang)?;
    Some(refusal.hint(t!(
        lang,
        "基线可以写在台账目录之外，或写成台账根目录下的 {BASELINE_FILE}（台账不读取它）",
        "write the baseline outside the ledger directory, or as {BASELINE_FILE} at the ledger's root (the ledger does not read it)"
    )))
}

/// Why `target` may not be written by `report --merge`: it resolves onto
/// one of the reports merged.
pub fn refuse_input(target: &Path, inputs: &[PathBuf], lang: Lang) -> Option<Diagnostic> {
    let resolved = resolve(target)?;
    let input = inputs
        .iter()
        .find(|input| fs::canonicalize(input).is_ok_and(|input| input == resolved))?;
    let (shown, input) = (super::shown_path(target), super::shown_path(input));
    Some(
        Diagnostic::error(
            Code::OutputInLedger,
            t!(
                lang,
                "{shown} 就是要合并的报告 {input}，拒绝写入",
                "{shown} is {input}, one of the reports merged; it was not written"
            ),
        )
        .found(shown)
        .hint(t!(
            lang,
            "把合并报告写到另一个文件，例如 -o 全市汇总.json",
            "write the merged report to another file, e.g. -o city.json"
        )),
    )
}

/// The path `target` names once symbolic links are followed: the file
/// itself when it exists, else its directory's resolved path and its name.
fn resolve(target: &Path) -> Option<PathBuf> {
    if let Ok(path) = fs::canonicalize(target) {
        return Some(path);
    }
    let name = target.file_name()?;
    let parent = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(parent).ok()?.join(name))
}

/// Writes `bytes` to `target` through a temporary file beside it.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let parent = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let temporary = parent.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}
