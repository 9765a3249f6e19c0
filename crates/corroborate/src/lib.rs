//! Aligns facts across the articles of a story: agreement, conflict, variants.
