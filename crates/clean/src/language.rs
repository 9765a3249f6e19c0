//! A light language guess: by script where the script decides, by
//! function words among Latin-script languages.

use foldhash::fast::RandomState;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Below this many letters a guess is noise.
const MIN_LETTERS: usize = 20;
/// Enough text to judge; the rest costs time and adds nothing.
const MAX_CHARS: usize = 20_000;

/// Function words per Latin-script language. Frequent, short and mostly
/// distinctive; shared ones ("de", "la") are resolved by the rest.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "for", "it", "was", "with", "on", "said", "he",
            "by", "are", "have", "from", "has", "this", "were", "not", "but", "they", "his", "who",
            "which", "would", "will",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für",
            "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "werden", "aus", "er",
            "hat", "dass", "sie", "nach", "wird", "bei",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "et", "une", "du", "est", "qui", "dans", "pour", "pas", "au",
            "sur", "par", "plus", "il", "ne", "se", "ce", "avec", "sont", "aux", "été", "a",
            "elle", "mais",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "que", "y", "en", "una", "por", "con", "para", "es", "se",
            "no", "al", "lo", "su", "como", "más", "pero", "sus", "fue", "ha", "este", "esta",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "e", "una", "per", "non", "con", "della", "si", "sono", "gli",
            "nel", "alla", "anche", "è", "da", "dei", "ha", "ma", "come", "più", "delle", "questo",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "do", "da", "dos", "das", "que", "e", "em", "um", "uma", "para", "com",
            "não", "no", "na", "por", "mais", "foi", "ao", "é", "são", "também", "pelo", "pela",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "dat", "op", "te", "zijn", "met", "voor",
            "niet", "aan", "er", "ook", "als", "maar", "bij", "door", "werd", "naar", "heeft",
            "wordt",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "en", "på", "är", "för", "med", "av", "den", "till",
            "inte", "har", "om", "ett", "var", "jag", "efter", "också",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "na", "z", "się", "nie", "do", "że", "to", "jest", "o", "jak", "po", "przez",
            "od", "za", "ale", "są", "oraz", "jego",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "olan",
            "ama", "en", "ise", "kadar",
        ],
    ),
];

/// Every function word, with a bit set for each list of [`FUNCTION_WORDS`]
/// that holds it.
static FUNCTION_WORD_LISTS: LazyLock<HashMap<&'static str, u32, RandomState>> =
    LazyLock::new(|| {
        let mut lists: HashMap<&'static str, u32, RandomState> = HashMap::default();
        for (k, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for word in *words {
                *lists.entry(word).or_default() |= 1 << k;
            }
        }
        lists
    });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Hangul,
    Kana,
    Han,
    Devanagari,
    Thai,
    Other,
}

/// Every [`Script`], in declaration order (`SCRIPTS[k] as usize == k`).
const SCRIPTS: [Script; 11] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Greek,
    Script::Arabic,
    Script::Hebrew,
    Script::Hangul,
    Script::Kana,
    Script::Han,
    Script::Devanagari,
    Script::Thai,
    Script::Other,
];

fn script_of(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => Script::Latin,
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => Script::Greek,
        '\u{400}'..='\u{52f}' => Script::Cyrillic,
        '\u{590}'..='\u{5ff}' => Script::Hebrew,
        '\u{600}'..='\u{6ff}' | '\u{750}'..='\u{77f}' => Script::Arabic,
        '\u{900}'..='\u{97f}' => Script::Devanagari,
        '\u{e00}'..='\u{e7f}' => Script::Thai,
        '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{ac00}'..='\u{d7af}' => {
            Script::Hangul
        }
        '\u{3040}'..='\u{30ff}' => Script::Kana,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => Script::Han,
        _ => Script::Other,
    }
}

/// ISO 639-1 code of the language `text` is most likely in, or `None` when
/// there is too little text or no clear winner.
pub(crate) fn detect(text: &str) -> Option<String> {
    let text = match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    // Letters per script, indexed by `Script as usize`.
    let mut counts = [0usize; SCRIPTS.len()];
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        counts[script_of(c) as usize] += 1;
    }
    let n_letters: usize = counts.iter().sum();
    if n_letters < MIN_LETTERS {
        return None;
    }
    // Japanese mixes kana with kanji; any real share of kana decides it.
    if counts[Script::Kana as usize] * 10 > n_letters {
        return Some("ja".into());
    }
    let (script, n) = SCRIPTS
        .iter()
        .map(|&s| (s, counts[s as usize]))
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(s, n)| (n, script_rank(s)))?;
    if n * 2 < n_letters {
        return None;
    }
    let code = match script {
        Script::Latin => return latin_language(text),
        Script::Cyrillic => cyrillic_language(text),
        Script::Arabic => arabic_language(text),
        Script::Greek => "el",
        Script::Hebrew => "he",
        Script::Hangul => "ko",
        Script::Kana => "ja",
        Script::Han => "zh",
        Script::Devanagari => "hi",
        Script::Thai => "th",
        Script::Other => return None,
    };
    Some(code.into())
}

/// A fixed tie-break so equal counts give the same answer on every run.
fn script_rank(s: Script) -> u8 {
    s as u8
}

fn has_any(text: &str, letters: &str) -> bool {
    text.chars().any(|c| letters.contains(c))
}

fn cyrillic_language(text: &str) -> &'static str {
    if has_any(text, "ґҐєЄїЇ") || (has_any(text, "іІ") && !has_any(text, "ўЎ")) {
        "uk"
    } else if has_any(text, "ўЎ") {
        "be"
    } else if has_any(text, "ђЂћЋџЏљЉњЊјЈ") {
        "sr"
    } else if !has_any(text, "ыЫэЭ") && has_any(text, "ъЪ") {
        "bg"
    } else {
        "ru"
    }
}

fn arabic_language(text: &str) -> &'static str {
    if has_any(text, "ٹڈڑںے") {
        "ur"
    } else if has_any(text, "پچژگ") {
        "fa"
    } else {
        "ar"
    }
}

/// The Latin-script language whose function words make up the largest
/// share of the text, if it clearly beats the runner-up.
fn latin_language(text: &str) -> Option<String> {
    // One lookup per word in a table of every list's words (which lists
    // hold it, as bits) instead of a scan of all twelve lists: this runs
    // on every article, and the scans were most of cleaning's time.
    let mut counts = [0usize; FUNCTION_WORDS.len()];
    let mut n_words = 0;
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        n_words += 1;
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        let mut lists = FUNCTION_WORD_LISTS
            .get(lower.as_str())
            .copied()
            .unwrap_or(0);
        while lists != 0 {
            let k = lists.trailing_zeros() as usize;
            counts[k] += 1;
            lists &= lists - 1;
        }
    }
    if n_words < 5 {
        return None;
    }
    let mut scores: Vec<(usize, &str)> = FUNCTION_WORDS
        .iter()
        .zip(counts)
        .map(|((code, _), n)| (n, *code))
        .collect();
    // Highest score first; ties broken by list order for determinism.
    scores.sort_by_key(|s| std::cmp::Reverse(s.0));
    let (best, code) = scores.first().copied()?;
    let runner_up = scores.get(1).map_or(0, |s| s.0);
    let clear = best >= 3 && best * 10 >= n_words && best * 4 >= runner_up * 5;
    clear.then(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `latin_language` replaced: a scan of every list per
    /// word.
    fn latin_by_scans(text: &str) -> Option<String> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() < 5 {
            return None;
        }
        let mut scores: Vec<(usize, &str)> = FUNCTION_WORDS
            .iter()
            .map(|(code, list)| {
                let n = words.iter().filter(|w| list.contains(&w.as_str())).count();
                (n, *code)
            })
            .collect();
        scores.sort_by_key(|s| std::cmp::Reverse(s.0));
        let (best, code) = scores.first().copied()?;
        let runner_up = scores.get(1).map_or(0, |s| s.0);
        let clear = best >= 3 && best * 10 >= words.len() && best * 4 >= runner_up * 5;
        clear.then(|| code.to_string())
    }

    #[test]
    fn every_list_has_a_bit() {
        assert!(FUNCTION_WORDS.len() <= 32);
    }

    #[test]
    fn scripts_index_their_counts() {
        for (k, s) in SCRIPTS.iter().enumerate() {
            assert_eq!(*s as usize, k);
        }
    }

    proptest::proptest! {
        #[test]
        fn latin_language_matches_scanning_the_lists(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "The", "and", "der", "DIE", "le", "été", "Été", "el", "más", "il", "è",
                    "não", "het", "och", "på", "się", "için", "de", "da", "en", "quake", "ΣΑΣ", "x",
                ]),
                0..40,
            ),
        ) {
            let text = words.join(" ");
            proptest::prop_assert_eq!(latin_language(&text), latin_by_scans(&text));
        }
    }

    /// The detected code, or "" for none.
    fn lang(s: &str) -> String {
        detect(s).unwrap_or_default()
    }

    #[test]
    fn detects_by_script() {
        assert_eq!(
            lang("Володимир Зеленський заявив, що Україна готова передати полонених"),
            "uk"
        );
        assert_eq!(
            lang("Президент России Владимир Путин заявил в понедельник, что"),
            "ru"
        );
        assert_eq!(
            lang("우크라이나 대통령은 북한군 포로를 김정은에게 넘겨줄 준비가 되어 있다고 말했다"),
            "ko"
        );
        assert_eq!(
            lang("ウクライナのゼレンスキー大統領は北朝鮮兵の捕虜について述べた"),
            "ja"
        );
        assert_eq!(
            lang("乌克兰总统泽连斯基表示准备将俘虏的朝鲜士兵交还给金正恩进行交换"),
            "zh"
        );
        assert_eq!(
            lang("قال الرئيس الأوكراني إن بلاده مستعدة لتسليم الجنود الكوريين الشماليين"),
            "ar"
        );
        assert_eq!(
            lang("Ο Ουκρανός πρόεδρος δήλωσε ότι η χώρα είναι έτοιμη να παραδώσει"),
            "el"
        );
    }

    #[test]
    fn detects_latin_languages_by_function_words() {
        let cases = [
            ("en", "Ukraine is ready to hand over the soldiers to him if he can organise their exchange, he said on Sunday."),
            ("de", "Die Ukraine ist bereit, die Soldaten an Kim zu übergeben, wenn er den Austausch mit Gefangenen organisiert, sagte er."),
            ("fr", "L'Ukraine est prête à remettre les soldats à Kim s'il peut organiser leur échange avec des prisonniers, a-t-il dit dans un message."),
            ("es", "Ucrania está dispuesta a entregar los soldados a Kim si puede organizar su intercambio por los prisioneros que están en Rusia."),
            ("it", "L'Ucraina è pronta a consegnare i soldati a Kim se lui riesce a organizzare lo scambio con i prigionieri che sono in Russia, ha detto."),
            ("nl", "Oekraïne is bereid de soldaten aan Kim over te dragen als hij een uitwisseling met de gevangenen in Rusland kan regelen, zei hij."),
        ];
        for (code, text) in cases {
            assert_eq!(lang(text), code, "{text}");
        }
    }

    #[test]
    fn too_little_or_mixed_text_gives_none() {
        assert_eq!(lang("Kyiv"), "");
        assert_eq!(lang("1234 5678 —— !!"), "");
        assert_eq!(lang("Xqzv brtl mnpf ghjk wxcv plmq zrtv"), "");
    }
}
