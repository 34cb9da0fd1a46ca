//! Running the built binary on ledgers, as a user would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// `taizhang ARGS` with a neutral environment: no locale, so messages are
/// English unless `--lang` says otherwise.
pub fn taizhang<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    taizhang_env(args, &[])
}

/// `taizhang ARGS` with these environment variables set.
pub fn taizhang_env<I, S>(args: I, vars: &[(&str, &str)]) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(env!("CARGO_BIN_EXE_taizhang"));
    command
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("COLUMNS")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().expect("the taizhang binary runs");
    Output {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output.status.code().expect("taizhang exits with a status"),
    }
}

/// A path below `tests/fixtures`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// `check --format json` parsed.
pub fn check_json<I, S>(args: I) -> (serde_json::Value, i32)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut all: Vec<std::ffi::OsString> = vec!["check".into(), "--format".into(), "json".into()];
    all.extend(args.into_iter().map(|a| a.as_ref().to_os_string()));
    let output = taizhang(all);
    let json = serde_json::from_str(&output.stdout)
        .unwrap_or_else(|e| panic!("JSON output ({e}):\n{}\n{}", output.stdout, output.stderr));
    (json, output.code)
}

/// One line per finding: `RULE severity org member period record expected actual`,
/// with `-` for nulls: the form the fixtures' `expected.txt` files use.
pub fn finding_lines(json: &serde_json::Value) -> Vec<String> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => "-".to_string(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => {
            let f = n.as_f64().expect("a number");
            let rounded = (f * 1e6).round() / 1e6;
            format!("{rounded}")
        }
        other => other.to_string(),
    };
    json["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|f| {
            [
                "rule", "severity", "org", "member", "period", "record", "expected", "actual",
            ]
            .iter()
            .map(|key| text(&f[*key]))
            .collect::<Vec<_>>()
            .join(" ")
        })
        .collect()
}

/// `code file:line` of each diagnostic (in a workbook `code
/// file[sheet]!C12`, or `file[sheet]!12:12` for a row).
pub fn diagnostic_lines(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics is an array")
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or("-");
            if let Some(sheet) = d["sheet"].as_str() {
                let place = match (d["cell"].as_str(), d["line"].as_u64()) {
                    (Some(cell), _) => format!("!{cell}"),
                    (None, Some(line)) => format!("!{line}:{line}"),
                    (None, None) => String::new(),
                };
                let code = d["code"].as_str().unwrap_or("?");
                return format!("{code} {file}[{sheet}]{place}");
            }
            let line = d["line"]
                .as_u64()
                .map_or("-".to_string(), |l| l.to_string());
            format!("{} {file}:{line}", d["code"].as_str().unwrap_or("?"))
        })
        .collect()
}

/// A fixture's `expected.txt`: `# args:` the command-line arguments,
/// `# ledger:` the ledger path relative to the fixture (the fixture itself
/// when absent), `# exit:` the status, `# diagnostic:` lines the expected
/// `code file:line` diagnostics, other `#` lines comments, and every other
/// non-blank line a finding.
pub struct Case {
    pub args: Vec<String>,
    pub ledger: Option<String>,
    pub exit: i32,
    pub findings: Vec<String>,
    pub diagnostics: Vec<String>,
}

pub fn read_case(text: &str) -> Case {
    let mut case = Case {
        args: Vec::new(),
        ledger: None,
        exit: 0,
        findings: Vec::new(),
        diagnostics: Vec::new(),
    };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(args) = line.strip_prefix("# args:") {
            case.args = args.split_whitespace().map(str::to_string).collect();
        } else if let Some(ledger) = line.strip_prefix("# ledger:") {
            case.ledger = Some(ledger.trim().to_string());
        } else if let Some(exit) = line.strip_prefix("# exit:") {
            case.exit = exit.trim().parse().expect("# exit: takes a number");
        } else if let Some(diagnostic) = line.strip_prefix("# diagnostic:") {
            case.diagnostics.push(diagnostic.trim().to_string());
        } else if !line.starts_with('#') {
            case.findings
                .push(line.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    case
}

/// The cases of a fixture corpus (`tests/fixtures/<corpus>/<case>/` with an
/// `expected.txt`), in name order.
pub fn fixture_cases(corpus: &str) -> Vec<(String, PathBuf, Case)> {
    let root = fixture(corpus);
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("tests/fixtures/{corpus}: {e}"))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let dir = root.join(&name);
            let text = std::fs::read_to_string(dir.join("expected.txt"))
                .unwrap_or_else(|e| panic!("{name}/expected.txt: {e}"));
            (name, dir, read_case(&text))
        })
        .collect()
}

/// Fails with every differing case at once, so one run shows them all.
pub fn assert_all_pass(failures: &[String], total: usize) {
    assert!(total > 0, "no cases found");
    assert!(
        failures.is_empty(),
        "{} of {total} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Copies a directory tree (a fixture ledger into a temporary directory).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
