//! "Did you mean …?": the one known spelling a wrong one was most likely
//! meant as. A spelling is near another when it is at most two edits away
//! (a character wrong, left out, added, or two swapped: the optimal string
//! alignment distance of `strsim`) and those edits are at most a third of
//! the longer one, so that short ids (`b1`, `b2`) and spellings of very
//! different length are never taken for one another; and a suggestion is
//! made only when one candidate is nearer than every other.

/// Whether `edits` make a plausible slip between spellings of `a` and
/// `b` characters.
pub fn near(a: usize, b: usize, edits: usize) -> bool {
    edits <= 2 && edits * 3 <= a.max(b)
}

/// The candidate `wrong` was most likely meant as (case aside), if one is
/// near and nearer than any other.
pub fn closest<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let wrong_lower = wrong.to_lowercase();
    let length = wrong.chars().count();
    let mut best: Option<(usize, &'c str)> = None;
    let mut tied = false;
    for candidate in candidates {
        let edits = strsim::osa_distance(&wrong_lower, &candidate.to_lowercase());
        if edits == 0 || !near(length, candidate.chars().count(), edits) {
            continue;
        }
        match best {
            Some((nearest, _)) if edits > nearest => {}
            Some((nearest, same)) if edits == nearest => tied |= same != candidate,
            _ => {
                best = Some((edits, candidate));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, candidate)| candidate)
}

/// The one of `found` (ids one slip from `wrong`) to suggest: the only
/// one, or the only one that differs from it by characters that look
/// alike (0 and O, 1 and l); none unless it is a plausible slip at all.
pub fn only_one<'f>(wrong: &str, found: &'f [String]) -> Option<&'f str> {
    let plausible = |one: &&String| near(wrong.chars().count(), one.chars().count(), 1);
    let mut candidates: Vec<&String> = found.iter().filter(plausible).collect();
    if candidates.len() > 1 {
        candidates.retain(|one| looks_alike(wrong, one));
    }
    match candidates.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    }
}

/// Whether two ids of one length differ only in characters that look
/// alike.
fn looks_alike(a: &str, b: &str) -> bool {
    const ALIKE: &[&[char]] = &[&['0', 'O', 'o'], &['1', 'l', 'I']];
    a.chars().count() == b.chars().count()
        && a.chars().zip(b.chars()).all(|(x, y)| {
            x == y
                || ALIKE
                    .iter()
                    .any(|group| group.contains(&x) && group.contains(&y))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_near_spelling_is_suggested() {
        let columns = ["residence", "employer", "phone", "destination"];
        assert_eq!(closest("residnce", columns), Some("residence"));
        assert_eq!(closest("Phnoe", columns), Some("phone"));
        assert_eq!(closest("党员编码", ["党员编号", "姓名"]), Some("党员编号"));
        assert_eq!(
            closest("study_day", ["study_days", "note_chars"]),
            Some("study_days")
        );
        assert_eq!(closest("EDU1", ["EDU01", "MOB01"]), Some("EDU01"));
    }

    #[test]
    fn nothing_is_suggested_when_no_spelling_is_clearly_nearest() {
        // Two equally near, far from all, very short, or very different length.
        assert_eq!(closest("MOB8", ["MOB01", "MOB02", "MOB03"]), None);
        assert_eq!(closest("XYZ99", ["EDU01", "MOB01"]), None);
        assert_eq!(closest("b9", ["b1"]), None);
        assert_eq!(closest("res", ["residence"]), None);
        assert_eq!(closest("phone", ["phone"]), None);
    }

    #[test]
    fn one_slip_suggests_only_a_single_plausible_id() {
        let one = ["M010".to_string()];
        assert_eq!(only_one("M01O", &one), Some("M010"));
        let two = ["M0001".to_string(), "M0002".to_string()];
        assert_eq!(only_one("M0003", &two), None);
        let branches = ["CG01", "CG02", "CG03"].map(String::from);
        assert_eq!(only_one("CG0l", &branches), Some("CG01"));
        assert_eq!(only_one("b9", &["b1".to_string()]), None);
    }
}
