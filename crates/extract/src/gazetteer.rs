//! General world knowledge the rule-based extractors lean on: countries and
//! their demonyms, major cities, titles, organisation head words, wire
//! services. Nothing here is specific to any one story.
//!
//! The lists live in one module per kind of name; everything is
//! re-exported here, so callers name `gazetteer::…` only.

mod not_names;
mod organisations;
mod people;
mod places;

pub use not_names::{CALENDAR_WORDS, CAPITALISED_ADJECTIVES, SENTENCE_STARTERS};
pub use organisations::{INSTITUTIONS, ORG_WORDS, WIRE_SERVICES};
pub use people::{HONORIFICS, PERSON_ROLES, PERSON_TITLES};
pub use places::{
    country_for, country_for_key, is_city, is_city_key, LOCATIVE_HEADS, LOCATIVE_SUFFIXES,
};

/// True when `word` is one of `list`, ignoring case.
pub fn contains_ci(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}
