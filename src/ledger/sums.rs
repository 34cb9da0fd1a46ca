//! Sums by member over the members a loader has met: a file read whole
//! meets nearly every member, but a part of a large file, its rows in
//! roll order as exports have them, only a span of the roll. A part keeps
//! that span, not a sum for every member of the province: the parts of a
//! file are many, so that both cores stay busy to its end.

use super::kinds::members::MemberIdx;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemberSums<T> {
    /// The member of `values[0]`.
    base: MemberIdx,
    values: Vec<T>,
}

impl<T: Copy + Default> MemberSums<T> {
    /// The member's sum; the default for one never added to.
    pub fn get(&self, member: MemberIdx) -> T {
        member
            .checked_sub(self.base)
            .and_then(|at| self.values.get(at as usize))
            .copied()
            .unwrap_or_default()
    }

    /// The member's sum, to add to.
    pub fn entry(&mut self, member: MemberIdx) -> &mut T {
        if self.values.is_empty() {
            self.base = member;
        }
        if member < self.base {
            // Grown towards the front by at least its length, so that rows
            // in reverse order do not shift the sums again at every row.
            let len = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
            let base = member.min(self.base.saturating_sub(len));
            let shift = (self.base - base) as usize;
            self.values
                .splice(0..0, std::iter::repeat_n(T::default(), shift));
            self.base = base;
        }
        let at = (member - self.base) as usize;
        if at >= self.values.len() {
            self.values.resize(at + 1, T::default());
        }
        &mut self.values[at]
    }

    /// Adds the sums of `later` with `add`.
    pub fn merge(&mut self, later: MemberSums<T>, add: impl Fn(T, T) -> T) {
        for (at, value) in later.values.into_iter().enumerate() {
            let total = self.entry(later.base + at as MemberIdx);
            *total = add(*total, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_kept_for_any_order_of_members() {
        let orders: [&[MemberIdx]; 4] = [
            &[5, 6, 7, 9],
            &[9, 7, 6, 5, 0],
            &[100, 3, 100, 250, 0, 3],
            &[],
        ];
        for members in orders {
            let mut sums = MemberSums::<u64>::default();
            let mut dense = vec![0u64; 300];
            for (n, &m) in members.iter().enumerate() {
                *sums.entry(m) += n as u64 + 1;
                dense[m as usize] += n as u64 + 1;
            }
            for m in 0..300 {
                assert_eq!(sums.get(m), dense[m as usize], "{members:?} {m}");
            }
            assert!(sums.values.len() <= 300);
        }
    }

    #[test]
    fn merged_sums_add_up() {
        let (mut a, mut b) = (MemberSums::default(), MemberSums::default());
        *a.entry(10) += 1u64;
        *a.entry(12) += 2;
        *b.entry(3) += 4;
        *b.entry(12) += 8;
        a.merge(b, u64::saturating_add);
        let sums: Vec<u64> = (0..14).map(|m| a.get(m)).collect();
        assert_eq!(sums, [0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 1, 0, 10, 0]);
    }
}
