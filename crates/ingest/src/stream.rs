//! Reading inputs as a stream of documents, for ingest runs of any size:
//! JSON Lines files and stdin are read record by record, so memory holds
//! one record, not the input; folders are listed up front but their files
//! are opened one at a time. Other formats (a page, a WARC archive, a
//! feed) are read whole per file, within [`Limits`], as [`crate::read_paths`]
//! does.

use crate::error::{ErrorKind, IngestError};
use crate::format::InputFormat;
use crate::{decode, jsonl, walk, Limits, STDIN_NAME};
use concord_model::{Diagnostic, RawDoc};
use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::PathBuf;

/// One item of a stream: a document, or a one-line diagnostic naming the
/// input (and record) that could not be read. The stream goes on after it.
pub type StreamItem = Result<RawDoc, Diagnostic>;

/// Stream the documents of files, folders (recursively) and `-` (stdin),
/// in the order [`crate::read_paths_with`] reads them. JSON Lines inputs
/// have no total size cap: each record is capped at
/// `limits.max_input_bytes` instead (a longer line is a diagnostic).
pub fn stream_paths(paths: &[PathBuf], limits: &Limits) -> DocStream {
    DocStream {
        inputs: paths.iter().cloned().map(Input::Given).collect(),
        queued: VecDeque::new(),
        records: None,
        limits: *limits,
    }
}

/// The iterator [`stream_paths`] returns.
pub struct DocStream {
    inputs: VecDeque<Input>,
    /// Items of an input read whole, and diagnostics, not yet handed out.
    queued: VecDeque<StreamItem>,
    /// The JSON Lines input being read.
    records: Option<JsonlRecords>,
    limits: Limits,
}

enum Input {
    /// A path as the user gave it (`-` is stdin).
    Given(PathBuf),
    /// A file found in a folder, of a known format.
    Listed(PathBuf, InputFormat),
}

impl Iterator for DocStream {
    type Item = StreamItem;

    fn next(&mut self) -> Option<StreamItem> {
        loop {
            if let Some(item) = self.queued.pop_front() {
                return Some(item);
            }
            if let Some(records) = &mut self.records {
                match records.next() {
                    Some(item) => return Some(item),
                    None => self.records = None,
                }
                continue;
            }
            let input = self.inputs.pop_front()?;
            self.open(input);
        }
    }
}

impl DocStream {
    /// Start reading `input`: its records become `records`, or its items
    /// and diagnostics are queued.
    fn open(&mut self, input: Input) {
        let (path, format) = match input {
            Input::Given(path) if path.as_os_str() == "-" => return self.open_stdin(),
            Input::Given(path) => {
                let name = path.display().to_string();
                match fs::metadata(&path) {
                    Err(err) => return self.fail(IngestError::new(&name, ErrorKind::Io(err))),
                    Ok(meta) if meta.is_dir() => return self.list_folder(path),
                    Ok(_) => match InputFormat::from_path(&path) {
                        Some(format) => (path, format),
                        None => return self.fail(IngestError::new(&name, ErrorKind::Unsupported)),
                    },
                }
            }
            Input::Listed(path, format) => (path, format),
        };
        if format != InputFormat::JsonLines {
            let read = crate::read_file(&path, format, &self.limits);
            return self.queue(read);
        }
        let name = path.display().to_string();
        let opened = File::open(&path)
            .map_err(|err| IngestError::new(&name, ErrorKind::Io(err)))
            .and_then(|file| {
                JsonlRecords::start(&name, Box::new(BufReader::new(file)), &self.limits)
            });
        match opened {
            Ok(records) => self.records = Some(records),
            Err(err) => self.fail(err),
        }
    }

    /// Sniffs stdin's format from its head; JSON Lines is streamed, any
    /// other format read whole within the limits.
    fn open_stdin(&mut self) {
        let mut head = Vec::new();
        let stdin = std::io::stdin().lock();
        let mut stdin = stdin;
        if let Err(err) = (&mut stdin)
            .take(crate::SNIFF_HEAD_BYTES as u64)
            .read_to_end(&mut head)
        {
            return self.fail(IngestError::new(STDIN_NAME, ErrorKind::Io(err)));
        }
        let format = InputFormat::sniff(&decode::head(&head, crate::SNIFF_HEAD_BYTES));
        let reader = Cursor::new(head).chain(stdin);
        if format == InputFormat::JsonLines {
            match JsonlRecords::start(STDIN_NAME, Box::new(BufReader::new(reader)), &self.limits) {
                Ok(records) => self.records = Some(records),
                Err(err) => self.fail(err),
            }
            return;
        }
        let read = crate::read_capped(reader, self.limits.max_input_bytes, 0)
            .map_err(|err| IngestError::new(STDIN_NAME, ErrorKind::Io(err)))
            .and_then(|bytes| crate::read_unnamed(STDIN_NAME, &bytes, &self.limits));
        self.queue(read);
    }

    /// Queues a folder's files in front of the remaining inputs.
    fn list_folder(&mut self, dir: PathBuf) {
        let (files, errors) = walk::list_files(&dir);
        self.queued
            .extend(errors.iter().map(|e| Err(e.to_diagnostic())));
        if files.is_empty() && errors.is_empty() {
            self.queued.push_back(Err(crate::empty_folder(&dir)));
        }
        for (path, format) in files.into_iter().rev() {
            self.inputs.push_front(Input::Listed(path, format));
        }
    }

    fn queue(&mut self, read: Result<crate::Ingested, IngestError>) {
        match read {
            Ok(read) => {
                self.queued.extend(read.docs.into_iter().map(Ok));
                self.queued.extend(read.diagnostics.into_iter().map(Err));
            }
            Err(err) => self.fail(err),
        }
    }

    fn fail(&mut self, err: IngestError) {
        self.queued.push_back(Err(err.to_diagnostic()));
    }
}

/// The records of one JSON Lines input, one line read at a time.
struct JsonlRecords {
    name: String,
    file_name: String,
    reader: Box<dyn BufRead>,
    /// Longest record accepted.
    max_record_bytes: u64,
    /// Number of the last line read, from 1.
    line_no: usize,
    /// Where the next line starts in the (inflated) input.
    offset: usize,
    /// Whether a non-blank line was seen: an input without one is empty.
    any_record: bool,
    done: bool,
    line: Vec<u8>,
}

impl JsonlRecords {
    /// Looks through gzip and a BOM, and rejects binary input from its
    /// head, as the whole-input reader does.
    fn start(
        name: &str,
        mut reader: Box<dyn BufRead>,
        limits: &Limits,
    ) -> Result<Self, IngestError> {
        let io_err = |err| IngestError::new(name, ErrorKind::Io(err));
        if reader
            .fill_buf()
            .map_err(io_err)?
            .starts_with(decode::GZIP_MAGIC)
        {
            reader = Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(reader)));
        }
        let gzip_err = |err| IngestError::new(name, ErrorKind::Gzip(err));
        let mut offset = 0;
        if reader
            .fill_buf()
            .map_err(gzip_err)?
            .starts_with(decode::BOM)
        {
            reader.consume(decode::BOM.len());
            offset = decode::BOM.len();
        }
        if decode::looks_binary(reader.fill_buf().map_err(gzip_err)?) {
            return Err(IngestError::new(name, ErrorKind::Binary));
        }
        Ok(JsonlRecords {
            name: name.to_string(),
            file_name: crate::file_name(name),
            reader,
            max_record_bytes: limits.max_input_bytes,
            line_no: 0,
            offset,
            any_record: false,
            done: false,
            line: Vec::new(),
        })
    }

    /// Skips the rest of an over-long line.
    fn skip_line(&mut self) -> std::io::Result<usize> {
        let mut skipped = 0;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(skipped);
            }
            let (used, found) = match buf.iter().position(|&b| b == b'\n') {
                Some(at) => (at + 1, true),
                None => (buf.len(), false),
            };
            self.reader.consume(used);
            skipped += used;
            if found {
                return Ok(skipped);
            }
        }
    }

    fn read_error(&mut self, err: std::io::Error) -> Diagnostic {
        self.done = true;
        // The decoder reports corrupt gzip data as invalid data or an
        // early end; anything else is the file or pipe itself.
        let kind = match err.kind() {
            std::io::ErrorKind::InvalidData
            | std::io::ErrorKind::InvalidInput
            | std::io::ErrorKind::UnexpectedEof => ErrorKind::Gzip(err),
            _ => ErrorKind::Io(err),
        };
        IngestError::new(&self.name, kind).to_diagnostic()
    }
}

impl Iterator for JsonlRecords {
    type Item = StreamItem;

    fn next(&mut self) -> Option<StreamItem> {
        while !self.done {
            self.line.clear();
            let limit = self.max_record_bytes.saturating_add(1);
            let read = (&mut self.reader)
                .take(limit)
                .read_until(b'\n', &mut self.line);
            let len = match read {
                Ok(len) => len,
                Err(err) => return Some(Err(self.read_error(err))),
            };
            if len == 0 {
                self.done = true;
                if !self.any_record {
                    return Some(Err(
                        IngestError::new(&self.name, ErrorKind::Empty).to_diagnostic()
                    ));
                }
                return None;
            }
            self.line_no += 1;
            let offset = self.offset;
            self.offset += len;
            let line = self.line.strip_suffix(b"\n").unwrap_or(&self.line);
            if line.len() as u64 > self.max_record_bytes {
                self.any_record = true;
                match self.skip_line() {
                    Ok(skipped) => self.offset += skipped,
                    Err(err) => return Some(Err(self.read_error(err))),
                }
                let message = format!(
                    "record longer than the {}-byte limit; skipped",
                    self.max_record_bytes
                );
                return Some(Err(Diagnostic::new(
                    format!("{}#{}", self.name, self.line_no),
                    message,
                )));
            }
            if let Some(item) =
                jsonl::parse_record(&self.name, &self.file_name, self.line_no, offset, line)
            {
                self.any_record = true;
                return Some(item);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn records(bytes: &[u8], limits: &Limits) -> Vec<StreamItem> {
        let reader = Box::new(Cursor::new(bytes.to_vec()));
        match JsonlRecords::start("in.jsonl", reader, limits) {
            Ok(records) => records.collect(),
            Err(err) => vec![Err(err.to_diagnostic())],
        }
    }

    fn batch(bytes: &[u8]) -> Vec<StreamItem> {
        match crate::read_bytes("in.jsonl", bytes, InputFormat::JsonLines) {
            Ok(read) => {
                let mut items: Vec<StreamItem> = read.docs.into_iter().map(Ok).collect();
                items.extend(read.diagnostics.into_iter().map(Err));
                items
            }
            Err(err) => vec![Err(err.to_diagnostic())],
        }
    }

    fn sorted(items: Vec<StreamItem>) -> (Vec<RawDoc>, Vec<String>) {
        let mut docs = Vec::new();
        let mut diags = Vec::new();
        for item in items {
            match item {
                Ok(doc) => docs.push(doc),
                Err(d) => diags.push(d.to_string()),
            }
        }
        (docs, diags)
    }

    #[test]
    fn streamed_records_are_the_whole_read_records() {
        let inputs: [&[u8]; 6] = [
            b"{\"text\": \"one\"}\n\n{not json\n[1]\n{\"url\": \"u\"}\r\n{\"title\": \"t\"}",
            b"\xEF\xBB\xBF{\"text\": \"a\"}\n{\"text\": \"\xff\"}\n",
            b"  \n\n",
            b"",
            b"\x01\x02\x03\x04\x05\x06\x07 binary",
            b"{\"id\": 7, \"text\": \"x\"}\n",
        ];
        for input in inputs {
            assert_eq!(
                sorted(records(input, &Limits::default())),
                sorted(batch(input)),
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn gzip_is_streamed_too() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"text\": \"one\"}\n{\"text\": \"two\"}\n")
            .unwrap();
        let bytes = gz.finish().unwrap();
        let (docs, diags) = sorted(records(&bytes, &Limits::default()));
        assert_eq!(docs.len(), 2, "{diags:?}");
        let (_, diags) = sorted(records(&bytes[..bytes.len() - 9], &Limits::default()));
        assert!(
            diags[0].starts_with("in.jsonl: truncated or corrupt gzip"),
            "{diags:?}"
        );
    }

    #[test]
    fn an_over_long_record_is_skipped_with_its_line_number() {
        let limits = Limits {
            max_input_bytes: 20,
            max_decompressed_bytes: 20,
        };
        let input =
            b"{\"text\": \"a\"}\n{\"text\": \"far too long a record\"}\n{\"text\": \"c\"}\n";
        let (docs, diags) = sorted(records(input, &limits));
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["in.jsonl#1", "in.jsonl#3"]);
        assert_eq!(
            diags,
            ["in.jsonl#2: record longer than the 20-byte limit; skipped"]
        );
    }

    /// A reader that fails after its bytes: records before the failure
    /// must come out before it is reached, i.e. the input is not read
    /// whole first.
    struct ThenFail(Cursor<Vec<u8>>);

    impl Read for ThenFail {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(std::io::Error::other("pipe broke")),
                n => Ok(n),
            }
        }
    }

    #[test]
    fn records_come_out_before_the_input_ends() {
        let reader = BufReader::with_capacity(
            64,
            ThenFail(Cursor::new(
                b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n".to_vec(),
            )),
        );
        let mut records = JsonlRecords::start("-", Box::new(reader), &Limits::default()).unwrap();
        assert_eq!(records.next().unwrap().unwrap().text, "a");
        assert_eq!(records.next().unwrap().unwrap().text, "b");
        let err = records.next().unwrap().unwrap_err().to_string();
        assert_eq!(err, "-: cannot read: pipe broke");
        assert!(records.next().is_none());
    }

    #[test]
    fn paths_stream_as_read_paths_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        fs::write(
            sub.join("b.jsonl"),
            "{\"text\": \"b1\"}\nbad\n{\"text\": \"b2\"}\n",
        )
        .unwrap();
        fs::write(sub.join("a.txt"), "Plain text.").unwrap();
        fs::write(dir.path().join("c.html"), "<p>Page.</p>").unwrap();
        fs::create_dir(dir.path().join("empty")).unwrap();
        let paths = vec![
            dir.path().to_path_buf(),
            dir.path().join("missing.jsonl"),
            dir.path().join("notes.md"),
        ];
        let limits = Limits::default();
        let (docs, diags) = sorted(stream_paths(&paths, &limits).collect());
        let read = crate::read_paths_with(&paths, &limits);
        assert_eq!(docs, read.docs);
        let expected: Vec<String> = read.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(diags, expected);
        assert_eq!(docs.len(), 4);
    }
}
