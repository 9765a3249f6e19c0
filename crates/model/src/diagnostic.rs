//! A problem with one input that did not stop the batch.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One bad input: which one and what was wrong, as a single line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The path, URL or `path#line` the problem belongs to.
    pub source: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(source: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            source: source.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}
