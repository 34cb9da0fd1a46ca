//! What can be learnt of an `.xlsx` workbook cheaply, from its zip parts
//! without parsing them as calamine does: its sheets in tab order (for
//! finding which hold which kind, without reading the shared strings),
//! whether a sheet holds any value, and whether it has merged cells. The
//! last two inflate the sheet's XML and search it for `<v`, `<is` or
//! `<mergeCell`: reading the merged areas takes calamine a pass over the
//! whole sheet before its cells can be streamed (they are listed after the
//! cells), and most sheets have none. Whenever an answer is not certain (a
//! part that cannot be found or read) it is `None`, and calamine decides.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use zip::ZipArchive;

use super::xlsx::SheetInfo;

type Archive = ZipArchive<BufReader<File>>;

/// The sheets of the workbook, in tab order.
pub(super) fn sheets(path: &Path) -> Option<Vec<SheetInfo>> {
    let mut zip = open(path)?;
    let (workbook, rels) = (
        read_part(&mut zip, "xl/workbook.xml")?,
        read_part(&mut zip, "xl/_rels/workbook.xml.rels")?,
    );
    elements(&workbook, "sheet")
        .map(|sheet| {
            let id = attribute(sheet, "r:id")?;
            let kind = elements(&rels, "Relationship")
                .find(|rel| attribute(rel, "Id").as_deref() == Some(id.as_str()))
                .and_then(|rel| attribute(rel, "Type"))?;
            let state = attribute(sheet, "state");
            Some(SheetInfo {
                name: unescape(&attribute(sheet, "name")?)?,
                visible: state.is_none_or(|s| s == "visible"),
                worksheet: kind.ends_with("/worksheet"),
            })
        })
        .collect()
}

/// Whether the sheet `name` holds a value (a `<v>` or an inline string).
pub(super) fn has_values(path: &Path, name: &str) -> Option<bool> {
    search(path, name, &[b"<v>", b"<v ", b"<is>"])
}

fn open(path: &Path) -> Option<Archive> {
    ZipArchive::new(BufReader::new(File::open(path).ok()?)).ok()
}

/// Whether the XML of the sheet `name` holds one of `needles`.
/// The zip part that holds the sheet `name`.
pub(super) fn sheet_part<R: Read + Seek>(zip: &mut ZipArchive<R>, name: &str) -> Option<String> {
    let workbook = read_part(zip, "xl/workbook.xml")?;
    let rels = read_part(zip, "xl/_rels/workbook.xml.rels")?;
    let id = elements(&workbook, "sheet")
        .find(|sheet| {
            attribute(sheet, "name")
                .and_then(|n| unescape(&n))
                .as_deref()
                == Some(name)
        })
        .and_then(|sheet| attribute(sheet, "r:id"))?;
    let target = elements(&rels, "Relationship")
        .find(|rel| attribute(rel, "Id").as_deref() == Some(id.as_str()))
        .and_then(|rel| attribute(rel, "Target"))?;
    Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    })
}

/// The merged areas of the sheet `name`: none when its XML has no
/// `<mergeCells`, which is found without parsing the cells before it.
pub(super) fn merges(path: &Path, name: &str) -> Option<Vec<calamine::Dimensions>> {
    let mut zip = open(path)?;
    let part = sheet_part(&mut zip, name)?;
    let mut entry = zip.by_name(&part).ok()?;
    let needle = b"<mergeCells";
    let mut buffer = vec![0u8; 64 * 1024];
    let mut kept = 0usize;
    let mut tail = Vec::new();
    loop {
        let read = entry.read(&mut buffer[kept..]).ok()?;
        if read == 0 {
            return Some(Vec::new());
        }
        let end = kept + read;
        if let Some(at) = memchr::memmem::find(&buffer[..end], needle) {
            tail.extend_from_slice(&buffer[at..end]);
            break;
        }
        kept = needle.len().min(end);
        buffer.copy_within(end - kept..end, 0);
    }
    entry.read_to_end(&mut tail).ok()?;
    let text = String::from_utf8(tail).ok()?;
    elements(&text, "mergeCell")
        .map(|merge| {
            let reference = attribute(merge, "ref")?;
            let (first, last) = reference
                .split_once(':')
                .unwrap_or((&reference, &reference));
            Some(calamine::Dimensions {
                start: cell_ref(first)?,
                end: cell_ref(last)?,
            })
        })
        .collect()
}

/// `AB12` → row 11, column 27 (from 0); `$AB$12` too.
pub(super) fn cell_ref(reference: &str) -> Option<(u32, u32)> {
    let reference = reference.replace('$', "");
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    let mut column = 0u32;
    for b in letters.bytes() {
        if !b.is_ascii_uppercase() {
            return None;
        }
        column = column
            .checked_mul(26)?
            .checked_add(u32::from(b - b'A') + 1)?;
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, column.checked_sub(1)?))
}

fn search(path: &Path, name: &str, needles: &[&[u8]]) -> Option<bool> {
    let mut zip = open(path)?;
    let part = sheet_part(&mut zip, name)?;

    let mut entry = zip.by_name(&part).ok()?;
    let longest = needles.iter().map(|n| n.len()).max().unwrap_or(0);
    let mut buffer = vec![0u8; 64 * 1024];
    let mut kept = 0usize;
    loop {
        let read = entry.read(&mut buffer[kept..]).ok()?;
        if read == 0 {
            return Some(false);
        }
        let end = kept + read;
        let found = needles
            .iter()
            .any(|needle| memchr::memmem::find(&buffer[..end], needle).is_some());
        if found {
            return Some(true);
        }
        // Keep the tail, in case a needle is cut between two reads.
        kept = longest.min(end);
        buffer.copy_within(end - kept..end, 0);
    }
}

pub(super) fn read_part<R: Read + Seek>(zip: &mut ZipArchive<R>, name: &str) -> Option<String> {
    let mut text = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut text).ok()?;
    Some(text)
}

/// The start tags `<tag …>` of `xml` (`<x:tag …>` too), their attributes' text.
pub(super) fn elements<'x>(xml: &'x str, tag: &'x str) -> impl Iterator<Item = &'x str> + 'x {
    xml.split('<').filter_map(move |piece| {
        let piece = piece.split('>').next()?;
        let local = piece
            .split_once(':')
            .filter(|(prefix, _)| !prefix.contains([' ', '"']));
        let rest = local.map_or(piece, |(_, rest)| rest);
        rest.strip_prefix(tag)
            .filter(|after| after.starts_with([' ', '/', '\t', '\n', '\r']))
    })
}

/// The value of `name="…"` among an element's attributes, as written.
pub(super) fn attribute(attributes: &str, name: &str) -> Option<String> {
    let mut rest = attributes;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().last();
        let after = &rest[at + name.len()..];
        if before.is_none_or(char::is_whitespace)
            && let Some(value) = after.strip_prefix("=\"")
        {
            return value.split('"').next().map(str::to_string);
        }
        rest = after;
    }
    None
}

/// An attribute's text with XML's entities replaced; `None` for one this
/// does not know.
pub(super) fn unescape(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (entity, after) = rest[at + 1..].split_once(';')?;
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match entity.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => entity.strip_prefix('#')?.parse().ok()?,
                };
                char::from_u32(code)?
            }
        };
        out.push(c);
        rest = after;
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_and_attributes() {
        let xml = r#"<sheets><sheet name="成员" sheetId="1" r:id="rId1"/><x:sheet name="A&amp;B" state="hidden" r:id="rId2"/></sheets>"#;
        let found: Vec<_> = elements(xml, "sheet").collect();
        assert_eq!(found.len(), 2);
        assert_eq!(attribute(found[0], "name").as_deref(), Some("成员"));
        assert_eq!(attribute(found[0], "r:id").as_deref(), Some("rId1"));
        assert_eq!(attribute(found[0], "id"), None);
        let name = attribute(found[1], "name").unwrap();
        assert_eq!(unescape(&name).as_deref(), Some("A&B"));
        assert_eq!(attribute(found[1], "state").as_deref(), Some("hidden"));
        assert_eq!(unescape("&#x4E00;&#20108;").as_deref(), Some("一二"));
        assert_eq!(unescape("&nbsp;"), None);
    }
}
