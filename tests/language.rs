//! Chinese throughout under `--lang zh`, English that reads as English
//! under `--lang en`: every catalogue entry and the output of every command
//! on the demo county and on the fixture ledgers, walked word by word.
//!
//! Chinese output may hold ASCII words only where they are not words of
//! English prose:
//! - rule codes and diagnostic codes, ids (a word with a digit, a word in
//!   capitals such as the org id `XW`, which also covers acronyms such as
//!   CSV, JSON, HTML, TOML, WPS, BOM), single letters;
//! - file names and paths (`members.csv`, `contacts/东关村.csv`);
//! - what the clerk writes or types, quoted: text in “…”, "…", ‘…’ or
//!   `…` (a header as the file spells it, a TOML line), the source line
//!   and the value found that a diagnostic shows, a command line from
//!   `taizhang` on, an option (`--strict`) and its value;
//! - the keys of taizhang.toml, which the clerk must write in English;
//! - the words of [`ALLOWED`], each with its reason.
//!
//! `columns` lists the spellings a file may hold, English ones included:
//! there the kinds', columns' and values' English names are file content.

use std::collections::BTreeSet;
use std::path::Path;

use clap::CommandFactory;

use crate::util::{fixture_cases, taizhang};

/// Mixed-case ASCII words that Chinese output may hold, and why.
const ALLOWED: &[(&str, &str)] = &[
    ("Excel", "the program clerks keep ledgers in, by its name"),
    ("Windows", "the system clerks use, by its name"),
    (
        "PowerShell",
        "a shell completions are written for, by its name",
    ),
    (
        "Ctrl-C",
        "the keys that stop a program, as keyboards name them",
    ),
    ("git", "the tool --since reads revisions with, by its name"),
    ("Markdown", "a format's name, as --format markdown names it"),
    ("true", "a TOML value the clerk writes in taizhang.toml"),
    ("false", "a TOML value the clerk writes in taizhang.toml"),
];

/// The words beside codes, ids and paths that are not English prose.
struct Vocabulary {
    codes: BTreeSet<String>,
    config_keys: BTreeSet<String>,
    /// Kind, column and value names, allowed in `columns` only.
    spellings: BTreeSet<String>,
    /// Command names, option values: allowed in help and clap's errors.
    command_line: BTreeSet<String>,
}

/// What an output is, for the words it may hold.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    Messages,
    /// `columns`: the spellings a file may hold.
    Columns,
    /// Help and clap's errors: what the command line takes.
    CommandLine,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        let mut codes: BTreeSet<String> = taizhang::diag::Code::ALL
            .iter()
            .map(|c| c.as_str().to_string())
            .collect();
        let rules = crate::util::taizhang(["rules", "--format", "json", DEMO]);
        let rules: serde_json::Value = serde_json::from_str(&rules.stdout).unwrap();
        for rule in rules.as_array().unwrap() {
            codes.insert(rule["code"].as_str().unwrap().to_string());
        }
        use taizhang::config::schema;
        let mut config_keys: BTreeSet<String> =
            schema::SECTIONS.iter().map(|s| s.to_string()).collect();
        for section in [schema::LEDGER, schema::CALENDAR, schema::RULES] {
            config_keys.extend(section.iter().map(|k| k.name.to_string()));
        }
        config_keys.extend(
            taizhang::rules::settings()
                .iter()
                .map(|(s, _)| s.key.to_string()),
        );
        use taizhang::rules::cadence::spec::{KEYS, ORGS_KEYS};
        config_keys.extend(KEYS.iter().chain(ORGS_KEYS).map(|k| k.name.to_string()));
        let mut spellings = BTreeSet::new();
        for &kind in taizhang::ledger::Kind::ALL {
            spellings.insert(kind.name().to_string());
            spellings.insert("all".to_string());
            for column in kind.columns() {
                spellings.insert(column.name.to_string());
            }
            for enumeration in taizhang::ledger::vocabulary::enumerations(kind) {
                for (value, _) in enumeration.values {
                    spellings.insert(value.to_string());
                }
            }
        }
        let mut command_line = BTreeSet::new();
        let mut commands = vec![taizhang::cli::Cli::command()];
        while let Some(command) = commands.pop() {
            command_line.insert(command.get_name().to_string());
            for arg in command.get_arguments() {
                command_line.extend(arg.get_long().map(str::to_string));
                for value in arg.get_possible_values() {
                    command_line.insert(value.get_name().to_string());
                }
                for value in arg.get_default_values() {
                    command_line.insert(value.to_string_lossy().into_owned());
                }
            }
            commands.extend(command.get_subcommands().cloned());
        }
        // The help command clap adds.
        command_line.insert("help".to_string());
        Vocabulary {
            codes,
            config_keys,
            spellings,
            command_line,
        }
    }

    fn allows(&self, word: &str, context: Context) -> bool {
        let letters: Vec<char> = word.chars().filter(char::is_ascii_alphabetic).collect();
        word.chars().any(|c| c.is_ascii_digit())
            || letters.len() <= 1
            || letters.iter().all(char::is_ascii_uppercase)
            || self.codes.contains(word)
            || self.codes.contains(&word.to_ascii_uppercase())
            || self.config_keys.contains(word)
            || ALLOWED.iter().any(|(allowed, _)| *allowed == word)
            || (context == Context::Columns && self.spellings.contains(word))
            || (context == Context::CommandLine && self.command_line.contains(word))
    }
}

const DEMO: &str = "examples/demo-county";

/// Separators of chunks: white space, Chinese punctuation, table borders
/// and the ASCII punctuation a path does not need.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || "，。：；、（）《》？！【】…—·＝＜＞,;()<>[]{}=|!?:".contains(c)
        || ('\u{2500}'..='\u{257f}').contains(&c)
}

fn is_path(chunk: &str) -> bool {
    let lower = chunk.to_ascii_lowercase();
    chunk.contains('/')
        || chunk.contains('\\')
        || [
            ".csv", ".toml", ".xlsx", ".xlsm", ".xls", ".ods", ".txt", ".md", ".json", ".html",
            ".bat", ".snap", ".1",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext) || lower.contains(&format!("{ext}[")))
}

/// The text with every quoted passage taken out (“…” may nest: the seed
/// quotes “三会一课” within its own words).
fn unquoted(line: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    let mut depth = 0;
    for c in line.chars() {
        match closing {
            Some('”') if c == '“' => depth += 1,
            Some('”') if c == '”' && depth > 0 => depth -= 1,
            Some(close) if c == close => closing = None,
            Some(_) => {}
            None => match c {
                '“' => closing = Some('”'),
                '‘' => closing = Some('’'),
                '「' => closing = Some('」'),
                '"' | '`' => closing = Some(c),
                _ => out.push(c),
            },
        }
    }
    out
}

/// Whether a line of a rendered diagnostic shows the ledger's own text:
/// a source line (`12 | …`) or the value found.
fn shows_file_content(line: &str) -> bool {
    let trimmed = line.trim_start();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && trimmed[digits..].trim_start().starts_with('|'))
        || trimmed.starts_with("= 实际值:")
        || trimmed.starts_with("= found:")
}

/// The ASCII words of Chinese `text` that are English prose.
fn stray_english(text: &str, vocabulary: &Vocabulary, context: Context) -> Vec<String> {
    let mut stray = Vec::new();
    for line in text.lines().filter(|l| !shows_file_content(l)) {
        let line = unquoted(line);
        // (chunk, whether a separator other than white space precedes it)
        let mut chunks: Vec<(String, bool)> = Vec::new();
        let mut current = String::new();
        let mut hard = false;
        for c in line.chars() {
            if is_separator(c) {
                if !current.is_empty() {
                    chunks.push((std::mem::take(&mut current), hard));
                    hard = false;
                }
                hard |= !c.is_whitespace();
            } else {
                current.push(c);
            }
        }
        if !current.is_empty() {
            chunks.push((current, hard));
        }
        let mut command = false;
        let mut after_option = false;
        for (chunk, hard) in chunks {
            let ascii = chunk.is_ascii();
            command = (command && ascii && !hard) || chunk == "taizhang";
            let option_value = after_option && ascii && !hard && !chunk.starts_with('-');
            after_option = chunk.starts_with('-') && ascii;
            if command || after_option || option_value || is_path(&chunk) {
                continue;
            }
            for word in chunk
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .map(|w| w.trim_matches('-'))
                .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
            {
                if !vocabulary.allows(word, context) {
                    stray.push(word.to_string());
                }
            }
        }
    }
    stray
}

/// Outputs to walk: (what was run, what it is, its text).
type Outputs = Vec<(String, Context, String)>;

/// Runs `args` in `lang` and keeps stdout and stderr.
fn run(outputs: &mut Outputs, lang: &str, args: &[&str], context: Context) {
    let context = match (args.first(), context) {
        (Some(&"columns"), Context::Messages) => Context::Columns,
        _ => context,
    };
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--lang", lang]);
    let output = taizhang(&all);
    let what = args.join(" ");
    outputs.push((format!("{what} (stdout)"), context, output.stdout));
    outputs.push((format!("{what} (stderr)"), context, output.stderr));
}

/// The text a page shows: without its scripts and styles, a line per
/// element.
fn html_text(page: &str) -> String {
    let mut text = page.to_string();
    for element in ["script", "style"] {
        while let Some(start) = text.find(&format!("<{element}")) {
            let close = format!("</{element}>");
            let end = text[start..]
                .find(&close)
                .map_or(text.len(), |at| start + at + close.len());
            text.replace_range(start..end, "");
        }
    }
    let mut shown = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                shown.push('\n');
            }
            _ if !in_tag => shown.push(c),
            _ => {}
        }
    }
    shown
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The strings of a JSON document that are messages for people.
fn json_messages(value: &serde_json::Value, out: &mut Vec<String>) {
    const MESSAGES: &[&str] = &[
        "message",
        "reason",
        "hint",
        "expected",
        "consequence",
        "requirement",
        "explain",
        "title",
        "heading",
        "note",
    ];
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match value {
                    serde_json::Value::String(text) if MESSAGES.contains(&key.as_str()) => {
                        out.push(text.clone())
                    }
                    other => json_messages(other, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| json_messages(i, out)),
        _ => {}
    }
}

fn report_stray(outputs: &Outputs, vocabulary: &Vocabulary) -> Vec<String> {
    let mut failures = Vec::new();
    for (what, context, text) in outputs {
        let text = if what.contains("--format html") && what.ends_with("(stdout)") {
            html_text(text)
        } else if what.contains("--format json") && what.ends_with("(stdout)") {
            let mut messages = Vec::new();
            if let Ok(json) = serde_json::from_str(text) {
                json_messages(&json, &mut messages);
            }
            messages.join("\n")
        } else {
            text.clone()
        };
        let mut stray = stray_english(&text, vocabulary, *context);
        stray.sort();
        stray.dedup();
        if !stray.is_empty() {
            failures.push(format!("{what}: {}", stray.join(" ")));
        }
    }
    failures
}

#[test]
fn the_checker_finds_english_in_chinese_and_lets_codes_ids_and_paths_pass() {
    let vocabulary = Vocabulary::new();
    let stray = |text: &str| stray_english(text, &vocabulary, Context::Messages);
    assert_eq!(stray("MOB01 流出登记缺少：residence"), ["residence"]);
    assert_eq!(
        stray("评议等次为 basically_qualified"),
        ["basically_qualified"]
    );
    assert_eq!(stray("Usage: taizhang check [OPTIONS]"), ["Usage"]);
    assert_eq!(
        stray("TOML 语法错误：unclosed table, expected `]`"),
        ["unclosed", "table", "expected"]
    );
    assert!(stray("EDU01 M0001 XW b1 members.csv:2:16 contacts/东关村.csv").is_empty());
    assert!(
        stray("错误[unknown-member]: “hours”列 --format json 可用 taizhang init 目录名").is_empty()
    );
    assert!(stray("2 | 2025-03-03,,1,,M1;M9\n  = 实际值: M1;M9").is_empty());
    assert!(stray("“prorate”应为 true 或 false；policy.study_days 用 Excel 打开").is_empty());
    assert_eq!(
        stray("taizhang rules 列出所有规则, then more"),
        ["then", "more"]
    );
    assert_eq!(
        stray_english("取值：basically_qualified", &vocabulary, Context::Columns),
        Vec::<String>::new()
    );
}

/// The outputs of every command in `lang`: the catalogues, the help, and
/// every command on the demo county and on the fixture ledgers.
fn every_output(lang: &str) -> Outputs {
    let mut outputs: Outputs = Vec::new();
    let run_zh = |outputs: &mut Outputs, args: &[&str]| run(outputs, lang, args, Context::Messages);
    let run_zh_as =
        |outputs: &mut Outputs, args: &[&str], context| run(outputs, lang, args, context);
    // The catalogues: every diagnostic code's entry, every rule's texts.
    for code in taizhang::diag::Code::ALL {
        run_zh(&mut outputs, &["explain", code.as_str()]);
    }
    let rules = taizhang(["rules", "--format", "json", DEMO]);
    let rules: serde_json::Value = serde_json::from_str(&rules.stdout).unwrap();
    for rule in rules.as_array().unwrap() {
        run_zh(
            &mut outputs,
            &["explain", rule["code"].as_str().unwrap(), DEMO],
        );
    }
    run_zh(&mut outputs, &["explain", "EDU99", DEMO]);
    // Help: every command, short and long, and clap's own errors.
    let command = taizhang::cli::Cli::command();
    let mut names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    names.push(String::new());
    for name in &names {
        for flag in ["-h", "--help"] {
            let args: Vec<&str> = [name.as_str(), flag]
                .into_iter()
                .filter(|a| !a.is_empty())
                .collect();
            run_zh_as(&mut outputs, &args, Context::CommandLine);
        }
    }
    for args in [
        &["help", "check"][..],
        &["check", "--formt", "json"],
        &["check", "--format", "xml"],
        &["status"],
        &["chek"],
        &["report", "--name", "x"],
        &[],
        &["--version"],
    ] {
        run_zh_as(&mut outputs, args, Context::CommandLine);
    }
    // Every command on the demo county.
    for format in ["table", "csv", "markdown", "json"] {
        run_zh(&mut outputs, &["check", DEMO, "--format", format]);
    }
    for format in ["html", "markdown", "csv", "json"] {
        run_zh(&mut outputs, &["report", DEMO, "--format", format]);
        run_zh(
            &mut outputs,
            &["report", DEMO, "--aggregate", "--format", format],
        );
    }
    for format in ["table", "markdown", "json"] {
        run_zh(&mut outputs, &["rules", DEMO, "--format", format]);
        run_zh(&mut outputs, &["due", DEMO, "--format", format]);
        for id in ["M0120", "CG01"] {
            run_zh(&mut outputs, &["status", id, DEMO, "--format", format]);
        }
    }
    run_zh(&mut outputs, &["status", "M9999", DEMO]);
    for format in ["table", "markdown"] {
        run_zh(&mut outputs, &["columns", "all", DEMO, "--format", format]);
    }
    run_zh(&mut outputs, &["columns", "nosuch"]);
    run_zh(&mut outputs, &["man", "nosuch"]);
    run_zh(&mut outputs, &["check", DEMO, "--rule", "EDU1"]);
    run_zh(&mut outputs, &["check", DEMO, "--org", "CG0l"]);
    run_zh(&mut outputs, &["check", DEMO, "--baseline", "README.md"]);
    run_zh(&mut outputs, &["report", "--merge", "README.md"]);
    run_zh(
        &mut outputs,
        &["report", DEMO, "-o", "examples/demo-county/x.html"],
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("台账");
    crate::util::copy_dir(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(DEMO).as_path(),
        &copy,
    );
    let copy = copy.to_str().unwrap();
    run_zh(&mut outputs, &["fmt", copy, "--check"]);
    run_zh(&mut outputs, &["fmt", copy]);
    let fresh = dir.path().join("新台账");
    let fresh = fresh.to_str().unwrap();
    run_zh(&mut outputs, &["init", fresh]);
    run_zh(&mut outputs, &["init", fresh]);
    run_zh(&mut outputs, &["check", fresh]);
    let book = dir.path().join("工作簿");
    run_zh(&mut outputs, &["init", book.to_str().unwrap(), "--xlsx"]);
    run_zh(&mut outputs, &["fmt", book.to_str().unwrap(), "--check"]);
    // Every fixture ledger: the bad inputs and the rules' cases.
    for corpus in ["bad", "rules"] {
        for (_, dir, case) in fixture_cases(corpus) {
            let ledger = case.ledger.as_ref().map_or(dir.clone(), |l| dir.join(l));
            let mut args = vec!["check".to_string(), ledger.to_string_lossy().into_owned()];
            args.extend(case.args.iter().cloned());
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            run_zh(&mut outputs, &args);
        }
    }
    outputs
}

#[test]
fn chinese_output_holds_no_english_words() {
    let vocabulary = Vocabulary::new();
    let outputs = every_output("zh");
    let failures = report_stray(&outputs, &vocabulary);
    assert!(
        failures.is_empty(),
        "English words in {} of {} Chinese outputs:\n{}",
        failures.len(),
        outputs.len(),
        failures.join("\n")
    );
}

/// The Chinese that English output may hold: names (of the orgs and
/// members of every ledger walked, of the rules, the seed's sections) and
/// what a file may hold (the Chinese spellings of kinds, headers and
/// values), each as its runs of Chinese characters.
fn chinese_names() -> BTreeSet<String> {
    let mut names = Vec::<String>::new();
    for &kind in taizhang::ledger::Kind::ALL {
        names.extend(kind.chinese_names().iter().map(|n| n.to_string()));
        for column in kind.columns() {
            names.extend(column.aliases.iter().map(|a| a.to_string()));
        }
        for enumeration in taizhang::ledger::vocabulary::enumerations(kind) {
            for (_, chinese) in enumeration.values {
                names.extend(chinese.iter().map(|c| c.to_string()));
            }
        }
    }
    let rules = taizhang(["rules", "--format", "json", DEMO]);
    let rules: serde_json::Value = serde_json::from_str(&rules.stdout).unwrap();
    for rule in rules.as_array().unwrap() {
        for key in ["title", "cite"] {
            names.push(rule[key].as_str().unwrap().to_string());
        }
    }
    let mut ledgers = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(DEMO)];
    for corpus in ["bad", "rules"] {
        for (_, dir, case) in fixture_cases(corpus) {
            ledgers.push(case.ledger.as_ref().map_or(dir.clone(), |l| dir.join(l)));
        }
    }
    for dir in ledgers {
        let args = taizhang::cli::LedgerArgs {
            dir,
            year: Some("2025".to_string()),
            as_of: None,
            org: None,
            strict: false,
            show_personal: false,
        };
        let lang = taizhang::lang::Lang::En;
        if let Ok(opened) = taizhang::commands::open(&args, lang, &[], |_, _| {}) {
            let ledger = &opened.ledger;
            names.extend(opened.config.ledger_name.clone());
            names.extend(
                ledger
                    .orgs
                    .indices()
                    .map(|o| ledger.orgs.org(o).name.clone()),
            );
            names.extend(
                ledger
                    .members
                    .indices()
                    .map(|m| ledger.members.member(m).name.to_string()),
            );
        }
    }
    names.iter().flat_map(|name| han_runs(name)).collect()
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

/// The runs of Chinese characters of `text`.
fn han_runs(text: &str) -> Vec<String> {
    text.split(|c: char| !is_han(c))
        .filter(|run| !run.is_empty())
        .map(str::to_string)
        .collect()
}

/// The Chinese words of English `text` that are no name, no id and no
/// quoted file content.
fn stray_chinese(text: &str, names: &BTreeSet<String>) -> Vec<String> {
    let mut stray = Vec::new();
    for line in text.lines().filter(|l| !shows_file_content(l)) {
        let line = unquoted(line);
        for chunk in line.split(is_separator).filter(|c| !is_path(c)) {
            stray.extend(
                han_runs(chunk)
                    .into_iter()
                    .filter(|run| !names.contains(run)),
            );
        }
    }
    stray
}

#[test]
fn english_output_holds_no_chinese_but_names_and_file_contents() {
    let names = chinese_names();
    assert_eq!(
        stray_chinese("graded basically qualified 违规 M0120 吴亮", &names),
        ["违规"]
    );
    let outputs = every_output("en");
    let mut failures = Vec::new();
    for (what, _, text) in &outputs {
        let text = match what.contains("--format html") {
            true => html_text(text),
            false => text.clone(),
        };
        let mut stray = stray_chinese(&text, &names);
        stray.sort();
        stray.dedup();
        if !stray.is_empty() {
            failures.push(format!("{what}: {}", stray.join(" ")));
        }
    }
    assert!(
        failures.is_empty(),
        "Chinese words in {} of {} English outputs:\n{}",
        failures.len(),
        outputs.len(),
        failures.join("\n")
    );
}
