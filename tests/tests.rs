//! One integration-test binary, split by theme.

mod util;

mod render;
mod rules;
