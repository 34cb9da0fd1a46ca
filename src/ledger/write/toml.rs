//! A TOML ledger file in canonical form: the comment block at its top
//! kept, then one `[[KIND]]` table per row, sorted by the kind's key, its
//! keys in the order of the kind's columns and then the unknown ones.
//! Dates alone are written as TOML dates, other values of the kind's
//! columns as the loader reads them, unknown values as they were.

use std::fmt::Write as _;

use ::toml::de::{DeTable, DeValue};

use super::cells::{self, Shape};
use super::{Keep, Unreadable, column_of, header_of, is_chinese};
use crate::ledger::Kind;
use crate::ledger::maps::KindMap;

pub fn canonical(kind: Kind, text: &str, map: &KindMap) -> Result<Vec<u8>, Keep> {
    let text = text.trim_start_matches('\u{FEFF}');
    let (head, body) = split_head(text);
    if has_comment(body) {
        return Err(Keep::Comments);
    }
    let document = DeTable::parse(text).map_err(|_| Keep::Unreadable(Unreadable::Syntax))?;
    let document = document.get_ref();
    let mut tables = Vec::new();
    for (key, value) in document {
        match value.get_ref() {
            DeValue::Array(items) if key.get_ref() == kind.name() => {
                for item in items {
                    match item.get_ref() {
                        DeValue::Table(table) => tables.push(table),
                        _ => return Err(Keep::Unreadable(Unreadable::Shape)),
                    }
                }
            }
            _ => return Err(Keep::Unreadable(Unreadable::Shape)),
        }
    }
    let chinese = is_chinese(
        tables
            .iter()
            .flat_map(|t| t.iter())
            .map(|(k, _)| k.get_ref().as_ref())
            .filter(|k| column_of(kind, map, k).is_some()),
    );
    let mut rows: Vec<(Vec<String>, String)> = Vec::new();
    for table in &tables {
        rows.push(row(kind, map, table, chinese)?);
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::new();
    if !head.is_empty() {
        out.push_str(head);
        out.push_str("\n\n");
    }
    let count = rows.len();
    for (index, (_, row)) in rows.into_iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "[[{}]]", kind.name());
        out.push_str(&row);
    }
    // What is written reads back to as many rows.
    let back = DeTable::parse(&out).map_err(|_| Keep::Unreadable(Unreadable::Syntax))?;
    let rows_back = back
        .get_ref()
        .get(kind.name())
        .map_or(0, |v| v.get_ref().as_array().map_or(0, |a| a.len()));
    if rows_back != count {
        return Err(Keep::Unreadable(Unreadable::Differs));
    }
    Ok(out.into_bytes())
}

/// One row's sort key and its `key = value` lines.
fn row(
    kind: Kind,
    map: &KindMap,
    table: &DeTable<'_>,
    chinese: bool,
) -> Result<(Vec<String>, String), Keep> {
    let columns = kind.columns();
    let mut known: Vec<Option<(String, String)>> = vec![None; columns.len()];
    let mut unknown = Vec::new();
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        match column_of(kind, map, name) {
            Some(column) => {
                if known[column].is_some() {
                    return Err(Keep::Unreadable(Unreadable::Shape));
                }
                let shape = cells::shape(kind, columns[column].name);
                known[column] = Some(known_value(shape, value.get_ref()));
            }
            None => unknown.push(format!(
                "{} = {}\n",
                bare_key(name),
                written(value.get_ref())
            )),
        }
    }
    let sort: Vec<String> = cells::key(kind)
        .iter()
        .map(|name| {
            columns
                .iter()
                .position(|c| c.name == *name)
                .and_then(|c| known[c].as_ref())
                .map_or_else(String::new, |(key, _)| key.clone())
        })
        .collect();
    let mut lines = String::new();
    for (column, entry) in known.into_iter().enumerate() {
        if let Some((_, value)) = entry {
            let key = bare_key(header_of(kind, column, chinese));
            let _ = writeln!(lines, "{key} = {value}");
        }
    }
    for line in unknown {
        lines.push_str(&line);
    }
    Ok((sort, lines))
}

/// A value of one of the kind's columns: its canonical text (for the sort
/// key) and how it is written.
fn known_value(shape: Shape, value: &DeValue<'_>) -> (String, String) {
    match value {
        DeValue::String(text) => {
            let text = cells::canonical(shape, text);
            let written = if shape == Shape::Date && cells::is_plain_date(&text) {
                text.clone()
            } else {
                quoted(&text)
            };
            (text, written)
        }
        DeValue::Array(items) if shape == Shape::Ids => {
            let items: Vec<String> = items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::String(text) => quoted(&cells::canonical(shape, text)),
                    other => written(other),
                })
                .collect();
            (items.join(";"), format!("[{}]", items.join(", ")))
        }
        DeValue::Datetime(datetime) => {
            let text = datetime.to_string();
            (text.clone(), text)
        }
        other => {
            let text = written(other);
            (text.trim_matches('"').to_string(), text)
        }
    }
}

/// A value as TOML writes it.
fn written(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(text) => quoted(text),
        DeValue::Integer(n) => n.to_string(),
        DeValue::Float(n) => n.to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(items) => {
            let items: Vec<String> = items.iter().map(|i| written(i.get_ref())).collect();
            format!("[{}]", items.join(", "))
        }
        DeValue::Table(table) => {
            let entries: Vec<String> = table
                .iter()
                .map(|(k, v)| format!("{} = {}", bare_key(k.get_ref()), written(v.get_ref())))
                .collect();
            if entries.is_empty() {
                "{}".to_string()
            } else {
                format!("{{ {} }}", entries.join(", "))
            }
        }
    }
}

/// A basic string, escaped.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key bare where TOML allows it, else quoted.
fn bare_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { key.to_string() } else { quoted(key) }
}

/// The comment block at the top of a file (blank and `#` lines before the
/// first other line), trimmed, and the rest.
fn split_head(text: &str) -> (&str, &str) {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            break;
        }
        end += line.len();
    }
    (text[..end].trim(), &text[end..])
}

/// Whether TOML text holds a comment: a `#` outside strings.
fn has_comment(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'#' => return true,
            quote @ (b'"' | b'\'') => {
                let triple =
                    bytes[at..].starts_with(if quote == b'"' { b"\"\"\"" } else { b"'''" });
                let closing: &[u8] = match (quote, triple) {
                    (b'"', true) => b"\"\"\"",
                    (_, true) => b"'''",
                    (b'"', false) => b"\"",
                    _ => b"'",
                };
                at += closing.len();
                while at < bytes.len() && !bytes[at..].starts_with(closing) {
                    // A basic string's escape skips the character after it.
                    at += if quote == b'"' && bytes[at] == b'\\' {
                        2
                    } else {
                        1
                    };
                }
                at += closing.len();
            }
            _ => at += 1,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical_text(kind: Kind, text: &str) -> Result<String, Keep> {
        canonical(kind, text, &KindMap::default()).map(|b| String::from_utf8(b).unwrap())
    }

    #[test]
    fn rows_sorted_keys_in_column_order_dates_native() {
        let text = "# 联系记录\n\n[[contacts]]\nsummary = \"来电 #1\"\nmember = \"Ｍ2\"\ndate = \"2025/1/19\"\n\n[[contacts]]\ndate = 2025-01-05\nmember = \"M1\"\nnote = { a = 1 }\n";
        assert_eq!(
            canonical_text(Kind::Contacts, text).unwrap(),
            "# 联系记录\n\n[[contacts]]\ndate = 2025-01-05\nmember = \"M1\"\nnote = { a = 1 }\n\n[[contacts]]\ndate = 2025-01-19\nmember = \"M2\"\nsummary = \"来电 #1\"\n"
        );
    }

    #[test]
    fn comments_below_the_first_row_keep_the_file() {
        let text = "[[posts]]\nyear = 2025 # 年度\nmember = \"M1\"\n";
        assert_eq!(canonical_text(Kind::Posts, text), Err(Keep::Comments));
        let text = "[[posts]]\nyear = 2025\nmember = \"M#1\"\npost = '''a\n# b'''\n";
        assert!(canonical_text(Kind::Posts, text).is_ok());
    }

    #[test]
    fn canonical_is_a_fixed_point() {
        let text =
            "[[education]]\ndate = \"2025/3/5  14:30\"\ndays = 1\nmembers = [\"F2\", \"Ｆ1\"]\n";
        let once = canonical_text(Kind::Education, text).unwrap();
        assert_eq!(
            once,
            "[[education]]\ndate = \"2025-03-05 14:30\"\ndays = 1\nmembers = [\"F2\", \"F1\"]\n"
        );
        assert_eq!(canonical_text(Kind::Education, &once).unwrap(), once);
    }
}
