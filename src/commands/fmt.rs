//! `taizhang fmt [DIR] [--check]`: every ledger file in its canonical form
//! (`ledger::write`). The ledger is loaded first: a file with an input
//! error is left as it is and named, since what it means is in doubt;
//! with an error in taizhang.toml (whose maps say what the headers mean)
//! nothing is written. Each file is written atomically, and only when its
//! canonical form differs.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;

use crate::cli::{FmtArgs, LedgerArgs};
use crate::diag::{Diagnostic, Diags};
use crate::lang::{Lang, counted};
use crate::ledger::discover::{self, POLICY_FILE};
use crate::ledger::write::{self, Keep};
use crate::report::diagnostics;
use crate::{Exit, t};

/// What fmt does with one file.
enum Action {
    Same,
    Rewrite(PathBuf, Vec<u8>),
    /// Left as it is: input errors (how many), or another reason.
    Errors(usize),
    Kept(Keep),
}

pub fn run(
    args: &FmtArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let root = args.dir.as_path();
    let color = diagnostics::stderr_wants_color();
    let ledger_args = LedgerArgs {
        dir: args.dir.clone(),
        year: None,
        as_of: None,
        org: None,
        strict: false,
        show_personal: false,
    };
    let opened = match super::open(&ledger_args, lang, &[], |_, _| {}) {
        Ok(opened) => opened,
        Err(diags) => {
            diagnostics::write_human_with_source(err, &diags.into_sorted(), lang, root, color)?;
            return Ok(Exit::Invalid);
        }
    };
    let found = opened.diags.into_sorted();
    let errors: Vec<&Diagnostic> = found.iter().filter(|d| d.is_error()).collect();
    if errors
        .iter()
        .any(|d| d.location.file.as_deref() == Some(POLICY_FILE))
    {
        let errors: Vec<Diagnostic> = errors.into_iter().cloned().collect();
        diagnostics::write_human_with_source(err, &errors, lang, root, color)?;
        writeln!(
            out,
            "{}",
            t!(
                lang,
                "{POLICY_FILE} 有错误，它决定表头的含义：没有改写任何文件",
                "{POLICY_FILE} has errors, and it says what the headers mean: no file was rewritten"
            )
        )?;
        return Ok(Exit::Invalid);
    }
    let in_error: BTreeSet<&str> = errors
        .iter()
        .filter_map(|d| d.location.file.as_deref())
        .collect();
    let root_resolved = fs::canonicalize(root)?;
    let mut plan: Vec<(String, Action)> = Vec::new();
    let found_files = discover::discover(root, &mut Diags::new(lang));
    for (&kind, paths) in &found_files.files {
        for source in paths {
            let shown = source.shown();
            let action = if in_error.contains(shown.as_str()) {
                let count = errors
                    .iter()
                    .filter(|d| d.location.file.as_deref() == Some(&shown))
                    .count();
                Action::Errors(count)
            } else {
                let full = root.join(&source.path);
                match write::canonical(kind, &full, opened.config.maps.kind(kind)) {
                    Err(keep) => Action::Kept(keep),
                    Ok(bytes) => match fs::canonicalize(&full) {
                        // A link is written through, to a file inside the ledger only.
                        Ok(target) if target.starts_with(&root_resolved) => {
                            if fs::read(&target).is_ok_and(|now| now == bytes) {
                                Action::Same
                            } else {
                                Action::Rewrite(target, bytes)
                            }
                        }
                        _ => Action::Kept(Keep::Outside),
                    },
                }
            };
            plan.push((shown, action));
        }
    }
    plan.sort_by(|a, b| a.0.cmp(&b.0));
    let in_error_files: Vec<Diagnostic> = errors
        .iter()
        .filter(|d| {
            d.location
                .file
                .as_deref()
                .is_some_and(|f| in_error.contains(f))
        })
        .map(|d| (*d).clone())
        .collect();
    diagnostics::write_human_with_source(err, &in_error_files, lang, root, color)?;
    let (mut rewritten, mut same, mut kept) = (0, 0, 0);
    for (shown, action) in &plan {
        match action {
            Action::Same => same += 1,
            Action::Rewrite(target, bytes) => {
                rewritten += 1;
                if args.check {
                    writeln!(
                        out,
                        "{}",
                        t!(lang, "需要整理 {shown}", "not canonical: {shown}")
                    )?;
                } else {
                    super::output::write_atomically(target, bytes)
                        .with_context(|| t!(lang, "无法写入 {shown}", "cannot write {shown}"))?;
                    writeln!(out, "{}", t!(lang, "已整理 {shown}", "rewrote {shown}"))?;
                }
            }
            Action::Errors(count) => {
                kept += 1;
                let errors = counted(count, "input error");
                writeln!(
                    out,
                    "{}",
                    t!(
                        lang,
                        "保留原样 {shown}：有 {count} 个输入错误（见上；taizhang check 列出全部）",
                        "left as it is: {shown}: {errors} (above; taizhang check lists them all)"
                    )
                )?;
            }
            Action::Kept(keep) => {
                kept += 1;
                let reason = keep.reason(lang);
                writeln!(
                    out,
                    "{}",
                    t!(
                        lang,
                        "保留原样 {shown}：{reason}",
                        "left as it is: {shown}: {reason}"
                    )
                )?;
            }
        }
    }
    let files = counted(rewritten, "file");
    let summary = match args.check {
        true => t!(
            lang,
            "需要整理 {rewritten} 个文件，已是规范格式 {same} 个，保留原样 {kept} 个",
            "{files} to rewrite, {same} canonical, {kept} left as they are"
        ),
        false => t!(
            lang,
            "整理了 {rewritten} 个文件，已是规范格式 {same} 个，保留原样 {kept} 个",
            "{files} rewritten, {same} canonical, {kept} left as they are"
        ),
    };
    writeln!(out, "{summary}")?;
    Ok(
        if plan.iter().any(|(_, a)| matches!(a, Action::Errors(_))) {
            Exit::Invalid
        } else if args.check && rewritten > 0 {
            Exit::Violations
        } else {
            Exit::Clean
        },
    )
}
