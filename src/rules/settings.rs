//! The settings of the rules. Each rule declares its own as [`Setting`]s
//! beside its check: key, type, range, default and what it means. `config`
//! reads `[policy]` of taizhang.toml against the settings of every rule
//! into [`Values`], and writes the commented `taizhang.toml` of `init` and
//! `docs/config.md` from the same declarations; a rule reads its typed
//! settings back through the declaration, which holds the default.

use std::collections::BTreeMap;

use regex::Regex;

use crate::lang::Lang;

/// One key of `[policy]`.
#[derive(Debug)]
pub struct Setting {
    pub key: &'static str,
    pub ty: Ty,
    pub default: Default,
    /// What the setting means: the rule's words, in Chinese and English.
    pub doc: Doc,
}

#[derive(Clone, Copy, Debug)]
pub struct Doc {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Doc {
    pub fn text(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

#[derive(Debug)]
pub enum Ty {
    /// A number in `min..=max` (`f64::MIN_POSITIVE` for "more than 0").
    Number {
        min: f64,
        max: f64,
    },
    /// A whole number in `min..=max`.
    Count {
        min: u32,
        max: u32,
    },
    Bool,
    /// A regular expression that a value must match whole; `example` is
    /// one a county could use.
    Pattern {
        example: &'static str,
    },
    /// A table of numbers in `min..=max` under the keys `keys()` gives.
    Numbers {
        keys: fn() -> Vec<&'static str>,
        min: f64,
        max: f64,
    },
}

/// A default, as a declaration can hold it.
#[derive(Debug)]
pub enum Default {
    Number(f64),
    Count(u32),
    Bool(bool),
    /// No pattern: not checked.
    NoPattern,
    Numbers(&'static [(&'static str, f64)]),
}

/// A value taizhang.toml gives, checked against its declaration.
#[derive(Clone, Debug)]
pub enum Value {
    Number(f64),
    Count(u32),
    Bool(bool),
    Pattern(Pattern),
    Numbers(BTreeMap<String, f64>),
}

/// A regular expression with the text it was written as.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub source: String,
    /// Anchored: the value must match whole.
    pub regex: Regex,
}

/// The `[policy]` values a ledger sets; what it leaves out is the default.
#[derive(Clone, Debug, Default)]
pub struct Values {
    set: BTreeMap<&'static str, Value>,
}

impl Values {
    pub fn set(&mut self, setting: &Setting, value: Value) {
        self.set.insert(setting.key, value);
    }

    pub fn number(&self, setting: &Setting) -> f64 {
        match (self.set.get(setting.key), &setting.default) {
            (Some(Value::Number(n)), _) => *n,
            (_, Default::Number(n)) => *n,
            _ => unreachable!("{} is declared a number", setting.key),
        }
    }

    pub fn count(&self, setting: &Setting) -> u32 {
        match (self.set.get(setting.key), &setting.default) {
            (Some(Value::Count(n)), _) => *n,
            (_, Default::Count(n)) => *n,
            _ => unreachable!("{} is declared a count", setting.key),
        }
    }

    pub fn flag(&self, setting: &Setting) -> bool {
        match (self.set.get(setting.key), &setting.default) {
            (Some(Value::Bool(flag)), _) => *flag,
            (_, Default::Bool(flag)) => *flag,
            _ => unreachable!("{} is declared a flag", setting.key),
        }
    }

    pub fn pattern(&self, setting: &Setting) -> Option<Pattern> {
        match self.set.get(setting.key) {
            Some(Value::Pattern(pattern)) => Some(pattern.clone()),
            _ => None,
        }
    }

    /// The declaration's default table with what the ledger gives on top.
    pub fn numbers(&self, setting: &Setting) -> BTreeMap<String, f64> {
        let Default::Numbers(defaults) = &setting.default else {
            unreachable!("{} is declared a table of numbers", setting.key)
        };
        let mut table: BTreeMap<String, f64> = defaults
            .iter()
            .map(|&(key, value)| (key.to_string(), value))
            .collect();
        if let Some(Value::Numbers(given)) = self.set.get(setting.key) {
            table.extend(given.iter().map(|(key, value)| (key.clone(), *value)));
        }
        table
    }
}
