//! Id lookups on the hot path: every record row names members and orgs by
//! id, and at provincial scale the index is far larger than the caches. An
//! id of up to 15 bytes (every id a real roll uses) is kept inline in the
//! table as two words, so a lookup hashes and compares 16 bytes in place
//! instead of following a pointer to a heap string; longer ids go to a
//! second map.
//!
//! Rows also name ids in roll order (a session's attendance list, the
//! appraisals, the notes member after member), so a lookup first tries the
//! id after the last one found, read from a dense array by index: a
//! sequential read where the table would cost two cache misses.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

/// A map from ids to dense indexes.
#[derive(Debug)]
pub struct IdIndex {
    short: FxHashMap<ShortId, u32>,
    long: FxHashMap<Box<str>, u32>,
    /// The short key of each index, [`ShortId::NONE`] for a long id or a
    /// gap: what the next-index guess compares with.
    by_index: Vec<ShortId>,
    /// This index among all, for the cache of recent lookups.
    serial: u64,
}

impl Default for IdIndex {
    fn default() -> Self {
        IdIndex::with_capacity(0)
    }
}

static SERIALS: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// The last id each thread found, by index (a slot per index, so that
    /// a row naming an org and members keeps both). Rows come in runs of
    /// one member (the notes of a member, the trips of a leader) or in roll
    /// order: at provincial scale the table is far larger than the caches,
    /// and a hit here, or on the index after it, saves a miss there. Only
    /// ids found are kept, and an index never changes the number of an id
    /// it has, so an entry is never stale.
    static RECENT: [Cell<(u64, ShortId, u32)>; 4] =
        const { [const { Cell::new((0, ShortId(0, 0), 0)) }; 4] };
}

/// Up to 15 bytes of an id and, in the last byte, its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct ShortId(u64, u64);

impl ShortId {
    /// No id: its length byte is beyond 15.
    const NONE: ShortId = ShortId(u64::MAX, u64::MAX);

    fn new(id: &str) -> Option<ShortId> {
        let bytes = id.as_bytes();
        if bytes.len() > 15 {
            return None;
        }
        let mut key = [0u8; 16];
        key[..bytes.len()].copy_from_slice(bytes);
        key[15] = bytes.len() as u8;
        let (low, high) = key.split_at(8);
        Some(ShortId(
            u64::from_le_bytes(low.try_into().expect("8 bytes")),
            u64::from_le_bytes(high.try_into().expect("8 bytes")),
        ))
    }
}

impl IdIndex {
    pub fn get(&self, id: &str) -> Option<u32> {
        let Some(key) = ShortId::new(id) else {
            return self.long.get(id).copied();
        };
        RECENT.with(|recent| {
            let slot = &recent[(self.serial % 4) as usize];
            let (serial, last, index) = slot.get();
            if serial == self.serial {
                if last == key {
                    return Some(index);
                }
                let next = index as usize + 1;
                if self.by_index.get(next) == Some(&key) {
                    slot.set((self.serial, key, next as u32));
                    return Some(next as u32);
                }
            }
            let index = self.short.get(&key).copied()?;
            slot.set((self.serial, key, index));
            Some(index)
        })
    }

    /// An index for about `ids` ids, so that it need not grow as they come.
    pub fn with_capacity(ids: usize) -> IdIndex {
        IdIndex {
            short: FxHashMap::with_capacity_and_hasher(ids, Default::default()),
            long: FxHashMap::default(),
            by_index: Vec::with_capacity(ids),
            serial: SERIALS.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Maps `id` to `index` unless it is mapped already: then `Err` with the
    /// index it has. One probe of the table either way.
    pub fn insert(&mut self, id: &str, index: u32) -> Result<(), u32> {
        use std::collections::hash_map::Entry;
        fn put<K>(entry: Entry<'_, K, u32>, index: u32) -> Result<(), u32> {
            match entry {
                Entry::Occupied(first) => Err(*first.get()),
                Entry::Vacant(slot) => {
                    slot.insert(index);
                    Ok(())
                }
            }
        }
        let key = ShortId::new(id);
        match key {
            Some(key) => put(self.short.entry(key), index)?,
            None => put(self.long.entry(id.into()), index)?,
        }
        let at = index as usize;
        if self.by_index.len() <= at {
            self.by_index.resize(at + 1, ShortId::NONE);
        }
        self.by_index[at] = key.unwrap_or(ShortId::NONE);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::IdIndex;

    #[test]
    fn ids_short_and_long_and_alike_are_told_apart() {
        let mut index = IdIndex::default();
        let ids = [
            "",
            "M1",
            "M1\0",
            "M10",
            "M0000001",
            "123456789012345",
            "1234567890123456",
            "12345678901234567890",
            "党员",
            "党员编号很长的一个编号",
        ];
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.insert(id, i as u32), Ok(()), "{id:?}");
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.get(id), Some(i as u32), "{id:?}");
        }
        assert_eq!(index.get("M2"), None);
        assert_eq!(index.get("1234567890123457"), None);
        assert_eq!(index.insert("M1", 99), Err(1));
        assert_eq!(index.insert("1234567890123456", 99), Err(6));
        assert_eq!(index.get("M1"), Some(1), "the first mapping stays");
    }

    #[test]
    fn the_recent_lookup_is_of_its_own_index() {
        let (mut a, mut b) = (IdIndex::default(), IdIndex::default());
        let _ = a.insert("M1", 1);
        let _ = b.insert("M1", 2);
        let _ = b.insert("M2", 3);
        for _ in 0..2 {
            assert_eq!(a.get("M1"), Some(1));
            assert_eq!(b.get("M1"), Some(2));
            assert_eq!(a.get("M2"), None);
            assert_eq!(b.get("M2"), Some(3));
        }
        // An index made after another was dropped is another index.
        drop(a);
        let c = IdIndex::default();
        assert_eq!(c.get("M1"), None);
    }

    #[test]
    fn the_next_index_guess_is_checked() {
        let mut index = IdIndex::default();
        // Indexes with a gap (3) and a long id (5) among short ones.
        for (id, i) in [("M1", 0), ("M2", 1), ("M3", 2), ("M5", 4)] {
            assert_eq!(index.insert(id, i), Ok(()));
        }
        assert_eq!(index.insert("an id longer than fifteen bytes", 5), Ok(()));
        assert_eq!(index.insert("M7", 6), Ok(()));
        assert_eq!(
            index.insert("M2", 7),
            Err(1),
            "a duplicate is not put by index"
        );
        let in_order = [
            "M1",
            "M2",
            "M3",
            "M5",
            "an id longer than fifteen bytes",
            "M7",
        ];
        let expected = [0, 1, 2, 4, 5, 6];
        for _ in 0..2 {
            for (id, i) in in_order.iter().zip(expected) {
                assert_eq!(index.get(id), Some(i), "{id:?}");
            }
            for (id, i) in in_order.iter().zip(expected).rev() {
                assert_eq!(index.get(id), Some(i), "{id:?}");
            }
        }
        assert_eq!(index.get("M1"), Some(0));
        assert_eq!(index.get("M4"), None, "the gap after M3 is no id");
        assert_eq!(index.get("M1"), Some(0));
        assert_eq!(index.get("M2"), Some(1));
        assert_eq!(index.get("M2"), Some(1));
        assert_eq!(index.get("M9"), None);
    }
}
