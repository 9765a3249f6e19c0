//! How far the stories sit from the merge threshold: each story must hold
//! together above it and different stories must stay below, in full text
//! and with headline-only copies mixed in. The stories are the fixtures plus
//! two made-up ones, one of them a different event in the seed story's
//! country and week (the hard case). Run with
//! `--nocapture` to see the measured values.

#[path = "../../dedup/tests/common/mod.rs"]
mod common;
#[path = "../tests/made_up/mod.rs"]
mod made_up;

use crate::linkage::{average_link, Matrix};
use crate::{similarity_matrix, ClusterConfig};
use concord_model::Article;

/// Articles of the fixtures and the made-up stories, with a story number.
fn labelled() -> Vec<(Article, usize)> {
    let mut stories: Vec<Vec<Article>> = ["seed-story", "quake-story", "merger-story"]
        .iter()
        .filter_map(|name| common::load(name))
        .collect();
    stories.push(made_up::grid_strike());
    stories.push(made_up::wildfire());
    stories
        .into_iter()
        .enumerate()
        .flat_map(|(story, arts)| arts.into_iter().map(move |a| (a, story)))
        .collect()
}

/// The same articles plus a headline-only copy of each titled one.
fn with_headlines(full: &[(Article, usize)]) -> Vec<(Article, usize)> {
    let mut out = full.to_vec();
    for (a, story) in full {
        if a.title.is_some() {
            let mut h = a.clone();
            h.id = format!("headline-{}", a.id);
            h.body_paragraphs.clear();
            out.push((h, *story));
        }
    }
    out
}

fn sub_matrix(sim: &Matrix, items: &[usize]) -> Matrix {
    let mut m = Matrix::new(items.len());
    for (x, &i) in items.iter().enumerate() {
        for (y, &j) in items.iter().enumerate().skip(x + 1) {
            m.set(x, y, sim.get(i, j));
        }
    }
    m
}

/// The highest threshold at which `items` still merge into one cluster:
/// the height of the story's last internal merge.
fn cohesion(sim: &Matrix, items: &[usize]) -> f64 {
    let (mut lo, mut hi) = (0.0, 1.0);
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        if average_link(sub_matrix(sim, items), mid).len() == 1 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

fn mean_between(sim: &Matrix, xs: &[usize], ys: &[usize]) -> f64 {
    let total: f64 = xs
        .iter()
        .flat_map(|&i| ys.iter().map(move |&j| (i, j)))
        .map(|(i, j)| sim.get(i, j))
        .sum();
    total / (xs.len() * ys.len()).max(1) as f64
}

fn check(label: &str, data: &[(Article, usize)]) {
    let config = ClusterConfig::default();
    let refs: Vec<&Article> = data.iter().map(|(a, _)| a).collect();
    let sim = similarity_matrix(&refs, &config);
    let n_stories = data.iter().map(|(_, s)| s + 1).max().unwrap_or(0);
    let members: Vec<Vec<usize>> = (0..n_stories)
        .map(|s| (0..data.len()).filter(|&i| data[i].1 == s).collect())
        .collect();
    for (s, items) in members.iter().enumerate() {
        let c = cohesion(&sim, items);
        println!("{label}: story {s} holds together down to {c:.3}");
        assert!(c >= 1.2 * config.min_similarity, "{label} story {s}: {c}");
    }
    for s in 0..n_stories {
        for t in s + 1..n_stories {
            let between = mean_between(&sim, &members[s], &members[t]);
            let max_pair = members[s]
                .iter()
                .flat_map(|&i| members[t].iter().map(move |&j| (i, j)))
                .map(|(i, j)| sim.get(i, j))
                .fold(0.0, f64::max);
            println!(
                "{label}: stories {s}/{t}: average link {between:.3}, closest pair {max_pair:.3}"
            );
            assert!(
                between <= 0.8 * config.min_similarity,
                "{label} {s}/{t}: {between}"
            );
        }
    }
}

#[test]
fn fixture_stories_are_far_from_the_threshold() {
    let full = labelled();
    check("full text", &full);
    check("full text + headlines", &with_headlines(&full));
}
