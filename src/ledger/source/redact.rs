//! Personal data (phone and ID numbers) is masked in every output unless
//! `--show-personal`: a value as `138****5678`, and the cells of a source
//! line that a diagnostic shows as [`Redaction`]s for the renderer to apply.

use crate::diag::Redaction;
use crate::ledger::columns::Personal;

/// How many characters a mask keeps at the start and at the end
/// (`138****5678`, `410101********1234`); `None` for data that is not personal.
pub fn kept(personal: Personal) -> Option<(u32, u32)> {
    match personal {
        Personal::No => None,
        Personal::Phone => Some((3, 4)),
        Personal::IdNumber => Some((6, 4)),
    }
}

/// `138****5678` for a phone, `410101********1234` for an ID number.
pub fn mask(personal: Personal, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let Some((head, tail)) = kept(personal) else {
        return text.to_string();
    };
    let (head, tail) = (head as usize, tail as usize);
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut masked: String = chars[..head].iter().collect();
    masked.push_str(&"*".repeat(chars.len() - head - tail));
    masked.extend(&chars[chars.len() - tail..]);
    masked
}

/// The cell of a shown source line at `column` (from 1), `width` characters
/// wide: masked as its column's data is, or whole when what the column holds
/// is not known (`None`: a cell beyond the header of a file with personal
/// columns). Nothing for a column that is not personal.
pub fn cell(personal: Option<Personal>, column: u32, width: u32) -> Option<Redaction> {
    let (head, tail) = match personal {
        Some(personal) => kept(personal)?,
        None => (0, 0),
    };
    Some(Redaction {
        column,
        width,
        head,
        tail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_the_ends() {
        assert_eq!(mask(Personal::Phone, "13812345678"), "138****5678");
        assert_eq!(
            mask(Personal::IdNumber, "11010519491231002X"),
            "110105********002X"
        );
        assert_eq!(mask(Personal::Phone, "1234"), "****");
        assert_eq!(mask(Personal::No, "张三"), "张三");
    }
}
