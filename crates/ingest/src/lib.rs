//! Reads inputs (files, folders, JSON Lines, stdin) into raw documents.
