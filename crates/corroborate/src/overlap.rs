//! Overlap of word sets kept as sorted, distinct keys. Stories of a hundred
//! articles compare thousands of sentences and quotes pairwise, so the
//! overlap is a merge of integers rather than lookups of strings.

use std::cmp::Ordering;

/// Sorted, distinct FNV-1a hashes of `items` (stable across runs).
pub(crate) fn keys<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<u64> {
    let mut out: Vec<u64> = items.into_iter().map(fnv).collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Items in both sorted, distinct lists.
pub(crate) fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice coefficient: 2|A∩B| / (|A| + |B|); 0 when either is empty.
pub(crate) fn dice<T: Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * common(a, b) as f64 / (a.len() + b.len()) as f64
}

/// Share of `small` found in `large`; 0 when `small` is empty.
pub(crate) fn containment<T: Ord>(small: &[T], large: &[T]) -> f64 {
    if small.is_empty() {
        return 0.0;
    }
    common(small, large) as f64 / small.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    proptest! {
        #[test]
        fn merge_counts_match_set_intersection(a in proptest::collection::btree_set(0u32..50, 0..30),
                                               b in proptest::collection::btree_set(0u32..50, 0..30)) {
            let va: Vec<u32> = a.iter().copied().collect();
            let vb: Vec<u32> = b.iter().copied().collect();
            let expected = a.intersection(&b).count();
            prop_assert_eq!(common(&va, &vb), expected);
            let d = dice(&va, &vb);
            prop_assert!((0.0..=1.0).contains(&d));
            let _: BTreeSet<u32> = a;
        }
    }

    #[test]
    fn keys_are_sorted_and_distinct() {
        let k = keys(["b", "a", "b"]);
        assert_eq!(k.len(), 2);
        assert!(k[0] < k[1]);
    }
}
