//! `check --since REV`: the baseline is the same ledger at a git revision.
//! The ledger's files at REV are read with git's plumbing (`ls-tree` and
//! one `cat-file --batch`) into a temporary directory outside the ledger,
//! and checked there for the same year, as-of, rules and org: the work
//! tree, the index and HEAD are never touched. The blobs are taken as git
//! stores them, without the attributes (`export-ignore`, filters) that
//! `git archive` would apply.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::cli::LedgerArgs;
use crate::diag::{Code, Diagnostic};
use crate::engine::Run;
use crate::lang::Lang;
use crate::report::baseline::Baseline;
use crate::t;

/// The baseline of the ledger of `args` at `revision`, checked as `run` was.
pub fn baseline(
    revision: &str,
    args: &LedgerArgs,
    codes: &[String],
    run: &Run,
    lang: Lang,
) -> Result<Baseline, Box<Diagnostic>> {
    let dir = args.dir.as_path();
    let source = format!("git:{revision}");
    let fail = |message: String| {
        Box::new(
            Diagnostic::error(Code::GitRevision, message)
                .field("--since")
                .found(revision)
                .hint(Code::GitRevision.entry().fix(lang)),
        )
    };
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|reason| {
        fail(t!(
            lang,
            "台账不在 git 仓库中，或无法运行 git：{reason}",
            "the ledger is in no git repository, or git cannot be run: {reason}"
        ))
    })?;
    let prefix = git(dir, &["rev-parse", "--show-prefix"]).map_err(&fail)?;
    let spec = format!("{revision}^{{commit}}");
    let commit = match git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    ) {
        Ok(commit) => commit,
        // Before the first commit nothing was there: every finding is new.
        Err(_)
            if revision == "HEAD"
                && git(dir, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_err() =>
        {
            return Ok(Baseline::empty(source));
        }
        Err(_) => {
            return Err(fail(t!(
                lang,
                "git 仓库中没有版本 {revision}",
                "there is no revision {revision} in the git repository"
            )));
        }
    };
    let top = PathBuf::from(top);
    let copy = tempfile::Builder::new()
        .prefix("taizhang-since-")
        .tempdir()
        .map_err(|error| fail(error.to_string()))?;
    materialize(&top, &commit, &prefix, copy.path()).map_err(|reason| {
        fail(t!(
            lang,
            "无法读取版本 {revision} 的台账：{reason}",
            "cannot read the ledger at {revision}: {reason}"
        ))
    })?;
    let old = LedgerArgs {
        dir: copy.path().to_path_buf(),
        year: Some(run.year.to_string()),
        as_of: Some(run.as_of.to_string()),
        org: args.org.clone(),
        strict: args.strict,
        show_personal: false,
    };
    // A ledger that had not that org, or not the rules asked for, had none
    // of their findings.
    match super::open(&old, lang, codes, |config, diags| {
        super::check::check_rule_codes(codes, config, diags)
    }) {
        Ok(opened) => {
            let old_run = opened.run(codes, lang);
            Ok(Baseline::of_run(source, &old_run, &opened.ledger))
        }
        Err(_) => Ok(Baseline::empty(source)),
    }
}

/// `git -C dir`. A hook runs with git's variables set relative to the
/// repository's root (`GIT_DIR=.git`): made absolute, they hold in `dir`
/// too. Pathspecs are literal.
fn git_in(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).env("GIT_LITERAL_PATHSPECS", "1");
    if let Ok(here) = std::env::current_dir() {
        for name in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_COMMON_DIR",
        ] {
            if let Some(value) = std::env::var_os(name).filter(|v| Path::new(v).is_relative()) {
                command.env(name, here.join(value));
            }
        }
    }
    command
}

/// Runs git in `dir`; its trimmed output, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = git_in(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| error.to_string())?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

/// Writes the files below `prefix` of `commit` into `into`, the prefix
/// taken off their paths.
fn materialize(top: &Path, commit: &str, prefix: &str, into: &Path) -> Result<(), String> {
    let listing = git_in(top)
        .args(["ls-tree", "-r", "-z", commit, "--"])
        .arg(if prefix.is_empty() { "." } else { prefix })
        .stdin(Stdio::null())
        .output()
        .map_err(|error| error.to_string())?;
    if !listing.status.success() {
        return Err(String::from_utf8_lossy(&listing.stderr).trim().to_string());
    }
    // `MODE SP TYPE SP OBJECT TAB PATH NUL`: blobs and links; submodules are skipped.
    let mut entries: Vec<(String, String, PathBuf)> = Vec::new();
    for entry in listing.stdout.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (Some(mode), Some("blob"), Some(object)) = (meta.next(), meta.next(), meta.next())
        else {
            continue;
        };
        let Some(relative) = path.strip_prefix(prefix) else {
            continue;
        };
        entries.push((mode.to_string(), object.to_string(), into.join(relative)));
    }
    let mut batch = git_in(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| error.to_string())?;
    let mut stdin = batch.stdin.take().ok_or("git cat-file has no input")?;
    let objects: Vec<String> = entries.iter().map(|(_, o, _)| o.clone()).collect();
    // Written from another thread, so that neither pipe fills while the other waits.
    let writer = std::thread::spawn(move || -> std::io::Result<()> {
        for object in objects {
            writeln!(stdin, "{object}")?;
        }
        Ok(())
    });
    let mut stdout = BufReader::new(batch.stdout.take().ok_or("git cat-file has no output")?);
    for (mode, _, path) in &entries {
        let mut header = String::new();
        stdout.read_line(&mut header).map_err(|e| e.to_string())?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("git cat-file: {}", header.trim()))?;
        let mut content = vec![0; size + 1];
        stdout.read_exact(&mut content).map_err(|e| e.to_string())?;
        content.truncate(size);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        write_entry(mode, path, &content).map_err(|e| e.to_string())?;
    }
    let _ = writer.join();
    batch.wait().map_err(|e| e.to_string())?;
    Ok(())
}

/// A blob as a file, or a symbolic link (mode 120000) where links exist.
fn write_entry(mode: &str, path: &Path, content: &[u8]) -> std::io::Result<()> {
    #[cfg(unix)]
    if mode == "120000" {
        use std::os::unix::ffi::OsStrExt;
        let target = std::ffi::OsStr::from_bytes(content);
        return std::os::unix::fs::symlink(target, path);
    }
    #[cfg(not(unix))]
    if mode == "120000" {
        return Ok(());
    }
    std::fs::write(path, content)
}
