//! serde_json's pretty layout for a value that sits some levels inside the
//! document: the findings' entries are formatted apart, in parallel, and
//! must look as if `to_writer_pretty` had written the whole document.

use std::io::{self, Write};

use serde_json::ser::Formatter;

/// [`serde_json::ser::PrettyFormatter`] with two spaces a level, starting
/// `depth` levels in. Reindenting the pretty printer's output instead cost
/// a search for line breaks in each of its many small writes.
pub(super) struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    pub(super) fn at(depth: usize) -> Nested {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn new_line<W: ?Sized + Write>(&self, writer: &mut W, comma: bool) -> io::Result<()> {
        const SPACES: &[u8; 64] = &[b' '; 64];
        writer.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut indent = 2 * self.depth;
        while indent > 0 {
            let now = indent.min(SPACES.len());
            writer.write_all(&SPACES[..now])?;
            indent -= now;
        }
        Ok(())
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(writer, false)?;
        }
        writer.write_all(bracket)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Nested;
    use serde::Serialize;

    /// Each value, written at depth 2 after a line break and four spaces,
    /// reads as the pretty printer writes it inside `{"a": [...]}`.
    #[test]
    fn lays_out_as_the_pretty_printer_does() {
        let values = [
            serde_json::json!({"rule": "EDU01", "because": [], "location": {"file": "a.csv", "line": 3}}),
            serde_json::json!({"empty": {}, "list": [1, [2, {}], {"x": null}], "text": "a\nb"}),
            serde_json::json!([]),
            serde_json::json!("plain"),
        ];
        for value in values {
            let whole = serde_json::to_string_pretty(&serde_json::json!({"a": [value]})).unwrap();
            let mut text = b"{\n  \"a\": [\n    ".to_vec();
            let mut serializer = serde_json::Serializer::with_formatter(&mut text, Nested::at(2));
            value.serialize(&mut serializer).unwrap();
            text.extend_from_slice(b"\n  ]\n}");
            assert_eq!(String::from_utf8(text).unwrap(), whole);
        }
    }
}
