//! A report JSON read back (`report --merge`): what `report --format json`
//! writes (docs/report-json.md), full or aggregate, of a ledger or merged.
//! Only what a merge needs is read; findings, the committees' ranking and
//! the grids are recomputed or left out.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::rules::Tally;

#[derive(Debug, Deserialize)]
pub struct InputReport {
    /// The version of the document; absent in schema 1.
    #[serde(default)]
    pub schema: Option<u64>,
    pub year: i32,
    pub as_of: String,
    pub ledger: String,
    pub ledger_name: Option<String>,
    pub org: Option<String>,
    pub counts: InputCountsObject,
    pub summary: InputSummary,
    /// Absent in reports of schema 1.
    #[serde(default)]
    pub falling_short: Option<InputFallingShort>,
    pub rules: Vec<InputRule>,
    pub orgs: Vec<InputOrg>,
    #[serde(default)]
    pub diagnostics: Option<Vec<InputDiagnostic>>,
    #[serde(default)]
    pub diagnostic_counts: Option<Vec<InputDiagnosticCount>>,
    #[serde(default)]
    pub aggregate: bool,
    /// The reports a merged report combines.
    #[serde(default)]
    pub inputs: Option<Vec<InputInput>>,
    // Recomputed from the counts, or left out of a merged report: named
    // here so that they are not taken for grids.
    #[serde(default, rename = "rate")]
    _rate: serde_json::Value,
    #[serde(default, rename = "overall")]
    _overall: serde_json::Value,
    #[serde(default, rename = "committees")]
    _committees: serde_json::Value,
    #[serde(default, rename = "unchecked")]
    _unchecked: serde_json::Value,
    #[serde(default, rename = "ledger_absolute")]
    _ledger_absolute: serde_json::Value,

    /// Every other key: the rules' month grids (`mobile`), by name.
    #[serde(flatten)]
    pub grids: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Deserialize)]
pub struct InputFallingShort {
    pub members: usize,
    pub orgs: usize,
}

/// One report a merged report combines: its top org.
#[derive(Debug, Deserialize)]
pub struct InputInput {
    pub org: String,
}

#[derive(Debug, Deserialize)]
pub struct InputCountsObject {
    pub members: usize,
}

#[derive(Debug, Deserialize)]
pub struct InputSummary {
    pub violations: usize,
    pub warnings: usize,
    pub pending: usize,
    #[serde(default)]
    pub uncertain: usize,
    #[serde(default)]
    pub unchecked: usize,
    pub errors: usize,
}

/// A tally as the JSON writes it (its rate is recomputed).
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct InputCounts {
    pub checked: u64,
    pub passed: u64,
    pub failed: u64,
    pub pending: u64,
    #[serde(default)]
    pub uncertain: u64,
    #[serde(default)]
    pub unchecked: u64,
}

impl InputCounts {
    pub fn tally(self) -> Tally {
        Tally {
            checked: self.checked,
            passed: self.passed,
            failed: self.failed,
            pending: self.pending,
            uncertain: self.uncertain,
            unchecked: self.unchecked,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct InputRule {
    pub code: String,
    pub name: String,
    pub title: String,
    pub unit: Option<String>,
    pub requirement: String,
    pub status: String,
    pub reason: Option<String>,
    #[serde(flatten)]
    pub counts: InputCounts,
    /// Absent in reports of an older taizhang: the requirement stands in.
    #[serde(default)]
    pub settings: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub variant: Option<usize>,
    #[serde(default)]
    pub applies_to: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
pub struct InputOrg {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
    pub depth: usize,
    pub overall: InputCounts,
    pub rules: Vec<InputOrgRule>,
}

#[derive(Debug, Deserialize)]
pub struct InputOrgRule {
    pub rule: String,
    #[serde(flatten)]
    pub counts: InputCounts,
    #[serde(default)]
    pub variant: Option<usize>,
}

#[derive(Debug, Deserialize)]
pub struct InputDiagnostic {
    pub code: String,
    pub severity: String,
}

#[derive(Debug, Deserialize)]
pub struct InputDiagnosticCount {
    pub code: String,
    pub severity: String,
    pub count: usize,
}

impl InputReport {
    /// The names of the month grids the report has (or withholds).
    pub fn grid_keys(&self) -> impl Iterator<Item = &str> {
        self.grids
            .iter()
            .filter(|(_, value)| value.is_null() || value.get("status").is_some())
            .map(|(key, _)| key.as_str())
    }

    /// How many diagnostics of each code and severity the report counts.
    pub fn diagnostic_counts(&self) -> Vec<(String, String, usize)> {
        if let Some(counts) = &self.diagnostic_counts {
            return counts
                .iter()
                .map(|c| (c.code.clone(), c.severity.clone(), c.count))
                .collect();
        }
        let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for d in self.diagnostics.iter().flatten() {
            *counts.entry((&d.code, &d.severity)).or_default() += 1;
        }
        counts
            .into_iter()
            .map(|((code, severity), n)| (code.to_string(), severity.to_string(), n))
            .collect()
    }
}
