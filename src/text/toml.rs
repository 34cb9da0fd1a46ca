//! TOML read with spans, for ledger files and for `taizhang.toml` alike:
//! one parser entry that reports syntax errors and absurd nesting at their
//! line, and [`TableReader`], typed getters over a spanned table that turn
//! every wrong key, type or value into a diagnostic at its line.

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::decode;
use super::lines::LineIndex;
use super::value;
use crate::diag::{Code, Diagnostic, Diags, Location, did_you_mean, quoted};
use crate::lang::Lang;
use crate::t;

/// Parses a TOML document; `Err` holds the diagnostics (code `syntax`)
/// when it is not valid TOML or nests deeper than [`MAX_TOML_DEPTH`].
/// `consequence` says, in both languages, what follows from the error.
pub fn parse<'t>(
    text: &'t str,
    lines: &LineIndex<'_>,
    path: &str,
    syntax: Code,
    consequence: (&str, &str),
    lang: Lang,
) -> Result<DeTable<'t>, Vec<Diagnostic>> {
    if let Some(offset) = toml_too_deep(text, MAX_TOML_DEPTH) {
        return Err(vec![too_deep_diagnostic(lines, path, offset, lang)]);
    }
    let (document, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Ok(document.into_inner());
    }
    let consequence = lang.pick(consequence.0, consequence.1);
    Err(errors
        .iter()
        .map(|error| {
            let location = error
                .span()
                .map_or_else(|| Location::file(path), |span| lines.location(path, &span));
            let detail = super::parse_errors::toml(error.message(), lang);
            Diagnostic::error(
                syntax,
                t!(
                    lang,
                    "TOML 语法错误，{consequence}：{detail}",
                    "TOML syntax error; {consequence}: {detail}"
                ),
            )
            .at(location)
        })
        .collect())
}

/// The name of a TOML value's type, as messages say it (with its article).
pub fn toml_type_name(value: &DeValue<'_>, lang: Lang) -> &'static str {
    match value {
        DeValue::String(_) => lang.pick("字符串", "a string"),
        DeValue::Integer(_) => lang.pick("整数", "an integer"),
        DeValue::Float(_) => lang.pick("小数", "a float"),
        DeValue::Boolean(_) => lang.pick("布尔值", "a boolean"),
        DeValue::Datetime(_) => lang.pick("日期时间", "a date-time"),
        DeValue::Array(_) => lang.pick("数组", "an array"),
        DeValue::Table(_) => lang.pick("表", "a table"),
    }
}

/// A TOML number as a float: integers in any radix, finite floats only.
pub fn toml_number(value: &DeValue<'_>) -> Option<f64> {
    match value {
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(n) => n.as_str().parse::<f64>().ok().filter(|n| n.is_finite()),
        _ => None,
    }
}

/// How deeply TOML may nest arrays, inline tables and dotted keys. The
/// parser stops at 80 itself but without saying where for dotted keys; no
/// ledger needs more than a few levels.
pub const MAX_TOML_DEPTH: usize = 64;

/// The byte offset at which `text` nests deeper than `max`: brackets and
/// braces, plus the dots of the key being read. Strings and comments are
/// skipped; the count is approximate where the TOML is invalid anyway.
pub fn toml_too_deep(text: &str, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut dots, mut at) = (0usize, 0usize, 0usize);
    while at < bytes.len() {
        match bytes[at] {
            b'#' => {
                at = find_byte(bytes, at, b'\n');
                continue;
            }
            quote @ (b'"' | b'\'') => {
                at = skip_string(bytes, at, quote);
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'.' => dots += 1,
            b'\n' | b'=' | b',' => dots = 0,
            _ => {}
        }
        if depth + dots > max {
            return Some(at);
        }
        at += 1;
    }
    None
}

fn find_byte(bytes: &[u8], from: usize, byte: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == byte)
        .map_or(bytes.len(), |p| from + p)
}

/// The offset just past the string that opens at `start` (or the end of
/// its line, for an unclosed one-line string).
fn skip_string(bytes: &[u8], start: usize, quote: u8) -> usize {
    let triple = bytes[start..].starts_with(&[quote; 3]);
    let mut at = start + if triple { 3 } else { 1 };
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'\\' && quote == b'"' {
            at += 2;
            continue;
        }
        if triple {
            if bytes[at..].starts_with(&[quote; 3]) {
                return at + 3;
            }
        } else if byte == quote {
            return at + 1;
        } else if byte == b'\n' {
            return at;
        }
        at += 1;
    }
    bytes.len()
}

/// The diagnostic for TOML nested beyond [`MAX_TOML_DEPTH`].
pub fn too_deep_diagnostic(
    lines: &LineIndex<'_>,
    path: &str,
    offset: usize,
    lang: Lang,
) -> Diagnostic {
    let max = MAX_TOML_DEPTH;
    Diagnostic::error(
        Code::TomlTooDeep,
        t!(
            lang,
            "TOML 嵌套超过 {max} 层，该文件未读取",
            "the TOML nests deeper than {max} levels; the file was not read"
        ),
    )
    .at(lines.location(path, &(offset..offset + 1)))
    .expected(t!(
        lang,
        "不超过 {max} 层嵌套",
        "at most {max} levels of nesting"
    ))
    .hint(t!(
        lang,
        "检查是否多了括号，或键名中是否多了点号",
        "look for brackets that are never closed or a key with stray dots"
    ))
}

/// Reading settings out of a spanned TOML document, reporting at the line.
pub struct TableReader<'l, 'd> {
    pub lines: &'l LineIndex<'l>,
    pub path: &'l str,
    pub diags: &'d mut Diags,
}

impl TableReader<'_, '_> {
    pub fn at(&self, span: &Range<usize>) -> Location {
        self.lines.location(self.path, span)
    }

    pub fn keys(&mut self, table: &DeTable<'_>, section: &str, allowed: &[&str]) {
        let lang = self.diags.lang;
        for key in table.keys() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                let full = if section.is_empty() {
                    name.to_string()
                } else {
                    format!("{section}.{name}")
                };
                let known = allowed.join(", ");
                let mut diagnostic = Diagnostic::error(
                    Code::ConfigUnknownKey,
                    t!(
                        lang,
                        "没有“{full}”这个设置项，已忽略",
                        "there is no setting \"{full}\"; it was ignored"
                    ),
                )
                .at(self.at(&key.span()))
                .found(name)
                .expected(known);
                if let Some(near) = super::suggest::closest(name, allowed.iter().copied()) {
                    diagnostic = diagnostic.hint(did_you_mean(lang, &quoted(lang, near)));
                }
                self.diags.push(diagnostic);
            }
        }
    }

    /// `expected` is said in Chinese and in English.
    pub fn wrong_type(&mut self, value: &Spanned<DeValue<'_>>, key: &str, expected: (&str, &str)) {
        let lang = self.diags.lang;
        let found = toml_type_name(value.get_ref(), lang);
        let expected = lang.pick(expected.0, expected.1);
        self.diags.push(
            Diagnostic::error(
                Code::ConfigType,
                t!(
                    lang,
                    "{key} 应为 {expected}，不是 {found}；采用默认值",
                    "{key} must be {expected}, not {found}; the default applies"
                ),
            )
            .at(self.at(&value.span()))
            .field(key)
            .found(found)
            .expected(expected),
        );
    }

    pub fn table<'t>(&mut self, table: &'t DeTable<'t>, key: &str) -> Option<&'t DeTable<'t>> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Table(inner) => Some(inner),
            _ => {
                self.wrong_type(value, key, ("表", "a table"));
                None
            }
        }
    }

    pub fn string(&mut self, table: &DeTable<'_>, key: &str) -> Option<String> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(text) => Some(decode::trim(text).to_string()),
            _ => {
                self.wrong_type(value, key, ("字符串", "a string"));
                None
            }
        }
    }

    pub fn boolean(&mut self, table: &DeTable<'_>, key: &str) -> Option<bool> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(flag) => Some(*flag),
            _ => {
                self.wrong_type(value, key, ("true 或 false", "true or false"));
                None
            }
        }
    }

    pub fn float(&mut self, table: &DeTable<'_>, key: &str, min: f64, max: f64) -> Option<f64> {
        let value = table.get(key)?;
        let number = match value.get_ref() {
            DeValue::String(text) => value::parse_number(text).ok(),
            other => toml_number(other),
        };
        self.in_range(value, key, number, min, max)
    }

    pub fn integer(&mut self, table: &DeTable<'_>, key: &str, min: i64, max: i64) -> Option<i64> {
        let value = table.get(key)?;
        let number = match value.get_ref() {
            integer @ DeValue::Integer(_) => toml_number(integer),
            DeValue::String(text) => value::parse_number(text).ok().filter(|n| n.fract() == 0.0),
            _ => None,
        };
        self.in_range(value, key, number, min as f64, max as f64)
            .map(|n| n as i64)
    }

    pub fn in_range(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        number: Option<f64>,
        min: f64,
        max: f64,
    ) -> Option<f64> {
        let lang = self.diags.lang;
        match number {
            None if matches!(value.get_ref(), DeValue::Float(_)) => {
                let found = decode::trim(&self.lines.text()[value.span()]).to_string();
                self.diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        t!(
                            lang,
                            "{key} = {found} 不是有限的数，采用默认值",
                            "{key} = {found} is not a finite number; the default applies"
                        ),
                    )
                    .at(self.at(&value.span()))
                    .field(key)
                    .found(found)
                    .expected(format!("{min} – {max}")),
                );
                None
            }
            None => {
                self.wrong_type(value, key, ("数字", "a number"));
                None
            }
            Some(n) if n < min || n > max => {
                let shown = if min == f64::MIN_POSITIVE {
                    "0".to_string()
                } else {
                    min.to_string()
                };
                self.diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        t!(
                            lang,
                            "{key} = {n} 超出允许范围，采用默认值",
                            "{key} = {n} is out of range; the default applies"
                        ),
                    )
                    .at(self.at(&value.span()))
                    .field(key)
                    .found(n.to_string())
                    .expected(format!("{shown} – {max}")),
                );
                None
            }
            Some(n) => Some(n),
        }
    }

    pub fn array<'t>(&mut self, table: &'t DeTable<'t>, key: &str) -> &'t [Spanned<DeValue<'t>>] {
        let Some(value) = table.get(key) else {
            return &[];
        };
        match value.get_ref() {
            DeValue::Array(items) => items,
            _ => {
                self.wrong_type(value, key, ("数组", "an array"));
                &[]
            }
        }
    }

    pub fn strings(&mut self, table: &DeTable<'_>, key: &str) -> Vec<(String, Range<usize>)> {
        let mut list = Vec::new();
        for item in self.array(table, key) {
            match item.get_ref() {
                DeValue::String(text) => list.push((decode::trim(text).to_string(), item.span())),
                _ => self.wrong_type(item, key, ("字符串", "a string")),
            }
        }
        list
    }

    pub fn dates(&mut self, table: &DeTable<'_>, key: &str) -> Vec<NaiveDate> {
        let lang = self.diags.lang;
        let mut list = Vec::new();
        for item in self.array(table, key) {
            let date = match item.get_ref() {
                DeValue::Datetime(datetime) => datetime.date.and_then(|d| {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                }),
                DeValue::String(text) => value::parse_date(text).ok(),
                _ => None,
            };
            match date {
                Some(date) => list.push(date),
                None => self.diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        t!(
                            lang,
                            "{key} 中有一项不是日期，已忽略",
                            "an item of {key} is not a date; it was ignored"
                        ),
                    )
                    .at(self.at(&item.span()))
                    .field(key)
                    .expected("2025-10-01"),
                ),
            }
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_depth_counts_brackets_braces_and_key_dots() {
        assert_eq!(
            toml_too_deep("[[orgs]]\nid = [[1, 2], {a.b = 1.5}]\n", 3),
            None
        );
        assert_eq!(toml_too_deep("x = [[[[1]]]]", 3), Some(7));
        assert_eq!(toml_too_deep("a.b.c.d = 1", 2), Some(5));
        // Dots of values and of earlier keys do not add up.
        assert_eq!(toml_too_deep("a.b = 1.5\nc.d = 2.5", 2), None);
    }

    #[test]
    fn toml_depth_skips_strings_and_comments() {
        let text = "s = \"[[[\\\"[[\"\nt = '[[['\nu = \"\"\"\n[[[\n\"\"\"\n# [[[[\nv = '''[[['''\n";
        assert_eq!(toml_too_deep(text, 1), None);
    }

    #[test]
    fn toml_numbers_keep_their_radix_and_refuse_nan() {
        let (table, _) = DeTable::parse_recoverable("a = 0x10\nb = 1_000\nc = nan\nd = -2.5");
        let number = |key: &str| toml_number(table.get_ref().get(key).unwrap().get_ref());
        assert_eq!(
            (number("a"), number("b"), number("c"), number("d")),
            (Some(16.0), Some(1000.0), None, Some(-2.5))
        );
    }
}
