//! Baselines: the findings of an earlier check (a `check --format json`,
//! or the same ledger at a git revision) that a check is compared with.
//! Findings are matched by rule, org, member, period and record, never by
//! their place in a file, so that editing other rows does not make an old
//! finding new.

use std::path::Path;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::diag::{Code, Diagnostic, Location};
use crate::engine::{Run, Status};
use crate::lang::Lang;
use crate::ledger::Ledger;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::rules::Finding;
use crate::t;

/// What identifies a finding: rule, org id, member, period, record.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub struct Key {
    pub rule: String,
    pub org: Option<String>,
    pub member: Option<String>,
    pub period: String,
    pub record: Option<String>,
}

impl Key {
    pub fn of(finding: &Finding, ledger: &Ledger) -> Key {
        Key {
            rule: finding.rule.clone(),
            org: super::org_id(ledger, finding.org).map(str::to_string),
            member: finding.member.clone(),
            period: finding.period.clone(),
            record: finding.record.clone(),
        }
    }
}

/// One finding of the baseline.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Known {
    #[serde(flatten)]
    pub key: Key,
    pub severity: String,
    pub message: String,
}

/// The findings a check is compared with, and where they come from.
#[derive(Debug)]
pub struct Baseline {
    /// The file, or `git:REV`.
    pub source: String,
    pub findings: Vec<Known>,
}

#[derive(Deserialize)]
struct Document {
    year: Option<i32>,
    findings: Vec<Known>,
}

impl Baseline {
    /// A baseline as `check --format json` (or `--write-baseline`) wrote
    /// it; it must be of `year`.
    pub fn read(
        path: &Path,
        shown: &str,
        year: i32,
        lang: Lang,
    ) -> Result<Baseline, Box<Diagnostic>> {
        let problem = |message: String| {
            Box::new(
                Diagnostic::error(Code::BaselineInput, message)
                    .at(Location::file(shown))
                    .hint(Code::BaselineInput.entry().fix(lang)),
            )
        };
        let text = std::fs::read_to_string(path).map_err(|error| {
            let reason = crate::text::files::io_reason(&error, lang);
            problem(t!(
                lang,
                "无法读取基线 {shown}：{reason}",
                "cannot read the baseline {shown}: {reason}"
            ))
        })?;
        let document: Document = serde_json::from_str(text.trim_start_matches('\u{FEFF}'))
            .map_err(|error| {
                let error = crate::text::parse_errors::json(&error, lang);
                problem(t!(
                    lang,
                    "{shown} 不是 taizhang check --format json 写出的文件：{error}",
                    "{shown} is not what taizhang check --format json writes: {error}"
                ))
            })?;
        match document.year {
            Some(found) if found != year => Err(problem(t!(
                lang,
                "基线 {shown} 是 {found} 年度的，本次检查 {year} 年度：不同年度的结论无从比较",
                "the baseline {shown} is of the year {found}, this check of {year}: findings of different years cannot be compared"
            ))),
            _ => Ok(Baseline {
                source: shown.to_string(),
                findings: document.findings,
            }),
        }
    }

    /// The findings of a run, as a baseline.
    pub fn of_run(source: String, run: &Run, ledger: &Ledger) -> Baseline {
        let findings = run
            .findings
            .iter()
            .map(|finding| Known {
                key: Key::of(finding, ledger),
                severity: serde_json::to_value(finding.severity)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                message: finding.message.clone(),
            })
            .collect();
        Baseline { source, findings }
    }

    /// A baseline of no findings (a repository before its first commit).
    pub fn empty(source: String) -> Baseline {
        Baseline {
            source,
            findings: Vec::new(),
        }
    }
}

/// A run compared with a baseline.
#[derive(Debug)]
pub struct Comparison {
    pub source: String,
    /// By the run's findings: whether each is new.
    pub new: Vec<bool>,
    /// The baseline's findings that the run no longer has, sorted.
    pub fixed: Vec<Known>,
}

impl Comparison {
    /// The run (of the orgs below `scope`, all when `None`) against the
    /// baseline. A baseline finding is fixed only when the run judged what
    /// it is about: its rule was evaluated, its org is in the scope.
    pub fn of(baseline: Baseline, run: &Run, ledger: &Ledger, scope: Option<OrgIdx>) -> Comparison {
        let known: FxHashSet<&Key> = baseline.findings.iter().map(|k| &k.key).collect();
        let keys: Vec<Key> = run.findings.iter().map(|f| Key::of(f, ledger)).collect();
        let new = keys.iter().map(|key| !known.contains(key)).collect();
        let now: FxHashSet<&Key> = keys.iter().collect();
        let evaluated = |code: &str| {
            run.rules
                .iter()
                .any(|r| r.meta.code == code && r.status == Status::Evaluated)
        };
        let in_scope = |org: &Option<String>| match (scope, org) {
            (None, _) => true,
            (Some(scope), Some(id)) => ledger
                .orgs
                .get(id)
                .is_some_and(|org| ledger.orgs.is_within(org, scope)),
            (Some(_), None) => false,
        };
        let mut fixed: Vec<Known> = baseline
            .findings
            .iter()
            .filter(|k| !now.contains(&k.key) && evaluated(&k.key.rule) && in_scope(&k.key.org))
            .cloned()
            .collect();
        fixed.sort_by(|a, b| a.key.cmp(&b.key));
        fixed.dedup_by(|a, b| a.key == b.key);
        Comparison {
            source: baseline.source,
            new,
            fixed,
        }
    }

    /// Whether the run's finding at `index` is new.
    pub fn is_new(&self, index: usize) -> bool {
        self.new.get(index).copied().unwrap_or(true)
    }

    /// The run's violations that the baseline does not have.
    pub fn new_violations(&self, run: &Run) -> usize {
        run.findings
            .iter()
            .enumerate()
            .filter(|(i, f)| f.is_violation() && self.is_new(*i))
            .count()
    }

    pub fn label(&self, index: usize) -> &'static str {
        if self.is_new(index) { "new" } else { "known" }
    }

    pub fn words(&self, index: usize, lang: Lang) -> &'static str {
        if self.is_new(index) {
            lang.pick("新", "new")
        } else {
            lang.pick("已知", "known")
        }
    }
}
