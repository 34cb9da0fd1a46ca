//! `taizhang init DIR`: a new ledger from the templates in `data-templates/`,
//! built into the binary so that it works wherever the binary is copied:
//! the empty CSV files with their headers (with `--xlsx`, one workbook,
//! `台账.xlsx`, that `template.rs` writes), the commented taizhang.toml the
//! config schema writes with `ledger.year` set to the current year, the
//! filling-in guide `填写说明.md` (`guide.rs`), and `示例/`: a small complete
//! ledger of its own, one row of every kind, which the ledger's check never
//! reads (discover skips it), so that its rows are never counted.

use std::fs;
use std::io::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::cli::InitArgs;
use crate::config::{CONFIG_FILE, schema};
use crate::diag::{Code, Diagnostic, Location};
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::discover::EXAMPLE_DIR;
use crate::report::diagnostics::write_human;
use crate::{Exit, t};

macro_rules! templates {
    ($dir:literal: $($name:literal),+ $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../data-templates/", $dir, $name)))),+]
    };
}

pub const TEMPLATES: &[(&str, &[u8])] = templates![
    "":
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

/// The example ledger's files, `data-templates/示例/`: one row of every
/// kind (the members a few), consistent, checked by the year its
/// taizhang.toml names.
pub const EXAMPLE: &[(&str, &[u8])] = templates![
    "示例/":
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
    "taizhang.toml",
];

/// The workbook `init --xlsx` writes into the new ledger (and its example).
pub const WORKBOOK_NAME: &str = "台账.xlsx";

pub fn run(
    args: &InitArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    run_on(args, chrono::Local::now().date_naive(), lang, out, err)
}

/// [`run`] on the day `today`, whose year the new taizhang.toml checks.
pub fn run_on(
    args: &InitArgs,
    today: NaiveDate,
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
    let example = dir.join(EXAMPLE_DIR);
    fs::create_dir_all(&example)?;
    fs::write(dir.join(CONFIG_FILE), schema::template(Some(today.year())))?;
    fs::write(dir.join(super::guide::GUIDE_FILE), super::guide::markdown())?;
    let year = today.year();
    let (guide, check) = (super::guide::GUIDE_FILE, format!("{shown}/{EXAMPLE_DIR}"));
    if args.xlsx {
        fs::write(dir.join(WORKBOOK_NAME), super::template::workbook()?)?;
        fs::write(
            example.join(WORKBOOK_NAME),
            super::template::example_workbook(&example_rows)?,
        )?;
        write_example_config(&example)?;
        writeln!(
            out,
            "{}",
            t!(
                lang,
                "已在 {shown} 创建台账工作簿 {WORKBOOK_NAME}（每类台账一个工作表）、检查 {year} 年的 taizhang.toml 和说明每一列怎么填的 {guide}。{EXAMPLE_DIR}/ 中是一个填好的示例台账，不计入检查，可运行 taizhang check {check} 查看。填写“组织”和“成员”两个工作表后运行：taizhang check {shown}",
                "Created in {shown} the ledger workbook {WORKBOOK_NAME} with a sheet per kind, taizhang.toml checking {year}, and {guide}, which says how to fill in each column. {EXAMPLE_DIR}/ holds a filled-in example ledger that is never counted: see it with taizhang check {check}. Fill in the sheets 组织 (orgs) and 成员 (members), then run: taizhang check {shown}"
            )
        )?;
        return Ok(Exit::Clean);
    }
    for (name, bytes) in TEMPLATES {
        fs::write(dir.join(name), bytes)?;
    }
    for (name, bytes) in EXAMPLE {
        fs::write(example.join(name), bytes)?;
    }
    let count = TEMPLATES.len() + 2;
    writeln!(
        out,
        "{}",
        t!(
            lang,
            "已在 {shown} 创建台账模板，共 {count} 个文件：各类台账的 CSV 文件、检查 {year} 年的 taizhang.toml 和说明每一列怎么填的 {guide}。{EXAMPLE_DIR}/ 中是一个填好的示例台账，不计入检查，可运行 taizhang check {check} 查看。填写 orgs.csv 和 members.csv 后运行：taizhang check {shown}",
            "Created a ledger from the templates in {shown}, {count} files: a CSV file per kind, taizhang.toml checking {year}, and {guide}, which says how to fill in each column. {EXAMPLE_DIR}/ holds a filled-in example ledger that is never counted: see it with taizhang check {check}. Fill in orgs.csv and members.csv, then run: taizhang check {shown}"
        )
    )?;
    Ok(Exit::Clean)
}

/// The example's taizhang.toml, beside its workbook.
fn write_example_config(example: &Path) -> std::io::Result<()> {
    let config = EXAMPLE.iter().find(|(name, _)| *name == CONFIG_FILE);
    match config {
        Some((_, bytes)) => fs::write(example.join(CONFIG_FILE), bytes),
        None => Ok(()),
    }
}

/// The rows of the example's CSV file of `kind`, each cell under the
/// kind's column of its header (in the order of [`Kind::columns`]).
pub fn example_rows(kind: Kind) -> Vec<Vec<String>> {
    let file = format!("{}.csv", kind.name());
    let Some((_, bytes)) = EXAMPLE.iter().find(|(name, _)| *name == file) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(bytes);
    let mut reader =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let columns = kind.columns();
    let places: Vec<Option<usize>> = match reader.headers() {
        Ok(headers) => headers
            .iter()
            .map(|header| columns.iter().position(|c| c.matches(header)))
            .collect(),
        Err(_) => return Vec::new(),
    };
    reader
        .records()
        .filter_map(Result::ok)
        .map(|record| {
            let mut row = vec![String::new(); columns.len()];
            for (cell, place) in record.iter().zip(&places) {
                if let Some(&index) = place.as_ref() {
                    row[index] = cell.to_string();
                }
            }
            row
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn init(xlsx: bool, today: NaiveDate) -> (tempfile::TempDir, String) {
        let temp = tempfile::tempdir().unwrap();
        let args = InitArgs {
            dir: temp.path().join("新台账"),
            xlsx,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let exit = run_on(&args, today, Lang::En, &mut out, &mut err).unwrap();
        assert_eq!(exit, Exit::Clean, "{}", String::from_utf8_lossy(&err));
        (temp, String::from_utf8(out).unwrap())
    }

    #[test]
    fn the_new_taizhang_toml_checks_the_year_of_today() {
        for xlsx in [false, true] {
            let (temp, said) = init(xlsx, NaiveDate::from_ymd_opt(2031, 12, 31).unwrap());
            let dir = temp.path().join("新台账");
            let toml = fs::read_to_string(dir.join(CONFIG_FILE)).unwrap();
            assert!(toml.lines().any(|l| l == "year = 2031"), "{toml}");
            assert!(said.contains("taizhang.toml checking 2031,"), "{said}");
            let mut diags = crate::diag::Diags::new(Lang::En);
            let config = crate::config::Config::parse(&toml, CONFIG_FILE, &mut diags);
            assert_eq!((config.year, diags.into_sorted()), (Some(2031), vec![]));
            assert_eq!(
                fs::read_to_string(dir.join(super::super::guide::GUIDE_FILE)).unwrap(),
                super::super::guide::markdown()
            );
        }
    }

    #[test]
    fn the_example_rows_sit_under_their_columns() {
        let members = example_rows(Kind::Members);
        assert_eq!(members.len(), 3);
        let column = |name: &str| {
            Kind::Members
                .columns()
                .iter()
                .position(|c| c.name == name)
                .unwrap()
        };
        assert_eq!(
            (
                members[1][column("id")].as_str(),
                members[1][column("since")].as_str(),
                members[2][column("status")].as_str()
            ),
            ("M002", "2025-03-01", "预备党员")
        );
        for &kind in Kind::ALL {
            assert_eq!(
                example_rows(kind).len(),
                if kind == Kind::Members { 3 } else { 1 },
                "{}",
                kind.name()
            );
        }
    }
}
