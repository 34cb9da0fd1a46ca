//! `report --format json`, described field by field in docs/report-json.md.

use std::io::{self, Write};

use serde::Serialize;

use super::{
    DiagnosticEntry, LocationEntry, SummaryEntry, UncheckedEntry, diagnostic_entries, places,
    write_document,
};
use crate::report::model::{GridLine, GridState, GridView, Report};
use crate::rules::{Severity, Tally, Unit};

#[derive(Serialize)]
struct ReportDocument<'a> {
    schema: u32,
    year: i32,
    as_of: String,
    ledger: &'a str,
    /// Null in an aggregate or a merged report.
    ledger_absolute: Option<&'a str>,
    ledger_name: Option<&'a str>,
    org: Option<&'a str>,
    rate: &'static str,
    overall: Counts,
    /// Null in a merged report of an input that does not say.
    falling_short: Option<FallingShortEntry>,
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
struct FallingShortEntry {
    members: usize,
    orgs: usize,
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
        schema: super::SCHEMA,
        year: report.year,
        as_of: report.as_of.to_string(),
        ledger: &report.ledger_path,
        ledger_absolute: report.ledger_dir.as_deref(),
        ledger_name: report.ledger_name.as_deref(),
        org: report.orgs.first().map(|s| s.id.as_str()),
        rate: "passed / (passed + failed); pending excluded",
        overall: Counts::of(report.overall()),
        falling_short: report.falling_short.map(|f| FallingShortEntry {
            members: f.members,
            orgs: f.orgs,
        }),
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
