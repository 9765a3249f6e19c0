//! Tests of URL canonicalisation and URL deduplication.

use super::*;
use concord_model::RawFormat;
use proptest::prelude::*;

fn canon(url: &str) -> String {
    canonical_url(url).unwrap_or_else(|| "None".into())
}

#[test]
fn near_identical_urls_share_one_canonical_form() {
    let want = "https://example.com/news/quake-hits-coast";
    for url in [
        "https://example.com/news/quake-hits-coast",
        "http://www.example.com/news/quake-hits-coast/",
        "HTTPS://WWW.Example.COM:443/news/quake-hits-coast#comments",
        "https://example.com/news/quake-hits-coast?utm_source=twitter&utm_medium=social",
        "https://example.com/news/quake-hits-coast?fbclid=IwAR0abc&gclid=x&mc_cid=1&mc_eid=2",
        "https://example.com/news/quake-hits-coast?ocid=msn&cmpid=rss&smid=tw-share&ref=hp",
        "https://example.com/news/quake-hits-coast?amp",
        "https://example.com/news/quake-hits-coast?amp=1",
        "https://example.com/news/quake-hits-coast?outputType=amp",
        "https://example.com/news/amp/quake-hits-coast",
        "https://example.com/amp/news/quake-hits-coast",
        "https://example.com/news/quake-hits-coast/amp",
        "https://example.com/news/quake-hits-coast.amp",
        "https://amp.example.com/news/quake-hits-coast",
        "https://m.example.com/news/quake-hits-coast",
        "https://user:pw@example.com:443/news/./x/../quake-hits-coast",
        "https://example-com.cdn.ampproject.org/c/s/example.com/news/quake-hits-coast",
        "https://www.google.com/amp/s/www.example.com/news/quake-hits-coast.amp",
        "  https://example.com/news/quake-hits-coast  ",
    ] {
        assert_eq!(canon(url), want, "{url}");
    }
}

#[test]
fn meaningful_differences_are_kept() {
    assert_eq!(
        canon("https://example.com/a?id=2&page=1"),
        "https://example.com/a?id=2&page=1"
    );
    assert_eq!(
        canon("https://example.com/a?page=1&id=2&utm_x=y"),
        "https://example.com/a?id=2&page=1"
    );
    assert_ne!(
        canon("https://example.com/a?id=1"),
        canon("https://example.com/a?id=2")
    );
    assert_ne!(
        canon("https://example.com/a"),
        canon("https://example.org/a")
    );
    assert_eq!(
        canon("http://example.com:8080/a/"),
        "https://example.com:8080/a"
    );
    assert_eq!(canon("https://example.com/"), "https://example.com");
    assert_eq!(
        canon("https://example.com/story.amp.html"),
        "https://example.com/story.html"
    );
    assert_eq!(
        canon("https://example.com/%7euser/a%2fb"),
        "https://example.com/~user/a%2Fb"
    );
    // `output` other than amp, and path segments merely containing "amp".
    assert_eq!(
        canon("https://example.com/camp/ample?output=rss"),
        "https://example.com/camp/ample?output=rss"
    );
    // `www.` is not stripped down to a bare TLD.
    assert_eq!(canon("https://www.co/x"), "https://www.co/x");
}

#[test]
fn not_http_urls_are_none() {
    for url in [
        "",
        "example.com/a",
        "ftp://example.com/a",
        "mailto:a@b.c",
        "https://",
        "https://:80/a",
        "https://exa mple.com/",
        "https://h:port/",
    ] {
        assert_eq!(canonical_url(url), None, "{url}");
    }
}

fn doc(id: &str, url: Option<&str>) -> RawDoc {
    let mut d = RawDoc::new(id, format!("in/{id}"), RawFormat::Html, "<p>x</p>");
    d.url = url.map(str::to_string);
    d
}

#[test]
fn dedup_keeps_the_first_and_names_both() {
    let mut docs = vec![
        doc("a", Some("https://example.com/story?utm_source=rss")),
        doc("b", None),
        doc("c", Some("https://www.example.com/story/amp")),
        doc("d", Some("https://example.com/other")),
        doc("e", Some("http://example.com/story/")),
        doc("f", Some("not a url")),
        doc("g", Some("not a url")),
    ];
    let notes = dedup_by_url(&mut docs);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "d", "f", "g"]);
    let notes: Vec<String> = notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        [
            "in/c: same article as in/a by URL (https://example.com/story); skipped",
            "in/e: same article as in/a by URL (https://example.com/story); skipped",
        ]
    );
}

#[test]
fn seen_urls_decide_as_dedup_by_url_does() {
    let docs = vec![
        doc("a", Some("https://example.com/story?utm_source=rss")),
        doc("b", None),
        doc("c", Some("https://www.example.com/story/amp")),
        doc("d", Some("https://example.com/other")),
        doc("e", Some("http://example.com/story/")),
        doc("f", Some("https://example.com/")),
        doc("g", Some("https://example.com")),
        doc("h", Some("not a url")),
        doc("i", Some("not a url")),
    ];
    let mut seen = SeenUrls::default();
    let mut kept = Vec::new();
    let mut notes = Vec::new();
    for d in &docs {
        match seen.check(d) {
            Some(note) => notes.push(note),
            None => kept.push(d.clone()),
        }
    }
    let mut all = docs.clone();
    assert_eq!(notes, dedup_by_url(&mut all));
    assert_eq!(kept, all);
}

#[test]
fn dedup_works_on_any_list() {
    let mut pairs = vec![
        ("a.html", Some("https://x.org/a")),
        ("b.html", Some("https://amp.x.org/a?amp=1")),
    ];
    let notes = dedup_by_url_with(&mut pairs, |p| p.1, |p| p.0);
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        notes[0].to_string(),
        "b.html: same article as a.html by URL (https://x.org/a); skipped"
    );
}

#[test]
fn duplicates_are_reported_by_index() {
    let dups = find_url_duplicates([
        Some("https://x.org/a"),
        Some("https://x.org/a/"),
        None,
        // Front pages (a common wrong canonical link) never merge articles.
        Some("https://x.org/"),
        Some("https://www.x.org"),
    ]);
    assert_eq!(
        dups,
        [UrlDuplicate {
            index: 1,
            first: 0,
            canonical: "https://x.org/a".into()
        }]
    );
}

proptest! {
    #[test]
    fn canonical_url_is_idempotent_and_never_panics(s in "\\PC{0,60}", host in "[a-zA-Z0-9.-]{1,20}", path in "[a-zA-Z0-9/._%~-]{0,30}", query in "[a-zA-Z0-9=&_;%]{0,30}") {
        for candidate in [s.clone(), format!("http://{s}"), format!("https://x.cdn.ampproject.org/c/s/{s}")] {
            if let Some(once) = canonical_url(&candidate) {
                prop_assert_eq!(canonical_url(&once), Some(once.clone()), "{}", candidate);
            }
        }
        let url = format!("http://{host}/{path}?{query}");
        if let Some(once) = canonical_url(&url) {
            prop_assert_eq!(canonical_url(&once), Some(once.clone()));
        }
    }
}

#[test]
fn nested_amp_wrappers_unwrap_fully() {
    let url =
        "https://a.cdn.ampproject.org/c/s/b.cdn.ampproject.org/c/s/www.google.com/amp/s/x.com/p";
    assert_eq!(canon(url), "https://x.com/p");
}
