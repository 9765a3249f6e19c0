//! How a story's outlets are counted: the one definition behind
//! [`StoryBrief::outlets`](crate::StoryBrief::outlets) (`concord brief`, the
//! server's story page) and the store's story records (`concord stories`,
//! the server's story list), so the two never show different numbers.

use std::borrow::Cow;
use std::collections::BTreeSet;

/// The key outlet names are compared by: "Reuters" and "REUTERS" are one
/// outlet.
pub fn outlet_key(name: &str) -> String {
    name.to_lowercase()
}

/// How many outlets articles come from, given each article's outlet name
/// (`None` where it names none): distinct names by [`outlet_key`], plus one
/// for every article without a name. Such an article may come from any
/// outlet, and folding them all into one would make independent reports
/// look like a single source.
pub fn count_outlets<'a>(outlets: impl IntoIterator<Item = Option<&'a str>>) -> usize {
    let mut named: BTreeSet<Cow<'a, str>> = BTreeSet::new();
    let mut unnamed = 0;
    for outlet in outlets {
        match outlet {
            Some(name) => {
                named.insert(keyed(name));
            }
            None => unnamed += 1,
        }
    }
    named.len() + unnamed
}

/// [`outlet_key`] without a copy when the name is lower-case ASCII, as the
/// keys in the store's records mostly are (listing stories counts every
/// record's): in ASCII, lower-casing changes only `A`–`Z`.
fn keyed(name: &str) -> Cow<'_, str> {
    if name
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(outlet_key(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_folded_and_unnamed_articles_count_once_each() {
        let outlets = [Some("Reuters"), Some("REUTERS"), None, Some("BBC"), None];
        assert_eq!(count_outlets(outlets), 4);
        assert_eq!(count_outlets([None, None, None]), 3);
        assert_eq!(count_outlets(std::iter::empty()), 0);
    }

    #[test]
    fn a_name_is_borrowed_only_when_it_is_its_own_key() {
        for name in [
            "reuters",
            "Reuters",
            "ǅ daily",
            "ΣΊΓΜΑ",
            "İstanbul",
            "straße",
            "",
        ] {
            assert_eq!(keyed(name), outlet_key(name), "{name}");
        }
        assert!(matches!(keyed("kyiv independent"), Cow::Borrowed(_)));
    }

    #[test]
    fn keys_are_already_keys() {
        // Records keep keys, and count them again with the same function.
        for name in ["Kyiv Independent", "ÉLYSÉE Daily", "newsweek"] {
            let key = outlet_key(name);
            assert_eq!(outlet_key(&key), key);
        }
    }
}
