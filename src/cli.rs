//! The command line (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "taizhang",
    version,
    about = "Checks party-building ledgers (台账) against the quotas of the county's implementation opinion on the four long-term-mechanism documents.",
    after_help = "Exit status: 0 no violations; 1 violations found; 2 the input or the command line is wrong."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Language of messages and reports [default: from LANG, zh for zh_*, else en]
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
    /// Create a new ledger directory from the templates (Chinese headers): CSV files, or with --xlsx one workbook.
    Init(InitArgs),
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

    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
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

    /// The name (and id) of the merged report's top level, such as 某市委组织部 [default: 汇总 / combined]
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
pub struct RulesArgs {
    /// A ledger whose taizhang.toml sets the numbers (and adds cadence rules).
    #[arg(default_value = ".")]
    pub dir: PathBuf,

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
pub struct InitArgs {
    /// The new ledger directory (created; must be empty if it exists).
    pub dir: PathBuf,

    /// Write one workbook, 台账.xlsx, with a sheet per kind (drop-down lists, date and text columns), instead of CSV files.
    #[arg(long)]
    pub xlsx: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
