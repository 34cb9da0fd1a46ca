//! taizhang (台账): checks a county's party-building ledgers against the
//! quotas of its implementation opinion on the four long-term-mechanism
//! documents. The binary is a thin shell over [`run`].

pub mod calendar;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diag;
pub mod engine;
pub mod lang;
pub mod ledger;
pub mod report;
pub mod rules;
pub mod text;

use std::process::ExitCode;

/// The three outcomes a run can have, as exit statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// No violations (warnings and pending findings allowed).
    Clean,
    /// Violations found.
    Violations,
    /// The input or the command line is wrong.
    Invalid,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(match exit {
            Exit::Clean => 0,
            Exit::Violations => 1,
            Exit::Invalid => 2,
        })
    }
}

/// Runs one command, writing its output to stdout (and diagnostics meant for
/// people to stderr).
pub fn run(cli: cli::Cli) -> anyhow::Result<Exit> {
    let lang = cli.lang.unwrap_or_else(lang::Lang::from_env);
    // Line-buffered stdout would make a system call per line of a large JSON document.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    // Not locked for the whole run: the progress bar draws on it meanwhile.
    let mut stderr = std::io::stderr();
    let exit = match cli.command {
        cli::Command::Check(args) => commands::check::run(&args, lang, &mut stdout, &mut stderr),
        cli::Command::Report(args) => commands::report::run(&args, lang, &mut stdout, &mut stderr),
        cli::Command::Rules(args) => commands::rules::list(&args, lang, &mut stdout, &mut stderr),
        cli::Command::Explain(args) => {
            commands::rules::explain(&args, lang, &mut stdout, &mut stderr)
        }
        cli::Command::Columns(args) => {
            commands::columns::run(&args, lang, &mut stdout, &mut stderr)
        }
        cli::Command::Init(args) => commands::init::run(&args, lang, &mut stdout, &mut stderr),
    }?;
    std::io::Write::flush(&mut stdout)?;
    Ok(exit)
}
