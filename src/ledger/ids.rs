//! Id lookups on the hot path: every record row names members and orgs by
//! id, and at provincial scale the index is far larger than the caches. An
//! id of up to 15 bytes (every id a real roll uses) is kept inline in the
//! table as two words, so a lookup hashes and compares 16 bytes in place
//! instead of following a pointer to a heap string; longer ids go to a
//! second map.
//!
//! Rows also name ids in roll order (a session's attendance list, the
//! appraisals, the notes member after member), so a lookup first tries the
//! few ids after the last one found, read from a dense array by index: a
//! sequential read where the table would cost two cache misses.
//!
//! The table is cut in shards by a hash of the id, so that a roll read in
//! parts is indexed on every core at once ([`IdIndex::join`]).

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// A map from ids to dense indexes.
#[derive(Debug)]
pub struct IdIndex {
    shards: Vec<Shard>,
    /// The short key of each index, [`ShortId::NONE`] for a long id or a
    /// gap: what the next-index guess compares with.
    by_index: Vec<ShortId>,
    /// This index among all, for the cache of recent lookups.
    serial: u64,
}

/// How many ids after the last one found a lookup compares first: four
/// keys, one cache line.
const GUESSES: usize = 4;

/// The shards: more than cores, so that none is left with the most.
const SHARDS: usize = 8;

#[derive(Debug, Default)]
struct Shard {
    short: FxHashMap<ShortId, u32>,
    long: FxHashMap<Box<str>, u32>,
}

impl Shard {
    fn with_capacity(ids: usize) -> Shard {
        Shard {
            short: FxHashMap::with_capacity_and_hasher(ids, Default::default()),
            long: FxHashMap::default(),
        }
    }

    fn get(&self, id: &str, key: Option<ShortId>) -> Option<u32> {
        match key {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }

    /// Maps the id to `index` unless it is mapped already: then `Err` with
    /// the index it has. One probe of the table either way.
    fn insert(&mut self, id: &str, key: Option<ShortId>, index: u32) -> Result<(), u32> {
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
        match key {
            Some(key) => put(self.short.entry(key), index),
            None => put(self.long.entry(id.into()), index),
        }
    }
}

/// The shard of an id: a hash other than the tables' own, so that a
/// shard's keys are as spread in its table as in one table of all.
fn shard_of(id: &str, key: Option<ShortId>) -> usize {
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let word = match key {
        Some(ShortId(low, high)) => low ^ high.rotate_left(29),
        None => id
            .bytes()
            .fold(0u64, |h, b| (h ^ u64::from(b)).wrapping_mul(MIX)),
    };
    (word.wrapping_mul(MIX) >> 59) as usize % SHARDS
}

impl Default for IdIndex {
    fn default() -> Self {
        IdIndex::with_capacity(0)
    }
}

static SERIALS: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static RECENT: Recent = const {
        Recent {
            last: [const { Cell::new((0, ShortId(0, 0), 0)) }; 4],
            seen: [const { Cell::new((0, ShortId(0, 0), 0)) }; SEEN],
        }
    };
}

/// What a thread found lately, as (index serial, key, number). Only ids
/// found are kept, and an index never changes the number of an id it has,
/// so an entry is never stale.
struct Recent {
    /// The last id found, by index (a slot per index, so that a row naming
    /// an org and members keeps both). Rows come in runs of one member (the
    /// notes of a member, the trips of a leader) or in roll order: at
    /// provincial scale the table is far larger than the caches, and a hit
    /// here, or on the ids after it, saves a miss there.
    last: [Cell<(u64, ShortId, u32)>; 4],
    /// Ids found lately, by a hash: the sessions of a branch, one row after
    /// another, each list starting again at its first member.
    seen: [Cell<(u64, ShortId, u32)>; SEEN],
}

const SEEN: usize = 64;

fn seen_slot(ShortId(low, high): ShortId) -> usize {
    ((low ^ high).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58) as usize % SEEN
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
        let key = ShortId::new(id);
        let Some(short) = key else {
            return self.shards[shard_of(id, key)].get(id, key);
        };
        RECENT.with(|recent| {
            let slot = &recent.last[(self.serial % 4) as usize];
            let (serial, last, index) = slot.get();
            if serial == self.serial {
                if last == short {
                    return Some(index);
                }
                // The ids just after the last one (a list skips an absentee or two).
                let next = index as usize + 1;
                let after = self.by_index.get(next..).unwrap_or_default();
                if let Some(skip) = after.iter().take(GUESSES).position(|&k| k == short) {
                    let found = (next + skip) as u32;
                    slot.set((self.serial, short, found));
                    return Some(found);
                }
            }
            let seen = &recent.seen[seen_slot(short)];
            let (serial, last, index) = seen.get();
            if serial == self.serial && last == short {
                slot.set((self.serial, short, index));
                return Some(index);
            }
            let index = self.shards[shard_of(id, key)].get(id, key)?;
            slot.set((self.serial, short, index));
            seen.set((self.serial, short, index));
            Some(index)
        })
    }

    /// An index for about `ids` ids, so that it need not grow as they come.
    pub fn with_capacity(ids: usize) -> IdIndex {
        IdIndex {
            shards: (0..SHARDS)
                .map(|_| Shard::with_capacity(ids.div_ceil(SHARDS)))
                .collect(),
            by_index: Vec::with_capacity(ids),
            serial: SERIALS.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Maps `id` to `index` unless it is mapped already: then `Err` with the
    /// index it has. One probe of the table either way.
    pub fn insert(&mut self, id: &str, index: u32) -> Result<(), u32> {
        let key = ShortId::new(id);
        self.shards[shard_of(id, key)].insert(id, key, index)?;
        let at = index as usize;
        if self.by_index.len() <= at {
            self.by_index.resize(at + 1, ShortId::NONE);
        }
        self.by_index[at] = key.unwrap_or(ShortId::NONE);
        Ok(())
    }

    /// Puts `id` at the next index without indexing it: a part of a file
    /// read in parts, its table made when the parts are [joined](Self::join).
    pub fn put_in_order(&mut self, id: &str) {
        self.by_index
            .push(ShortId::new(id).unwrap_or(ShortId::NONE));
    }

    /// The index of the parts' ids, each [put in order](Self::put_in_order),
    /// numbered on from one part to the next, its shards filled in
    /// parallel; `id_of` gives the id of an index (only long ones are
    /// asked for). `None` when an id comes twice.
    pub fn join<'a>(
        parts: Vec<IdIndex>,
        id_of: impl Fn(usize) -> &'a str + Sync,
    ) -> Option<IdIndex> {
        let mut by_index = Vec::with_capacity(parts.iter().map(|part| part.by_index.len()).sum());
        for part in parts {
            by_index.extend(part.by_index);
        }
        let key_of = |i: usize| Some(by_index[i]).filter(|&key| key != ShortId::NONE);
        let shard_by_index: Vec<u8> = (0..by_index.len())
            .into_par_iter()
            .map(|i| match key_of(i) {
                Some(key) => shard_of("", Some(key)) as u8,
                None => shard_of(id_of(i), None) as u8,
            })
            .collect();
        let shards = (0..SHARDS)
            .into_par_iter()
            .map(|shard| {
                let mut own = Shard::with_capacity(by_index.len().div_ceil(SHARDS));
                for (i, _) in shard_by_index
                    .iter()
                    .enumerate()
                    .filter(|&(_, &of)| usize::from(of) == shard)
                {
                    let index = u32::try_from(i).ok()?;
                    let key = key_of(i);
                    let id = if key.is_some() { "" } else { id_of(i) };
                    own.insert(id, key, index).ok()?;
                }
                Some(own)
            })
            .collect::<Option<Vec<Shard>>>()?;
        Some(IdIndex {
            shards,
            by_index,
            serial: SERIALS.fetch_add(1, Ordering::Relaxed),
        })
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
        // Skipping ids within the guesses and beyond them.
        for (id, i) in [
            ("M1", 0),
            ("M5", 4),
            ("M7", 6),
            ("M1", 0),
            ("M7", 6),
            ("M3", 2),
        ] {
            assert_eq!(index.get(id), Some(i), "{id:?}");
        }
        assert_eq!(index.get("M1"), Some(0));
        assert_eq!(index.get("M4"), None, "the gap after M3 is no id");
        assert_eq!(index.get("M1"), Some(0));
        assert_eq!(index.get("M2"), Some(1));
        assert_eq!(index.get("M2"), Some(1));
        assert_eq!(index.get("M9"), None);
    }

    #[test]
    fn ids_joined_from_parts_are_found_as_inserted_ones() {
        let ids: Vec<String> = (0..5000)
            .map(|i| match i % 7 {
                0 => format!("a member id longer than fifteen bytes {i}"),
                _ => format!("M{i:07}"),
            })
            .collect();
        let in_parts = |ids: &[String]| {
            let parts = ids
                .chunks(1300)
                .map(|chunk| {
                    let mut part = IdIndex::default();
                    for id in chunk {
                        part.put_in_order(id);
                    }
                    part
                })
                .collect();
            IdIndex::join(parts, |i| &ids[i])
        };
        let joined = in_parts(&ids).expect("no id twice");
        let mut inserted = IdIndex::default();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(inserted.insert(id, i as u32), Ok(()));
        }
        for (i, id) in ids.iter().enumerate().rev() {
            assert_eq!(joined.get(id), Some(i as u32), "{id}");
            assert_eq!(inserted.get(id), Some(i as u32), "{id}");
        }
        assert_eq!(joined.get("M9999999"), None);
        for twice in [4321, 0] {
            let mut ids = ids.clone();
            ids.push(ids[twice].clone());
            assert!(in_parts(&ids).is_none(), "{}", ids[twice]);
        }
    }
}
