//! Unit tests of the one-paragraph rules, on lines shaped like real pages.

use super::*;

fn kind(text: &str) -> Option<RemovedKind> {
    classify(text).map(|v| v.kind)
}

#[test]
fn sentence_ends_and_headline_shapes() {
    assert!(ends_sentence("He left."));
    assert!(ends_sentence("\"It is over,\" she said.\""));
    assert!(ends_sentence("He said on X:"));
    assert!(!ends_sentence("Zelensky 'Ready' To Hand North Korean POWs"));
    assert!(!ends_sentence("find 'other ways,' Zelensky says"));
    assert!(headline_like(
        "Ukraine is 'ready' for North Korea prisoner swap, says Zelensky",
        25
    ));
    assert!(headline_like("Will Kim take the deal?", 25));
    assert!(!headline_like("the rest of a sentence", 25));
    assert!(!headline_like("A line that trails off,", 25));
    assert!(!headline_like("Ukraine said it was ready.", 25));
}

#[test]
fn furniture_lines() {
    for line in [
        "skip to main content",
        "Skip to content",
        "Menu",
        "ADVERTISEMENT",
        "— Advertisement —",
        "Most Read",
        "Most Commented",
        "Share this article",
        "Sign up for our newsletter",
        "Sign up to our daily briefing newsletter and get the news in your inbox.",
        "Follow us on Instagram",
        "Follow Jane Doe on X",
        "5 min read",
        "© 2025 Example Media. All rights reserved.",
        "Comments (12)",
        "***",
        "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        "Start your day with our morning note. Sign up for the free daily newsletter.",
        "Have a tip? Jane Doe may be reached at jdoe@example.com. Follow her on Twitter.",
        "This slideshow requires JavaScript.",
    ] {
        assert_eq!(kind(line), Some(RemovedKind::Boilerplate), "{line}");
    }
}

#[test]
fn news_about_newsletters_and_reaching_people_stays() {
    for line in [
        "The company said more than a million readers subscribe to its newsletters, up from half that in 2020.",
        "The summit can be reached on foot in about four hours, the guide said.",
        "The minister could not be reached for comment on Monday.",
    ] {
        assert_eq!(kind(line), None, "{line}");
    }
}

#[test]
fn related_links() {
    for line in [
        "Read more: Seoul confirms Ukraine captured two soldiers",
        "READ MORE",
        "Related: What we know about North Korea's troops",
        "See also the timeline of the war",
        "Watch: Zelensky speaks to reporters",
    ] {
        assert_eq!(kind(line), Some(RemovedKind::RelatedLink), "{line}");
    }
}

#[test]
fn consent_banners_but_not_news_about_cookies() {
    let banner = "We use cookies and similar technologies to improve your experience. \
                  By clicking Accept all you consent to our use of cookies.";
    assert_eq!(kind(banner), Some(RemovedKind::Consent));
    assert_eq!(kind("Accept all cookies"), Some(RemovedKind::Consent));
    let news = "The regulator said the consent rules for cookies would be reviewed next year.";
    assert_eq!(kind(news), None);
}

#[test]
fn captions_by_cue_and_credit() {
    for line in [
        "Footage broadcast in South Korea of a soldier being captured",
        "Photo: a damaged building in Kharkiv",
        "Pictured: rescuers at the site",
        "Rescuers search the rubble on Monday. Photograph: Efrem Lukatsky/AP",
        "Soldiers in Kursk (Photo: Reuters)",
        "A soldier in a hospital bed. AP Photo/Evgeniy Maloletka",
        "Smoke rises over the city. Jane Doe/Getty Images",
    ] {
        assert_eq!(kind(line), Some(RemovedKind::Caption), "{line}");
    }
    // A sentence that merely starts with a cue word is news.
    assert_eq!(kind("Video footage showed two men in hospital beds."), None);
}

#[test]
fn embeds() {
    assert_eq!(
        kind("We will win. pic.twitter.com/4RyCfUoHoC"),
        Some(RemovedKind::Embed)
    );
    assert_eq!(
        kind("Big news today https://t.co/abc123"),
        Some(RemovedKind::Embed)
    );
    assert_eq!(
        kind("— Volodymyr Zelenskyy / Володимир Зеленський (@ZelenskyyUa) January 12, 2025"),
        Some(RemovedKind::Embed)
    );
    assert_eq!(
        kind("— Jane Doe (@janedoe) 3 March 2024"),
        Some(RemovedKind::Embed)
    );
    assert_eq!(
        kind("View this post on Instagram"),
        Some(RemovedKind::Embed)
    );
    assert_eq!(kind("He posted the video on Instagram on Sunday."), None);
}

#[test]
fn news_paragraphs_pass() {
    for line in [
        "Reuters could not verify the video.",
        "Russia has neither confirmed nor denied their presence.",
        "Zelensky's new offer came Sunday. He said on X:",
        "\"It is only a matter of time before our guys manage to capture more.\"",
        "Mr Zelensky provided no specific details.",
    ] {
        assert_eq!(classify(line), None, "{line}");
    }
}

#[test]
fn bare_lines_choose_caption_or_link_and_say_so() {
    let v = bare_line_verdict("Seoul confirms Ukraine captured two N Korean soldiers");
    assert_eq!(v.kind, RemovedKind::RelatedLink);
    assert!(v.reason.contains("could be"));
    let v = bare_line_verdict("Volodymyr Zelensky speaks during a news conference in Kyiv");
    assert_eq!(v.kind, RemovedKind::Caption);
}

proptest::proptest! {
    /// Every line the bounded signature matches, the loose one (tried
    /// first, to spare compiling the bounded one) matches too.
    #[test]
    fn loose_signature_matches_whatever_the_bounded_one_does(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "— ", "-", "–", "Jane Doe", " ", "(@", "jane_doe", ")", "é", "日本",
                "on X", "twitter", "January", "12", ",", "2025", "\n", "x", "(@)", "word ",
            ]),
            0..40,
        ),
    ) {
        let line = pieces.concat();
        if EMBED_SIGNATURE.is_match(&line) {
            proptest::prop_assert!(EMBED_SIGNATURE_LOOSE.is_match(&line), "{:?}", line);
        }
    }

    /// The dash and word-count checks before the signature patterns, and
    /// the `/` check before the link pattern, say what the patterns say.
    #[test]
    fn embed_prefilters_agree_with_the_patterns(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "— ", "—", "-", "–", "―", "‒", " ", "\u{a0}", "\n", "Jane Doe", "(@", "jane_doe",
                ")", "é", "on X", "January", "12", ",", "2025", "pic.twitter.com", "/", "t.co",
                "T.CO", "/abc", "instagram.com", "/p/", "facebook.com", "/posts/", "tiktok.com",
                "/@", "youtube.com", "/embed/", "https://", "word ", "x", "PIC.TWITTER.com",
                "inſtagram.com", "faceboo\u{212a}.com", "tikto\u{212a}.com", "YouTube.com",
                "twitter.com", "(@)", "(@jane)", "pic.twitter.com",
            ]),
            0..40,
        ),
    ) {
        let text = pieces.concat();
        let trimmed = text.trim();
        let by_patterns = at_most_words(trimmed, 30)
            && EMBED_SIGNATURE_LOOSE.is_match(trimmed)
            && EMBED_SIGNATURE.is_match(trimmed);
        proptest::prop_assert_eq!(is_embed_signature(&text, Words::of(&text)), by_patterns);
        let by_link = EMBED_LINKS.find(&text).map(|m| format!("embedded social-media post (link {})", m.as_str().trim()));
        let by_embed = match embed(&text, Words::of(&text), Cues::of(&text)) {
            Some(v) if v.reason.starts_with("embedded social-media post (link") => Some(v.reason),
            _ => None,
        };
        if !by_patterns {
            proptest::prop_assert_eq!(by_embed, by_link, "{:?}", text);
        }
    }

    /// Signature-shaped lines behind any dash or none.
    #[test]
    fn dash_check_agrees_on_signatures(
        text in "[ \n\u{a0}]{0,2}(—|–|―|-|‒|x|Ā)?(—|-)? ?Jane( Doe){0,30} \\(@[a-z_]{1,5}\\)( January 12, 2025)? ?",
    ) {
        let trimmed = text.trim();
        let by_patterns = at_most_words(trimmed, 30)
            && EMBED_SIGNATURE_LOOSE.is_match(trimmed)
            && EMBED_SIGNATURE.is_match(trimmed);
        proptest::prop_assert_eq!(is_embed_signature(&text, Words::of(&text)), by_patterns);
    }
}

#[test]
fn site_test_lets_every_embed_link_through() {
    for text in [
        "See pic.twitter.com/abc123",
        "https://t.co/xyz",
        "HTTPS://T.CO/xyz  ",
        "instagram.com/p/abc/",
        "in\u{17f}tagram.com/reel/abc/",
        "faceboo\u{212a}.com/page/posts/1",
        "tikto\u{212a}.com/@jane",
        "youtube.com/embed/xyz",
    ] {
        assert!(EMBED_LINKS.is_match(text), "{text}");
        assert!(may_hold_embed_link(text), "{text}");
    }
    assert!(!may_hold_embed_link(
        "More AP NBA: https://twitter.com/AP_Sports"
    ));
}

#[test]
fn long_handles_and_texts_are_not_signatures() {
    let is_embed_signature = |s: &str| is_embed_signature(s, Words::of(s));
    let handle = "a".repeat(31);
    assert!(!is_embed_signature(&format!(
        "— Jane (@{handle}) January 12, 2025"
    )));
    assert!(is_embed_signature(
        "— Jane Doe (@jane_doe) January 12, 2025"
    ));
    let text = "y".repeat(151);
    assert!(!is_embed_signature(&format!(
        "— J{text} (@jane) January 12, 2025"
    )));
}

mod prefilters {
    use super::*;
    use proptest::prelude::*;

    /// Marker, cue and address words, each letter in either case or
    /// swapped for a character whose lowercase or case fold is that
    /// letter (`İ`, Kelvin `K`, long `ſ`), between spaces, curly quotes and
    /// other non-ASCII letters.
    fn piece() -> impl Strategy<Value = String> {
        let words: Vec<&'static str> = EMBED_MARKERS
            .iter()
            .chain(&["view on", "post shared", "cookies", "we use", "your"])
            .chain(CREDIT_CUES)
            .chain(CONSENT_CUES)
            .chain(&[
                "privacy settings",
                "tracking technologies",
                "personalised ads",
            ])
            .copied()
            .collect();
        prop_oneof![
            3 => (proptest::sample::select(words), proptest::collection::vec(0u8..8, 40)).prop_map(
                |(word, picks)| {
                    word.chars()
                        .zip(picks.iter().cycle())
                        .map(|(c, pick)| match (c, pick) {
                            ('i', 0) => '\u{130}'.to_string(),
                            ('k', 0) => '\u{212a}'.to_string(),
                            ('s', 0) => '\u{17f}'.to_string(),
                            (c, 1 | 2) => c.to_uppercase().to_string(),
                            (c, _) => c.to_string(),
                        })
                        .collect::<String>()
                }
            ),
            1 => proptest::sample::select(vec![" ", "\n", "é", "’", "x", "İ", "ſ", "\u{212a}"])
                .prop_map(str::to_string),
        ]
    }

    fn slow_embed_marker(text: &str) -> Option<&'static str> {
        let lower = text.to_lowercase();
        EMBED_MARKERS.iter().find(|m| lower.contains(*m)).copied()
    }

    proptest! {
        /// The marker search that skips lowercasing finds what
        /// lowercasing every text found.
        #[test]
        fn embed_marker_agrees_with_lowercasing(pieces in proptest::collection::vec(piece(), 0..8)) {
            let text = pieces.concat();
            prop_assert_eq!(embed_marker(&text, Cues::of(&text)), slow_embed_marker(&text));
        }

        /// The one scan for all cue families finds each family where its
        /// own automaton (as the rules had them) found it, and a consent
        /// topic only where it found consent cues.
        #[test]
        fn cue_families_agree_with_a_scan_each(pieces in proptest::collection::vec(piece(), 0..8)) {
            let text = pieces.concat();
            let cues = Cues::of(&text);
            let own = |words: Vec<&str>| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(words)
                    .unwrap()
                    .is_match(&text)
            };
            let markers = EMBED_MARKERS.iter().copied().chain(["\u{130}", "\u{212a}"]).collect();
            prop_assert_eq!(cues.has(Cues::MARKER), own(markers), "{:?}", text);
            prop_assert_eq!(cues.has(Cues::CREDIT), own(CREDIT_CUES.to_vec()), "{:?}", text);
            prop_assert!(cues.has(Cues::CONSENT) || !CONSENT_TOPIC.is_match(&text), "{:?}", text);
        }
    }

    #[test]
    fn case_folded_letters_reach_the_slow_path() {
        // The Kelvin sign lowercases to `k`.
        assert_eq!(
            embed_marker("VIEW ON TI\u{212a}TOK", Cues::of("VIEW ON TI\u{212a}TOK")),
            Some("view on tiktok")
        );
    }
}

proptest::proptest! {
    /// `at_most_words(s, n)`, which stops counting after `n + 1` words,
    /// says what counting all of them says (the rules and line readers
    /// ask it of paragraphs of any length).
    #[test]
    fn at_most_words_agrees_with_counting(
        words in proptest::collection::vec("[a-z]{0,3}", 0..30),
        seps in proptest::collection::vec(proptest::sample::select(vec![" ", "  ", "\n", "\u{a0}", "\t"]), 30),
        n in 0usize..32,
    ) {
        let text: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
        proptest::prop_assert_eq!(at_most_words(&text, n), text.split_whitespace().count() <= n);
    }
}

proptest::proptest! {
    /// The ASCII shortcut of `normalize_phrase` is the general reading.
    #[test]
    fn ascii_phrases_normalize_as_any_text_does(s in "[ -~\t\n\x0b\x0c\r]{0,40}") {
        proptest::prop_assert_eq!(normalize_phrase(&s), normalize_phrase_chars(&s));
    }

    /// So do texts with curly quotes, Unicode spaces and letters whose
    /// lowercase is longer or not ASCII.
    #[test]
    fn unicode_phrases_normalize_as_first_written(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Read", "MORE", "’", "‘", "'", "İ", "\u{212a}", "ẞ", "Σ", "é", " ", "\u{a0}",
                "\u{2003}", "\n", "—", "•", "»", "7", "x", "don’t", "editor’s picks",
            ]),
            0..12,
        ),
    ) {
        let s = pieces.concat();
        proptest::prop_assert_eq!(normalize_phrase(&s), normalize_phrase_chars(&s));
    }
}

proptest::proptest! {
    /// The caption verbs built without prefilters match as `regex` does,
    /// also with the Kelvin sign, `İ` and the long `s` about.
    #[test]
    fn caption_verbs_without_prefilters_are_the_same(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "pictured", "Seen", "SEEN", "looks on", "arrive", "arrives", "poses", "posed",
                "ſpeaks", "stands", "in this photo", "In This Handout", "file photo", "(left)",
                "(L)", "(centre)", "(c)", "(", ")", " ", "\u{a0}", "x", "_", "é", "İ", "\u{212a}",
                "ſ", "during", "waves", "1",
            ]),
            0..10,
        ),
    ) {
        let text = pieces.concat();
        let want = crate::regex(CAPTION_VERB_PATTERN).find(&text).map(|m| m.range());
        let got = CAPTION_VERBS.find(&*text).map(|m| m.range());
        proptest::prop_assert_eq!(got, want, "{:?}", text);
    }
}
