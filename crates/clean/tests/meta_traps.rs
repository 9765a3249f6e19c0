//! The publication-date traps users report against other extractors, one
//! made-up page each: modified and updated dates, comment and sidebar
//! dates, copyright years, dates after the fetch, dates in URLs, German
//! "Stand:", scientific "Accepted", UTC timestamps late in the evening;
//! plus the other page metadata and non-Latin charsets.

use chrono::{NaiveDate, NaiveDateTime};
use concord_clean::{decode_html, page_meta, MetaContext, PageMeta};

fn at(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok()
}

/// Pages are judged as if fetched on 2024-06-01, so no test reads the clock.
fn ctx() -> MetaContext {
    MetaContext {
        fetched: None,
        now: at("2024-06-01 12:00"),
        url: None,
    }
}

fn meta(html: &str) -> PageMeta {
    page_meta(html, &ctx())
}

fn published(m: &PageMeta) -> Option<String> {
    m.published.map(|d| d.to_string())
}

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

#[test]
fn modified_is_kept_apart_from_published() {
    let m = meta(
        r#"<html lang="en"><head>
        <meta property="article:modified_time" content="2024-03-09T10:00:00+01:00">
        <meta property="og:updated_time" content="2024-03-09T10:00:00+01:00">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Dam opens",
          "dateModified":"2024-03-09","datePublished":"2024-03-02T08:00:00+01:00"}</script>
        </head><body><h1>Dam opens</h1><p>Updated: March 9, 2024</p></body></html>"#,
    );
    assert_eq!(published(&m).as_deref(), Some("2024-03-02"));
    assert_eq!(
        m.published_provenance.as_deref(),
        Some("JSON-LD datePublished")
    );
    assert_eq!(m.modified.map(|d| d.date), Some(day("2024-03-09")));
}

#[test]
fn an_update_line_alone_gives_no_publication_date() {
    let m = meta(
        "<html lang=\"en\"><body><h1>Storm hits coast</h1>\
         <p class=\"meta\">Last updated on 14 May 2024</p><p>Text of the story.</p></body></html>",
    );
    assert_eq!(published(&m), None);
    assert_eq!(m.modified.map(|d| d.date), Some(day("2024-05-14")));
}

#[test]
fn german_stand_is_an_update_and_veroeffentlicht_is_publication() {
    let m = meta(
        "<html lang=\"de\"><body><h1>Hochwasser in Passau</h1>\
         <p>Stand: 17.10.2019 14:55 Uhr</p><p>Der Pegel steigt weiter.</p></body></html>",
    );
    assert_eq!(published(&m), None, "Stand: is the last change");
    assert_eq!(m.modified.map(|d| d.date), Some(day("2019-10-17")));
    let m = meta(
        "<html lang=\"de\"><body><h1>Hochwasser in Passau</h1>\
         <div class=\"info\">Veröffentlicht am 15. Oktober 2019 | Stand: 17.10.2019</div>\
         <p>Der Pegel steigt weiter.</p></body></html>",
    );
    assert_eq!(published(&m).as_deref(), Some("2019-10-15"));
    assert_eq!(m.modified.map(|d| d.date), Some(day("2019-10-17")));
}

#[test]
fn comment_dates_are_not_the_article_date() {
    let m = meta(
        r#"<html lang="en"><body><article><h1>Local bakery closes</h1>
        <p>The bakery on Main Street closed after forty years, its owner said.</p></article>
        <section id="comments"><ol class="comment-list">
          <li class="comment"><time datetime="2024-02-03T09:00">February 3, 2024</time> Sad news.</li>
          <li class="comment"><time datetime="2024-02-04T10:00">February 4, 2024</time> Agreed.</li>
        </ol></section></body></html>"#,
    );
    assert_eq!(published(&m), None);
    let m = meta(
        r#"<html lang="en"><body><article><h1>Local bakery closes</h1>
        <p class="byline">By Ann Poe, January 30, 2024</p>
        <p>The bakery on Main Street closed after forty years, its owner said.</p></article>
        <div class="comments"><div class="comment" itemscope itemtype="https://schema.org/Comment">
          <time itemprop="datePublished" datetime="2024-02-03">Feb 3</time> Sad.</div></div>
        </body></html>"#,
    );
    assert_eq!(published(&m).as_deref(), Some("2024-01-30"));
}

#[test]
fn sidebar_and_teaser_dates_are_not_the_article_date() {
    let m = meta(
        r#"<html lang="en"><body><nav><a href="/">Home</a></nav>
        <aside class="sidebar"><h3>Most read</h3>
          <ul><li><a href="/a">Other story</a> <span class="date">12 May 2024</span></li></ul></aside>
        <main><h1>Council approves budget</h1><p>The council approved the budget on Tuesday
        after a long debate about school funding and road repairs across the city.</p></main>
        <div class="related-posts"><article><h2>Older story</h2><time datetime="2024-01-02">Jan 2</time></article></div>
        </body></html>"#,
    );
    assert_eq!(published(&m), None);
}

#[test]
fn copyright_years_and_accepted_dates_are_not_publication() {
    let m = meta(
        "<html lang=\"en\"><body><h1>Soil microbes and drought</h1>\
         <p>Received: 2 January 2023; Accepted: 14 March 2023</p>\
         <p>Abstract text.</p><footer>© 2024 Example Press. Copyright 2019–2024.</footer></body></html>",
    );
    assert_eq!(published(&m), None);
}

#[test]
fn dates_after_the_fetch_are_never_taken() {
    let html = r#"<html><head><meta property="article:published_time" content="2031-01-01T00:00:00Z">
        <meta name="date" content="2024-05-02"></head><body><h1>Story</h1></body></html>"#;
    let m = meta(html);
    assert_eq!(published(&m).as_deref(), Some("2024-05-02"));
    let fetched_before = MetaContext {
        fetched: at("2024-05-01 08:00"),
        ..ctx()
    };
    assert_eq!(page_meta(html, &fetched_before).published, None);
    let old = meta(r#"<html><head><meta name="date" content="1990-05-02"></head></html>"#);
    assert_eq!(published(&old), None, "before the web");
}

#[test]
fn url_date_is_used_and_ranked_below_structured_data() {
    let html = r#"<html><head><link rel="canonical" href="https://news.example/2024/05/17/floods-recede/">
        </head><body><h1>Floods recede</h1><p>Water levels fell overnight.</p></body></html>"#;
    let m = meta(html);
    assert_eq!(published(&m).as_deref(), Some("2024-05-17"));
    assert_eq!(m.published_provenance.as_deref(), Some("URL path"));
    let with_meta = html.replace(
        "</head>",
        r#"<meta property="article:published_time" content="2024-05-16T21:00:00-04:00"></head>"#,
    );
    assert_eq!(published(&meta(&with_meta)).as_deref(), Some("2024-05-16"));
}

#[test]
fn a_utc_timestamp_keeps_the_publishers_local_day() {
    let m = meta(
        r#"<html lang="de-DE"><head><script type="application/ld+json">
        {"@type":"NewsArticle","datePublished":"2019-10-18T22:04:00Z"}</script></head>
        <body><h1>Abendspiel</h1></body></html>"#,
    );
    assert_eq!(published(&m).as_deref(), Some("2019-10-19"));
    let m = meta(
        r#"<html lang="de-DE"><head><meta property="article:published_time" content="2019-10-18T22:04:00+02:00">
        </head><body><h1>Abendspiel</h1></body></html>"#,
    );
    assert_eq!(
        published(&m).as_deref(),
        Some("2019-10-18"),
        "a real offset is the local day"
    );
}

#[test]
fn byline_dates_in_several_languages() {
    for (lang, line, want) in [
        ("en", "By Jane Doe | March 5, 2024", "2024-03-05"),
        ("de", "Von Max Muster, 5. März 2024", "2024-03-05"),
        ("fr", "Publié le 5 mars 2024 à 10h00", "2024-03-05"),
        ("es", "Publicado el 5 de marzo de 2024", "2024-03-05"),
        ("en-US", "03/05/2024", "2024-03-05"),
        ("en-GB", "05/03/2024", "2024-03-05"),
    ] {
        let html = format!(
            "<html lang=\"{lang}\"><body><h1>Headline of the story here</h1>\
             <p class=\"byline\">{line}</p><p>Body text of the story.</p></body></html>"
        );
        assert_eq!(
            published(&meta(&html)).as_deref(),
            Some(want),
            "{lang}: {line}"
        );
    }
}

#[test]
fn page_metadata_besides_dates() {
    let m = meta(
        r#"<html lang="en-GB"><head><title>Quake hits coast | The Daily Example</title>
        <link rel="canonical" href="https://daily.example/quake">
        <meta property="og:site_name" content="The Daily Example">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Quake hits coast",
          "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}]}</script>
        </head><body><h1>Quake hits coast</h1></body></html>"#,
    );
    assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
    assert_eq!(m.author.as_deref(), Some("Jane Doe, John Roe"));
    assert_eq!(m.url.as_deref(), Some("https://daily.example/quake"));
    assert_eq!(m.outlet.as_deref(), Some("The Daily Example"));
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(m.title.as_deref(), Some("Quake hits coast"));
}

#[test]
fn cyrillic_and_korean_pages_decode_and_keep_their_dates() {
    let russian = "<html lang=\"ru\"><head><title>Новости</title></head><body>\
        <h1>Правительство утвердило бюджет</h1><p class=\"date\">17 октября 2019</p>\
        <p>Депутаты Государственной думы обсудили поправки к закону о бюджете на следующий год.</p>\
        </body></html>";
    for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R] {
        let bytes = enc.encode(russian).0;
        let m = page_meta(&decode_html(&bytes, None), &ctx());
        assert_eq!(m.title.as_deref(), Some("Правительство утвердило бюджет"));
        assert_eq!(
            published(&m).as_deref(),
            Some("2019-10-17"),
            "{}",
            enc.name()
        );
    }
    let korean = "<html lang=\"ko\"><head><meta charset=\"euc-kr\"></head><body>\
        <h1>정부 새 예산안 발표</h1><p class=\"date\">입력 2019년 10월 17일</p>\
        <p>국회의원들은 언론과 방송에 관한 법률 개정안을 논의했다.</p></body></html>";
    let bytes = encoding_rs::EUC_KR.encode(korean).0;
    let m = page_meta(&decode_html(&bytes, None), &ctx());
    assert_eq!(m.title.as_deref(), Some("정부 새 예산안 발표"));
    assert_eq!(published(&m).as_deref(), Some("2019-10-17"));
}

#[test]
fn hostile_pages_never_panic() {
    for html in [
        "",
        "<html>",
        "<script type=\"application/ld+json\">{\"datePublished\": 2019}</script>",
        "<script type=\"application/ld+json\">[[[[[[[[[[]]]]]]]]]]</script>",
        "<meta name=\"date\" content=\"9999-99-99\">",
        "<time datetime=\"\u{0}\">\u{feff}</time>",
    ] {
        let _ = meta(html);
    }
    let deep = "<div>".repeat(20_000);
    let _ = meta(&deep);
}
