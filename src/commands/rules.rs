//! `taizhang rules` and `taizhang explain CODE`: the catalogue with the
//! numbers in force for a ledger, and the seed's own words.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::cli::{ExplainArgs, RulesArgs, RulesFormat};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diags};
use crate::lang::Lang;
use crate::report::diagnostics;
use crate::rules::Rule;
use crate::{Exit, t};

/// The config of a ledger directory, or the defaults when there is none.
fn config_of(dir: &Path, diags: &mut Diags) -> Config {
    if dir.is_dir() {
        Config::load(dir, diags)
    } else {
        Config::default()
    }
}

#[derive(Serialize)]
struct RuleEntry<'a> {
    code: &'a str,
    name: &'a str,
    title: &'a str,
    requirement: String,
    cite: &'a str,
    quote: &'a str,
    explain: &'a str,
    reads: Vec<&'static str>,
}

pub fn list(
    args: &RulesArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let mut diags = Diags::new(lang);
    let rules = config_of(&args.dir, &mut diags).rules();
    match args.format {
        RulesFormat::Table => {
            let mut table = super::table_layout(true).table();
            table.set_header(match lang {
                Lang::Zh => ["编号", "名称", "要求", "条款"],
                Lang::En => ["code", "name", "what must hold", "clause"],
            });
            for rule in &rules {
                let meta = rule.meta();
                table.add_row(vec![
                    meta.code.to_string(),
                    meta.shown_name(lang).to_string(),
                    rule.requirement(lang),
                    meta.cite.to_string(),
                ]);
            }
            writeln!(out, "{table}")?;
        }
        RulesFormat::Json => {
            let entries: Vec<RuleEntry<'_>> = rules
                .iter()
                .map(|rule| {
                    let meta = rule.meta();
                    RuleEntry {
                        code: &meta.code,
                        name: &meta.name,
                        title: &meta.title,
                        requirement: rule.requirement(lang),
                        cite: &meta.cite,
                        quote: &meta.quote,
                        explain: meta.explanation(lang),
                        reads: meta.reads.iter().map(|k| k.name()).collect(),
                    }
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &entries)?;
            writeln!(out)?;
        }
        RulesFormat::Markdown => write!(out, "{}", markdown(&rules, lang))?,
    }
    finish(diags, &args.dir, lang, err)
}

/// The catalogue as a Markdown table; the README's rule table is this output.
pub fn markdown(rules: &[Box<dyn Rule>], lang: Lang) -> String {
    let mut text = String::from(match lang {
        Lang::Zh => "| 编号 | 名称 | 要求 | 条款 |\n|---|---|---|---|\n",
        Lang::En => "| code | name | what must hold | clause |\n|---|---|---|---|\n",
    });
    for rule in rules {
        let meta = rule.meta();
        let name = match lang {
            Lang::Zh => format!("{}", meta.title),
            Lang::En => format!("{} {}", meta.name, meta.title),
        };
        let requirement = rule.requirement(lang).replace('|', "\\|");
        text.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            meta.code, name, requirement, meta.cite
        ));
    }
    text
}

pub fn explain(
    args: &ExplainArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let mut diags = Diags::new(lang);
    let rules = config_of(&args.dir, &mut diags).rules();
    let Some(rule) = rules
        .iter()
        .find(|r| r.meta().code.eq_ignore_ascii_case(&args.code))
    else {
        if let Some(code) = Code::parse(&args.code) {
            explain_diagnostic(code, lang, out)?;
            return finish(diags, &args.dir, lang, err);
        }
        let code = &args.code;
        let known: Vec<&str> = rules.iter().map(|r| r.meta().code.as_ref()).collect();
        // A slip may be for a rule code or for a diagnostic code.
        let codes = known
            .iter()
            .copied()
            .chain(Code::ALL.iter().map(|c| c.as_str()));
        let mut diagnostic = Diagnostic::error(
            Code::UnknownRule,
            t!(
                lang,
                "没有规则或诊断代码 {code}",
                "there is no rule or diagnostic code {code}"
            ),
        )
        .found(code.clone())
        .expected(known.join(", "));
        if let Some(near) = crate::text::suggest::closest(code, codes) {
            diagnostic = diagnostic.hint(crate::diag::did_you_mean(lang, near));
        }
        diags.push(diagnostic);
        finish(diags, &args.dir, lang, err)?;
        return Ok(Exit::Invalid);
    };
    let meta = rule.meta();
    let (code, name, title, cite, quote) =
        (&meta.code, &meta.name, &meta.title, &meta.cite, &meta.quote);
    let requirement = rule.requirement(lang);
    let reads: Vec<&str> = meta.reads.iter().map(|k| k.title(lang)).collect();
    let reads = reads.join(lang.pick("、", ", "));
    match lang {
        Lang::Zh => writeln!(out, "{code} {title}\n")?,
        Lang::En => writeln!(out, "{code} {name} — {title}\n")?,
    }
    writeln!(
        out,
        "{}",
        t!(lang, "要求：{requirement}", "What must hold: {requirement}")
    )?;
    writeln!(
        out,
        "{}",
        t!(
            lang,
            "依据（{cite}）：“{quote}”",
            "Seed clause ({cite}): “{quote}”"
        )
    )?;
    writeln!(out, "{}", t!(lang, "读取台账：{reads}", "Reads: {reads}"))?;
    writeln!(out, "\n{}", meta.explanation(lang))?;
    finish(diags, &args.dir, lang, err)
}

/// A diagnostic code's entry of the catalogue: what it means, an example
/// and the fix.
fn explain_diagnostic(code: Code, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    let entry = code.entry();
    let (name, description) = (entry.code, entry.description(lang));
    writeln!(out, "{name} — {description}\n")?;
    let (example, fix) = (entry.example(lang), entry.fix(lang));
    writeln!(out, "{}", t!(lang, "示例：{example}", "Example: {example}"))?;
    writeln!(out, "{}", t!(lang, "改正：{fix}", "Fix: {fix}"))?;
    Ok(())
}

fn finish(diags: Diags, dir: &Path, lang: Lang, err: &mut dyn Write) -> anyhow::Result<Exit> {
    let invalid = diags.has_errors();
    let color = diagnostics::stderr_wants_color();
    diagnostics::write_human_with_source(err, &diags.into_sorted(), lang, dir, color)?;
    Ok(if invalid { Exit::Invalid } else { Exit::Clean })
}
