//! Listing the files of a folder: recursive, sorted, hidden entries skipped.

use crate::error::{ErrorKind, IngestError};
use crate::format::InputFormat;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

/// How much of an `.xml` file is read to find its root element.
const XML_HEAD_BYTES: usize = 4096;

/// The supported files under `dir`, in sorted order (each folder's entries
/// sorted by name, sub-folders read in place), with errors for folders that
/// could not be listed. Hidden entries (`.name`) and files of other types
/// (gold.json, README.md, scripts) are skipped silently: a folder of
/// articles often carries its annotations and notes. So are `.xml` files
/// whose root is not a feed's (sitemaps, configs). Symlinked folders are
/// not followed, so a link cycle cannot loop.
pub(crate) fn list_files(dir: &Path) -> (Vec<(PathBuf, InputFormat)>, Vec<IngestError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    walk(dir, &mut files, &mut errors);
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<(PathBuf, InputFormat)>, errors: &mut Vec<IngestError>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(IngestError::new(
                &dir.display().to_string(),
                ErrorKind::Io(err),
            ));
            return;
        }
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry),
            Err(err) => errors.push(IngestError::new(
                &dir.display().to_string(),
                ErrorKind::Io(err),
            )),
        }
    }
    children.sort_by_key(|e| e.file_name());
    for entry in children {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            walk(&path, files, errors);
        } else if let Some(format) = InputFormat::from_path(&path) {
            // Symlinks to files are read; to folders, skipped (see above).
            let is_file = file_type.is_file() || path.is_file();
            if is_file && (format != InputFormat::Feed || !is_plain_xml(&path) || holds_feed(&path))
            {
                files.push((path, format));
            }
        }
    }
}

/// `.xml` (or `.xml.gz`) rather than a feed's own extension.
fn is_plain_xml(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase());
    name.is_some_and(|n| n.ends_with(".xml") || n.ends_with(".xml.gz"))
}

/// Whether the file's root element is a feed's. Unreadable files count as
/// feeds, so the reader reports why they cannot be read.
fn holds_feed(path: &Path) -> bool {
    let mut head = Vec::new();
    let read = File::open(path).and_then(|f| f.take(XML_HEAD_BYTES as u64).read_to_end(&mut head));
    if read.is_err() {
        return true;
    }
    InputFormat::is_feed(&crate::decode::head(&head, XML_HEAD_BYTES))
}
