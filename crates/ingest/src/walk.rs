//! Listing the files of a folder: recursive, sorted, hidden entries skipped.

use crate::error::{ErrorKind, IngestError};
use crate::format::InputFormat;
use std::fs;
use std::path::{Path, PathBuf};

/// The supported files under `dir`, in sorted order (each folder's entries
/// sorted by name, sub-folders read in place), with errors for folders that
/// could not be listed. Hidden entries (`.name`) and files of other types
/// (gold.json, README.md, scripts) are skipped silently: a folder of
/// articles often carries its annotations and notes. Symlinked folders are
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
            if file_type.is_file() || path.is_file() {
                files.push((path, format));
            }
        }
    }
}
