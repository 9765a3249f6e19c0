//! The benchmark corpus: articles assembled from real sentences (UCI News
//! Aggregator headlines and the fixture articles), and copies of earlier
//! articles made by seeded, controlled mutation.
//!
//! Mix (all rates fixed below, all draws from one seeded SplitMix64):
//! - [`ORIGINAL_SHARE`] of articles are originals: 3–30 sentences drawn from
//!   the pool, 1–4 per paragraph; [`FOOTER_SHARE`] of them end with one of a
//!   few boilerplate footers, as site furniture does.
//! - The rest copy an earlier article (original or copy), chosen uniformly.
//!   [`EXACT_COPY_SHARE`] of copies change only case, punctuation and
//!   spacing. The others edit each word with a probability drawn uniformly
//!   in [0, [`MAX_EDIT_RATE`]): swap with the next word, delete, insert a
//!   pool word before it, or respell it (drop, double or swap letters) —
//!   one of the four with equal odds. With 5-word shingles this spreads the
//!   copies' Jaccard similarity across the 0.8 threshold.
//!
//! Text is folded to lower-case ASCII with `concord_text::fold` when the
//! pool is built, so a Python tokeniser splitting on `[^a-z0-9]` after
//! deleting apostrophes sees the same words as Concord.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

pub const ORIGINAL_SHARE: f64 = 0.6;
pub const EXACT_COPY_SHARE: f64 = 0.15;
pub const MAX_EDIT_RATE: f64 = 0.06;
pub const FOOTER_SHARE: f64 = 0.15;
const MIN_SENTENCES: usize = 3;
const MAX_SENTENCES: usize = 30;

/// Boilerplate that outlets append to many articles.
const FOOTERS: &[&str] = &[
    "sign up for our morning newsletter to get the day's top stories delivered to your inbox. \
     you can unsubscribe at any time.",
    "copyright 2014 the associated press. all rights reserved. this material may not be \
     published, broadcast, rewritten or redistributed.",
    "follow us on twitter and facebook for the latest news, and download our app for breaking \
     news alerts on your phone.",
    "we use cookies to improve your experience on our site. by continuing to browse you agree \
     to our use of cookies and our privacy policy.",
];

/// SplitMix64: a small, seeded, portable generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// How an article of the corpus was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Original,
    ExactCopy,
    NearCopy,
}

/// One article of the corpus, as written to `corpus.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Doc {
    pub id: usize,
    pub kind: Kind,
    /// The article it copies, for copies.
    pub source: Option<usize>,
    /// The per-word edit probability, for near copies.
    pub edit_rate: Option<f64>,
    pub text: String,
}

/// Sentences of the base texts, folded: every headline of the CSV's
/// `TITLE` column and every sentence of the fixtures' `.txt` articles.
pub fn load_pool(headlines_csv: &Path, fixtures: &Path) -> Result<Vec<String>> {
    let csv = std::fs::read_to_string(headlines_csv)
        .with_context(|| format!("reading {}", headlines_csv.display()))?;
    let mut lines = csv.lines();
    let header = lines.next().map(split_csv_line).unwrap_or_default();
    let title_col = header
        .iter()
        .position(|h| h == "TITLE")
        .with_context(|| format!("{}: no TITLE column", headlines_csv.display()))?;
    let mut pool: Vec<String> = lines
        .filter_map(|line| split_csv_line(line).into_iter().nth(title_col))
        .collect();
    let n_headlines = pool.len();
    let mut paths = Vec::new();
    for story in std::fs::read_dir(fixtures).with_context(|| format!("{}", fixtures.display()))? {
        let story = story?.path();
        if story.is_dir() {
            for file in std::fs::read_dir(&story)? {
                let file = file?.path();
                if file.extension().is_some_and(|e| e == "txt") {
                    paths.push(file);
                }
            }
        }
    }
    paths.sort();
    for path in &paths {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        for paragraph in text.lines().filter(|l| !l.trim().is_empty()) {
            pool.extend(
                concord_text::sentences(paragraph)
                    .into_iter()
                    .map(str::to_string),
            );
        }
    }
    let pool: Vec<String> = pool
        .iter()
        .map(|s| {
            concord_text::fold(s)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|s| s.split_whitespace().count() >= 3)
        .collect();
    eprintln!(
        "pool: {} sentences ({} headlines, {} fixture articles)",
        pool.len(),
        n_headlines,
        paths.len()
    );
    anyhow::ensure!(!pool.is_empty(), "no base sentences found");
    Ok(pool)
}

/// Fields of one CSV line (RFC 4180 quoting; no field spans lines here).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// `n` articles built from `pool` with the seeded generator.
pub fn generate(pool: &[String], n: usize, seed: u64) -> Vec<Doc> {
    let mut rng = Rng::new(seed);
    let mut docs: Vec<Doc> = Vec::with_capacity(n);
    for id in 0..n {
        let doc = if docs.is_empty() || rng.unit() < ORIGINAL_SHARE {
            original(pool, id, &mut rng)
        } else {
            let source = rng.below(docs.len());
            let text = &docs[source].text;
            if rng.unit() < EXACT_COPY_SHARE {
                Doc {
                    id,
                    kind: Kind::ExactCopy,
                    source: Some(source),
                    edit_rate: None,
                    text: restyle(text, &mut rng),
                }
            } else {
                let rate = MAX_EDIT_RATE * rng.unit();
                Doc {
                    id,
                    kind: Kind::NearCopy,
                    source: Some(source),
                    edit_rate: Some(rate),
                    text: mutate(text, rate, pool, &mut rng),
                }
            }
        };
        docs.push(doc);
    }
    docs
}

fn original(pool: &[String], id: usize, rng: &mut Rng) -> Doc {
    let n_sentences = MIN_SENTENCES + rng.below(MAX_SENTENCES - MIN_SENTENCES + 1);
    let mut text = String::new();
    let mut in_paragraph = 0;
    let mut paragraph_len = 1 + rng.below(4);
    for _ in 0..n_sentences {
        if in_paragraph == paragraph_len {
            text.push_str("\n\n");
            in_paragraph = 0;
            paragraph_len = 1 + rng.below(4);
        } else if in_paragraph > 0 {
            text.push(' ');
        }
        text.push_str(&pool[rng.below(pool.len())]);
        in_paragraph += 1;
    }
    if rng.unit() < FOOTER_SHARE {
        text.push_str("\n\n");
        text.push_str(FOOTERS[rng.below(FOOTERS.len())]);
    }
    Doc {
        id,
        kind: Kind::Original,
        source: None,
        edit_rate: None,
        text,
    }
}

/// The same words with other case, punctuation and spacing.
fn restyle(text: &str, rng: &mut Rng) -> String {
    map_words(text, |words, out| {
        for word in words {
            let mut word = word.to_string();
            if rng.unit() < 0.1 {
                word = word.to_uppercase();
            }
            if rng.unit() < 0.05 {
                word.push(',');
            }
            out.push(word);
            if rng.unit() < 0.05 {
                out.push("--".to_string());
            }
        }
    })
}

/// A copy with each word edited with probability `rate` (see module docs).
fn mutate(text: &str, rate: f64, pool: &[String], rng: &mut Rng) -> String {
    map_words(text, |words, out| {
        let mut i = 0;
        while i < words.len() {
            if rng.unit() >= rate {
                out.push(words[i].to_string());
            } else {
                match rng.below(4) {
                    0 if i + 1 < words.len() => {
                        out.push(words[i + 1].to_string());
                        out.push(words[i].to_string());
                        i += 1;
                    }
                    1 => {}
                    2 => {
                        let sentence = &pool[rng.below(pool.len())];
                        let n = sentence.split_whitespace().count();
                        let inserted = sentence.split_whitespace().nth(rng.below(n));
                        out.extend(inserted.map(str::to_string));
                        out.push(words[i].to_string());
                    }
                    _ => out.push(respell(words[i], rng)),
                }
            }
            i += 1;
        }
    })
}

/// Drops, doubles or swaps a letter.
fn respell(word: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 {
        chars.push('e');
    } else {
        let at = rng.below(chars.len() - 1);
        match rng.below(3) {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, chars[at]),
            _ => chars.swap(at, at + 1),
        }
    }
    chars.into_iter().collect()
}

/// Applies `edit` to the words of each paragraph, keeping paragraphs.
fn map_words(text: &str, mut edit: impl FnMut(&[&str], &mut Vec<String>)) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|paragraph| {
            let words: Vec<&str> = paragraph.split_whitespace().collect();
            let mut out = Vec::with_capacity(words.len() + 4);
            edit(&words, &mut out);
            out.join(" ")
        })
        .collect();
    paragraphs.join("\n\n")
}

/// Writes the corpus as JSON Lines.
pub fn write_jsonl(path: &Path, docs: &[Doc]) -> Result<()> {
    let file = std::fs::File::create(path).with_context(|| format!("{}", path.display()))?;
    let mut out = BufWriter::new(file);
    for doc in docs {
        serde_json::to_writer(&mut out, doc)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// The texts of a corpus written by [`write_jsonl`], in order.
pub fn read_texts(path: &Path) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct TextOnly {
        text: String,
    }
    let file = std::fs::File::open(path).with_context(|| format!("{}", path.display()))?;
    let mut texts = Vec::new();
    for (line_no, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}", path.display()))?;
        let doc: TextOnly = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}", path.display(), line_no + 1))?;
        texts.push(doc.text);
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_keep_quoted_commas_and_quotes() {
        assert_eq!(
            split_csv_line(r#"1,"Fed says ""taper"", not stop",http://x,b"#),
            ["1", r#"Fed says "taper", not stop"#, "http://x", "b"]
        );
    }

    #[test]
    fn generation_is_seeded_and_mixes_originals_and_copies() {
        let pool: Vec<String> = (0..50)
            .map(|i| format!("headline number {i} about the markets and the weather today"))
            .collect();
        let docs = generate(&pool, 2000, 7);
        let again = generate(&pool, 2000, 7);
        assert!(docs.iter().zip(&again).all(|(a, b)| a.text == b.text));
        let count = |kind| docs.iter().filter(|d| d.kind == kind).count();
        let originals = count(Kind::Original);
        assert!((1100..1300).contains(&originals), "{originals}");
        assert!(count(Kind::ExactCopy) > 80 && count(Kind::NearCopy) > 500);
        for doc in docs.iter().filter(|d| d.kind == Kind::ExactCopy) {
            let source = doc.source.map(|s| &docs[s].text);
            let key = concord_dedup::minhash::exact_key;
            assert_eq!(source.and_then(|s| key(s)), key(&doc.text));
        }
    }
}
