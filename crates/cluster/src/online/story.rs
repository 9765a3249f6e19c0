//! A story as the online clusterer holds it, its life cycle (active, cold,
//! merged away) and the time arithmetic that decides when it goes cold.

use super::sparse::Sparse;
use concord_model::PartialDate;
use std::collections::BTreeSet;

/// The stream's "now" and how long a story stays warm.
#[derive(Debug, Clone, Copy)]
pub(super) struct Window {
    pub(super) now: Option<i64>,
    pub(super) cold_after_days: i64,
}

impl Window {
    pub(super) fn is_past(&self, last_day: Option<i64>) -> bool {
        match (self.now, last_day) {
            (Some(now), Some(last)) => now - last > self.cold_after_days,
            // A story with no dated article has no age to judge.
            _ => false,
        }
    }

    /// Active and not past the window (a story may be cold by the clock
    /// before `expire` has got to it).
    pub(super) fn is_live(&self, story: &Story) -> bool {
        story.state == State::Active && !self.is_past(story.last_day)
    }
}

/// Where a story is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) enum State {
    /// Takes articles (while its last day is within the window).
    Active,
    /// Went cold: out of the index, centroid freed, kept for output.
    Cold,
    /// Merged into the story with this index.
    MergedInto(u32),
}

/// One story: output fields, centroids and life-cycle state.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct Story {
    pub(super) id: String,
    pub(super) headline: Option<String>,
    pub(super) members: Vec<String>,
    pub(super) outlets: BTreeSet<String>,
    /// Sum of the members' unit-length word frequency vectors.
    pub(super) words: Sparse,
    /// Sum of the members' unit-length name presence vectors.
    pub(super) names: Sparse,
    /// Latest article day, as a day number (see `day_number`).
    pub(super) last_day: Option<i64>,
    /// The join threshold its founding article was held to (headline or
    /// full text), for when the story is still that one article.
    pub(super) founder_threshold: f64,
    pub(super) state: State,
}

/// Whether `story` still belongs in the posting list of `term`: it is
/// active and its centroid has the term (pruning may have dropped it).
pub(super) fn belongs(stories: &[Story], story: u32, term: u32) -> bool {
    stories.get(story as usize).is_some_and(|s| {
        s.state == State::Active && s.words.binary_search_by_key(&term, |&(t, _)| t).is_ok()
    })
}

/// Story sizes at which a grown story is re-checked for merges: 2, 3, 4,
/// 6, 8, 12, 16, 24, … A centroid moves most while a story is small; past
/// that it takes a growth by half to move it much, so rechecks on a
/// geometric schedule find the merges at O(log n) cost per story instead
/// of a retrieval on every add.
pub(super) fn is_checkpoint(size: usize) -> bool {
    // 2^k or 3·2^k: what is left after removing the factors of two is 1 or 3.
    let odd_part = size >> size.trailing_zeros().min(usize::BITS - 1);
    size >= 2 && (odd_part == 1 || odd_part == 3)
}

/// Days since 1970-01-01 of a day-precision date (Howard Hinnant's
/// days-from-civil), from the model's date parts so that this crate needs
/// no date library of its own.
pub(super) fn day_number(date: PartialDate) -> i64 {
    let (y, m, d) = (
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day.unwrap_or(1)),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_days() {
        let day = |s: &str| PartialDate::parse(s).map(day_number);
        assert_eq!(day("1970-01-01"), Some(0));
        assert_eq!(day("2014-03-10"), Some(16_139));
        assert_eq!(
            day("2024-03-01").zip(day("2024-02-28")).map(|(a, b)| a - b),
            Some(2)
        );
    }

    #[test]
    fn checkpoints_are_geometric() {
        let sizes: Vec<usize> = (0..50).filter(|&n| is_checkpoint(n)).collect();
        assert_eq!(sizes, vec![2, 3, 4, 6, 8, 12, 16, 24, 32, 48]);
    }
}
