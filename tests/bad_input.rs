//! Bad input never crashes, never hides, and always says where it is.
//!
//! Each directory under `tests/fixtures/bad/` is a small ledger with one
//! defect and an `expected.txt` (see [`crate::util::read_case`]) that lists
//! every diagnostic the defect must give, and nothing else. (Under
//! `--strict` the `expected.txt` itself is a file of no kind.) Inputs too
//! big to commit, and those that need symbolic links or pipes, are made at
//! test time in a temporary directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::util::{assert_all_pass, check_json, diagnostic_lines, fixture_cases, taizhang};

const ORGS: &str = "id,name,parent,kind,sector\nc,示范县委,,county,\nb1,机关支部,c,branch,agency\n";
const MEMBERS: &str = "id,name,org\nM1,张三,b1\nM2,李四,b1\n";

/// Runs `check` on a ledger in JSON and for people, and returns the exit
/// status with the `code file:line` of each diagnostic. Both renderings
/// must agree on the status, and the human one must name every code.
fn diagnose(ledger: &Path, args: &[&str]) -> (i32, Vec<String>) {
    let mut all = vec![ledger.as_os_str().to_owned()];
    all.extend(args.iter().map(Into::into));
    let (json, code) = check_json(&all);
    let lines = diagnostic_lines(&json);
    let mut human = vec!["check".into()];
    human.extend(all);
    let output = taizhang(&human);
    assert_eq!(
        output.code, code,
        "the table run exits as the JSON run does"
    );
    for line in &lines {
        let code = line.split(' ').next().unwrap_or_default();
        assert!(
            output.stderr.contains(&format!("[{code}]")),
            "{code} is rendered:\n{}",
            output.stderr
        );
    }
    (code, lines)
}

#[test]
fn every_bad_ledger_gives_exactly_its_diagnostics() {
    let cases = fixture_cases("bad");
    let mut failures = Vec::new();
    for (name, dir, case) in &cases {
        let ledger = case.ledger.as_ref().map_or(dir.clone(), |l| dir.join(l));
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let (code, diagnostics) = diagnose(&ledger, &args);
        if code != case.exit || diagnostics != case.diagnostics {
            failures.push(format!(
                "{name}: exit {code} (expected {})\n  {diagnostics:?}\n  expected {:?}",
                case.exit, case.diagnostics,
            ));
        }
    }
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    assert_all_pass(&failures, cases.len());
}

/// A ledger of `files` (name, content) beside the valid orgs and members.
fn ledger(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    fs::write(dir.path().join("orgs.csv"), ORGS).unwrap();
    fs::write(dir.path().join("members.csv"), MEMBERS).unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
    }
    dir
}

const ARGS: &[&str] = &["--year", "2025", "--as-of", "2025-12-31", "--rule", "EDU01"];

#[test]
fn a_50_mb_cell_is_refused_without_reading_it_into_memory() {
    let mut members = MEMBERS.as_bytes().to_vec();
    members.extend_from_slice(b"M3,");
    members.resize(members.len() + (50 << 20), b'x');
    members.extend_from_slice(",b1\nM4,王五,b1\n".as_bytes());
    let dir = ledger(&[("members.csv", &members)]);
    let (code, diagnostics) = diagnose(dir.path(), ARGS);
    assert_eq!(
        (code, diagnostics),
        (2, vec!["field-too-large members.csv:4".to_string()])
    );
}

/// A stray GBK byte far into a UTF-8 file (past the first chunks read)
/// loses its line, and only it: every row before it is read once.
#[test]
fn a_stray_byte_late_in_a_large_utf8_file_loses_only_its_line() {
    let mut members = String::from(MEMBERS);
    for i in 3..20_000 {
        members.push_str(&format!("M{i},党员{i},b1\n"));
    }
    let mut members = members.into_bytes();
    let bad_line = 20_001; // the header is line 1
    members.extend_from_slice(b"M20000,\xFF,b1\nM20001,\xE5\xBC\xA0,b1\n");
    let education = "date,days,org,members\n2025-03-05,1,b1,M1\n";
    let dir = ledger(&[
        ("members.csv", &members),
        ("education.csv", education.as_bytes()),
    ]);
    let (code, diagnostics) = diagnose(dir.path(), ARGS);
    assert_eq!(
        (code, diagnostics),
        (2, vec![format!("bad-encoding members.csv:{bad_line}")])
    );
    // Each member read falls short of EDU01 once: M1 to M19999, and M20001.
    let mut args = vec![dir.path().as_os_str().to_owned()];
    args.extend(ARGS.iter().map(Into::into));
    let (json, _) = check_json(&args);
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 20_000);
}

#[test]
fn a_row_of_100000_columns_is_refused() {
    let mut header = String::from("id,name,org");
    for i in 0..100_000 {
        header.push_str(&format!(",c{i}"));
    }
    let members = format!("{header}\nM1,张三,b1\n");
    let dir = ledger(&[("members.csv", members.as_bytes())]);
    let (code, diagnostics) = diagnose(dir.path(), ARGS);
    assert_eq!(
        (code, diagnostics),
        (2, vec!["too-many-columns members.csv:1".to_string()])
    );
}

#[test]
fn deeply_nested_toml_is_refused_at_its_line() {
    let deep = |open: &str, close: &str| {
        format!(
            "[[orgs]]\nid = \"c\"\nname = {}1{}\n",
            open.repeat(100_000),
            close.repeat(100_000)
        )
    };
    let arrays = deep("[", "]");
    let tables = deep("{a = ", "}");
    let keys = format!("[ledger]\n{} = 1\n", vec!["a"; 100_000].join("."));
    for (name, text, expected) in [
        ("orgs.toml", arrays.as_str(), "toml-too-deep orgs.toml:3"),
        ("orgs.toml", tables.as_str(), "toml-too-deep orgs.toml:3"),
        (
            "taizhang.toml",
            keys.as_str(),
            "toml-too-deep taizhang.toml:2",
        ),
    ] {
        let dir = ledger(&[(name, text.as_bytes())]);
        if name == "orgs.toml" {
            fs::remove_file(dir.path().join("orgs.csv")).unwrap();
        }
        let (code, diagnostics) = diagnose(dir.path(), ARGS);
        assert_eq!(code, 2);
        assert!(
            diagnostics.contains(&expected.to_string()),
            "{diagnostics:?}"
        );
    }
}

#[cfg(unix)]
mod links {
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn a_symbolic_link_loop_in_a_kind_directory_ends() {
        let dir = ledger(&[("education/2025.csv", b"date,members\n2025-03-03,M1\n")]);
        symlink("..", dir.path().join("education/up")).unwrap();
        symlink(".", dir.path().join("education/self")).unwrap();
        let (code, diagnostics) = diagnose(dir.path(), ARGS);
        assert_eq!(
            (code, diagnostics),
            (
                2,
                vec![
                    "symlink-loop education/self:-".to_string(),
                    "symlink-loop education/up:-".to_string()
                ]
            )
        );
    }

    #[test]
    fn a_file_linked_twice_is_read_once() {
        let dir = ledger(&[(
            "education/a.csv",
            b"date,days,members\n2025-03-03,6,M1;M2\n",
        )]);
        symlink("a.csv", dir.path().join("education/b.csv")).unwrap();
        let (code, diagnostics) = diagnose(dir.path(), ARGS);
        // Read twice, the six days would make twelve and pass.
        assert_eq!(
            (code, diagnostics),
            (1, vec!["linked-twice education/b.csv:-".to_string()])
        );
    }

    #[test]
    fn a_note_file_never_leads_outside_the_ledger() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.txt"), "外面的文件").unwrap();
        let dir = ledger(&[(
            "notes.csv",
            "date,member,file\n2025-03-01,M1,笔记/链接.txt\n2025-03-02,M1,笔记/环.txt\n".as_bytes(),
        )]);
        fs::create_dir(dir.path().join("笔记")).unwrap();
        symlink(
            outside.path().join("secret.txt"),
            dir.path().join("笔记/链接.txt"),
        )
        .unwrap();
        symlink("环.txt", dir.path().join("笔记/环.txt")).unwrap();
        let args = ["--year", "2025", "--as-of", "2025-12-31", "--rule", "EDU02"];
        let (code, diagnostics) = diagnose(dir.path(), &args);
        assert_eq!(
            (code, diagnostics),
            (
                2,
                vec![
                    "note-file-outside notes.csv:2".to_string(),
                    "symlink-loop notes.csv:3".to_string()
                ]
            )
        );
    }

    #[test]
    fn pipes_and_devices_are_not_read() {
        let dir = ledger(&[]);
        let fifo = dir.path().join("events.csv");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        symlink("/dev/zero", dir.path().join("contacts.csv")).unwrap();
        let started = Instant::now();
        // Every rule, so that both kinds are read.
        let (code, diagnostics) =
            diagnose(dir.path(), &["--year", "2025", "--as-of", "2025-12-31"]);
        assert!(started.elapsed() < Duration::from_secs(30));
        assert_eq!(
            (code, diagnostics),
            (
                2,
                vec![
                    "io-error contacts.csv:-".to_string(),
                    "io-error events.csv:-".to_string()
                ]
            )
        );
    }
}

/// Every file and directory below `root` with its size, modification time
/// and content.
fn tree(root: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime, Vec<u8>)> {
    let mut list = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let content = if meta.is_file() {
                fs::read(&path).unwrap()
            } else {
                if meta.is_dir() {
                    stack.push(path.clone());
                }
                Vec::new()
            };
            list.push((path, meta.len(), meta.modified().unwrap(), content));
        }
    }
    list.sort();
    list
}

#[test]
fn checking_never_writes_into_the_ledger() {
    let dir = ledger(&[
        (
            "education.csv",
            b"date,members\n45678,M1\n2025-03-03,M1;M2\n",
        ),
        (
            "notes.csv",
            "date,member,file\n2025-03-01,M1,笔记/一.txt\n".as_bytes(),
        ),
        ("笔记/一.txt", "学习笔记".as_bytes()),
        (
            "taizhang.toml",
            b"[ledger]\nyear = 2025\n[policy]\nstudy_day = 3\n",
        ),
    ]);
    let before = tree(dir.path());
    let path = dir.path().to_str().unwrap();
    for args in [
        vec!["check", path],
        vec!["check", path, "--format", "json", "--strict"],
        vec!["check", path, "--lang", "zh", "--show-personal"],
        vec!["rules", path],
        vec!["explain", "EDU01", path],
        vec!["report", path, "--format", "html"],
        vec!["report", path, "--format", "csv", "--org", "b1"],
    ] {
        taizhang(&args);
    }
    assert_eq!(tree(dir.path()), before);
}
