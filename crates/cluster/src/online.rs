//! Online story clustering: each arriving article joins an active story or
//! founds a new one, in a bounded amount of work per article.
//!
//! An article becomes two sparse TF-IDF vectors, like in the batch
//! clusterer (`crate::features`): content words with the title counted
//! extra, and capitalised names, both keyed through
//! `concord_text::skeleton`. Document frequencies grow as articles arrive.
//! Each story keeps the running sum of its articles' term frequencies
//! (IDF is applied when a story is compared, so early and late articles
//! are weighed alike). Candidate stories come from an inverted index over
//! the *active* stories only; the best candidate at or above
//! [`OnlineConfig::min_similarity`] takes the article.
//!
//! Time: a story that has had no article for more than
//! [`OnlineConfig::cold_after_days`] days of article time (the stream's
//! latest `published` date) goes cold. Cold stories never take articles
//! again and leave the index, so the index holds only the recent window.
//!
//! Order: arrival order matters to any single-pass clusterer (the first
//! article of an event founds its story). To keep a shuffle within a short
//! window from changing the result much, a story that grows is re-checked
//! (at sizes 2, 3, 4, 6, 8, 12, …) against its neighbours and merged with
//! one whose centroid has become similar
//! ([`OnlineConfig::merge_similarity`]); a one-article neighbour is held to
//! the test its article would have met had it arrived later.
//!
//! **Invariants:** deterministic (no clocks, no randomness, ordered maps); a story's id is the
//! [`crate::story_id`] of its founding article and does not change as the
//! story grows. When two stories merge, the bigger one's id survives (the
//! older one's between equals), so a story that readers follow is not
//! renamed by taking in a small one; the [`Assignment`] of that call names
//! the id that went away, and [`OnlineClusterer::story_of`] follows it.

mod index;
mod sparse;
mod story;
mod vocab;

use crate::features::{ArticleTerms, Terms};
use concord_model::{Article, PartialDate};
use index::Index;
use sparse::Sparse;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use story::{belongs, day_number, is_checkpoint, State, Story, Window};
use vocab::Vocab;

/// Thresholds and limits of the online clusterer.
///
/// Where the defaults come from: `min_similarity_headline`,
/// `min_shared_terms` and `merge_similarity` were picked by BCubed F1 on a
/// grid over the first half (in time) of the UCI News Aggregator sample in
/// `tests/fixtures/uci/` (headlines only) and checked on the held-out
/// second half (`scripts/run_uci_clustering.sh`; numbers in BENCHMARKS.md,
/// "Story clustering (online)"). `min_similarity` (full text) sits in the
/// middle of the range, 0.15–0.23, over which every shuffle of the
/// fixture stories (`tests/online.rs`) gives the gold partition: below it
/// a strike on Ukraine's grid joins the seed story from the same week,
/// above it a quake article stops joining its own story. The limits bound
/// the work of one `add` (BENCHMARKS.md gives its latency).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OnlineConfig {
    /// How many times a title word counts against a body word (as in the
    /// batch clusterer: a headline weighs about a short paragraph).
    pub title_weight: f64,
    /// Share of the name cosine in the blended similarity when both sides
    /// have names; the rest is the word cosine. Small for the same reason
    /// as in the batch clusterer: two events in one country share its
    /// names.
    pub name_weight: f64,
    /// Least similarity (blended cosine) between an article with body text
    /// and a story's centroid for the article to join the story; below it
    /// the article founds a story.
    pub min_similarity: f64,
    /// The same for an article that is a headline only (no body text).
    /// Lower than `min_similarity`: a headline shares one or two words
    /// with the right story's centroid, while full texts share enough
    /// everyday news vocabulary that unrelated stories score higher.
    pub min_similarity_headline: f64,
    /// Least number of distinct word terms an article must share with a
    /// story's centroid to join it (an article with fewer terms must share
    /// all of its terms).
    pub min_shared_terms: usize,
    /// Least similarity between two active stories' centroids (both of
    /// two or more articles) for them to merge. Centroids average out
    /// wording, so two halves of one event sit higher than a headline and
    /// its story do; on full text, distinct stories' centroids stayed
    /// below 0.11 on the fixtures.
    pub merge_similarity: f64,
    /// A story with no article for more than this many days of article
    /// time goes cold: news stories are followed up within days, and a
    /// later article on the same subject is a new event.
    pub cold_after_days: i64,
    /// How many candidate stories get an exact similarity.
    pub max_candidates: usize,
    /// How many posting-list entries one retrieval may read; bounds the
    /// work per article however many stories are active (see
    /// `Index::candidates`).
    pub posting_budget: usize,
    /// How many cold stories one `add` may take out of the index, so that
    /// a day boundary that cools thousands of stories is spread over many
    /// calls (cold stories are filtered out before then anyway).
    pub max_expirations_per_add: usize,
    /// How many of a story's heaviest terms look for merge partners.
    pub merge_query_terms: usize,
    /// A story's centroid keeps at most this many terms (its heaviest by
    /// TF-IDF; pruned when it reaches twice as many, so pruning is rare).
    /// Without a bound, comparing with a story that has thousands of
    /// articles costs in proportion to all the words they ever used.
    pub max_centroid_terms: usize,
}

impl Default for OnlineConfig {
    fn default() -> Self {
        OnlineConfig {
            title_weight: 3.0,
            name_weight: 0.1,
            min_similarity: 0.2,
            min_similarity_headline: 0.08,
            min_shared_terms: 2,
            merge_similarity: 0.2,
            cold_after_days: 3,
            max_candidates: 16,
            posting_budget: 5_000,
            max_expirations_per_add: 16,
            merge_query_terms: 8,
            max_centroid_terms: 256,
        }
    }
}

/// Where one added article went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The story that holds the article after this call.
    pub story_id: String,
    /// Whether the article founded that story.
    pub is_new: bool,
    /// Ids of stories merged into `story_id` by this call: their articles
    /// now belong to `story_id`, and the ids are not used again.
    pub absorbed: Vec<String>,
}

/// One story as the clusterer holds it, for output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryView<'a> {
    pub id: &'a str,
    /// The founding article's title.
    pub headline: Option<&'a str>,
    /// Article ids in order of arrival (a merged story's after the
    /// survivor's).
    pub articles: &'a [String],
    /// Distinct outlets named by the articles.
    pub outlets: usize,
    /// Whether the story has gone cold (it takes no more articles).
    pub is_cold: bool,
}

/// One article's vectors: unit-length TF-IDF queries, and unit-length
/// frequencies to add to a centroid.
struct ArticleVectors {
    words_query: Sparse,
    names_query: Sparse,
    words: Sparse,
    names: Sparse,
}

/// Assigns articles to stories one at a time. See the module docs.
///
/// Serializable (serde), so that a store can save the state instead of
/// replaying every article on open; a deserialized clusterer continues
/// exactly as the one that was saved.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct OnlineClusterer {
    config: OnlineConfig,
    vocab: Vocab,
    index: Index,
    stories: Vec<Story>,
    // Ordered maps, not hash maps: growing a hash map of a million keys
    // rehashes them all inside one `add` (a spike of hundreds of ms at
    // 1M articles); a B-tree grows a node at a time.
    story_of_article: BTreeMap<String, u32>,
    used_story_ids: BTreeSet<String>,
    /// The latest article day seen: the stream's "now".
    clock: Option<i64>,
    /// (last day, story) for every time a story's last day moved; entries
    /// that are out of date are skipped when popped.
    expiry: BinaryHeap<Reverse<(i64, u32)>>,
}

impl OnlineClusterer {
    pub fn new(config: OnlineConfig) -> Self {
        OnlineClusterer {
            config,
            vocab: Vocab::default(),
            index: Index::default(),
            stories: Vec::new(),
            story_of_article: BTreeMap::new(),
            used_story_ids: BTreeSet::new(),
            clock: None,
            expiry: BinaryHeap::new(),
        }
    }

    pub fn config(&self) -> &OnlineConfig {
        &self.config
    }

    /// Assigns `article` to a story. Adding an id that was added before
    /// changes nothing and reports the story that holds it.
    pub fn add(&mut self, article: &Article) -> Assignment {
        self.add_counted(article, None)
    }

    /// [`OnlineClusterer::add`] with the article's terms worked out
    /// beforehand (the same assignment as `add` gives).
    pub fn add_with_terms(&mut self, article: &Article, terms: &ArticleTerms) -> Assignment {
        self.add_counted(article, Some(terms))
    }

    fn add_counted(&mut self, article: &Article, terms: Option<&ArticleTerms>) -> Assignment {
        if let Some(&known) = self.story_of_article.get(&article.id) {
            let story = self.resolve(known);
            return Assignment {
                story_id: self.stories[story as usize].id.clone(),
                is_new: false,
                absorbed: Vec::new(),
            };
        }
        // An undated article is taken to be as recent as the stream.
        let day = article
            .reference_date()
            .map(|d| day_number(PartialDate::day(d)))
            .or(self.clock);
        if let Some(d) = day {
            self.clock = Some(self.clock.map_or(d, |c| c.max(d)));
        }
        self.expire(self.config.max_expirations_per_add);
        let vectors = self.vectors(article, terms);
        let has_body = article.body_paragraphs.iter().any(|p| !p.trim().is_empty());
        let threshold = if has_body {
            self.config.min_similarity
        } else {
            self.config.min_similarity_headline
        };
        let (story, is_new) = match self.best_story(&vectors, threshold) {
            Some(story) => {
                self.join(story, article, &vectors, day);
                (story, false)
            }
            None => (self.found(article, vectors, day, threshold), true),
        };
        if !article.id.is_empty() {
            self.story_of_article.insert(article.id.clone(), story);
        }
        let size = self.stories[story as usize].members.len();
        let absorbed = if !is_new && is_checkpoint(size) {
            self.merge_if_similar(story)
        } else {
            Vec::new()
        };
        let story = self.resolve(story);
        Assignment {
            story_id: self.stories[story as usize].id.clone(),
            is_new,
            absorbed,
        }
    }

    /// The id of the story that holds the article with this id.
    pub fn story_of(&self, article_id: &str) -> Option<&str> {
        let story = self.resolve(*self.story_of_article.get(article_id)?);
        Some(self.stories[story as usize].id.as_str())
    }

    /// Every story not merged away, in order of founding.
    pub fn stories(&self) -> impl Iterator<Item = StoryView<'_>> + '_ {
        self.stories
            .iter()
            .enumerate()
            .filter(|(_, s)| !matches!(s.state, State::MergedInto(_)))
            .map(|(idx, s)| StoryView {
                id: &s.id,
                headline: s.headline.as_deref(),
                articles: &s.members,
                outlets: s.outlets.len(),
                is_cold: !self.is_live(idx as u32),
            })
    }

    /// Stories that can still take articles.
    pub fn n_active_stories(&self) -> usize {
        (0..self.stories.len() as u32)
            .filter(|&s| self.is_live(s))
            .count()
    }

    /// Distinct terms seen so far (for sizing and benchmarks).
    pub fn n_terms(&self) -> usize {
        self.vocab.len()
    }

    fn resolve(&self, mut story: u32) -> u32 {
        while let State::MergedInto(next) = self.stories[story as usize].state {
            story = next;
        }
        story
    }

    fn window(&self) -> Window {
        Window {
            now: self.clock,
            cold_after_days: self.config.cold_after_days,
        }
    }

    fn is_live(&self, story: u32) -> bool {
        self.window().is_live(&self.stories[story as usize])
    }

    fn vectors(&mut self, article: &Article, given: Option<&ArticleTerms>) -> ArticleVectors {
        let counted;
        let terms = match given {
            Some(t) if t.title_weight == self.config.title_weight => &t.terms,
            _ => {
                counted = Terms::new(article, self.config.title_weight);
                &counted
            }
        };
        let words = self.intern(terms.words.iter().map(|(k, &tf)| (k, 1.0 + tf.ln())));
        let names = self.intern(terms.names.iter().map(|(k, &w)| (k, w)));
        let word_ids: Vec<u32> = words.iter().map(|&(t, _)| t).collect();
        let name_ids: Vec<u32> = names.iter().map(|&(t, _)| t).collect();
        self.vocab.count_doc(&word_ids, &name_ids);
        let vocab = &self.vocab;
        ArticleVectors {
            words_query: sparse::weighted(&words, |t| vocab.word_idf(t)),
            names_query: sparse::weighted(&names, |t| vocab.name_idf(t)),
            words: sparse::normalise(words),
            names: sparse::normalise(names),
        }
    }

    fn intern<'a>(&mut self, terms: impl Iterator<Item = (&'a String, f64)>) -> Sparse {
        let mut v: Sparse = terms
            .filter(|(_, w)| *w > 0.0 && w.is_finite())
            .map(|(term, w)| (self.vocab.intern(term), w))
            .collect();
        v.sort_by_key(|&(t, _)| t);
        v
    }

    /// Blends word and name cosines as the batch clusterer does: names
    /// count only when both sides have some.
    fn blend(&self, words: f64, names: Option<f64>) -> f64 {
        match names {
            Some(n) => {
                let w = self.config.name_weight.clamp(0.0, 1.0);
                (1.0 - w) * words + w * n
            }
            None => words,
        }
    }

    fn best_story(&mut self, v: &ArticleVectors, threshold: f64) -> Option<u32> {
        let (window, stories) = (self.window(), &self.stories);
        let candidates = self.index.candidates(
            &v.words_query,
            |s| window.is_live(&stories[s as usize]),
            self.config.posting_budget,
            self.config.max_candidates,
        );
        let vocab = &self.vocab;
        let mut best: Option<(f64, u32)> = None;
        for story in candidates {
            let s = &self.stories[story as usize];
            let (words, shared) =
                sparse::cosine_to_centroid(&v.words_query, &s.words, |t| vocab.word_idf(t));
            // One shared word is no evidence of one event ("window",
            // "drops", "week"), however rare the word: a story that takes
            // such articles chains into a grab bag that later swallows
            // whole stories.
            if shared < self.config.min_shared_terms.min(v.words_query.len()) {
                continue;
            }
            let names = (!v.names_query.is_empty() && !s.names.is_empty()).then(|| {
                sparse::cosine_to_centroid(&v.names_query, &s.names, |t| vocab.name_idf(t)).0
            });
            let sim = self.blend(words, names);
            // Ties go to the older story (lower index).
            let better = best.is_none_or(|(b, idx)| sim > b || (sim == b && story < idx));
            if better {
                best = Some((sim, story));
            }
        }
        best.filter(|&(sim, _)| sim >= threshold)
            .map(|(_, story)| story)
    }

    fn join(&mut self, story: u32, article: &Article, v: &ArticleVectors, day: Option<i64>) {
        let s = &mut self.stories[story as usize];
        let (words, new_terms) = sparse::add(&s.words, &v.words);
        s.words = words;
        s.names = sparse::add(&s.names, &v.names).0;
        s.members.push(article.id.clone());
        s.outlets.extend(article.outlet.iter().cloned());
        self.index.insert(story, new_terms);
        self.bound_centroid(story);
        self.touch(story, day);
    }

    /// Prunes a centroid that has reached twice `max_centroid_terms` back
    /// to that many.
    fn bound_centroid(&mut self, story: u32) {
        let keep = self.config.max_centroid_terms.max(1);
        let vocab = &self.vocab;
        let s = &mut self.stories[story as usize];
        if s.names.len() >= 2 * keep {
            sparse::prune(&mut s.names, keep, |t| vocab.name_idf(t));
        }
        if s.words.len() >= 2 * keep {
            let dropped = sparse::prune(&mut s.words, keep, |t| vocab.word_idf(t));
            // The entries under dropped terms are left for compaction, like
            // those of dead stories. (Should a dropped term come back before
            // then, the story is listed twice under it: a little extra
            // retrieval score, no effect on the exact similarity.)
            let stories = &self.stories;
            self.index.mark_dead(dropped, |s, t| belongs(stories, s, t));
        }
    }

    fn found(
        &mut self,
        article: &Article,
        v: ArticleVectors,
        day: Option<i64>,
        threshold: f64,
    ) -> u32 {
        let story = u32::try_from(self.stories.len()).unwrap_or(u32::MAX);
        let id = self.unused_story_id(article);
        self.index.insert(story, v.words.iter().map(|&(t, _)| t));
        self.stories.push(Story {
            id,
            headline: article.title.clone(),
            members: vec![article.id.clone()],
            outlets: article.outlet.iter().cloned().collect(),
            words: v.words,
            names: v.names,
            last_day: None,
            founder_threshold: threshold,
            state: State::Active,
        });
        self.touch(story, day);
        story
    }

    /// `story_id` of the founder; a founder whose id repeats one already
    /// used (duplicate or missing ids) gets a numbered suffix, in arrival
    /// order, so ids stay unique and deterministic.
    fn unused_story_id(&mut self, founder: &Article) -> String {
        let base = crate::story_id(&[founder]);
        let mut id = base.clone();
        let mut n = 2;
        while self.used_story_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used_story_ids.insert(id.clone());
        id
    }

    fn touch(&mut self, story: u32, day: Option<i64>) {
        let s = &mut self.stories[story as usize];
        let last = match (s.last_day, day) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if last != s.last_day {
            s.last_day = last;
            if let Some(d) = last {
                self.expiry.push(Reverse((d, story)));
            }
        }
    }

    /// Takes up to `limit` stories that have gone cold out of the index
    /// and frees their centroids.
    fn expire(&mut self, limit: usize) {
        let mut done = 0;
        while done < limit {
            let Some(&Reverse((day, story))) = self.expiry.peek() else {
                return;
            };
            if !self.window().is_past(Some(day)) {
                return;
            }
            self.expiry.pop();
            let s = &mut self.stories[story as usize];
            // Out-of-date entry: the story moved on or is already gone.
            if s.state != State::Active || s.last_day != Some(day) {
                continue;
            }
            s.state = State::Cold;
            let words = std::mem::take(&mut s.words);
            s.names = Vec::new();
            let stories = &self.stories;
            self.index
                .mark_dead(words.iter().map(|&(t, _)| t), |s, t| belongs(stories, s, t));
            done += 1;
        }
    }

    /// Re-checks a story that just grew against its neighbours and merges
    /// it with the most similar one that passes (`merge_similarity`, or
    /// the join test for a one-article neighbour). Returns the id that
    /// went away, if any.
    fn merge_if_similar(&mut self, story: u32) -> Vec<String> {
        let vocab = &self.vocab;
        let s = &self.stories[story as usize];
        let words = sparse::weighted(&s.words, |t| vocab.word_idf(t));
        let names = sparse::weighted(&s.names, |t| vocab.name_idf(t));
        let mut query = words.clone();
        query.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        query.truncate(self.config.merge_query_terms);
        query.sort_by_key(|&(t, _)| t);
        let (window, stories) = (self.window(), &self.stories);
        let candidates = self.index.candidates(
            &query,
            |c| c != story && window.is_live(&stories[c as usize]),
            self.config.posting_budget,
            self.config.max_candidates,
        );
        let mut best: Option<(f64, u32)> = None;
        for other in candidates {
            let o = &self.stories[other as usize];
            let other_words = sparse::weighted(&o.words, |t| vocab.word_idf(t));
            let (w, shared) = sparse::cosine_shared(&words, &other_words);
            let n = (!names.is_empty() && !o.names.is_empty()).then(|| {
                let other_names = sparse::weighted(&o.names, |t| vocab.name_idf(t));
                sparse::cosine_shared(&names, &other_names).0
            });
            let sim = self.blend(w, n);
            // A one-article story is held to the test its article would
            // have met had it arrived after this story: whether a story
            // takes an article must not depend on which came first.
            let passes = if o.members.len() == 1 {
                sim >= o.founder_threshold
                    && shared >= self.config.min_shared_terms.min(other_words.len())
            } else {
                sim >= self.config.merge_similarity
            };
            if passes && best.is_none_or(|(b, idx)| sim > b || (sim == b && other < idx)) {
                best = Some((sim, other));
            }
        }
        let Some((_, other)) = best else {
            return Vec::new();
        };
        // The bigger story keeps its id (ties: the older), so that a story
        // readers follow is not renamed by taking in a small one.
        let (a, b) = (&self.stories[story as usize], &self.stories[other as usize]);
        let story_wins = (Reverse(a.members.len()), story) < (Reverse(b.members.len()), other);
        let (keep, gone) = if story_wins {
            (story, other)
        } else {
            (other, story)
        };
        self.merge(keep, gone);
        vec![self.stories[gone as usize].id.clone()]
    }

    fn merge(&mut self, keep: u32, gone: u32) {
        let g = &mut self.stories[gone as usize];
        g.state = State::MergedInto(keep);
        let words = std::mem::take(&mut g.words);
        let names = std::mem::take(&mut g.names);
        let members = std::mem::take(&mut g.members);
        let outlets = std::mem::take(&mut g.outlets);
        let last_day = g.last_day;
        let stories = &self.stories;
        self.index
            .mark_dead(words.iter().map(|&(t, _)| t), |s, t| belongs(stories, s, t));
        let k = &mut self.stories[keep as usize];
        let (sum, new_terms) = sparse::add(&k.words, &words);
        k.words = sum;
        k.names = sparse::add(&k.names, &names).0;
        k.members.extend(members);
        k.outlets.extend(outlets);
        self.index.insert(keep, new_terms);
        self.bound_centroid(keep);
        self.touch(keep, last_day);
    }
}
