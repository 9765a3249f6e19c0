//! The per-document work of ingest that needs no shared state — cleaning,
//! the content hash and the entity keys — spread over threads. Everything
//! that depends on what came before (duplicate checks, clustering) stays on
//! the caller's thread, in input order, so results do not depend on the
//! number of threads.

use super::StageTimes;
use concord_cluster::{ArticleTerms, OnlineConfig};
use concord_dedup::{SyndicationConfig, SyndicationKeys};
use concord_model::{Article, EntityType, RawDoc};
use concord_text::ArticleTokens;
use std::collections::BTreeSet;
use std::time::Instant;

/// A document after cleaning, ready for the sequential stages.
pub(super) struct Prepared {
    pub(super) article: Article,
    pub(super) hash: u64,
    /// Folded names of the people, organisations and places it names.
    pub(super) entities: BTreeSet<String>,
    /// For re-checking its story for syndicated copies.
    pub(super) syndication: SyndicationKeys,
    /// For the clusterer, which runs on the caller's thread.
    pub(super) terms: ArticleTerms,
}

/// Prepares `docs` on up to `threads` threads; `None` for a document with
/// no article text left after cleaning. Stage times are summed over the
/// threads (CPU time spent in each stage, not wall time).
pub(super) fn prepare_all(
    docs: &[RawDoc],
    threads: usize,
    online: &OnlineConfig,
) -> (Vec<Option<Prepared>>, StageTimes) {
    let threads = threads.clamp(1, docs.len().max(1));
    if threads == 1 {
        return prepare_part(docs, online);
    }
    let per_thread = docs.len().div_ceil(threads);
    let mut parts = docs.chunks(per_thread);
    let first = parts.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .map(|part| scope.spawn(move || prepare_part(part, online)))
            .collect();
        // The calling thread does a share too instead of waiting idle.
        let (mut out, mut times) = prepare_part(first, online);
        for handle in handles {
            // A panic in a worker is a bug; carry it to the caller as if
            // the work had run on its thread.
            let (part, part_times) = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            out.extend(part);
            times.add(&part_times);
        }
        (out, times)
    })
}

fn prepare_part(docs: &[RawDoc], online: &OnlineConfig) -> (Vec<Option<Prepared>>, StageTimes) {
    let mut times = StageTimes::default();
    let out = docs
        .iter()
        .map(|d| prepare(d, online, &mut times))
        .collect();
    (out, times)
}

fn prepare(doc: &RawDoc, online: &OnlineConfig, times: &mut StageTimes) -> Option<Prepared> {
    let started = Instant::now();
    let article = concord_clean::clean(doc);
    let cleaned = Instant::now();
    times.clean += (cleaned - started).as_secs_f64();
    if article.body_paragraphs.is_empty() && article.title.is_none() {
        return None;
    }
    // Tokenized and folded once for the four stages below.
    let tokens = ArticleTokens::new(article.title.as_deref(), &article.body_paragraphs);
    let tokenized = Instant::now();
    times.tokens += (tokenized - cleaned).as_secs_f64();
    let hash = hash_tokens(&tokens);
    let hashed = Instant::now();
    times.content_hash += (hashed - tokenized).as_secs_f64();
    let entities = entity_keys(&tokens);
    let named = Instant::now();
    times.entity_keys += (named - hashed).as_secs_f64();
    let syndication = SyndicationKeys::from_tokens(&tokens, &SyndicationConfig::default());
    let keyed = Instant::now();
    times.syndication_keys += (keyed - named).as_secs_f64();
    let terms = ArticleTerms::new(&tokens, online);
    times.cluster_terms += keyed.elapsed().as_secs_f64();
    drop(tokens);
    Some(Prepared {
        article,
        hash,
        entities,
        syndication,
        terms,
    })
}

/// Folded names of the people, organisations and places an article names.
fn entity_keys(tokens: &ArticleTokens<'_>) -> BTreeSet<String> {
    concord_extract::entities::find_entities_in(tokens)
        .into_iter()
        .filter(|m| m.kind != EntityType::Other)
        .map(|m| concord_text::name_key(&m.name))
        .collect()
}

/// The folded entity names of one article, as ingest keeps them on its
/// story (for a server that builds story records outside ingest).
pub fn article_entity_keys(article: &Article) -> BTreeSet<String> {
    entity_keys(&ArticleTokens::new(
        article.title.as_deref(),
        &article.body_paragraphs,
    ))
}

/// FNV-1a over the folded words of title and body: the same article
/// re-ingested (another file name, other whitespace or quotes) hashes equal.
pub fn content_hash(article: &Article) -> u64 {
    hash_tokens(&ArticleTokens::new(
        article.title.as_deref(),
        &article.body_paragraphs,
    ))
}

/// [`content_hash`] from the article's tokens. (It was defined over the
/// tokens of `Article::full_text`, which joins the parts with newlines; no
/// token spans whitespace, so those are the parts' tokens in order.)
fn hash_tokens(tokens: &ArticleTokens<'_>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in tokens.parts() {
        for (_, word) in part.folded_words() {
            for b in word.bytes().chain(std::iter::once(b' ')) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition the stored hashes were made with.
    fn hash_of_full_text(article: &Article) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for w in concord_text::tokenize(&article.full_text()) {
            if w.kind == concord_text::TokenKind::Punct {
                continue;
            }
            for b in concord_text::fold(w.text)
                .bytes()
                .chain(std::iter::once(b' '))
            {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    }

    proptest! {
        #[test]
        fn content_hash_is_unchanged(
            title in proptest::option::of("([a-zA-Z.,'-]{1,8}| ){0,6}"),
            paragraphs in proptest::collection::vec("([a-zA-Z0-9.,'’-]{1,8}|Ж| ){0,12}", 0..4),
        ) {
            let mut article = Article::from_paragraphs("a", paragraphs.iter().map(String::as_str));
            article.title = title;
            prop_assert_eq!(content_hash(&article), hash_of_full_text(&article));
        }
    }
}
