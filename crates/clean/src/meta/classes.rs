//! What an element's class, id and tag say about the dates inside it:
//! comment, sidebar, teaser and footer areas (whose dates are not the
//! page's), and "published", "updated" and plain "date" elements.

use scraper::ElementRef;

/// Elements whose dates belong to something else than the page.
pub(super) const FOREIGN_ELEMENTS: &[&str] = &["aside", "nav", "form"];
/// Class or id words (split at `-`, `_`, spaces and case changes) that
/// start comment, sidebar, teaser and footer areas: `comment-list`,
/// `relatedPosts`, `sidebar_right`.
const FOREIGN_PREFIXES: &[&str] = &[
    "comment",
    "kommentar",
    "reply",
    "respond",
    "disqus",
    "sidebar",
    "related",
    "teaser",
    "recommend",
    "trending",
    "popular",
    "mostread",
    "newsletter",
    "breadcrumb",
    "archive",
    "calendar",
    "similar",
    "weitere",
    "readmore",
    "pagination",
    "cookie",
];
/// Whole class or id words of such areas.
const FOREIGN_WORDS: &[&str] = &[
    "nav",
    "navigation",
    "menu",
    "aside",
    "more",
    "links",
    "promo",
    "ad",
    "ads",
    "next",
    "prev",
    "previous",
    "termin",
    "termine",
];

/// What an element's class, id or itemprop says about the dates in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClassRole {
    Published,
    Modified,
    Date,
}

pub(super) fn class_hay(el: ElementRef<'_>) -> String {
    let v = el.value();
    format!(
        "{} {} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or(""),
        v.attr("itemprop").unwrap_or("")
    )
    .to_lowercase()
}

/// Class and id words, lowercased: `relatedPosts comment_list` →
/// related, posts, comment, list.
fn class_words(el: ElementRef<'_>) -> Vec<String> {
    let v = el.value();
    let mut words = Vec::new();
    for attr in [v.attr("class"), v.attr("id")].into_iter().flatten() {
        for token in attr.split(|c: char| !c.is_alphanumeric()) {
            let mut word = String::new();
            let mut prev_lower = false;
            for c in token.chars() {
                if c.is_uppercase() && prev_lower && !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                prev_lower = c.is_lowercase() || c.is_ascii_digit();
                word.extend(c.to_lowercase());
            }
            if !word.is_empty() {
                words.push(word);
            }
        }
    }
    words
}

pub(super) fn is_comment(el: ElementRef<'_>) -> bool {
    el.value()
        .attr("itemtype")
        .is_some_and(|t| t.contains("Comment"))
        || class_words(el).iter().any(|w| {
            ["comment", "kommentar", "reply", "respond", "disqus"]
                .iter()
                .any(|p| w.starts_with(p))
        })
}

/// Comment, sidebar, teaser areas; footers only outside the article (an
/// article's own footer often carries its date).
pub(super) fn is_foreign(el: ElementRef<'_>, in_article: bool) -> bool {
    let words = class_words(el);
    let footer = el.value().name() == "footer" || words.iter().any(|w| w.starts_with("footer"));
    FOREIGN_ELEMENTS.contains(&el.value().name())
        || (footer && !in_article)
        || words.iter().any(|w| {
            FOREIGN_WORDS.contains(&w.as_str()) || FOREIGN_PREFIXES.iter().any(|p| w.starts_with(p))
        })
}

pub(super) fn class_role(hay: &str) -> Option<ClassRole> {
    if ["modif", "update", "aktualis", "edited", "revised"]
        .iter()
        .any(|p| hay.contains(p))
    {
        Some(ClassRole::Modified)
    } else if [
        "publish",
        "pubdate",
        "posted",
        "created",
        "erschienen",
        "veroeffentlicht",
    ]
    .iter()
    .any(|p| hay.contains(p))
    {
        Some(ClassRole::Published)
    } else if [
        "date", "datum", "time", "zeit", "dateline", "byline", "meta", "author", "autor",
    ]
    .iter()
    .any(|p| hay.contains(p))
        && !["timeline", "runtime", "datepicker"]
            .iter()
            .any(|p| hay.contains(p))
    {
        Some(ClassRole::Date)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn first(html: &str, f: impl Fn(ElementRef<'_>) -> bool) -> bool {
        let page = Html::parse_fragment(html);
        let Ok(sel) = Selector::parse("div, aside, footer") else {
            return false;
        };
        page.select(&sel).next().is_some_and(f)
    }

    #[test]
    fn foreign_areas_by_word_not_by_substring() {
        assert!(first(r#"<div class="relatedPosts">x</div>"#, |e| {
            is_foreign(e, false)
        }));
        assert!(first(r#"<div id="comment-list">x</div>"#, is_comment));
        assert!(first("<aside>x</aside>", |e| is_foreign(e, true)));
        assert!(!first(r#"<div class="preview_top">x</div>"#, |e| {
            is_foreign(e, false)
        }));
        assert!(!first(r#"<div class="header-info">x</div>"#, |e| {
            is_foreign(e, false)
        }));
        assert!(first("<footer>x</footer>", |e| is_foreign(e, false)));
        assert!(
            !first("<footer>x</footer>", |e| is_foreign(e, true)),
            "an article's own footer"
        );
    }

    #[test]
    fn roles_from_classes() {
        assert_eq!(
            class_role("entry-date published"),
            Some(ClassRole::Published)
        );
        assert_eq!(class_role("date updated"), Some(ClassRole::Modified));
        assert_eq!(class_role("article__meta"), Some(ClassRole::Date));
        assert_eq!(class_role("timeline"), None);
        assert_eq!(class_role("headline"), None);
    }
}
