//! Agglomerative clustering with average linkage over a similarity matrix.
//!
//! Average link (the mean similarity over all cross pairs) is used rather
//! than single link because news stories chain: a report on an earthquake's
//! aid appeal and one on a donors' conference share a few articles' worth
//! of vocabulary, and single link would fuse whole stories through one such
//! pair. Complete link is too strict for stories whose articles cover
//! different angles of one event.

/// Similarities between `n` items, symmetric, stored as a full square.
pub(crate) struct Matrix {
    n: usize,
    values: Vec<f64>,
}

impl Matrix {
    pub(crate) fn new(n: usize) -> Matrix {
        Matrix {
            n,
            values: vec![0.0; n * n],
        }
    }

    pub(crate) fn get(&self, i: usize, j: usize) -> f64 {
        self.values.get(i * self.n + j).copied().unwrap_or(0.0)
    }

    pub(crate) fn set(&mut self, i: usize, j: usize, value: f64) {
        if i < self.n && j < self.n {
            self.values[i * self.n + j] = value;
            self.values[j * self.n + i] = value;
        }
    }
}

/// The best partner of one cluster: (similarity, partner index).
type Best = Option<(f64, usize)>;

/// Whether `candidate` beats `best`: higher similarity, ties to the lower
/// partner index, so the result is a pure function of the matrix.
fn better(candidate: (f64, usize), best: Best) -> bool {
    match best {
        None => true,
        Some((sim, idx)) => candidate.0 > sim || (candidate.0 == sim && candidate.1 < idx),
    }
}

/// Merge clusters while the best average-link similarity is at least
/// `threshold`; returns the clusters as sorted item lists, ordered by their
/// first item.
///
/// Ties are broken by the lowest indexes, so the result depends only on the
/// matrix: callers make the indexes canonical to make it independent of
/// input order. Each cluster keeps a cached best partner, so a merge costs
/// O(n) plus a rescan only for clusters whose partner was merged.
pub(crate) fn average_link(mut sim: Matrix, threshold: f64) -> Vec<Vec<usize>> {
    let n = sim.n;
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut active = vec![true; n];
    let rescan = |sim: &Matrix, active: &[bool], i: usize| -> Best {
        let mut best: Best = None;
        for j in (0..n).filter(|&j| j != i && active[j]) {
            if better((sim.get(i, j), j), best) {
                best = Some((sim.get(i, j), j));
            }
        }
        best
    };
    let mut best: Vec<Best> = (0..n).map(|i| rescan(&sim, &active, i)).collect();
    loop {
        // The globally best pair: highest similarity, then lowest indexes.
        let mut top: Option<(f64, usize, usize)> = None;
        for i in (0..n).filter(|&i| active[i]) {
            if let Some((s, j)) = best[i] {
                // Strictly greater: on equal similarity the lower index stays.
                match top {
                    Some((t, _, _)) if s <= t => {}
                    _ => top = Some((s, i, j)),
                }
            }
        }
        let Some((s, a, b)) = top else { break };
        if s < threshold {
            break;
        }
        let (keep, gone) = (a.min(b), a.max(b));
        let (n_keep, n_gone) = (members[keep].len() as f64, members[gone].len() as f64);
        for k in (0..n).filter(|&k| active[k] && k != keep && k != gone) {
            // Lance–Williams update for average linkage.
            let merged =
                (n_keep * sim.get(keep, k) + n_gone * sim.get(gone, k)) / (n_keep + n_gone);
            sim.set(keep, k, merged);
        }
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
        active[gone] = false;
        best[gone] = None;
        best[keep] = rescan(&sim, &active, keep);
        for k in (0..n).filter(|&k| active[k] && k != keep) {
            let pointed_at_merged = best[k].is_some_and(|(_, j)| j == keep || j == gone);
            if pointed_at_merged {
                best[k] = rescan(&sim, &active, k);
            } else if better((sim.get(k, keep), keep), best[k]) {
                best[k] = Some((sim.get(k, keep), keep));
            }
        }
    }
    let mut clusters: Vec<Vec<usize>> = members
        .into_iter()
        .zip(active)
        .filter(|(_, is_active)| *is_active)
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    clusters.sort();
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(n: usize, pairs: &[(usize, usize, f64)]) -> Matrix {
        let mut m = Matrix::new(n);
        for &(i, j, s) in pairs {
            m.set(i, j, s);
        }
        m
    }

    #[test]
    fn merges_down_to_the_threshold() {
        let m = matrix(4, &[(0, 1, 0.9), (2, 3, 0.8), (1, 2, 0.1)]);
        assert_eq!(average_link(m, 0.5), vec![vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn average_link_does_not_chain_through_one_pair() {
        // 0-1-2 form a tight group; 3 resembles only item 2.
        let m = matrix(
            4,
            &[
                (0, 1, 0.9),
                (0, 2, 0.8),
                (1, 2, 0.85),
                (2, 3, 0.6),
                (0, 3, 0.0),
                (1, 3, 0.0),
            ],
        );
        assert_eq!(average_link(m, 0.5), vec![vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn empty_and_single_inputs() {
        assert!(average_link(Matrix::new(0), 0.5).is_empty());
        assert_eq!(average_link(Matrix::new(1), 0.5), vec![vec![0]]);
    }
}
