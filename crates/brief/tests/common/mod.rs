//! The hand-built sample brief shared by the Markdown, golden and schema tests.
//!
//! Story 1 mirrors the seed fixture (outlets reporting captured North Korean
//! soldiers) and fills every field: a conflicting, an agreeing and a
//! single-source claim, quotes with variants, relative and month-precision
//! dates, syndication, removed blocks, stated and inferred dates. Story 2 is
//! hostile: its text tries HTML, links, table breaks and headings.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use chrono::NaiveDate;
use concord_model::{
    Article, Brief, Claim, ClaimStatus, ClaimValue, DateEvidence, Diagnostic, Entity, EntityType,
    InferredDate, PartialDate, Quote, QuoteVariant, RemovedBlock, RemovedKind, StoryBrief,
    SummarySentence, Syndication, TimelineEntry, BRIEF_SCHEMA,
};

pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const TABLE_BREAK: &str = "| col |";
pub const JS_LINK: &str = "[x](javascript:alert(1))";

pub fn day(ymd: &str) -> NaiveDate {
    NaiveDate::parse_from_str(ymd, "%Y-%m-%d").expect("test dates are valid")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// An article with only the fields every sample article sets.
fn article(id: &str, source: &str, title: Option<&str>, outlet: Option<&str>) -> Article {
    Article {
        id: id.to_owned(),
        source: source.to_owned(),
        title: title.map(str::to_owned),
        published: None,
        published_inferred: None,
        outlet: outlet.map(str::to_owned),
        dateline: None,
        author: None,
        language: Some("en".to_owned()),
        url: None,
        published_provenance: None,
        modified: None,
        authors: Vec::new(),
        body_paragraphs: vec![format!("Body of {id}.")],
        removed: Vec::new(),
    }
}

fn removed(kind: RemovedKind, text: &str) -> RemovedBlock {
    RemovedBlock {
        text: text.to_owned(),
        kind,
        reason: format!("{kind:?} pattern"),
    }
}

fn value(
    value: f64,
    articles: &[&str],
    attribution: Option<&str>,
    hedge: Option<&str>,
) -> ClaimValue {
    ClaimValue {
        value,
        articles: strings(articles),
        attribution: attribution.map(str::to_owned),
        hedge: hedge.map(str::to_owned),
        evidence: format!("Evidence sentence for {value}."),
    }
}

fn entity(name: &str, kind: EntityType, aliases: &[&str], articles: &[&str]) -> Entity {
    Entity {
        name: name.to_owned(),
        kind,
        aliases: strings(aliases),
        articles: strings(articles),
        mentions: articles.len() * 3,
    }
}

fn sentence(text: &str, articles: &[&str]) -> SummarySentence {
    SummarySentence {
        text: text.to_owned(),
        articles: strings(articles),
    }
}

fn evidence(article: &str, written: &str, resolved_from: Option<&str>) -> DateEvidence {
    DateEvidence {
        article: article.to_owned(),
        written: written.to_owned(),
        resolved_from: resolved_from.map(str::to_owned),
    }
}

pub const KYIV: &str = "000_kyiv.txt";
pub const NEWSWEEK: &str = "001_newsweek.txt";
pub const RTE: &str = "002_rte.txt";
pub const WIRE: &str = "wire-17";
pub const EVIL: &str = "evil`1`";
pub const PLAIN: &str = "plain-2";

/// Two stories and one diagnostic.
pub fn sample_brief() -> Brief {
    Brief {
        schema: BRIEF_SCHEMA.to_owned(),
        stories: vec![seed_story(), hostile_story()],
        diagnostics: vec![Diagnostic::new("in/broken.html", "not UTF-8 <at byte 12>")],
    }
}

fn seed_articles() -> Vec<Article> {
    let mut kyiv = article(
        KYIV,
        "in/000_kyiv.txt",
        Some("Ukraine ready to return North Korean POWs to Kim Jong Un, Zelensky says"),
        Some("Kyiv Independent"),
    );
    kyiv.published_inferred = Some(InferredDate {
        date: day("2025-01-12"),
        how: "latest date the text mentions (Jan. 12)".to_owned(),
    });
    kyiv.url = Some("https://kyivindependent.example/pows".to_owned());
    kyiv.author = Some("Kateryna Denisova".to_owned());

    let mut newsweek = article(
        NEWSWEEK,
        "in/001_newsweek.txt",
        Some("Zelensky 'Ready' To Hand North Korean POWs To Kim Jong Un"),
        Some("Newsweek"),
    );
    newsweek.published_inferred = Some(InferredDate {
        date: day("2025-01-12"),
        how: "date of the embedded post".to_owned(),
    });
    newsweek.removed = vec![
        removed(
            RemovedKind::Embed,
            "— Volodymyr Zelenskyy (@ZelenskyyUa) January 12, 2025",
        ),
        removed(RemovedKind::Boilerplate, "Most Read"),
        removed(RemovedKind::Boilerplate, "Sign up for our newsletter"),
    ];

    let mut rte = article(
        RTE,
        "in/002_rte.txt",
        Some("Ukraine is 'ready' for North Korea prisoner swap, says Zelensky"),
        Some("RTÉ"),
    );
    rte.published = Some(day("2025-01-12"));
    rte.removed = vec![
        removed(RemovedKind::Boilerplate, "skip to main content"),
        removed(
            RemovedKind::Consent,
            "We need your consent to load this content",
        ),
        removed(
            RemovedKind::Caption,
            "Volodymyr Zelensky said that Ukraine had taken two prisoners",
        ),
        removed(RemovedKind::Caption, "Footage broadcast in South Korea"),
    ];

    // A JSON Lines record: no title, no outlet, the id differs from the source.
    let mut wire = article(WIRE, "in/feed.jsonl#17", None, None);
    wire.published = Some(day("2025-01-13"));
    wire.dateline = Some("KYIV".to_owned());
    wire.removed = vec![
        removed(RemovedKind::Metadata, "date 2025-01-13 KYIV:"),
        removed(
            RemovedKind::RelatedLink,
            "Seoul confirms Ukraine captured two N Korean soldiers",
        ),
    ];
    vec![kyiv, newsweek, rte, wire]
}

fn seed_story() -> StoryBrief {
    StoryBrief {
        id: "story-1".to_owned(),
        headline: "Ukraine offers to swap captured North Korean soldiers".to_owned(),
        articles: seed_articles(),
        outlets: 4,
        independent_origins: 3,
        syndication: vec![Syndication {
            articles: strings(&[RTE, WIRE]),
            shared_passages: 4,
            origin: Some("AFP".to_owned()),
            examples: strings(&["Zelensky said Ukraine was ready to hand over the soldiers."]),
        }],
        entities: vec![
            entity(
                "Volodymyr Zelensky",
                EntityType::Person,
                &["Zelensky", "Zelenskiy", "Zelenskyy"],
                &[KYIV, NEWSWEEK, RTE, WIRE],
            ),
            entity(
                "Kim Jong Un",
                EntityType::Person,
                &["Kim Jong-un"],
                &[KYIV, NEWSWEEK, RTE],
            ),
            entity(
                "SBU",
                EntityType::Org,
                &["Security Service of Ukraine", "Ukrainian Security Service"],
                &[RTE, WIRE],
            ),
            entity("Kursk", EntityType::Location, &[], &[KYIV, RTE, WIRE]),
        ],
        claims: vec![
            Claim {
                subject: "North Korean troops deployed to Russia".to_owned(),
                unit: "troops".to_owned(),
                status: ClaimStatus::Conflict,
                values: vec![
                    value(
                        11000.0,
                        &[KYIV],
                        Some("South Korean intelligence"),
                        Some("about"),
                    ),
                    value(
                        12000.0,
                        &[NEWSWEEK, RTE],
                        Some("Ukrainian and Western assessments"),
                        Some("some"),
                    ),
                    value(10000.0, &[WIRE], None, None),
                ],
            },
            Claim {
                subject: "North Korean soldiers killed".to_owned(),
                unit: "soldiers".to_owned(),
                status: ClaimStatus::Agree,
                values: vec![value(
                    300.0,
                    &[NEWSWEEK, RTE, WIRE],
                    Some("NIS"),
                    Some("about"),
                )],
            },
            Claim {
                subject: "North Korean soldiers wounded".to_owned(),
                unit: "soldiers".to_owned(),
                status: ClaimStatus::Single,
                values: vec![value(2700.0, &[RTE], Some("NIS"), None)],
            },
        ],
        quotes: vec![
            Quote {
                speaker: Some("Volodymyr Zelensky".to_owned()),
                text: "We are ready to hand over Kim Jong Un's soldiers to him if he can \
                       organise their exchange for our warriors."
                    .to_owned(),
                articles: strings(&[NEWSWEEK, RTE, WIRE]),
                variants: vec![QuoteVariant {
                    article: KYIV.to_owned(),
                    text: "Ukraine is ready to hand over Kim's soldiers if he can organize \
                           an exchange."
                        .to_owned(),
                }],
            },
            Quote {
                speaker: Some("Dmitry Peskov".to_owned()),
                text: "We cannot comment in any way.".to_owned(),
                articles: strings(&[RTE]),
                variants: Vec::new(),
            },
            Quote {
                speaker: None,
                text: "They were not prepared for modern warfare.".to_owned(),
                articles: strings(&[WIRE]),
                variants: Vec::new(),
            },
        ],
        timeline: vec![
            TimelineEntry {
                date: PartialDate::month(2024, 12).expect("valid month"),
                what: "North Korean troops first fight in the Kursk region".to_owned(),
                articles: strings(&[RTE]),
                evidence: vec![evidence(
                    RTE,
                    "in December last year",
                    Some("the December before publication on 2025-01-12"),
                )],
            },
            TimelineEntry {
                date: PartialDate::day(day("2025-01-12")),
                what: "Zelensky announces the offer".to_owned(),
                articles: strings(&[NEWSWEEK, WIRE]),
                evidence: vec![
                    evidence(NEWSWEEK, "January 12, 2025", None),
                    evidence(
                        WIRE,
                        "on Sunday",
                        Some("the Sunday before publication on 2025-01-13"),
                    ),
                ],
            },
        ],
        summary: vec![
            sentence(
                "Ukraine offered to hand two captured North Korean soldiers to Kim Jong Un \
                 in exchange for Ukrainians held in Russia.",
                &[WIRE, NEWSWEEK, RTE],
            ),
            sentence(
                "Estimates of the North Korean deployment differ: 10,000 to 12,000 troops.",
                &[KYIV, WIRE, NEWSWEEK],
            ),
            sentence("The Kremlin declined to comment.", &[RTE]),
        ],
    }
}

fn hostile_story() -> StoryBrief {
    let mut evil = article(
        EVIL,
        "https://evil.example/a?x=<b>1</b>",
        Some(TABLE_BREAK),
        Some(JS_LINK),
    );
    evil.published = Some(day("2025-01-10"));
    evil.removed = vec![removed(RemovedKind::Boilerplate, "<iframe src=evil>")];
    let mut plain = article(PLAIN, PLAIN, Some(""), None);
    plain.published_inferred = Some(InferredDate {
        date: day("2025-01-09"),
        how: "# heading\n- item".to_owned(),
    });
    StoryBrief {
        id: "story-2".to_owned(),
        headline: format!("{SCRIPT} {TABLE_BREAK}"),
        articles: vec![evil, plain],
        outlets: 2,
        independent_origins: 2,
        syndication: Vec::new(),
        entities: vec![
            entity(
                "_Evil_ Corp",
                EntityType::Org,
                &["E|C", "[EC](http://x)"],
                &[EVIL],
            ),
            entity("#hashtag", EntityType::Other, &[], &[EVIL, PLAIN]),
        ],
        claims: vec![Claim {
            subject: format!("cost {TABLE_BREAK}"),
            unit: "$".to_owned(),
            status: ClaimStatus::Conflict,
            values: vec![
                value(5.0, &[EVIL], Some(JS_LINK), Some("*about*")),
                value(7.5, &[PLAIN], Some("line one\nline two"), None),
            ],
        }],
        quotes: vec![Quote {
            speaker: Some("<b>Mallory</b>".to_owned()),
            text: "`rm -rf /` | drop\n# heading".to_owned(),
            articles: strings(&[EVIL]),
            // One word, from an article with no outlet: pins the bug where
            // "- [2]: “yes”" became a link reference definition.
            variants: vec![QuoteVariant {
                article: PLAIN.to_owned(),
                text: "yes".to_owned(),
            }],
        }],
        timeline: vec![TimelineEntry {
            date: PartialDate::month(2025, 1).expect("valid month"),
            what: "~~struck~~ & <u>under</u>".to_owned(),
            articles: strings(&[PLAIN]),
            evidence: vec![evidence(PLAIN, "1. January", Some("> quote"))],
        }],
        summary: vec![
            sentence(
                &format!("{JS_LINK} was posted. <img src=x onerror=alert(1)>"),
                &[PLAIN, EVIL],
            ),
            sentence("Nobody cites this.", &[]),
            sentence("A ghost cites this.", &["ghost"]),
        ],
    }
}
