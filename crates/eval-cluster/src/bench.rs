//! Per-article latency of `OnlineClusterer::add` on a long synthetic
//! stream built from the UCI headlines.
//!
//! The stream: `articles_per_day` articles a day. Each article either
//! opens a new event (probability `NEW_EVENT`) or reports on an event that
//! a random article of the last day reported on (preferential attachment,
//! so story sizes are long-tailed as in real news). An event is a random
//! UCI headline with about half its words replaced by words of a large
//! made-up vocabulary drawn log-uniformly (a few common, most rare) plus
//! two capitalised made-up names, so events differ even when they come
//! from one UCI story. Each article then drops words of its event, borrows
//! a word from another headline and adds made-up words, so articles of one
//! event are worded differently and the vocabulary keeps growing.

use crate::rng::Rng;
use concord_cluster::{OnlineClusterer, OnlineConfig};
use concord_model::Article;
use serde::Serialize;
use std::time::Instant;

pub struct BenchConfig {
    pub articles: usize,
    pub articles_per_day: usize,
    pub seed: u64,
}

#[derive(Debug, Serialize)]
pub struct Latency {
    pub n: usize,
    pub p50_us: f64,
    pub p90_us: f64,
    pub p99_us: f64,
    pub p999_us: f64,
    pub max_us: f64,
    pub mean_us: f64,
}

#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub articles: usize,
    pub articles_per_day: usize,
    pub seed: u64,
    pub days: usize,
    /// Events the stream generated (what a perfect clusterer would find).
    pub events: usize,
    /// Wall-clock time of every add.
    pub all: Latency,
    /// The last tenth of the stream, when the store is largest.
    pub last_tenth: Latency,
    /// The same in CPU time of the calling thread: what the add itself
    /// costs, without the time the thread was descheduled (on a shared
    /// 2-core machine a preemption costs a whole 4 ms scheduler tick, which
    /// swamps the wall-clock tail).
    pub cpu_all: Latency,
    pub cpu_last_tenth: Latency,
    pub stories: usize,
    pub active_stories_at_end: usize,
    pub distinct_terms: usize,
    pub peak_rss_mib: Option<f64>,
}

/// Share of articles that open a new event.
const NEW_EVENT: f64 = 0.15;
/// Size of the made-up vocabulary.
const MADE_UP_WORDS: f64 = 500_000.0;

/// Generates the stream and times each `add`. Building an article is not
/// timed; `add` is, including its tokenising.
pub fn run(headlines: &[String], bench: &BenchConfig, config: &OnlineConfig) -> BenchReport {
    let words: Vec<Vec<&str>> = headlines
        .iter()
        .map(|h| h.split_whitespace().collect())
        .collect();
    let mut rng = Rng::new(bench.seed);
    let mut clusterer = OnlineClusterer::new(config.clone());
    let mut nanos: Vec<u64> = Vec::with_capacity(bench.articles);
    let mut cpu_nanos: Vec<u64> = Vec::with_capacity(bench.articles);
    let per_day = bench.articles_per_day.max(1);
    let start = chrono::NaiveDate::from_ymd_opt(2014, 3, 10).unwrap_or_default();
    let mut stream = Stream::default();
    for n in 0..bench.articles {
        let day = n / per_day;
        let title = stream.next_title(&words, per_day, &mut rng);
        let article = synthetic(
            n,
            title,
            start.checked_add_days(chrono::Days::new(day as u64)),
        );
        let cpu = thread_cpu_nanos();
        let t = Instant::now();
        clusterer.add(&article);
        nanos.push(u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX));
        cpu_nanos.push(thread_cpu_nanos().saturating_sub(cpu));
    }
    let tail = nanos.len() - nanos.len() / 10;
    BenchReport {
        articles: bench.articles,
        articles_per_day: per_day,
        seed: bench.seed,
        days: bench.articles.div_ceil(per_day),
        events: stream.events.len(),
        all: latency(&nanos),
        last_tenth: latency(&nanos[tail..]),
        cpu_all: latency(&cpu_nanos),
        cpu_last_tenth: latency(&cpu_nanos[tail..]),
        stories: clusterer.stories().count(),
        active_stories_at_end: clusterer.n_active_stories(),
        distinct_terms: clusterer.n_terms(),
        peak_rss_mib: peak_rss_mib(),
    }
}

/// Events so far and the event of each recent article.
#[derive(Default)]
struct Stream {
    /// Each event's words.
    events: Vec<Vec<String>>,
    /// Event of each of the last day's articles (a ring).
    recent: Vec<usize>,
    next_slot: usize,
}

impl Stream {
    fn next_title(&mut self, headlines: &[Vec<&str>], per_day: usize, rng: &mut Rng) -> String {
        let event = if self.recent.is_empty() || rng.unit() < NEW_EVENT {
            self.events.push(new_event(headlines, rng));
            self.events.len() - 1
        } else {
            self.recent[rng.below(self.recent.len())]
        };
        if self.recent.len() < per_day {
            self.recent.push(event);
        } else {
            self.recent[self.next_slot] = event;
            self.next_slot = (self.next_slot + 1) % per_day;
        }
        let mut out: Vec<String> = self.events[event]
            .iter()
            .filter(|_| rng.unit() >= 0.2)
            .cloned()
            .collect();
        if rng.unit() < 0.3 {
            let other = &headlines[rng.below(headlines.len())];
            if let Some(w) = other.get(rng.below(other.len())) {
                out.insert(rng.below(out.len() + 1), (*w).to_string());
            }
        }
        for _ in 0..rng.below(3) {
            out.insert(rng.below(out.len() + 1), made_up_word(rng));
        }
        out.join(" ")
    }
}

fn new_event(headlines: &[Vec<&str>], rng: &mut Rng) -> Vec<String> {
    let base = &headlines[rng.below(headlines.len())];
    let mut words: Vec<String> = base
        .iter()
        .map(|w| {
            if rng.unit() < 0.5 {
                made_up_word(rng)
            } else {
                (*w).to_string()
            }
        })
        .collect();
    for _ in 0..2 {
        // Names are drawn from a space large enough that events rarely
        // share one.
        let name = to_base36(rng.next_u64() % 60_000_000);
        words.insert(rng.below(words.len() + 1), format!("Q{name}"));
    }
    words
}

/// Log-uniform over the made-up vocabulary: rank r is drawn with
/// probability about 1/r, like words in text.
fn made_up_word(rng: &mut Rng) -> String {
    let rank = MADE_UP_WORDS.powf(rng.unit()) as u64;
    format!("zq{}", to_base36(rank))
}

fn synthetic(n: usize, title: String, published: Option<chrono::NaiveDate>) -> Article {
    Article {
        source: "synthetic".to_string(),
        title: Some(title),
        published,
        ..Article::from_paragraphs(format!("syn-{n}"), Vec::<String>::new())
    }
}

fn to_base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn latency(nanos: &[u64]) -> Latency {
    let mut sorted = nanos.to_vec();
    sorted.sort_unstable();
    let at = |q: f64| {
        let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
        sorted.get(i).map_or(0.0, |&ns| ns as f64 / 1000.0)
    };
    let mean = sorted.iter().map(|&ns| ns as f64).sum::<f64>() / sorted.len().max(1) as f64;
    Latency {
        n: sorted.len(),
        p50_us: at(0.5),
        p90_us: at(0.9),
        p99_us: at(0.99),
        p999_us: at(0.999),
        max_us: sorted.last().map_or(0.0, |&ns| ns as f64 / 1000.0),
        mean_us: mean / 1000.0,
    }
}

/// CPU time consumed by this thread so far, in nanoseconds (0 if the
/// clock cannot be read).
fn thread_cpu_nanos() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the
    // call, which is all clock_gettime requires.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0;
    }
    u64::try_from(ts.tv_sec).unwrap_or(0) * 1_000_000_000 + u64::try_from(ts.tv_nsec).unwrap_or(0)
}

/// Peak resident memory of this process (Linux `VmHWM`), if readable.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
