//! Made-up articles in the shapes other outlets paste, scrape or serve:
//! wire copy with datelines and credits, a Guardian-style page paste, a
//! feed record, an HTML page with furniture and JSON-LD, other languages.

use concord_clean::clean;
use concord_model::{Article, RawDoc, RawFormat, RemovedKind};

fn text(body: &str) -> Article {
    clean(&RawDoc::new("a.txt", "in/a.txt", RawFormat::Text, body))
}

fn kinds_of(a: &Article, needle: &str) -> Vec<RemovedKind> {
    a.removed
        .iter()
        .filter(|r| r.text.contains(needle))
        .map(|r| r.kind)
        .collect()
}

fn date(a: &Article) -> Option<String> {
    a.published.map(|d| d.to_string())
}

#[test]
fn wire_copy_with_dateline_byline_and_credits() {
    let a = text(
        "Quake shakes northern Chile, no damage reported\n\
         By Jane Doe and John Roe, Reuters\n\
         \n\
         SANTIAGO (Reuters) - A magnitude 6.1 earthquake struck northern Chile on Tuesday, the country's seismology center said.\n\
         There were no immediate reports of damage or casualties, the emergency office said.\n\
         Reporting by Jane Doe; Editing by Ann Poe\n",
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Quake shakes northern Chile, no damage reported")
    );
    assert_eq!(a.author.as_deref(), Some("Jane Doe and John Roe"));
    assert_eq!(a.dateline.as_deref(), Some("SANTIAGO"));
    assert_eq!(
        a.body_paragraphs,
        [
            "A magnitude 6.1 earthquake struck northern Chile on Tuesday, the country's seismology center said.",
            "There were no immediate reports of damage or casualties, the emergency office said.",
        ]
    );
    assert_eq!(
        kinds_of(&a, "SANTIAGO (Reuters) -"),
        [RemovedKind::Metadata]
    );
    assert_eq!(kinds_of(&a, "Reporting by"), [RemovedKind::Metadata]);
    assert_eq!(a.language.as_deref(), Some("en"));
}

#[test]
fn ap_dateline_with_date_and_region() {
    let a = text(
        "WASHINGTON, Jan 12 (AP) — Congress passed the bill late Friday.\nThe president is expected to sign it.",
    );
    assert_eq!(a.title, None, "a first line ending in a period is the lede");
    assert_eq!(a.dateline.as_deref(), Some("WASHINGTON"));
    assert_eq!(
        a.body_paragraphs[0],
        "Congress passed the bill late Friday."
    );
    let a = text("SEOUL, South Korea — North Korea fired a missile on Monday.\nJapan protested.");
    assert_eq!(a.dateline.as_deref(), Some("SEOUL, South Korea"));
    assert_eq!(
        a.body_paragraphs[0],
        "North Korea fired a missile on Monday."
    );
}

#[test]
fn pasted_page_with_kicker_date_caption_consent_and_furniture() {
    let a = text(
        "Skip to content\nMenu\nWorld news\n\
         Floods force thousands from homes in southern Brazil\n\
         Mon 13 May 2024 10.32 BST\n\
         Share\n\
         Rescuers use boats in Porto Alegre on Sunday. Photograph: Jane Doe/Reuters\n\
         Heavy rain has forced more than 80,000 people from their homes in Rio Grande do Sul, officials said.\n\
         We use cookies to personalise content and ads. You can manage your preferences at any time.\n\
         The state governor said the damage was the worst in the region's history.\n\
         Advertisement\n\
         \"We have never seen anything like this,\" one resident said.\n\
         Most viewed\nTopics\n",
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Floods force thousands from homes in southern Brazil")
    );
    assert_eq!(date(&a).as_deref(), Some("2024-05-13"));
    assert_eq!(a.body_paragraphs.len(), 3, "{:#?}", a.body_paragraphs);
    assert_eq!(kinds_of(&a, "World news"), [RemovedKind::Boilerplate]);
    assert_eq!(
        kinds_of(&a, "Photograph: Jane Doe/Reuters"),
        [RemovedKind::Caption]
    );
    assert_eq!(kinds_of(&a, "We use cookies"), [RemovedKind::Consent]);
    assert_eq!(kinds_of(&a, "Mon 13 May 2024"), [RemovedKind::Metadata]);
    for furniture in [
        "Skip to content",
        "Menu",
        "Share",
        "Advertisement",
        "Most viewed",
        "Topics",
    ] {
        assert_eq!(
            kinds_of(&a, furniture),
            [RemovedKind::Boilerplate],
            "{furniture}"
        );
    }
    // Removed blocks come in document order.
    assert_eq!(
        a.removed.first().map(|r| r.text.as_str()),
        Some("Skip to content")
    );
    assert_eq!(a.removed.last().map(|r| r.text.as_str()), Some("Topics"));
}

#[test]
fn question_headline_and_embedded_post_without_picture() {
    let a = text(
        "Will the ceasefire hold?\n\
         Officials met in Doha on Monday to discuss the truce.\n\
         The envoy posted on X:\n\
         Talks were constructive. We will meet again next week.\n\
         — Jane Envoy (@janeenvoy) March 3, 2025\n\
         No date was set for the next round.\n",
    );
    assert_eq!(a.title.as_deref(), Some("Will the ceasefire hold?"));
    assert_eq!(
        kinds_of(&a, "Talks were constructive"),
        [RemovedKind::Embed]
    );
    assert_eq!(kinds_of(&a, "(@janeenvoy)"), [RemovedKind::Embed]);
    assert_eq!(a.body_paragraphs.len(), 3);
}

#[test]
fn unpunctuated_lines_in_a_list_article_are_kept() {
    // Most paragraphs lack final punctuation: a list, not stray headlines.
    let a = text(
        "Five things to know about the vote\n\
         Polls open at 7 a.m.\n\
         Turnout is expected to be high\n\
         Results come after midnight\n\
         Two seats are contested\n\
         Counting is by hand\n",
    );
    assert_eq!(a.body_paragraphs.len(), 5, "{:#?}", a.removed);
}

#[test]
fn record_fields_give_metadata_and_title_is_not_guessed() {
    let mut doc = RawDoc::new("r1", "feed.jsonl#1", RawFormat::Record, "");
    doc.title = Some("Harbour strike ends".into());
    doc.text = "Harbour strike ends\nDock workers returned on Monday.\n\nThe union said pay talks would go on.\nShare this article".into();
    doc.published = Some("2025-03-04T09:00:00Z".into());
    doc.outlet = Some(" Port Daily ".into());
    doc.author = Some("Ann Poe".into());
    let a = clean(&doc);
    assert_eq!(a.title.as_deref(), Some("Harbour strike ends"));
    assert_eq!(date(&a).as_deref(), Some("2025-03-04"));
    assert_eq!(a.outlet.as_deref(), Some("Port Daily"));
    assert_eq!(a.author.as_deref(), Some("Ann Poe"));
    assert_eq!(
        a.body_paragraphs,
        [
            "Dock workers returned on Monday.",
            "The union said pay talks would go on."
        ]
    );
    assert_eq!(kinds_of(&a, "Harbour strike ends"), [RemovedKind::Metadata]);

    let mut bad = RawDoc::new("r2", "feed.jsonl#2", RawFormat::Record, "Body text here.");
    bad.published = Some("last Tuesday".into());
    let a = clean(&bad);
    assert_eq!(
        (a.title, a.published),
        (None, None),
        "a bad date is ignored"
    );
    assert_eq!(a.body_paragraphs, ["Body text here."]);
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr-FR"><head>
<title>Grève au port | Le Quotidien</title>
<meta property="og:title" content="Grève au port : les dockers reprennent le travail">
<meta property="article:modified_time" content="2025-03-09T10:00:00+01:00">
<link rel="canonical" href="https://quotidien.example/port">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "datePublished":"2025-03-04T08:00:00+01:00","dateModified":"2025-03-09",
 "author":{"@type":"Person","name":"Anne Martin"},"publisher":{"@type":"Organization","name":"Le Quotidien"}}</script>
<script>var tracking = "Les dockers ne doivent pas apparaître";</script>
</head><body>
<div id="gdpr-banner"><p>Nous utilisons des cookies. Acceptez-vous ?</p><button>Accepter</button></div>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<div class="teasers"><article><p>Autre article court</p></article></div>
<main><article>
<header><h1>Grève au port : les dockers reprennent le travail</h1><p class="byline">Par Anne Martin</p></header>
<p>Les dockers du port ont repris le travail lundi après une grève de deux semaines, a annoncé le syndicat.</p>
<figure><img src="x.jpg" alt=""><figcaption>Des dockers sur le quai, lundi. Photo : Jean Dupont</figcaption></figure>
<p>La direction et les syndicats doivent encore se retrouver pour discuter des salaires.</p>
<div class="share-tools"><a>Partager</a></div>
<blockquote class="twitter-tweet"><p>Fin de la grève ! pic.twitter.com/abc123</p>&mdash; Syndicat (@syndicat) March 3, 2025</blockquote>
<aside class="related"><h2>À lire aussi</h2><ul><li>Le port en chiffres</li></ul></aside>
<h2>Des négociations difficiles</h2>
<p>Les négociations avaient échoué à trois reprises depuis le début du mois de février.<br>Une médiation a finalement été acceptée.</p>
<ul><li>Salaires en hausse de 3 %</li><li>Primes de nuit rétablies</li></ul>
</article></main>
<footer><p>© 2025 Le Quotidien</p></footer>
</body></html>"#;

#[test]
fn html_page_with_furniture_and_json_ld() {
    let a = clean(&RawDoc::new(
        "port.html",
        "in/port.html",
        RawFormat::Html,
        PAGE,
    ));
    assert_eq!(
        a.title.as_deref(),
        Some("Grève au port : les dockers reprennent le travail")
    );
    assert_eq!(
        date(&a).as_deref(),
        Some("2025-03-04"),
        "datePublished, never dateModified"
    );
    assert_eq!(a.author.as_deref(), Some("Anne Martin"));
    assert_eq!(a.outlet.as_deref(), Some("Le Quotidien"));
    assert_eq!(a.url.as_deref(), Some("https://quotidien.example/port"));
    assert_eq!(a.language.as_deref(), Some("fr"));
    assert_eq!(
        a.body_paragraphs,
        [
            "Les dockers du port ont repris le travail lundi après une grève de deux semaines, a annoncé le syndicat.",
            "La direction et les syndicats doivent encore se retrouver pour discuter des salaires.",
            "Des négociations difficiles",
            "Les négociations avaient échoué à trois reprises depuis le début du mois de février.",
            "Une médiation a finalement été acceptée.",
            "Salaires en hausse de 3 %",
            "Primes de nuit rétablies",
        ]
    );
    assert_eq!(
        kinds_of(&a, "Nous utilisons des cookies"),
        [RemovedKind::Consent]
    );
    assert_eq!(kinds_of(&a, "Accueil"), [RemovedKind::Boilerplate]);
    assert_eq!(
        kinds_of(&a, "Des dockers sur le quai"),
        [RemovedKind::Caption]
    );
    assert_eq!(kinds_of(&a, "Partager"), [RemovedKind::Boilerplate]);
    assert_eq!(kinds_of(&a, "pic.twitter.com/abc123"), [RemovedKind::Embed]);
    assert_eq!(
        kinds_of(&a, "Le port en chiffres"),
        [RemovedKind::RelatedLink]
    );
    assert_eq!(
        kinds_of(&a, "© 2025 Le Quotidien"),
        [RemovedKind::Boilerplate]
    );
    assert!(
        kinds_of(&a, "ne doivent pas").is_empty(),
        "scripts are not text"
    );
    assert!(
        !kinds_of(&a, "Autre article court").is_empty(),
        "outside the article: listed"
    );
}

#[test]
fn html_wrapper_classes_do_not_hide_the_story() {
    // Furniture words on elements around the article ("share" here) must
    // not skip the article with them; teaser articles beside it are cut.
    let html = r#"<html><body><div class="page share-enabled"><main>
        <article class="teaser"><p>Short teaser.</p></article>
        <article><p>The council approved the budget on Tuesday after a long debate.</p>
        <p>The vote was seven to two.</p></article></main></div></body></html>"#;
    let a = clean(&RawDoc::new("w.html", "w.html", RawFormat::Html, html));
    assert_eq!(
        a.body_paragraphs,
        [
            "The council approved the budget on Tuesday after a long debate.",
            "The vote was seven to two."
        ]
    );
    assert!(!kinds_of(&a, "Short teaser.").is_empty());
}

#[test]
fn html_without_paragraph_elements_keeps_its_text() {
    let html =
        "<html><body><div>Officials said the bridge would reopen on Friday after repairs.<br>\
                Traffic will be limited to one lane for a week.</div></body></html>";
    let a = clean(&RawDoc::new("b.html", "b.html", RawFormat::Html, html));
    assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.removed);
}

#[test]
fn other_scripts_and_languages() {
    let a = text("Зеленський готовий обміняти полонених\nПрезидент України Володимир Зеленський заявив, що Україна готова передати полонених.");
    assert_eq!(a.language.as_deref(), Some("uk"));
    assert_eq!(
        a.title.as_deref(),
        Some("Зеленський готовий обміняти полонених")
    );
    let a = text("Die Regierung hat am Montag ein neues Gesetz beschlossen, das die Mieten begrenzen soll.\nDer Bundestag muss noch zustimmen.");
    assert_eq!(a.language.as_deref(), Some("de"));
}

#[test]
fn empty_and_furniture_only_inputs_give_empty_bodies() {
    for body in [
        "",
        "   \n\n",
        "Menu\nAdvertisement\nMost Read",
        "\u{200b}\n***\n",
    ] {
        let a = text(body);
        assert!(
            a.body_paragraphs.is_empty(),
            "{body:?} gave {:?}",
            a.body_paragraphs
        );
    }
}
