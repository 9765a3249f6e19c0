//! Reads inputs (files, folders, stdin, gzip, JSON Lines, WARC archives,
//! RSS / Atom feeds) into raw documents.
//!
//! **API boundary:** plain functions from paths or bytes to [`RawDoc`]s,
//! plus [`canonical_url`] / [`dedup_by_url`] for near-identical links.
//! Reading never panics and never stops at a bad input: whole inputs that
//! cannot be read become an [`IngestError`] (or, from [`read_paths`], a
//! [`Diagnostic`]); bad records (a JSON line, a WARC record, a feed item)
//! become diagnostics naming `path#line`, `path#offset` or `path#itemN`
//! while the good records of the same file come through. [`stream_paths`]
//! reads the same inputs as an iterator, JSON Lines record by record, for
//! inputs too large to hold.

mod bytes;
mod decode;
mod error;
mod feed;
mod format;
mod jsonl;
mod oneshot;
mod stream;
mod url;
mod walk;
mod warc;

/// Test inputs several modules' tests build.
#[cfg(test)]
pub(crate) mod test_inputs {
    use std::io::Write;

    /// `bytes` as one gzip member.
    pub fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }
}

pub use decode::{Limits, DEFAULT_MAX_BYTES};
pub use error::{ErrorKind, IngestError};
pub use format::InputFormat;
pub use oneshot::recycle;
pub use stream::{stream_paths, DocStream, StreamItem};
pub use url::{
    canonical_url, dedup_by_url, dedup_by_url_with, find_url_duplicates, SeenUrls, UrlDuplicate,
};

use concord_model::{Diagnostic, RawDoc, RawFormat};
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The name stdin goes by in ids, sources and diagnostics.
pub const STDIN_NAME: &str = "<stdin>";

/// What a batch of inputs produced: the documents that could be read and
/// one diagnostic per input (or record) that could not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ingested {
    pub docs: Vec<RawDoc>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Ingested {
    fn absorb(&mut self, result: Result<Ingested, IngestError>) {
        match result {
            Ok(more) => {
                self.docs.extend(more.docs);
                self.diagnostics.extend(more.diagnostics);
            }
            Err(err) => self.diagnostics.push(err.to_diagnostic()),
        }
    }
}

/// Read files, folders (recursively) and `-` (stdin) with the default
/// [`Limits`]. See [`read_paths_with`].
pub fn read_paths(paths: &[PathBuf]) -> Ingested {
    read_paths_with(paths, &Limits::default())
}

/// Read every input in order. A folder yields its supported files in sorted
/// order and skips the rest silently; a file named explicitly must have a
/// supported extension. Every failure is a diagnostic and the batch goes on.
pub fn read_paths_with(paths: &[PathBuf], limits: &Limits) -> Ingested {
    let mut out = Ingested::default();
    for path in paths {
        if path.as_os_str() == "-" {
            out.absorb(read_stdin(limits));
            continue;
        }
        let input = path.display().to_string();
        match fs::metadata(path) {
            Err(err) => out.absorb(Err(IngestError::new(&input, ErrorKind::Io(err)))),
            Ok(meta) if meta.is_dir() => read_folder(path, limits, &mut out),
            Ok(_) => match InputFormat::from_path(path) {
                Some(format) => out.absorb(read_file(path, format, limits)),
                None => out.absorb(Err(IngestError::new(&input, ErrorKind::Unsupported))),
            },
        }
    }
    out
}

fn read_folder(dir: &Path, limits: &Limits, out: &mut Ingested) {
    let (files, errors) = walk::list_files(dir);
    out.diagnostics
        .extend(errors.iter().map(IngestError::to_diagnostic));
    if files.is_empty() && errors.is_empty() {
        out.diagnostics.push(empty_folder(dir));
    }
    for (path, format) in files {
        out.absorb(read_file(&path, format, limits));
    }
}

/// Not an error, but a user who pointed at the wrong folder should know.
fn empty_folder(dir: &Path) -> Diagnostic {
    Diagnostic::new(
        dir.display().to_string(),
        "folder holds no .txt, .html, .jsonl, .warc or feed files",
    )
}

/// Read one file of a known format.
pub fn read_file(
    path: &Path,
    format: InputFormat,
    limits: &Limits,
) -> Result<Ingested, IngestError> {
    let input = path.display().to_string();
    let io_err = |err| IngestError::new(&input, ErrorKind::Io(err));
    let file = File::open(path).map_err(io_err)?;
    let too_large = ErrorKind::TooLarge {
        limit: limits.max_input_bytes,
        decompressed: false,
    };
    let len = file.metadata().map_err(io_err)?.len();
    if len > limits.max_input_bytes {
        return Err(IngestError::new(&input, too_large));
    }
    let bytes = read_capped(file, limits.max_input_bytes, len).map_err(io_err)?;
    read_bytes_with(&input, &bytes, format, limits)
}

/// Read standard input, guessing its format with [`InputFormat::sniff`].
pub fn read_stdin(limits: &Limits) -> Result<Ingested, IngestError> {
    let bytes = read_capped(std::io::stdin().lock(), limits.max_input_bytes, 0)
        .map_err(|err| IngestError::new(STDIN_NAME, ErrorKind::Io(err)))?;
    read_unnamed(STDIN_NAME, &bytes, limits)
}

/// How much of an unnamed input is inflated to sniff its format.
const SNIFF_HEAD_BYTES: usize = 4096;

/// Read an input of unknown format. Sniffing looks at the inflated head,
/// so piped gzip data is recognised by what it holds; a `.warc.gz` keeps
/// its members (the WARC reader resynchronises on them).
fn read_unnamed(name: &str, bytes: &[u8], limits: &Limits) -> Result<Ingested, IngestError> {
    let format = InputFormat::sniff(&decode::head(bytes, SNIFF_HEAD_BYTES));
    read_bytes_with(name, bytes, format, limits)
}

/// Read at most `cap + 1` bytes, so an over-cap input (a growing file, a
/// device, a pipe) is caught by the size check without being read whole.
/// `expected` (a file's size, 0 if unknown) sizes the buffer up front:
/// growing it by doubling copies every page several times.
fn read_capped(reader: impl Read, cap: u64, expected: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(expected.min(cap)).unwrap_or(0) + 1);
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Parse the bytes of one input called `name` (a path as given, used for
/// sources and diagnostics; its last component is the document id), with
/// the default [`Limits`]. See [`read_bytes_with`].
pub fn read_bytes(name: &str, bytes: &[u8], format: InputFormat) -> Result<Ingested, IngestError> {
    read_bytes_with(name, bytes, format, &Limits::default())
}

/// Parse the bytes of one input. Gzip data (by its magic number) is
/// inflated first, within `limits` (a WARC file member by member). `Err`
/// means the whole input is unusable; for JSON Lines, WARC and feeds, bad
/// records are diagnostics in the `Ok` value next to the good ones.
pub fn read_bytes_with(
    name: &str,
    bytes: &[u8],
    format: InputFormat,
    limits: &Limits,
) -> Result<Ingested, IngestError> {
    let file_name = file_name(name);
    let raw_format = match format {
        // Member by member, so a corrupt member costs only its records.
        InputFormat::Warc => return warc::parse_warc(name, bytes, limits),
        InputFormat::JsonLines => {
            let bytes = decode::inflate(name, bytes, limits)?;
            let (content, skipped) = decode::check_content(name, &bytes)?;
            return Ok(jsonl::parse_records(name, &file_name, content, skipped));
        }
        InputFormat::Feed => {
            let bytes = decode::inflate(name, bytes, limits)?;
            // UTF-16 feeds are full of NUL bytes; anything else with them
            // is binary.
            if !bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF") {
                decode::check_content(name, &bytes)?;
            }
            return feed::parse_feed(name, &file_name, &bytes);
        }
        InputFormat::Text => RawFormat::Text,
        InputFormat::Html => RawFormat::Html,
    };
    let bytes = decode::inflate(name, bytes, limits)?;
    let text = match raw_format {
        RawFormat::Html => decode::into_html_text(name, bytes)?,
        _ => decode::into_text(name, bytes)?,
    };
    Ok(Ingested {
        docs: vec![RawDoc::new(file_name, name, raw_format, text)],
        diagnostics: Vec::new(),
    })
}

/// The last path component of `name`: the id of a one-document file.
fn file_name(name: &str) -> String {
    Path::new(name)
        .file_name()
        .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests;
