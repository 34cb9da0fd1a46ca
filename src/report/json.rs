//! `check --format json`: the document of SPEC §3, for scripts. Field order
//! and sorting are stable; `null` where a value does not apply.

use std::io::{self, Write};

use serde::Serialize;

use super::{Checked, Summary, org_id};
use crate::engine::Status;

#[derive(Serialize)]
struct Document<'a> {
    year: Option<i32>,
    as_of: Option<String>,
    ledger: &'a str,
    rules: Vec<RuleEntry<'a>>,
    findings: Vec<FindingEntry<'a>>,
    diagnostics: Vec<DiagnosticEntry<'a>>,
    summary: SummaryEntry,
}

#[derive(Serialize)]
#[serde(untagged)]
enum RuleEntry<'a> {
    Evaluated {
        code: &'a str,
        status: &'static str,
        checked: u64,
        failed: u64,
    },
    Skipped {
        code: &'a str,
        status: &'static str,
        reason: String,
    },
}

#[derive(Serialize)]
struct FindingEntry<'a> {
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
}

#[derive(Serialize)]
struct LocationEntry<'a> {
    file: &'a str,
    line: u32,
}

#[derive(Serialize)]
struct DiagnosticEntry<'a> {
    code: &'static str,
    severity: crate::diag::Severity,
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
    field: Option<&'a str>,
    found: Option<&'a str>,
    expected: Option<&'a str>,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct SummaryEntry {
    violations: usize,
    warnings: usize,
    pending: usize,
    errors: usize,
}

pub fn write(out: &mut dyn Write, checked: &Checked<'_>) -> io::Result<()> {
    let summary = Summary::of(checked);
    let mut rules = Vec::new();
    let mut findings = Vec::new();
    if let (Some(ledger), Some(run)) = (checked.ledger, checked.run) {
        for rule in &run.rules {
            let code = rule.meta.code.as_ref();
            rules.push(match &rule.status {
                Status::Evaluated => RuleEntry::Evaluated {
                    code,
                    status: "evaluated",
                    checked: rule.total.checked,
                    failed: rule.total.failed,
                },
                Status::Skipped(skip) => RuleEntry::Skipped {
                    code,
                    status: "skipped",
                    reason: super::table::skip_reason(skip, crate::lang::Lang::En),
                },
            });
        }
        for finding in &run.findings {
            findings.push(FindingEntry {
                rule: &finding.rule,
                severity: finding.severity,
                org: org_id(ledger, finding.org),
                member: finding.member.as_deref(),
                period: &finding.period,
                record: finding.record.as_deref(),
                expected: finding.expected,
                actual: finding.actual,
                message: &finding.message,
                location: finding.loc.map(|loc| LocationEntry {
                    file: &ledger.files[loc.file as usize],
                    line: loc.line,
                }),
            });
        }
    }
    let diagnostics = checked
        .diagnostics
        .iter()
        .map(|d| DiagnosticEntry {
            code: d.code.as_str(),
            severity: d.severity,
            file: d.location.file.as_deref(),
            line: d.location.line,
            column: d.location.column,
            message: &d.message,
            field: d.field.as_deref(),
            found: d.found.as_deref(),
            expected: d.expected.as_deref(),
            hint: d.hint.as_deref(),
        })
        .collect();
    let document = Document {
        year: checked.run.map(|run| run.year),
        as_of: checked.run.map(|run| run.as_of.to_string()),
        ledger: &checked.ledger_path,
        rules,
        findings,
        diagnostics,
        summary: SummaryEntry {
            violations: summary.violations,
            warnings: summary.warnings,
            pending: summary.pending,
            errors: summary.errors,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
    writeln!(out)
}
