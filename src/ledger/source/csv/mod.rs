//! CSV, streamed record by record through a buffer that holds one chunk of
//! the file, so that memory does not grow with the file. A file that
//! encoding detection found all UTF-8 is cut into fields as it is read
//! (sliced out of the buffer, not copied); any other is decoded first.
//! `scan.rs` cuts records into fields, `record.rs` makes them rows.
//! Lines are counted per record; a cell's column is counted only when a
//! message needs it.

mod boundaries;
mod record;
mod scan;

use scan::{Record, Scan};

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use super::{FileInfo, ReadContext, Row, bad_bytes_diagnostic, foreign_line_diagnostic};
use crate::diag::{Code, Diagnostic, Diags, Location, Redaction};
use crate::t;
use crate::text::decode::{self, TextReader};
use crate::text::files::io_diagnostic;

const CHUNK: usize = 256 * 1024;

/// A record larger than this is not kept whole: its cells are larger than
/// taizhang reads, and it is skipped to its end.
const MAX_RECORD_BYTES: usize = 4 << 20;

pub(super) fn read(
    path: &Path,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) {
    let lang = cx.diags.lang;
    let (source, detected) = match open(path) {
        Ok(opened) => opened,
        Err(error) => return cx.file_lost(io_diagnostic(&file.path, &error, lang)),
    };
    let mut reading = Reading::new(file, cx);
    let bytes = if detected.all_utf8 {
        Bytes::Utf8 {
            file: source,
            started: false,
        }
    } else {
        let mut reader = TextReader::with_detected(source, detected);
        reading.foreign(&mut reader);
        Bytes::Decoded(Box::new(reader))
    };
    reading.run_reporting(bytes, on_row);
}

fn open(path: &Path) -> io::Result<(File, decode::Detected)> {
    let mut source = decode::open_regular(path)?;
    let detected = decode::detect(&mut source)?;
    Ok((source, detected))
}

/// A large UTF-8 file cut at record boundaries, to be read in parallel:
/// its header, and where each part starts (byte offset and line).
pub struct Parts {
    header: Vec<Option<usize>>,
    starts: Vec<(u64, u32)>,
}

impl Parts {
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Whether part `index`, whose reading ended at `ended`, ended where
    /// the next part starts: the cut was at a record boundary.
    pub fn ends_well(&self, index: usize, ended: u64) -> bool {
        self.starts
            .get(index + 1)
            .is_none_or(|&(next, _)| ended == next)
    }
}

/// How a file is to be read.
pub enum Split {
    /// Whole, by [`read`] (not UTF-8, or too small to cut).
    Whole,
    /// In parts, by [`read_part`]; the header was read.
    Parts(Parts),
    /// Not at all further: its header was read and was all it had, or
    /// it could not be read (reported).
    Done,
}

/// Reads the header of a UTF-8 file and cuts the rest into at most
/// `parts` parts of at least `min_part` bytes, at record boundaries.
pub(super) fn split(
    path: &Path,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    parts: usize,
    min_part: u64,
) -> Split {
    let lang = cx.diags.lang;
    let lost = |cx: &mut ReadContext<'_>, error: io::Error| {
        cx.file_lost(io_diagnostic(&file.path, &error, lang));
        Split::Done
    };
    let (mut source, len) = match open_with_len(path) {
        Ok(opened) => opened,
        Err(error) => return lost(cx, error),
    };
    let min_part = min_part.max(1);
    if parts < 2 || len < min_part.saturating_mul(2) {
        return Split::Whole;
    }
    // Whether the file is UTF-8 is found as it is cut, in parallel: the
    // whole-file detection of `read` would be a pass on one core.
    let mut start = vec![0u8; decode::START_BYTES];
    match read_full(&mut source, &mut start) {
        Ok(read) if decode::declared_by_start(&start[..read]).is_some() => return Split::Whole,
        Ok(_) => {}
        Err(error) => return lost(cx, error),
    }
    let count = usize::try_from(len / min_part).map_or(parts, |n| n.clamp(1, parts));
    let cuts = match boundaries::find(path, len, count) {
        Ok(Some(cuts)) => cuts,
        Ok(None) => return Split::Whole,
        Err(error) => return lost(cx, error),
    };
    if let Err(error) = source.seek(SeekFrom::Start(0)) {
        return lost(cx, error);
    }
    let mut reading = Reading::new(file, cx);
    reading.header_only = true;
    let bytes = Bytes::Utf8 {
        file: source,
        started: false,
    };
    reading.run_reporting(bytes, &mut |_, _| {});
    let (Some(header), false) = (reading.header.take(), reading.stopped) else {
        return Split::Done;
    };
    let (from, line) = (reading.position(), reading.line);
    let starts = std::iter::once((from, line))
        .chain(cuts.into_iter().filter(|&(cut, _)| cut > from))
        .collect();
    Split::Parts(Parts { header, starts })
}

fn open_with_len(path: &Path) -> io::Result<(File, u64)> {
    let source = decode::open_regular(path)?;
    let len = source.metadata()?.len();
    Ok((source, len))
}

/// Reads part `index` of a file cut by [`split`]; returns the offset its
/// reading ended at: the next part's start, unless the cut was not at a
/// record boundary after all (a quote in the middle of a cell), and the
/// file must be read whole.
pub(super) fn read_part(
    path: &Path,
    parts: &Parts,
    index: usize,
    file: &mut FileInfo,
    cx: &mut ReadContext<'_>,
    on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
) -> u64 {
    let lang = cx.diags.lang;
    let (start, line) = parts.starts[index];
    let opened = decode::open_regular(path).and_then(|mut source| {
        source.seek(SeekFrom::Start(start))?;
        Ok(source)
    });
    let source = match opened {
        Ok(source) => source,
        Err(error) => {
            cx.file_lost(io_diagnostic(&file.path, &error, lang));
            return u64::MAX;
        }
    };
    let mut reading = Reading::new(file, cx);
    reading.header = Some(parts.header.clone());
    (reading.base, reading.line) = (start, line);
    reading.stop = parts.starts.get(index + 1).map(|&(next, _)| next);
    let bytes = Bytes::Utf8 {
        file: source,
        started: true,
    };
    reading.run_reporting(bytes, on_row);
    reading.position()
}

/// Where the text comes from.
enum Bytes {
    /// A file found to be all UTF-8: its bytes are the text (after a BOM,
    /// if any); `started` once its first chunk was seen.
    Utf8 { file: File, started: bool },
    /// Text decoded from the file's encoding.
    Decoded(Box<TextReader<File>>),
}

/// The file being read: its buffer of text not yet consumed, the line the
/// next record starts on, and the header once read.
struct Reading<'f, 'c, 'd> {
    file: &'f mut FileInfo,
    cx: &'c mut ReadContext<'d>,
    /// The text read; `buf[start..]` is not consumed yet.
    buf: String,
    start: usize,
    /// Bytes read from a UTF-8 file and not yet taken into `buf`, in
    /// `pending[..pending_len]`: a character cut by the end of a chunk.
    pending: Vec<u8>,
    pending_len: usize,
    eof: bool,
    line: u32,
    header: Option<Vec<Option<usize>>>,
    /// Lines with bytes that do not decode: their rows are left out.
    bad_lines: Vec<u32>,
    mixed: bool,
    encoding: &'static str,
    record: Record,
    /// The file offset of `buf[0]`.
    base: u64,
    /// A part's end: no record starting there or later is read.
    stop: Option<u64>,
    /// Only the header is read (to cut the rest into parts).
    header_only: bool,
    /// Reading stopped before the file's end: what follows is lost.
    stopped: bool,
}

impl<'f, 'c, 'd> Reading<'f, 'c, 'd> {
    fn new(file: &'f mut FileInfo, cx: &'c mut ReadContext<'d>) -> Self {
        Reading {
            file,
            cx,
            buf: String::with_capacity(2 * CHUNK),
            start: 0,
            pending: Vec::new(),
            pending_len: 0,
            eof: false,
            line: 1,
            header: None,
            bad_lines: Vec::new(),
            mixed: false,
            encoding: "UTF-8",
            record: Record::default(),
            base: 0,
            stop: None,
            header_only: false,
            stopped: false,
        }
    }

    /// The file offset of the text not yet consumed.
    fn position(&self) -> u64 {
        self.base + self.start as u64
    }

    /// Reads, reporting a read error as the loss of the rest of the file.
    fn run_reporting(&mut self, bytes: Bytes, on_row: &mut dyn FnMut(&Row<'_>, &mut Diags)) {
        if let Err(error) = self.run(bytes, on_row) {
            let lang = self.cx.diags.lang;
            self.stopped = true;
            self.cx
                .file_lost(io_diagnostic(&self.file.path, &error, lang));
        }
    }

    /// The lines of a decoded file in another encoding that decode all the
    /// same: named and left out.
    fn foreign(&mut self, reader: &mut TextReader<File>) {
        let lang = self.cx.diags.lang;
        self.encoding = decode::encoding_label(reader.encoding());
        self.mixed = reader.detected().mixed;
        self.bad_lines = reader.detected().foreign_lines.clone();
        for &line in &self.bad_lines {
            self.cx
                .row_lost(foreign_line_diagnostic(self.file, line, lang));
        }
    }

    fn run(
        &mut self,
        mut bytes: Bytes,
        on_row: &mut dyn FnMut(&Row<'_>, &mut Diags),
    ) -> io::Result<()> {
        loop {
            if self.stop.is_some_and(|stop| self.position() >= stop) {
                return Ok(());
            }
            self.skip_blank_lines();
            let scan = if self.start == self.buf.len() && self.eof {
                break;
            } else {
                self.record
                    .scan(&self.buf, self.start, self.eof, &self.cx.limits)
            };
            match scan {
                Scan::Record(len) => {
                    let keep_going = self.finish_record(false, on_row);
                    self.line = self
                        .line
                        .saturating_add(self.record.lines(&self.buf, self.start, len));
                    self.start += len;
                    if !keep_going {
                        self.stopped = true;
                        return Ok(());
                    }
                    if self.header_only {
                        return Ok(());
                    }
                }
                Scan::Unbalanced => {
                    self.finish_record(true, on_row);
                    self.stopped = true;
                    return Ok(());
                }
                Scan::More if self.eof => unreachable!("the scan ends at the end of the file"),
                Scan::More if self.buf.len() - self.start > MAX_RECORD_BYTES => {
                    if !self.skip_large_record(&mut bytes)? {
                        self.stopped = true;
                        return Ok(());
                    }
                }
                Scan::More => self.fill(&mut bytes)?,
            }
        }
        if self.header.is_none() {
            let lang = self.cx.diags.lang;
            self.cx.diags.push(
                Diagnostic::warning(
                    Code::EmptyHeader,
                    t!(
                        lang,
                        "文件是空的，没有表头行",
                        "the file is empty: it has no header row"
                    ),
                )
                .at(Location::file(self.file.path.clone())),
            );
        }
        Ok(())
    }

    /// Reads more of the file into the buffer.
    fn fill(&mut self, bytes: &mut Bytes) -> io::Result<()> {
        self.buf.drain(..self.start);
        self.base += self.start as u64;
        self.start = 0;
        match bytes {
            Bytes::Utf8 { file, started } => {
                // Read after what is pending, into a buffer zeroed once.
                let before = self.pending_len;
                if self.pending.len() < before + CHUNK {
                    self.pending.resize(before + CHUNK, 0);
                }
                let read = read_full(file, &mut self.pending[before..before + CHUNK])?;
                let filled = before + read;
                self.cx.read_bytes(read as u64);
                let mut from = 0;
                if !std::mem::replace(started, true)
                    && self.pending[..filled].starts_with(&[0xEF, 0xBB, 0xBF])
                {
                    from = 3;
                    self.base += 3;
                }
                self.eof = read == 0;
                let bytes = &self.pending[from..filled];
                let taken = match simdutf8::compat::from_utf8(bytes) {
                    Ok(text) => {
                        self.buf.push_str(text);
                        text.len()
                    }
                    // A character cut by the chunk's end: the rest comes next.
                    Err(error) if error.error_len().is_none() && !self.eof => {
                        let valid = &bytes[..error.valid_up_to()];
                        let text =
                            simdutf8::basic::from_utf8(valid).map_err(|_| changed_while_read())?;
                        self.buf.push_str(text);
                        text.len()
                    }
                    Err(_) => return Err(changed_while_read()),
                };
                self.pending.copy_within(from + taken..filled, 0);
                self.pending_len = filled - from - taken;
                Ok(())
            }
            Bytes::Decoded(reader) => {
                let mut chunk = String::new();
                let before = reader.bytes_read();
                self.eof = !reader.next_chunk(&mut chunk)?;
                self.cx.read_bytes(reader.bytes_read() - before);
                self.buf.push_str(&chunk);
                self.report_bad_bytes(reader);
                Ok(())
            }
        }
    }

    fn report_bad_bytes(&mut self, reader: &mut TextReader<File>) {
        let lang = self.cx.diags.lang;
        // Which cells hold personal data is not known yet here.
        let redactions = if self.cx.has_personal_columns() {
            vec![Redaction::WHOLE_LINE]
        } else {
            Vec::new()
        };
        for bad in reader.take_bad_bytes() {
            self.bad_lines.push(bad.line);
            let mut diagnostic = bad_bytes_diagnostic(self.file, &bad, self.encoding, lang)
                .redact(redactions.clone());
            if self.mixed {
                diagnostic = diagnostic.hint(t!(
                    lang,
                    "文件其余部分是 UTF-8：这一行可能是以 GBK 保存的；在 Excel 中把整个文件另存为“CSV UTF-8”",
                    "the rest of the file is UTF-8: this line was probably saved as GBK; save the whole file from Excel as \"CSV UTF-8\""
                ));
            }
            self.cx.row_lost(diagnostic);
        }
    }

    /// Blank lines between records: skipped, and counted.
    fn skip_blank_lines(&mut self) {
        let buf = self.buf.as_bytes();
        while self.start < buf.len() {
            match buf[self.start] {
                b'\n' => self.start += 1,
                b'\r' if self.start + 1 < buf.len() => {
                    self.start += if buf[self.start + 1] == b'\n' { 2 } else { 1 };
                }
                // A CR that may be the first half of a CRLF: wait for more.
                b'\r' if !self.eof => return,
                b'\r' => self.start += 1,
                _ => return,
            }
            self.line = self.line.saturating_add(1);
        }
    }

    /// A record beyond [`MAX_RECORD_BYTES`]: reported, and skipped to its end
    /// without keeping it. `false` when that end is the file's.
    fn skip_large_record(&mut self, bytes: &mut Bytes) -> io::Result<bool> {
        let lang = self.cx.diags.lang;
        let max = self.cx.limits.max_field_bytes;
        let line = self.line;
        let lost = if self.header.is_none() {
            ReadContext::file_lost
        } else {
            ReadContext::row_lost
        };
        lost(
            self.cx,
            Diagnostic::error(
                Code::FieldTooLarge,
                t!(
                    lang,
                    "单元格超过 {max} 字节，该行未读取",
                    "a cell is larger than {max} bytes; the row was left out"
                ),
            )
            .at(self.file.location(line, Some(1), None))
            .expected(t!(lang, "不超过 {max} 字节", "at most {max} bytes")),
        );
        // Through quoted fields to the first line end outside quotes; a
        // CR is a line end unless an LF follows (that may be in the next
        // chunk: the CR is then looked at again).
        let mut in_quotes = false;
        loop {
            let (mut at, end) = (self.start, self.buf.len());
            while at < end {
                let byte = self.buf.as_bytes()[at];
                let next = self.buf.as_bytes().get(at + 1).copied();
                if byte == b'\r' && next.is_none() && !self.eof {
                    break;
                }
                let line_end = byte == b'\n' || (byte == b'\r' && next != Some(b'\n'));
                if byte == b'"' {
                    in_quotes = !in_quotes;
                } else if line_end {
                    self.line = self.line.saturating_add(1);
                    if !in_quotes {
                        self.start = at + 1;
                        return Ok(self.header.is_some());
                    }
                }
                at += 1;
            }
            self.start = at;
            if self.eof {
                return Ok(false);
            }
            self.fill(bytes)?;
        }
    }
}

/// The file was all UTF-8 when its encoding was detected, and is not now.
fn changed_while_read() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "the file changed while it was read",
    )
}

/// Reads until `buf` is full or the source ends; how many bytes it read.
fn read_full(source: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match source.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}
