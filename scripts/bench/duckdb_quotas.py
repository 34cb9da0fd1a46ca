"""Runs scripts/bench/quotas.sql on a ledger with DuckDB and writes its findings as CSV.

    python duckdb_quotas.py LEDGER_DIR OUT_CSV

The holidays and make-up working days come from the ledger's taizhang.toml
[calendar], as taizhang reads them. DUCKDB_THREADS=N limits DuckDB to N
threads (default: one per core). For the benchmark only: no test needs it.
"""

import os
import sys
import tomllib
from pathlib import Path

import duckdb


def main() -> None:
    ledger, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    sql = (Path(__file__).parent / "quotas.sql").read_text(encoding="utf-8")
    settings = ledger / "taizhang.toml"
    calendar = {}
    if settings.exists():
        calendar = tomllib.loads(settings.read_text(encoding="utf-8")).get("calendar", {})
    con = duckdb.connect()
    if os.environ.get("DUCKDB_THREADS"):
        con.execute(f"SET threads = {int(os.environ['DUCKDB_THREADS'])}")
    for table in ("holidays", "workdays"):
        con.execute(f"CREATE TEMP TABLE {table} (d DATE)")
        dates = [str(d) for d in calendar.get(table, [])]
        if dates:
            con.executemany(f"INSERT INTO {table} VALUES (CAST(? AS DATE))", [[d] for d in dates])
    os.chdir(ledger)
    con.execute(sql)
    con.execute(
        "COPY (SELECT * FROM findings ORDER BY rule, org, member, period) TO ? (HEADER)",
        [str(out)],
    )


if __name__ == "__main__":
    main()
