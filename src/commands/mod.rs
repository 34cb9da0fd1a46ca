//! The commands, sharing one way to open a ledger: check the command line,
//! read the policy, settle the year and the as-of date, load the ledger.

pub mod check;
pub mod columns;
pub mod completions;
pub mod due;
pub mod fmt;
pub mod guide;
pub mod init;
pub mod output;
mod progress;
pub mod report;
pub mod rules;
pub mod since;
pub mod status;
pub mod template;
pub mod watch;

use std::path::Path;

use chrono::NaiveDate;

use crate::Exit;
use crate::calendar::{year_end, year_start};
use crate::cli::LedgerArgs;
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diags, Scope};
use crate::engine::Run;
use crate::lang::Lang;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::ledger::plan::LoadPlan;
use crate::ledger::{self as ledger_mod, Kind, Ledger, LoadOptions};
use crate::rules::Rule;
use crate::t;
use crate::text::value;

/// A ledger opened for one year, with every diagnostic met on the way.
pub struct Opened {
    pub config: Config,
    pub ledger: Ledger,
    pub as_of: NaiveDate,
    pub scope: Option<OrgIdx>,
    pub diags: Diags,
}

impl Opened {
    /// Runs the rules in force (those of `codes`; all when empty) over the
    /// org scope of the command line.
    pub fn run(&self, codes: &[String], lang: Lang) -> crate::engine::Run {
        self.run_keeping(codes, false, lang)
    }

    /// As [`Opened::run`], keeping the passes with their numbers when
    /// `keep_passes` (`status`).
    pub fn run_keeping(&self, codes: &[String], keep_passes: bool, lang: Lang) -> Run {
        let rules = self.config.rules();
        let selection = crate::engine::Selection {
            codes,
            ignore: &self.config.ignore,
            org: self.scope,
            keep_passes,
        };
        let doubts = crate::rules::doubts::Doubts::of(&self.diags, self.ledger.year)
            .with_orphans(&self.ledger);
        crate::engine::run(&self.ledger, &doubts, &rules, &selection, self.as_of, lang)
    }
}

/// Opens the ledger of `args` for the rules of `codes` (all when empty).
/// `Err` holds the diagnostics when the command
/// line itself is wrong, and nothing could be checked.
pub fn open(
    args: &LedgerArgs,
    lang: Lang,
    codes: &[String],
    check_config: impl FnOnce(&Config, &mut Diags),
) -> Result<Opened, Diags> {
    let mut diags = Diags::new(lang);
    let root = args.dir.as_path();
    if !root.is_dir() {
        let shown = root.display().to_string();
        diags.push(
            Diagnostic::error(
                Code::LedgerNotFound,
                t!(
                    lang,
                    "台账目录 {shown} 不存在或不是目录",
                    "the ledger directory {shown} does not exist or is not a directory"
                ),
            )
            .found(shown.clone())
            .hint(t!(
                lang,
                "可用 taizhang init 目录名 新建台账",
                "taizhang init DIR creates a new ledger"
            )),
        );
        return Err(diags);
    }
    let config = Config::load(root, &mut diags);
    let today = chrono::Local::now().date_naive();
    let Some((year, as_of)) = settle_dates(args, &config, today, &mut diags) else {
        return Err(diags);
    };
    check_config(&config, &mut diags);
    if diags
        .iter()
        .any(|d| matches!(d.code, Code::BadArgument | Code::UnknownRule))
    {
        return Err(diags);
    }
    let options = LoadOptions {
        year,
        strict: args.strict,
        show_personal: args.show_personal,
        part_bytes: ledger_mod::PART_BYTES,
        progress: None,
    };
    let plan = load_plan(&config, codes, args.strict);
    // Only EDU01 counts working days, and only when it is run.
    if plan.sessions.is_some()
        && let Some(warning) = config.calendar_warning(year, lang)
    {
        diags.push(warning);
    }
    let ledger = progress::while_loading(lang, |progress| {
        ledger_mod::load(
            root,
            &plan,
            LoadOptions {
                progress,
                ..options
            },
            &mut diags,
        )
    });
    say_if_empty(&ledger, &mut diags);
    let scope = match &args.org {
        None => None,
        Some(id) => match ledger.orgs.get(id) {
            Some(org) => Some(org),
            None => {
                let near =
                    crate::ledger::kinds::one_slip_away(id, |c| ledger.orgs.get(c).is_some());
                let near = crate::text::suggest::only_one(id, &near);
                let mut diagnostic = Diagnostic::error(
                    Code::UnknownOrg,
                    t!(
                        lang,
                        "--org {id}：组织表中没有这个组织",
                        "--org {id}: there is no such org in orgs"
                    ),
                )
                .field("--org")
                .found(id.clone());
                if let Some(near) = near {
                    diagnostic = diagnostic.hint(crate::diag::did_you_mean(lang, near));
                }
                diags.push(diagnostic);
                return Err(diags);
            }
        },
    };
    Ok(Opened {
        config,
        ledger,
        as_of,
        scope,
        diags,
    })
}

/// A ledger whose orgs or members have no rows has nothing to check: an
/// error that says what to fill in, unless the kind's absence or a file
/// that could not be read was reported already.
fn say_if_empty(ledger: &Ledger, diags: &mut Diags) {
    let lang = diags.lang;
    for kind in [Kind::Orgs, Kind::Members] {
        let empty = ledger.rows.get(&kind).is_none_or(|&rows| rows == 0);
        let reported = diags.iter().any(|d| {
            d.left_out
                .as_ref()
                .is_some_and(|left| left.kind == kind.name() && left.scope == Scope::File)
        });
        if !empty || !ledger.has(kind) || reported {
            continue;
        }
        let name = kind.name();
        let file = ledger
            .files
            .iter()
            .find(|f| {
                let (path, sheet) = crate::diag::split_sheet_file(f);
                let first = path.split('/').next().unwrap_or(path);
                let stem = first.split('.').next().unwrap_or(first);
                first.starts_with(name)
                    || Kind::from_name(stem) == Some(kind)
                    || sheet.and_then(Kind::from_name) == Some(kind)
            })
            .cloned()
            .unwrap_or_else(|| format!("{name}.csv"));
        let what = match (kind, lang) {
            (Kind::Orgs, Lang::Zh) => "组织",
            (Kind::Orgs, Lang::En) => "orgs",
            (_, Lang::Zh) => "党员",
            (_, Lang::En) => "members",
        };
        diags.push(
            Diagnostic::error(
                Code::EmptyLedger,
                t!(
                    lang,
                    "{file} 中还没有任何一行：没有{what}，无从检查",
                    "{file} has no rows yet: without {what} there is nothing to check"
                ),
            )
            .at(crate::diag::Location::in_file(&file, None))
            .hint(Code::EmptyLedger.entry().fix(lang)),
        );
    }
}

/// What the rules in force need loaded.
pub fn load_plan(config: &Config, codes: &[String], strict: bool) -> LoadPlan {
    let selected = |rule: &dyn Rule| {
        codes.is_empty()
            || codes
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&rule.meta().code))
    };
    let rules = config.rules();
    let rules: Vec<&dyn Rule> = rules
        .iter()
        .map(AsRef::as_ref)
        .filter(|rule| selected(*rule))
        .collect();
    let mut plan = LoadPlan {
        known_events: config.cadence.iter().map(|c| c.event.clone()).collect(),
        maps: config.maps.clone(),
        ..LoadPlan::default()
    };
    for rule in &rules {
        rule.needs(&mut plan);
    }
    // Some rules only: the record kinds no other rule reads are not read,
    // and their files not checked, unless --strict asks for every file.
    if !codes.is_empty() && !strict {
        let kinds = rules
            .iter()
            .flat_map(|rule| rule.meta().reads.iter().chain(rule.meta().decides.iter()))
            .copied();
        plan.only = Some(kinds.collect());
    }
    plan
}

/// The year under check and the date the check stands on.
fn settle_dates(
    args: &LedgerArgs,
    config: &Config,
    today: NaiveDate,
    diags: &mut Diags,
) -> Option<(i32, NaiveDate)> {
    let lang = diags.lang;
    let as_of = match &args.as_of {
        None => None,
        Some(text) => match value::parse_date(text) {
            Ok(date) => Some(date),
            Err(error) => {
                let message = match error {
                    value::DateError::Impossible { .. } => t!(
                        lang,
                        "--as-of {text}：日历上没有这一天",
                        "--as-of {text}: there is no such day in the calendar"
                    ),
                    _ => t!(
                        lang,
                        "--as-of 不是日期：{text}",
                        "--as-of is not a date: {text}"
                    ),
                };
                diags.push(
                    Diagnostic::error(Code::BadArgument, message)
                        .field("--as-of")
                        .found(text.clone())
                        .expected("2025-12-31"),
                );
                return None;
            }
        },
    };
    let year = match &args.year {
        Some(text) => match value::parse_number(text)
            .ok()
            .filter(|y| y.fract() == 0.0 && (1949.0..=2100.0).contains(y))
        {
            Some(year) => year as i32,
            None => {
                diags.push(
                    Diagnostic::error(
                        Code::BadArgument,
                        t!(
                            lang,
                            "--year 不是 1949 到 2100 之间的年份：{text}",
                            "--year is not a year between 1949 and 2100: {text}"
                        ),
                    )
                    .field("--year")
                    .found(text.clone())
                    .expected("2025"),
                );
                return None;
            }
        },
        None => match (config.year, as_of) {
            (Some(year), _) => year,
            (None, Some(date)) if !(1949..=2100).contains(&chrono::Datelike::year(&date)) => {
                let text = date.to_string();
                diags.push(
                    Diagnostic::error(
                        Code::BadArgument,
                        t!(
                            lang,
                            "--as-of {text} 不在 1949 到 2100 年之间",
                            "--as-of {text} is not between 1949 and 2100"
                        ),
                    )
                    .field("--as-of")
                    .found(text)
                    .expected("2025-12-31"),
                );
                return None;
            }
            (None, Some(date)) => chrono::Datelike::year(&date),
            (None, None) => chrono::Datelike::year(&today),
        },
    };
    let as_of = as_of.unwrap_or(today).min(year_end(year));
    if as_of < year_start(year) {
        diags.push(
            Diagnostic::error(
                Code::BadArgument,
                t!(
                    lang,
                    "--as-of {as_of} 早于 {year} 年，无从检查",
                    "--as-of {as_of} is before the year {year}: there is nothing to check yet"
                ),
            )
            .field("--as-of")
            .found(as_of.to_string())
            .expected(t!(
                lang,
                "{year} 年内或之后的日期",
                "a date in {year} or later"
            )),
        );
        return None;
    }
    Some((year, as_of))
}

/// A path as the user gave it, with `/` separators, for outputs.
pub fn shown_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Frees what a run loaded on another thread: at provincial scale that is
/// millions of allocations, and the process, its output written, exits
/// without waiting (the watch loop's next check does not wait either).
/// On Windows it is freed here: a process that exits while another thread
/// holds the heap's lock can deadlock in its DLLs' detach code (so says
/// `ExitProcess`'s documentation), and under wine such a check was killed
/// (exit status 137) after writing its output.
pub(crate) fn drop_later<T: Send + 'static>(loaded: T) {
    if cfg!(windows) {
        drop(loaded);
        return;
    }
    // Should no thread start, the closure, and with it `loaded`, is dropped here.
    let _ = std::thread::Builder::new().spawn(move || drop(loaded));
}

/// The exit status of a run: input errors first, then violations.
pub fn exit_status(diagnostics: &[Diagnostic], run: &Run) -> Exit {
    if diagnostics.iter().any(Diagnostic::is_error) {
        Exit::Invalid
    } else if run.findings.iter().any(|f| f.is_violation()) {
        Exit::Violations
    } else {
        Exit::Clean
    }
}

/// The table's layout: as wide as `COLUMNS` says when it is set, as the
/// terminal when stdout is one, without limit into a file or a pipe.
pub fn table_layout(wide: bool) -> crate::report::table::Layout {
    use crate::report::table::{Layout, Width};
    use std::io::IsTerminal;
    let columns = std::env::var("COLUMNS").ok();
    let width = match columns.and_then(|c| c.trim().parse::<u16>().ok()) {
        Some(columns) if columns > 0 => Width::Fixed(columns),
        _ if std::io::stdout().is_terminal() => Width::Terminal,
        _ => Width::Unlimited,
    };
    Layout { width, wide }
}
