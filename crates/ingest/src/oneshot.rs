//! One-shot gzip inflate with libdeflate: a whole single-member file into a
//! buffer sized from its size field, about twice as fast as the streaming
//! decoder and without zero-filling the buffer first.
//!
//! It is only a fast path. It answers `None` for anything it does not
//! accept (a forged or wrapped size field, several members, trailing bytes,
//! a header CRC, corrupt or truncated data), and the caller then runs the
//! streaming decoder, which decides and words any error as before.

use libdeflate_sys::{
    libdeflate_alloc_decompressor, libdeflate_decompressor, libdeflate_free_decompressor,
    libdeflate_gzip_decompress_ex, libdeflate_result_LIBDEFLATE_SUCCESS,
};
use std::ptr::NonNull;

/// Header flag: a CRC-16 of the header follows it. The streaming decoder
/// checks it and libdeflate skips it, so such files take the streaming path.
const FHCRC: u8 = 0x02;

/// The smallest gzip member: a 10-byte header, an empty deflate block and
/// the 8-byte trailer.
const MIN_MEMBER: usize = 18;

/// A libdeflate decompressor, freed on drop.
struct Decompressor(NonNull<libdeflate_decompressor>);

impl Decompressor {
    fn new() -> Option<Self> {
        // SAFETY: allocation has no preconditions; NULL (out of memory) is
        // answered by `None`.
        NonNull::new(unsafe { libdeflate_alloc_decompressor() }).map(Decompressor)
    }
}

impl Drop for Decompressor {
    fn drop(&mut self) {
        // SAFETY: the pointer came from `libdeflate_alloc_decompressor` and
        // is freed once, here.
        unsafe { libdeflate_free_decompressor(self.0.as_ptr()) }
    }
}

/// `bytes` (a gzip file, magic number checked by the caller) inflated in one
/// go, when it is one well-formed member that inflates to exactly `size`
/// bytes, its trailer's stated size. `None` otherwise.
pub(crate) fn inflate(bytes: &[u8], size: usize) -> Option<Vec<u8>> {
    if bytes.len() < MIN_MEMBER || bytes.get(3)? & FHCRC != 0 {
        return None;
    }
    DECOMPRESSOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let decompressor = match slot.as_ref() {
            Some(d) => d,
            None => slot.insert(Decompressor::new()?),
        };
        inflate_with(decompressor, bytes, size)
    })
}

/// The largest buffer kept: one huge page must not pin its memory for the
/// rest of a long run (the benchmark's largest page is 1.4 MB).
const SPARE_MAX_BYTES: usize = 16 << 20;

/// Give a page's text (or any buffer done with) back to be inflated into
/// by the next one-shot inflate on this thread. Callers that read many
/// pages one at a time (`concord extract`) hand each page back after
/// cleaning it: a fresh buffer per page had the kernel fault in and zero
/// new memory for every page (a quarter of `concord extract`'s page
/// faults), where one kept buffer grows to the largest page only.
pub fn recycle(buffer: Vec<u8>) {
    // Not while the thread's locals are being torn down.
    let _ = SPARE.try_with(|spare| {
        let kept = spare.take();
        spare.set(
            if buffer.capacity() > kept.capacity() && buffer.capacity() <= SPARE_MAX_BYTES {
                buffer
            } else {
                kept
            },
        );
    });
}

/// An empty buffer of at least `size` bytes' capacity: the recycled one
/// when it is large enough (a smaller one is dropped rather than grown,
/// which would copy its whole capacity), else a new one.
fn buffer_for(size: usize) -> Option<Vec<u8>> {
    let mut out = SPARE.try_with(|spare| spare.take()).unwrap_or_default();
    out.clear();
    if out.capacity() < size {
        out = Vec::new();
        out.try_reserve_exact(size).ok()?;
    }
    Some(out)
}

thread_local! {
    /// The buffer [`recycle`] was last given, kept for the next page.
    static SPARE: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };

    /// One decompressor per thread, kept between files: libdeflate keeps no
    /// state from one call to the next, and allocating one (a 30 KB table
    /// set up) cost 12 K instructions per page.
    static DECOMPRESSOR: std::cell::RefCell<Option<Decompressor>> =
        const { std::cell::RefCell::new(None) };
}

/// [`inflate`] with a given decompressor.
fn inflate_with(decompressor: &Decompressor, bytes: &[u8], size: usize) -> Option<Vec<u8>> {
    let mut out = buffer_for(size)?;
    let (mut read, mut written) = (0usize, 0usize);
    // SAFETY: the input pointer and length come from one slice; the output
    // is `out`'s spare capacity, at least `size` bytes, which libdeflate
    // writes only within; the two counts are plain out-parameters.
    let result = unsafe {
        libdeflate_gzip_decompress_ex(
            decompressor.0.as_ptr(),
            bytes.as_ptr().cast(),
            bytes.len(),
            out.as_mut_ptr().cast(),
            size,
            &mut read,
            &mut written,
        )
    };
    // libdeflate checked the CRC-32 and that the size field matches what it
    // wrote; a member that ends before the input does is one of several (or
    // has trailing bytes), which the streaming decoder handles its own way.
    if result != libdeflate_result_LIBDEFLATE_SUCCESS || read != bytes.len() || written != size {
        recycle(out);
        return None;
    }
    // SAFETY: libdeflate reported `written` bytes written from the start of
    // the spare capacity, and `written <= size <= capacity`.
    unsafe { out.set_len(written) };
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_inputs::gzip;
    use flate2::bufread::MultiGzDecoder;
    use proptest::prelude::*;
    use std::io::Read;

    fn stated(gz: &[u8]) -> usize {
        let tail: [u8; 4] = gz[gz.len() - 4..].try_into().unwrap();
        u32::from_le_bytes(tail) as usize
    }

    fn streamed(gz: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        MultiGzDecoder::new(gz).read_to_end(&mut out).ok()?;
        Some(out)
    }

    #[test]
    fn inflates_into_a_recycled_buffer() {
        let gz = gzip(b"hello, world");
        recycle(vec![b'x'; 4096]);
        let out = inflate(&gz, 12).unwrap();
        assert_eq!(out, b"hello, world");
        assert!(out.capacity() >= 4096, "the recycled buffer was not used");
        // One too small is not grown (which would copy it) but replaced.
        recycle(vec![b'x'; 4]);
        let out = inflate(&gz, 12).unwrap();
        assert_eq!(out, b"hello, world");
        // One over the cap is not kept.
        recycle(Vec::with_capacity(SPARE_MAX_BYTES + 1));
        let out = inflate(&gz, 12).unwrap();
        assert!(out.capacity() <= SPARE_MAX_BYTES, "a huge buffer was kept");
    }

    #[test]
    fn inflates_one_member() {
        let gz = gzip(b"hello, world");
        assert_eq!(inflate(&gz, 12).as_deref(), Some(&b"hello, world"[..]));
        assert_eq!(inflate(&gzip(b""), 0).as_deref(), Some(&b""[..]));
    }

    #[test]
    fn declines_what_the_streaming_decoder_must_judge() {
        let gz = gzip(&b"some text ".repeat(40));
        // Too small or too large a buffer for the stated size.
        assert_eq!(inflate(&gz, 399), None);
        assert_eq!(inflate(&gz, 401), None);
        // Two members, trailing bytes, truncation, a header CRC.
        assert_eq!(inflate(&[gz.clone(), gz.clone()].concat(), 400), None);
        assert_eq!(inflate(&[&gz[..], b"x"].concat(), 400), None);
        assert_eq!(inflate(&gz[..gz.len() - 1], 400), None);
        let mut hcrc = gz.clone();
        hcrc[3] |= FHCRC;
        assert_eq!(inflate(&hcrc, 400), None);
    }

    /// Every gzipped page in the fixtures: the one-shot path takes it and
    /// gives the streaming decoder's bytes.
    #[test]
    fn agrees_on_the_fixture_pages() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
        let mut pages = 0;
        for dir in ["article-extraction/html", "publication-dates/html"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "gz") {
                    let gz = std::fs::read(&path).unwrap();
                    assert_eq!(inflate(&gz, stated(&gz)), streamed(&gz), "{path:?}");
                    pages += 1;
                }
            }
        }
        assert_eq!(pages, 864);
    }

    proptest! {
        /// Wherever the one-shot path answers, it answers what the streaming
        /// decoder does: random text's gzip, one member or two, with bytes
        /// overwritten, cut or appended, read at the stated size.
        #[test]
        fn agrees_with_the_streaming_decoder(
            text in proptest::collection::vec(any::<u8>(), 0..3000),
            repeat in 1usize..20,
            edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4),
            cut in proptest::option::of(any::<usize>()),
            extra in proptest::collection::vec(any::<u8>(), 0..3),
            members in 1usize..3,
        ) {
            let mut gz = gzip(&text.repeat(repeat)).repeat(members);
            for (at, byte) in edits {
                let at = at % gz.len();
                gz[at] = byte;
            }
            if let Some(cut) = cut {
                gz.truncate(cut % (gz.len() + 1));
            }
            gz.extend_from_slice(&extra);
            if gz.len() >= 4 {
                if let Some(fast) = inflate(&gz, stated(&gz).min(1 << 20)) {
                    prop_assert_eq!(Some(fast), streamed(&gz));
                }
            }
        }
    }
}
