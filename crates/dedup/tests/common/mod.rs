//! A minimal fixture loader for tests: enough of ingest and cleaning to
//! build `Article`s from `tests/fixtures/<story>/` without depending on
//! those stages (stages never depend sideways).
//!
//! Rules: paragraphs are the non-empty lines; the title is the line that
//! `gold.json` gives as the document's title (lines before it, such as
//! "skip to main content", are dropped), and there is none when gold has
//! none; a leading " date YYYY-MM-DD CITY:" prefix is cut and read as the
//! publication date. `.jsonl` files give one article per record (`id`,
//! `title`, `text`, `published`); an `.html` page gives the `<h1>` and the
//! `<p>` elements inside `<article>`.
//!
//! The cluster crate's tests load this file too (`#[path]`), so both stages
//! read fixtures the same way.

#![allow(dead_code)]

use chrono::NaiveDate;
use concord_model::Article;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub fn fixture_dir(story: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(story)
}

pub fn gold(story: &str) -> Option<Value> {
    let text = std::fs::read_to_string(fixture_dir(story).join("gold.json")).ok()?;
    serde_json::from_str(&text).ok()
}

/// The story's articles, sorted by file name, or `None` when the fixture is
/// not there (yet).
pub fn load(story: &str) -> Option<Vec<Article>> {
    let dir = fixture_dir(story);
    let gold = gold(story)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let name = path.file_name()?.to_str()?.to_string();
        let text = std::fs::read_to_string(&path).ok()?;
        match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => {
                let title = gold["documents"][&name]["title"].as_str();
                out.push(from_text(&name, &text, title));
            }
            Some("jsonl") => out.extend(from_jsonl(&name, &text)),
            Some("html") => out.push(from_html(&name, &text)),
            _ => {}
        }
    }
    Some(out)
}

fn article(id: &str) -> Article {
    Article::from_paragraphs(id.to_string(), Vec::<String>::new())
}

pub fn from_text(id: &str, text: &str, title: Option<&str>) -> Article {
    let mut lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut a = article(id);
    if let Some(t) = title {
        if let Some(pos) = lines.iter().position(|l| *l == t.trim()) {
            lines.drain(..=pos);
            a.title = Some(t.to_string());
        }
    }
    let mut paragraphs: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    if let Some(first) = paragraphs.first_mut() {
        if let Some(rest) = first.strip_prefix("date ") {
            let date = rest
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            if let (Some(date), Some(colon)) = (date, rest.find(':')) {
                a.published = Some(date);
                a.dateline = Some(rest[10..colon].trim().to_string());
                *first = rest[colon + 1..].trim().to_string();
            }
        }
    }
    a.body_paragraphs = paragraphs;
    a
}

fn from_jsonl(name: &str, text: &str) -> Vec<Article> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Ok(record) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let id = record["id"]
            .as_str()
            .map_or_else(|| format!("{name}#{}", n + 1), str::to_string);
        let mut a = article(&id);
        a.title = record["title"].as_str().map(str::to_string);
        a.published = record["published"]
            .as_str()
            .and_then(|d| d.get(..10))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        a.body_paragraphs = record["text"]
            .as_str()
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        out.push(a);
    }
    out
}

/// Pairs of document names from a gold list such as `not_syndicated`.
pub fn gold_pairs(gold: &Value, key: &str) -> Vec<Vec<String>> {
    gold[key]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|entry| {
                    let docs = entry.get("documents").unwrap_or(entry);
                    docs.as_array()
                        .map(|d| {
                            d.iter()
                                .filter_map(|x| x.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The `<h1>` and the `<p>` elements inside the page's `<article>`.
fn from_html(id: &str, html: &str) -> Article {
    let mut a = article(id);
    let start = html.find("<article").unwrap_or(0);
    let end = html[start..]
        .find("</article>")
        .map_or(html.len(), |e| start + e);
    let body = &html[start..end];
    a.title = elements(body, "h1").into_iter().next();
    // Asides (related links) hold no <p> in practice, but skip them anyway.
    a.body_paragraphs = elements(&strip_elements(body, "aside"), "p");
    a
}

/// Text of every `<tag …>…</tag>` in `html`, tags stripped, entities decoded.
fn elements(html: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(s) = rest.find(&open) {
        let after = &rest[s + open.len()..];
        // "<p" must not match "<picture" and the like.
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let inner = &after[gt + 1..];
        let Some(e) = inner.find(&close) else { break };
        let text = decode(&strip_tags(&inner[..e]));
        if !text.trim().is_empty() {
            out.push(text.trim().to_string());
        }
        rest = &inner[e + close.len()..];
    }
    out
}

fn strip_elements(html: &str, tag: &str) -> String {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = String::new();
    let mut rest = html;
    while let Some(s) = rest.find(&open) {
        out.push_str(&rest[..s]);
        match rest[s..].find(&close) {
            Some(e) => rest = &rest[s + e + close.len()..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn decode(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&copy;", "©")
        .replace("&amp;", "&")
}
