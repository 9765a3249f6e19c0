//! How far the fixtures sit from each threshold: gold syndicated pairs must
//! clear every threshold with room to spare and gold independent pairs must
//! stay well below, so a small change in wording does not flip a verdict.
//! Run with `--nocapture` to see the measured values.

#[path = "../tests/common/mod.rs"]
mod common;

use crate::matching::{compare, passage_similarity, ArticleKeys, PairReport};
use crate::passage::containment;
use crate::SyndicationConfig;
use concord_model::Article;

const STORIES: &[&str] = &["seed-story", "quake-story", "merger-story"];

fn report(arts: &[Article], x: &str, y: &str, config: &SyndicationConfig) -> Option<PairReport> {
    let a = arts.iter().find(|a| a.id == x)?;
    let b = arts.iter().find(|a| a.id == y)?;
    Some(compare(
        &ArticleKeys::new(a, config),
        &ArticleKeys::new(b, config),
        config,
    ))
}

/// The highest unquoted-text containment between long paragraphs.
fn max_own_similarity(arts: &[Article], x: &str, y: &str, config: &SyndicationConfig) -> f64 {
    let keys = |id: &str| {
        arts.iter()
            .find(|a| a.id == id)
            .map(|a| ArticleKeys::new(a, config))
    };
    let (Some(a), Some(b)) = (keys(x), keys(y)) else {
        return 0.0;
    };
    let mut best: f64 = 0.0;
    for pa in a
        .passages
        .iter()
        .filter(|p| p.own_words >= config.min_own_words)
    {
        for pb in b
            .passages
            .iter()
            .filter(|p| p.own_words >= config.min_own_words)
        {
            best = best.max(containment(&pa.own, &pb.own));
        }
    }
    best
}

#[test]
fn gold_syndicated_pairs_clear_every_threshold_with_margin() {
    let config = SyndicationConfig::default();
    for story in STORIES {
        let (Some(arts), Some(gold)) = (common::load(story), common::gold(story)) else {
            continue;
        };
        for group in common::gold_pairs(&gold, "syndication") {
            for (k, x) in group.iter().enumerate() {
                for y in &group[k + 1..] {
                    let r = report(&arts, x, y, &config).expect("gold names loaded articles");
                    let weakest = r
                        .matches
                        .iter()
                        .filter(|m| m.evidence)
                        .map(|m| m.similarity)
                        .fold(1.0, f64::min);
                    println!(
                        "{story} {x} ~ {y}: {} matched, {} evidence, coverage {:.3}, weakest evidence match {weakest:.2}",
                        r.matches.len(),
                        r.evidence,
                        r.coverage
                    );
                    assert!(r.evidence >= 2 * config.min_passages, "{x} ~ {y}");
                    assert!(r.coverage >= 2.0 * config.min_coverage, "{x} ~ {y}");
                    assert!(weakest >= config.min_similarity + 0.2, "{x} ~ {y}");
                }
            }
        }
    }
}

#[test]
fn gold_independent_pairs_stay_below_the_thresholds() {
    let config = SyndicationConfig::default();
    for story in STORIES {
        let (Some(arts), Some(gold)) = (common::load(story), common::gold(story)) else {
            continue;
        };
        for pair in common::gold_pairs(&gold, "not_syndicated") {
            let [x, y] = pair.as_slice() else { continue };
            let r = report(&arts, x, y, &config).expect("gold names loaded articles");
            let own = max_own_similarity(&arts, x, y, &config);
            println!(
                "{story} {x} / {y}: {} matched (quote-led), {} evidence, best unquoted paragraph containment {own:.2}",
                r.matches.len(),
                r.evidence
            );
            // Single paragraphs can come close (two outlets attributing a
            // quote to the same long-named spokesperson), which is why one
            // paragraph is never enough: the pair-level count must be zero.
            assert_eq!(r.evidence, 0, "{x} / {y}");
        }
    }
}

#[test]
fn passage_similarity_of_a_paragraph_with_itself_is_one() {
    let config = SyndicationConfig::default();
    let p = crate::passage::Passage::new(
        "Ukrainian and Western assessments say that some 11,000 troops have been deployed.",
        config.shingle_len,
    );
    assert_eq!(passage_similarity(&p, &p, &config), 1.0);
}
