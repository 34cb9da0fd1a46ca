//! What a rule's check produces: for each subject and period it judges, a
//! pass or a [`Finding`], tallied by org within the org scope of the run.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::lang::Lang;
use crate::ledger::kinds::members::MemberIdx;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::ledger::{Ledger, Loc};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Violation,
    Warning,
    Pending,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Violation => lang.pick("违规", "violation"),
            Severity::Warning => lang.pick("提醒", "warning"),
            Severity::Pending => lang.pick("待完成", "pending"),
        }
    }
}

/// One subject and period that falls short.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub org: Option<OrgIdx>,
    pub member: Option<String>,
    pub period: String,
    pub record: Option<String>,
    pub expected: Option<f64>,
    pub actual: Option<f64>,
    pub message: String,
    pub loc: Option<Loc>,
}

impl Finding {
    pub fn new(
        severity: Severity,
        org: Option<OrgIdx>,
        period: impl Into<String>,
        message: String,
    ) -> Finding {
        Finding {
            rule: String::new(),
            severity,
            org,
            member: None,
            period: period.into(),
            record: None,
            expected: None,
            actual: None,
            message,
            loc: None,
        }
    }

    pub fn member(mut self, member: impl Into<String>) -> Finding {
        self.member = Some(member.into());
        self
    }

    pub fn record(mut self, record: impl Into<String>) -> Finding {
        self.record = Some(record.into());
        self
    }

    pub fn numbers(mut self, expected: f64, actual: f64) -> Finding {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }

    pub fn at(mut self, loc: Loc) -> Finding {
        self.loc = Some(loc);
        self
    }
}

/// Counts of one rule's subject-periods (for one org, or in all).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub checked: u64,
    pub passed: u64,
    pub failed: u64,
    pub pending: u64,
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.checked += other.checked;
        self.passed += other.passed;
        self.failed += other.failed;
        self.pending += other.pending;
    }

    /// Passed over judged (pending ones are not yet judged); `None` when
    /// nothing was judged.
    pub fn rate(&self) -> Option<f64> {
        let judged = self.passed + self.failed;
        (judged > 0).then(|| self.passed as f64 / judged as f64)
    }
}

/// Collects a rule's outcomes: a pass or a finding for each subject-period,
/// tallied by org, within the org scope of the run.
pub struct Outcomes<'a> {
    ledger: &'a Ledger,
    scope: Option<OrgIdx>,
    pub(crate) by_org: FxHashMap<Option<OrgIdx>, Tally>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) grid: Vec<GridRow>,
}

impl<'a> Outcomes<'a> {
    pub fn new(ledger: &'a Ledger, scope: Option<OrgIdx>) -> Outcomes<'a> {
        Outcomes {
            ledger,
            scope,
            by_org: FxHashMap::default(),
            findings: Vec::new(),
            grid: Vec::new(),
        }
    }

    fn in_scope(&self, org: Option<OrgIdx>) -> bool {
        match (self.scope, org) {
            (None, _) => true,
            (Some(scope), Some(org)) => self.ledger.orgs.is_within(org, scope),
            (Some(_), None) => false,
        }
    }

    /// A member's months, for the report's grid of the rule.
    pub fn grid_row(&mut self, row: GridRow) {
        if self.in_scope(Some(row.org)) {
            self.grid.push(row);
        }
    }

    pub fn pass(&mut self, org: Option<OrgIdx>) {
        if self.in_scope(org) {
            let tally = self.by_org.entry(org).or_default();
            tally.checked += 1;
            tally.passed += 1;
        }
    }

    /// A subject-period that passes when `ok`, else gives `finding()`.
    pub fn judge(&mut self, org: Option<OrgIdx>, ok: bool, finding: impl FnOnce() -> Finding) {
        if ok {
            self.pass(org)
        } else {
            self.push(finding())
        }
    }

    pub fn push(&mut self, finding: Finding) {
        if !self.in_scope(finding.org) {
            return;
        }
        let tally = self.by_org.entry(finding.org).or_default();
        match finding.severity {
            Severity::Violation => {
                tally.checked += 1;
                tally.failed += 1;
            }
            Severity::Pending => {
                tally.checked += 1;
                tally.pending += 1;
            }
            Severity::Warning => {}
        }
        self.findings.push(finding);
    }
}

/// How one month of a subject was judged, for a rule whose outcomes the
/// report draws as a month-by-member grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Passed,
    Failed,
    /// Short so far, and the month is not over by as-of.
    Pending,
    /// Nothing was owed that month.
    NotDue,
}

impl Mark {
    pub const ALL: [Mark; 4] = [Mark::Passed, Mark::Failed, Mark::Pending, Mark::NotDue];
}

/// A member's twelve months, as a month-grid rule judged them.
#[derive(Clone, Debug, PartialEq)]
pub struct GridRow {
    pub member: MemberIdx,
    pub org: OrgIdx,
    pub months: [Mark; 12],
}

/// How a rule's month grid is shown, in the run's language: the report's
/// name for it, its heading, the words for each mark, what the rule
/// requires (without a final stop), the settings behind it, and what to
/// say when no member has a row.
#[derive(Clone, Debug)]
pub struct Grid {
    pub key: &'static str,
    pub heading: String,
    /// By [`Mark::ALL`]: a name for scripts and a label for people.
    pub marks: [(&'static str, String); 4],
    pub note: String,
    pub settings: Vec<(&'static str, u32)>,
    pub empty: String,
}

impl Grid {
    pub fn name(&self, mark: Mark) -> &'static str {
        self.marks[mark as usize].0
    }

    pub fn label(&self, mark: Mark) -> &str {
        &self.marks[mark as usize].1
    }
}
