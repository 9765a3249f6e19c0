//! Concord's stages wired together: inputs → clean articles → stories →
//! per-story syndication, facts and corroboration → a brief. Shared by the
//! CLI and the server, so both produce the same brief.

pub mod ingest;
mod stored;

pub use stored::stored_story_brief;

use concord_cluster::{cluster_stories, story_id, ClusterConfig};
use concord_dedup::{find_syndication, SyndicationConfig};
use concord_model::{count_outlets, Article, Brief, Diagnostic, RawDoc, StoryBrief, BRIEF_SCHEMA};
use std::collections::HashMap;
use std::path::PathBuf;

/// Tunable settings of every stage, with documented defaults.
#[derive(Debug, Clone, Default)]
pub struct BriefOptions {
    pub syndication: SyndicationConfig,
    pub cluster: ClusterConfig,
}

/// Read the given files, folders or "-" (stdin) and brief every story.
pub fn brief_paths(paths: &[PathBuf], options: &BriefOptions) -> Brief {
    let ingested = concord_ingest::read_paths(paths);
    build_brief(ingested.docs, ingested.diagnostics, options)
}

/// Clean, cluster and brief raw documents. Problems already found in the
/// inputs are carried into the brief's `diagnostics`.
pub fn build_brief(
    mut docs: Vec<RawDoc>,
    mut diagnostics: Vec<Diagnostic>,
    options: &BriefOptions,
) -> Brief {
    // Near-identical URLs (tracking tags, AMP, www., http/https) are one
    // article: keep the first, and say so without calling it a failure.
    diagnostics.extend(
        concord_ingest::dedup_by_url(&mut docs)
            .into_iter()
            .map(|d| Diagnostic::note(d.source, d.message)),
    );
    let mut articles: Vec<Article> = docs.iter().map(concord_clean::clean).collect();
    make_ids_unique(&mut articles, &mut diagnostics);
    articles.retain(|a| {
        let empty = a.body_paragraphs.is_empty() && a.title.is_none();
        if empty {
            diagnostics.push(Diagnostic::new(
                &a.source,
                "no article text left after cleaning",
            ));
        }
        !empty
    });
    let stories = cluster_stories(&articles, &options.cluster);
    let mut slots: Vec<Option<Article>> = articles.into_iter().map(Some).collect();
    let stories = stories
        .into_iter()
        .map(|members| {
            let story_articles: Vec<Article> = members
                .iter()
                .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
                .collect();
            brief_story(story_articles, options)
        })
        .collect();
    Brief {
        schema: BRIEF_SCHEMA.to_string(),
        stories,
        diagnostics,
    }
}

/// Two inputs with one id (the same file name in two folders) would make
/// citations ambiguous: later ones get a numeric suffix.
fn make_ids_unique(articles: &mut [Article], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for a in articles.iter_mut() {
        let n = seen.entry(a.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let new_id = format!("{}~{}", a.id, n);
            diagnostics.push(Diagnostic::new(
                &a.source,
                format!("duplicate article id {:?}, renamed to {new_id:?}", a.id),
            ));
            a.id = new_id;
        }
    }
}

/// Infer missing publication dates from the story, extract facts, and
/// corroborate them across the story's articles.
pub fn brief_story(mut articles: Vec<Article>, options: &BriefOptions) -> StoryBrief {
    let stated: Vec<(String, chrono::NaiveDate)> = articles
        .iter()
        .filter_map(|a| a.published.map(|d| (a.id.clone(), d)))
        .collect();
    for a in articles.iter_mut().filter(|a| a.published.is_none()) {
        let others: Vec<chrono::NaiveDate> = stated
            .iter()
            .filter(|(id, _)| *id != a.id)
            .map(|(_, d)| *d)
            .collect();
        a.published_inferred = concord_extract::dates::infer_publication(a, &others);
    }
    let facts: Vec<_> = articles
        .iter()
        .map(concord_extract::extract_facts)
        .collect();
    let syndication = find_syndication(&articles, &options.syndication);
    let corroboration = concord_corroborate::corroborate(&articles, &facts);
    let refs: Vec<&Article> = articles.iter().collect();
    let id = story_id(&refs);
    let headline = headline(&articles);
    let copies: usize = syndication
        .iter()
        .map(|s| s.articles.len().saturating_sub(1))
        .sum();
    let outlets = count_outlets(articles.iter().map(|a| a.outlet.as_deref()));
    StoryBrief {
        id,
        headline,
        independent_origins: articles.len().saturating_sub(copies),
        outlets,
        syndication,
        entities: corroboration.entities,
        claims: corroboration.claims,
        quotes: corroboration.quotes,
        timeline: corroboration.timeline,
        summary: corroboration.summary,
        articles,
    }
}

/// The title that shares most words with the other titles; without titles,
/// the first sentence of the first article.
fn headline(articles: &[Article]) -> String {
    let titles: Vec<(&str, std::collections::HashSet<String>)> = articles
        .iter()
        .filter_map(|a| a.title.as_deref())
        .map(|t| (t, concord_text::word_set(t)))
        .collect();
    let best = titles.iter().enumerate().max_by(|(i, a), (j, b)| {
        let score = |x: &std::collections::HashSet<String>| -> usize {
            titles.iter().map(|(_, o)| x.intersection(o).count()).sum()
        };
        score(&a.1).cmp(&score(&b.1)).then(j.cmp(i))
    });
    if let Some((_, (t, _))) = best {
        return t.to_string();
    }
    articles
        .iter()
        .flat_map(|a| a.body_paragraphs.first())
        .flat_map(|p| concord_text::sentences(p).into_iter().next())
        .next()
        .unwrap_or("(untitled story)")
        .to_string()
}
