//! Bytes → text and the positions in it: decoding (UTF-8, BOM, GB18030,
//! UTF-16), line indexing, TOML read with spans, and cell text → typed
//! values. Nothing here knows what a ledger kind or a rule is.

pub mod decode;
pub mod files;
pub mod lines;
pub mod parse_errors;
pub mod suggest;
pub mod toml;
pub mod value;
