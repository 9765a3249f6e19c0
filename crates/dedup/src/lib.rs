//! Finds near-duplicate and syndicated articles by passage-level text reuse.
