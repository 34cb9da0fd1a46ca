//! An input error never invents a violation and never hides one silently
//! (SPEC §3). Each fault below is injected into a copy of the demo county:
//! every violation of the faulty ledger that the clean one lacks must be
//! uncertain, and every violation of the clean ledger that disappears must
//! be accounted for: still there but uncertain, its rule skipped, or its
//! subject listed as unchecked. A property test does the same for random
//! faults in random rows of every kind.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use encoding_rs::GB18030;
use proptest::prelude::*;
use taizhang::cli::LedgerArgs;
use taizhang::commands;
use taizhang::engine::Status;
use taizhang::lang::Lang;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo-county");

/// A violation: rule, org, member, period, record.
type Key = (
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
);

/// A subject not checked: rule (none: every rule), org, member, record.
#[derive(Debug)]
struct Unchecked {
    rule: Option<String>,
    /// The org and the orgs it lies under.
    orgs: Vec<String>,
    member: Option<String>,
    record: Option<String>,
}

#[derive(Debug, Default)]
struct Verdicts {
    violations: BTreeSet<Key>,
    uncertain: BTreeSet<Key>,
    skipped: BTreeSet<String>,
    unchecked: Vec<Unchecked>,
    /// Each org with the orgs above it, for unchecked orgs that cover
    /// their subtree.
    ancestry: Vec<(String, Vec<String>)>,
    errors: usize,
    warnings: usize,
}

fn verdicts(dir: &Path) -> Verdicts {
    verdicts_of(dir, &[])
}

/// The verdicts of the rules of `codes` (all when empty).
fn verdicts_of(dir: &Path, codes: &[String]) -> Verdicts {
    let args = LedgerArgs {
        dir: dir.to_path_buf(),
        year: Some("2025".into()),
        as_of: Some("2025-12-31".into()),
        org: None,
        strict: false,
        show_personal: false,
    };
    let opened =
        commands::open(&args, Lang::En, codes, |_, _| {}).unwrap_or_else(|d| panic!("{d:?}"));
    let run = opened.run(codes, Lang::En);
    let orgs = &opened.ledger.orgs;
    let org_id = |org: Option<u32>| org.map(|o| orgs.org(o).id.clone());
    let mut verdicts = Verdicts {
        errors: opened.diags.iter().filter(|d| d.is_error()).count(),
        warnings: opened.diags.iter().filter(|d| !d.is_error()).count(),
        ..Verdicts::default()
    };
    for finding in run
        .findings
        .iter()
        .filter(|f| f.severity == taizhang::rules::Severity::Violation)
    {
        let key = (
            finding.rule.clone(),
            org_id(finding.org),
            finding.member.clone(),
            finding.period.clone(),
            finding.record.clone(),
        );
        if finding.is_uncertain() {
            verdicts.uncertain.insert(key);
        } else {
            verdicts.violations.insert(key);
        }
    }
    for rule in &run.rules {
        if rule.status != Status::Evaluated {
            verdicts.skipped.insert(rule.meta.code.to_string());
        }
    }
    for entry in &run.unchecked {
        let orgs_of = match entry.org {
            Some(org) => orgs
                .ancestors(org)
                .map(|o| orgs.org(o).id.clone())
                .collect(),
            None => entry.org_id.iter().cloned().collect(),
        };
        verdicts.unchecked.push(Unchecked {
            rule: entry.rule.clone(),
            orgs: orgs_of,
            member: entry.member.clone(),
            record: entry.record.clone(),
        });
    }
    verdicts.ancestry = orgs
        .indices()
        .map(|o| {
            let up = orgs.ancestors(o).map(|a| orgs.org(a).id.clone()).collect();
            (orgs.org(o).id.clone(), up)
        })
        .collect();
    verdicts
}

impl Verdicts {
    /// Whether a violation of the clean ledger is accounted for here.
    fn accounts_for(&self, key: &Key) -> bool {
        let (rule, org, member, _, record) = key;
        if self.violations.contains(key)
            || self.uncertain.contains(key)
            || self.skipped.contains(rule)
        {
            return true;
        }
        let above = |org: &Option<String>| -> Vec<String> {
            org.as_ref()
                .and_then(|id| self.ancestry.iter().find(|(o, _)| o == id))
                .map_or_else(|| org.iter().cloned().collect(), |(_, up)| up.clone())
        };
        self.unchecked.iter().any(|u| {
            let rule_matches = u.rule.as_ref().is_none_or(|r| r == rule);
            let subject_matches = match (&u.member, &u.record, u.orgs.first()) {
                (Some(m), _, _) => member.as_ref() == Some(m),
                (None, Some(r), _) => record.as_ref() == Some(r),
                // An org covers what is in it.
                (None, None, Some(o)) => above(org).contains(o),
                (None, None, None) => true,
            };
            rule_matches && subject_matches
        })
    }
}

/// Every violation the faulty ledger adds must be uncertain; every one it
/// loses must be accounted for. Returns what is wrong, for the message. A
/// change that gives no input error is a change of what the ledger says,
/// not a fault, and the verdicts may follow it.
fn dishonesty(clean: &Verdicts, faulty: &Verdicts) -> Vec<String> {
    let mut wrong = Vec::new();
    if faulty.errors == 0 && faulty.warnings == clean.warnings {
        return wrong;
    }
    for key in faulty.violations.difference(&clean.violations) {
        wrong.push(format!("invented: {key:?}"));
    }
    for key in &clean.violations {
        if !faulty.accounts_for(key) {
            wrong.push(format!("hidden: {key:?}"));
        }
    }
    wrong
}

fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::util::copy_dir(Path::new(DEMO), dir.path());
    dir
}

/// A file's text: the demo keeps some files in GB18030, as Excel saves them.
fn read(dir: &Path, file: &str) -> String {
    let bytes = fs::read(dir.join(file)).unwrap();
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => GB18030.decode(error.as_bytes()).0.into_owned(),
    }
}

/// Writes `text` in the encoding the file has (a new file: UTF-8).
fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let gbk = fs::read(&path).is_ok_and(|bytes| std::str::from_utf8(&bytes).is_err());
    let bytes = if gbk {
        GB18030.encode(text).0.into_owned()
    } else {
        text.as_bytes().to_vec()
    };
    fs::write(path, bytes).unwrap();
}

/// The CSV file's rows as cells (no quoting in the demo's cells but where
/// a cell holds a comma, which `csv` handles).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn csv_text(rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// Replaces the cell of `row` (from 1, the header is 0) under the header
/// named `column` (English or Chinese) in a CSV file.
fn set_cell(dir: &Path, file: &str, row: usize, column: &[&str], value: &str) {
    let mut rows = csv_rows(&read(dir, file));
    let index = rows[0]
        .iter()
        .position(|h| column.contains(&h.trim()))
        .unwrap_or_else(|| panic!("{file} has a column {column:?}"));
    let row = row.min(rows.len() - 1).max(1);
    rows[row][index] = value.to_string();
    write(dir, file, &csv_text(&rows));
}

fn row_of(dir: &Path, file: &str, column: &[&str], value: &str) -> usize {
    let rows = csv_rows(&read(dir, file));
    let index = rows[0]
        .iter()
        .position(|h| column.contains(&h.trim()))
        .unwrap();
    rows.iter()
        .position(|r| r.get(index).is_some_and(|c| c == value))
        .unwrap_or_else(|| panic!("{file} has {value}"))
}

fn assert_honest(name: &str, fault: impl FnOnce(&Path)) {
    let clean = verdicts(Path::new(DEMO));
    let dir = demo_copy();
    fault(dir.path());
    let faulty = verdicts(dir.path());
    let wrong = dishonesty(&clean, &faulty);
    assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
}

#[test]
fn events_without_their_kind_column_skip_the_rules_that_count_events() {
    let clean = verdicts(Path::new(DEMO));
    let dir = demo_copy();
    let mut rows = csv_rows(&read(dir.path(), "events.csv"));
    let kind = rows[0].iter().position(|h| h == "类型").unwrap();
    for row in &mut rows {
        row.remove(kind);
    }
    write(dir.path(), "events.csv", &csv_text(&rows));
    let faulty = verdicts(dir.path());
    assert_eq!(dishonesty(&clean, &faulty), Vec::<String>::new());
    for code in ["EDU03", "EDU04", "EDU05", "MOB05", "RSP01", "SRV02", "X01"] {
        assert!(faulty.skipped.contains(code), "{code} is skipped");
    }
    assert!(faulty.errors > 0);
}

#[test]
fn an_unknown_leader_grade_unchecks_the_member_for_edu02_and_srv04_only() {
    let clean = verdicts(Path::new(DEMO));
    let dir = demo_copy();
    // M0006 is a county-level leader short of field research (SRV04).
    let row = row_of(dir.path(), "members.csv", &["党员编号"], "M0006");
    set_cell(dir.path(), "members.csv", row, &["领导职级"], "处级");
    let faulty = verdicts(dir.path());
    assert_eq!(dishonesty(&clean, &faulty), Vec::<String>::new());
    let mut rules: Vec<_> = faulty
        .unchecked
        .iter()
        .filter(|u| u.member.as_deref() == Some("M0006"))
        .map(|u| u.rule.clone().unwrap_or_default())
        .collect();
    rules.sort();
    assert_eq!(rules, ["EDU02", "SRV04"]);
}

#[test]
fn the_listed_faults_neither_invent_nor_hide() {
    type Fault = Box<dyn Fn(&Path)>;
    let faults: Vec<(&str, Fault)> = vec![
        (
            "an ID number Excel made a number",
            Box::new(|d: &Path| {
                let row = row_of(d, "members.csv", &["党员编号"], "M0010");
                set_cell(d, "members.csv", row, &["身份证号"], "4.11625E+17");
            }),
        ),
        (
            "days written 1,5",
            Box::new(|d: &Path| {
                let file = "education/01-县直机关工委.csv";
                let rows = csv_rows(&read(d, file));
                let days = rows[0].iter().position(|h| h == "天数" || h == "days");
                if days.is_some() {
                    set_cell(d, file, 2, &["天数", "days"], "1,5");
                }
            }),
        ),
        (
            "chars written 1500.5",
            Box::new(|d: &Path| set_cell(d, "notes.csv", 5, &["字数", "chars"], "1500.5")),
        ),
        (
            "a mentor whose roll row is left out",
            Box::new(|d: &Path| {
                let rows = csv_rows(&read(d, "appraisals.csv"));
                let mentor = rows[0]
                    .iter()
                    .position(|h| h == "帮带人" || h == "mentor")
                    .unwrap();
                let named = rows[1..]
                    .iter()
                    .find_map(|r| r.get(mentor).filter(|m| !m.is_empty()).cloned())
                    .unwrap();
                let row = row_of(d, "members.csv", &["党员编号"], &named);
                set_cell(d, "members.csv", row, &["所在党组织"], "NOSUCHORG");
            }),
        ),
        (
            "lone CR line ends",
            Box::new(|d: &Path| {
                let text = read(d, "members.csv")
                    .replace("\r\n", "\n")
                    .replace('\n', "\r");
                write(d, "members.csv", &text);
            }),
        ),
        (
            "one line of a UTF-8 file saved as GBK",
            Box::new(|d: &Path| {
                let text = read(d, "members.csv");
                let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
                let gbk = GB18030.encode(lines[3]).0.into_owned();
                let mut bytes = Vec::new();
                for (i, line) in lines.drain(..).enumerate() {
                    if i == 3 {
                        bytes.extend_from_slice(&gbk);
                    } else {
                        bytes.extend_from_slice(line.as_bytes());
                    }
                }
                fs::write(d.join("members.csv"), bytes).unwrap();
            }),
        ),
        (
            "a zero-width space in an attendee's id",
            Box::new(|d: &Path| {
                let file = "education/02-县教育系统党委.csv";
                let rows = csv_rows(&read(d, file));
                let column = rows[0]
                    .iter()
                    .position(|h| h == "参加人员" || h == "members")
                    .unwrap();
                let listed = rows[1][column].clone();
                set_cell(
                    d,
                    file,
                    1,
                    &["参加人员", "members"],
                    &format!("\u{200B}{listed}"),
                );
            }),
        ),
        (
            "a second [[cadence]] of one code",
            Box::new(|d: &Path| {
                let text = read(d, "taizhang.toml");
                let extra = "\n[[cadence]]\ncode = \"X01\"\nevent = \"theme_day\"\nat_least = 9\n";
                write(d, "taizhang.toml", &(text + extra));
            }),
        ),
        (
            "Excel's lock file and look-alike files",
            Box::new(|d: &Path| {
                write(d, "~$members.csv", "garbage");
                fs::copy(d.join("posts.csv"), d.join("posts.xlsx")).unwrap();
                fs::copy(d.join("visits.csv"), d.join("VISITS.CSV")).unwrap();
            }),
        ),
        (
            "a parent org's row left out",
            Box::new(|d: &Path| {
                let text = read(d, "orgs.toml");
                // The first committee's kind becomes unreadable.
                let text = text.replacen("kind = \"党委\"", "kind = \"党委会\"", 1);
                write(d, "orgs.toml", &text);
            }),
        ),
    ];
    let clean = verdicts(Path::new(DEMO));
    let mut failures = Vec::new();
    for (name, fault) in &faults {
        let dir = demo_copy();
        fault(dir.path());
        let faulty = verdicts(dir.path());
        let wrong = dishonesty(&clean, &faulty);
        if !wrong.is_empty() {
            failures.push(format!("{name}:\n  {}", wrong.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The CSV files of the demo, by kind, for the property test.
const CSV_FILES: &[&str] = &[
    "members.csv",
    "education/01-县直机关工委.csv",
    "education/03-城关镇党委.csv",
    "notes.csv",
    "mobile.csv",
    "contacts/东关村.csv",
    "events.csv",
    "visits.csv",
    "appraisals.csv",
    "posts.csv",
];

/// What a fault does to a cell (or a row).
#[derive(Clone, Debug)]
enum Fault {
    /// A value no column accepts as a date, a number, an id or a choice.
    Garbage,
    /// An impossible date.
    BadDate,
    /// An id of no one.
    UnknownId,
    /// A cell more (an unquoted comma).
    Ragged,
    /// The cell emptied.
    Emptied,
}

fn inject(dir: &Path, file: &str, row: usize, column: usize, fault: &Fault) {
    let mut rows = csv_rows(&read(dir, file));
    if rows.len() < 2 {
        return;
    }
    let row = 1 + row % (rows.len() - 1);
    let column = column % rows[0].len();
    // Any text is a member's id: another one in the roll's id column is a
    // member renamed, not an input error.
    if file == "members.csv" && column == 0 && !matches!(fault, Fault::Ragged | Fault::Emptied) {
        return;
    }
    match fault {
        Fault::Garbage => rows[row][column] = "?？两天".into(),
        Fault::BadDate => rows[row][column] = "2025-02-30".into(),
        Fault::UnknownId => rows[row][column] = "NOBODY".into(),
        Fault::Ragged => rows[row].push("多出一格".into()),
        Fault::Emptied => rows[row][column] = String::new(),
    }
    write(dir, file, &csv_text(&rows));
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        Just(Fault::Garbage),
        Just(Fault::BadDate),
        Just(Fault::UnknownId),
        Just(Fault::Ragged),
        Just(Fault::Emptied),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_random_fault_in_a_random_row_neither_invents_nor_hides(
        file in proptest::sample::select(CSV_FILES.to_vec()),
        row in 0usize..1000,
        column in 0usize..20,
        fault in fault(),
    ) {
        let clean = verdicts(Path::new(DEMO));
        let dir = demo_copy();
        inject(dir.path(), file, row, column, &fault);
        let faulty = verdicts(dir.path());
        let wrong = dishonesty(&clean, &faulty);
        prop_assert!(wrong.is_empty(), "{fault:?} in {file} row {row} column {column}:\n{}", wrong.join("\n"));
    }
}

#[test]
fn a_fault_in_each_kind_neither_invents_nor_hides() {
    let mut failures = Vec::new();
    let clean = verdicts(Path::new(DEMO));
    for file in CSV_FILES {
        for fault in [
            Fault::BadDate,
            Fault::UnknownId,
            Fault::Ragged,
            Fault::Garbage,
        ] {
            for column in 0..3 {
                let dir = demo_copy();
                inject(dir.path(), file, 7, column, &fault);
                let wrong = dishonesty(&clean, &verdicts(dir.path()));
                if !wrong.is_empty() {
                    failures.push(format!(
                        "{fault:?} in {file} column {column}:\n  {}",
                        wrong.join("\n  ")
                    ));
                }
            }
        }
    }
    // The TOML-only kinds: orgs and research.
    for (file, from, to) in [
        ("orgs.toml", "sector = \"农村\"", "sector = \"农田\""),
        ("research.toml", "start = 2025-", "start = 2025-13-"),
    ] {
        let dir = demo_copy();
        let text = read(dir.path(), file).replacen(from, to, 1);
        write(dir.path(), file, &text);
        let wrong = dishonesty(&clean, &verdicts(dir.path()));
        if !wrong.is_empty() {
            failures.push(format!("{file}:\n  {}", wrong.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A rule run alone (`--rule`, which reads only the kinds it needs)
/// judges as it does among all, on the demo county and with input errors.
#[test]
fn a_rule_run_alone_judges_as_among_all() {
    let dir = demo_copy();
    let file = "education/01-县直机关工委.csv";
    set_cell(dir.path(), file, 2, &["日期", "date"], "2025-02-30");
    set_cell(
        dir.path(),
        "contacts/东关村.csv",
        3,
        &["党员编号", "member"],
        "M9999",
    );
    for ledger in [Path::new(DEMO), dir.path()] {
        let all = verdicts(ledger);
        let codes: BTreeSet<String> = all
            .violations
            .iter()
            .map(|key| key.0.clone())
            .chain(all.skipped.iter().cloned())
            .collect();
        assert!(
            codes.len() >= 10,
            "the demo county violates many rules: {codes:?}"
        );
        for code in codes {
            let alone = verdicts_of(ledger, std::slice::from_ref(&code));
            let of_rule = |keys: &BTreeSet<Key>| -> BTreeSet<Key> {
                keys.iter().filter(|key| key.0 == code).cloned().collect()
            };
            assert_eq!(alone.violations, of_rule(&all.violations), "{code}");
            assert_eq!(alone.uncertain, of_rule(&all.uncertain), "{code}");
            assert_eq!(
                alone.skipped.contains(&code),
                all.skipped.contains(&code),
                "{code}"
            );
            let unchecked = |v: &Verdicts| -> Vec<String> {
                let mut list: Vec<String> = v
                    .unchecked
                    .iter()
                    .filter(|u| u.rule.as_ref().is_none_or(|r| *r == code))
                    .map(|u| format!("{u:?}"))
                    .collect();
                list.sort();
                list
            };
            assert_eq!(unchecked(&alone), unchecked(&all), "{code}");
        }
    }
}

#[test]
fn the_demo_county_is_clean() {
    let clean = verdicts(Path::new(DEMO));
    assert_eq!(clean.errors, 0);
    assert!(clean.uncertain.is_empty() && clean.unchecked.is_empty());
    assert_eq!(clean.violations.len(), 49);
    assert_honest("nothing", |_| {});
}
