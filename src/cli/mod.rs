//! The command line (clap derive), in English; [`zh`] makes the Chinese
//! one from it, and [`parse`] reads the command line in the language it
//! asks for.

mod zh;
mod zh_help;

pub use zh::{ParseError, parse, try_parse};

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "taizhang",
    version,
    about = "Checks party-building ledgers (\"台账\") against the quotas of the county's implementation opinion on the four long-term-mechanism documents.",
    after_help = "Exit status: 0 no violations; 1 violations found; 2 the input or the command line is wrong."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Language of messages, help and reports [default: from LANG, zh for zh_*, else en; on Windows the display language]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the rules over a ledger and list every shortfall.
    Check(CheckArgs),
    /// Write the year-end compliance report: each org's rates rolled up its subtree, the committees ranked, and the members and periods behind each shortfall.
    Report(ReportArgs),
    /// List the rule catalogue with the numbers in force.
    Rules(RulesArgs),
    /// Explain one rule (what must hold, the seed's own words, how it counts) or one diagnostic code (what it means, an example, the fix).
    Explain(ExplainArgs),
    /// List every header and value a kind accepts: built in, and mapped by the ledger's taizhang.toml ([columns.KIND], [values.KIND.COLUMN]).
    Columns(ColumnsArgs),
    /// Where one member or org stands on every quota that applies: expected, actual, the pro-rata pace at as-of, the state and the deadline.
    Status(StatusArgs),
    /// The to-do list of the current periods, soonest deadline first: every quota of a month, quarter or year still running that is not met yet.
    Due(DueArgs),
    /// Rewrite every ledger file in one canonical form (column order, ISO dates, rows by key, UTF-8 with BOM, LF), losing nothing; --check only lists the files that are not.
    Fmt(FmtArgs),
    /// Create a new ledger directory from the templates (Chinese headers): CSV files, or with --xlsx one workbook.
    Init(InitArgs),
    /// Print the shell completion script for bash, zsh, fish or PowerShell.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of taizhang or of one of its commands; docs/man/ holds them all.
    Man(ManArgs),
}

/// What every command that reads a ledger takes.
#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// The ledger directory.
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// The year to check [default: `ledger.year` of taizhang.toml, else the year of --as-of, else this year]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// The date the check stands on: periods ending after it are pending [default: today, at most the year's last day]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Check only the subtree of this org.
    #[arg(long, value_name = "ID")]
    pub org: Option<String>,

    /// Treat missing optional kinds, unknown files and unknown columns as errors.
    #[arg(long)]
    pub strict: bool,

    /// Show phone and ID numbers unmasked.
    #[arg(long)]
    pub show_personal: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub ledger: LedgerArgs,

    /// Run only this rule (repeatable).
    #[arg(long = "rule", value_name = "CODE")]
    pub rules: Vec<String>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,

    /// Compare with a previous check (a `check --format json`, or a file --write-baseline wrote): each finding is new or known, the baseline's findings that are gone are listed as fixed, and only new violations exit 1.
    #[arg(long, value_name = "FILE", conflicts_with = "since")]
    pub baseline: Option<PathBuf>,

    /// Compare with the same ledger at a git revision (HEAD, main, a commit), read without touching the work tree: what does this change break?
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,

    /// Also write this check as JSON to FILE, a baseline for a later --baseline; inside the ledger only as taizhang.baseline.json at its root.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Keep running: check again whenever a file of the ledger is saved (Ctrl-C to stop).
    #[arg(long, conflicts_with = "write_baseline")]
    pub watch: bool,

    /// Show every column of the table (severity, expected, actual); by default it has rule, org, member, period and the message, and fits the width of COLUMNS or of the terminal.
    #[arg(long)]
    pub wide: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// A table for people, with a summary line.
    Table,
    /// The JSON document of SPEC §3, for scripts.
    Json,
    /// One row per finding, the table's columns; UTF-8 with a BOM, so that Excel on a Chinese Windows opens it as it is.
    Csv,
    /// The findings table in Markdown, for documents and git.
    Markdown,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The compliance rate is passed / (passed + failed); pending subjects, whose period has not ended by --as-of, are left out. Exit status as for check: 0 no violations; 1 violations found; 2 the input or the command line is wrong (diagnostics on stderr)."
)]
pub struct ReportArgs {
    #[command(flatten)]
    pub ledger: LedgerArgs,

    /// The output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,

    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Counts only, per org and rule: no findings, member ids, names or personal data, no diagnostics but their counts (what a county sends up).
    #[arg(long)]
    pub aggregate: bool,

    /// Combine the report JSONs of several ledgers (as report --format json writes them, aggregate or full, merged or not) into one report, of counts only; the ledger directory is not read.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["org", "year", "as_of", "strict", "show_personal"])]
    pub merge: Vec<PathBuf>,

    /// The name (and id) of the merged report's top level, such as "某市委组织部" [default: "汇总" under zh, "combined" under en]
    #[arg(long, value_name = "NAME", requires = "merge")]
    pub name: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained page with charts, for the screen and for printing on A4.
    Html,
    /// For pasting into documents and keeping in git.
    Markdown,
    /// One row per org × rule; UTF-8 with a BOM, so that Excel on a Chinese Windows opens it as it is.
    Csv,
    /// The same numbers for scripts (docs/report-json.md).
    Json,
}

#[derive(Debug, Args)]
#[command(
    after_help = "States: met; on_track (short so far, at or ahead of the pace); behind (short of the pace); pending (short so far, for a rule without numbers); violation (the period is over and it fell short); warning. The numbers are those of check. Exit status: 0, or 2 when the input or the command line is wrong."
)]
pub struct StatusArgs {
    /// A member id (党员编号) or an org id (组织编号); a member when it is both.
    pub id: String,

    /// The ledger directory.
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// The year [default: `ledger.year` of taizhang.toml, else the year of --as-of, else this year]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,

    /// The date the status stands on [default: today, at most the year's last day]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Treat missing optional kinds, unknown files and unknown columns as errors.
    #[arg(long)]
    pub strict: bool,

    /// The output format.
    #[arg(long, value_enum, default_value_t = ProgressFormat::Table)]
    pub format: ProgressFormat,
}

#[derive(Debug, Args)]
#[command(
    after_help = "An item is a quota of a period that includes --as-of and is not met yet, as check reports it (pending, or a violation on the period's last day), with its deadline and whether it is behind the pro-rata pace. Exit status: 0, or 2 when the input or the command line is wrong."
)]
pub struct DueArgs {
    #[command(flatten)]
    pub ledger: LedgerArgs,

    /// The output format.
    #[arg(long, value_enum, default_value_t = ProgressFormat::Table)]
    pub format: ProgressFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProgressFormat {
    /// A table for people.
    Table,
    /// For scripts (docs/SPEC.md §3).
    Json,
    /// The table in Markdown, for documents.
    Markdown,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A ledger whose taizhang.toml sets the numbers (and adds cadence rules).
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// The output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code, such as EDU01, or a diagnostic code, such as excel-serial-date.
    pub code: String,

    /// A ledger whose taizhang.toml sets the numbers.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct ColumnsArgs {
    /// The kind: orgs, members, events … or one of its Chinese names (党员名册); `all` for every kind.
    #[arg(default_value = "all")]
    pub kind: String,

    /// A ledger whose taizhang.toml maps more headers and values.
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// The output format.
    #[arg(long, value_enum, default_value_t = ColumnsFormat::Table)]
    pub format: ColumnsFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColumnsFormat {
    /// Tables for people: the columns, then the values of each enumeration column.
    Table,
    /// For scripts: the kind with its columns (an array of kinds for `all`).
    Json,
    /// A list per kind, as the README shows it.
    Markdown,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The canonical form: the kind's columns in the order of docs/SPEC.md, the file's unknown columns after them as they were; headers in the file's language; dates as 2025-03-05; full-width digits folded in ids, numbers and dates; rows ordered by the kind's key; CSV as UTF-8 with a BOM (GBK converted) and LF line ends; TOML with its top comment kept. A file with input errors, a workbook, and a TOML file with comments below its first row are left as they are and named. Exit status: 0 done (or, with --check, every file canonical); 1 with --check, files to rewrite; 2 files left as they are because of input errors, or a wrong command line."
)]
pub struct FmtArgs {
    /// The ledger directory.
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// Rewrite nothing: list the files that are not in canonical form, and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The new ledger also holds 填写说明.md, the guide to every column of every kind (header, required or not, what it holds, the values it takes, the ways to write a date), and 示例/, a small filled-in ledger with one row of every kind, which checking the new ledger never reads (see it with: taizhang check DIR/示例). Its taizhang.toml checks the current year (ledger.year)."
)]
pub struct InitArgs {
    /// The new ledger directory (created; must be empty if it exists).
    pub dir: PathBuf,

    /// Write one workbook, 台账.xlsx, with a sheet per kind (drop-down lists, date and text columns), instead of CSV files.
    #[arg(long)]
    pub xlsx: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Install: bash: taizhang completions bash > /etc/bash_completion.d/taizhang · zsh: taizhang completions zsh > \"${fpath[1]}/_taizhang\" · fish: taizhang completions fish > ~/.config/fish/completions/taizhang.fish · PowerShell: taizhang completions powershell >> $PROFILE"
)]
pub struct CompletionsArgs {
    /// The shell to complete commands in.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Read it with: taizhang man | man -l -   (or taizhang man check | man -l -)"
)]
pub struct ManArgs {
    /// A command, such as check: its own page [default: the page of taizhang]
    pub command: Option<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
