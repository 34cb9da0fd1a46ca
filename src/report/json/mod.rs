//! JSON for scripts: `check --format json`, the document of SPEC §3 (this
//! file), and `report --format json` (report.rs). Field order and sorting are
//! stable; `null` where a value does not apply.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::{Checked, Summary, org_id};
use crate::diag::Diagnostic;
use crate::engine::Status;

mod report;
pub use report::write_report;

/// The version of the check and report documents, their first key.
/// Schema 1 had no `schema`; what each version added is in
/// docs/report-json.md#schema-versions.
pub const SCHEMA: u32 = 2;

#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    year: Option<i32>,
    as_of: Option<String>,
    ledger: &'a str,
    rules: Vec<RuleEntry<'a>>,
    findings: Findings,
    unchecked: Vec<UncheckedEntry<'a>>,
    diagnostics: Vec<DiagnosticEntry<'a>>,
    summary: SummaryEntry,
    /// The comparison with a baseline; null without one.
    baseline: Option<BaselineEntry<'a>>,
    /// The baseline's findings that are gone; null without a baseline.
    fixed: Option<&'a [super::baseline::Known]>,
}

/// Where the findings go: the document is written around an empty array,
/// which [`write`] then fills with [`write_findings`].
struct Findings;

impl Serialize for Findings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(std::iter::empty::<()>())
    }
}

/// The empty `findings` array as the pretty printer writes it: a key of the
/// top-level object (a raw line break is only ever formatting, never inside
/// a string, and a key at this indent is only ever top-level).
const FINDINGS_KEY: &[u8] = b"\n  \"findings\": []";

/// Findings formatted at once: enough to keep both cores busy, few enough
/// (tens of megabytes) not to hold the whole array.
const FINDINGS_AT_ONCE: usize = 32 * 1024;

/// The findings array, its entries formatted in parallel and written in
/// order, each made as it is written: at provincial scale the entries of
/// all of them at once would take a hundred megabytes, and one core
/// formatting hundreds of thousands of them was a tenth of the run. A
/// window of findings is written while the next one is being formatted.
fn write_findings(out: &mut dyn Write, checked: &Checked<'_>) -> io::Result<()> {
    let (Some(ledger), Some(run)) = (checked.ledger, checked.run) else {
        return out.write_all(b"[]");
    };
    if run.findings.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let format = |window: &[(usize, &crate::rules::Finding)]| -> io::Result<Vec<Vec<u8>>> {
        window
            .par_chunks(1024)
            .map(|findings| {
                let mut text = Vec::new();
                for &(index, finding) in findings {
                    let mut entry = finding_entry(ledger, run, finding);
                    entry.baseline = checked.baseline.map(|c| c.label(index));
                    text.extend_from_slice(if index == 0 { b"\n    " } else { b",\n    " });
                    let mut serializer =
                        serde_json::Serializer::with_formatter(&mut text, pretty_at(2)?);
                    entry.serialize(&mut serializer).map_err(io::Error::other)?;
                }
                Ok(text)
            })
            .collect()
    };
    let numbered: Vec<(usize, &crate::rules::Finding)> = run.findings.iter().enumerate().collect();
    let mut windows = numbered.chunks(FINDINGS_AT_ONCE);
    let mut ready = windows.next().map(format).transpose()?;
    while let Some(texts) = ready {
        let mut next = None;
        let written = rayon::in_place_scope(|scope| {
            if let Some(window) = windows.next() {
                scope.spawn(|_| next = Some(format(window)));
            }
            texts.iter().try_for_each(|text| out.write_all(text))
        });
        written?;
        ready = next.transpose()?;
    }
    out.write_all(b"\n  ]")
}

/// serde_json's pretty printer for a value `depth` levels inside the
/// document, as `to_writer_pretty` would lay it out there: opening a level
/// is what moves its lines in. Reindenting the printer's output instead
/// cost a search for line breaks in each of its many small writes.
fn pretty_at(depth: usize) -> io::Result<serde_json::ser::PrettyFormatter<'static>> {
    use serde_json::ser::Formatter;
    let mut formatter = serde_json::ser::PrettyFormatter::new();
    for _ in 0..depth {
        formatter.begin_array(&mut io::sink())?;
    }
    Ok(formatter)
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
    /// The rule's title, as `rules` gives it.
    title: Option<&'a str>,
    severity: crate::rules::Severity,
    org: Option<&'a str>,
    org_name: Option<&'a str>,
    member: Option<&'a str>,
    /// Null for a member not on the roll.
    member_name: Option<&'a str>,
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

/// A finding of `run` as `check --format json` has it.
pub(super) fn finding_entry<'a>(
    ledger: &'a crate::ledger::Ledger,
    run: &'a crate::engine::Run,
    finding: &'a crate::rules::Finding,
) -> FindingEntry<'a> {
    FindingEntry {
        rule: &finding.rule,
        title: run
            .rules
            .iter()
            .find(|rule| rule.meta.code == finding.rule)
            .map(|rule| rule.meta.title.as_ref()),
        severity: finding.severity,
        org: org_id(ledger, finding.org),
        org_name: finding.org.map(|o| ledger.orgs.org(o).name.as_str()),
        member: finding.member.as_deref(),
        member_name: finding
            .member
            .as_deref()
            .and_then(|id| ledger.members.get(id))
            .map(|m| ledger.members.member(m).name.as_ref()),
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
        unchecked = unchecked_entries(ledger, &run.unchecked);
    }
    let diagnostics = diagnostic_entries(checked.diagnostics);
    let document = Document {
        schema: SCHEMA,
        year: checked.run.map(|run| run.year),
        as_of: checked.run.map(|run| run.as_of.to_string()),
        ledger: &checked.ledger_path,
        rules,
        findings: Findings,
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
    let mut around = Vec::new();
    serde_json::to_writer_pretty(&mut around, &document).map_err(io::Error::other)?;
    let at = memchr::memmem::find(&around, FINDINGS_KEY)
        .map(|at| at + FINDINGS_KEY.len() - b"[]".len())
        .expect("the document has a findings key");
    out.write_all(&around[..at])?;
    write_findings(out, checked)?;
    out.write_all(&around[at + b"[]".len()..])?;
    writeln!(out)
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

#[cfg(test)]
mod tests {
    use serde::Serialize;

    /// A value written two levels in, after a line break and four spaces,
    /// reads as the pretty printer writes it inside `{"a": [...]}`.
    #[test]
    fn pretty_at_lays_out_as_the_whole_document_would() {
        let values = [
            serde_json::json!({"rule": "EDU01", "because": [], "location": {"file": "a.csv", "line": 3}}),
            serde_json::json!({"empty": {}, "list": [1, [2, {}], {"x": null}], "text": "a\nb"}),
            serde_json::json!([]),
            serde_json::json!("plain"),
        ];
        for value in values {
            let whole = serde_json::to_string_pretty(&serde_json::json!({"a": [value]})).unwrap();
            let mut text = b"{\n  \"a\": [\n    ".to_vec();
            let formatter = super::pretty_at(2).unwrap();
            let mut serializer = serde_json::Serializer::with_formatter(&mut text, formatter);
            value.serialize(&mut serializer).unwrap();
            text.extend_from_slice(b"\n  ]\n}");
            assert_eq!(String::from_utf8(text).unwrap(), whole);
        }
    }
}
