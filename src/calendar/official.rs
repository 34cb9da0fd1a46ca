//! The official working-day calendars: the State Council General Office's
//! yearly holiday schedules (国务院办公厅关于某年部分节假日安排的通知), each
//! cited by its title and document number, with every holiday period
//! (放假调休) and every weekend day worked in exchange (调休上班) it names.
//! A ledger's own `[calendar]` dates add to these and win over them.
//!
//! Each schedule was checked day by day against the notice's text:
//! - 2024: the notice as printed in 人民日报 of 2023-10-26, p. 6
//!   (paper.people.com.cn) and in 中华人民共和国国务院公报 2023 年第 31 号
//!   (zh.wikisource.org), which gives its number;
//! - 2025: the notice as published by 新华社 on 2024-11-12 (m.gmw.cn,
//!   content_1303894933), its number as the notice's reprints give it;
//! - 2026: the notice as published by 新华社 on 2025-11-04
//!   (politics.gmw.cn, content_38391083; gov.cn zhengceku content_7047091),
//!   its number as the Beijing government's reprint gives it
//!   (beijing.gov.cn, t20260327_4568275).

use chrono::{Datelike, NaiveDate};

/// One year's schedule, as its notice gives it.
#[derive(Debug)]
pub struct Schedule {
    pub year: i32,
    /// The notice's title.
    pub title: &'static str,
    /// The notice's document number (文号).
    pub number: &'static str,
    /// Each holiday period: its name, first and last day (weekend days
    /// inside a period are listed with it, as the notice counts them).
    pub holidays: &'static [(&'static str, NaiveDate, NaiveDate)],
    /// The weekend days worked in exchange.
    pub workdays: &'static [NaiveDate],
}

/// A day of the calendar; checked when the binary is compiled.
const fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("a schedule names a day that does not exist"),
    }
}

pub const SCHEDULES: &[Schedule] = &[
    Schedule {
        year: 2024,
        title: "国务院办公厅关于2024年部分节假日安排的通知",
        number: "国办发明电〔2023〕7号",
        holidays: &[
            // 一、元旦：1月1日放假，与周末连休。
            ("元旦", day(2024, 1, 1), day(2024, 1, 1)),
            // 二、春节：2月10日至17日放假调休，共8天。
            ("春节", day(2024, 2, 10), day(2024, 2, 17)),
            // 三、清明节：4月4日至6日放假调休，共3天。
            ("清明节", day(2024, 4, 4), day(2024, 4, 6)),
            // 四、劳动节：5月1日至5日放假调休，共5天。
            ("劳动节", day(2024, 5, 1), day(2024, 5, 5)),
            // 五、端午节：6月10日放假，与周末连休。
            ("端午节", day(2024, 6, 10), day(2024, 6, 10)),
            // 六、中秋节：9月15日至17日放假调休，共3天。
            ("中秋节", day(2024, 9, 15), day(2024, 9, 17)),
            // 七、国庆节：10月1日至7日放假调休，共7天。
            ("国庆节", day(2024, 10, 1), day(2024, 10, 7)),
        ],
        workdays: &[
            day(2024, 2, 4),   // 春节：2月4日（星期日）上班
            day(2024, 2, 18),  // 春节：2月18日（星期日）上班
            day(2024, 4, 7),   // 清明节：4月7日（星期日）上班
            day(2024, 4, 28),  // 劳动节：4月28日（星期日）上班
            day(2024, 5, 11),  // 劳动节：5月11日（星期六）上班
            day(2024, 9, 14),  // 中秋节：9月14日（星期六）上班
            day(2024, 9, 29),  // 国庆节：9月29日（星期日）上班
            day(2024, 10, 12), // 国庆节：10月12日（星期六）上班
        ],
    },
    Schedule {
        year: 2025,
        title: "国务院办公厅关于2025年部分节假日安排的通知",
        number: "国办发明电〔2024〕12号",
        holidays: &[
            // 一、元旦：1月1日（周三）放假1天，不调休。
            ("元旦", day(2025, 1, 1), day(2025, 1, 1)),
            // 二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。
            ("春节", day(2025, 1, 28), day(2025, 2, 4)),
            // 三、清明节：4月4日（周五）至6日（周日）放假，共3天。
            ("清明节", day(2025, 4, 4), day(2025, 4, 6)),
            // 四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。
            ("劳动节", day(2025, 5, 1), day(2025, 5, 5)),
            // 五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
            ("端午节", day(2025, 5, 31), day(2025, 6, 2)),
            // 六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。
            ("国庆节、中秋节", day(2025, 10, 1), day(2025, 10, 8)),
        ],
        workdays: &[
            day(2025, 1, 26),  // 春节：1月26日（周日）上班
            day(2025, 2, 8),   // 春节：2月8日（周六）上班
            day(2025, 4, 27),  // 劳动节：4月27日（周日）上班
            day(2025, 9, 28),  // 国庆节、中秋节：9月28日（周日）上班
            day(2025, 10, 11), // 国庆节、中秋节：10月11日（周六）上班
        ],
    },
    Schedule {
        year: 2026,
        title: "国务院办公厅关于2026年部分节假日安排的通知",
        number: "国办发明电〔2025〕7号",
        holidays: &[
            // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。
            ("元旦", day(2026, 1, 1), day(2026, 1, 3)),
            // 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
            ("春节", day(2026, 2, 15), day(2026, 2, 23)),
            // 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
            ("清明节", day(2026, 4, 4), day(2026, 4, 6)),
            // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。
            ("劳动节", day(2026, 5, 1), day(2026, 5, 5)),
            // 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
            ("端午节", day(2026, 6, 19), day(2026, 6, 21)),
            // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
            ("中秋节", day(2026, 9, 25), day(2026, 9, 27)),
            // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。
            ("国庆节", day(2026, 10, 1), day(2026, 10, 7)),
        ],
        workdays: &[
            day(2026, 1, 4),   // 元旦：1月4日（周日）上班
            day(2026, 2, 14),  // 春节：2月14日（周六）上班
            day(2026, 2, 28),  // 春节：2月28日（周六）上班
            day(2026, 5, 9),   // 劳动节：5月9日（周六）上班
            day(2026, 9, 20),  // 国庆节：9月20日（周日）上班
            day(2026, 10, 10), // 国庆节：10月10日（周六）上班
        ],
    },
];

/// The schedule of `year`, if one is built in.
pub fn schedule(year: i32) -> Option<&'static Schedule> {
    SCHEDULES.iter().find(|schedule| schedule.year == year)
}

/// What the official schedules say of a date: `Some(true)` a weekend day
/// worked in exchange, `Some(false)` a holiday, `None` nothing (the day is
/// what its weekday makes it).
pub fn working(date: NaiveDate) -> Option<bool> {
    // A period may begin in the year before its notice's (元旦 across 31 December).
    let near = SCHEDULES
        .iter()
        .filter(|schedule| (schedule.year - 1..=schedule.year).contains(&date.year()));
    for schedule in near {
        if schedule.workdays.contains(&date) {
            return Some(true);
        }
        if schedule
            .holidays
            .iter()
            .any(|&(_, first, last)| first <= date && date <= last)
        {
            return Some(false);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;

    /// Each notice's own count of days off, period by period, and that every
    /// day worked in exchange is a weekend day outside the holidays.
    #[test]
    fn the_schedules_are_the_notices() {
        let lengths: Vec<(i32, Vec<i64>)> = SCHEDULES
            .iter()
            .map(|s| {
                let days = s.holidays.iter().map(|&(_, a, b)| (b - a).num_days() + 1);
                (s.year, days.collect())
            })
            .collect();
        assert_eq!(
            lengths,
            [
                (2024, vec![1, 8, 3, 5, 1, 3, 7]),
                (2025, vec![1, 8, 3, 5, 3, 8]),
                (2026, vec![3, 9, 3, 5, 3, 3, 7]),
            ]
        );
        for schedule in SCHEDULES {
            for &(name, first, last) in schedule.holidays {
                assert!(first <= last, "{} {name}", schedule.year);
                assert!(
                    first.year() >= schedule.year - 1,
                    "{} {name}",
                    schedule.year
                );
            }
            for &date in schedule.workdays {
                assert!(
                    matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
                    "{date} is a weekend day"
                );
                assert_eq!(working(date), Some(true), "{date}");
            }
        }
    }

    #[test]
    fn the_2026_schedule_day_by_day() {
        let d = |m, dd| day(2026, m, dd);
        for date in [
            d(1, 1),
            d(1, 2),
            d(2, 16),
            d(2, 23),
            d(5, 5),
            d(9, 25),
            d(10, 7),
        ] {
            assert_eq!(working(date), Some(false), "{date}");
        }
        for date in [d(1, 4), d(2, 14), d(2, 28), d(5, 9), d(9, 20), d(10, 10)] {
            assert_eq!(working(date), Some(true), "{date}");
        }
        for date in [d(1, 5), d(2, 24), d(10, 8), d(12, 31)] {
            assert_eq!(working(date), None, "{date}");
        }
        assert_eq!(
            schedule(2026).map(|s| s.number),
            Some("国办发明电〔2025〕7号")
        );
        assert!(schedule(2023).is_none() && schedule(2027).is_none());
    }
}
