//! `填写说明.md`, the filling-in guide `taizhang init` writes into a new
//! ledger (and `data-templates/` keeps): for every kind its file and sheet
//! names, and for every column its Chinese header, English name, whether
//! it is required, what it holds and the values it takes. Generated from
//! the kinds' column tables and the enumerations of `ledger::vocabulary`;
//! only what a column holds is written here by hand, in [`HOLDS`], which a
//! test keeps to the columns there are.

use std::fmt::Write as _;

use crate::ledger::Kind;
use crate::ledger::columns::{Column, Personal};
use crate::ledger::discover::EXAMPLE_DIR;
use crate::ledger::vocabulary::{self, Enumeration};

/// The guide's file name, in a new ledger and in `data-templates/`.
pub const GUIDE_FILE: &str = crate::ledger::discover::GUIDE_FILE;

/// The ways a date may be written; a test reads each of them as 2025-03-05.
pub const DATE_FORMS: &[&str] = &[
    "2025-03-05",
    "2025/3/5",
    "2025.3.5",
    "2025年3月5日",
    "2025/3/5 14:30",
];

/// What each column holds, by kind and English name.
const HOLDS: &[(Kind, &str, &str)] = &[
    (
        Kind::Orgs,
        "id",
        "党组织的编号，在本台账中唯一；其他各类台账用它指称这个组织",
    ),
    (Kind::Orgs, "name", "党组织的名称"),
    (
        Kind::Orgs,
        "parent",
        "上级党组织的编号；根组织（最上级的组织，如县委）不填，全台账只有一个根组织",
    ),
    (Kind::Orgs, "kind", "党组织的类型"),
    (
        Kind::Orgs,
        "sector",
        "所在单位的类型；不填则同上级组织，根组织不填为“其他”",
    ),
    (
        Kind::Members,
        "id",
        "党员的编号，在本台账中唯一；其他各类台账用它指称这名党员",
    ),
    (Kind::Members, "name", "党员的姓名"),
    (
        Kind::Members,
        "org",
        "所在党组织的编号（组织台账中的组织编号）",
    ),
    (Kind::Members, "leader", "领导干部的职级；不填为“无”"),
    (
        Kind::Members,
        "roles",
        "党内职务；书记、副书记同时算支部委员；一般党员不填",
    ),
    (
        Kind::Members,
        "sector",
        "党员本人单位的类型，与所在党组织不同时填写；不填则同所在党组织",
    ),
    (
        Kind::Members,
        "since",
        "转入本组织的日期；不填为年初以前即在册",
    ),
    (
        Kind::Members,
        "until",
        "转出的日期；不填为仍在册（转入、转出当天都算在册）",
    ),
    (Kind::Members, "status", "党籍状态；不填为正式党员"),
    (Kind::Members, "phone", "联系电话"),
    (
        Kind::Members,
        "id_number",
        "18 位身份证号；在 Excel 中须设为文本格式，否则末几位会丢失",
    ),
    (
        Kind::Mobile,
        "member",
        "流动党员的党员编号；流出党员须在党员名册中，流入党员可不在",
    ),
    (
        Kind::Mobile,
        "direction",
        "流出（本组织党员外出）还是流入（外地党员来本地）",
    ),
    (Kind::Mobile, "name", "姓名；流入党员不在党员名册中时填写"),
    (
        Kind::Mobile,
        "left_on",
        "流出党员外出的日期；不填为年初以前已外出",
    ),
    (
        Kind::Mobile,
        "returned_on",
        "流出党员返回的日期；不填为仍在外",
    ),
    (Kind::Mobile, "destination", "流出党员的去向（省、市、县）"),
    (Kind::Mobile, "employer", "从业单位"),
    (Kind::Mobile, "residence", "现居住地点"),
    (Kind::Mobile, "phone", "联系方式"),
    (Kind::Mobile, "certificate", "流动党员活动证的编号"),
    (
        Kind::Mobile,
        "liaison",
        "负责联系这名流出党员的党员的编号（不能是本人）",
    ),
    (
        Kind::Mobile,
        "org",
        "流入党员所在或编入的党组织的编号（组织台账中须有）",
    ),
    (Kind::Mobile, "home_org", "流入党员的流出地党组织"),
    (Kind::Mobile, "occupation", "流入党员的职业"),
    (Kind::Mobile, "education_level", "流入党员的学历"),
    (Kind::Mobile, "verified_on", "查验流入党员组织关系的日期"),
    (Kind::Mobile, "arrived_on", "流入的日期；不填为年初"),
    (
        Kind::Mobile,
        "departed_on",
        "流入党员离开的日期；不填为仍在本地",
    ),
    (
        Kind::Education,
        "date",
        "集体教育的日期，多日的为第一天；计入这一天所在的年度",
    ),
    (
        Kind::Education,
        "end",
        "多日的集体教育的最后一天；不填为当天",
    ),
    (
        Kind::Education,
        "days",
        "天数；填了就按它计算，不填则看学时；都不填则数从日期到结束日期的工作日（周末、节假日不算；全在休息日的按天数算）",
    ),
    (
        Kind::Education,
        "hours",
        "学时；不填天数时按学时 ÷ 8（taizhang.toml 的 hours_per_day）折合天数",
    ),
    (Kind::Education, "members", "参加人员的党员编号"),
    (Kind::Education, "topic", "主题"),
    (Kind::Education, "org", "组织单位（党组织编号）"),
    (Kind::Notes, "date", "笔记的日期；计入这一天所在的年度"),
    (Kind::Notes, "member", "写笔记的党员的编号"),
    (Kind::Notes, "chars", "笔记的字数；与“文件”至少填一项"),
    (
        Kind::Notes,
        "file",
        "笔记文本文件的路径（相对于台账目录，须在台账目录内），按文件中的字数计算",
    ),
    (Kind::Notes, "title", "笔记的标题"),
    (Kind::Research, "member", "下基层调研的领导干部的党员编号"),
    (Kind::Research, "start", "调研的第一天"),
    (
        Kind::Research,
        "end",
        "调研的最后一天；当天往返的与开始日期相同",
    ),
    (Kind::Research, "place", "调研的地点"),
    (Kind::Research, "topic", "调研的主题"),
    (Kind::Contacts, "date", "联系或汇报的日期"),
    (Kind::Contacts, "member", "流动党员的党员编号"),
    (
        Kind::Contacts,
        "kind",
        "组织联系党员，还是党员向组织汇报；不填为联系",
    ),
    (Kind::Contacts, "by", "联系人"),
    (Kind::Contacts, "method", "联系方式，如电话、微信、走访"),
    (Kind::Contacts, "summary", "联系或汇报的内容"),
    (Kind::Events, "date", "活动的日期"),
    (
        Kind::Events,
        "org",
        "开展活动的党组织的编号；督促检查填被检查的组织",
    ),
    (Kind::Events, "kind", "活动的类型"),
    (
        Kind::Events,
        "member",
        "活动涉及的党员的编号，如活动证审核的流动党员；其他活动不填",
    ),
    (Kind::Events, "title", "活动的名称"),
    (Kind::Events, "place", "活动的地点"),
    (Kind::Visits, "id", "来访登记的编号，在本台账中唯一"),
    (Kind::Visits, "date", "来访的日期"),
    (Kind::Visits, "org", "接待来访的党组织的编号"),
    (Kind::Visits, "visitor", "来访人"),
    (Kind::Visits, "matter", "来访的事由"),
    (Kind::Visits, "received_by", "接待人"),
    (
        Kind::Visits,
        "disposition",
        "办理结果；办理中的，来访满 30 天（taizhang.toml 的 visit_max_open_days）仍未办结即不合规",
    ),
    (Kind::Visits, "referred_to", "转办的单位；已转办的须填写"),
    (Kind::Visits, "closed_on", "办结的日期；须在来访后 30 天内"),
    (Kind::Appraisals, "year", "民主评议的年度，如 2025"),
    (Kind::Appraisals, "member", "参加评议的党员的编号"),
    (Kind::Appraisals, "grade", "评议等次"),
    (
        Kind::Appraisals,
        "mentor",
        "帮带人的党员编号；基本合格、不合格的须有帮带人（支部委员或评为优秀的党员）",
    ),
    (Kind::Posts, "year", "年度，如 2025"),
    (Kind::Posts, "member", "农村无职党员的党员编号"),
    (Kind::Posts, "post", "设定的岗位"),
    (Kind::Posts, "duty", "岗位的职责"),
    (Kind::Posts, "goal", "全年的目标"),
];

fn holds(kind: Kind, column: &str) -> &'static str {
    HOLDS
        .iter()
        .find(|(k, c, _)| *k == kind && *c == column)
        .map_or("", |(_, _, holds)| holds)
}

/// What kind of value a column takes, as the guide names it.
fn value_type(kind: Kind, column: &Column, enumeration: Option<&Enumeration>) -> &'static str {
    let name = column.name;
    if super::template::DATES.contains(&name) {
        "日期"
    } else if matches!(name, "chars" | "year") {
        "整数"
    } else if super::template::NUMBERS.contains(&name) {
        "数字"
    } else if enumeration.is_some_and(|e| e.list) || (kind, name) == (Kind::Education, "members") {
        "多项"
    } else if enumeration.is_some() {
        "选项"
    } else {
        "文字"
    }
}

/// The values of an enumeration in Chinese: each value's first Chinese
/// spelling, the others in brackets.
fn values(enumeration: &Enumeration) -> String {
    let mut cells: Vec<String> = enumeration
        .values
        .iter()
        .map(|&(english, chinese)| match chinese {
            [] => english.to_string(),
            [first] => first.to_string(),
            [first, others @ ..] => format!("{first}（也可写 {}）", others.join("、")),
        })
        .collect();
    if enumeration.open {
        cells.push("taizhang.toml 的 [[cadence]] 规则自定的类型".to_string());
    }
    cells.join("；")
}

const INTRO: &str = "\
# 填写说明

本文件由 `taizhang init` 写出，根据程序中各类台账的列定义生成，与 `taizhang columns` 命令列出的内容一致。\
下面逐类列出每一列：表头、英文名、是否必填、值的类型、填写内容和可填的值。

";

/// `填写说明.md`.
pub fn markdown() -> String {
    let mut text = String::from(INTRO);
    let _ = writeln!(
        text,
        "`{EXAMPLE_DIR}/` 文件夹中是一个填好的小台账（一个党支部、三名党员，每类台账一行），可以对照着填写，\
         也可以用 `taizhang check {EXAMPLE_DIR}` 看检查结果是什么样子。检查本台账时不读取 `{EXAMPLE_DIR}/` 文件夹和本文件，\
         示例中的行不计入任何统计。"
    );
    text.push_str("\n## 通用规则\n\n");
    let rules = [
        "**文件**：每类台账一个 CSV 文件（如 `orgs.csv`），或工作簿中的一个工作表（如“组织”）；文件名和工作表名见各类的标题下。\
         一类台账也可以分成多个文件，放在以类别命名的文件夹中（如 `members/`），各支部一个文件。\
         CSV 文件在 Excel 中用“另存为 → CSV UTF-8（逗号分隔）”保存。".to_string(),
        "**必须有的台账**：组织（orgs）和党员（members）。其他各类没有时，用到它的规则不检查，并在结果中注明。".to_string(),
        "**表头**：用下表中的中文表头或英文名都可以，列的顺序不限；下表没有的列不读取。\
         其他系统导出的表头写法见 `taizhang columns 类别`。".to_string(),
        "**必填**：标“是”的列每行都要填写；缺了这一行不计入，并报告在哪一行。".to_string(),
        format!(
            "**日期**：可以写作 {}（可带时间）；全角数字也可以。\
             在 Excel 中把日期列设为日期格式：显示为 45678 这样的数字的是 Excel 的日期序号，不被接受。",
            DATE_FORMS
                .iter()
                .map(|form| format!("`{form}`"))
                .collect::<Vec<_>>()
                .join("、")
        ),
        "**数字**：天数、学时可以有小数，字数、年度是整数；字数可写千位分隔符（`15,000`）。".to_string(),
        "**多项**：一格中的多项以 `;`、`；` 或 `、` 分隔，如 `M001、M002、M003`。".to_string(),
        "**选项**：填下表“可填的值”中的写法：每项的第一个是标准写法，括号中的写法也认，英文值（`taizhang columns` 列出）也认。".to_string(),
        "**编号**：党员编号、组织编号在各类台账中要写得完全一致。身份证号、电话在 Excel 中设为文本格式。".to_string(),
        "**个人信息**：联系电话、身份证号在检查结果和报告中遮盖显示（如 `138****5678`）。".to_string(),
        "**节假日**：按日期计算工作日时，国务院办公厅 2024、2025、2026 年的节假日安排已内置；其他年份在 `taizhang.toml` 的 `[calendar]` 中填写。".to_string(),
    ];
    for rule in rules {
        let _ = writeln!(text, "- {rule}");
    }
    for &kind in Kind::ALL {
        let names = kind.chinese_names();
        let _ = writeln!(text, "\n## {}（{}）\n", names[0], kind.name());
        let files: Vec<String> = std::iter::once(kind.name())
            .chain(names.iter().copied())
            .map(|name| format!("`{name}.csv`"))
            .collect();
        let sheets: Vec<String> = names.iter().map(|name| format!("“{name}”")).collect();
        let required = if kind.is_required() {
            "必须有。"
        } else {
            "可以没有。"
        };
        let _ = writeln!(
            text,
            "文件：{}（也可以是同名的 `.toml`、`.xlsx` 文件，或 `{}/` 文件夹）；工作簿中的工作表：{}。{required}\n",
            files.join("、"),
            kind.name(),
            sheets.join("、"),
        );
        text.push_str(
            "| 表头 | 英文名 | 必填 | 类型 | 填写内容 | 可填的值 |\n|---|---|---|---|---|---|\n",
        );
        for column in kind.columns() {
            let enumeration = vocabulary::enumeration(kind, column.name);
            let header = column.aliases.first().copied().unwrap_or(column.name);
            let mut what = holds(kind, column.name).to_string();
            if column.personal != Personal::No {
                what.push_str("（个人信息，输出时遮盖）");
            }
            let _ = writeln!(
                text,
                "| {header} | `{}` | {} | {} | {what} | {} |",
                column.name,
                if column.required { "是" } else { "" },
                value_type(kind, column, enumeration),
                enumeration.map(values).unwrap_or_default(),
            );
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_says_what_it_holds_and_nothing_else_is_said() {
        for &kind in Kind::ALL {
            for column in kind.columns() {
                assert!(
                    !holds(kind, column.name).is_empty(),
                    "{}.{} needs a line in HOLDS",
                    kind.name(),
                    column.name
                );
            }
        }
        for &(kind, column, _) in HOLDS {
            let known = kind.columns().iter().filter(|c| c.name == column).count();
            assert_eq!(known, 1, "HOLDS names {}.{column} once", kind.name());
        }
        let total: usize = Kind::ALL.iter().map(|k| k.columns().len()).sum();
        assert_eq!(HOLDS.len(), total);
    }

    #[test]
    fn every_date_form_is_read() {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
        for form in DATE_FORMS {
            assert_eq!(crate::text::value::parse_date(form), Ok(date), "{form}");
        }
    }

    #[test]
    fn the_guide_lists_the_values_in_chinese() {
        let guide = markdown();
        for line in [
            "| 组织类型 | `kind` | 是 | 选项 | 党组织的类型 | 县委；党委（也可写 党工委、工委）；党总支（也可写 总支）；党支部（也可写 支部） |",
            "| 参加人员 | `members` | 是 | 多项 | 参加人员的党员编号 |  |",
            "| 转入日期 | `since` |  | 日期 | 转入本组织的日期；不填为年初以前即在册 |  |",
        ] {
            assert!(guide.lines().any(|l| l == line), "{line}");
        }
        assert!(guide.contains("`2025年3月5日`"));
    }

    /// `data-templates/填写说明.md` is what the code writes; with
    /// `TAIZHANG_BLESS=1` the test rewrites it instead of failing.
    #[test]
    fn the_committed_guide_is_what_the_code_writes() {
        let path = format!("{}/data-templates/{GUIDE_FILE}", env!("CARGO_MANIFEST_DIR"));
        let written = markdown();
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        if kept != written && std::env::var_os("TAIZHANG_BLESS").is_some() {
            std::fs::write(&path, &written).expect("the guide is written");
            return;
        }
        assert!(
            kept == written,
            "data-templates/{GUIDE_FILE} differs from what the code writes: run `TAIZHANG_BLESS=1 cargo test` and commit it"
        );
    }
}
