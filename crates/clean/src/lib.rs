//! Turns raw documents into clean articles: main text, metadata, removed boilerplate.
