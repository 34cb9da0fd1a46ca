//! EDU02 study-notes: each member's characters of study notes in the year.

use std::borrow::Cow::Borrowed;

use super::quota::{self, Counting, Proration, judge_member_quotas};
use super::settings::{Default, Doc, Setting, Ty, Values};
use super::{Builtin, Context, Meta, Outcomes, Rule, Subject, Unit, num};
use crate::lang::Lang;
use crate::ledger::Kind;
use crate::ledger::kinds::members::{Leader, MemberCol};
use crate::ledger::plan::LoadPlan;
use crate::t;

pub static NOTE_CHARS: Setting = Setting {
    key: "note_chars",
    ty: Ty::Numbers {
        keys: || vec!["leader", "default"],
        min: 0.0,
        max: 1e9,
    },
    default: Default::Numbers(&[("leader", 30000.0), ("default", 15000.0)]),
    doc: Doc {
        zh: "学习笔记每年字数：leader 为党员领导干部（科级、县级），default 为其他党员。",
        en: "Study-note characters a year: `leader` for leading cadres (section or county), `default` for every other member.",
    },
};

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[&NOTE_CHARS, &quota::PRORATE],
    build: |values, _| Box::new(StudyNotes::new(values)),
};

pub struct StudyNotes {
    leader: f64,
    other: f64,
    proration: Proration,
}

impl StudyNotes {
    fn new(values: &Values) -> StudyNotes {
        let table = values.numbers(&NOTE_CHARS);
        StudyNotes {
            leader: table["leader"],
            other: table["default"],
            proration: Proration::of(values),
        }
    }
}

static META: Meta = Meta {
    code: Borrowed("EDU02"),
    name: Borrowed("study-notes"),
    title: Borrowed("学习笔记字数"),
    cite: Borrowed("一(二)"),
    quote: Borrowed("党员领导干部学习笔记每年至少3万字以上,其他党员学习笔记不少于1.5万字。"),
    explain: Borrowed(
        "Every member on the roll during the year must write study notes: 30,000 characters for leading cadres (`leader` = section or county), 15,000 for other members. \
         Notes count toward the year of their date. A note gives its length as `chars` or as a `file`, a text file inside the ledger whose characters are counted: every Unicode scalar value that is not whitespace, not a control character and not a BOM. When both are given and differ, the counted number is used and a warning says so. \
         The quota is prorated by the days on the roll. Settings: `policy.note_chars` (`leader`, `default`), `policy.prorate`.",
    ),
    explain_zh: Borrowed(
        "年内在册的每名党员都要写学习笔记：领导干部（“领导职级”为科级或县级）30000 字，其他党员 15000 字。笔记计入其日期所在的年度。一条笔记的字数由“字数”给出，或由“文件”给出：台账目录中的一个文本文件，统计其字符数（不计空白、控制字符和 BOM）。两者都给出而不一致时，以统计的字数为准，并给出提醒。应达字数按在册天数折算。设置：policy.note_chars（“leader”、“default”）、policy.prorate。",
    ),
    reads: Borrowed(&[Kind::Notes]),
    decides: Borrowed(&[]),
    subject: Subject::Member,
    unit: Unit::Chars,
};

impl Rule for StudyNotes {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        let (leader, other) = (num(self.leader), num(self.other));
        t!(
            lang,
            "每名党员每年学习笔记：领导干部 ≥ {leader} 字、其他党员 ≥ {other} 字，按在册天数折算",
            "each member's study-note characters in the year: ≥ {leader} (leading cadres), ≥ {other} (others), prorated by days on the roll"
        )
    }

    fn needs(&self, plan: &mut LoadPlan) {
        plan.member_column("leader", &META.code);
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let (ledger, lang) = (cx.ledger, cx.lang);
        judge_member_quotas(
            cx,
            out,
            Counting {
                proration: self.proration,
                needs: MemberCol::Leader,
                unit: Unit::Chars,
            },
            |m| match ledger.members.member(m).leader {
                Leader::None => Some(self.other),
                Leader::Section | Leader::County => Some(self.leader),
            },
            |m| ledger.records.notes.chars(m) as f64,
            |a, e| {
                let chars = crate::lang::counted(a, "character");
                t!(
                    lang,
                    "学习笔记 {a} 字，应不少于 {e} 字",
                    "{chars} of study notes, {e} required"
                )
            },
        );
    }
}
