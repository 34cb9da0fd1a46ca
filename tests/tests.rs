//! One integration-test binary, split by theme.

mod util;
mod workbook;

mod bad_input;
mod baseline;
mod calendar;
mod cli;
mod columns;
mod demo;
mod faults;
mod fmt;
mod formats;
mod fuzz_regressions;
mod init;
mod language;
mod merge;
mod parts;
mod progress;
mod properties;
mod render;
mod report;
mod report_page;
mod rules;
mod shell;
mod watch;
mod xlsx;
