//! `[policy]` of taizhang.toml, read against the settings the rules
//! declare: an unknown key, a wrong type or a value out of range is a
//! diagnostic at its line, and the setting keeps its default.

use std::collections::BTreeMap;

use regex::Regex;
use toml::de::DeTable;

use crate::diag::{Code, Diagnostic};
use crate::rules;
use crate::rules::settings::{Pattern, Setting, Ty, Value, Values};
use crate::t;
use crate::text::toml::TableReader;

pub fn read(reader: &mut TableReader<'_, '_>, table: &DeTable<'_>) -> Values {
    let settings = rules::settings();
    let keys: Vec<&str> = settings.iter().map(|(s, _)| s.key).collect();
    reader.keys(table, "policy", &keys);
    let mut values = Values::default();
    for (setting, _) in settings {
        if table.get(setting.key).is_some()
            && let Some(value) = read_value(reader, table, setting)
        {
            values.set(setting, value);
        }
    }
    values
}

fn read_value(
    reader: &mut TableReader<'_, '_>,
    table: &DeTable<'_>,
    setting: &Setting,
) -> Option<Value> {
    let key = setting.key;
    match &setting.ty {
        Ty::Number { min, max } => reader.float(table, key, *min, *max).map(Value::Number),
        Ty::Count { min, max } => reader
            .integer(table, key, i64::from(*min), i64::from(*max))
            .map(|n| Value::Count(n as u32)),
        Ty::Bool => reader.boolean(table, key).map(Value::Bool),
        Ty::Pattern { .. } => pattern(reader, table, key).map(Value::Pattern),
        Ty::Numbers { keys, min, max } => {
            let inner = reader.table(table, key)?;
            let keys = keys();
            reader.keys(inner, &format!("policy.{key}"), &keys);
            let numbers: BTreeMap<String, f64> = keys
                .iter()
                .filter_map(|&name| {
                    Some((name.to_string(), reader.float(inner, name, *min, *max)?))
                })
                .collect();
            Some(Value::Numbers(numbers))
        }
    }
}

/// A regular expression that values must match whole.
fn pattern(reader: &mut TableReader<'_, '_>, table: &DeTable<'_>, key: &str) -> Option<Pattern> {
    let entry = table.get(key)?;
    let source = reader.string(table, key)?;
    match Regex::new(&format!("^(?:{source})$")) {
        Ok(regex) => Some(Pattern { source, regex }),
        Err(error) => {
            let lang = reader.diags.lang;
            let detail = crate::text::parse_errors::regex(&error.to_string(), lang);
            reader.diags.push(
                Diagnostic::error(
                    Code::ConfigRegex,
                    t!(
                        lang,
                        "{key} 不是有效的正则表达式：{detail}",
                        "{key} is not a valid regular expression: {detail}"
                    ),
                )
                .at(reader.at(&entry.span()))
                .field(format!("policy.{key}"))
                .found(source),
            );
            None
        }
    }
}
