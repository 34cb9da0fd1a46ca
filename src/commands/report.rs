//! `taizhang report`: the year-end compliance report, in one of four formats,
//! to standard output or to the file of `-o`: of a ledger, or (`--merge`)
//! of the report JSONs of several.

use std::io::Write;

use anyhow::Context as _;

use crate::cli::{ReportArgs, ReportFormat};
use crate::lang::Lang;
use crate::report::build::Source;
use crate::report::model::Report;
use crate::report::{self, Checked};
use crate::{Exit, t};

pub fn run(
    args: &ReportArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    if !args.merge.is_empty() {
        return merge(args, lang, out, err);
    }
    let root = args.ledger.dir.as_path();
    let color = report::diagnostics::stderr_wants_color();
    let opened = match super::open(&args.ledger, lang, &[], |_, _| {}) {
        Ok(opened) => opened,
        Err(diags) => {
            report::diagnostics::write_human_with_source(
                err,
                &diags.into_sorted(),
                lang,
                root,
                color,
            )?;
            return Ok(Exit::Invalid);
        }
    };
    if let Some(refusal) = args
        .output
        .as_deref()
        .and_then(|path| super::output::refuse(path, &opened.ledger, lang))
    {
        report::diagnostics::write_human(err, &[refusal], lang)?;
        return Ok(Exit::Invalid);
    }
    let run = opened.run(&[], lang);
    let mut diagnostics = opened.diags.into_sorted();
    report::verdicts::say_consequences(&run, &mut diagnostics, lang);
    // The report is a document; what is wrong with the input is for the
    // person running it.
    report::diagnostics::write_human_with_source(err, &diagnostics, lang, root, color)?;
    let checked = Checked {
        ledger_path: super::shown_path(&args.ledger.dir),
        ledger: Some(&opened.ledger),
        run: Some(&run),
        diagnostics: &diagnostics,
        lang,
    };
    let settings = opened.config.rule_settings();
    let model = Report::build(&Source {
        checked: &checked,
        ledger: &opened.ledger,
        run: &run,
        ledger_name: opened.config.ledger_name.as_deref(),
        scope: opened.scope,
        settings: &settings,
        aggregate: args.aggregate,
    });
    write(args, &model, lang, out)?;
    Ok(super::exit_status(&diagnostics, &run))
}

/// `report --merge FILE…`: the reports as one, named by `--name`.
fn merge(
    args: &ReportArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in &args.merge {
        let shown = super::shown_path(path);
        match report::merge::read(path, &shown, lang) {
            Ok(input) => inputs.push((shown, input)),
            Err(problem) => problems.push(*problem),
        }
    }
    if let Some(refusal) = args
        .output
        .as_deref()
        .and_then(|path| super::output::refuse_input(path, &args.merge, lang))
    {
        problems.push(refusal);
    }
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| lang.pick("汇总", "combined").to_string());
    let merged = match problems.is_empty() {
        true => report::merge::merge(&inputs, &name, lang),
        false => Err(problems),
    };
    let model = match merged {
        Ok(model) => model,
        Err(problems) => {
            report::diagnostics::write_human(err, &problems, lang)?;
            return Ok(Exit::Invalid);
        }
    };
    write(args, &model, lang, out)?;
    Ok(if model.summary.violations > 0 {
        Exit::Violations
    } else {
        Exit::Clean
    })
}

/// Renders the report in the format asked for, to `-o` or standard output.
fn write(args: &ReportArgs, model: &Report, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut document = Vec::new();
    match args.format {
        ReportFormat::Html => report::html::write(&mut document, model)?,
        ReportFormat::Markdown => report::markdown::write_report(&mut document, model)?,
        ReportFormat::Csv => report::csv::write_report(&mut document, model)?,
        ReportFormat::Json => report::json::write_report(&mut document, model)?,
    }
    match &args.output {
        Some(path) => super::output::write_atomically(path, &document).with_context(|| {
            let shown = super::shown_path(path);
            t!(lang, "无法写入 {shown}", "cannot write {shown}")
        })?,
        None => out.write_all(&document)?,
    }
    Ok(())
}
