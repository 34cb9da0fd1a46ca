//! `taizhang completions SHELL` and `taizhang man`: generated from the
//! command line, so they know every command and option.

use std::process::Command;

use crate::util::taizhang;

const COMMANDS: &[&str] = &[
    "check",
    "report",
    "rules",
    "explain",
    "columns",
    "init",
    "completions",
    "man",
];

#[test]
fn every_shell_gets_a_script_that_knows_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = taizhang(["completions", shell]);
        assert_eq!((output.code, output.stderr.as_str()), (0, ""), "{shell}");
        for command in COMMANDS {
            assert!(output.stdout.contains(command), "{shell} lacks {command}");
        }
        assert!(output.stdout.contains("--as-of"), "{shell} lacks --as-of");
    }
}

#[test]
fn bash_completes_commands_and_option_values() {
    let script = taizhang(["completions", "bash"]).stdout;
    // As bash calls it: the command, the word being completed, the one before.
    let complete = |words: &str, current: usize| {
        let program = format!(
            "{script}\nCOMP_WORDS=({words} ''); COMP_CWORD={current}; COMP_LINE=\"{words}\"; COMP_POINT=${{#COMP_LINE}}; _taizhang taizhang \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let output = Command::new("bash")
            .args(["-c", &program])
            .output()
            .expect("bash runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut words: Vec<String> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        words.sort();
        words
    };
    assert_eq!(complete("taizhang ch", 1), ["check"]);
    assert_eq!(
        complete("taizhang check --format", 3),
        ["csv", "json", "markdown", "table"]
    );
}

#[test]
fn man_prints_the_page_of_taizhang_and_of_each_command() {
    let output = taizhang(["man"]);
    assert_eq!(output.code, 0);
    assert!(
        output.stdout.contains(".TH taizhang 1"),
        "{}",
        output.stdout
    );
    for command in COMMANDS {
        assert!(
            output.stdout.contains(&format!("taizhang\\-{command}(1)")),
            "{command}"
        );
    }
    let check = taizhang(["man", "check"]);
    assert_eq!(check.code, 0);
    assert!(check.stdout.contains(".TH taizhang-check 1"));
    assert!(check.stdout.contains("\\-\\-as\\-of"));
    let page = std::fs::read_to_string(crate::util::fixture("../../docs/man/taizhang-check.1"))
        .expect("docs/man/taizhang-check.1 is kept");
    assert_eq!(check.stdout, page);
}

#[test]
fn man_of_no_command_is_a_command_line_error() {
    let output = taizhang(["man", "chek", "--lang", "zh"]);
    assert_eq!(output.code, 2);
    assert!(
        output.stderr.contains("没有“chek”这个命令"),
        "{}",
        output.stderr
    );
    assert!(
        output.stderr.contains("提示: 是不是“check”？"),
        "{}",
        output.stderr
    );
    assert!(output.stdout.is_empty());
}
