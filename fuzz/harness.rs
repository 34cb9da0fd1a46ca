//! One fuzz input → one ledger file → the whole `check` path: discovery,
//! decoding, CSV or TOML reading, typed rows, every rule, and the
//! diagnostics rendered for people (re-reading source lines) and as JSON.
//! Shared by the fuzz target and the test that replays every crash found.
//!
//! The first byte chooses the file: bits 0–3 the kind (`orgs` … `posts`,
//! then `taizhang.toml`), bit 5 a workbook (`KIND.xlsx`), bit 6 Chinese
//! messages, bit 7 TOML instead of CSV. The rest is the file's content,
//! written beside valid `orgs.csv` and `members.csv` (or in their place);
//! for a workbook, content that starts as a zip file does (`PK`) is the
//! workbook's bytes, and any other is read as lines of comma-separated
//! cells, each a number where it reads as one, written into a sheet (and
//! `\f` starts another sheet, named by its first line).

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
    let workbook = selector & 0x20 != 0;
    let name = match Kind::ALL.get(usize::from(selector & 0x0F) % (Kind::ALL.len() + 1)) {
        Some(kind) => {
            let toml = selector & 0x80 != 0;
            if matches!(kind, Kind::Orgs | Kind::Members) {
                std::fs::remove_file(root.join(format!("{}.csv", kind.name()))).expect("removed");
            }
            let extension = match (workbook, toml) {
                (true, _) => "xlsx",
                (false, true) => "toml",
                (false, false) => "csv",
            };
            format!("{}.{extension}", kind.name())
        }
        None if workbook => "台账.xlsx".to_string(),
        None => "taizhang.toml".to_string(),
    };
    let bytes = if workbook && !content.starts_with(b"PK") {
        sheets(content)
    } else {
        content.to_vec()
    };
    std::fs::write(root.join(&name), bytes).expect("the fuzzed file is written");
    let lang = if selector & 0x40 != 0 {
        Lang::Zh
    } else {
        Lang::En
    };
    check(root, lang);
}

/// A workbook of the text's sheets (split at `\f`), lines and cells.
fn sheets(content: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(content);
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (index, part) in text.split('\u{c}').enumerate().take(16) {
        let sheet = book.add_worksheet();
        let mut lines = part.lines();
        if index > 0 {
            // Invalid or repeated names are refused; the sheet keeps its own.
            let _ = sheet.set_name(lines.next().unwrap_or_default());
        }
        for (row, line) in lines.enumerate().take(1000) {
            for (column, cell) in line.split(',').enumerate().take(100) {
                let (row, column) = (row as u32, column as u16);
                let written = match cell.strip_prefix('#').map(str::parse::<f64>) {
                    // `#45678` is a date cell of that serial number.
                    Some(Ok(serial)) => sheet.write_number_with_format(row, column, serial, &date),
                    _ => match cell.parse::<f64>() {
                        Ok(number) if number.is_finite() => sheet.write_number(row, column, number),
                        _ => sheet.write_string(row, column, cell),
                    },
                };
                let _ = written;
            }
        }
    }
    book.save_to_buffer().unwrap_or_default()
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
    // A narrow table makes comfy-table wrap every cell the ledger gave.
    let narrow = report::table::Layout {
        width: report::table::Width::Fixed(40),
        wide: false,
    };
    report::table::write(&mut sink, &checked, narrow).expect("the table into memory succeeds");
}
