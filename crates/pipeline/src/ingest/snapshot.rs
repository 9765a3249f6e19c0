//! The clusterer's saved state: what lets `Ingestor::open` skip replaying
//! every stored article.
//!
//! A snapshot is the clusterer serialized with postcard (compact, and
//! exact for floats, so a restored clusterer scores exactly like the saved
//! one), behind a small header: a format tag and the sequence number of
//! the last article it covers. It is written in the same redb transaction
//! as a batch, so it never runs ahead of the articles. On open, articles
//! after its sequence number are replayed; a snapshot of another format or
//! made with other clustering settings is ignored and everything is
//! replayed, as without one.
//!
//! When: serializing costs time in proportion to the whole state (every
//! story and article id so far), so a snapshot per batch would make ingest
//! quadratic. A snapshot is saved once the articles since the last one
//! reach [`MIN_ARTICLES_BETWEEN`] and a quarter of the store, and always by
//! the last batch of an ingest run. Saving costs about four times
//! the final state size over a store's life (a geometric series), and a
//! reopen after a crash replays at most a quarter of the articles (or
//! `MIN_ARTICLES_BETWEEN`); after a clean run it replays none.

use concord_cluster::{OnlineClusterer, OnlineConfig};
use serde::{Deserialize, Serialize};

/// Changes whenever the serialized clusterer's layout does.
pub(super) const FORMAT: &str = "concord-clusterer/1";

/// Least articles between two snapshots within a run.
pub(super) const MIN_ARTICLES_BETWEEN: u64 = 20_000;

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    /// The last article sequence number the state includes.
    seq: u64,
}

/// Whether a snapshot is due, with `since` articles stored after the last
/// one and `total` stored in all.
pub(super) fn is_due(since: u64, total: u64) -> bool {
    since >= MIN_ARTICLES_BETWEEN && since >= total / 4
}

#[derive(Debug, thiserror::Error)]
#[error("clusterer state: {0}")]
pub struct SnapshotError(#[from] postcard::Error);

/// The serialized state of `clusterer` after article `seq`.
pub(super) fn encode(clusterer: &OnlineClusterer, seq: u64) -> Result<Vec<u8>, SnapshotError> {
    let header = Header {
        format: FORMAT.to_string(),
        seq,
    };
    let mut bytes = postcard::to_allocvec(&header)?;
    bytes.extend(postcard::to_allocvec(clusterer)?);
    Ok(bytes)
}

/// The clusterer and the sequence number it covers, if `bytes` is a
/// snapshot of this format made with `config`; `None` means "replay".
pub(super) fn decode(bytes: &[u8], config: &OnlineConfig) -> Option<(OnlineClusterer, u64)> {
    // The header is read first and on its own: a state of another format
    // may not even parse as this one.
    let (header, rest) = postcard::take_from_bytes::<Header>(bytes).ok()?;
    if header.format != FORMAT {
        return None;
    }
    let clusterer: OnlineClusterer = postcard::from_bytes(rest).ok()?;
    (clusterer.config() == config).then_some((clusterer, header.seq))
}
