//! Concord on Timely/Differential Dataflow: epochs of the ingest log become
//! stories, duplicate groups and per-story claims tables, incrementally, on
//! one thread, several threads or several processes — the same dataflow.
//!
//! Per-article work (cleaning, hashing, MinHash, the story terms, facts)
//! runs on the worker that read the article; only small keys (offsets,
//! hashes, signatures, term counts, serialised facts) enter differential
//! collections. Articles are retracted `window` epochs after they arrive, so
//! a story splits when the article that bridged it ages out.
//!
//! **API boundary:** [`run`] drives a whole run (epochs, restart, output);
//! [`reference::reference_epoch`] computes the same output with plain
//! all-pairs loops for tests. Both apply the functions in [`rule`].

pub mod graph;
pub mod linkage;
pub mod output;
pub mod recompute;
pub mod reference;
pub mod rule;
pub mod run;
pub mod workers;

pub use output::{EpochOutput, StoryOut};
pub use rule::RuleConfig;
pub use run::{run, OpenLog, RunConfig, RunSummary};
pub use workers::{parse_hostfile, Workers};

#[derive(Debug, thiserror::Error)]
pub enum DataflowError {
    #[error(transparent)]
    Log(#[from] concord_log::LogError),
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: already written with different content (the log or the settings changed?)")]
    Conflict { path: std::path::PathBuf },
    #[error("{path}: {reason}")]
    BadOutput {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("timely: {0}")]
    Timely(String),
    #[error("{0}")]
    Config(String),
}

pub type Result<T> = std::result::Result<T, DataflowError>;
