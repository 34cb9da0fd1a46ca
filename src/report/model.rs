//! The one model of the year-end report that every `report` renderer reads,
//! so the numbers agree in every format: each rule's tallies rolled up the
//! org tree, the committees ranked by rate, the findings under their orgs,
//! and the month-by-member grids of the rules that draw one (contacts with
//! mobile members).
//!
//! The model owns its data and knows no ledger: it is built from a run and
//! its ledger (`build.rs`), or from the report JSON of several ledgers
//! (`merge.rs`). An aggregate model (`--aggregate`, and every merged one)
//! has counts only: no findings, no member, no diagnostic but its count.
//!
//! The compliance rate is passed / (passed + failed): pending subjects,
//! whose period has not ended by as-of, are not judged yet and left out.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Summary;
use crate::diag::{Diagnostic, Level, Location};
use crate::lang::Lang;
use crate::ledger::kinds::orgs::OrgKind;
use crate::rules::{Grid, Mark, Severity, Tally, Unit};
use crate::t;

pub struct Report {
    pub lang: Lang,
    /// `ledger.name` of taizhang.toml; a merged report's `--name`.
    pub ledger_name: Option<String>,
    /// The ledger directory as the user gave it; a merged report's name.
    pub ledger_path: String,
    /// The ledger directory's absolute path, as the system spells it; `None`
    /// in an aggregate (it may carry the clerk's user name) and a merged
    /// report.
    pub ledger_dir: Option<String>,
    pub year: i32,
    pub as_of: NaiveDate,
    /// Whether the report has counts only (`--aggregate`, or merged).
    pub aggregate: bool,
    /// The reports a merged report combines; empty for a ledger's own.
    pub inputs: Vec<Input>,
    /// Every rule in force, by code, with its tally over the whole report.
    /// A merged report has one line per rule that differs between inputs.
    pub rules: Vec<RuleLine>,
    /// The org the report covers (`--org`, else the root) and every org
    /// below it, in preorder: the first is the whole report.
    pub orgs: Vec<OrgSection>,
    /// The committees among `orgs`, best rate first.
    pub committees: Vec<Ranked>,
    /// The month grids of the rules that draw one (none in an aggregate).
    pub grids: Vec<GridView>,
    /// The names of the grids an aggregate report leaves out.
    pub withheld_grids: Vec<String>,
    /// The rules skipped and the subjects not checked, in words: empty when
    /// every rule ran on every subject.
    pub incomplete: Vec<String>,
    /// The subjects not checked, as the run lists them (none in an aggregate).
    pub unchecked: Vec<UncheckedLine>,
    pub summary: Summary,
    /// The members and orgs with at least one failed subject; `None` in a
    /// merged report of an input that does not say.
    pub falling_short: Option<FallingShort>,
    /// Members on the roll on at least one day of the year, in the orgs covered.
    pub members: usize,
    /// The input diagnostics (none in an aggregate).
    pub diagnostics: Vec<Diagnostic>,
    /// How many input diagnostics there are of each code and severity.
    pub diagnostic_counts: Vec<DiagnosticCount>,
}

/// Who is behind the failed subjects: the members, and the orgs of the
/// failed subjects that are not a member's (a branch's meetings, a
/// visit). A subject without an org is the top org's, as in the tallies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FallingShort {
    pub members: usize,
    pub orgs: usize,
}

/// One report a merged report combines.
pub struct Input {
    /// The file as given on the command line.
    pub file: String,
    pub ledger: String,
    pub ledger_name: Option<String>,
    /// The id of its top org, as the merged report has it.
    pub org: String,
    /// Whether the input had counts only.
    pub aggregate: bool,
}

pub struct DiagnosticCount {
    pub code: String,
    pub severity: Level,
    pub count: usize,
}

pub struct RuleLine {
    pub code: String,
    /// The kebab-case English name.
    pub name: String,
    /// The Chinese name.
    pub title: String,
    pub unit: Unit,
    /// What must hold, with the numbers of this ledger's policy.
    pub requirement: String,
    /// Why the rule was not run; `None` when it was. In a merged report,
    /// where it was not run when it ran elsewhere.
    pub skipped: Option<String>,
    /// A merged rule run in some inputs and not in others: where not.
    pub partly: Option<String>,
    pub tally: Tally,
    /// The settings the rule reads, `key → value`: what makes two rules of
    /// one code the same rule.
    pub settings: BTreeMap<String, String>,
    /// In a merged report whose inputs differ on the rule: which of its
    /// versions this line is (1, 2, …); `None` when there is one.
    pub variant: Option<usize>,
    /// In a merged report, the inputs (their top orgs) whose reports have
    /// this line; `None` in a ledger's own report.
    pub applies_to: Option<Vec<String>>,
}

impl RuleLine {
    /// The rule's name in the report's language.
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.title, &self.name)
    }

    /// The code, with the version where inputs differ on the rule.
    pub fn shown_code(&self, lang: Lang) -> String {
        match self.variant {
            None => self.code.clone(),
            Some(n) => t!(lang, "{}（口径{n}）", "{} (version {n})", self.code),
        }
    }

    /// What must hold; in a merged report of `inputs` reports, whose rule
    /// it is when not every input's, and whose version when they differ.
    pub fn shown_requirement(&self, lang: Lang, inputs: usize) -> String {
        let requirement = &self.requirement;
        match (&self.applies_to, self.variant) {
            (Some(orgs), Some(_)) => {
                let orgs = orgs.join(lang.pick("、", ", "));
                t!(
                    lang,
                    "{requirement}（各单位口径不同，分别统计；本口径为：{orgs}）",
                    "{requirement} (the reports differ on this rule, so each version is counted apart; this one is that of {orgs})"
                )
            }
            (Some(orgs), None) if orgs.len() < inputs => {
                let orgs = orgs.join(lang.pick("、", ", "));
                t!(
                    lang,
                    "{requirement}（仅 {orgs} 有此规则）",
                    "{requirement} (a rule of {orgs} only)"
                )
            }
            _ => requirement.clone(),
        }
    }
}

/// What a section stands for: an org of a ledger, or the top of a merged
/// report, which combines several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    Org(OrgKind),
    Combined,
}

impl SectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Org(kind) => kind.as_str(),
            SectionKind::Combined => "combined",
        }
    }

    pub fn parse(text: &str) -> Option<SectionKind> {
        if text == "combined" {
            return Some(SectionKind::Combined);
        }
        <OrgKind as crate::ledger::columns::Choice>::parse(text).map(SectionKind::Org)
    }
}

pub struct OrgSection {
    pub id: String,
    pub name: String,
    pub kind: SectionKind,
    /// The section of the org's parent; `None` for the first.
    pub parent: Option<usize>,
    /// Levels below the first section.
    pub depth: usize,
    /// All rules together over the org's subtree.
    pub overall: Tally,
    /// Each rule with subjects in the org's subtree (index into
    /// [`Report::rules`]) and its tally there.
    pub rules: Vec<(usize, Tally)>,
    /// The findings whose org is this org itself, in output order; those of
    /// orgs below are in their own sections. The first section also has the
    /// findings without an org. Empty in an aggregate.
    pub findings: Vec<FindingLine>,
}

impl OrgSection {
    /// `C01 某县委`; the top of a merged report, whose id is its name, once.
    pub fn label(&self) -> String {
        if self.id == self.name {
            self.id.clone()
        } else {
            format!("{} {}", self.id, self.name)
        }
    }
}

/// One shortfall, as the report shows it.
pub struct FindingLine {
    pub rule: String,
    pub severity: Severity,
    pub member: Option<String>,
    /// The member's name from the roll; `None` for a member not on it.
    pub member_name: Option<String>,
    pub period: String,
    pub record: Option<String>,
    pub expected: Option<f64>,
    pub actual: Option<f64>,
    pub message: String,
    /// Left-out input that could change it; not empty: uncertain.
    pub because: Vec<Location>,
}

impl FindingLine {
    pub fn is_uncertain(&self) -> bool {
        !self.because.is_empty()
    }
}

/// A subject not checked because of input errors.
pub struct UncheckedLine {
    pub rule: Option<String>,
    pub org: Option<String>,
    pub member: Option<String>,
    pub record: Option<String>,
    pub because: Vec<Location>,
}

/// A committee's place in the ranking: `rank` is shared by equal rates
/// ("1, 2, 2, 4") and `None` when nothing of it was judged yet.
pub struct Ranked {
    pub rank: Option<usize>,
    /// Index into [`Report::orgs`].
    pub section: usize,
}

/// A rule's month-by-member grid: how the rule shows it, and its rows.
pub struct GridView {
    pub code: String,
    pub grid: Grid,
    pub state: GridState,
}

pub enum GridState {
    Rows(Vec<GridLine>),
    /// The rule was not run, for this reason.
    Skipped(String),
}

pub struct GridLine {
    pub member: String,
    pub name: String,
    pub org: String,
    pub months: [Mark; 12],
}

/// One character for a grid cell in plain text.
pub fn mark_symbol(mark: Mark) -> &'static str {
    match mark {
        Mark::Passed => "✓",
        Mark::Failed => "✗",
        Mark::Pending => "…",
        Mark::NotDue => "·",
    }
}

impl Report {
    /// The tally of the whole report: all rules over the first section.
    pub fn overall(&self) -> Tally {
        self.orgs.first().map(|s| s.overall).unwrap_or_default()
    }

    pub fn evaluated(&self) -> usize {
        self.rules.iter().filter(|r| r.skipped.is_none()).count()
    }

    /// The parent of a section's org, when it is covered too.
    pub fn parent(&self, section: &OrgSection) -> Option<&OrgSection> {
        section.parent.map(|p| &self.orgs[p])
    }

    /// The first line of a rule code (its unit is the same on every line).
    pub fn rule(&self, code: &str) -> Option<&RuleLine> {
        self.rules.iter().find(|r| r.code == code)
    }

    /// `9.5 / 12 天`: what a finding's subject has against what it needs.
    pub fn amounts(&self, finding: &FindingLine) -> String {
        let (Some(expected), Some(actual)) = (finding.expected, finding.actual) else {
            return String::new();
        };
        let unit = self.rule(&finding.rule).map_or(Unit::None, |r| r.unit);
        let label = unit.label(self.lang);
        format!(
            "{} / {} {label}",
            unit.reached(actual),
            unit.required(expected)
        )
        .trim_end()
        .to_string()
    }

    /// `M0001 张三`, or the bare id of an incoming member, or nothing.
    pub fn member(finding: &FindingLine) -> String {
        match (&finding.member, &finding.member_name) {
            (Some(id), Some(name)) => format!("{id} {name}"),
            (Some(id), None) => id.clone(),
            (None, _) => String::new(),
        }
    }

    /// The period, with the record (a visit's id) when there is one.
    pub fn period(finding: &FindingLine) -> String {
        match &finding.record {
            Some(record) => format!("{} {record}", finding.period),
            None => finding.period.clone(),
        }
    }
}

/// A tally in words: `12 checked, 10 passed, 1 failed, 1 pending`, and the
/// uncertain and unchecked subjects where there are any.
pub fn counts_in_words(tally: &Tally, lang: Lang) -> String {
    let Tally {
        checked,
        passed,
        failed,
        pending,
        uncertain,
        unchecked,
    } = *tally;
    let mut words = t!(
        lang,
        "检查 {checked}，通过 {passed}，未通过 {failed}，待完成 {pending}",
        "{checked} checked, {passed} passed, {failed} failed, {pending} pending"
    );
    if uncertain > 0 {
        words.push_str(&t!(
            lang,
            "，因部分输入未计入而不确定 {uncertain}",
            ", {uncertain} uncertain because some input was left out"
        ));
    }
    if unchecked > 0 {
        words.push_str(&t!(
            lang,
            "，因输入错误未检查 {unchecked}",
            ", {unchecked} not checked because of input errors"
        ));
    }
    words
}

/// The rate as a percentage with one decimal; `—` when nothing was judged.
pub fn percent(tally: &Tally) -> String {
    tally.rate().map_or_else(|| "—".to_string(), percent_of)
}

/// A rate (0–1) as a percentage with one decimal, rounded to nearest except
/// that only a perfect rate shows 100.0% and only a zero rate 0.0%.
pub fn percent_of(rate: f64) -> String {
    let tenths = (rate * 1000.0).round().clamp(
        if rate > 0.0 { 1.0 } else { 0.0 },
        if rate < 1.0 { 999.0 } else { 1000.0 },
    );
    format!("{:.1}%", tenths / 10.0)
}

/// Where a rate stands on the charts' fixed colour scale (docs/report.md):
/// at least [`Band::HIGH`] %, at least [`Band::MIDDLE`] %, or below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    High,
    Middle,
    Low,
}

impl Band {
    pub const HIGH: u64 = 95;
    pub const MIDDLE: u64 = 80;

    /// The band of a tally's rate, compared exactly (19 of 20 is 95 %);
    /// none when nothing was judged.
    pub fn of(tally: &Tally) -> Option<Band> {
        let judged = u128::from(tally.passed) + u128::from(tally.failed);
        let hundredfold = u128::from(tally.passed) * 100;
        match judged {
            0 => None,
            _ if hundredfold >= u128::from(Band::HIGH) * judged => Some(Band::High),
            _ if hundredfold >= u128::from(Band::MIDDLE) * judged => Some(Band::Middle),
            _ => Some(Band::Low),
        }
    }

    /// The scale in words, for the charts' caption.
    pub fn legend(lang: Lang) -> String {
        let (high, middle) = (Band::HIGH, Band::MIDDLE);
        t!(
            lang,
            "条形颜色：绿色 ≥ {high}%，黄色 ≥ {middle}%，红色 < {middle}%；每条末端标有合规率。",
            "Bar colours: green ≥ {high}%, amber ≥ {middle}%, red < {middle}%; each bar ends with its rate."
        )
    }
}

/// How the report counts, in words, for the report itself.
pub fn rate_definition(lang: Lang) -> &'static str {
    lang.pick(
        "合规率 = 通过 ÷（通过 + 未通过）。待完成的对象（期间在截止日尚未结束）不计入。每个组织的数字汇总其下属全部组织；综合合规率把各规则的对象合在一起计算。",
        "Compliance rate = passed ÷ (passed + failed). Pending subjects (whose period has not ended by the as-of date) are left out. Each org's numbers include every org below it; the overall rate pools the subjects of all rules.",
    )
}

pub fn kind_label(kind: SectionKind, lang: Lang) -> &'static str {
    match kind {
        SectionKind::Org(OrgKind::County) => lang.pick("县委", "county committee"),
        SectionKind::Org(OrgKind::Committee) => lang.pick("党委", "committee"),
        SectionKind::Org(OrgKind::GeneralBranch) => lang.pick("党总支", "general branch"),
        SectionKind::Org(OrgKind::Branch) => lang.pick("党支部", "branch"),
        SectionKind::Combined => lang.pick("汇总", "combined"),
    }
}

/// Rates compared exactly: passed₁ × judged₂ against passed₂ × judged₁.
fn compare_rates(a: &Tally, b: &Tally) -> Ordering {
    let judged = |t: &Tally| u128::from(t.passed + t.failed);
    match (judged(a), judged(b)) {
        (0, 0) => Ordering::Equal,
        (0, _) => Ordering::Less,
        (_, 0) => Ordering::Greater,
        (ja, jb) => (u128::from(a.passed) * jb).cmp(&(u128::from(b.passed) * ja)),
    }
}

/// The committees among `sections`, best rate first; equal rates keep
/// preorder and share a rank.
pub fn rank_committees(sections: &[OrgSection]) -> Vec<Ranked> {
    let mut committees: Vec<usize> = (0..sections.len())
        .filter(|&s| sections[s].kind == SectionKind::Org(OrgKind::Committee))
        .collect();
    // Stable: equal rates keep preorder.
    committees.sort_by(|&a, &b| compare_rates(&sections[b].overall, &sections[a].overall));
    let mut ranked: Vec<Ranked> = Vec::with_capacity(committees.len());
    for (place, &section) in committees.iter().enumerate() {
        let tally = &sections[section].overall;
        let rank = tally.rate().map(|_| match ranked.last() {
            Some(prev) if compare_rates(&sections[prev.section].overall, tally).is_eq() => {
                prev.rank.unwrap_or(place + 1)
            }
            _ => place + 1,
        });
        ranked.push(Ranked { rank, section });
    }
    ranked
}

/// How many diagnostics there are of each code and severity, by code.
pub fn count_diagnostics(diagnostics: &[Diagnostic]) -> Vec<DiagnosticCount> {
    let mut counts: BTreeMap<(&str, Level), usize> = BTreeMap::new();
    for d in diagnostics {
        *counts.entry((d.code.as_str(), d.level)).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|((code, severity), count)| DiagnosticCount {
            code: code.to_string(),
            severity,
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(passed: u64, failed: u64, pending: u64) -> Tally {
        Tally {
            checked: passed + failed + pending,
            passed,
            failed,
            pending,
            ..Tally::default()
        }
    }

    #[test]
    fn percentages_leave_out_pending_and_never_round_to_perfect() {
        assert_eq!(percent(&tally(2, 1, 5)), "66.7%");
        assert_eq!(percent(&tally(9999, 1, 0)), "99.9%");
        assert_eq!(percent(&tally(1, 9999, 0)), "0.1%");
        assert_eq!(percent(&tally(3, 0, 0)), "100.0%");
        assert_eq!(percent(&tally(0, 3, 0)), "0.0%");
        assert_eq!(percent(&tally(0, 0, 4)), "—");
    }

    #[test]
    fn bands_are_cut_exactly_at_95_and_80_percent() {
        assert_eq!(Band::of(&tally(19, 1, 7)), Some(Band::High));
        assert_eq!(Band::of(&tally(1899, 101, 0)), Some(Band::Middle));
        assert_eq!(Band::of(&tally(4, 1, 0)), Some(Band::Middle));
        assert_eq!(Band::of(&tally(79, 21, 0)), Some(Band::Low));
        assert_eq!(Band::of(&tally(0, 0, 3)), None);
    }

    #[test]
    fn rates_compare_exactly_and_unjudged_come_last() {
        assert!(compare_rates(&tally(1, 2, 0), &tally(2, 4, 0)).is_eq());
        assert!(compare_rates(&tally(2, 1, 0), &tally(1, 1, 0)).is_gt());
        assert!(compare_rates(&tally(0, 0, 3), &tally(0, 5, 0)).is_lt());
    }
}
