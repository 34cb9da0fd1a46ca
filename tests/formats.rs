//! The same logical ledger stored as CSV, as TOML, split over `KIND/`
//! directories, and as GB18030 CSV with Chinese headers, Chinese enumeration
//! values and Chinese dates gives identical findings.

use std::fs;
use std::path::Path;

use crate::util::{check_json, diagnostic_lines, finding_lines};

/// A kind's rows. A cell `en|中文` is an enumeration value with its Chinese
/// spelling; a cell with `;` is a list.
struct Table {
    kind: &'static str,
    columns: &'static [(&'static str, &'static str)],
    rows: &'static [&'static [&'static str]],
}

const TABLES: &[Table] = &[
    Table {
        kind: "orgs",
        columns: &[
            ("id", "组织编号"),
            ("name", "组织名称"),
            ("parent", "上级组织"),
            ("kind", "组织类型"),
            ("sector", "单位类型"),
        ],
        rows: &[
            &["c", "示范县委", "", "county|县委", ""],
            &["g", "机关工委", "c", "committee|党工委", "agency|机关"],
            &["b1", "财政局支部", "g", "branch|党支部", ""],
            &["v", "东镇党委", "c", "committee|党委", "rural|农村"],
            &["b2", "东村支部", "v", "branch|党支部", ""],
        ],
    },
    Table {
        kind: "members",
        columns: &[
            ("id", "党员编号"),
            ("name", "姓名"),
            ("org", "所在党组织"),
            ("leader", "领导职级"),
            ("roles", "党内职务"),
            ("since", "转入日期"),
            ("until", "转出日期"),
            ("status", "党籍状态"),
            ("phone", "联系电话"),
        ],
        rows: &[
            &[
                "M1",
                "张一",
                "b1",
                "county|县级",
                "secretary|书记",
                "",
                "",
                "full|正式党员",
                "13812345678",
            ],
            &[
                "M2",
                "李二",
                "b1",
                "section|科级",
                "committee|支委",
                "2025-07-01",
                "",
                "full|正式党员",
                "",
            ],
            &[
                "M3",
                "王三",
                "b2",
                "none|无",
                "",
                "",
                "",
                "full|正式党员",
                "",
            ],
            &[
                "M4",
                "赵四",
                "b2",
                "none|无",
                "",
                "",
                "",
                "probationary|预备党员",
                "",
            ],
            &[
                "M5",
                "钱五",
                "b2",
                "none|无",
                "committee|支委",
                "",
                "2025-06-30",
                "full|正式党员",
                "",
            ],
        ],
    },
    Table {
        kind: "education",
        columns: &[
            ("date", "日期"),
            ("end", "结束日期"),
            ("days", "天数"),
            ("hours", "学时"),
            ("members", "参加人员"),
        ],
        rows: &[
            &["2025-03-03", "2025-03-07", "", "", "M1;M2;M3"],
            &["2025-04-01", "", "", "16", "M1;M4"],
            &["2025-09-01", "", "1.5", "", "M3;M5"],
        ],
    },
    Table {
        kind: "notes",
        columns: &[("date", "日期"), ("member", "党员编号"), ("chars", "字数")],
        rows: &[
            &["2025-05-01", "M1", "20000"],
            &["2025-05-02", "M3", "16000"],
            &["2024-12-31", "M2", "9000"],
        ],
    },
    Table {
        kind: "research",
        columns: &[
            ("member", "党员编号"),
            ("start", "开始日期"),
            ("end", "结束日期"),
        ],
        rows: &[
            &["M1", "2024-12-28", "2025-01-05"],
            &["M1", "2025-03-01", "2025-03-31"],
            &["M2", "2025-08-01", "2025-08-10"],
        ],
    },
    Table {
        kind: "mobile",
        columns: &[
            ("member", "党员编号"),
            ("direction", "流向"),
            ("left_on", "外出时间"),
            ("returned_on", "返回时间"),
            ("destination", "流动去向"),
            ("employer", "从业单位"),
            ("residence", "居住地点"),
            ("phone", "联系方式"),
            ("certificate", "活动证编号"),
            ("liaison", "联系人"),
            ("org", "编入党组织"),
            ("occupation", "职业"),
            ("education_level", "学历"),
            ("verified_on", "查验日期"),
            ("arrived_on", "流入时间"),
        ],
        rows: &[
            &[
                "M3",
                "out|流出",
                "2025-02-10",
                "",
                "广东",
                "电子厂",
                "东莞",
                "13900000000",
                "411625-2025-0001",
                "M5",
                "",
                "",
                "",
                "",
                "",
            ],
            &[
                "L1",
                "in|流入",
                "",
                "",
                "",
                "五金厂",
                "县城",
                "13700000000",
                "",
                "",
                "b2",
                "工人",
                "高中",
                "",
                "2025-01-15",
            ],
        ],
    },
    Table {
        kind: "contacts",
        columns: &[("date", "日期"), ("member", "党员编号"), ("kind", "类型")],
        rows: &[
            &["2025-03-15", "M3", "contact|联系"],
            &["2025-04-30", "M3", "report|汇报"],
            &["2025-06-01", "M3", "contact|联系"],
        ],
    },
    Table {
        kind: "events",
        columns: &[
            ("date", "日期"),
            ("org", "党组织"),
            ("kind", "类型"),
            ("member", "党员编号"),
        ],
        rows: &[
            &["2025-03-31", "b1", "branch_assembly|支部党员大会", ""],
            &["2025-06-01", "b2", "party_lecture|党课", ""],
            &["2025-05-01", "g", "special_study|专题研究", ""],
            &["2025-06-01", "g", "reception_day|接待日", ""],
            &["2025-07-01", "b2", "cert_audit|活动证审核", "M3"],
            &["2025-11-01", "c", "plenary_report|全委会报告", ""],
        ],
    },
    Table {
        kind: "visits",
        columns: &[
            ("id", "编号"),
            ("date", "来访日期"),
            ("org", "党组织"),
            ("matter", "事由"),
            ("received_by", "接待人"),
            ("disposition", "办理结果"),
            ("referred_to", "转办单位"),
            ("closed_on", "办结日期"),
        ],
        rows: &[
            &[
                "V1",
                "2025-03-01",
                "g",
                "低保",
                "张一",
                "resolved|已解决",
                "",
                "2025-03-31",
            ],
            &[
                "V2",
                "2025-04-01",
                "g",
                "修路",
                "张一",
                "referred|已转办",
                "",
                "2025-04-05",
            ],
        ],
    },
    Table {
        kind: "appraisals",
        columns: &[
            ("year", "年度"),
            ("member", "党员编号"),
            ("grade", "评议等次"),
            ("mentor", "帮带人"),
        ],
        rows: &[
            &["2025", "M1", "excellent|优秀", ""],
            &["2025", "M3", "basically_qualified|基本合格", "M1"],
        ],
    },
    Table {
        kind: "posts",
        columns: &[
            ("year", "年度"),
            ("member", "党员编号"),
            ("post", "岗位"),
            ("duty", "职责"),
            ("goal", "目标"),
        ],
        rows: &[&["2025", "M3", "卫生监督岗", "监督村容", "全年无垃圾堆"]],
    },
];

/// How a cell is written in one storage form.
#[derive(Clone, Copy)]
struct Style {
    chinese: bool,
}

fn cell(value: &str, style: Style) -> String {
    let value = match value.split_once('|') {
        Some((english, chinese)) => {
            if style.chinese {
                chinese
            } else {
                english
            }
        }
        None => value,
    };
    if !style.chinese {
        return value.to_string();
    }
    if value.contains(';') {
        return value.replace(';', "、");
    }
    match chinese_date(value) {
        Some(date) => date,
        None => value.to_string(),
    }
}

fn chinese_date(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 || !value.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return None;
    }
    Some(format!(
        "{year}年{}月{}日",
        month.trim_start_matches('0'),
        day.trim_start_matches('0')
    ))
}

fn csv(table: &Table, rows: &[&[&str]], style: Style) -> String {
    let header: Vec<&str> = table
        .columns
        .iter()
        .map(|(en, zh)| if style.chinese { *zh } else { *en })
        .collect();
    let mut text = header.join(",") + "\n";
    for row in rows {
        let cells: Vec<String> = row.iter().map(|v| cell(v, style)).collect();
        text += &(cells.join(",") + "\n");
    }
    text
}

fn toml(table: &Table, rows: &[&[&str]]) -> String {
    let mut text = String::new();
    for row in rows {
        text += &format!("[[{}]]\n", table.kind);
        for ((column, _), value) in table.columns.iter().zip(row.iter()) {
            let value = cell(value, Style { chinese: false });
            if value.is_empty() {
                continue;
            }
            let literal = if value.contains(';') {
                let items: Vec<String> = value.split(';').map(|item| format!("{item:?}")).collect();
                format!("[{}]", items.join(", "))
            } else if chinese_date(&value).is_some()
                || (value.parse::<f64>().is_ok() && !column.contains("phone"))
            {
                value // a native TOML date or number
            } else {
                format!("{value:?}")
            };
            text += &format!("{column} = {literal}\n");
        }
        text += "\n";
    }
    text
}

fn write_ledger(dir: &Path, form: &str) {
    fs::create_dir_all(dir).unwrap();
    for table in TABLES {
        let rows = table.rows;
        match form {
            "csv" => fs::write(
                dir.join(format!("{}.csv", table.kind)),
                csv(table, rows, Style { chinese: false }),
            )
            .unwrap(),
            "toml" => {
                fs::write(dir.join(format!("{}.toml", table.kind)), toml(table, rows)).unwrap()
            }
            "split" => {
                // The first row in KIND.csv, the rest spread over KIND/ as CSV and TOML.
                fs::write(
                    dir.join(format!("{}.csv", table.kind)),
                    csv(table, &rows[..1], Style { chinese: false }),
                )
                .unwrap();
                let sub = dir.join(table.kind).join("branch-b");
                fs::create_dir_all(&sub).unwrap();
                let half = 1 + (rows.len() - 1) / 2;
                fs::write(
                    dir.join(table.kind).join("a.csv"),
                    csv(table, &rows[1..half], Style { chinese: false }),
                )
                .unwrap();
                fs::write(sub.join("b.toml"), toml(table, &rows[half..])).unwrap();
            }
            "gbk" => {
                let text = csv(table, rows, Style { chinese: true });
                let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
                assert!(!unmappable);
                fs::write(dir.join(format!("{}.csv", table.kind)), bytes).unwrap();
            }
            other => unreachable!("no form {other}"),
        }
    }
}

#[test]
fn every_storage_form_gives_identical_findings() {
    let temp = tempfile::tempdir().unwrap();
    let mut results = Vec::new();
    for form in ["csv", "toml", "split", "gbk"] {
        let dir = temp.path().join(form);
        write_ledger(&dir, form);
        let (json, code) = check_json([
            dir.to_str().unwrap(),
            "--year",
            "2025",
            "--as-of",
            "2025-12-31",
        ]);
        assert_eq!(
            diagnostic_lines(&json),
            Vec::<String>::new(),
            "{form} gives no diagnostics"
        );
        results.push((form, finding_lines(&json), code));
    }
    let (_, reference, code) = &results[0];
    assert_eq!(*code, 1);
    assert!(
        reference.len() >= 10,
        "the ledger exercises many rules: {reference:#?}"
    );
    for (form, findings, form_code) in &results[1..] {
        assert_eq!(findings, reference, "{form} differs from csv");
        assert_eq!(form_code, code);
    }
}
