//! Renderers: one per output format. `check` renderers read [`Checked`];
//! `report` renderers read the one [`model::Report`].

pub mod baseline;
pub mod build;
pub mod charts;
pub mod csv;
pub mod diagnostics;
pub mod headline;
pub mod html;
pub mod input;
pub mod json;
pub mod markdown;
pub mod merge;
pub mod model;
pub mod progress;
pub mod table;
pub mod verdicts;

use crate::diag::{Diagnostic, Location};
use crate::engine::Run;
use crate::lang::Lang;
use crate::ledger::Ledger;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::rules::{Finding, Severity, Unit, num};
use crate::t;

/// Everything a `check` renderer shows. `run` and `ledger` are `None` when
/// the command line was wrong and nothing could be checked.
pub struct Checked<'a> {
    pub ledger_path: String,
    pub ledger: Option<&'a crate::ledger::Ledger>,
    pub run: Option<&'a Run>,
    pub diagnostics: &'a [Diagnostic],
    pub lang: Lang,
    /// The run compared with a baseline (`--baseline`, `--since`).
    pub baseline: Option<&'a baseline::Comparison>,
}

impl Checked<'_> {
    pub fn findings(&self) -> &[Finding] {
        self.run.map_or(&[], |run| run.findings.as_slice())
    }
}

pub fn org_id(ledger: &Ledger, org: Option<OrgIdx>) -> Option<&str> {
    org.map(|o| ledger.orgs.org(o).id.as_str())
}

/// Counts for the summary line and the JSON summary. Warnings are those of
/// findings and of diagnostics alike.
/// `violations` and `pending` count only findings no input error touches;
/// `uncertain` those it does; `unchecked` the subjects not checked;
/// `skipped` the rules not run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub violations: usize,
    pub warnings: usize,
    pub pending: usize,
    pub uncertain: usize,
    pub unchecked: usize,
    pub skipped: usize,
    pub errors: usize,
}

impl Summary {
    pub fn of(checked: &Checked<'_>) -> Summary {
        let findings = checked.findings();
        let count = |severity| {
            findings
                .iter()
                .filter(|f| f.severity == severity && !f.is_uncertain())
                .count()
        };
        let diagnostic_warnings = checked.diagnostics.iter().filter(|d| !d.is_error()).count();
        let uncertain = findings
            .iter()
            .filter(|f| f.is_uncertain() && f.severity != Severity::Warning)
            .count();
        Summary {
            violations: count(Severity::Violation),
            warnings: count(Severity::Warning) + diagnostic_warnings,
            pending: count(Severity::Pending),
            uncertain,
            unchecked: checked.run.map_or(0, |run| run.unchecked.len()),
            skipped: checked.run.map_or(0, |run| {
                run.rules
                    .iter()
                    .filter(|r| r.status != crate::engine::Status::Evaluated)
                    .count()
            }),
            errors: checked.diagnostics.iter().filter(|d| d.is_error()).count(),
        }
    }
}

/// The columns of a finding in `check`'s table, CSV and Markdown.
pub fn finding_headers(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Zh => [
            "规则", "级别", "组织", "党员", "期间", "应达", "实际", "说明",
        ],
        Lang::En => [
            "rule", "severity", "org", "member", "period", "expected", "actual", "message",
        ],
    }
}

/// The baseline column's header, when there is a baseline.
pub fn baseline_header(checked: &Checked<'_>) -> Option<&'static str> {
    checked
        .baseline
        .map(|_| checked.lang.pick("基线", "baseline"))
}

/// How `expected` and `actual` are written in a format's cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amounts {
    /// As a person counts them (7,439 字, days to a tenth): tables and Markdown.
    Counted,
    /// The numbers to two decimals, no grouping: CSV, which Excel computes with.
    Exact,
}

/// The cells of a finding (the `index`th of the run) in `check`'s people's
/// formats: [`finding_cells`], and new or known when there is a baseline.
pub fn check_cells(
    checked: &Checked<'_>,
    ledger: &Ledger,
    index: usize,
    amounts: Amounts,
) -> Vec<String> {
    let finding = &checked.findings()[index];
    let unit = checked
        .run
        .and_then(|run| run.rules.iter().find(|r| r.meta.code == finding.rule))
        .map_or(Unit::None, |r| r.meta.unit);
    let shown = match amounts {
        Amounts::Counted => Shown::Counted(unit),
        Amounts::Exact => Shown::Exact,
    };
    let mut cells = finding_cells(ledger, finding, shown, checked.lang).to_vec();
    if let Some(comparison) = checked.baseline {
        cells.push(comparison.words(index, checked.lang).to_string());
    }
    cells
}

/// The headers of [`check_cells`].
pub fn check_headers(checked: &Checked<'_>) -> Vec<&'static str> {
    let mut headers = finding_headers(checked.lang).to_vec();
    headers.extend(baseline_header(checked));
    headers
}

/// How a finding's numbers are shown: counted in the rule's unit, or exact.
#[derive(Clone, Copy, Debug)]
pub enum Shown {
    Counted(Unit),
    Exact,
}

/// A finding as the cells under [`finding_headers`]: org and member with
/// their names, the record (a visit) as the period where there is one.
pub fn finding_cells(ledger: &Ledger, finding: &Finding, shown: Shown, lang: Lang) -> [String; 8] {
    let org = finding.org.map_or_else(String::new, |o| {
        let org = ledger.orgs.org(o);
        format!("{} {}", org.id, org.name)
    });
    let period = finding
        .record
        .clone()
        .unwrap_or_else(|| finding.period.clone());
    let (expected, actual) = match shown {
        Shown::Counted(unit) => (
            finding.expected.map(|e| unit.required(e)),
            finding.actual.map(|a| unit.reached(a)),
        ),
        Shown::Exact => (finding.expected.map(num), finding.actual.map(num)),
    };
    [
        finding.rule.clone(),
        severity_label(finding, lang),
        org,
        member_label(ledger, finding.member.as_deref()),
        period,
        expected.unwrap_or_default(),
        actual.unwrap_or_default(),
        message_with_doubt(finding, lang),
    ]
}

/// A finding's severity in words; an uncertain one says so.
pub fn severity_label(finding: &Finding, lang: Lang) -> String {
    severity_words(finding.severity, &finding.because, lang)
}

/// A severity in words; one that left-out input (`because`) could change
/// says it is uncertain.
pub fn severity_words(severity: Severity, because: &[Location], lang: Lang) -> String {
    let label = severity.label(lang);
    if because.is_empty() {
        label.to_string()
    } else {
        t!(lang, "不确定（{label}）", "uncertain ({label})")
    }
}

/// A finding's message; an uncertain one names the left-out input.
pub fn message_with_doubt(finding: &Finding, lang: Lang) -> String {
    message_words(&finding.message, &finding.because, lang)
}

/// A message; one that left-out input (`because`) could change names it.
pub fn message_words(message: &str, because: &[Location], lang: Lang) -> String {
    if because.is_empty() {
        return message.to_string();
    }
    let places = verdicts::places(because, lang);
    t!(
        lang,
        "{message}（因部分输入未计入而不确定：{places}）",
        "{message} (uncertain because some input was left out: {places})"
    )
}

/// `M0001 张三`, or the bare id of a member not on the roll (an incoming
/// mobile member), or nothing.
pub fn member_label(ledger: &Ledger, member: Option<&str>) -> String {
    member.map_or_else(String::new, |id| match ledger.members.get(id) {
        Some(m) => format!("{id} {}", ledger.members.member(m).name),
        None => id.to_string(),
    })
}

/// Text from the ledger with its control characters shown as symbols
/// (␛ for escape, ␊ for a line break inside a cell): a cell must not be
/// able to recolour or retitle the clerk's terminal. Source lines are
/// treated so by annotate-snippets itself.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match u32::from(c) {
            code @ 0..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}'),
            0x7F => '\u{2421}',
            0x80..=0x9F => '\u{FFFD}',
            _ => c,
        })
        .collect()
}
