//! Helpers for end-to-end tests: run the real `concord` binary on fixture
//! folders and read its brief next to the fixture's hand-written gold.json.

#![allow(dead_code)]

pub mod hostile;
pub mod server;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The `.txt` articles of a fixture folder, in name order.
pub fn txt_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures().join(folder))
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .output()
        .expect("the concord binary runs")
}

/// `concord <args>` that must succeed; panics with the arguments and stderr
/// otherwise.
pub fn run_ok(args: &[&str]) -> Output {
    let out = run(args);
    assert!(
        out.status.success(),
        "concord {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// An empty scratch folder `concord-{tag}-{pid}` in the system's temp
/// folder; emptied first, as a crashed earlier run may have left one.
pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("concord-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `concord stories --data <data> --format json`: the stored stories, as
/// the CLI lists them; panics with stderr on failure.
pub fn stored_stories(data: &Path) -> Vec<Value> {
    let out = run_ok(&[
        "stories",
        "--data",
        &data.display().to_string(),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("stories json");
    v["stories"].as_array().cloned().unwrap_or_default()
}

/// Articles across all stored stories (each article is in one story).
pub fn stored_article_count(data: &Path) -> usize {
    stored_stories(data)
        .iter()
        .map(|s| s["articles"].as_array().map_or(0, Vec::len))
        .sum()
}

/// `concord brief <paths> --format json`, parsed; panics with stderr on failure.
pub fn brief(paths: &[PathBuf]) -> Value {
    let mut args: Vec<String> = vec!["brief".into()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["--format".into(), "json".into()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_ok(&refs);
    serde_json::from_slice(&out.stdout).expect("brief is JSON")
}

pub fn gold(folder: &str) -> Value {
    let text =
        std::fs::read_to_string(fixtures().join(folder).join("gold.json")).expect("gold.json");
    serde_json::from_str(&text).expect("gold is JSON")
}

/// A brief's story with its articles keyed as gold keys them (file name,
/// or a JSON Lines record's id).
pub struct Story<'a> {
    pub json: &'a Value,
    gold_keys: BTreeSet<String>,
}

impl<'a> Story<'a> {
    pub fn largest(brief: &'a Value, gold: &Value) -> Story<'a> {
        let json = brief["stories"]
            .as_array()
            .and_then(|s| {
                s.iter()
                    .max_by_key(|s| s["articles"].as_array().map_or(0, Vec::len))
            })
            .expect("a story");
        Story {
            json,
            gold_keys: gold["documents"]
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default(),
        }
    }

    pub fn key(&self, id: &str) -> String {
        if self.gold_keys.contains(id) {
            return id.to_string();
        }
        id.rsplit('/')
            .next()
            .unwrap_or(id)
            .split('#')
            .next()
            .unwrap_or(id)
            .to_string()
    }

    pub fn keys(&self, ids: &Value) -> BTreeSet<String> {
        ids.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|s| self.key(s))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn article(&self, key: &str) -> &'a Value {
        self.json["articles"]
            .as_array()
            .and_then(|a| {
                a.iter()
                    .find(|x| self.key(x["id"].as_str().unwrap_or_default()) == key)
            })
            .unwrap_or_else(|| panic!("article {key} in the story"))
    }

    pub fn body(&self, key: &str) -> String {
        self.article(key)["body_paragraphs"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    }

    pub fn list(&self, field: &str) -> &'a Vec<Value> {
        self.json[field].as_array().expect(field)
    }

    /// Entities whose name or aliases include any of `spellings`.
    pub fn entities_named(&self, spellings: &[&str]) -> Vec<&'a Value> {
        self.list("entities")
            .iter()
            .filter(|e| {
                let mut names: Vec<&str> = vec![e["name"].as_str().unwrap_or_default()];
                names.extend(
                    e["aliases"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str),
                );
                names.iter().any(|n| spellings.contains(n))
            })
            .collect()
    }

    /// Claims whose values include all of `values`.
    pub fn claims_with(&self, values: &[f64]) -> Vec<&'a Value> {
        self.list("claims")
            .iter()
            .filter(|c| {
                let vals: Vec<f64> = c["values"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v["value"].as_f64())
                    .collect();
                values
                    .iter()
                    .all(|v| vals.iter().any(|x| (x - v).abs() < 1e-9))
            })
            .collect()
    }

    /// Articles behind one value of a claim.
    pub fn value_articles(&self, claim: &Value, value: f64) -> BTreeSet<String> {
        claim["values"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|v| {
                v["value"]
                    .as_f64()
                    .is_some_and(|x| (x - value).abs() < 1e-9)
            })
            .flat_map(|v| self.keys(&v["articles"]))
            .collect()
    }

    /// Quote groups whose text or a variant contains `fragment`.
    pub fn quotes_with(&self, fragment: &str) -> Vec<&'a Value> {
        let needle = normalize(fragment);
        self.list("quotes")
            .iter()
            .filter(|q| {
                normalize(q["text"].as_str().unwrap_or_default()).contains(&needle)
                    || q["variants"].as_array().into_iter().flatten().any(|v| {
                        normalize(v["text"].as_str().unwrap_or_default()).contains(&needle)
                    })
            })
            .collect()
    }

    /// Articles of a quote group, variants included.
    pub fn quote_articles(&self, q: &Value) -> BTreeSet<String> {
        let mut out = self.keys(&q["articles"]);
        for v in q["variants"].as_array().into_iter().flatten() {
            out.insert(self.key(v["article"].as_str().unwrap_or_default()));
        }
        out
    }

    /// Articles of all timeline entries on `date`.
    pub fn timeline_articles(&self, date: &str) -> BTreeSet<String> {
        self.list("timeline")
            .iter()
            .filter(|t| t["date"].as_str() == Some(date))
            .flat_map(|t| self.keys(&t["articles"]))
            .collect()
    }

    pub fn syndicated(&self, a: &str, b: &str) -> bool {
        self.list("syndication").iter().any(|s| {
            let k = self.keys(&s["articles"]);
            k.contains(a) && k.contains(b)
        })
    }
}

/// Lower-case words only, apostrophes unified, for matching quote text.
pub fn normalize(s: &str) -> String {
    s.replace('’', "'")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

pub fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

pub mod cluster;
