//! A problem with one input that did not stop the batch.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One bad input: which one and what was wrong, as a single line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The path, URL or `path#line` the problem belongs to.
    pub source: String,
    pub message: String,
    /// True for information that is not a failure (a duplicate skipped).
    #[serde(default)]
    pub note: bool,
}

impl Diagnostic {
    pub fn new(source: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            source: source.into(),
            message: message.into(),
            note: false,
        }
    }

    /// Information about an input that is not a failure.
    pub fn note(source: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            note: true,
            ..Diagnostic::new(source, message)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.note { "note: " } else { "" };
        write!(f, "{kind}{}: {}", self.source, self.message)
    }
}
