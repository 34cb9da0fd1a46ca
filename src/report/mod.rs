//! Renderers: one per output format, all reading the same [`Checked`].

pub mod diagnostics;
pub mod json;
pub mod table;

use crate::diag::Diagnostic;
use crate::engine::Run;
use crate::lang::Lang;
use crate::ledger::Ledger;
use crate::ledger::kinds::orgs::OrgIdx;
use crate::rules::Finding;

/// Everything a `check` renderer shows. `run` and `ledger` are `None` when
/// the command line was wrong and nothing could be checked.
pub struct Checked<'a> {
    pub ledger_path: String,
    pub ledger: Option<&'a crate::ledger::Ledger>,
    pub run: Option<&'a Run>,
    pub diagnostics: &'a [Diagnostic],
    pub lang: Lang,
}

impl Checked<'_> {
    pub fn findings(&self) -> &[Finding] {
        self.run.map_or(&[], |run| run.findings.as_slice())
    }
}

pub fn org_id(ledger: &Ledger, org: Option<OrgIdx>) -> Option<&str> {
    org.map(|o| ledger.orgs.org(o).id.as_str())
}

/// Counts for the summary line and the JSON summary. Warnings are those of
/// findings and of diagnostics alike.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub violations: usize,
    pub warnings: usize,
    pub pending: usize,
    pub errors: usize,
}

impl Summary {
    pub fn of(checked: &Checked<'_>) -> Summary {
        let findings = checked.findings();
        let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
        let diagnostic_warnings = checked.diagnostics.iter().filter(|d| !d.is_error()).count();
        Summary {
            violations: count(crate::rules::Severity::Violation),
            warnings: count(crate::rules::Severity::Warning) + diagnostic_warnings,
            pending: count(crate::rules::Severity::Pending),
            errors: checked.diagnostics.iter().filter(|d| d.is_error()).count(),
        }
    }
}
