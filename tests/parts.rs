//! A large file read in parts, in parallel (the roll and the record
//! kinds), gives exactly what reading it whole gives: the same findings at the same places and the same
//! diagnostics at the same lines, whatever the cuts, the quoting, the line
//! ends, and the quotes and errors near a cut.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use proptest::prelude::*;
use taizhang::commands;
use taizhang::config::Config;
use taizhang::diag::Diags;
use taizhang::lang::Lang;
use taizhang::ledger::{self, LoadOptions};

const MEMBERS: usize = 30;

/// A small deterministic generator, so that one seed is one ledger.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// How the record files are written.
#[derive(Clone, Debug)]
struct Style {
    seed: u64,
    line_end: &'static str,
    /// Percent of cells quoted, and of rows with a defect.
    quoted: u64,
    defects: u64,
}

fn style() -> impl Strategy<Value = Style> {
    (
        any::<u64>(),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        0u64..60,
        0u64..8,
    )
        .prop_map(|(seed, line_end, quoted, defects)| Style {
            seed,
            line_end,
            quoted,
            defects,
        })
}

fn cell(rng: &mut Rng, style: &Style, text: &str) -> String {
    if rng.chance(style.quoted) || text.contains([',', '\n', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn date(rng: &mut Rng) -> String {
    format!("2025-{:02}-{:02}", rng.below(12) + 1, rng.below(28) + 1)
}

fn member(rng: &mut Rng) -> String {
    format!("M{}", rng.below(MEMBERS as u64) + 1)
}

/// A title: sometimes with a comma, a quote, or a line break inside.
fn title(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => "学习,讨论".to_string(),
        1 => "“两学一做”".to_string(),
        2 => "上半场\n下半场".to_string(),
        3 => "say \"hi\"".to_string(),
        _ => "专题学习".to_string(),
    }
}

/// One defect: a row that is wrong in a way the reader must report, or
/// whose tokens could fool a cut: a quote in the middle of a bare cell is
/// text, and a cut that took it for an opening quote would fall inside a
/// quoted cell further on.
fn defective(rng: &mut Rng, cells: &mut Vec<String>, after: &mut String) {
    match rng.below(5) {
        0 => cells[0] = "2025-02-30".to_string(),
        1 => cells.push("extra".to_string()),
        2 => after.push_str("\n\n"),
        3 => *cells.last_mut().expect("a row has cells") = "ab\"cd".to_string(),
        _ => cells.truncate(1),
    }
}

fn file(
    rng: &mut Rng,
    style: &Style,
    header: &str,
    rows: usize,
    row: &dyn Fn(&mut Rng) -> Vec<String>,
) -> String {
    let mut text = String::from("\u{FEFF}");
    text.push_str(header);
    text.push_str(style.line_end);
    for _ in 0..rows {
        let mut cells: Vec<String> = row(rng).iter().map(|c| cell(rng, style, c)).collect();
        let mut after = String::new();
        if rng.chance(style.defects) {
            defective(rng, &mut cells, &mut after);
        }
        write!(text, "{}{}{}", cells.join(","), after, style.line_end).unwrap();
    }
    text
}

fn write_ledger(dir: &Path, style: &Style) {
    let mut rng = Rng(style.seed);
    fs::write(
        dir.join("orgs.csv"),
        "id,name,parent,kind,sector\nc,县委,,county,\nb1,一支部,c,branch,agency\nb2,二支部,c,branch,village\n",
    )
    .unwrap();
    let mut members = String::from("id,name,org,leader\n");
    for i in 1..=MEMBERS {
        let leader = if i % 7 == 0 { "county" } else { "" };
        writeln!(members, "M{i},党员{i},b{},{leader}", i % 2 + 1).unwrap();
    }
    // The roll is read in parts too: an id again far below its first row
    // (in another part, which makes the roll be read whole), a row of an
    // unknown org.
    if rng.chance(50) {
        // Even ids are of b1, whose row is good (b2's sector is not).
        let id = 2 * (rng.below(MEMBERS as u64 / 6) + 1);
        writeln!(members, "M{id},重复,b1,").unwrap();
    }
    if rng.chance(50) {
        writeln!(members, "M{},无组织,b9,", MEMBERS + 1).unwrap();
    }
    fs::write(dir.join("members.csv"), members).unwrap();
    let education = file(
        &mut rng,
        style,
        "date,days,org,title,members",
        300,
        &|rng| {
            let attendees: Vec<String> = (0..rng.below(6) + 1).map(|_| member(rng)).collect();
            vec![
                date(rng),
                format!("{}", rng.below(2) + 1),
                "b1".into(),
                title(rng),
                attendees.join(";"),
            ]
        },
    );
    let notes = file(&mut rng, style, "date,member,chars,title", 400, &|rng| {
        vec![
            date(rng),
            member(rng),
            format!("{}", rng.below(3000)),
            title(rng),
        ]
    });
    let events = file(&mut rng, style, "date,org,kind,title", 200, &|rng| {
        let kind = ["branch_assembly", "committee_meeting", "party_lecture"][rng.below(3) as usize];
        vec![
            date(rng),
            format!("b{}", rng.below(2) + 1),
            kind.into(),
            title(rng),
        ]
    });
    let research = file(&mut rng, style, "member,start,end,place", 200, &|rng| {
        let start = date(rng);
        vec![member(rng), start.clone(), start, title(rng)]
    });
    fs::write(dir.join("education.csv"), education).unwrap();
    fs::write(dir.join("notes.csv"), notes).unwrap();
    fs::write(dir.join("events.csv"), events).unwrap();
    fs::write(dir.join("research.csv"), research).unwrap();
}

/// Every finding and diagnostic of a check, places included, in order.
fn outcome(dir: &Path, part_bytes: u64) -> Vec<String> {
    let mut diags = Diags::new(Lang::En);
    let config = Config::load(dir, &mut diags);
    let plan = commands::load_plan(&config, &[], false);
    let options = LoadOptions {
        year: 2025,
        strict: false,
        show_personal: false,
        part_bytes,
        progress: None,
    };
    let ledger = ledger::load(dir, &plan, options, &mut diags);
    let opened = commands::Opened {
        config,
        ledger,
        as_of: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        scope: None,
        diags,
    };
    let run = opened.run(&[], Lang::En);
    let mut lines: Vec<String> = run.findings.iter().map(|f| format!("{f:?}")).collect();
    lines.extend(opened.diags.iter().map(|d| format!("{d:?}")));
    lines.extend(
        opened
            .ledger
            .rows
            .iter()
            .map(|(kind, rows)| format!("{kind:?} {rows}")),
    );
    lines.sort();
    lines
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn a_file_read_in_parts_reads_as_whole(style in style(), part_bytes in 64u64..4096) {
        let dir = tempfile::tempdir().unwrap();
        write_ledger(dir.path(), &style);
        let whole = outcome(dir.path(), u64::MAX);
        prop_assert!(whole.len() > 20, "the ledger has findings: {whole:?}");
        prop_assert_eq!(outcome(dir.path(), part_bytes), whole);
    }
}

/// The roll cut small enough that every ledger's roll is read in parts: an
/// id that comes again in a later part is still said to be a duplicate.
#[test]
fn the_roll_read_in_parts_reads_as_whole() {
    let mut duplicates = 0;
    for seed in 0..12 {
        let style = Style {
            seed,
            line_end: "\n",
            quoted: 10,
            defects: 2,
        };
        let dir = tempfile::tempdir().unwrap();
        write_ledger(dir.path(), &style);
        let whole = outcome(dir.path(), u64::MAX);
        duplicates += whole.iter().any(|l| l.contains("DuplicateId")) as usize;
        for part_bytes in [64, 200] {
            assert_eq!(
                outcome(dir.path(), part_bytes),
                whole,
                "seed {seed}, {part_bytes}"
            );
        }
    }
    assert!(
        duplicates >= 3,
        "{duplicates} of the ledgers have a duplicate id"
    );
}
