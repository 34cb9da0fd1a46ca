//! The rule catalogue. A rule is one file: its metadata (code, names, the
//! seed clause quoted verbatim, an explanation), its settings with their
//! defaults and docs, what it needs loaded, its requirement in words and its
//! check. [`BUILTIN`] is the one table of the built-in rules; the cadence
//! rules are one engine whose specs come from `cadence/builtin.toml` and a
//! ledger's `[[cadence]]`.

pub mod cadence;
pub mod doubts;
pub mod edu01_study_days;
pub mod edu02_study_notes;
pub mod edu06_appraisal_held;
pub mod edu07_appraisal_mentor;
pub mod identity;
pub mod mob01_outflow_register;
pub mod mob02_certificate;
pub mod mob03_liaison;
pub mod mob04_monthly_contact;
pub mod mob05_certificate_audit;
pub mod mob06_annual_report;
pub mod mob07_inflow_register;
pub mod outcome;
pub mod progress;
pub mod quota;
pub mod settings;
pub mod srv01_rural_posts;
pub mod srv03_visit_closed;
pub mod srv04_field_research;

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::calendar::{Calendar, Period};
use crate::lang::Lang;
use crate::ledger::plan::LoadPlan;
use crate::ledger::{Kind, Ledger};
pub use outcome::{Finding, Grid, GridRow, Mark, Outcomes, Severity, Tally, Unchecked};
use settings::{Setting, Values};

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
    /// The same in Chinese.
    pub explain_zh: Cow<'static, str>,
    /// The ledger kinds it reads: without one of them it is skipped, and a
    /// left-out row of one makes the findings it names uncertain.
    pub reads: Cow<'static, [Kind]>,
    /// Kinds whose left-out rows can add a subject or a shortfall (a graded
    /// appraisal, a visit, a member away): a subject such a row names that
    /// has no finding is unchecked.
    pub decides: Cow<'static, [Kind]>,
    /// What the rule judges: members, orgs, or records (visits).
    pub subject: Subject,
    /// What `expected` and `actual` count.
    pub unit: Unit,
}

impl Meta {
    /// How the rule reads the clause and counts, in `lang`.
    pub fn explanation(&self, lang: Lang) -> &str {
        lang.pick(&self.explain_zh, &self.explain)
    }

    /// The rule's name in `lang`: its Chinese title, or its kebab-case
    /// English name.
    pub fn shown_name(&self, lang: Lang) -> &str {
        lang.pick(&self.title, &self.name)
    }
}

/// What a rule judges, which is what left-out input is matched against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Member,
    Org,
    Record,
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

    /// The least a subject needs, as a person counts it: whole characters
    /// and times with thousands grouped (7,439, not 7438.36), days to a
    /// tenth; rounded up, so that what is shown is never short of the quota.
    pub fn required(self, value: f64) -> String {
        self.counted(value, Round::Up)
    }

    /// What a subject has, as a person counts it ([`Unit::required`]);
    /// rounded down, so that a shortfall never looks met.
    pub fn reached(self, value: f64) -> String {
        self.counted(value, Round::Down)
    }

    fn counted(self, value: f64, round: Round) -> String {
        // The tolerance keeps 6.0 (computed as 6.000000001) from becoming 6.1.
        let rounded = |scaled: f64| match round {
            Round::Up => (scaled - 1e-6).ceil(),
            Round::Down => (scaled + 1e-6).floor(),
        };
        match self {
            Unit::Days => {
                let tenths = rounded(value * 10.0) as i64;
                match tenths % 10 {
                    0 => grouped(tenths / 10),
                    tenth => format!("{}.{}", grouped(tenths / 10), tenth.abs()),
                }
            }
            Unit::Chars | Unit::Times => grouped(rounded(value) as i64),
            Unit::None => num(value),
        }
    }
}

#[derive(Clone, Copy)]
enum Round {
    Up,
    Down,
}

/// 7439 as 7,439.
fn grouped(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        text.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &Meta;

    /// What must hold, with the numbers the rule's settings give.
    fn requirement(&self, lang: Lang) -> String;

    /// Adds what the rule needs loaded to the plan, beyond the kinds of
    /// [`Meta::reads`] (which are always loaded when present).
    fn needs(&self, _plan: &mut LoadPlan) {}

    /// Judges every subject and period of the rule.
    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>);

    /// How the report shows the rule's month grid, for a rule whose check
    /// gives [`Outcomes::grid_row`]s.
    fn grid(&self, _lang: Lang) -> Option<Grid> {
        None
    }
}

/// A built-in rule that is not a cadence rule: its metadata, its settings
/// (keys of `[policy]`), and how it is built from the ledger's values.
pub struct Builtin {
    pub meta: &'static Meta,
    pub settings: &'static [&'static Setting],
    pub build: fn(&Values, &Calendar) -> Box<dyn Rule>,
}

/// The built-in rules that are not cadence rules, in catalogue order.
pub const BUILTIN: &[Builtin] = &[
    edu01_study_days::RULE,
    edu02_study_notes::RULE,
    edu06_appraisal_held::RULE,
    edu07_appraisal_mentor::RULE,
    srv01_rural_posts::RULE,
    srv03_visit_closed::RULE,
    srv04_field_research::RULE,
    mob01_outflow_register::RULE,
    mob02_certificate::RULE,
    mob03_liaison::RULE,
    mob04_monthly_contact::RULE,
    mob05_certificate_audit::RULE,
    mob06_annual_report::RULE,
    mob07_inflow_register::RULE,
];

/// Whether a code belongs to a built-in rule that is not a cadence rule.
pub fn is_builtin_code(code: &str) -> bool {
    BUILTIN.iter().any(|rule| rule.meta.code == code)
}

/// Every `[policy]` setting of the built-in rules, each once, in
/// catalogue order, with the codes of the rules that read it.
pub fn settings() -> Vec<(&'static Setting, Vec<&'static str>)> {
    let mut list: Vec<(&'static Setting, Vec<&'static str>)> = Vec::new();
    for rule in BUILTIN {
        let code: &'static str = match &rule.meta.code {
            Cow::Borrowed(code) => code,
            Cow::Owned(_) => unreachable!("built-in codes are static"),
        };
        for &setting in rule.settings {
            match list.iter_mut().find(|(s, _)| s.key == setting.key) {
                Some((_, codes)) => codes.push(code),
                None => list.push((setting, vec![code])),
            }
        }
    }
    list
}

/// Every rule in force, sorted by code: the built-in rules with the
/// ledger's values, and the cadence rules of `cadence`.
pub fn registry(
    values: &Values,
    calendar: &Calendar,
    cadence: &[cadence::CadenceSpec],
) -> Vec<Box<dyn Rule>> {
    let mut rules: Vec<Box<dyn Rule>> = BUILTIN
        .iter()
        .map(|rule| (rule.build)(values, calendar))
        .collect();
    rules.extend(
        cadence
            .iter()
            .cloned()
            .map(|spec| Box::new(cadence::Cadence::new(spec)) as Box<dyn Rule>),
    );
    rules.sort_by(|a, b| a.meta().code.cmp(&b.meta().code));
    rules
}

/// What a rule sees: the ledger, what input errors left out of it, the
/// year and the day the check stands on.
pub struct Context<'a> {
    pub ledger: &'a Ledger,
    pub doubts: &'a doubts::Doubts,
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
    fn amounts_are_shown_as_a_person_counts_them() {
        assert_eq!(Unit::Chars.required(7438.36), "7,439");
        assert_eq!(Unit::Chars.reached(7438.36), "7,438");
        assert_eq!(Unit::Chars.required(30000.0), "30,000");
        assert_eq!(Unit::Chars.reached(999.0), "999");
        assert_eq!(Unit::Chars.reached(1234567.0), "1,234,567");
        assert_eq!(Unit::Days.required(6.05), "6.1");
        assert_eq!(Unit::Days.reached(5.96), "5.9");
        assert_eq!(Unit::Days.required(6.000000001), "6");
        assert_eq!(Unit::Days.required(0.1 + 0.2), "0.3");
        assert_eq!(Unit::Days.reached(3.5), "3.5");
        assert_eq!(Unit::Days.reached(0.0), "0");
        assert_eq!(Unit::Times.required(1.0), "1");
        assert_eq!(Unit::None.required(2.5), "2.5");
    }

    #[test]
    fn codes_are_unique_and_every_rule_is_explained() {
        let rules = registry(
            &Values::default(),
            &Calendar::default(),
            &cadence::builtin(),
        );
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
                !meta.explain.is_empty() && !meta.explain_zh.is_empty(),
                "{} needs an explanation in both languages",
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
                assert!(!rule.requirement(lang).is_empty());
            }
        }
    }

    #[test]
    fn settings_are_declared_once_and_documented() {
        let settings = settings();
        for (setting, codes) in &settings {
            assert!(!codes.is_empty());
            assert!(!setting.doc.zh.is_empty() && !setting.doc.en.is_empty());
            let same = BUILTIN
                .iter()
                .flat_map(|rule| rule.settings.iter())
                .filter(|s| s.key == setting.key);
            for other in same {
                assert!(
                    std::ptr::eq(*other, *setting),
                    "{} is declared twice",
                    setting.key
                );
            }
        }
    }
}
