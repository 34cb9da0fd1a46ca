//! Where to cut a large CSV file into parts that can be read in parallel,
//! found in one pass over its bytes that the cores share: the file is cut
//! at the first line end after each even share of it, each share is checked
//! to be UTF-8 and its line ends and quotes are counted, and a cut with an
//! odd number of quotes before it (inside a quoted cell, by their parity)
//! is dropped. A quote in the middle of an unquoted cell is text, not an
//! opening quote, and would make the parity wrong; the reader of each part
//! checks that it ended where the next begins, and the file is read whole
//! when it did not.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use memchr::{memchr_iter, memchr2};
use rayon::prelude::*;

use super::read_full;
use crate::text::decode;

const CHUNK: usize = 256 * 1024;

/// The starts (byte offset and line) of at most `count` parts of the
/// file's `len` bytes, the first `(0, 1)`; `None` when a byte of the file
/// is not UTF-8 (or the file is shorter than `len`): it is then read whole,
/// its encoding detected.
pub(super) fn find(path: &Path, len: u64, count: usize) -> io::Result<Option<Vec<(u64, u32)>>> {
    let mut cuts = vec![0];
    for i in 1..count as u64 {
        let target = i * (len / count as u64);
        match line_end_from(path, target.max(1) - 1, len)? {
            Some(cut) if cut > *cuts.last().unwrap_or(&0) && cut < len => cuts.push(cut),
            _ => {}
        }
    }
    let ends = cuts.iter().skip(1).copied().chain([len]);
    let shares: Vec<(u64, u64)> = cuts.iter().copied().zip(ends).collect();
    let tallies = shares
        .par_iter()
        .map(|&(from, to)| tally(path, from, to))
        .collect::<io::Result<Vec<Option<Tally>>>>()?;
    let mut starts = Vec::with_capacity(shares.len());
    let (mut line_ends, mut quotes) = (0u64, 0u64);
    for (&(from, _), tally) in shares.iter().zip(tallies) {
        let Some(tally) = tally else {
            return Ok(None);
        };
        if quotes % 2 == 0 {
            let line = u32::try_from(line_ends + 1).unwrap_or(u32::MAX);
            starts.push((from, line));
        }
        line_ends += tally.line_ends;
        quotes += tally.quotes;
    }
    Ok(Some(starts))
}

/// The end of the first line end at or after `from`: past an LF, a CRLF
/// or a CR alone; `None` when there is none.
fn line_end_from(path: &Path, from: u64, len: u64) -> io::Result<Option<u64>> {
    let mut source = open_at(path, from)?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut offset = from;
    loop {
        let read = read_full(&mut source, &mut buf)?;
        let chunk = &buf[..read];
        if let Some(at) = memchr2(b'\n', b'\r', chunk) {
            let end = offset + at as u64 + 1;
            return Ok(Some(match (chunk[at], chunk.get(at + 1)) {
                (b'\r', Some(b'\n')) => end + 1,
                // A CR ending the chunk: an LF may follow in the next one.
                (b'\r', None) if end < len => line_end_after_cr(&mut source, end)?,
                _ => end,
            }));
        }
        if read < buf.len() {
            return Ok(None);
        }
        offset += read as u64;
    }
}

fn line_end_after_cr(source: &mut File, end: u64) -> io::Result<u64> {
    let mut next = [0u8; 1];
    let read = read_full(source, &mut next)?;
    Ok(if read == 1 && next[0] == b'\n' {
        end + 1
    } else {
        end
    })
}

/// What a share of the file holds.
struct Tally {
    line_ends: u64,
    quotes: u64,
}

/// The line ends and quotes of `from..to`, which starts at a line's start;
/// `None` when its bytes are not all UTF-8 or fewer than that.
fn tally(path: &Path, from: u64, to: u64) -> io::Result<Option<Tally>> {
    let mut source = open_at(path, from)?.take(to - from);
    let mut buf = vec![0u8; CHUNK + 4];
    let (mut carry, mut seen) = (0usize, 0u64);
    let mut tally = Tally {
        line_ends: 0,
        quotes: 0,
    };
    // A CR that ended the previous chunk: a line end unless an LF begins this one.
    let mut pending_cr = false;
    loop {
        let read = read_full(&mut source, &mut buf[carry..carry + CHUNK])?;
        if read == 0 {
            let complete = carry == 0 && seen == to - from;
            tally.line_ends += u64::from(pending_cr);
            return Ok(complete.then_some(tally));
        }
        seen += read as u64;
        let fresh = &buf[carry..carry + read];
        tally.line_ends += memchr_iter(b'\n', fresh).count() as u64;
        tally.quotes += memchr_iter(b'"', fresh).count() as u64;
        if std::mem::take(&mut pending_cr) && fresh[0] != b'\n' {
            tally.line_ends += 1;
        }
        // A CR alone ends a line; the LF of a CRLF was counted. Visited one
        // by one, as Excel's CRLF files have one a line.
        for at in memchr_iter(b'\r', fresh) {
            match fresh.get(at + 1) {
                Some(b'\n') => {}
                Some(_) => tally.line_ends += 1,
                None => pending_cr = true,
            }
        }
        let filled = carry + read;
        match simdutf8::compat::from_utf8(&buf[..filled]) {
            Ok(_) => carry = 0,
            // A character cut by the chunk's end: its bytes start the next.
            Err(error) if error.error_len().is_none() => {
                let valid = error.valid_up_to();
                buf.copy_within(valid..filled, 0);
                carry = filled - valid;
            }
            Err(_) => return Ok(None),
        }
    }
}

fn open_at(path: &Path, from: u64) -> io::Result<File> {
    let mut source = decode::open_regular(path)?;
    source.seek(SeekFrom::Start(from))?;
    Ok(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &[u8], count: usize) -> Option<Vec<(u64, u32)>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.csv");
        std::fs::write(&path, text).unwrap();
        find(&path, text.len() as u64, count).unwrap()
    }

    #[test]
    fn cuts_after_line_ends_outside_quotes() {
        // Half of the file ends at 9, where a line ends inside quotes.
        let text = b"a,b\nc,\"d\ne\nf\"\ng,h\n";
        assert_eq!(starts(text, 2), Some(vec![(0, 1)]));
        assert_eq!(starts(text, 3), Some(vec![(0, 1), (14, 5)]));
    }

    #[test]
    fn counts_cr_lf_and_crlf_as_one_line_end_each() {
        let text = b"a\r\nb\rc\nd\r\ne\n";
        assert_eq!(starts(text, 4), Some(vec![(0, 1), (3, 2), (7, 4), (10, 5)]));
    }

    #[test]
    fn a_byte_that_is_not_utf8_anywhere_leaves_the_file_whole() {
        let mut text = "编号,姓名\nM0001,张三\n".repeat(1000).into_bytes();
        assert_eq!(starts(&text, 4).map(|s| s.len()), Some(4));
        // A GBK byte in the last line.
        let at = text.len() - 4;
        text[at] = 0xB9;
        assert_eq!(starts(&text, 4), None);
    }

    /// The starts [`find`] should give, visiting every byte.
    fn starts_byte_by_byte(text: &[u8], count: usize) -> Vec<(u64, u32)> {
        let share = text.len() as u64 / count as u64;
        let mut targets = (1..count as u64).map(|i| i * share).peekable();
        let (mut starts, mut line, mut quotes) = (vec![(0, 1)], 1u32, 0);
        for (at, &byte) in text.iter().enumerate() {
            let ends_line = match byte {
                b'"' => {
                    quotes += 1;
                    false
                }
                b'\n' => true,
                b'\r' => text.get(at + 1) != Some(&b'\n'),
                _ => false,
            };
            if ends_line {
                line += 1;
                let end = at as u64 + 1;
                // A cut is taken at the first line end after its target,
                // and kept when the quotes before it are even.
                if targets.next_if(|&t| t <= end).is_some() {
                    while targets.next_if(|&t| t <= end).is_some() {}
                    if quotes % 2 == 0 && end < text.len() as u64 {
                        starts.push((end, line));
                    }
                }
            }
        }
        starts
    }

    #[test]
    fn cuts_of_files_over_several_chunks_are_found_as_byte_by_byte() {
        let mut seed = 12345u64;
        let mut next = move |below: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % below
        };
        // Plain LF files, and files with a quoted line end, a CR, a CRLF or
        // a Chinese character now and then, across chunk ends.
        for oddities in [false, true] {
            let mut text = Vec::new();
            while text.len() < 3 * CHUNK + 1000 {
                let long = next(50) == 0;
                let len = 1 + next(if long { 3000 } else { 60 });
                for _ in 0..len {
                    text.push(b'a' + next(26) as u8);
                }
                if oddities && next(200) == 0 {
                    text.extend_from_slice(b"\"x\ny\",");
                }
                if oddities && next(20) == 0 {
                    text.extend_from_slice("党".as_bytes());
                }
                let end: &[u8] = match next(if oddities { 100 } else { 1 }) {
                    0 if oddities => b"\r",
                    1 => b"\r\n",
                    _ => b"\n",
                };
                text.extend_from_slice(end);
            }
            for count in [2, 3, 7, 64] {
                assert_eq!(
                    starts(&text, count),
                    Some(starts_byte_by_byte(&text, count)),
                    "{oddities} {count}"
                );
            }
        }
    }
}
