//! Publication dates of saved pages, one `key<TAB>date<TAB>provenance` line
//! each (empty date when none is found), for `scripts/score_dates.py`.
//!
//! Usage: `extract_dates [--now YYYY-MM-DD] [--explain] DIR_OR_FILE...`
//! (`--explain` lists every date evidence first) where files are
//! `<key>.html` or `<key>.html.gz`. Pages are decoded from their bytes with
//! `decode_html` (no HTTP header is known). `--now` fixes the day dates may
//! not be after (default: the clock), for reproducible runs.

use concord_clean::{decode_html, explain_dates, page_meta, MetaContext};
use flate2::read::MultiGzDecoder;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn page_files(arg: &Path) -> Vec<PathBuf> {
    if !arg.is_dir() {
        return vec![arg.to_path_buf()];
    }
    let mut files: Vec<PathBuf> = match std::fs::read_dir(arg) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(err) => {
            eprintln!("{}: {err}", arg.display());
            Vec::new()
        }
    };
    files.retain(|p| {
        let name = p.to_string_lossy();
        name.ends_with(".html") || name.ends_with(".html.gz")
    });
    files.sort();
    files
}

fn read_page(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(raw);
    }
    let mut out = Vec::new();
    MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
    Ok(out)
}

fn key_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.strip_suffix(".html").unwrap_or(name).to_string()
}

fn main() {
    let mut ctx = MetaContext::default();
    let mut args = std::env::args().skip(1).peekable();
    let mut paths = Vec::new();
    let mut explain = false;
    while let Some(arg) = args.next() {
        if arg == "--explain" {
            explain = true;
        } else if arg == "--now" {
            let day = args.next().unwrap_or_default();
            match chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
                Ok(d) => ctx.now = d.and_hms_opt(0, 0, 0),
                Err(err) => {
                    eprintln!("--now {day:?}: {err}");
                    std::process::exit(2);
                }
            }
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for file in paths.iter().flat_map(|p| page_files(p)) {
        let bytes = match read_page(&file) {
            Ok(b) => b,
            Err(err) => {
                eprintln!("{}: {err}", file.display());
                continue;
            }
        };
        let html = decode_html(&bytes, None);
        if explain {
            for line in explain_dates(&html, &ctx) {
                let _ = writeln!(out, "  {line}");
            }
        }
        let meta = page_meta(&html, &ctx);
        let date = meta.published.map(|d| d.to_string()).unwrap_or_default();
        let provenance = meta.published_provenance.unwrap_or_default();
        if writeln!(out, "{}\t{date}\t{provenance}", key_of(&file)).is_err() {
            break; // stdout closed
        }
    }
}
