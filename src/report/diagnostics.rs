//! Diagnostics for people: one block each, with where, what was found, what
//! was expected and how to fix it.

use std::io::{self, Write};

use crate::diag::Diagnostic;
use crate::lang::Lang;

pub fn write_human(out: &mut dyn Write, diagnostics: &[Diagnostic], lang: Lang) -> io::Result<()> {
    for diagnostic in diagnostics {
        let severity = diagnostic.severity.label(lang);
        writeln!(
            out,
            "{severity}[{}]: {}",
            diagnostic.code.as_str(),
            diagnostic.message
        )?;
        if let Some(position) = diagnostic.position() {
            writeln!(out, "  --> {position}")?;
        }
        let details = [
            (lang.pick("列", "column"), &diagnostic.field),
            (lang.pick("实际值", "found"), &diagnostic.found),
            (lang.pick("应为", "expected"), &diagnostic.expected),
            (lang.pick("提示", "hint"), &diagnostic.hint),
        ];
        for (label, value) in details {
            if let Some(value) = value {
                writeln!(out, "   = {label}: {value}")?;
            }
        }
    }
    Ok(())
}
