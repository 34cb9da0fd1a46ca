//! `taizhang status ID [DIR]`: where one member or org stands on every
//! quota that applies, from the same run `check` makes, with the passes
//! kept so that met quotas show their numbers too.

use std::io::Write;

use crate::cli::{LedgerArgs, ProgressFormat, StatusArgs};
use crate::diag::{Code, Diagnostic};
use crate::lang::Lang;
use crate::report::progress::{self, Progress, Status, Style, Subject};
use crate::report::{self, diagnostics};
use crate::rules::Finding;
use crate::rules::progress::State;
use crate::{Exit, t};

pub fn run(
    args: &StatusArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let ledger_args = LedgerArgs {
        dir: args.dir.clone(),
        year: args.year.clone(),
        as_of: args.as_of.clone(),
        org: None,
        strict: args.strict,
        show_personal: false,
    };
    let root = args.dir.as_path();
    let color = diagnostics::stderr_wants_color();
    let opened = match super::open(&ledger_args, lang, &[], |_, _| {}) {
        Ok(opened) => opened,
        Err(diags) => {
            diagnostics::write_human_with_source(err, &diags.into_sorted(), lang, root, color)?;
            return Ok(Exit::Invalid);
        }
    };
    let run = opened.run_keeping(&[], true, lang);
    let mut found = opened.diags.into_sorted();
    report::verdicts::say_consequences(&run, &mut found, lang);
    let ledger = &opened.ledger;
    let id = args.id.trim();
    let names_member = |f: &Finding| f.member.as_deref() == Some(id);
    let subject = if ledger.members.get(id).is_some()
        || run.findings.iter().chain(&run.passed).any(names_member)
    {
        Subject::Member { id: id.to_string() }
    } else if let Some(org) = ledger.orgs.get(id) {
        Subject::Org(org)
    } else {
        // A slip for a member id or an org id.
        let known = |c: &str| ledger.members.get(c).is_some() || ledger.orgs.get(c).is_some();
        let near = crate::ledger::kinds::one_slip_away(id, known);
        let fix = t!(
            lang,
            "党员编号见党员名册（members.csv）的“党员编号”列，组织编号见组织表（orgs.csv）的“组织编号”列",
            "member ids are in the id column of members, org ids in that of orgs"
        );
        let unknown = Diagnostic::error(
            Code::BadArgument,
            t!(
                lang,
                "{id} 既不是党员名册中的党员编号，也不是组织编号",
                "{id} is neither a member id of the roll nor an org id"
            ),
        )
        .found(id)
        .hint(crate::diag::suggesting(
            lang,
            crate::text::suggest::only_one(id, &near),
            fix,
        ));
        found.push(unknown);
        diagnostics::write_human_with_source(err, &found, lang, root, color)?;
        return Ok(Exit::Invalid);
    };
    let concerns = |f: &Finding| match &subject {
        Subject::Member { id } => f.member.as_deref() == Some(id.as_str()),
        Subject::Org(org) => f.member.is_none() && f.org == Some(*org),
    };
    let mut quotas: Vec<Progress<'_>> = run
        .findings
        .iter()
        .filter(|f| concerns(f))
        .map(|finding| Progress {
            finding,
            state: State::of(finding, false),
        })
        .chain(
            run.passed
                .iter()
                .filter(|f| concerns(f))
                .map(|finding| Progress {
                    finding,
                    state: State::of(finding, true),
                }),
        )
        .collect();
    quotas.sort_by(|a, b| {
        let key = |p: &Progress<'_>| {
            let f = p.finding;
            (
                f.rule.clone(),
                f.deadline(),
                f.period.clone(),
                f.record.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let status = Status {
        ledger_path: super::shown_path(&args.dir),
        ledger,
        run: &run,
        subject,
        quotas,
        diagnostics: &found,
        lang,
    };
    match args.format {
        ProgressFormat::Json => progress::write_status_json(out, &status)?,
        format => {
            diagnostics::write_human_with_source(err, &found, lang, root, color)?;
            let style = match format {
                ProgressFormat::Markdown => Style::Markdown,
                _ => Style::Terminal(super::table_layout(true).width),
            };
            progress::write_status(out, &status, style)?;
        }
    }
    Ok(if found.iter().any(Diagnostic::is_error) {
        Exit::Invalid
    } else {
        Exit::Clean
    })
}
