//! The story's context: who is named, which articles share copy, and what
//! cleaning cut from each article.

use super::escape::inline;
use super::plural;
use super::sources::SourceNumbers;
use concord_model::{Article, Entity, EntityType, RemovedKind, Syndication};

/// The entities table: one row per entity, with every spelling the sources
/// used and how widely it is reported.
pub(crate) fn entities(entities: &[Entity]) -> Vec<String> {
    if entities.is_empty() {
        return vec!["None.".to_owned()];
    }
    let mut lines = vec![
        "| name | type | aliases | articles | mentions |".to_owned(),
        "| --- | --- | --- | ---: | ---: |".to_owned(),
    ];
    for entity in entities {
        let aliases: Vec<String> = entity.aliases.iter().map(|a| inline(a)).collect();
        let aliases = if aliases.is_empty() {
            "—".to_owned()
        } else {
            aliases.join(", ")
        };
        lines.push(format!(
            "| {} | {} | {} | {} | {} |",
            inline(&entity.name),
            entity_type_label(entity.kind),
            aliases,
            entity.articles.len(),
            entity.mentions
        ));
    }
    lines
}

fn entity_type_label(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "person",
        EntityType::Org => "organization",
        EntityType::Location => "location",
        EntityType::Other => "other",
    }
}

/// One line per group of articles that reuse the same copy.
pub(crate) fn syndication(groups: &[Syndication], sources: &SourceNumbers) -> Vec<String> {
    if groups.is_empty() {
        return vec!["None: every article was written independently.".to_owned()];
    }
    groups
        .iter()
        .map(|group| {
            let origin = match &group.origin {
                Some(origin) => format!("origin: {}", inline(origin)),
                None => "origin not named".to_owned(),
            };
            format!(
                "- {} share {} — {origin}",
                sources.marks(&group.articles),
                plural(group.shared_passages, "passage", "passages")
            )
        })
        .collect()
}

/// Per article, how many blocks cleaning removed and of which kinds. The
/// removed text itself stays in the JSON: it can be pages long.
pub(crate) fn removed(articles: &[Article], sources: &SourceNumbers) -> Vec<String> {
    let lines: Vec<String> = articles
        .iter()
        .filter(|article| !article.removed.is_empty())
        .map(|article| {
            format!(
                "- {} — {} ({})",
                sources.label(&article.id),
                plural(article.removed.len(), "block", "blocks"),
                kind_counts(article)
            )
        })
        .collect();
    if lines.is_empty() {
        return vec!["None.".to_owned()];
    }
    lines
}

/// "boilerplate 2, caption 1", in the fixed order below so output is stable.
fn kind_counts(article: &Article) -> String {
    const ORDER: [RemovedKind; 6] = [
        RemovedKind::Boilerplate,
        RemovedKind::Consent,
        RemovedKind::Caption,
        RemovedKind::RelatedLink,
        RemovedKind::Embed,
        RemovedKind::Metadata,
    ];
    ORDER
        .iter()
        .filter_map(|&kind| {
            let n = article.removed.iter().filter(|b| b.kind == kind).count();
            (n > 0).then(|| format!("{} {n}", removed_kind_label(kind)))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn removed_kind_label(kind: RemovedKind) -> &'static str {
    match kind {
        RemovedKind::Boilerplate => "boilerplate",
        RemovedKind::Consent => "consent",
        RemovedKind::Caption => "caption",
        RemovedKind::RelatedLink => "related link",
        RemovedKind::Embed => "embed",
        RemovedKind::Metadata => "metadata",
    }
}
