-- EDU01, EDU02, SRV04 and MOB04 of docs/SPEC.md §2 as DuckDB SQL: what a
-- data-savvy clerk would write to check the quotas without taizhang, for the
-- benchmark (scripts/bench.sh) and as an independent reading of the SPEC.
--
-- Year 2025, as-of 2025-12-31, the SPEC's default policy. It reads a ledger
-- of one CSV file a kind with English headers (examples/gen_ledger.rs
-- --style plain), from the current directory. scripts/bench/duckdb_quotas.py
-- runs it there, after filling the tables holidays(d) and workdays(d) from
-- taizhang.toml [calendar]; it leaves the table `findings`:
-- (rule, org, member, period, expected, actual), one row per shortfall.

-- Orgs, and the sector in force: an org's own, else its nearest ancestor's,
-- else (the root) 'other'.
CREATE TEMP TABLE org AS
SELECT trim(id) AS id, nullif(trim(parent), '') AS parent, nullif(trim(sector), '') AS sector
FROM read_csv('orgs.csv', header = true, all_varchar = true);

CREATE TEMP TABLE org_sector AS
WITH RECURSIVE up(org, next, sector) AS (
    SELECT id, parent, sector FROM org
    UNION ALL
    SELECT up.org, o.parent, o.sector
    FROM up JOIN org o ON o.id = up.next
    WHERE up.sector IS NULL
)
SELECT org, coalesce(max(sector), 'other') AS sector FROM up GROUP BY org;

-- Members with their sector (their own, else their org's), leader grade and
-- days on the roll in the year (since/until inclusive).
CREATE TEMP TABLE member AS
SELECT
    m.id, m.org, m.leader,
    coalesce(m.sector, s.sector) AS sector,
    greatest(0, datediff('day',
        greatest(coalesce(m.since, DATE '2025-01-01'), DATE '2025-01-01'),
        least(coalesce(m.until, DATE '2025-12-31'), DATE '2025-12-31')) + 1) AS active_days
FROM (
    SELECT
        trim(id) AS id, trim(org) AS org,
        coalesce(nullif(trim(leader), ''), 'none') AS leader,
        nullif(trim(sector), '') AS sector,
        CAST(nullif(trim(since), '') AS DATE) AS since,
        CAST(nullif(trim(until), '') AS DATE) AS until
    FROM read_csv('members.csv', header = true, all_varchar = true)
) m
JOIN org_sector s ON s.org = m.org;

-- A yearly quota prorated by days on the roll.
CREATE TEMP MACRO prorated(quota, active_days) AS quota * active_days / 365.0;

-- EDU01: sessions dated in the year; each counts once for each member it
-- lists. Length: days; else hours / 8; else the working days from date to
-- end (end defaults to date), or its calendar days if none is a working day.
CREATE TEMP TABLE session AS
SELECT
    row_number() OVER () AS sid,
    CAST(trim("date") AS DATE) AS first_day,
    coalesce(CAST(nullif(trim("end"), '') AS DATE), CAST(trim("date") AS DATE)) AS last_day,
    CAST(nullif(trim(days), '') AS DOUBLE) AS days,
    CAST(nullif(trim(hours), '') AS DOUBLE) AS hours,
    members
FROM read_csv('education.csv', header = true, all_varchar = true)
WHERE year(CAST(trim("date") AS DATE)) = 2025;

CREATE TEMP TABLE session_length AS
WITH span AS (
    SELECT sid, CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS d
    FROM session
    WHERE days IS NULL AND hours IS NULL
),
span_length AS (
    SELECT
        sid,
        count(*) FILTER (WHERE d IN (SELECT d FROM workdays)
            OR (isodow(d) <= 5 AND d NOT IN (SELECT d FROM holidays))) AS working,
        count(*) AS calendar
    FROM span GROUP BY sid
)
SELECT s.sid, CASE
        WHEN s.days IS NOT NULL THEN s.days
        WHEN s.hours IS NOT NULL THEN s.hours / 8
        WHEN l.working > 0 THEN l.working
        ELSE l.calendar
    END AS length
FROM session s LEFT JOIN span_length l USING (sid);

CREATE TEMP TABLE study_days AS
WITH attendance AS (
    SELECT DISTINCT sid, trim(id) AS member
    FROM (SELECT sid, unnest(regexp_split_to_array(members, '[;；、]')) AS id FROM session)
    WHERE trim(id) <> ''
)
SELECT member, sum(length) AS days
FROM attendance JOIN session_length USING (sid)
GROUP BY member;

-- EDU02: note characters dated in the year.
CREATE TEMP TABLE note_chars AS
SELECT trim(member) AS member, sum(CAST(trim(chars) AS BIGINT)) AS chars
FROM read_csv('notes.csv', header = true, all_varchar = true)
WHERE year(CAST(trim("date") AS DATE)) = 2025
GROUP BY ALL;

-- SRV04: distinct dates in the year covered by a member's trips.
CREATE TEMP TABLE research_days AS
WITH trip AS (
    SELECT trim(member) AS member, CAST(trim(start) AS DATE) AS first_day, CAST(trim("end") AS DATE) AS last_day
    FROM read_csv('research.csv', header = true, all_varchar = true)
)
SELECT member, count(DISTINCT d) AS days
FROM (
    SELECT member, unnest(generate_series(
        greatest(first_day, DATE '2025-01-01'), least(last_day, DATE '2025-12-31'), INTERVAL 1 DAY)) AS d
    FROM trip
    WHERE first_day <= DATE '2025-12-31' AND last_day >= DATE '2025-01-01'
)
GROUP BY member;

-- MOB04: an outgoing member is away on every date from left_on (from before
-- the year without it) up to the day before returned_on (open without it),
-- rows unioned. Every month of the year, complete at as-of, with at least 15
-- days away needs a contact (of any kind) dated in it.
CREATE TEMP TABLE away_days AS
WITH absence AS (
    SELECT
        trim(member) AS member,
        greatest(coalesce(CAST(nullif(trim(left_on), '') AS DATE), DATE '2025-01-01'), DATE '2025-01-01') AS first_day,
        least(coalesce(CAST(nullif(trim(returned_on), '') AS DATE) - 1, DATE '2025-12-31'), DATE '2025-12-31') AS last_day
    FROM read_csv('mobile.csv', header = true, all_varchar = true)
    WHERE trim(direction) IN ('out', '流出', '外出')
)
SELECT member, month(d) AS month, count(*) AS days
FROM (
    SELECT DISTINCT member, CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS d
    FROM absence
    WHERE first_day <= last_day
)
GROUP BY ALL;

CREATE TEMP TABLE contacts_by_month AS
SELECT trim(member) AS member, month(CAST(trim("date") AS DATE)) AS month, count(*) AS contacts
FROM read_csv('contacts.csv', header = true, all_varchar = true)
WHERE year(CAST(trim("date") AS DATE)) = 2025
GROUP BY ALL;

CREATE TEMP TABLE findings AS
SELECT 'EDU01' AS rule, m.org, m.id AS member, '2025' AS period,
    prorated(CASE WHEN m.sector IN ('agency', 'institution') THEN 12 ELSE 6 END, m.active_days) AS expected,
    coalesce(s.days, 0) AS actual
FROM member m LEFT JOIN study_days s ON s.member = m.id
WHERE m.active_days > 0 AND actual < expected
UNION ALL
SELECT 'EDU02', m.org, m.id, '2025',
    prorated(CASE WHEN m.leader IN ('section', 'county') THEN 30000 ELSE 15000 END, m.active_days) AS expected,
    coalesce(n.chars, 0) AS actual
FROM member m LEFT JOIN note_chars n ON n.member = m.id
WHERE m.active_days > 0 AND actual < expected
UNION ALL
SELECT 'SRV04', m.org, m.id, '2025',
    prorated(CASE m.leader WHEN 'county' THEN 2 * 30 ELSE 1 * 30 END, m.active_days) AS expected,
    coalesce(r.days, 0) AS actual
FROM member m LEFT JOIN research_days r ON r.member = m.id
WHERE m.leader IN ('section', 'county') AND m.active_days > 0 AND actual < expected
UNION ALL
SELECT 'MOB04', m.org, m.id, printf('2025-%02d', a.month),
    1 AS expected,
    coalesce(c.contacts, 0) AS actual
FROM away_days a
JOIN member m ON m.id = a.member
LEFT JOIN contacts_by_month c ON c.member = a.member AND c.month = a.month
WHERE a.days >= 15
    AND last_day(make_date(2025, a.month, 1)) <= DATE '2025-12-31'
    AND actual < expected;
