//! The errors of the parsers taizhang uses (TOML, JSON, regular
//! expressions) in the run's language: under en their own words, under zh
//! a translation of each message they are known to give; a message not
//! known is quoted as the parser gave it.

use crate::lang::Lang;

/// The descriptions `toml_parser` and `toml` give, in Chinese.
const TOML: &[(&str, &str)] = &[
    ("duplicate key", "键重复"),
    ("recursion limit", "嵌套层数过多"),
    (
        "cannot recurse further; max recursion depth met",
        "嵌套层数过多",
    ),
    (
        "carriage return must be followed by newline",
        "回车符后面必须是换行符",
    ),
    ("missing opening quote", "缺少开头的引号"),
    (
        "missing comma between array elements",
        "数组的元素之间缺少逗号",
    ),
    (
        "integers with a radix cannot be signed",
        "带进制前缀的整数不能有正负号",
    ),
    ("radix must be lowercase", "进制前缀必须小写"),
    (
        "missing assignment between key-value pairs",
        "键和值之间缺少等号",
    ),
    ("missing escaped value", "反斜杠后面缺少转义的字符"),
    ("unexpected leading zero", "数字前面不能有多余的 0"),
    ("unclosed array table", "表数组的表头没有闭合"),
    ("missing key for inline table element", "内联表的元素缺少键"),
    ("missing inline table opening", "内联表缺少开头的花括号"),
    ("missing array opening", "数组缺少开头的方括号"),
    ("invalid unquoted key", "不加引号的键中有不允许的字符"),
    ("unquoted keys cannot be empty", "不加引号的键不能为空"),
    ("invalid multi-line basic string", "多行字符串无效"),
    (
        "invalid basic string",
        "字符串无效：引号没有闭合，或含有不允许的字符",
    ),
    (
        "invalid literal string",
        "单引号字符串无效：引号没有闭合，或含有不允许的字符",
    ),
    ("unexpected sign", "多余的正负号"),
    ("unexpected key or value", "多余的键或值"),
    ("unexpected content", "多余的内容"),
    (
        "unexpected content between comment and newline",
        "注释和换行之间有多余的内容",
    ),
    ("unexpected `=` in array", "数组中不能有等号"),
    ("unclosed table", "表头没有闭合"),
    ("unclosed inline table", "内联表没有闭合"),
    ("unclosed array", "数组没有闭合"),
    ("too few unicode value digits", "Unicode 转义的位数不够"),
    ("string values must be quoted", "文本值必须加引号"),
    ("redundant numeric sign", "多余的正负号"),
    ("redundant integer number prefix", "多余的整数前缀"),
    ("missing value", "缺少值"),
    ("missing value for key", "键缺少值"),
    ("missing table open", "表头缺少开头的方括号"),
    ("missing comment start", "注释缺少开头的井号"),
    (
        "missing comma between key-value pairs",
        "键值对之间缺少逗号",
    ),
    (
        "keys cannot be multi-line literal strings",
        "键不能是多行字符串",
    ),
    (
        "keys cannot be multi-line basic strings",
        "键不能是多行字符串",
    ),
    ("key with no value", "键没有值"),
    ("invalid value", "值无效"),
    ("invalid key-value pair", "键值对无效"),
    ("invalid inline table element", "内联表的元素无效"),
    ("invalid comment character", "注释中有不允许的字符"),
    ("extra comma in inline table", "内联表中多了逗号"),
    ("extra comma in array", "数组中多了逗号"),
    ("extra assignment between key-value pairs", "多了等号"),
    ("extra `=`", "多了等号"),
    ("`_` may only go between digits", "下划线只能写在数字之间"),
];

/// What `toml` says it expected instead, in Chinese.
const TOML_EXPECTED: &[(&str, &str)] = &[
    ("newline", "换行"),
    ("nothing", "没有更多内容"),
    ("key", "键"),
    ("value", "值"),
    ("basic string", "双引号字符串"),
    ("multi-line basic string", "多行字符串"),
    ("literal string", "单引号字符串"),
    ("characters", "字符"),
    ("digits", "数字"),
    ("numbers", "数字"),
    ("letters", "字母"),
    ("printable characters", "可打印的字符"),
    (
        "non-double-quote visible characters",
        "双引号以外的可见字符",
    ),
    ("non-single-quote characters", "单引号以外的字符"),
    (
        "non-single-quote visible characters",
        "单引号以外的可见字符",
    ),
    ("unicode hexadecimal value", "十六进制的 Unicode 码"),
];

/// The messages of `regex-syntax`, in Chinese.
const REGEX: &[(&str, &str)] = &[
    ("unclosed character class", "方括号没有闭合"),
    ("unclosed group", "圆括号没有闭合"),
    ("unopened group", "多了右圆括号"),
    ("unclosed counted repetition", "花括号没有闭合"),
    (
        "repetition operator missing expression",
        "重复符号（* + ? {}）前面缺少内容",
    ),
    ("unrecognized escape sequence", "无法识别的反斜杠转义"),
    (
        "invalid escape sequence found in character class",
        "方括号中有无效的反斜杠转义",
    ),
    (
        "incomplete escape sequence, reached end of pattern prematurely",
        "反斜杠后面缺少字符",
    ),
    (
        "invalid character class range, the start must be <= the end",
        "方括号中的范围起点大于终点",
    ),
    (
        "invalid range boundary, must be a literal",
        "方括号中的范围端点必须是字符",
    ),
    (
        "invalid repetition count range, the start must be <= the end",
        "花括号中的次数起点大于终点",
    ),
    (
        "repetition quantifier expects a valid decimal",
        "花括号中应为数字",
    ),
    ("decimal literal empty", "缺少数字"),
    ("decimal literal invalid", "数字无效"),
    ("unrecognized flag", "无法识别的标志"),
    ("duplicate flag", "标志重复"),
    ("empty capture group name", "分组名称为空"),
    (
        "invalid capture group character",
        "分组名称中有不允许的字符",
    ),
    ("unclosed capture group name", "分组名称没有闭合"),
    ("duplicate capture group name", "分组名称重复"),
    ("invalid Unicode character class", "无效的 Unicode 字符类"),
];

/// A message of the `toml` crate in `lang`: `unclosed table, expected
/// `]``, under zh 表头没有闭合，应为 `]`.
pub fn toml(message: &str, lang: Lang) -> String {
    let message = message.trim();
    if lang == Lang::En {
        return message.to_string();
    }
    let (description, expected) = match message.split_once(", expected ") {
        Some((description, expected)) => (description, Some(expected)),
        None => (message, None),
    };
    let Some(text) = find(TOML, description) else {
        return parser_said(message);
    };
    let Some(expected) = expected else {
        return text.to_string();
    };
    let mut wanted = Vec::new();
    for item in expected.split(", ") {
        match find(TOML_EXPECTED, item) {
            Some(shown) => wanted.push(shown.to_string()),
            // A literal, in backticks: what the clerk would type.
            None if item.starts_with('`') || item.starts_with('\'') => {
                wanted.push(item.to_string())
            }
            None => return parser_said(message),
        }
    }
    format!("{text}，应为 {}", wanted.join(" 或 "))
}

/// The last line of a `regex` error (`error: unclosed character class`)
/// in `lang`.
pub fn regex(message: &str, lang: Lang) -> String {
    let last = message.lines().last().unwrap_or_default().trim();
    let detail = last.strip_prefix("error: ").unwrap_or(last);
    match lang {
        Lang::En => detail.to_string(),
        Lang::Zh => find(REGEX, detail).map_or_else(|| parser_said(detail), str::to_string),
    }
}

/// A JSON document that cannot be read, in `lang`: where, and what kind
/// of mistake (the words of `serde_json` under en).
pub fn json(error: &serde_json::Error, lang: Lang) -> String {
    use serde_json::error::Category;
    if lang == Lang::En {
        return error.to_string();
    }
    let what = match error.classify() {
        Category::Io => "无法读取",
        Category::Syntax => "不是有效的 JSON",
        Category::Data => "内容与预期的不符（缺少字段，或字段的类型不对）",
        Category::Eof => "文件在 JSON 结束之前就结束了",
    };
    format!("第 {} 行第 {} 列：{what}", error.line(), error.column())
}

fn find(table: &[(&'static str, &'static str)], english: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(key, _)| *key == english)
        .map(|&(_, chinese)| chinese)
}

/// A message the parser gave that has no translation, quoted.
fn parser_said(message: &str) -> String {
    format!("解析器的说明为“{message}”")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_messages_are_translated_with_what_was_expected() {
        assert_eq!(
            toml("unclosed table, expected `]`", Lang::Zh),
            "表头没有闭合，应为 `]`"
        );
        assert_eq!(
            toml("invalid basic string, expected `\"`", Lang::Zh),
            "字符串无效：引号没有闭合，或含有不允许的字符，应为 `\"`"
        );
        assert_eq!(
            toml("key with no value, expected `=`", Lang::Zh),
            "键没有值，应为 `=`"
        );
        assert_eq!(toml("duplicate key", Lang::Zh), "键重复");
        assert_eq!(
            toml("invalid value, expected key, value", Lang::Zh),
            "值无效，应为 键 或 值"
        );
        assert_eq!(
            toml("something new", Lang::Zh),
            "解析器的说明为“something new”"
        );
        assert_eq!(
            toml("unclosed table, expected `]`", Lang::En),
            "unclosed table, expected `]`"
        );
    }

    #[test]
    fn regex_and_json_errors_are_said_in_chinese() {
        // Made at run time: clippy rejects a bad pattern written out.
        let pattern = ["^[0-9", "{6}$"].concat();
        let error = regex::Regex::new(&pattern).unwrap_err().to_string();
        assert_eq!(regex(&error, Lang::Zh), "方括号没有闭合");
        assert_eq!(regex(&error, Lang::En), "unclosed character class");
        let error = serde_json::from_str::<serde_json::Value>("# 说明").unwrap_err();
        assert_eq!(json(&error, Lang::Zh), "第 1 行第 1 列：不是有效的 JSON");
    }
}
