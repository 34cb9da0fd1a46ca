"""Asserts that taizhang and the DuckDB SQL find the same shortfalls.

    python compare.py TAIZHANG_JSON DUCKDB_CSV

Compares the findings of EDU01, EDU02, SRV04 and MOB04 by (rule, org, member,
period), their expected and actual numbers within 1e-9 (taizhang prints them
unrounded). Exits 1, listing the first differences, when they disagree.
"""

import csv
import json
import sys

RULES = {"EDU01", "EDU02", "SRV04", "MOB04"}
TOLERANCE = 1e-9


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        report = json.load(f)
    problems = []
    for rule in report["rules"]:
        if rule["code"] in RULES and rule["status"] != "evaluated":
            problems.append(f"taizhang did not evaluate {rule['code']}: {rule}")
    if report["diagnostics"]:
        problems.append(f"taizhang reports {len(report['diagnostics'])} input diagnostics")
    ours = {}
    for f in report["findings"]:
        if f["rule"] in RULES:
            key = (f["rule"], f["org"], f["member"], f["period"])
            if key in ours:
                problems.append(f"taizhang gives {key} twice")
            ours[key] = (f["expected"], f["actual"], f["severity"])
    theirs = {}
    with open(sys.argv[2], encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            key = (row["rule"], row["org"], row["member"], row["period"])
            if key in theirs:
                problems.append(f"DuckDB gives {key} twice")
            theirs[key] = (float(row["expected"]), float(row["actual"]))
    for key in sorted(ours.keys() - theirs.keys()):
        problems.append(f"only taizhang: {key} expected {ours[key][0]!r} actual {ours[key][1]!r}")
    for key in sorted(theirs.keys() - ours.keys()):
        problems.append(f"only DuckDB: {key} expected {theirs[key][0]!r} actual {theirs[key][1]!r}")
    for key in sorted(ours.keys() & theirs.keys()):
        (e1, a1, severity), (e2, a2) = ours[key], theirs[key]
        if severity != "violation":
            problems.append(f"taizhang: {key} is {severity}, not a violation")
        if abs(e1 - e2) > TOLERANCE or abs(a1 - a2) > TOLERANCE:
            problems.append(f"{key}: taizhang expected {e1!r} actual {a1!r}, DuckDB expected {e2!r} actual {a2!r}")
    by_rule = {rule: sum(1 for k in ours if k[0] == rule) for rule in sorted(RULES)}
    if problems:
        print(f"DISAGREE: {len(problems)} differences", file=sys.stderr)
        for p in problems[:30]:
            print("  " + p, file=sys.stderr)
        return 1
    counts = ", ".join(f"{rule} {n}" for rule, n in by_rule.items())
    print(f"taizhang and DuckDB agree on {len(ours)} findings ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
