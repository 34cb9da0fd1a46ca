//! The report's first page in words, for the HTML and Markdown renderers
//! alike: the overall rate beside the number of members and orgs that fall
//! short, the ledger by its name and path, the facts, and the input
//! diagnostics the report was made with.

use super::Summary;
use super::model::{FallingShort, Report, counts_in_words, percent};
use crate::lang::{Lang, counted};
use crate::t;

/// A fact of the first page: its label, its value and, for the ledger, the
/// directory (which the HTML page sets apart).
pub struct Fact {
    pub label: &'static str,
    pub value: String,
    pub path: Option<String>,
}

impl Fact {
    fn new(label: &'static str, value: String) -> Fact {
        Fact {
            label,
            value,
            path: None,
        }
    }

    /// The value and the path in one line: `某县台账（/home/…/某县台账）`.
    pub fn text(&self, lang: Lang) -> String {
        match (&self.path, self.value.is_empty()) {
            (None, _) => self.value.clone(),
            (Some(path), true) => path.clone(),
            (Some(path), false) => {
                let value = &self.value;
                t!(lang, "{value}（{path}）", "{value} ({path})")
            }
        }
    }
}

/// One input diagnostic as the report lists it.
pub struct InputLine {
    pub severity: &'static str,
    pub code: &'static str,
    /// `file:line:column`, `台账.xlsx[成员]!C12`, or `—` where there is none.
    pub place: String,
    pub message: String,
    /// What it did to the check.
    pub consequence: String,
}

impl Report {
    /// The overall rate, and beside it how many members and orgs fall short:
    /// `95.8%，40 名党员、9 个组织至少有一项未达标`.
    pub fn rate_line(&self) -> String {
        let rate = percent(&self.overall());
        let short = self.falling_short_words();
        t!(self.lang, "{rate}，{short}", "{rate}; {short}")
    }

    /// How many members and orgs have at least one failed subject, in words.
    pub fn falling_short_words(&self) -> String {
        falling_short_words(self.falling_short, self.lang)
    }

    /// The overall rate with who falls short and the counts behind it.
    pub fn overall_line(&self) -> (&'static str, String) {
        let lang = self.lang;
        let rate = self.rate_line();
        let counts = counts_in_words(&self.overall(), lang);
        (
            lang.pick("综合合规率", "Overall rate"),
            t!(lang, "{rate}（{counts}）", "{rate} ({counts})"),
        )
    }

    /// The facts of the first page besides the rate: the ledger (or the
    /// reports merged), the year, the scope, the rules and the findings.
    pub fn headline(&self) -> Vec<Fact> {
        let lang = self.lang;
        let scope = match self.orgs.first() {
            Some(top) => {
                let (orgs, members) = (self.orgs.len(), self.members);
                let (orgs_en, members_en) = (counted(orgs, "org"), counted(members, "member"));
                t!(
                    lang,
                    "{}（组织 {orgs} 个，年内在册党员 {members} 名）",
                    "{} ({orgs_en}, {members_en} on the roll in the year)",
                    top.label()
                )
            }
            None => lang.pick("（没有组织）", "(no orgs)").to_string(),
        };
        let (evaluated, skipped) = (self.evaluated(), self.rules.len() - self.evaluated());
        let Summary {
            violations,
            warnings,
            pending: pending_findings,
            uncertain,
            unchecked,
            errors,
            ..
        } = self.summary;
        let (violations_en, warnings_en) = (
            counted(violations, "violation"),
            counted(warnings, "warning"),
        );
        let mut found = t!(
            lang,
            "违规 {violations} 项，提醒 {warnings} 项，待完成 {pending_findings} 项",
            "{violations_en}, {warnings_en}, {pending_findings} pending"
        );
        if uncertain > 0 {
            found.push_str(&t!(
                lang,
                "，因部分输入未计入而不确定 {uncertain} 项",
                ", {uncertain} uncertain because some input was left out"
            ));
        }
        if unchecked > 0 {
            let subjects = counted(unchecked, "subject");
            found.push_str(&t!(
                lang,
                "，因输入错误未检查 {unchecked} 个对象",
                ", {subjects} not checked because of input errors"
            ));
        }
        let errors_en = counted(errors, "input error");
        found.push_str(&t!(lang, "，输入错误 {errors} 个", ", {errors_en}"));
        let mut facts = Vec::new();
        if self.inputs.is_empty() {
            // The name the clerk gave it, and where it is on this machine.
            let path = self.ledger_dir.as_ref().unwrap_or(&self.ledger_path);
            facts.push(Fact {
                label: lang.pick("台账", "Ledger"),
                value: self.ledger_name.clone().unwrap_or_default(),
                path: Some(path.clone()),
            });
        } else {
            let inputs: Vec<String> = self
                .inputs
                .iter()
                .map(|input| {
                    let (org, file) = (&input.org, &input.file);
                    match &input.ledger_name {
                        Some(name) => t!(lang, "{org} {name}（{file}）", "{org} {name} ({file})"),
                        None => t!(lang, "{org}（{file}）", "{org} ({file})"),
                    }
                })
                .collect();
            let inputs = inputs.join(lang.pick("；", "; "));
            facts.push(Fact::new(lang.pick("合并自", "Merged from"), inputs));
        }
        let rules = t!(
            lang,
            "评估 {evaluated} 条，跳过 {skipped} 条",
            "{evaluated} evaluated, {skipped} skipped"
        );
        facts.extend([
            Fact::new(lang.pick("年度", "Year"), self.year.to_string()),
            Fact::new(lang.pick("截至", "As of"), self.as_of.to_string()),
            Fact::new(lang.pick("范围", "Scope"), scope),
            Fact::new(lang.pick("规则", "Rules"), rules),
            Fact::new(lang.pick("发现", "Found"), found),
        ]);
        if self.aggregate {
            facts.push(Fact::new(
                lang.pick("内容", "Content"),
                lang.pick(
                    "仅统计数字（汇总报告）：不含具体问题、党员信息和输入错误的内容",
                    "counts only (an aggregate report): no shortfalls, no members, no input errors but their number",
                )
                .to_string(),
            ));
        }
        facts
    }

    /// The input diagnostics the report was made with, in their order;
    /// none in an aggregate, which has their counts only.
    pub fn input_lines(&self) -> Vec<InputLine> {
        let lang = self.lang;
        self.diagnostics
            .iter()
            .map(|d| InputLine {
                severity: d.level.label(lang),
                code: d.code.as_str(),
                place: d.position().unwrap_or_else(|| "—".to_string()),
                message: d.message.clone(),
                consequence: d.consequence.clone().unwrap_or_default(),
            })
            .collect()
    }

    /// What stands above the list of input diagnostics, or for it: that
    /// there were none, or that an aggregate counts them only.
    pub fn inputs_note(&self) -> Option<&'static str> {
        let lang = self.lang;
        if self.diagnostic_counts.is_empty() && !self.inputs.is_empty() {
            Some(lang.pick(
                "合并的各报告都没有输入错误或警告。",
                "None of the reports merged had input errors or warnings.",
            ))
        } else if self.diagnostic_counts.is_empty() {
            Some(lang.pick(
                "没有输入错误或警告：本报告依据台账的全部内容。",
                "No input errors or warnings: the report rests on the whole ledger.",
            ))
        } else if self.aggregate {
            Some(lang.pick(
                "汇总报告只列出各类输入错误和警告的个数，不列位置和内容（其中可能有个人信息）；详情见各单位自己的报告。",
                "An aggregate report gives the number of input errors and warnings of each code only, not their places and messages (which may carry personal data): those are in each ledger's own report.",
            ))
        } else {
            None
        }
    }
}

/// How many members and orgs have at least one failed subject, in words;
/// `None`: not known.
pub fn falling_short_words(short: Option<FallingShort>, lang: Lang) -> String {
    let Some(FallingShort { members, orgs }) = short else {
        return lang
            .pick(
                "未达标的党员和组织数不详：有输入报告不含此数",
                "how many members and orgs fall short is not known: an input report does not say",
            )
            .to_string();
    };
    // "1 member has", "2 members have", "1 member and 1 org have".
    let (member_words, org_words) = (counted(members, "member"), counted(orgs, "org"));
    let verb = if members + orgs == 1 { "has" } else { "have" };
    match (members, orgs) {
        (0, 0) => lang
            .pick("没有党员或组织未达标", "no member or org falls short")
            .to_string(),
        (_, 0) => t!(
            lang,
            "{members} 名党员至少有一项未达标",
            "{member_words} {verb} at least one shortfall"
        ),
        (0, _) => t!(
            lang,
            "{orgs} 个组织至少有一项未达标",
            "{org_words} {verb} at least one shortfall"
        ),
        _ => t!(
            lang,
            "{members} 名党员、{orgs} 个组织至少有一项未达标",
            "{member_words} and {org_words} have at least one shortfall"
        ),
    }
}

/// The heading of the input diagnostics.
pub fn inputs_heading(lang: Lang) -> &'static str {
    lang.pick("输入错误和警告", "Input errors and warnings")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(members: usize, orgs: usize, lang: Lang) -> String {
        falling_short_words(Some(FallingShort { members, orgs }), lang)
    }

    #[test]
    fn who_falls_short_in_words() {
        assert_eq!(
            words(25, 15, Lang::Zh),
            "25 名党员、15 个组织至少有一项未达标"
        );
        assert_eq!(words(0, 3, Lang::Zh), "3 个组织至少有一项未达标");
        assert_eq!(words(0, 0, Lang::Zh), "没有党员或组织未达标");
        assert_eq!(words(1, 0, Lang::En), "1 member has at least one shortfall");
        assert_eq!(words(0, 1, Lang::En), "1 org has at least one shortfall");
        assert_eq!(
            words(2, 0, Lang::En),
            "2 members have at least one shortfall"
        );
        assert_eq!(
            words(1, 1, Lang::En),
            "1 member and 1 org have at least one shortfall"
        );
        assert_eq!(words(0, 0, Lang::En), "no member or org falls short");
        assert!(falling_short_words(None, Lang::En).contains("not known"));
    }
}
