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
            line: Some(line),
            column: Some(column),
            width: Some(self.width(span)),
        }
    }
}
