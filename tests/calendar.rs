//! The built-in official holiday schedules: working days without any
//! `[calendar]` in the ledger, and the warning for a year without one.

use std::fs;
use std::path::Path;

use crate::util::{check_json, diagnostic_lines, finding_lines, taizhang};

/// A ledger of one branch and one member whose session without days runs
/// from `first` to `last`, with `calendar` as its taizhang.toml.
fn session_ledger(first: &str, last: &str, calendar: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| fs::write(dir.path().join(name), text).unwrap();
    write(
        "orgs.csv",
        "id,name,parent,kind,sector\nB1,一支部,,branch,rural\n",
    );
    write("members.csv", "id,name,org\nM1,张一,B1\n");
    write(
        "education.csv",
        &format!("date,end,members\n{first},{last},M1\n"),
    );
    write("taizhang.toml", calendar);
    dir
}

/// EDU01's finding and the diagnostics of checking `year`.
fn study_days(dir: &Path, year: &str) -> (Vec<String>, Vec<String>) {
    let as_of = format!("{year}-12-31");
    let (json, code) = check_json([
        dir.to_str().unwrap(),
        "--rule",
        "EDU01",
        "--year",
        year,
        "--as-of",
        &as_of,
    ]);
    assert_eq!(code, 1);
    (finding_lines(&json), diagnostic_lines(&json))
}

#[test]
fn official_holidays_are_no_working_days_without_any_calendar_in_the_ledger() {
    // 2026-02-13 (Fri) to 02-24 (Tue): 02-14 (Sat) is worked, 02-15 to 02-23
    // is the Spring Festival: 3 working days, not 8.
    let ledger = session_ledger("2026-02-13", "2026-02-24", "");
    assert_eq!(
        study_days(ledger.path(), "2026"),
        (vec!["EDU01 violation B1 M1 2026 - 6 3".to_string()], vec![])
    );
    // 2024-10-01 to 10-12 (Sat, worked): 10-08 to 10-12 are 5 working days.
    let ledger = session_ledger("2024-10-01", "2024-10-12", "");
    assert_eq!(
        study_days(ledger.path(), "2024").0,
        ["EDU01 violation B1 M1 2024 - 6 5"]
    );
}

#[test]
fn a_year_without_a_schedule_warns_that_working_days_are_monday_to_friday() {
    for year in ["2023", "2027"] {
        // Monday 02-06 to Sunday 02-12 in 2023; Monday 02-08 to Sunday 02-14 in 2027.
        let (first, last) = if year == "2023" {
            ("2023-02-06", "2023-02-12")
        } else {
            ("2027-02-08", "2027-02-14")
        };
        let ledger = session_ledger(first, last, "");
        assert_eq!(
            study_days(ledger.path(), year),
            (
                vec![format!("EDU01 violation B1 M1 {year} - 6 5")],
                vec!["no-holiday-calendar taizhang.toml:-".to_string()]
            )
        );
        // The ledger's own dates of the year: no warning, and they count.
        let calendar = format!("[calendar]\nholidays = [\"{first}\"]\n");
        let ledger = session_ledger(first, last, &calendar);
        assert_eq!(
            study_days(ledger.path(), year),
            (vec![format!("EDU01 violation B1 M1 {year} - 6 4")], vec![])
        );
    }
    // In Chinese, with the hint that says what to do.
    let ledger = session_ledger("2027-02-08", "2027-02-14", "");
    let output = taizhang([
        "check",
        ledger.path().to_str().unwrap(),
        "--rule",
        "EDU01",
        "--year",
        "2027",
        "--as-of",
        "2027-12-31",
        "--lang",
        "zh",
    ]);
    assert!(
        output
            .stderr
            .contains("2027 年没有内置的国务院办公厅节假日安排")
            && output.stderr.contains("工作日只按周一至周五计算")
            && output.stderr.contains("在 taizhang.toml 的 [calendar] 中"),
        "{}",
        output.stderr
    );
    // Rules that count no working days do not warn.
    let (json, _) = check_json([
        ledger.path().to_str().unwrap(),
        "--rule",
        "EDU02",
        "--year",
        "2027",
        "--as-of",
        "2027-12-31",
    ]);
    assert_eq!(diagnostic_lines(&json), Vec::<String>::new());
}
