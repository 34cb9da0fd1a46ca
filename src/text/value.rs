//! Cell text → typed values. Pure functions; the row reader turns their
//! errors into diagnostics at the cell's location.

use std::borrow::Cow;

use chrono::{Duration, NaiveDate};

use super::decode::{fold_width, trim};

#[derive(Clone, Debug, PartialEq)]
pub enum DateError {
    /// A bare number: what Excel shows when a date cell is formatted as a number.
    ExcelSerial(NaiveDate),
    /// Year, month and day that name no day of the calendar.
    Impossible {
        year: i32,
        month: u32,
        day: u32,
    },
    Unrecognized,
}

/// Reads `2025-03-05`, `2025/3/5`, `2025.3.5`, `2025年3月5日`, each with an
/// optional trailing time (`2019/2/3  14:30`), in ASCII or full-width digits.
pub fn parse_date(raw: &str) -> Result<NaiveDate, DateError> {
    if let Some((year, month, day)) = iso_parts(raw.as_bytes()) {
        return NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible {
            year,
            month,
            day,
        });
    }
    let folded = fold_width(trim(raw));
    let text = folded.as_ref();
    if let Some(serial) = excel_serial(text) {
        return Err(DateError::ExcelSerial(serial));
    }
    let (date_part, rest) = split_date_time(text);
    if !rest.is_empty() && !is_time(rest) {
        return Err(DateError::Unrecognized);
    }
    let (year, month, day) = if let Some(parts) = chinese_parts(date_part) {
        parts
    } else {
        separated_parts(date_part).ok_or(DateError::Unrecognized)?
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible { year, month, day })
}

/// `YYYY-MM-DD` exactly, the form most dates take: read without the
/// general parse.
fn iso_parts(text: &[u8]) -> Option<(i32, u32, u32)> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text else {
        return None;
    };
    let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = |digits: &[u8]| {
        digits
            .iter()
            .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'))
    };
    let year = i32::try_from(value(&digits[..4])).ok()?;
    Some((year, value(&digits[4..6]), value(&digits[6..])))
}

fn excel_serial(text: &str) -> Option<NaiveDate> {
    let integer = text.split_once('.').map_or(text, |(int, frac)| {
        if frac.bytes().all(|b| b.is_ascii_digit()) {
            int
        } else {
            ""
        }
    });
    if integer.is_empty() || integer.len() > 7 || !integer.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let serial: i64 = integer.parse().ok()?;
    // Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never
    // was, so from day 61 on the epoch is 1899-12-30.
    if !(1..=2_958_465).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, if serial < 61 { 31 } else { 30 })?;
    epoch.checked_add_signed(Duration::days(serial))
}

fn split_date_time(text: &str) -> (&str, &str) {
    // The separator may be a multi-byte space (Excel's no-break space).
    match text.split_once(|c: char| c.is_whitespace() || c == 'T') {
        Some((date, time)) => (date, trim(time)),
        None => (text, ""),
    }
}

fn is_time(text: &str) -> bool {
    let mut parts = text.split(':');
    let valid = |part: Option<&str>, max: u32| {
        part.is_some_and(|p| {
            let p = p.split('.').next().unwrap_or(p);
            (1..=2).contains(&p.len()) && p.parse::<u32>().is_ok_and(|n| n <= max)
        })
    };
    if !valid(parts.next(), 23) || !valid(parts.next(), 59) {
        return false;
    }
    match parts.next() {
        None => true,
        Some(seconds) => valid(Some(seconds), 60) && parts.next().is_none(),
    }
}

fn chinese_parts(text: &str) -> Option<(i32, u32, u32)> {
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest
        .strip_suffix('日')
        .or_else(|| rest.strip_suffix('号'))?;
    Some((
        number(year, 4)?,
        number(month, 2)? as u32,
        number(day, 2)? as u32,
    ))
}

fn separated_parts(text: &str) -> Option<(i32, u32, u32)> {
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = text.split(separator);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    Some((
        number(year, 4)?,
        number(month, 2)? as u32,
        number(day, 2)? as u32,
    ))
}

fn number(text: &str, max_len: usize) -> Option<i32> {
    if text.is_empty() || text.len() > max_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Whether `c` is invisible where it stands in an id or a header: zero
/// widths, joiners, direction marks, a BOM inside text, the soft hyphen,
/// and control characters but tab and line ends (NUL among them). Copying
/// from web pages and other systems leaves them behind.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{00AD}'
    ) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The first invisible character of `text` and the character position (from
/// 1) where it stands.
pub fn first_invisible(text: &str) -> Option<(char, usize)> {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return None; // printable ASCII, as most ids are
    }
    text.chars()
        .enumerate()
        .find(|(_, c)| is_invisible(*c))
        .map(|(at, c)| (c, at + 1))
}

/// `text` without its invisible characters.
pub fn without_invisible(text: &str) -> String {
    text.chars().filter(|&c| !is_invisible(c)).collect()
}

/// How an invisible character is named in messages: `U+200B 零宽空格`.
pub fn invisible_name(c: char, zh: bool) -> String {
    let name = match (c, zh) {
        ('\u{200B}', true) => "零宽空格",
        ('\u{200B}', false) => "zero-width space",
        ('\u{FEFF}', true) => "字节顺序标记（BOM）",
        ('\u{FEFF}', false) => "byte-order mark",
        ('\u{0000}', true) => "空字符（NUL）",
        ('\u{0000}', false) => "NUL",
        ('\u{00AD}', true) => "软连字符",
        ('\u{00AD}', false) => "soft hyphen",
        (_, true) => "不可见字符",
        (_, false) => "invisible character",
    };
    format!("U+{:04X} {name}", u32::from(c))
}

/// Why a cell is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all (`两天`, `12天`, `inf`).
    NotANumber,
    /// A comma that does not separate groups of three digits (`1,5`): it
    /// could be a decimal comma, so it is read as neither.
    Comma,
}

/// A decimal number, in ASCII or full-width digits. A comma (`,` or `，`)
/// may only separate thousands in well-formed groups (`15,000`,
/// `1,234,567.5`); `1,5` is ambiguous in a ledger and refused. `1.5万` is
/// not accepted either.
pub fn parse_number(raw: &str) -> Result<f64, NumberError> {
    let trimmed = trim(raw);
    // Most numbers are a few plain digits (a note's characters, a count):
    // exact as an integer, and an f64 parse would give the same.
    if (1..=15).contains(&trimmed.len()) && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let whole = trimmed
            .bytes()
            .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        return Ok(whole as f64);
    }
    let folded = fold_width(trimmed);
    let text = if folded.contains('，') {
        Cow::Owned(folded.replace('，', ","))
    } else {
        folded
    };
    if text.is_empty()
        || !text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b','))
    {
        return Err(NumberError::NotANumber);
    }
    let plain = if text.contains(',') {
        if !thousands_grouped(&text) {
            return Err(NumberError::Comma);
        }
        Cow::Owned(text.replace(',', ""))
    } else {
        text
    };
    plain
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or(NumberError::NotANumber)
}

/// `15,000`, `-1,234,567.25`: one to three digits, then groups of exactly
/// three, each after one comma, and nothing but a fraction after them.
fn thousands_grouped(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let integer = unsigned.split_once('.').map_or(unsigned, |(int, frac)| {
        if frac.bytes().all(|b| b.is_ascii_digit()) {
            int
        } else {
            ","
        }
    });
    let mut groups = integer.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdNumberError {
    /// Excel turned the number into floating point and kept 15 digits.
    ExcelMangled,
    Malformed,
    CheckDigit {
        expected: char,
    },
}

/// An 18-character 居民身份证号码: 17 digits and a check digit (0–9 or X) by
/// ISO 7064 MOD 11-2.
pub fn check_id_number(raw: &str) -> Result<String, IdNumberError> {
    let folded = fold_width(trim(raw)).to_uppercase();
    let text = folded.as_str();
    let looks_scientific = text.contains('E')
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'E' | '+' | '-'));
    if looks_scientific {
        return Err(IdNumberError::ExcelMangled);
    }
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 18
        && bytes[..17].iter().all(u8::is_ascii_digit)
        && (bytes[17].is_ascii_digit() || bytes[17] == b'X');
    if !shaped {
        return Err(IdNumberError::Malformed);
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = bytes[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(&digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    let expected = CHECK[(sum % 11) as usize];
    if bytes[17] != expected {
        // Excel keeps 15 significant digits and pads with zeros.
        if text.ends_with("000") {
            return Err(IdNumberError::ExcelMangled);
        }
        return Err(IdNumberError::CheckDigit {
            expected: expected as char,
        });
    }
    Ok(folded)
}

/// The items of a CSV list cell, separated by `;` `；` or `、` (and `,` `，`,
/// which only occur inside a quoted cell), trimmed, empty items left out.
pub fn split_list(raw: &str) -> impl Iterator<Item = &str> {
    list_items(raw).map(|(_, item)| item)
}

/// The items of a list cell, as [`split_list`] gives them, each with the
/// byte offset it starts at in `raw`.
pub fn list_items(raw: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut begin = Some(0);
    std::iter::from_fn(move || {
        let start = begin?;
        let end = match next_separator(raw, start) {
            Some((at, len)) => {
                begin = Some(at + len);
                at
            }
            None => {
                begin = None;
                raw.len()
            }
        };
        let piece = &raw[start..end];
        let item = trim(piece);
        // The item, a slice of the piece, starts where its first character
        // that is not white space is (no search: this runs for every
        // attendee of every session).
        Some((
            start + (item.as_ptr() as usize - piece.as_ptr() as usize),
            item,
        ))
    })
    .filter(|(_, item)| !item.is_empty())
}

const LIST_SEPARATORS: [char; 5] = [';', '；', '、', ',', '，'];

/// The first list separator in `raw` at or after byte `from` (a character
/// boundary): its offset and length. Byte by byte over ASCII, as ids are:
/// this runs over every attendance list.
fn next_separator(raw: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = raw.as_bytes();
    let mut at = from;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b';' | b',' => return Some((at, 1)),
            0..0x80 => at += 1,
            _ => {
                let c = raw[at..].chars().next()?;
                if LIST_SEPARATORS.contains(&c) {
                    return Some((at, c.len_utf8()));
                }
                at += c.len_utf8();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_accepted_date_form() {
        for text in [
            "2025-03-05",
            "2025/3/5",
            "2025.3.5",
            "2025年3月5日",
            "2025-3-5",
            " 2025/03/05 ",
            "２０２５－０３－０５",
            "2025/3/5  14:30",
            "2025-03-05T08:00:00",
            "2025年3月5日 9:05",
            "2025-03-05\u{A0}14:30",
        ] {
            assert_eq!(parse_date(text), Ok(d(2025, 3, 5)), "{text}");
        }
    }

    #[test]
    fn excel_serials_name_their_date() {
        assert_eq!(
            parse_date("45678"),
            Err(DateError::ExcelSerial(d(2025, 1, 21)))
        );
        assert_eq!(
            parse_date("45658.5"),
            Err(DateError::ExcelSerial(d(2025, 1, 1)))
        );
        assert_eq!(parse_date("1"), Err(DateError::ExcelSerial(d(1900, 1, 1))));
    }

    #[test]
    fn impossible_and_unrecognized_dates() {
        assert_eq!(
            parse_date("2025-02-30"),
            Err(DateError::Impossible {
                year: 2025,
                month: 2,
                day: 30
            })
        );
        assert_eq!(
            parse_date("2025-13-01"),
            Err(DateError::Impossible {
                year: 2025,
                month: 13,
                day: 1
            })
        );
        assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
        for text in [
            "3/5/2025",
            "2025-03",
            "next week",
            "2025/3/5 25:00",
            "20250305x",
            "",
        ] {
            assert_eq!(parse_date(text), Err(DateError::Unrecognized), "{text}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("15,000"), Ok(15000.0));
        assert_eq!(parse_number("1,234,567.5"), Ok(1234567.5));
        assert_eq!(parse_number("１５，０００"), Ok(15000.0));
        assert_eq!(parse_number("１２．５"), Ok(12.5));
        assert_eq!(parse_number("-3"), Ok(-3.0));
        // Plain digits, as integers, are what a float parse gives.
        for digits in [
            "0",
            "007",
            " 2153 ",
            "999999999999999",
            "9999999999999999",
            "123456789012345678",
        ] {
            assert_eq!(
                parse_number(digits),
                Ok(digits.trim().parse::<f64>().unwrap()),
                "{digits}"
            );
        }
        assert_eq!(parse_number("12天"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("inf"), Err(NumberError::NotANumber));
        for comma in [
            "1,5",
            "1，5",
            "１，５",
            "15,00",
            "1,5000",
            ",500",
            "1,,000",
            "15,000,",
            "1.500,5",
        ] {
            assert_eq!(parse_number(comma), Err(NumberError::Comma), "{comma}");
        }
    }

    #[test]
    fn id_numbers() {
        assert_eq!(
            check_id_number("11010519491231002X"),
            Ok("11010519491231002X".into())
        );
        assert_eq!(
            check_id_number("11010519491231002x"),
            Ok("11010519491231002X".into())
        );
        assert_eq!(
            check_id_number("4.10101E+17"),
            Err(IdNumberError::ExcelMangled)
        );
        assert_eq!(
            check_id_number("410101199003071000"),
            Err(IdNumberError::ExcelMangled)
        );
        assert_eq!(
            check_id_number("110105194912310021"),
            Err(IdNumberError::CheckDigit { expected: 'X' })
        );
        assert_eq!(check_id_number("12345"), Err(IdNumberError::Malformed));
    }

    #[test]
    fn invisible_characters_are_found_and_removed() {
        assert_eq!(first_invisible("M00\u{200B}1"), Some(('\u{200B}', 4)));
        assert_eq!(first_invisible("党员\u{0}编号"), Some(('\u{0}', 3)));
        assert_eq!(first_invisible("M001"), None);
        assert_eq!(without_invisible("\u{FEFF}M0\u{200D}01"), "M001");
    }

    #[test]
    fn list_separators() {
        assert_eq!(
            list_items(" M1; 张三 ，M3").collect::<Vec<_>>(),
            [(1, "M1"), (5, "张三"), (15, "M3")]
        );
        let items: Vec<_> = split_list("M1;M2； M3、M4,,").collect();
        assert_eq!(items, ["M1", "M2", "M3", "M4"]);
        // Characters that share a separator's first bytes are not one.
        let items: Vec<_> = split_list("Ｍ１＿２〃3，4;〇").collect();
        assert_eq!(items, ["Ｍ１＿２〃3", "4", "〇"]);
    }

    #[test]
    fn list_items_are_the_pieces_between_separators() {
        let by_chars = |raw: &str| -> Vec<(usize, String)> {
            let mut items = Vec::new();
            let mut start = 0;
            let ends = raw
                .char_indices()
                .filter(|(_, c)| LIST_SEPARATORS.contains(c))
                .map(|(at, c)| (at, at + c.len_utf8()))
                .chain([(raw.len(), raw.len())]);
            for (end, next) in ends {
                let piece = &raw[start..end];
                let item = trim(piece);
                if !item.is_empty() {
                    let offset = start + piece.find(item).unwrap();
                    items.push((offset, item.to_string()));
                }
                start = next;
            }
            items
        };
        let pieces = [
            "M1", " ", "；", ";", "、", ",", "，", "张三", "＿", "〃", "\u{3000}", "Ｍ２",
        ];
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut raw = String::new();
            for _ in 0..(seed % 9) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                raw.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed.wrapping_add(1);
            let items: Vec<(usize, String)> = list_items(&raw)
                .map(|(at, item)| (at, item.to_string()))
                .collect();
            assert_eq!(items, by_chars(&raw), "{raw:?}");
        }
    }
}
