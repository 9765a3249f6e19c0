//! Tests of the near-duplicate stage: exact and near duplicates found,
//! unrelated texts kept apart, the bucket cap, recall against brute-force
//! Jaccard on a generated sample, and properties of the similarity measures
//! and of batch grouping.

use super::signature::SplitMix64;
use super::*;
use proptest::prelude::*;
use std::collections::HashSet;

const QUAKE: &str = "A powerful earthquake struck the northern mountains late on Monday, \
    killing at least 1,240 people and flattening villages across the province, the Interior \
    Ministry said on Tuesday. The ministry said 2,876 people were injured, hundreds of them \
    critically, as rescue crews dug through collapsed homes with shovels and bare hands in \
    remote communities where many buildings are made of stone and mud brick. The magnitude \
    6.7 quake hit at 11:47 p.m. at a depth of 18 kilometers, with its epicenter about 30 \
    kilometers south of the coastal city, the geological survey said. Aftershocks rattled the \
    region through the night, sending families into the streets, and the army flew tents, \
    blankets and water to villages cut off by landslides on the mountain roads.";

const MERGER: &str = "Two regional grocery chains agreed to combine in a deal valued at \
    about 4.1 billion dollars, creating the third largest supermarket operator in the region, \
    the companies said in a joint statement. Shareholders of the smaller chain will receive \
    cash and stock, and the combined company will keep both brands for at least two years \
    while regulators review the transaction.";

fn groups(texts: &[&str]) -> Vec<Vec<usize>> {
    near_duplicate_groups(texts, &MinHashConfig::default())
}

#[test]
fn exact_duplicates_ignore_case_whitespace_and_punctuation() {
    let a = "Quake kills hundreds in Morocco’s Rif mountains; rescuers dig by hand.";
    let b = "QUAKE kills   hundreds in moroccos rif mountains -- rescuers dig by hand";
    assert_eq!(exact_key(a), exact_key(b));
    assert_ne!(exact_key(a), exact_key("Quake kills hundreds in Morocco"));
    assert_eq!(exact_key(" ,;- "), None);

    let mut index = NearDupIndex::new(&MinHashConfig::default());
    assert_eq!(index.add(a).map(|r| r.exact_of), Ok(None));
    assert_eq!(index.add(b).map(|r| r.exact_of), Ok(Some(0)));
    assert_eq!(groups(&[a, MERGER, b]), vec![vec![0, 2]]);
}

#[test]
fn near_duplicates_with_small_edits_are_found() {
    // A copy desk's edits: one word changed, one respelled.
    let edited = QUAKE
        .replace("powerful", "strong")
        .replace("flattening villages", "flattening vilages");
    let similarity = jaccard(&shingle_set(QUAKE, 5), &shingle_set(&edited, 5));
    assert!((0.8..1.0).contains(&similarity), "{similarity}");

    let mut index = NearDupIndex::new(&MinHashConfig::default());
    assert!(index.add(QUAKE).is_ok());
    let arrival = index.add(&edited);
    assert_eq!(arrival.map(|r| r.near), Ok(vec![(0, similarity)]));
    assert_eq!(groups(&[MERGER, QUAKE, &edited]), vec![vec![1, 2]]);
}

#[test]
fn unrelated_and_loosely_related_texts_are_not_paired() {
    let paraphrase = "Rescue crews dug by hand through collapsed stone and mud brick homes \
        after a powerful earthquake killed more than 1,200 people in the northern mountains, \
        officials said, with nearly 3,000 injured.";
    let similarity = jaccard(&shingle_set(QUAKE, 5), &shingle_set(paraphrase, 5));
    assert!(similarity < 0.1, "{similarity}");
    assert!(groups(&[QUAKE, MERGER, paraphrase, ""]).is_empty());
    assert!(groups(&["", "  ", "?!"]).is_empty(), "texts without words");
}

#[test]
fn default_bands_put_recall_at_the_threshold_above_099() {
    let config = MinHashConfig::default();
    assert_eq!(config.effective_bands(), 21);
    assert!(config.candidate_probability(config.threshold) >= 0.99);
    assert!(config.candidate_probability(0.3) < 0.02);
    let midpoint = (1.0 / 21.0f64).powf(1.0 / 6.0);
    assert!((0.59..0.61).contains(&midpoint));
}

#[test]
fn full_buckets_bound_the_candidates_of_shared_boilerplate() {
    let hasher = MinHasher::new(&MinHashConfig::default());
    let signature = hasher.signature(QUAKE);
    let mut lsh = LshIndex::new(4, 2, 3);
    for id in 0..10u32 {
        let candidates = lsh.insert(id, &signature);
        assert_eq!(candidates.len(), (id as usize).min(3), "insert {id}");
    }
    assert_eq!(lsh.full_buckets(), 4);
    assert_eq!(lsh.turned_away(), 4 * 7);
    assert_eq!(lsh.entries(), 4 * 3);
    assert_eq!(lsh.query(&signature), vec![0, 1, 2]);
}

/// `deunicode` deletes DEL and then swallows the tab after it, so ASCII
/// text with DEL must take the folding path, not the in-place fast path.
#[test]
fn del_followed_by_tab_is_folded_like_concord_text() {
    let text = "\u{7f}0\tA";
    assert_eq!(concord_text::fold(text), "0a");
    assert_eq!(exact_key(text), exact_key("0a"));
}

/// A seeded stream of made-up words with a skewed frequency, like prose.
struct Prose {
    rng: SplitMix64,
    vocabulary: Vec<String>,
}

impl Prose {
    fn new(seed: u64, n_words: usize) -> Self {
        let mut rng = SplitMix64::new(seed);
        let syllables = [
            "ka", "lo", "mi", "tan", "re", "su", "vo", "den", "pa", "ir", "on",
        ];
        let vocabulary = (0..n_words)
            .map(|_| {
                let n = 1 + (rng.next_u64() % 3) as usize;
                (0..n)
                    .map(|_| syllables[(rng.next_u64() % syllables.len() as u64) as usize])
                    .collect()
            })
            .collect();
        Prose { rng, vocabulary }
    }

    fn below(&mut self, n: usize) -> usize {
        (self.rng.next_u64() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn word(&mut self) -> String {
        // Squaring a uniform draw favours the first words of the list.
        let u = self.unit();
        let idx = ((u * u) * self.vocabulary.len() as f64) as usize;
        self.vocabulary[idx.min(self.vocabulary.len() - 1)].clone()
    }

    fn text(&mut self, n_words: usize) -> Vec<String> {
        (0..n_words).map(|_| self.word()).collect()
    }

    /// A copy with each word edited with probability `rate`: swapped with
    /// the next, dropped, preceded by a new word, or respelled.
    fn mutate(&mut self, words: &[String], rate: f64) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(words.len() + 8);
        let mut i = 0;
        while i < words.len() {
            if self.unit() >= rate {
                out.push(words[i].clone());
            } else {
                match self.below(4) {
                    0 if i + 1 < words.len() => {
                        out.push(words[i + 1].clone());
                        out.push(words[i].clone());
                        i += 1;
                    }
                    1 => {}
                    2 => {
                        let inserted = self.word();
                        out.push(inserted);
                        out.push(words[i].clone());
                    }
                    _ => out.push(format!("{}x", words[i])),
                }
            }
            i += 1;
        }
        out
    }
}

/// Recall of the index against brute-force exact Jaccard over every pair of
/// a generated sample whose copies span the threshold.
#[test]
fn recall_at_the_threshold_is_at_least_099_against_brute_force() {
    let config = MinHashConfig::default();
    let mut prose = Prose::new(7, 3000);
    let mut docs: Vec<Vec<String>> = Vec::new();
    for _ in 0..120 {
        // Headline-sized to article-sized texts.
        let n_words = 8 + prose.below(250);
        docs.push(prose.text(n_words));
    }
    for _ in 0..360 {
        // Copies of copies too, at edit rates from 0 to 5% of words.
        let source = docs[prose.below(docs.len())].clone();
        let rate = 0.05 * prose.unit();
        docs.push(prose.mutate(&source, rate));
    }
    let texts: Vec<String> = docs.iter().map(|words| words.join(" ")).collect();
    let sets: Vec<ShingleSet> = texts.iter().map(|t| shingle_set(t, 5)).collect();

    let mut index = NearDupIndex::new(&config);
    let mut first_copy: Vec<usize> = Vec::new();
    let mut found: HashSet<(usize, usize)> = HashSet::new();
    for (doc, text) in texts.iter().enumerate() {
        let Ok(arrival) = index.add(text) else {
            panic!("index full");
        };
        first_copy.push(arrival.exact_of.map_or(doc, |id| id as usize));
        for (other, similarity) in arrival.near {
            assert!(similarity >= config.threshold);
            found.insert((other as usize, doc));
        }
    }

    let (mut n_true, mut n_found, mut n_near_threshold) = (0, 0, 0);
    for a in 0..texts.len() {
        for b in a + 1..texts.len() {
            // J ≤ |smaller| / |larger|: skipping those pairs loses none.
            let (small, large) = (
                sets[a].len().min(sets[b].len()),
                sets[a].len().max(sets[b].len()),
            );
            if (small as f64) < config.threshold * large as f64 {
                continue;
            }
            let similarity = jaccard(&sets[a], &sets[b]);
            if similarity < config.threshold {
                continue;
            }
            n_true += 1;
            if similarity < 0.85 {
                n_near_threshold += 1;
            }
            let (ra, rb) = (first_copy[a], first_copy[b]);
            if ra == rb || found.contains(&(ra.min(rb), ra.max(rb))) {
                n_found += 1;
            }
        }
    }
    let recall = f64::from(n_found) / f64::from(n_true);
    assert!(
        n_true >= 200 && n_near_threshold >= 20,
        "{n_true} {n_near_threshold}"
    );
    assert!(recall >= 0.99, "recall {recall} ({n_found} of {n_true})");
}

/// Texts over a small vocabulary, so that copies and chance overlaps occur.
fn small_texts() -> impl Strategy<Value = Vec<String>> {
    let words = [
        "storm", "port", "vote", "court", "bank", "fire", "deal", "strike",
    ];
    let base = prop::collection::vec(prop::collection::vec(0..words.len(), 0..30), 1..8);
    let copies = prop::collection::vec((0usize..8, 0usize..30, 0..words.len()), 0..8);
    (base, copies).prop_map(move |(base, copies)| {
        let mut texts: Vec<Vec<usize>> = base.clone();
        for (source, position, word) in copies {
            let mut copy = base[source % base.len()].clone();
            if !copy.is_empty() {
                let at = position % copy.len();
                copy[at] = word;
            }
            texts.push(copy);
        }
        texts
            .iter()
            .map(|t| t.iter().map(|&w| words[w]).collect::<Vec<_>>().join(" "))
            .collect()
    })
}

proptest! {
    #[test]
    fn similarities_are_symmetric_and_in_unit_interval(a in "\\PC{0,200}", b in "\\PC{0,200}") {
        let hasher = MinHasher::new(&MinHashConfig::default());
        let (sa, sb) = (hasher.signature(&a), hasher.signature(&b));
        let estimate = sa.similarity(&sb);
        prop_assert!((0.0..=1.0).contains(&estimate));
        prop_assert_eq!(estimate, sb.similarity(&sa));
        let (ha, hb) = (hasher.shingles(&a), hasher.shingles(&b));
        let exact = jaccard(&ha, &hb);
        prop_assert!((0.0..=1.0).contains(&exact));
        prop_assert_eq!(exact, jaccard(&hb, &ha));
    }

    #[test]
    fn identical_texts_have_similarity_one(a in "\\PC{0,200}") {
        let hasher = MinHasher::new(&MinHashConfig::default());
        prop_assert_eq!(hasher.signature(&a).similarity(&hasher.signature(&a)), 1.0);
        prop_assert_eq!(jaccard(&hasher.shingles(&a), &hasher.shingles(&a)), 1.0);
    }

    #[test]
    fn ascii_fast_path_equals_folding(a in "[ -~\\x7f\\t\\n]{0,120}") {
        let mut direct = Vec::new();
        super::shingle::for_each_word(&a, |w| direct.push(w));
        let mut folded = Vec::new();
        super::shingle::for_each_word(&concord_text::fold(&a), |w| folded.push(w));
        prop_assert_eq!(direct, folded);
    }

    #[test]
    fn early_exit_verification_agrees_with_jaccard(
        a in prop::collection::btree_set(0u32..60, 0..40),
        b in prop::collection::btree_set(0u32..60, 0..40),
        threshold in 0.0f64..1.0,
    ) {
        let to_set = |s: &std::collections::BTreeSet<u32>| ShingleSet::from_sorted(s.iter().copied().collect());
        let (a, b) = (to_set(&a), to_set(&b));
        prop_assert_eq!(jaccard_at_least(&a, &b, threshold), jaccard(&a, &b) >= threshold);
    }

    #[test]
    fn groups_do_not_depend_on_input_order(
        (texts, permutation) in small_texts().prop_flat_map(|texts| {
            let n = texts.len();
            (Just(texts), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        // A tiny bucket cap, so that which ids a full bucket keeps matters.
        let config = MinHashConfig { max_bucket: 2, ..MinHashConfig::default() };
        let original: Vec<&str> = texts.iter().map(String::as_str).collect();
        let shuffled: Vec<&str> = permutation.iter().map(|&i| original[i]).collect();
        let mut mapped: Vec<Vec<usize>> = near_duplicate_groups(&shuffled, &config)
            .into_iter()
            .map(|g| {
                let mut g: Vec<usize> = g.into_iter().map(|i| permutation[i]).collect();
                g.sort_unstable();
                g
            })
            .collect();
        mapped.sort();
        prop_assert_eq!(mapped, near_duplicate_groups(&original, &config));
    }
}
