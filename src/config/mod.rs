//! `taizhang.toml` → [`Config`]: the ledger's name and default year, the
//! calendar, the `[policy]` values of the rules (read against the settings
//! each rule declares), the rules to ignore, the cadence rules, and the
//! headers and values of other systems' files (`[columns]`, `[values]`).
//! Each bad setting is a diagnostic at its line and keeps its default.

mod columns;
mod policy;
pub mod schema;

use std::path::Path;

use toml::de::DeValue;

use crate::calendar::{Calendar, official};
use crate::diag::{Code, Diagnostic, Diags, Location};
use crate::lang::Lang;
use crate::ledger::maps::ColumnMaps;
use crate::rules::cadence::{self, CadenceSpec};
use crate::rules::settings::Values;
use crate::rules::{self, Rule};
use crate::t;
use crate::text::files;
use crate::text::lines::LineIndex;
use crate::text::toml::{self as toml_text, TableReader};

pub const CONFIG_FILE: &str = "taizhang.toml";

#[derive(Clone, Debug)]
pub struct Config {
    pub ledger_name: Option<String>,
    pub year: Option<i32>,
    pub calendar: Calendar,
    /// Rule codes `[rules] ignore` lists.
    pub ignore: Vec<String>,
    pub values: Values,
    /// The built-in cadence rules, as tuned, and the ledger's own.
    pub cadence: Vec<CadenceSpec>,
    /// The headers and values `[columns]` and `[values]` add to the kinds.
    pub maps: ColumnMaps,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            ledger_name: None,
            year: None,
            calendar: Calendar::default(),
            ignore: Vec::new(),
            values: Values::default(),
            cadence: cadence::builtin(),
            maps: ColumnMaps::default(),
        }
    }
}

impl Config {
    /// Reads `taizhang.toml` in `root`; defaults where it is absent.
    pub fn load(root: &Path, diags: &mut Diags) -> Config {
        let path = root.join(CONFIG_FILE);
        if !path.exists() {
            return Config::default();
        }
        match files::read_whole_or_diagnose(&path, CONFIG_FILE, 1 << 20, diags.lang) {
            Ok(whole) => Config::parse(&whole.text, CONFIG_FILE, diags),
            Err(diagnostic) => {
                diags.push(*diagnostic);
                Config::default()
            }
        }
    }

    pub fn parse(text: &str, path: &str, diags: &mut Diags) -> Config {
        let mut config = Config::default();
        let lines = LineIndex::new(text);
        let lang = diags.lang;
        let consequence = (
            "设置未读取，全部采用默认值",
            "the settings were not read and the defaults apply",
        );
        let document =
            match toml_text::parse(text, &lines, path, Code::ConfigSyntax, consequence, lang) {
                Ok(document) => document,
                Err(diagnostics) => {
                    for diagnostic in diagnostics {
                        diags.push(diagnostic);
                    }
                    return config;
                }
            };
        let mut reader = TableReader {
            lines: &lines,
            path,
            diags,
        };
        reader.keys(&document, "", schema::SECTIONS);
        if let Some(table) = reader.table(&document, "ledger") {
            reader.keys(table, "ledger", &schema::keys(schema::LEDGER));
            config.ledger_name = reader.string(table, "name");
            config.year = reader.integer(table, "year", 1949, 2100).map(|y| y as i32);
        }
        if let Some(table) = reader.table(&document, "policy") {
            config.values = policy::read(&mut reader, table);
        }
        if let Some(table) = reader.table(&document, "calendar") {
            reader.keys(table, "calendar", &schema::keys(schema::CALENDAR));
            config.calendar.holidays = reader.dates(table, "holidays").into_iter().collect();
            config.calendar.workdays = reader.dates(table, "workdays").into_iter().collect();
        }
        if let Some(entry) = document.get("cadence") {
            match entry.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        cadence::spec::read(&mut config.cadence, &mut reader, item);
                    }
                }
                _ => reader.wrong_type(
                    entry,
                    "cadence",
                    ("[[cadence]] 表数组", "[[cadence]] tables"),
                ),
            }
        }
        // After [[cadence]], whose event kinds [values.events.kind] may name.
        config.maps = columns::read(&mut reader, &document, &config.cadence);
        // After [[cadence]], so that a ledger may ignore a rule of its own.
        if let Some(table) = reader.table(&document, "rules") {
            reader.keys(table, "rules", &schema::keys(schema::RULES));
            for (code, span) in reader.strings(table, "ignore") {
                let code = code.to_ascii_uppercase();
                let known =
                    rules::is_builtin_code(&code) || config.cadence.iter().any(|c| c.code == code);
                if known {
                    config.ignore.push(code);
                } else {
                    let lang = reader.diags.lang;
                    let codes = rules::BUILTIN
                        .iter()
                        .map(|rule| rule.meta.code.as_ref())
                        .chain(config.cadence.iter().map(|c| c.code.as_str()));
                    let fix = t!(
                        lang,
                        "taizhang rules 列出所有规则",
                        "taizhang rules lists them all"
                    );
                    let near = crate::text::suggest::closest(&code, codes);
                    let hint = crate::diag::suggesting(lang, near, fix);
                    reader.diags.push(
                        Diagnostic::error(
                            Code::ConfigValue,
                            t!(
                                lang,
                                "[rules] ignore 中的 {code} 不是规则编号",
                                "{code} in [rules] ignore is not a rule code"
                            ),
                        )
                        .at(reader.at(&span))
                        .field("rules.ignore")
                        .found(code.clone())
                        .hint(hint),
                    );
                }
            }
        }
        config
    }

    /// The settings each rule in force reads, by code: what makes two
    /// ledgers' rules of one code the same rule.
    pub fn rule_settings(
        &self,
    ) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> {
        rules::identity::settings(&self.values, &self.cadence)
    }

    /// The warning that the working days of `year` are not known: no
    /// official schedule is built in for it and `[calendar]` names none of
    /// its dates, so they are counted as Monday to Friday.
    pub fn calendar_warning(&self, year: i32, lang: Lang) -> Option<Diagnostic> {
        if self.calendar.knows_year(year) {
            return None;
        }
        let years: Vec<String> = official::SCHEDULES
            .iter()
            .map(|schedule| schedule.year.to_string())
            .collect();
        let years = years.join(lang.pick("、", ", "));
        Some(
            Diagnostic::warning(
                Code::NoHolidayCalendar,
                t!(
                    lang,
                    "{year} 年没有内置的国务院办公厅节假日安排，taizhang.toml 的 [calendar] 中也没有这一年的日期：工作日只按周一至周五计算",
                    "{year} has no built-in State Council holiday schedule and [calendar] of taizhang.toml names no date of it: working days are counted as Monday to Friday only"
                ),
            )
            .at(Location::file(CONFIG_FILE))
            .field("calendar")
            .hint(t!(
                lang,
                "在 taizhang.toml 的 [calendar] 中按国务院办公厅 {year} 年节假日安排的通知填写 holidays（放假日期）和 workdays（调休上班的周末）；已内置的年份：{years}",
                "add the holidays and the weekend days worked of {year} to holidays and workdays in [calendar] of taizhang.toml, from the State Council's notice for {year}; built in are: {years}"
            )),
        )
    }

    /// Every rule in force for this configuration, sorted by code.
    pub fn rules(&self) -> Vec<Box<dyn Rule>> {
        rules::registry(&self.values, &self.calendar, &self.cadence)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::calendar::Per;
    use crate::lang::Lang;
    use crate::ledger::kinds::orgs::OrgKind;
    use crate::rules::edu01_study_days::STUDY_DAYS;
    use crate::rules::mob02_certificate::CERTIFICATE_PATTERN;
    use crate::rules::mob04_monthly_contact::MIN_DAYS_AWAY;

    fn parse(text: &str) -> (Config, Vec<Diagnostic>) {
        let mut diags = Diags::new(Lang::En);
        let config = Config::parse(text, CONFIG_FILE, &mut diags);
        (config, diags.into_sorted())
    }

    #[test]
    fn the_spec_example_parses_without_diagnostics() {
        let (config, diags) = parse(include_str!(
            "../../tests/fixtures/policy/spec-example.toml"
        ));
        assert_eq!(diags, []);
        assert_eq!(config.ledger_name.as_deref(), Some("示范县委组织部"));
        assert_eq!(config.year, Some(2025));
        let study_days = config.values.numbers(&STUDY_DAYS);
        assert_eq!((study_days["agency"], study_days["default"]), (12.0, 6.0));
        assert!(
            config
                .calendar
                .holidays
                .contains(&NaiveDate::from_ymd_opt(2025, 10, 1).unwrap())
        );
        assert!(
            config
                .calendar
                .is_working_day(NaiveDate::from_ymd_opt(2025, 9, 28).unwrap())
        );
        assert_eq!(config.ignore, ["SRV01"]);
        let x01 = config
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
    fn bad_settings_point_at_their_line() {
        let (config, diags) = parse(
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
        assert_eq!(config.ignore, ["X02"]);
        assert_eq!(config.values.count(&MIN_DAYS_AWAY), 15);
        assert!(config.values.pattern(&CERTIFICATE_PATTERN).is_none());
    }

    #[test]
    fn a_second_cadence_entry_of_a_code_is_an_error_at_its_code() {
        let (config, diags) = parse(
            "[[cadence]]\ncode = \"X01\"\nevent = \"theme_day\"\nat_least = 1\n\n[[cadence]]\ncode = \"X01\"\nevent = \"theme_day\"\nat_least = 5\n\n[[cadence]]\ncode = \"EDU03\"\nat_least = 2\n\n[[cadence]]\ncode = \"EDU03\"\nat_least = 3\n",
        );
        let found: Vec<_> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.location.line))
            .collect();
        assert_eq!(
            found,
            [("config-value", Some(7)), ("config-value", Some(16))]
        );
        let x01 = config.cadence.iter().find(|c| c.code == "X01").unwrap();
        let edu03 = config.cadence.iter().find(|c| c.code == "EDU03").unwrap();
        assert_eq!((x01.at_least, edu03.at_least), (1, 2));
    }

    #[test]
    fn a_cadence_entry_tunes_a_builtin_rule() {
        let (config, diags) = parse("[[cadence]]\ncode = \"EDU03\"\nat_least = 2\n");
        assert_eq!(diags, []);
        let edu03 = config.cadence.iter().find(|c| c.code == "EDU03").unwrap();
        assert_eq!(
            (edu03.at_least, edu03.per, edu03.event.as_str()),
            (2, Per::Quarter, "branch_assembly")
        );
    }
}
