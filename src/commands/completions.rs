//! `taizhang completions SHELL` and `taizhang man [COMMAND]`: the shell
//! completion scripts and the manual pages, both generated from the clap
//! definitions of `cli.rs`, so that they never drift from the command
//! line. `docs/man/` keeps every page; a test keeps it equal to
//! [`man_pages`].

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs, Shell};
use crate::diag::{Code, Diagnostic, did_you_mean, quoted};
use crate::lang::Lang;
use crate::report::diagnostics::write_human;
use crate::text::suggest;
use crate::{Exit, t};

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<Exit> {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "taizhang", out);
    Ok(Exit::Clean)
}

pub fn man(
    args: &ManArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let pages = man_pages()?;
    let wanted = match &args.command {
        None => "taizhang.1".to_string(),
        Some(command) => format!("taizhang-{command}.1"),
    };
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, page)) => {
            out.write_all(page)?;
            Ok(Exit::Clean)
        }
        None => {
            let found = args.command.clone().unwrap_or_default();
            let commands: Vec<String> = Cli::command()
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let nearest = suggest::closest(&found, commands.iter().map(String::as_str))
                .map(|near| did_you_mean(lang, &quoted(lang, near)));
            let commands: Vec<String> = commands.iter().map(|c| quoted(lang, c)).collect();
            let mut diagnostic = Diagnostic::error(
                Code::BadArgument,
                t!(
                    lang,
                    "没有“{found}”这个命令，因此没有它的手册页",
                    "there is no command {found}, so no manual page for it"
                ),
            )
            .found(found)
            .expected(commands.join(lang.pick("、", ", ")));
            if let Some(nearest) = nearest {
                diagnostic = diagnostic.hint(nearest);
            }
            write_human(err, &[diagnostic], lang)?;
            Ok(Exit::Invalid)
        }
    }
}

/// Every manual page, by file name: `taizhang.1`, then `taizhang-CMD.1`
/// for each command in the order of `taizhang --help`.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut command = Cli::command();
    command.build();
    let mut pages = Vec::new();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    pages.push(("taizhang.1".to_string(), page));
    for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
        let name = format!("taizhang-{}", sub.get_name());
        let mut page = Vec::new();
        let sub = sub
            .clone()
            .name(name.clone())
            .bin_name(name.replace('-', " "))
            .version(env!("CARGO_PKG_VERSION"));
        clap_mangen::Man::new(sub).render(&mut page)?;
        pages.push((format!("{name}.1"), page));
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/man/ holds exactly the generated pages; under
    /// `TAIZHANG_BLESS=1` the test rewrites it instead of failing.
    #[test]
    fn docs_man_is_the_command_line() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
        let pages = man_pages().expect("the pages render");
        let mut kept: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        kept.sort();
        let mut names: Vec<String> = pages.iter().map(|(name, _)| name.clone()).collect();
        names.sort();
        let same = kept == names
            && pages
                .iter()
                .all(|(name, page)| std::fs::read(dir.join(name)).is_ok_and(|k| k == *page));
        if !same && std::env::var_os("TAIZHANG_BLESS").is_some() {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("docs/man is created");
            for (name, page) in &pages {
                std::fs::write(dir.join(name), page).expect("a page is written");
            }
            return;
        }
        assert!(
            same,
            "docs/man/ differs from the command line: run `TAIZHANG_BLESS=1 cargo test` and commit it"
        );
    }
}
