//! Main-content extraction on made-up pages in the shapes real sites use:
//! a story with no wrapper among the navigation, teaser cards after the
//! story, feature-switch classes on `<body>`, hidden microdata copies,
//! furniture words on the story's own wrapper, comment threads, tables.

use concord_clean::clean;
use concord_model::{Article, RawDoc, RawFormat, RemovedKind};

fn page(body: &str) -> Article {
    let html = format!("<html><head><title>T</title></head><body>{body}</body></html>");
    clean(&RawDoc::new("p.html", "p.html", RawFormat::Html, html))
}

const P1: &str = "The council approved the new budget on Tuesday after a debate that lasted well into the night.";
const P2: &str = "Opponents said the plan would raise local taxes, while supporters pointed to the repaired roads.";
const P3: &str =
    "The mayor is expected to sign the budget next week, her office said in a short statement.";

fn kinds_of(a: &Article, needle: &str) -> Vec<RemovedKind> {
    a.removed
        .iter()
        .filter(|r| r.text.contains(needle))
        .map(|r| r.kind)
        .collect()
}

fn nav() -> String {
    let links: String = ["Home", "World", "Business", "Sport", "Culture", "Opinion"]
        .iter()
        .map(|s| format!("<li><a href=\"/{s}\">{s}</a></li>"))
        .collect();
    format!("<div><ul>{links}</ul></div>")
}

#[test]
fn paragraphs_without_a_wrapper_among_navigation() {
    let a = page(&format!(
        "<div id=\"page\">{}<p>{P1}</p><p>{P2}</p><p>{P3}</p>{}</div>",
        nav(),
        nav()
    ));
    assert_eq!(a.body_paragraphs, [P1, P2, P3]);
    assert!(!kinds_of(&a, "Business").is_empty(), "navigation is listed");
}

#[test]
fn teaser_cards_after_the_story_are_cut() {
    let card = |n: u32| {
        format!(
            "<li><h5><a href=\"/s{n}\">Another story number {n} about something else</a></h5>\
             <div>Jane Roe</div><div>This teaser summary runs long enough to read like prose about story {n}, with a full stop.</div></li>"
        )
    };
    let a = page(&format!(
        "<div><div class=\"story\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
         <h3>More from us</h3><ul>{}{}{}</ul></div>",
        card(1),
        card(2),
        card(3)
    ));
    assert_eq!(a.body_paragraphs, [P1, P2, P3]);
    assert_eq!(
        kinds_of(
            &a,
            "This teaser summary runs long enough to read like prose about story 2"
        ),
        [RemovedKind::RelatedLink]
    );
}

#[test]
fn feature_switch_classes_on_body_do_not_hide_the_story() {
    let html = format!(
        "<html><body class=\"page f_bucketcookies_on f_share_tools_on f_a f_b f_c f_d f_e f_f f_g f_h f_i f_j f_k\">\
         <p>{P1}</p><p>{P2}</p></body></html>"
    );
    let a = clean(&RawDoc::new("p.html", "p.html", RawFormat::Html, html));
    assert_eq!(a.body_paragraphs, [P1, P2]);
}

#[test]
fn hidden_microdata_copies_are_not_text() {
    let a = page(&format!(
        "<article><p>{P1}</p><p>{P2}</p></article>\
         <div style=\"display: none\" itemscope><div itemprop=\"articleBody\">{P1} {P2}</div></div>"
    ));
    assert_eq!(a.body_paragraphs, [P1, P2]);
}

#[test]
fn a_furniture_word_on_the_story_wrapper_does_not_cut_it() {
    let a = page(&format!(
        "{}<div class=\"ad_body wrapper\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
         <div class=\"share-tools\"><a href=\"/x\">Share on Facebook</a></div>",
        nav()
    ));
    assert_eq!(a.body_paragraphs, [P1, P2, P3]);
    assert_eq!(
        kinds_of(&a, "Share on Facebook"),
        [RemovedKind::Boilerplate]
    );
}

#[test]
fn a_long_comment_thread_never_becomes_the_story() {
    let comment = "I have lived in this town for thirty years and I have never seen the roads in such a state, so this budget is welcome news.";
    let comments: String = (0..8)
        .map(|_| format!("<div class=\"comment-body\"><p>{comment}</p></div>"))
        .collect();
    let a = page(&format!(
        "<article><p>{P1}</p><p>{P2}</p></article><section id=\"comments\">{comments}</section>"
    ));
    assert_eq!(a.body_paragraphs, [P1, P2]);
    assert!(kinds_of(&a, "thirty years")
        .iter()
        .all(|k| *k == RemovedKind::Boilerplate));
}

#[test]
fn table_rows_stay_with_the_story_as_lines() {
    let a = page(&format!(
        "{}<div><p>{P1}</p><table><tr><th>Pos.</th><th>Driver</th><th>Points</th></tr>\
         <tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr>\
         <tr><td>2</td><td>Martin Truex Jr.</td><td>5035</td></tr></table><p>{P2}</p></div>",
        nav()
    ));
    assert_eq!(
        a.body_paragraphs,
        [
            P1,
            "Pos. Driver Points",
            "1 Kyle Busch 5040",
            "2 Martin Truex Jr. 5035",
            P2
        ]
    );
}

#[test]
fn buttons_are_listed_but_never_body_text() {
    let a = page(&format!(
        "<div class=\"cookie-banner\"><p>We use cookies on this site.</p><button>Accept all</button></div>\
         <article><p>{P1}</p><button>Load more</button><p>{P2}</p></article>"
    ));
    assert_eq!(a.body_paragraphs, [P1, P2]);
    assert_eq!(kinds_of(&a, "Accept all"), [RemovedKind::Consent]);
    assert_eq!(kinds_of(&a, "Load more"), [RemovedKind::Boilerplate]);
}

#[test]
fn hover_cards_do_not_splice_into_sentences() {
    let card = "<span class=\"rollover-people-block\"><a href=\"/a\">Other story one</a> \
                <a href=\"/b\">Other story two</a></span>";
    let a = page(&format!(
        "<div><p>The council, led by <a href=\"/p\">Jane Roe</a>{card}, approved the new budget \
         on Tuesday after a debate that lasted well into the night.</p><p>{P2}</p><p>{P3}</p></div>"
    ));
    assert_eq!(
        a.body_paragraphs.first().map(String::as_str),
        Some("The council, led by Jane Roe, approved the new budget on Tuesday after a debate that lasted well into the night.")
    );
}

#[test]
fn addresses_printed_as_links_stay_but_the_pages_own_goes() {
    let a = page(&format!(
        "<link rel=\"canonical\" href=\"https://example.com/story\">\
         <div><p>{P1}</p><p>{P2}</p><p><a href=\"https://example.org/report\">https://example.org/report</a></p>\
         <p>{P3}</p><p><a href=\"https://example.com/story\">https://example.com/story</a></p></div>"
    ));
    assert_eq!(
        a.body_paragraphs,
        [P1, P2, "https://example.org/report", P3],
        "{:?}",
        a.removed
    );
}
