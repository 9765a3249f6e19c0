//! Word-level differences between two wordings of a quote, so a reader sees
//! at a glance where translations or edits diverge.

/// A run of words, marked as shared with the other wording or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffPart {
    pub text: String,
    /// True when these words appear (in order) in the other wording too.
    pub same: bool,
}

/// Longest texts compared word by word; longer ones are shown unmarked
/// (the table is quadratic in words).
const MAX_WORDS: usize = 400;

/// Split `text` into runs shared with `other` and runs that are not, by the
/// longest common subsequence of case- and accent-folded words. The runs'
/// texts concatenate back to `text` exactly.
pub fn word_diff(text: &str, other: &str) -> Vec<DiffPart> {
    let words = split_words(text);
    let others: Vec<String> = split_words(other).iter().map(|w| key(w)).collect();
    if words.is_empty() || words.len() > MAX_WORDS || others.len() > MAX_WORDS {
        return vec![DiffPart {
            text: text.to_string(),
            same: others.is_empty() && words.is_empty(),
        }];
    }
    let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
    let same = lcs_marks(&keys, &others);
    let mut parts: Vec<DiffPart> = Vec::new();
    for (word, same) in words.iter().zip(same) {
        match parts.last_mut() {
            Some(last) if last.same == same => last.text.push_str(word),
            _ => parts.push(DiffPart {
                text: (*word).to_string(),
                same,
            }),
        }
    }
    parts
}

/// Words with their trailing whitespace, covering the whole text.
fn split_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            out.push(&text[start..i]);
            start = i;
            in_space = false;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn key(word: &str) -> String {
    concord_text::fold(word.trim())
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// For each word of `a`, whether it is part of a longest common subsequence
/// with `b`.
fn lcs_marks(a: &[String], b: &[String]) -> Vec<bool> {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![0u16; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if a[i] == b[j] && !a[i].is_empty() {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let mut marks = vec![false; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] && !a[i].is_empty() {
            marks[i] = true;
            i += 1;
            j += 1;
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn marks_changed_words() {
        let parts = word_diff("We will hand them over", "we would hand them over");
        assert_eq!(
            parts,
            vec![
                DiffPart {
                    text: "We ".into(),
                    same: true
                },
                DiffPart {
                    text: "will ".into(),
                    same: false
                },
                DiffPart {
                    text: "hand them over".into(),
                    same: true
                },
            ]
        );
    }

    #[test]
    fn punctuation_and_case_do_not_count() {
        let parts = word_diff("Hand them over!", "hand them over");
        assert!(parts.iter().all(|p| p.same));
    }

    proptest! {
        #[test]
        fn parts_rebuild_the_text(a in "\\PC{0,80}", b in "\\PC{0,80}") {
            let parts = word_diff(&a, &b);
            let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
            prop_assert_eq!(joined, a);
        }
    }
}
