//! What makes two rules of one code the same rule: the settings each reads,
//! as `key → value` in the words of taizhang.toml. A merged report adds up
//! a rule's counts across ledgers only where these agree.

use std::collections::BTreeMap;

use super::BUILTIN;
use super::cadence::CadenceSpec;
use super::cadence::spec::OrgSelector;
use super::settings::{Setting, Ty, Values};

/// The settings of every rule in force, by code.
pub fn settings(
    values: &Values,
    cadence: &[CadenceSpec],
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut all = BTreeMap::new();
    for rule in BUILTIN {
        let settings = rule
            .settings
            .iter()
            .map(|setting| (setting.key.to_string(), value(values, setting)))
            .collect();
        all.insert(rule.meta.code.to_string(), settings);
    }
    for spec in cadence {
        let settings = [
            ("event", spec.event.clone()),
            ("orgs", selector(&spec.orgs)),
            ("at_least", spec.at_least.to_string()),
            ("per", spec.per.as_str().to_string()),
        ];
        all.insert(
            spec.code.clone(),
            settings
                .into_iter()
                .map(|(key, value)| (key.to_string(), value))
                .collect(),
        );
    }
    all
}

/// A setting's value in force, exactly (numbers unrounded).
fn value(values: &Values, setting: &Setting) -> String {
    match &setting.ty {
        Ty::Number { .. } => values.number(setting).to_string(),
        Ty::Count { .. } => values.count(setting).to_string(),
        Ty::Bool => values.flag(setting).to_string(),
        Ty::Pattern { .. } => values
            .pattern(setting)
            .map_or_else(|| "none".to_string(), |p| format!("'{}'", p.source)),
        Ty::Numbers { .. } => {
            let cells: Vec<String> = values
                .numbers(setting)
                .iter()
                .map(|(key, n)| format!("{key} = {n}"))
                .collect();
            format!("{{ {} }}", cells.join(", "))
        }
    }
}

/// An org selector as an inline table, its keys in a fixed order.
fn selector(orgs: &OrgSelector) -> String {
    let mut cells = Vec::new();
    if !orgs.kind.is_empty() {
        let kinds: Vec<String> = orgs
            .kind
            .iter()
            .map(|k| format!("\"{}\"", k.as_str()))
            .collect();
        cells.push(format!("kind = [{}]", kinds.join(", ")));
    }
    if !orgs.sector.is_empty() {
        let sectors: Vec<String> = orgs
            .sector
            .iter()
            .map(|s| format!("\"{}\"", s.as_str()))
            .collect();
        cells.push(format!("sector = [{}]", sectors.join(", ")));
    }
    if orgs.topmost {
        cells.push("topmost = true".to_string());
    }
    if let Some(root) = orgs.root {
        cells.push(format!("root = {root}"));
    }
    if let Some(min) = orgs.min_members {
        cells.push(format!("min_members = {min}"));
    }
    format!("{{ {} }}", cells.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cadence;

    #[test]
    fn every_rule_has_its_settings_and_a_tuned_number_shows() {
        let defaults = settings(&Values::default(), &cadence::builtin());
        let rules = crate::rules::registry(
            &Values::default(),
            &crate::calendar::Calendar::default(),
            &cadence::builtin(),
        );
        for rule in &rules {
            assert!(defaults.contains_key(rule.meta().code.as_ref()));
        }
        let edu01 = &defaults["EDU01"];
        assert_eq!(
            edu01["study_days"],
            "{ agency = 12, default = 6, institution = 12 }"
        );
        let mut tuned = cadence::builtin();
        let edu03 = tuned.iter_mut().find(|c| c.code == "EDU03").unwrap();
        edu03.at_least = 2;
        let tuned = settings(&Values::default(), &tuned);
        assert_ne!(tuned["EDU03"], defaults["EDU03"]);
        assert_eq!(tuned["EDU05"], defaults["EDU05"]);
        assert_eq!(
            defaults["EDU04"]["orgs"],
            "{ kind = [\"branch\"], min_members = 7 }"
        );
    }
}
