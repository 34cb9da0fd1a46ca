//! `taizhang check`: run the rules and list every shortfall.

use std::io::Write;
use std::path::Path;

use crate::cli::{CheckArgs, CheckFormat};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diags};
use crate::lang::Lang;
use anyhow::Context as _;

use crate::report::baseline::{Baseline, Comparison};
use crate::report::{self, Checked};
use crate::{Exit, t};

pub fn run(
    args: &CheckArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    if args.watch {
        return super::watch::run(args, lang, out, err);
    }
    once(args, lang, out, err)
}

/// One check of the ledger, with its exit status.
pub(super) fn once(
    args: &CheckArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let ledger_path = super::shown_path(&args.ledger.dir);
    let root = args.ledger.dir.as_path();
    let opened = match super::open(&args.ledger, lang, &args.rules, |config, diags| {
        check_rule_codes(&args.rules, config, diags)
    }) {
        Ok(opened) => opened,
        Err(diags) => {
            let diagnostics = diags.into_sorted();
            let checked = Checked {
                ledger_path,
                ledger: None,
                run: None,
                diagnostics: &diagnostics,
                lang,
                baseline: None,
            };
            write(args, &checked, root, out, err)?;
            return Ok(Exit::Invalid);
        }
    };
    let run = opened.run(&args.rules, lang);
    let mut diagnostics = opened.diags.into_sorted();
    report::verdicts::say_consequences(&run, &mut diagnostics, lang);
    let baseline = match (&args.baseline, &args.since) {
        (Some(path), _) => {
            let shown = super::shown_path(path);
            Baseline::read(path, &shown, run.year, lang).map(Some)
        }
        (None, Some(revision)) => {
            super::since::baseline(revision, &args.ledger, &args.rules, &run, lang).map(Some)
        }
        (None, None) => Ok(None),
    };
    let comparison = match baseline {
        Ok(baseline) => baseline.map(|b| Comparison::of(b, &run, &opened.ledger, opened.scope)),
        Err(problem) => {
            diagnostics.push(*problem);
            None
        }
    };
    let refusal = args
        .write_baseline
        .as_deref()
        .and_then(|target| super::output::refuse_baseline(target, &opened.ledger, lang));
    diagnostics.extend(refusal.clone());
    let checked = Checked {
        ledger_path,
        ledger: Some(&opened.ledger),
        run: Some(&run),
        diagnostics: &diagnostics,
        lang,
        baseline: comparison.as_ref(),
    };
    write(args, &checked, root, out, err)?;
    if let (Some(target), None) = (&args.write_baseline, refusal) {
        let mut document = Vec::new();
        report::json::write(&mut document, &checked)?;
        super::output::write_atomically(target, &document).with_context(|| {
            let shown = super::shown_path(target);
            t!(lang, "无法写入 {shown}", "cannot write {shown}")
        })?;
    }
    let exit = match &comparison {
        Some(comparison) if !diagnostics.iter().any(Diagnostic::is_error) => {
            if comparison.new_violations(&run) > 0 {
                Exit::Violations
            } else {
                Exit::Clean
            }
        }
        _ => super::exit_status(&diagnostics, &run),
    };
    drop(comparison);
    super::drop_later((opened.ledger, run));
    Ok(exit)
}

fn write(
    args: &CheckArgs,
    checked: &Checked<'_>,
    root: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let format = args.format;
    // JSON carries the diagnostics itself; every other format is read
    // beside stderr, with the source lines.
    if format != CheckFormat::Json {
        let color = report::diagnostics::stderr_wants_color();
        report::diagnostics::write_human_with_source(
            err,
            checked.diagnostics,
            checked.lang,
            root,
            color,
        )?;
    }
    match format {
        CheckFormat::Table => report::table::write(out, checked, super::table_layout(args.wide))?,
        CheckFormat::Json => report::json::write(out, checked)?,
        CheckFormat::Csv => report::csv::write_check(out, checked)?,
        CheckFormat::Markdown => report::markdown::write_check(out, checked)?,
    }
    Ok(())
}

/// Every `--rule` must name a rule of the catalogue or of the ledger's cadence rules.
pub fn check_rule_codes(codes: &[String], config: &Config, diags: &mut Diags) {
    let lang = diags.lang;
    let known: Vec<String> = config
        .rules()
        .iter()
        .map(|r| r.meta().code.to_string())
        .collect();
    for code in codes {
        if !known.iter().any(|k| k.eq_ignore_ascii_case(code)) {
            let list = known.join(", ");
            let near = crate::text::suggest::closest(code, known.iter().map(String::as_str));
            let fix = t!(
                lang,
                "taizhang rules 列出所有规则",
                "taizhang rules lists them all"
            );
            diags.push(
                Diagnostic::error(
                    Code::UnknownRule,
                    t!(lang, "没有规则 {code}", "there is no rule {code}"),
                )
                .field("--rule")
                .found(code.clone())
                .expected(list)
                .hint(crate::diag::suggesting(lang, near, fix)),
            );
        }
    }
}
