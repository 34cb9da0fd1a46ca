//! `taizhang init DIR`: a new ledger from the templates in `data-templates/`,
//! built into the binary so that it works wherever the binary is copied,
//! and the commented taizhang.toml the config schema writes. With `--xlsx`
//! the ledger is one workbook, `台账.xlsx`, the template `template.rs` writes.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::cli::InitArgs;
use crate::config::{CONFIG_FILE, schema};
use crate::diag::{Code, Diagnostic, Location};
use crate::lang::Lang;
use crate::report::diagnostics::write_human;
use crate::{Exit, t};

macro_rules! templates {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../data-templates/", $name)))),+]
    };
}

pub const TEMPLATES: &[(&str, &[u8])] = templates![
    "orgs.csv",
    "members.csv",
    "education.csv",
    "notes.csv",
    "research.csv",
    "mobile.csv",
    "contacts.csv",
    "events.csv",
    "visits.csv",
    "appraisals.csv",
    "posts.csv",
];

/// The workbook `init --xlsx` writes into the new ledger.
pub const WORKBOOK_NAME: &str = "台账.xlsx";

pub fn run(
    args: &InitArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let dir = args.dir.as_path();
    let shown = super::shown_path(dir);
    if let Some(problem) = refuse(dir, lang) {
        let diagnostic = Diagnostic::error(Code::BadArgument, problem)
            .at(Location::file(shown))
            .hint(t!(
                lang,
                "taizhang init 只在新目录或空目录中创建台账，绝不覆盖已有文件",
                "init creates a ledger only in a new or empty directory; it never overwrites files"
            ));
        write_human(err, &[diagnostic], lang)?;
        return Ok(Exit::Invalid);
    }
    fs::create_dir_all(dir)?;
    fs::write(dir.join(CONFIG_FILE), schema::template())?;
    if args.xlsx {
        fs::write(dir.join(WORKBOOK_NAME), super::template::workbook()?)?;
        writeln!(
            out,
            "{}",
            t!(
                lang,
                "已在 {shown} 创建台账工作簿 {WORKBOOK_NAME}（每类台账一个工作表）和 taizhang.toml。填写“组织”和“成员”两个工作表后运行：taizhang check {shown}",
                "Created the ledger workbook {WORKBOOK_NAME} (a sheet per kind) and taizhang.toml in {shown}. Fill in the sheets 组织 (orgs) and 成员 (members), then run: taizhang check {shown}"
            )
        )?;
        return Ok(Exit::Clean);
    }
    for (name, bytes) in TEMPLATES {
        fs::write(dir.join(name), bytes)?;
    }
    let count = TEMPLATES.len() + 1;
    writeln!(
        out,
        "{}",
        t!(
            lang,
            "已在 {shown} 创建台账模板（{count} 个文件）。填写 orgs.csv 和 members.csv 后运行：taizhang check {shown}",
            "Created a ledger from the templates in {shown} ({count} files). Fill in orgs.csv and members.csv, then run: taizhang check {shown}"
        )
    )?;
    Ok(Exit::Clean)
}

/// Why `dir` cannot take a new ledger, if it cannot.
fn refuse(dir: &Path, lang: Lang) -> Option<String> {
    let shown = dir.display();
    if dir.exists() && !dir.is_dir() {
        return Some(t!(
            lang,
            "{shown} 已存在且不是目录",
            "{shown} exists and is not a directory"
        ));
    }
    let occupied = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    occupied.then(|| t!(lang, "{shown} 不是空目录", "{shown} is not empty"))
}
