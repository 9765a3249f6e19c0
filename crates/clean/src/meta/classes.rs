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

/// What an element's tag, class, id and itemprop say, read at once: each
/// attribute is split into words once, and elements without any of them
/// (most of a page) cost no allocation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ClassReading {
    /// A comment, sidebar, teaser or (outside the article) footer area.
    pub foreign: bool,
    pub comment: bool,
    pub role: Option<ClassRole>,
}

pub(super) fn read_element(el: ElementRef<'_>, in_article: bool) -> ClassReading {
    let v = el.value();
    let name = v.name();
    let (class, id, itemprop) = (v.attr("class"), v.attr("id"), v.attr("itemprop"));
    let comment_type = v.attr("itemtype").is_some_and(|t| t.contains("Comment"));
    let tag_foreign = FOREIGN_ELEMENTS.contains(&name) || (name == "footer" && !in_article);
    if class.is_none() && id.is_none() && itemprop.is_none() {
        return ClassReading {
            foreign: tag_foreign,
            comment: comment_type,
            role: None,
        };
    }
    let words = class_words(class, id);
    let footer = words.iter().any(|w| w.starts_with("footer"));
    let hay = format!(
        "{} {} {}",
        class.unwrap_or(""),
        id.unwrap_or(""),
        itemprop.unwrap_or("")
    )
    .to_lowercase();
    ClassReading {
        foreign: tag_foreign || (footer && !in_article) || words.iter().any(|w| foreign_word(w)),
        comment: comment_type || words.iter().any(|w| comment_word(w)),
        role: class_role(&hay),
    }
}

/// Class and id words, lowercased: `relatedPosts comment_list` →
/// related, posts, comment, list.
fn class_words(class: Option<&str>, id: Option<&str>) -> Vec<String> {
    let mut words = Vec::new();
    for attr in [class, id].into_iter().flatten() {
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

fn comment_word(w: &str) -> bool {
    ["comment", "kommentar", "reply", "respond", "disqus"]
        .iter()
        .any(|p| w.starts_with(p))
}

fn foreign_word(w: &str) -> bool {
    FOREIGN_WORDS.contains(&w) || FOREIGN_PREFIXES.iter().any(|p| w.starts_with(p))
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
        let foreign = |in_article| move |e| read_element(e, in_article).foreign;
        assert!(first(r#"<div class="relatedPosts">x</div>"#, foreign(false)));
        assert!(first(r#"<div id="comment-list">x</div>"#, |e| {
            read_element(e, false).comment
        }));
        assert!(first("<aside>x</aside>", foreign(true)));
        assert!(!first(r#"<div class="preview_top">x</div>"#, foreign(false)));
        assert!(!first(r#"<div class="header-info">x</div>"#, foreign(false)));
        assert!(first("<footer>x</footer>", foreign(false)));
        assert!(
            !first("<footer>x</footer>", foreign(true)),
            "an article's own footer"
        );
        assert!(first(r#"<div class="site-footer">x</div>"#, foreign(false)));
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
