//! Files that cannot be read, as diagnostics a clerk understands.

use std::path::Path;

use super::decode::{self, ReadError, WholeText};
use crate::diag::{Code, Diagnostic, Location};
use crate::lang::Lang;
use crate::t;

pub fn io_diagnostic(path: &str, error: &std::io::Error, lang: Lang) -> Diagnostic {
    let code = if is_symlink_loop(error) {
        Code::SymlinkLoop
    } else {
        Code::IoError
    };
    let reason = io_reason(error, lang);
    Diagnostic::error(
        code,
        t!(lang, "无法读取：{reason}", "cannot be read: {reason}"),
    )
    .at(Location::file(path))
}

/// ELOOP: too many levels of symbolic links.
pub fn is_symlink_loop(error: &std::io::Error) -> bool {
    error.raw_os_error() == Some(40)
}

/// Why a file cannot be read, in the clerk's language where the cause is a
/// common one; the system's own words otherwise.
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind;
    let not_a_file = error
        .get_ref()
        .is_some_and(|inner| inner.is::<decode::NotAFile>());
    if is_symlink_loop(error) {
        t!(lang, "符号链接形成循环", "the symbolic links form a loop")
    } else if not_a_file && error.kind() == ErrorKind::IsADirectory {
        t!(
            lang,
            "这是一个目录，不是文件",
            "it is a directory, not a file"
        )
    } else if not_a_file {
        t!(
            lang,
            "不是普通文件（是设备、管道或套接字）",
            "it is not a regular file (a device, pipe or socket)"
        )
    } else {
        match error.kind() {
            ErrorKind::NotFound => t!(lang, "文件不存在", "the file does not exist"),
            ErrorKind::PermissionDenied => t!(lang, "没有读取权限", "permission denied"),
            _ => error.to_string(),
        }
    }
}

/// A whole file read as text (TOML, note texts), or the diagnostic that
/// says why it was not: it cannot be read, or it is larger than `limit`.
pub fn read_whole_or_diagnose(
    path: &Path,
    shown: &str,
    limit: u64,
    lang: Lang,
) -> Result<WholeText, Box<Diagnostic>> {
    match decode::read_whole(path, limit) {
        Ok(whole) => Ok(whole),
        Err(ReadError::Io(error)) => Err(Box::new(io_diagnostic(shown, &error, lang))),
        Err(ReadError::TooLarge(size)) => Err(Box::new(
            Diagnostic::error(
                Code::FileTooLarge,
                t!(
                    lang,
                    "{shown} 有 {size} 字节，超过上限 {limit} 字节，未读取",
                    "{shown} has {size} bytes, more than the {limit} that are read; it was not read"
                ),
            )
            .at(Location::file(shown)),
        )),
    }
}
