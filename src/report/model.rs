//! The one model of the year-end report that every `report` renderer reads,
//! so the numbers agree in every format: each rule's tallies rolled up the
//! org tree, the committees ranked by rate, the findings under their orgs,
//! and the month-by-member grids of the rules that draw one (contacts with
//! mobile members).
//!
//! The compliance rate is passed / (passed + failed): pending subjects,
//! whose period has not ended by as-of, are not judged yet and left out.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::{Checked, Summary};
use crate::engine::{Run, Status};
use crate::lang::Lang;
use crate::ledger::Ledger;
use crate::ledger::kinds::orgs::{OrgIdx, OrgKind};
use crate::rules::{Finding, Grid, Mark, Tally, Unit, num};
use crate::t;

pub struct Report<'a> {
    pub ledger: &'a Ledger,
    pub lang: Lang,
    /// `ledger.name` of taizhang.toml.
    pub ledger_name: Option<&'a str>,
    /// The ledger directory as the user gave it.
    pub ledger_path: String,
    pub year: i32,
    pub as_of: NaiveDate,
    /// Every rule in force, by code, with its tally over the whole report.
    pub rules: Vec<RuleLine<'a>>,
    /// The org the report covers (`--org`, else the root) and every org
    /// below it, in preorder: the first is the whole report.
    pub orgs: Vec<OrgSection<'a>>,
    /// The committees among `orgs`, best rate first.
    pub committees: Vec<Ranked>,
    /// The month grids of the rules that draw one.
    pub grids: Vec<GridView<'a>>,
    /// The rules skipped and the subjects not checked, in words: empty when
    /// every rule ran on every subject.
    pub incomplete: Vec<String>,
    /// The subjects not checked, as the run lists them.
    pub unchecked: &'a [crate::rules::Unchecked],
    pub summary: Summary,
    /// Members on the roll on at least one day of the year, in the orgs covered.
    pub members: usize,
}

pub struct RuleLine<'a> {
    pub code: &'a str,
    /// The kebab-case English name.
    pub name: &'a str,
    /// The Chinese name.
    pub title: &'a str,
    pub unit: Unit,
    /// What must hold, with the numbers of this ledger's policy.
    pub requirement: &'a str,
    /// Why the rule was not run; `None` when it was.
    pub skipped: Option<String>,
    pub tally: Tally,
}

impl RuleLine<'_> {
    /// The rule's name in the report's language.
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(self.title, self.name)
    }
}

pub struct OrgSection<'a> {
    pub org: OrgIdx,
    pub id: &'a str,
    pub name: &'a str,
    pub kind: OrgKind,
    /// Levels below the first section.
    pub depth: usize,
    /// All rules together over the org's subtree.
    pub overall: Tally,
    /// Each rule with subjects in the org's subtree (index into
    /// [`Report::rules`]) and its tally there.
    pub rules: Vec<(usize, Tally)>,
    /// The findings whose org is this org itself, in output order; those of
    /// orgs below are in their own sections. The first section also has the
    /// findings without an org.
    pub findings: Vec<&'a Finding>,
}

/// A committee's place in the ranking: `rank` is shared by equal rates
/// ("1, 2, 2, 4") and `None` when nothing of it was judged yet.
pub struct Ranked {
    pub rank: Option<usize>,
    /// Index into [`Report::orgs`].
    pub section: usize,
}

/// A rule's month-by-member grid: how the rule shows it, and its rows.
pub struct GridView<'a> {
    pub code: &'a str,
    pub grid: &'a Grid,
    pub state: GridState<'a>,
}

pub enum GridState<'a> {
    Rows(Vec<GridLine<'a>>),
    /// The rule was not run, for this reason.
    Skipped(String),
}

pub struct GridLine<'a> {
    pub member: &'a str,
    pub name: &'a str,
    pub org: &'a str,
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

impl<'a> Report<'a> {
    /// The report of a run. `scope` is the org of `--org`.
    pub fn build(
        checked: &Checked<'a>,
        ledger: &'a Ledger,
        run: &'a Run,
        ledger_name: Option<&'a str>,
        scope: Option<OrgIdx>,
    ) -> Report<'a> {
        let lang = checked.lang;
        let orgs = &ledger.orgs;
        let top = scope.or(orgs.root);
        let mut sections: Vec<OrgSection<'a>> = Vec::new();
        // The section of each org covered, by org index.
        let mut section_of: Vec<Option<usize>> = vec![None; orgs.len()];
        if let Some(top) = top {
            for o in orgs.in_preorder() {
                if !orgs.is_within(o, top) {
                    continue;
                }
                let org = orgs.org(o);
                section_of[o as usize] = Some(sections.len());
                sections.push(OrgSection {
                    org: o,
                    id: &org.id,
                    name: &org.name,
                    kind: org.kind,
                    depth: orgs.ancestors(o).take_while(|&a| a != top).count(),
                    overall: Tally::default(),
                    rules: Vec::new(),
                    findings: Vec::new(),
                });
            }
        }
        // A subject without an org (an incoming member whose org does not
        // exist) is the county's to settle: it counts for the first section.
        let section_chain = |org: Option<OrgIdx>| -> Vec<usize> {
            match org {
                Some(o) => orgs
                    .ancestors(o)
                    .filter_map(|a| section_of[a as usize])
                    .collect(),
                None => top.map(|_| 0).into_iter().collect(),
            }
        };
        let mut rules = Vec::with_capacity(run.rules.len());
        for (index, rule) in run.rules.iter().enumerate() {
            let mut tallies = vec![Tally::default(); sections.len()];
            for (org, tally) in &rule.by_org {
                for s in section_chain(*org) {
                    tallies[s].add(tally);
                }
            }
            for (section, tally) in sections.iter_mut().zip(&tallies) {
                if tally.checked > 0 {
                    section.overall.add(tally);
                    section.rules.push((index, *tally));
                }
            }
            rules.push(RuleLine {
                code: &rule.meta.code,
                name: &rule.meta.name,
                title: &rule.meta.title,
                unit: rule.meta.unit,
                requirement: &rule.requirement,
                skipped: match &rule.status {
                    Status::Evaluated => None,
                    Status::Skipped(skip) => Some(super::verdicts::skip_reason(skip, lang)),
                },
                tally: tallies.first().copied().unwrap_or(rule.total),
            });
        }
        for finding in &run.findings {
            let own = match finding.org {
                Some(o) => section_of[o as usize],
                None => top.map(|_| 0),
            };
            if let Some(s) = own {
                sections[s].findings.push(finding);
            }
        }
        Report {
            ledger,
            lang,
            ledger_name,
            ledger_path: checked.ledger_path.clone(),
            year: run.year,
            as_of: run.as_of,
            committees: rank_committees(&sections),
            grids: grids(ledger, run, &section_of, lang),
            incomplete: super::verdicts::skipped_lines(run, lang)
                .into_iter()
                .chain(super::verdicts::unchecked_lines(&run.unchecked, lang))
                .collect(),
            unchecked: &run.unchecked,
            summary: Summary::of(checked),
            members: run.members,
            rules,
            orgs: sections,
        }
    }

    /// The tally of the whole report: all rules over the first section.
    pub fn overall(&self) -> Tally {
        self.orgs.first().map(|s| s.overall).unwrap_or_default()
    }

    pub fn evaluated(&self) -> usize {
        self.rules.iter().filter(|r| r.skipped.is_none()).count()
    }

    /// The parent of a section's org, when it is covered too.
    pub fn parent(&self, section: &OrgSection<'_>) -> Option<&OrgSection<'a>> {
        let parent = self.ledger.orgs.org(section.org).parent?;
        self.orgs.iter().find(|s| s.org == parent)
    }

    /// The overall rate and the counts behind it.
    pub fn overall_line(&self) -> (&'static str, String) {
        let lang = self.lang;
        let tally = self.overall();
        let rate = percent(&tally);
        let counts = counts_in_words(&tally, lang);
        (
            lang.pick("综合合规率", "Overall rate"),
            t!(lang, "{rate}（{counts}）", "{rate} ({counts})"),
        )
    }

    /// The facts of the first page besides the rate, as label and value.
    pub fn headline(&self) -> Vec<(&'static str, String)> {
        let lang = self.lang;
        let scope = match self.orgs.first() {
            Some(top) => {
                let (orgs, members) = (self.orgs.len(), self.members);
                t!(
                    lang,
                    "{} {}（组织 {orgs} 个，年内在册党员 {members} 名）",
                    "{} {} ({orgs} orgs, {members} members on the roll in the year)",
                    top.id,
                    top.name
                )
            }
            None => lang.pick("（没有组织）", "(no orgs)").to_string(),
        };
        let (evaluated, skipped) = (self.evaluated(), self.rules.len() - self.evaluated());
        let Summary {
            violations,
            warnings,
            pending: pending_findings,
            uncertain,
            unchecked,
            errors,
            ..
        } = self.summary;
        let mut found = t!(
            lang,
            "违规 {violations} 项，提醒 {warnings} 项，待完成 {pending_findings} 项",
            "{violations} violations, {warnings} warnings, {pending_findings} pending"
        );
        if uncertain > 0 {
            found.push_str(&t!(
                lang,
                "，因部分输入未计入而不确定 {uncertain} 项",
                ", {uncertain} uncertain because some input was left out"
            ));
        }
        if unchecked > 0 {
            found.push_str(&t!(
                lang,
                "，因输入错误未检查 {unchecked} 个对象",
                ", {unchecked} subjects not checked because of input errors"
            ));
        }
        found.push_str(&t!(
            lang,
            "，输入错误 {errors} 个",
            ", {errors} input errors"
        ));
        vec![
            (lang.pick("台账", "Ledger"), self.ledger_path.clone()),
            (lang.pick("年度", "Year"), self.year.to_string()),
            (lang.pick("截至", "As of"), self.as_of.to_string()),
            (lang.pick("范围", "Scope"), scope),
            (
                lang.pick("规则", "Rules"),
                t!(
                    lang,
                    "评估 {evaluated} 条，跳过 {skipped} 条",
                    "{evaluated} evaluated, {skipped} skipped"
                ),
            ),
            (lang.pick("发现", "Found"), found),
        ]
    }

    pub fn rule(&self, code: &str) -> Option<&RuleLine<'a>> {
        self.rules.iter().find(|r| r.code == code)
    }

    /// `9.5 / 12 天`: what a finding's subject has against what it needs.
    pub fn amounts(&self, finding: &Finding) -> String {
        let (Some(expected), Some(actual)) = (finding.expected, finding.actual) else {
            return String::new();
        };
        let unit = self
            .rule(&finding.rule)
            .map_or("", |r| r.unit.label(self.lang));
        format!("{} / {} {unit}", num(actual), num(expected))
            .trim_end()
            .to_string()
    }

    /// `M0001 张三`, or the bare id of an incoming member, or nothing.
    pub fn member(&self, finding: &Finding) -> String {
        super::member_label(self.ledger, finding.member.as_deref())
    }

    /// The period, with the record (a visit's id) when there is one.
    pub fn period(finding: &Finding) -> String {
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

/// How the report counts, in words, for the report itself.
pub fn rate_definition(lang: Lang) -> &'static str {
    lang.pick(
        "合规率 = 通过 ÷（通过 + 未通过）。待完成的对象（期间在截止日尚未结束）不计入。每个组织的数字汇总其下属全部组织；综合合规率把各规则的对象合在一起计算。",
        "Compliance rate = passed ÷ (passed + failed). Pending subjects (whose period has not ended by the as-of date) are left out. Each org's numbers include every org below it; the overall rate pools the subjects of all rules.",
    )
}

pub fn kind_label(kind: OrgKind, lang: Lang) -> &'static str {
    match kind {
        OrgKind::County => lang.pick("县委", "county committee"),
        OrgKind::Committee => lang.pick("党委", "committee"),
        OrgKind::GeneralBranch => lang.pick("党总支", "general branch"),
        OrgKind::Branch => lang.pick("党支部", "branch"),
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

fn rank_committees(sections: &[OrgSection<'_>]) -> Vec<Ranked> {
    let mut committees: Vec<usize> = (0..sections.len())
        .filter(|&s| sections[s].kind == OrgKind::Committee)
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

fn grids<'a>(
    ledger: &'a Ledger,
    run: &'a Run,
    section_of: &[Option<usize>],
    lang: Lang,
) -> Vec<GridView<'a>> {
    let mut views = Vec::new();
    for rule in &run.rules {
        let Some((grid, rows)) = &rule.grid else {
            continue;
        };
        let code = rule.meta.code.as_ref();
        let state = match &rule.status {
            Status::Skipped(skip) => {
                let reason = super::verdicts::skip_reason(skip, lang);
                GridState::Skipped(t!(
                    lang,
                    "{code} 未运行：{reason}",
                    "{code} was not run: {reason}"
                ))
            }
            Status::Evaluated => {
                let mut lines: Vec<(usize, GridLine<'a>)> = rows
                    .iter()
                    .filter_map(|row| {
                        let section = section_of[row.org as usize]?;
                        let member = ledger.members.member(row.member);
                        Some((
                            section,
                            GridLine {
                                member: &member.id,
                                name: &member.name,
                                org: &ledger.orgs.org(row.org).id,
                                months: row.months,
                            },
                        ))
                    })
                    .collect();
                lines.sort_by(|a, b| (a.0, a.1.member).cmp(&(b.0, b.1.member)));
                GridState::Rows(lines.into_iter().map(|(_, line)| line).collect())
            }
        };
        views.push(GridView { code, grid, state });
    }
    views
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
    fn rates_compare_exactly_and_unjudged_come_last() {
        assert!(compare_rates(&tally(1, 2, 0), &tally(2, 4, 0)).is_eq());
        assert!(compare_rates(&tally(2, 1, 0), &tally(1, 1, 0)).is_gt());
        assert!(compare_rates(&tally(0, 0, 3), &tally(0, 5, 0)).is_lt());
    }
}
