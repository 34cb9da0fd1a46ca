//! `taizhang columns [KIND] [DIR]`: every header and value a kind accepts,
//! built in and mapped by the ledger's taizhang.toml (`[columns.KIND]`,
//! `[values.KIND.COLUMN]`), as tables for people, JSON for scripts, or the
//! Markdown list of the README (`taizhang columns --format markdown`).

use std::io::Write;
use std::path::Path;

use comfy_table::Table;
use serde::Serialize;

use crate::cli::{ColumnsArgs, ColumnsFormat};
use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Code, Diagnostic, Diags};
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::columns::Personal;
use crate::ledger::vocabulary;
use crate::report::diagnostics;
use crate::{Exit, t};

/// One kind as the command shows it.
#[derive(Serialize)]
struct KindView {
    kind: &'static str,
    /// How the kind is named in the output's language.
    #[serde(skip)]
    title: &'static str,
    /// The Chinese names its files may have.
    names: &'static [&'static str],
    columns: Vec<ColumnView>,
}

#[derive(Serialize)]
struct ColumnView {
    name: &'static str,
    /// How the column is named in the output's language.
    #[serde(skip)]
    title: &'static str,
    required: bool,
    /// Phone and ID numbers, masked in every output.
    personal: bool,
    /// The built-in headers: the English name, then the Chinese ones.
    headers: Vec<&'static str>,
    /// The headers taizhang.toml adds.
    mapped: Vec<String>,
    /// The values of an enumeration column; null for other columns.
    values: Option<Vec<ValueView>>,
    /// Whether values beyond those listed are taken (`events.kind`).
    other_values: bool,
    /// Whether a cell holds a list of values.
    list: bool,
}

#[derive(Serialize)]
struct ValueView {
    value: String,
    /// How outputs show the value in the output's language.
    #[serde(skip)]
    shown: String,
    /// The built-in spellings besides the English value.
    spellings: Vec<&'static str>,
    /// The spellings taizhang.toml adds.
    mapped: Vec<String>,
    /// A kind that only the ledger's own `[[cadence]]` rules count.
    own: bool,
}

fn view(kind: Kind, config: &Config, lang: Lang) -> KindView {
    let map = config.maps.kind(kind);
    let columns = kind
        .columns()
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let enumeration = vocabulary::enumeration(kind, column.name);
            let values = enumeration.map(|e| {
                let mut values: Vec<ValueView> = e
                    .values
                    .iter()
                    .map(|&(value, spellings)| ValueView {
                        value: value.to_string(),
                        shown: vocabulary::shown(value, spellings, lang).into_owned(),
                        spellings: spellings.to_vec(),
                        mapped: Vec::new(),
                        own: false,
                    })
                    .collect();
                if e.open {
                    for spec in &config.cadence {
                        if !values.iter().any(|v| v.value == spec.event) {
                            values.push(ValueView {
                                value: spec.event.clone(),
                                shown: spec.event.clone(),
                                spellings: Vec::new(),
                                mapped: Vec::new(),
                                own: true,
                            });
                        }
                    }
                }
                for (spelling, value) in map.values(index) {
                    if let Some(entry) = values.iter_mut().find(|v| v.value == value) {
                        entry.mapped.push(spelling.to_string());
                    }
                }
                values
            });
            ColumnView {
                name: column.name,
                title: column.title(lang),
                required: column.required,
                personal: column.personal != Personal::No,
                headers: std::iter::once(column.name)
                    .chain(column.aliases.iter().copied())
                    .collect(),
                mapped: map.headers(index).map(str::to_string).collect(),
                values,
                other_values: enumeration.is_some_and(|e| e.open),
                list: enumeration.is_some_and(|e| e.list),
            }
        })
        .collect();
    KindView {
        kind: kind.name(),
        title: kind.title(lang),
        names: kind.chinese_names(),
        columns,
    }
}

pub fn run(
    args: &ColumnsArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let mut diags = Diags::new(lang);
    let kinds: Vec<Kind> = if args.kind.eq_ignore_ascii_case("all") {
        Kind::ALL.to_vec()
    } else {
        match Kind::from_name(&args.kind.to_ascii_lowercase()) {
            Some(kind) => vec![kind],
            None => {
                let kind = &args.kind;
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                diags.push(
                    Diagnostic::error(
                        Code::BadArgument,
                        t!(
                            lang,
                            "没有“{kind}”这一台账类别",
                            "there is no ledger kind \"{kind}\""
                        ),
                    )
                    .field("KIND")
                    .found(kind.clone())
                    .expected(format!("{}, all", known.join(", "))),
                );
                return finish(diags, &args.dir, lang, err);
            }
        }
    };
    let config = if args.dir.is_dir() {
        Config::load(&args.dir, &mut diags)
    } else {
        Config::default()
    };
    let views: Vec<KindView> = kinds
        .iter()
        .map(|&kind| view(kind, &config, lang))
        .collect();
    match args.format {
        ColumnsFormat::Table => {
            if args.dir.join(CONFIG_FILE).is_file() {
                let shown = super::shown_path(&args.dir.join(CONFIG_FILE));
                writeln!(
                    out,
                    "{}\n",
                    t!(
                        lang,
                        "“映射”一栏来自 {shown}",
                        "The mapped headers and values are those of {shown}."
                    )
                )?;
            }
            for (n, kind) in views.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                write_table(out, kind, lang)?;
            }
        }
        ColumnsFormat::Json => {
            match views.as_slice() {
                [one] => serde_json::to_writer_pretty(&mut *out, one)?,
                all => serde_json::to_writer_pretty(&mut *out, all)?,
            }
            writeln!(out)?;
        }
        ColumnsFormat::Markdown => {
            for (n, kind) in views.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                write_markdown(out, kind, lang)?;
            }
        }
    }
    finish(diags, &args.dir, lang, err)
}

fn yes(flag: bool, lang: Lang) -> &'static str {
    match (flag, lang) {
        (true, Lang::Zh) => "是",
        (true, Lang::En) => "yes",
        (false, _) => "",
    }
}

/// What a column's cells are, beyond its headers.
/// `values_below`: the values follow in a table of their own.
fn notes(column: &ColumnView, values_below: bool, lang: Lang) -> Vec<&'static str> {
    let mut notes = Vec::new();
    if column.personal {
        notes.push(lang.pick("个人信息，输出时遮盖", "personal data, masked in outputs"));
    }
    if column.list {
        notes.push(lang.pick(
            "可填多项，以 ; ； 、 分隔",
            "a list: items separated by ; ； 、",
        ));
    }
    if values_below && column.values.is_some() {
        notes.push(lang.pick("取值见下表", "values below"));
    }
    if column.other_values {
        notes.push(lang.pick(
            "也可填本台账 [[cadence]] 规则统计的类型",
            "also the kinds the ledger's own [[cadence]] rules count",
        ));
    }
    notes
}

fn new_table() -> Table {
    super::table_layout(true).table()
}

fn write_table(out: &mut dyn Write, kind: &KindView, lang: Lang) -> anyhow::Result<()> {
    let (name, title) = (kind.kind, kind.title);
    let names = other_names(kind, lang).join(lang.pick("、", ", "));
    writeln!(
        out,
        "{}",
        t!(
            lang,
            "{title}台账（文件名也可以是 {names}）：各字段接受的表头",
            "{name} (files may also be named {names}): the headers each column accepts"
        )
    )?;
    // The column of mapped headers and values only where taizhang.toml maps some.
    let mapped = kind
        .columns
        .iter()
        .any(|c| !c.mapped.is_empty() || c.values.iter().flatten().any(|v| !v.mapped.is_empty()));
    let mut table = new_table();
    let mut header = match lang {
        Lang::Zh => vec!["字段", "必填", "表头（内置）", "说明"],
        Lang::En => vec!["column", "required", "headers (built in)", "notes"],
    };
    if mapped {
        header.insert(
            3,
            lang.pick("taizhang.toml 映射", "mapped in taizhang.toml"),
        );
    }
    table.set_header(header);
    let separator = lang.pick("、", ", ");
    for column in &kind.columns {
        let mut row = vec![
            column.title.to_string(),
            yes(column.required, lang).to_string(),
            column.headers.join(separator),
            notes(column, true, lang).join(lang.pick("；", "; ")),
        ];
        if mapped {
            row.insert(3, column.mapped.join(separator));
        }
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    for column in &kind.columns {
        let Some(values) = &column.values else {
            continue;
        };
        let field = format!("{name}.{}", column.name);
        let title = column.title;
        writeln!(
            out,
            "\n{}",
            t!(lang, "“{title}”的取值", "The values of {field}")
        )?;
        let mut table = new_table();
        let mut header = match lang {
            Lang::Zh => vec!["取值", "写法（内置）"],
            Lang::En => vec!["value", "spellings (built in)"],
        };
        if mapped {
            header.push(lang.pick("taizhang.toml 映射", "mapped in taizhang.toml"));
        }
        table.set_header(header);
        for value in values {
            let spellings = if value.own {
                lang.pick(
                    "（本台账 [[cadence]] 规则的类型）",
                    "(a kind of the ledger's own [[cadence]] rule)",
                )
                .to_string()
            } else {
                spellings_besides(value, lang).join(separator)
            };
            let mut row = vec![value.shown.clone(), spellings];
            if mapped {
                row.push(value.mapped.join(separator));
            }
            table.add_row(row);
        }
        writeln!(out, "{table}")?;
    }
    Ok(())
}

/// The names a kind's files may have besides the one the output names it
/// by: its Chinese names under en; its English name and other Chinese
/// names under zh.
fn other_names(kind: &KindView, lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::En => kind.names.to_vec(),
        Lang::Zh => std::iter::once(kind.kind)
            .chain(kind.names.iter().copied().filter(|n| *n != kind.title))
            .collect(),
    }
}

/// The spellings of a value besides the one the output shows it by.
fn spellings_besides(value: &ValueView, lang: Lang) -> Vec<String> {
    let all = std::iter::once(value.value.as_str()).chain(value.spellings.iter().copied());
    match lang {
        Lang::En => value.spellings.iter().map(|s| s.to_string()).collect(),
        Lang::Zh => all
            .filter(|s| *s != value.shown)
            .map(str::to_string)
            .collect(),
    }
}

/// The kind as a Markdown list: a line per column with its headers, and
/// its values where it has some. Mapped headers and values are in italics.
fn write_markdown(out: &mut dyn Write, kind: &KindView, lang: Lang) -> anyhow::Result<()> {
    let names = other_names(kind, lang).join(lang.pick("、", ", "));
    let shown = lang.pick(kind.title, kind.kind);
    writeln!(
        out,
        "{}\n",
        t!(lang, "**{shown}**（{names}）", "**{shown}** ({names})")
    )?;
    let dot = " · ";
    for column in &kind.columns {
        let star = if column.required { "*" } else { "" };
        let mut headers: Vec<String> = column
            .headers
            .iter()
            .filter(|h| **h != column.title)
            .map(|h| h.to_string())
            .collect();
        headers.extend(column.mapped.iter().map(|h| format!("*{h}*")));
        let mut line = format!("- `{}`{star} {}", column.title, headers.join(dot));
        let notes = notes(column, false, lang);
        if !notes.is_empty() {
            let notes = notes.join(lang.pick("；", "; "));
            line.push_str(&t!(lang, "（{notes}）", " ({notes})"));
        }
        if let Some(values) = &column.values {
            let values: Vec<String> = values
                .iter()
                .map(|value| {
                    let mut spellings = spellings_besides(value, lang);
                    spellings.extend(value.mapped.iter().map(|s| format!("*{s}*")));
                    let shown = lang.pick(&value.shown, &value.value);
                    if spellings.is_empty() {
                        format!("`{shown}`")
                    } else {
                        format!("`{shown}` {}", spellings.join(dot))
                    }
                })
                .collect();
            line.push_str(&format!(": {}", values.join(" \\| ")));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn finish(diags: Diags, dir: &Path, lang: Lang, err: &mut dyn Write) -> anyhow::Result<Exit> {
    let invalid = diags.has_errors();
    let color = diagnostics::stderr_wants_color();
    diagnostics::write_human_with_source(err, &diags.into_sorted(), lang, dir, color)?;
    Ok(if invalid { Exit::Invalid } else { Exit::Clean })
}
