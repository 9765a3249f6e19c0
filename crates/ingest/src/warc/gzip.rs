//! Gzip members of a `.warc.gz`, inflated one by one so a corrupt member
//! costs only itself: whole-file gzip (one member), gzip per record (the
//! usual crawler layout) and anything in between read the same way.

use flate2::bufread::GzDecoder;
use std::io::Read;

/// The gzip magic number plus the only compression method in use
/// (deflate), which makes a false match while resynchronising unlikely.
const MEMBER_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];

/// The inflated stream and where it came from.
#[derive(Debug, Default)]
pub(super) struct Inflated {
    pub data: Vec<u8>,
    /// `(start in data, offset in the compressed input)` of each member
    /// that produced output, in order.
    pub members: Vec<(usize, usize)>,
    /// Places where the stream is broken: data before `at` and data after
    /// it do not continue each other.
    pub cuts: Vec<Cut>,
}

/// A break in the inflated stream, with the diagnostic it deserves.
#[derive(Debug)]
pub(super) struct Cut {
    /// Position in `Inflated::data`.
    pub at: usize,
    /// Offset of the bad member (or junk) in the compressed input.
    pub offset: usize,
    pub message: String,
}

impl Inflated {
    /// `#offset` of an inflated position: the compressed offset of its
    /// member, plus `+n` when it is not at the member's start.
    pub fn locate(&self, pos: usize) -> String {
        let idx = self.members.partition_point(|&(start, _)| start <= pos);
        match idx.checked_sub(1).and_then(|i| self.members.get(i)) {
            Some(&(start, offset)) if start == pos => offset.to_string(),
            Some(&(start, offset)) => format!("{offset}+{}", pos - start),
            None => pos.to_string(),
        }
    }
}

/// Inflate every member of `bytes`, producing at most `cap` bytes. Errors
/// become cuts; reading resumes at the next member's magic number.
pub(super) fn inflate_members(bytes: &[u8], cap: u64) -> Inflated {
    let mut out = Inflated::default();
    let mut pos = 0;
    // After an error, candidates that fail at once are false magic
    // numbers inside the broken member, not news worth reporting.
    let mut resyncing = false;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        if !rest.starts_with(&MEMBER_MAGIC[..2]) {
            // Some writers pad the end with zeros or a newline.
            if rest.iter().all(|&b| b == 0 || b.is_ascii_whitespace()) {
                break;
            }
            out.cut(
                pos,
                "data between gzip members is not gzip; skipped to the next member",
            );
            match next_member(bytes, pos + 1) {
                Some(next) => (pos, resyncing) = (next, true),
                None => break,
            }
            continue;
        }
        let start = out.data.len();
        let room = cap.saturating_sub(start as u64);
        let mut decoder = GzDecoder::new(rest);
        let result = (&mut decoder)
            .take(room.saturating_add(1))
            .read_to_end(&mut out.data);
        let consumed = rest.len() - decoder.get_ref().len();
        if out.data.len() > start {
            out.members.push((start, pos));
        }
        if out.data.len() as u64 > cap {
            out.data.truncate(start + room as usize);
            out.cut(
                pos,
                &format!("decompresses to more than the {cap}-byte limit; the rest is skipped"),
            );
            break;
        }
        match result {
            Ok(_) if consumed > 0 => (pos, resyncing) = (pos + consumed, false),
            Ok(_) => break,
            Err(err) => {
                if !(resyncing && out.data.len() == start) {
                    out.cut(pos, &format!("truncated or corrupt gzip data: {err}"));
                }
                match next_member(bytes, pos + 1) {
                    Some(next) => (pos, resyncing) = (next, true),
                    None => break,
                }
            }
        }
    }
    out
}

impl Inflated {
    fn cut(&mut self, offset: usize, message: &str) {
        self.cuts.push(Cut {
            at: self.data.len(),
            offset,
            message: message.to_string(),
        });
    }
}

/// The next gzip member header at or after `from`.
fn next_member(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.windows(MEMBER_MAGIC.len())
        .position(|w| w == MEMBER_MAGIC)
        .map(|at| from + at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_inputs::gzip;

    #[test]
    fn members_are_located_by_compressed_offset() {
        let a = gzip(b"first member");
        let b = gzip(b"second");
        let bytes = [a.clone(), b].concat();
        let out = inflate_members(&bytes, 1000);
        assert_eq!(out.data, b"first membersecond");
        assert!(out.cuts.is_empty());
        assert_eq!(out.members, [(0, 0), (12, a.len())]);
        assert_eq!(out.locate(12), a.len().to_string());
        assert_eq!(out.locate(14), format!("{}+2", a.len()));
        assert_eq!(out.locate(3), "0+3");
    }

    #[test]
    fn a_broken_member_is_cut_and_the_next_one_read() {
        let a = gzip(&b"first member, long enough to be cut ".repeat(20));
        let b = gzip(b"second");
        let c = gzip(b"third");
        let broken = &a[..a.len() / 2];
        let bytes = [broken, &b, &c].concat();
        let out = inflate_members(&bytes, 100_000);
        assert!(
            out.data.ends_with(b"secondthird"),
            "{:?}",
            String::from_utf8_lossy(&out.data)
        );
        assert_eq!(out.cuts.len(), 1, "{:?}", out.cuts);
        assert_eq!(out.cuts[0].offset, 0);
        assert!(out.cuts[0]
            .message
            .starts_with("truncated or corrupt gzip data"));
        assert_eq!(out.data.len() - out.cuts[0].at, b"secondthird".len());
    }

    #[test]
    fn junk_between_members_and_padding() {
        let a = gzip(b"one");
        let bytes = [&a[..], b"JUNK", &gzip(b"two"), b"\0\0\n"].concat();
        let out = inflate_members(&bytes, 1000);
        assert_eq!(out.data, b"onetwo");
        assert_eq!(out.cuts.len(), 1);
        assert_eq!(out.cuts[0].offset, a.len());
    }

    #[test]
    fn cap_stops_inflating() {
        let bytes = [gzip(&[b'a'; 50]), gzip(&[b'b'; 50])].concat();
        let out = inflate_members(&bytes, 60);
        assert_eq!(out.data.len(), 60);
        assert!(out.cuts[0].message.contains("60-byte limit"));
    }
}
