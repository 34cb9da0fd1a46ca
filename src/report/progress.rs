//! `status` and `due`: progress toward the quotas, as a table, Markdown or
//! JSON. Every number and state is a rule's outcome ([`Progress`]): the
//! renderers only select and sort.

use std::io::{self, Write};

use comfy_table::CellAlignment;
use serde::Serialize;

use super::json::{self, DiagnosticEntry, FindingEntry};
use super::{member_label, org_id, printable};
use crate::diag::Diagnostic;
use crate::engine::Run;
use crate::lang::Lang;
use crate::ledger::Ledger;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::rules::progress::State;
use crate::rules::{Finding, Unit};
use crate::t;

/// One quota of one subject and period, with where it stands.
pub struct Progress<'a> {
    pub finding: &'a Finding,
    pub state: State,
}

impl Progress<'_> {
    fn state_words(&self, lang: Lang) -> String {
        let label = self.state.label(lang);
        if self.finding.is_uncertain() {
            t!(lang, "不确定（{label}）", "uncertain ({label})")
        } else {
            label.to_string()
        }
    }

    fn deadline(&self) -> String {
        self.finding
            .deadline()
            .map_or_else(String::new, |d| d.to_string())
    }

    /// The period, or the record (a visit) where the finding has one, as
    /// in check's table.
    fn period(&self) -> String {
        (self.finding.record.clone()).unwrap_or_else(|| self.finding.period.clone())
    }
}

/// What a status is about.
pub enum Subject {
    Member { id: String },
    Org(OrgIdx),
}

/// Everything `status` shows.
pub struct Status<'a> {
    pub ledger_path: String,
    pub ledger: &'a Ledger,
    pub run: &'a Run,
    pub subject: Subject,
    pub quotas: Vec<Progress<'a>>,
    pub diagnostics: &'a [Diagnostic],
    pub lang: Lang,
}

/// Everything `due` shows.
pub struct Due<'a> {
    pub ledger_path: String,
    pub ledger: &'a Ledger,
    pub run: &'a Run,
    pub scope: Option<OrgIdx>,
    pub items: Vec<Progress<'a>>,
    pub diagnostics: &'a [Diagnostic],
    pub lang: Lang,
}

/// How a table is written: for the terminal, or as Markdown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A table as wide as the layout allows.
    Terminal(super::table::Width),
    Markdown,
}

fn rule_label(run: &Run, code: &str, lang: Lang) -> String {
    match run.rules.iter().find(|r| r.meta.code == code) {
        Some(rule) => match lang {
            Lang::Zh => format!("{code} {}", rule.meta.title),
            Lang::En => format!("{code} {}", rule.meta.name),
        },
        None => code.to_string(),
    }
}

/// A finding's expected, actual and pace as a person counts them in the
/// rule's unit: what is needed rounded up, what is done rounded down.
fn amounts(run: &Run, finding: &Finding) -> [String; 3] {
    let unit = (run.rules.iter())
        .find(|r| r.meta.code == finding.rule)
        .map_or(Unit::None, |r| r.meta.unit);
    let shown = |value: Option<f64>, needed: bool| {
        value.map_or_else(String::new, |v| {
            if needed {
                unit.required(v)
            } else {
                unit.reached(v)
            }
        })
    };
    [
        shown(finding.expected, true),
        shown(finding.actual, false),
        shown(finding.pace, true),
    ]
}

fn write_table(
    out: &mut dyn Write,
    style: Style,
    headers: &[&str],
    right: &[usize],
    rows: Vec<Vec<String>>,
) -> io::Result<()> {
    let rows = rows
        .into_iter()
        .map(|row| row.iter().map(|c| printable(c)).collect());
    match style {
        Style::Markdown => super::markdown::write_table(out, headers, right, rows),
        Style::Terminal(width) => {
            let mut table = super::table::Layout { width, wide: true }.table();
            table.set_header(headers);
            for row in rows {
                table.add_row(row);
            }
            for &column in right {
                if let Some(column) = table.column_mut(column) {
                    column.set_cell_alignment(CellAlignment::Right);
                }
            }
            writeln!(out, "{table}")
        }
    }
}

fn subject_line(status: &Status<'_>) -> String {
    let (ledger, lang) = (status.ledger, status.lang);
    let (year, as_of) = (status.run.year, status.run.as_of);
    let who = match &status.subject {
        Subject::Member { id } => {
            let member = member_label(ledger, Some(id));
            match ledger.members.get(id) {
                Some(m) => {
                    let org = ledger.orgs.org(ledger.members.member(m).org);
                    format!("{member} · {} {}", org.id, org.name)
                }
                None => t!(lang, "{member}（流入党员）", "{member} (incoming member)"),
            }
        }
        Subject::Org(o) => {
            let org = ledger.orgs.org(*o);
            format!("{} {}", org.id, org.name)
        }
    };
    t!(
        lang,
        "{who}：{year} 年度，截至 {as_of}",
        "{who}: year {year}, as of {as_of}"
    )
}

pub fn write_status(out: &mut dyn Write, status: &Status<'_>, style: Style) -> io::Result<()> {
    let lang = status.lang;
    let line = printable(&subject_line(status));
    match style {
        Style::Markdown => writeln!(out, "**{}**\n", super::markdown::escape(&line))?,
        Style::Terminal(_) => writeln!(out, "{line}")?,
    }
    if status.quotas.is_empty() {
        return writeln!(
            out,
            "{}",
            lang.pick("截至该日没有适用的定额。", "No quota applies by this date.")
        );
    }
    let headers = match lang {
        Lang::Zh => ["规则", "期间", "应达", "实际", "进度", "状态", "截止"],
        Lang::En => [
            "rule", "period", "expected", "actual", "pace", "state", "deadline",
        ],
    };
    let rows = status
        .quotas
        .iter()
        .map(|q| {
            let [expected, actual, pace] = amounts(status.run, q.finding);
            vec![
                rule_label(status.run, &q.finding.rule, lang),
                q.period(),
                expected,
                actual,
                pace,
                q.state_words(lang),
                q.deadline(),
            ]
        })
        .collect();
    write_table(out, style, &headers, &[2, 3, 4], rows)
}

pub fn write_due(out: &mut dyn Write, due: &Due<'_>, style: Style) -> io::Result<()> {
    let (ledger, lang) = (due.ledger, due.lang);
    if !due.items.is_empty() {
        let headers = match lang {
            Lang::Zh => [
                "截止", "规则", "组织", "党员", "期间", "应达", "实际", "进度", "状态", "说明",
            ],
            Lang::En => [
                "deadline", "rule", "org", "member", "period", "expected", "actual", "pace",
                "state", "message",
            ],
        };
        let rows = due
            .items
            .iter()
            .map(|item| {
                let finding = item.finding;
                let org = finding.org.map_or_else(String::new, |o| {
                    let org = ledger.orgs.org(o);
                    format!("{} {}", org.id, org.name)
                });
                let [expected, actual, pace] = amounts(due.run, finding);
                vec![
                    item.deadline(),
                    rule_label(due.run, &finding.rule, lang),
                    org,
                    member_label(ledger, finding.member.as_deref()),
                    item.period(),
                    expected,
                    actual,
                    pace,
                    item.state_words(lang),
                    super::message_with_doubt(finding, lang),
                ]
            })
            .collect();
        write_table(out, style, &headers, &[5, 6, 7], rows)?;
    }
    let line = due_summary(due);
    match style {
        Style::Markdown => writeln!(out, "\n{}", super::markdown::escape(&line)),
        Style::Terminal(_) => writeln!(out, "{line}"),
    }
}

/// "12 items due: 3 behind the pace, 1 violation (year 2025, as of …)".
fn due_summary(due: &Due<'_>) -> String {
    let lang = due.lang;
    let (year, as_of) = (due.run.year, due.run.as_of);
    let count = |state| due.items.iter().filter(|i| i.state == state).count();
    let total = due.items.len();
    let (behind, violations) = (count(State::Behind), count(State::Violation));
    let items = crate::lang::counted(total, "item");
    let counts = t!(
        lang,
        "待办 {total} 项，其中进度落后 {behind} 项、今日到期未完成 {violations} 项",
        "{items} due, {behind} behind the pace, {violations} due today and not met"
    );
    t!(
        lang,
        "{counts}（{year} 年度，截至 {as_of}）",
        "{counts} (year {year}, as of {as_of})"
    )
}

#[derive(Serialize)]
struct StatusDocument<'a> {
    year: i32,
    as_of: String,
    ledger: &'a str,
    subject: SubjectEntry<'a>,
    quotas: Vec<QuotaEntry<'a>>,
    diagnostics: Vec<DiagnosticEntry<'a>>,
}

#[derive(Serialize)]
struct SubjectEntry<'a> {
    kind: &'static str,
    id: &'a str,
    name: Option<&'a str>,
    /// A member's org; an org's parent.
    org: Option<&'a str>,
    org_kind: Option<&'static str>,
}

#[derive(Serialize)]
struct QuotaEntry<'a> {
    rule: &'a str,
    period: &'a str,
    record: Option<&'a str>,
    expected: Option<f64>,
    actual: Option<f64>,
    pace: Option<f64>,
    state: &'static str,
    deadline: Option<String>,
    uncertain: bool,
    /// What falls short; null when the quota is met.
    message: Option<&'a str>,
}

pub fn write_status_json(out: &mut dyn Write, status: &Status<'_>) -> io::Result<()> {
    let ledger = status.ledger;
    let subject = match &status.subject {
        Subject::Member { id } => {
            let member = ledger.members.get(id).map(|m| ledger.members.member(m));
            SubjectEntry {
                kind: "member",
                id,
                name: member.map(|m| m.name.as_ref()),
                org: member.map(|m| ledger.orgs.org(m.org).id.as_str()),
                org_kind: None,
            }
        }
        Subject::Org(o) => {
            let org = ledger.orgs.org(*o);
            SubjectEntry {
                kind: "org",
                id: &org.id,
                name: Some(&org.name),
                org: org_id(ledger, org.parent),
                org_kind: Some(org.kind.as_str()),
            }
        }
    };
    let quotas = status
        .quotas
        .iter()
        .map(|q| QuotaEntry {
            rule: &q.finding.rule,
            period: &q.finding.period,
            record: q.finding.record.as_deref(),
            expected: q.finding.expected,
            actual: q.finding.actual,
            pace: q.finding.pace,
            state: q.state.as_str(),
            deadline: q.finding.deadline().map(|d| d.to_string()),
            uncertain: q.finding.is_uncertain(),
            message: (q.state != State::Met).then_some(q.finding.message.as_str()),
        })
        .collect();
    json::write_document(
        out,
        &StatusDocument {
            year: status.run.year,
            as_of: status.run.as_of.to_string(),
            ledger: &status.ledger_path,
            subject,
            quotas,
            diagnostics: json::diagnostic_entries(status.diagnostics),
        },
    )
}

#[derive(Serialize)]
struct DueDocument<'a> {
    year: i32,
    as_of: String,
    ledger: &'a str,
    org: Option<&'a str>,
    items: Vec<DueItem<'a>>,
    summary: DueSummary,
    diagnostics: Vec<DiagnosticEntry<'a>>,
}

#[derive(Serialize)]
struct DueItem<'a> {
    #[serde(flatten)]
    finding: FindingEntry<'a>,
    deadline: Option<String>,
    pace: Option<f64>,
    state: &'static str,
}

#[derive(Serialize)]
struct DueSummary {
    items: usize,
    behind: usize,
    on_track: usize,
    pending: usize,
    violations: usize,
    uncertain: usize,
}

pub fn write_due_json(out: &mut dyn Write, due: &Due<'_>) -> io::Result<()> {
    let ledger = due.ledger;
    let count = |state| due.items.iter().filter(|i| i.state == state).count();
    let items = due
        .items
        .iter()
        .map(|item| DueItem {
            finding: json::finding_entry(ledger, due.run, item.finding),
            deadline: item.finding.deadline().map(|d| d.to_string()),
            pace: item.finding.pace,
            state: item.state.as_str(),
        })
        .collect();
    json::write_document(
        out,
        &DueDocument {
            year: due.run.year,
            as_of: due.run.as_of.to_string(),
            ledger: &due.ledger_path,
            org: org_id(ledger, due.scope),
            items,
            summary: DueSummary {
                items: due.items.len(),
                behind: count(State::Behind),
                on_track: count(State::OnTrack),
                pending: count(State::Pending),
                violations: count(State::Violation),
                uncertain: due
                    .items
                    .iter()
                    .filter(|i| i.finding.is_uncertain())
                    .count(),
            },
            diagnostics: json::diagnostic_entries(due.diagnostics),
        },
    )
}
