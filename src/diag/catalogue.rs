//! The catalogue of diagnostic codes, one entry each: the stable
//! kebab-case code, what it means, an example of input that gives it, and
//! how to fix it, in Chinese and English. `taizhang explain CODE` shows an
//! entry, `docs/diagnostics.md` lists them all (`docs.rs` writes it; a test
//! keeps it equal).

use crate::lang::Lang;

/// One entry of the catalogue.
#[derive(Debug)]
pub struct Entry {
    pub code: &'static str,
    pub description: (&'static str, &'static str),
    /// Input that gives the diagnostic.
    pub example: (&'static str, &'static str),
    pub fix: (&'static str, &'static str),
}

impl Entry {
    pub fn description(&self, lang: Lang) -> &'static str {
        lang.pick(self.description.0, self.description.1)
    }

    pub fn example(&self, lang: Lang) -> &'static str {
        lang.pick(self.example.0, self.example.1)
    }

    pub fn fix(&self, lang: Lang) -> &'static str {
        lang.pick(self.fix.0, self.fix.1)
    }
}

macro_rules! catalogue {
    ($($variant:ident = $code:literal {
        zh: $zh:literal,
        en: $en:literal,
        example_zh: $example_zh:literal,
        example_en: $example_en:literal,
        fix_zh: $fix_zh:literal,
        fix_en: $fix_en:literal,
    })+) => {
        /// A diagnostic code. Codes are stable: never reuse or rename one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant,)+ }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            pub fn entry(self) -> &'static Entry {
                match self {
                    $(Code::$variant => &Entry {
                        code: $code,
                        description: ($zh, $en),
                        example: ($example_zh, $example_en),
                        fix: ($fix_zh, $fix_en),
                    },)+
                }
            }
        }
    };
}

impl Code {
    pub fn as_str(self) -> &'static str {
        self.entry().code
    }

    pub fn description(self, lang: Lang) -> &'static str {
        self.entry().description(lang)
    }

    /// The code spelled `text`, in any case.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

catalogue! {
    LedgerNotFound = "ledger-not-found" {
        zh: "台账目录不存在或不是目录",
        en: "the ledger directory does not exist or is not a directory",
        example_zh: "taizhang check 我县台账（目录不存在）",
        example_en: "taizhang check \"我县台账\" (no such directory)",
        fix_zh: "检查目录名和当前位置；新台账用 taizhang init 目录名 创建。",
        fix_en: "Check the directory's name and where you run the command; create a new ledger with taizhang init DIR.",
    }
    BadArgument = "bad-argument" {
        zh: "命令行参数的值无效",
        en: "a command-line value is not valid",
        example_zh: "taizhang check --as-of 2025-02-30",
        example_en: "taizhang check --as-of 2025-02-30",
        fix_zh: "按提示改正参数，例如日期写成 2025-12-31，年份写成 2025。",
        fix_en: "Correct the value as the message says: dates as 2025-12-31, years as 2025.",
    }
    UnknownRule = "unknown-rule" {
        zh: "没有这个规则编号",
        en: "a rule code that no rule has",
        example_zh: "taizhang check --rule EDU99",
        example_en: "taizhang check --rule EDU99",
        fix_zh: "taizhang rules 列出所有规则编号。",
        fix_en: "taizhang rules lists every rule code.",
    }
    OutputInLedger = "output-in-ledger" {
        zh: "输出文件在台账目录中或是台账读取的文件",
        en: "an output file inside the ledger or onto a file the ledger reads",
        example_zh: "taizhang report 台账 -o 台账/members.csv",
        example_en: "taizhang report ledger -o ledger/members.csv",
        fix_zh: "把输出写到台账目录之外；输出绝不改动台账。",
        fix_en: "Write the output outside the ledger directory; outputs never touch the ledger.",
    }
    EmptyLedger = "empty-ledger" {
        zh: "台账没有组织或没有党员，无从检查",
        en: "the ledger has no orgs or no members: there is nothing to check",
        example_zh: "taizhang init 新建的台账，尚未填写",
        example_en: "a ledger fresh from taizhang init, not filled in yet",
        fix_zh: "在 orgs.csv（或工作簿的“组织”工作表）中填写组织（至少县委这个根组织），在 members.csv（或“成员”工作表）中填写党员名册。",
        fix_en: "Fill in orgs.csv (or a workbook's sheet 组织) with at least the county root, and members.csv (or the sheet 成员) with the roll.",
    }
    IoError = "io-error" {
        zh: "文件或目录无法读取",
        en: "a file or directory cannot be read",
        example_zh: "没有读取权限的 members.csv，或指向已删除文件的链接",
        example_en: "members.csv without read permission, or a link to a file that is gone",
        fix_zh: "检查文件是否存在、是否有读取权限，是否被其他程序独占打开。",
        fix_en: "Check that the file exists, that it may be read, and that no other program holds it locked.",
    }
    SymlinkLoop = "symlink-loop" {
        zh: "符号链接形成循环",
        en: "a symbolic link leads back into itself",
        example_zh: "education/loop -> ../education",
        example_en: "education/loop -> ../education",
        fix_zh: "删除这个符号链接，或让它指向台账中别的目录。",
        fix_en: "Remove the symbolic link, or point it at another directory of the ledger.",
    }
    LinkedTwice = "linked-twice" {
        zh: "经符号链接再次到达的目录或文件，只读取一次",
        en: "a directory or file reached a second time through a symbolic link, and read once",
        example_zh: "education/copy.csv -> ../education.csv",
        example_en: "education/copy.csv -> ../education.csv",
        fix_zh: "删除多余的链接；同一份记录只需放在台账中一处。",
        fix_en: "Remove the extra link: one set of records belongs in one place of the ledger.",
    }
    BadEncoding = "bad-encoding" {
        zh: "文件含有既非 UTF-8 也非 GB18030/GBK 的字节",
        en: "a file has bytes that are neither UTF-8 nor GB18030/GBK text",
        example_zh: "GBK 文件的姓名中混入了字节 0xFF",
        example_en: "a GBK file with a stray byte 0xFF in a name",
        fix_zh: "用 Excel 或记事本打开文件，改正这一行的乱码字符，另存为“CSV UTF-8”。",
        fix_en: "Open the file in Excel or a text editor, fix the garbled character on that line, and save it as \"CSV UTF-8\".",
    }
    MissingKind = "missing-kind" {
        zh: "缺少某类台账",
        en: "a ledger kind is absent",
        example_zh: "台账目录中没有 orgs.csv",
        example_en: "a ledger without orgs.csv",
        fix_zh: "补上该类台账（类别名.csv、类别名.toml 或 类别名/ 目录）；taizhang init 写出带表头的模板。",
        fix_en: "Add the kind (KIND.csv, KIND.toml or a KIND/ directory); taizhang init writes templates with the headers.",
    }
    UnknownFile = "unknown-file" {
        zh: "不属于任何台账类别的文件（--strict）",
        en: "a file that belongs to no ledger kind (--strict)",
        example_zh: "台账目录中有 备注.txt，用 --strict 检查",
        example_en: "备注.txt in the ledger directory, checked with --strict",
        fix_zh: "把文件改名为某类台账的名称，或移出台账目录。",
        fix_en: "Rename the file after a ledger kind, or move it out of the ledger directory.",
    }
    MisnamedFile = "misnamed-file" {
        zh: "文件看起来属于某类台账，但名称不对，没有读取",
        en: "a file that looks meant for a ledger kind but is not named so, and was not read",
        example_zh: "CONTACTS.CSV、Posts.xlsx、党员名册2025.csv、只有 Sheet1 的 党员名册2025.xlsx",
        example_en: "CONTACTS.CSV, Posts.xlsx, 党员名册2025.csv, a 党员名册2025.xlsx whose only sheet is Sheet1",
        fix_zh: "按提示改名（如 contacts.csv、members.xlsx 或 党员名册.csv），或把工作簿中的工作表改名为类别名（如“成员”）。",
        fix_en: "Rename it as the message says (contacts.csv, members.xlsx or 党员名册.csv), or rename the workbook's sheet after the kind (成员, members).",
    }
    UnknownColumn = "unknown-column" {
        zh: "该类台账没有的列（--strict）",
        en: "a column that the kind does not have (--strict)",
        example_zh: "members.csv 有“性别”一列，用 --strict 检查",
        example_en: "members.csv with a column \"性别\", checked with --strict",
        fix_zh: "改正表头的拼写，或删去该列；不加 --strict 时未知列会被保留并忽略。",
        fix_en: "Correct the header's spelling or delete the column; without --strict unknown columns are kept and ignored.",
    }
    MissingColumn = "missing-column" {
        zh: "表头缺少必填列",
        en: "a required column is absent from the header",
        example_zh: "events.csv 的表头没有“类型”一列",
        example_en: "events.csv whose header has no 类型 (kind) column",
        fix_zh: "在表头补上该列（英文名或中文名均可），并填写每一行。",
        fix_en: "Add the column to the header (its English or Chinese name) and fill it in on every row.",
    }
    DuplicateColumn = "duplicate-column" {
        zh: "表头中两列表示同一字段",
        en: "two columns of the header mean the same field",
        example_zh: "members.csv 同时有“id”和“党员编号”两列",
        example_en: "members.csv with both id and 党员编号",
        fix_zh: "删去其中一列，或把它改成另一个字段的名称。",
        fix_en: "Delete one of the two columns, or rename it after the field it really holds.",
    }
    EmptyHeader = "empty-header" {
        zh: "CSV 文件或工作表没有表头行",
        en: "a CSV file or a sheet has no header row",
        example_zh: "空的 notes.csv，或名为“学习笔记”的空工作表",
        example_en: "an empty notes.csv, or an empty sheet named 学习笔记",
        fix_zh: "写上表头行（taizhang init 的模板有表头），或删除这个空文件或空工作表。",
        fix_en: "Write the header row (taizhang init's templates have one), or delete the empty file or sheet.",
    }
    BadWorkbook = "bad-workbook" {
        zh: "工作簿无法打开或读取（不是工作簿、已损坏或设有密码）",
        en: "a workbook that cannot be opened or read (not a workbook, damaged, or protected by a password)",
        example_zh: "改了扩展名的 members.xlsx，或加密的 台账.xlsx",
        example_en: "a members.xlsx that is a renamed text file, or a password-protected 台账.xlsx",
        fix_zh: "用 Excel 或 WPS 打开，另存为“Excel 工作簿（*.xlsx）”，不设密码。",
        fix_en: "Open it in Excel or WPS and save it as an \"Excel Workbook (*.xlsx)\", without a password.",
    }
    HiddenSheet = "hidden-sheet" {
        zh: "隐藏的工作表，未读取",
        en: "a hidden sheet, which was not read",
        example_zh: "台账.xlsx 中隐藏了的“组织活动”工作表",
        example_en: "a hidden sheet 组织活动 in 台账.xlsx",
        fix_zh: "要读取就取消隐藏（右键工作表标签 → 取消隐藏）；不需要就删除它。",
        fix_en: "Unhide it to have it read (right-click a sheet tab → Unhide), or delete it if it is not needed.",
    }
    EmptySheet = "empty-sheet" {
        zh: "空的工作表，跳过",
        en: "an empty sheet, skipped",
        example_zh: "members.xlsx 中 Excel 自带的空白 Sheet2、Sheet3",
        example_en: "the blank Sheet2 and Sheet3 Excel adds to members.xlsx",
        fix_zh: "删除空白工作表（右键工作表标签 → 删除）。",
        fix_en: "Delete the blank sheet (right-click its tab → Delete).",
    }
    UnknownSheet = "unknown-sheet" {
        zh: "工作表不属于任何台账类别，未读取",
        en: "a sheet that belongs to no ledger kind, which was not read",
        example_zh: "台账.xlsx 中名为“说明”或“一支部”的工作表",
        example_en: "a sheet named \"说明\" or \"一支部\" in 台账.xlsx",
        fix_zh: "把工作表改名为类别名（成员、组织、组织活动……或英文名“members”“orgs”“events”……）；不是台账就不用管。",
        fix_en: "Rename the sheet after its kind (成员, 组织, 组织活动 … or members, orgs, events …); leave it if it holds no records.",
    }
    RaggedRow = "ragged-row" {
        zh: "CSV 行的单元格数与表头不符",
        en: "a CSV row has more or fewer cells than the header",
        example_zh: "M1,张三,b1,多余（表头只有三列）",
        example_en: "M1,张三,b1,extra (three columns in the header)",
        fix_zh: "检查是否多了或少了逗号；含逗号的内容要加英文双引号。",
        fix_en: "Look for a missing or extra comma; a value with a comma must be in double quotes.",
    }
    UnbalancedQuote = "unbalanced-quote" {
        zh: "CSV 单元格的引号没有闭合",
        en: "a quoted CSV cell is never closed",
        example_zh: "M1,\"张三,b1",
        example_en: "M1,\"张三,b1",
        fix_zh: "在单元格末尾补上引号，或删去多余的引号；单元格中的引号要写成两个（\"\"）。",
        fix_en: "Close the quote at the end of the cell or remove the stray one; a quote inside a cell is written twice (\"\").",
    }
    FieldTooLarge = "field-too-large" {
        zh: "单元格内容超过允许的大小",
        en: "a cell is larger than taizhang reads",
        example_zh: "超过 1 兆字节的单元格（导出出错时常见）",
        example_en: "a cell of more than 1 MiB, as a broken export leaves",
        fix_zh: "检查这一行是否被截断或粘贴错误；长文本请放在笔记文件中。",
        fix_en: "Check whether the row was cut or pasted wrongly; long texts belong in a note file.",
    }
    TooManyColumns = "too-many-columns" {
        zh: "列数超过允许的上限",
        en: "a row has more columns than taizhang reads",
        example_zh: "一行超过 1000 个单元格",
        example_en: "a row of more than 1000 cells",
        fix_zh: "检查分隔符是否正确（应为逗号），或删去多余的列。",
        fix_en: "Check the separator (a comma) or delete the extra columns.",
    }
    FileTooLarge = "file-too-large" {
        zh: "TOML 或文本文件超过允许的大小",
        en: "a TOML or text file is larger than taizhang reads",
        example_zh: "300 MB 的 members.toml",
        example_en: "a 300 MB members.toml",
        fix_zh: "大台账请用 CSV；笔记文件请拆分。",
        fix_en: "Keep large ledgers as CSV; split large note files.",
    }
    TomlSyntax = "toml-syntax" {
        zh: "TOML 文件语法错误",
        en: "a TOML file is not valid TOML",
        example_zh: "“[[members]]\\nid = \"M1”",
        example_en: "[[members]]\\nid = \"M1",
        fix_zh: "按提示的行号改正语法：字符串要有引号，表名要有方括号。",
        fix_en: "Correct the syntax at the line shown: strings need quotes, table names brackets.",
    }
    TomlTooDeep = "toml-too-deep" {
        zh: "TOML 文件中数组、表或点号键的嵌套层数超过允许的上限",
        en: "a TOML file nests arrays, tables or dotted keys deeper than taizhang reads",
        example_zh: "x = [[[[[[ …（嵌套 100 层）",
        example_en: "x = [[[[[[ … (100 levels)",
        fix_zh: "检查是否多了括号，或键名中是否多了点号。",
        fix_en: "Look for brackets that are never closed or a key with stray dots.",
    }
    TomlShape = "toml-shape" {
        zh: "TOML 台账文件不是以类别命名的表数组",
        en: "a TOML ledger file is not an array of tables named after its kind",
        example_zh: "members.toml 中写的是“[member]”而不是“[[members]]”",
        example_en: "members.toml holding [member] instead of [[members]]",
        fix_zh: "每一行写成一个“[[类别名]]”表，类别名即文件的类别名。",
        fix_en: "Write each row as a [[KIND]] table, KIND being the file's kind.",
    }
    WrongType = "wrong-type" {
        zh: "TOML 值的类型不对",
        en: "a TOML value has the wrong type",
        example_zh: "name = 123（名称是文本）",
        example_en: "name = 123 (a name is text)",
        fix_zh: "改成需要的类型，例如文本加引号。",
        fix_en: "Write the value in the type needed, e.g. text in quotes.",
    }
    InvisibleCharacter = "invisible-character" {
        zh: "编号或表头中有不可见字符（零宽空格、BOM、NUL 等），已去掉",
        en: "an invisible character (zero-width space, BOM, NUL …) in an id or header, removed",
        example_zh: "党员编号 = M0001 后面跟着一个零宽空格（从网页复制时常见）",
        example_en: "M0001 followed by a zero-width space, as copying from a web page leaves",
        fix_zh: "在单元格中删去该字符后重新输入；taizhang 已按去掉后的编号读取。",
        fix_en: "Retype the cell without it; taizhang reads the id as it is without the character.",
    }
    MissingValue = "missing-value" {
        zh: "必填值为空",
        en: "a required value is empty",
        example_zh: "学习教育台账中某行没有日期",
        example_en: "an education row without a date",
        fix_zh: "填上这一项；如果这一行是多余的，删除整行。",
        fix_en: "Fill it in, or delete the whole row if it is not needed.",
    }
    BadDate = "bad-date" {
        zh: "不是日期",
        en: "a value is not a date",
        example_zh: "日期 = 下周一",
        example_en: "\"日期 = 下周一\"",
        fix_zh: "写成“年-月-日”，如 2025-03-05；在 Excel 中可把该列设置为“文本”后输入。",
        fix_en: "Write year-month-day, such as 2025-03-05; in Excel, format the column as Text before typing.",
    }
    ExcelSerialDate = "excel-serial-date" {
        zh: "日期单元格是 Excel 序列号",
        en: "a date cell holds an Excel serial number",
        example_zh: "45678（Excel 表示 2025-01-21 的序列号）",
        example_en: "45678 (Excel's number for 2025-01-21)",
        fix_zh: "在 Excel 中把该列设置为“文本”，按提示的日期重新输入。",
        fix_en: "In Excel, format the column as Text and type the date the message names.",
    }
    ImpossibleDate = "impossible-date" {
        zh: "不存在的日期，例如 2025-02-30",
        en: "a date that does not exist, such as 2025-02-30",
        example_zh: "2025-02-30",
        example_en: "2025-02-30",
        fix_zh: "核对月和日是否写反或抄错。",
        fix_en: "Check whether the month and day were swapped or mistyped.",
    }
    BadDateRange = "bad-date-range" {
        zh: "结束日期早于开始日期",
        en: "an end date before its start date",
        example_zh: "调研台账中开始日期 2025-05-10，结束日期 2025-05-01",
        example_en: "research: start 2025-05-10, end 2025-05-01",
        fix_zh: "交换两个日期，或改正写错的那个。",
        fix_en: "Swap the two dates, or correct the one that is wrong.",
    }
    BadNumber = "bad-number" {
        zh: "不是数字",
        en: "a value is not a number",
        example_zh: "天数 = 两天",
        example_en: "\"天数 = 两天\"",
        fix_zh: "只写阿拉伯数字，例如 1.5；不写单位。",
        fix_en: "Write digits only, such as 1.5, without a unit.",
    }
    NumberOutOfRange = "number-out-of-range" {
        zh: "数字超出合理范围",
        en: "a number outside the range that makes sense",
        example_zh: "天数 = 400",
        example_en: "天数 = 400",
        fix_zh: "核对数值和单位（天数、学时、字数）是否填错了列。",
        fix_en: "Check the number and its unit (days, hours, characters): it may be in the wrong column.",
    }
    BadValue = "bad-value" {
        zh: "取值不在允许范围内",
        en: "a value that is not one of the allowed values",
        example_zh: "组织类型 = 支部委员会（组织类型只能是县委、党委、党总支或党支部）",
        example_en: "组织类型 = 支部委员会 (an org kind is 县委, 党委, 党总支 or 党支部)",
        fix_zh: "改成消息中列出的取值之一（英文或中文均可）。",
        fix_en: "Use one of the values the message lists, in English or Chinese.",
    }
    FormulaError = "formula-error" {
        zh: "单元格的值是 Excel 错误值（公式没有算出结果）",
        en: "a cell holds an Excel error value (its formula did not give a result)",
        example_zh: "党员编号一列中的 #N/A（VLOOKUP 没找到）",
        example_en: "#N/A in the member column (a VLOOKUP that found nothing)",
        fix_zh: "改正公式引用的单元格，或直接输入这一项的值。",
        fix_en: "Correct what the formula refers to, or type the value itself.",
    }
    ExcelMangledId = "excel-mangled-id" {
        zh: "身份证号（或编号、电话）被 Excel 存成数字，已丢失位数",
        en: "an ID number (or another id, or a phone) that Excel stored as a number and so lost digits",
        example_zh: "4.10101E+17；工作簿中 18 位的数字单元格",
        example_en: "4.10101E+17; a number cell of 18 digits in a workbook",
        fix_zh: "把该列设置为“文本”格式后重新输入完整号码，或在号码前加英文单引号 '。",
        fix_en: "Format the column as Text and type the full number again, or start it with an apostrophe '.",
    }
    BadIdNumber = "bad-id-number" {
        zh: "身份证号不是 18 位或校验码不符",
        en: "an ID number that is not 18 characters with a valid check digit",
        example_zh: "110105194912310021（校验码应为 X）",
        example_en: "110105194912310021 (the check character is X)",
        fix_zh: "核对号码是否抄错。",
        fix_en: "Check the number for a typing mistake.",
    }
    DuplicateId = "duplicate-id" {
        zh: "编号重复",
        en: "two rows with the same id",
        example_zh: "members.csv 中两行的编号都是 M0001",
        example_en: "two members.csv rows with id M0001",
        fix_zh: "给其中一行换一个编号；如果是重复录入，删除这一行。",
        fix_en: "Give one of the rows another id, or delete it if it was entered twice.",
    }
    DuplicateRecord = "duplicate-record" {
        zh: "同一党员同一年度有两行",
        en: "two rows for the same member and year",
        example_zh: "M0001 的 2025 年度民主评议有两行",
        example_en: "two appraisals of M0001 for 2025",
        fix_zh: "保留正确的一行，删除另一行。",
        fix_en: "Keep the right row and delete the other.",
    }
    UnknownMember = "unknown-member" {
        zh: "党员编号不在党员名册中",
        en: "a member id that is not on the roll",
        example_zh: "学习教育台账中列出了 M9999，但党员名册中没有",
        example_en: "education listing M9999, who is not in members",
        fix_zh: "核对编号，或先在党员名册（members.csv）中登记该党员。",
        fix_en: "Check the id, or add the member to members first.",
    }
    UnknownOrg = "unknown-org" {
        zh: "组织编号不在组织表中",
        en: "an org id that is not in orgs",
        example_zh: "党员的所在党组织为 B99，但组织表中没有",
        example_en: "a member whose org is B99, which orgs does not have",
        fix_zh: "核对编号，或先在组织表（orgs.csv）中登记该组织。",
        fix_en: "Check the id, or add the org to orgs first.",
    }
    OrgCycle = "org-cycle" {
        zh: "上级组织关系形成循环",
        en: "orgs whose parents form a cycle",
        example_zh: "b1 的上级是 b2，b2 的上级又是 b1",
        example_en: "b1's parent is b2 and b2's parent is b1",
        fix_zh: "改正其中一个组织的上级组织。",
        fix_en: "Correct the parent of one of these orgs.",
    }
    OrgRoot = "org-root" {
        zh: "组织表必须有且只有一个根组织（没有上级）",
        en: "orgs need exactly one root (an org without parent)",
        example_zh: "两个组织的上级组织都为空",
        example_en: "two orgs with an empty parent",
        fix_zh: "只让县委（根组织）的上级组织为空，其他组织都填写上级组织。",
        fix_en: "Leave the parent empty for the county root only; fill it in for every other org.",
    }
    UnknownEventKind = "unknown-event-kind" {
        zh: "没有规则使用的活动类型",
        en: "an event kind that no rule reads",
        example_zh: "类型 = 学习会",
        example_en: "\"类型 = 学习会\"",
        fix_zh: "核对拼写，或在 taizhang.toml 中用 [[cadence]] 为它定义规则。",
        fix_en: "Check the spelling, or define a rule for it with [[cadence]] in taizhang.toml.",
    }
    NoteText = "note-text" {
        zh: "学习笔记既没有字数也没有可读的文件",
        en: "a note has neither chars nor a readable file",
        example_zh: "学习笔记台账中某行“字数”和“文件”都为空",
        example_en: "a notes row with empty chars and file",
        fix_zh: "填写字数，或填写笔记文本文件在台账目录中的相对路径。",
        fix_en: "Fill in the character count, or the path of the note's text file inside the ledger.",
    }
    NoteFileOutside = "note-file-outside" {
        zh: "笔记文件路径超出台账目录",
        en: "a note file path that leaves the ledger directory",
        example_zh: "文件 = ../别处/笔记.txt",
        example_en: "文件 = ../别处/笔记.txt",
        fix_zh: "把笔记文件放进台账目录，写相对路径，如 笔记/张三-2025.txt。",
        fix_en: "Put the note file inside the ledger and give its relative path, such as notes-text/zhang-2025.txt.",
    }
    NoteCharsMismatch = "note-chars-mismatch" {
        zh: "笔记字数与文件实际字数不符",
        en: "a note's chars differ from the characters counted in its file",
        example_zh: "字数 = 5000，而文件只有 4800 字",
        example_en: "字数 = 5000 for a file of 4800 characters",
        fix_zh: "按文件实际字数改正字数，或删去字数只留文件。",
        fix_en: "Correct chars to the counted number, or leave chars empty and keep the file.",
    }
    MergeInput = "merge-input" {
        zh: "--merge 的文件不是可读的报告 JSON",
        en: "a file given to --merge is not a report JSON that can be read",
        example_zh: "taizhang report --merge 甲县.json 乙县.html",
        example_en: "taizhang report --merge a.json b.html",
        fix_zh: "给出 taizhang report --format json（可加 --aggregate）写出的文件；不要手工修改它。",
        fix_en: "Give the files that taizhang report --format json (with or without --aggregate) wrote, unchanged.",
    }
    MergeMismatch = "merge-mismatch" {
        zh: "要合并的报告年度或截止日期不同",
        en: "reports to merge are of different years or as-of dates",
        example_zh: "甲县.json 是 2025 年截至 2025-12-31，乙县.json 截至 2025-06-30",
        example_en: "a.json is for 2025 as of 2025-12-31, b.json as of 2025-06-30",
        fix_zh: "各单位按同一年度和同一截止日期重新生成报告：taizhang report --year 2025 --as-of 2025-12-31 --format json --aggregate。",
        fix_en: "Have every report made for the same year and as-of date: taizhang report --year 2025 --as-of 2025-12-31 --format json --aggregate.",
    }
    MergeDuplicate = "merge-duplicate" {
        zh: "两份报告的顶层组织相同，或与 --name 相同",
        en: "two reports have the same top org, or one has the --name of the merged report",
        example_zh: "taizhang report --merge 甲县.json 甲县副本.json",
        example_en: "taizhang report --merge a.json a-copy.json",
        fix_zh: "每份报告只给一次；同名的顶层组织要在各自台账中改用不同的编号，或换一个 --name。",
        fix_en: "Give each report once; top orgs of one id must get distinct ids in their ledgers, or use another --name.",
    }
    BaselineInput = "baseline-input" {
        zh: "--baseline 的文件不是 taizhang check 写出的可读的 JSON，或不是同一年度的",
        en: "the file given to --baseline is not a check JSON that can be read, or is of another year",
        example_zh: "taizhang check 台账 --baseline 报告.html",
        example_en: "taizhang check ledger --baseline report.html",
        fix_zh: "给出 taizhang check --format json 或 --write-baseline 写出的同一年度的文件；不要手工修改它。",
        fix_en: "Give a file that taizhang check --format json or --write-baseline wrote for the same year, unchanged.",
    }
    GitRevision = "git-revision" {
        zh: "--since 读不到台账在该 git 版本的内容",
        en: "--since cannot read the ledger at that git revision",
        example_zh: "taizhang check 台账 --since HEAD（台账不在 git 仓库中，或没有这个版本）",
        example_en: "taizhang check ledger --since HEAD (the ledger is in no git repository, or there is no such revision)",
        fix_zh: "在 git 仓库中的台账上使用 --since，给出存在的版本（HEAD、“main”、提交号）；需要安装 git。",
        fix_en: "Use --since on a ledger inside a git repository, naming a revision that exists (HEAD, main, a commit); git must be installed.",
    }
    ConfigSyntax = "config-syntax" {
        zh: "taizhang.toml 语法错误",
        en: "taizhang.toml is not valid TOML",
        example_zh: "[policy\\nmin_days_away = 15",
        example_en: "[policy\\nmin_days_away = 15",
        fix_zh: "按提示的行号改正语法；在改正之前所有设置采用默认值。",
        fix_en: "Correct the syntax at the line shown; until then every setting is at its default.",
    }
    ConfigUnknownKey = "config-unknown-key" {
        zh: "taizhang.toml 中没有这个设置项",
        en: "a key that taizhang.toml does not have",
        example_zh: "[policy]\\nstudy_day = 12（应为 study_days）",
        example_en: "[policy]\\nstudy_day = 12   (the key is study_days)",
        fix_zh: "改正拼写；docs/config.md 列出所有设置项。",
        fix_en: "Correct the spelling; docs/config.md lists every key.",
    }
    ConfigType = "config-type" {
        zh: "设置项类型不对",
        en: "a setting of the wrong type",
        example_zh: "min_days_away = \"fifteen\"",
        example_en: "min_days_away = \"fifteen\"",
        fix_zh: "按消息写成需要的类型（数字、true/false、字符串、表）。",
        fix_en: "Write the value in the type the message names (a number, true/false, a string, a table).",
    }
    ConfigValue = "config-value" {
        zh: "设置项的值不允许",
        en: "a setting with a value that is not allowed",
        example_zh: "min_days_away = 40（最大为 31）",
        example_en: "min_days_away = 40 (at most 31)",
        fix_zh: "改成允许范围内的值；在改正之前该项采用默认值。",
        fix_en: "Use a value in the allowed range; until then the setting is at its default.",
    }
    ConfigRegex = "config-regex" {
        zh: "不是有效的正则表达式",
        en: "a pattern that is not a valid regular expression",
        example_zh: "certificate_pattern = '[0-9'",
        example_en: "certificate_pattern = '[0-9'",
        fix_zh: "改正表达式的括号和转义；在 TOML 中用单引号写正则表达式。",
        fix_en: "Correct the brackets and escapes; write patterns in single quotes in TOML.",
    }
    NoHolidayCalendar = "no-holiday-calendar" {
        zh: "检查年度没有节假日安排，工作日只按周一至周五计算",
        en: "the year under check has no holiday schedule: working days are counted as Monday to Friday only",
        example_zh: "检查 2027 年（未内置国务院办公厅节假日安排），taizhang.toml 的 [calendar] 中也没有 2027 年的日期",
        example_en: "checking 2027 (no State Council holiday schedule is built in), with no 2027 dates in [calendar] of taizhang.toml",
        fix_zh: "在 taizhang.toml 的 [calendar] 中按国务院办公厅当年的节假日安排通知填写 holidays（放假日期）和 workdays（调休上班的周末）。",
        fix_en: "Add the year's holidays and the weekend days worked in exchange to holidays and workdays in [calendar] of taizhang.toml, from the State Council's holiday notice for the year.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let entry = code.entry();
            assert!(seen.insert(entry.code), "duplicate code {}", entry.code);
            assert!(
                entry
                    .code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                entry.code
            );
            for text in [
                entry.description.0,
                entry.description.1,
                entry.example.0,
                entry.example.1,
                entry.fix.0,
                entry.fix.1,
            ] {
                assert!(!text.is_empty(), "{} needs every field", entry.code);
            }
            assert_eq!(Code::parse(&entry.code.to_uppercase()), Some(*code));
        }
    }
}
