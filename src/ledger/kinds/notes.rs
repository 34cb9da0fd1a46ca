//! `notes`: study-note entries, counted in characters, either as written in
//! `chars` or counted from a text file inside the ledger.

use std::path::{Component, Path, PathBuf};

use chrono::Datelike;
use rustc_hash::{FxHashMap, FxHashSet};

use super::members::MemberIdx;
use super::{Load, LoadContext, Merge};
use crate::diag::Code;
use crate::ledger::columns::{Column, ColumnSet, columns};
use crate::ledger::row::RowReader;
use crate::ledger::sums::MemberSums;
use crate::t;
use crate::text::decode::{self, ReadError};
use crate::text::files;

columns! {
    pub enum NoteCol {
        Date = Column::required("date", &["日期"]),
        Member = Column::required("member", &["党员编号"]),
        Chars = Column::optional("chars", &["字数"]),
        File = Column::optional("file", &["文件"]),
        Title = Column::optional("title", &["标题"]),
    }
}

const MAX_NOTE_FILE_BYTES: u64 = 64 << 20;

/// Note characters of the year per member.
#[derive(Debug, Default)]
pub struct Notes {
    chars: MemberSums<u64>,
    /// Each note file's count, read once however many rows name it.
    counted: FxHashMap<PathBuf, Option<u64>>,
    /// The note files named by rows, which `--strict` does not call unknown.
    pub files: FxHashSet<PathBuf>,
}

impl Merge for Notes {
    fn merge(&mut self, later: Notes) {
        self.chars.merge(later.chars, u64::saturating_add);
        self.counted.extend(later.counted);
        self.files.extend(later.files);
    }

    /// A note file named twice is reported at the first row naming it:
    /// which row that is depends on the rows before.
    fn splits(headers: &[Option<String>]) -> bool {
        headers[NoteCol::File.index()].is_none()
    }
}

impl Load for Notes {
    const COLUMNS: &'static [Column] = NoteCol::COLUMNS;

    fn new(_: &LoadContext<'_>) -> Notes {
        Notes::default()
    }

    fn row(&mut self, row: &mut RowReader<'_, '_>, cx: &LoadContext<'_>) {
        let root = cx.root;
        let lang = row.lang();
        let date = row.required_date(NoteCol::Date);
        if let Some(date) = date {
            row.name_when(date, date);
        }
        let member = cx.member(row, NoteCol::Member);
        let written = row.whole_number(NoteCol::Chars, 0.0, 1e9).map(|n| n as u64);
        let counted = match row.text(NoteCol::File) {
            Some(file) => self.count_file(row, root, &file),
            None => None,
        };
        if !row.has(NoteCol::Chars) && !row.has(NoteCol::File) && row.ok() {
            row.fail(
                NoteCol::Chars,
                Code::NoteText,
                t!(
                    lang,
                    "学习笔记既没有“字数”也没有“文件”",
                    "the note has neither chars nor a file"
                ),
            )
            .hint(t!(
                lang,
                "填写字数，或填写笔记文本文件在台账目录中的相对路径",
                "fill in the character count, or the path of the note's text file inside the ledger"
            ));
        }
        if let (Some(written), Some(counted)) = (written, counted)
            && written != counted
        {
            row.warn(NoteCol::Chars, Code::NoteCharsMismatch, t!(lang, "填写的字数 {written} 与文件中实际的 {counted} 字不符，按实际字数计", "the note says {written} characters but its file has {counted}; the counted number is used"))
                    .expected(counted.to_string());
        }
        let (Some(date), Some(member), true) = (date, member, row.ok()) else {
            return;
        };
        if date.year() == cx.year {
            let total = self.chars.entry(member);
            *total = total.saturating_add(counted.or(written).unwrap_or(0));
        }
    }
}

impl Notes {
    pub fn chars(&self, member: MemberIdx) -> u64 {
        self.chars.get(member)
    }

    /// The count of a note file, which must be a relative path that stays
    /// inside the ledger, also after following symbolic links.
    fn count_file(&mut self, row: &mut RowReader<'_, '_>, root: &Path, file: &str) -> Option<u64> {
        let lang = row.lang();
        let normalized = file.replace('\\', "/");
        let relative = Path::new(&normalized);
        let leaves = relative.is_absolute()
            || normalized.starts_with('/')
            || normalized.get(1..2) == Some(":")
            || relative
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        if leaves {
            row.fail(NoteCol::File, Code::NoteFileOutside, t!(lang, "笔记文件路径必须是台账目录内的相对路径，不能是绝对路径或含有“..”", "a note file must be a relative path inside the ledger, without \"..\" and not absolute"))
                .expected(t!(lang, "如 笔记/张三-2025.txt", "such as notes-text/zhang-2025.txt"));
            return None;
        }
        let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let canonical = match root.join(relative).canonicalize() {
            Ok(path) => path,
            Err(error) => {
                let code = if files::is_symlink_loop(&error) {
                    Code::SymlinkLoop
                } else {
                    Code::NoteText
                };
                let reason = files::io_reason(&error, lang);
                row.fail(
                    NoteCol::File,
                    code,
                    t!(
                        lang,
                        "无法打开笔记文件：{reason}",
                        "the note file cannot be opened: {reason}"
                    ),
                )
                .hint(t!(
                    lang,
                    "路径相对于台账目录（taizhang.toml 所在的目录），用 / 分隔",
                    "the path is relative to the ledger directory (where taizhang.toml is), separated by /"
                ));
                return None;
            }
        };
        if !canonical.starts_with(&canonical_root) {
            row.fail(NoteCol::File, Code::NoteFileOutside, t!(lang, "笔记文件经符号链接指向台账目录之外，未读取", "the note file leads outside the ledger through a symbolic link; it was not read"));
            return None;
        }
        self.files.insert(canonical.clone());
        if let Some(&count) = self.counted.get(&canonical) {
            if count.is_none() {
                row.fail_silently();
            }
            return count;
        }
        let count = match decode::read_whole(&canonical, MAX_NOTE_FILE_BYTES) {
            Ok(whole) if whole.bad.is_empty() && whole.foreign_lines.is_empty() => {
                Some(count_chars(&whole.text))
            }
            Ok(whole) if whole.bad.is_empty() => {
                let line = whole.foreign_lines[0];
                row.fail(
                    NoteCol::File,
                    Code::BadEncoding,
                    t!(
                        lang,
                        "笔记文件第 {line} 行是 UTF-8 编码，而文件其余部分是 GB18030/GBK，字数无法可靠统计",
                        "line {line} of the note file is UTF-8 while the rest is GB18030/GBK: its characters cannot be counted reliably"
                    ),
                );
                None
            }
            Ok(whole) => {
                let (offset, byte) = (whole.bad[0].offset, whole.bad[0].byte);
                row.fail(
                    NoteCol::File,
                    Code::BadEncoding,
                    t!(
                        lang,
                        "笔记文件偏移量 {offset}（从 0 起算）处的字节 0x{byte:02X} 不是有效的 UTF-8 或 GB18030/GBK 文本",
                        "the note file's byte 0x{byte:02X} at byte offset {offset} is not valid UTF-8 or GB18030/GBK text"
                    ),
                );
                None
            }
            Err(ReadError::TooLarge(size)) => {
                row.fail(
                    NoteCol::File,
                    Code::FileTooLarge,
                    t!(
                        lang,
                        "笔记文件有 {size} 字节，过大，未读取",
                        "the note file has {size} bytes, too large to read"
                    ),
                );
                None
            }
            Err(ReadError::Io(error)) => {
                let reason = files::io_reason(&error, lang);
                row.fail(
                    NoteCol::File,
                    Code::NoteText,
                    t!(
                        lang,
                        "无法读取笔记文件：{reason}",
                        "the note file cannot be read: {reason}"
                    ),
                );
                None
            }
        };
        self.counted.insert(canonical, count);
        count
    }
}

/// The characters of a note: Unicode scalar values that are neither
/// whitespace nor control characters nor the BOM.
pub fn count_chars(text: &str) -> u64 {
    text.chars()
        .filter(|&c| !c.is_whitespace() && !c.is_control() && c != '\u{FEFF}')
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::count_chars;

    #[test]
    fn counts_visible_characters_only() {
        assert_eq!(count_chars("\u{FEFF}学习 笔记\r\n\t第一条。\u{3000}ok"), 10);
    }
}
