//! The one schema of taizhang.toml: the keys of `[ledger]`, `[calendar]`
//! and `[rules]` declared here, the `[policy]` settings each rule declares,
//! and the keys of `[[cadence]]`. The reader takes its allowed keys from it,
//! and it writes the commented `taizhang.toml` of `init` ([`template`]) and
//! `docs/config.md` ([`markdown`]); a test keeps those two equal to it.

use std::fmt::Write as _;

use crate::rules::cadence::spec::{KEYS as CADENCE_KEYS, ORGS_KEYS};
use crate::rules::settings::{Default, Doc, Setting, Ty};
use crate::rules::{self, BUILTIN, num};

/// The top-level tables.
pub const SECTIONS: &[&str] = &[
    "ledger", "policy", "calendar", "rules", "cadence", "columns", "values",
];

/// A key of one of the config's own sections.
pub struct Key {
    pub name: &'static str,
    /// The type and range, as the docs say it.
    pub ty: &'static str,
    /// The default, as the docs say it.
    pub default: &'static str,
    pub doc: Doc,
    /// What `init`'s taizhang.toml writes for it.
    pub template: Template,
}

pub enum Template {
    /// `key = TEXT`.
    Value(&'static str),
    /// `key = YEAR`, the year the ledger is created in; `# key = YEAR` in
    /// the template kept in `data-templates/`, which has no year of its own.
    Year,
}

pub const LEDGER: &[Key] = &[
    Key {
        name: "name",
        ty: "string",
        default: "none",
        doc: Doc {
            zh: "台账名称，用在报告标题中。",
            en: "The ledger's name, used in report titles.",
        },
        template: Template::Value("\"XX县委组织部\""),
    },
    Key {
        name: "year",
        ty: "integer, 1949–2100",
        default: "the year of --as-of, else this year",
        doc: Doc {
            zh: "默认检查年度，命令行 --year 可覆盖；不写则为当前年度。taizhang init 写入建台账的年度。",
            en: "Default year under check (--year overrides it); when absent, the current year. taizhang init writes the year the ledger is created in.",
        },
        template: Template::Year,
    },
];

pub const CALENDAR: &[Key] = &[
    Key {
        name: "holidays",
        ty: "array of dates",
        default: "[]",
        doc: Doc {
            zh: "本台账另有的休息日（如本地的节日）。工作日为周一至周五，去掉法定节假日，加上调休上班的周末；国务院办公厅2024、2025、2026年的节假日安排已内置，无需填写。这里的日期加在内置安排之上，并优先于内置安排（同一天也列在 workdays 中的是工作日）。检查未内置的年份（如2027年）时，在这里和 workdays 中按当年的通知填写，否则工作日只按周一至周五计算，并给出警告。",
            en: "Days off of the ledger's own (a local holiday). Working days are Monday–Friday, minus the public holidays, plus the weekend days worked in exchange; the State Council's schedules for 2024, 2025 and 2026 are built in and need no entry. The dates here add to the built-in schedule and win over it (a date also in `workdays` is a working day). For a year with no built-in schedule (2027, say) list its holidays here and its workdays below, from the year's notice; without them working days are Monday–Friday, with a warning.",
        },
        template: Template::Value("[]"),
    },
    Key {
        name: "workdays",
        ty: "array of dates",
        default: "[]",
        doc: Doc {
            zh: "本台账另有的工作日：调休上班的周末，或照常上班的节假日。",
            en: "Working days of the ledger's own: weekend days worked in exchange (调休), or holidays worked.",
        },
        template: Template::Value("[]"),
    },
];

pub const RULES: &[Key] = &[Key {
    name: "ignore",
    ty: "array of rule codes",
    default: "[]",
    doc: Doc {
        zh: "不运行的规则代码，例如本县没有农村党组织时 ignore = [\"SRV01\"]。",
        en: "Rule codes not to run, e.g. ignore = [\"SRV01\"] in a county without rural orgs.",
    },
    template: Template::Value("[]"),
}];

/// The names of a section's keys, for the reader.
pub fn keys(section: &[Key]) -> Vec<&'static str> {
    section.iter().map(|key| key.name).collect()
}

const HEADER: &str = "\
# ============================================================================
# taizhang 党建台账检查设置 / ledger settings
#
# 本文件由 `taizhang init` 写出，下列每一项都是默认值；只改本县需要改的。
# Written by `taizhang init`. Every setting below is at its default value;
# change only what your county needs. Deleting a setting restores its default.
#
# 条款号如 一(二) 指县委《关于贯彻落实四个长效机制文件精神的实施意见》中的章节；
# 规则代码（EDU01 等）见 `taizhang rules`，`taizhang explain EDU01` 给出原文。
# Clause numbers such as 一(二) point into the county implementation opinion on
# the four long-term-mechanism documents; rule codes (EDU01 ...) are listed by
# `taizhang rules`, and `taizhang explain CODE` quotes the clause.
# ============================================================================
";

const CADENCE_INTRO: Doc = Doc {
    zh: "本县自定的频次规则：与 EDU03–EDU05 等“每期至少 N 次”的规则同一机制；同一 code 的条目调整内置规则。去掉下面各行的注释即可启用（例：每个党支部每月至少开展一次主题党日）。",
    en: "A rule of the ledger's own, the same machine as the built-in \"at least N per period\" rules; an entry with a built-in rule's code tunes that rule. Uncomment to enable (here: a theme day every month in every branch).",
};

const CADENCE_EXAMPLE: &str = "\
# [[cadence]]
# code = \"X01\"
# name = \"theme-day\"                 # 主题党日
# event = \"theme_day\"
# orgs = { kind = [\"branch\"] }
# at_least = 1
# per = \"month\"
# cite = \"党员教育管理工作条例 第十六条\"
";

const MAPS_INTRO: Doc = Doc {
    zh: "其他系统导出的表头和取值：[columns.类别] 为字段增加表头名（可写多个），[values.类别.字段] 把一种写法映射为字段的取值。taizhang columns 类别 列出每个字段已接受的表头和取值。去掉注释即可启用。",
    en: "Headers and values of files another system exported: [columns.KIND] gives a column more header names, [values.KIND.COLUMN] maps a spelling to one of the column's values. taizhang columns KIND lists the headers and values each column already accepts. Uncomment to enable.",
};

const MAPS_EXAMPLE: &str = "\
# [columns.members]
# id = [\"学工号\"]
#
# [columns.events]
# date = [\"实际会议时间\"]
#
# [values.events.kind]
# \"委员会会议\" = \"committee_meeting\"
";

/// The commented taizhang.toml that `taizhang init` writes, with
/// `ledger.year` set to `year`; without a year (`data-templates/`), the key
/// is an example left commented.
pub fn template(year: Option<i32>) -> String {
    let mut text = String::from(HEADER);
    text.push('\n');
    section(&mut text, "ledger", LEDGER, year);
    text.push_str("\n[policy]\n");
    for (n, (setting, codes)) in rules::settings().iter().enumerate() {
        if n > 0 {
            text.push('\n');
        }
        let owner = owner(codes);
        comment(&mut text, &format!("{owner}：{}", setting.doc.zh));
        comment(&mut text, &format!("{owner}: {}", setting.doc.en));
        match (&setting.ty, &setting.default) {
            (Ty::Pattern { example }, _) => {
                let _ = writeln!(text, "# {} = '{example}'", setting.key);
            }
            (_, default) => {
                let _ = writeln!(text, "{} = {}", setting.key, default_toml(default));
            }
        }
    }
    text.push('\n');
    section(&mut text, "calendar", CALENDAR, year);
    text.push('\n');
    section(&mut text, "rules", RULES, year);
    text.push('\n');
    comment(&mut text, CADENCE_INTRO.zh);
    comment(&mut text, CADENCE_INTRO.en);
    text.push_str("#\n");
    text.push_str(CADENCE_EXAMPLE);
    text.push('\n');
    comment(&mut text, MAPS_INTRO.zh);
    comment(&mut text, MAPS_INTRO.en);
    text.push_str("#\n");
    text.push_str(MAPS_EXAMPLE);
    text
}

fn section(text: &mut String, name: &str, keys: &[Key], year: Option<i32>) {
    let _ = writeln!(text, "[{name}]");
    for (n, key) in keys.iter().enumerate() {
        if n > 0 {
            text.push('\n');
        }
        comment(text, key.doc.zh);
        comment(text, key.doc.en);
        let _ = match (&key.template, year) {
            (Template::Value(value), _) => writeln!(text, "{} = {value}", key.name),
            (Template::Year, Some(year)) => writeln!(text, "{} = {year}", key.name),
            (Template::Year, None) => writeln!(text, "# {} = {}", key.name, EXAMPLE_YEAR),
        };
    }
}

/// The year the template kept in `data-templates/` shows, commented.
const EXAMPLE_YEAR: i32 = 2026;

/// `# text`, wrapped at about 78 columns (a Chinese character counts two).
fn comment(text: &mut String, words: &str) {
    let mut line = String::new();
    let mut width = 0;
    for piece in words.split_inclusive(|c: char| c == ' ' || !c.is_ascii()) {
        let piece_width: usize = piece
            .chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum();
        // Chinese punctuation never starts a line.
        let closing = piece.starts_with(['。', '，', '、', '；', '：', '）', '”']);
        if width + piece_width > 76 && !line.is_empty() && !closing {
            let _ = writeln!(text, "# {}", line.trim_end());
            line.clear();
            width = 0;
        }
        line.push_str(piece);
        width += piece_width;
    }
    let _ = writeln!(text, "# {}", line.trim_end());
}

/// `EDU01 一(二)`, or the codes of every rule that reads a shared setting.
fn owner(codes: &[&str]) -> String {
    match codes {
        [code] => {
            let cite = BUILTIN
                .iter()
                .find(|rule| rule.meta.code == *code)
                .map_or("", |rule| rule.meta.cite.as_ref());
            format!("{code} {cite}")
        }
        codes => codes.join("、"),
    }
}

fn default_toml(default: &Default) -> String {
    match default {
        Default::Number(n) => num(*n),
        Default::Count(n) => n.to_string(),
        Default::Bool(flag) => flag.to_string(),
        Default::NoPattern => String::new(),
        Default::Numbers(table) => {
            let cells: Vec<String> = table
                .iter()
                .map(|(key, value)| format!("{key} = {}", num(*value)))
                .collect();
            format!("{{ {} }}", cells.join(", "))
        }
    }
}

fn ty_doc(setting: &Setting) -> String {
    match &setting.ty {
        Ty::Number { min, max } if *min == f64::MIN_POSITIVE => {
            format!("number, more than 0 and at most {}", num(*max))
        }
        Ty::Number { min, max } => format!("number, {}–{}", num(*min), num(*max)),
        Ty::Count { min, max } => format!("whole number, {min}–{max}"),
        Ty::Bool => "true or false".to_string(),
        Ty::Pattern { .. } => "regular expression (matches whole values)".to_string(),
        Ty::Numbers { keys, min, max } => format!(
            "table of numbers {}–{} by {}",
            num(*min),
            num(*max),
            keys()
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `docs/config.md`: every key of taizhang.toml with its type, default and
/// meaning.
pub fn markdown() -> String {
    let mut text = String::from(
        "# taizhang.toml\n\n\
         Every key `taizhang.toml` accepts, generated from the schema the reader uses \
         (`taizhang init` writes the same keys, commented, as a new ledger's taizhang.toml; \
         a test keeps this page, that file and the reader equal). A key that is not listed \
         here is an error at its line; a value of the wrong type or out of range is an error \
         and the default applies.\n",
    );
    own_section(&mut text, "ledger", LEDGER);
    text.push_str(
        "\n## [policy]\n\nThe numbers of the rule catalogue; each belongs to the rules named.\n\n",
    );
    text.push_str("| key | type | default | rules | meaning | 含义 |\n|---|---|---|---|---|---|\n");
    for (setting, codes) in rules::settings() {
        let default = match (&setting.ty, &setting.default) {
            (Ty::Pattern { .. }, _) => "not checked".to_string(),
            (_, default) => format!("`{}`", default_toml(default)),
        };
        let _ = writeln!(
            text,
            "| `{}` | {} | {default} | {} | {} | {} |",
            setting.key,
            ty_doc(setting),
            codes.join(", "),
            cell(setting.doc.en),
            cell(setting.doc.zh),
        );
    }
    own_section(&mut text, "calendar", CALENDAR);
    own_section(&mut text, "rules", RULES);
    text.push_str(
        "\n## [[cadence]]\n\nRules of the form \"each selected org holds at least N events of a kind \
         per period\". The built-in EDU03–05, SRV02 and RSP01–04 are such rules \
         (`src/rules/cadence/builtin.toml`); an entry with one of their codes tunes it, \
         an entry with a new code adds a rule.\n\n| key | meaning |\n|---|---|\n",
    );
    for key in CADENCE_KEYS {
        let _ = writeln!(text, "| `{}` | {} |", key.name, cell(key.doc));
    }
    text.push_str("\n`orgs` takes:\n\n| key | meaning |\n|---|---|\n");
    for key in ORGS_KEYS {
        let _ = writeln!(text, "| `{}` | {} |", key.name, cell(key.doc));
    }
    text.push_str(MAPS_DOC);
    text
}

const MAPS_DOC: &str = "
## [columns.KIND]

Header names for files that another system wrote: each key is a column of
the kind `KIND` (its English name, as `taizhang columns KIND` lists them),
each value a header name or an array of them. They are read like the
built-in headers (in any ASCII case, full-width forms folded, a trailing `*`
ignored), in CSV headers and TOML keys alike.

```toml
[columns.members]
id = [\"学工号\"]
org = [\"党支部编码\"]

[columns.events]
kind = [\"会议类型\"]
date = [\"实际会议时间\"]
```

A kind or column that does not exist is `config-unknown-key`; a header that
already names another column of the kind (built in or mapped) is
`config-value`; either way the entry is not used. Two headers of one file
that name the same column are `duplicate-column`, naming both.

## [values.KIND.COLUMN]

Spellings of an enumeration column's values: each key is a spelling, each
value one of the column's values (its English name or a built-in Chinese
spelling). `events.kind` also takes the kinds the ledger's own
`[[cadence]]` rules count.

```toml
[values.events.kind]
\"委员会会议\" = \"committee_meeting\"
```

A spelling that is already built in for the same value (`\"支部委员会\" =
\"committee_meeting\"`) is accepted and changes nothing.

A column without an enumeration, or a value the column does not have, is
`config-value`; so is a spelling that already means another value.
";

fn own_section(text: &mut String, name: &str, keys: &[Key]) {
    let _ = write!(
        text,
        "\n## [{name}]\n\n| key | type | default | meaning | 含义 |\n|---|---|---|---|---|\n"
    );
    for key in keys {
        let _ = writeln!(
            text,
            "| `{}` | {} | {} | {} | {} |",
            key.name,
            key.ty,
            key.default,
            cell(key.doc.en),
            cell(key.doc.zh)
        );
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diags;
    use crate::lang::Lang;

    /// A file that must hold what the schema generates. With
    /// `TAIZHANG_BLESS=1` the test rewrites it instead of failing.
    fn assert_generated(path: &str, generated: &str) {
        let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        let kept = std::fs::read_to_string(&full).unwrap_or_default();
        if kept != generated && std::env::var_os("TAIZHANG_BLESS").is_some() {
            std::fs::write(&full, generated).expect("the generated file is written");
            return;
        }
        assert!(
            kept == generated,
            "{path} differs from what the schema generates: run `TAIZHANG_BLESS=1 cargo test` and commit it"
        );
    }

    #[test]
    fn docs_config_md_is_the_schema() {
        assert_generated("docs/config.md", &markdown());
    }

    #[test]
    fn the_template_taizhang_toml_is_the_schema() {
        assert_generated("data-templates/taizhang.toml", &template(None));
    }

    #[test]
    fn the_template_reads_back_without_diagnostics_and_at_the_defaults() {
        let mut diags = Diags::new(Lang::En);
        let config =
            crate::config::Config::parse(&template(Some(2031)), "taizhang.toml", &mut diags);
        assert_eq!(diags.into_sorted(), []);
        assert_eq!(config.year, Some(2031));
        assert!(config.calendar.holidays.is_empty() && config.calendar.workdays.is_empty());
        let mut diags = Diags::new(Lang::En);
        let kept = crate::config::Config::parse(&template(None), "taizhang.toml", &mut diags);
        assert_eq!((diags.into_sorted(), kept.year), (vec![], None));
        let defaults = crate::config::Config::default();
        for rule in config.rules() {
            let default = defaults
                .rules()
                .into_iter()
                .find(|r| r.meta().code == rule.meta().code)
                .expect("the same rules");
            for lang in [Lang::Zh, Lang::En] {
                assert_eq!(rule.requirement(lang), default.requirement(lang));
            }
        }
    }
}
