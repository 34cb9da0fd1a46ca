//! One integration-test binary, split by theme.

mod util;

mod report;
mod rules;
