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
    /// A WARC web archive: one document per HTML response or resource.
    Warc,
    /// An RSS or Atom feed: one document per item.
    Feed,
}

impl InputFormat {
    /// The format named by a file's extension (`.gz` is looked through:
    /// `a.jsonl.gz` is JSON Lines). `None` for anything else. `.xml` is
    /// taken as a feed; folder walking checks the root element first.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let (_, ext) = name.rsplit_once('.')?;
        match ext {
            "txt" | "text" => Some(InputFormat::Text),
            "html" | "htm" => Some(InputFormat::Html),
            "jsonl" | "ndjson" => Some(InputFormat::JsonLines),
            "warc" => Some(InputFormat::Warc),
            "rss" | "atom" | "xml" => Some(InputFormat::Feed),
            _ => None,
        }
    }

    /// Guess the format of unnamed input (stdin) from its (inflated)
    /// start: `WARC/` is a WARC file, `{` JSON Lines, an `<rss>`, `<feed>`
    /// or `<rdf:RDF>` root a feed, other `<` HTML, anything else text.
    pub fn sniff(bytes: &[u8]) -> InputFormat {
        let bytes = bytes.strip_prefix(crate::decode::BOM).unwrap_or(bytes);
        if crate::warc::is_warc(bytes) {
            return InputFormat::Warc;
        }
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => InputFormat::JsonLines,
            Some(b'<') if Self::is_feed(bytes) => InputFormat::Feed,
            Some(b'<') => InputFormat::Html,
            _ => InputFormat::Text,
        }
    }

    /// Whether the (inflated) head of an input has a feed's root element.
    pub(crate) fn is_feed(head: &[u8]) -> bool {
        crate::feed::root_element(head).is_some_and(|root| crate::feed::is_feed_root(&root))
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
            ("crawl.warc", Some(InputFormat::Warc)),
            ("CRAWL.WARC.GZ", Some(InputFormat::Warc)),
            ("news.rss", Some(InputFormat::Feed)),
            ("news.atom", Some(InputFormat::Feed)),
            ("feed.xml.gz", Some(InputFormat::Feed)),
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
        assert_eq!(InputFormat::sniff(b"\r\nWARC/1.1\r\n"), InputFormat::Warc);
        let rss = b"<?xml version=\"1.0\"?>\n<!-- x -->\n<rss version=\"2.0\">";
        assert_eq!(InputFormat::sniff(rss), InputFormat::Feed);
        assert_eq!(
            InputFormat::sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            InputFormat::Feed
        );
        assert_eq!(InputFormat::sniff(b"<rdf:RDF>"), InputFormat::Feed);
        assert_eq!(
            InputFormat::sniff(b"<?xml version=\"1.0\"?><urlset>"),
            InputFormat::Html
        );
        assert_eq!(
            InputFormat::sniff(b"<!DOCTYPE html><html>"),
            InputFormat::Html
        );
    }
}
