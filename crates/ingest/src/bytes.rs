//! Byte-string helpers for the readers that scan raw input.

/// Position of `needle` in `haystack` (small inputs; no need for memchr).
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}
