//! `check --watch`: the check again whenever a file of the ledger changes,
//! for a clerk who keeps a terminal open while editing in Excel. The
//! ledger directory is watched recursively (not each file), so that an
//! editor that saves by writing a new file and renaming it over the old
//! one, or by deleting and creating it, is seen like any other save; the
//! events of one save are debounced into one run. Hidden files (`.git`,
//! the temporary files of atomic writes), the lock files Excel and WPS
//! leave (`~$…`) and taizhang.baseline.json never start a run.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use notify::{EventKind, RecursiveMode, event::ModifyKind};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, new_debouncer};

use crate::cli::CheckArgs;
use crate::lang::Lang;
use crate::ledger::discover::BASELINE_FILE;
use crate::{Exit, t};

/// How long the events of one save are gathered before the check runs.
const SETTLE: Duration = Duration::from_millis(400);

pub fn run(
    args: &CheckArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let shown = super::shown_path(&args.ledger.dir);
    let root = args
        .ledger
        .dir
        .canonicalize()
        .with_context(|| t!(lang, "无法监视 {shown}", "cannot watch {shown}"))?;
    let root = root.as_path();
    let (sender, events) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(SETTLE, None, sender)
        .with_context(|| t!(lang, "无法监视文件变化", "cannot watch for changes"))?;
    debouncer
        .watch(root, RecursiveMode::Recursive)
        .with_context(|| t!(lang, "无法监视 {shown}", "cannot watch {shown}"))?;
    let clear = std::io::stdout().is_terminal();
    for round in 1.. {
        if clear {
            // Clear the screen and go home, as `watch` does.
            write!(out, "\x1b[2J\x1b[H")?;
        }
        let time = chrono::Local::now().format("%H:%M:%S");
        writeln!(
            out,
            "{}",
            t!(
                lang,
                "—— {time} 检查 {shown}（第 {round} 次）——",
                "—— {time} check of {shown} (run {round}) ——"
            )
        )?;
        super::check::once(args, lang, out, err)?;
        writeln!(
            out,
            "{}",
            t!(
                lang,
                "正在监视 {shown}：文件保存后自动重新检查（Ctrl-C 退出）",
                "watching {shown}: the check runs again when a file is saved (Ctrl-C to stop)"
            )
        )?;
        out.flush()?;
        err.flush()?;
        wait_for_change(root, &events, lang, err)?;
    }
    Ok(Exit::Clean)
}

/// Blocks until a file of the ledger (at `root`, resolved) changes.
fn wait_for_change(
    root: &Path,
    events: &mpsc::Receiver<DebounceEventResult>,
    lang: Lang,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    loop {
        let result = events
            .recv()
            .with_context(|| t!(lang, "文件监视已停止", "watching has stopped"))?;
        match result {
            Ok(batch) if batch.iter().any(|event| matters(root, event)) => return Ok(()),
            Ok(_) => {}
            Err(errors) => {
                for error in errors {
                    writeln!(
                        err,
                        "{}",
                        t!(lang, "监视文件时出错：{error}", "while watching: {error}")
                    )?;
                }
            }
        }
    }
}

/// Whether an event is a change to a file the check may read.
fn matters(root: &Path, event: &DebouncedEvent) -> bool {
    let changes = match event.kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Other => false,
    };
    changes && event.paths.iter().any(|path| is_ledger_path(root, path))
}

/// A path below the ledger none of whose parts is hidden or a lock file,
/// and not the baseline the check may write itself.
fn is_ledger_path(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = relative.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') && name != "." && name != ".." || name.starts_with("~$")
    });
    !hidden && relative != Path::new(BASELINE_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ledger_files_matter() {
        let root = Path::new("/ledger");
        for path in [
            "/ledger/members.csv",
            "/ledger/events/b1.csv",
            "/ledger/笔记/1.txt",
        ] {
            assert!(is_ledger_path(root, Path::new(path)), "{path}");
        }
        for path in [
            "/ledger/.git/index",
            "/ledger/.members.csv.123.tmp",
            "/ledger/~$members.xlsx",
            "/ledger/taizhang.baseline.json",
        ] {
            assert!(!is_ledger_path(root, Path::new(path)), "{path}");
        }
    }
}
