//! Which reader an input needs: by file extension, or sniffed from its bytes.

use std::path::Path;

/// How the (decompressed) bytes of an input are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text: one document per file.
    Text,
    /// An HTML page: one document per file.
    Html,
    /// JSON Lines: one document per line.
    JsonLines,
}

impl InputFormat {
    /// The format named by a file's extension (`.gz` is looked through:
    /// `a.jsonl.gz` is JSON Lines). `None` for anything else.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let (_, ext) = name.rsplit_once('.')?;
        match ext {
            "txt" | "text" => Some(InputFormat::Text),
            "html" | "htm" => Some(InputFormat::Html),
            "jsonl" | "ndjson" => Some(InputFormat::JsonLines),
            _ => None,
        }
    }

    /// Guess the format of unnamed input (stdin) from its first
    /// non-whitespace character: `{` is JSON Lines, `<` is HTML, anything
    /// else is text.
    pub fn sniff(bytes: &[u8]) -> InputFormat {
        let bytes = bytes.strip_prefix(crate::decode::BOM).unwrap_or(bytes);
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => InputFormat::JsonLines,
            Some(b'<') => InputFormat::Html,
            _ => InputFormat::Text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_map_to_formats_through_gz() {
        let cases = [
            ("a.txt", Some(InputFormat::Text)),
            ("dir/A.TEXT", Some(InputFormat::Text)),
            ("a.htm", Some(InputFormat::Html)),
            ("a.html.gz", Some(InputFormat::Html)),
            ("a.ndjson", Some(InputFormat::JsonLines)),
            ("a.jsonl.gz", Some(InputFormat::JsonLines)),
            ("gold.json", None),
            ("README.md", None),
            ("a.gz", None),
            ("txt", None),
        ];
        for (path, want) in cases {
            assert_eq!(InputFormat::from_path(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn sniffs_first_non_space_byte() {
        assert_eq!(InputFormat::sniff(b"  \n{\"a\":1}"), InputFormat::JsonLines);
        assert_eq!(InputFormat::sniff(b"\xEF\xBB\xBF<html>"), InputFormat::Html);
        assert_eq!(InputFormat::sniff(b"Headline\nBody."), InputFormat::Text);
        assert_eq!(InputFormat::sniff(b""), InputFormat::Text);
    }
}
