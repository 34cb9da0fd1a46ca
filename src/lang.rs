//! Output language: every message a clerk reads exists in Chinese and English.

use std::ffi::OsString;

use clap::ValueEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The language named by the locale variables, as `gettext` reads them:
    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`; Chinese for `zh*`, else
    /// English. Windows sets none of them: there the user's display
    /// language decides.
    pub fn from_env() -> Lang {
        let named = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|value| !value.is_empty());
        match named {
            Some(value) => Lang::of_locale(&value),
            None => Lang::of_system(),
        }
    }

    /// The language of a locale name such as `zh_CN.UTF-8`.
    pub fn of_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language of the user's Windows display language (a Chinese
    /// Windows says so by `LANG_CHINESE` in the language id's low ten bits).
    #[cfg(windows)]
    fn of_system() -> Lang {
        const LANG_CHINESE: u16 = 0x04;
        // SAFETY: a system call without arguments that only returns a number.
        let id = unsafe { windows_sys::Win32::Globalization::GetUserDefaultUILanguage() };
        if id & 0x3ff == LANG_CHINESE {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    #[cfg(not(windows))]
    fn of_system() -> Lang {
        Lang::En
    }

    /// The language `--lang` asks for on a command line, read before the
    /// command line is parsed (its help and its errors are in that
    /// language): `--lang zh` or `--lang=zh`, the last one winning, up to
    /// a `--` that ends the options.
    pub fn from_args(args: &[OsString]) -> Option<Lang> {
        let mut found = None;
        let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(arg) = args.next() {
            let value = match arg.as_ref() {
                "--" => break,
                "--lang" => args.next().map(|v| v.into_owned()),
                other => other.strip_prefix("--lang=").map(str::to_string),
            };
            found = match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
                Some("zh") => Some(Lang::Zh),
                Some("en") => Some(Lang::En),
                _ => found,
            };
        }
        found
    }

    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// `n` and an English noun, singular for one: `count(1, "member",
/// "members")` is "1 member".
pub fn count(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    let noun = if n == "1" { one } else { many };
    format!("{n} {noun}")
}

/// The plural of an English noun phrase, by its last word (`branch
/// assembly` → `branch assemblies`); a phrase in another script, such as a
/// ledger's own Chinese event kind, stays as it is.
pub fn plural(noun: &str) -> String {
    if !noun.is_ascii() || noun.is_empty() {
        return noun.to_string();
    }
    let consonant_y =
        noun.ends_with('y') && !noun[..noun.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if noun.ends_with(['s', 'x']) || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// `n` and an English noun phrase, in the plural unless `n` is one.
pub fn counted(n: impl std::fmt::Display, noun: &str) -> String {
    count(n, noun, &plural(noun))
}

/// `t!(lang, "中文 {x}", "English {x}")` formats the string of `lang`; both
/// strings capture the same variables from the calling scope.
#[macro_export]
macro_rules! t {
    ($lang:expr, $zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::lang::Lang::Zh => format!($zh $(, $arg)*),
            $crate::lang::Lang::En => format!($en $(, $arg)*),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        assert_eq!(Lang::from_args(&args(&["taizhang", "check"])), None);
        assert_eq!(
            Lang::from_args(&args(&["taizhang", "--lang", "zh", "check", "-h"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            Lang::from_args(&args(&["taizhang", "check", "--lang=EN"])),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_args(&args(&["taizhang", "--lang", "zh", "--lang", "en"])),
            Some(Lang::En)
        );
        // An unknown value is clap's to reject; a path after `--` is no option.
        assert_eq!(Lang::from_args(&args(&["taizhang", "--lang", "fr"])), None);
        assert_eq!(
            Lang::from_args(&args(&["taizhang", "check", "--", "--lang=zh"])),
            None
        );
    }

    #[test]
    fn locales_name_their_language() {
        assert_eq!(Lang::of_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::of_locale("zh_TW"), Lang::Zh);
        assert_eq!(Lang::of_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::of_locale("C"), Lang::En);
    }

    #[test]
    fn english_counts_agree_in_number() {
        assert_eq!(count(1, "member", "members"), "1 member");
        assert_eq!(count(2, "member", "members"), "2 members");
        assert_eq!(count(0, "time", "times"), "0 times");
        assert_eq!(count(1.5, "day", "days"), "1.5 days");
        assert_eq!(counted(0, "branch assembly"), "0 branch assemblies");
        assert_eq!(counted(1, "special study"), "1 special study");
        assert_eq!(counted(2, "theme day"), "2 theme days");
        assert_eq!(counted(3, "inspection"), "3 inspections");
        assert_eq!(counted(2, "联欢会"), "2 联欢会");
    }
}
