//! `docs/diagnostics.md`, generated from the catalogue (`catalogue.rs`).

use super::Code;

/// `docs/diagnostics.md`: every code with what it means, an example and
/// the fix.
pub fn markdown() -> String {
    let mut text = String::from(
        "# Diagnostic codes\n\n\
         Every diagnostic taizhang gives has one of these stable codes (shown as \
         `error[CODE]` and as `code` in JSON); `taizhang explain CODE` prints an entry. \
         Generated from `src/diag/catalogue.rs`; a test keeps this page equal to it.\n\n\
         | code | meaning | 含义 | example | fix | 改正 |\n|---|---|---|---|---|---|\n",
    );
    for code in Code::ALL {
        let entry = code.entry();
        let cells = [
            format!("`{}`", entry.code),
            entry.description.1.to_string(),
            entry.description.0.to_string(),
            entry.example.1.to_string(),
            entry.fix.1.to_string(),
            entry.fix.0.to_string(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
        text.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_diagnostics_md_is_the_catalogue() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md");
        let kept = std::fs::read_to_string(path).unwrap_or_default();
        if kept != markdown() && std::env::var_os("TAIZHANG_BLESS").is_some() {
            std::fs::write(path, markdown()).expect("docs/diagnostics.md is written");
            return;
        }
        assert!(
            kept == markdown(),
            "docs/diagnostics.md differs from the catalogue: run `TAIZHANG_BLESS=1 cargo test` and commit it"
        );
    }
}
