//! `concord extract`: clean each page on its own and print the articles,
//! so main-content extraction can be used and scored without the rest of
//! the pipeline.

use anyhow::{Context, Result};
use clap::ValueEnum;
use concord_model::Article;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// How `concord extract` prints articles.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ExtractFormat {
    /// A JSON array with one article object per page.
    Json,
    /// Title and paragraphs as plain text, pages separated by a rule.
    Text,
}

/// Read, clean and print every input. Inputs are read one at a time so
/// memory stays at one page (plus the output writer), however many there
/// are; a folder is read as a whole. Returns exit code 1 when any input
/// could not be read or gave no article text, after printing the rest.
pub(crate) fn run(
    inputs: &[PathBuf],
    format: ExtractFormat,
    output: Option<&PathBuf>,
) -> Result<ExitCode> {
    let sink: Box<dyn Write> = match output {
        Some(path) => Box::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut printer = Printer::new(BufWriter::new(sink), format);
    let mut n_bad = 0usize;
    for input in inputs {
        let ingested = concord_ingest::read_paths(std::slice::from_ref(input));
        for d in &ingested.diagnostics {
            eprintln!("concord: {d}");
            // Notes (a duplicate skipped) are information, not failures.
            if !d.note {
                n_bad += 1;
            }
        }
        for doc in ingested.docs {
            let article = concord_clean::clean(&doc);
            if article.body_paragraphs.is_empty() {
                eprintln!("concord: {}: no article text found", doc.source);
                n_bad += 1;
            }
            if !printer.print(&article)? {
                return Ok(ExitCode::SUCCESS);
            }
            // The next page is inflated into this one's buffer.
            concord_ingest::recycle(doc.text.into_bytes());
        }
    }
    printer.finish()?;
    Ok(if n_bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Streams articles out as they are cleaned.
struct Printer<W: Write> {
    out: W,
    format: ExtractFormat,
    n_printed: usize,
    /// An article as printed, kept between articles so it grows only to
    /// the largest one.
    buf: Vec<u8>,
}

impl<W: Write> Printer<W> {
    fn new(out: W, format: ExtractFormat) -> Self {
        Printer {
            out,
            format,
            n_printed: 0,
            buf: Vec::new(),
        }
    }

    /// Print one article; `false` when the reader went away (a closed
    /// pipe, as in `concord extract … | head`), which ends output quietly.
    fn print(&mut self, article: &Article) -> Result<bool> {
        let mut out = std::mem::take(&mut self.buf);
        out.clear();
        match self.format {
            ExtractFormat::Json => {
                let lead = if self.n_printed == 0 { "[\n" } else { ",\n" };
                out.extend_from_slice(lead.as_bytes());
                crate::extract_json::write_article(&mut out, article);
            }
            ExtractFormat::Text => {
                if self.n_printed > 0 {
                    out.extend_from_slice(b"\n----\n\n");
                }
                let title = article.title.as_deref().unwrap_or("");
                let head = format!("# {title}\n({})\n", article.source);
                out.extend_from_slice(head.as_bytes());
                for p in &article.body_paragraphs {
                    out.push(b'\n');
                    out.extend_from_slice(p.as_bytes());
                    out.push(b'\n');
                }
            }
        }
        self.n_printed += 1;
        let written = self.write(&out);
        self.buf = out;
        written
    }

    fn finish(mut self) -> Result<()> {
        if let ExtractFormat::Json = self.format {
            let close = if self.n_printed == 0 { "[]\n" } else { "\n]\n" };
            if !self.write(close.as_bytes())? {
                return Ok(());
            }
        }
        match self.out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.context("writing the extracted articles"),
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<bool> {
        match self.out.write_all(bytes) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
            Err(e) => Err(e).context("writing the extracted articles"),
        }
    }
}
