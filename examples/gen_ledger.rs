//! Writes a large synthetic ledger for the benchmark: `cargo run --release
//! --example gen_ledger -- OUT_DIR MEMBERS`. Deterministic (a fixed-seed
//! generator), every kind present, about 30 members a branch, ten study-note
//! rows and eight sessions a member, so that the large kinds really are large.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

/// SplitMix64: small, fast and good enough to vary synthetic data.
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
        self.next() % n
    }
}

const YEAR: i32 = 2025;
const BRANCH_SIZE: usize = 30;
const BRANCHES_PER_COMMITTEE: usize = 40;
const SECTORS: [&str; 5] = ["agency", "institution", "rural", "community", "two_new"];

fn date(day_of_year: u64) -> String {
    let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut rest = day_of_year.min(364);
    for (month, &len) in days.iter().enumerate() {
        if rest < len {
            return format!("{YEAR}-{:02}-{:02}", month + 1, rest + 1);
        }
        rest -= len;
    }
    unreachable!("a day of the year")
}

fn writer(dir: &Path, name: &str, header: &str) -> BufWriter<File> {
    let mut file = BufWriter::with_capacity(
        1 << 20,
        File::create(dir.join(name)).expect("the output directory is writable"),
    );
    writeln!(file, "{header}").unwrap();
    file
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(out), Some(count)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen_ledger OUT_DIR MEMBERS");
        std::process::exit(2);
    };
    let dir = Path::new(out);
    fs::create_dir_all(dir.join("education")).unwrap();
    let mut rng = Rng(0x7A1_2A46);
    let branches = count.div_ceil(BRANCH_SIZE);
    let committees = branches.div_ceil(BRANCHES_PER_COMMITTEE);

    let mut orgs = writer(dir, "orgs.csv", "id,name,parent,kind,sector");
    writeln!(orgs, "root,示范县委,,county,").unwrap();
    for c in 0..committees {
        writeln!(
            orgs,
            "c{c},第{c}党委,root,committee,{}",
            SECTORS[c % SECTORS.len()]
        )
        .unwrap();
    }
    for b in 0..branches {
        writeln!(
            orgs,
            "b{b},第{b}支部,c{},branch,",
            b / BRANCHES_PER_COMMITTEE
        )
        .unwrap();
    }

    let mut members = writer(
        dir,
        "members.csv",
        "id,name,org,leader,roles,since,until,status,phone",
    );
    let mut leaders = Vec::new();
    let mut rural_plain = Vec::new();
    for m in 0..count {
        let branch = m / BRANCH_SIZE;
        let roll = rng.below(1000);
        let leader = match roll {
            0..=4 => "county",
            5..=59 => "section",
            _ => "none",
        };
        if leader != "none" {
            leaders.push(m);
        }
        let roles = match m % BRANCH_SIZE {
            0 => "secretary",
            1 | 2 => "committee",
            _ => "",
        };
        let sector = SECTORS[(branch / BRANCHES_PER_COMMITTEE) % SECTORS.len()];
        if sector == "rural" && roles.is_empty() {
            rural_plain.push(m);
        }
        let since = if rng.below(30) == 0 {
            date(rng.below(365))
        } else {
            String::new()
        };
        let status = if rng.below(50) == 0 {
            "probationary"
        } else {
            "full"
        };
        writeln!(
            members,
            "M{m:07},党员{m},b{branch},{leader},{roles},{since},,{status},138{:08}",
            rng.below(100_000_000)
        )
        .unwrap();
    }

    // Eight sessions a year per branch, one file per committee.
    for c in 0..committees {
        let mut education = writer(
            &dir.join("education"),
            &format!("c{c}.csv"),
            "date,end,days,hours,members,topic",
        );
        for b in c * BRANCHES_PER_COMMITTEE..((c + 1) * BRANCHES_PER_COMMITTEE).min(branches) {
            let ids: Vec<String> = (b * BRANCH_SIZE..((b + 1) * BRANCH_SIZE).min(count))
                .filter(|_| rng.below(20) != 0)
                .map(|m| format!("M{m:07}"))
                .collect();
            for session in 0..8u64 {
                let start = session * 45 + rng.below(30);
                let length = match session % 3 {
                    0 => format!("{},{},,", date(start), date(start + 2)),
                    1 => ",,1.5,".to_string(),
                    _ => ",,,4".to_string(),
                };
                let length = if length.starts_with(',') {
                    format!("{}{length}", date(start))
                } else {
                    length
                };
                writeln!(education, "{length},{},学习", ids.join(";")).unwrap();
            }
        }
    }

    let mut notes = writer(dir, "notes.csv", "date,member,chars,title");
    for m in 0..count {
        for _ in 0..10 {
            writeln!(
                notes,
                "{},M{m:07},{},读书笔记",
                date(rng.below(365)),
                1000 + rng.below(3000)
            )
            .unwrap();
        }
    }

    let mut research = writer(dir, "research.csv", "member,start,end,place");
    for &m in &leaders {
        for _ in 0..5 {
            let start = rng.below(350);
            writeln!(
                research,
                "M{m:07},{},{},联系点",
                date(start),
                date(start + rng.below(12))
            )
            .unwrap();
        }
    }

    let mut mobile = writer(
        dir,
        "mobile.csv",
        "member,direction,left_on,returned_on,destination,employer,residence,phone,certificate,liaison",
    );
    let mut contacts = writer(dir, "contacts.csv", "date,member,kind");
    let mut away = Vec::new();
    for m in (0..count).filter(|m| m % 33 == 7) {
        let liaison = m - m % BRANCH_SIZE;
        writeln!(
            mobile,
            "M{m:07},out,{},,广东,电子厂,东莞,139{:08},411625-2025-{:04},M{liaison:07}",
            date(rng.below(60)),
            rng.below(100_000_000),
            m % 10_000
        )
        .unwrap();
        away.push(m);
        for month in 0..12u64 {
            if rng.below(12) != 0 {
                writeln!(
                    contacts,
                    "{},M{m:07},{}",
                    date(month * 30 + 10),
                    if month == 11 { "report" } else { "contact" }
                )
                .unwrap();
            }
        }
    }

    let mut events = writer(dir, "events.csv", "date,org,kind,member");
    for b in 0..branches {
        for month in 0..12u64 {
            writeln!(events, "{},b{b},committee_meeting,", date(month * 30 + 5)).unwrap();
            if month % 3 == 1 {
                writeln!(events, "{},b{b},branch_assembly,", date(month * 30 + 12)).unwrap();
                writeln!(events, "{},b{b},party_lecture,", date(month * 30 + 20)).unwrap();
            }
        }
        writeln!(events, "{},b{b},written_report,", date(340)).unwrap();
    }
    for c in 0..committees {
        for day in [100, 280] {
            writeln!(events, "{},c{c},special_study,", date(day)).unwrap();
        }
        writeln!(events, "{},c{c},inspection,", date(200)).unwrap();
        writeln!(events, "{},c{c},written_report,", date(340)).unwrap();
        for month in 0..12u64 {
            writeln!(events, "{},c{c},reception_day,", date(month * 30 + 15)).unwrap();
        }
    }
    writeln!(events, "{},root,plenary_report,", date(350)).unwrap();
    for &m in &away {
        writeln!(
            events,
            "{},b{},cert_audit,M{m:07}",
            date(330),
            m / BRANCH_SIZE
        )
        .unwrap();
    }

    let mut visits = writer(
        dir,
        "visits.csv",
        "id,date,org,visitor,matter,received_by,disposition,referred_to,closed_on",
    );
    for c in 0..committees {
        for v in 0..20u64 {
            let day = rng.below(330);
            writeln!(
                visits,
                "V{c}-{v},{},c{c},群众,咨询,值班领导,resolved,,{}",
                date(day),
                date(day + rng.below(35))
            )
            .unwrap();
        }
    }

    let mut appraisals = writer(dir, "appraisals.csv", "year,member,grade,mentor");
    for m in 0..count {
        let grade = match rng.below(100) {
            0 => "basically_qualified",
            1..=20 => "excellent",
            _ => "qualified",
        };
        let mentor = if grade == "basically_qualified" {
            format!("M{:07}", m - m % BRANCH_SIZE)
        } else {
            String::new()
        };
        writeln!(appraisals, "{YEAR},M{m:07},{grade},{mentor}").unwrap();
    }

    let mut posts = writer(dir, "posts.csv", "year,member,post,duty,goal");
    for &m in &rural_plain {
        writeln!(posts, "{YEAR},M{m:07},卫生监督岗,监督村容村貌,全年无垃圾堆").unwrap();
    }
    for mut file in [
        orgs, members, notes, research, mobile, contacts, events, visits, appraisals, posts,
    ] {
        file.flush().unwrap();
    }
}
