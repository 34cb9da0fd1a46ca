//! JSON for scripts: `check --format json`, the document of SPEC §3, and
//! `report --format json`, described field by field in docs/report-json.md.
//! Field order and sorting are stable; `null` where a value does not apply.

use std::io::{self, Write};

use serde::Serialize;

use super::model::{GridLine, GridState, GridView, Report};
use super::{Checked, Summary, org_id};
use crate::diag::Diagnostic;
use crate::engine::Status;
use crate::rules::{Severity, Tally, Unit};

#[derive(Serialize)]
struct Document<'a> {
    year: Option<i32>,
    as_of: Option<String>,
    ledger: &'a str,
    rules: Vec<RuleEntry<'a>>,
    findings: Vec<FindingEntry<'a>>,
    unchecked: Vec<UncheckedEntry<'a>>,
    diagnostics: Vec<DiagnosticEntry<'a>>,
    summary: SummaryEntry,
    /// The comparison with a baseline; null without one.
    baseline: Option<BaselineEntry<'a>>,
    /// The baseline's findings that are gone; null without a baseline.
    fixed: Option<&'a [super::baseline::Known]>,
}

#[derive(Serialize)]
struct BaselineEntry<'a> {
    source: &'a str,
    new: usize,
    new_violations: usize,
    known: usize,
    fixed: usize,
}

#[derive(Serialize)]
struct UncheckedEntry<'a> {
    rule: Option<&'a str>,
    org: Option<&'a str>,
    member: Option<&'a str>,
    record: Option<&'a str>,
    because: Vec<LocationEntry<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum RuleEntry<'a> {
    Evaluated {
        code: &'a str,
        status: &'static str,
        checked: u64,
        failed: u64,
        uncertain: u64,
        unchecked: u64,
    },
    Skipped {
        code: &'a str,
        status: &'static str,
        reason: String,
    },
}

#[derive(Serialize)]
pub(super) struct FindingEntry<'a> {
    rule: &'a str,
    severity: crate::rules::Severity,
    org: Option<&'a str>,
    member: Option<&'a str>,
    period: &'a str,
    record: Option<&'a str>,
    expected: Option<f64>,
    actual: Option<f64>,
    message: &'a str,
    location: Option<LocationEntry<'a>>,
    uncertain: bool,
    because: Vec<LocationEntry<'a>>,
    /// `new` or `known` against a baseline; null without one.
    baseline: Option<&'static str>,
}

#[derive(Serialize)]
pub(super) struct LocationEntry<'a> {
    file: &'a str,
    /// The sheet, in a workbook (`line` is then its row).
    sheet: Option<&'a str>,
    line: Option<u32>,
}

/// A finding as `check --format json` has it.
pub(super) fn finding_entry<'a>(
    ledger: &'a crate::ledger::Ledger,
    finding: &'a crate::rules::Finding,
) -> FindingEntry<'a> {
    FindingEntry {
        rule: &finding.rule,
        severity: finding.severity,
        org: org_id(ledger, finding.org),
        member: finding.member.as_deref(),
        period: &finding.period,
        record: finding.record.as_deref(),
        expected: finding.expected,
        actual: finding.actual,
        message: &finding.message,
        location: finding
            .loc
            .map(|loc| LocationEntry::in_file(&ledger.files[loc.file as usize], loc.line)),
        uncertain: finding.is_uncertain(),
        because: places(&finding.because),
        baseline: None,
    }
}

impl<'a> LocationEntry<'a> {
    /// A row of a file as the loader names its files (`台账.xlsx[成员]`).
    fn in_file(shown: &'a str, line: u32) -> LocationEntry<'a> {
        let (file, sheet) = crate::diag::split_sheet_file(shown);
        LocationEntry {
            file,
            sheet,
            line: Some(line),
        }
    }
}

fn unchecked_entries<'a>(
    ledger: &'a crate::ledger::Ledger,
    unchecked: &'a [crate::rules::Unchecked],
) -> Vec<UncheckedEntry<'a>> {
    unchecked
        .iter()
        .map(|entry| UncheckedEntry {
            rule: entry.rule.as_deref(),
            org: org_id(ledger, entry.org).or(entry.org_id.as_deref()),
            member: entry.member.as_deref(),
            record: entry.record.as_deref(),
            because: places(&entry.because),
        })
        .collect()
}

fn places(because: &[crate::diag::Location]) -> Vec<LocationEntry<'_>> {
    because
        .iter()
        .map(|at| LocationEntry {
            file: at.file.as_deref().unwrap_or(""),
            sheet: at.sheet.as_deref(),
            line: at.line,
        })
        .collect()
}

#[derive(Serialize)]
pub(super) struct DiagnosticEntry<'a> {
    code: &'static str,
    severity: crate::diag::Level,
    file: Option<&'a str>,
    /// The sheet and the cell (`C12`), in a workbook.
    sheet: Option<&'a str>,
    cell: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
    field: Option<&'a str>,
    found: Option<&'a str>,
    expected: Option<&'a str>,
    hint: Option<&'a str>,
    /// What the error did to the check.
    consequence: Option<&'a str>,
}

#[derive(Serialize)]
struct SummaryEntry {
    violations: usize,
    warnings: usize,
    pending: usize,
    uncertain: usize,
    unchecked: usize,
    errors: usize,
}

pub fn write(out: &mut dyn Write, checked: &Checked<'_>) -> io::Result<()> {
    let summary = Summary::of(checked);
    let mut rules = Vec::new();
    let mut findings = Vec::new();
    let mut unchecked = Vec::new();
    if let (Some(ledger), Some(run)) = (checked.ledger, checked.run) {
        for rule in &run.rules {
            let code = rule.meta.code.as_ref();
            rules.push(match &rule.status {
                Status::Evaluated => RuleEntry::Evaluated {
                    code,
                    status: "evaluated",
                    checked: rule.total.checked,
                    failed: rule.total.failed,
                    uncertain: rule.total.uncertain,
                    unchecked: rule.total.unchecked,
                },
                Status::Skipped(skip) => RuleEntry::Skipped {
                    code,
                    status: "skipped",
                    reason: super::verdicts::skip_reason(skip, crate::lang::Lang::En),
                },
            });
        }
        for (index, finding) in run.findings.iter().enumerate() {
            let mut entry = finding_entry(ledger, finding);
            entry.baseline = checked.baseline.map(|c| c.label(index));
            findings.push(entry);
        }
        unchecked = unchecked_entries(ledger, &run.unchecked);
    }
    let diagnostics = diagnostic_entries(checked.diagnostics);
    let document = Document {
        year: checked.run.map(|run| run.year),
        as_of: checked.run.map(|run| run.as_of.to_string()),
        ledger: &checked.ledger_path,
        rules,
        findings,
        unchecked,
        diagnostics,
        summary: SummaryEntry::of(summary),
        baseline: checked.baseline.map(|c| {
            let new = c.new.iter().filter(|&&n| n).count();
            BaselineEntry {
                source: &c.source,
                new,
                new_violations: checked.run.map_or(0, |run| c.new_violations(run)),
                known: c.new.len() - new,
                fixed: c.fixed.len(),
            }
        }),
        fixed: checked.baseline.map(|c| c.fixed.as_slice()),
    };
    write_document(out, &document)
}

pub(super) fn write_document(out: &mut dyn Write, document: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, document).map_err(io::Error::other)?;
    writeln!(out)
}

impl SummaryEntry {
    fn of(summary: Summary) -> SummaryEntry {
        SummaryEntry {
            violations: summary.violations,
            warnings: summary.warnings,
            pending: summary.pending,
            uncertain: summary.uncertain,
            unchecked: summary.unchecked,
            errors: summary.errors,
        }
    }
}

pub(super) fn diagnostic_entries(diagnostics: &[Diagnostic]) -> Vec<DiagnosticEntry<'_>> {
    diagnostics
        .iter()
        .map(|d| DiagnosticEntry {
            code: d.code.as_str(),
            severity: d.level,
            file: d.location.file.as_deref(),
            sheet: d.location.sheet.as_deref(),
            cell: d.location.cell(),
            line: d.location.line,
            column: d.location.column,
            message: &d.message,
            field: d.field.as_deref(),
            found: d.found.as_deref(),
            expected: d.expected.as_deref(),
            hint: d.hint.as_deref(),
            consequence: d.consequence.as_deref(),
        })
        .collect()
}

#[derive(Serialize)]
struct ReportDocument<'a> {
    year: i32,
    as_of: String,
    ledger: &'a str,
    ledger_name: Option<&'a str>,
    org: Option<&'a str>,
    rate: &'static str,
    overall: Counts,
    counts: CountsEntry,
    summary: SummaryEntry,
    rules: Vec<ReportRule<'a>>,
    committees: Vec<Committee<'a>>,
    orgs: Vec<ReportOrg<'a>>,
    /// Null in an aggregate.
    unchecked: Option<Vec<UncheckedEntry<'a>>>,
    /// Each rule's month grid, under the grid's name (`mobile`); null in an
    /// aggregate.
    #[serde(flatten)]
    grids: Grids<'a>,
    /// Null in an aggregate.
    diagnostics: Option<Vec<DiagnosticEntry<'a>>>,
    diagnostic_counts: Vec<DiagnosticCountEntry<'a>>,
    aggregate: bool,
    /// The reports a merged report combines; null for a ledger's own.
    inputs: Option<Vec<InputEntry<'a>>>,
}

#[derive(Serialize)]
struct DiagnosticCountEntry<'a> {
    code: &'a str,
    severity: crate::diag::Level,
    count: usize,
}

#[derive(Serialize)]
struct InputEntry<'a> {
    file: &'a str,
    ledger: &'a str,
    ledger_name: Option<&'a str>,
    org: &'a str,
    aggregate: bool,
}

/// A tally with its rate.
#[derive(Serialize)]
struct Counts {
    #[serde(flatten)]
    tally: Tally,
    rate: Option<f64>,
}

impl Counts {
    fn of(tally: Tally) -> Counts {
        Counts {
            tally,
            rate: tally.rate(),
        }
    }
}

#[derive(Serialize)]
struct CountsEntry {
    orgs: usize,
    members: usize,
    rules_evaluated: usize,
    rules_skipped: usize,
}

#[derive(Serialize)]
struct ReportRule<'a> {
    code: &'a str,
    name: &'a str,
    title: &'a str,
    unit: Option<&'static str>,
    requirement: &'a str,
    status: &'static str,
    reason: Option<&'a str>,
    #[serde(flatten)]
    counts: Counts,
    settings: &'a std::collections::BTreeMap<String, String>,
    variant: Option<usize>,
    applies_to: Option<&'a [String]>,
}

#[derive(Serialize)]
struct Committee<'a> {
    rank: Option<usize>,
    org: &'a str,
    name: &'a str,
    #[serde(flatten)]
    counts: Counts,
}

#[derive(Serialize)]
struct ReportOrg<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    parent: Option<&'a str>,
    depth: usize,
    overall: Counts,
    rules: Vec<OrgRule<'a>>,
    /// Null in an aggregate.
    findings: Option<Vec<ReportFinding<'a>>>,
}

#[derive(Serialize)]
struct OrgRule<'a> {
    rule: &'a str,
    #[serde(flatten)]
    counts: Counts,
    variant: Option<usize>,
}

#[derive(Serialize)]
struct ReportFinding<'a> {
    rule: &'a str,
    severity: Severity,
    member: Option<&'a str>,
    member_name: Option<&'a str>,
    period: &'a str,
    record: Option<&'a str>,
    expected: Option<f64>,
    actual: Option<f64>,
    unit: Option<&'static str>,
    message: &'a str,
    uncertain: bool,
    because: Vec<LocationEntry<'a>>,
}

/// The grids as a map from each grid's name to its object, and the names
/// of those an aggregate leaves out to null.
struct Grids<'a>(&'a [GridView], &'a [String]);

impl Serialize for Grids<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len() + self.1.len()))?;
        for view in self.0 {
            map.serialize_entry(view.grid.key, &GridEntry(view))?;
        }
        for key in self.1 {
            map.serialize_entry(key, &None::<()>)?;
        }
        map.end()
    }
}

/// One grid: whether its rule was run, the settings behind it, and each
/// member's months by the names of the marks.
struct GridEntry<'a>(&'a GridView);

impl Serialize for GridEntry<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let view = self.0;
        let grid = &view.grid;
        let mut map = serializer.serialize_map(None)?;
        let (status, reason, rows): (_, Option<&str>, &[GridLine]) = match &view.state {
            GridState::Rows(rows) => ("evaluated", None, rows),
            GridState::Skipped(reason) => ("skipped", Some(reason), &[]),
        };
        map.serialize_entry("status", status)?;
        map.serialize_entry("reason", &reason)?;
        for (name, value) in &grid.settings {
            map.serialize_entry(name, value)?;
        }
        let members: Vec<GridMember<'_>> = rows
            .iter()
            .map(|row| GridMember {
                member: &row.member,
                name: &row.name,
                org: &row.org,
                months: row.months.iter().map(|&m| grid.name(m)).collect(),
            })
            .collect();
        map.serialize_entry("members", &members)?;
        map.end()
    }
}

#[derive(Serialize)]
struct GridMember<'a> {
    member: &'a str,
    name: &'a str,
    org: &'a str,
    months: Vec<&'static str>,
}

fn unit_name(unit: Unit) -> Option<&'static str> {
    match unit {
        Unit::Days => Some("days"),
        Unit::Chars => Some("chars"),
        Unit::Times => Some("times"),
        Unit::None => None,
    }
}

pub fn write_report(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let rules = report
        .rules
        .iter()
        .map(|rule| ReportRule {
            code: &rule.code,
            name: &rule.name,
            title: &rule.title,
            unit: unit_name(rule.unit),
            requirement: &rule.requirement,
            status: if rule.skipped.is_some() {
                "skipped"
            } else {
                "evaluated"
            },
            reason: rule.skipped.as_deref().or(rule.partly.as_deref()),
            counts: Counts::of(rule.tally),
            settings: &rule.settings,
            variant: rule.variant,
            applies_to: rule.applies_to.as_deref(),
        })
        .collect();
    let committees = report
        .committees
        .iter()
        .map(|ranked| {
            let section = &report.orgs[ranked.section];
            Committee {
                rank: ranked.rank,
                org: &section.id,
                name: &section.name,
                counts: Counts::of(section.overall),
            }
        })
        .collect();
    let orgs = report
        .orgs
        .iter()
        .map(|section| ReportOrg {
            id: &section.id,
            name: &section.name,
            kind: section.kind.as_str(),
            parent: report.parent(section).map(|p| p.id.as_str()),
            depth: section.depth,
            overall: Counts::of(section.overall),
            rules: section
                .rules
                .iter()
                .map(|&(rule, tally)| OrgRule {
                    rule: &report.rules[rule].code,
                    counts: Counts::of(tally),
                    variant: report.rules[rule].variant,
                })
                .collect(),
            findings: (!report.aggregate).then(|| {
                section
                    .findings
                    .iter()
                    .map(|finding| ReportFinding {
                        rule: &finding.rule,
                        severity: finding.severity,
                        member: finding.member.as_deref(),
                        member_name: finding.member_name.as_deref(),
                        period: &finding.period,
                        record: finding.record.as_deref(),
                        expected: finding.expected,
                        actual: finding.actual,
                        unit: finding
                            .expected
                            .and_then(|_| report.rule(&finding.rule))
                            .and_then(|rule| unit_name(rule.unit)),
                        message: &finding.message,
                        uncertain: finding.is_uncertain(),
                        because: places(&finding.because),
                    })
                    .collect()
            }),
        })
        .collect();
    let unchecked = (!report.aggregate).then(|| {
        report
            .unchecked
            .iter()
            .map(|entry| UncheckedEntry {
                rule: entry.rule.as_deref(),
                org: entry.org.as_deref(),
                member: entry.member.as_deref(),
                record: entry.record.as_deref(),
                because: places(&entry.because),
            })
            .collect()
    });
    let document = ReportDocument {
        year: report.year,
        as_of: report.as_of.to_string(),
        ledger: &report.ledger_path,
        ledger_name: report.ledger_name.as_deref(),
        org: report.orgs.first().map(|s| s.id.as_str()),
        rate: "passed / (passed + failed); pending excluded",
        overall: Counts::of(report.overall()),
        counts: CountsEntry {
            orgs: report.orgs.len(),
            members: report.members,
            rules_evaluated: report.evaluated(),
            rules_skipped: report.rules.len() - report.evaluated(),
        },
        summary: SummaryEntry::of(report.summary),
        rules,
        committees,
        orgs,
        unchecked,
        grids: Grids(&report.grids, &report.withheld_grids),
        diagnostics: (!report.aggregate).then(|| diagnostic_entries(&report.diagnostics)),
        diagnostic_counts: report
            .diagnostic_counts
            .iter()
            .map(|count| DiagnosticCountEntry {
                code: &count.code,
                severity: count.severity,
                count: count.count,
            })
            .collect(),
        aggregate: report.aggregate,
        inputs: (!report.inputs.is_empty()).then(|| {
            report
                .inputs
                .iter()
                .map(|input| InputEntry {
                    file: &input.file,
                    ledger: &input.ledger,
                    ledger_name: input.ledger_name.as_deref(),
                    org: &input.org,
                    aggregate: input.aggregate,
                })
                .collect()
        }),
    };
    write_document(out, &document)
}
