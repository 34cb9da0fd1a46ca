//! One integration-test binary, split by theme.

mod util;

mod bad_input;
mod properties;
mod render;
mod rules;
