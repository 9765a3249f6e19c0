//! Normalised words, the exact-duplicate key, and word-shingle sets with
//! their exact Jaccard similarity.
//!
//! Normalisation: [`concord_text::fold`] (case, diacritics, script, curly
//! quotes), then apostrophes are deleted ("Russia’s" → "russias") and every
//! other character that is not an ASCII letter or digit separates words. So
//! texts that differ only in case, whitespace or punctuation have the same
//! word sequence, the same [`exact_key`] and the same shingles.
//!
//! Words are hashed in place (FNV-1a over their bytes, then a SplitMix64
//! finaliser), so shingling allocates only the output set, and a folded
//! copy of the text when it is not ASCII.

/// FNV-1a offset basis and prime: a byte-at-a-time hash that is stable
/// across runs and platforms (words are short, so its speed is not an issue).
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;
/// Odd multiplier used to chain word hashes in order.
const CHAIN: u64 = 0x9e37_79b9_7f4a_7c15;
/// Odd base of the rolling shingle hash.
const ROLL: u64 = 0xff51_afd7_ed55_8ccd;

/// SplitMix64's finaliser: a bijection on `u64` whose output bits each
/// depend on every input bit.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Order-sensitive combination of a running hash with the next word hash.
fn chain(acc: u64, word: u64) -> u64 {
    (acc.rotate_left(23) ^ word).wrapping_mul(CHAIN)
}

/// Calls `on_word` with the hash of each normalised word of `text`, in
/// order.
pub(crate) fn for_each_word(text: &str, on_word: impl FnMut(u64)) {
    if text.bytes().all(|b| b.is_ascii() && b != 0x7f) {
        // On ASCII without DEL (which `deunicode` deletes, with odd effects
        // on the next character), `fold` only lower-cases, and `hash_words`
        // does that in place: no allocation.
        hash_words(text.as_bytes(), on_word);
    } else {
        hash_words(concord_text::fold(text).as_bytes(), on_word);
    }
}

/// What a byte is to the word splitter: [`SEPARATOR`], [`JOINER`], or the
/// (lower-cased) byte itself as part of a word.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [SEPARATOR; 256];
    let mut byte = 0usize;
    while byte < 256 {
        let b = byte as u8;
        if b.is_ascii_alphanumeric() || !b.is_ascii() {
            // `fold` transliterates to ASCII; bytes it could not map are
            // kept as word bytes rather than dropped, so such text still
            // compares. (Neither 0 nor 1 is a word byte.)
            table[byte] = b.to_ascii_lowercase();
        } else if b == b'\'' {
            // Apostrophes join: "don't" is one word, "dont".
            table[byte] = JOINER;
        }
        byte += 1;
    }
    table
};
const SEPARATOR: u8 = 0;
const JOINER: u8 = 1;

/// Hashes the words of folded (or ASCII) bytes.
fn hash_words(bytes: &[u8], mut on_word: impl FnMut(u64)) {
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    for &byte in bytes {
        match BYTE_CLASS[usize::from(byte)] {
            SEPARATOR => {
                if in_word {
                    on_word(mix64(hash));
                    hash = FNV_OFFSET;
                    in_word = false;
                }
            }
            JOINER => {}
            word_byte => {
                hash = (hash ^ u64::from(word_byte)).wrapping_mul(FNV_PRIME);
                in_word = true;
            }
        }
    }
    if in_word {
        on_word(mix64(hash));
    }
}

/// The key under which texts are exact duplicates: a 64-bit hash of the
/// normalised word sequence (see the module docs), or `None` when the text
/// has no words. Two different word sequences share a key with probability
/// about 2⁻⁶⁴ per pair.
pub fn exact_key(text: &str) -> Option<u64> {
    let mut acc = 0u64;
    let mut n_words = 0u64;
    for_each_word(text, |word| {
        acc = chain(acc, word);
        n_words += 1;
    });
    (n_words > 0).then(|| mix64(acc ^ n_words))
}

/// The distinct word shingles of one text, as sorted 32-bit hashes.
///
/// A shingle is a run of `shingle_words` consecutive normalised words; a
/// text with fewer words (but at least one) has a single shingle of all its
/// words, so short headlines still compare. Hashes are 32 bits to halve the
/// memory the index keeps for exact verification: two different shingles of
/// a pair of 500-shingle texts collide with probability ≈ 500²/2³² ≈ 6·10⁻⁵,
/// which moves their Jaccard by at most 1/500.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShingleSet {
    hashes: Vec<u32>,
}

impl ShingleSet {
    /// The sorted, distinct shingle hashes.
    pub fn as_slice(&self) -> &[u32] {
        &self.hashes
    }

    /// Number of distinct shingles.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// True when the text had no words.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// A set from hashes already sorted and distinct.
    #[cfg(test)]
    pub(crate) fn from_sorted(hashes: Vec<u32>) -> Self {
        ShingleSet { hashes }
    }
}

/// One text, normalised: its exact key and its shingle set, from one pass.
#[derive(Debug, Clone, Default)]
pub(crate) struct Analysis {
    pub exact: Option<u64>,
    pub shingles: ShingleSet,
}

/// Folds `text` once and derives both its exact key and its shingles.
///
/// A shingle's hash is a rolling polynomial over its word hashes,
/// `Σ wⱼ·Bʲ mod 2⁶⁴` (newest word at `j = 0`), updated in O(1) per word and
/// finalised with [`mix64`]; word hashes are already uniform, so the
/// polynomial's weakness on structured byte strings does not arise.
pub(crate) fn analyse(text: &str, shingle_words: usize) -> Analysis {
    let k = shingle_words.max(1);
    let base_pow_k = (0..k).fold(1u64, |acc, _| acc.wrapping_mul(ROLL));
    // The last `k` word hashes; the oldest, at `next`, leaves the window.
    let mut window = vec![0u64; k];
    let mut next = 0usize;
    let mut n_words = 0usize;
    let mut exact = 0u64;
    let mut rolling = 0u64;
    let mut hashes = Vec::with_capacity(text.len() / 5);
    for_each_word(text, |word| {
        exact = chain(exact, word);
        rolling = rolling
            .wrapping_mul(ROLL)
            .wrapping_add(word)
            .wrapping_sub(window[next].wrapping_mul(base_pow_k));
        window[next] = word;
        next = if next + 1 == k { 0 } else { next + 1 };
        n_words += 1;
        if n_words >= k {
            hashes.push(finish_shingle(rolling));
        }
    });
    if n_words > 0 && n_words < k {
        hashes.push(finish_shingle(rolling));
    }
    hashes.sort_unstable();
    hashes.dedup();
    Analysis {
        exact: (n_words > 0).then(|| mix64(exact ^ n_words as u64)),
        shingles: ShingleSet { hashes },
    }
}

/// The stored 32-bit hash of a shingle: the high half of a finalised
/// 64-bit hash.
fn finish_shingle(rolling: u64) -> u32 {
    (mix64(rolling) >> 32) as u32
}

/// The shingle set of `text` with shingles of `shingle_words` words.
pub fn shingle_set(text: &str, shingle_words: usize) -> ShingleSet {
    analyse(text, shingle_words).shingles
}

/// Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two shingle sets, in
/// [0, 1] and symmetric. Two empty sets are identical: 1.
pub fn jaccard(a: &ShingleSet, b: &ShingleSet) -> f64 {
    let union = a.len() + b.len();
    if union == 0 {
        return 1.0;
    }
    let shared = intersection_len(&a.hashes, &b.hashes);
    shared as f64 / (union - shared) as f64
}

/// True when `jaccard(a, b) >= threshold`, exactly as that comparison
/// decides it, but stopping as soon as the shared count can no longer get
/// there (most candidate pairs are far apart).
pub fn jaccard_at_least(a: &ShingleSet, b: &ShingleSet, threshold: f64) -> bool {
    let (a, b) = (a.as_slice(), b.as_slice());
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0 >= threshold;
    }
    let Some(needed) = min_shared(total, a.len().min(b.len()), threshold) else {
        return false;
    };
    let (mut i, mut j, mut shared) = (0usize, 0usize, 0usize);
    while i < a.len() && j < b.len() {
        if shared + (a.len() - i).min(b.len() - j) < needed {
            return false;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared >= needed
}

/// The least shared count `s ≤ most` with `s / (total − s) >= threshold`,
/// computed with the same floating-point expression as [`jaccard`] so the
/// two never disagree at the boundary; `None` when no such count exists.
fn min_shared(total: usize, most: usize, threshold: f64) -> Option<usize> {
    if threshold.is_nan() {
        return None;
    }
    // `most ≤ total / 2`, so `total − s > 0` below.
    let similarity = |s: usize| s as f64 / (total - s) as f64;
    let estimate = (threshold * total as f64 / (1.0 + threshold)).ceil();
    let mut s = if estimate.is_finite() && estimate > 0.0 {
        (estimate as usize).min(most)
    } else {
        0
    };
    while s > 0 && similarity(s - 1) >= threshold {
        s -= 1;
    }
    while s <= most && similarity(s) < threshold {
        s += 1;
    }
    (s <= most).then_some(s)
}

/// Size of the intersection of two sorted, distinct slices.
fn intersection_len(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0usize, 0usize, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}
