//! The one engine behind every "at least N events per period" rule: the
//! built-in EDU03–05, SRV02 and RSP01–04, and a ledger's own `[[cadence]]`.

pub mod spec;

use std::borrow::Cow::{Borrowed, Owned};

use super::{Context, Finding, Meta, Outcomes, Rule, Subject, Unit};
use crate::calendar::{Per, Period};
use crate::lang::{Lang, count, plural};
use crate::ledger::Kind;
use crate::ledger::kinds::orgs::{OrgIdx, Orgs};
use crate::ledger::plan::LoadPlan;
use crate::ledger::vocabulary::display_name;
use crate::t;
pub use spec::{CadenceSpec, OrgSelector, builtin};

pub struct Cadence {
    spec: CadenceSpec,
    meta: Meta,
}

impl Cadence {
    pub fn new(spec: CadenceSpec) -> Cadence {
        let meta = Meta {
            code: Owned(spec.code.clone()),
            name: Owned(spec.name.clone()),
            title: Owned(if spec.title.is_empty() {
                // A ledger's own kind without a Chinese name is the
                // ledger's own word: quoted.
                let shown = display_name(Kind::Events, "kind", &spec.event, Lang::Zh);
                match shown == spec.event && shown.is_ascii() {
                    true => format!("“{shown}”"),
                    false => shown,
                }
            } else {
                spec.title.clone()
            }),
            cite: Owned(spec.cite.clone()),
            quote: Owned(spec.quote.clone()),
            explain: Owned(spec.explain.clone()),
            // A ledger's own rule explained in one language is shown in both.
            explain_zh: Owned(if spec.explain_zh.is_empty() {
                spec.explain.clone()
            } else {
                spec.explain_zh.clone()
            }),
            reads: Borrowed(&[Kind::Events]),
            // A member left out of the roll can change a branch's size.
            decides: if spec.orgs.min_members.is_some() {
                Borrowed(&[Kind::Members])
            } else {
                Borrowed(&[])
            },
            subject: Subject::Org,
            unit: Unit::Times,
        };
        Cadence { spec, meta }
    }
}

impl Rule for Cadence {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn requirement(&self, lang: Lang) -> String {
        let spec = &self.spec;
        let (n, title) = (spec.at_least, &self.meta.title);
        let event = display_name(Kind::Events, "kind", &spec.event, lang);
        let events = count(n, &event, &plural(&event));
        let orgs = describe(&spec.orgs, lang);
        let per = match (spec.per, lang) {
            (Per::Month, Lang::Zh) => "每月",
            (Per::Quarter, Lang::Zh) => "每季度",
            (Per::Year, Lang::Zh) => "每年",
            (Per::Month, Lang::En) => "a month",
            (Per::Quarter, Lang::En) => "a quarter",
            (Per::Year, Lang::En) => "a year",
        };
        t!(
            lang,
            "{orgs}{per}至少 {n} 次{title}",
            "{orgs} holds ≥ {events} {per}"
        )
    }

    fn needs(&self, plan: &mut LoadPlan) {
        plan.counted_events.insert(self.spec.event.clone());
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let (ledger, spec, lang) = (cx.ledger, &self.spec, cx.lang);
        let mut branch_members: Vec<Vec<u32>> = Vec::new();
        if spec.orgs.min_members.is_some() {
            branch_members = vec![Vec::new(); ledger.orgs.len()];
            for m in ledger.members.indices() {
                branch_members[ledger.members.member(m).org as usize].push(m);
            }
        }
        for org in ledger
            .orgs
            .indices()
            .filter(|&o| selects(&spec.orgs, &ledger.orgs, o))
        {
            let months = ledger.records.events.by_month(org, &spec.event);
            let mut unsure = false;
            for period in Period::all(spec.per, cx.year) {
                let Some(severity) = cx.judge(period) else {
                    break;
                };
                if let Some(min) = spec.orgs.min_members {
                    let last_day = period.end();
                    let active = branch_members[org as usize]
                        .iter()
                        .filter(|&&m| ledger.members.member(m).is_active_on(last_day))
                        .count();
                    if (active as u32) < min {
                        // A member left out of the roll could make it large enough.
                        let doubt = cx.doubts.of_org(Kind::Members, &ledger.orgs.org(org).id);
                        if !doubt.is_empty() && !unsure {
                            unsure = true;
                            out.unchecked_org(org, doubt);
                        }
                        continue;
                    }
                }
                let held: u32 = period.months().map(|m| months[m as usize - 1]).sum();
                let needed = spec.at_least;
                out.judge(Some(org), held >= needed, || {
                    let title = &self.meta.title;
                    let event = display_name(Kind::Events, "kind", &spec.event, lang);
                    let held_events = count(held, &event, &plural(&event));
                    let message = t!(
                        lang,
                        "{title}举行 {held} 次，应不少于 {needed} 次",
                        "{held_events} held, {needed} required"
                    );
                    Finding::new(severity, Some(org), period.label(), message)
                        .numbers(f64::from(needed), f64::from(held))
                        .at(ledger.orgs.org(org).loc)
                });
            }
        }
    }
}

/// Whether the selector picks the org: every condition given must hold.
pub fn selects(selector: &OrgSelector, orgs: &Orgs, org: OrgIdx) -> bool {
    let o = orgs.org(org);
    let is_root = orgs.root == Some(org);
    let sectors: &[_] = if selector.sector.is_empty() {
        std::slice::from_ref(&o.sector)
    } else {
        &selector.sector
    };
    (selector.kind.is_empty() || selector.kind.contains(&o.kind))
        && (selector.sector.is_empty() || selector.sector.contains(&o.sector))
        && selector.root.is_none_or(|root| root == is_root)
        && (!selector.topmost
            || o.parent
                .is_none_or(|p| !sectors.contains(&orgs.org(p).sector)))
}

fn describe(selector: &OrgSelector, lang: Lang) -> String {
    let kinds: Vec<_> = selector.kind.iter().map(|k| k.label(lang)).collect();
    let sectors: Vec<_> = selector.sector.iter().map(|s| s.label(lang)).collect();
    let separator = lang.pick("、", "/");
    let mut text = match (kinds.is_empty(), lang) {
        (true, Lang::Zh) => "组织".to_string(),
        (true, Lang::En) => "org".to_string(),
        (false, _) => kinds.join(separator),
    };
    if !sectors.is_empty() {
        let sectors = sectors.join(separator);
        text = t!(lang, "{sectors}{text}", "{sectors} {text}");
    }
    if selector.topmost {
        text = t!(lang, "上级不属同类单位的{text}", "topmost {text}");
    }
    text = match selector.root {
        Some(true) => t!(lang, "根组织（{text}）", "the root {text}"),
        Some(false) => t!(lang, "除根组织外的每个{text}", "each {text} but the root"),
        None => t!(lang, "每个{text}", "each {text}"),
    };
    if let Some(min) = selector.min_members {
        text = t!(
            lang,
            "{text}（期末在册党员 ≥ {min} 人）",
            "{text} with ≥ {min} members on the period's last day"
        );
    }
    text
}
