//! The Chinese command line: the English clap command with the texts of
//! [`super::zh_help`] put in by walking it (`about`, `after_help`, each
//! argument's help and value name, each value's meaning), clap's own
//! headings and its help flag, version flag and help subcommand replaced,
//! and clap's errors said in Chinese ([`Chinese`]). It parses exactly as
//! the English one does: the same ids, the same values.

use std::ffi::OsString;

use clap::builder::{PossibleValue, StyledStr};
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches, Parser};

use super::Cli;
use super::zh_help::{self, ARGS, COMMANDS, VALUES};
use crate::lang::Lang;

/// Reads the command line in the language it asks for (`--lang`, else the
/// locale), so that its help and its errors are in that language; on a
/// wrong command line, or for help, prints and exits as clap does.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = Lang::from_args(&args).unwrap_or_else(Lang::from_env);
    try_parse(args, lang).unwrap_or_else(|error| error.exit())
}

/// A command line that is wrong, or asks for help: clap's error, said in
/// the command line's language.
#[derive(Debug)]
pub enum ParseError {
    English(clap::Error),
    Chinese(clap::error::Error<Chinese>),
}

impl ParseError {
    /// Prints the error (help on stdout, errors on stderr) and exits: 0
    /// for help and version, 2 for a wrong command line.
    pub fn exit(&self) -> ! {
        match self {
            ParseError::English(error) => error.exit(),
            ParseError::Chinese(error) => error.exit(),
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            ParseError::English(error) => error.exit_code(),
            ParseError::Chinese(error) => error.exit_code(),
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::English(error) => error.fmt(f),
            ParseError::Chinese(error) => error.fmt(f),
        }
    }
}

/// [`parse`] of `args` (the program's name first) in `lang`.
pub fn try_parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, ParseError> {
    if lang == Lang::En {
        return Cli::try_parse_from(args).map_err(ParseError::English);
    }
    let mut matches = command().try_get_matches_from(&args).map_err(in_chinese)?;
    if let Some(("help", help)) = matches.subcommand() {
        // `help CMD` is `CMD --help`, which clap answers as a help "error".
        let program = args.first().cloned().unwrap_or_else(|| "taizhang".into());
        let mut again = vec![program];
        // `help help` is the top command's help.
        let command = help.get_one::<String>("command").filter(|c| *c != "help");
        again.extend(command.map(OsString::from));
        again.push("--help".into());
        return try_parse(again, lang);
    }
    Cli::from_arg_matches_mut(&mut matches).map_err(in_chinese)
}

/// A clap error formatted in Chinese (help and version, which clap
/// renders itself, print as they are).
fn in_chinese(error: clap::Error) -> ParseError {
    ParseError::Chinese(error.apply::<Chinese>())
}

/// clap's default template, with the usage heading in Chinese.
fn template() -> String {
    let usage = zh_help::USAGE;
    format!("{{before-help}}{{about-with-newline}}\n{usage}{{usage}}\n\n{{all-args}}{{after-help}}")
}

/// The Chinese command: the English one with every text of the catalogue.
pub fn command() -> Command {
    let command = localize(Cli::command(), "taizhang")
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(zh_help::VERSION_FLAG)
                .help_heading(zh_help::OPTIONS),
        )
        .subcommand(
            Command::new("help")
                .about(zh_help::HELP_COMMAND)
                .disable_help_flag(true)
                .arg(
                    Arg::new("command")
                        .value_name("命令")
                        .help(zh_help::HELP_COMMAND_ARG)
                        .help_heading(zh_help::ARGUMENTS),
                ),
        );
    // clap writes `[OPTIONS]` into every usage line: each is taken from a
    // built copy, with the word in Chinese.
    let mut built = command.clone();
    built.build();
    let usage = |command: &mut Command| {
        let usage = command.render_usage().to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        usage.replace("[OPTIONS]", "[选项]")
    };
    let top = usage(&mut built);
    let subcommands: Vec<(String, String)> = built
        .get_subcommands_mut()
        .map(|sub| (sub.get_name().to_string(), usage(sub)))
        .collect();
    command.override_usage(top).mut_subcommands(|sub| {
        let usage = subcommands
            .iter()
            .find(|(name, _)| name == sub.get_name())
            .map(|(_, usage)| usage.clone());
        match usage {
            Some(usage) => sub.override_usage(usage),
            None => sub,
        }
    })
}

fn localize(command: Command, name: &str) -> Command {
    let (about, after) = command_text(name).unwrap_or_default();
    let mut positionals = 0..;
    let mut command = command
        .about(about)
        .long_about(None)
        .help_template(template())
        .subcommand_help_heading(zh_help::SUBCOMMANDS)
        .subcommand_value_name(zh_help::SUBCOMMANDS)
        .mut_args(|arg| {
            // Under a heading of their own, clap orders arguments by their
            // display order: positionals keep the order they are given in.
            let arg = match arg.is_positional() {
                true => arg.display_order(positionals.next().unwrap_or_default()),
                false => arg,
            };
            localize_arg(arg, name)
        })
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(zh_help::HELP_FLAG)
                .help_heading(zh_help::OPTIONS),
        );
    if let Some(after) = after {
        command = command.after_help(after).after_long_help(None);
    }
    command.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        localize(sub, &name)
    })
}

/// The `about` and `after_help` of a command.
pub fn command_text(name: &str) -> Option<(&'static str, Option<&'static str>)> {
    COMMANDS
        .iter()
        .find(|(command, ..)| *command == name)
        .map(|&(_, about, after)| (about, after))
}

/// An argument's help and value name: its command's own entry, else the
/// entry every command shares.
pub fn arg_text(command: &str, id: &str) -> Option<(&'static str, Option<&'static str>)> {
    let entry = |wanted: &str| {
        ARGS.iter()
            .find(|(c, a, ..)| *c == wanted && *a == id)
            .map(|&(_, _, help, value)| (help, value))
    };
    entry(command).or_else(|| entry("*"))
}

/// What a value of an argument means.
pub fn value_text(command: &str, id: &str, value: &str) -> Option<&'static str> {
    VALUES
        .iter()
        .find(|(c, a, v, _)| *c == command && *a == id && *v == value)
        .map(|&(.., help)| help)
}

fn localize_arg(arg: Arg, command: &str) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let (help, value_name) = arg_text(command, &id).unwrap_or_default();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    // A flag's possible values are clap's own true and false, never shown.
    let takes_values = arg.get_action().takes_values();
    let values: Vec<PossibleValue> = if arg.is_hide_possible_values_set() || !takes_values {
        Vec::new()
    } else {
        arg.get_possible_values()
    };
    let mut notes = Vec::new();
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        notes.push(format!("可选：{}", names.join("、")));
    }
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        notes.push(format!("默认：{}", defaults.join("、")));
    }
    let short = match notes.is_empty() {
        true => help.to_string(),
        false => format!("{help}［{}］", notes.join("；")),
    };
    let described: Vec<String> = values
        .iter()
        .filter(|v| v.get_help().is_some())
        .filter_map(|v| {
            let meaning = value_text(command, &id, v.get_name())?;
            Some(format!("- {}：{meaning}", v.get_name()))
        })
        .collect();
    let heading = match arg.is_positional() {
        true => zh_help::ARGUMENTS,
        false => zh_help::OPTIONS,
    };

    let mut arg = arg
        .help(short.clone())
        .long_help(None)
        .help_heading(heading);
    if takes_values {
        arg = arg.hide_default_value(true).hide_possible_values(true);
    }

    if !described.is_empty() {
        arg = arg.long_help(format!("{short}\n\n可选值：\n{}", described.join("\n")));
    }
    match value_name {
        Some(value_name) => arg.value_name(value_name),
        None => arg,
    }
}

/// clap's errors in Chinese, from their kind and context.
pub struct Chinese;

impl ErrorFormatter for Chinese {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let text = |kind| match error.get(kind) {
            Some(ContextValue::String(text)) => Some(text.clone()),
            Some(ContextValue::Strings(texts)) => Some(texts.join("、")),
            Some(ContextValue::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let arg = text(ContextKind::InvalidArg).unwrap_or_default();
        let value = text(ContextKind::InvalidValue).unwrap_or_default();
        let mut message = match error.kind() {
            ErrorKind::InvalidValue if value.is_empty() => format!("“{arg}”需要一个值，但没有给出"),
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
                format!("“{value}”不是“{arg}”可以取的值")
            }
            ErrorKind::UnknownArgument => format!("无法识别的参数“{arg}”"),
            ErrorKind::InvalidSubcommand => {
                let sub = text(ContextKind::InvalidSubcommand).unwrap_or_default();
                format!("没有“{sub}”这个命令")
            }
            ErrorKind::MissingRequiredArgument => {
                let missing = match error.get(ContextKind::InvalidArg) {
                    Some(ContextValue::Strings(list)) => list.join("\n  "),
                    _ => arg.clone(),
                };
                format!("缺少必需的参数：\n  {missing}")
            }
            ErrorKind::MissingSubcommand => "需要给出一个命令".to_string(),
            ErrorKind::ArgumentConflict => {
                let prior = text(ContextKind::PriorArg).unwrap_or_default();
                if prior.is_empty() || prior == arg {
                    format!("参数“{arg}”不能重复使用")
                } else {
                    format!("参数“{arg}”不能与“{prior}”同时使用")
                }
            }
            ErrorKind::NoEquals => format!("给“{arg}”赋值时要写等号"),
            ErrorKind::TooManyValues => format!("“{arg}”多了一个值“{value}”"),
            ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
                let actual = text(ContextKind::ActualNumValues).unwrap_or_default();
                format!("“{arg}”的值的个数不对：给了 {actual} 个")
            }
            ErrorKind::InvalidUtf8 => "命令行参数不是有效的 UTF-8 文本".to_string(),
            _ => "命令行有误".to_string(),
        };
        let valid = match error.kind() {
            ErrorKind::MissingSubcommand => ContextKind::ValidSubcommand,
            _ => ContextKind::ValidValue,
        };
        if let Some(ContextValue::Strings(list)) = error.get(valid)
            && !list.is_empty()
        {
            message.push_str(&format!("\n  可选：{}", list.join("、")));
        }
        for (kind, what) in [
            (ContextKind::SuggestedSubcommand, "命令"),
            (ContextKind::SuggestedArg, "参数"),
            (ContextKind::SuggestedValue, "取值"),
        ] {
            if let Some(near) = text(kind) {
                message.push_str(&format!("\n\n  提示：有相近的{what}“{near}”"));
            }
        }
        if let Some(ContextValue::StyledStrs(tips)) = error.get(ContextKind::Suggested) {
            for tip in tips {
                message.push_str(&format!("\n  提示：{}", tip_in_chinese(&tip.to_string())));
            }
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
            message.push_str(&format!("\n\n{}{usage}", zh_help::USAGE));
        }
        let mut styled = StyledStr::new();
        styled.push_str(&format!("错误：{message}\n\n更多信息请加 --help 查看。\n"));
        styled
    }
}

/// clap's tips, as far as their form is known; any other is quoted.
fn tip_in_chinese(tip: &str) -> String {
    // "to pass '-x' as a value, use '-- -x'"
    if let Some(rest) = tip.strip_prefix("to pass '")
        && let Some((value, _)) = rest.split_once('\'')
    {
        return format!("要把“{value}”当作值，请写“-- {value}”");
    }
    format!("“{tip}”")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument of the English command line.
    fn walk(command: &Command, name: &str, seen: &mut Vec<(String, String)>) {
        seen.push((name.to_string(), String::new()));
        for arg in command.get_arguments() {
            seen.push((name.to_string(), arg.get_id().to_string()));
        }
        for sub in command.get_subcommands() {
            walk(sub, sub.get_name(), seen);
        }
    }

    #[test]
    fn every_command_argument_and_value_has_its_chinese_text_and_no_more() {
        let english = Cli::command();
        let mut seen = Vec::new();
        walk(&english, "taizhang", &mut seen);
        let mut missing = Vec::new();
        let mut used_shared = Vec::new();
        for (command, id) in &seen {
            if id.is_empty() {
                if command_text(command).is_none() {
                    missing.push(format!("command {command}"));
                }
                continue;
            }
            match arg_text(command, id) {
                None => missing.push(format!("{command} {id}")),
                Some(_) if !ARGS.iter().any(|(c, a, ..)| c == command && a == id) => {
                    used_shared.push(id.clone())
                }
                Some(_) => {}
            }
        }
        assert_eq!(missing, Vec::<String>::new(), "without a Chinese text");
        for (command, id, ..) in ARGS {
            let names_one = match *command {
                "*" => used_shared.iter().any(|u| u == id),
                _ => seen.iter().any(|(c, a)| c == command && a == id),
            };
            assert!(names_one, "the entry {command} {id} names no argument");
        }
        for (command, ..) in COMMANDS {
            assert!(
                seen.iter().any(|(c, a)| c == command && a.is_empty()),
                "the entry {command} names no command"
            );
        }
        // after_help in Chinese exactly where the English has one.
        let mut commands = vec![&english];
        commands.extend(english.get_subcommands());
        for command in commands {
            let name = command.get_name();
            let (_, after) = command_text(name).unwrap();
            assert_eq!(
                after.is_some(),
                command.get_after_help().is_some(),
                "{name}: after_help"
            );
            for arg in command.get_arguments() {
                let described = arg.get_possible_values();
                for value in described.iter().filter(|v| v.get_help().is_some()) {
                    assert!(
                        value_text(name, arg.get_id().as_str(), value.get_name()).is_some(),
                        "{name} {} {}: no Chinese meaning",
                        arg.get_id(),
                        value.get_name()
                    );
                }
            }
        }
        for (command, id, value, _) in VALUES {
            let arg = seen.iter().any(|(c, a)| c == command && a == id);
            let english = english
                .find_subcommand(command)
                .and_then(|c| c.get_arguments().find(|a| a.get_id() == id))
                .is_some_and(|a| {
                    a.get_possible_values()
                        .iter()
                        .any(|v| v.get_name() == *value && v.get_help().is_some())
                });
            assert!(
                arg && english,
                "the entry {command} {id} {value} names no value"
            );
        }
    }

    #[test]
    fn the_chinese_command_line_is_well_formed_and_parses_as_the_english() {
        command().debug_assert();
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        let line = args(&[
            "taizhang", "check", "x", "--year", "2025", "--rule", "EDU01", "--format", "json",
        ]);
        let zh = try_parse(line.clone(), Lang::Zh).unwrap();
        let en = try_parse(line, Lang::En).unwrap();
        assert_eq!(format!("{zh:?}"), format!("{en:?}"));
    }

    #[test]
    fn help_and_errors_are_in_chinese() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        let help = try_parse(args(&["taizhang", "check", "--help"]), Lang::Zh)
            .unwrap_err()
            .to_string();
        assert!(
            help.contains("用法：taizhang check [选项] [目录]"),
            "{help}"
        );
        assert!(
            help.contains("\n参数:\n") && help.contains("\n选项:\n"),
            "{help}"
        );
        assert!(help.contains("- table：供人阅读的表格"), "{help}");
        assert!(help.contains("--year <年份>"), "{help}");
        assert!(
            !help.contains("Usage") && !help.contains("Options"),
            "{help}"
        );
        let short = try_parse(args(&["taizhang", "help", "check"]), Lang::Zh)
            .unwrap_err()
            .to_string();
        assert_eq!(short, help);
        let error =
            try_parse(args(&["taizhang", "check", "--format", "xml"]), Lang::Zh).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        let error = error.to_string();
        assert!(
            error.starts_with(
                "错误：“xml”不是“--format <格式>”可以取的值\n  可选：table、json、csv、markdown"
            ),
            "{error}"
        );
        let near = try_parse(args(&["taizhang", "chek"]), Lang::Zh)
            .unwrap_err()
            .to_string();
        assert!(near.contains("提示：有相近的命令“check”"), "{near}");
    }
}
