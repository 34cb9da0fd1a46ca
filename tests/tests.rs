//! One integration-test binary, split by theme.

mod util;
mod workbook;

mod bad_input;
mod cli;
mod columns;
mod demo;
mod faults;
mod formats;
mod fuzz_regressions;
mod merge;
mod parts;
mod properties;
mod render;
mod report;
mod rules;
mod xlsx;
