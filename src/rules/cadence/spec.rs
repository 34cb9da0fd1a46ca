//! The spec of a cadence rule, "each selected org holds at least N events
//! of a kind per period": read from `builtin.toml` for EDU03–05, SRV02 and
//! RSP01–04, and from a ledger's `[[cadence]]` tables, which tune a built-in
//! rule of the same code or add one of the ledger's own.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::calendar::Per;
use crate::diag::{Code, Diagnostic, Diags};
use crate::lang::Lang;
use crate::ledger::columns::Choice;
use crate::ledger::kinds::events::canonical_kind;
use crate::ledger::kinds::orgs::{OrgKind, Sector};
use crate::t;
use crate::text::lines::LineIndex;
use crate::text::toml::TableReader;

/// A key of a `[[cadence]]` table, for the reader and the docs.
pub struct Key {
    pub name: &'static str,
    pub doc: &'static str,
}

pub const KEYS: &[Key] = &[
    Key {
        name: "code",
        doc: "the rule's code: a built-in cadence rule's to tune it, or a new one (`X01`)",
    },
    Key {
        name: "name",
        doc: "a kebab-case English name",
    },
    Key {
        name: "title",
        doc: "the Chinese name",
    },
    Key {
        name: "event",
        doc: "the `events.kind` value counted (kinds beyond SPEC §1 are allowed)",
    },
    Key {
        name: "orgs",
        doc: "which orgs owe the events: a table of the keys below",
    },
    Key {
        name: "at_least",
        doc: "how many events each period (0–10000)",
    },
    Key {
        name: "per",
        doc: "`month`, `quarter` or `year`",
    },
    Key {
        name: "cite",
        doc: "the clause it enforces",
    },
    Key {
        name: "quote",
        doc: "the clause's own words",
    },
    Key {
        name: "explain",
        doc: "how the rule reads the clause, for `explain`",
    },
    Key {
        name: "explain_zh",
        doc: "the same in Chinese, for `explain` under `--lang zh` [default: `explain`]",
    },
];

pub const ORGS_KEYS: &[Key] = &[
    Key {
        name: "kind",
        doc: "org kinds (`county`, `committee`, `general_branch`, `branch`)",
    },
    Key {
        name: "sector",
        doc: "sectors (`agency`, `rural`, …)",
    },
    Key {
        name: "topmost",
        doc: "true: only orgs whose parent is not of the same sector",
    },
    Key {
        name: "root",
        doc: "true: the root only; false: every org but the root",
    },
    Key {
        name: "min_members",
        doc: "only orgs with at least this many members on the period's last day",
    },
];

/// Which orgs a cadence rule applies to. Every condition given must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrgSelector {
    pub kind: Vec<OrgKind>,
    pub sector: Vec<Sector>,
    /// Only orgs whose parent is not of a selected sector (the topmost org
    /// of each unit).
    pub topmost: bool,
    /// `Some(true)`: the root only; `Some(false)`: every org but the root.
    pub root: Option<bool>,
    /// Only orgs with at least this many members on the period's last day.
    pub min_members: Option<u32>,
}

/// One "at least N events of a kind per period" rule.
#[derive(Clone, Debug, PartialEq)]
pub struct CadenceSpec {
    pub code: String,
    pub name: String,
    pub title: String,
    pub event: String,
    pub orgs: OrgSelector,
    pub at_least: u32,
    pub per: Per,
    pub cite: String,
    pub quote: String,
    pub explain: String,
    pub explain_zh: String,
    pub builtin: bool,
    /// Where a `[[cadence]]` of the ledger gave or tuned it (line), so
    /// that a second entry of the same code is an error.
    pub entry_line: Option<u32>,
}

pub fn read(
    specs: &mut Vec<CadenceSpec>,
    reader: &mut TableReader<'_, '_>,
    item: &Spanned<DeValue<'_>>,
) {
    let lang = reader.diags.lang;
    let DeValue::Table(table) = item.get_ref() else {
        return reader.wrong_type(item, "cadence", ("[[cadence]] 表", "a [[cadence]] table"));
    };
    let keys: Vec<&str> = KEYS.iter().map(|key| key.name).collect();
    reader.keys(table, "cadence", &keys);
    let Some(code) = reader.string(table, "code").map(|c| c.to_ascii_uppercase()) else {
        reader.diags.push(
            Diagnostic::error(
                Code::ConfigValue,
                t!(
                    lang,
                    "[[cadence]] 缺少 code，该规则未读取",
                    "a [[cadence]] has no code; the rule was not read"
                ),
            )
            .at(reader.lines.location(reader.path, &item.span())),
        );
        return;
    };
    let existing = specs.iter().position(|c| c.code == code);
    let span = table.get("code").map_or(item.span(), Spanned::span);
    if let Some(first) = existing.and_then(|index| specs[index].entry_line) {
        reader.diags.push(
            Diagnostic::error(
                Code::ConfigValue,
                t!(
                    lang,
                    "第 {first} 行已有 code = \"{code}\" 的 [[cadence]]，这一条未读取",
                    "a [[cadence]] with code = \"{code}\" is already on line {first}; this one was not read"
                ),
            )
            .at(reader.lines.location(reader.path, &span))
            .field("cadence.code")
            .found(code.clone())
            .hint(t!(
                lang,
                "把两条合并为一条，或给新规则另起一个编号",
                "merge the two entries, or give the new rule another code"
            )),
        );
        return;
    }
    if existing.is_none() && super::super::is_builtin_code(&code) {
        reader.diags.push(
            Diagnostic::error(Code::ConfigValue, t!(lang, "{code} 是内置规则的编号，不是周期规则，不能用 [[cadence]] 改写", "{code} is a built-in rule that is not a cadence rule; [[cadence]] cannot redefine it"))
                .at(reader.lines.location(reader.path, &span))
                .field("cadence.code")
                .found(code.clone()),
        );
        return;
    }
    let mut spec = match existing {
        Some(index) => specs[index].clone(),
        None => CadenceSpec {
            code: code.clone(),
            name: code.to_ascii_lowercase(),
            title: String::new(),
            event: String::new(),
            orgs: OrgSelector::default(),
            at_least: 1,
            per: Per::Year,
            cite: String::new(),
            quote: String::new(),
            explain: String::new(),
            explain_zh: String::new(),
            builtin: false,
            entry_line: None,
        },
    };
    for (key, field) in [
        ("name", &mut spec.name),
        ("title", &mut spec.title),
        ("cite", &mut spec.cite),
        ("quote", &mut spec.quote),
        ("explain", &mut spec.explain),
        ("explain_zh", &mut spec.explain_zh),
    ] {
        if let Some(text) = reader.string(table, key) {
            *field = text;
        }
    }
    if let Some(event) = reader.string(table, "event") {
        spec.event = canonical_kind(&event);
    }
    if let Some(n) = reader.integer(table, "at_least", 0, 10_000) {
        spec.at_least = n as u32;
    }
    if let Some(per) = table.get("per") {
        match reader.string(table, "per").as_deref() {
            Some("month") => spec.per = Per::Month,
            Some("quarter") => spec.per = Per::Quarter,
            Some("year") => spec.per = Per::Year,
            Some(other) => reader.diags.push(
                Diagnostic::error(
                    Code::ConfigValue,
                    t!(
                        lang,
                        "per 只能是“month”“quarter”或“year”",
                        "per must be month, quarter or year"
                    ),
                )
                .at(reader.lines.location(reader.path, &per.span()))
                .field("cadence.per")
                .found(other)
                .expected("month | quarter | year"),
            ),
            None => {}
        }
    }
    if let Some(orgs) = reader.table(table, "orgs") {
        spec.orgs = selector(reader, orgs);
    }
    if spec.event.is_empty() {
        reader.diags.push(
            Diagnostic::error(Code::ConfigValue, t!(lang, "周期规则 {code} 没有 event（要计数的活动类型），未读取", "the cadence rule {code} has no event (the event kind to count); it was not read"))
                .at(reader.lines.location(reader.path, &item.span())),
        );
        return;
    }
    spec.entry_line = Some(reader.lines.locate(item.span().start).0);
    match existing {
        Some(index) => specs[index] = spec,
        None => specs.push(spec),
    }
}

/// The orgs a `[[cadence]]` entry's `orgs` table selects.
fn selector(reader: &mut TableReader<'_, '_>, table: &DeTable<'_>) -> OrgSelector {
    let lang = reader.diags.lang;
    let keys: Vec<&str> = ORGS_KEYS.iter().map(|key| key.name).collect();
    reader.keys(table, "cadence.orgs", &keys);
    let mut selector = OrgSelector::default();
    for (text, span) in reader.strings(table, "kind") {
        match OrgKind::parse(&text) {
            Some(kind) => selector.kind.push(kind),
            None => {
                let mut diagnostic = Diagnostic::error(
                    Code::ConfigValue,
                    t!(
                        lang,
                        "“{text}”不是组织类型",
                        "\"{text}\" is not an org kind"
                    ),
                )
                .at(reader.at(&span))
                .field("cadence.orgs.kind")
                .found(text.clone())
                .expected(OrgKind::spellings(lang));
                if let Some(suggestion) = OrgKind::suggestion(&text, lang) {
                    diagnostic = diagnostic.hint(suggestion);
                }
                reader.diags.push(diagnostic);
            }
        }
    }
    for (text, span) in reader.strings(table, "sector") {
        match Sector::parse(&text) {
            Some(sector) => selector.sector.push(sector),
            None => {
                let mut diagnostic = Diagnostic::error(
                    Code::ConfigValue,
                    t!(lang, "“{text}”不是单位类型", "\"{text}\" is not a sector"),
                )
                .at(reader.at(&span))
                .field("cadence.orgs.sector")
                .found(text.clone())
                .expected(Sector::spellings(lang));
                if let Some(suggestion) = Sector::suggestion(&text, lang) {
                    diagnostic = diagnostic.hint(suggestion);
                }
                reader.diags.push(diagnostic);
            }
        }
    }
    selector.topmost = reader.boolean(table, "topmost").unwrap_or(false);
    selector.root = reader.boolean(table, "root");
    selector.min_members = reader
        .integer(table, "min_members", 0, 1_000_000)
        .map(|n| n as u32);
    selector
}

/// The built-in cadence rules (EDU03–05, SRV02, RSP01–04): the same data a
/// ledger's `[[cadence]]` gives, so that a county tunes them the same way.
pub fn builtin() -> Vec<CadenceSpec> {
    let mut diags = Diags::new(Lang::En);
    let mut specs = Vec::new();
    let text = include_str!("builtin.toml");
    let lines = LineIndex::new(text);
    let mut reader = TableReader {
        lines: &lines,
        path: "builtin.toml",
        diags: &mut diags,
    };
    let (document, _) = DeTable::parse_recoverable(text);
    if let Some(entry) = document.get_ref().get("cadence")
        && let DeValue::Array(items) = entry.get_ref()
    {
        for item in items.iter() {
            read(&mut specs, &mut reader, item);
        }
    }
    debug_assert!(
        diags.is_empty(),
        "the built-in cadence rules are valid: {diags:?}"
    );
    for spec in &mut specs {
        spec.builtin = true;
        spec.entry_line = None;
    }
    specs
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_cadence_rules_are_the_catalogue_s() {
        let codes: Vec<_> = super::builtin().into_iter().map(|c| c.code).collect();
        assert_eq!(
            codes,
            [
                "EDU03", "EDU04", "EDU05", "SRV02", "RSP01", "RSP02", "RSP03", "RSP04"
            ]
        );
    }
}
