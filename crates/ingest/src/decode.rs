//! Turning an input's bytes into checked text: size caps, gzip, BOM,
//! binary and UTF-8 checks.

use crate::error::{ErrorKind, IngestError};
use crate::oneshot;
use flate2::bufread::MultiGzDecoder;
use std::borrow::Cow;
use std::io::Read;

/// The UTF-8 byte order mark, which some editors write and nobody reads.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(crate) const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// Default cap on an input's size, before and after decompression.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How many leading bytes the control-character test looks at: enough to
/// judge, bounded so huge inputs cost nothing extra.
const SNIFF_BYTES: usize = 8192;

/// Size caps for reading inputs. Decompression is capped separately because
/// a small `.gz` can inflate to anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, as stored on disk or given on stdin.
    pub max_input_bytes: u64,
    /// Largest decompressed size accepted for gzip input.
    pub max_decompressed_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: DEFAULT_MAX_BYTES,
            max_decompressed_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// The input's bytes, inflated when they start with the gzip magic number
/// (whatever the file is called, so piped `.gz` data works too).
pub(crate) fn inflate<'a>(
    name: &str,
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<Cow<'a, [u8]>, IngestError> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(too_large(name, limits.max_input_bytes, false));
    }
    if !bytes.starts_with(GZIP_MAGIC) {
        return Ok(Cow::Borrowed(bytes));
    }
    // Reading one byte past the cap tells "exactly at the cap" from "over".
    let cap = limits.max_decompressed_bytes;
    let hint = gzip_size_hint(bytes, cap);
    // The stated size, when it is within the hint's bounds (so below the
    // cap), is tried in one shot first; anything that path declines is
    // read by the streaming decoder below, which words any error.
    if let Some(out) = hint
        .checked_sub(1)
        .filter(|&size| size as u64 == stated_size(bytes))
        .and_then(|size| oneshot::inflate(bytes, size))
    {
        return Ok(Cow::Owned(out));
    }
    let mut out = Vec::with_capacity(hint);
    // The bytes are in memory already: the `bufread` decoder reads them in
    // place, where the `read` one copies them through a buffer of its own.
    MultiGzDecoder::new(bytes)
        .take(cap.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|err| IngestError::new(name, ErrorKind::Gzip(err)))?;
    if out.len() as u64 > cap {
        return Err(too_large(name, cap, true));
    }
    Ok(Cow::Owned(out))
}

/// At most this many times the compressed size is reserved up front: a
/// forged size field must not make a tiny file reserve the whole cap.
const MAX_HINT_RATIO: u64 = 16;

/// The inflated size a gzip file states in its last four bytes (modulo
/// 2³², and only of its last member), capped: a hint to size the buffer,
/// never trusted for anything else.
fn gzip_size_hint(bytes: &[u8], cap: u64) -> usize {
    let cap = cap.min((bytes.len() as u64).saturating_mul(MAX_HINT_RATIO));
    if bytes.len() < 4 {
        return 0;
    }
    usize::try_from(stated_size(bytes).min(cap))
        .unwrap_or(0)
        .saturating_add(1)
}

/// The size field in a gzip file's last four bytes (0 when it is shorter).
fn stated_size(bytes: &[u8]) -> u64 {
    bytes
        .len()
        .checked_sub(4)
        .and_then(|at| bytes.get(at..))
        .and_then(|tail| tail.try_into().ok())
        .map_or(0, |isize: [u8; 4]| u64::from(u32::from_le_bytes(isize)))
}

/// The first `n` bytes an input holds, inflated if it is gzip, for
/// sniffing its format. Errors only shorten the head.
pub(crate) fn head(bytes: &[u8], n: usize) -> Cow<'_, [u8]> {
    if !bytes.starts_with(GZIP_MAGIC) {
        return Cow::Borrowed(&bytes[..bytes.len().min(n)]);
    }
    let mut out = Vec::new();
    let mut decoder = MultiGzDecoder::new(bytes).take(n as u64);
    // Read in pieces so a corrupt stream still yields what came before.
    let mut buf = [0u8; 1024];
    while let Ok(len @ 1..) = decoder.read(&mut buf) {
        out.extend_from_slice(&buf[..len]);
    }
    Cow::Owned(out)
}

fn too_large(name: &str, limit: u64, decompressed: bool) -> IngestError {
    IngestError::new(
        name,
        ErrorKind::TooLarge {
            limit,
            decompressed,
        },
    )
}

/// Strip a BOM and reject binary and blank content, without requiring the
/// whole input to be UTF-8 (JSON Lines checks that per line). Returns the
/// content and how many bytes were stripped in front of it.
pub(crate) fn check_content<'a>(
    name: &str,
    bytes: &'a [u8],
) -> Result<(&'a [u8], usize), IngestError> {
    let (content, skipped) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (bytes, 0),
    };
    if looks_binary(content) {
        return Err(IngestError::new(name, ErrorKind::Binary));
    }
    if content.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::new(name, ErrorKind::Empty));
    }
    Ok((content, skipped))
}

/// Checked text of a one-document input: no BOM, valid UTF-8, not blank
/// (what [`into_text`] must say of the same bytes; the tests' oracle).
#[cfg(test)]
pub(crate) fn decode_text<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, IngestError> {
    let (content, skipped) = check_content(name, bytes)?;
    let text = std::str::from_utf8(content).map_err(|err| {
        let offset = skipped + err.valid_up_to();
        IngestError::new(name, ErrorKind::InvalidUtf8 { offset })
    })?;
    // Non-ASCII spaces (NBSP, ideographic space) are blank too.
    if text.trim().is_empty() {
        return Err(IngestError::new(name, ErrorKind::Empty));
    }
    Ok(text)
}

/// [`decode_text`] of an input's bytes as an owned `String`. Inflated
/// bytes become the text in place rather than being copied out of their
/// buffer (pages inflate to megabytes); the checks and errors are
/// `decode_text`'s.
pub(crate) fn into_text(name: &str, bytes: Cow<'_, [u8]>) -> Result<String, IngestError> {
    match read_utf8(name, bytes)? {
        Utf8Read::Text(text) => not_blank(name, text),
        Utf8Read::NotUtf8 { offset, .. } => {
            Err(IngestError::new(name, ErrorKind::InvalidUtf8 { offset }))
        }
    }
}

/// An HTML page's text. UTF-8 pages, nearly all of them, are read as
/// [`into_text`] reads any input; a page that is not UTF-8 is decoded in
/// the charset its `<meta>` declaration or its bytes say
/// (`concord_charset::decode_html`, which never fails) instead of being
/// refused, and so is a page with a UTF-16 byte order mark (whose NUL
/// bytes would read as binary). Binary and blank pages are refused as
/// before.
pub(crate) fn into_html_text(name: &str, bytes: Cow<'_, [u8]>) -> Result<String, IngestError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return not_blank(name, concord_charset::decode_html(&bytes, None));
    }
    match read_utf8(name, bytes)? {
        Utf8Read::Text(text) => not_blank(name, text),
        Utf8Read::NotUtf8 { bytes, .. } => {
            not_blank(name, concord_charset::decode_html(&bytes, None))
        }
    }
}

/// What reading checked content as UTF-8 found: the text (BOM dropped),
/// or the bytes given back with the offset of the first one that is not
/// UTF-8.
enum Utf8Read<'a> {
    Text(String),
    NotUtf8 { bytes: Cow<'a, [u8]>, offset: usize },
}

/// `check_content`, then UTF-8: owned bytes become the text in place.
fn read_utf8<'a>(name: &str, bytes: Cow<'a, [u8]>) -> Result<Utf8Read<'a>, IngestError> {
    let mut owned = match bytes {
        Cow::Borrowed(borrowed) => {
            let (content, skipped) = check_content(name, borrowed)?;
            return Ok(match std::str::from_utf8(content) {
                Ok(text) => Utf8Read::Text(text.to_string()),
                Err(err) => Utf8Read::NotUtf8 {
                    bytes: Cow::Borrowed(borrowed),
                    offset: skipped + err.valid_up_to(),
                },
            });
        }
        Cow::Owned(owned) => owned,
    };
    let (_, skipped) = check_content(name, &owned)?;
    let content = owned.get(skipped..).unwrap_or_default();
    if simdutf8::basic::from_utf8(content).is_ok() {
        owned.drain(..skipped);
        // SAFETY: `simdutf8` has just checked that the bytes after the
        // BOM, all that is left, are UTF-8.
        return Ok(Utf8Read::Text(unsafe {
            String::from_utf8_unchecked(owned)
        }));
    }
    // Not UTF-8: `std` finds where, for the error.
    let offset =
        skipped + std::str::from_utf8(content).map_or_else(|err| err.valid_up_to(), str::len);
    Ok(Utf8Read::NotUtf8 {
        bytes: Cow::Owned(owned),
        offset,
    })
}

/// Non-ASCII spaces (NBSP, ideographic space) are blank too.
fn not_blank(name: &str, text: String) -> Result<String, IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::new(name, ErrorKind::Empty));
    }
    Ok(text)
}

/// NUL bytes anywhere, or more than one control character in ten near the
/// start: text files have neither.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    // `memchr` looks at 32 bytes at a time; `<[u8]>::contains` at 8.
    if memchr::memchr(0, bytes).is_some() {
        return true;
    }
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    count_controls(sample) * 10 > sample.len()
}

/// How many bytes of `sample` are control characters other than the
/// whitespace ones (tab, newline, form feed, carriage return). Counted in
/// blocks of 32 into a byte-wide tally without branches, which the
/// compiler turns into vector compares: the byte-at-a-time filter it
/// replaces was 10 instructions a byte, 10 M for the 120 benchmark pages.
fn count_controls(sample: &[u8]) -> usize {
    // Plain compares joined with `&` and `|`, not `&&` (a branch) nor a
    // bit-mask lookup (a shift by a variable, which has no byte-wide
    // vector form): each is one vector compare over 32 bytes.
    let is_control = |b: u8| {
        let low = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != 0x0c) & (b != b'\r');
        u8::from(low | (b == 0x7f))
    };
    let mut blocks = sample.chunks_exact(32);
    let mut n = 0usize;
    for block in &mut blocks {
        // At most 32 per block: a byte cannot overflow.
        let tally = block.iter().fold(0u8, |t, &b| t + is_control(b));
        n += usize::from(tally);
    }
    n + blocks
        .remainder()
        .iter()
        .map(|&b| usize::from(is_control(b)))
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    fn kind(r: Result<&str, IngestError>) -> String {
        match r {
            Ok(t) => format!("ok {t:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn strips_bom_and_accepts_text() {
        assert_eq!(
            kind(decode_text("a.txt", b"\xEF\xBB\xBFHello")),
            "ok \"Hello\""
        );
    }

    /// The byte-at-a-time count `count_controls` replaced.
    fn count_controls_slowly(sample: &[u8]) -> usize {
        sample
            .iter()
            .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
            .count()
    }

    #[test]
    fn counts_every_control_byte_value() {
        for b in 0..=255u8 {
            for len in [1, 31, 32, 33, 100] {
                let sample = vec![b; len];
                assert_eq!(
                    count_controls(&sample),
                    count_controls_slowly(&sample),
                    "{b:#x}"
                );
            }
        }
    }

    proptest::proptest! {
        /// The blockwise control count agrees with the byte-at-a-time one
        /// at any length and mix of bytes.
        #[test]
        fn count_controls_agrees_with_filter(
            sample in proptest::collection::vec(proptest::prop_oneof![
                proptest::num::u8::ANY,
                0u8..0x21,
                proptest::strategy::Just(0x7fu8),
            ], 0..300),
        ) {
            proptest::prop_assert_eq!(count_controls(&sample), count_controls_slowly(&sample));
        }

        /// `into_text` on owned bytes gives what `decode_text` gives:
        /// the same text or the same error (BOMs, NULs, blanks, bad UTF-8).
        #[test]
        fn into_text_agrees_with_decode_text(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just(b"\xEF\xBB\xBF".to_vec()),
                proptest::strategy::Just(b" \t\n".to_vec()),
                proptest::strategy::Just("\u{a0}\u{3000}".as_bytes().to_vec()),
                proptest::strategy::Just(b"ab".to_vec()),
                proptest::strategy::Just("é".as_bytes().to_vec()),
                proptest::strategy::Just(b"\xff".to_vec()),
                proptest::strategy::Just(b"\xc3".to_vec()),
                proptest::strategy::Just(b"\x00".to_vec()),
                proptest::strategy::Just(b"\x01\x02".to_vec()),
            ], 0..12),
        ) {
            let bytes: Vec<u8> = parts.concat();
            let want = kind(decode_text("a.html", &bytes));
            let got = match into_text("a.html", Cow::Owned(bytes.clone())) {
                Ok(t) => format!("ok {t:?}"),
                Err(e) => e.to_string(),
            };
            proptest::prop_assert_eq!(&got, &want);
            let borrowed = match into_text("a.html", Cow::Borrowed(&bytes)) {
                Ok(t) => format!("ok {t:?}"),
                Err(e) => e.to_string(),
            };
            proptest::prop_assert_eq!(&borrowed, &want);
        }
    }

    #[test]
    fn invalid_utf8_names_offset_in_file() {
        assert_eq!(
            kind(decode_text("a.txt", b"\xEF\xBB\xBFab\xffcd")),
            "a.txt: invalid UTF-8 at byte 5"
        );
        assert_eq!(
            kind(decode_text("b.txt", b"abc\xc3")),
            "b.txt: invalid UTF-8 at byte 3"
        );
    }

    #[test]
    fn rejects_binary_and_blank() {
        assert!(kind(decode_text("x", b"ab\0cd")).contains("binary"));
        assert!(kind(decode_text("x", &[1, 2, 3, 4, 5, b'a'])).contains("binary"));
        assert!(kind(decode_text("x", b"")).contains("empty"));
        assert!(kind(decode_text("x", b" \n\t ")).contains("empty"));
        assert!(kind(decode_text("x", "\u{a0}\u{3000}\n".as_bytes())).contains("empty"));
        assert!(kind(decode_text("x", b"\xEF\xBB\xBF")).contains("empty"));
    }

    #[test]
    fn inflates_gzip_within_cap() {
        let gz = gzip(b"hello");
        let limits = Limits::default();
        assert_eq!(&*inflate("a.txt.gz", &gz, &limits).unwrap(), b"hello");
        let tight = Limits {
            max_input_bytes: 1 << 20,
            max_decompressed_bytes: 4,
        };
        let err = inflate("a.txt.gz", &gz, &tight).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt.gz: decompresses to more than the 4-byte limit"
        );
    }

    /// What the one-shot path declines reads as the streaming decoder
    /// reads it: several members, and a size field forged under the cap.
    #[test]
    fn multi_member_and_forged_size_take_the_streaming_path() {
        let gz = gzip(b"hello");
        let two = [gz.clone(), gz.clone()].concat();
        let limits = Limits::default();
        assert_eq!(&*inflate("a.gz", &two, &limits).unwrap(), b"hellohello");
        let mut forged = gzip(&b"x".repeat(100));
        let n = forged.len();
        forged[n - 4..].copy_from_slice(&3u32.to_le_bytes());
        let tight = Limits {
            max_input_bytes: 1 << 20,
            max_decompressed_bytes: 50,
        };
        let err = inflate("f.gz", &forged, &tight).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.gz: decompresses to more than the 50-byte limit"
        );
        let err = inflate("f.gz", &forged, &limits).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("f.gz: truncated or corrupt gzip data"));
    }

    #[test]
    fn gzip_size_hint_is_bounded() {
        let gz = gzip(&b"x".repeat(100));
        assert_eq!(gzip_size_hint(&gz, 1 << 20), 101);
        // A forged size field reserves at most 16 times the input.
        let mut forged = gz.clone();
        let n = forged.len();
        forged[n - 4..].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(gzip_size_hint(&forged, 1 << 30), n * 16 + 1);
        assert_eq!(gzip_size_hint(b"ab", 1 << 20), 0);
    }

    #[test]
    fn truncated_gzip_names_the_file() {
        let gz = gzip(
            "a long enough line of text to compress\n"
                .repeat(50)
                .as_bytes(),
        );
        let err = inflate("news.txt.gz", &gz[..gz.len() / 2], &Limits::default()).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("news.txt.gz: truncated or corrupt gzip data"),
            "{msg}"
        );
    }

    #[test]
    fn head_reads_through_gzip_and_survives_truncation() {
        assert_eq!(&*head(b"abcdef", 3), b"abc");
        let text: String = (0..400)
            .map(|i| format!("WARC/1.1 {}\r\n", i * 7919 % 1000))
            .collect();
        let gz = gzip(text.as_bytes());
        assert_eq!(&*head(&gz, 8), b"WARC/1.1");
        assert!(head(&gz[..gz.len() / 2], 4096).starts_with(b"WARC/1.1"));
        assert!(head(&gz[..5], 10).is_empty());
    }

    #[test]
    fn input_over_cap_is_rejected_before_work() {
        let limits = Limits {
            max_input_bytes: 3,
            max_decompressed_bytes: 3,
        };
        let err = inflate("big.txt", b"abcd", &limits).unwrap_err();
        assert_eq!(err.to_string(), "big.txt: larger than the 3-byte limit");
    }
}
