//! `taizhang.toml` → [`Policy`]: every number of the rule catalogue, the
//! calendar, ignored rules and the cadence rules. Each bad setting is a
//! diagnostic at its line; a bad setting keeps its default.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic, Diags, Location};
use crate::ledger::columns::Choice;
use crate::ledger::decode::{self, ReadError};
use crate::ledger::kinds::orgs::{OrgKind, Sector};
use crate::ledger::source::{self, LineIndex};
use crate::ledger::value;
use crate::t;

pub const POLICY_FILE: &str = "taizhang.toml";

/// Working days: Monday to Friday, minus holidays, plus the weekend days
/// that are worked in exchange (调休).
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    pub holidays: BTreeSet<NaiveDate>,
    pub workdays: BTreeSet<NaiveDate>,
}

impl Calendar {
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.workdays.contains(&date) {
            return true;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&date)
    }

    /// The length of a session from `first` to `last`: its working days, or
    /// its calendar days when all of them are rest days.
    pub fn session_days(&self, first: NaiveDate, last: NaiveDate) -> u32 {
        let working = first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| self.is_working_day(*d))
            .count();
        if working > 0 {
            working as u32
        } else {
            value::days_inclusive(first, last) as u32
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Per {
    Month,
    Quarter,
    Year,
}

impl Per {
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Month => "month",
            Per::Quarter => "quarter",
            Per::Year => "year",
        }
    }
}

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
        let lang = diags.lang;
        match decode::read_whole(&path, 1 << 20) {
            Ok(whole) => Policy::parse(&whole.text, POLICY_FILE, diags),
            Err(ReadError::Io(error)) => {
                diags.push(crate::ledger::source::io_diagnostic(
                    POLICY_FILE,
                    &error,
                    lang,
                ));
                Policy::default()
            }
            Err(ReadError::TooLarge(size)) => {
                diags.push(
                    Diagnostic::error(
                        Code::FileTooLarge,
                        t!(
                            lang,
                            "taizhang.toml 有 {size} 字节，过大，未读取",
                            "taizhang.toml has {size} bytes, too large; it was not read"
                        ),
                    )
                    .at(Location::file(POLICY_FILE)),
                );
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
        if let Some(offset) = source::toml_too_deep(text, source::MAX_TOML_DEPTH) {
            let lang = cx.diags.lang;
            let diagnostic = source::too_deep_diagnostic(&lines, path, offset, lang);
            cx.diags.push(diagnostic);
            return policy;
        }
        let (document, errors) = DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            for error in &errors {
                let location = error
                    .span()
                    .map_or_else(|| Location::file(path), |span| lines.location(path, &span));
                let detail = error.message().trim().to_string();
                let lang = cx.diags.lang;
                cx.diags.push(
                    Diagnostic::error(Code::ConfigSyntax, t!(lang, "TOML 语法错误，设置未读取，全部采用默认值：{detail}", "TOML syntax error; the settings were not read and the defaults apply: {detail}"))
                        .at(location),
                );
            }
            return policy;
        }
        let document = document.into_inner();
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
        if let Some(selector) = cx.table(table, "orgs") {
            spec.orgs = cx.selector(selector);
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

/// Reading settings out of a spanned TOML document, reporting at the line.
struct Cx<'l, 'd> {
    lines: &'l LineIndex<'l>,
    path: &'l str,
    diags: &'d mut Diags,
}

impl Cx<'_, '_> {
    fn at(&self, span: &Range<usize>) -> Location {
        self.lines.location(self.path, span)
    }

    fn keys(&mut self, table: &DeTable<'_>, section: &str, allowed: &[&str]) {
        let lang = self.diags.lang;
        for key in table.keys() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                let full = if section.is_empty() {
                    name.to_string()
                } else {
                    format!("{section}.{name}")
                };
                let known = allowed.join(", ");
                self.diags.push(
                    Diagnostic::error(
                        Code::ConfigUnknownKey,
                        t!(
                            lang,
                            "没有“{full}”这个设置项，已忽略",
                            "there is no setting \"{full}\"; it was ignored"
                        ),
                    )
                    .at(self.at(&key.span()))
                    .found(name)
                    .expected(known),
                );
            }
        }
    }

    /// `expected` is said in Chinese and in English.
    fn wrong_type(&mut self, value: &Spanned<DeValue<'_>>, key: &str, expected: (&str, &str)) {
        let lang = self.diags.lang;
        let found = source::toml_type_name(value.get_ref(), lang);
        let expected = lang.pick(expected.0, expected.1);
        self.diags.push(
            Diagnostic::error(
                Code::ConfigType,
                t!(
                    lang,
                    "{key} 应为 {expected}，不是 {found}；采用默认值",
                    "{key} must be {expected}, not {found}; the default applies"
                ),
            )
            .at(self.at(&value.span()))
            .field(key)
            .found(found)
            .expected(expected),
        );
    }

    fn table<'t>(&mut self, table: &'t DeTable<'t>, key: &str) -> Option<&'t DeTable<'t>> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Table(inner) => Some(inner),
            _ => {
                self.wrong_type(value, key, ("表", "a table"));
                None
            }
        }
    }

    fn string(&mut self, table: &DeTable<'_>, key: &str) -> Option<String> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(text) => Some(decode::trim(text).to_string()),
            _ => {
                self.wrong_type(value, key, ("字符串", "a string"));
                None
            }
        }
    }

    fn boolean(&mut self, table: &DeTable<'_>, key: &str) -> Option<bool> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(flag) => Some(*flag),
            _ => {
                self.wrong_type(value, key, ("true 或 false", "true or false"));
                None
            }
        }
    }

    fn float(&mut self, table: &DeTable<'_>, key: &str, min: f64, max: f64) -> Option<f64> {
        let value = table.get(key)?;
        let number = match value.get_ref() {
            DeValue::String(text) => value::parse_number(text),
            other => source::toml_number(other),
        };
        self.in_range(value, key, number, min, max)
    }

    fn integer(&mut self, table: &DeTable<'_>, key: &str, min: i64, max: i64) -> Option<i64> {
        let value = table.get(key)?;
        let number = match value.get_ref() {
            integer @ DeValue::Integer(_) => source::toml_number(integer),
            DeValue::String(text) => value::parse_number(text).filter(|n| n.fract() == 0.0),
            _ => None,
        };
        self.in_range(value, key, number, min as f64, max as f64)
            .map(|n| n as i64)
    }

    fn in_range(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        number: Option<f64>,
        min: f64,
        max: f64,
    ) -> Option<f64> {
        let lang = self.diags.lang;
        match number {
            None if matches!(value.get_ref(), DeValue::Float(_)) => {
                let found = decode::trim(&self.lines.text()[value.span()]).to_string();
                self.diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        t!(
                            lang,
                            "{key} = {found} 不是有限的数，采用默认值",
                            "{key} = {found} is not a finite number; the default applies"
                        ),
                    )
                    .at(self.at(&value.span()))
                    .field(key)
                    .found(found)
                    .expected(format!("{min} – {max}")),
                );
                None
            }
            None => {
                self.wrong_type(value, key, ("数字", "a number"));
                None
            }
            Some(n) if n < min || n > max => {
                let shown = if min == f64::MIN_POSITIVE {
                    "0".to_string()
                } else {
                    min.to_string()
                };
                self.diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        t!(
                            lang,
                            "{key} = {n} 超出允许范围，采用默认值",
                            "{key} = {n} is out of range; the default applies"
                        ),
                    )
                    .at(self.at(&value.span()))
                    .field(key)
                    .found(n.to_string())
                    .expected(format!("{shown} – {max}")),
                );
                None
            }
            Some(n) => Some(n),
        }
    }

    fn array<'t>(&mut self, table: &'t DeTable<'t>, key: &str) -> &'t [Spanned<DeValue<'t>>] {
        let Some(value) = table.get(key) else {
            return &[];
        };
        match value.get_ref() {
            DeValue::Array(items) => items,
            _ => {
                self.wrong_type(value, key, ("数组", "an array"));
                &[]
            }
        }
    }

    fn strings(&mut self, table: &DeTable<'_>, key: &str) -> Vec<(String, Range<usize>)> {
        let mut list = Vec::new();
        for item in self.array(table, key) {
            match item.get_ref() {
                DeValue::String(text) => list.push((decode::trim(text).to_string(), item.span())),
                _ => self.wrong_type(item, key, ("字符串", "a string")),
            }
        }
        list
    }

    fn dates(&mut self, table: &DeTable<'_>, key: &str) -> Vec<NaiveDate> {
        let lang = self.diags.lang;
        let mut list = Vec::new();
        for item in self.array(table, key) {
            let date = match item.get_ref() {
                DeValue::Datetime(datetime) => datetime.date.and_then(|d| {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                }),
                DeValue::String(text) => value::parse_date(text).ok(),
                _ => None,
            };
            match date {
                Some(date) => list.push(date),
                None => self.diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        t!(
                            lang,
                            "{key} 中有一项不是日期，已忽略",
                            "an item of {key} is not a date; it was ignored"
                        ),
                    )
                    .at(self.at(&item.span()))
                    .field(key)
                    .expected("2025-10-01"),
                ),
            }
        }
        list
    }

    fn selector(&mut self, table: &DeTable<'_>) -> OrgSelector {
        let lang = self.diags.lang;
        self.keys(
            table,
            "cadence.orgs",
            &["kind", "sector", "topmost", "root", "min_members"],
        );
        let mut selector = OrgSelector::default();
        for (text, span) in self.strings(table, "kind") {
            match OrgKind::parse(&text) {
                Some(kind) => selector.kind.push(kind),
                None => self.diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        t!(
                            lang,
                            "“{text}”不是组织类型",
                            "\"{text}\" is not an org kind"
                        ),
                    )
                    .at(self.at(&span))
                    .field("cadence.orgs.kind")
                    .found(text.clone())
                    .expected(OrgKind::spellings()),
                ),
            }
        }
        for (text, span) in self.strings(table, "sector") {
            match Sector::parse(&text) {
                Some(sector) => selector.sector.push(sector),
                None => self.diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        t!(lang, "“{text}”不是单位类型", "\"{text}\" is not a sector"),
                    )
                    .at(self.at(&span))
                    .field("cadence.orgs.sector")
                    .found(text.clone())
                    .expected(Sector::spellings()),
                ),
            }
        }
        selector.topmost = self.boolean(table, "topmost").unwrap_or(false);
        selector.root = self.boolean(table, "root");
        selector.min_members = self
            .integer(table, "min_members", 0, 1_000_000)
            .map(|n| n as u32);
        selector
    }
}

#[cfg(test)]
mod tests {
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
