//! Findings depend on what a ledger says, not on how it is written down:
//! the order of its rows, how a kind is split over the files of a `KIND/`
//! directory, whether a file is UTF-8 or GB18030, and whether its headers
//! are English or Chinese. Small random valid ledgers are written plainly
//! and in a random other way, and both must give the same findings.

use std::fs;
use std::path::Path;

use encoding_rs::GB18030;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use taizhang::cli::LedgerArgs;
use taizhang::commands;
use taizhang::lang::Lang;

/// One kind's rows, with its columns in English and Chinese.
#[derive(Clone, Debug)]
struct Table {
    kind: &'static str,
    columns: &'static [(&'static str, &'static str)],
    rows: Vec<Vec<String>>,
}

const ORG_COLUMNS: &[(&str, &str)] = &[
    ("id", "组织编号"),
    ("name", "组织名称"),
    ("parent", "上级组织"),
    ("kind", "组织类型"),
    ("sector", "单位类型"),
];
const MEMBER_COLUMNS: &[(&str, &str)] = &[
    ("id", "党员编号"),
    ("name", "姓名"),
    ("org", "所在党组织"),
    ("leader", "领导职级"),
    ("since", "转入日期"),
    ("until", "转出日期"),
];
const EDUCATION_COLUMNS: &[(&str, &str)] = &[
    ("date", "日期"),
    ("end", "结束日期"),
    ("days", "天数"),
    ("hours", "学时"),
    ("members", "参加人员"),
];
const NOTE_COLUMNS: &[(&str, &str)] =
    &[("date", "日期"), ("member", "党员编号"), ("chars", "字数")];
const RESEARCH_COLUMNS: &[(&str, &str)] = &[
    ("member", "党员编号"),
    ("start", "开始日期"),
    ("end", "结束日期"),
    ("place", "地点"),
];
const EVENT_COLUMNS: &[(&str, &str)] = &[("date", "日期"), ("org", "党组织"), ("kind", "类型")];
const MOBILE_COLUMNS: &[(&str, &str)] = &[
    ("member", "党员编号"),
    ("direction", "流向"),
    ("left_on", "外出时间"),
    ("returned_on", "返回时间"),
    ("destination", "流动去向"),
    ("certificate", "活动证编号"),
    ("liaison", "联系人"),
];
const CONTACT_COLUMNS: &[(&str, &str)] =
    &[("date", "日期"), ("member", "党员编号"), ("kind", "类型")];

const BRANCHES: [&str; 3] = ["b1", "b2", "b3"];

fn date() -> impl Strategy<Value = String> {
    (1u32..=12, 1u32..=28).prop_map(|(m, d)| format!("2025-{m:02}-{d:02}"))
}

fn optional<T: std::fmt::Debug + Clone>(
    strategy: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop_oneof![Just(None), strategy.prop_map(Some)]
}

fn ledger() -> impl Strategy<Value = Vec<Table>> {
    let sectors = select(vec!["agency", "institution", "rural", "community", ""]);
    let orgs = proptest::collection::vec(sectors, 3).prop_map(|sectors| {
        let mut rows = vec![vec![
            "c".into(),
            "示范县委".into(),
            String::new(),
            "county".into(),
            String::new(),
        ]];
        rows.push(vec![
            "k1".into(),
            "机关工委".into(),
            "c".into(),
            "committee".into(),
            "agency".into(),
        ]);
        for (i, sector) in sectors.into_iter().enumerate() {
            let parent = if i == 0 { "k1" } else { "c" };
            rows.push(vec![
                BRANCHES[i].into(),
                format!("第{i}支部"),
                parent.into(),
                "branch".into(),
                sector.into(),
            ]);
        }
        Table {
            kind: "orgs",
            columns: ORG_COLUMNS,
            rows,
        }
    });
    let member = (
        select(BRANCHES.to_vec()),
        select(vec!["", "none", "section", "county"]),
        optional(date()),
        optional(date()),
    );
    let members = proptest::collection::vec(member, 1..8).prop_map(|list| {
        let rows = list
            .into_iter()
            .enumerate()
            .map(|(i, (org, leader, since, until))| {
                // An until before since is an input error, not a variant.
                let (since, until) = match (since, until) {
                    (Some(s), Some(u)) if u < s => (Some(u), Some(s)),
                    pair => pair,
                };
                vec![
                    format!("M{i}"),
                    format!("党员{i}"),
                    org.to_string(),
                    leader.to_string(),
                    since.unwrap_or_default(),
                    until.unwrap_or_default(),
                ]
            })
            .collect();
        Table {
            kind: "members",
            columns: MEMBER_COLUMNS,
            rows,
        }
    });
    (orgs, members).prop_flat_map(|(orgs, members)| {
        let ids: Vec<String> = members.rows.iter().map(|r| r[0].clone()).collect();
        let n = ids.len();
        let attendees = subsequence(ids.clone(), 1..=n).prop_map(|ids| ids.join(";"));
        let length = prop_oneof![
            Just((String::new(), String::new(), String::new())),
            (1u32..=10).prop_map(|d| (
                String::new(),
                format!("{}", f64::from(d) / 2.0),
                String::new()
            )),
            (1u32..=16).prop_map(|h| (String::new(), String::new(), h.to_string())),
            (1u32..=6).prop_map(|d| (
                format!("2025-12-{:02}", 20 + d),
                String::new(),
                String::new()
            )),
        ];
        let education =
            proptest::collection::vec((date(), length, attendees), 0..8).prop_map(|rows| Table {
                kind: "education",
                columns: EDUCATION_COLUMNS,
                rows: rows
                    .into_iter()
                    .map(|(date, (end, days, hours), members)| {
                        // An end date is only generated for sessions in late December.
                        let date = if end.is_empty() {
                            date
                        } else {
                            "2025-12-20".into()
                        };
                        vec![date, end, days, hours, members]
                    })
                    .collect(),
            });
        let member = select(ids.clone());
        let notes = proptest::collection::vec((date(), member.clone(), 1u32..20_000), 0..8)
            .prop_map(|rows| Table {
                kind: "notes",
                columns: NOTE_COLUMNS,
                rows: rows
                    .into_iter()
                    .map(|(d, m, c)| vec![d, m, c.to_string()])
                    .collect(),
            });
        let research = proptest::collection::vec((member.clone(), date(), 0u32..40), 0..5)
            .prop_map(|rows| Table {
                kind: "research",
                columns: RESEARCH_COLUMNS,
                rows: rows
                    .into_iter()
                    .map(|(m, start, len)| {
                        let first = chrono::NaiveDate::parse_from_str(&start, "%Y-%m-%d").unwrap();
                        let last = (first + chrono::Duration::days(i64::from(len))).to_string();
                        vec![m, start, last, "村里".into()]
                    })
                    .collect(),
            });
        let org = select(vec!["c", "k1", "b1", "b2", "b3"]);
        let kind = select(vec![
            "branch_assembly",
            "支委会",
            "party_lecture",
            "special_study",
            "written_report",
            "plenary_report",
            "inspection",
            "reception_day",
        ]);
        let events = proptest::collection::vec((date(), org, kind), 0..12).prop_map(|rows| Table {
            kind: "events",
            columns: EVENT_COLUMNS,
            rows: rows
                .into_iter()
                .map(|(d, o, k)| vec![d, o.into(), k.into()])
                .collect(),
        });
        let away = (
            member.clone(),
            optional(date()),
            optional(date()),
            any::<bool>(),
            optional(member.clone()),
        );
        let mobile = proptest::collection::vec(away, 0..4).prop_map(|rows| Table {
            kind: "mobile",
            columns: MOBILE_COLUMNS,
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, (m, left, back, registered, liaison))| {
                    let (left, back) = match (left, back) {
                        (Some(l), Some(b)) if b < l => (Some(b), Some(l)),
                        pair => pair,
                    };
                    let (destination, certificate) = if registered {
                        ("广东省深圳市".to_string(), format!("410101-2025-{i:04}"))
                    } else {
                        (String::new(), String::new())
                    };
                    vec![
                        m,
                        "out".into(),
                        left.unwrap_or_default(),
                        back.unwrap_or_default(),
                        destination,
                        certificate,
                        liaison.unwrap_or_default(),
                    ]
                })
                .collect(),
        });
        let contacts =
            proptest::collection::vec((date(), member, select(vec!["contact", "汇报"])), 0..6)
                .prop_map(|rows| Table {
                    kind: "contacts",
                    columns: CONTACT_COLUMNS,
                    rows: rows
                        .into_iter()
                        .map(|(d, m, k)| vec![d, m, k.into()])
                        .collect(),
                });
        (
            Just(orgs),
            Just(members),
            education,
            notes,
            research,
            events,
            mobile,
            contacts,
        )
            .prop_map(
                |(orgs, members, education, notes, research, events, mobile, contacts)| {
                    vec![
                        orgs, members, education, notes, research, events, mobile, contacts,
                    ]
                },
            )
    })
}

/// How a ledger is written down.
#[derive(Clone, Debug, Default)]
struct Form {
    /// Each kind's rows in this order (indices taken modulo the row count).
    shuffle: Vec<usize>,
    /// Kinds written as a `KIND/` directory of two files, split at the row
    /// of this index (modulo the row count).
    split: Option<usize>,
    chinese_headers: bool,
    gb18030: bool,
}

fn form() -> impl Strategy<Value = Form> {
    (
        proptest::collection::vec(0usize..64, 0..16),
        optional(0usize..64),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(shuffle, split, chinese_headers, gb18030)| Form {
            shuffle,
            split,
            chinese_headers,
            gb18030,
        })
}

fn csv(table: &Table, rows: &[Vec<String>], form: &Form) -> Vec<u8> {
    let header: Vec<&str> = table
        .columns
        .iter()
        .map(|(en, zh)| if form.chinese_headers { *zh } else { *en })
        .collect();
    let mut text = header.join(",") + "\n";
    for row in rows {
        text.push_str(&row.join(","));
        text.push('\n');
    }
    if form.gb18030 {
        GB18030.encode(&text).0.into_owned()
    } else {
        text.into_bytes()
    }
}

fn write(dir: &Path, tables: &[Table], form: &Form) {
    for table in tables {
        let mut rows = table.rows.clone();
        // A permutation built by swaps, so that any order can come out.
        for (i, &j) in form.shuffle.iter().enumerate() {
            if !rows.is_empty() {
                let len = rows.len();
                rows.swap(i % len, j % len);
            }
        }
        match form.split {
            Some(at) if !rows.is_empty() => {
                let at = at % (rows.len() + 1);
                let kind_dir = dir.join(table.kind);
                fs::create_dir_all(kind_dir.join("分所")).unwrap();
                fs::write(kind_dir.join("a.csv"), csv(table, &rows[..at], form)).unwrap();
                fs::write(kind_dir.join("分所/b.csv"), csv(table, &rows[at..], form)).unwrap();
            }
            _ => fs::write(
                dir.join(format!("{}.csv", table.kind)),
                csv(table, &rows, form),
            )
            .unwrap(),
        }
    }
}

/// Every finding of a check of `dir`, with its org by id and without its
/// location (which is what changes), and every diagnostic code.
fn findings(dir: &Path) -> (Vec<String>, Vec<String>) {
    let args = LedgerArgs {
        dir: dir.to_path_buf(),
        year: Some("2025".into()),
        as_of: Some("2025-12-31".into()),
        org: None,
        strict: false,
        show_personal: false,
    };
    let opened =
        commands::open(&args, Lang::En, &[], |_, _| {}).unwrap_or_else(|d| panic!("{d:?}"));
    let run = opened.run(&[], Lang::En);
    let ledger = &opened.ledger;
    let lines = run
        .findings
        .iter()
        .map(|f| {
            let org = f.org.map(|o| ledger.orgs.org(o).id.clone());
            format!(
                "{} {:?} {org:?} {:?} {} {:?} {:?} {:?} {}",
                f.rule, f.severity, f.member, f.period, f.record, f.expected, f.actual, f.message
            )
        })
        .collect();
    let diagnostics = opened
        .diags
        .iter()
        .map(|d| format!("{} {}", d.code.as_str(), d.message))
        .collect();
    (lines, diagnostics)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn findings_do_not_depend_on_how_the_ledger_is_written(tables in ledger(), form in form()) {
        let plain = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        write(plain.path(), &tables, &Form::default());
        write(other.path(), &tables, &form);
        let (expected, diagnostics) = findings(plain.path());
        prop_assert!(diagnostics.is_empty(), "the generated ledger is valid: {diagnostics:?}");
        let (found, diagnostics) = findings(other.path());
        prop_assert!(diagnostics.is_empty(), "{diagnostics:?}");
        prop_assert_eq!(found, expected);
    }
}
