//! One integration-test binary, split by theme.

mod util;

mod cli;
mod demo;
mod formats;
mod report;
mod rules;
