//! Diagnostics: what is wrong with the input, where, and how to fix it.
//!
//! Every diagnostic has a stable kebab-case code from the catalogue below, so
//! that scripts and tests can rely on it, and a message in the run's language.

use serde::Serialize;

use crate::lang::Lang;

macro_rules! codes {
    ($($variant:ident = $code:literal : $en:literal / $zh:literal,)+) => {
        /// The catalogue of diagnostic codes. Codes are stable: never reuse one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant,)+ }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)+ }
            }

            pub fn description(self, lang: Lang) -> &'static str {
                match self { $(Code::$variant => lang.pick($zh, $en),)+ }
            }
        }
    };
}

codes! {
    LedgerNotFound = "ledger-not-found": "the ledger directory does not exist or is not a directory" / "台账目录不存在或不是目录",
    BadArgument = "bad-argument": "a command-line value is not valid" / "命令行参数的值无效",
    UnknownRule = "unknown-rule": "a rule code that no rule has" / "没有这个规则编号",
    IoError = "io-error": "a file or directory cannot be read" / "文件或目录无法读取",
    SymlinkLoop = "symlink-loop": "a symbolic link leads back into itself" / "符号链接形成循环",
    LinkedTwice = "linked-twice": "a directory or file reached a second time through a symbolic link, and read once" / "经符号链接再次到达的目录或文件，只读取一次",
    BadEncoding = "bad-encoding": "a file has bytes that are neither UTF-8 nor GB18030/GBK text" / "文件含有既非 UTF-8 也非 GB18030/GBK 的字节",
    MissingKind = "missing-kind": "a ledger kind is absent" / "缺少某类台账",
    UnknownFile = "unknown-file": "a file that belongs to no ledger kind (--strict)" / "不属于任何台账类别的文件（--strict）",
    UnknownColumn = "unknown-column": "a column that the kind does not have (--strict)" / "该类台账没有的列（--strict）",
    MissingColumn = "missing-column": "a required column is absent from the header" / "表头缺少必填列",
    DuplicateColumn = "duplicate-column": "two columns of the header mean the same field" / "表头中两列表示同一字段",
    EmptyHeader = "empty-header": "a CSV file has no header row" / "CSV 文件没有表头行",
    RaggedRow = "ragged-row": "a CSV row has more or fewer cells than the header" / "CSV 行的单元格数与表头不符",
    UnbalancedQuote = "unbalanced-quote": "a quoted CSV cell is never closed" / "CSV 单元格的引号没有闭合",
    FieldTooLarge = "field-too-large": "a cell is larger than taizhang reads" / "单元格内容超过允许的大小",
    TooManyColumns = "too-many-columns": "a row has more columns than taizhang reads" / "列数超过允许的上限",
    FileTooLarge = "file-too-large": "a TOML or text file is larger than taizhang reads" / "TOML 或文本文件超过允许的大小",
    TomlSyntax = "toml-syntax": "a TOML file is not valid TOML" / "TOML 文件语法错误",
    TomlTooDeep = "toml-too-deep": "a TOML file nests arrays, tables or dotted keys deeper than taizhang reads" / "TOML 文件中数组、表或点号键的嵌套层数超过允许的上限",
    TomlShape = "toml-shape": "a TOML ledger file is not an array of tables named after its kind" / "TOML 台账文件不是以类别命名的表数组",
    WrongType = "wrong-type": "a TOML value has the wrong type" / "TOML 值的类型不对",
    MissingValue = "missing-value": "a required value is empty" / "必填值为空",
    BadDate = "bad-date": "a value is not a date" / "不是日期",
    ExcelSerialDate = "excel-serial-date": "a date cell holds an Excel serial number" / "日期单元格是 Excel 序列号",
    ImpossibleDate = "impossible-date": "a date that does not exist, such as 2025-02-30" / "不存在的日期，例如 2025-02-30",
    BadDateRange = "bad-date-range": "an end date before its start date" / "结束日期早于开始日期",
    BadNumber = "bad-number": "a value is not a number" / "不是数字",
    NumberOutOfRange = "number-out-of-range": "a number outside the range that makes sense" / "数字超出合理范围",
    BadValue = "bad-value": "a value that is not one of the allowed values" / "取值不在允许范围内",
    ExcelMangledId = "excel-mangled-id": "an ID number that Excel stored as a number and so lost digits" / "身份证号被 Excel 存成数字，已丢失位数",
    BadIdNumber = "bad-id-number": "an ID number that is not 18 characters with a valid check digit" / "身份证号不是 18 位或校验码不符",
    DuplicateId = "duplicate-id": "two rows with the same id" / "编号重复",
    DuplicateRecord = "duplicate-record": "two rows for the same member and year" / "同一党员同一年度有两行",
    UnknownMember = "unknown-member": "a member id that is not on the roll" / "党员编号不在党员名册中",
    UnknownOrg = "unknown-org": "an org id that is not in orgs" / "组织编号不在组织表中",
    OrgCycle = "org-cycle": "orgs whose parents form a cycle" / "上级组织关系形成循环",
    OrgRoot = "org-root": "orgs need exactly one root (an org without parent)" / "组织表必须有且只有一个根组织（没有上级）",
    UnknownEventKind = "unknown-event-kind": "an event kind that no rule reads" / "没有规则使用的活动类型",
    NoteText = "note-text": "a note has neither chars nor a readable file" / "学习笔记既没有字数也没有可读的文件",
    NoteFileOutside = "note-file-outside": "a note file path that leaves the ledger directory" / "笔记文件路径超出台账目录",
    NoteCharsMismatch = "note-chars-mismatch": "a note's chars differ from the characters counted in its file" / "笔记字数与文件实际字数不符",
    ConfigSyntax = "config-syntax": "taizhang.toml is not valid TOML" / "taizhang.toml 语法错误",
    ConfigUnknownKey = "config-unknown-key": "a key that taizhang.toml does not have" / "taizhang.toml 中没有这个设置项",
    ConfigType = "config-type": "a setting of the wrong type" / "设置项类型不对",
    ConfigValue = "config-value": "a setting with a value that is not allowed" / "设置项的值不允许",
    ConfigRegex = "config-regex": "a pattern that is not a valid regular expression" / "不是有效的正则表达式",
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("错误", "error"),
            Severity::Warning => lang.pick("警告", "warning"),
        }
    }
}

/// Where in the ledger a diagnostic points. Lines and columns count from 1;
/// a column counts characters, as an editor shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// How many characters the bad value spans, for the caret under it.
    pub width: Option<u32>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: Some(file.into()),
            ..Location::default()
        }
    }
}

/// Characters of a diagnostic's source line that hold personal data: where
/// the line is shown, all but `head` and `tail` of them are masked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Redaction {
    /// The first character, from 1.
    pub column: u32,
    pub width: u32,
    pub head: u32,
    pub tail: u32,
}

impl Redaction {
    /// The whole line, for a line whose personal cells are not known.
    pub const WHOLE_LINE: Redaction = Redaction {
        column: 1,
        width: u32::MAX,
        head: 0,
        tail: 0,
    };
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub location: Location,
    /// The column's header as the file spells it (or the TOML key).
    pub field: Option<String>,
    /// The value found, masked when it is personal data.
    pub found: Option<String>,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
    /// Personal data on the source line, unless `--show-personal`.
    pub redactions: Vec<Redaction>,
}

impl Diagnostic {
    pub fn error(code: Code, message: String) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, message)
    }

    pub fn warning(code: Code, message: String) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, message)
    }

    fn new(code: Code, severity: Severity, message: String) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            location: Location::default(),
            field: None,
            found: None,
            message,
            expected: None,
            hint: None,
            redactions: Vec::new(),
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = location;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into());
        self
    }

    pub fn found(mut self, found: impl Into<String>) -> Diagnostic {
        self.found = Some(found.into());
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Diagnostic {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn redact(mut self, redactions: Vec<Redaction>) -> Diagnostic {
        self.redactions = redactions;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as far as it is known.
    pub fn position(&self) -> Option<String> {
        let file = self.location.file.as_deref()?;
        Some(match (self.location.line, self.location.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            (Some(line), None) => format!("{file}:{line}"),
            _ => file.to_string(),
        })
    }
}

/// All diagnostics of a run, collected and never cut short.
#[derive(Debug)]
pub struct Diags {
    pub lang: Lang,
    list: Vec<Diagnostic>,
}

impl Diags {
    pub fn new(lang: Lang) -> Diags {
        Diags {
            lang,
            list: Vec::new(),
        }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Changes the diagnostic pushed last (to add a hint or what was expected).
    pub fn amend_last(&mut self, change: impl FnOnce(Diagnostic) -> Diagnostic) {
        if let Some(last) = self.list.pop() {
            self.list.push(change(last));
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The diagnostics in a stable order: by file, line, column, then code.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list.sort_by(|a, b| {
            (&a.location.file, a.location.line, a.location.column, a.code).cmp(&(
                &b.location.file,
                b.location.line,
                b.location.column,
                b.code,
            ))
        });
        self.list.dedup();
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_described() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "duplicate code {text}");
            assert!(
                text.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{text} is not kebab-case"
            );
            assert!(!code.description(Lang::En).is_empty());
            assert!(!code.description(Lang::Zh).is_empty());
        }
    }
}
