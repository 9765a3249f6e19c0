//! `<meta>` tags that state a date, sorted into publication, generic and
//! modification dates. Keys are lowercased `property`, `name`, `itemprop`
//! or `http-equiv` values.

use super::evidence::{rank, Evidence, Role};

/// Keys that mean "published" (Open Graph, Dublin Core, Parse.ly,
/// Sailthru, Highwire/Google Scholar and the common ad-hoc names).
const PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "published-time",
    "datepublished",
    "date_published",
    "date-published",
    "publishdate",
    "publish-date",
    "publish_date",
    "publishdatetime",
    "published-date",
    "published_date",
    "pubdate",
    "og:pubdate",
    "bt:pubdate",
    "publication_date",
    "publication-date",
    "publicationdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.created",
    "datecreated",
    "date.created",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "prism.publicationdate",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "release_date",
    "firstpublishedtime",
    "vr:published_time",
    "shareaholic:article_published_time",
];

/// Keys that hold "the" date of a page without saying which: usually the
/// publication, sometimes the last change.
const GENERIC: &[&str] = &[
    "date",
    "dc.date",
    "dcterms.date",
    "dc:date",
    "created",
    "displaydate",
    "dc.date.available",
    "article:post_date",
    "timestamp",
    "article.date",
    "sort_date",
];

/// Keys that mean "modified".
const MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "og:updated_time",
    "updated_time",
    "modified_time",
    "datemodified",
    "date_modified",
    "dc.date.modified",
    "dcterms.modified",
    "dc.modified",
    "last-modified",
    "lastmod",
    "last-updated",
    "revised",
    "parsely-updated",
];

/// Whether `key` contains one of `parts`. Every `<meta>` key of a page is
/// asked for six parts; `str::contains` prepares a two-way search for each
/// (21,823 of them on the 120 benchmark pages, 0.5% of `concord extract`),
/// where keys are a few bytes long and a part's first byte is rare in them.
fn has_any(key: &str, parts: &[&str]) -> bool {
    parts
        .iter()
        .any(|p| contains_part(key.as_bytes(), p.as_bytes()))
}

/// `part` occurs in `key`, by its first byte and then the rest.
fn contains_part(key: &[u8], part: &[u8]) -> bool {
    let Some((&first, rest)) = part.split_first() else {
        return true;
    };
    (0..key.len()).any(|at| key[at] == first && key[at + 1..].starts_with(rest))
}

/// The evidence one `<meta>` tag gives, if its key names a date.
pub(crate) fn evidence(key: &str, content: &str) -> Option<Evidence> {
    let (role, rank) = if PUBLISHED.contains(&key) {
        (Role::Published, rank::META_PUBLISHED)
    } else if MODIFIED.contains(&key) {
        (Role::Modified, rank::META_PUBLISHED)
    } else if GENERIC.contains(&key) {
        (Role::Published, rank::META_DATE)
    } else if has_any(key, &["modif", "updat", "revis"]) {
        (Role::Modified, rank::META_DATE)
    } else if has_any(key, &["publish", "pubdate", "issued"])
        && !has_any(key, &["expir", "embargo", "end", "until", "unpublish"])
    {
        (Role::Published, rank::META_PUBLISHED_LIKE)
    } else {
        return None;
    };
    Evidence::from_field(content, role, rank, format!("<meta> \"{key}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_keys_by_what_they_mean() {
        let e = evidence("article:published_time", "2019-10-16T08:00:00+02:00").unwrap();
        assert_eq!(
            (e.role, e.date.to_string().as_str()),
            (Role::Published, "2019-10-16")
        );
        let e = evidence("article:modified_time", "2019-10-18").unwrap();
        assert_eq!(e.role, Role::Modified);
        let e = evidence("dc.date", "2019-10-16").unwrap();
        assert_eq!(e.rank, rank::META_DATE);
        let e = evidence("x-last-updated", "2019-10-16").unwrap();
        assert_eq!(e.role, Role::Modified);
        let e = evidence("sailthru.date", "Wed, 16 Oct 2019 08:00:00 -0400").unwrap();
        assert_eq!(e.date.to_string(), "2019-10-16");
        assert!(evidence("publish-expiry", "2019-10-16").is_none());
        assert!(evidence("viewport", "width=device-width").is_none());
        assert!(evidence("date", "no date here").is_none());
    }

    proptest::proptest! {
        /// The first-byte search finds a part exactly where `str::contains`
        /// does, with parts at the start, the end, overlapping false starts
        /// (`ppub`), and not at all.
        #[test]
        fn part_search_is_str_contains(
            key in "[a-z:._ -]{0,6}(pub|publ|publish|modif|end|e)?[a-z:._ -]{0,6}",
            part in proptest::sample::select(vec!["publish", "pubdate", "modif", "end", "e", "issued", ""]),
        ) {
            proptest::prop_assert_eq!(contains_part(key.as_bytes(), part.as_bytes()), key.contains(part));
        }
    }
}
