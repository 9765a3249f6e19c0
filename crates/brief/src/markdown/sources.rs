//! Source numbering: citation marks like `[1][3]` and the Sources list they
//! point to.
//!
//! A story's articles are numbered 1, 2, … in the order `StoryBrief::articles`
//! lists them; every section cites by these numbers, so one list at the end
//! of the story resolves them all.

use super::escape::inline;
use concord_model::Article;
use std::collections::HashMap;

/// Maps article ids to their 1-based source numbers within one story.
pub(crate) struct SourceNumbers<'a> {
    articles: &'a [Article],
    number_of: HashMap<&'a str, usize>,
}

impl<'a> SourceNumbers<'a> {
    pub(crate) fn new(articles: &'a [Article]) -> Self {
        let mut number_of = HashMap::new();
        for (idx, article) in articles.iter().enumerate() {
            // A repeated id keeps its first number, so marks stay stable.
            number_of.entry(article.id.as_str()).or_insert(idx + 1);
        }
        SourceNumbers {
            articles,
            number_of,
        }
    }

    /// Citation marks for `ids`, ascending and without repeats: `[1][3]`;
    /// `(no source)` when `ids` is empty, so an unsourced line is visible.
    ///
    /// An id that is not among the story's articles is a bug upstream; it is
    /// shown as `[?id]` rather than dropped, so the reader sees the gap.
    pub(crate) fn marks(&self, ids: &[String]) -> String {
        if ids.is_empty() {
            return "(no source)".to_owned();
        }
        let mut numbers: Vec<usize> = Vec::with_capacity(ids.len());
        let mut unknown: Vec<&str> = Vec::new();
        for id in ids {
            match self.number_of.get(id.as_str()) {
                Some(&n) => numbers.push(n),
                None if !unknown.contains(&id.as_str()) => unknown.push(id),
                None => {}
            }
        }
        numbers.sort_unstable();
        numbers.dedup();
        let known = numbers.iter().map(|n| format!("[{n}]"));
        let unknown = unknown.iter().map(|id| format!("[?{}]", inline(id)));
        known.chain(unknown).collect()
    }

    /// The mark for one article, followed by its outlet when known:
    /// `[3] Kyiv Post`. Labels quote variants and per-article lists.
    ///
    /// Callers must not follow a label with `:`. At the start of a list item,
    /// `[3]: x` is a link reference definition: the line would vanish and
    /// every `[3]` in the story would become a link to `x`.
    pub(crate) fn label(&self, id: &str) -> String {
        let mark = self.marks(&[id.to_owned()]);
        let outlet = self
            .number_of
            .get(id)
            .and_then(|&n| self.articles[n - 1].outlet.as_deref());
        match outlet {
            Some(outlet) => format!("{mark} {}", inline(outlet)),
            None => mark,
        }
    }

    /// The Sources list: one numbered line per article.
    pub(crate) fn list(&self) -> Vec<String> {
        if self.articles.is_empty() {
            return vec!["None.".to_owned()];
        }
        self.articles
            .iter()
            .enumerate()
            .map(|(idx, article)| format!("{}. {}", idx + 1, source_line(article)))
            .collect()
    }
}

/// `title · outlet · date · id (source) · url`, each part escaped.
///
/// Fields are separated by `·` because the inferred date's own text uses
/// `—` ("inferred: 2025-01-12 — how").
fn source_line(article: &Article) -> String {
    let title = match article.title.as_deref().map(inline) {
        Some(title) if !title.is_empty() => title,
        _ => "(untitled)".to_owned(),
    };
    let outlet = match &article.outlet {
        Some(outlet) => inline(outlet),
        None => "outlet unknown".to_owned(),
    };
    // Ids are often the file name of the source; don't print it twice.
    let id = if article.source == article.id {
        inline(&article.id)
    } else {
        format!("{} ({})", inline(&article.id), inline(&article.source))
    };
    let mut fields = vec![title, outlet, publication_date(article), id];
    match &article.url {
        Some(url) if *url != article.source => fields.push(inline(url)),
        _ => {}
    }
    fields.join(" · ")
}

/// The stated date, else the inferred one with how it was inferred.
fn publication_date(article: &Article) -> String {
    match (&article.published, &article.published_inferred) {
        (Some(date), _) => date.to_string(),
        (None, Some(inferred)) => {
            format!("inferred: {} — {}", inferred.date, inline(&inferred.how))
        }
        (None, None) => "date unknown".to_owned(),
    }
}
