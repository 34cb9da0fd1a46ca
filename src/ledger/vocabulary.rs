//! What each kind accepts besides its columns: the enumeration columns,
//! with every value and its built-in Chinese spellings. `taizhang columns`
//! lists them, the value maps of taizhang.toml (`[values.KIND.COLUMN]`) are
//! checked against them, and the tests below keep every kind's headers and
//! every column's values unambiguous.

use std::borrow::Cow;

use super::Kind;
use super::columns::normalize_value;
use super::kinds::appraisals::Grade;
use super::kinds::contacts::ContactKind;
use super::kinds::events;
use super::kinds::members::{Leader, Role, Status};
use super::kinds::mobile::Direction;
use super::kinds::orgs::{OrgKind, Sector};
use super::kinds::visits::Disposition;
use crate::lang::Lang;

/// One value with its English spelling and its Chinese ones.
pub type Spellings = (&'static str, &'static [&'static str]);

/// A column whose cells hold values of an enumeration.
#[derive(Debug)]
pub struct Enumeration {
    /// The column's English name.
    pub column: &'static str,
    pub values: &'static [Spellings],
    /// Whether values beyond these are allowed: `events.kind` takes the
    /// kinds a ledger's own `[[cadence]]` rules count.
    pub open: bool,
    /// Whether a cell holds a list of values (`members.roles`).
    pub list: bool,
}

impl Enumeration {
    const fn closed(column: &'static str, values: &'static [Spellings]) -> Enumeration {
        Enumeration {
            column,
            values,
            open: false,
            list: false,
        }
    }

    /// The English value a spelling stands for: the English value in any
    /// case, or one of its Chinese spellings.
    pub fn value_of(&self, text: &str) -> Option<&'static str> {
        let text = normalize_value(text);
        self.values.iter().find_map(|&(english, chinese)| {
            (english.eq_ignore_ascii_case(&text) || chinese.contains(&text.as_str()))
                .then_some(english)
        })
    }

    /// How outputs show the value `english` of this column ([`shown`]);
    /// a value beyond the list (a ledger's own event kind) as it is.
    pub fn shown(&self, english: &str, lang: Lang) -> String {
        match self.values.iter().find(|(value, _)| *value == english) {
            Some(&(value, chinese)) => shown(value, chinese, lang).into_owned(),
            None => english.to_string(),
        }
    }
}

/// How outputs show a value of an enumeration: under zh its first Chinese
/// spelling (基本合格), its display name; under en its English value,
/// words apart (basically qualified).
pub fn shown(
    english: &'static str,
    chinese: &'static [&'static str],
    lang: Lang,
) -> Cow<'static, str> {
    match (lang, chinese.first()) {
        (Lang::Zh, Some(first)) => Cow::Borrowed(first),
        _ if english.contains('_') => Cow::Owned(english.replace('_', " ")),
        _ => Cow::Borrowed(english),
    }
}

/// The value of `kind.column` shown in `lang` ([`shown`]), or the text as
/// it is when the column has no such value.
pub fn display_name(kind: Kind, column: &str, english: &str, lang: Lang) -> String {
    match enumeration(kind, column) {
        Some(enumeration) => enumeration.shown(english, lang),
        None => english.to_string(),
    }
}

/// The spellings a column accepts, for the message that rejects a value:
/// under zh each value's Chinese spellings (党委（党工委/工委）), under en
/// the English value with them (committee (党委, 党工委, 工委)).
pub fn spellings(values: &[(&str, &[&str])], lang: Lang) -> String {
    let each = values
        .iter()
        .map(|&(english, chinese)| match (lang, chinese) {
            (_, []) => english.to_string(),
            (Lang::Zh, [first]) => first.to_string(),
            (Lang::Zh, [first, rest @ ..]) => format!("{first}（{}）", rest.join("/")),
            (Lang::En, chinese) => format!("{english} ({})", chinese.join(", ")),
        });
    each.collect::<Vec<_>>().join(lang.pick("、", " | "))
}

const ORGS: &[Enumeration] = &[
    Enumeration::closed("kind", OrgKind::SPELLINGS),
    Enumeration::closed("sector", Sector::SPELLINGS),
];

const MEMBERS: &[Enumeration] = &[
    Enumeration::closed("leader", Leader::SPELLINGS),
    Enumeration {
        column: "roles",
        values: Role::SPELLINGS,
        open: false,
        list: true,
    },
    Enumeration::closed("sector", Sector::SPELLINGS),
    Enumeration::closed("status", Status::SPELLINGS),
];

const MOBILE: &[Enumeration] = &[Enumeration::closed("direction", Direction::SPELLINGS)];

const CONTACTS: &[Enumeration] = &[Enumeration::closed("kind", ContactKind::SPELLINGS)];

const EVENTS: &[Enumeration] = &[Enumeration {
    column: "kind",
    values: events::KINDS,
    open: true,
    list: false,
}];

const VISITS: &[Enumeration] = &[Enumeration::closed("disposition", Disposition::SPELLINGS)];

const APPRAISALS: &[Enumeration] = &[Enumeration::closed("grade", Grade::SPELLINGS)];

/// The enumeration columns of a kind.
pub fn enumerations(kind: Kind) -> &'static [Enumeration] {
    match kind {
        Kind::Orgs => ORGS,
        Kind::Members => MEMBERS,
        Kind::Mobile => MOBILE,
        Kind::Contacts => CONTACTS,
        Kind::Events => EVENTS,
        Kind::Visits => VISITS,
        Kind::Appraisals => APPRAISALS,
        Kind::Education | Kind::Notes | Kind::Research | Kind::Posts => &[],
    }
}

/// The enumeration of a kind's column, by the column's English name.
pub fn enumeration(kind: Kind, column: &str) -> Option<&'static Enumeration> {
    enumerations(kind).iter().find(|e| e.column == column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::columns::Column;

    /// Every header a column accepts: its English name and its aliases.
    fn headers(column: &Column) -> impl Iterator<Item = &'static str> {
        std::iter::once(column.name).chain(column.aliases.iter().copied())
    }

    #[test]
    fn no_header_names_two_columns_of_one_kind() {
        for &kind in Kind::ALL {
            let columns = kind.columns();
            for (i, a) in columns.iter().enumerate() {
                for (j, b) in columns.iter().enumerate() {
                    if i == j {
                        continue;
                    }
                    for header in headers(a) {
                        assert!(
                            !b.matches(header),
                            "{}: \"{header}\" names both {} and {}",
                            kind.name(),
                            a.name,
                            b.name
                        );
                    }
                }
                let mut own: Vec<&str> = headers(a).collect();
                own.sort_unstable();
                own.dedup();
                assert_eq!(own.len(), a.aliases.len() + 1, "{}.{}", kind.name(), a.name);
            }
        }
    }

    #[test]
    fn no_spelling_names_two_values_of_one_column() {
        for &kind in Kind::ALL {
            for enumeration in enumerations(kind) {
                let column = enumeration.column;
                assert!(
                    kind.columns().iter().any(|c| c.name == column),
                    "{}.{column} is a column",
                    kind.name()
                );
                for &(english, chinese) in enumeration.values {
                    assert_eq!(enumeration.value_of(english), Some(english));
                    for spelling in chinese {
                        assert_eq!(
                            enumeration.value_of(spelling),
                            Some(english),
                            "{}.{column}: \"{spelling}\" means one value",
                            kind.name()
                        );
                    }
                    let others = enumeration.values.iter().filter(|(e, _)| *e != english);
                    for (other, other_chinese) in others {
                        for spelling in std::iter::once(&english).chain(chinese.iter()) {
                            assert!(
                                !other.eq_ignore_ascii_case(spelling)
                                    && !other_chinese.contains(spelling),
                                "{}.{column}: \"{spelling}\" is {english} and {other}",
                                kind.name()
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_value_has_a_chinese_display_name() {
        for &kind in Kind::ALL {
            for enumeration in enumerations(kind) {
                for &(english, chinese) in enumeration.values {
                    assert!(
                        !chinese.is_empty(),
                        "{}.{}: {english} has no Chinese spelling to show",
                        kind.name(),
                        enumeration.column
                    );
                }
            }
        }
        assert_eq!(
            display_name(Kind::Appraisals, "grade", "basically_qualified", Lang::Zh),
            "基本合格"
        );
        assert_eq!(
            display_name(Kind::Appraisals, "grade", "basically_qualified", Lang::En),
            "basically qualified"
        );
        assert_eq!(
            display_name(Kind::Events, "kind", "联欢会", Lang::En),
            "联欢会"
        );
    }

    #[test]
    fn names_are_not_ids() {
        // Exports hold an org's name under these headers; the org columns
        // hold ids, so the headers stay unknown columns.
        for kind in [Kind::Members, Kind::Events, Kind::Visits, Kind::Mobile] {
            for header in [
                "所在党支部",
                "党支部",
                "党支部名称",
                "组织名称",
                "所在党组织名称",
            ] {
                let named: Vec<&str> = kind
                    .columns()
                    .iter()
                    .filter(|c| c.matches(header))
                    .map(|c| c.name)
                    .collect();
                assert_eq!(named, Vec::<&str>::new(), "{}: {header}", kind.name());
            }
        }
    }

    #[test]
    fn the_common_exports_headers_are_read() {
        let cases: &[(Kind, &str, &[&str])] = &[
            (Kind::Members, "id_number", &["身份证号码", "公民身份号码"]),
            (
                Kind::Members,
                "phone",
                &["手机号码", "联系方式", "联系电话"],
            ),
            (Kind::Mobile, "phone", &["手机号码", "联系方式", "联系电话"]),
            (Kind::Members, "name", &["党员姓名"]),
            (
                Kind::Members,
                "org",
                &["党支部编码", "所在党支部编码", "组织编码"],
            ),
            (
                Kind::Events,
                "org",
                &["党支部编码", "所在党支部编码", "组织编码"],
            ),
            (Kind::Events, "date", &["会议时间", "活动时间", "实际时间"]),
            (Kind::Events, "kind", &["会议类型", "活动类型"]),
            (Kind::Appraisals, "grade", &["评议结果", "评议等次"]),
        ];
        for &(kind, column, aliases) in cases {
            let column = kind.columns().iter().find(|c| c.name == column).unwrap();
            for alias in aliases {
                assert!(
                    column.matches(alias),
                    "{}.{}: {alias}",
                    kind.name(),
                    column.name
                );
            }
        }
        let kind = enumeration(Kind::Events, "kind").unwrap();
        for (spelling, value) in [
            ("支委会", "committee_meeting"),
            ("支部委员会", "committee_meeting"),
            ("党员大会", "branch_assembly"),
        ] {
            assert_eq!(kind.value_of(spelling), Some(value));
        }
        let status = enumeration(Kind::Members, "status").unwrap();
        assert_eq!(status.value_of("正式"), Some("full"));
        assert_eq!(status.value_of("预备"), Some("probationary"));
        let grade = enumeration(Kind::Appraisals, "grade").unwrap();
        for (spelling, value) in [
            ("优秀", "excellent"),
            ("合格", "qualified"),
            ("基本合格", "basically_qualified"),
            ("不合格", "unqualified"),
        ] {
            assert_eq!(grade.value_of(spelling), Some(value));
        }
    }
}
