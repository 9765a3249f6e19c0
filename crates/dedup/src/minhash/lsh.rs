//! Locality-sensitive hashing over MinHash signatures: `b` bands of `r`
//! rows; two signatures are candidates when all `r` values of some band
//! agree, which happens with probability `1 − (1 − Jʳ)ᵇ`.
//!
//! Each band has its own table from a 32-bit key of the band's values to a
//! bucket of article ids. A spurious 32-bit key collision only adds a
//! candidate, which verification drops, so keys need not be wider.
//!
//! **Bucket cap:** a bucket holds at most `max_bucket` ids: the first ones
//! to arrive. A later article that lands in a full bucket is still compared
//! with those it holds, but is not added. Boilerplate that many articles
//! share therefore costs each insert at most `bands × max_bucket`
//! candidates instead of growing quadratically; a large family of copies
//! stays connected through the members the bucket kept.

use super::shingle::mix64;
use super::signature::Signature;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// End of a bucket's chain.
const NIL: u32 = u32::MAX;

/// Hasher for keys that are already uniform hashes: one multiply moves
/// their entropy into the high bits, which `HashMap` probes by.
#[derive(Default)]
pub(crate) struct PremixedHasher(u64);

impl Hasher for PremixedHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 << 8) ^ u64::from(byte) ^ (self.0 >> 56);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 ^= u64::from(n);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

pub(crate) type PremixedMap<K, V> = HashMap<K, V, BuildHasherDefault<PremixedHasher>>;

/// A bucket: the newest id's link, and how many ids it holds.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    head: u32,
    len: u32,
}

/// One id in a bucket's chain.
#[derive(Debug, Clone, Copy)]
struct Link {
    id: u32,
    next: u32,
}

/// An incremental LSH index of signatures by article id.
#[derive(Debug, Clone)]
pub struct LshIndex {
    rows: usize,
    max_bucket: u32,
    tables: Vec<PremixedMap<u32, Bucket>>,
    links: Vec<Link>,
    full_buckets: usize,
    turned_away: usize,
}

impl LshIndex {
    /// An empty index of `bands` bands of `rows` rows (each at least 1)
    /// whose buckets hold at most `max_bucket` ids (at least 1).
    pub fn new(bands: usize, rows: usize, max_bucket: usize) -> Self {
        LshIndex {
            rows: rows.max(1),
            max_bucket: u32::try_from(max_bucket.max(1)).unwrap_or(u32::MAX),
            tables: vec![PremixedMap::default(); bands.max(1)],
            links: Vec::new(),
            full_buckets: 0,
            turned_away: 0,
        }
    }

    /// Ids already in the index that share a band with `signature`, sorted
    /// and distinct; then adds `id` to each band's bucket unless it is full.
    ///
    /// Ids should be distinct; `id` itself is never returned. Bands that do
    /// not fit in a short signature are skipped.
    pub fn insert(&mut self, id: u32, signature: &Signature) -> Vec<u32> {
        let mut candidates = Vec::new();
        for band in 0..self.tables.len() {
            let Some(key) = self.band_key(band, signature) else {
                break;
            };
            let head = self.links.len();
            let bucket = self.tables[band]
                .entry(key)
                .or_insert(Bucket { head: NIL, len: 0 });
            collect_chain(&self.links, bucket.head, id, &mut candidates);
            if bucket.len >= self.max_bucket {
                self.turned_away += 1;
                continue;
            }
            // `links` stays below u32::MAX entries: past that, ids are not
            // stored (and counted as turned away) rather than wrapped.
            let Some(head) = u32::try_from(head).ok().filter(|&h| h != NIL) else {
                self.turned_away += 1;
                continue;
            };
            self.links.push(Link {
                id,
                next: bucket.head,
            });
            bucket.head = head;
            bucket.len += 1;
            if bucket.len == self.max_bucket {
                self.full_buckets += 1;
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// Ids in the index that share a band with `signature`, sorted and
    /// distinct.
    pub fn query(&self, signature: &Signature) -> Vec<u32> {
        let mut candidates = Vec::new();
        for (band, table) in self.tables.iter().enumerate() {
            let Some(key) = self.band_key(band, signature) else {
                break;
            };
            if let Some(bucket) = table.get(&key) {
                collect_chain(&self.links, bucket.head, NIL, &mut candidates);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// Number of buckets that reached the cap.
    pub fn full_buckets(&self) -> usize {
        self.full_buckets
    }

    /// Number of (id, band) entries not stored because the bucket was full.
    pub fn turned_away(&self) -> usize {
        self.turned_away
    }

    /// Number of (id, band) entries stored.
    pub fn entries(&self) -> usize {
        self.links.len()
    }

    /// The key of band `band` of `signature`, or `None` when the signature
    /// is too short to fill it. The band number is mixed in so equal values
    /// in different bands do not read alike.
    fn band_key(&self, band: usize, signature: &Signature) -> Option<u32> {
        let start = band * self.rows;
        let values = signature.values().get(start..start + self.rows)?;
        let mut acc = band as u64;
        for &value in values {
            acc = (acc.rotate_left(23) ^ u64::from(value)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        Some((mix64(acc) >> 32) as u32)
    }
}

/// Appends the ids of the chain starting at `link` to `out`, except `skip`.
fn collect_chain(links: &[Link], mut link: u32, skip: u32, out: &mut Vec<u32>) {
    while let Some(entry) = links.get(link as usize) {
        if entry.id != skip {
            out.push(entry.id);
        }
        link = entry.next;
    }
}
