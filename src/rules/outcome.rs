//! What a rule's check produces: for each subject and period it judges, a
//! pass or a [`Finding`], tallied by org within the org scope of the run.
//! A finding that left-out input could change is uncertain (with the
//! places of that input); a subject the rule could not judge is
//! [`Unchecked`].

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::doubts::{Doubts, sorted};
use crate::calendar::Period;
use crate::diag::Location;
use crate::lang::Lang;
use crate::ledger::kinds::members::MemberIdx;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::ledger::{Kind, Ledger, Loc};

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
    /// Other members the outcome depends on (a mentor, a liaison): what is
    /// left out about them makes the finding uncertain too.
    pub depends: Vec<String>,
    /// Left-out input that could change the finding; not empty: uncertain.
    pub because: Vec<Location>,
    /// What `actual` should be by as-of for `expected` to be met at the
    /// period's end, while the period runs ([`super::progress`]).
    pub pace: Option<f64>,
    /// The last day to meet the rule, when it is not the period's last day
    /// (a visit is closed within its limit).
    pub due: Option<NaiveDate>,
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
            depends: Vec::new(),
            because: Vec::new(),
            pace: None,
            due: None,
        }
    }

    /// The last day to meet the rule: its own, else the period's last day.
    pub fn deadline(&self) -> Option<NaiveDate> {
        self.due
            .or_else(|| Period::parse(&self.period).map(Period::end))
    }

    pub fn paced(mut self, pace: f64) -> Finding {
        self.pace = Some(pace);
        self
    }

    pub fn due_on(mut self, date: NaiveDate) -> Finding {
        self.due = Some(date);
        self
    }

    /// Whether left-out input could change the finding: it is then not
    /// counted as a violation.
    pub fn is_uncertain(&self) -> bool {
        !self.because.is_empty()
    }

    /// A violation that no input error touches.
    pub fn is_violation(&self) -> bool {
        self.severity == Severity::Violation && !self.is_uncertain()
    }

    pub fn depends_on(mut self, member: impl AsRef<str>) -> Finding {
        self.depends.push(member.as_ref().to_string());
        self
    }

    pub fn member(mut self, member: impl AsRef<str>) -> Finding {
        self.member = Some(member.as_ref().to_string());
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

/// A subject a rule could not judge, and the left-out input why. `rule`
/// `None`: no rule could judge it (its roll or org row was left out).
#[derive(Clone, Debug, PartialEq)]
pub struct Unchecked {
    pub rule: Option<String>,
    pub org: Option<OrgIdx>,
    /// The org's id as the left-out input names it, when it is not in orgs.
    pub org_id: Option<String>,
    pub member: Option<String>,
    pub record: Option<String>,
    pub because: Vec<Location>,
}

/// Counts of one rule's subject-periods (for one org, or in all).
/// `uncertain` findings are checked but neither passed nor failed;
/// `unchecked` subjects are not among the checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub checked: u64,
    pub passed: u64,
    pub failed: u64,
    pub pending: u64,
    pub uncertain: u64,
    pub unchecked: u64,
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.checked += other.checked;
        self.passed += other.passed;
        self.failed += other.failed;
        self.pending += other.pending;
        self.uncertain += other.uncertain;
        self.unchecked += other.unchecked;
    }

    /// Passed over judged (pending ones are not yet judged); `None` when
    /// nothing was judged.
    pub fn rate(&self) -> Option<f64> {
        let judged = self.passed + self.failed;
        (judged > 0).then(|| self.passed as f64 / judged as f64)
    }
}

/// Collects a rule's outcomes: a pass or a finding for each subject-period,
/// tallied by org, within the org scope of the run; marks each finding
/// that left-out input of `kinds` could change.
pub struct Outcomes<'a> {
    ledger: &'a Ledger,
    scope: Option<OrgIdx>,
    doubts: &'a Doubts,
    /// The kinds whose left-out rows touch the rule's findings.
    kinds: Vec<Kind>,
    pub(crate) by_org: FxHashMap<Option<OrgIdx>, Tally>,
    pub(crate) findings: Vec<Finding>,
    /// The subject-periods that pass, as the finding each would have been,
    /// when the run keeps them (`status`); empty otherwise.
    pub(crate) passed: Vec<Finding>,
    keep_passes: bool,
    pub(crate) unchecked: Vec<Unchecked>,
    pub(crate) grid: Vec<GridRow>,
}

impl<'a> Outcomes<'a> {
    pub fn new(
        ledger: &'a Ledger,
        scope: Option<OrgIdx>,
        doubts: &'a Doubts,
        kinds: Vec<Kind>,
    ) -> Outcomes<'a> {
        Outcomes {
            ledger,
            scope,
            doubts,
            kinds,
            by_org: FxHashMap::default(),
            findings: Vec::new(),
            passed: Vec::new(),
            keep_passes: false,
            unchecked: Vec::new(),
            grid: Vec::new(),
        }
    }

    /// Keeps each pass with its numbers, as the finding it would have been.
    pub fn keeping_passes(mut self, keep: bool) -> Outcomes<'a> {
        self.keep_passes = keep;
        self
    }

    /// The left-out input that could change `finding`: rows of the rule's
    /// kinds naming its subject (its member, its record, or else its org),
    /// rows whose ids are unknown, and what is unknown about the members it
    /// depends on.
    fn because(&self, finding: &Finding) -> Vec<Location> {
        let doubts = self.doubts;
        let mut places = Vec::new();
        for &kind in &self.kinds {
            match (&finding.record, &finding.member, finding.org) {
                (Some(record), ..) => places.extend(doubts.of_record(kind, record)),
                // A roll row whose id is unknown is a member unchecked, not
                // a doubt on every other member's findings.
                (None, Some(member), _) if kind == Kind::Members => {
                    places.extend(doubts.naming_member(kind, member))
                }
                (None, Some(member), _) => places.extend(doubts.of_member(kind, member)),
                (None, None, Some(org)) => {
                    places.extend(doubts.of_org(kind, &self.ledger.orgs.org(org).id))
                }
                (None, None, None) => places.extend(doubts.blind_rows(kind)),
            }
        }
        for member in &finding.depends {
            places.extend(doubts.of_other_member(member));
        }
        if let Some(org) = finding.org {
            places.extend(doubts.of_place(&self.ledger.orgs, org));
        }
        match Period::parse(&finding.period) {
            Some(period) => sorted(doubts.during(places, period)),
            None => sorted(places),
        }
    }

    /// The org-level cadence rules' subject that left-out input makes them
    /// unable to judge (a branch whose size is unknown).
    pub fn unchecked_org(&mut self, org: OrgIdx, because: Vec<Location>) {
        self.push_unchecked(Unchecked {
            rule: None,
            org: Some(org),
            org_id: None,
            member: None,
            record: None,
            because,
        });
    }

    /// A subject the rule cannot judge: a value it needs is unknown.
    pub fn unchecked(&mut self, org: Option<OrgIdx>, member: &str, because: Vec<Location>) {
        self.push_unchecked(Unchecked {
            rule: None,
            org,
            org_id: None,
            member: Some(member.to_string()),
            record: None,
            because,
        });
    }

    /// The subjects that left-out rows of the rule's deciding kinds name
    /// and that have no finding: the row could have made a shortfall.
    pub(crate) fn undecided(&mut self, decides: &[Kind], subject: super::Subject) {
        use super::Subject;
        let ledger = self.ledger;
        for &kind in decides {
            for gap in self.doubts.gaps(kind) {
                let because = vec![gap.at.clone()];
                let org_named = gap.orgs.iter().find_map(|id| ledger.orgs.get(id));
                match subject {
                    // Orgs judged by size decide for themselves (the cadence rules).
                    Subject::Org => {}
                    Subject::Record => {
                        let judged = gap.record.as_ref().is_some_and(|record| {
                            self.findings
                                .iter()
                                .any(|f| f.record.as_ref() == Some(record))
                        });
                        if !judged {
                            self.push_unchecked(Unchecked {
                                rule: None,
                                org: org_named,
                                org_id: gap.orgs.first().cloned(),
                                member: None,
                                record: gap.record.clone(),
                                because,
                            });
                        }
                    }
                    Subject::Member if gap.members.is_empty() => self.push_unchecked(Unchecked {
                        rule: None,
                        org: org_named,
                        org_id: None,
                        member: None,
                        record: None,
                        because,
                    }),
                    Subject::Member => {
                        for member in &gap.members {
                            let judged = self
                                .findings
                                .iter()
                                .any(|f| f.member.as_ref() == Some(member));
                            if judged {
                                continue;
                            }
                            let org = ledger
                                .members
                                .get(member)
                                .map(|m| ledger.members.member(m).org)
                                .or(org_named);
                            self.push_unchecked(Unchecked {
                                rule: None,
                                org,
                                org_id: None,
                                member: Some(member.clone()),
                                record: None,
                                because: because.clone(),
                            });
                        }
                    }
                }
            }
        }
    }

    pub(crate) fn push_unchecked(&mut self, unchecked: Unchecked) {
        if !self.in_scope(unchecked.org) {
            return;
        }
        self.by_org.entry(unchecked.org).or_default().unchecked += 1;
        self.unchecked.push(unchecked);
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

    /// A subject-period that passes; `finding()` is what it would have
    /// been, kept only when the run keeps passes.
    pub fn pass(&mut self, org: Option<OrgIdx>, finding: impl FnOnce() -> Finding) {
        if self.in_scope(org) {
            let tally = self.by_org.entry(org).or_default();
            tally.checked += 1;
            tally.passed += 1;
            if self.keep_passes {
                self.passed.push(finding());
            }
        }
    }

    /// A subject-period that passes when `ok`, else gives `finding()`.
    pub fn judge(&mut self, org: Option<OrgIdx>, ok: bool, finding: impl FnOnce() -> Finding) {
        if ok {
            self.pass(org, finding)
        } else {
            self.push(finding())
        }
    }

    pub fn push(&mut self, mut finding: Finding) {
        if !self.in_scope(finding.org) {
            return;
        }
        // A rule may know more that its finding depends on (MOB02's
        // certificates held on left-out rows).
        let mut because = std::mem::take(&mut finding.because);
        because.extend(self.because(&finding));
        finding.because = sorted(because);
        let uncertain = finding.is_uncertain();
        let tally = self.by_org.entry(finding.org).or_default();
        match finding.severity {
            Severity::Violation | Severity::Pending if uncertain => {
                tally.checked += 1;
                tally.uncertain += 1;
            }
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
