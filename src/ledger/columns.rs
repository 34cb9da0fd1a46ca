//! Column headers with their Chinese aliases, and enumeration values with
//! their Chinese spellings. Each kind declares its columns with `columns!`.

use crate::lang::Lang;
use crate::text::decode::{fold_width, trim};

/// Personal data is masked in every output unless `--show-personal`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Personal {
    No,
    Phone,
    IdNumber,
}

#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
    pub personal: Personal,
}

impl Column {
    pub const fn required(name: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            name,
            aliases,
            required: true,
            personal: Personal::No,
        }
    }

    pub const fn optional(name: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            name,
            aliases,
            required: false,
            personal: Personal::No,
        }
    }

    pub const fn personal(self, personal: Personal) -> Column {
        Column { personal, ..self }
    }

    /// Whether a header cell (or TOML key) names this column: the English
    /// name in any case, or a Chinese alias; a trailing `*` (the templates'
    /// mark of a required column) and full-width forms are ignored.
    pub fn matches(&self, header: &str) -> bool {
        self.is_named(&normalize_header(header))
    }

    /// Whether a header already passed through [`normalize_header`] names
    /// this column.
    pub fn is_named(&self, header: &str) -> bool {
        header.eq_ignore_ascii_case(self.name) || self.aliases.contains(&header)
    }

    /// How messages name the column: its Chinese header (the first
    /// alias) under zh, its English name under en.
    pub fn title(&self, lang: Lang) -> &'static str {
        match (lang, self.aliases.first()) {
            (Lang::Zh, Some(alias)) => alias,
            _ => self.name,
        }
    }
}

/// A header as columns are matched against it: trimmed, full-width forms
/// folded, and without the trailing `*` that marks a required column.
pub fn normalize_header(header: &str) -> String {
    let folded = fold_width(trim(header));
    trim(folded.trim_end_matches(['*', '＊'])).to_string()
}

/// A cell's text as enumeration values are matched against it: trimmed,
/// full-width forms folded.
pub fn normalize_value(text: &str) -> String {
    trim(&fold_width(trim(text))).to_string()
}

/// The columns of one kind, as an enum whose discriminants index `COLUMNS`.
pub trait ColumnSet: Copy {
    const COLUMNS: &'static [Column];
    fn index(self) -> usize;
}

/// Declares a kind's columns: `columns! { pub enum OrgCol { Id = Column::required("id", &["组织编号"]), } }`.
macro_rules! columns {
    ($vis:vis enum $name:ident { $($variant:ident = $column:expr,)+ }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name { $($variant,)+ }

        impl $crate::ledger::columns::ColumnSet for $name {
            const COLUMNS: &'static [$crate::ledger::columns::Column] = &[$($column,)+];
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}
pub(crate) use columns;

/// An enumeration whose values a ledger may spell in English or Chinese.
pub trait Choice: Copy + 'static {
    /// Each value with its English spelling and its Chinese spellings.
    const CHOICES: &'static [(Self, &'static str, &'static [&'static str])];

    fn parse(text: &str) -> Option<Self> {
        let folded = fold_width(trim(text));
        let text = folded.as_ref();
        Self::CHOICES.iter().find_map(|&(value, english, chinese)| {
            (english.eq_ignore_ascii_case(text) || chinese.contains(&text)).then_some(value)
        })
    }

    /// The spelling a rejected text was most likely meant as.
    fn nearest(text: &str) -> Option<&'static str> {
        let spellings = Self::CHOICES.iter().flat_map(|&(_, english, chinese)| {
            std::iter::once(english).chain(chinese.iter().copied())
        });
        crate::text::suggest::closest(text, spellings)
    }

    /// "Did you mean …?" for a rejected text, when one spelling is near.
    fn suggestion(text: &str, lang: Lang) -> Option<String> {
        let nearest = Self::nearest(text)?;
        Some(crate::diag::did_you_mean(
            lang,
            &crate::diag::quoted(lang, nearest),
        ))
    }

    /// The accepted spellings, for the message that rejects a value:
    /// under zh the Chinese ones, under en the English value with them.
    fn spellings(lang: Lang) -> String {
        let values: Vec<(&str, &[&str])> = Self::CHOICES
            .iter()
            .map(|&(_, english, chinese)| (english, chinese))
            .collect();
        super::vocabulary::spellings(&values, lang)
    }
}

/// Declares an enumeration and its spellings:
/// `choice! { pub enum Status { Full = "full" | "正式党员", } }`.
macro_rules! choice {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident = $english:literal $(| $chinese:literal)*,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $($variant,)+ }

        impl $crate::ledger::columns::Choice for $name {
            const CHOICES: &'static [(Self, &'static str, &'static [&'static str])] =
                &[$(($name::$variant, $english, &[$($chinese),*]),)+];
        }

        impl $name {
            /// Each value's English spelling with its Chinese ones, for
            /// `taizhang columns` and the value maps of taizhang.toml.
            #[allow(dead_code)]
            pub const SPELLINGS: &'static [(&'static str, &'static [&'static str])] =
                &[$(($english, &[$($chinese),*]),)+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $english,)+ }
            }

            /// How outputs show the value ([`super::vocabulary::shown`]).
            #[allow(dead_code)]
            pub fn label(self, lang: $crate::lang::Lang) -> std::borrow::Cow<'static, str> {
                let chinese: &'static [&'static str] = match self { $($name::$variant => &[$($chinese),*],)+ };
                $crate::ledger::vocabulary::shown(self.as_str(), chinese, lang)
            }
        }
    };
}
pub(crate) use choice;

#[cfg(test)]
mod tests {
    use super::*;

    choice! {
        enum Color { Red = "red" | "红" | "红色", Blue = "blue", }
    }

    #[test]
    fn headers_match_english_any_case_and_chinese() {
        let column = Column::required("member", &["党员编号"]);
        for header in [
            "member",
            "Member",
            " 党员编号 ",
            "党员编号*",
            "ｍｅｍｂｅｒ",
        ] {
            assert!(column.matches(header), "{header}");
        }
        assert!(!column.matches("members"));
    }

    #[test]
    fn choices_parse_both_languages() {
        assert_eq!(Color::parse("RED"), Some(Color::Red));
        assert_eq!(Color::parse("红色"), Some(Color::Red));
        assert_eq!(Color::parse("green"), None);
        assert_eq!(Color::Blue.as_str(), "blue");
        assert_eq!(Color::spellings(Lang::En), "red (红, 红色) | blue");
        assert_eq!(Color::spellings(Lang::Zh), "红（红色）、blue");
        assert_eq!(Color::Red.label(Lang::Zh), "红");
        assert_eq!(Color::Red.label(Lang::En), "red");
    }
}
