//! Every input the fuzzer ever crashed or hung on, replayed through the
//! fuzz target's own harness (`fuzz/harness.rs`, see `fuzz/run.sh`): each
//! must now run to its end.

use std::fs;
use std::time::{Duration, Instant};

use crate::util::fixture;

#[path = "../fuzz/harness.rs"]
mod harness;

#[test]
fn every_input_the_fuzzer_crashed_on_now_loads() {
    let dir = fixture("fuzz-regressions");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz-regressions")
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    for path in &paths {
        let data = fs::read(path).unwrap();
        let started = Instant::now();
        harness::run(&data);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{} takes too long",
            path.display()
        );
    }
    assert!(!paths.is_empty(), "no fuzz regressions found");
}

/// The fuzz target's workbook seeds (selector bit 5) run to their end: a
/// sheet per kind, title rows, serial numbers, sheets of no kind.
#[test]
fn the_workbook_seeds_load() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/seeds");
    let mut count = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        if data.first().is_some_and(|selector| selector & 0x20 != 0) {
            harness::run(&data);
            count += 1;
        }
    }
    assert!(count >= 3, "{count} workbook seeds");
}
