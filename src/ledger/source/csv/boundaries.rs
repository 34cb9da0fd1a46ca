//! Where to cut a CSV file into parts that can be read in parallel: at the
//! first line end after each even share of the file that is outside
//! quotes, by the parity of the quotes before it. A quote in the middle of
//! an unquoted cell is text, not an opening quote, and would make the
//! parity wrong; the reader of each part checks that it ended where the
//! next begins, and the file is read whole when it did not.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use memchr::{memchr, memchr_iter, memchr2, memchr3_iter};

use crate::text::decode;

const CHUNK: usize = 1 << 20;

/// The starts (byte offset and line) of `count` parts of the file's bytes
/// from `from` (a record's start, on line `line`) to `len`; the first is
/// `from` itself. Fewer when the file has fewer line ends outside quotes.
pub(super) fn find(
    path: &Path,
    from: u64,
    line: u32,
    len: u64,
    count: usize,
) -> io::Result<Vec<(u64, u32)>> {
    let mut starts = vec![(from, line)];
    let share = (len - from) / count as u64;
    let mut targets = (1..count as u64).map(|i| from + i * share).peekable();
    let mut source: File = decode::open_regular(path)?;
    source.seek(SeekFrom::Start(from))?;
    let mut buf = vec![0u8; CHUNK];
    let (mut offset, mut line, mut in_quotes) = (from, line, false);
    // A CR at the end of a chunk: a line end unless the next byte is LF.
    let mut pending_cr = false;
    while targets.peek().is_some() {
        let read = source.read(&mut buf)?;
        if read == 0 {
            break;
        }
        let chunk = &buf[..read];
        if !pending_cr && memchr2(b'"', b'\r', chunk).is_none() {
            // Most chunks: line ends are LF alone and the quotes' parity does
            // not change, so lines are counted, not visited one by one.
            let mut counted = 0;
            while !in_quotes && let Some(&target) = targets.peek() {
                // The first line end at or after the target: an LF at `at` ends at `offset + at + 1`.
                let search = (target.saturating_sub(offset + 1) as usize).max(counted);
                let Some(at) = chunk.get(search..).and_then(|rest| memchr(b'\n', rest)) else {
                    break;
                };
                let at = search + at;
                line = line.saturating_add(line_ends(&chunk[counted..=at]));
                counted = at + 1;
                let end = offset + counted as u64;
                while targets.next_if(|&target| target <= end).is_some() {}
                starts.push((end, line));
            }
            line = line.saturating_add(line_ends(&chunk[counted..]));
            offset += read as u64;
            continue;
        }
        let mut line_end = |end: u64, line: &mut u32, in_quotes: bool| {
            *line = line.saturating_add(1);
            if !in_quotes && targets.next_if(|&target| target <= end).is_some() {
                while targets.next_if(|&target| target <= end).is_some() {}
                starts.push((end, *line));
            }
        };
        if pending_cr {
            pending_cr = false;
            if chunk[0] != b'\n' {
                line_end(offset, &mut line, in_quotes);
            }
        }
        for at in memchr3_iter(b'"', b'\n', b'\r', chunk) {
            match chunk[at] {
                b'"' => in_quotes = !in_quotes,
                b'\n' => line_end(offset + at as u64 + 1, &mut line, in_quotes),
                _ => match chunk.get(at + 1) {
                    Some(b'\n') => {}
                    Some(_) => line_end(offset + at as u64 + 1, &mut line, in_quotes),
                    None => pending_cr = true,
                },
            }
        }
        offset += read as u64;
    }
    Ok(starts)
}

/// The LFs in `bytes`.
fn line_ends(bytes: &[u8]) -> u32 {
    u32::try_from(memchr_iter(b'\n', bytes).count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &[u8], count: usize) -> Vec<(u64, u32)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.csv");
        std::fs::write(&path, text).unwrap();
        find(&path, 0, 1, text.len() as u64, count).unwrap()
    }

    #[test]
    fn cuts_after_line_ends_outside_quotes() {
        // Half of the file ends at 9, where a line ends inside quotes.
        let text = b"a,b\nc,\"d\ne\nf\"\ng,h\n";
        assert_eq!(starts(text, 2), vec![(0, 1), (14, 5)]);
    }

    #[test]
    fn counts_cr_lf_and_crlf_as_one_line_end_each() {
        let text = b"a\r\nb\rc\nd\r\ne\n";
        assert_eq!(starts(text, 4), vec![(0, 1), (3, 2), (7, 4), (10, 5)]);
    }

    /// The starts [`find`] should give, visiting every byte.
    fn starts_byte_by_byte(text: &[u8], count: usize) -> Vec<(u64, u32)> {
        let share = text.len() as u64 / count as u64;
        let mut targets = (1..count as u64).map(|i| i * share).peekable();
        let (mut starts, mut line, mut in_quotes) = (vec![(0, 1)], 1u32, false);
        for (at, &byte) in text.iter().enumerate() {
            let ends_line = match byte {
                b'"' => {
                    in_quotes = !in_quotes;
                    false
                }
                b'\n' => true,
                b'\r' => text.get(at + 1) != Some(&b'\n'),
                _ => false,
            };
            if ends_line {
                line += 1;
                let end = at as u64 + 1;
                if !in_quotes && targets.next_if(|&t| t <= end).is_some() {
                    while targets.next_if(|&t| t <= end).is_some() {}
                    starts.push((end, line));
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
        // Plain LF files (counted a chunk at a time), and files with a quote
        // or a CR now and then (visited), across chunk ends.
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
                let cr = oddities && next(100) == 0;
                text.extend_from_slice(if cr { b"\r" } else { b"\n" });
            }
            for count in [2, 3, 7, 64] {
                assert_eq!(
                    starts(&text, count),
                    starts_byte_by_byte(&text, count),
                    "{oddities} {count}"
                );
            }
        }
    }
}
