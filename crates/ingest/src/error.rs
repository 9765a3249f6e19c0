//! The one error type of this crate: an input that could not be read at all.

use concord_model::Diagnostic;
use std::fmt;
use thiserror::Error;

/// A whole input that could not be read. Its `Display` is one line that
/// names the input, e.g. `notes/a.txt: invalid UTF-8 at byte 17`.
#[derive(Debug, Error)]
#[error("{input}: {kind}")]
pub struct IngestError {
    /// The path as the user gave it (or `<stdin>`).
    pub input: String,
    pub kind: ErrorKind,
}

/// What was wrong with an input.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file or folder could not be opened or read.
    Io(std::io::Error),
    /// The bytes are not UTF-8; `offset` counts from the start of the
    /// (decompressed) input.
    InvalidUtf8 { offset: usize },
    /// The input holds NUL bytes or is mostly control characters.
    Binary,
    /// Nothing but whitespace (or nothing at all).
    Empty,
    /// Bigger than the configured cap (`decompressed` when the cap was hit
    /// while inflating a `.gz`).
    TooLarge { limit: u64, decompressed: bool },
    /// A `.gz` input that is truncated or corrupt.
    Gzip(std::io::Error),
    /// A file named explicitly whose extension no reader supports.
    Unsupported,
    /// A `.warc` input that does not start with a `WARC/1.x` record.
    NotWarc,
    /// An XML input whose root element is not `<rss>`, `<feed>` or
    /// `<rdf:RDF>`; `root` is what it was (empty when there is none).
    NotFeed { root: String },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Io(err) => write!(f, "cannot read: {err}"),
            ErrorKind::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            ErrorKind::Binary => f.write_str("binary file (NUL bytes or mostly control characters)"),
            ErrorKind::Empty => f.write_str("empty or whitespace-only input"),
            ErrorKind::TooLarge {
                limit,
                decompressed: false,
            } => write!(f, "larger than the {limit}-byte limit"),
            ErrorKind::TooLarge {
                limit,
                decompressed: true,
            } => write!(f, "decompresses to more than the {limit}-byte limit"),
            ErrorKind::Gzip(err) => write!(f, "truncated or corrupt gzip data: {err}"),
            ErrorKind::Unsupported => f.write_str(
                "unsupported file type (expected .txt, .text, .html, .htm, .jsonl, .ndjson, .warc, .rss, .atom or .xml, optionally .gz)",
            ),
            ErrorKind::NotWarc => f.write_str("not a WARC file (does not start with a WARC/1.x record)"),
            ErrorKind::NotFeed { root } if root.is_empty() => {
                f.write_str("not an RSS or Atom feed (no root element)")
            }
            ErrorKind::NotFeed { root } => {
                write!(f, "not an RSS or Atom feed (root element is <{root}>)")
            }
        }
    }
}

impl IngestError {
    pub(crate) fn new(input: &str, kind: ErrorKind) -> Self {
        IngestError {
            input: input.to_string(),
            kind,
        }
    }

    /// The same problem as a diagnostic, so the batch can go on.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.input.clone(), self.kind.to_string())
    }
}

impl From<&IngestError> for Diagnostic {
    fn from(err: &IngestError) -> Self {
        err.to_diagnostic()
    }
}
