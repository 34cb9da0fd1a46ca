//! Runs the selected rules over a loaded ledger, then sorts and
//! de-duplicates the findings so that output is deterministic.

use chrono::NaiveDate;

use crate::lang::Lang;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::ledger::{Kind, Ledger};
use crate::rules::{Context, Finding, Grid, GridRow, Meta, Outcomes, Rule, Severity, Tally};

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Evaluated,
    /// Not run: a kind it reads is absent, or the policy ignores it.
    Skipped(Skip),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Skip {
    MissingKind(Kind),
    Ignored,
}

#[derive(Debug)]
pub struct RuleRun {
    pub meta: Meta,
    pub requirement: String,
    pub status: Status,
    pub total: Tally,
    /// Tallies by the org of each subject (`None`: a subject without org).
    pub by_org: Vec<(Option<OrgIdx>, Tally)>,
    /// How the rule's month grid is shown, for a rule that has one, and its
    /// rows (none when the rule was not run).
    pub grid: Option<(Grid, Vec<GridRow>)>,
}

#[derive(Debug)]
pub struct Run {
    pub year: i32,
    pub as_of: NaiveDate,
    pub rules: Vec<RuleRun>,
    pub findings: Vec<Finding>,
    /// Members on the roll on a day of the year in the orgs checked (the
    /// subtree of the selected org, else of the root).
    pub members: usize,
}

impl Run {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

pub struct Selection<'a> {
    /// The rule codes asked for on the command line; all when empty.
    pub codes: &'a [String],
    /// The rule codes `[rules] ignore` lists: not run unless asked for.
    pub ignore: &'a [String],
    /// The org whose subtree is checked; all when `None`.
    pub org: Option<OrgIdx>,
}

pub fn run(
    ledger: &Ledger,
    rules: &[Box<dyn Rule>],
    selection: &Selection<'_>,
    as_of: NaiveDate,
    lang: Lang,
) -> Run {
    let cx = Context {
        ledger,
        year: ledger.year,
        as_of,
        lang,
    };
    let mut runs = Vec::new();
    let mut findings = Vec::new();
    for rule in rules {
        let meta = rule.meta();
        let asked = selection
            .codes
            .iter()
            .any(|code| code.eq_ignore_ascii_case(&meta.code));
        if !selection.codes.is_empty() && !asked {
            continue;
        }
        let missing = meta.reads.iter().copied().find(|&kind| !ledger.has(kind));
        // A rule named on the command line runs even when the policy ignores it.
        let ignored = !asked
            && selection
                .ignore
                .iter()
                .any(|code| code == meta.code.as_ref());
        let status = match (missing, ignored) {
            (_, true) => Status::Skipped(Skip::Ignored),
            (Some(kind), false) => Status::Skipped(Skip::MissingKind(kind)),
            (None, false) => Status::Evaluated,
        };
        let mut out = Outcomes::new(ledger, selection.org);
        if status == Status::Evaluated {
            rule.check(&cx, &mut out);
        }
        let mut by_org: Vec<(Option<OrgIdx>, Tally)> = out.by_org.into_iter().collect();
        by_org.sort_by_key(|(org, _)| *org);
        let mut total = Tally::default();
        for (_, tally) in &by_org {
            total.add(tally);
        }
        for mut finding in out.findings {
            finding.rule = meta.code.to_string();
            findings.push(finding);
        }
        runs.push(RuleRun {
            meta: meta.clone(),
            requirement: rule.requirement(lang),
            status,
            total,
            by_org,
            grid: rule.grid(lang).map(|grid| (grid, out.grid)),
        });
    }
    sort_findings(&mut findings, ledger);
    let top = selection.org.or(ledger.orgs.root);
    let members = ledger
        .members
        .list
        .iter()
        .filter(|m| {
            m.is_active_in(ledger.year) && top.is_some_and(|t| ledger.orgs.is_within(m.org, t))
        })
        .count();
    Run {
        year: ledger.year,
        as_of,
        rules: runs,
        findings,
        members,
    }
}

/// By rule, org id, member, period and record; findings equal in all five
/// are one finding.
fn sort_findings(findings: &mut Vec<Finding>, ledger: &Ledger) {
    let org_id = |org: Option<OrgIdx>| org.map(|o| ledger.orgs.org(o).id.as_str());
    findings.sort_by(|a, b| {
        (&a.rule, org_id(a.org), &a.member, &a.period, &a.record).cmp(&(
            &b.rule,
            org_id(b.org),
            &b.member,
            &b.period,
            &b.record,
        ))
    });
    findings.dedup_by(|a, b| {
        (&a.rule, a.org, &a.member, &a.period, &a.record)
            == (&b.rule, b.org, &b.member, &b.period, &b.record)
    });
}
