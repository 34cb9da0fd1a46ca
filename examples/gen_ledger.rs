//! Writes a large synthetic ledger of the SPEC's format, for the benchmark
//! (`scripts/bench.sh`) and for memory tests:
//!
//! ```text
//! cargo run --release --example gen_ledger -- OUT_DIR MEMBERS
//!     [--seed N] [--style plain|messy] [--records-factor K] [--xlsx]
//! ```
//!
//! A county of MEMBERS members in committees (党委) of 10–70 branches (党支部)
//! of 3–50 members, some under general branches (党总支), with a year (2025)
//! of records at realistic volumes: 20 branch study sessions, 2 committee
//! training courses and, for leaders, 6 theory-group sessions (about 20
//! attendances a member; each session is one row listing its attendees),
//! 12 study notes a member, 10 field-research trips a leader, 5 % of the
//! members away with their monthly contacts, the events, visits, appraisals
//! and posts of every org. Counting an attendance as a record, a member has
//! about forty records a year (about twenty CSV rows). A few percent of the
//! subjects of every rule fall short (slack members, missed months, missing
//! events, incomplete registers), and the edge cases of the SPEC's precise
//! readings are all there: members on the roll for part of the year,
//! sectors inherited through general branches and overridden by branches
//! and members, sessions on rest days, over holidays and across the year's
//! end, a member listed twice in a session, overlapping trips and trips
//! crossing the year's ends, partial months away, records of the year before.
//!
//! `--seed N` (default 20251231) makes another county; the same arguments
//! always write byte-identical files. `--style plain` (the default) writes
//! one UTF-8 CSV file a kind with English headers and values; `--style
//! messy` writes the same records as a county clerk's Excel would: GBK,
//! Chinese headers, Chinese enumeration values, dates as `2025/3/5`,
//! `2025.3.5`, `2025年3月5日` or with a time, lists separated by `、` or `；`,
//! a few full-width digits and padded cells, extra columns (序号, 备注), other
//! column orders, and the large kinds split into a file per committee
//! (`education/0001-县直机关第1工委.csv` …). Both styles give the same findings.
//! `--records-factor K` writes the same orgs, members and findings with K
//! times the record rows: each note is split into K notes of the same total,
//! each session into K sessions over the attendees, trips and contacts are
//! written K times, and events, appraisals, posts, visits and absences get
//! K − 1 earlier years (for a memory test: same members, K × the rows).
//!
//! `--xlsx` saves every file as a workbook instead (`members.xlsx`, its
//! rows on the first sheet), as a clerk's Excel holds them: dates as date
//! cells, counts and phones as numbers, ids and ID numbers as text. A file
//! of more rows than a sheet holds (1,048,576) is split into workbooks of
//! a million rows in the kind's directory (`notes/notes-1.xlsx` …).
//!
//! Standalone: uses only std and the crate's dependencies, not the library.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

const YEAR: i32 = 2025;
const DEFAULT_SEED: u64 = 20_251_231;

// ---------------------------------------------------------------- randomness

/// SplitMix64: small, fast and good enough to vary synthetic data.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }

    fn permille(&mut self, p: u64) -> bool {
        self.below(1000) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// An independent stream for one purpose and subject, so that what is drawn
/// for one member or org never depends on what was drawn for another (and a
/// style or a records factor never changes the county).
fn stream(seed: u64, tag: u64, a: u64) -> Rng {
    let mut r = Rng(seed ^ tag.wrapping_mul(0xA24B_AED4_963E_E407));
    r.0 = r.next() ^ a.wrapping_mul(0x9FB2_1C65_1E98_DF25);
    r.next();
    r
}

const T_COMMITTEE: u64 = 1;
const T_BRANCH: u64 = 2;
const T_MEMBER: u64 = 3;
const T_EDUCATION: u64 = 4;
const T_TRAINING: u64 = 5;
const T_THEORY: u64 = 6;
const T_NOTES: u64 = 7;
const T_RESEARCH: u64 = 8;
const T_MOBILE: u64 = 9;
const T_INCOMING: u64 = 10;
const T_EVENTS: u64 = 11;
const T_VISITS: u64 = 12;
const T_APPRAISAL: u64 = 13;
const T_POST: u64 = 14;
const T_RENDER: u64 = 15;
const T_HISTORY: u64 = 16;

// ---------------------------------------------------------------- calendar

fn jan1() -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, 1, 1).unwrap()
}

/// The date `doy` days after 1 January of the year (negative: the year before).
fn day(doy: i64) -> NaiveDate {
    jan1() + Duration::days(doy)
}

fn doy(date: NaiveDate) -> i64 {
    (date - jan1()).num_days()
}

/// The same day `k` years earlier (28 February for a 29th).
fn years_before(date: NaiveDate, k: u32) -> NaiveDate {
    let year = date.year() - k as i32;
    date.with_year(year)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 2, 28).unwrap())
}

fn days_in_month(month0: u32) -> i64 {
    [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month0 as usize]
}

fn month_start(month0: u32) -> i64 {
    (0..month0).map(days_in_month).sum()
}

/// The State Council's 2025 holidays and make-up working days (调休), and
/// the 2026 New Year holidays (1–3 January, 4 January worked) for the
/// sessions that cross the year's end: the schedules taizhang has built in,
/// written into taizhang.toml `[calendar]` too, for the DuckDB check.
const HOLIDAYS: &[&str] = &[
    "2025-01-01",
    "2025-01-28",
    "2025-01-29",
    "2025-01-30",
    "2025-01-31",
    "2025-02-01",
    "2025-02-02",
    "2025-02-03",
    "2025-02-04",
    "2025-04-04",
    "2025-04-05",
    "2025-04-06",
    "2025-05-01",
    "2025-05-02",
    "2025-05-03",
    "2025-05-04",
    "2025-05-05",
    "2025-05-31",
    "2025-06-01",
    "2025-06-02",
    "2025-10-01",
    "2025-10-02",
    "2025-10-03",
    "2025-10-04",
    "2025-10-05",
    "2025-10-06",
    "2025-10-07",
    "2025-10-08",
    "2026-01-01",
    "2026-01-02",
    "2026-01-03",
];
const WORKDAYS: &[&str] = &[
    "2025-01-26",
    "2025-02-08",
    "2025-04-27",
    "2025-09-28",
    "2025-10-11",
    "2026-01-04",
];

struct Calendar {
    holidays: Vec<NaiveDate>,
    workdays: Vec<NaiveDate>,
}

impl Calendar {
    fn new() -> Calendar {
        let parse = |list: &[&str]| {
            list.iter()
                .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
                .collect()
        };
        Calendar {
            holidays: parse(HOLIDAYS),
            workdays: parse(WORKDAYS),
        }
    }

    fn is_working(&self, date: NaiveDate) -> bool {
        if self.workdays.contains(&date) {
            return true;
        }
        !self.holidays.contains(&date) && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The first working day on or after `date`.
    fn working_from(&self, mut date: NaiveDate) -> NaiveDate {
        while !self.is_working(date) {
            date += Duration::days(1);
        }
        date
    }

    /// The first rest day on or after `date`.
    fn rest_from(&self, mut date: NaiveDate) -> NaiveDate {
        while self.is_working(date) {
            date += Duration::days(1);
        }
        date
    }
}

// ---------------------------------------------------------------- the county

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sector {
    Agency,
    Institution,
    Enterprise,
    Rural,
    Community,
    TwoNew,
    Other,
}

impl Sector {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Sector::Agency => ("agency", "机关"),
            Sector::Institution => ("institution", "事业单位"),
            Sector::Enterprise => ("enterprise", "企业"),
            Sector::Rural => ("rural", "农村"),
            Sector::Community => ("community", "社区"),
            Sector::TwoNew => ("two_new", "两新组织"),
            Sector::Other => ("other", "其他"),
        }
    }

    /// Whether EDU01 asks 12 days rather than 6.
    fn studies_more(self) -> bool {
        matches!(self, Sector::Agency | Sector::Institution)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OrgKind {
    County,
    Committee,
    General,
    Branch,
}

struct Org {
    id: String,
    name: String,
    parent: Option<u32>,
    kind: OrgKind,
    /// The sector written in orgs (None: inherited).
    own_sector: Option<Sector>,
    /// The sector in force, inherited where not written.
    sector: Sector,
    /// Branches: their members, `members.0..members.1`.
    members: (u32, u32),
}

struct Committee {
    org: u32,
    /// Its branches and general branches, by org index.
    branches: Vec<u32>,
    generals: Vec<u32>,
    members: (u32, u32),
    /// Its number in certificate numbers (行政区划代码).
    region: u32,
    file: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Leader {
    None,
    Section,
    County,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    None,
    Secretary,
    Committee,
    GroupLeader,
}

const SLACK_STUDY: u8 = 1;
const SLACK_NOTES: u8 = 2;
const SLACK_RESEARCH: u8 = 4;
const AWAY: u8 = 8;

struct Member {
    branch: u32,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    leader: Leader,
    role: Role,
    full: bool,
    flags: u8,
}

impl Member {
    fn active_on(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= date) && self.until.is_none_or(|u| date <= u)
    }

    /// The first and last day of the year on the roll, if any.
    fn active_range(&self) -> Option<(i64, i64)> {
        let first = self.since.map_or(0, |s| doy(s).max(0));
        let last = self.until.map_or(364, |u| doy(u).min(364));
        (first <= last).then_some((first, last))
    }
}

struct County {
    orgs: Vec<Org>,
    committees: Vec<Committee>,
    members: Vec<Member>,
}

/// Members are numbered from M0000001.
fn member_id(m: u32) -> String {
    format!("M{:07}", m + 1)
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "兰", "霞", "平", "刚", "桂", "华", "建", "国", "红", "玉", "文", "志", "海",
    "春", "梅", "林", "峰", "波", "辉", "鹏", "飞", "宇", "浩", "俊", "凯", "晨", "欣", "雪", "婷",
];

fn person_name(r: &mut Rng) -> String {
    let mut name = r.pick(SURNAMES).to_string();
    name.push_str(r.pick(GIVEN));
    if r.percent(70) {
        name.push_str(r.pick(GIVEN));
    }
    name
}

fn committee_name(sector: Sector, c: usize) -> (String, &'static str) {
    let n = c + 1;
    match sector {
        Sector::Agency => (format!("县直机关第{n}工委"), "工委"),
        Sector::Institution => (format!("县教育卫生第{n}党委"), "党委"),
        Sector::Enterprise => (format!("县国有企业第{n}党委"), "党委"),
        Sector::Rural => (format!("第{n}乡镇党委"), "党委"),
        Sector::Community => (format!("第{n}街道党工委"), "党工委"),
        _ => (format!("第{n}非公和社会组织综合党委"), "党委"),
    }
}

/// The orgs and the roll. Members are written as they are made.
fn build_county(count: u32, seed: u64, out: &mut Out) -> County {
    let mut orgs = vec![Org {
        id: "xw".to_string(),
        name: "示范县委".to_string(),
        parent: None,
        kind: OrgKind::County,
        own_sector: None,
        sector: Sector::Other,
        members: (0, 0),
    }];
    let mut committees = Vec::new();
    let mut members = Vec::with_capacity(count as usize);
    let (mut branch_no, mut general_no) = (0u64, 0u64);
    let mut committee_kinds = Vec::new();
    while (members.len() as u32) < count {
        let c = committees.len();
        let mut r = stream(seed, T_COMMITTEE, c as u64);
        let sector = match r.below(100) {
            0..=19 => Sector::Agency,
            20..=34 => Sector::Institution,
            35..=44 => Sector::Enterprise,
            45..=74 => Sector::Rural,
            75..=89 => Sector::Community,
            _ => Sector::TwoNew,
        };
        let (name, zh_kind) = committee_name(sector, c);
        committee_kinds.push(zh_kind);
        let committee_org = orgs.len() as u32;
        orgs.push(Org {
            id: format!("c{:04}", c + 1),
            name: name.clone(),
            parent: Some(0),
            kind: OrgKind::Committee,
            own_sector: Some(sector),
            sector,
            members: (0, 0),
        });
        let first_member = members.len() as u32;
        let mut committee = Committee {
            org: committee_org,
            branches: Vec::new(),
            generals: Vec::new(),
            members: (first_member, first_member),
            region: 411_000 + c as u32 + 1,
            file: format!("{:04}-{name}", c + 1),
        };
        let with_generals = matches!(sector, Sector::Rural | Sector::Community) && r.percent(60);
        let (mut general, mut left_in_general) = (None, 0);
        for _ in 0..r.range(10, 70) {
            if members.len() as u32 >= count {
                break;
            }
            let mut rb = stream(seed, T_BRANCH, branch_no);
            branch_no += 1;
            if with_generals && left_in_general == 0 {
                general_no += 1;
                general = Some(orgs.len() as u32);
                committee.generals.push(orgs.len() as u32);
                orgs.push(Org {
                    id: format!("g{general_no:05}"),
                    name: format!("第{general_no}村党总支"),
                    parent: Some(committee_org),
                    kind: OrgKind::General,
                    own_sector: None,
                    sector,
                    members: (0, 0),
                });
                left_in_general = rb.range(3, 6);
            }
            left_in_general -= 1;
            let parent = general.unwrap_or(committee_org);
            // A town's own office, school or factory keeps a branch of its sector.
            let own_sector = rb
                .percent(4)
                .then(|| rb.pick(&[Sector::Agency, Sector::Institution, Sector::Enterprise]))
                .filter(|&s| s != sector);
            let branch_sector = own_sector.unwrap_or(sector);
            let size = if rb.percent(10) {
                rb.range(3, 9)
            } else {
                rb.range(12, 50)
            } as u32;
            let lo = members.len() as u32;
            let hi = (lo + size).min(count);
            let b = orgs.len() as u32;
            let place = match sector {
                Sector::Rural => "村",
                Sector::Community => "社区",
                _ => "",
            };
            let branch_id = format!("b{branch_no:06}");
            for m in lo..hi {
                let member =
                    make_member(m, m - lo, hi - lo, b, &branch_id, branch_sector, seed, out);
                members.push(member);
            }
            orgs.push(Org {
                id: branch_id,
                name: format!("第{branch_no}{place}党支部"),
                parent: Some(parent),
                kind: OrgKind::Branch,
                own_sector,
                sector: branch_sector,
                members: (lo, hi),
            });
            committee.branches.push(b);
        }
        committee.members.1 = members.len() as u32;
        committees.push(committee);
    }
    write_orgs(&orgs, &committee_kinds, out);
    County {
        orgs,
        committees,
        members,
    }
}

fn write_orgs(orgs: &[Org], committee_kinds: &[&'static str], out: &mut Out) {
    let table = out.table(Kind::Orgs);
    let mut committee = 0;
    for org in orgs {
        let kind = match org.kind {
            OrgKind::County => Cell::Pick("county", "县委"),
            OrgKind::Committee => {
                committee += 1;
                Cell::Pick("committee", committee_kinds[committee - 1])
            }
            OrgKind::General => Cell::Pick("general_branch", "党总支"),
            OrgKind::Branch => Cell::Pick("branch", "党支部"),
        };
        let parent = org.parent.map(|p| orgs[p as usize].id.as_str());
        table.row(&[
            Cell::Text(&org.id),
            Cell::Text(&org.name),
            parent.map_or(Cell::Empty, Cell::Text),
            kind,
            org.own_sector.map_or(Cell::Empty, sector_cell),
        ]);
    }
}

fn sector_cell(sector: Sector) -> Cell<'static> {
    let (en, zh) = sector.names();
    Cell::Pick(en, zh)
}

/// 18 digits whose last is the ISO 7064 MOD 11-2 check character.
fn id_number(r: &mut Rng) -> String {
    let birth = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + Duration::days(r.range(0, 18_250));
    let mut id = format!("411625{}{:03}", birth.format("%Y%m%d"), r.range(1, 999));
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = id
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    id.push(b"10X98765432"[(sum % 11) as usize] as char);
    id
}

fn phone(r: &mut Rng) -> String {
    format!("1{}{:09}", r.range(3, 9), r.below(1_000_000_000))
}

#[allow(clippy::too_many_arguments)]
fn make_member(
    m: u32,
    index: u32,
    size: u32,
    branch: u32,
    branch_id: &str,
    sector: Sector,
    seed: u64,
    out: &mut Out,
) -> Member {
    let mut r = stream(seed, T_MEMBER, u64::from(m));
    let committee_seats = if size >= 7 { 4 } else { 2 };
    let role = match index {
        0 => Role::Secretary,
        i if i <= committee_seats => Role::Committee,
        i if i % 8 == 5 => Role::GroupLeader,
        _ => Role::None,
    };
    let roll = r.below(1000);
    let leader = if sector.studies_more() {
        match roll {
            0..=14 => Leader::County,
            15..=139 => Leader::Section,
            _ => Leader::None,
        }
    } else {
        match roll {
            0..=1 => Leader::County,
            2..=29 => Leader::Section,
            _ => Leader::None,
        }
    };
    let own_sector = r.permille(10).then(|| {
        r.pick(&[
            Sector::Agency,
            Sector::Institution,
            Sector::Enterprise,
            Sector::Rural,
            Sector::TwoNew,
        ])
    });
    let (since, until) = match r.below(1000) {
        // Transferred in during the year.
        0..=29 => (Some(day(r.range(10, 340))), None),
        // Transferred out during the year.
        30..=49 => (
            r.percent(50).then(|| day(r.range(-8000, -30))),
            Some(day(r.range(20, 350))),
        ),
        // Left before the year: on the roll, but no subject of any rule.
        50..=52 => (None, Some(day(r.range(-300, -5)))),
        // In and out within the year.
        53..=59 => {
            let since = r.range(5, 150);
            (
                Some(day(since)),
                Some(day((since + r.range(30, 200)).min(363))),
            )
        }
        60..=249 => (Some(day(r.range(-8000, -30))), None),
        _ => (None, None),
    };
    let full = !r.percent(3);
    let mut flags = 0;
    for (flag, permille) in [
        (SLACK_STUDY, 35),
        (SLACK_NOTES, 30),
        (SLACK_RESEARCH, 40),
        (AWAY, 50),
    ] {
        if r.permille(permille) {
            flags |= flag;
        }
    }
    let name = person_name(&mut r);
    let phone = r.percent(95).then(|| phone(&mut r));
    let id_number = r.percent(90).then(|| id_number(&mut r));
    let roles: &[(&str, &str)] = match role {
        Role::None => &[],
        Role::Secretary => &[("secretary", "书记")],
        Role::Committee => &[
            [("committee", "支部委员")],
            [("committee", "组织委员")],
            [("committee", "宣传委员")],
        ][(m % 3) as usize],
        Role::GroupLeader => &[("group_leader", "党小组长")],
    };
    let id = member_id(m);
    out.table(Kind::Members).row(&[
        Cell::Text(&id),
        Cell::Text(&name),
        Cell::Text(branch_id),
        match leader {
            Leader::None => Cell::Pick("", if m.is_multiple_of(2) { "" } else { "无" }),
            Leader::Section => Cell::Pick("section", "科级"),
            Leader::County => Cell::Pick("county", "县级"),
        },
        Cell::Picks(roles),
        own_sector.map_or(Cell::Empty, sector_cell),
        since.map_or(Cell::Empty, Cell::Date),
        until.map_or(Cell::Empty, Cell::Date),
        if full {
            Cell::Pick("full", "正式党员")
        } else {
            Cell::Pick("probationary", "预备党员")
        },
        phone.as_deref().map_or(Cell::Empty, Cell::Text),
        id_number.as_deref().map_or(Cell::Empty, Cell::Text),
    ]);
    Member {
        branch,
        since,
        until,
        leader,
        role,
        full,
        flags,
    }
}

// ---------------------------------------------------------------- output

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Messy,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Orgs,
    Members,
    Education,
    Notes,
    Research,
    Mobile,
    Contacts,
    Events,
    Visits,
    Appraisals,
    Posts,
}

const KINDS: [Kind; 11] = [
    Kind::Orgs,
    Kind::Members,
    Kind::Education,
    Kind::Notes,
    Kind::Research,
    Kind::Mobile,
    Kind::Contacts,
    Kind::Events,
    Kind::Visits,
    Kind::Appraisals,
    Kind::Posts,
];

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Orgs => "orgs",
            Kind::Members => "members",
            Kind::Education => "education",
            Kind::Notes => "notes",
            Kind::Research => "research",
            Kind::Mobile => "mobile",
            Kind::Contacts => "contacts",
            Kind::Events => "events",
            Kind::Visits => "visits",
            Kind::Appraisals => "appraisals",
            Kind::Posts => "posts",
        }
    }

    /// The columns written, as (English header, Chinese header); the cells
    /// of a row are given in this order.
    fn columns(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Kind::Orgs => &[
                ("id", "组织编号"),
                ("name", "组织名称"),
                ("parent", "上级组织"),
                ("kind", "组织类型"),
                ("sector", "单位类型"),
            ],
            Kind::Members => &[
                ("id", "党员编号"),
                ("name", "姓名"),
                ("org", "所在党组织"),
                ("leader", "领导职级"),
                ("roles", "党内职务"),
                ("sector", "单位类型"),
                ("since", "转入日期"),
                ("until", "转出日期"),
                ("status", "党籍状态"),
                ("phone", "联系电话"),
                ("id_number", "身份证号"),
            ],
            Kind::Education => &[
                ("date", "日期"),
                ("end", "结束日期"),
                ("days", "天数"),
                ("hours", "学时"),
                ("members", "参加人员"),
                ("topic", "主题"),
                ("org", "组织单位"),
            ],
            Kind::Notes => &[
                ("date", "日期"),
                ("member", "党员编号"),
                ("chars", "字数"),
                ("title", "标题"),
            ],
            Kind::Research => &[
                ("member", "党员编号"),
                ("start", "开始日期"),
                ("end", "结束日期"),
                ("place", "地点"),
                ("topic", "主题"),
            ],
            Kind::Mobile => &[
                ("member", "党员编号"),
                ("direction", "流向"),
                ("left_on", "外出时间"),
                ("returned_on", "返回时间"),
                ("destination", "流动去向"),
                ("employer", "从业单位"),
                ("residence", "居住地点"),
                ("phone", "联系方式"),
                ("certificate", "活动证编号"),
                ("liaison", "联系人"),
                ("org", "编入党组织"),
                ("occupation", "职业"),
                ("education_level", "学历"),
                ("verified_on", "查验日期"),
                ("arrived_on", "流入时间"),
                ("departed_on", "离开时间"),
            ],
            Kind::Contacts => &[
                ("date", "日期"),
                ("member", "党员编号"),
                ("kind", "类型"),
                ("by", "联系人"),
                ("method", "方式"),
                ("summary", "内容"),
            ],
            Kind::Events => &[
                ("date", "日期"),
                ("org", "党组织"),
                ("kind", "类型"),
                ("member", "党员编号"),
                ("title", "名称"),
            ],
            Kind::Visits => &[
                ("id", "编号"),
                ("date", "来访日期"),
                ("org", "党组织"),
                ("visitor", "来访人"),
                ("matter", "事由"),
                ("received_by", "接待人"),
                ("disposition", "办理结果"),
                ("referred_to", "转办单位"),
                ("closed_on", "办结日期"),
            ],
            Kind::Appraisals => &[
                ("year", "年度"),
                ("member", "党员编号"),
                ("grade", "评议等次"),
                ("mentor", "帮带人"),
            ],
            Kind::Posts => &[
                ("year", "年度"),
                ("member", "党员编号"),
                ("post", "岗位"),
                ("duty", "职责"),
                ("goal", "目标"),
            ],
        }
    }

    /// Whether the messy style splits the kind into a file per committee.
    fn split(self) -> bool {
        matches!(
            self,
            Kind::Education
                | Kind::Notes
                | Kind::Research
                | Kind::Contacts
                | Kind::Events
                | Kind::Visits
        )
    }
}

/// One cell, rendered by the style.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Empty,
    Text(&'a str),
    Date(NaiveDate),
    Int(i64),
    /// A number of days or hours (multiples of 0.5: exact in binary).
    Num(f64),
    /// An enumeration value: (English, Chinese); an empty English is the default.
    Pick(&'static str, &'static str),
    /// A list of enumeration values.
    Picks(&'a [(&'static str, &'static str)]),
    /// A reference to a member.
    Member(u32),
    /// A list of member references.
    Members(&'a [u32]),
}

struct Table {
    out: BufWriter<File>,
    style: Style,
    /// The cell of each written column, by index into the kind's columns.
    order: Vec<usize>,
    render: Rng,
    line: String,
    cell: String,
    rows: u64,
}

impl Table {
    fn create(path: &Path, kind: Kind, style: Style, render: Rng) -> Table {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        let file = File::create(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let columns = kind.columns();
        let order: Vec<usize> = match style {
            Style::Plain => (0..columns.len()).collect(),
            // A clerk's own order: the subject first.
            Style::Messy => (1..columns.len()).chain([0]).collect(),
        };
        let mut table = Table {
            out: BufWriter::with_capacity(1 << 18, file),
            style,
            order,
            render,
            line: String::new(),
            cell: String::new(),
            rows: 0,
        };
        let mut header = String::new();
        if style == Style::Messy {
            header.push_str("序号,");
        }
        for (i, &c) in table.order.iter().enumerate() {
            if i > 0 {
                header.push(',');
            }
            let (en, zh) = columns[c];
            header.push_str(if style == Style::Plain { en } else { zh });
        }
        if style == Style::Messy {
            header.push_str(",备注");
        }
        header.push('\n');
        table.emit(&header);
        table
    }

    fn emit(&mut self, text: &str) {
        match self.style {
            Style::Plain => self.out.write_all(text.as_bytes()).unwrap(),
            Style::Messy => {
                let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
                assert!(!unmappable, "not in GBK: {text}");
                self.out.write_all(&bytes).unwrap();
            }
        }
    }

    fn row(&mut self, cells: &[Cell<'_>]) {
        self.rows += 1;
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        let messy = self.style == Style::Messy;
        if messy {
            write!(line, "{},", self.rows).unwrap();
        }
        for i in 0..self.order.len() {
            if i > 0 {
                line.push(',');
            }
            let cell = cells[self.order[i]];
            let mut text = std::mem::take(&mut self.cell);
            text.clear();
            self.render_cell(cell, &mut text);
            if text.contains([',', '"', '\n']) {
                line.push('"');
                line.push_str(&text.replace('"', "\"\""));
                line.push('"');
            } else {
                line.push_str(&text);
            }
            self.cell = text;
        }
        if messy {
            line.push(',');
            if self.render.percent(2) {
                line.push_str(
                    self.render
                        .pick(&["已核实", "补录", "见纸质台账", "待补充材料"]),
                );
            }
        }
        line.push('\n');
        self.emit(&line);
        self.line = line;
    }

    fn render_cell(&mut self, cell: Cell<'_>, text: &mut String) {
        let messy = self.style == Style::Messy;
        match cell {
            Cell::Empty => {}
            Cell::Text(value) => {
                if messy && self.render.percent(2) {
                    write!(text, " {value} ").unwrap();
                } else {
                    text.push_str(value);
                }
            }
            Cell::Date(date) => {
                let (y, m, d) = (date.year(), date.month(), date.day());
                if !messy {
                    write!(text, "{y:04}-{m:02}-{d:02}").unwrap();
                    return;
                }
                match self.render.below(100) {
                    0..=39 => write!(text, "{y:04}-{m:02}-{d:02}").unwrap(),
                    40..=59 => write!(text, "{y}/{m}/{d}").unwrap(),
                    60..=74 => write!(text, "{y}.{m}.{d}").unwrap(),
                    75..=89 => write!(text, "{y}年{m}月{d}日").unwrap(),
                    _ => {
                        let (h, min) = (self.render.range(8, 17), self.render.range(0, 59));
                        write!(text, "{y}/{m}/{d} {h}:{min:02}").unwrap()
                    }
                }
            }
            Cell::Int(n) => {
                write!(text, "{n}").unwrap();
                self.widen(text, 2);
            }
            Cell::Num(x) => {
                write!(text, "{x}").unwrap();
                self.widen(text, 2);
            }
            Cell::Pick(en, zh) => text.push_str(if messy { zh } else { en }),
            Cell::Picks(values) => {
                for (i, (en, zh)) in values.iter().enumerate() {
                    if i > 0 {
                        text.push_str(if messy { "、" } else { ";" });
                    }
                    text.push_str(if messy { zh } else { en });
                }
            }
            Cell::Member(m) => {
                write!(text, "M{:07}", m + 1).unwrap();
                self.widen(text, 1);
            }
            Cell::Members(list) => {
                let separator = if !messy {
                    ";"
                } else if self.render.percent(70) {
                    "、"
                } else {
                    "；"
                };
                for (i, &m) in list.iter().enumerate() {
                    if i > 0 {
                        text.push_str(separator);
                    }
                    if messy && self.render.permille(5) {
                        // A full-width id, as a Chinese input method types it.
                        text.extend(member_id(m).chars().map(full_width));
                    } else {
                        write!(text, "M{:07}", m + 1).unwrap();
                    }
                }
            }
        }
    }

    /// In the messy style, now and then, full-width digits and letters.
    fn widen(&mut self, text: &mut String, percent: u64) {
        if self.style == Style::Messy && self.render.percent(percent) {
            *text = text.chars().map(full_width).collect();
        }
    }
}

fn full_width(c: char) -> char {
    if c.is_ascii_alphanumeric() {
        char::from_u32(c as u32 + 0xFEE0).unwrap()
    } else {
        c
    }
}

/// The ledger being written: one table a kind (plain), or per committee
/// for the split kinds (messy).
struct Out {
    dir: PathBuf,
    style: Style,
    seed: u64,
    whole: Vec<Option<Table>>,
    group: Vec<Option<Table>>,
    group_file: String,
    files: u64,
    rows: [u64; 11],
}

impl Out {
    fn new(dir: &Path, style: Style, seed: u64) -> Out {
        Out {
            dir: dir.to_path_buf(),
            style,
            seed,
            whole: (0..KINDS.len()).map(|_| None).collect(),
            group: (0..KINDS.len()).map(|_| None).collect(),
            group_file: "0000-示范县委".to_string(),
            files: 0,
            rows: [0; 11],
        }
    }

    fn table(&mut self, kind: Kind) -> &mut Table {
        let k = kind as usize;
        let split = self.style == Style::Messy && kind.split();
        let slot = if split {
            &mut self.group[k]
        } else {
            &mut self.whole[k]
        };
        if slot.is_none() {
            let path = if split {
                self.dir
                    .join(kind.name())
                    .join(format!("{}.csv", self.group_file))
            } else {
                self.dir.join(format!("{}.csv", kind.name()))
            };
            let render = stream(self.seed, T_RENDER, self.files * 16 + k as u64);
            self.files += 1;
            *slot = Some(Table::create(&path, kind, self.style, render));
        }
        slot.as_mut().unwrap()
    }

    fn close(&mut self, table: Option<Table>, kind: usize) {
        if let Some(mut table) = table {
            table.out.flush().unwrap();
            self.rows[kind] += table.rows;
        }
    }

    /// The committee whose records follow (messy: their own files).
    fn begin_group(&mut self, file: &str) {
        for k in 0..KINDS.len() {
            let table = self.group[k].take();
            self.close(table, k);
        }
        self.group_file = file.to_string();
    }

    fn finish(mut self) -> [u64; 11] {
        self.begin_group("");
        for k in 0..KINDS.len() {
            let table = self.whole[k].take();
            self.close(table, k);
        }
        self.rows
    }
}

fn main() {
    std::process::exit(run(std::env::args().skip(1).collect()));
}

const USAGE: &str = "usage: gen_ledger OUT_DIR MEMBERS [--seed N] [--style plain|messy] [--records-factor K] [--xlsx]";

fn run(args: Vec<String>) -> i32 {
    let mut positional = Vec::new();
    let (mut seed, mut style, mut factor) = (DEFAULT_SEED, Style::Plain, 1u32);
    let mut xlsx = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next().unwrap_or_else(|| {
                eprintln!("{name} needs a value\n{USAGE}");
                std::process::exit(2)
            })
        };
        match arg.as_str() {
            "--seed" => match value("--seed").parse() {
                Ok(n) => seed = n,
                Err(_) => return usage("--seed takes a whole number"),
            },
            "--style" => match value("--style").as_str() {
                "plain" => style = Style::Plain,
                "messy" => style = Style::Messy,
                _ => return usage("--style is plain or messy"),
            },
            "--records-factor" => match value("--records-factor").parse() {
                Ok(k) if (1..=100).contains(&k) => factor = k,
                _ => return usage("--records-factor is a whole number from 1 to 100"),
            },
            "--xlsx" => xlsx = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return 0;
            }
            _ if arg.starts_with("--") => return usage(&format!("unknown option {arg}")),
            _ => positional.push(arg),
        }
    }
    let [dir, members] = positional.as_slice() else {
        return usage("OUT_DIR and MEMBERS are required");
    };
    let Ok(count) = members.parse::<u32>() else {
        return usage("MEMBERS is a whole number");
    };
    if !(1..=9_999_999).contains(&count) {
        return usage("MEMBERS is from 1 to 9,999,999");
    }
    let dir = Path::new(dir);
    if dir.exists() && fs::read_dir(dir).map_or(true, |mut d| d.next().is_some()) {
        return usage(&format!("{} exists and is not empty", dir.display()));
    }
    fs::create_dir_all(dir).unwrap();
    generate(dir, count, seed, style, factor);
    if xlsx {
        workbooks::convert(dir);
    }
    0
}

/// `--xlsx`: every CSV file of the ledger saved as a workbook.
mod workbooks {
    use std::fs;
    use std::path::Path;

    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    pub fn convert(dir: &Path) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                convert(&path);
            } else if path.extension().is_some_and(|e| e == "csv") {
                save(&path);
                fs::remove_file(&path).unwrap();
            }
        }
    }

    /// Data rows a workbook holds, below its header.
    const ROWS: usize = 1_000_000;

    fn save(csv_path: &Path) {
        let bytes = fs::read(csv_path).unwrap();
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => encoding_rs::GB18030.decode(error.as_bytes()).0.into_owned(),
        };
        let text = text.trim_start_matches('\u{FEFF}');
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let stem = csv_path.file_stem().unwrap().to_string_lossy().into_owned();
        let target = |part: usize| {
            if lines <= ROWS + 1 {
                csv_path.with_extension("xlsx")
            } else {
                let dir = csv_path.with_extension("");
                fs::create_dir_all(&dir).unwrap();
                dir.join(format!("{stem}-{part}.xlsx"))
            }
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records().map(Result::unwrap);
        let header = records.next().unwrap_or_default();
        let mut records = records.peekable();
        let mut part = 1;
        loop {
            let chunk = std::iter::once(header.clone()).chain(records.by_ref().take(ROWS));
            write_book(&target(part), chunk);
            part += 1;
            if records.peek().is_none() {
                break;
            }
        }
    }

    fn write_book(path: &Path, records: impl Iterator<Item = csv::StringRecord>) {
        let mut book = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let sheet = book.add_worksheet_with_low_memory().unwrap();
        sheet.set_name("Sheet1").unwrap();
        for (r, record) in records.enumerate() {
            for (c, cell) in record.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                let cell = cell.trim();
                if cell.is_empty() {
                    continue;
                }
                if let Some((y, m, d)) = iso_date(cell) {
                    let day = ExcelDateTime::from_ymd(y, m, d).unwrap();
                    sheet.write_datetime_with_format(r, c, &day, &date).unwrap();
                } else if let Some(n) = number(cell).filter(|_| r > 0) {
                    sheet.write_number(r, c, n).unwrap();
                } else {
                    sheet.write_string(r, c, cell).unwrap();
                }
            }
        }
        book.save(path).unwrap();
    }

    fn iso_date(text: &str) -> Option<(u16, u8, u8)> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Some((
            text[..4].parse().ok()?,
            text[5..7].parse().ok()?,
            text[8..].parse().ok()?,
        ))
    }

    /// A number Excel holds exactly: at most 15 digits, no leading zero.
    fn number(text: &str) -> Option<f64> {
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        let plain = text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let leading_zero = text.starts_with('0') && text.len() > 1 && !text.starts_with("0.");
        (plain && digits <= 15 && !leading_zero)
            .then(|| text.parse().ok())
            .flatten()
    }
}

fn usage(message: &str) -> i32 {
    eprintln!("gen_ledger: {message}\n{USAGE}");
    2
}

// ---------------------------------------------------------------- records

const TOPICS: &[&str] = &[
    "学习贯彻党的二十届三中全会精神",
    "党章和党内法规学习",
    "深入贯彻中央八项规定精神学习教育",
    "习近平新时代中国特色社会主义思想专题学习",
    "党史学习教育",
    "乡村振兴政策解读",
    "基层治理能力提升培训",
    "警示教育",
];
const NOTE_TITLES: &[&str] = &[
    "学习笔记",
    "读书笔记",
    "专题学习心得",
    "理论学习摘记",
    "学习《习近平谈治国理政》笔记",
];
const PLACES: &[&str] = &[
    "城关镇东关村",
    "南岗乡南岗村",
    "县产业集聚区",
    "西河村",
    "县人民医院",
    "第二实验小学",
    "城南街道幸福社区",
    "县农业农村局联系点",
];
const RESEARCH_TOPICS: &[&str] = &[
    "乡村振兴产业发展",
    "基层党组织标准化建设",
    "营商环境",
    "信访矛盾化解",
    "义务教育均衡发展",
    "农村人居环境整治",
];
const DESTINATIONS: &[(&str, &str)] = &[
    ("广东省东莞市", "东莞市长安镇"),
    ("广东省深圳市", "深圳市宝安区"),
    ("浙江省宁波市", "宁波市北仑区"),
    ("江苏省苏州市", "苏州市昆山市"),
    ("上海市", "上海市松江区"),
    ("北京市", "北京市大兴区"),
    ("河南省郑州市", "郑州市航空港区"),
];
const EMPLOYERS: &[&str] = &[
    "电子厂",
    "建筑工地",
    "物流公司",
    "服装厂",
    "家政服务公司",
    "个体经营",
    "汽车零部件厂",
];
const CONTACT_METHODS: &[&str] = &["电话", "微信", "视频通话", "走访家属", "书面"];
const CONTACT_SUMMARIES: &[&str] = &[
    "了解务工和生活情况",
    "传达支部学习内容",
    "提醒按时交纳党费",
    "通报村里发展情况",
    "本人汇报思想和工作情况",
];
const MATTERS: &[&str] = &[
    "咨询入党事宜",
    "反映道路维修问题",
    "咨询低保政策",
    "反映邻里纠纷",
    "咨询党组织关系转接",
    "反映农村饮水问题",
];
const REFERRED_TO: &[&str] = &["县信访局", "县民政局", "县住建局", "乡镇综治中心"];
const POSTS: &[(&str, &str, &str)] = &[
    ("卫生监督岗", "监督村容村貌", "全年无垃圾堆"),
    ("政策宣传岗", "宣传惠民政策", "每季度入户宣传一次"),
    ("矛盾调解岗", "调解邻里纠纷", "小事不出组"),
    ("产业帮带岗", "帮带两户发展产业", "帮带户增收"),
    ("安全巡查岗", "巡查防火防汛", "全年无安全事故"),
];

struct Gen<'a> {
    county: &'a County,
    calendar: &'a Calendar,
    seed: u64,
    factor: u32,
}

/// The days in each month of the year on which some row has a member away.
fn away_by_month(rows: &[(Option<NaiveDate>, Option<NaiveDate>)]) -> [i64; 12] {
    let mut days = [false; 365];
    for &(left, back) in rows {
        let first = left.map_or(0, |d| doy(d).max(0));
        let last = back.map_or(364, |d| (doy(d) - 1).min(364));
        for d in first..=last {
            days[d as usize] = true;
        }
    }
    let mut away = [0; 12];
    for (month, n) in away.iter_mut().enumerate() {
        let start = month_start(month as u32) as usize;
        *n = days[start..start + days_in_month(month as u32) as usize]
            .iter()
            .filter(|&&d| d)
            .count() as i64;
    }
    away
}

impl Gen<'_> {
    fn member(&self, m: u32) -> &Member {
        &self.county.members[m as usize]
    }

    fn org(&self, o: u32) -> &Org {
        &self.county.orgs[o as usize]
    }

    fn committee(&self, ci: usize, out: &mut Out) {
        let c = &self.county.committees[ci];
        self.education(ci, out);
        let mut certificates = Vec::new();
        for m in c.members.0..c.members.1 {
            self.notes(m, out);
            self.research(m, out);
            if self.member(m).flags & AWAY != 0 {
                self.mobile(m, c.region, &mut certificates, out);
            }
            self.appraisal(m, out);
            self.post(m, out);
        }
        self.incoming(ci, out);
        self.events(ci, out);
        self.visits(ci, out);
    }

    /// One session, split over `factor` rows by its attendees.
    #[allow(clippy::too_many_arguments)]
    fn session(
        &self,
        out: &mut Out,
        date: NaiveDate,
        end: Option<NaiveDate>,
        days: Option<f64>,
        hours: Option<f64>,
        attendees: &[u32],
        topic: &str,
        org: &str,
    ) {
        if attendees.is_empty() {
            return;
        }
        let k = self.factor as usize;
        let mut chunks = vec![Vec::new(); k];
        if k == 1 {
            chunks[0].extend_from_slice(attendees);
        } else {
            // A member listed twice (always last) stays in the first one's chunk.
            let last = attendees.len() - 1;
            for (i, &m) in attendees.iter().enumerate() {
                let first = if i == last {
                    attendees[..last].iter().position(|&x| x == m).unwrap_or(i)
                } else {
                    i
                };
                chunks[first % k].push(m);
            }
        }
        let table = out.table(Kind::Education);
        for chunk in chunks.iter().filter(|c| !c.is_empty()) {
            table.row(&[
                Cell::Date(date),
                end.map_or(Cell::Empty, Cell::Date),
                days.map_or(Cell::Empty, Cell::Num),
                hours.map_or(Cell::Empty, Cell::Num),
                Cell::Members(chunk),
                Cell::Text(topic),
                Cell::Text(org),
            ]);
        }
    }

    fn attendees(
        &self,
        members: (u32, u32),
        date: NaiveDate,
        p: u64,
        r: &mut Rng,
        list: &mut Vec<u32>,
    ) {
        for m in members.0..members.1 {
            let member = self.member(m);
            let p = if member.flags & SLACK_STUDY != 0 {
                30
            } else {
                p
            };
            if member.active_on(date) && r.percent(p) {
                list.push(m);
            }
        }
    }

    fn education(&self, ci: usize, out: &mut Out) {
        let c = &self.county.committees[ci];
        let cal = self.calendar;
        let mut list = Vec::new();
        // Each branch's own sessions: 20 a year.
        for &b in &c.branches {
            let org = self.org(b);
            let more = org.sector.studies_more();
            let mut r = stream(self.seed, T_EDUCATION, u64::from(b));
            for s in 0..20 {
                let base = s * 18 + r.range(0, 12);
                let topic = r.pick(TOPICS);
                let (date, end, days, hours) = if r.percent(3) {
                    // On a rest day (a Saturday, a holiday): its calendar days count.
                    let date = cal.rest_from(day(base));
                    let end = r.percent(50).then(|| date + Duration::days(1));
                    (date, end, None, None)
                } else {
                    let date = cal.working_from(day(base));
                    match r.below(100) {
                        0..=39 => (
                            date,
                            None,
                            Some(if more { r.pick(&[1.0, 1.5]) } else { 0.5 }),
                            None,
                        ),
                        40..=79 => {
                            let hours = if more {
                                r.pick(&[4.0, 6.0, 8.0])
                            } else {
                                r.pick(&[2.0, 2.5, 3.0, 4.0])
                            };
                            (date, None, None, Some(hours))
                        }
                        80..=94 => (date, None, None, None),
                        _ => {
                            let end = date + Duration::days(r.range(1, if more { 4 } else { 2 }));
                            (date, Some(end), None, None)
                        }
                    }
                };
                list.clear();
                self.attendees(org.members, date, 92, &mut r, &mut list);
                if !list.is_empty() && r.permille(10) {
                    // Listed twice, counted once: shows on a member who falls short.
                    let slack = list
                        .iter()
                        .copied()
                        .find(|&m| self.member(m).flags & SLACK_STUDY != 0);
                    let twice = slack.unwrap_or(list[r.below(list.len() as u64) as usize]);
                    list.push(twice);
                }
                self.session(out, date, end, days, hours, &list, topic, &org.id);
            }
            // Last December's session, still in the file.
            if r.percent(30) {
                let date = day(-r.range(5, 25));
                list.clear();
                self.attendees(org.members, date, 92, &mut r, &mut list);
                self.session(out, date, None, Some(0.5), None, &list, "年终学习", &org.id);
            }
        }
        // The committee's training courses for groups of six branches, twice a year.
        let committee = self.org(c.org);
        for (g, group) in c.branches.chunks(6).enumerate() {
            let mut r = stream(self.seed, T_TRAINING, (ci as u64) << 20 | g as u64);
            for t in 0..2 {
                let base = if t == 0 {
                    r.range(60, 160)
                } else {
                    r.range(200, 330)
                };
                let mut date = cal.working_from(day(base));
                let (mut end, mut days) = if r.percent(50) {
                    (None, Some(r.pick(&[1.0, 1.5])))
                } else {
                    (Some(date + Duration::days(r.range(2, 4))), None)
                };
                if t == 1 && r.percent(10) {
                    // Across the year's end: counts for 2025, in full.
                    date = day(363);
                    (end, days) = (Some(day(366)), None);
                }
                list.clear();
                for &b in group {
                    self.attendees(self.org(b).members, date, 90, &mut r, &mut list);
                }
                self.session(out, date, end, days, None, &list, "集中轮训", &committee.id);
            }
        }
        // The theory study group of the committee's leading cadres.
        let mut r = stream(self.seed, T_THEORY, ci as u64);
        for s in 0..6 {
            let date = cal.working_from(day(s * 60 + r.range(10, 40)));
            list.clear();
            for m in c.members.0..c.members.1 {
                let member = self.member(m);
                if member.leader != Leader::None && member.active_on(date) && r.percent(90) {
                    list.push(m);
                }
            }
            self.session(
                out,
                date,
                None,
                None,
                Some(4.0),
                &list,
                "理论学习中心组学习",
                &committee.id,
            );
        }
    }

    fn notes(&self, m: u32, out: &mut Out) {
        let member = self.member(m);
        let mut r = stream(self.seed, T_NOTES, u64::from(m));
        let Some((lo, hi)) = member.active_range() else {
            return;
        };
        let slack = member.flags & SLACK_NOTES != 0;
        let leader = member.leader != Leader::None;
        let table = out.table(Kind::Notes);
        let k = i64::from(self.factor);
        let mut write = |date: NaiveDate, chars: i64, title: &str| {
            // Split into `factor` notes of the same total.
            for j in 0..k {
                let part = chars / k + i64::from(j < chars % k);
                table.row(&[
                    Cell::Date(date),
                    Cell::Member(m),
                    Cell::Int(part),
                    Cell::Text(title),
                ]);
            }
        };
        for month in 0..12 {
            let start = month_start(month);
            let (a, b) = (start.max(lo), (start + days_in_month(month) - 1).min(hi));
            if a > b {
                continue;
            }
            let date = day(r.range(a, b));
            let title = r.pick(NOTE_TITLES);
            let chars = if slack {
                if r.percent(50) {
                    continue;
                }
                r.range(500, 1400)
            } else if leader {
                r.range(2600, 3800)
            } else {
                r.range(1200, 2200)
            };
            write(date, chars, title);
        }
        if r.percent(10) {
            write(day(-r.range(1, 25)), r.range(1000, 2000), "上年度学习笔记");
        }
    }

    fn research(&self, m: u32, out: &mut Out) {
        let member = self.member(m);
        let mut r = stream(self.seed, T_RESEARCH, u64::from(m));
        let mut trips: Vec<(i64, i64)> = Vec::new();
        let (min_len, max_len) = match member.leader {
            Leader::County => (6, 10),
            Leader::Section => (3, 6),
            Leader::None => {
                // An ordinary member's trip: no subject of SRV04.
                if r.percent(1) {
                    let start = r.range(0, 350);
                    trips.push((start, start + r.range(0, 4)));
                }
                (0, 0)
            }
        };
        if let (true, Some((lo, hi))) = (max_len > 0, member.active_range()) {
            let count = if member.flags & SLACK_RESEARCH != 0 {
                r.range(4, 6)
            } else {
                10
            };
            let window = (hi - lo + 1) / count;
            for i in 0..count {
                let len = r.range(min_len, max_len);
                let mut start = lo + i * window + r.range(0, (window - len).max(0));
                if r.percent(10) {
                    // Anywhere in the year, on the roll or not: it counts.
                    start = r.range(0, 364 - len);
                }
                if i == 0 && r.percent(5) {
                    start = -r.range(2, 6); // from last December
                }
                if i == count - 1 && r.percent(5) {
                    start = 364 - len + r.range(2, 5); // into next January
                }
                trips.push((start, start + len - 1));
                if r.percent(5) {
                    trips.push((start + 2, start + len + 1)); // overlapping
                }
            }
        }
        let table = out.table(Kind::Research);
        for (start, end) in trips {
            let (place, topic) = (r.pick(PLACES), r.pick(RESEARCH_TOPICS));
            for _ in 0..self.factor {
                table.row(&[
                    Cell::Member(m),
                    Cell::Date(day(start)),
                    Cell::Date(day(end)),
                    Cell::Text(place),
                    Cell::Text(topic),
                ]);
            }
        }
    }

    fn mobile(&self, m: u32, region: u32, certificates: &mut Vec<String>, out: &mut Out) {
        let member = self.member(m);
        let branch = self.org(member.branch);
        let mut r = stream(self.seed, T_MOBILE, u64::from(m));
        // Many leave and come back around the middle of a month, where the
        // 15 days away that MOB04 counts begin.
        let mid_month = |doy: i64, r: &mut Rng| {
            if r.percent(40) {
                let month = (0..12).rev().find(|&m| month_start(m) <= doy).unwrap();
                month_start(month) + r.range(12, 20)
            } else {
                doy
            }
        };
        let left = match r.below(100) {
            0..=2 => None, // not recorded: away from before the year
            3..=59 => Some(day(r.range(-900, -1))),
            _ => Some(day(mid_month(r.range(0, 330), &mut r))),
        };
        let mut rows = vec![(left, None)];
        if r.percent(15) {
            let back = mid_month(left.map_or(0, |d| doy(d).max(0)) + r.range(20, 200), &mut r);
            if back <= 364 {
                rows[0].1 = Some(day(back));
                if r.percent(30) {
                    let again = back + r.range(20, 90);
                    if again <= 350 {
                        rows.push((Some(day(again)), None));
                    }
                }
            }
        }
        if r.percent(5) {
            // The same absence registered again a few days later: rows are
            // unioned, not added.
            let first = left.map_or(0, |d| doy(d).max(0));
            let last = rows[0].1.map_or(364, |d| doy(d) - 1);
            rows.push((Some(day((first + r.range(2, 8)).min(last))), rows[0].1));
        }
        let (destination, residence) = r.pick(DESTINATIONS);
        let employer = r.pick(EMPLOYERS);
        let phone = phone(&mut r);
        let certificate = if r.permille(5) && !certificates.is_empty() {
            // Someone else's number, copied by mistake: both fail MOB02.
            Some(certificates[r.below(certificates.len() as u64) as usize].clone())
        } else if r.percent(98) {
            let year = left.map_or(YEAR, |d| d.year());
            Some(format!("{region:06}-{year}-{:04}", certificates.len() + 1))
        } else {
            None
        };
        if let Some(c) = &certificate {
            certificates.push(c.clone());
        }
        let secretary = branch.members.0;
        let liaison = if r.percent(2) {
            None
        } else if r.permille(5) {
            Some(m)
        } else if secretary != m {
            Some(secretary)
        } else if secretary + 1 < branch.members.1 {
            Some(secretary + 1)
        } else {
            None
        };
        let blank = r.percent(3).then(|| r.below(4));
        let field = |i: u64, value: &'static str| {
            if blank == Some(i) {
                Cell::Empty
            } else {
                Cell::Text(value)
            }
        };
        let phone_cell = if blank == Some(3) {
            Cell::Empty
        } else {
            Cell::Text(&phone)
        };
        let mut history = Vec::new();
        let mut rh = stream(self.seed, T_HISTORY, u64::from(m));
        for k in 1..self.factor as i32 {
            // An absence of an earlier year, over before this one.
            let y = YEAR - k;
            let left = NaiveDate::from_ymd_opt(y, 3, 1).unwrap() + Duration::days(rh.range(0, 60));
            let back = NaiveDate::from_ymd_opt(y, 10, 1).unwrap() + Duration::days(rh.range(0, 60));
            history.push((Some(left), Some(back)));
        }
        let table = out.table(Kind::Mobile);
        for &(left, back) in rows.iter().chain(&history) {
            table.row(&[
                Cell::Member(m),
                Cell::Pick(
                    "out",
                    if m.is_multiple_of(2) {
                        "流出"
                    } else {
                        "外出"
                    },
                ),
                left.map_or(Cell::Empty, Cell::Date),
                back.map_or(Cell::Empty, Cell::Date),
                field(0, destination),
                field(1, employer),
                field(2, residence),
                phone_cell,
                certificate.as_deref().map_or(Cell::Empty, Cell::Text),
                liaison.map_or(Cell::Empty, Cell::Member),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]);
        }
        // A contact in every month away, now and then forgotten; a report a year.
        let away = away_by_month(&rows);
        let table = out.table(Kind::Contacts);
        let mut contact = |date: NaiveDate, report: bool, r: &mut Rng| {
            let (method, summary) = if report {
                ("书面", "本人汇报思想和工作情况")
            } else {
                (r.pick(CONTACT_METHODS), r.pick(CONTACT_SUMMARIES))
            };
            for _ in 0..self.factor {
                table.row(&[
                    Cell::Date(date),
                    Cell::Member(m),
                    if report {
                        Cell::Pick("report", "汇报")
                    } else {
                        Cell::Pick("contact", "联系")
                    },
                    Cell::Text("支部书记"),
                    Cell::Text(method),
                    Cell::Text(summary),
                ]);
            }
        };
        let mut away_months = Vec::new();
        for month in 0..12u32 {
            if away[month as usize] == 0 {
                continue;
            }
            away_months.push(month);
            // Forgotten now and then, more often in the month of leaving or coming back.
            let partial = away[month as usize] < days_in_month(month);
            if r.percent(if partial { 30 } else { 3 }) {
                continue;
            }
            let start = month_start(month);
            for _ in 0..1 + u32::from(r.percent(20)) {
                let date = day(r.range(start, start + days_in_month(month) - 1));
                contact(date, false, &mut r);
            }
        }
        if left.is_none_or(|d| doy(d) < -10) && r.percent(30) {
            // Last December's contact, still in the file.
            contact(day(-r.range(1, 10)), false, &mut r);
        }
        if !away_months.is_empty() && r.percent(97) {
            let month = r.pick(&away_months);
            let start = month_start(month);
            contact(
                day(r.range(start, start + days_in_month(month) - 1)),
                true,
                &mut r,
            );
        }
        if r.percent(97) {
            let date = self.calendar.working_from(day(r.range(60, 340)));
            for k in 0..self.factor {
                out.table(Kind::Events).row(&[
                    Cell::Date(years_before(date, k)),
                    Cell::Text(&branch.id),
                    Cell::Pick("cert_audit", "活动证审核"),
                    Cell::Member(m),
                    Cell::Text("流动党员活动证年度审核"),
                ]);
            }
        }
    }

    /// Members from elsewhere living in the committee's area (流入).
    fn incoming(&self, ci: usize, out: &mut Out) {
        let c = &self.county.committees[ci];
        let mut r = stream(self.seed, T_INCOMING, ci as u64);
        let count = (c.members.1 - c.members.0) * 3 / 1000;
        for j in 0..count {
            let id = format!("I{:04}-{j:03}", ci + 1);
            let org = if r.percent(1) {
                "b999999".to_string() // not an org of this county: MOB07
            } else {
                self.org(c.branches[r.below(c.branches.len() as u64) as usize])
                    .id
                    .clone()
            };
            let arrived = day(r.range(-700, 300));
            let departed = r
                .percent(10)
                .then(|| day(r.range(doy(arrived).max(0) + 10, 364)));
            let phone = phone(&mut r);
            let blank = r.percent(3).then(|| r.below(3));
            let field =
                |i: u64, cell: Cell<'static>| if blank == Some(i) { Cell::Empty } else { cell };
            let verified = arrived + Duration::days(r.range(1, 30));
            out.table(Kind::Mobile).row(&[
                Cell::Text(&id),
                Cell::Pick("in", "流入"),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                field(0, Cell::Text(r.pick(EMPLOYERS))),
                Cell::Text("本县城关镇"),
                Cell::Text(&phone),
                Cell::Empty,
                Cell::Empty,
                Cell::Text(&org),
                field(
                    1,
                    Cell::Text(r.pick(&["工人", "个体户", "教师", "医生", "职员"])),
                ),
                field(2, Cell::Text(r.pick(&["高中", "中专", "大专", "本科"]))),
                Cell::Date(verified),
                Cell::Date(arrived),
                departed.map_or(Cell::Empty, Cell::Date),
            ]);
        }
    }

    fn event(
        &self,
        out: &mut Out,
        date: NaiveDate,
        org: &str,
        kind: (&'static str, &'static str),
        title: &str,
    ) {
        let table = out.table(Kind::Events);
        for k in 0..self.factor {
            // Copies beyond the first are events of earlier years: a cadence
            // rule counts up to two (RSP01).
            table.row(&[
                Cell::Date(years_before(date, k)),
                Cell::Text(org),
                Cell::Pick(kind.0, kind.1),
                Cell::Empty,
                Cell::Text(title),
            ]);
        }
    }

    /// A working day of the month, chosen by `r`.
    fn in_month(&self, month: u32, r: &mut Rng) -> NaiveDate {
        let start = month_start(month);
        let date = self
            .calendar
            .working_from(day(r.range(start, start + days_in_month(month) - 6)));
        date.min(day(start + days_in_month(month) - 1))
    }

    /// Whether SRV02 asks the org for a reception day every month.
    fn receives(&self, org: &Org) -> bool {
        let parent = org.parent.map_or(Sector::Other, |p| self.org(p).sector);
        org.sector == Sector::Agency && parent != Sector::Agency
    }

    fn events(&self, ci: usize, out: &mut Out) {
        const ASSEMBLY: (&str, &str) = ("branch_assembly", "支部党员大会");
        const COMMITTEE: (&str, &str) = ("committee_meeting", "支委会");
        const LECTURE: (&str, &str) = ("party_lecture", "党课");
        const THEME: (&str, &str) = ("theme_day", "主题党日");
        const REPORT: (&str, &str) = ("written_report", "书面报告");
        const RECEPTION: (&str, &str) = ("reception_day", "接待日");
        let c = &self.county.committees[ci];
        let committee = self.org(c.org);
        for &b in &c.branches {
            let org = self.org(b);
            let mut r = stream(self.seed, T_EVENTS, u64::from(b));
            let receives = self.receives(org);
            for month in 0..12 {
                for _ in 0..1 + u32::from(r.percent(15)) {
                    if !r.percent(3) {
                        let date = self.in_month(month, &mut r);
                        self.event(out, date, &org.id, COMMITTEE, "支部委员会会议");
                    }
                }
                if !r.percent(3) {
                    let date = self.in_month(month, &mut r);
                    self.event(out, date, &org.id, THEME, "主题党日活动");
                }
                if month % 3 == 1 {
                    for (kind, title) in [(ASSEMBLY, "支部党员大会"), (LECTURE, "书记讲党课")]
                    {
                        if !r.percent(3) {
                            let date = self.in_month(month + r.range(-1, 1) as u32, &mut r);
                            self.event(out, date, &org.id, kind, title);
                        }
                    }
                }
                if receives && !r.percent(3) {
                    let date = self.in_month(month, &mut r);
                    self.event(out, date, &org.id, RECEPTION, "书记接待日");
                }
            }
            if !r.percent(3) {
                let date = self.in_month(r.range(10, 11) as u32, &mut r);
                self.event(out, date, &org.id, REPORT, "年度工作书面报告");
            }
            if r.percent(20) {
                // Last December's meeting, still in the file.
                self.event(
                    out,
                    day(-r.range(5, 20)),
                    &org.id,
                    COMMITTEE,
                    "支部委员会会议",
                );
            }
        }
        for &g in &c.generals {
            let org = self.org(g);
            let mut r = stream(self.seed, T_EVENTS, u64::from(g));
            if !r.percent(3) {
                let date = self.in_month(11, &mut r);
                self.event(out, date, &org.id, REPORT, "年度工作书面报告");
            }
        }
        let mut r = stream(self.seed, T_EVENTS, u64::from(c.org));
        for half in 0..2 {
            if !r.percent(3) {
                let date = self.in_month(half * 6 + r.range(1, 4) as u32, &mut r);
                self.event(
                    out,
                    date,
                    &committee.id,
                    ("special_study", "专题研究"),
                    "专题研究党建工作",
                );
            }
        }
        if !r.percent(3) {
            let date = self.in_month(r.range(5, 9) as u32, &mut r);
            self.event(
                out,
                date,
                &committee.id,
                ("inspection", "督查"),
                "县委督查组督促检查",
            );
        }
        if !r.percent(3) {
            let date = self.in_month(11, &mut r);
            self.event(
                out,
                date,
                &committee.id,
                REPORT,
                "落实全面从严治党主体责任书面报告",
            );
        }
        if self.receives(committee) {
            for month in 0..12 {
                if !r.percent(3) {
                    let date = self.in_month(month, &mut r);
                    self.event(out, date, &committee.id, RECEPTION, "领导干部接待日");
                }
            }
        }
    }

    fn visits(&self, ci: usize, out: &mut Out) {
        let c = &self.county.committees[ci];
        for &o in std::iter::once(&c.org).chain(&c.branches) {
            let org = self.org(o);
            let mut r = stream(self.seed, T_VISITS, u64::from(o));
            let count = if o == c.org {
                12
            } else {
                u64::from(r.percent(30))
            };
            for n in 0..count {
                let roll = r.below(1000);
                let (disposition, late) = match roll {
                    0..=599 => (("resolved", "已解决"), false),
                    600..=849 => (("explained", "已解释"), false),
                    850..=969 => (("referred", "已转办"), false),
                    _ => (("pending", "办理中"), true),
                };
                let date = if late {
                    day(r.range(300, 364))
                } else {
                    day(r.range(0, 300))
                };
                let closed = if late || r.percent(1) {
                    None
                } else if r.percent(3) {
                    Some(date + Duration::days(r.range(31, 60)))
                } else {
                    Some(date + Duration::days(r.range(0, 30)))
                };
                let referred_to =
                    (disposition.0 == "referred" && !r.percent(2)).then(|| r.pick(REFERRED_TO));
                let matter = (!r.percent(1)).then(|| r.pick(MATTERS));
                let visitor = person_name(&mut r);
                let received_by = (!r.percent(1)).then(|| person_name(&mut r));
                let table = out.table(Kind::Visits);
                for k in 0..self.factor as i32 {
                    // Copies beyond the first are visits of earlier years.
                    let shift = |d: NaiveDate| years_before(d, k as u32);
                    let id = if k == 0 {
                        format!("V-{}-{:02}", org.id, n + 1)
                    } else {
                        format!("V-{}-{:02}-{}", org.id, n + 1, YEAR - k)
                    };
                    table.row(&[
                        Cell::Text(&id),
                        Cell::Date(shift(date)),
                        Cell::Text(&org.id),
                        Cell::Text(&visitor),
                        matter.map_or(Cell::Empty, Cell::Text),
                        received_by.as_deref().map_or(Cell::Empty, Cell::Text),
                        Cell::Pick(disposition.0, disposition.1),
                        referred_to.map_or(Cell::Empty, Cell::Text),
                        closed.map(shift).map_or(Cell::Empty, Cell::Date),
                    ]);
                }
            }
        }
    }

    fn appraisal(&self, m: u32, out: &mut Out) {
        let member = self.member(m);
        let year_end = day(364);
        if !member.full || !member.active_on(year_end) {
            return;
        }
        let mut r = stream(self.seed, T_APPRAISAL, u64::from(m));
        if r.percent(2) {
            return; // not appraised: EDU06
        }
        let branch = self.org(member.branch);
        let grade = match r.below(1000) {
            0..=2 => ("unqualified", "不合格"),
            3..=22 => ("basically_qualified", "基本合格"),
            23..=229 => ("excellent", "优秀"),
            _ => ("qualified", "合格"),
        };
        let mentor = if matches!(grade.0, "unqualified" | "basically_qualified") {
            let size = branch.members.1 - branch.members.0;
            match r.below(100) {
                0..=4 => None,
                5..=9 if size > 1 => {
                    // Someone of the branch, who may or may not qualify (EDU07).
                    let other = branch.members.0 + r.below(u64::from(size)) as u32;
                    (other != m).then_some(other)
                }
                _ => {
                    let first = branch.members.0 + 1;
                    if first < branch.members.1 && first != m {
                        Some(first)
                    } else {
                        (branch.members.0 != m).then_some(branch.members.0)
                    }
                }
            }
        } else {
            None
        };
        let table = out.table(Kind::Appraisals);
        for k in 0..self.factor as i64 {
            table.row(&[
                Cell::Int(i64::from(YEAR) - k),
                Cell::Member(m),
                Cell::Pick(grade.0, grade.1),
                mentor.map_or(Cell::Empty, Cell::Member),
            ]);
        }
    }

    /// 三定 for each member without a role of a rural org (SRV01).
    fn post(&self, m: u32, out: &mut Out) {
        let member = self.member(m);
        if member.role != Role::None
            || self.org(member.branch).sector != Sector::Rural
            || member.active_range().is_none()
        {
            return;
        }
        let mut r = stream(self.seed, T_POST, u64::from(m));
        if r.percent(3) {
            return;
        }
        let (post, duty, goal) = r.pick(POSTS);
        let goal = if r.percent(2) { "" } else { goal };
        let table = out.table(Kind::Posts);
        for k in 0..self.factor as i64 {
            table.row(&[
                Cell::Int(i64::from(YEAR) - k),
                Cell::Member(m),
                Cell::Text(post),
                Cell::Text(duty),
                if goal.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(goal)
                },
            ]);
        }
    }
}

fn write_policy(dir: &Path) {
    let list = |dates: &[&str]| {
        dates
            .iter()
            .map(|d| format!("\"{d}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = format!(
        r#"# 合成的示范县台账（examples/gen_ledger.rs 生成）—— 检查设置
[ledger]
name = "示范县（合成数据）"
year = {YEAR}

[policy]
certificate_pattern = '^[0-9]{{6}}-[0-9]{{4}}-[0-9]{{4}}$'   # 行政区划代码-年份-序号

[calendar]
# 国务院办公厅关于2025年部分节假日安排的通知，及2026年元旦
holidays = [{}]
workdays = [{}]

[[cadence]]
code = "X01"
name = "theme-day"
title = "主题党日"
event = "theme_day"
orgs = {{ kind = ["branch"] }}
at_least = 1
per = "month"
cite = "党员教育管理工作条例 第十六条"
"#,
        list(HOLIDAYS),
        list(WORKDAYS)
    );
    fs::write(dir.join("taizhang.toml"), text).unwrap();
}

fn generate(dir: &Path, count: u32, seed: u64, style: Style, factor: u32) {
    write_policy(dir);
    let calendar = Calendar::new();
    let mut out = Out::new(dir, style, seed);
    let county = build_county(count, seed, &mut out);
    let generator = Gen {
        county: &county,
        calendar: &calendar,
        seed,
        factor,
    };
    out.begin_group("0000-示范县委");
    generator.event(
        &mut out,
        calendar.working_from(day(340)),
        "xw",
        ("plenary_report", "全委会报告"),
        "县委常委会向全委会报告工作",
    );
    for (ci, committee) in county.committees.iter().enumerate() {
        out.begin_group(&committee.file);
        generator.committee(ci, &mut out);
    }
    let rows = out.finish();
    let total: u64 = rows.iter().sum();
    eprintln!(
        "gen_ledger: {} members, {} orgs, {} committees; rows:",
        count,
        county.orgs.len(),
        county.committees.len()
    );
    for (kind, n) in KINDS.iter().zip(rows) {
        eprintln!("  {:<11} {n:>12}", kind.name());
    }
    eprintln!("  {:<11} {total:>12}", "total");
}
