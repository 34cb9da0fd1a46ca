//! `taizhang due [DIR]`: the to-do list of the periods running on as-of,
//! soonest deadline first: the findings `check` makes for those periods
//! (pending, or a violation on a period's last day), each with its
//! deadline and whether it is behind the pro-rata pace.

use std::io::Write;

use crate::Exit;
use crate::calendar::Period;
use crate::cli::{DueArgs, ProgressFormat};
use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::report::progress::{self, Due, Progress, Style};
use crate::report::{self, diagnostics};
use crate::rules::Severity;
use crate::rules::progress::State;

pub fn run(
    args: &DueArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let root = args.ledger.dir.as_path();
    let color = diagnostics::stderr_wants_color();
    let opened = match super::open(&args.ledger, lang, &[], |_, _| {}) {
        Ok(opened) => opened,
        Err(diags) => {
            diagnostics::write_human_with_source(err, &diags.into_sorted(), lang, root, color)?;
            return Ok(Exit::Invalid);
        }
    };
    let run = opened.run(&[], lang);
    let mut found = opened.diags.into_sorted();
    report::verdicts::say_consequences(&run, &mut found, lang);
    let as_of = run.as_of;
    let mut items: Vec<Progress<'_>> = run
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Warning)
        .filter(|f| {
            Period::parse(&f.period).is_some_and(|p| p.start() <= as_of && as_of <= p.end())
        })
        .map(|finding| Progress {
            finding,
            state: State::of(finding, false),
        })
        .collect();
    // The run's order (rule, org, member, period, record) within a deadline.
    items.sort_by_key(|item| item.finding.deadline());
    let due = Due {
        ledger_path: super::shown_path(&args.ledger.dir),
        ledger: &opened.ledger,
        run: &run,
        scope: opened.scope,
        items,
        diagnostics: &found,
        lang,
    };
    match args.format {
        ProgressFormat::Json => progress::write_due_json(out, &due)?,
        format => {
            diagnostics::write_human_with_source(err, &found, lang, root, color)?;
            let style = match format {
                ProgressFormat::Markdown => Style::Markdown,
                _ => Style::Terminal(super::table_layout(true).width),
            };
            progress::write_due(out, &due, style)?;
        }
    }
    Ok(if found.iter().any(Diagnostic::is_error) {
        Exit::Invalid
    } else {
        Exit::Clean
    })
}
