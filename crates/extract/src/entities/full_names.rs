//! Short names resolved to the fullest name an article gives the same
//! person ("Peskov" → "Dmitry Peskov").

use concord_model::{EntityMention, EntityType};
use std::collections::HashSet;

/// The fullest name in `mentions` that `name` is a short form of: "Lee" →
/// "Lee Seong-kweun", "Peskov" → "Dmitry Peskov". A single word matches a
/// person's last name first, then first name (family-name-first cultures).
/// Returns `name` itself when nothing or more than one name matches.
pub fn fullest_name(name: &str, mentions: &[EntityMention]) -> String {
    FullNames::new(mentions).fullest(name)
}

/// The people of an article named by more than one word, with the
/// skeletons of their first and last words worked out once: an article
/// asks for the fullest name of every one-word mention.
pub(super) struct FullNames<'a> {
    /// (name, skeleton of its last word, skeleton of its first word).
    people: Vec<(&'a str, String, String)>,
}

impl<'a> FullNames<'a> {
    pub(super) fn new(mentions: &'a [EntityMention]) -> Self {
        let people = mentions
            .iter()
            .filter(|m| m.kind == EntityType::Person)
            .filter_map(|m| {
                let mut words = m.name.split_whitespace();
                let first = words.next()?;
                let last = words.next_back()?;
                let skeleton = concord_text::skeleton;
                Some((m.name.as_str(), skeleton(last), skeleton(first)))
            })
            .collect();
        FullNames { people }
    }

    pub(super) fn fullest(&self, name: &str) -> String {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() != 1 {
            return name.to_string();
        }
        let key = concord_text::skeleton(name);
        let by_last = |p: &(&str, String, String)| p.1 == key;
        let by_first = |p: &(&str, String, String)| p.2 == key;
        for matches in [&by_last as &dyn Fn(&_) -> bool, &by_first] {
            let mut found: Vec<&str> = self
                .people
                .iter()
                .filter(|p| matches(p))
                .map(|p| p.0)
                .collect();
            found.sort_unstable();
            found.dedup_by(|a, b| concord_text::name_key(a) == concord_text::name_key(b));
            if let [one] = found.as_slice() {
                return one.to_string();
            }
            if !found.is_empty() {
                // Several spellings of one person still count as one person.
                let skeletons: HashSet<String> = found
                    .iter()
                    .map(|n| {
                        n.split_whitespace()
                            .map(concord_text::skeleton)
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                if skeletons.len() == 1 {
                    return found[0].to_string();
                }
                break;
            }
        }
        name.to_string()
    }
}
