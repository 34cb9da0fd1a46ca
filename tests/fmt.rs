//! `taizhang fmt`: over the demo county, every fixture ledger and the
//! bad-input corpus, a rewrite loses no row, cell or unknown column,
//! leaves the files with input errors byte for byte, gives the same
//! findings, and a second run changes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use taizhang::config::Config;
use taizhang::diag::Diags;
use taizhang::lang::Lang;
use taizhang::ledger::Kind;
use taizhang::ledger::columns::normalize_header;
use taizhang::ledger::maps::KindMap;
use taizhang::text::decode::{fold_width, trim};
use taizhang::text::value::{parse_date, without_invisible};

use crate::util::{fixture, fixture_cases, taizhang};

/// Every file below `dir`, by relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn copy(from: &Path, to: &Path) {
    for (relative, bytes) in snapshot(from) {
        let target = to.join(relative);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, bytes).unwrap();
    }
}

/// The kind a ledger file holds, by its first path component.
fn kind_of(relative: &str) -> Option<Kind> {
    let first = relative.split('/').next()?;
    let stem = first.split('.').next()?;
    Kind::ALL
        .iter()
        .copied()
        .find(|k| k.name() == stem || k.chinese_names().contains(&stem))
}

/// A value as the loader compares it: dates as dates, the rest trimmed,
/// folded and without invisible characters.
fn normalized(column: &str, value: &str) -> String {
    let is_date = ["date", "end", "start", "since", "until", "_on"]
        .iter()
        .any(|d| column == *d || (d.starts_with('_') && column.ends_with(d)));
    match parse_date(value) {
        Ok(date) if is_date => date.to_string(),
        _ => without_invisible(&fold_width(trim(value)))
            .trim()
            .to_string(),
    }
}

/// A file's rows, each the sorted list of (column, value) of its non-empty
/// cells: the kind's columns by name and normalized, the others exactly.
fn rows(kind: Kind, map: &KindMap, relative: &str, bytes: &[u8]) -> Vec<Vec<(String, String)>> {
    let name_of = |header: &str| {
        let header = normalize_header(&without_invisible(header));
        let column = kind
            .columns()
            .iter()
            .position(|c| c.is_named(&header))
            .or_else(|| map.column_of(&header))?;
        Some(kind.columns()[column].name.to_string())
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    };
    let mut rows = Vec::new();
    if relative.ends_with(".toml") {
        let document: toml::Table = toml::from_str(&text).unwrap();
        for row in document[kind.name()].as_array().unwrap() {
            let mut cells: Vec<(String, String)> = row
                .as_table()
                .unwrap()
                .iter()
                .map(|(key, value)| {
                    let text = match value {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Array(items) => items
                            .iter()
                            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                            .collect::<Vec<_>>()
                            .join(";"),
                        other => other.to_string(),
                    };
                    match name_of(key) {
                        Some(name) => (name.clone(), normalized(&name, &text)),
                        None => (format!("? {key}"), value.to_string()),
                    }
                })
                .collect();
            cells.sort();
            rows.push(cells);
        }
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records().map(|r| r.unwrap());
        let header: Vec<String> = records
            .next()
            .map_or_else(Vec::new, |h| h.iter().map(str::to_string).collect());
        for record in records {
            if record.iter().all(|c| trim(c).is_empty()) {
                continue;
            }
            let mut cells: Vec<(String, String)> = header
                .iter()
                .zip(record.iter())
                .filter(|(_, value)| !trim(value).is_empty())
                .map(|(h, value)| match name_of(h) {
                    Some(name) => (name.clone(), normalized(&name, value)),
                    None => (format!("? {h}"), value.to_string()),
                })
                .collect();
            cells.sort();
            rows.push(cells);
        }
    }
    rows.sort();
    rows
}

/// What check says, without the places of rows fmt may move.
fn verdicts(ledger: &Path, args: &[String]) -> Value {
    let mut all = vec![
        "check".to_string(),
        ledger.display().to_string(),
        "--format".into(),
        "json".into(),
    ];
    all.extend(args.iter().cloned());
    let output = taizhang(&all);
    let mut json: Value = serde_json::from_str(&output.stdout).unwrap();
    let files_only = |places: &mut Value| {
        for place in places.as_array_mut().into_iter().flatten() {
            place["line"] = Value::Null;
        }
    };
    for finding in json["findings"].as_array_mut().unwrap() {
        finding["location"] = Value::Null;
        files_only(&mut finding["because"]);
    }
    for entry in json["unchecked"].as_array_mut().unwrap() {
        files_only(&mut entry["because"]);
    }
    // Warnings at cells fmt cleans (an invisible character) go; errors stay where they were.
    let diagnostics: Vec<Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .cloned()
        .collect();
    json["diagnostics"] = Value::Array(diagnostics);
    json["summary"]["warnings"] = Value::Null;
    json["ledger"] = Value::Null;
    json
}

fn fmt(ledger: &Path, more: &[&str]) -> crate::util::Output {
    let mut args = vec![
        "fmt".to_string(),
        ledger.display().to_string(),
        "--lang".into(),
        "en".into(),
    ];
    args.extend(more.iter().map(|s| s.to_string()));
    taizhang(&args)
}

/// fmt over one ledger (a copy of it): what must hold.
fn round_trip(name: &str, source: &Path, args: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger");
    copy(source, &ledger);
    let before_files = snapshot(&ledger);
    let before = verdicts(&ledger, args);
    let config = Config::load(&ledger, &mut Diags::new(Lang::En));
    let first = fmt(&ledger, &[]);
    let kept: Vec<&str> = first
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("left as it is: "))
        .filter_map(|l| l.split(": ").next())
        .collect();
    // fmt reads as check does without --strict.
    let plain: Vec<String> = args.iter().filter(|a| *a != "--strict").cloned().collect();
    let errors = verdicts(&ledger, &plain)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| {
            d["file"]
                .as_str()
                .is_some_and(|f| before_files.contains_key(f))
        });
    let wanted = if errors { 2 } else { 0 };
    if first.code != wanted {
        problems.push(format!(
            "{name}: fmt exited {} (not {wanted}):\n{}{}",
            first.code, first.stdout, first.stderr
        ));
    }
    let after_files = snapshot(&ledger);
    if first.stdout.contains("no file was rewritten") {
        if after_files != before_files {
            problems.push(format!("{name}: fmt refused, but changed files"));
        }
        return problems;
    }
    for (relative, bytes) in &before_files {
        let Some(after) = after_files.get(relative) else {
            problems.push(format!("{name}: {relative} is gone"));
            continue;
        };
        if kept.contains(&relative.as_str()) {
            if after != bytes {
                problems.push(format!("{name}: {relative} was left as it is but changed"));
            }
            continue;
        }
        let Some(kind) = kind_of(relative) else {
            if after != bytes {
                problems.push(format!("{name}: {relative} is no ledger file but changed"));
            }
            continue;
        };
        if !(relative.ends_with(".csv") || relative.ends_with(".toml")) || after == bytes {
            continue;
        }
        let map = config.maps.kind(kind);
        if rows(kind, map, relative, bytes) != rows(kind, map, relative, after) {
            problems.push(format!("{name}: {relative} lost or changed a row or cell"));
        }
        if relative.ends_with(".csv")
            && (!after.starts_with("\u{feff}".as_bytes()) || after.contains(&b'\r'))
        {
            problems.push(format!("{name}: {relative} is not UTF-8 with a BOM and LF"));
        }
    }
    if after_files.len() != before_files.len() {
        problems.push(format!("{name}: files were added"));
    }
    let after = verdicts(&ledger, args);
    if after != before {
        problems.push(format!(
            "{name}: the findings changed\nbefore: {before}\nafter:  {after}"
        ));
    }
    let second = fmt(&ledger, &["--check"]);
    let summary = second.stdout.lines().last().unwrap_or_default();
    if second.code != wanted
        || snapshot(&ledger) != after_files
        || !summary.starts_with("0 files to rewrite")
    {
        problems.push(format!("{name}: fmt twice is no no-op:\n{}", second.stdout));
    }
    problems
}

fn plain_ledgers() -> Vec<(String, PathBuf)> {
    let mut list = vec![(
        "demo-county".to_string(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo-county"),
    )];
    for dir in [
        "cli/county",
        "columns/canonical",
        "columns/foreign",
        "merge/county-a",
        "merge/county-b",
        "merge/county-c",
        "report/small",
        "render/excel",
        "render/gbk",
        "render/empty-personal",
    ] {
        list.push((dir.to_string(), fixture(dir)));
    }
    list
}

#[test]
fn fmt_loses_nothing_over_the_demo_and_the_fixtures() {
    let mut problems = Vec::new();
    let mut total = 0;
    for (name, dir) in plain_ledgers() {
        total += 1;
        problems.extend(round_trip(
            &name,
            &dir,
            &["--as-of".into(), "2025-12-31".into()],
        ));
    }
    for corpus in ["rules", "bad"] {
        for (name, dir, case) in fixture_cases(corpus) {
            let ledger = case.ledger.as_ref().map_or(dir.clone(), |l| dir.join(l));
            if !ledger.is_dir() {
                continue;
            }
            total += 1;
            problems.extend(round_trip(&format!("{corpus}/{name}"), &ledger, &case.args));
        }
    }
    crate::util::assert_all_pass(&problems, total);
}

#[test]
fn fmt_names_the_files_it_leaves_and_check_lists_what_it_would_do() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger");
    copy(&fixture("bad/unknown-member"), &ledger);
    let before = snapshot(&ledger);
    let check = fmt(&ledger, &["--check"]);
    assert_eq!(snapshot(&ledger), before, "--check writes nothing");
    assert!(check.stdout.contains("not canonical: "), "{}", check.stdout);
    assert!(check.stdout.contains("left as it is: "), "{}", check.stdout);
    assert_eq!(check.code, 2, "input errors");
    let zh = taizhang(["fmt", ledger.to_str().unwrap(), "--check", "--lang", "zh"]);
    assert!(zh.stdout.contains("保留原样"), "{}", zh.stdout);
    assert!(zh.stderr.contains("[unknown-member]"), "{}", zh.stderr);
}

#[test]
fn fmt_check_exits_one_until_fmt_has_run() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger");
    copy(&fixture("cli/county"), &ledger);
    let check = fmt(&ledger, &["--check"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    let members = "not canonical: members.csv";
    assert!(check.stdout.contains(members), "{}", check.stdout);
    assert_eq!(fmt(&ledger, &[]).code, 0);
    let again = fmt(&ledger, &["--check"]);
    assert_eq!(again.code, 0, "{}", again.stdout);
    let text = fs::read_to_string(ledger.join("members.csv")).unwrap();
    assert!(text.starts_with("\u{feff}id,name,org,"), "{text}");
}

#[test]
fn a_gbk_file_becomes_utf8_with_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger");
    copy(&fixture("cli/county"), &ledger);
    let (gbk, _, _) = encoding_rs::GBK.encode("党员编号,姓名,所在党组织\r\nＭ1,张一,b1\r\n");
    fs::create_dir(ledger.join("members")).unwrap();
    fs::rename(ledger.join("members.csv"), ledger.join("members/a.csv")).unwrap();
    fs::write(ledger.join("members/b.csv"), &gbk).unwrap();
    fs::write(
        ledger.join("members/a.csv"),
        fs::read_to_string(ledger.join("members/a.csv"))
            .unwrap()
            .replace("M1,张一,b1,county,secretary,,,full,13812345678\n", ""),
    )
    .unwrap();
    let output = fmt(&ledger, &[]);
    assert_eq!(output.code, 0, "{}{}", output.stdout, output.stderr);
    assert_eq!(
        fs::read_to_string(ledger.join("members/b.csv")).unwrap(),
        "\u{feff}党员编号,姓名,所在党组织\nM1,张一,b1\n"
    );
}

#[test]
fn init_writes_its_templates_in_canonical_form() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("new");
    assert_eq!(taizhang(["init", ledger.to_str().unwrap()]).code, 0);
    let check = fmt(&ledger, &["--check"]);
    // orgs.csv and members.csv have no rows yet: an input error, left as they are.
    assert!(
        check
            .stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("0 files to rewrite, 9 canonical, 2 left"),
        "{}",
        check.stdout
    );
}
