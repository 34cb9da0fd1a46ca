//! `check --watch`: a save by rename and a save by delete-and-create each
//! run the check again, once; the check's own reading runs nothing.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::util::fixture;

/// Lines of the watching process until one contains `marker`.
fn until(lines: &mpsc::Receiver<String>, marker: &str) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        match lines.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => {
                let done = line.contains(marker);
                seen.push(line);
                if done {
                    return seen;
                }
            }
            Err(_) => panic!("no {marker:?} within 30 s; saw:\n{}", seen.join("\n")),
        }
    }
}

fn summary(lines: &[String]) -> &str {
    lines
        .iter()
        .find(|l| l.contains(" violations, "))
        .map(String::as_str)
        .unwrap_or_default()
}

#[test]
fn a_save_by_rename_or_by_delete_and_create_runs_the_check_again() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger");
    std::fs::create_dir(&ledger).unwrap();
    for entry in std::fs::read_dir(fixture("cli/county")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), ledger.join(entry.file_name())).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_taizhang"))
        .args([
            "check",
            ledger.to_str().unwrap(),
            "--as-of",
            "2025-12-31",
            "--watch",
            "--lang",
            "en",
        ])
        .env_remove("LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (sender, lines) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let members = ledger.join("members.csv");
    let first = until(&lines, "watching ");
    assert!(first[0].contains("(run 1)"), "{first:?}");
    assert!(summary(&first).starts_with("53 violations"), "{first:?}");
    // As an editor saves: a new file, renamed over the old one.
    let text = std::fs::read_to_string(&members).unwrap();
    let temporary = ledger.join(".members.csv.swp");
    std::fs::write(
        &temporary,
        text.replace("M3,王三,b2,none,", "M3,王三,b2,county,"),
    )
    .unwrap();
    std::fs::rename(&temporary, &members).unwrap();
    let second = until(&lines, "watching ");
    assert!(second[0].contains("(run 2)"), "{second:?}");
    assert!(summary(&second).starts_with("55 violations"), "{second:?}");
    // As another saves: the old file deleted, a new one created.
    std::fs::remove_file(&members).unwrap();
    std::fs::write(&members, &text).unwrap();
    let third = until(&lines, "watching ");
    assert!(third[0].contains("(run 3)"), "{third:?}");
    assert!(summary(&third).starts_with("53 violations"), "{third:?}");
    // Reading the ledger, and files no check reads, start nothing.
    std::fs::write(ledger.join(".editor-state"), "x").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let quiet = lines.try_recv();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(quiet.is_err(), "an extra run: {quiet:?}");
    assert!(Path::new(&members).exists());
}
