//! Canonical article URLs, so near-identical links (tracking parameters,
//! AMP variants, `www.`, `http` vs `https`, trailing slashes) are
//! recognised as one article, and [`dedup_by_url`] to drop the repeats.

use concord_model::{Diagnostic, RawDoc};
use std::collections::HashMap;

/// Query parameters that say how a reader arrived, not what they read.
#[rustfmt::skip]
const TRACKING_PARAMS: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "ocid", "cmpid", "cmp", "smid", "smtyp", "ref", "ref_src", "ref_url",
    "referrer", "src", "share", "sr_share", "xtor", "ito", "icid", "s_cid", "wt.mc_id",
    "mkt_tok", "_ga", "_gl", "_hsenc", "_hsmi", "ns_mchannel", "ns_source", "ns_campaign",
    "ns_linkname", "ns_fee", "at_medium", "at_campaign", "at_custom1", "at_custom2",
    "at_custom3", "at_custom4", "__twitter_impression", "cid_source",
    // AMP switches and the AMP viewer's own parameters.
    "amp", "amp_js_v", "amp_gsa", "usqp", "__amp_source_origin",
];

/// Parameters that select the AMP rendering only with the value `amp`.
const AMP_VALUED_PARAMS: &[&str] = &["outputtype", "output", "format", "view"];

/// Parameter prefixes of whole tracking families (`utm_source`, `utm_medium`, …).
const TRACKING_PREFIXES: &[&str] = &["utm_", "pk_", "hsa_", "vero_", "oly_"];

/// The article a URL points at, as a comparable string: lowercase scheme
/// and host, `https` for `http`, no `www.` / `amp.` / `m.` host prefix, no
/// default port, credentials, fragment, tracking or AMP parameters, no
/// `/amp` path segment or `.amp` suffix, no trailing slash, remaining
/// query parameters sorted. AMP cache and Google AMP viewer URLs map to
/// the publisher's URL. `None` for what is not an absolute http(s) URL.
pub fn canonical_url(url: &str) -> Option<String> {
    let mut url = url.trim().to_string();
    loop {
        let (scheme, rest) = url.split_once("://")?;
        if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
            return None;
        }
        let rest = rest.split('#').next().unwrap_or_default();
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, path_and_query) = rest.split_at(authority_end);
        let host = host_of(authority)?;
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        // Each unwrapping is shorter than the URL it came from, so this ends.
        if let Some(publisher_url) = amp_cache_target(&host, path, query) {
            url = publisher_url;
            continue;
        }
        let path = canonical_path(path);
        let query = canonical_query(query);
        let mut out = format!("https://{host}{path}");
        if !query.is_empty() {
            out.push('?');
            out.push_str(&query);
        }
        return Some(out);
    }
}

/// Lowercased host without credentials, default port, trailing dot or
/// mirror prefixes. `None` when there is no usable host.
fn host_of(authority: &str) -> Option<String> {
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match host_port.rsplit_once(':') {
        // Not an IPv6 address's colon.
        Some((h, p)) if !p.contains(']') => (h, Some(p)),
        _ => (host_port, None),
    };
    if port.is_some_and(|p| !p.is_empty() && !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut host = host.trim_end_matches('.').to_lowercase();
    let ipv6 = host.starts_with('[') && host.ends_with(']');
    let bad_char = |c: char| !(c.is_alphanumeric() || "-._~%".contains(c));
    if host.is_empty() || (!ipv6 && host.contains(bad_char)) {
        return None;
    }
    // Keep at least a registrable-looking name (`m.co` stays).
    while let Some(rest) = ["www.", "amp.", "m."]
        .iter()
        .find_map(|prefix| host.strip_prefix(prefix).filter(|r| r.contains('.')))
    {
        host = rest.to_string();
    }
    match port {
        Some(p) if !p.is_empty() && p != "80" && p != "443" => Some(format!("{host}:{p}")),
        _ => Some(host),
    }
}

/// The publisher URL behind an AMP cache (`*.cdn.ampproject.org/c/s/…`)
/// or Google AMP viewer (`google.*/amp/s/…`) URL.
fn amp_cache_target(host: &str, path: &str, query: &str) -> Option<String> {
    let rest = path.trim_start_matches('/');
    let rest = if host.ends_with(".cdn.ampproject.org") {
        ["c/", "v/", "i/", "wp/", "r/"]
            .iter()
            .find_map(|kind| rest.strip_prefix(kind))?
    } else if host.starts_with("google.") {
        rest.strip_prefix("amp/")?
    } else {
        return None;
    };
    let (secure, target) = match rest.strip_prefix("s/") {
        Some(target) => (true, target),
        None => (false, rest),
    };
    if target.is_empty() || !target.contains('.') {
        return None;
    }
    let scheme = if secure { "https" } else { "http" };
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    Some(format!("{scheme}://{target}{query}"))
}

/// Dot segments resolved, `amp` segments and `.amp` suffixes dropped,
/// percent escapes normalised, no trailing slash (the root is empty).
fn canonical_path(path: &str) -> String {
    let mut segments: Vec<String> = Vec::new();
    for segment in path.split('/') {
        let segment = strip_amp_suffix(&normalise_escapes(segment));
        match segment.as_str() {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s if s.eq_ignore_ascii_case("amp") => {}
            _ => segments.push(segment),
        }
    }
    segments
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| format!("/{s}"))
        .collect()
}

/// `story.amp` → `story`, `story.amp.html` → `story.html`.
fn strip_amp_suffix(segment: &str) -> String {
    let mut segment = segment.to_string();
    loop {
        let lower = segment.to_ascii_lowercase();
        if let Some(stem) = lower.strip_suffix(".amp").filter(|s| !s.is_empty()) {
            segment.truncate(stem.len());
        } else if let Some(at) = lower.find(".amp.").filter(|&at| at > 0) {
            segment.replace_range(at..at + 4, "");
        } else {
            return segment;
        }
    }
}

/// Uppercase hex in escapes, unreserved characters unescaped (so `%7e`,
/// `%7E` and `~` compare equal), and spaces and controls escaped.
fn normalise_escapes(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        match (bytes[i], hex) {
            (b'%', Some(h)) => {
                let value =
                    u8::from_str_radix(std::str::from_utf8(h).unwrap_or("00"), 16).unwrap_or(0);
                if value.is_ascii_alphanumeric() || b"-._~".contains(&value) {
                    out.push(char::from(value));
                } else {
                    out.push('%');
                    out.push_str(&std::str::from_utf8(h).unwrap_or("00").to_ascii_uppercase());
                }
                i += 3;
            }
            // A stray `%` is escaped, so unescaping cannot make new escapes.
            (b'%', None) => {
                out.push_str("%25");
                i += 1;
            }
            _ => {
                let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
                if ch.is_whitespace() || ch.is_control() {
                    // Not allowed raw in a URL; escaped, it survives trimming.
                    let mut buf = [0u8; 4];
                    for b in ch.encode_utf8(&mut buf).bytes() {
                        out.push_str(&format!("%{b:02X}"));
                    }
                } else {
                    out.push(ch);
                }
                i += ch.len_utf8();
            }
        }
    }
    out
}

/// The query without tracking / AMP parameters, sorted.
fn canonical_query(query: &str) -> String {
    let mut params: Vec<String> = query
        .split(['&', ';'])
        .filter(|p| !p.is_empty())
        .map(normalise_escapes)
        .filter(|p| !is_tracking(p))
        .collect();
    params.sort();
    params.dedup();
    params.join("&")
}

/// Whether a `name=value` parameter is tracking or an AMP switch.
fn is_tracking(param: &str) -> bool {
    let lower = param.to_ascii_lowercase();
    let (name, value) = lower.split_once('=').unwrap_or((&lower, ""));
    TRACKING_PARAMS.contains(&name)
        || TRACKING_PREFIXES.iter().any(|p| name.starts_with(p))
        || (AMP_VALUED_PARAMS.contains(&name) && value == "amp")
}

/// One document whose URL names the same article as an earlier one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlDuplicate {
    /// Index of the later item.
    pub index: usize,
    /// Index of the first item with the same canonical URL.
    pub first: usize,
    pub canonical: String,
}

/// For a list of (optional) URLs, each later item whose canonical URL
/// equals an earlier one's, in order. Works on any list — raw documents
/// here, cleaned articles in the pipeline. A site's front page is never
/// an article: pages that wrongly give it as their canonical link are
/// not merged.
pub fn find_url_duplicates<'a>(
    urls: impl IntoIterator<Item = Option<&'a str>>,
) -> Vec<UrlDuplicate> {
    let mut first_by_url: HashMap<String, usize> = HashMap::new();
    let mut duplicates = Vec::new();
    for (index, url) in urls.into_iter().enumerate() {
        let Some(canonical) = url.and_then(canonical_url).filter(|c| !is_site_root(c)) else {
            continue;
        };
        match first_by_url.get(&canonical) {
            Some(&first) => duplicates.push(UrlDuplicate {
                index,
                first,
                canonical,
            }),
            None => {
                first_by_url.insert(canonical, index);
            }
        }
    }
    duplicates
}

/// [`dedup_by_url`] for a stream of documents: remembers each canonical
/// URL's first document and says, of each later one, whether to skip it
/// (the same decisions and notes as [`dedup_by_url`] over the whole list).
/// It holds a URL and a source per distinct article, not the documents.
#[derive(Debug, Default)]
pub struct SeenUrls {
    /// Canonical URL → source of the first document with it.
    first_by_url: HashMap<String, String>,
}

impl SeenUrls {
    /// `Some(note)` when `doc` has the URL of an earlier document and
    /// should be skipped; `None` keeps it.
    pub fn check(&mut self, doc: &RawDoc) -> Option<Diagnostic> {
        let canonical = doc
            .url
            .as_deref()
            .and_then(canonical_url)
            .filter(|c| !is_site_root(c))?;
        match self.first_by_url.get(&canonical) {
            Some(kept) => Some(Diagnostic::new(
                doc.source.clone(),
                format!("same article as {kept} by URL ({canonical}); skipped"),
            )),
            None => {
                self.first_by_url.insert(canonical, doc.source.clone());
                None
            }
        }
    }
}

/// Whether a canonical URL is a bare `https://host`.
fn is_site_root(canonical: &str) -> bool {
    let after_scheme = canonical.strip_prefix("https://").unwrap_or(canonical);
    !after_scheme.contains(['/', '?'])
}

/// Drop each document whose canonical URL equals an earlier document's,
/// keeping the first, and say so in one diagnostic per drop (naming the
/// dropped input and the kept one).
pub fn dedup_by_url(docs: &mut Vec<RawDoc>) -> Vec<Diagnostic> {
    dedup_by_url_with(docs, |d| d.url.as_deref(), |d| &d.source)
}

/// [`dedup_by_url`] for any list, given how to read an item's URL and
/// source: e.g. cleaned articles, whose URL may come from the page's
/// canonical link.
pub fn dedup_by_url_with<T>(
    items: &mut Vec<T>,
    url: impl Fn(&T) -> Option<&str>,
    source: impl Fn(&T) -> &str,
) -> Vec<Diagnostic> {
    let duplicates = find_url_duplicates(items.iter().map(&url));
    if duplicates.is_empty() {
        return Vec::new();
    }
    let notes = duplicates
        .iter()
        .map(|dup| {
            let (dropped, kept) = (&items[dup.index], &items[dup.first]);
            let message = format!(
                "same article as {} by URL ({}); skipped",
                source(kept),
                dup.canonical
            );
            Diagnostic::new(source(dropped), message)
        })
        .collect();
    let mut drop = duplicates.iter().map(|d| d.index).peekable();
    let mut index = 0;
    items.retain(|_| {
        let keep = drop.peek() != Some(&index);
        if !keep {
            drop.next();
        }
        index += 1;
        keep
    });
    notes
}

#[cfg(test)]
mod tests;
