//! `report --merge`: the report JSONs of several ledgers (full or
//! aggregate, themselves merged or not) as one report, for a city from its
//! counties, a province from its cities. The new top level is named by
//! `--name`; each input's top org is a child of it, and the ids below are
//! qualified by that top org's (`C01/B01`) so that they stay apart. Counts
//! are added up exactly; a rule that differs between inputs (by its name or
//! settings) is kept as one line per version, never added across. Inputs
//! of different years or as-of dates are refused. The merged report has
//! counts only, as an aggregate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveDate;

use super::Summary;
use super::input::{InputCounts, InputReport};
use super::model::{
    DiagnosticCount, FallingShort, Input, OrgSection, Report, RuleLine, SectionKind,
    rank_committees,
};
use crate::diag::{Code, Diagnostic, Level, Location};
use crate::lang::Lang;
use crate::rules::{Tally, Unit};
use crate::t;

/// A report JSON read from `path` (shown as `shown`).
pub fn read(path: &Path, shown: &str, lang: Lang) -> Result<InputReport, Box<Diagnostic>> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        let error = crate::text::files::io_reason(&error, lang);
        Box::new(
            Diagnostic::error(
                Code::MergeInput,
                t!(
                    lang,
                    "无法读取 {shown}：{error}",
                    "cannot read {shown}: {error}"
                ),
            )
            .at(Location::file(shown)),
        )
    })?;
    let text = text.trim_start_matches('\u{FEFF}');
    serde_json::from_str(text).map_err(|error| {
        let detail = crate::text::parse_errors::json(&error, lang);
        Box::new(
            Diagnostic::error(
                Code::MergeInput,
                t!(
                    lang,
                    "{shown} 不是 taizhang report --format json 写出的报告：{detail}",
                    "{shown} is not a report that taizhang report --format json wrote: {detail}"
                ),
            )
            .at(Location {
                file: Some(shown.to_string()),
                sheet: None,
                line: u32::try_from(error.line()).ok().filter(|&l| l > 0),
                column: u32::try_from(error.column()).ok().filter(|&c| c > 0),
                width: None,
            }),
        )
    })
}

/// One input as the merge uses it.
struct Part<'a> {
    file: &'a str,
    report: &'a InputReport,
    /// Its top org's id.
    root: &'a str,
}

/// The inputs as one report named `name`; `Err` with every reason the
/// inputs cannot be merged.
pub fn merge(
    inputs: &[(String, InputReport)],
    name: &str,
    lang: Lang,
) -> Result<Report, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut parts = Vec::new();
    for (file, report) in inputs {
        match check(file, report, lang) {
            Ok(root) => parts.push(Part { file, report, root }),
            Err(diagnostic) => problems.push(*diagnostic),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (year, as_of) = same_period(&parts, lang)?;
    distinct_roots(&parts, name, lang)?;
    parts.sort_by(|a, b| a.root.cmp(b.root));
    let groups = group_rules(&parts);
    let rules: Vec<RuleLine> = groups.iter().map(|g| rule_line(g, &parts, lang)).collect();
    // The group of each input's rule lines, by input and line.
    let mut group_of: Vec<Vec<usize>> = parts
        .iter()
        .map(|p| vec![0; p.report.rules.len()])
        .collect();
    for (g, group) in groups.iter().enumerate() {
        for &(part, line) in &group.lines {
            group_of[part][line] = g;
        }
    }
    let mut sections = vec![OrgSection {
        id: name.to_string(),
        name: name.to_string(),
        kind: SectionKind::Combined,
        parent: None,
        depth: 0,
        overall: Tally::default(),
        rules: Vec::new(),
        findings: Vec::new(),
    }];
    for (g, rule) in rules.iter().enumerate() {
        if rule.tally.checked > 0 {
            sections[0].overall.add(&rule.tally);
            sections[0].rules.push((g, rule.tally));
        }
    }
    for (p, part) in parts.iter().enumerate() {
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for org in &part.report.orgs {
            let parent = match &org.parent {
                Some(parent) => index.get(parent.as_str()).copied(),
                None => Some(0),
            };
            index.insert(&org.id, sections.len());
            let mut rules: Vec<(usize, Tally)> = org
                .rules
                .iter()
                .filter_map(|entry| {
                    let line = line_of(part.report, &entry.rule, entry.variant)?;
                    Some((group_of[p][line], entry.counts.tally()))
                })
                .collect();
            rules.sort_by_key(|&(g, _)| g);
            sections.push(OrgSection {
                id: qualify(part.root, &org.id),
                name: org.name.clone(),
                kind: SectionKind::parse(&org.kind).unwrap_or(SectionKind::Combined),
                parent,
                depth: org.depth + 1,
                overall: org.overall.tally(),
                rules,
                findings: Vec::new(),
            });
        }
    }
    let mut summary = Summary::default();
    // Added up: the inputs' members and orgs are never the same ones.
    let mut falling_short = Some(FallingShort::default());
    let mut members = 0;
    let mut counts: BTreeMap<(String, Level), usize> = BTreeMap::new();
    let mut grids = BTreeSet::new();
    for part in &parts {
        let s = &part.report.summary;
        summary.violations += s.violations;
        summary.warnings += s.warnings;
        summary.pending += s.pending;
        summary.uncertain += s.uncertain;
        summary.unchecked += s.unchecked;
        summary.errors += s.errors;
        members += part.report.counts.members;
        falling_short = match (falling_short, &part.report.falling_short) {
            (Some(sum), Some(more)) => Some(FallingShort {
                members: sum.members + more.members,
                orgs: sum.orgs + more.orgs,
            }),
            _ => None,
        };
        for (code, severity, n) in part.report.diagnostic_counts() {
            let level = match severity.as_str() {
                "warning" => Level::Warning,
                _ => Level::Error,
            };
            *counts.entry((code, level)).or_default() += n;
        }
        grids.extend(part.report.grid_keys().map(str::to_string));
    }
    summary.skipped = rules.iter().filter(|r| r.skipped.is_some()).count();
    Ok(Report {
        lang,
        ledger_name: Some(name.to_string()),
        ledger_path: name.to_string(),
        ledger_dir: None,
        year,
        as_of,
        aggregate: true,
        inputs: parts
            .iter()
            .map(|part| Input {
                file: part.file.to_string(),
                ledger: part.report.ledger.clone(),
                ledger_name: part.report.ledger_name.clone(),
                org: part.root.to_string(),
                aggregate: part.report.aggregate,
            })
            .collect(),
        committees: rank_committees(&sections),
        grids: Vec::new(),
        withheld_grids: grids.into_iter().collect(),
        incomplete: incomplete(&rules, lang),
        unchecked: Vec::new(),
        summary,
        falling_short,
        members,
        diagnostics: Vec::new(),
        diagnostic_counts: counts
            .into_iter()
            .map(|((code, severity), count)| DiagnosticCount {
                code,
                severity,
                count,
            })
            .collect(),
        rules,
        orgs: sections,
    })
}

/// An org's id in the merged report: the input's top org keeps its own,
/// every org below it is qualified by it.
fn qualify(root: &str, id: &str) -> String {
    if id == root {
        id.to_string()
    } else {
        format!("{root}/{id}")
    }
}

/// The line of a rule code and version in an input's rules.
fn line_of(report: &InputReport, code: &str, variant: Option<usize>) -> Option<usize> {
    report
        .rules
        .iter()
        .position(|r| r.code == code && r.variant == variant)
}

/// An input that holds together: its top org, whose org tree is given
/// parents first and whose org rules are among its rules.
fn check<'a>(file: &str, report: &'a InputReport, lang: Lang) -> Result<&'a str, Box<Diagnostic>> {
    let problem = |what: String| {
        Box::new(
            Diagnostic::error(
                Code::MergeInput,
                t!(
                    lang,
                    "{file} 无法合并：{what}",
                    "{file} cannot be merged: {what}"
                ),
            )
            .at(Location::file(file)),
        )
    };
    let known = u64::from(super::json::SCHEMA);
    if let Some(schema) = report.schema.filter(|&schema| schema > known) {
        return Err(problem(t!(
            lang,
            "它的文档版本（schema）是 {schema}，新于本程序能读的 {known}：请用新版 taizhang 合并",
            "it is of schema {schema}, newer than the {known} this taizhang reads: merge it with a newer taizhang"
        )));
    }
    if NaiveDate::parse_from_str(&report.as_of, "%Y-%m-%d").is_err() {
        let as_of = &report.as_of;
        return Err(problem(t!(
            lang,
            "“as_of”的值“{as_of}”不是日期",
            "as_of \"{as_of}\" is not a date"
        )));
    }
    let Some(root) = report.org.as_deref() else {
        return Err(problem(
            lang.pick("报告没有组织", "the report has no orgs")
                .to_string(),
        ));
    };
    if report.orgs.first().is_none_or(|top| top.id != root) {
        return Err(problem(t!(
            lang,
            "orgs 的第一项不是顶层组织 {root}",
            "the first of orgs is not the top org {root}"
        )));
    }
    let mut seen = BTreeSet::new();
    for org in &report.orgs {
        let id = &org.id;
        if let Some(parent) = &org.parent
            && !seen.contains(parent.as_str())
        {
            return Err(problem(t!(
                lang,
                "组织 {id} 的上级 {parent} 不在它之前",
                "the parent {parent} of the org {id} is not before it"
            )));
        }
        if SectionKind::parse(&org.kind).is_none() {
            let kind = &org.kind;
            return Err(problem(t!(
                lang,
                "组织 {id} 的类型“{kind}”不认识",
                "the org {id} is of an unknown kind \"{kind}\""
            )));
        }
        for entry in &org.rules {
            if line_of(report, &entry.rule, entry.variant).is_none() {
                let rule = &entry.rule;
                return Err(problem(t!(
                    lang,
                    "组织 {id} 的规则 {rule} 不在 rules 中",
                    "the rule {rule} of the org {id} is not among the rules"
                )));
            }
        }
        seen.insert(id.as_str());
    }
    Ok(root)
}

/// The year and as-of date of every input, which must be the same.
fn same_period(parts: &[Part<'_>], lang: Lang) -> Result<(i32, NaiveDate), Vec<Diagnostic>> {
    let first = &parts[0];
    let (year, as_of) = (first.report.year, first.report.as_of.as_str());
    let (first_file, mut problems) = (first.file, Vec::new());
    for part in &parts[1..] {
        let (file, other_year, other_as_of) =
            (part.file, part.report.year, part.report.as_of.as_str());
        if other_year != year || other_as_of != as_of {
            problems.push(
                Diagnostic::error(
                    Code::MergeMismatch,
                    t!(
                        lang,
                        "{file} 是 {other_year} 年度、截至 {other_as_of} 的报告，而 {first_file} 是 {year} 年度、截至 {as_of}：只能合并同一年度、同一截止日期的报告",
                        "{file} is a report for {other_year} as of {other_as_of}, {first_file} one for {year} as of {as_of}: only reports of one year and as-of date can be merged"
                    ),
                )
                .at(Location::file(file))
                .found(format!("{other_year}, {other_as_of}"))
                .expected(format!("{year}, {as_of}"))
                .hint(Code::MergeMismatch.entry().fix(lang)),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let as_of = NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("checked");
    Ok((year, as_of))
}

/// No two inputs with one top org, and none with the merged report's name.
fn distinct_roots(parts: &[Part<'_>], name: &str, lang: Lang) -> Result<(), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let (file, root) = (part.file, part.root);
        let twin = parts[..i].iter().find(|other| other.root == root);
        // A county given beside the city report that has it already.
        let within = parts.iter().find(|other| {
            other
                .report
                .inputs
                .iter()
                .flatten()
                .any(|input| input.org == root)
        });
        let message = match twin {
            Some(other) => {
                let other = other.file;
                t!(
                    lang,
                    "{file} 与 {other} 的顶层组织都是 {root}：同一份报告给了两次，或两个单位用了同一个编号",
                    "{file} and {other} both have the top org {root}: one report given twice, or two ledgers with one id"
                )
            }
            None if within.is_some() => {
                let other = within.map_or("", |other| other.file);
                t!(
                    lang,
                    "{file} 的 {root} 已经合并在 {other} 中，不能再计一次",
                    "{root} of {file} is merged in {other} already; it cannot count twice"
                )
            }
            None if root == name => t!(
                lang,
                "{file} 的顶层组织 {root} 与合并报告的名称（--name）相同",
                "the top org {root} of {file} has the merged report's name (--name)"
            ),
            None => continue,
        };
        problems.push(
            Diagnostic::error(Code::MergeDuplicate, message)
                .at(Location::file(file))
                .found(root),
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// One rule as the inputs have it: those of its lines that agree.
struct Group<'a> {
    code: &'a str,
    /// Its version among the groups of its code, when there are several.
    variant: Option<usize>,
    /// The input and line of each report that has it.
    lines: Vec<(usize, usize)>,
}

/// What makes two lines one rule: the code, the name, and the settings (or,
/// in a report that has none, the requirement).
fn identity(rule: &super::input::InputRule) -> (String, String, String) {
    let settings = match &rule.settings {
        Some(settings) => format!("{settings:?}"),
        None => format!("requirement: {}", rule.requirement),
    };
    (rule.code.clone(), rule.name.clone(), settings)
}

fn group_rules<'a>(parts: &[Part<'a>]) -> Vec<Group<'a>> {
    let mut groups: Vec<(Group<'a>, (String, String, String))> = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        for (l, rule) in part.report.rules.iter().enumerate() {
            let key = identity(rule);
            match groups.iter_mut().find(|(_, k)| *k == key) {
                Some((group, _)) => group.lines.push((p, l)),
                None => groups.push((
                    Group {
                        code: &rule.code,
                        variant: None,
                        lines: vec![(p, l)],
                    },
                    key,
                )),
            }
        }
    }
    // By code; the versions of one code in the order the inputs give them.
    groups.sort_by(|a, b| a.0.code.cmp(b.0.code));
    let mut groups: Vec<Group<'a>> = groups.into_iter().map(|(g, _)| g).collect();
    let mut start = 0;
    while start < groups.len() {
        let code = groups[start].code;
        let end = start
            + groups[start..]
                .iter()
                .take_while(|g| g.code == code)
                .count();
        if end - start > 1 {
            for (n, group) in groups[start..end].iter_mut().enumerate() {
                group.variant = Some(n + 1);
            }
        }
        start = end;
    }
    groups
}

fn unit(name: Option<&str>) -> Unit {
    match name {
        Some("days") => Unit::Days,
        Some("chars") => Unit::Chars,
        Some("times") => Unit::Times,
        _ => Unit::None,
    }
}

/// A group's line: the counts of its inputs added up, and where it did not run.
fn rule_line(group: &Group<'_>, parts: &[Part<'_>], lang: Lang) -> RuleLine {
    let (first_part, first_line) = group.lines[0];
    let first = &parts[first_part].report.rules[first_line];
    let mut tally = Tally::default();
    let mut ran = 0;
    // Each reason once, with the inputs it holds for.
    let mut not_run: Vec<(&str, Vec<&str>)> = Vec::new();
    for &(p, l) in &group.lines {
        let rule = &parts[p].report.rules[l];
        tally.add(&InputCounts::tally(rule.counts));
        if rule.status == "evaluated" {
            ran += 1;
        }
        if let Some(reason) = &rule.reason {
            match not_run.iter_mut().find(|(r, _)| r == reason) {
                Some((_, roots)) => roots.push(parts[p].root),
                None => not_run.push((reason, vec![parts[p].root])),
            }
        }
    }
    let reasons = (!not_run.is_empty()).then(|| {
        not_run
            .iter()
            .map(|(reason, roots)| {
                let roots = roots.join(lang.pick("、", ", "));
                t!(lang, "{roots}：{reason}", "{roots}: {reason}")
            })
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; "))
    });
    RuleLine {
        code: first.code.clone(),
        name: first.name.clone(),
        title: first.title.clone(),
        unit: unit(first.unit.as_deref()),
        requirement: first.requirement.clone(),
        skipped: if ran == 0 { reasons.clone() } else { None },
        partly: if ran > 0 { reasons } else { None },
        tally,
        settings: first.settings.clone().unwrap_or_default(),
        variant: group.variant,
        applies_to: Some(
            group
                .lines
                .iter()
                .map(|&(p, _)| parts[p].root.to_string())
                .collect(),
        ),
    }
}

/// The rules that did not run everywhere and the subjects not checked, in words.
fn incomplete(rules: &[RuleLine], lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    for rule in rules {
        let (code, name) = (rule.shown_code(lang), rule.label(lang));
        if let Some(reason) = &rule.skipped {
            lines.push(t!(
                lang,
                "跳过 {code} {name}：{reason}",
                "skipped {code} {name}: {reason}"
            ));
        }
        if let Some(reason) = &rule.partly {
            lines.push(t!(
                lang,
                "{code} {name} 在部分单位未运行：{reason}",
                "{code} {name} did not run everywhere: {reason}"
            ));
        }
    }
    for rule in rules.iter().filter(|r| r.tally.unchecked > 0) {
        let (code, n) = (rule.shown_code(lang), rule.tally.unchecked);
        let subjects = crate::lang::counted(n, "subject");
        lines.push(t!(
            lang,
            "{code}：{n} 个对象因输入错误未检查",
            "{code}: {subjects} not checked because of input errors"
        ));
    }
    lines
}
