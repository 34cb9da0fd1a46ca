//! Loading allocates a bounded number of times per row, whatever the
//! ledger's size: a counting global allocator measures the loading of
//! generated ledgers of two sizes. A change that allocates per field (or
//! per id of a list), or that makes loading quadratic, fails here, without
//! timing anything. A binary of its own, since the allocator is global.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use taizhang::commands;
use taizhang::config::Config;
use taizhang::diag::Diags;
use taizhang::lang::Lang;
use taizhang::ledger::{self, LoadOptions, PART_BYTES};

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// A ledger of `members` members in 20 branches, with a year of records
/// for each: study sessions of 30 attendees, notes, research trips,
/// events. Returns its record rows.
fn write_ledger(dir: &Path, members: usize) -> usize {
    let mut orgs = String::from("id,name,parent,kind,sector\nc,县委,,county,\n");
    for b in 0..20 {
        writeln!(orgs, "b{b},支部{b},c,branch,agency").unwrap();
    }
    let mut roll = String::from("id,name,org,leader\n");
    for m in 0..members {
        let leader = if m % 10 == 0 { "county" } else { "" };
        writeln!(roll, "M{m:07},党员{m},b{},{leader}", m % 20).unwrap();
    }
    let mut rows = 0;
    let mut education = String::from("date,days,org,title,members\n");
    for session in 0..members / 2 {
        let attendees: Vec<String> = (0..30)
            .map(|i| format!("M{:07}", (session * 7 + i * 13) % members))
            .collect();
        let month = session % 12 + 1;
        writeln!(
            education,
            "2025-{month:02}-15,1,b{},集中学习,{}",
            session % 20,
            attendees.join(";")
        )
        .unwrap();
        rows += 1;
    }
    let mut notes = String::from("date,member,chars,title\n");
    let mut research = String::from("member,start,end,place\n");
    for m in 0..members {
        for month in 1..=12 {
            writeln!(
                notes,
                "2025-{month:02}-03,M{m:07},2600,\"读书笔记，第{month}篇\""
            )
            .unwrap();
            rows += 1;
        }
        if m % 10 == 0 {
            writeln!(research, "M{m:07},2025-03-01,2025-03-20,某村").unwrap();
            rows += 1;
        }
    }
    let mut events = String::from("date,org,kind,title\n");
    for b in 0..20 {
        for month in 1..=12 {
            writeln!(events, "2025-{month:02}-10,b{b},committee_meeting,支委会").unwrap();
            rows += 1;
        }
    }
    for (name, text) in [
        ("orgs.csv", orgs),
        ("members.csv", roll),
        ("education.csv", education),
        ("notes.csv", notes),
        ("research.csv", research),
        ("events.csv", events),
    ] {
        fs::write(dir.join(name), text).unwrap();
    }
    rows
}

/// The allocations of loading the ledger (the files read, the rows typed
/// and totalled), the plan and the policy made beforehand.
fn allocations_of_loading(dir: &Path) -> u64 {
    let mut diags = Diags::new(Lang::En);
    let config = Config::load(dir, &mut diags);
    let plan = commands::load_plan(&config, &[], false);
    let options = LoadOptions {
        year: 2025,
        strict: false,
        show_personal: false,
        part_bytes: PART_BYTES,
        progress: None,
    };
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let ledger = ledger::load(dir, &plan, options, &mut diags);
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    assert!(
        diags.is_empty(),
        "the generated ledger is valid: {:?}",
        diags.iter().next()
    );
    assert!(ledger.members.len() > 1000);
    allocations
}

#[test]
fn loading_allocates_a_bounded_number_of_times_per_row() {
    let (small, large) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (members_small, members_large) = (2_000, 8_000);
    let rows_small = write_ledger(small.path(), members_small) + members_small;
    let rows_large = write_ledger(large.path(), members_large) + members_large;
    let (a_small, a_large) = (
        allocations_of_loading(small.path()),
        allocations_of_loading(large.path()),
    );
    let per_row = |allocations: u64, rows: usize| allocations as f64 / rows as f64;
    let (small_rate, large_rate) = (per_row(a_small, rows_small), per_row(a_large, rows_large));
    eprintln!(
        "{rows_small} rows: {a_small} allocations ({small_rate:.2} a row); \
         {rows_large} rows: {a_large} ({large_rate:.2} a row)"
    );
    // A row's cells, ids and numbers are read without allocating; what is
    // left is a list's vector of ids, and the id and name each member keeps
    // (measured: 0.49 a row).
    assert!(large_rate <= 1.0, "{large_rate:.2} allocations a row");
    // Four times the rows, not much more than four times the allocations.
    assert!(
        large_rate <= small_rate * 1.25,
        "{small_rate:.2} a row, then {large_rate:.2}"
    );
}
