//! Every page rendered from hostile article data has no script-capable
//! markup, and the hostile text is still shown, as text.

use concord_model::*;
use concord_web::audit::active_content;
use concord_web::*;

/// Payloads that break out of text, attributes and URLs in various ways.
const PAYLOADS: &[&str] = &[
    "<script>document.title='PWNED'</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "{{7*7}} ${alert(1)} <style>*{}</style>",
];

fn hostile(n: usize) -> String {
    PAYLOADS[n % PAYLOADS.len()].to_string()
}

fn article(id: &str, n: usize) -> Article {
    let mut a = Article::from_paragraphs(id, [hostile(n), format!("plain {}", hostile(n + 1))]);
    a.title = Some(hostile(n + 2));
    a.outlet = Some(hostile(n + 3));
    a.author = Some(hostile(n + 4));
    a.dateline = Some(hostile(n + 5));
    a.url = Some("javascript:alert(document.cookie)".to_string());
    a.published = chrono::NaiveDate::from_ymd_opt(2025, 1, 2);
    a.removed.push(RemovedBlock {
        text: hostile(n + 6),
        kind: RemovedKind::Caption,
        reason: hostile(n),
    });
    a
}

fn story() -> StoryBrief {
    // Ids themselves are hostile: they end up in hrefs and anchors.
    let ids = [
        "\"><script>alert(1)</script>",
        "javascript:alert(1)",
        "a b/../c?d#e",
    ];
    let articles: Vec<Article> = ids
        .iter()
        .enumerate()
        .map(|(n, id)| article(id, n))
        .collect();
    let all: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    StoryBrief {
        id: hostile(1),
        headline: hostile(0),
        outlets: 3,
        independent_origins: 2,
        syndication: vec![Syndication {
            articles: all[..2].to_vec(),
            shared_passages: 3,
            origin: Some(hostile(3)),
            examples: vec![hostile(4)],
        }],
        entities: vec![Entity {
            name: hostile(2),
            kind: EntityType::Person,
            aliases: vec![hostile(5)],
            articles: all.clone(),
            mentions: 3,
        }],
        claims: vec![Claim {
            subject: hostile(0),
            unit: hostile(1),
            status: ClaimStatus::Conflict,
            values: vec![
                ClaimValue {
                    value: 10_000.0,
                    articles: vec![all[0].clone()],
                    attribution: Some(hostile(2)),
                    hedge: Some(hostile(3)),
                    evidence: hostile(4),
                },
                ClaimValue {
                    value: 12_000.0,
                    articles: vec![all[1].clone(), "unknown <b>id</b>".into()],
                    attribution: None,
                    hedge: None,
                    evidence: hostile(5),
                },
            ],
        }],
        quotes: vec![Quote {
            speaker: Some(hostile(6)),
            text: hostile(0),
            articles: vec![all[0].clone()],
            variants: vec![QuoteVariant {
                article: all[2].clone(),
                text: hostile(1),
            }],
        }],
        timeline: vec![TimelineEntry {
            date: PartialDate::day(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid")),
            what: hostile(3),
            articles: all.clone(),
            evidence: vec![DateEvidence {
                article: all[0].clone(),
                written: hostile(4),
                resolved_from: Some(hostile(5)),
            }],
        }],
        summary: vec![SummarySentence {
            text: hostile(6),
            articles: all,
        }],
        articles,
    }
}

fn assert_clean(page: &str, what: &str) {
    let problems = active_content(page);
    assert!(problems.is_empty(), "{what}: {problems:#?}");
    // The payloads are shown as text, not dropped.
    assert!(
        page.contains("&lt;script&gt;"),
        "{what}: payload text missing"
    );
}

#[test]
fn story_page_is_inert() {
    assert_clean(&story_page(&story()), "story page");
}

#[test]
fn article_and_compare_pages_are_inert() {
    let s = story();
    assert_clean(&article_page(&s.articles[0], Some(&s.id)), "article page");
    assert_clean(
        &compare_page(&s.id, &s.articles[0], &s.articles[1]),
        "compare page",
    );
}

#[test]
fn list_search_and_error_pages_are_inert() {
    let row = StoryRow {
        id: hostile(0),
        headline: hostile(1),
        articles: 3,
        outlets: 2,
        independent_origins: 1,
        last_published: Some(hostile(2)),
        conflicts: Some(1),
    };
    let list = story_list_page(&ListView {
        rows: vec![row.clone()],
        entity: Some(hostile(3)),
        since: Some(hostile(4)),
        until: None,
        total: 100,
        offset: 50,
        limit: 50,
    });
    assert_clean(&list, "story list");
    let search = search_page(&SearchView {
        query: hostile(0),
        stories: vec![(row, vec![(hostile(5), Some(hostile(6)))])],
    });
    assert_clean(&search, "search page");
    assert_clean(&error_page(404, &hostile(0)), "error page");
}

#[test]
fn hostile_urls_are_not_links() {
    let page = story_page(&story());
    assert!(!page.to_ascii_lowercase().contains("href=\"javascript:"));
}

mod property {
    use super::*;
    use proptest::prelude::*;

    /// Strings rich in markup characters and handler/scheme words.
    fn markupish() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("<".to_string()),
                Just(">".to_string()),
                Just("\"".to_string()),
                Just("'".to_string()),
                Just("&".to_string()),
                Just("=".to_string()),
                Just("/".to_string()),
                Just(" ".to_string()),
                Just("script".to_string()),
                Just("img src=x onerror=alert(1)".to_string()),
                Just("javascript:".to_string()),
                Just("style".to_string()),
                Just("iframe".to_string()),
                "\\PC{0,4}",
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_renders_inert(title in markupish(), body in markupish(), outlet in markupish(),
                                  url in markupish(), id in markupish()) {
            let mut s = story();
            s.headline = title.clone();
            s.articles[0].title = Some(title);
            s.articles[0].body_paragraphs = vec![body.clone()];
            s.articles[0].outlet = Some(outlet);
            s.articles[0].url = Some(url);
            s.quotes[0].text = body;
            s.id = id;
            for page in [story_page(&s), article_page(&s.articles[0], Some(&s.id)),
                         compare_page(&s.id, &s.articles[0], &s.articles[1])] {
                let problems = active_content(&page);
                prop_assert!(problems.is_empty(), "{:?}", problems);
            }
        }
    }
}
