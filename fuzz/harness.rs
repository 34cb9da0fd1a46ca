//! One fuzz input → one ledger file → the whole `check` path: discovery,
//! decoding, CSV or TOML reading, typed rows, every rule, and the
//! diagnostics rendered for people (re-reading source lines) and as JSON.
//! Shared by the fuzz target and the test that replays every crash found.
//!
//! The first byte chooses the file: bits 0–3 the kind (`orgs` … `posts`,
//! then `taizhang.toml`), bit 6 Chinese messages, bit 7 TOML instead of
//! CSV. The rest is the file's content, written beside valid `orgs.csv`
//! and `members.csv` (or in their place).

use std::path::Path;

use taizhang::cli::LedgerArgs;
use taizhang::commands;
use taizhang::lang::Lang;
use taizhang::ledger::Kind;
use taizhang::report::{self, Checked};

const ORGS: &str = "id,name,parent,kind,sector\nc,示范县委,,county,\nk1,机关工委,c,committee,agency\nb1,机关支部,k1,branch,\nb2,村支部,c,branch,rural\n";
const MEMBERS: &str = "id,name,org,leader,roles,phone,id_number\nM1,张三,b1,section,书记,13812345678,11010519491231002X\nM2,李四,b1,,,,\nM3,王五,b2,county,支委,,\n";

pub fn run(data: &[u8]) {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path();
    std::fs::write(root.join("orgs.csv"), ORGS).expect("orgs.csv is written");
    std::fs::write(root.join("members.csv"), MEMBERS).expect("members.csv is written");
    let name = match Kind::ALL.get(usize::from(selector & 0x0F) % (Kind::ALL.len() + 1)) {
        Some(kind) => {
            let toml = selector & 0x80 != 0;
            if matches!(kind, Kind::Orgs | Kind::Members) {
                std::fs::remove_file(root.join(format!("{}.csv", kind.name()))).expect("removed");
            }
            format!("{}.{}", kind.name(), if toml { "toml" } else { "csv" })
        }
        None => "taizhang.toml".to_string(),
    };
    std::fs::write(root.join(&name), content).expect("the fuzzed file is written");
    let lang = if selector & 0x40 != 0 {
        Lang::Zh
    } else {
        Lang::En
    };
    check(root, lang);
}

fn check(root: &Path, lang: Lang) {
    let args = LedgerArgs {
        dir: root.to_path_buf(),
        year: None,
        as_of: Some("2025-08-15".into()),
        org: None,
        strict: true,
        show_personal: false,
    };
    let mut sink = Vec::new();
    let Ok(opened) = commands::open(&args, lang, &[], |_, _| {}) else {
        return;
    };
    let run = opened.run(&[], lang);
    let diagnostics = opened.diags.into_sorted();
    report::diagnostics::write_human_with_source(&mut sink, &diagnostics, lang, root, false)
        .expect("rendering into memory succeeds");
    let checked = Checked {
        ledger_path: String::new(),
        ledger: Some(&opened.ledger),
        run: Some(&run),
        diagnostics: &diagnostics,
        lang,
        baseline: None,
    };
    report::json::write(&mut sink, &checked).expect("JSON into memory succeeds");
    report::table::write(&mut sink, &checked).expect("the table into memory succeeds");
}
