//! Articles with script in every field, for the tests that check the web
//! UI shows them as text and runs nothing (with the store and with the
//! cluster's shared state).

use serde_json::json;

/// What every payload tries to do if it ever runs.
pub const EFFECT: &str = "document.documentElement.setAttribute('data-xss','fired')";

pub fn payloads() -> Vec<String> {
    vec![
        format!("<script>{EFFECT}</script>"),
        format!("\"><img src=x onerror=\"{EFFECT}\">"),
        format!("'><svg onload=\"{EFFECT}\"></svg>"),
        format!("</title></textarea><script>{EFFECT}</script>"),
        format!("<a href=\"javascript:{EFFECT}\">click me</a>"),
        format!("<iframe src=\"javascript:{EFFECT}\"></iframe>"),
        format!("<body onload=\"{EFFECT}\">"),
        format!("<b onmouseover=\"{EFFECT}\">Evil News</b>"),
    ]
}

/// Three near-identical hostile articles (so they form one story with a
/// syndication group and a compare view), with a payload in every field;
/// one JSON Lines record each.
pub fn hostile_records() -> Vec<String> {
    let p = payloads();
    let wire = [
        "The river authority said on Monday that the flood barrier at Eastport had been raised for the first time since its construction twelve years ago.",
        "Engineers from the authority inspected the barrier on Sunday night and reported that water levels had reached record heights along the estuary.",
        "Residents of the low-lying districts were told to move vehicles to higher ground, and schools in the area will stay closed until Wednesday.",
        "The authority expects the water to fall slowly over the coming days as the storm moves north toward the coast and weakens over open sea.",
    ];
    (0..3)
        .map(|i| {
            let mut text: Vec<String> = wire.iter().map(|s| s.to_string()).collect();
            text.insert(1, format!("A witness said: {} and {}", p[i], p[i + 3]));
            json!({
                "id": format!("xss-{i}-{}", p[(i + 4) % p.len()]),
                "title": format!("Flood barrier raised at Eastport {}", p[i]),
                "text": text.join("\n\n"),
                "outlet": p[(i + 7) % p.len()],
                "author": p[(i + 6) % p.len()],
                "url": format!("javascript:{EFFECT}"),
                "published": "2025-03-03",
            })
            .to_string()
        })
        .collect()
}
