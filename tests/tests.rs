//! One integration-test binary, split by theme.

mod util;

mod bad_input;
mod fuzz_regressions;
mod properties;
mod render;
mod rules;
