//! Byte offsets of text → lines and character columns.

use crate::diag::Location;

/// Byte offsets of line starts, to turn TOML spans into lines and columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { text, starts }
    }

    /// Line and character column (both from 1) of a byte offset.
    pub fn locate(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line as u32 + 1, column as u32 + 1)
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn width(&self, span: &std::ops::Range<usize>) -> u32 {
        let text = self.text.get(span.clone()).unwrap_or("");
        let first_line = text.split('\n').next().unwrap_or("");
        first_line.chars().count().max(1) as u32
    }

    pub fn location(&self, path: &str, span: &std::ops::Range<usize>) -> Location {
        let (line, column) = self.locate(span.start);
        Location {
            file: Some(path.to_string()),
            sheet: None,
            line: Some(line),
            column: Some(column),
            width: Some(self.width(span)),
        }
    }
}

/// A place in text being read piece by piece: the line (from 1) and the
/// characters before it on its line. CR, LF and CRLF each end a line, as
/// in the files old Windows and Mac programs write; a CRLF split between
/// two pieces is one line end.
#[derive(Clone, Copy, Debug)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    /// The last piece ended with a CR: an LF starting the next ends no line.
    after_cr: bool,
}

impl Default for Position {
    fn default() -> Position {
        Position {
            line: 1,
            column: 0,
            after_cr: false,
        }
    }
}

impl Position {
    /// Moves past `consumed` (UTF-8 bytes). Counters saturate rather than
    /// overflow on absurdly long input.
    pub fn advance(&mut self, consumed: &[u8]) {
        let Some(&first) = consumed.first() else {
            return;
        };
        let mut breaks = 0u64;
        let mut last_end = None;
        // Two tight passes the compiler vectorizes for the common case of
        // no CR at all: this runs over every byte read.
        if consumed.contains(&b'\r') {
            for (i, &byte) in consumed.iter().enumerate() {
                let ends = match byte {
                    b'\n' => !(i == 0 && self.after_cr) && (i == 0 || consumed[i - 1] != b'\r'),
                    b'\r' => true,
                    _ => false,
                };
                if ends {
                    breaks += 1;
                }
                if byte == b'\n' || byte == b'\r' {
                    last_end = Some(i);
                }
            }
        } else {
            breaks = consumed.iter().filter(|&&b| b == b'\n').count() as u64;
            if first == b'\n' && self.after_cr {
                breaks -= 1;
            }
            last_end = consumed.iter().rposition(|&b| b == b'\n');
        }
        self.after_cr = consumed.last() == Some(&b'\r');
        self.line = self
            .line
            .saturating_add(u32::try_from(breaks).unwrap_or(u32::MAX));
        let tail = match last_end {
            Some(end) => {
                self.column = 0;
                &consumed[end + 1..]
            }
            None => consumed,
        };
        let chars = tail.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.column = self
            .column
            .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
    }
}

#[cfg(test)]
mod tests {
    use super::Position;

    fn after(pieces: &[&str]) -> (u32, u32) {
        let mut at = Position::default();
        for piece in pieces {
            at.advance(piece.as_bytes());
        }
        (at.line, at.column)
    }

    #[test]
    fn cr_lf_and_crlf_each_end_a_line() {
        assert_eq!(after(&["a\nb\rc\r\nd"]), (4, 1));
        assert_eq!(after(&["a\r", "\nb"]), (2, 1));
        assert_eq!(after(&["a\r", "b"]), (2, 1));
        assert_eq!(after(&["\r\r\n\n"]), (4, 0));
        assert_eq!(after(&["张三", "李"]), (1, 3));
    }
}
