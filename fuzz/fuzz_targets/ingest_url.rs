//! Fuzz target: URL canonicalisation never panics and is idempotent, so
//! two spellings of one article always meet at the same key.
#![no_main]

use concord_ingest::canonical_url;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let url = String::from_utf8_lossy(data);
    if let Some(once) = canonical_url(&url) {
        assert_eq!(
            canonical_url(&once).as_deref(),
            Some(once.as_str()),
            "{url:?}"
        );
    }
});
