//! The rule catalogue: one rule per file, each with its code, name, the seed
//! clause it enforces (quoted verbatim), and an explanation. The cadence
//! rules are one engine with settings from `taizhang.toml`.

pub mod cadence;
pub mod edu01_study_days;
pub mod edu02_study_notes;
pub mod edu06_appraisal_held;
pub mod edu07_appraisal_mentor;
pub mod mob01_outflow_register;
pub mod mob02_certificate;
pub mod mob03_liaison;
pub mod mob04_monthly_contact;
pub mod mob05_certificate_audit;
pub mod mob06_annual_report;
pub mod mob07_inflow_register;
pub mod srv01_rural_posts;
pub mod srv03_visit_closed;
pub mod srv04_field_research;

use std::borrow::Cow;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::calendar::Period;
use crate::lang::Lang;
use crate::ledger::kinds::members::MemberIdx;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::ledger::{Kind, Ledger, Loc};
use crate::policy::Policy;

/// What a rule is, for `taizhang rules`, `explain` and every output.
#[derive(Clone, Debug)]
pub struct Meta {
    pub code: Cow<'static, str>,
    /// A kebab-case English name.
    pub name: Cow<'static, str>,
    /// The Chinese name, as the clerk calls it.
    pub title: Cow<'static, str>,
    /// The section of the seed, such as 一(二).
    pub cite: Cow<'static, str>,
    /// The seed's own words, verbatim.
    pub quote: Cow<'static, str>,
    /// How the rule reads the clause and counts, in English.
    pub explain: Cow<'static, str>,
    /// The ledger kinds it reads: without one of them it is skipped.
    pub reads: Cow<'static, [Kind]>,
    /// What `expected` and `actual` count.
    pub unit: Unit,
}

/// What a rule's numbers count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Days,
    Chars,
    Times,
    /// The rule has no numbers (a register is complete or not).
    None,
}

impl Unit {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Unit::Days => lang.pick("天", "days"),
            Unit::Chars => lang.pick("字", "characters"),
            Unit::Times => lang.pick("次", "times"),
            Unit::None => "",
        }
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &Meta;

    /// What must hold, with the numbers this policy sets.
    fn requirement(&self, policy: &Policy, lang: Lang) -> String;

    /// Judges every subject and period of the rule.
    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>);
}

/// The rules that are not cadence rules, in catalogue order.
pub fn builtin() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(edu01_study_days::StudyDays),
        Box::new(edu02_study_notes::StudyNotes),
        Box::new(edu06_appraisal_held::AppraisalHeld),
        Box::new(edu07_appraisal_mentor::AppraisalMentor),
        Box::new(srv01_rural_posts::RuralPosts),
        Box::new(srv03_visit_closed::VisitClosed),
        Box::new(srv04_field_research::FieldResearch),
        Box::new(mob01_outflow_register::OutflowRegister),
        Box::new(mob02_certificate::Certificate),
        Box::new(mob03_liaison::Liaison),
        Box::new(mob04_monthly_contact::MonthlyContact),
        Box::new(mob05_certificate_audit::CertificateAudit),
        Box::new(mob06_annual_report::AnnualReport),
        Box::new(mob07_inflow_register::InflowRegister),
    ]
}

/// Whether a code belongs to a built-in rule that is not a cadence rule.
pub fn is_builtin_code(code: &str) -> bool {
    builtin().iter().any(|rule| rule.meta().code == code)
}

/// Every rule in force for a policy, sorted by code.
pub fn registry(policy: &Policy) -> Vec<Box<dyn Rule>> {
    let mut rules = builtin();
    rules.extend(
        policy
            .cadence
            .iter()
            .cloned()
            .map(|spec| Box::new(cadence::Cadence::new(spec)) as Box<dyn Rule>),
    );
    rules.sort_by(|a, b| a.meta().code.cmp(&b.meta().code));
    rules
}

/// What a rule sees: the ledger, the policy, the year and the day the check
/// stands on.
pub struct Context<'a> {
    pub ledger: &'a Ledger,
    pub policy: &'a Policy,
    pub year: i32,
    pub as_of: NaiveDate,
    pub lang: Lang,
}

impl Context<'_> {
    /// How a shortfall in `period` counts: a violation once the period is
    /// complete, pending while it runs, and not at all before it begins.
    pub fn judge(&self, period: Period) -> Option<Severity> {
        if period.end() <= self.as_of {
            Some(Severity::Violation)
        } else if period.start() <= self.as_of {
            Some(Severity::Pending)
        } else {
            None
        }
    }

    /// A yearly quota for a member, prorated by the days they are on the
    /// roll in the year (unless the policy turns proration off).
    pub fn prorated(&self, quota: f64, member: MemberIdx) -> f64 {
        if !self.policy.prorate {
            return quota;
        }
        let active = self.ledger.members.member(member).active_days(self.year);
        quota * f64::from(active) / f64::from(crate::calendar::days_in_year(self.year))
    }

    pub fn member_org(&self, member: MemberIdx) -> OrgIdx {
        self.ledger.members.member(member).org
    }
}

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
}

impl<'a> Outcomes<'a> {
    pub fn new(ledger: &'a Ledger, scope: Option<OrgIdx>) -> Outcomes<'a> {
        Outcomes {
            ledger,
            scope,
            by_org: FxHashMap::default(),
            findings: Vec::new(),
        }
    }

    fn in_scope(&self, org: Option<OrgIdx>) -> bool {
        match (self.scope, org) {
            (None, _) => true,
            (Some(scope), Some(org)) => self.ledger.orgs.is_within(org, scope),
            (Some(_), None) => false,
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

/// Judges a yearly quota, prorated by days on the roll, for every member on
/// the roll in the year: EDU01, EDU02 and SRV04 differ only in the quota,
/// what is counted, and the words. `quota` is `None` for a member who is no
/// subject; `message` gets the actual and expected numbers as shown.
pub fn judge_member_quotas(
    cx: &Context<'_>,
    out: &mut Outcomes<'_>,
    quota: impl Fn(MemberIdx) -> Option<f64>,
    actual: impl Fn(MemberIdx) -> f64,
    message: impl Fn(&str, &str) -> String,
) {
    let Some(severity) = cx.judge(Period::Year(cx.year)) else {
        return;
    };
    let members = &cx.ledger.members;
    for m in members.indices() {
        let member = members.member(m);
        if !member.is_active_in(cx.year) {
            continue;
        }
        let Some(quota) = quota(m) else { continue };
        let expected = cx.prorated(quota, m);
        let done = actual(m);
        out.judge(Some(member.org), done >= expected, || {
            Finding::new(
                severity,
                Some(member.org),
                cx.year.to_string(),
                message(&num(done), &num(expected)),
            )
            .member(&member.id)
            .numbers(expected, done)
            .at(member.loc)
        });
    }
}

/// A number as messages show it: no trailing zeros.
pub fn num(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_every_rule_is_explained() {
        let policy = Policy::default();
        let rules = registry(&policy);
        let mut codes: Vec<&str> = rules.iter().map(|r| r.meta().code.as_ref()).collect();
        let count = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), count, "duplicate rule codes");
        for rule in &rules {
            let meta = rule.meta();
            assert!(
                !meta.name.is_empty() && !meta.title.is_empty(),
                "{} needs names",
                meta.code
            );
            assert!(
                !meta.cite.is_empty() && !meta.quote.is_empty(),
                "{} needs its clause",
                meta.code
            );
            assert!(
                !meta.explain.is_empty(),
                "{} needs an explanation",
                meta.code
            );
            // A quote may join passages of one clause with "……".
            for passage in meta.quote.split("……").filter(|p| !p.is_empty()) {
                assert!(
                    include_str!("../../seed/long-term-mechanisms.zh.txt").contains(passage),
                    "{} quotes the seed verbatim: {passage}",
                    meta.code
                );
            }
            for lang in [Lang::Zh, Lang::En] {
                assert!(!rule.requirement(&policy, lang).is_empty());
            }
        }
    }
}
