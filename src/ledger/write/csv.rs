//! A CSV ledger file in canonical form: read as the loader reads it
//! (fields end at `,`, records at LF, CR or CRLF, RFC 4180 quotes, blank
//! rows skipped), written UTF-8 with a BOM, LF line ends, quotes only where
//! a cell needs them.

use super::cells::{self, Shape};
use super::{Keep, Unreadable, column_of, header_of, is_chinese};
use crate::ledger::Kind;
use crate::ledger::maps::KindMap;
use crate::text::decode::trim;

const BOM: &str = "\u{FEFF}";

pub fn canonical(kind: Kind, text: &str, map: &KindMap) -> Result<Vec<u8>, Keep> {
    let mut records = read(text)?.into_iter();
    let Some(header) = records.next() else {
        return Err(Keep::Empty);
    };
    let columns = kind.columns();
    // By the file's position: the kind's column, or none.
    let mapping: Vec<Option<usize>> = header.iter().map(|h| column_of(kind, map, h)).collect();
    let mut named = vec![false; columns.len()];
    for column in mapping.iter().flatten() {
        if std::mem::replace(&mut named[*column], true) {
            return Err(Keep::Unreadable(Unreadable::Shape));
        }
    }
    let chinese = is_chinese(
        header
            .iter()
            .zip(&mapping)
            .filter(|(_, m)| m.is_some())
            .map(|(h, _)| h.as_str()),
    );
    // The output's columns: the kind's in their order, then the unknown ones.
    let mut order: Vec<usize> = (0..columns.len())
        .filter_map(|c| mapping.iter().position(|m| *m == Some(c)))
        .collect();
    order.extend((0..header.len()).filter(|&i| mapping[i].is_none()));
    let shapes: Vec<Shape> = mapping
        .iter()
        .map(|m| m.map_or(Shape::Text, |c| cells::shape(kind, columns[c].name)))
        .collect();
    let mut rows = Vec::new();
    for record in records {
        if record.iter().all(|cell| trim(cell).is_empty()) {
            continue; // a blank row, as Excel leaves below the data
        }
        if record.len() != header.len() {
            return Err(Keep::Unreadable(Unreadable::Shape));
        }
        let row: Vec<String> = order
            .iter()
            .map(|&i| match mapping[i] {
                Some(_) => cells::canonical(shapes[i], &record[i]),
                None => record[i].clone(),
            })
            .collect();
        rows.push(row);
    }
    let key_positions: Vec<Option<usize>> = cells::key(kind)
        .iter()
        .map(|name| {
            order
                .iter()
                .position(|&i| mapping[i].is_some_and(|c| columns[c].name == *name))
        })
        .collect();
    let key = |row: &Vec<String>| -> Vec<String> {
        key_positions
            .iter()
            .map(|p| p.map_or_else(String::new, |p| row[p].clone()))
            .collect()
    };
    rows.sort_by_cached_key(key);
    let headers: Vec<String> = order
        .iter()
        .map(|&i| match mapping[i] {
            Some(c) => header_of(kind, c, chinese).to_string(),
            None => header[i].clone(),
        })
        .collect();
    let count = rows.len();
    let bytes = write(&headers, &rows).map_err(|_| Keep::Unreadable(Unreadable::Syntax))?;
    // What is written reads back to as many rows.
    let text = std::str::from_utf8(&bytes[BOM.len()..])
        .map_err(|_| Keep::Unreadable(Unreadable::Syntax))?;
    if read(text)?.len() != count + 1 {
        return Err(Keep::Unreadable(Unreadable::Differs));
    }
    Ok(bytes)
}

/// Every record of the text, each a list of its fields.
fn read(text: &str) -> Result<Vec<Vec<String>>, Keep> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| Keep::Unreadable(Unreadable::Syntax))?;
        records.push(record.iter().map(str::to_string).collect());
    }
    Ok(records)
}

fn write(headers: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, ::csv::Error> {
    let mut bytes = BOM.as_bytes().to_vec();
    {
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(&mut bytes);
        writer.write_record(headers)?;
        for row in rows {
            writer.write_record(row)?;
        }
        writer.flush()?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical_text(kind: Kind, text: &str) -> String {
        let bytes = canonical(kind, text, &KindMap::default()).expect("canonical");
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn columns_in_spec_order_unknown_ones_last_rows_by_key() {
        let text = "备注,姓名,党员编号,所在党组织,转入日期\r\n甲,张三,Ｍ2,b1,2025/3/5\r\n,李四,M1,b1,\r\n,,,,\r\n";
        assert_eq!(
            canonical_text(Kind::Members, text),
            "\u{feff}党员编号,姓名,所在党组织,转入日期,备注\nM1,李四,b1,,\nM2,张三,b1,2025-03-05,甲\n"
        );
    }

    #[test]
    fn english_headers_stay_english_and_quotes_only_where_needed() {
        let text = "date,members,topic\n2025-01-05,\"M1,M2\",\"党课 \"\"初心\"\"\"\n";
        assert_eq!(
            canonical_text(Kind::Education, text),
            "\u{feff}date,members,topic\n2025-01-05,\"M1,M2\",\"党课 \"\"初心\"\"\"\n"
        );
    }

    #[test]
    fn canonical_is_a_fixed_point() {
        let text = "year,member,grade,mentor,x\n2025,M2,合格,,1\n2025,M1,优秀,,\"a\nb\"\n";
        let once = canonical_text(Kind::Appraisals, text);
        let twice = canonical_text(Kind::Appraisals, once.trim_start_matches('\u{feff}'));
        assert_eq!(once, twice);
    }
}
