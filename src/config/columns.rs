//! `[columns.KIND]` and `[values.KIND.COLUMN]` of taizhang.toml: the
//! headers and values of files that another system wrote, mapped to the
//! kinds' columns and enumeration values. Every entry is checked here: a
//! kind, column or value that does not exist, a header that already names
//! another column of the kind, or a spelling that already means another
//! value is a diagnostic at its line, and the entry is not used.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic, did_you_mean, quoted};
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::maps::ColumnMaps;
use crate::ledger::vocabulary::{self, Enumeration};
use crate::rules::cadence::CadenceSpec;
use crate::t;
use crate::text::toml::TableReader;

/// Reads both sections; `cadence` gives the event kinds the ledger's own
/// rules count, which `[values.events.kind]` may map to.
pub fn read(
    reader: &mut TableReader<'_, '_>,
    document: &DeTable<'_>,
    cadence: &[CadenceSpec],
) -> ColumnMaps {
    let mut maps = ColumnMaps::default();
    if let Some(table) = reader.table(document, "columns") {
        for (kind, columns) in kinds(reader, table, "columns") {
            for (key, value) in columns {
                let Some(column) = column(reader, kind, key, "columns") else {
                    continue;
                };
                for (header, span) in headers(reader, kind, key.get_ref(), value) {
                    if accept_header(reader, &maps, kind, column, &header, &span) {
                        maps.add_header(kind, column, &header);
                    }
                }
            }
        }
    }
    if let Some(table) = reader.table(document, "values") {
        for (kind, columns) in kinds(reader, table, "values") {
            for (key, value) in columns {
                let Some(column) = column(reader, kind, key, "values") else {
                    continue;
                };
                let name = kind.columns()[column].name;
                let section = format!("values.{}.{name}", kind.name());
                let Some(enumeration) = enumerated(reader, kind, name, key) else {
                    continue;
                };
                let DeValue::Table(spellings) = value.get_ref() else {
                    reader.wrong_type(value, &section, ("表", "a table"));
                    continue;
                };
                for (spelling, target) in spellings {
                    let cx = Entry {
                        kind,
                        enumeration,
                        section: &section,
                        cadence,
                    };
                    if let Some(target) = target_value(reader, &cx, spelling, target) {
                        maps.add_value(kind, column, spelling.get_ref(), &target);
                    }
                }
            }
        }
    }
    maps
}

/// The kinds a section names, each with its table; a key that is no kind
/// is a diagnostic.
fn kinds<'t>(
    reader: &mut TableReader<'_, '_>,
    table: &'t DeTable<'t>,
    section: &str,
) -> Vec<(Kind, &'t DeTable<'t>)> {
    let lang = reader.diags.lang;
    let mut found = Vec::new();
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let Some(kind) = Kind::from_name(name) else {
            let known: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
            reader.diags.push(
                Diagnostic::error(
                    Code::ConfigUnknownKey,
                    t!(
                        lang,
                        "[{section}.{name}]：没有“{name}”这一台账类别，已忽略",
                        "[{section}.{name}]: there is no ledger kind \"{name}\"; it was ignored"
                    ),
                )
                .at(reader.at(&key.span()))
                .field(section)
                .found(name)
                .expected(known.join(", ")),
            );
            continue;
        };
        match value.get_ref() {
            DeValue::Table(inner) => found.push((kind, inner)),
            _ => reader.wrong_type(value, &format!("{section}.{name}"), ("表", "a table")),
        }
    }
    found
}

/// The index of the column a key names: its English name or a built-in
/// Chinese header.
fn column(
    reader: &mut TableReader<'_, '_>,
    kind: Kind,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    section: &str,
) -> Option<usize> {
    let name = key.get_ref().as_ref();
    let columns = kind.columns();
    if let Some(column) = columns.iter().position(|c| c.matches(name)) {
        return Some(column);
    }
    let lang = reader.diags.lang;
    let kind = kind.name();
    let known: Vec<&str> = columns.iter().map(|c| c.name).collect();
    reader.diags.push(
        Diagnostic::error(
            Code::ConfigUnknownKey,
            t!(
                lang,
                "[{section}.{kind}]：{kind} 台账没有“{name}”这个字段，已忽略",
                "[{section}.{kind}]: the {kind} ledger has no column \"{name}\"; it was ignored"
            ),
        )
        .at(reader.at(&key.span()))
        .field(format!("{section}.{kind}"))
        .found(name)
        .expected(known.join(", "))
        .hint(t!(
            lang,
            "taizhang columns {kind} 列出它的字段",
            "taizhang columns {kind} lists its columns"
        )),
    );
    None
}

/// The headers a `[columns.KIND]` entry gives: a string or an array of
/// strings.
fn headers(
    reader: &mut TableReader<'_, '_>,
    kind: Kind,
    column: &str,
    value: &Spanned<DeValue<'_>>,
) -> Vec<(String, Range<usize>)> {
    let key = format!("columns.{}.{column}", kind.name());
    let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::String(_) => vec![value],
        DeValue::Array(items) => items.iter().collect(),
        _ => {
            reader.wrong_type(value, &key, ("表头名的数组", "an array of header names"));
            return Vec::new();
        }
    };
    let mut headers = Vec::new();
    for item in items {
        match item.get_ref() {
            DeValue::String(text) => headers.push((text.to_string(), item.span())),
            _ => reader.wrong_type(item, &key, ("字符串", "a string")),
        }
    }
    headers
}

/// Whether a mapped header may be added: not empty, and naming no other
/// column of the kind (built in or mapped before).
fn accept_header(
    reader: &mut TableReader<'_, '_>,
    maps: &ColumnMaps,
    kind: Kind,
    column: usize,
    header: &str,
    span: &Range<usize>,
) -> bool {
    let lang = reader.diags.lang;
    let columns = kind.columns();
    let target = &columns[column];
    let field = format!("columns.{}.{}", kind.name(), target.name);
    let normalized = crate::ledger::columns::normalize_header(header);
    if normalized.is_empty() {
        reader.diags.push(
            Diagnostic::error(
                Code::ConfigValue,
                t!(lang, "表头名不能为空", "a header name cannot be empty"),
            )
            .at(reader.at(span))
            .field(field),
        );
        return false;
    }
    let other = columns
        .iter()
        .position(|c| c.is_named(&normalized))
        .or_else(|| maps.kind(kind).column_of(&normalized))
        .filter(|&c| c != column);
    let Some(other) = other else {
        return true;
    };
    let (other, label) = (columns[other].title(lang), target.title(lang));
    let (kind, title) = (kind.name(), kind.title(lang));
    reader.diags.push(
        Diagnostic::error(
            Code::ConfigValue,
            t!(
                lang,
                "表头“{header}”已经对应{title}的字段“{other}”，不能再映射到“{label}”；这一项未采用",
                "the header \"{header}\" already names the column {other} of {title}, so it cannot name {label} too; it was not used"
            ),
        )
        .at(reader.at(span))
        .field(field)
        .found(header)
        .hint(t!(
            lang,
            "一个表头只能对应一个字段；taizhang columns {kind} 列出每个字段接受的表头",
            "a header names one column only; taizhang columns {kind} lists the headers each column accepts"
        )),
    );
    false
}

/// The enumeration of a `[values.KIND.COLUMN]` column; a column without
/// one is a diagnostic.
fn enumerated(
    reader: &mut TableReader<'_, '_>,
    kind: Kind,
    column: &str,
    key: &Spanned<std::borrow::Cow<'_, str>>,
) -> Option<&'static Enumeration> {
    if let Some(enumeration) = vocabulary::enumeration(kind, column) {
        return Some(enumeration);
    }
    let lang = reader.diags.lang;
    let known: Vec<&str> = vocabulary::enumerations(kind)
        .iter()
        .map(|e| e.column)
        .collect();
    let kind = kind.name();
    let known = if known.is_empty() {
        lang.pick("（该类别没有取值固定的字段）", "(the kind has none)")
            .to_string()
    } else {
        known.join(", ")
    };
    reader.diags.push(
        Diagnostic::error(
            Code::ConfigValue,
            t!(
                lang,
                "[values.{kind}.{column}]：{kind}.{column} 不是取值固定的字段，取值不能映射；已忽略",
                "[values.{kind}.{column}]: {kind}.{column} holds no enumeration, so its values cannot be mapped; it was ignored"
            ),
        )
        .at(reader.at(&key.span()))
        .field(format!("values.{kind}"))
        .found(column)
        .expected(known),
    );
    None
}

/// What a `[values.KIND.COLUMN]` entry is checked against.
struct Entry<'a> {
    kind: Kind,
    enumeration: &'static Enumeration,
    section: &'a str,
    cadence: &'a [CadenceSpec],
}

/// The value a spelling maps to, as its English spelling: a value of the
/// enumeration (or, for event kinds, a kind the ledger's own rules count).
/// A spelling that already means another value is refused.
fn target_value(
    reader: &mut TableReader<'_, '_>,
    cx: &Entry<'_>,
    spelling: &Spanned<std::borrow::Cow<'_, str>>,
    target: &Spanned<DeValue<'_>>,
) -> Option<String> {
    let lang = reader.diags.lang;
    let section = cx.section;
    let DeValue::String(text) = target.get_ref() else {
        reader.wrong_type(target, section, ("字符串（取值）", "a string (the value)"));
        return None;
    };
    let text = crate::ledger::columns::normalize_value(text);
    let own = cx.enumeration.open.then(|| {
        cx.cadence
            .iter()
            .find(|spec| spec.event.eq_ignore_ascii_case(&text))
            .map(|spec| spec.event.clone())
    });
    let Some(value) = cx
        .enumeration
        .value_of(&text)
        .map(str::to_string)
        .or(own.flatten())
    else {
        let values = cx.enumeration.values;
        let mut known: Vec<String> = values
            .iter()
            .map(|&(english, chinese)| match lang {
                Lang::Zh => vocabulary::shown(english, chinese, lang).into_owned(),
                Lang::En => english.to_string(),
            })
            .collect();
        if cx.enumeration.open {
            known.extend(cx.cadence.iter().map(|spec| spec.event.clone()));
            known.sort_unstable();
            known.dedup();
        }
        let spellings = values.iter().flat_map(|&(english, chinese)| {
            std::iter::once(english).chain(chinese.iter().copied())
        });
        let mut diagnostic = Diagnostic::error(
            Code::ConfigValue,
            t!(
                lang,
                "[{section}]：“{text}”不是该字段的取值，这一项未采用",
                "[{section}]: \"{text}\" is not a value of the column; the entry was not used"
            ),
        )
        .at(reader.at(&target.span()))
        .field(section)
        .found(text.clone())
        .expected(known.join(lang.pick("、", ", ")));
        if let Some(near) = crate::text::suggest::closest(&text, spellings) {
            diagnostic = diagnostic.hint(did_you_mean(lang, &quoted(lang, near)));
        }
        reader.diags.push(diagnostic);
        return None;
    };
    let written = spelling.get_ref().as_ref();
    let means = cx.enumeration.value_of(written);
    if let Some(means) = means.filter(|&means| means != value) {
        let kind = cx.kind.name();
        reader.diags.push(
            Diagnostic::error(
                Code::ConfigValue,
                t!(
                    lang,
                    "[{section}]：“{written}”本来就表示 {means}，不能再映射为 {value}；这一项未采用",
                    "[{section}]: \"{written}\" already means {means}, so it cannot mean {value} too; the entry was not used"
                ),
            )
            .at(reader.at(&spelling.span()))
            .field(section)
            .found(written)
            .hint(t!(
                lang,
                "taizhang columns {kind} 列出每个取值接受的写法",
                "taizhang columns {kind} lists the spellings each value accepts"
            )),
        );
        return None;
    }
    if crate::ledger::columns::normalize_value(written).is_empty() {
        reader.diags.push(
            Diagnostic::error(
                Code::ConfigValue,
                t!(
                    lang,
                    "[{section}]：写法不能为空",
                    "[{section}]: a spelling cannot be empty"
                ),
            )
            .at(reader.at(&spelling.span()))
            .field(section),
        );
        return None;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::diag::Diags;
    use crate::lang::Lang;
    use crate::ledger::Kind;

    const TEXT: &str = r#"[columns.members]
id = ["学工号", "党员编号"]
org = "党支部编码"
name = ["联系方式"]
nmae = ["姓 名"]

[columns.memberz]
id = ["编号"]

[columns.events]
date = ["实际会议时间"]
kind = 3

[[cadence]]
code = "X01"
event = "volunteer_day"

[values.events.kind]
"委员会会议" = "committee_meeting"
"支部委员会" = "committee_meeting"
"党课" = "committee_meeting"
"主题活动" = "theme_days"
"志愿服务" = "volunteer_day"

[values.members.name]
"a" = "b"

[values.members.status]
"正式党员（已转正）" = "正式"
"#;

    #[test]
    fn maps_are_read_and_every_bad_entry_is_named_at_its_line() {
        let mut diags = Diags::new(Lang::En);
        let config = Config::parse(TEXT, "taizhang.toml", &mut diags);
        let found: Vec<_> = diags
            .into_sorted()
            .iter()
            .map(|d| (d.code.as_str(), d.location.line))
            .collect();
        assert_eq!(
            found,
            [
                ("config-value", Some(4)),
                ("config-unknown-key", Some(5)),
                ("config-unknown-key", Some(7)),
                ("config-type", Some(12)),
                ("config-value", Some(21)),
                ("config-value", Some(22)),
                ("config-value", Some(25)),
            ]
        );
        let members = config.maps.kind(Kind::Members);
        assert_eq!(members.column_of("学工号"), Some(0));
        assert_eq!(members.column_of("联系方式"), None);
        // Status is the ninth column; 正式 is a built-in spelling of full.
        assert_eq!(members.value(8, "正式党员（已转正）"), Some("full"));
        let events = config.maps.kind(Kind::Events);
        assert_eq!(events.column_of("实际会议时间"), Some(0));
        assert_eq!(events.value(2, "委员会会议"), Some("committee_meeting"));
        assert_eq!(events.value(2, "志愿服务"), Some("volunteer_day"));
        assert_eq!(events.value(2, "党课"), None);
        assert_eq!(events.value(2, "主题活动"), None);
    }
}
