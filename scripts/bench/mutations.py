"""Checks that the benchmark's comparison is sensitive: each SPEC reading
dropped from quotas.sql must make DuckDB disagree with taizhang.

    python mutations.py LEDGER_DIR TAIZHANG_4_RULES_JSON

(the JSON of `taizhang check LEDGER_DIR --as-of 2025-12-31 --format json
--rule EDU01 --rule EDU02 --rule SRV04 --rule MOB04`, as scripts/bench.sh
leaves it in target/bench/out-N.rules.json). Exits 1 if a mutation goes
unnoticed; on a small ledger some may (the cases are rare by design).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent

# (name, text of quotas.sql, replacement): each drops one reading of the SPEC.
MUTATIONS = [
    ("holidays ignored", "AND d NOT IN (SELECT d FROM holidays)", ""),
    ("make-up working days ignored", "d IN (SELECT d FROM workdays)\n            OR ", ""),
    ("no calendar days for a session on rest days", "ELSE l.calendar", "ELSE 0"),
    ("hours_per_day 10", "s.hours / 8", "s.hours / 10"),
    ("a member listed twice counts twice", "SELECT DISTINCT sid, trim(id)", "SELECT sid, trim(id)"),
    (
        "a session counts in the year of its end",
        'WHERE year(CAST(trim("date") AS DATE)) = 2025;\n\nCREATE TEMP TABLE session_length',
        'WHERE year(coalesce(CAST(nullif(trim("end"), \'\') AS DATE), CAST(trim("date") AS DATE))) = 2025;'
        "\n\nCREATE TEMP TABLE session_length",
    ),
    ("sector not inherited", "SELECT up.org, o.parent, o.sector", "SELECT up.org, o.parent, 'other'"),
    ("member's own sector ignored", "coalesce(m.sector, s.sector) AS sector", "s.sector AS sector"),
    ("no proration", "quota * active_days / 365.0", "quota"),
    ("until exclusive", "least(coalesce(m.until, DATE '2025-12-31'), DATE '2025-12-31')) + 1)",
     "least(coalesce(m.until, DATE '2025-12-31'), DATE '2025-12-31')))"),
    ("shortfall is actual <= expected", "AND actual < expected\nUNION ALL\nSELECT 'EDU02'",
     "AND actual <= expected\nUNION ALL\nSELECT 'EDU02'"),
    (
        "notes of every year",
        'WHERE year(CAST(trim("date") AS DATE)) = 2025\nGROUP BY ALL;\n\n-- SRV04',
        "GROUP BY ALL;\n\n-- SRV04",
    ),
    (
        "trips not clipped to the year",
        "greatest(first_day, DATE '2025-01-01'), least(last_day, DATE '2025-12-31')",
        "first_day, last_day",
    ),
    ("trips added, not unioned", "count(DISTINCT d)", "count(d)"),
    (
        "away on returned_on too",
        "CAST(nullif(trim(returned_on), '') AS DATE) - 1",
        "CAST(nullif(trim(returned_on), '') AS DATE)",
    ),
    ("14 days away suffice", "WHERE a.days >= 15", "WHERE a.days >= 14"),
    ("16 days away needed", "WHERE a.days >= 15", "WHERE a.days >= 16"),
    ("absences added, not unioned", "SELECT DISTINCT member, CAST(unnest", "SELECT member, CAST(unnest"),
    (
        "contacts of every year",
        'WHERE year(CAST(trim("date") AS DATE)) = 2025\nGROUP BY ALL;\n\nCREATE TEMP TABLE findings',
        "GROUP BY ALL;\n\nCREATE TEMP TABLE findings",
    ),
    (
        "reports are no contacts",
        'WHERE year(CAST(trim("date") AS DATE)) = 2025\nGROUP BY ALL;\n\nCREATE TEMP TABLE findings',
        'WHERE year(CAST(trim("date") AS DATE)) = 2025 AND trim(kind) <> \'report\'\nGROUP BY ALL;'
        "\n\nCREATE TEMP TABLE findings",
    ),
]


def main() -> int:
    ledger, expected = sys.argv[1], sys.argv[2]
    sql = (HERE / "quotas.sql").read_text(encoding="utf-8")
    unnoticed = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for script in ("duckdb_quotas.py", "compare.py"):
            (tmp / script).write_text((HERE / script).read_text(encoding="utf-8"), encoding="utf-8")
        for name, old, new in MUTATIONS:
            if sql.count(old) != 1:
                print(f"{name}: the text to change is not in quotas.sql once", file=sys.stderr)
                return 2
            (tmp / "quotas.sql").write_text(sql.replace(old, new), encoding="utf-8")
            out = tmp / "findings.csv"
            subprocess.run([sys.executable, tmp / "duckdb_quotas.py", ledger, out], check=True)
            result = subprocess.run(
                [sys.executable, tmp / "compare.py", expected, out], capture_output=True, text=True
            )
            if result.returncode == 0:
                unnoticed += 1
                print(f"UNNOTICED  {name}")
            else:
                print(f"caught     {name}: {result.stderr.splitlines()[0]}")
    return 1 if unnoticed else 0


if __name__ == "__main__":
    sys.exit(main())
