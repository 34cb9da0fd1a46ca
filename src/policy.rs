//! `taizhang.toml` → [`Policy`]: every number of the rule catalogue, the
//! calendar, ignored rules and the cadence rules. Each bad setting is a
//! diagnostic at its line; a bad setting keeps its default.

use std::path::Path;

use regex::Regex;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::calendar::{Calendar, Per};
use crate::diag::{Code, Diagnostic, Diags};
use crate::ledger::columns::Choice;
use crate::ledger::kinds::orgs::{OrgKind, Sector};
use crate::t;
use crate::text::files;
use crate::text::lines::LineIndex;
use crate::text::toml::{self as toml_text, TableReader as Cx};

pub const POLICY_FILE: &str = "taizhang.toml";

/// Which orgs a cadence rule applies to. Every condition given must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrgSelector {
    pub kind: Vec<OrgKind>,
    pub sector: Vec<Sector>,
    /// Only orgs whose parent is not of a selected sector (the topmost org
    /// of each unit).
    pub topmost: bool,
    /// `Some(true)`: the root only; `Some(false)`: every org but the root.
    pub root: Option<bool>,
    /// Only orgs with at least this many members on the period's last day.
    pub min_members: Option<u32>,
}

/// One "at least N events of a kind per period" rule.
#[derive(Clone, Debug, PartialEq)]
pub struct CadenceSpec {
    pub code: String,
    pub name: String,
    pub title: String,
    pub event: String,
    pub orgs: OrgSelector,
    pub at_least: u32,
    pub per: Per,
    pub cite: String,
    pub quote: String,
    pub explain: String,
    pub builtin: bool,
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub ledger_name: Option<String>,
    pub year: Option<i32>,
    /// Study days by sector (indexed by `Sector as usize`).
    pub study_days: [f64; 7],
    pub note_chars_leader: f64,
    pub note_chars_default: f64,
    pub research_months_county: f64,
    pub research_months_section: f64,
    pub days_per_month: f64,
    pub hours_per_day: f64,
    pub min_days_away: u32,
    pub visit_max_open_days: u32,
    pub contacts_per_month: u32,
    pub cert_audits_per_year: u32,
    pub reports_per_year: u32,
    pub certificate_pattern: Option<(String, Regex)>,
    pub prorate: bool,
    pub calendar: Calendar,
    pub ignore: Vec<String>,
    pub cadence: Vec<CadenceSpec>,
}

const SECTORS: [Sector; 7] = [
    Sector::Agency,
    Sector::Institution,
    Sector::Enterprise,
    Sector::Rural,
    Sector::Community,
    Sector::TwoNew,
    Sector::Other,
];

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            cadence: builtin_cadence(),
            ..Policy::empty()
        }
    }
}

impl Policy {
    pub fn study_days(&self, sector: Sector) -> f64 {
        self.study_days[sector as usize]
    }

    /// The event kinds that some cadence rule counts.
    pub fn cadence_events(&self) -> impl Iterator<Item = &str> {
        self.cadence.iter().map(|c| c.event.as_str())
    }

    /// Reads `taizhang.toml` in `root`; defaults where it is absent.
    pub fn load(root: &Path, diags: &mut Diags) -> Policy {
        let path = root.join(POLICY_FILE);
        if !path.exists() {
            return Policy::default();
        }
        match files::read_whole_or_diagnose(&path, POLICY_FILE, 1 << 20, diags.lang) {
            Ok(whole) => Policy::parse(&whole.text, POLICY_FILE, diags),
            Err(diagnostic) => {
                diags.push(*diagnostic);
                Policy::default()
            }
        }
    }

    pub fn parse(text: &str, path: &str, diags: &mut Diags) -> Policy {
        let mut policy = Policy::default();
        let lines = LineIndex::new(text);
        let mut cx = Cx {
            lines: &lines,
            path,
            diags,
        };
        let lang = cx.diags.lang;
        let consequence = (
            "设置未读取，全部采用默认值",
            "the settings were not read and the defaults apply",
        );
        let document =
            match toml_text::parse(text, &lines, path, Code::ConfigSyntax, consequence, lang) {
                Ok(document) => document,
                Err(diagnostics) => {
                    for diagnostic in diagnostics {
                        cx.diags.push(diagnostic);
                    }
                    return policy;
                }
            };
        cx.keys(
            &document,
            "",
            &["ledger", "policy", "calendar", "rules", "cadence"],
        );
        if let Some(table) = cx.table(&document, "ledger") {
            cx.keys(table, "ledger", &["name", "year"]);
            policy.ledger_name = cx.string(table, "name");
            policy.year = cx.integer(table, "year", 1949, 2100).map(|y| y as i32);
        }
        if let Some(table) = cx.table(&document, "policy") {
            policy.read_policy(&mut cx, table);
        }
        if let Some(table) = cx.table(&document, "calendar") {
            cx.keys(table, "calendar", &["holidays", "workdays"]);
            policy.calendar.holidays = cx.dates(table, "holidays").into_iter().collect();
            policy.calendar.workdays = cx.dates(table, "workdays").into_iter().collect();
        }
        if let Some(entry) = document.get("cadence") {
            match entry.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        policy.read_cadence(&mut cx, item);
                    }
                }
                _ => cx.wrong_type(
                    entry,
                    "cadence",
                    ("[[cadence]] 表数组", "[[cadence]] tables"),
                ),
            }
        }
        // After [[cadence]], so that a ledger may ignore a rule of its own.
        if let Some(table) = cx.table(&document, "rules") {
            cx.keys(table, "rules", &["ignore"]);
            for (code, span) in cx.strings(table, "ignore") {
                let code = code.to_ascii_uppercase();
                let known = crate::rules::is_builtin_code(&code)
                    || policy.cadence.iter().any(|c| c.code == code);
                if known {
                    policy.ignore.push(code);
                } else {
                    let lang = cx.diags.lang;
                    cx.diags.push(
                        Diagnostic::error(
                            Code::ConfigValue,
                            t!(
                                lang,
                                "[rules] ignore 中的 {code} 不是规则编号",
                                "{code} in [rules] ignore is not a rule code"
                            ),
                        )
                        .at(cx.at(&span))
                        .field("rules.ignore")
                        .found(code.clone())
                        .hint(t!(
                            lang,
                            "taizhang rules 列出所有规则",
                            "taizhang rules lists them all"
                        )),
                    );
                }
            }
        }
        policy
    }

    fn read_policy(&mut self, cx: &mut Cx<'_, '_>, table: &DeTable<'_>) {
        cx.keys(
            table,
            "policy",
            &[
                "study_days",
                "note_chars",
                "research_months",
                "days_per_month",
                "hours_per_day",
                "min_days_away",
                "visit_max_open_days",
                "contacts_per_month",
                "cert_audits_per_year",
                "reports_per_year",
                "certificate_pattern",
                "prorate",
            ],
        );
        if let Some(quota) = cx.table(table, "study_days") {
            let names: Vec<&str> = SECTORS
                .iter()
                .map(|s| s.as_str())
                .chain(["default"])
                .collect();
            cx.keys(quota, "policy.study_days", &names);
            if let Some(default) = cx.float(quota, "default", 0.0, 366.0) {
                for sector in SECTORS {
                    if !matches!(sector, Sector::Agency | Sector::Institution) {
                        self.study_days[sector as usize] = default;
                    }
                }
            }
            for sector in SECTORS {
                if let Some(days) = cx.float(quota, sector.as_str(), 0.0, 366.0) {
                    self.study_days[sector as usize] = days;
                }
            }
        }
        if let Some(quota) = cx.table(table, "note_chars") {
            cx.keys(quota, "policy.note_chars", &["leader", "default"]);
            self.note_chars_leader = cx
                .float(quota, "leader", 0.0, 1e9)
                .unwrap_or(self.note_chars_leader);
            self.note_chars_default = cx
                .float(quota, "default", 0.0, 1e9)
                .unwrap_or(self.note_chars_default);
        }
        if let Some(quota) = cx.table(table, "research_months") {
            cx.keys(quota, "policy.research_months", &["county", "section"]);
            self.research_months_county = cx
                .float(quota, "county", 0.0, 12.0)
                .unwrap_or(self.research_months_county);
            self.research_months_section = cx
                .float(quota, "section", 0.0, 12.0)
                .unwrap_or(self.research_months_section);
        }
        let positive = f64::MIN_POSITIVE;
        self.days_per_month = cx
            .float(table, "days_per_month", positive, 31.0)
            .unwrap_or(self.days_per_month);
        self.hours_per_day = cx
            .float(table, "hours_per_day", positive, 24.0)
            .unwrap_or(self.hours_per_day);
        let small = |cx: &mut Cx<'_, '_>, key, min, max, default: u32| {
            cx.integer(table, key, min, max)
                .map_or(default, |n| n as u32)
        };
        self.min_days_away = small(cx, "min_days_away", 1, 31, self.min_days_away);
        self.visit_max_open_days =
            small(cx, "visit_max_open_days", 0, 3660, self.visit_max_open_days);
        self.contacts_per_month = small(cx, "contacts_per_month", 0, 1000, self.contacts_per_month);
        self.cert_audits_per_year = small(
            cx,
            "cert_audits_per_year",
            0,
            1000,
            self.cert_audits_per_year,
        );
        self.reports_per_year = small(cx, "reports_per_year", 0, 1000, self.reports_per_year);
        if let Some(entry) = table.get("certificate_pattern")
            && let Some(pattern) = cx.string(table, "certificate_pattern")
        {
            match Regex::new(&format!("^(?:{pattern})$")) {
                Ok(regex) => self.certificate_pattern = Some((pattern, regex)),
                Err(error) => {
                    let lang = cx.diags.lang;
                    let detail = error.to_string();
                    let detail = detail.lines().last().unwrap_or_default().trim();
                    cx.diags.push(
                        Diagnostic::error(
                            Code::ConfigRegex,
                            t!(
                                lang,
                                "certificate_pattern 不是有效的正则表达式：{detail}",
                                "certificate_pattern is not a valid regular expression: {detail}"
                            ),
                        )
                        .at(cx.lines.location(cx.path, &entry.span()))
                        .field("policy.certificate_pattern")
                        .found(pattern),
                    );
                }
            }
        }
        if let Some(flag) = cx.boolean(table, "prorate") {
            self.prorate = flag;
        }
    }

    fn read_cadence(&mut self, cx: &mut Cx<'_, '_>, item: &Spanned<DeValue<'_>>) {
        let lang = cx.diags.lang;
        let DeValue::Table(table) = item.get_ref() else {
            return cx.wrong_type(item, "cadence", ("[[cadence]] 表", "a [[cadence]] table"));
        };
        cx.keys(
            table,
            "cadence",
            &[
                "code", "name", "title", "event", "orgs", "at_least", "per", "cite", "quote",
                "explain",
            ],
        );
        let Some(code) = cx.string(table, "code").map(|c| c.to_ascii_uppercase()) else {
            cx.diags.push(
                Diagnostic::error(
                    Code::ConfigValue,
                    t!(
                        lang,
                        "[[cadence]] 缺少 code，该规则未读取",
                        "a [[cadence]] has no code; the rule was not read"
                    ),
                )
                .at(cx.lines.location(cx.path, &item.span())),
            );
            return;
        };
        let existing = self.cadence.iter().position(|c| c.code == code);
        if existing.is_none() && crate::rules::is_builtin_code(&code) {
            let span = table.get("code").map_or(item.span(), Spanned::span);
            cx.diags.push(
                Diagnostic::error(Code::ConfigValue, t!(lang, "{code} 是内置规则的编号，不是周期规则，不能用 [[cadence]] 改写", "{code} is a built-in rule that is not a cadence rule; [[cadence]] cannot redefine it"))
                    .at(cx.lines.location(cx.path, &span))
                    .field("cadence.code")
                    .found(code.clone()),
            );
            return;
        }
        let mut spec = match existing {
            Some(index) => self.cadence[index].clone(),
            None => CadenceSpec {
                code: code.clone(),
                name: code.to_ascii_lowercase(),
                title: String::new(),
                event: String::new(),
                orgs: OrgSelector::default(),
                at_least: 1,
                per: Per::Year,
                cite: String::new(),
                quote: String::new(),
                explain: String::new(),
                builtin: false,
            },
        };
        for (key, field) in [
            ("name", &mut spec.name),
            ("title", &mut spec.title),
            ("cite", &mut spec.cite),
            ("quote", &mut spec.quote),
            ("explain", &mut spec.explain),
        ] {
            if let Some(text) = cx.string(table, key) {
                *field = text;
            }
        }
        if let Some(event) = cx.string(table, "event") {
            spec.event = crate::ledger::kinds::events::canonical_kind(&event);
        }
        if let Some(n) = cx.integer(table, "at_least", 0, 10_000) {
            spec.at_least = n as u32;
        }
        if let Some(per) = table.get("per") {
            match cx.string(table, "per").as_deref() {
                Some("month") => spec.per = Per::Month,
                Some("quarter") => spec.per = Per::Quarter,
                Some("year") => spec.per = Per::Year,
                Some(other) => cx.diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        t!(
                            lang,
                            "per 只能是 month、quarter 或 year",
                            "per must be month, quarter or year"
                        ),
                    )
                    .at(cx.lines.location(cx.path, &per.span()))
                    .field("cadence.per")
                    .found(other)
                    .expected("month | quarter | year"),
                ),
                None => {}
            }
        }
        if let Some(orgs) = cx.table(table, "orgs") {
            spec.orgs = selector(cx, orgs);
        }
        if spec.event.is_empty() {
            cx.diags.push(
                Diagnostic::error(Code::ConfigValue, t!(lang, "周期规则 {code} 没有 event（要计数的活动类型），未读取", "the cadence rule {code} has no event (the event kind to count); it was not read"))
                    .at(cx.lines.location(cx.path, &item.span())),
            );
            return;
        }
        match existing {
            Some(index) => self.cadence[index] = spec,
            None => self.cadence.push(spec),
        }
    }
}

/// The built-in cadence rules (EDU03–05, SRV02, RSP01–04): the same data a
/// ledger's `[[cadence]]` gives, so that a county tunes them the same way.
pub fn builtin_cadence() -> Vec<CadenceSpec> {
    let mut diags = Diags::new(crate::lang::Lang::En);
    let mut policy = Policy::empty();
    let text = include_str!("rules/cadence_builtin.toml");
    let lines = LineIndex::new(text);
    let mut cx = Cx {
        lines: &lines,
        path: "cadence_builtin.toml",
        diags: &mut diags,
    };
    let (document, _) = DeTable::parse_recoverable(text);
    if let Some(entry) = document.get_ref().get("cadence")
        && let DeValue::Array(items) = entry.get_ref()
    {
        for item in items.iter() {
            policy.read_cadence(&mut cx, item);
        }
    }
    debug_assert!(
        diags.is_empty(),
        "the built-in cadence rules are valid: {diags:?}"
    );
    for spec in &mut policy.cadence {
        spec.builtin = true;
    }
    policy.cadence
}

impl Policy {
    /// A policy with no cadence rules, to read the built-in ones into.
    fn empty() -> Policy {
        let mut study_days = [6.0; 7];
        study_days[Sector::Agency as usize] = 12.0;
        study_days[Sector::Institution as usize] = 12.0;
        Policy {
            ledger_name: None,
            year: None,
            study_days,
            note_chars_leader: 30000.0,
            note_chars_default: 15000.0,
            research_months_county: 2.0,
            research_months_section: 1.0,
            days_per_month: 30.0,
            hours_per_day: 8.0,
            min_days_away: 15,
            visit_max_open_days: 30,
            contacts_per_month: 1,
            cert_audits_per_year: 1,
            reports_per_year: 1,
            certificate_pattern: None,
            prorate: true,
            calendar: Calendar::default(),
            ignore: Vec::new(),
            cadence: Vec::new(),
        }
    }
}

/// The orgs a `[[cadence]]` entry's `orgs` table selects.
fn selector(cx: &mut Cx<'_, '_>, table: &DeTable<'_>) -> OrgSelector {
    let lang = cx.diags.lang;
    cx.keys(
        table,
        "cadence.orgs",
        &["kind", "sector", "topmost", "root", "min_members"],
    );
    let mut selector = OrgSelector::default();
    for (text, span) in cx.strings(table, "kind") {
        match OrgKind::parse(&text) {
            Some(kind) => selector.kind.push(kind),
            None => cx.diags.push(
                Diagnostic::error(
                    Code::ConfigValue,
                    t!(
                        lang,
                        "“{text}”不是组织类型",
                        "\"{text}\" is not an org kind"
                    ),
                )
                .at(cx.at(&span))
                .field("cadence.orgs.kind")
                .found(text.clone())
                .expected(OrgKind::spellings()),
            ),
        }
    }
    for (text, span) in cx.strings(table, "sector") {
        match Sector::parse(&text) {
            Some(sector) => selector.sector.push(sector),
            None => cx.diags.push(
                Diagnostic::error(
                    Code::ConfigValue,
                    t!(lang, "“{text}”不是单位类型", "\"{text}\" is not a sector"),
                )
                .at(cx.at(&span))
                .field("cadence.orgs.sector")
                .found(text.clone())
                .expected(Sector::spellings()),
            ),
        }
    }
    selector.topmost = cx.boolean(table, "topmost").unwrap_or(false);
    selector.root = cx.boolean(table, "root");
    selector.min_members = cx
        .integer(table, "min_members", 0, 1_000_000)
        .map(|n| n as u32);
    selector
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::lang::Lang;

    fn parse(text: &str) -> (Policy, Vec<Diagnostic>) {
        let mut diags = Diags::new(Lang::En);
        let policy = Policy::parse(text, POLICY_FILE, &mut diags);
        (policy, diags.into_sorted())
    }

    #[test]
    fn the_spec_example_parses_without_diagnostics() {
        let (policy, diags) = parse(include_str!("../tests/fixtures/policy/spec-example.toml"));
        assert_eq!(diags, []);
        assert_eq!(policy.ledger_name.as_deref(), Some("示范县委组织部"));
        assert_eq!(policy.year, Some(2025));
        assert_eq!(policy.study_days(Sector::Agency), 12.0);
        assert_eq!(policy.study_days(Sector::Rural), 6.0);
        assert!(
            policy
                .calendar
                .holidays
                .contains(&NaiveDate::from_ymd_opt(2025, 10, 1).unwrap())
        );
        assert!(
            policy
                .calendar
                .is_working_day(NaiveDate::from_ymd_opt(2025, 9, 28).unwrap())
        );
        assert_eq!(policy.ignore, ["SRV01"]);
        let x01 = policy
            .cadence
            .iter()
            .find(|c| c.code == "X01")
            .expect("X01 is read");
        assert_eq!(
            (x01.event.as_str(), x01.per, x01.at_least),
            ("theme_day", Per::Month, 1)
        );
        assert_eq!(x01.orgs.kind, [OrgKind::Branch]);
    }

    #[test]
    fn builtin_cadence_rules_are_the_catalogue_s() {
        let codes: Vec<_> = builtin_cadence().into_iter().map(|c| c.code).collect();
        assert_eq!(
            codes,
            [
                "EDU03", "EDU04", "EDU05", "SRV02", "RSP01", "RSP02", "RSP03", "RSP04"
            ]
        );
    }

    #[test]
    fn bad_settings_point_at_their_line() {
        let (policy, diags) = parse(
            "[policy]\nhours_per_day = 8\nstudy_day = 3\nmin_days_away = \"x\"\ncertificate_pattern = '[0-9'\n\n[[cadence]]\ncode = \"X02\"\nevent = \"theme_day\"\nper = \"week\"\n\n[rules]\nignore = [\"X02\", \"EDU99\"]\n",
        );
        let found: Vec<_> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.location.line))
            .collect();
        assert_eq!(
            found,
            [
                ("config-unknown-key", Some(3)),
                ("config-type", Some(4)),
                ("config-regex", Some(5)),
                ("config-value", Some(10)),
                ("config-value", Some(13))
            ]
        );
        assert_eq!(policy.ignore, ["X02"]);
        assert_eq!(policy.min_days_away, 15);
        assert!(policy.certificate_pattern.is_none());
    }

    #[test]
    fn a_cadence_entry_tunes_a_builtin_rule() {
        let (policy, diags) = parse("[[cadence]]\ncode = \"EDU03\"\nat_least = 2\n");
        assert_eq!(diags, []);
        let edu03 = policy.cadence.iter().find(|c| c.code == "EDU03").unwrap();
        assert_eq!(
            (edu03.at_least, edu03.per, edu03.event.as_str()),
            (2, Per::Quarter, "branch_assembly")
        );
    }
}
