//! Runs the selected rules over a loaded ledger, then sorts and
//! de-duplicates the findings so that output is deterministic.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diag::{Code, Location};
use crate::lang::Lang;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::ledger::{Kind, Ledger};
use crate::rules::doubts::Doubts;
use crate::rules::progress;
use crate::rules::{
    Context, Finding, Grid, GridRow, Meta, Outcomes, Rule, Subject, Tally, Unchecked,
};

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
    /// A file of a kind it reads could not be read: where, and the error.
    Unreadable {
        kind: Kind,
        at: Location,
        error: Code,
    },
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
    /// The subject-periods that pass, as the finding each would have been,
    /// when [`Selection::keep_passes`] asks for them; sorted as findings.
    pub passed: Vec<Finding>,
    /// The subjects not checked because of input errors, by rule (`None`:
    /// by no rule), org and member.
    pub unchecked: Vec<Unchecked>,
    /// Members on the roll on a day of the year in the orgs checked (the
    /// subtree of the selected org, else of the root).
    pub members: usize,
}

pub struct Selection<'a> {
    /// The rule codes asked for on the command line; all when empty.
    pub codes: &'a [String],
    /// The rule codes `[rules] ignore` lists: not run unless asked for.
    pub ignore: &'a [String],
    /// The org whose subtree is checked; all when `None`.
    pub org: Option<OrgIdx>,
    /// Whether the passes are kept with their numbers (`status`).
    pub keep_passes: bool,
}

pub fn run(
    ledger: &Ledger,
    doubts: &Doubts,
    rules: &[Box<dyn Rule>],
    selection: &Selection<'_>,
    as_of: NaiveDate,
    lang: Lang,
) -> Run {
    let cx = Context {
        ledger,
        doubts,
        year: ledger.year,
        as_of,
        lang,
    };
    // The rules are independent of each other: they run in parallel, and
    // their outcomes are taken in the rules' order.
    let outcomes: Vec<RuleOutcome> = rules
        .par_iter()
        .filter_map(|rule| run_rule(rule.as_ref(), &cx, selection, lang))
        .collect();
    // Sized once: at provincial scale there are hundreds of thousands.
    let count = |of: fn(&RuleOutcome) -> usize| outcomes.iter().map(of).sum::<usize>();
    let mut runs = Vec::with_capacity(outcomes.len());
    let mut findings = Vec::with_capacity(count(|rule| rule.findings.len()));
    let mut passed = Vec::with_capacity(count(|rule| rule.passed.len()));
    let mut unchecked = Vec::with_capacity(count(|rule| rule.unchecked.len()));
    for rule in outcomes {
        runs.push(rule.run);
        findings.extend(rule.findings);
        passed.extend(rule.passed);
        unchecked.extend(rule.unchecked);
    }
    sort_findings(&mut findings, ledger);
    sort_findings(&mut passed, ledger);
    unchecked.extend(unjudged(ledger, doubts, selection.org));
    sort_unchecked(&mut unchecked, ledger);
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
        passed,
        unchecked,
        members,
    }
}

/// Runs one rule, unless it is not selected: its run, findings and
/// unchecked subjects.
/// What one rule gave.
struct RuleOutcome {
    run: RuleRun,
    findings: Vec<Finding>,
    passed: Vec<Finding>,
    unchecked: Vec<Unchecked>,
}

fn run_rule(
    rule: &dyn Rule,
    cx: &Context<'_>,
    selection: &Selection<'_>,
    lang: Lang,
) -> Option<RuleOutcome> {
    let (ledger, doubts) = (cx.ledger, cx.doubts);
    let meta = rule.meta();
    let asked = selection
        .codes
        .iter()
        .any(|code| code.eq_ignore_ascii_case(&meta.code));
    if !selection.codes.is_empty() && !asked {
        return None;
    }
    let missing = meta.reads.iter().copied().find(|&kind| !ledger.has(kind));
    // A rule named on the command line runs even when the policy ignores it.
    let ignored = !asked
        && selection
            .ignore
            .iter()
            .any(|code| code == meta.code.as_ref());
    // Not judged on what remains of a kind whose file could not be read;
    // the roll and the org tree are read by every rule.
    let lost = [Kind::Orgs, Kind::Members]
        .iter()
        .chain(meta.reads.iter())
        .chain(meta.decides.iter())
        .find_map(|&kind| doubts.lost_file(kind).map(|lost| (kind, lost)));
    let status = match (missing, ignored, lost) {
        (_, true, _) => Status::Skipped(Skip::Ignored),
        (Some(kind), false, _) => Status::Skipped(Skip::MissingKind(kind)),
        (None, false, Some((kind, (at, error)))) => Status::Skipped(Skip::Unreadable {
            kind,
            at: at.clone(),
            error: *error,
        }),
        (None, false, None) => Status::Evaluated,
    };
    let mut out = Outcomes::new(ledger, selection.org, doubts, doubting_kinds(meta))
        .keeping_passes(selection.keep_passes);
    if status == Status::Evaluated {
        rule.check(cx, &mut out);
        out.undecided(&meta.decides, meta.subject);
    }
    let mut by_org: Vec<(Option<OrgIdx>, Tally)> = out.by_org.into_iter().collect();
    by_org.sort_by_key(|(org, _)| *org);
    let mut total = Tally::default();
    for (_, tally) in &by_org {
        total.add(tally);
    }
    // A visit's numbers are a limit and the days it was open: no pace.
    let paced = meta.subject != Subject::Record;
    let (mut findings, mut passed) = (out.findings, out.passed);
    for finding in findings.iter_mut().chain(passed.iter_mut()) {
        finding.rule = meta.code.to_string();
        if paced {
            progress::pace_finding(finding, meta.unit, cx.as_of);
        }
    }
    let mut unchecked = out.unchecked;
    for entry in &mut unchecked {
        entry.rule = Some(meta.code.to_string());
    }
    let run = RuleRun {
        meta: meta.clone(),
        requirement: rule.requirement(lang),
        status,
        total,
        by_org,
        grid: rule.grid(lang).map(|grid| (grid, out.grid)),
    };
    Some(RuleOutcome {
        run,
        findings,
        passed,
        unchecked,
    })
}

/// The kinds whose left-out rows touch a rule's findings: those it reads,
/// those that decide its subjects, and the roll for rules about members.
fn doubting_kinds(meta: &Meta) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = meta
        .reads
        .iter()
        .chain(meta.decides.iter())
        .copied()
        .collect();
    if meta.subject == Subject::Member {
        kinds.push(Kind::Members);
    }
    kinds.sort();
    kinds.dedup();
    kinds
}

/// The subjects no rule could judge: members whose roll row was left out
/// (unless another row of the same id is on the roll), and orgs whose row
/// was left out, with everything in them.
fn unjudged(ledger: &Ledger, doubts: &Doubts, scope: Option<OrgIdx>) -> Vec<Unchecked> {
    let in_scope = |org: Option<OrgIdx>| match (scope, org) {
        (None, _) => true,
        (Some(scope), Some(org)) => ledger.orgs.is_within(org, scope),
        (Some(_), None) => false,
    };
    let mut list = Vec::new();
    for gap in doubts.gaps(Kind::Members) {
        let org = gap.orgs.iter().find_map(|id| ledger.orgs.get(id));
        let members: Vec<Option<&String>> = if gap.members.is_empty() {
            vec![None]
        } else {
            gap.members.iter().map(Some).collect()
        };
        for member in members {
            if member.is_some_and(|id| ledger.members.get(id).is_some()) || !in_scope(org) {
                continue;
            }
            list.push(Unchecked {
                rule: None,
                org,
                org_id: gap.orgs.first().filter(|_| org.is_none()).cloned(),
                member: member.cloned(),
                record: None,
                because: vec![gap.at.clone()],
            });
        }
    }
    for (org, because) in doubts.orphans() {
        if in_scope(Some(org)) {
            list.push(Unchecked {
                rule: None,
                org: Some(org),
                org_id: None,
                member: None,
                record: None,
                because: because.clone(),
            });
        }
    }
    if scope.is_none() {
        for gap in doubts.gaps(Kind::Orgs) {
            for id in gap.orgs.iter().filter(|id| ledger.orgs.get(id).is_none()) {
                list.push(Unchecked {
                    rule: None,
                    org: None,
                    org_id: Some(id.clone()),
                    member: None,
                    record: None,
                    because: vec![gap.at.clone()],
                });
            }
        }
    }
    list
}

/// By rule (every rule first), org id, member and record.
fn sort_unchecked(list: &mut Vec<Unchecked>, ledger: &Ledger) {
    let org_id = |u: &Unchecked| {
        u.org
            .map(|o| ledger.orgs.org(o).id.clone())
            .or_else(|| u.org_id.clone())
    };
    let places = |u: &Unchecked| -> Vec<(Option<String>, Option<u32>)> {
        u.because
            .iter()
            .map(|at| (at.file.clone(), at.line))
            .collect()
    };
    list.sort_by_cached_key(|u| {
        (
            u.rule.clone(),
            org_id(u),
            u.member.clone(),
            u.record.clone(),
            places(u),
        )
    });
    list.dedup();
}

/// By rule, org id, member, period and record; findings equal in all five
/// are one finding.
fn sort_findings(findings: &mut Vec<Finding>, ledger: &Ledger) {
    let org_id = |org: Option<OrgIdx>| org.map(|o| ledger.orgs.org(o).id.as_str());
    findings.par_sort_by(|a, b| {
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
