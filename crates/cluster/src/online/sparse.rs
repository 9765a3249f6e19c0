//! Sparse term vectors for the online clusterer: one article's weights and
//! a story's running sum of them.
//!
//! A story centroid holds *unweighted* sums (each article's sublinear term
//! frequencies, normalised to unit length), and IDF is applied when the
//! centroid is compared. IDF moves as the stream grows; weighting at
//! comparison time keeps an old story's early articles on the same scale as
//! its recent ones.

use std::cmp::Ordering;

/// (term id, weight), sorted by term id, no duplicate ids.
pub(crate) type Sparse = Vec<(u32, f64)>;

/// Scales `v` to unit length; an all-zero vector becomes empty.
pub(crate) fn normalise(mut v: Sparse) -> Sparse {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 && norm.is_finite() {
        for (_, w) in &mut v {
            *w /= norm;
        }
        v
    } else {
        Vec::new()
    }
}

/// `acc + v`, and the ids of the terms that `acc` did not have before.
pub(crate) fn add(acc: &Sparse, v: &Sparse) -> (Sparse, Vec<u32>) {
    let mut out = Vec::with_capacity(acc.len() + v.len());
    let mut new_terms = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < acc.len() || j < v.len() {
        let order = match (acc.get(i), v.get(j)) {
            (Some(a), Some(b)) => a.0.cmp(&b.0),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        match order {
            Ordering::Less => {
                out.push(acc[i]);
                i += 1;
            }
            Ordering::Greater => {
                out.push(v[j]);
                new_terms.push(v[j].0);
                j += 1;
            }
            Ordering::Equal => {
                out.push((acc[i].0, acc[i].1 + v[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    (out, new_terms)
}

/// A centroid with each term multiplied by its current IDF, unit length.
pub(crate) fn weighted(centroid: &Sparse, idf: impl Fn(u32) -> f64) -> Sparse {
    normalise(centroid.iter().map(|&(t, w)| (t, w * idf(t))).collect())
}

/// Cosine between a unit-length query and a raw centroid weighted by `idf`,
/// without building the weighted centroid (one pass for dot and norm), and
/// how many terms they share.
pub(crate) fn cosine_to_centroid(
    query: &Sparse,
    centroid: &Sparse,
    idf: impl Fn(u32) -> f64,
) -> (f64, usize) {
    let (mut dot, mut norm_sq, mut shared) = (0.0, 0.0, 0);
    let mut j = 0;
    for &(t, w) in centroid {
        let weight = w * idf(t);
        norm_sq += weight * weight;
        while j < query.len() && query[j].0 < t {
            j += 1;
        }
        if let Some(&(qt, qw)) = query.get(j) {
            if qt == t {
                dot += qw * weight;
                shared += 1;
            }
        }
    }
    let cosine = if norm_sq > 0.0 {
        (dot / norm_sq.sqrt()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (cosine, shared)
}

/// Cosine of two unit-length vectors and how many terms they share.
pub(crate) fn cosine_shared(a: &Sparse, b: &Sparse) -> (f64, usize) {
    let (mut i, mut j, mut dot, mut shared) = (0, 0, 0.0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (dot.clamp(0.0, 1.0), shared)
}

/// Keeps the `keep` terms of `v` that weigh most under `idf` (ties to the
/// lower id) and returns the ids of the others, which are dropped. Bounds
/// the size of a big story's centroid, so comparing with it stays cheap;
/// the tail it cuts holds terms that one or two of many articles used.
pub(crate) fn prune(v: &mut Sparse, keep: usize, idf: impl Fn(u32) -> f64) -> Vec<u32> {
    if v.len() <= keep {
        return Vec::new();
    }
    let mut ranked: Vec<(f64, u32)> = v.iter().map(|&(t, w)| (w * idf(t), t)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut dropped: Vec<u32> = ranked[keep..].iter().map(|&(_, t)| t).collect();
    dropped.sort_unstable();
    v.retain(|(t, _)| dropped.binary_search(t).is_err());
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_reports_new_terms_and_sums_shared_ones() {
        let (sum, new_terms) = add(
            &vec![(1, 1.0), (4, 2.0)],
            &vec![(2, 1.0), (4, 1.0), (9, 3.0)],
        );
        assert_eq!(sum, vec![(1, 1.0), (2, 1.0), (4, 3.0), (9, 3.0)]);
        assert_eq!(new_terms, vec![2, 9]);
    }

    #[test]
    fn cosine_to_centroid_matches_the_weighted_cosine() {
        let idf = |t: u32| 1.0 + f64::from(t);
        let centroid = vec![(1, 0.5), (3, 2.0), (7, 1.0)];
        let query = normalise(vec![(0, 1.0), (3, 1.0), (7, 2.0)]);
        let w = weighted(&centroid, idf);
        let expected = crate::features::cosine(&query, &w);
        let (cosine, shared) = cosine_to_centroid(&query, &centroid, idf);
        assert!((cosine - expected).abs() < 1e-12);
        assert_eq!(shared, 2);
        assert_eq!(cosine_to_centroid(&query, &Vec::new(), idf), (0.0, 0));
        assert!(normalise(vec![(1, 0.0)]).is_empty());
    }

    #[test]
    fn prune_keeps_the_heaviest_terms_in_id_order() {
        let mut v = vec![(1, 1.0), (2, 5.0), (3, 1.0), (4, 3.0)];
        assert_eq!(prune(&mut v, 2, |_| 1.0), vec![1, 3]);
        assert_eq!(v, vec![(2, 5.0), (4, 3.0)]);
        assert!(prune(&mut v, 2, |_| 1.0).is_empty());
    }
}
