//! CSV for spreadsheets: `check --format csv` (one row per finding, the
//! table's columns) and `report --format csv` (one row per org × rule).
//! UTF-8 with a byte-order mark: without it Excel on a Chinese Windows reads
//! the file as GBK and garbles every Chinese name.

use std::io::{self, Write};

use super::{Checked, finding_cells, finding_headers};

const BOM: &str = "\u{FEFF}";

fn writer(out: &mut dyn Write) -> io::Result<csv::Writer<&mut dyn Write>> {
    out.write_all(BOM.as_bytes())?;
    Ok(csv::Writer::from_writer(out))
}

pub fn write_check(out: &mut dyn Write, checked: &Checked<'_>) -> io::Result<()> {
    let lang = checked.lang;
    let mut csv = writer(out)?;
    csv.write_record(finding_headers(lang))?;
    if let Some(ledger) = checked.ledger {
        for finding in checked.findings() {
            csv.write_record(finding_cells(ledger, finding, lang))?;
        }
    }
    csv.flush()
}
