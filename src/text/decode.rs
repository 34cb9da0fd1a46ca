//! Bytes → text. Ledger files come as UTF-8 (with or without BOM), or as
//! GB18030/GBK when Excel on a Chinese Windows saved them; the encoding is
//! detected per file, and every undecodable byte is reported, never dropped.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use encoding_rs::{Decoder, DecoderResult, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use super::lines::Position;

const CHUNK: usize = 64 * 1024;

/// A byte sequence the file's encoding cannot decode; decoding goes on with
/// U+FFFD in its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadBytes {
    pub offset: u64,
    pub line: u32,
    /// The character column of the U+FFFD that stands for it, from 1.
    pub column: u32,
    pub byte: u8,
}

/// The encoding of a file: a BOM decides; otherwise UTF-16 if its start has
/// the NUL bytes of UTF-16, UTF-8 if every byte of the file is valid UTF-8,
/// else GB18030 (a superset of GBK and GB2312). A file whose lines are
/// partly UTF-8 Chinese and partly not is decoded by its majority; the
/// lines in the other encoding are returned, to be named and left out.
/// Reads the file to its end and leaves it rewound.
pub fn detect(file: &mut File) -> io::Result<Detected> {
    let detected = scan_encoding(file)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(detected)
}

/// What [`detect`] found.
#[derive(Clone, Debug, PartialEq)]
pub struct Detected {
    pub encoding: &'static Encoding,
    /// Whether the file mixes encodings.
    pub mixed: bool,
    /// The lines in the minority encoding that decode without an error
    /// all the same (UTF-8 lines in a GBK file): their text would be
    /// garbled, so they are named and left out. (GBK lines in a UTF-8 file
    /// do not decode and are reported as such.)
    pub foreign_lines: Vec<u32>,
    /// Every byte of the file (after a BOM) was found to be valid UTF-8:
    /// its text can be taken as it is, without decoding.
    pub all_utf8: bool,
}

impl Detected {
    fn plain(encoding: &'static Encoding) -> Detected {
        Detected {
            encoding,
            mixed: false,
            foreign_lines: Vec::new(),
            all_utf8: false,
        }
    }
}

/// The encoding other than UTF-8 that a file's first bytes (its first
/// chunk) declare: a UTF-16 BOM, or the NUL bytes of UTF-16 without one.
/// Such a file is not UTF-8 however valid its bytes are: ASCII in UTF-16
/// is valid UTF-8, NULs and all.
pub fn declared_by_start(start: &[u8]) -> Option<&'static Encoding> {
    match Encoding::for_bom(start) {
        Some((encoding, _)) if encoding == UTF_8 => None,
        Some((encoding, _)) => Some(encoding),
        None => utf16_without_bom(start),
    }
}

/// How much of a file's start [`declared_by_start`] looks at.
pub const START_BYTES: usize = CHUNK;

fn scan_encoding(file: &mut File) -> io::Result<Detected> {
    let mut buf = vec![0u8; CHUNK];
    let mut carry = 0usize;
    let mut first = true;
    // A UTF-8 BOM decides the encoding; the bytes are still checked, so
    // that a file that is all UTF-8 is known to be.
    let mut utf8_bom = false;
    loop {
        let read = file.read(&mut buf[carry..])?;
        let filled = carry + read;
        let mut from = 0;
        if first {
            first = false;
            if let Some(encoding) = declared_by_start(&buf[..filled]) {
                return Ok(Detected::plain(encoding));
            }
            if let Some((_, bom)) = Encoding::for_bom(&buf[..filled]) {
                utf8_bom = true;
                from = bom;
            }
        }
        if read == 0 {
            // A multi-byte sequence cut off by the end of the file.
            if carry == 0 {
                return Ok(Detected {
                    all_utf8: true,
                    ..Detected::plain(UTF_8)
                });
            }
            break;
        }
        match simdutf8::compat::from_utf8(&buf[from..filled]) {
            Ok(_) => carry = 0,
            Err(error) if error.error_len().is_none() => {
                let valid = from + error.valid_up_to();
                buf.copy_within(valid..filled, 0);
                carry = filled - valid;
            }
            Err(_) => break,
        }
    }
    if utf8_bom {
        return Ok(Detected::plain(UTF_8));
    }
    // Not all UTF-8: look at it line by line (a second pass, for the files
    // that need it only).
    file.seek(SeekFrom::Start(0))?;
    let lines = classify_lines(file)?;
    type Lines<'a> = Vec<&'a (u32, LineKind)>;
    let (utf8, other): (Lines<'_>, Lines<'_>) = lines
        .iter()
        .filter(|(_, kind)| *kind != LineKind::Ascii)
        .partition(|(_, kind)| *kind == LineKind::Utf8Chinese);
    if utf8.is_empty() {
        return Ok(Detected::plain(GB18030));
    }
    if utf8.len() >= other.len() {
        return Ok(Detected {
            mixed: true,
            ..Detected::plain(UTF_8)
        });
    }
    Ok(Detected {
        mixed: true,
        foreign_lines: utf8.iter().map(|(line, _)| *line).collect(),
        ..Detected::plain(GB18030)
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    Ascii,
    /// Valid UTF-8 with at least two CJK characters: Chinese saved as
    /// UTF-8 (a GBK line rarely forms such a sequence by chance).
    Utf8Chinese,
    /// Anything else: not UTF-8, or too little of it to tell.
    Other,
}

/// Each line with non-ASCII bytes and what its bytes look like. CR, LF and
/// CRLF end lines; neither byte occurs inside a GBK or UTF-8 character.
fn classify_lines(file: &mut File) -> io::Result<Vec<(u32, LineKind)>> {
    let mut found = Vec::new();
    let mut buf = vec![0u8; CHUNK];
    let (mut line, mut after_cr) = (1u32, false);
    // The UTF-8 state of the current line: continuation bytes still due,
    // whether the line has a sequence UTF-8 refuses, its CJK characters,
    // the lead byte of the current sequence, any non-ASCII byte.
    let (mut due, mut invalid, mut cjk, mut lead, mut wide) = (0u8, false, 0u32, 0u8, false);
    let mut end_line = |line: u32, due: u8, invalid: bool, cjk: u32, wide: bool| {
        if wide {
            let kind = if !invalid && due == 0 && cjk >= 2 {
                LineKind::Utf8Chinese
            } else {
                LineKind::Other
            };
            found.push((line, kind));
        }
    };
    loop {
        let read = read_full(file, &mut buf)?;
        if read == 0 {
            break;
        }
        for &byte in &buf[..read] {
            if byte == b'\n' || byte == b'\r' {
                if !(byte == b'\n' && after_cr) {
                    end_line(line, due, invalid, cjk, wide);
                    line = line.saturating_add(1);
                    (due, invalid, cjk, wide) = (0, false, 0, false);
                }
                after_cr = byte == b'\r';
                continue;
            }
            after_cr = false;
            if byte >= 0x80 {
                wide = true;
            }
            if due > 0 {
                if (0x80..=0xBF).contains(&byte) {
                    due -= 1;
                    // E4–E9 lead the three-byte forms of U+4E00–U+9FFF.
                    if due == 0 && (0xE4..=0xE9).contains(&lead) {
                        cjk += 1;
                    }
                    continue;
                }
                invalid = true;
                due = 0;
            }
            match byte {
                0x00..=0x7F => {}
                0xC2..=0xDF => (due, lead) = (1, byte),
                0xE0..=0xEF => (due, lead) = (2, byte),
                0xF0..=0xF4 => (due, lead) = (3, byte),
                _ => invalid = true,
            }
        }
    }
    end_line(line, due, invalid, cjk, wide);
    Ok(found)
}

/// UTF-16 saved without a BOM: text files hold no NUL bytes, but UTF-16
/// puts one beside every ASCII character, at odd offsets little-endian and
/// at even ones big-endian.
fn utf16_without_bom(start: &[u8]) -> Option<&'static Encoding> {
    let pairs = start.len() / 2;
    let zeros_at = |parity: usize| {
        start
            .chunks_exact(2)
            .filter(|pair| pair[parity] == 0 && pair[1 - parity] != 0)
            .count()
    };
    let (odd, even) = (zeros_at(1), zeros_at(0));
    if pairs == 0 || odd.max(even) * 4 < pairs {
        None
    } else if odd >= even {
        Some(UTF_16LE)
    } else {
        Some(UTF_16BE)
    }
}

/// Why a path that exists was not read: it is no regular file.
#[derive(Debug)]
pub struct NotAFile;

impl std::fmt::Display for NotAFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a regular file")
    }
}

impl std::error::Error for NotAFile {}

/// Opens a regular file for reading. A pipe, socket or device (perhaps
/// behind a symbolic link) is refused before it is opened: opening a pipe
/// waits for a writer, and a device such as /dev/zero never ends.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, NotAFile));
    }
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, NotAFile));
    }
    File::open(path)
}

/// Streams a file as UTF-8 text, chunk by chunk, so that memory does not grow
/// with the file.
pub struct TextReader<R> {
    source: R,
    decoder: Decoder,
    encoding: &'static Encoding,
    detected: Detected,
    input: Vec<u8>,
    offset: u64,
    at: Position,
    done: bool,
    bad: Vec<BadBytes>,
}

impl TextReader<File> {
    pub fn open(path: &Path) -> io::Result<TextReader<File>> {
        let mut file = open_regular(path)?;
        let detected = detect(&mut file)?;
        Ok(TextReader::with_detected(file, detected))
    }

    /// A reader of a file whose encoding [`detect`] found (the file rewound).
    pub fn with_detected(file: File, detected: Detected) -> TextReader<File> {
        let mut reader = TextReader::new(file, detected.encoding);
        reader.detected = detected;
        reader
    }
}

impl<R: Read> TextReader<R> {
    pub fn new(source: R, encoding: &'static Encoding) -> TextReader<R> {
        TextReader {
            source,
            decoder: encoding.new_decoder_with_bom_removal(),
            encoding,
            detected: Detected::plain(encoding),
            input: vec![0u8; CHUNK],
            offset: 0,
            at: Position::default(),
            done: false,
            bad: Vec::new(),
        }
    }

    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// The bytes of the source read so far.
    pub fn bytes_read(&self) -> u64 {
        self.offset
    }

    /// What detection found: whether the file mixes encodings, and its
    /// lines in the other one.
    pub fn detected(&self) -> &Detected {
        &self.detected
    }

    /// Replaces `out` with the next piece of text; `false` at the end.
    pub fn next_chunk(&mut self, out: &mut String) -> io::Result<bool> {
        out.clear();
        while out.is_empty() {
            if self.done {
                return Ok(false);
            }
            let read = read_full(&mut self.source, &mut self.input)?;
            let last = read == 0;
            let mut src = &self.input[..read];
            let start_offset = self.offset;
            self.offset += read as u64;
            out.reserve(
                self.decoder
                    .max_utf8_buffer_length_without_replacement(src.len())
                    .unwrap_or(src.len() * 3 + 16),
            );
            loop {
                let before = out.len();
                let (result, consumed) = self
                    .decoder
                    .decode_to_string_without_replacement(src, out, last);
                self.at.advance(&out.as_bytes()[before..]);
                let consumed_offset = self.offset - (src.len() - consumed) as u64;
                src = &src[consumed..];
                match result {
                    DecoderResult::InputEmpty => break,
                    DecoderResult::OutputFull => out.reserve(src.len() * 3 + 16),
                    DecoderResult::Malformed(bad_len, after) => {
                        let bad_start =
                            consumed_offset.saturating_sub(u64::from(after) + u64::from(bad_len));
                        // A sequence begun in the previous chunk is named by its
                        // first byte in this one.
                        let index = bad_start.saturating_sub(start_offset) as usize;
                        let byte = self.input.get(index).copied().unwrap_or(0);
                        self.bad.push(BadBytes {
                            offset: bad_start,
                            line: self.at.line,
                            column: self.at.column.saturating_add(1),
                            byte,
                        });
                        out.push('\u{FFFD}');
                        self.at.column = self.at.column.saturating_add(1);
                    }
                }
            }
            if last {
                self.done = true;
            }
        }
        Ok(true)
    }

    /// The undecodable bytes met so far, taken out.
    pub fn take_bad_bytes(&mut self) -> Vec<BadBytes> {
        std::mem::take(&mut self.bad)
    }
}

fn read_full<R: Read>(source: &mut R, buf: &mut [u8]) -> io::Result<usize> {
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

/// A whole file as text, for the files that are read at once (TOML, note
/// texts), refusing files larger than `limit` bytes.
pub struct WholeText {
    pub text: String,
    pub encoding: &'static Encoding,
    pub bad: Vec<BadBytes>,
    /// Lines in another encoding that decoded without an error (see [`Detected`]).
    pub foreign_lines: Vec<u32>,
}

pub enum ReadError {
    Io(io::Error),
    TooLarge(u64),
}

pub fn read_whole(path: &Path, limit: u64) -> Result<WholeText, ReadError> {
    let size = std::fs::metadata(path).map_err(ReadError::Io)?.len();
    if size > limit {
        return Err(ReadError::TooLarge(size));
    }
    let mut reader = TextReader::open(path).map_err(ReadError::Io)?;
    let mut text = String::with_capacity(size as usize);
    let mut chunk = String::new();
    while reader.next_chunk(&mut chunk).map_err(ReadError::Io)? {
        text.push_str(&chunk);
    }
    Ok(WholeText {
        text,
        encoding: reader.encoding(),
        foreign_lines: reader.detected.foreign_lines.clone(),
        bad: reader.take_bad_bytes(),
    })
}

/// The display name of an encoding, as a clerk knows it.
pub fn encoding_label(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 {
        "GB18030/GBK"
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        "UTF-16"
    } else {
        "UTF-8"
    }
}

/// Full-width ASCII forms (Ａ１２，and the ideographic space) as ASCII, as a
/// Chinese input method in full-width mode types them.
pub fn fold_width(text: &str) -> Cow<'_, str> {
    let is_wide = |c: char| ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}';
    if text.is_ascii() || !text.chars().any(is_wide) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                c if is_wide(c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
    )
}

/// Surrounding whitespace removed, including the ideographic space and a
/// stray BOM that Excel leaves at the start of a cell.
pub fn trim(text: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7F);
    let bytes = text.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        return text; // most cells: nothing to trim
    }
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8]) -> (String, Vec<BadBytes>, &'static str) {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        let path = file.path();
        let mut reader = TextReader::open(path).unwrap();
        let label = encoding_label(reader.encoding());
        let mut text = String::new();
        let mut chunk = String::new();
        while reader.next_chunk(&mut chunk).unwrap() {
            text.push_str(&chunk);
        }
        (text, reader.take_bad_bytes(), label)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_all("姓名,编号\n".as_bytes()).0, "姓名,编号\n");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("姓名\n".as_bytes());
        let (text, bad, label) = decode_all(&bom);
        assert_eq!((text.as_str(), bad.len(), label), ("姓名\n", 0, "UTF-8"));
    }

    #[test]
    fn gbk_is_detected_and_decoded() {
        let (bytes, _, _) = GB18030.encode("党员编号,姓名\nM1,张三\n");
        let (text, bad, label) = decode_all(&bytes);
        assert_eq!(
            (text.as_str(), bad.len(), label),
            ("党员编号,姓名\nM1,张三\n", 0, "GB18030/GBK")
        );
    }

    #[test]
    fn a_stray_byte_in_gbk_is_reported_with_its_offset_and_line() {
        let mut bytes = GB18030.encode("姓名\n张三\n").0.into_owned();
        bytes.insert(9, 0xFF);
        let (text, bad, _) = decode_all(&bytes);
        assert_eq!(text, "姓名\n张三\u{FFFD}\n");
        assert_eq!(
            bad,
            vec![BadBytes {
                offset: 9,
                line: 2,
                column: 3,
                byte: 0xFF
            }]
        );
    }

    #[test]
    fn a_utf8_file_with_a_gbk_line_stays_utf8_and_the_line_does_not_decode() {
        let mut bytes = "姓名,编号\n张三,M1\n李四,M2\n".as_bytes().to_vec();
        bytes.extend_from_slice(&GB18030.encode("王五,M3\n").0);
        let (text, bad, label) = decode_all(&bytes);
        assert_eq!(label, "UTF-8");
        assert!(text.starts_with("姓名,编号\n张三,M1\n"));
        assert_eq!(bad.first().map(|b| b.line), Some(4));
    }

    #[test]
    fn a_gbk_file_with_a_utf8_line_names_the_line() {
        let mut bytes = GB18030
            .encode("姓名,编号\n张三,M1\n李四,M2\n")
            .0
            .into_owned();
        bytes.extend_from_slice("王五六,M3\n".as_bytes());
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), &bytes).unwrap();
        let detected = detect(&mut std::fs::File::open(file.path()).unwrap()).unwrap();
        assert_eq!(
            (
                encoding_label(detected.encoding),
                detected.mixed,
                detected.foreign_lines
            ),
            ("GB18030/GBK", true, vec![4])
        );
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "id,name\nM1,张三\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode_all(&le).0, text);
        assert_eq!(decode_all(&be).0, text);
        assert_eq!(decode_all(&le).2, "UTF-16");
    }

    #[test]
    fn full_width_forms_fold_to_ascii() {
        assert_eq!(fold_width("２０２５／３／５"), "2025/3/5");
        assert_eq!(fold_width("Ｍ０００１"), "M0001");
        assert_eq!(trim("\u{3000} M1 \u{FEFF}"), "M1");
    }
}
