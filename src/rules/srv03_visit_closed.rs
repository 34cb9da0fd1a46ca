//! SRV03 visit-closed: every visitor is recorded and answered in time.

use std::borrow::Cow::Borrowed;

use super::settings::{Default, Doc, Setting, Ty, Values};
use super::{Builtin, Context, Finding, Meta, Outcomes, Rule, Severity, Subject, Unit};
use crate::calendar::Period;
use crate::lang::{Lang, counted};
use crate::ledger::Kind;
use crate::ledger::kinds::visits::{Disposition, Visit};
use crate::t;

pub static VISIT_MAX_OPEN_DAYS: Setting = Setting {
    key: "visit_max_open_days",
    ty: Ty::Count { min: 0, max: 3660 },
    default: Default::Count(30),
    doc: Doc {
        zh: "来访登记自来访日期起多少天内须办结（办结日期 − 来访日期 ≤ 该天数）。",
        en: "A visit must be closed within this many days of its date (closed_on − date ≤ the number).",
    },
};

pub const RULE: Builtin = Builtin {
    meta: &META,
    settings: &[&VISIT_MAX_OPEN_DAYS],
    build: |values, _| Box::new(VisitClosed::new(values)),
};

pub struct VisitClosed {
    max_open_days: u32,
}

impl VisitClosed {
    fn new(values: &Values) -> VisitClosed {
        VisitClosed {
            max_open_days: values.count(&VISIT_MAX_OPEN_DAYS),
        }
    }
}

static META: Meta = Meta {
    code: Borrowed("SRV03"),
    name: Borrowed("visit-closed"),
    title: Borrowed("来访首问办结"),
    cite: Borrowed("二(四)"),
    quote: Borrowed(
        "要建立首问责任制,对来访人员必须文明热情接待,问明事由,详细记录。若属自己职责范围内且是应该办理的,必须认真解答或及时办理,若不属于自己职责范围内的,要负责介绍到有关人员、有关领导或有关职能部门。",
    ),
    explain: Borrowed(
        "Every visit dated in the year must record its `matter` and who received it (`received_by`), and be closed: resolved, explained, or referred (naming `referred_to`), with `closed_on` no more than `visit_max_open_days` days after the visit (inclusive: 30 days after is in time, 31 is late). \
         A closed visit without `closed_on` fails. A visit still pending (or without a disposition) is pending while as-of is within the limit and fails once as-of is more than the limit after its date. \
         As for every per-year rule, failures are `pending` until the year is complete. \
         Findings carry the visit's org, period `YYYY` and the visit id as `record`. Setting: `policy.visit_max_open_days` (30).",
    ),
    explain_zh: Borrowed(
        "日期在年内的每次来访，都要登记“事由”和“接待人”，并且办结：已解决、已解释，或已转办（写明“转办单位”），且“办结日期”不晚于来访后 visit_max_open_days 天（含当天：来访后第 30 天办结为按时，第 31 天为超时）。已办结却没有“办结日期”的不达标。仍在办理中（或没有办理结果）的来访，截至日期未超过期限时为待完成，超过期限后不达标。与每条按年度的规则一样，年度结束之前的不达标都是待完成。结果注明来访的组织、期间（年度）和来访编号。设置：policy.visit_max_open_days（30）。",
    ),
    reads: Borrowed(&[Kind::Visits]),
    decides: Borrowed(&[Kind::Visits]),
    subject: Subject::Record,
    unit: Unit::Days,
};

impl Rule for VisitClosed {
    fn meta(&self) -> &Meta {
        &META
    }

    fn requirement(&self, lang: Lang) -> String {
        let days = self.max_open_days;
        t!(
            lang,
            "每次来访登记事由和接待人，并在 {days} 天内办结（解决、解释或转办并写明转办单位）",
            "each visit records its matter and receiver and is resolved, explained or referred (naming where) within {days} days"
        )
    }

    fn check(&self, cx: &Context<'_>, out: &mut Outcomes<'_>) {
        let mut visits: Vec<&Visit> = cx
            .ledger
            .records
            .visits
            .list
            .iter()
            .filter(|v| v.date <= cx.as_of)
            .collect();
        visits.sort_by(|a, b| a.id.cmp(&b.id));
        for visit in visits {
            // The day by which the visit must be closed and recorded.
            let due = visit.date + chrono::Duration::days(i64::from(self.max_open_days));
            let finding = |severity, message| {
                Finding::new(severity, Some(visit.org), cx.year.to_string(), message)
                    .record(&visit.id)
                    .at(visit.loc)
                    .due_on(due)
            };
            match judge(visit, cx, self.max_open_days) {
                None => out.pass(Some(visit.org), || {
                    finding(Severity::Pending, String::new())
                }),
                Some((severity, message, open_days)) => {
                    let mut finding = finding(severity, message);
                    if let Some(days) = open_days {
                        finding = finding.numbers(f64::from(self.max_open_days), days as f64);
                    }
                    out.push(finding);
                }
            }
        }
    }
}

/// What is wrong with a visit, if anything: severity, message, and the days
/// it has been open where that is the problem.
fn judge(
    visit: &Visit,
    cx: &Context<'_>,
    max_open_days: u32,
) -> Option<(Severity, String, Option<i64>)> {
    let lang = cx.lang;
    let limit = i64::from(max_open_days);
    let mut problems = Vec::new();
    if !visit.has_matter {
        problems.push(t!(lang, "未登记事由", "no matter recorded"));
    }
    if !visit.has_received_by {
        problems.push(t!(lang, "未登记接待人", "no receiver recorded"));
    }
    let mut open_days = None;
    // Like every per-year rule, a shortfall is a violation only once the
    // year is complete; before that it is pending.
    let mut severity = cx.judge(Period::Year(cx.year)).unwrap_or(Severity::Pending);
    match visit.disposition {
        Some(Disposition::Resolved | Disposition::Explained | Disposition::Referred) => {
            if visit.disposition == Some(Disposition::Referred) && !visit.has_referred_to {
                problems.push(t!(
                    lang,
                    "已转办但未写明转办单位",
                    "referred without saying where to"
                ));
            }
            match visit.closed_on {
                None => problems.push(t!(
                    lang,
                    "已办结但没有办结日期",
                    "closed without a closing date"
                )),
                Some(closed) => {
                    let days = (closed - visit.date).num_days();
                    if days > limit {
                        open_days = Some(days);
                        let days_en = counted(days, "day");
                        problems.push(t!(
                            lang,
                            "来访后第 {days} 天才办结，超过 {limit} 天",
                            "closed {days_en} after the visit, more than {limit}"
                        ));
                    }
                }
            }
        }
        Some(Disposition::Pending) | None => {
            let days = (cx.as_of - visit.date).num_days();
            open_days = Some(days);
            if days > limit {
                let days_en = counted(days, "day");
                problems.push(t!(
                    lang,
                    "来访 {days} 天仍未办结，超过 {limit} 天",
                    "still open {days_en} after the visit, more than {limit}"
                ));
            } else {
                if problems.is_empty() {
                    severity = Severity::Pending;
                }
                let left = limit - days;
                let left_en = counted(left, "day");
                problems.push(t!(
                    lang,
                    "尚未办结，还有 {left} 天",
                    "not yet closed, {left_en} left"
                ));
            }
        }
    }
    if problems.is_empty() {
        return None;
    }
    Some((severity, problems.join(lang.pick("；", "; ")), open_days))
}
