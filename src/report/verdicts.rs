//! What a check could and could not say, in words, for every format meant
//! for people: the rules skipped and why, the subjects not checked because
//! of input errors and where those errors are, and the summary line, which
//! never says that nothing was found while something was not checked.

use std::collections::BTreeMap;

use super::{Checked, Summary};
use crate::diag::Location;
use crate::engine::{Run, Skip, Status};
use crate::lang::{Lang, count, counted};
use crate::rules::Unchecked;
use crate::t;

/// The first line of a check with no findings: a plain "no shortfalls"
/// only when every rule ran on every subject without an input error.
pub fn no_findings_line(checked: &Checked<'_>) -> &'static str {
    let summary = Summary::of(checked);
    let complete = summary.errors == 0 && summary.unchecked == 0 && summary.skipped == 0;
    checked.lang.pick(
        if complete {
            "没有发现问题。"
        } else {
            "在已检查的范围内没有发现问题，但检查不完整（见下）。"
        },
        if complete {
            "No shortfalls found."
        } else {
            "No shortfalls among what was checked, but the check is incomplete (see below)."
        },
    )
}

/// One line for each rule that was not run, and why.
pub fn skipped_lines(run: &Run, lang: Lang) -> Vec<String> {
    run.rules
        .iter()
        .filter_map(|rule| match &rule.status {
            Status::Skipped(skip) => {
                let (code, name) = (&rule.meta.code, rule.meta.shown_name(lang));
                let reason = skip_reason(skip, lang);
                Some(t!(
                    lang,
                    "跳过 {code} {name}：{reason}",
                    "skipped {code} {name}: {reason}"
                ))
            }
            Status::Evaluated => None,
        })
        .collect()
}

pub fn skip_reason(skip: &Skip, lang: Lang) -> String {
    match skip {
        Skip::MissingKind(kind) => {
            let (name, title) = (kind.name(), kind.title(lang));
            t!(lang, "没有{title}台账（{name}.csv）", "no {name} ledger")
        }
        Skip::Ignored => t!(
            lang,
            "taizhang.toml 的 [rules] ignore 忽略了该规则",
            "ignored by [rules] in taizhang.toml"
        ),
        Skip::Unreadable { kind, at, error } => {
            let place = at.line_place().unwrap_or_else(|| kind.name().to_string());
            let (code, what) = (error.as_str(), error.description(lang));
            t!(
                lang,
                "{place} 无法读取（{code}：{what}），不按其余内容判定",
                "{place} could not be read ({code}: {what}); the rule is not judged on the rest"
            )
        }
    }
}

/// At most this many places are named in a line; the rest are counted.
const PLACES_SHOWN: usize = 5;

/// `members.csv:12、members.csv:40` (or `, ` in English), and how many more.
pub fn places(because: &[Location], lang: Lang) -> String {
    let mut shown: Vec<String> = because
        .iter()
        .take(PLACES_SHOWN)
        .map(|at| at.line_place().unwrap_or_else(|| "?".to_string()))
        .collect();
    if because.len() > PLACES_SHOWN {
        let more = because.len() - PLACES_SHOWN;
        shown.push(t!(lang, "等另 {more} 处", "and {more} more"));
    }
    shown.join(lang.pick("、", ", "))
}

/// The subjects not checked, by rule (those of every rule first).
fn by_rule(unchecked: &[Unchecked]) -> BTreeMap<Option<&str>, Vec<&Unchecked>> {
    let mut by_rule: BTreeMap<Option<&str>, Vec<&Unchecked>> = BTreeMap::new();
    for entry in unchecked {
        by_rule
            .entry(entry.rule.as_deref())
            .or_default()
            .push(entry);
    }
    by_rule
}

/// One line per rule (every rule first) for the subjects not checked:
/// "EDU02: 1 member not checked because of input errors: members.csv:7".
pub fn unchecked_lines(unchecked: &[Unchecked], lang: Lang) -> Vec<String> {
    by_rule(unchecked)
        .into_iter()
        .map(|(rule, entries)| {
            let who = subjects(&entries, lang);
            let mut because: Vec<Location> = entries
                .iter()
                .flat_map(|e| e.because.iter().cloned())
                .collect();
            because.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            because.dedup();
            let places = places(&because, lang);
            let rule = match rule {
                Some(code) => code.to_string(),
                None => lang.pick("所有规则", "every rule").to_string(),
            };
            t!(
                lang,
                "{rule}：{who}未检查，因为输入错误：{places}",
                "{rule}: {who} not checked because of input errors: {places}"
            )
        })
        .collect()
}

/// One line per rule (every rule first) for the subjects not checked, as
/// [`unchecked_lines`] but naming neither the subjects nor the places of
/// the errors: "EDU02: 1 member not checked because of input errors".
pub fn unchecked_counts(unchecked: &[Unchecked], lang: Lang) -> Vec<String> {
    by_rule(unchecked)
        .into_iter()
        .map(|(rule, entries)| {
            let who = subjects(&entries, lang);
            let rule = match rule {
                Some(code) => code.to_string(),
                None => lang.pick("所有规则", "every rule").to_string(),
            };
            t!(
                lang,
                "{rule}：{who}因输入错误未检查",
                "{rule}: {who} not checked because of input errors"
            )
        })
        .collect()
}

/// "3 members and 1 org" / "3 名党员、1 个组织".
fn subjects(entries: &[&Unchecked], lang: Lang) -> String {
    let members = entries.iter().filter(|e| e.member.is_some()).count();
    let records = entries
        .iter()
        .filter(|e| e.member.is_none() && e.record.is_some())
        .count();
    let orgs = entries
        .iter()
        .filter(|e| {
            e.member.is_none() && e.record.is_none() && (e.org.is_some() || e.org_id.is_some())
        })
        .count();
    let unnamed = entries.len() - members - records - orgs;
    let mut parts = Vec::new();
    let plural = |n: usize, one: &str, many: &str| count(n, one, many);
    if members > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{members} 名党员"),
            Lang::En => plural(members, "member", "members"),
        });
    }
    if orgs > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{orgs} 个组织"),
            Lang::En => plural(orgs, "org", "orgs"),
        });
    }
    if records > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{records} 条来访登记"),
            Lang::En => plural(records, "visit", "visits"),
        });
    }
    if unnamed > 0 {
        parts.push(match lang {
            Lang::Zh => format!("{unnamed} 处编号无法读取的对象"),
            Lang::En => plural(
                unnamed,
                "subject whose id could not be read",
                "subjects whose ids could not be read",
            ),
        });
    }
    parts.join(lang.pick("、", " and "))
}

pub fn summary_line(checked: &Checked<'_>) -> String {
    let Summary {
        violations,
        warnings,
        pending,
        uncertain,
        unchecked,
        errors,
        ..
    } = Summary::of(checked);
    let lang = checked.lang;
    let mut counts = match lang {
        Lang::Zh => format!("违规 {violations} 项，提醒 {warnings} 项，待完成 {pending} 项"),
        Lang::En => format!(
            "{}, {}, {pending} pending",
            counted(violations, "violation"),
            counted(warnings, "warning")
        ),
    };
    if uncertain > 0 {
        counts.push_str(&t!(
            lang,
            "，因部分输入未计入而不确定 {uncertain} 项",
            ", {uncertain} uncertain because some input was left out"
        ));
    }
    if unchecked > 0 {
        counts.push_str(&t!(
            lang,
            "，因输入错误未检查 {unchecked} 个对象",
            ", {unchecked} not checked because of input errors"
        ));
    }
    let errors_en = counted(errors, "error");
    counts.push_str(&t!(lang, "，错误 {errors} 个", ", {errors_en}"));
    let Some(run) = checked.run else {
        return counts;
    };
    let evaluated = run
        .rules
        .iter()
        .filter(|r| r.status == Status::Evaluated)
        .count();
    let skipped = run.rules.len() - evaluated;
    let (as_of, year) = (run.as_of, run.year);
    let rules = counted(evaluated, "rule");
    let line = t!(
        lang,
        "{counts}；评估规则 {evaluated} 条，跳过 {skipped} 条（{year} 年度，截至 {as_of}）",
        "{counts}; {rules} evaluated, {skipped} skipped (year {year}, as of {as_of})"
    );
    let Some(comparison) = checked.baseline else {
        return line;
    };
    let new = comparison.new.iter().filter(|&&n| n).count();
    let new_violations = comparison.new_violations(run);
    let (known, fixed) = (comparison.new.len() - new, comparison.fixed.len());
    let source = &comparison.source;
    let violations_en = counted(new_violations, "violation");
    t!(
        lang,
        "{line}\n与基线 {source} 相比：新增 {new} 项（其中违规 {new_violations} 项），已知 {known} 项，已消除 {fixed} 项",
        "{line}\nAgainst the baseline {source}: {new} new ({violations_en}), {known} known, {fixed} fixed"
    )
}

/// Says, on each diagnostic that left input out, what that did to the run:
/// the rules skipped, the findings made uncertain, the subjects not checked.
pub fn say_consequences(run: &Run, diagnostics: &mut [crate::diag::Diagnostic], lang: Lang) {
    use crate::diag::Scope;
    for diagnostic in diagnostics.iter_mut() {
        let Some(left_out) = &diagnostic.left_out else {
            continue;
        };
        let at = Location {
            column: None,
            width: None,
            ..diagnostic.location.clone()
        };
        let text = match left_out.scope {
            Scope::Cells { .. } => continue,
            Scope::File => {
                let skipped: Vec<&str> = run
                    .rules
                    .iter()
                    .filter(|rule| {
                        matches!(&rule.status, Status::Skipped(Skip::Unreadable { at: lost, .. }) if *lost == at)
                    })
                    .map(|rule| rule.meta.code.as_ref())
                    .collect();
                if skipped.is_empty() {
                    continue;
                }
                let codes = skipped.join(lang.pick("、", ", "));
                t!(
                    lang,
                    "因此跳过的规则：{codes}",
                    "rules skipped because of it: {codes}"
                )
            }
            Scope::Row(_) => {
                let mut uncertain: BTreeMap<&str, usize> = BTreeMap::new();
                for finding in run.findings.iter().filter(|f| f.because.contains(&at)) {
                    *uncertain.entry(finding.rule.as_str()).or_default() += 1;
                }
                let unchecked: Vec<&Unchecked> = run
                    .unchecked
                    .iter()
                    .filter(|u| u.because.contains(&at))
                    .collect();
                let mut parts = Vec::new();
                if !uncertain.is_empty() {
                    let list: Vec<String> = uncertain
                        .iter()
                        .map(|(rule, n)| match lang {
                            Lang::Zh => format!("{rule} {n} 项"),
                            Lang::En => counted(n, &format!("{rule} finding")),
                        })
                        .collect();
                    let list = list.join(lang.pick("、", ", "));
                    parts.push(t!(
                        lang,
                        "因此不确定的结论：{list}",
                        "findings uncertain because of it: {list}"
                    ));
                }
                if !unchecked.is_empty() {
                    let unchecked: Vec<Unchecked> = unchecked.into_iter().cloned().collect();
                    parts.push(unchecked_lines(&unchecked, lang).join(lang.pick("；", "; ")));
                }
                if parts.is_empty() {
                    t!(lang, "没有结论依赖这一行", "no verdict depends on this row")
                } else {
                    parts.join(lang.pick("；", "; "))
                }
            }
        };
        diagnostic.consequence = Some(text);
    }
}
