//! Term ids and document frequencies that grow as articles arrive, so the
//! IDF weights of the online clusterer follow the stream instead of a
//! batch.

use std::collections::BTreeMap;

/// Interned term keys with word and name document frequencies.
///
/// Word and name terms share ids (a name key is also a word key of the same
/// article), but keep separate frequencies: "Apple" as a name is rarer than
/// "apple" as a word.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Vocab {
    /// A B-tree rather than a hash map: growing a hash map rehashes every
    /// key inside one call, a latency spike once the vocabulary is large.
    ids: BTreeMap<String, u32>,
    word_df: Vec<u32>,
    name_df: Vec<u32>,
    /// ln(1 + df) per term, kept up to date as df changes: IDF is read for
    /// every centroid term of every candidate, and a logarithm each time
    /// would dominate the cost of an add.
    word_ln_df: Vec<f64>,
    name_ln_df: Vec<f64>,
    n_docs: u64,
    ln_docs: f64,
}

impl Vocab {
    /// The id of `term`, assigned on first sight.
    pub(crate) fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        // More than 4 billion distinct terms would need a store sharded by
        // time long before; saturating keeps this total instead of panicking.
        let id = u32::try_from(self.word_df.len()).unwrap_or(u32::MAX);
        self.ids.insert(term.to_string(), id);
        self.word_df.push(0);
        self.name_df.push(0);
        self.word_ln_df.push(0.0);
        self.name_ln_df.push(0.0);
        id
    }

    /// Counts one more document with these (distinct) word and name terms.
    pub(crate) fn count_doc(&mut self, words: &[u32], names: &[u32]) {
        self.n_docs += 1;
        self.ln_docs = (1.0 + self.n_docs as f64).ln();
        for &t in words {
            bump(&mut self.word_df, &mut self.word_ln_df, t);
        }
        for &t in names {
            bump(&mut self.name_df, &mut self.name_ln_df, t);
        }
    }

    /// Smoothed IDF as in the batch clusterer: ln((1 + n) / (1 + df)) + 1,
    /// so a term in every document still weighs 1.
    pub(crate) fn word_idf(&self, term: u32) -> f64 {
        self.ln_docs - self.word_ln_df.get(term as usize).copied().unwrap_or(0.0) + 1.0
    }

    pub(crate) fn name_idf(&self, term: u32) -> f64 {
        self.ln_docs - self.name_ln_df.get(term as usize).copied().unwrap_or(0.0) + 1.0
    }

    /// Number of distinct terms seen.
    pub(crate) fn len(&self) -> usize {
        self.word_df.len()
    }
}

fn bump(df: &mut [u32], ln_df: &mut [f64], term: u32) {
    if let (Some(d), Some(l)) = (df.get_mut(term as usize), ln_df.get_mut(term as usize)) {
        *d = d.saturating_add(1);
        *l = (1.0 + f64::from(*d)).ln();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rarer_terms_weigh_more_and_ids_are_stable() {
        let mut v = Vocab::default();
        let quake = v.intern("quake");
        let rescue = v.intern("rescue");
        assert_eq!(v.intern("quake"), quake);
        v.count_doc(&[quake, rescue], &[]);
        v.count_doc(&[quake], &[]);
        assert!(v.word_idf(rescue) > v.word_idf(quake));
        assert!((v.word_idf(quake) - 1.0).abs() < 1e-12);
        assert_eq!(v.len(), 2);
    }
}
