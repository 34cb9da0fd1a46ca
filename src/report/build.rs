//! The report model of one ledger's run: each rule's tallies rolled up the
//! org tree of the ledger, the findings under their orgs, the grids; or,
//! for `--aggregate`, the counts alone.

use std::collections::{BTreeMap, BTreeSet};

use super::Checked;
use super::Summary;
use super::model::{
    FallingShort, FindingLine, GridLine, GridState, GridView, OrgSection, Report, RuleLine,
    SectionKind, UncheckedLine, count_diagnostics, rank_committees,
};
use crate::engine::{Run, Skip, Status};
use crate::lang::Lang;
use crate::ledger::Ledger;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::rules::{Finding, Tally, Unchecked};
use crate::t;

/// What a ledger's report is made of.
pub struct Source<'a> {
    pub checked: &'a Checked<'a>,
    pub ledger: &'a Ledger,
    pub run: &'a Run,
    /// `ledger.name` of taizhang.toml.
    pub ledger_name: Option<&'a str>,
    /// The org of `--org`.
    pub scope: Option<OrgIdx>,
    /// The settings each rule in force reads, by code.
    pub settings: &'a BTreeMap<String, BTreeMap<String, String>>,
    /// Counts only: no findings, members or diagnostics (`--aggregate`).
    pub aggregate: bool,
}

impl Report {
    /// The report of a run.
    pub fn build(source: &Source<'_>) -> Report {
        let Source {
            checked,
            ledger,
            run,
            ledger_name,
            scope,
            settings,
            aggregate,
        } = *source;
        let lang = checked.lang;
        let orgs = &ledger.orgs;
        let top = scope.or(orgs.root);
        let mut sections: Vec<OrgSection> = Vec::new();
        // The section of each org covered, by org index.
        let mut section_of: Vec<Option<usize>> = vec![None; orgs.len()];
        if let Some(top) = top {
            for o in orgs.in_preorder() {
                if !orgs.is_within(o, top) {
                    continue;
                }
                let org = orgs.org(o);
                section_of[o as usize] = Some(sections.len());
                sections.push(OrgSection {
                    id: org.id.clone(),
                    name: org.name.clone(),
                    kind: SectionKind::Org(org.kind),
                    parent: org.parent.and_then(|p| section_of[p as usize]),
                    depth: orgs.ancestors(o).take_while(|&a| a != top).count(),
                    overall: Tally::default(),
                    rules: Vec::new(),
                    findings: Vec::new(),
                });
            }
        }
        // A subject without an org (an incoming member whose org does not
        // exist) is the county's to settle: it counts for the first section.
        let section_chain = |org: Option<OrgIdx>| -> Vec<usize> {
            match org {
                Some(o) => orgs
                    .ancestors(o)
                    .filter_map(|a| section_of[a as usize])
                    .collect(),
                None => top.map(|_| 0).into_iter().collect(),
            }
        };
        let mut rules = Vec::with_capacity(run.rules.len());
        for (index, rule) in run.rules.iter().enumerate() {
            let mut tallies = vec![Tally::default(); sections.len()];
            for (org, tally) in &rule.by_org {
                for s in section_chain(*org) {
                    tallies[s].add(tally);
                }
            }
            for (section, tally) in sections.iter_mut().zip(&tallies) {
                if tally.checked > 0 {
                    section.overall.add(tally);
                    section.rules.push((index, *tally));
                }
            }
            rules.push(RuleLine {
                code: rule.meta.code.to_string(),
                name: rule.meta.name.to_string(),
                title: rule.meta.title.to_string(),
                unit: rule.meta.unit,
                requirement: rule.requirement.clone(),
                skipped: match &rule.status {
                    Status::Evaluated => None,
                    Status::Skipped(skip) => Some(reason(skip, aggregate, lang)),
                },
                partly: None,
                tally: tallies.first().copied().unwrap_or(rule.total),
                settings: settings
                    .get(rule.meta.code.as_ref())
                    .cloned()
                    .unwrap_or_default(),
                variant: None,
                applies_to: None,
            });
        }
        if !aggregate {
            for finding in &run.findings {
                let own = match finding.org {
                    Some(o) => section_of[o as usize],
                    None => top.map(|_| 0),
                };
                if let Some(s) = own {
                    sections[s].findings.push(finding_line(ledger, finding));
                }
            }
        }
        let incomplete = if aggregate {
            skipped_counts(run, lang)
                .into_iter()
                .chain(super::verdicts::unchecked_counts(&run.unchecked, lang))
                .collect()
        } else {
            super::verdicts::skipped_lines(run, lang)
                .into_iter()
                .chain(super::verdicts::unchecked_lines(&run.unchecked, lang))
                .collect()
        };
        let (grids, withheld_grids) = if aggregate {
            let keys = run
                .rules
                .iter()
                .filter_map(|rule| rule.grid.as_ref().map(|(grid, _)| grid.key.to_string()))
                .collect();
            (Vec::new(), keys)
        } else {
            (grids(ledger, run, &section_of, lang), Vec::new())
        };
        Report {
            lang,
            ledger_name: ledger_name.map(str::to_string),
            ledger_path: checked.ledger_path.clone(),
            ledger_dir: if aggregate {
                None
            } else {
                std::path::absolute(&checked.ledger_path)
                    .ok()
                    .map(|dir| dir.to_string_lossy().into_owned())
            },
            year: run.year,
            as_of: run.as_of,
            aggregate,
            inputs: Vec::new(),
            committees: rank_committees(&sections),
            grids,
            withheld_grids,
            incomplete,
            unchecked: if aggregate {
                Vec::new()
            } else {
                run.unchecked
                    .iter()
                    .map(|entry| unchecked_line(ledger, entry))
                    .collect()
            },
            summary: Summary::of(checked),
            falling_short: Some(falling_short(run, &section_of, top)),
            members: run.members,
            diagnostics: if aggregate {
                Vec::new()
            } else {
                checked.diagnostics.to_vec()
            },
            diagnostic_counts: count_diagnostics(checked.diagnostics),
            rules,
            orgs: sections,
        }
    }
}

/// Why a rule was not run. An aggregate report names no file: a clerk's
/// file name may carry a person's name.
fn reason(skip: &Skip, aggregate: bool, lang: Lang) -> String {
    match skip {
        Skip::Unreadable { kind, error, .. } if aggregate => {
            let (kind, code, what) = (kind.name(), error.as_str(), error.description(lang));
            t!(
                lang,
                "{kind} 的一个文件无法读取（{code}：{what}），不按其余内容判定",
                "a file of {kind} could not be read ({code}: {what}); the rule is not judged on the rest"
            )
        }
        skip => super::verdicts::skip_reason(skip, lang),
    }
}

/// The rules skipped, in words, naming no file.
fn skipped_counts(run: &Run, lang: Lang) -> Vec<String> {
    run.rules
        .iter()
        .filter_map(|rule| match &rule.status {
            Status::Skipped(skip) => {
                let (code, name) = (&rule.meta.code, rule.meta.shown_name(lang));
                let reason = reason(skip, true, lang);
                Some(t!(
                    lang,
                    "跳过 {code} {name}：{reason}",
                    "skipped {code} {name}: {reason}"
                ))
            }
            Status::Evaluated => None,
        })
        .collect()
}

/// The members and orgs behind the failed subjects of the orgs covered:
/// the findings that are violations no input error could change, each
/// the member's or, without one, the org's (the top org's without an org).
fn falling_short(run: &Run, section_of: &[Option<usize>], top: Option<OrgIdx>) -> FallingShort {
    let mut members: BTreeSet<&str> = BTreeSet::new();
    let mut orgs: BTreeSet<OrgIdx> = BTreeSet::new();
    for finding in run.findings.iter().filter(|f| f.is_violation()) {
        let covered = match finding.org {
            Some(o) => section_of[o as usize].map(|_| o),
            None => top,
        };
        let Some(org) = covered else {
            continue;
        };
        match &finding.member {
            Some(member) => members.insert(member),
            None => orgs.insert(org),
        };
    }
    FallingShort {
        members: members.len(),
        orgs: orgs.len(),
    }
}

fn finding_line(ledger: &Ledger, finding: &Finding) -> FindingLine {
    FindingLine {
        rule: finding.rule.clone(),
        severity: finding.severity,
        member: finding.member.clone(),
        member_name: finding
            .member
            .as_deref()
            .and_then(|id| ledger.members.get(id))
            .map(|m| ledger.members.member(m).name.to_string()),
        period: finding.period.clone(),
        record: finding.record.clone(),
        expected: finding.expected,
        actual: finding.actual,
        message: finding.message.clone(),
        because: finding.because.clone(),
    }
}

fn unchecked_line(ledger: &Ledger, entry: &Unchecked) -> UncheckedLine {
    UncheckedLine {
        rule: entry.rule.clone(),
        org: super::org_id(ledger, entry.org)
            .map(str::to_string)
            .or_else(|| entry.org_id.clone()),
        member: entry.member.clone(),
        record: entry.record.clone(),
        because: entry.because.clone(),
    }
}

fn grids(ledger: &Ledger, run: &Run, section_of: &[Option<usize>], lang: Lang) -> Vec<GridView> {
    let mut views = Vec::new();
    for rule in &run.rules {
        let Some((grid, rows)) = &rule.grid else {
            continue;
        };
        let code = rule.meta.code.to_string();
        let state = match &rule.status {
            Status::Skipped(skip) => {
                let reason = super::verdicts::skip_reason(skip, lang);
                GridState::Skipped(t!(
                    lang,
                    "{code} 未运行：{reason}",
                    "{code} was not run: {reason}"
                ))
            }
            Status::Evaluated => {
                let mut lines: Vec<(usize, GridLine)> = rows
                    .iter()
                    .filter_map(|row| {
                        let section = section_of[row.org as usize]?;
                        let member = ledger.members.member(row.member);
                        Some((
                            section,
                            GridLine {
                                member: member.id.to_string(),
                                name: member.name.to_string(),
                                org: ledger.orgs.org(row.org).id.clone(),
                                months: row.months,
                            },
                        ))
                    })
                    .collect();
                lines.sort_by(|a, b| (a.0, &a.1.member).cmp(&(b.0, &b.1.member)));
                GridState::Rows(lines.into_iter().map(|(_, line)| line).collect())
            }
        };
        views.push(GridView {
            code,
            grid: grid.clone(),
            state,
        });
    }
    views
}
