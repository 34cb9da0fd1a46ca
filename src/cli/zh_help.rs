//! The Chinese help of the command line, one catalogue keyed by command and
//! argument id; the English is the derive's doc comments in `mod.rs`. A
//! test keeps the two in step: every command, argument and described value
//! has its entry here, and every entry names one.

/// A command's `about` and, where the English has one, its `after_help`;
/// `taizhang` is the top command.
pub const COMMANDS: &[(&str, &str, Option<&str>)] = &[
    (
        "taizhang",
        "按县委关于四项长效机制文件的实施意见中的指标，检查党建台账。",
        Some("退出码：0 没有违规；1 发现违规；2 输入或命令行有误。"),
    ),
    ("check", "用规则检查台账，列出每一处不达标。", None),
    (
        "report",
        "生成年终达标报告：各组织（含下级）的达标率、各党委排名，以及每处不达标涉及的党员和期间。",
        Some(
            "达标率 = 达标数 ÷（达标数 + 不达标数）；期间在 --as-of 时尚未结束的待完成对象不计入。退出码同 check：0 没有违规；1 发现违规；2 输入或命令行有误（诊断信息输出到标准错误）。",
        ),
    ),
    ("rules", "列出规则目录及现行指标。", None),
    (
        "explain",
        "解释一条规则（要求、文件原文、如何计算）或一个诊断代码（含义、示例、改正方法）。",
        None,
    ),
    (
        "columns",
        "列出某类台账接受的全部表头和取值：内置的，以及台账的 taizhang.toml 映射的（“[columns.类别]”“[values.类别.字段]”）。",
        None,
    ),
    (
        "status",
        "某名党员或某个组织在每项适用指标上的情况：应达、实际、截至日期的折算进度、状态和截止日期。",
        Some(
            "状态：已达标；进度正常（尚未达标，但不落后于折算进度）；落后（落后于折算进度）；待完成（尚未达标，规则没有数字指标）；违规（期间已结束，仍未达标）；提醒。数字与 check 的相同。退出码：0，输入或命令行有误时为 2。",
        ),
    ),
    (
        "due",
        "当前期间的待办清单，截止日期近的在前：尚在进行的月、季度、年度中还没有达标的每一项指标。",
        Some(
            "每一项是包含 --as-of 的期间中尚未达标的一项指标，与 check 的结果一致（待完成，或在期间最后一天为违规），并列出截止日期和是否落后于折算进度。退出码：0，输入或命令行有误时为 2。",
        ),
    ),
    (
        "fmt",
        "把每个台账文件改写成统一的规范格式（列序、ISO 日期、按编号排序、带 BOM 的 UTF-8、LF 换行），不丢失任何内容；加 --check 只列出不规范的文件。",
        Some(
            "规范格式：各字段按 docs/SPEC.md 的顺序排列，文件中的未知列原样排在其后；表头沿用文件原来的语言；日期写成 2025-03-05；编号、数字和日期中的全角数字改为半角；各行按该类台账的编号排序；CSV 为带 BOM 的 UTF-8（GBK 会转换）、LF 换行；TOML 保留开头的注释。有输入错误的文件、工作簿、第一行之后有注释的 TOML 文件保持原样，并列出文件名。退出码：0 完成（加 --check 时为全部已是规范格式）；1 加 --check 时有文件需要改写；2 有文件因输入错误保持原样，或命令行有误。",
        ),
    ),
    (
        "init",
        "按模板（中文表头）新建台账目录：CSV 文件，或加 --xlsx 生成一个工作簿。",
        Some(
            "新台账里还有 填写说明.md（每类台账每一列的说明：表头、是否必填、填什么、可填的值、日期的写法）和 示例/（一个每类台账各填一行的小台账；检查新台账时不读它，可用 taizhang check 目录/示例 查看）。其中的 taizhang.toml 检查当年（ledger.year）。",
        ),
    ),
    (
        "completions",
        "输出 bash、zsh、fish 或 PowerShell 的命令补全脚本。",
        Some(
            "安装：bash：taizhang completions bash > /etc/bash_completion.d/taizhang · zsh：taizhang completions zsh > \"${fpath[1]}/_taizhang\" · fish：taizhang completions fish > ~/.config/fish/completions/taizhang.fish · PowerShell：taizhang completions powershell >> $PROFILE",
        ),
    ),
    (
        "man",
        "输出 taizhang 或其某个命令的手册页（供 man 阅读）；docs/man/ 中有全部手册页。",
        Some("阅读方法：taizhang man | man -l -（或 taizhang man check | man -l -）"),
    ),
];

/// An argument's help and value name, by command and argument id; `*`
/// for every command that has the argument and no entry of its own.
pub const ARGS: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "*",
        "lang",
        "消息、帮助和报告的语言；不给出时按区域设置 LANG（“zh_CN”等为中文，否则为英文），Windows 上按系统的显示语言",
        Some("语言"),
    ),
    ("*", "dir", "台账目录", Some("目录")),
    (
        "*",
        "year",
        "检查的年度［默认：taizhang.toml 中的 ledger.year，否则为 --as-of 所在的年度，否则为今年］",
        Some("年份"),
    ),
    (
        "*",
        "as_of",
        "检查截至的日期：在此之后结束的期间为待完成［默认：今天，最晚为该年度最后一天］",
        Some("日期"),
    ),
    ("*", "org", "只检查这个组织及其下级组织", Some("组织编号")),
    (
        "*",
        "strict",
        "把缺少的可选台账、未知文件和未知列都当作错误",
        None,
    ),
    (
        "*",
        "show_personal",
        "显示完整的电话号码和身份证号（不遮盖）",
        None,
    ),
    ("*", "format", "输出格式", Some("格式")),
    (
        "check",
        "rules",
        "只运行这条规则（可重复）",
        Some("规则编号"),
    ),
    (
        "check",
        "baseline",
        "与以前的一次检查比较（check --format json 的输出，或 --write-baseline 写出的文件）：每项结果标为新增或已知，基线中已经消失的结果列为已改正，只有新增的违规才使退出码为 1",
        Some("文件"),
    ),
    (
        "check",
        "since",
        "与同一台账在某个 git 版本（HEAD、“main”、提交号）时的内容比较，读取时不改动工作区：这次修改带来了哪些问题？",
        Some("版本"),
    ),
    (
        "check",
        "write_baseline",
        "同时把这次检查以 JSON 写入文件，作为以后 --baseline 的基线；写在台账目录中时只能是根目录下的 taizhang.baseline.json",
        Some("文件"),
    ),
    (
        "check",
        "watch",
        "持续运行：台账中的文件每次保存后都重新检查（按 Ctrl-C 停止）",
        None,
    ),
    (
        "check",
        "wide",
        "表格显示全部列（级别、应达、实际）；默认只有规则、组织、党员、期间和说明，宽度按 COLUMNS 或终端",
        None,
    ),
    (
        "report",
        "output",
        "把报告写入文件，而不是标准输出",
        Some("文件"),
    ),
    (
        "report",
        "aggregate",
        "只含各组织、各规则的计数：不含具体结果、党员编号、姓名和个人信息，诊断信息也只计数（供县里向上报送）",
        None,
    ),
    (
        "report",
        "merge",
        "把多个台账的报告 JSON（report --format json 写出的，汇总的或完整的，合并过的或没有合并过的）合并为一份只含计数的报告；不读取台账目录",
        Some("文件"),
    ),
    (
        "report",
        "name",
        "合并报告顶层的名称（也用作编号），如 某市委组织部［默认：汇总］",
        Some("名称"),
    ),
    (
        "status",
        "id",
        "党员编号或组织编号；两者都是时按党员",
        Some("编号"),
    ),
    (
        "status",
        "year",
        "年度［默认：taizhang.toml 中的 ledger.year，否则为 --as-of 所在的年度，否则为今年］",
        Some("年份"),
    ),
    (
        "status",
        "as_of",
        "情况截至的日期［默认：今天，最晚为该年度最后一天］",
        Some("日期"),
    ),
    (
        "rules",
        "dir",
        "台账目录，其 taizhang.toml 设定指标（并可增加周期规则）",
        Some("目录"),
    ),
    (
        "explain",
        "code",
        "规则编号（如 EDU01）或诊断代码（如 excel-serial-date）",
        Some("编号"),
    ),
    (
        "explain",
        "dir",
        "台账目录，其 taizhang.toml 设定指标",
        Some("目录"),
    ),
    (
        "columns",
        "kind",
        "台账类别：中文名（如 党员名册）或英文名（如“members”）；“all”表示全部类别",
        Some("类别"),
    ),
    (
        "columns",
        "dir",
        "台账目录，其 taizhang.toml 映射了更多表头和取值",
        Some("目录"),
    ),
    (
        "fmt",
        "check",
        "不改写任何文件：列出不是规范格式的文件，有这样的文件时退出码为 1",
        None,
    ),
    (
        "init",
        "dir",
        "新台账目录（会新建；已存在时必须为空）",
        Some("目录"),
    ),
    (
        "init",
        "xlsx",
        "生成一个工作簿 台账.xlsx（每类台账一个工作表，带下拉列表、日期列和文本列），代替 CSV 文件",
        None,
    ),
    (
        "completions",
        "shell",
        "要生成命令补全脚本的外壳程序",
        Some("外壳"),
    ),
    (
        "man",
        "command",
        "命令名，如 check：只输出它的手册页［默认：taizhang 的手册页］",
        Some("命令"),
    ),
];

/// What a value of an argument means, where the English says it: by
/// command, argument id and value.
pub const VALUES: &[(&str, &str, &str, &str)] = &[
    ("check", "format", "table", "供人阅读的表格，末尾有汇总行"),
    (
        "check",
        "format",
        "json",
        "SPEC §3 规定的 JSON 文档，供脚本使用",
    ),
    (
        "check",
        "format",
        "csv",
        "每项结果一行，列同表格；带 BOM 的 UTF-8，中文 Windows 上的 Excel 可以直接打开",
    ),
    (
        "check",
        "format",
        "markdown",
        "Markdown 格式的结果表，用于文档和 git",
    ),
    (
        "report",
        "format",
        "html",
        "含图表的单个网页，可在屏幕上看，也可用 A4 纸打印",
    ),
    (
        "report",
        "format",
        "markdown",
        "用于粘贴到文档中和保存在 git 中",
    ),
    (
        "report",
        "format",
        "csv",
        "每个组织 × 规则一行；带 BOM 的 UTF-8，中文 Windows 上的 Excel 可以直接打开",
    ),
    (
        "report",
        "format",
        "json",
        "同样的数字，供脚本使用（见 docs/report-json.md）",
    ),
    ("status", "format", "table", "供人阅读的表格"),
    (
        "status",
        "format",
        "json",
        "供脚本使用（见 docs/SPEC.md §3）",
    ),
    (
        "status",
        "format",
        "markdown",
        "Markdown 格式的表格，用于文档",
    ),
    ("due", "format", "table", "供人阅读的表格"),
    ("due", "format", "json", "供脚本使用（见 docs/SPEC.md §3）"),
    ("due", "format", "markdown", "Markdown 格式的表格，用于文档"),
    (
        "columns",
        "format",
        "table",
        "供人阅读的表格：先列字段，再列每个取值固定的字段的取值",
    ),
    (
        "columns",
        "format",
        "json",
        "供脚本使用：该类台账及其字段（“all”时为各类台账的数组）",
    ),
    (
        "columns",
        "format",
        "markdown",
        "每类台账一个列表，即 README 中的形式",
    ),
];

/// The help subcommand, the help flag and the version flag, which clap
/// adds in English and the Chinese command line adds itself.
pub const HELP_COMMAND: &str = "显示本帮助，或某个命令的帮助";
pub const HELP_COMMAND_ARG: &str = "要看帮助的命令";
pub const HELP_FLAG: &str = "显示帮助（-h 为摘要，--help 为详细说明）";
pub const VERSION_FLAG: &str = "显示版本";

/// The headings of the help.
pub const USAGE: &str = "用法：";
pub const ARGUMENTS: &str = "参数";
pub const OPTIONS: &str = "选项";
pub const SUBCOMMANDS: &str = "命令";
