//! A progress bar on stderr while a ledger is read: only when stderr is a
//! terminal, and only once reading has taken a second, so that pipes,
//! files, JSON and a county's quick check never see it.

use std::io::IsTerminal;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::lang::Lang;
use crate::ledger::Progress;

const SHOWN_AFTER: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(100);

/// Runs `load` with a [`Progress`] to count into, drawn as a bar while it
/// runs when stderr is a terminal.
pub fn while_loading<T>(lang: Lang, load: impl FnOnce(Option<&Progress>) -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return load(None);
    }
    let progress = Progress::default();
    let (finished, wait) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let progress = &progress;
        scope.spawn(move || draw(progress, &wait, lang));
        let loaded = load(Some(progress));
        // Dropping the sender wakes the drawing thread at once.
        drop(finished);
        loaded
    })
}

fn draw(progress: &Progress, finished: &mpsc::Receiver<()>, lang: Lang) {
    let started = Instant::now();
    let mut bar: Option<ProgressBar> = None;
    while let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(TICK) {
        if started.elapsed() < SHOWN_AFTER {
            continue;
        }
        let total = progress.total.load(Ordering::Relaxed);
        let read = progress.read.load(Ordering::Relaxed).min(total);
        bar.get_or_insert_with(|| new_bar(total, lang))
            .set_position(read);
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}

fn new_bar(total: u64, lang: Lang) -> ProgressBar {
    let bar = ProgressBar::new(total);
    let template = lang.pick(
        "读取台账 [{bar:40}] {bytes}/{total_bytes}（{bytes_per_sec}）",
        "reading the ledger [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec})",
    );
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
