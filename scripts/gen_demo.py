#!/usr/bin/env python3
"""Generate the demo ledger examples/demo-county/ (示范县, year 2025) and examples/demo-county.EXPECTED.md.

Standard library only, deterministic (fixed seeds, no use of today's date):
running it twice gives byte-identical files.

    python3 scripts/gen_demo.py

What it does, in order:
  1. builds a small county in memory (orgs, ~150 members, education, notes,
     research, mobile members, contacts, events, visits, appraisals, posts),
     with a handful of genuine shortfalls planted for every rule of SPEC §2;
  2. writes it in every storage form and input variation the SPEC allows
     (TOML and CSV, a directory of files, UTF-8 with and without BOM,
     GB18030, Chinese and English headers, Chinese enumeration values,
     several date forms, the three list separators, full-width digits);
  3. reads the written files back with an independent, SPEC-faithful loader,
     insists that there is no input diagnostic, evaluates every rule as the
     SPEC reads it (as-of 2025-12-31) and checks that the shortfalls found are
     exactly the planted ones;
  4. writes examples/demo-county.EXPECTED.md from that evaluation.
"""
from __future__ import annotations

import csv
import io
import random
import re
import shutil
import sys
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "examples" / "demo-county"
YEAR = 2025
Y_START, Y_END = date(YEAR, 1, 1), date(YEAR, 12, 31)
AS_OF = Y_END
SEED = 20250701


def d(s: str) -> date:
    return date.fromisoformat(s)


def drange(a: date, b: date):
    """Dates from a to b inclusive."""
    out = []
    while a <= b:
        out.append(a)
        a += timedelta(days=1)
    return out


def month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)


# --------------------------------------------------------------------------
# The official 2025 calendar (国务院办公厅关于2025年部分节假日安排的通知)
# --------------------------------------------------------------------------
HOLIDAY_PERIODS = [
    ("元旦", "2025-01-01", "2025-01-01"),
    ("春节", "2025-01-28", "2025-02-04"),
    ("清明节", "2025-04-04", "2025-04-06"),
    ("劳动节", "2025-05-01", "2025-05-05"),
    ("端午节", "2025-05-31", "2025-06-02"),
    ("国庆节、中秋节", "2025-10-01", "2025-10-08"),
]
WORKDAY_LIST = [
    ("春节调休", "2025-01-26"),
    ("春节调休", "2025-02-08"),
    ("劳动节调休", "2025-04-27"),
    ("国庆节调休", "2025-09-28"),
    ("国庆节调休", "2025-10-11"),
]
GEN_HOLIDAYS = {x for _, a, b in HOLIDAY_PERIODS for x in drange(d(a), d(b))}
GEN_WORKDAYS = {d(x) for _, x in WORKDAY_LIST}


def gen_is_workday(x: date) -> bool:
    if x in GEN_WORKDAYS:
        return True
    if x in GEN_HOLIDAYS:
        return False
    return x.weekday() < 5


def workdays_in_month(m: int):
    return [x for x in drange(date(YEAR, m, 1), month_end(YEAR, m)) if gen_is_workday(x)]


# --------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------
FW_TABLE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
FW_TABLE[0x3000] = 0x20
TO_FW = {c - 0xFEE0: c for c in range(0xFF01, 0xFF5F)}


def to_fullwidth(s: str) -> str:
    return s.translate(TO_FW)


def fmt_date(x: date, style: str = "iso") -> str:
    if style == "iso":
        return x.isoformat()
    if style == "slash":
        return f"{x.year}/{x.month}/{x.day}"
    if style == "dot":
        return f"{x.year}.{x.month}.{x.day}"
    if style == "zh":
        return f"{x.year}年{x.month}月{x.day}日"
    if style == "zh_fw":
        return to_fullwidth(f"{x.year}") + "年" + to_fullwidth(str(x.month)) + "月" + to_fullwidth(str(x.day)) + "日"
    raise ValueError(style)


def fmt_num(x) -> str:
    """Exact rendering of a Fraction / int: integers plainly, finite decimals exactly."""
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    den = x.denominator
    while den % 2 == 0:
        den //= 2
    while den % 5 == 0:
        den //= 5
    if den == 1:
        s = f"{float(x):.10f}".rstrip("0")
        assert Fraction(s) == x
        return s
    return f"{float(x):.6f}"


def note_count(text: str) -> int:
    """SPEC §2 EDU02: Unicode scalar values that are not whitespace, not control, not U+FEFF."""
    return sum(
        1
        for c in text
        if not c.isspace() and unicodedata.category(c) != "Cc" and c != "\ufeff"
    )


def csv_text(header, rows, crlf=False) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue()


def write_bytes(rel: str, data: bytes):
    p = OUT / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)


def write_text(rel: str, text: str, encoding="utf-8", bom=False):
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    write_bytes(rel, data)


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --------------------------------------------------------------------------
# 1. Orgs
# --------------------------------------------------------------------------
@dataclass
class Org:
    id: str
    name: str
    parent: str | None
    kind: str  # canonical
    kind_written: str
    sector: str | None  # canonical own sector (None = inherit)
    sector_written: str | None


ORGS = [
    Org("XW", "中共示范县委员会", None, "county", "县委", None, None),
    Org("JG", "中共示范县直属机关工作委员会", "XW", "committee", "工委", "agency", "机关"),
    Org("JG01", "中共示范县委机关党支部", "JG", "branch", "党支部", None, None),
    Org("JG02", "中共示范县财政局机关党支部", "JG", "branch", "党支部", None, None),
    Org("JG03", "中共示范县人力资源和社会保障局机关党支部", "JG", "branch", "branch", None, None),
    Org("JGZ", "中共示范县发展和改革委员会机关总支部委员会", "JG", "general_branch", "党总支", None, None),
    Org("JGZ1", "中共示范县发展和改革委员会机关第一支部委员会", "JGZ", "branch", "党支部", None, None),
    Org("JGZ2", "中共示范县发展和改革委员会机关第二支部委员会", "JGZ", "branch", "党支部", None, None),
    Org("JG04", "中共示范县人民医院支部委员会", "JG", "branch", "党支部", "institution", "事业单位"),
    Org("JY", "中共示范县教育系统委员会", "XW", "committee", "党委", "institution", "事业单位"),
    Org("JY01", "中共示范县第一高级中学支部委员会", "JY", "branch", "党支部", None, None),
    Org("JY02", "中共示范县实验小学支部委员会", "JY", "branch", "党支部", None, None),
    Org("CG", "中共示范县城关镇委员会", "XW", "committee", "党委", "rural", "农村"),
    Org("CG01", "中共示范县城关镇东关村支部委员会", "CG", "branch", "党支部", None, None),
    Org("CG02", "中共示范县城关镇西河村支部委员会", "CG", "branch", "党支部", None, None),
    Org("CG03", "中共示范县城关镇南岗村支部委员会", "CG", "branch", "党支部", None, None),
    Org("CG04", "中共示范县城关镇机关支部委员会", "CG", "branch", "党支部", "agency", "机关"),
    Org("CN", "中共示范县城南街道工作委员会", "XW", "committee", "党工委", "community", "社区"),
    Org("CN01", "中共示范县城南街道幸福社区支部委员会", "CN", "branch", "党支部", None, None),
    Org("CN02", "中共示范县城南街道和平社区支部委员会", "CN", "branch", "党支部", None, None),
    Org("FG", "中共示范县非公有制经济组织和社会组织综合委员会", "XW", "committee", "committee", "two_new", "two_new"),
    Org("FG01", "中共示范县华兴智能科技有限公司支部委员会", "FG", "branch", "党支部", "enterprise", "企业"),
    Org("FG02", "中共示范县律师行业支部委员会", "FG", "branch", "党支部", None, None),
]
ORG = {o.id: o for o in ORGS}
BRANCHES = [o.id for o in ORGS if o.kind == "branch"]
COMMITTEES = [o.id for o in ORGS if o.kind == "committee"]


def gen_sector(org_id: str) -> str:
    o = ORG[org_id]
    if o.sector:
        return o.sector
    return gen_sector(o.parent) if o.parent else "other"


def subtree(org_id: str):
    out = [org_id]
    for o in ORGS:
        if o.parent == org_id:
            out += subtree(o.id)
    return out


# --------------------------------------------------------------------------
# 2. Members
# --------------------------------------------------------------------------
SURNAMES_COMMON = "王李张刘陈杨赵黄周吴"
SURNAMES_MID = "徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程"
SURNAMES_RARE = "曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎常武乔贺龚"
MALE_GIVEN = ("建国 志强 国华 海涛 俊杰 文博 晓东 建军 卫东 明辉 振华 永刚 德胜 长青 学军 庆丰 立新 光明 春生 "
              "宏伟 新民 保国 志刚 红旗 建华 金生 国庆 文军 晓峰 鹏飞 浩然 子豪 宇航 家乐 俊峰 振宇 国栋 "
              "天明 玉龙 朝阳 松林 宝山 利民 书田 守义 全胜 继红 晨阳 思远 伟 强 磊 军 勇 杰 涛 斌 超 明 "
              "刚 平 辉 鹏 飞 波 凯 健 帆 旭 亮 斌 峰 毅 锋").split()
FEMALE_GIVEN = ("秀英 桂兰 玉梅 丽娟 晓燕 雅琴 海霞 春梅 红梅 淑芬 慧敏 婷婷 静怡 雪梅 丽华 美玲 秀兰 "
                "桂芳 玉兰 凤英 晓丽 文静 海燕 艳红 小红 彩霞 素芬 雨欣 梦洁 佳怡 思雨 欣怡 亚楠 "
                "秀云 金凤 翠萍 玉霞 春燕 晓敏 丽萍 芳 娜 敏 静 丽 艳 娟 霞 燕 萍 琳 婷 颖 倩 洁 莉 "
                "慧 蕾 薇").split()
YOUNG_GIVEN = set("子豪 宇航 家乐 浩然 思远 晨阳 雨欣 梦洁 佳怡 思雨 欣怡 亚楠 婷婷 静怡".split())
PHONE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                  "152", "155", "156", "157", "158", "159", "180", "181", "182", "183", "185",
                  "186", "187", "188", "189"]
HOME_AREA = "411625"  # a county of 周口市, 河南省 (outflow to 广东/浙江/江苏 is typical)
OTHER_AREAS = ["411602", "411623", "411627", "411628", "410105"]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_check_digit(body17: str) -> str:
    """ISO 7064 MOD 11-2 check character of a 身份证号."""
    s = sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS))
    return "10X98765432"[s % 11]


@dataclass
class Member:
    key: str | None
    org: str
    leader: str = "none"
    roles: tuple = ()
    status: str = "full"
    since: date | None = None
    until: date | None = None
    sector: str | None = None
    note: str = ""
    age: tuple = (28, 58)
    male: float = 0.55
    id: str = ""
    name: str = ""
    gender: str = ""
    phone: str = ""
    id_number: str = ""

    def active_on(self, x: date) -> bool:
        return (self.since is None or self.since <= x) and (self.until is None or x <= self.until)

    def active_in_year(self) -> bool:
        return (self.since is None or self.since <= Y_END) and (self.until is None or self.until >= Y_START)

    def active_days(self) -> int:
        a = max(Y_START, self.since or Y_START)
        b = min(Y_END, self.until or Y_END)
        return max(0, (b - a).days + 1)

    @property
    def is_leader(self):
        return self.leader in ("section", "county")


def P(key=None, **kw):
    return ("P", key, kw)


SEC = dict(leader="section", age=(36, 55), male=0.75)
CTY = dict(leader="county", age=(45, 57), male=0.8)

ROSTER = {
    "JG01": [P("S1", roles=("secretary",), **SEC), P("S2", roles=("committee",), **SEC),
             P("K1", **CTY), P("K2", **CTY), P("K3", **CTY), P("K4", **CTY),
             P(roles=("committee",)), P(), P(), P()],
    "JG02": [P("S3", roles=("secretary",), **SEC), P("S4", roles=("committee",), **SEC),
             P(roles=("committee",)), P("HALF"), P(), P(), P(), P(), P()],
    "JG03": [P("S5", roles=("secretary",), **SEC), P("S6", roles=("committee",), **SEC),
             P(roles=("committee",)), P(), P(), P(), P(),
             P("J1", since=d("2025-07-01"), note="2025年7月1日由县民政局转入", **SEC)],
    "JGZ1": [P("S7", roles=("secretary",), **SEC), P("S8", roles=("committee",), **SEC),
             P(roles=("committee",)), P(), P(), P(), P(), P(), P()],
    "JGZ2": [P("S9", roles=("secretary",), **SEC), P(roles=("committee",)),
             P("LEAV1", until=d("2025-06-30"), note="2025年6月30日组织关系转往市直机关工委"),
             P(), P(), P(), P()],
    "JG04": [P("S10", roles=("secretary",), **SEC), P("S11", roles=("committee",), **SEC),
             P(roles=("committee",), male=0.4), P("EXC1", male=0.4), P("BQ1", male=0.4),
             P("HOSP_SHORT", male=0.4),
             P("P1", status="probationary", age=(24, 32), male=0.4),
             P(male=0.4), P(male=0.4), P(male=0.4), P(male=0.4), P(male=0.4)],
    "JY01": [P("S12", roles=("secretary",), **SEC), P("S13", roles=("committee",), **SEC),
             P(roles=("committee",), male=0.4), P("NOTE_SHORT1", male=0.4), P("FILEUSER", male=0.4),
             P(male=0.4), P(male=0.4), P(male=0.4), P(male=0.4), P(male=0.4), P(male=0.4),
             P("P2", status="probationary", since=d("2025-05-20"), age=(24, 30), male=0.4,
               note="2025年5月20日接收为预备党员")],
    "JY02": [P("S14", roles=("secretary",), **SEC), P(roles=("committee",), male=0.3),
             P("EDU_SHORT_JY", male=0.3), P(male=0.3), P(male=0.3), P(male=0.3), P(male=0.3), P(male=0.3)],
    "CG01": [P("SEC_CG01", roles=("secretary",), age=(45, 60), male=0.9),
             P("C1", roles=("committee",), age=(38, 58)), P("C2", roles=("committee",), age=(38, 58)),
             P("C_CG01", roles=("committee",), age=(38, 58)),
             P("OLDLIAISON", roles=("committee",), until=d("2024-11-30"), age=(40, 55),
               note="2024年11月30日组织关系转往外县"),
             P("OUT1", age=(28, 45), male=0.8, note="外出务工"), P("OUT2", age=(28, 45), male=0.8, note="外出务工"),
             P("OUT3", age=(28, 45), male=0.8, note="外出务工，2025年6月返乡"),
             P("OUT8", age=(28, 45), male=0.8, note="外出务工"),
             P("OLDROW", age=(35, 55), male=0.8, note="2024年10月返乡"),
             P("P3", status="probationary", age=(24, 34)),
             P(age=(40, 70)), P(age=(40, 70)), P(age=(40, 70)), P(age=(40, 70))],
    "CG02": [P("SEC_CG02", roles=("secretary",), age=(45, 60), male=0.9),
             P("C3", roles=("committee",), age=(38, 58)), P("C4", roles=("committee",), age=(38, 58)),
             P("OUT4", age=(30, 50), male=0.8, note="外出务工"), P("OUT5", age=(28, 45), male=0.8, note="外出务工"),
             P("OUT6", age=(28, 45), male=0.8, note="外出务工"),
             P("TEACHER", sector="institution", age=(30, 50), male=0.4, note="西河村小学教师"),
             P("BQ2", age=(40, 70)), P("NOPOST", age=(40, 70)), P("EDU_SHORT_CG", age=(50, 72)),
             P(age=(40, 70)), P(age=(40, 70))],
    "CG03": [P("SEC_CG03", roles=("secretary",), age=(45, 60), male=0.9),
             P("OUT7", age=(25, 40), male=0.8, note="外出务工"), P("OUT9", age=(25, 40), male=0.8, note="外出务工"),
             P("NOGOAL", age=(40, 70)), P(age=(40, 70))],
    "CG04": [P("S15", roles=("secretary",), **SEC), P("S16", roles=("committee",), **SEC), P("S17", **SEC),
             P(roles=("committee",)), P(), P(), P(), P(), P()],
    "CN01": [P("SEC_CN01", roles=("secretary",), age=(40, 58), male=0.4),
             P(roles=("committee",), male=0.4), P(roles=("committee",), male=0.4),
             P("LEAV2", until=d("2025-09-15"), note="2025年9月15日组织关系转往外县"),
             P("NOAPPR", age=(50, 75)), P("BQSELF", age=(50, 75)), P("EDU_SHORT_CN", age=(55, 78)),
             P(age=(50, 78)), P(age=(50, 78)), P(age=(50, 78)), P(age=(50, 78))],
    "CN02": [P("SEC_CN02", roles=("secretary",), age=(40, 58), male=0.4),
             P(roles=("committee",), male=0.4), P(roles=("committee",), male=0.4),
             P("P4", status="probationary", age=(23, 33)), P("NOTE_OLD", age=(50, 75)),
             P(age=(50, 78)), P(age=(50, 78)), P(age=(50, 78))],
    "FG01": [P("SEC_FG01", roles=("secretary",), age=(32, 50)), P(roles=("committee",), age=(28, 45)),
             P("UNQ", age=(25, 40)), P("ORD", age=(25, 40)),
             P("P5", status="probationary", age=(23, 30)), P(age=(25, 45)), P(age=(25, 45))],
    "FG02": [P("SEC_FG02", roles=("secretary",), age=(35, 55)), P(age=(28, 55)), P(age=(28, 55)),
             P(age=(28, 55)), P(age=(28, 55)), P(age=(28, 55))],
}


def build_members():
    rng = random.Random(SEED + 1)
    used_names, used_phones, used_ids = set(), set(), set()
    members = []
    for org_id in BRANCHES:
        for _, key, kw in ROSTER[org_id]:
            members.append(Member(key=key, org=org_id, **kw))
    # Members who came onto the roll during the year are appended at the end
    # of the roll, as a clerk would.
    old = [m for m in members if not (m.since and m.since.year == YEAR)]
    new = sorted([m for m in members if m.since and m.since.year == YEAR], key=lambda m: m.since)
    members = old + new
    for i, m in enumerate(members, 1):
        m.id = f"M{i:04d}"
        male = rng.random() < m.male
        m.gender = "男" if male else "女"
        age = rng.randint(*m.age)
        while True:
            r = rng.random()
            if r < 0.45:
                sur = rng.choice(SURNAMES_COMMON)
            elif r < 0.8:
                sur = rng.choice(SURNAMES_MID)
            else:
                sur = rng.choice(SURNAMES_RARE)
            given = rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)
            if (age >= 35 and given in YOUNG_GIVEN) or (age < 35 and given not in YOUNG_GIVEN and rng.random() < 0.4):
                continue
            name = sur + given
            if name not in used_names:
                used_names.add(name)
                m.name = name
                break
        while True:
            ph = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if ph not in used_phones:
                used_phones.add(ph)
                m.phone = ph
                break
        rural = gen_sector(m.org) in ("rural", "community", "two_new", "enterprise")
        area = HOME_AREA if (rural or rng.random() < 0.75) else rng.choice(OTHER_AREAS)
        while True:
            birth = date(YEAR - age, rng.randint(1, 12), rng.randint(1, 28))
            seq = rng.randrange(0, 100) * 10 + rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
            body = f"{area}{birth:%Y%m%d}{seq:03d}"
            idn = body + id_check_digit(body)
            if idn not in used_ids:
                used_ids.add(idn)
                m.id_number = idn
                break
    # A few members transferred onto the roll in earlier years.
    for m in members:
        if m.since is None and m.key is None and rng.random() < 0.08:
            m.since = date(rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28))
            m.note = m.note or f"{m.since.year}年由外单位转入"
    return members


MEMBERS = build_members()
MEM = {m.id: m for m in MEMBERS}
K = {m.key: m for m in MEMBERS if m.key}


def roster(org_ids, on: date | None = None):
    out = [m for m in MEMBERS if m.org in org_ids]
    if on:
        out = [m for m in out if m.active_on(on)]
    return out


# --------------------------------------------------------------------------
# 3. Mobile members (流出 / 流入)
# --------------------------------------------------------------------------
@dataclass
class Mob:
    member: str
    direction: str  # out | in
    dir_written: str
    name: str = ""
    left_on: date | None = None
    returned_on: date | None = None
    destination: str = ""
    employer: str = ""
    residence: str = ""
    phone: str = ""
    certificate: str = ""
    liaison: str = ""
    org: str = ""
    home_org: str = ""
    occupation: str = ""
    education_level: str = ""
    verified_on: date | None = None
    arrived_on: date | None = None
    departed_on: date | None = None


def build_mobile():
    rows = []

    def out(key, left, ret, dest, employer, residence, cert, liaison_key, dir_written="流出"):
        m = K[key]
        rows.append(Mob(member=m.id, direction="out", dir_written=dir_written, name=m.name,
                        left_on=left, returned_on=ret, destination=dest, employer=employer,
                        residence=residence, phone=m.phone, certificate=cert,
                        liaison=K[liaison_key].id if liaison_key else "",
                        home_org=ORG[m.org].name))

    out("OUT1", d("2023-03-01"), None, "广东省深圳市宝安区", "深圳市鑫达电子科技有限公司",
        "深圳市宝安区福永街道凤凰社区鑫达公司员工宿舍3栋", "411625-2023-0003", "C1")
    out("OUT2", d("2024-02-20"), None, "浙江省宁波市北仑区", "宁波市北仑区恒通模具有限公司",
        "", "411625-2024-0011", "C2", "外出")  # planted MOB01: no residence
    out("OUT3", d("2025-02-10"), d("2025-06-16"), "江苏省苏州市昆山市", "昆山市精诚五金制品有限公司",
        "昆山市周市镇精诚公司员工公寓", "411625-2025-0002", "C1")
    out("OUT8", d("2024-07-01"), None, "广东省广州市白云区", "广州市白云区顺达物流有限公司",
        "广州市白云区太和镇大源村出租屋", "411625-2024-0019", "OLDLIAISON")  # planted MOB03
    out("OLDROW", d("2023-04-10"), d("2024-10-08"), "浙江省金华市义乌市", "义乌市华美饰品有限公司",
        "义乌市稠江街道员工宿舍", "411625-2023-0003", "C2")  # not away in 2025; old number reused
    out("OUT4", d("2022-08-01"), None, "广东省东莞市长安镇", "东莞市长安镇华达五金制品有限公司",
        "东莞市长安镇乌沙社区华达公司宿舍", "411625-2022-0017", "C3")
    out("OUT5", d("2024-03-05"), None, "广东省东莞市长安镇", "东莞市长安镇华达五金制品有限公司",
        "东莞市长安镇乌沙社区华达公司宿舍", "411625-2022-0017", "C3")  # planted MOB02: shared
    out("OUT6", d("2024-03-01"), d("2025-01-20"), "浙江省杭州市萧山区", "杭州萧山宏远纺织有限公司",
        "杭州市萧山区新塘街道宏远公司宿舍", "411625-2024-0008", "C4")
    out("OUT6", d("2025-02-12"), None, "浙江省杭州市余杭区", "杭州余杭瑞丰快递服务有限公司",
        "杭州市余杭区仁和街道出租屋", "411625-2024-0008", None)  # no liaison, but row 1 has one
    out("OUT7", d("2025-03-18"), None, "江苏省无锡市新吴区", "无锡新吴光电科技有限公司",
        "无锡市新吴区旺庄街道员工公寓", "411625-25-0031", "OUT7")  # planted MOB02 (pattern), MOB03 (self)
    out("OUT9", d("2025-08-17"), None, "江苏省南京市江宁区", "南京江宁汽车零部件有限公司",
        "南京市江宁区秣陵街道员工宿舍", "411625-2025-0027", "SEC_CG03")

    def inc(mid, name, org, arrived, departed, occ, edu, employer, residence, phone, verified, home, cert):
        rows.append(Mob(member=mid, direction="in", dir_written="流入", name=name, org=org,
                        arrived_on=arrived, departed_on=departed, occupation=occ,
                        education_level=edu, employer=employer, residence=residence, phone=phone,
                        verified_on=verified, home_org=home, certificate=cert))

    inc("L001", "胡海燕", "CN01", d("2023-05-10"), None, "个体经营", "高中", "幸福社区便民超市",
        "城南街道幸福社区12号楼2单元301室", "15893460127", d("2023-05-15"),
        "中共临泉县杨桥镇胡庄村支部委员会", "341221-2023-0046")
    inc("L002", "孙宇航", "FG01", d("2025-03-03"), None, "软件工程师", "大学本科", "示范县华兴智能科技有限公司",
        "县城人民路华兴公司人才公寓", "18637215564", None,  # planted MOB07: no verified_on
        "中共郑州市金水区丰产路街道某社区支部委员会", "410105-2025-0112")
    inc("L003", "杜晓丽", "FG01", d("2024-06-01"), d("2025-05-31"), "财务会计", "大专",
        "示范县华兴智能科技有限公司", "县城建设路锦绣小区5号楼", "13592847716", d("2024-06-05"),
        "中共沈丘县槐店镇某村支部委员会", "411624-2024-0033")
    inc("L004", "周建国", "CN01", d("2023-01-01"), d("2024-12-15"), "", "初中", "",  # left before 2025
        "城南街道和平路", "13837461190", None, "中共太康县某镇某村支部委员会", "")
    return rows


MOBILE = build_mobile()


def away_on(member_id: str, x: date) -> bool:
    for r in MOBILE:
        if r.direction == "out" and r.member == member_id:
            if (r.left_on is None or r.left_on <= x) and (r.returned_on is None or x < r.returned_on):
                return True
    return False


AWAY_MEMBERS = sorted({r.member for r in MOBILE if r.direction == "out"
                       and any(away_on(r.member, x) for x in drange(Y_START, Y_END))})


# --------------------------------------------------------------------------
# 4. Education sessions (one file per committee)
# --------------------------------------------------------------------------
@dataclass
class Session:
    key: str
    file: str
    date: date
    end: date | None
    days: str | None
    hours: str | None
    topic: str
    org: str
    attendees: list = field(default_factory=list)


def build_education():
    S = []

    def sess(key, file, start, end, days, hours, topic, org, who, exclude=()):
        x = d(start)
        ids = [m.id for m in who if m.active_on(x) and (m.key not in exclude)]
        S.append(Session(key, file, x, d(end) if end else None, days, hours, topic, org, ids))

    def local(org_ids, on):  # on the roll and not away (流出) that day
        x = d(on)
        return [m for m in roster(org_ids) if not away_on(m.id, x)]

    jg = subtree("JG")
    jg_all = roster(jg)
    jg_no_county = [m for m in jg_all if m.leader != "county"]
    jg_leaders = [m for m in jg_all if m.is_leader]
    jg_section = [m for m in jg_all if m.leader == "section"]
    jg_county = [m for m in jg_all if m.leader == "county"]
    F = "JG"
    sess("JG-J", F, "2024-12-30", "2025-01-03", None, None, "2024年度县直机关党员冬训", "JG", jg_no_county)
    sess("JG-A", F, "2025-01-16", None, None, "4", "主题党日集中学习：学习贯彻中央经济工作会议精神", "JG", jg_all)
    sess("JG-K1", "XW", "2025-02-20", None, None, "8", "县委理论学习中心组集体学习（第一次）", "XW", jg_county)
    sess("JG-B", F, "2025-03-10", "2025-03-14", None, None, "县委党校2025年春季党员干部集中轮训", "JG",
         jg_no_county, exclude=("HOSP_SHORT",))
    sess("JG-C", F, "2025-04-27", "2025-04-30", None, None, "深入贯彻中央八项规定精神学习教育读书班", "JG", jg_leaders)
    sess("JG-D", F, "2025-05-22", None, None, "4", "党课辅导：《中国共产党纪律处分条例》", "JG", jg_all)
    sess("JG-K2", "XW", "2025-05-29", None, None, "8", "县委理论学习中心组集体学习（第二次）", "XW", jg_county)
    sess("JG-E", F, "2025-06-14", None, None, None, "周末专题辅导：党纪学习教育典型案例剖析", "JG", jg_all,
         exclude=("HALF", "LEAV1"))
    sess("JG-F", F, "2025-07-01", None, None, "4", "七一专题党课", "JG", jg_all)
    sess("JG-G", F, "2025-08-21", None, None, "4", "学习《习近平谈治国理政》第五卷", "JG", jg_all, exclude=("HALF",))
    sess("JG-K3", "XW", "2025-08-28", None, None, "8", "县委理论学习中心组集体学习（第三次）", "XW", jg_county)
    sess("JG-H", F, "2025-09-26", "2025-09-30", None, None, "科级干部秋季集中轮训", "JG", jg_section, exclude=("J1",))
    sess("JG-I", F, "2025-11-05", "2025-11-07", "3", None, "学习贯彻党的二十届四中全会精神专题培训班", "JG", jg_all)
    sess("JG-K4", "XW", "2025-12-11", None, None, "8", "县委理论学习中心组集体学习（第四次）", "XW", jg_county)
    sess("JG-M", F, "2025-12-16", "2025-12-17", None, "16", "年终述学评学暨党章党规专题学习", "JG", jg_all)

    jy_all = roster(subtree("JY"))
    teacher = [K["TEACHER"]]
    F = "JY"
    sess("JY-A", F, "2025-01-20", "2025-01-22", None, None, "寒假教师党员集中培训", "JY", jy_all + teacher)
    sess("JY-B", F, "2025-02-06", "2025-02-08", None, None, "开学前师德师风专题培训", "JY", jy_all)
    sess("JY-C", F, "2025-04-10", None, None, "3", "学习《中国共产党党员教育管理工作条例》", "JY", jy_all)
    sess("JY-D", F, "2025-05-15", None, None, "3", "深入贯彻中央八项规定精神专题学习", "JY", jy_all)
    sess("JY-E", F, "2025-07-14", "2025-07-18", None, None, "暑期党员教师集中轮训", "JY", jy_all + teacher,
         exclude=("EDU_SHORT_JY",))
    sess("JY-F", F, "2025-09-10", None, None, "4", "教师节专题党课：做新时代“四有”好老师", "JY", jy_all)
    sess("JY-G", F, "2025-10-23", None, None, "4", "学习纪念抗战胜利80周年大会重要讲话精神", "JY", jy_all)
    sess("JY-H", F, "2025-11-08", None, None, None, "周末辅导：党的二十届四中全会精神解读", "JY", jy_all)
    sess("JY-I", F, "2025-12-04", None, None, "6", "宪法宣传日专题学习", "JY", jy_all)

    villages = ["CG01", "CG02", "CG03"]
    away = [MEM[x] for x in AWAY_MEMBERS]
    F = "CG"
    sess("CG-A", F, "2025-02-05", "2025-02-07", None, None, "冬春党员集中轮训暨返乡流动党员培训", "CG",
         roster(villages + ["CG04"]), exclude=("EDU_SHORT_CG",))
    sess("CG-B", F, "2025-03-20", None, None, "8", "农业实用技术和乡村振兴政策培训", "CG", local(villages, "2025-03-20"))
    sess("CG-G", F, "2025-03-24", "2025-03-28", None, None, "镇机关干部春季集中轮训", "CG04", roster(["CG04"]))
    sess("CG-O1", F, "2025-05-10", None, None, "8", "流动党员线上集中学习（第一期）", "CG", away)
    sess("CG-C", F, "2025-06-24", None, None, "4", "七一前夕专题党课", "CG", local(villages + ["CG04"], "2025-06-24"))
    sess("CG-H", F, "2025-07-21", "2025-07-23", None, None, "镇机关干部党纪学习教育专题班", "CG04", roster(["CG04"]))
    sess("CG-O2", F, "2025-08-09", None, None, "8", "流动党员线上集中学习（第二期）", "CG", away)
    sess("CG-D", F, "2025-09-18", None, None, "4", "“九一八”纪念日爱国主义教育", "CG", local(villages + ["CG04"], "2025-09-18"))
    sess("CG-E", F, "2025-10-11", None, None, None, "调休工作日集中学习：乡村振兴政策宣讲", "CG",
         local(villages + ["CG04"], "2025-10-11"))
    sess("CG-O3", F, "2025-11-15", None, None, "8", "流动党员线上集中学习（第三期）", "CG", away)
    sess("CG-F", F, "2025-12-11", None, None, "4", "学习贯彻党的二十届四中全会精神宣讲", "CG",
         local(villages + ["CG04"], "2025-12-11"))

    cn_all = roster(subtree("CN"))
    F = "CN"
    sess("CN-H", F, "2025-01-27", "2025-02-05", None, None, "春节期间社区党员志愿服务暨集中学习", "CN", cn_all,
         exclude=("EDU_SHORT_CN",))
    sess("CN-A", F, "2025-03-15", None, None, None, "社区党员冬春训", "CN", cn_all)
    sess("CN-B", F, "2025-04-08", "2025-04-09", None, None, "学习全国两会精神", "CN", cn_all, exclude=("EDU_SHORT_CN",))
    sess("CN-C", F, "2025-06-28", "2025-06-29", None, None, "七一周末党员集中学习", "CN", cn_all, exclude=("EDU_SHORT_CN",))
    sess("CN-D", F, "2025-08-14", None, None, "4", "社区治理专题党课", "CN", cn_all)
    sess("CN-E", F, "2025-10-16", None, None, "4", "学习纪念抗战胜利80周年大会重要讲话精神", "CN", cn_all)
    sess("CN-G", F, "2025-11-12", "2025-11-13", "1.5", None, "学习贯彻党的二十届四中全会精神", "CN", cn_all)
    sess("CN-F", F, "2025-12-18", None, None, "4", "年终党员集中学习", "CN", cn_all)

    fg_all = roster(subtree("FG"))
    F = "FG"
    sess("FG-A", F, "2025-04-19", None, None, "8", "非公企业和社会组织党员集中学习", "FG", fg_all)
    sess("FG-B", F, "2025-05-13", "2025-05-15", None, None, "“两新”组织党员春季轮训", "FG", fg_all)
    sess("FG-C", F, "2025-09-03", None, None, "4", "纪念中国人民抗日战争胜利80周年专题学习", "FG", fg_all)
    sess("FG-D", F, "2025-10-28", None, None, "8", "学习贯彻党的二十届四中全会精神", "FG", fg_all)
    sess("FG-E", F, "2025-12-06", None, None, None, "周末党员集中学习", "FG", fg_all)
    return S


EDUCATION = build_education()


# --------------------------------------------------------------------------
# 5. Study notes (学习笔记), some as real text files under 笔记/
# --------------------------------------------------------------------------
NOTE_TITLES = [
    "学习《中国共产党章程》笔记", "学习中央八项规定及其实施细则精神笔记", "学习《中国共产党纪律处分条例》笔记",
    "学习全国两会精神笔记", "学习《习近平谈治国理政》第五卷笔记", "学习党的二十届四中全会精神笔记",
    "学习《中国共产党党员教育管理工作条例》笔记", "学习纪念抗战胜利80周年大会重要讲话笔记",
    "学习中央经济工作会议精神笔记", "学习《中国共产党支部工作条例（试行）》笔记",
    "学习县委关于四个长效机制文件实施意见笔记", "学习乡村振兴政策法规笔记",
]
POOL_CONTENT = [
    "认真学习了习近平总书记在中央政治局集体学习时的重要讲话精神，深刻领会坚持和加强党的全面领导的重大意义。",
    "系统学习了《中国共产党章程》总纲部分，重温了党的性质、宗旨和奋斗目标。",
    "学习了《中国共产党纪律处分条例》，逐条对照政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律，进一步明确了哪些能做、哪些不能做。",
    "集中学习了中央八项规定及其实施细则精神，结合身边典型案例进行了深入思考。",
    "学习了党的二十届四中全会公报，重点把握了关于制定国民经济和社会发展第十五个五年规划的建议的主要内容。",
    "学习了《习近平谈治国理政》第五卷中关于全面从严治党的有关篇目。",
    "学习了全国两会精神，特别是政府工作报告中关于乡村振兴、民生保障的部署要求。",
    "学习了《中国共产党党员教育管理工作条例》，明确了党员教育管理的基本任务和主要内容。",
    "学习了《中国共产党支部工作条例（试行）》，对照检查了支部“三会一课”制度的落实情况。",
    "学习了在纪念中国人民抗日战争暨世界反法西斯战争胜利80周年大会上的重要讲话。",
    "学习了省委、市委关于抓党建促乡村振兴的部署要求，梳理了本单位需要落实的重点任务。",
    "学习了中央经济工作会议精神，深刻理解稳中求进工作总基调的丰富内涵。",
    "学习了关于在全党开展深入贯彻中央八项规定精神学习教育的通知，明确了学习教育的目标任务和方法步骤。",
    "学习了《关于加强党员经常性教育的意见》，进一步认识到经常性教育是提高党员素质的重要途径。",
    "学习了县委关于贯彻落实四个长效机制文件的实施意见，对照集体教育时间和学习笔记字数要求查找差距。",
    "学习了习近平总书记关于树立和践行正确政绩观的重要论述。",
    "学习了《中华人民共和国乡村振兴促进法》的主要条款，了解了产业振兴、人才振兴的法律保障。",
    "学习了党史学习教育读本中关于延安整风的章节，体会党勇于自我革命的光荣传统。",
    "学习了《中国共产党问责条例》，认识到失职失责必被问责的刚性要求。",
    "学习了习近平总书记关于基层治理的重要论述，理解了党建引领基层治理的内在逻辑。",
]
POOL_THOUGHT = [
    "通过学习，我深刻认识到，理论上清醒才能政治上坚定，必须把学习作为终身任务。",
    "作为一名共产党员，要始终牢记全心全意为人民服务的根本宗旨，把群众的冷暖放在心上。",
    "对照检查，自己在理论学习上还存在学用脱节、浅尝辄止的问题，今后要在学深悟透上下功夫。",
    "要坚持以人民为中心的发展思想，在办实事、解难题中检验学习成效。",
    "必须严守政治纪律和政治规矩，在思想上政治上行动上同党中央保持高度一致。",
    "作风建设永远在路上，要从小事小节上严格要求自己，做到慎独慎微慎初。",
    "要把学习成果转化为推动工作的实际行动，做到学以致用、用以促学、学用相长。",
    "基层是联系群众的最前沿，要多到群众中去，听真话、察实情、办实事。",
    "要发扬斗争精神，增强斗争本领，敢于直面矛盾，善于解决问题。",
    "我体会到，抓好党建是最大的政绩，要把党建工作与业务工作同谋划、同部署、同落实。",
    "要自觉接受党组织和群众的监督，主动参加组织生活，按时足额交纳党费。",
    "今后要进一步改进工作作风，提高办事效率，让群众少跑腿、好办事。",
    "要把握好学习的系统性和连贯性，做到原原本本学、逐字逐句悟。",
    "学习中要带着问题学、联系实际学，切实解决思想和工作中存在的突出问题。",
    "要在急难险重任务面前冲锋在前，充分发挥共产党员的先锋模范作用。",
    "纪律是管党治党的尺子，也是党员干部不可触碰的底线，必须时刻绷紧纪律这根弦。",
    "要把对党忠诚体现在履职尽责上，干一行、爱一行、精一行。",
    "思想上的松懈是最大的隐患，只有经常打扫思想灰尘，才能保持共产党员的先进性。",
]
POOL_ACTION = [
    "下一步，我将制定个人学习计划，每周至少安排两个晚上集中自学，并认真记好学习笔记。",
    "结合本职工作，我将主动联系两户困难群众，定期走访，帮助解决实际困难。",
    "我将积极参加支部组织的主题党日活动，带头讲党课、谈体会。",
    "在今后的工作中，我将严格落实首问负责制，对群众反映的问题做到件件有着落、事事有回音。",
    "将学习体会与同事交流分享，共同提高，营造比学赶超的良好氛围。",
    "针对查摆出的问题，建立问题清单和整改台账，明确整改时限，确保按期整改到位。",
    "我将通过学习强国平台和党员教育网络课程持续加强学习，每月完成规定学时。",
    "认真对照党员标准，在民主评议中主动查找不足，虚心接受同志们的批评意见。",
]


def make_note_text(rng: random.Random, title: str, when: date, target: int, crlf=False, bom=False) -> str:
    """A study note whose countable characters (SPEC EDU02) are exactly `target`."""
    parts = [title, "\n\n", f"学习时间：{when.year}年{when.month}月{when.day}日", "\n",
             "学习形式：个人自学", "\n\n"]
    n = note_count("".join(parts))
    decks: dict[int, list] = {}

    def draw(pool):  # shuffled deck: no sentence repeats before the pool is used up
        if not decks.get(id(pool)):
            decks[id(pool)] = rng.sample(pool, len(pool))
        return decks[id(pool)].pop()

    sections = [("一、学习内容", POOL_CONTENT, 0.45), ("二、心得体会", POOL_THOUGHT, 0.40),
                ("三、下一步打算", POOL_ACTION, 0.15)]
    for i, (heading, pool, share) in enumerate(sections):
        parts += [heading, "\n"]
        n += note_count(heading)
        last = i == len(sections) - 1
        goal = target if last else n + int((target - n) * share / sum(s for _, _, s in sections[i:]))
        para, k, per = ["　　"], 0, rng.randint(3, 5)
        while True:
            s = draw(pool)
            c = note_count(s)
            if (last and target - n - c < 30) or (not last and n + c > goal):
                break
            para.append(s)
            n += c
            k += 1
            if k >= per:
                parts += para + ["\n"]
                para, k, per = ["　　"], 0, rng.randint(3, 5)
        if k:
            parts += para + ["\n"]
        if not last:
            parts.append("\n")
    r = target - n
    assert r >= 30
    pool = POOL_THOUGHT + POOL_ACTION
    tail = []
    while r > 0:
        exact = [s for s in pool if note_count(s) == r]
        if exact:
            tail.append(exact[0])
            break
        fits = [s for s in pool if note_count(s) <= r - 12]
        if fits:
            s = rng.choice(fits)
            tail.append(s)
            r -= note_count(s)
            continue
        tail.append(max(pool, key=len)[: r - 1] + "。")
        break
    parts += ["　　"] + tail + ["\n"]
    text = "".join(parts)
    assert note_count(text) == target, (note_count(text), target)
    if crlf:
        text = text.replace("\n", "\r\n")
    if bom:
        text = "\ufeff" + text
    return text


@dataclass
class Note:
    date: date
    member: str
    chars: int | None
    file: str | None
    title: str
    date_style: str = "iso"


NOTE_FILES: dict[str, str] = {}  # relative path -> text


def split_total(rng, total, n, step=100):
    """n positive parts, multiples of `step` where possible, summing to `total`."""
    base = total // n
    parts = []
    for i in range(n - 1):
        v = max(step, (base + rng.randint(-6, 6) * step) // step * step)
        parts.append(v)
    parts.append(total - sum(parts))
    assert parts[-1] > 0
    return parts


def build_notes():
    rng = random.Random(SEED + 3)
    notes = []

    def some_day(m: int) -> date:
        return rng.choice(workdays_in_month(m))

    def entries(m: Member, months, total):
        for mo, c in zip(months, split_total(rng, total, len(months))):
            notes.append(Note(some_day(mo), m.id, c, None, rng.choice(NOTE_TITLES)))

    def add_file(m: Member, when: date, target: int, chars_too=False, crlf=False, bom=False):
        title = rng.choice(NOTE_TITLES)
        rel = f"笔记/{m.id}-{m.name}/{when:%Y-%m}-学习笔记.txt"
        NOTE_FILES[rel] = make_note_text(rng, title, when, target, crlf=crlf, bom=bom)
        notes.append(Note(when, m.id, target if chars_too else None, rel, title))

    for m in MEMBERS:
        if not m.active_in_year():
            continue
        k = m.key
        if k == "K3":  # planted EDU02: a county leader 2000 characters short
            entries(m, [2, 4, 6, 8, 10, 12], 28000)
        elif k == "S8":  # planted EDU02: files only, 6 characters short of 30000
            for mo, t in zip([3, 5, 7, 9, 11], [6100, 5900, 6000, 5994, 6000]):
                add_file(m, some_day(mo), t)
        elif k == "K2":  # all but one entry are files
            notes.append(Note(some_day(1), m.id, 2000, None, "学习中央经济工作会议精神笔记"))
            for mo, t in zip([3, 6, 9, 12], [8200, 7900, 8400, 8100]):
                add_file(m, some_day(mo), t)
        elif k == "FILEUSER":  # two files (one saved by Notepad: BOM + CRLF; one with 字数 too)
            add_file(m, some_day(3), 4200, crlf=True, bom=True)
            add_file(m, some_day(6), 4100, chars_too=True)
            notes.append(Note(some_day(9), m.id, 4000, None, rng.choice(NOTE_TITLES)))
            notes.append(Note(some_day(12), m.id, 4000, None, rng.choice(NOTE_TITLES)))
        elif k == "NOTE_SHORT1":
            entries(m, [3, 6, 9, 12], 14800)
        elif k == "NOTE_OLD":  # the December 2024 entry does not count for 2025
            notes.append(Note(d("2024-12-26"), m.id, 3000, None, "学习中央经济工作会议精神笔记"))
            entries(m, [4, 8, 12], 13000)
        elif k == "LEAV1":  # 7400 < 15000 x 181/365 = 7438.36
            entries(m, [3, 6], 7400)
        elif k == "LEAV2":  # 10700 >= 15000 x 258/365 = 10602.74
            notes.append(Note(some_day(3), m.id, 3600, None, rng.choice(NOTE_TITLES)))
            notes.append(Note(some_day(6), m.id, 3600, None, rng.choice(NOTE_TITLES)))
            notes.append(Note(d("2025-09-12"), m.id, 3500, None, rng.choice(NOTE_TITLES)))
        elif k == "J1":  # 15200 >= 30000 x 184/365 = 15123.29
            entries(m, [8, 10, 12], 15200)
        elif k == "P2":  # 9300 >= 15000 x 226/365 = 9287.67
            entries(m, [6, 9, 12], 9300)
        elif m.is_leader:
            entries(m, [2, 4, 6, 8, 10, 12], rng.randint(310, 372) * 100)
        else:
            entries(m, [3, 6, 9, 12], rng.randint(156, 186) * 100)
    styles = random.Random(SEED + 4)
    for n in notes:
        n.date_style = styles.choices(["iso", "slash", "dot", "zh"], [6, 2, 1, 1])[0]
    notes.sort(key=lambda n: (n.member, n.date))
    return notes


NOTES = build_notes()


# --------------------------------------------------------------------------
# 6. Field research (下基层调研)
# --------------------------------------------------------------------------
RESEARCH_PLACES = ["城关镇东关村", "城关镇西河村", "城关镇南岗村", "城南街道幸福社区", "城南街道和平社区",
                   "县华兴智能科技有限公司", "县第一高级中学", "县实验小学", "县人民医院", "县产业集聚区",
                   "县农产品加工园区", "县政务服务中心", "县城乡供水工程项目部", "县高标准农田建设项目区"]
RESEARCH_TOPICS = ["乡村振兴产业发展调研", "基层党组织建设调研", "民生实事项目推进情况调研",
                   "防汛备汛工作督导调研", "“三夏”生产和秸秆禁烧工作调研", "优化营商环境调研",
                   "义务教育均衡发展调研", "基层医疗卫生服务能力调研", "流动党员管理服务调研",
                   "村级集体经济发展调研", "信访积案化解调研", "高标准农田建设调研", "就业创业服务调研",
                   "社区治理和为民服务调研", "党建引领基层治理联系点蹲点调研"]


@dataclass
class Trip:
    member: str
    start: date
    end: date
    place: str
    topic: str
    style: str = "native"


def build_research():
    rng = random.Random(SEED + 5)
    trips = []

    def trip(m, a, b):
        trips.append(Trip(m.id, a, b, rng.choice(RESEARCH_PLACES), rng.choice(RESEARCH_TOPICS)))

    def plan(m, target, months, first_day=1, overlap=False, inner=False):
        """Trips in distinct months whose union is exactly `target` days."""
        n = len(months)
        lens = [target // n] * n
        for i in range(target - sum(lens)):
            lens[i] += 1
        rng.shuffle(lens)
        for i, (mo, ln) in enumerate(zip(months, lens)):
            lo = first_day if i == 0 else 1
            last = month_end(YEAR, mo).day
            start = date(YEAR, mo, rng.randint(lo, last - ln + 1))
            end = start + timedelta(days=ln - 1)
            if overlap and i == 1 and ln >= 5:  # two rows overlapping by two days
                k = ln // 2
                trip(m, start, start + timedelta(days=k))
                trip(m, start + timedelta(days=k - 1), end)
            else:
                trip(m, start, end)
            if inner and i == 2 and ln >= 3:  # a second record inside the first
                trip(m, start + timedelta(days=1), start + timedelta(days=1))

    leaders = [m for m in MEMBERS if m.is_leader and m.active_in_year()]
    for idx, m in enumerate(leaders):
        k = m.key
        if k == "K1":  # one trip crossing New Year: only 5 of its days are in 2025
            trips.append(Trip(m.id, d("2024-12-28"), d("2025-01-05"), "城关镇南岗村", "冬季困难群众走访慰问调研"))
            plan(m, 64 - 5, [3, 4, 5, 6, 7, 9, 10, 11, 12], overlap=True)
        elif k == "K4":  # planted SRV04: 57 of 60 days
            trips.append(Trip(m.id, d("2024-11-04"), d("2024-11-08"), "县产业集聚区", "优化营商环境调研"))
            plan(m, 57, [2, 3, 4, 5, 6, 8, 9, 10, 11, 12], overlap=True, inner=True)
        elif k in ("K2", "K3"):
            plan(m, rng.randint(61, 70), [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12][idx % 2:], overlap=True, inner=k == "K3")
        elif k == "S16":  # planted SRV04: 29 of 30 days
            plan(m, 29, [3, 5, 7, 9, 11], overlap=True)
        elif k == "J1":  # June trip before joining the roll still counts: 3 + 13 = 16 >= 15.12
            trips.append(Trip(m.id, d("2025-06-10"), d("2025-06-12"), "县民政服务中心", "养老服务体系建设调研"))
            plan(m, 13, [8, 10, 11])
        else:
            months = sorted(rng.sample(range(1, 13), rng.randint(5, 7)))
            plan(m, rng.randint(31, 38), months, overlap=idx % 3 == 0, inner=idx % 4 == 1)
    styles = random.Random(SEED + 6)
    for t in trips:
        t.style = styles.choices(["native", "iso", "zh", "slash"], [8, 1, 1, 1])[0]
    trips.sort(key=lambda t: (t.member, t.start, t.end))
    return trips


RESEARCH = build_research()


# --------------------------------------------------------------------------
# 7. Contacts with the away members (联系 / 汇报)
# --------------------------------------------------------------------------
@dataclass
class Contact:
    date: date
    member: str
    kind: str  # contact | report
    by: str
    method: str
    summary: str
    file: str = ""
    kind_written: str = ""
    date_style: str = "iso"


CONTACT_SUMMARIES = [
    "了解在外务工和思想情况，通报村党支部近期重点工作",
    "提醒按时交纳党费，通知参加线上主题党日活动",
    "了解工作生活情况，身体健康，工作稳定",
    "通报民主评议安排，征求对村党支部工作的意见建议",
    "了解流入地党组织活动参加情况，推送学习资料",
    "询问家庭困难情况，告知村里已协调解决子女入学问题",
    "通报村集体经济项目进展，动员返乡创业",
    "提醒注意安全生产，了解劳动合同签订情况",
]
REPORT_MONTH = {"OUT1": 7, "OUT2": 12, "OUT3": 5, "OUT4": 6, "OUT5": 8, "OUT6": 10, "OUT7": 12, "OUT9": 11}
CONTACT_GAPS = {("OUT2", 9), ("OUT3", 6)}  # planted MOB04


def away_days_in_month(member_id: str, mo: int):
    return [x for x in drange(date(YEAR, mo, 1), month_end(YEAR, mo)) if away_on(member_id, x)]


def build_contacts():
    rng = random.Random(SEED + 7)
    rows = []
    for mid in AWAY_MEMBERS:
        m = MEM[mid]
        k = m.key
        file = "contacts/东关村.csv" if m.org == "CG01" else "contacts/西河村和南岗村.toml"
        sec = next(x for x in MEMBERS if x.org == m.org and "secretary" in x.roles)
        lia_ids = [r.liaison for r in MOBILE if r.member == mid and r.liaison]
        lia = MEM[lia_ids[0]] if lia_ids else sec
        if lia.id == mid or not lia.active_in_year():
            lia = sec
        for mo in range(1, 13):
            days = away_days_in_month(mid, mo)
            if len(days) < 15 or (k, mo) in CONTACT_GAPS:
                continue
            if k == "OUT9" and mo == 8:
                x = d("2025-08-31")  # the last day of the month
            elif k == "OUT3" and mo == 4:
                x = d("2025-04-30")
            else:
                x = rng.choice(days)
            if REPORT_MONTH.get(k) == mo:
                rows.append(Contact(x, mid, "report", lia.name, rng.choice(["书面汇报", "微信语音汇报", "电话汇报"]),
                                    "汇报外出期间思想、工作和参加流入地党组织活动情况", file))
            else:
                rows.append(Contact(x, mid, "contact", lia.name, rng.choice(["电话", "微信", "微信视频", "走访家属"]),
                                    rng.choice(CONTACT_SUMMARIES), file))
            if rng.random() < 0.12:  # now and then a second contact in the month
                y = rng.choice(days)
                rows.append(Contact(y, mid, "contact", sec.name, "电话", rng.choice(CONTACT_SUMMARIES), file))
    styles = random.Random(SEED + 8)
    for c in rows:
        c.kind_written = {"report": "汇报", "contact": styles.choice(["联系", "联系", "", "contact"])}[c.kind]
        c.date_style = styles.choices(["iso", "slash", "zh", "dot"], [6, 2, 1, 1])[0]
    rows.sort(key=lambda c: (c.file, c.member, c.date))
    # one date typed with full-width digits (a Chinese input method left on)
    fw = next(c for c in rows if c.file.endswith(".csv") and c.date.day < 28 and c.date.month == 3)
    fw.date_style = "zh_fw"
    return rows


CONTACTS = build_contacts()


# --------------------------------------------------------------------------
# 8. Events
# --------------------------------------------------------------------------
@dataclass
class Event:
    date: date
    org: str
    kind: str
    member: str = ""
    title: str = ""
    place: str = ""
    kind_written: str = ""
    date_style: str = "iso"
    member_written: str = ""


KIND_ZH = {"branch_assembly": "支部党员大会", "committee_meeting": "支委会", "group_meeting": "党小组会",
           "party_lecture": "党课", "special_study": "专题研究", "written_report": "书面报告",
           "plenary_report": "全委会报告", "inspection": "督查", "reception_day": "接待日",
           "cert_audit": "活动证审核", "theme_day": "theme_day"}
ASSEMBLY_GAPS = {("CN02", 3), ("FG02", 2)}          # planted EDU03 (quarter)
LECTURE_GAPS = {("JY02", 2), ("CG02", 4)}           # planted EDU05 (quarter)
MEETING_GAPS = {("JGZ2", 6), ("JG04", 8), ("CG01", 2), ("FG01", 11)}  # planted EDU04 (month)
THEME_GAPS = {("CG03", 2), ("FG02", 7), ("JY02", 8)}  # planted X01 (month)
RECEPTION_GAPS = {("JG", 10)}                       # planted SRV02 (month)
SPECIAL_STUDY_MONTHS = {"JG": [3, 9], "JY": [4, 10], "CG": [2, 6, 11], "CN": [3, 8], "FG": [5]}  # planted RSP01: FG
NO_WRITTEN_REPORT = {"FG02"}                        # planted RSP02
INSPECTED = ["JG", "JY", "CG", "FG"]                # planted RSP04: CN never inspected
NO_CERT_AUDIT = {"OUT5"}                            # planted MOB05


PLACE = {
    "XW": "县委常委会议室", "JG": "县直机关工委会议室", "JG01": "县委机关党员活动室", "JG02": "县财政局党员活动室",
    "JG03": "县人社局党员活动室", "JGZ": "县发改委会议室", "JGZ1": "县发改委党员活动室", "JGZ2": "县发改委党员活动室",
    "JG04": "县人民医院党员活动室", "JY": "县教育局会议室", "JY01": "县一高党员活动室", "JY02": "县实验小学党员活动室",
    "CG": "城关镇党委会议室", "CG01": "东关村党群服务中心", "CG02": "西河村党群服务中心", "CG03": "南岗村党群服务中心",
    "CG04": "城关镇机关党员活动室", "CN": "城南街道党工委会议室", "CN01": "幸福社区党群服务中心",
    "CN02": "和平社区党群服务中心", "FG": "县非公经济组织党建服务中心", "FG01": "华兴科技党员活动室",
    "FG02": "县律师协会会议室",
}


def org_place(org_id: str) -> str:
    return PLACE[org_id]


def branch_size_on(org_id: str, x: date) -> int:
    return sum(1 for m in MEMBERS if m.org == org_id and m.active_on(x))


def build_events():
    rng = random.Random(SEED + 9)
    ev = []

    def day_in(mo):
        return rng.choice(workdays_in_month(mo))

    def add(x, org, kind, title, member=""):
        ev.append(Event(x, org, kind, member, title, org_place(org) if kind not in ("inspection", "written_report") else ""))

    for b in BRANCHES:
        for q in range(1, 5):
            if (b, q) not in ASSEMBLY_GAPS:
                add(day_in(3 * q - rng.randint(0, 2)), b, "branch_assembly", f"第{'一二三四'[q - 1]}季度支部党员大会")
            if (b, q) not in LECTURE_GAPS:
                add(day_in(3 * q - rng.randint(0, 2)), b, "party_lecture",
                    rng.choice(["书记讲党课：深入贯彻中央八项规定精神", "专题党课：学习贯彻党的二十届四中全会精神",
                                "党课：传承红色基因 践行初心使命", "党课：以党建引领基层治理",
                                "党课：纪念抗战胜利80周年", "党课：严守党的纪律规矩"]))
        for mo in range(1, 13):
            if (b, mo) not in THEME_GAPS:
                add(day_in(mo), b, "theme_day", f"{mo}月主题党日")
            subject = branch_size_on(b, month_end(YEAR, mo)) >= 7
            if subject and (b, mo) not in MEETING_GAPS:
                add(day_in(mo), b, "committee_meeting", f"{mo}月支委会")
        if b == "JGZ2":  # after it fell to 6 members it still met once; not required
            add(day_in(9), b, "committee_meeting", "9月支委会（研究党员发展工作）")
        if b in ("JG04", "JY01", "CG01", "CN01"):
            for mo in (4, 10):
                add(day_in(mo), b, "group_meeting", "党小组会：交流学习体会")
        if b not in NO_WRITTEN_REPORT:
            add(day_in(12), b, "written_report", "2025年度抓基层党建工作情况书面报告")
    # the general branch: its own meetings do not count for its two branches
    add(day_in(6), "JGZ", "branch_assembly", "党总支党员大会")
    add(day_in(12), "JGZ", "branch_assembly", "党总支党员大会")
    add(day_in(12), "JGZ", "written_report", "2025年度抓基层党建工作情况书面报告")
    # FG02 reported for 2024 late in December 2024: that does not count for 2025
    add(d("2024-12-27"), "FG02", "written_report", "2024年度抓基层党建工作情况书面报告")
    for c in COMMITTEES:
        for mo in SPECIAL_STUDY_MONTHS[c]:
            add(day_in(mo), c, "special_study", "党（工）委会议专题研究基层党建工作")
        add(day_in(12), c, "written_report", "2025年度抓基层党建工作情况书面报告")
    add(day_in(9), "FG01", "special_study", "支委会专题研究党建工作")  # a branch: counts for no committee
    add(day_in(4), "XW", "special_study", "县委常委会专题研究基层党建工作")
    # The standing committee reported on 2025 only in January 2026: it counts for 2026.
    add(d("2026-01-08"), "XW", "plenary_report", "县委常委会向全委会报告2025年抓基层党建工作情况")
    for c in INSPECTED:
        add(day_in(11), c, "inspection", "2025年度基层党建工作督促检查")
    add(day_in(6), "CN01", "inspection", "街道党工委督查社区党建工作")  # CN01 inspected, CN itself never
    for mo in range(1, 13):
        if ("JG", mo) not in RECEPTION_GAPS:
            add(day_in(mo), "JG", "reception_day", f"{mo}月机关党员干部接待日")
        add(day_in(mo), "CG04", "reception_day", f"{mo}月镇机关接待日")
    for mo in (3, 6, 9):
        add(day_in(mo), "JG03", "reception_day", "人社政策咨询接待日")
    audit_day = {"OUT3": d("2025-06-20"), "OUT6": d("2025-02-08"), "OUT7": d("2025-03-14"), "OUT9": d("2025-08-15")}
    for mid in AWAY_MEMBERS:
        m = MEM[mid]
        if m.key in NO_CERT_AUDIT:
            continue
        x = audit_day.get(m.key) or rng.choice([y for y in drange(d("2025-02-05"), d("2025-02-11")) if gen_is_workday(y)])
        add(x, m.org, "cert_audit", "《流动党员活动证》年度审核", mid)
    styles = random.Random(SEED + 10)
    for e in ev:
        e.kind_written = KIND_ZH[e.kind] if styles.random() < 0.85 else e.kind
        if e.kind == "inspection" and styles.random() < 0.5:
            e.kind_written = "督促检查"
        e.date_style = styles.choices(["iso", "slash", "zh", "dot"], [6, 2, 1, 1])[0]
        e.member_written = e.member
    ev.sort(key=lambda e: (e.date, e.org, e.kind))
    next(e for e in ev if e.kind == "cert_audit").member_written = to_fullwidth(
        next(e for e in ev if e.kind == "cert_audit").member)
    return ev


EVENTS = build_events()


# --------------------------------------------------------------------------
# 9. Visits (来访登记, 首问负责制)
# --------------------------------------------------------------------------
@dataclass
class Visit:
    id: str
    date: str  # as written (some with a time of day)
    org: str
    visitor: str
    matter: str
    received_by: str
    disposition: str
    referred_to: str
    closed_on: str


def build_visits():
    rng = random.Random(SEED + 11)
    used = {m.name for m in MEMBERS}

    def visitor():
        while True:
            male = rng.random() < 0.6
            n = rng.choice(SURNAMES_COMMON + SURNAMES_MID) + rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)
            if n not in used:
                used.add(n)
                return n

    def staff(org):
        pool = [m for m in MEMBERS if m.org == (org if org != "JG" else "JG01") and m.leader == "none"]
        return rng.choice(pool).name

    spec = [
        # id, date as written, org, matter, disposition, referred_to, closed_on, (no receiver?)
        ("V2024-031", "2024/12/23 10:15", "CG04", "申请临时救助", "已解决", "", "", False),
        ("V2025-001", "2025/1/8 9:30", "JG03", "咨询灵活就业人员养老保险缴费标准", "已解释", "", "2025-01-08", False),
        ("V2025-002", "2025-01-21", "JG03", "反映工程款拖欠农民工工资", "已转办", "县劳动保障监察大队", "2025-02-10", False),
        ("V2025-003", "2025年2月17日", "CG04", "申请办理农村最低生活保障", "已解决", "", "2025-03-05", False),
        ("V2025-004", "2025-03-04", "JG", "反映某单位党员干部工作作风问题", "已转办", "县纪委监委信访室", "2025-03-11", False),
        ("V2025-005", "2025/3/19 15:20", "JG02", "咨询惠农补贴发放进度", "已解释", "", "2025-03-19", False),
        ("V2025-006", "2025-04-09", "CG04", "反映村道路面破损影响出行", "已解决", "", "2025-04-30", False),
        ("V2025-007", "2025/5/6 9:30", "JG03", "咨询失业保险金申领", "已解决", "", "2025-06-06", False),  # 31 days
        ("V2025-008", "2025-05-12", "CG04", "反映宅基地界址纠纷", "已解决", "", "2025-06-11", False),  # 30 days
        ("V2025-009", "2025-06-03", "JG", "咨询党员组织关系转接手续", "已解释", "", "2025-06-03", False),
        ("V2025-010", "2025.6.18", "JG02", "反映涉农资金拨付问题", "已解决", "", "2025-07-02", False),
        ("V2025-011", "2025-07-07", "JG03", "反映企业未依法缴纳社会保险", "已转办", "", "2025-07-15", False),
        ("V2025-012", "2025-07-22", "CG04", "申请农村危房改造补助", "已解决", "", "2025-08-19", False),
        ("V2025-013", "2025/8/5 10:00", "JG", "咨询退役军人党员组织关系接转", "已解释", "", "2025-08-05", False),
        ("V2025-014", "2025-08-12", "CG04", "反映灌溉水渠堵塞", "办理中", "", "", False),
        ("V2025-015", "2025-09-09", "JG02", "咨询政府采购政策", "已解释", "", "2025-09-10", False),
        ("V2025-016", "2025-09-23", "JG03", "咨询职称评审申报材料", "已解决", "", "2025-09-30", True),
        ("V2025-017", "2025年10月14日", "CG04", "反映邻里噪音纠纷", "已解决", "", "2025-10-28", False),
        ("V2025-018", "2025-11-04", "JG", "反映小区停车难问题", "已转办", "城南街道党工委", "2025-11-12", False),
        ("V2025-019", "2025-12-22", "JG03", "咨询城乡居民医保缴费", "办理中", "", "", False),
        ("V2025-020", "2025/12/9 16:40", "JG02", "反映工资发放问题", "resolved", "", "2025-12-19", False),
    ]
    out = []
    for vid, when, org, matter, disp, ref, closed, no_recv in spec:
        out.append(Visit(vid, when, org, visitor(), matter, "" if no_recv else staff(org), disp, ref, closed))
    return out


VISITS = build_visits()


# --------------------------------------------------------------------------
# 10. Democratic appraisal (民主评议) and 三定 posts
# --------------------------------------------------------------------------
@dataclass
class Appraisal:
    year: int
    member: str
    grade: str
    mentor: str = ""
    grade_written: str = ""


GRADE_ZH = {"excellent": "优秀", "qualified": "合格", "basically_qualified": "基本合格", "unqualified": "不合格"}


def build_appraisals():
    rng = random.Random(SEED + 12)
    rows = []
    special = {"EXC1": ("excellent", None), "BQ1": ("basically_qualified", "EXC1"),
               "BQ2": ("basically_qualified", "SEC_CG02"), "BQSELF": ("basically_qualified", "BQSELF"),
               "UNQ": ("unqualified", "ORD"), "ORD": ("qualified", None)}
    for m in MEMBERS:
        if m.status != "full" or not all(m.active_on(x) for x in (Y_START, Y_END)):
            continue
        if m.key == "NOAPPR":  # planted EDU06: graded for 2024 but not for 2025
            rows.append(Appraisal(2024, m.id, "qualified"))
            continue
        if m.key in special:
            g, mentor = special[m.key]
            rows.append(Appraisal(YEAR, m.id, g, K[mentor].id if mentor else ""))
            continue
        p = 0.5 if "secretary" in m.roles else 0.05 if m.id in AWAY_MEMBERS or m.key else 0.13
        rows.append(Appraisal(YEAR, m.id, "excellent" if rng.random() < p else "qualified"))
    for a in rows:
        a.grade_written = GRADE_ZH[a.grade] if rng.random() < 0.93 else a.grade
    return rows


APPRAISALS = build_appraisals()

POSTS_POOL = [
    ("政策宣传岗", "向群众宣传党的惠民政策和村规民约", "全年入户宣传不少于20户"),
    ("环境卫生监督岗", "督促农户落实门前三包，参与人居环境整治", "责任片区无垃圾乱堆乱放"),
    ("矛盾纠纷调解岗", "及时排查调解邻里纠纷", "小事不出组、矛盾不上交"),
    ("产业发展带头岗", "带头发展特色种植养殖，帮带困难户", "帮带2户以上群众增收"),
    ("关爱留守老人儿童岗", "定期走访留守老人和儿童", "每月走访不少于2次"),
    ("治安巡逻岗", "参与村级治安巡逻和防火防汛", "责任区域全年无重大治安事件"),
    ("村务监督岗", "监督村务公开和集体资金使用", "每季度参加一次村务公开审核"),
    ("移风易俗宣传岗", "倡导红白事简办，宣传文明新风", "带动身边10户群众签订移风易俗承诺书"),
    ("农技服务岗", "为群众提供农业技术咨询服务", "全年服务群众不少于30人次"),
]


@dataclass
class Post:
    year: int
    member: str
    post: str
    duty: str
    goal: str


def build_posts():
    rng = random.Random(SEED + 13)
    rows = []
    for m in MEMBERS:
        if gen_sector(m.org) != "rural" or m.roles or not m.active_in_year():
            continue
        if m.id in AWAY_MEMBERS or m.key == "OLDROW":
            p = ("流动党员联络岗", "在外务工期间联系务工老乡，宣传家乡政策", "每月向支部报告一次思想和工作情况")
        elif m.key == "TEACHER":
            p = ("教育关爱岗", "为村里留守儿童义务辅导功课", "每周开展一次课后辅导")
        else:
            p = rng.choice(POSTS_POOL)
        if m.key == "NOPOST":  # planted SRV01: only a 2024 row
            rows.append(Post(2024, m.id, *p))
            continue
        if m.key == "NOGOAL":  # planted SRV01: no goal
            p = (p[0], p[1], "")
        rows.append(Post(YEAR, m.id, *p))
    return rows


POSTS = build_posts()


# --------------------------------------------------------------------------
# 11. Writing the ledger
# --------------------------------------------------------------------------
def write_ledger():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    fmt = random.Random(SEED + 20)

    # taizhang.toml ---------------------------------------------------------
    hol = []
    for name, a, b in HOLIDAY_PERIODS:
        days = drange(d(a), d(b))
        hol.append(f"  # {name}\n  " + ", ".join(f'"{x}"' for x in days) + ",")
    wd = "\n".join(f'  "{x}",  # {n}（周{"一二三四五六日"[d(x).weekday()]}上班）' for n, x in WORKDAY_LIST)
    write_text("taizhang.toml", f'''# 示范县委组织部党建台账 —— 检查设置
# Generated by scripts/gen_demo.py; the demo ledger of taizhang.

[ledger]
name = "示范县委组织部"
year = 2025

[policy]                         # SPEC §4 defaults, written out
study_days = {{ agency = 12, institution = 12, default = 6 }}
note_chars = {{ leader = 30000, default = 15000 }}
research_months = {{ county = 2, section = 1 }}
days_per_month = 30
hours_per_day = 8
min_days_away = 15
visit_max_open_days = 30
certificate_pattern = '^[0-9]{{6}}-[0-9]{{4}}-[0-9]{{4}}$'   # 县委组织部统一编号：行政区划代码-年份-序号
prorate = true

[calendar]
# 国务院办公厅关于2025年部分节假日安排的通知
holidays = [
{chr(10).join(hol)}
]
workdays = [
{wd}
]

[rules]
ignore = []

[[cadence]]                      # 主题党日：每月至少一次
code = "X01"
name = "theme-day"
title = "主题党日"
event = "theme_day"
orgs = {{ kind = ["branch"] }}
at_least = 1
per = "month"
cite = "党员教育管理工作条例 第十六条"
quote = "党支部应当每月相对固定1天开展主题党日"
explain = "Each branch holds a theme party day (主题党日) every month; the county adds this rule of the national regulation on party-member education to the seed's catalogue."
''')

    # orgs.toml -------------------------------------------------------------
    lines = ["# 示范县党组织设置（组织编号、名称、上级、类型、单位类型）", ""]
    for o in ORGS:
        lines.append("[[orgs]]")
        lines.append(f"id = {toml_str(o.id)}")
        lines.append(f"name = {toml_str(o.name)}")
        if o.parent:
            lines.append(f"parent = {toml_str(o.parent)}")
        lines.append(f"kind = {toml_str(o.kind_written)}")
        if o.sector_written:
            lines.append(f"sector = {toml_str(o.sector_written)}")
        lines.append("")
    write_text("orgs.toml", "\n".join(lines))

    # members.csv: UTF-8 with BOM, Chinese headers, CRLF (saved by Excel) ----
    rows = []
    committee_forms = ["支委", "支委", "支委", "支部委员", "支部委员", "committee"]
    first_secretary = True
    for m in MEMBERS:
        roles = []
        for r in m.roles:
            roles.append("书记" if r == "secretary" else fmt.choice(committee_forms))
        role_s = "、".join(roles)
        if m.key == "SEC_CG01" and first_secretary:
            role_s, first_secretary = "书记；支委", False
        leader = {"none": fmt.choice(["", "", "无"]), "section": "科级", "county": "县级"}[m.leader]
        status = {"full": fmt.choice(["正式党员"] * 4 + [""]), "probationary": "预备党员"}[m.status]
        sector = {"institution": "事业单位", None: ""}[m.sector]
        since = fmt_date(m.since, fmt.choice(["zh", "iso", "slash"])) if m.since else ""
        until = fmt_date(m.until, fmt.choice(["zh", "iso", "slash"])) if m.until else ""
        rows.append([m.id, m.name, m.gender, m.org, leader, role_s, sector, since, until, status,
                     m.phone, m.id_number, m.note])
    write_text("members.csv", csv_text(
        ["党员编号", "姓名", "性别", "所在党组织", "领导职级", "党内职务", "单位类型", "转入日期", "转出日期",
         "党籍状态", "联系电话", "身份证号", "备注"], rows, crlf=True), bom=True)

    # education/: one file per committee, each as its clerk keeps it -------
    def members_cell(ids, sep):
        return sep.join(ids)

    def edu_rows(key, order, style, sep):
        out = []
        for s in EDUCATION:
            if s.file != key:
                continue
            v = {"date": fmt_date(s.date, style), "end": fmt_date(s.end, style) if s.end else "",
                 "days": s.days or "", "hours": s.hours or "", "topic": s.topic, "org": s.org,
                 "members": members_cell(s.attendees, sep(s) if callable(sep) else sep)}
            out.append([v[c] for c in order])
        return out

    order = ["date", "end", "days", "hours", "topic", "org", "members"]
    zh = {"date": "日期", "end": "结束日期", "days": "天数", "hours": "学时", "topic": "主题", "org": "组织单位",
          "members": "参加人员"}
    write_text("education/01-县直机关工委.csv",
               csv_text([zh[c] for c in order], edu_rows("JG", order, "iso", ";")))
    order2 = ["date", "end", "hours", "days", "members", "topic", "org"]
    write_text("education/02-县教育系统党委.csv",
               csv_text([zh[c] for c in order2] + ["备注"],
                        [r + [""] for r in edu_rows("JY", order2, "slash", "、")], crlf=True), bom=True)
    gbk = csv_text([zh[c] for c in order], edu_rows("CG", order, "zh", "；"), crlf=True)
    write_text("education/03-城关镇党委.csv", gbk, encoding="gb18030")
    alt = iter(range(10**6))
    write_text("education/04-城南街道党工委.csv",
               csv_text([zh[c] for c in order], edu_rows("CN", order, "dot",
                                                         lambda s: "、" if next(alt) % 2 else "；"), crlf=True),
               bom=True)
    write_text("education/05-非公和社会组织综合党委.csv",
               csv_text(order, edu_rows("FG", order, "iso", "; ")))
    # the county's 理论学习中心组 record, kept by 县委办 in TOML: native and string numbers and dates
    lines = ["# 县委理论学习中心组集体学习记录", ""]
    length_forms = iter(['hours = 8', 'hours = "8"', 'days = 1', 'days = "1"'])
    date_forms = iter(["native", "string", "native", "string"])
    for s_ in EDUCATION:
        if s_.file != "XW":
            continue
        dv = s_.date.isoformat() if next(date_forms) == "native" else toml_str(fmt_date(s_.date, "zh"))
        lines += ["[[education]]", f"date = {dv}", next(length_forms), f"topic = {toml_str(s_.topic)}",
                  f"org = {toml_str(s_.org)}", "members = [" + ", ".join(toml_str(x) for x in s_.attendees) + "]", ""]
    write_text("education/00-县委理论学习中心组.toml", "\n".join(lines))

    # notes.csv + the note files -----------------------------------------------
    for rel, text in NOTE_FILES.items():
        write_text(rel, text)
    write_text("notes.csv", csv_text(
        ["日期", "党员编号", "标题", "字数", "文件"],
        [[fmt_date(n.date, n.date_style), n.member, n.title, n.chars if n.chars is not None else "", n.file or ""]
         for n in NOTES]))

    # research.toml ---------------------------------------------------------
    lines = ["# 领导干部下基层调研登记", ""]
    for t in RESEARCH:
        def tv(x):
            return x.isoformat() if t.style == "native" else toml_str(fmt_date(x, t.style))
        lines += ["[[research]]", f"member = {toml_str(t.member)}", f"start = {tv(t.start)}",
                  f"end = {tv(t.end)}", f"place = {toml_str(t.place)}", f"topic = {toml_str(t.topic)}", ""]
    write_text("research.toml", "\n".join(lines))

    # mobile.csv ------------------------------------------------------------
    mcols = ["党员编号", "姓名", "流向", "外出时间", "返回时间", "流动去向", "从业单位", "居住地点", "联系方式",
             "活动证编号", "联系人", "流出地党组织", "编入党组织", "流入时间", "离开时间", "职业", "学历", "查验日期"]

    def md(x):
        return fmt_date(x, fmt.choice(["iso", "slash", "zh"])) if x else ""

    rows = []
    for r in MOBILE:
        rows.append([r.member, r.name, r.dir_written, md(r.left_on), md(r.returned_on), r.destination, r.employer,
                     r.residence, r.phone, r.certificate, r.liaison, r.home_org, r.org, md(r.arrived_on),
                     md(r.departed_on), r.occupation, r.education_level, md(r.verified_on)])
    write_text("mobile.csv", csv_text(mcols, rows, crlf=True), bom=True)

    # contacts/: a CSV kept by 东关村 and a TOML kept by the town clerk ------
    ccsv = [c for c in CONTACTS if c.file.endswith(".csv")]
    write_text("contacts/东关村.csv", csv_text(
        ["日期", "党员编号", "类型", "联系人", "方式", "内容"],
        [[fmt_date(c.date, c.date_style), c.member, c.kind_written, c.by, c.method, c.summary] for c in ccsv],
        crlf=True), bom=True)
    lines = ["# 西河村、南岗村流动党员联系记录", ""]
    for c in CONTACTS:
        if not c.file.endswith(".toml"):
            continue
        dv = c.date.isoformat() if c.date_style in ("iso", "dot") else toml_str(fmt_date(c.date, c.date_style))
        lines += ["[[contacts]]", f"date = {dv}", f"member = {toml_str(c.member)}"]
        if c.kind_written:
            lines.append(f"kind = {toml_str(c.kind_written)}")
        lines += [f"by = {toml_str(c.by)}", f"method = {toml_str(c.method)}", f"summary = {toml_str(c.summary)}", ""]
    write_text("contacts/西河村和南岗村.toml", "\n".join(lines))

    # events.csv --------------------------------------------------------------
    write_text("events.csv", csv_text(
        ["日期", "党组织", "类型", "党员编号", "名称", "地点"],
        [[fmt_date(e.date, e.date_style), e.org, e.kind_written, e.member_written, e.title, e.place] for e in EVENTS],
        crlf=True), bom=True)

    # visits.csv --------------------------------------------------------------
    write_text("visits.csv", csv_text(
        ["编号", "来访日期", "党组织", "来访人", "事由", "接待人", "办理结果", "转办单位", "办结日期"],
        [[v.id, v.date, v.org, v.visitor, v.matter, v.received_by, v.disposition, v.referred_to, v.closed_on]
         for v in VISITS], crlf=True), bom=True)

    # appraisals.csv ------------------------------------------------------------
    write_text("appraisals.csv", csv_text(
        ["年度", "党员编号", "姓名", "评议等次", "帮带人"],
        [[a.year, a.member, MEM[a.member].name, a.grade_written, a.mentor]
         for a in sorted(APPRAISALS, key=lambda a: (a.year, a.member))], crlf=True), bom=True)

    # posts.csv: GB18030, as saved by the town's clerk -------------------------
    write_text("posts.csv", csv_text(
        ["年度", "党员编号", "姓名", "岗位", "职责", "目标"],
        [[p.year, p.member, MEM[p.member].name, p.post, p.duty, p.goal]
         for p in sorted(POSTS, key=lambda p: (p.year, p.member))], crlf=True), encoding="gb18030")
    for rel in ("education/03-城关镇党委.csv", "posts.csv"):
        try:  # saved by Excel on Chinese Windows: the bytes must not read as UTF-8
            (OUT / rel).read_bytes().decode("utf-8")
            raise SystemExit(f"{rel} decodes as UTF-8; expected GB18030 bytes")
        except UnicodeDecodeError:
            pass


# --------------------------------------------------------------------------
# 12. Reading the ledger back, as SPEC §1 says (independent of the above)
# --------------------------------------------------------------------------
ALIASES = {
    "orgs": {"id": "组织编号", "name": "组织名称", "parent": "上级组织", "kind": "组织类型", "sector": "单位类型"},
    "members": {"id": "党员编号", "name": "姓名", "org": "所在党组织", "leader": "领导职级", "roles": "党内职务",
                "sector": "单位类型", "since": "转入日期", "until": "转出日期", "status": "党籍状态",
                "phone": "联系电话", "id_number": "身份证号"},
    "education": {"date": "日期", "end": "结束日期", "days": "天数", "hours": "学时", "members": "参加人员",
                  "topic": "主题", "org": "组织单位"},
    "notes": {"date": "日期", "member": "党员编号", "chars": "字数", "file": "文件", "title": "标题"},
    "research": {"member": "党员编号", "start": "开始日期", "end": "结束日期", "place": "地点", "topic": "主题"},
    "mobile": {"member": "党员编号", "direction": "流向", "name": "姓名", "left_on": "外出时间",
               "returned_on": "返回时间", "destination": "流动去向", "employer": "从业单位", "residence": "居住地点",
               "phone": "联系方式", "certificate": "活动证编号", "liaison": "联系人",
               "org": ("所在党组织", "编入党组织"), "home_org": "流出地党组织", "occupation": "职业",
               "education_level": "学历", "verified_on": "查验日期", "arrived_on": "流入时间",
               "departed_on": "离开时间"},
    "contacts": {"date": "日期", "member": "党员编号", "kind": "类型", "by": "联系人", "method": "方式",
                 "summary": "内容"},
    "events": {"date": "日期", "org": "党组织", "kind": "类型", "member": "党员编号", "title": "名称", "place": "地点"},
    "visits": {"id": "编号", "date": "来访日期", "org": "党组织", "visitor": "来访人", "matter": "事由",
               "received_by": "接待人", "disposition": "办理结果", "referred_to": "转办单位", "closed_on": "办结日期"},
    "appraisals": {"year": "年度", "member": "党员编号", "grade": "评议等次", "mentor": "帮带人"},
    "posts": {"year": "年度", "member": "党员编号", "post": "岗位", "duty": "职责", "goal": "目标"},
}
ENUMS = {
    "org_kind": {"county": ["县委"], "committee": ["党委", "党工委", "工委"], "general_branch": ["党总支"],
                 "branch": ["党支部"]},
    "sector": {"agency": ["机关"], "institution": ["事业单位"], "enterprise": ["企业"], "rural": ["农村"],
               "community": ["社区"], "two_new": ["两新组织"], "other": ["其他"]},
    "leader": {"none": ["无"], "section": ["科级"], "county": ["县级"]},
    "role": {"secretary": ["书记"], "committee": ["支部委员", "支委"]},
    "status": {"full": ["正式党员"], "probationary": ["预备党员"]},
    "direction": {"out": ["流出", "外出"], "in": ["流入"]},
    "contact_kind": {"contact": ["联系"], "report": ["汇报"]},
    "event_kind": {"branch_assembly": ["支部党员大会"], "committee_meeting": ["支委会"], "group_meeting": ["党小组会"],
                   "party_lecture": ["党课"], "special_study": ["专题研究"], "written_report": ["书面报告"],
                   "plenary_report": ["全委会报告"], "inspection": ["督促检查", "督查"], "reception_day": ["接待日"],
                   "cert_audit": ["活动证审核"]},
    "disposition": {"resolved": ["已解决"], "explained": ["已解释"], "referred": ["已转办"], "pending": ["办理中"]},
    "grade": {"excellent": ["优秀"], "qualified": ["合格"], "basically_qualified": ["基本合格"],
              "unqualified": ["不合格"]},
}
DATE_RE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


class Diags(list):
    def add(self, file, line, msg):
        self.append(f"{file}:{line}: {msg}")


def fold(s: str) -> str:
    return s.translate(FW_TABLE).strip()


def decode(b: bytes) -> str:
    if b.startswith(b"\xef\xbb\xbf"):
        return b[3:].decode("utf-8")
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("gb18030")


@dataclass
class Row:
    file: str
    line: int
    v: dict


def read_kind(root: Path, kind: str, diags: Diags):
    files = []
    if (root / f"{kind}.csv").is_file():
        files.append(root / f"{kind}.csv")
    if (root / f"{kind}.toml").is_file():
        files.append(root / f"{kind}.toml")
    if (root / kind).is_dir():
        files += sorted(p for p in (root / kind).rglob("*") if p.suffix in (".csv", ".toml") and p.is_file())
    if not files:
        return None
    rev = {}
    for canon, zh in ALIASES[kind].items():
        rev[canon] = canon
        for z in (zh if isinstance(zh, tuple) else (zh,)):
            rev[z] = canon
    rows = []
    for p in files:
        rel = p.relative_to(root).as_posix()
        text = decode(p.read_bytes())
        if p.suffix == ".toml":
            data = tomllib.loads(text)
            heads = [i for i, ln in enumerate(text.splitlines(), 1) if re.match(rf"\s*\[\[{kind}\]\]", ln)]
            for i, t in enumerate(data.get(kind, [])):
                rows.append(Row(rel, heads[i], {k: v for k, v in t.items() if k in ALIASES[kind]}))
            continue
        rd = list(csv.reader(io.StringIO(text, newline="")))
        header = [rev.get(h.strip()) for h in rd[0]]
        for ln, rec in enumerate(rd[1:], 2):
            if not any(c.strip() for c in rec):
                continue
            if len(rec) != len(header):
                diags.add(rel, ln, f"{len(rec)} cells for {len(header)} columns")
            rows.append(Row(rel, ln, {h: c.strip() for h, c in zip(header, rec) if h and c.strip()}))
    return rows


def p_date(v, r: Row, col, diags):
    if v is None or v == "":
        return None
    if isinstance(v, date):
        return v
    s = fold(str(v))
    m = DATE_RE.fullmatch(s)
    if not m:
        diags.add(r.file, r.line, f"{col}: not a date: {v!r}")
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        diags.add(r.file, r.line, f"{col}: no such date: {v!r}")
        return None


def p_num(v, r, col, diags):
    if v is None or v == "":
        return None
    try:
        return Fraction(fold(str(v)))
    except ValueError:
        diags.add(r.file, r.line, f"{col}: not a number: {v!r}")
        return None


def p_enum(v, table, r, col, diags, default=None, open_=False):
    if v is None or v == "":
        return default
    s = fold(str(v))
    for canon, zhs in ENUMS[table].items():
        if s == canon or s in zhs:
            return canon
    if open_:
        return s
    diags.add(r.file, r.line, f"{col}: unknown value {v!r}")
    return default


def p_list(v):
    if v is None:
        return []
    if isinstance(v, list):
        return [fold(str(x)) for x in v]
    return [fold(x) for x in re.split(r"[;；、]", v) if fold(x)]


def p_id(v):
    return fold(str(v)) if v not in (None, "") else ""


def s_(v):
    return str(v).strip() if v not in (None, "") else ""


@dataclass
class Ledger:
    root: Path
    policy: dict
    holidays: set
    workdays: set
    cadence: list
    orgs: dict
    members: dict
    kinds: dict  # kind -> list of typed dicts (None when the kind is absent)


def load(root: Path):
    diags = Diags()
    cfg = tomllib.loads(decode((root / "taizhang.toml").read_bytes()))
    pol = cfg["policy"]
    cal = cfg.get("calendar", {})
    holidays = {date.fromisoformat(str(x)) for x in cal.get("holidays", [])}
    workdays = {date.fromisoformat(str(x)) for x in cal.get("workdays", [])}

    raw = {k: read_kind(root, k, diags) for k in ALIASES}
    orgs = {}
    for r in raw["orgs"]:
        v = r.v
        o = dict(id=p_id(v.get("id")), name=s_(v.get("name")), parent=p_id(v.get("parent")),
                 kind=p_enum(v.get("kind"), "org_kind", r, "kind", diags),
                 sector=p_enum(v.get("sector"), "sector", r, "sector", diags))
        if not o["id"] or not o["name"] or not o["kind"]:
            diags.add(r.file, r.line, "org without id, name or kind")
        orgs[o["id"]] = o
    roots = [o for o in orgs.values() if not o["parent"]]
    if len(roots) != 1:
        diags.add("orgs", 0, "not exactly one root")
    for o in orgs.values():
        if o["parent"] and o["parent"] not in orgs:
            diags.add("orgs", 0, f"unknown parent {o['parent']}")
    members = {}
    for r in raw["members"]:
        v = r.v
        m = dict(id=p_id(v.get("id")), name=s_(v.get("name")), org=p_id(v.get("org")),
                 leader=p_enum(v.get("leader"), "leader", r, "leader", diags, "none"),
                 roles=[p_enum(x, "role", r, "roles", diags) for x in p_list(v.get("roles"))],
                 sector=p_enum(v.get("sector"), "sector", r, "sector", diags),
                 since=p_date(v.get("since"), r, "since", diags), until=p_date(v.get("until"), r, "until", diags),
                 status=p_enum(v.get("status"), "status", r, "status", diags, "full"),
                 phone=p_id(v.get("phone")), id_number=p_id(v.get("id_number")), file=r.file, line=r.line)
        if m["org"] not in orgs:
            diags.add(r.file, r.line, f"unknown org {m['org']}")
        if m["id"] in members:
            diags.add(r.file, r.line, f"duplicate member {m['id']}")
        idn = m["id_number"]
        if idn and not (re.fullmatch(r"\d{17}[\dX]", idn) and id_check_digit(idn[:17]) == idn[17]):
            diags.add(r.file, r.line, f"bad 身份证号 {idn}")
        if m["phone"] and not re.fullmatch(r"1[3-9]\d{9}", m["phone"]):
            diags.add(r.file, r.line, f"bad phone {m['phone']}")
        members[m["id"]] = m

    def need_member(x, r, col):
        if x and x not in members:
            diags.add(r.file, r.line, f"{col}: unknown member {x}")

    def need_org(x, r, col):
        if x and x not in orgs:
            diags.add(r.file, r.line, f"{col}: unknown org {x}")

    kinds = {}
    if raw["education"] is not None:
        out = []
        for r in raw["education"]:
            v = r.v
            e = dict(date=p_date(v.get("date"), r, "date", diags), end=p_date(v.get("end"), r, "end", diags),
                     days=p_num(v.get("days"), r, "days", diags), hours=p_num(v.get("hours"), r, "hours", diags),
                     members=p_list(v.get("members")), org=p_id(v.get("org")), file=r.file, line=r.line)
            for x in e["members"]:
                need_member(x, r, "members")
            need_org(e["org"], r, "org")
            if e["date"] is None or not e["members"]:
                diags.add(r.file, r.line, "education row without date or members")
            out.append(e)
        kinds["education"] = out
    if raw["notes"] is not None:
        out = []
        for r in raw["notes"]:
            v = r.v
            n = dict(date=p_date(v.get("date"), r, "date", diags), member=p_id(v.get("member")),
                     chars=p_num(v.get("chars"), r, "chars", diags), file=s_(v.get("file")), fpath=r.file,
                     line=r.line)
            need_member(n["member"], r, "member")
            if n["file"]:
                fp = (root / n["file"]).resolve()
                if not fp.is_relative_to(root.resolve()) or not fp.is_file():
                    diags.add(r.file, r.line, f"file not found in the ledger: {n['file']}")
                else:
                    counted = note_count(decode(fp.read_bytes()))
                    if n["chars"] is not None and n["chars"] != counted:
                        diags.add(r.file, r.line, f"warning: chars {n['chars']} but the file has {counted}")
                    n["chars"] = Fraction(counted)
            if n["chars"] is None:
                diags.add(r.file, r.line, "note without chars or file")
            out.append(n)
        kinds["notes"] = out
    if raw["research"] is not None:
        out = []
        for r in raw["research"]:
            v = r.v
            t = dict(member=p_id(v.get("member")), start=p_date(v.get("start"), r, "start", diags),
                     end=p_date(v.get("end"), r, "end", diags))
            need_member(t["member"], r, "member")
            if not t["start"] or not t["end"] or t["end"] < t["start"]:
                diags.add(r.file, r.line, "research trip without a valid start/end")
            out.append(t)
        kinds["research"] = out
    if raw["mobile"] is not None:
        out = []
        for r in raw["mobile"]:
            v = r.v
            x = {c: s_(v.get(c)) for c in ("name", "destination", "employer", "residence", "phone", "certificate",
                                           "home_org", "occupation", "education_level")}
            x.update(member=p_id(v.get("member")), direction=p_enum(v.get("direction"), "direction", r,
                                                                    "direction", diags),
                     liaison=p_id(v.get("liaison")), org=p_id(v.get("org")))
            for c in ("left_on", "returned_on", "verified_on", "arrived_on", "departed_on"):
                x[c] = p_date(v.get(c), r, c, diags)
            x["phone"] = fold(x["phone"])
            x["certificate"] = fold(x["certificate"])
            if x["direction"] == "out":
                need_member(x["member"], r, "member")
            need_member(x["liaison"], r, "liaison")
            if not x["member"] or not x["direction"]:
                diags.add(r.file, r.line, "mobile row without member or direction")
            out.append(x)
        kinds["mobile"] = out
    if raw["contacts"] is not None:
        out = []
        for r in raw["contacts"]:
            v = r.v
            c = dict(date=p_date(v.get("date"), r, "date", diags), member=p_id(v.get("member")),
                     kind=p_enum(v.get("kind"), "contact_kind", r, "kind", diags, "contact"))
            need_member(c["member"], r, "member")
            out.append(c)
        kinds["contacts"] = out
    if raw["events"] is not None:
        out = []
        for r in raw["events"]:
            v = r.v
            e = dict(date=p_date(v.get("date"), r, "date", diags), org=p_id(v.get("org")),
                     kind=p_enum(v.get("kind"), "event_kind", r, "kind", diags, open_=True),
                     member=p_id(v.get("member")))
            need_org(e["org"], r, "org")
            need_member(e["member"], r, "member")
            if not e["date"] or not e["org"] or not e["kind"]:
                diags.add(r.file, r.line, "event without date, org or kind")
            out.append(e)
        kinds["events"] = out
    if raw["visits"] is not None:
        out = []
        for r in raw["visits"]:
            v = r.v
            x = dict(id=p_id(v.get("id")), date=p_date(v.get("date"), r, "date", diags), org=p_id(v.get("org")),
                     matter=s_(v.get("matter")), received_by=s_(v.get("received_by")),
                     disposition=p_enum(v.get("disposition"), "disposition", r, "disposition", diags),
                     referred_to=s_(v.get("referred_to")), closed_on=p_date(v.get("closed_on"), r, "closed_on", diags))
            need_org(x["org"], r, "org")
            out.append(x)
        kinds["visits"] = out
    if raw["appraisals"] is not None:
        out = []
        for r in raw["appraisals"]:
            v = r.v
            a = dict(year=int(p_num(v.get("year"), r, "year", diags)), member=p_id(v.get("member")),
                     grade=p_enum(v.get("grade"), "grade", r, "grade", diags), mentor=p_id(v.get("mentor")))
            need_member(a["member"], r, "member")
            need_member(a["mentor"], r, "mentor")
            out.append(a)
        kinds["appraisals"] = out
    if raw["posts"] is not None:
        out = []
        for r in raw["posts"]:
            v = r.v
            p = dict(year=int(p_num(v.get("year"), r, "year", diags)), member=p_id(v.get("member")),
                     post=s_(v.get("post")), duty=s_(v.get("duty")), goal=s_(v.get("goal")))
            need_member(p["member"], r, "member")
            out.append(p)
        kinds["posts"] = out
    counts = {k: (0 if rows is None else len(rows)) for k, rows in raw.items()}
    files = {k: sorted({r.file for r in rows}) if rows else [] for k, rows in raw.items()}
    led = Ledger(root, pol, holidays, workdays, cfg.get("cadence", []), orgs, members, kinds)
    return led, diags, counts, files


# --------------------------------------------------------------------------
# 13. The rules of SPEC §2, as its precise readings say
# --------------------------------------------------------------------------
@dataclass
class Finding:
    rule: str
    org: str | None
    member: str | None
    period: str
    record: str | None = None
    expected: object = None
    actual: object = None
    detail: str = ""

    def key(self):
        return (self.rule, self.org or "", self.member or "", self.period, self.record or "")


def periods(per: str):
    if per == "month":
        return [(f"{YEAR}-{m:02d}", date(YEAR, m, 1), month_end(YEAR, m)) for m in range(1, 13)]
    if per == "quarter":
        return [(f"{YEAR}-Q{q}", date(YEAR, 3 * q - 2, 1), month_end(YEAR, 3 * q)) for q in range(1, 5)]
    return [(f"{YEAR}", Y_START, Y_END)]


def evaluate(L: Ledger):
    pol, orgs, members = L.policy, L.orgs, L.members
    F: list[Finding] = []
    checked: dict[str, int] = {}
    ydays = (Y_END - Y_START).days + 1

    def in_y(x):
        return x is not None and Y_START <= x <= Y_END

    def active_on(m, x):
        return (m["since"] is None or m["since"] <= x) and (m["until"] is None or x <= m["until"])

    def active_days(m):
        a = max(Y_START, m["since"] or Y_START)
        b = min(Y_END, m["until"] or Y_END)
        return max(0, (b - a).days + 1)

    def prorate(q, m):
        q = Fraction(q)
        return q * active_days(m) / ydays if pol.get("prorate", True) else q

    def sector_of_org(oid):
        o = orgs[oid]
        if o["sector"]:
            return o["sector"]
        return sector_of_org(o["parent"]) if o["parent"] else "other"

    def is_wd(x):
        return x in L.workdays or (x not in L.holidays and x.weekday() < 5)

    active = [m for m in members.values() if active_days(m) > 0]
    ev = L.kinds["events"]

    # EDU01 ---------------------------------------------------------------------
    def session_len(s):
        if s["days"] is not None:
            return s["days"]
        if s["hours"] is not None:
            return s["hours"] / Fraction(pol["hours_per_day"])
        span = drange(s["date"], s["end"] or s["date"])
        wd = sum(1 for x in span if is_wd(x))
        return Fraction(wd if wd else len(span))

    totals: dict[str, Fraction] = {}
    for s in L.kinds["education"]:
        if in_y(s["date"]):
            ln = session_len(s)
            for mid in set(s["members"]):
                totals[mid] = totals.get(mid, Fraction(0)) + ln
    checked["EDU01"] = len(active)
    for m in active:
        sec = m["sector"] or sector_of_org(m["org"])
        quota = pol["study_days"].get(sec, pol["study_days"]["default"])
        exp, act = prorate(quota, m), totals.get(m["id"], Fraction(0))
        if act < exp:
            F.append(Finding("EDU01", m["org"], m["id"], str(YEAR), None, exp, act,
                             f"{sec}: {quota} × {active_days(m)}/{ydays}" if active_days(m) < ydays else sec))

    # EDU02 ---------------------------------------------------------------------
    chars: dict[str, Fraction] = {}
    for n in L.kinds["notes"]:
        if in_y(n["date"]):
            chars[n["member"]] = chars.get(n["member"], Fraction(0)) + n["chars"]
    checked["EDU02"] = len(active)
    for m in active:
        lead = m["leader"] in ("section", "county")
        quota = pol["note_chars"]["leader" if lead else "default"]
        exp, act = prorate(quota, m), chars.get(m["id"], Fraction(0))
        if act < exp:
            F.append(Finding("EDU02", m["org"], m["id"], str(YEAR), None, exp, act,
                             f"{'leader' if lead else 'member'}: {quota}"
                             + (f" × {active_days(m)}/{ydays}" if active_days(m) < ydays else "")))

    # cadence rules (EDU03-05, SRV02, RSP01-04, and the ledger's own) ------------
    root = next(o["id"] for o in orgs.values() if not o["parent"])
    cadences = [
        ("EDU03", "branch_assembly", "quarter", 1, lambda o: o["kind"] == "branch", None),
        ("EDU04", "committee_meeting", "month", 1, lambda o: o["kind"] == "branch", 7),
        ("EDU05", "party_lecture", "quarter", 1, lambda o: o["kind"] == "branch", None),
        ("SRV02", "reception_day", "month", 1,
         lambda o: sector_of_org(o["id"]) == "agency" and not (o["parent"] and sector_of_org(o["parent"]) == "agency"),
         None),
        ("RSP01", "special_study", "year", 2, lambda o: o["kind"] == "committee", None),
        ("RSP02", "written_report", "year", 1, lambda o: o["id"] != root, None),
        ("RSP03", "plenary_report", "year", 1, lambda o: o["id"] == root and o["kind"] == "county", None),
        ("RSP04", "inspection", "year", 1, lambda o: o["kind"] == "committee", None),
    ]
    for c in L.cadence:
        sel = c.get("orgs", {})
        kinds_, secs = sel.get("kind"), sel.get("sector")
        cadences.append((c["code"], c["event"], c["per"], c["at_least"],
                         lambda o, kinds_=kinds_, secs=secs: (not kinds_ or o["kind"] in kinds_)
                         and (not secs or sector_of_org(o["id"]) in secs), None))
    for code, kind, per, at_least, sel, min_members in cadences:
        n = 0
        for o in sorted(orgs.values(), key=lambda o: o["id"]):
            if not sel(o):
                continue
            for label, a, b in periods(per):
                if b > AS_OF:
                    continue
                if min_members is not None:
                    size = sum(1 for m in members.values() if m["org"] == o["id"] and active_on(m, b))
                    if size < min_members:
                        continue
                n += 1
                cnt = sum(1 for e in ev if e["kind"] == kind and e["org"] == o["id"] and a <= e["date"] <= b)
                if cnt < at_least:
                    F.append(Finding(code, o["id"], None, label, None, at_least, cnt,
                                     f"{cnt} `{kind}` event(s) of {o['id']} itself, {at_least} needed"))
        checked[code] = n

    # EDU06 / EDU07 ----------------------------------------------------------------
    apr = [a for a in L.kinds["appraisals"] if a["year"] == YEAR]
    graded = {a["member"] for a in apr}
    excellent = {a["member"] for a in apr if a["grade"] == "excellent"}
    subj = [m for m in members.values() if m["status"] == "full" and active_days(m) == ydays]
    checked["EDU06"] = len(subj)
    for m in subj:
        if m["id"] not in graded:
            F.append(Finding("EDU06", m["org"], m["id"], str(YEAR), None, None, None))
    low = [a for a in apr if a["grade"] in ("basically_qualified", "unqualified")]
    checked["EDU07"] = len(low)
    for a in low:
        mt = members.get(a["mentor"]) if a["mentor"] else None
        ok = (mt is not None and mt["id"] != a["member"]
              and ({"committee", "secretary"} & set(mt["roles"]) or mt["id"] in excellent))
        if not ok:
            why = ("no mentor" if not a["mentor"] else "mentor is the member" if a["mentor"] == a["member"]
                   else "mentor has no committee role and no excellent grade")
            F.append(Finding("EDU07", members[a["member"]]["org"], a["member"], str(YEAR), None, None, None,
                             f"{a['grade']}, {why} ({a['mentor'] or '—'})"))

    # SRV01 -----------------------------------------------------------------------
    posts = [p for p in L.kinds["posts"] if p["year"] == YEAR]
    subj = [m for m in active if sector_of_org(m["org"]) == "rural" and not m["roles"]]
    checked["SRV01"] = len(subj)
    for m in subj:
        rows = [p for p in posts if p["member"] == m["id"]]
        if not any(p["post"] and p["duty"] and p["goal"] for p in rows):
            miss = "no posts row for 2025" if not rows else "missing " + "/".join(
                c for c in ("post", "duty", "goal") if not rows[0][c])
            F.append(Finding("SRV01", m["org"], m["id"], str(YEAR), None, None, None, miss))

    # SRV03 -----------------------------------------------------------------------
    vis = [v for v in L.kinds["visits"] if in_y(v["date"])]
    checked["SRV03"] = len(vis)
    maxd = pol["visit_max_open_days"]
    for v in vis:
        why, num = [], (None, None)
        if not v["matter"]:
            why.append("no matter")
        if not v["received_by"]:
            why.append("no received_by")
        disp = v["disposition"]
        if disp == "pending" or disp is None:
            open_days = (AS_OF - v["date"]).days
            if open_days > maxd:
                why.append(f"still {disp or 'undisposed'} {open_days} days after its date")
                num = (maxd, open_days)
        else:
            if disp == "referred" and not v["referred_to"]:
                why.append("referred without referred_to")
            if v["closed_on"] is None:
                why.append("closed without closed_on")
            elif (v["closed_on"] - v["date"]).days > maxd:
                why.append(f"closed after {(v['closed_on'] - v['date']).days} days")
                num = (maxd, (v["closed_on"] - v["date"]).days)
        if why:
            F.append(Finding("SRV03", v["org"], None, str(YEAR), v["id"], *num, "; ".join(why)))

    # SRV04 -----------------------------------------------------------------------
    covered: dict[str, set] = {}
    for t in L.kinds["research"]:
        for x in drange(max(t["start"], Y_START), min(t["end"], Y_END)):
            covered.setdefault(t["member"], set()).add(x)
    subj = [m for m in active if m["leader"] in ("county", "section")]
    checked["SRV04"] = len(subj)
    for m in subj:
        quota = pol["research_months"][m["leader"]] * pol["days_per_month"]
        exp, act = prorate(quota, m), len(covered.get(m["id"], ()))
        if act < exp:
            F.append(Finding("SRV04", m["org"], m["id"], str(YEAR), None, exp, act, f"{m['leader']}: {quota}"))

    # MOB01-07 --------------------------------------------------------------------
    mob = L.kinds["mobile"]
    outs = [r for r in mob if r["direction"] == "out"]

    def away(r, x):
        return (r["left_on"] is None or r["left_on"] <= x) and (r["returned_on"] is None or x < r["returned_on"])

    def away_in_y(r):
        lo = max(Y_START, r["left_on"] or Y_START)
        hi = min(Y_END, (r["returned_on"] - timedelta(days=1)) if r["returned_on"] else Y_END)
        return lo <= hi

    outs_y = [r for r in outs if away_in_y(r)]
    away_ids = sorted({r["member"] for r in outs_y})
    checked["MOB01"] = len(outs_y)
    for r in outs_y:
        miss = [c for c in ("destination", "left_on", "employer", "residence", "phone") if not r[c]]
        if miss:
            F.append(Finding("MOB01", members[r["member"]]["org"], r["member"], str(YEAR), None, None, None,
                             "missing " + ", ".join(miss)))
    pat = pol.get("certificate_pattern")
    for code in ("MOB02", "MOB03", "MOB04", "MOB05", "MOB06"):
        checked[code] = len(away_ids)
    checked["MOB04"] = 0
    contacts = L.kinds["contacts"]
    for mid in away_ids:
        org = members[mid]["org"]
        rows = [r for r in outs_y if r["member"] == mid]
        certs = [r["certificate"] for r in rows]
        why = []
        if not any(certs) or not all(certs):
            why.append("no certificate")
        for c in sorted({c for c in certs if c}):
            if pat and not re.fullmatch(pat, c):
                why.append(f"{c} does not match the pattern")
            others = sorted({r["member"] for r in outs_y if r["certificate"] == c and r["member"] != mid})
            if others:
                why.append(f"{c} is also held by {', '.join(others)}")
        if why:
            F.append(Finding("MOB02", org, mid, str(YEAR), None, None, None, "; ".join(why)))
        ok = any(r["liaison"] and r["liaison"] != mid and r["liaison"] in members
                 and active_days(members[r["liaison"]]) > 0 for r in rows)
        if not ok:
            lz = sorted({r["liaison"] for r in rows if r["liaison"]})
            F.append(Finding("MOB03", org, mid, str(YEAR), None, None, None,
                             "liaison " + ", ".join(
                                 f"{x} ({'the member' if x == mid else 'on the roll but not active in 2025'})" for x in lz)))
        for label, a, b in periods("month"):
            if b > AS_OF:
                continue
            n_away = sum(1 for x in drange(a, b) if any(away(r, x) for r in outs if r["member"] == mid))
            if n_away < pol["min_days_away"]:
                continue
            checked["MOB04"] += 1
            cnt = sum(1 for c in contacts if c["member"] == mid and a <= c["date"] <= b)
            if cnt < 1:
                F.append(Finding("MOB04", org, mid, label, None, 1, 0, f"away {n_away} days"))
        audits = sum(1 for e in ev if e["kind"] == "cert_audit" and e["member"] == mid and in_y(e["date"]))
        if audits < 1:
            F.append(Finding("MOB05", org, mid, str(YEAR), None, 1, 0))
        reports = sum(1 for c in contacts if c["member"] == mid and c["kind"] == "report" and in_y(c["date"]))
        if reports < 1:
            F.append(Finding("MOB06", org, mid, str(YEAR), None, 1, 0))
    ins = [r for r in mob if r["direction"] == "in"
           and (r["arrived_on"] or Y_START) <= Y_END and (r["departed_on"] is None or r["departed_on"] >= Y_START)]
    checked["MOB07"] = len(ins)
    for r in ins:
        miss = [c for c in ("occupation", "education_level", "employer", "residence", "phone", "verified_on")
                if not r[c]]
        if r["org"] not in orgs:
            miss.append("an existing org")
        if miss:
            F.append(Finding("MOB07", r["org"] if r["org"] in orgs else None, r["member"], str(YEAR), None, None,
                             None, "missing " + ", ".join(miss)))

    uniq = {f.key(): f for f in F}
    return sorted(uniq.values(), key=Finding.key), checked, totals, chars, covered


# --------------------------------------------------------------------------
# 14. What was planted, and EXPECTED.md
# --------------------------------------------------------------------------
RULE_NAMES = {
    "EDU01": "study-days", "EDU02": "study-notes", "EDU03": "branch-assembly", "EDU04": "committee-meeting",
    "EDU05": "party-lecture", "EDU06": "appraisal-held", "EDU07": "appraisal-mentor", "SRV01": "rural-posts",
    "SRV02": "reception-day", "SRV03": "visit-closed", "SRV04": "field-research", "MOB01": "outflow-register",
    "MOB02": "certificate", "MOB03": "liaison", "MOB04": "monthly-contact", "MOB05": "certificate-audit",
    "MOB06": "annual-report", "MOB07": "inflow-register", "RSP01": "special-study", "RSP02": "written-report",
    "RSP03": "plenary-report", "RSP04": "inspection", "X01": "theme-day (taizhang.toml [[cadence]])",
}


def planted():
    out = set()

    def mem(rule, key, period=str(YEAR)):
        out.add((rule, K[key].org, K[key].id, period, ""))

    for k in ["HALF", "J1", "HOSP_SHORT", "EDU_SHORT_JY", "EDU_SHORT_CG", "EDU_SHORT_CN"]:
        mem("EDU01", k)
    for k in ["K3", "S8", "NOTE_SHORT1", "NOTE_OLD", "LEAV1"]:
        mem("EDU02", k)
    for b, q in ASSEMBLY_GAPS:
        out.add(("EDU03", b, "", f"{YEAR}-Q{q}", ""))
    for b, mo in MEETING_GAPS:
        out.add(("EDU04", b, "", f"{YEAR}-{mo:02d}", ""))
    for b, q in LECTURE_GAPS:
        out.add(("EDU05", b, "", f"{YEAR}-Q{q}", ""))
    mem("EDU06", "NOAPPR")
    mem("EDU07", "BQSELF")
    mem("EDU07", "UNQ")
    mem("SRV01", "NOPOST")
    mem("SRV01", "NOGOAL")
    for o, mo in RECEPTION_GAPS:
        out.add(("SRV02", o, "", f"{YEAR}-{mo:02d}", ""))
    for vid, org in [("V2025-007", "JG03"), ("V2025-011", "JG03"), ("V2025-014", "CG04"), ("V2025-016", "JG03")]:
        out.add(("SRV03", org, "", str(YEAR), vid))
    mem("SRV04", "K4")
    mem("SRV04", "S16")
    mem("MOB01", "OUT2")
    for k in ["OUT4", "OUT5", "OUT7"]:
        mem("MOB02", k)
    for k in ["OUT7", "OUT8"]:
        mem("MOB03", k)
    mem("MOB04", "OUT2", f"{YEAR}-09")
    mem("MOB04", "OUT3", f"{YEAR}-06")
    mem("MOB05", "OUT5")
    mem("MOB06", "OUT8")
    out.add(("MOB07", "FG01", "L002", str(YEAR), ""))
    out.add(("RSP01", "FG", "", str(YEAR), ""))
    for o in NO_WRITTEN_REPORT:
        out.add(("RSP02", o, "", str(YEAR), ""))
    out.add(("RSP03", "XW", "", str(YEAR), ""))
    out.add(("RSP04", "CN", "", str(YEAR), ""))
    for b, mo in THEME_GAPS:
        out.add(("X01", b, "", f"{YEAR}-{mo:02d}", ""))
    return out


WHY = {  # one line per planted shortfall, by member key / org id / record
    "HALF": "missed the 6月14日 Saturday session (1 day) and the 8月21日 4-hour session; the 2024-12-30→2025-01-03 winter training is dated 2024 and does not count",
    "J1": "joined 2025-07-01 (184 active days): 12 × 184/365 ≈ 6.049, attended 6.0",
    "HOSP_SHORT": "missed the 5-day spring training at the Party school",
    "EDU_SHORT_JY": "missed the 5-day summer training",
    "EDU_SHORT_CG": "missed the 3-day winter–spring training",
    "EDU_SHORT_CN": "missed three sessions (春节 2 days, 两会 2 days, 七一 weekend 2 calendar days)",
    "K3": "county leader, 6 entries totalling 28000",
    "S8": "section leader, notes only as files under 笔记/, counted 29994 characters",
    "NOTE_SHORT1": "4 entries totalling 14800",
    "NOTE_OLD": "13000 in 2025; a 3000-character entry dated 2024-12-26 does not count",
    "LEAV1": "left 2025-06-30 (181 active days): 15000 × 181/365 ≈ 7438.36, wrote 7400",
    "NOAPPR": "full member all year; has a 2024 appraisal but none for 2025",
    "BQSELF": "基本合格, the mentor is the member",
    "UNQ": "不合格, mentor is an ordinary member (no committee role, graded 合格)",
    "NOPOST": "rural member without roles; only a 2024 posts row",
    "NOGOAL": "posts row for 2025 without 目标",
    "K4": "county leader, 57 distinct days (overlapping rows; one trip wholly in 2024)",
    "S16": "section leader, 29 distinct days",
    "OUT2": None,
    "OUT3": "returned 2025-06-16: away 1–15 June = 15 days ≥ min_days_away, no contact in June",
    "OUT4": "certificate 411625-2022-0017 also on OUT5's row",
    "OUT5": None,
    "OUT7": None,
    "OUT8": None,
    "L002": "incoming member without 查验日期 (verified_on)",
}


def write_expected(led, F, checked, totals, chars, covered, counts, files):
    mem = led.members
    key_of = {m.id: m.key for m in MEMBERS}

    def who(mid):
        if not mid:
            return ""
        return f"{mid} {mem[mid]['name']}" if mid in mem else mid

    L = []
    L.append("# 示范县 demo ledger — expected findings\n")
    L.append("**Generated** by `scripts/gen_demo.py` from the files it writes (it reads them back and "
             "evaluates SPEC §2 itself); do not edit by hand — change the script and run it again.\n")
    L.append(f"- Year **{YEAR}**, as-of **{AS_OF}** (`taizhang check examples/demo-county --year 2025 "
             f"--as-of 2025-12-31`). Every period is complete on that date, so every finding below has severity "
             f"`violation`, and the exit status is 1. The one visit still open and not yet due (V2025-019, "
             f"办理中 since 2025-12-22) must not be a violation; showing it as a `pending` notice is allowed.")
    L.append("- Input diagnostics expected: **none** (no errors, no warnings). Every rule is evaluated; none is "
             "skipped.")
    L.append("- Numbers are exact. A prorated quota is `quota × active days / 365`, unrounded; it is shown "
             "to 6 decimals with its formula. Actual education days are multiples of 1/8.")
    L.append(f"- Totals: **{len(F)} findings**.\n")

    L.append("## Ledger contents\n")
    L.append("| kind | rows | stored as |")
    L.append("|---|---:|---|")
    for k in ALIASES:
        L.append(f"| {k} | {counts[k]} | {', '.join('`' + f + '`' for f in files[k])} |")
    L.append("")

    L.append("## Per rule\n")
    L.append("`subjects` counts what was evaluated: members (EDU01/02, EDU06, SRV01, SRV04, MOB02/03/05/06), "
             "graded rows (EDU07), visits dated 2025 (SRV03), outgoing rows away during 2025 (MOB01), "
             "incoming rows present in 2025 (MOB07), away member × month with ≥ 15 days away (MOB04), "
             "and org × period for the cadence rules (EDU04: only months in which the branch has ≥ 7 members "
             "on the last day).\n")
    L.append("| rule | name | subjects | findings |")
    L.append("|---|---|---:|---:|")
    order = list(RULE_NAMES)
    for code in order:
        n = sum(1 for f in F if f.rule == code)
        L.append(f"| {code} | {RULE_NAMES[code]} | {checked.get(code, 0)} | {n} |")
    L.append("")

    L.append("## Findings\n")
    L.append("Sorted by rule, org, member, period. `rule`, `org`, `member`, `period` and `record` identify a "
             "finding and must match exactly. `expected`/`actual` are the rule's numbers where it has a quota "
             "(for SRV03's timing failures: the allowed days and the days the visit was open); they are empty "
             "where the SPEC fixes no number (presence and completeness rules).\n")
    L.append("| rule | org | member | period | record | expected | actual | what |")
    L.append("|---|---|---|---|---|---:|---:|---|")
    for f in F:
        k = key_of.get(f.member) if f.member else None
        why = WHY.get(k) if k else None
        if f.rule == "MOB02" and k == "OUT5":
            why = None
        if f.rule in ("MOB02", "MOB03", "MOB01", "EDU07", "SRV01", "SRV03", "MOB07") or why is None:
            why = f.detail
        elif f.detail and f.rule not in ("EDU01", "EDU02", "SRV04", "EDU06"):
            why = f"{f.detail}; {why}"
        if f.member == "L002":
            why = WHY["L002"]
        exp = "" if f.expected is None else fmt_num(f.expected)
        act = "" if f.actual is None else fmt_num(f.actual)
        if f.expected is not None and Fraction(f.expected).denominator not in (1, 2, 4, 5, 8, 10):
            e = Fraction(f.expected)
            exp = f"{fmt_num(e)} (= {e.numerator}/{e.denominator})"
        L.append(f"| {f.rule} | {f.org or 'null'} | {who(f.member)} | {f.period} | {f.record or ''} | {exp} | "
                 f"{act} | {why or ''} |")
    L.append("")

    # edges that must NOT be findings
    def mid(key):
        return K[key].id

    def m_edu(key):
        return fmt_num(totals.get(mid(key), 0))

    ad = {k: K[k].active_days() for k in ("LEAV1", "LEAV2", "P2", "J1")}
    L.append("## Near misses that must pass\n")
    L.append("Each of these is one reading of SPEC §2 that an implementation could get wrong; none is a finding.\n")
    L.append(f"- EDU01 `{mid('LEAV1')}` left 2025-06-30: {m_edu('LEAV1')} days ≥ 12 × {ad['LEAV1']}/365 ≈ "
             f"{fmt_num(Fraction(12 * ad['LEAV1'], 365))}.")
    L.append(f"- EDU01 `{mid('P2')}` probationary since 2025-05-20: {m_edu('P2')} ≥ 12 × {ad['P2']}/365 ≈ "
             f"{fmt_num(Fraction(12 * ad['P2'], 365))} (sector institution).")
    L.append(f"- EDU01 `{mid('LEAV2')}` left 2025-09-15: {m_edu('LEAV2')} ≥ 6 × {ad['LEAV2']}/365 ≈ "
             f"{fmt_num(Fraction(6 * ad['LEAV2'], 365))}.")
    outs6 = [x for x in AWAY_MEMBERS if totals.get(x) == 6]
    L.append(f"- EDU01 the away members {', '.join('`' + x + '`' for x in outs6)} have exactly 6 days "
             f"(3-day winter training + three 8-hour online sessions): actual = expected passes.")
    L.append(f"- EDU01 `{mid('TEACHER')}` (西河村, member sector override 事业单位) needs 12 and has "
             f"{m_edu('TEACHER')}, partly from sessions in another committee's file; the 城关镇机关 branch "
             f"CG04 (sector 机关 under a 农村 committee) needs 12 and its members have 13.5.")
    L.append("- EDU02 `{}` joined 2025-07-01 as a section leader: {} ≥ 30000 × {}/365 ≈ {}; `{}`: {} ≥ 15000 × "
             "{}/365 ≈ {}; `{}`: {} ≥ 15000 × {}/365 ≈ {}.".format(
                 mid("J1"), fmt_num(chars[mid("J1")]), ad["J1"], fmt_num(Fraction(30000 * ad["J1"], 365)),
                 mid("P2"), fmt_num(chars[mid("P2")]), ad["P2"], fmt_num(Fraction(15000 * ad["P2"], 365)),
                 mid("LEAV2"), fmt_num(chars[mid("LEAV2")]), ad["LEAV2"],
                 fmt_num(Fraction(15000 * ad["LEAV2"], 365))))
    L.append(f"- EDU02 `{mid('FILEUSER')}` has one note file saved with a BOM and CRLF line ends, and one row "
             f"giving both 字数 and 文件 (equal, so no warning): {fmt_num(chars[mid('FILEUSER')])} in all. "
             f"`{mid('K2')}` keeps four of five entries as files: {fmt_num(chars[mid('K2')])}.")
    L.append(f"- EDU04 JGZ2 has 7 members until `{mid('LEAV1')}` leaves on 2025-06-30 (inclusive), so June is "
             "checked (and missed) but July–December are not. FG01 reaches 7 only by counting its probationary "
             "member. CG01's former committee member who left in 2024 is not counted.")
    L.append("- Cadence rules count only the org's own events: the general branch JGZ's 党员大会, FG01's 专题研究, "
             "the 督查 of CN01 (not CN), JG03's 接待日 (agency under agency, not a SRV02 subject) and FG02's "
             "written report dated 2024-12-27 count for nothing.")
    L.append("- SRV02 subjects are JG (机关 under the root, whose sector defaults to 其他) and CG04 (机关 under a "
             "农村 committee); not JG01–JG03/JGZ*/JGZ (agency under agency) nor JG04 (事业单位).")
    L.append("- SRV03 V2025-008 closed exactly 30 days after its date; V2025-019 is 办理中 but only 9 days old on "
             "as-of (at most a `pending` notice); V2024-031 (no 办结日期) is dated 2024.")
    L.append("- SRV04 `{}`: the trip 2024-12-28 → 2025-01-05 contributes 5 days; union {} ≥ 60. `{}` "
             "(joined 2025-07-01): a June trip before joining counts, {} ≥ 30 × {}/365 ≈ {}.".format(
                 mid("K1"), len(covered[mid("K1")]), mid("J1"), len(covered[mid("J1")]), ad["J1"],
                 fmt_num(Fraction(30 * ad["J1"], 365))))
    L.append(f"- MOB02 `{mid('OLDROW')}` returned 2024-10-08, so his old row (certificate 411625-2023-0003, the "
             f"same as `{mid('OUT1')}`'s) is not away during 2025 and makes no one fail.")
    L.append(f"- MOB03 `{mid('OUT6')}` has two rows; only the first (returned 2025-01-20) names a liaison: passes.")
    L.append(f"- MOB04 `{mid('OUT7')}` left 2025-03-18: 14 days away in March, not checked. `{mid('OUT9')}` left "
             f"2025-08-17: 15 days in August, its one August contact is dated 2025-08-31. `{mid('OUT3')}`'s only "
             f"April contact is on 2025-04-30. `{mid('OUT6')}`: January (19 days) and February (17 days) both "
             f"checked and contacted.")
    L.append("- MOB07 L003 left on 2025-05-31 (present during 2025, complete); L004 left in 2024 (incomplete, "
             "not a subject).")
    L.append(f"- EDU07 `{mid('BQ1')}` (基本合格) is mentored by an ordinary member graded 优秀; `{mid('BQ2')}` by "
             "the branch secretary.")
    L.append(f"- SRV01 `{mid('TEACHER')}` is a subject (the org's sector counts, not the member's override) and has "
             "a complete row; CG04's members are not subjects (its sector is 机关).")
    L.append("")

    # Every education session with its length
    L.append("## Education sessions and their lengths\n")
    L.append("Length: `days` if given, else `hours / 8`, else working days from `date` to `end` under the "
             "`[calendar]` (calendar days if all are rest days). Sessions dated 2024 do not count for 2025.\n")
    L.append("| file | line | date | end | days | hours | length | attendees |")
    L.append("|---|---:|---|---|---:|---:|---:|---:|")
    for s in led.kinds["education"]:
        ln = ("(2024)" if s["date"].year != YEAR else
              fmt_num(s["days"] if s["days"] is not None else
                      s["hours"] / 8 if s["hours"] is not None else
                      (lambda span: sum(1 for x in span if x in led.workdays or (x not in led.holidays and x.weekday() < 5))
                       or len(span))(drange(s["date"], s["end"] or s["date"]))))
        L.append(f"| `{s['file']}` | {s['line']} | {s['date']} | {s['end'] or ''} | "
                 f"{fmt_num(s['days']) if s['days'] is not None else ''} | "
                 f"{fmt_num(s['hours']) if s['hours'] is not None else ''} | {ln} | {len(set(s['members']))} |")
    L.append("")
    L.append("## Note files and their character counts\n")
    L.append("Counted as SPEC §2 EDU02 says: Unicode scalar values that are not whitespace (U+3000 included), "
             "not control characters and not U+FEFF.\n")
    L.append("| file | characters |")
    L.append("|---|---:|")
    for rel in sorted(NOTE_FILES):
        L.append(f"| `{rel}` | {note_count(decode((OUT / rel).read_bytes()))} |")
    L.append("")
    # Beside the ledger, not in it: a ledger holds only ledger files.
    (OUT.parent / "demo-county.EXPECTED.md").write_bytes("\n".join(L).encode("utf-8"))


def main():
    write_ledger()
    led, diags, counts, files = load(OUT)
    if diags:
        raise SystemExit("the demo ledger has input diagnostics:\n" + "\n".join(diags))
    F, checked, totals, chars, covered = evaluate(led)
    got = {f.key() for f in F}
    want = planted()
    if got != want:
        raise SystemExit("findings differ from the planted shortfalls:\n  unexpected: "
                         + repr(sorted(got - want)) + "\n  missing: " + repr(sorted(want - got)))
    write_expected(led, F, checked, totals, chars, covered, counts, files)
    print(f"wrote {OUT.relative_to(REPO)}: {len(ORGS)} orgs, {len(MEMBERS)} members, {len(F)} planted findings")


if __name__ == "__main__":
    main()
