//! Diagnostics for people, as a compiler shows them: the message and its
//! code, the place, the source line with a caret under the bad value, then
//! what was found, what was expected and how to fix it.
//!
//! Source lines are re-read from the ledger when the diagnostics are
//! rendered (each file once, however many diagnostics point into it), and
//! decoded as the loader decoded them, so a GBK file shows its Chinese. A
//! cell of a workbook is shown by its place (`台账.xlsx[成员]!C12`) with its
//! value (masked where it is personal) as the snippet.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, IsTerminal, Write};
use std::path::{Component, Path};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::printable;
use crate::diag::{self, Diagnostic, Redaction};
use crate::lang::Lang;
use crate::t;
use crate::text::decode::TextReader;

/// Longer source lines are cut here: a 50 MB cell is not printed.
const MAX_LINE_CHARS: usize = 400;

/// At most this many diagnostics of one code in one file are shown; the
/// rest are counted. A column of dates in the wrong form must not bury the
/// other mistakes under a hundred thousand alike (the JSON lists them all).
const MAX_SHOWN_ALIKE: usize = 20;

/// Renders `diagnostics` without source lines (for diagnostics that point
/// at no ledger, or when the ledger is not at hand).
pub fn write_human(out: &mut dyn Write, diagnostics: &[Diagnostic], lang: Lang) -> io::Result<()> {
    let (shown, hidden) = select_shown(diagnostics);
    write_rendered(out, &shown, &hidden, lang, &Sources::default(), false)
}

/// Renders `diagnostics` with the source line of each, re-read from the
/// ledger at `root`; `color` adds the terminal's colours.
pub fn write_human_with_source(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    lang: Lang,
    root: &Path,
    color: bool,
) -> io::Result<()> {
    let (shown, hidden) = select_shown(diagnostics);
    let sources = Sources::read(root, &shown);
    write_rendered(out, &shown, &hidden, lang, &sources, color)
}

/// Whether diagnostics written to stderr may be coloured: only on a
/// terminal, and not when `NO_COLOR` is set.
pub fn stderr_wants_color() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Diagnostics not shown, by file and code.
type Hidden<'a> = BTreeMap<(Option<&'a str>, &'static str), usize>;

/// The diagnostics to show, and how many of each file and code are not.
fn select_shown(diagnostics: &[Diagnostic]) -> (Vec<&Diagnostic>, Hidden<'_>) {
    let mut seen: Hidden<'_> = BTreeMap::new();
    let mut hidden: Hidden<'_> = BTreeMap::new();
    let mut shown = Vec::new();
    for diagnostic in diagnostics {
        let key = (
            diagnostic.location.file.as_deref(),
            diagnostic.code.as_str(),
        );
        let count = seen.entry(key).or_default();
        *count += 1;
        if *count <= MAX_SHOWN_ALIKE {
            shown.push(diagnostic);
        } else {
            *hidden.entry(key).or_default() += 1;
        }
    }
    (shown, hidden)
}

fn write_rendered(
    out: &mut dyn Write,
    diagnostics: &[&Diagnostic],
    hidden: &Hidden<'_>,
    lang: Lang,
    sources: &Sources,
    color: bool,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for diagnostic in diagnostics {
        let line = sources
            .line(diagnostic)
            .map(|line| redacted(line, diagnostic));
        let group = group(diagnostic, line.as_deref(), lang);
        let rendered = renderer.render(&[group]);
        match cell_place(diagnostic) {
            // The snippet of a cell has no path (its place is no line of
            // a file): the place goes under the title, as for a file.
            Some((place, row)) => {
                let (title, rest) = rendered.split_once('\n').unwrap_or((&rendered, ""));
                let pad = " ".repeat(row.to_string().len());
                writeln!(out, "{title}\n{pad}--> {place}\n{rest}\n")?;
            }
            None => writeln!(out, "{rendered}\n")?,
        }
    }
    for (&(file, code), &more) in hidden {
        let place = printable(file.unwrap_or(""));
        writeln!(
            out,
            "{}\n",
            t!(
                lang,
                "……{place} 中还有 {more} 个同类问题 [{code}] 未显示；--format json 列出全部",
                "… and {more} more [{code}] in {place} not shown; --format json lists them all"
            )
        )?;
    }
    Ok(())
}

fn group<'a>(diagnostic: &'a Diagnostic, line: Option<&'a str>, lang: Lang) -> Group<'a> {
    let level = match diagnostic.level {
        diag::Level::Error => Level::ERROR,
        diag::Level::Warning => Level::WARNING,
    }
    .with_name(diagnostic.level.label(lang));
    let mut group = Group::with_title(
        level
            .primary_title(printable(&diagnostic.message))
            .id(diagnostic.code.as_str()),
    );
    let location = &diagnostic.location;
    let mut field_shown = false;
    let mut found_shown = false;
    match (&location.file, location.line, line) {
        (Some(_), ..) if location.sheet.is_some() => {
            if cell_place(diagnostic).is_none() {
                group = group.element(Origin::path(location.place().unwrap_or_default()));
            }
            if let (Some(row), Some(found)) = (location.line, &diagnostic.found)
                && cell_place(diagnostic).is_some()
            {
                let text = printable(found);
                // An item of a list cell: only its characters.
                let span = match diagnostic.found_span {
                    Some((start, width)) => {
                        let start = byte_of_char(&text, start as usize);
                        start..start + byte_of_char(&text[start..], width.max(1) as usize)
                    }
                    None => 0..text.len(),
                };
                let mut annotation = AnnotationKind::Primary.span(span);
                if let Some(field) = &diagnostic.field {
                    annotation = annotation.label(printable(&field_label(diagnostic, field, lang)));
                    field_shown = true;
                }
                group = group.element(
                    Snippet::source(text)
                        .line_start(row as usize)
                        .annotation(annotation),
                );
                found_shown = true;
            }
        }
        (Some(file), Some(number), Some(text)) => {
            let mut annotation = AnnotationKind::Primary.span(span(text, diagnostic));
            if let Some(field) = &diagnostic.field {
                annotation = annotation.label(printable(&field_label(diagnostic, field, lang)));
                field_shown = true;
            }
            group = group.element(
                Snippet::source(text)
                    .line_start(number as usize)
                    .path(file.as_str())
                    .annotation(annotation),
            );
        }
        (Some(file), line, _) => {
            let mut origin = Origin::path(file.as_str());
            if let Some(line) = line {
                origin = origin.line(line as usize);
                if let Some(column) = location.column {
                    origin = origin.char_column(column as usize);
                }
            }
            group = group.element(origin);
        }
        (None, ..) => {}
    }
    let note = |name: &'a str, text: &str| Level::NOTE.with_name(name).message(printable(text));
    if let (Some(field), false) = (&diagnostic.field, field_shown) {
        let name = match FieldKind::of(diagnostic, field) {
            FieldKind::Option => lang.pick("选项", "option"),
            FieldKind::Key => lang.pick("键", "key"),
            FieldKind::Column => lang.pick("列", "column"),
        };
        group = group.element(note(name, field));
    }
    if let (Some(found), false) = (&diagnostic.found, found_shown) {
        group = group.element(note(lang.pick("实际值", "found"), found));
    }
    if let Some(expected) = &diagnostic.expected {
        group = group.element(note(lang.pick("应为", "expected"), expected));
    }
    if let Some(consequence) = &diagnostic.consequence {
        group = group.element(note(lang.pick("影响", "consequence"), consequence));
    }
    if let Some(hint) = &diagnostic.hint {
        group = group.element(
            Level::HELP
                .with_name(lang.pick("提示", "hint"))
                .message(printable(hint)),
        );
    }
    group
}

/// The place and row of a workbook cell whose value is shown as the snippet.
fn cell_place(diagnostic: &Diagnostic) -> Option<(String, u32)> {
    let location = &diagnostic.location;
    diagnostic
        .found
        .as_ref()
        .filter(|found| !found.is_empty())?;
    location.column?;
    Some((location.place()?, location.line?)).filter(|_| location.sheet.is_some())
}

/// What a diagnostic's field names: a command-line option, a TOML key or
/// a CSV column.
enum FieldKind {
    Option,
    Key,
    Column,
}

impl FieldKind {
    fn of(diagnostic: &Diagnostic, field: &str) -> FieldKind {
        let in_toml = diagnostic
            .location
            .file
            .as_deref()
            .is_some_and(|file| file.to_ascii_lowercase().ends_with(".toml"));
        if field.starts_with("--") {
            FieldKind::Option
        } else if in_toml {
            FieldKind::Key
        } else {
            FieldKind::Column
        }
    }
}

fn field_label(diagnostic: &Diagnostic, field: &str, lang: Lang) -> String {
    match (FieldKind::of(diagnostic, field), lang) {
        (FieldKind::Key, Lang::Zh) => format!("键 {field}"),
        (FieldKind::Key, Lang::En) => format!("key {field}"),
        (_, Lang::Zh) => format!("“{field}”列"),
        (_, Lang::En) => format!("column \"{field}\""),
    }
}

/// The byte range of the line to underline: the diagnostic's characters,
/// the rest of the line where no width is known, the whole line where no
/// column is; never outside the line.
fn span(line: &str, diagnostic: &Diagnostic) -> std::ops::Range<usize> {
    let Some(column) = diagnostic.location.column else {
        return 0..line.len();
    };
    let start = byte_of_char(line, column.saturating_sub(1) as usize);
    // Without a width the diagnostic is about the rest of the line (a row).
    let end = match diagnostic.location.width {
        Some(width) => start + byte_of_char(&line[start..], width.max(1) as usize),
        None => line.len(),
    };
    start..end
}

/// The byte offset of the `chars`-th character, or the end of `text`.
fn byte_of_char(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at)
}

/// The line with its personal data masked as the diagnostic asks.
fn redacted(line: &str, diagnostic: &Diagnostic) -> String {
    if diagnostic.redactions.is_empty() {
        return line.to_string();
    }
    let mut chars: Vec<char> = line.chars().collect();
    for redaction in &diagnostic.redactions {
        mask_chars(&mut chars, redaction);
    }
    chars.into_iter().collect()
}

fn mask_chars(chars: &mut [char], redaction: &Redaction) {
    let start = (redaction.column.saturating_sub(1) as usize).min(chars.len());
    let end = start
        .saturating_add(redaction.width as usize)
        .min(chars.len());
    let mut cell = &mut chars[start..end];
    // A quoted cell keeps its quotes; the mask applies to what is inside.
    if let [first @ ('"' | '\''), .., last] = cell
        && first == last
    {
        let len = cell.len();
        cell = &mut cell[1..len - 1];
    }
    let (head, tail) = (redaction.head as usize, redaction.tail as usize);
    let len = cell.len();
    let masked = if len > head + tail {
        head..len - tail
    } else {
        0..len
    };
    for c in &mut cell[masked] {
        if !c.is_whitespace() && *c != '\u{FFFD}' {
            *c = '*';
        }
    }
}

/// The source lines that diagnostics point at, by file and line number.
#[derive(Default)]
struct Sources {
    lines: BTreeMap<String, BTreeMap<u32, String>>,
}

impl Sources {
    fn read(root: &Path, diagnostics: &[&Diagnostic]) -> Sources {
        let mut wanted: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
        // A workbook's cell is shown by its value, not re-read.
        for diagnostic in diagnostics.iter().filter(|d| d.location.sheet.is_none()) {
            if let (Some(file), Some(line)) = (&diagnostic.location.file, diagnostic.location.line)
            {
                wanted.entry(file).or_default().insert(line);
            }
        }
        let mut sources = Sources::default();
        for (file, lines) in wanted {
            // Diagnostics name files inside the ledger; anything else is not read.
            let inside = Path::new(file)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
            if inside && let Ok(found) = read_lines(&root.join(file), &lines) {
                sources.lines.insert(file.to_string(), found);
            }
        }
        sources
    }

    fn line(&self, diagnostic: &Diagnostic) -> Option<&str> {
        if diagnostic.location.sheet.is_some() {
            return None;
        }
        let file = diagnostic.location.file.as_deref()?;
        let line = diagnostic.location.line?;
        self.lines.get(file)?.get(&line).map(String::as_str)
    }
}

/// The lines numbered in `wanted`, each cut at [`MAX_LINE_CHARS`], read in
/// one pass that stops after the last of them.
fn read_lines(path: &Path, wanted: &BTreeSet<u32>) -> io::Result<BTreeMap<u32, String>> {
    let mut found = BTreeMap::new();
    let Some(&last) = wanted.last() else {
        return Ok(found);
    };
    let mut reader = TextReader::open(path)?;
    let mut chunk = String::new();
    let mut number = 1u32;
    let mut current = String::new();
    let mut chars = 0usize;
    // CR, LF and CRLF each end a line, as the loader counts them.
    let mut after_cr = false;
    'read: while number <= last && reader.next_chunk(&mut chunk)? {
        for c in chunk.chars() {
            if c == '\n' && after_cr {
                after_cr = false;
                continue;
            }
            after_cr = c == '\r';
            if c == '\n' || c == '\r' {
                if wanted.contains(&number) {
                    found.insert(number, std::mem::take(&mut current));
                }
                current.clear();
                chars = 0;
                number += 1;
                if number > last {
                    break 'read;
                }
                continue;
            }
            if wanted.contains(&number) && chars <= MAX_LINE_CHARS {
                if chars == MAX_LINE_CHARS {
                    current.push('…');
                } else {
                    current.push(c);
                }
                chars += 1;
            }
        }
    }
    if wanted.contains(&number) && number <= last && !found.contains_key(&number) {
        found.insert(number, current);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Location};

    fn at(column: u32, width: u32) -> Diagnostic {
        Diagnostic::error(Code::BadDate, "x".into()).at(Location {
            file: Some("a.csv".into()),
            sheet: None,
            line: Some(1),
            column: Some(column),
            width: Some(width),
        })
    }

    #[test]
    fn spans_count_characters_and_stay_inside_the_line() {
        let line = "张三,2025-02-30,x";
        assert_eq!(&line[span(line, &at(4, 10))], "2025-02-30");
        assert_eq!(span(line, &at(40, 3)), line.len()..line.len());
        assert_eq!(&line[span(line, &at(15, 9))], "x");
    }

    #[test]
    fn personal_cells_are_masked_quotes_kept() {
        let line = "M1,\"13812345678\",110105194912310021";
        let diagnostic = at(1, 1).redact(vec![
            Redaction {
                column: 4,
                width: 13,
                head: 3,
                tail: 4,
            },
            Redaction {
                column: 18,
                width: 18,
                head: 6,
                tail: 4,
            },
        ]);
        assert_eq!(
            redacted(line, &diagnostic),
            "M1,\"138****5678\",110105********0021"
        );
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        let diagnostic = at(1, 1).found("x\u{1b}[31m\ny\u{9b}");
        let mut out = Vec::new();
        write_human(&mut out, &[diagnostic], Lang::En).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("found: x␛[31m␊y\u{FFFD}"), "{text}");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn diagnostics_alike_are_counted_past_the_first_twenty() {
        let many: Vec<Diagnostic> = (0..25).map(|_| at(1, 1)).collect();
        let mut out = Vec::new();
        write_human(&mut out, &many, Lang::En).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches("error[bad-date]").count(), MAX_SHOWN_ALIKE);
        assert!(text.ends_with(
            "… and 5 more [bad-date] in a.csv not shown; --format json lists them all\n\n"
        ));
    }

    #[test]
    fn wanted_lines_are_read_once_and_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        let long = "x".repeat(MAX_LINE_CHARS + 10);
        std::fs::write(&path, format!("one\r\ntwo\n{long}\nfour\rfive")).unwrap();
        let lines = read_lines(&path, &BTreeSet::from([2, 3, 4, 5, 9])).unwrap();
        assert_eq!(lines[&2], "two");
        assert_eq!(lines[&3].chars().count(), MAX_LINE_CHARS + 1);
        assert!(lines[&3].ends_with('…'));
        assert_eq!(lines[&4], "four");
        assert_eq!(lines[&5], "five");
        assert!(!lines.contains_key(&9));
    }
}
