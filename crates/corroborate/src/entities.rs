//! Merging entity mentions across the articles of a story into entities.
//!
//! Names are nodes; nodes are joined when the sources give evidence that
//! two spellings name one thing:
//! - same key up to case, script, diacritics and hyphens ("Kim Jong-un");
//! - an acronym defined for a long form ("Security Service of Ukraine (SBU)");
//! - the same words in another order, demonyms read as their country
//!   ("Ukrainian Security Service");
//! - a place with and without its locative word ("Kursk region", "Kursk Oblast");
//! - the same person up to transliteration ("Zelenskiy", "Zelenskyy");
//! - a single word that is the last (else first) name of exactly one person.

use concord_model::{ArticleFacts, Entity, EntityType};
use concord_text::{name_key, skeleton};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Words that end a place name but don't change which place it is.
const LOCATIVE_WORDS: &[&str] = &[
    "region",
    "oblast",
    "province",
    "district",
    "county",
    "state",
    "prefecture",
    "governorate",
    "city",
    "krai",
];

/// Entities of a story, and how to find one from any spelling.
#[derive(Debug, Default)]
pub struct EntityIndex {
    pub entities: Vec<Entity>,
    by_key: HashMap<String, usize>,
    /// Each person alias's skeleton → the first person entity with it, so
    /// a look-up that misses `by_key` is one hash, not a skeleton of every
    /// alias of every entity (that scan was a sixth of `concord cluster`'s
    /// CPU with claims on).
    by_person_skeleton: HashMap<String, usize>,
}

impl EntityIndex {
    /// The canonical name for a spelling seen in the story, if known.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.index_of(name).map(|i| self.entities[i].name.as_str())
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        if let Some(&i) = self.by_key.get(&name_key(name)) {
            return Some(i);
        }
        // A spelling of a known person not seen as such: match by skeleton.
        self.by_person_skeleton.get(&person_skeleton(name)).copied()
    }

    /// The entity's type for a spelling, if known.
    pub fn kind(&self, name: &str) -> Option<EntityType> {
        self.index_of(name).map(|i| self.entities[i].kind)
    }
}

/// One key for a person's whole name, blind to where hyphens and spaces
/// fall ("Abdel-Ilah" / "Abdelilah", "Fatima-Zahra" / "Fatima Zahra").
fn person_skeleton(name: &str) -> String {
    skeleton(name)
}

/// Union-find over name nodes.
struct Nodes {
    parent: Vec<usize>,
}

impl Nodes {
    fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut cur = x;
        while self.parent[cur] != root {
            let next = self.parent[cur];
            self.parent[cur] = root;
            cur = next;
        }
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index wins so results don't depend on union order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

/// What is known about one spelling across the story.
#[derive(Default)]
struct NameInfo {
    display: BTreeMap<String, usize>,
    surfaces: BTreeSet<String>,
    kinds: BTreeMap<EntityType, usize>,
    articles: BTreeSet<String>,
    mentions: usize,
    acronyms: BTreeSet<String>,
}

/// Merge the entity mentions of a story's articles.
pub fn merge_entities(facts: &[ArticleFacts]) -> EntityIndex {
    let mut keys: Vec<String> = Vec::new();
    let mut info: Vec<NameInfo> = Vec::new();
    let mut node_of: HashMap<String, usize> = HashMap::new();
    let mut node = |key: String, keys: &mut Vec<String>, info: &mut Vec<NameInfo>| -> usize {
        *node_of.entry(key.clone()).or_insert_with(|| {
            keys.push(key);
            info.push(NameInfo::default());
            keys.len() - 1
        })
    };
    for f in facts {
        for m in &f.entities {
            let key = name_key(&m.name);
            if key.is_empty() {
                continue;
            }
            let n = node(key, &mut keys, &mut info);
            let i = &mut info[n];
            *i.display.entry(m.name.clone()).or_default() += 1;
            i.surfaces.insert(m.surface.clone());
            *i.kinds.entry(m.kind).or_default() += 1;
            i.articles.insert(f.article_id.clone());
            i.mentions += 1;
            if let Some(a) = &m.acronym {
                i.acronyms.insert(a.clone());
            }
        }
    }
    let acronym_links: Vec<(usize, String)> = info
        .iter()
        .enumerate()
        .flat_map(|(n, i)| i.acronyms.iter().map(move |a| (n, name_key(a))))
        .collect();
    for (_, key) in &acronym_links {
        node(key.clone(), &mut keys, &mut info);
    }
    let mut nodes = Nodes {
        parent: (0..keys.len()).collect(),
    };
    for (n, key) in acronym_links {
        if let Some(&m) = node_of.get(&key) {
            nodes.union(n, m);
        }
    }
    join_by(&mut nodes, &keys, &info, |key, i| {
        (dominant_kind(i) == EntityType::Org && key.contains(' ')).then(|| bag_key(key))
    });
    join_by(&mut nodes, &keys, &info, |key, i| {
        (dominant_kind(i) == EntityType::Location).then(|| strip_locative(key))
    });
    join_by(&mut nodes, &keys, &info, |key, i| {
        (dominant_kind(i) == EntityType::Person && key.contains(' ')).then(|| person_skeleton(key))
    });
    join_initials(&mut nodes, &keys, &info);
    join_short_names(&mut nodes, &keys, &info);
    build_index(&mut nodes, &keys, &info)
}

/// Join every pair of nodes that `key_of` maps to the same key.
fn join_by(
    nodes: &mut Nodes,
    keys: &[String],
    info: &[NameInfo],
    key_of: impl Fn(&str, &NameInfo) -> Option<String>,
) {
    let mut first: HashMap<String, usize> = HashMap::new();
    for (n, key) in keys.iter().enumerate() {
        if let Some(k) = key_of(key, &info[n]).filter(|k| !k.is_empty()) {
            match first.get(&k) {
                Some(&m) => nodes.union(n, m),
                None => {
                    first.insert(k, n);
                }
            }
        }
    }
}

/// Words of an organisation name in order, demonyms read as countries:
/// "Ukrainian Security Service" and "Security Service of Ukraine" agree.
fn bag_key(key: &str) -> String {
    let raw: Vec<&str> = key
        .split(' ')
        .filter(|w| !matches!(*w, "of" | "the" | "for" | "and"))
        .collect();
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    // Longest match first, so "united states" and "us" both read as one country.
    'outer: while i < raw.len() {
        for n in [3, 2, 1] {
            if i + n <= raw.len() {
                if let Some(country) = demonym_country(&raw[i..i + n].join(" ")) {
                    words.push(country.replace(' ', "_"));
                    i += n;
                    continue 'outer;
                }
            }
        }
        words.push(raw[i].to_string());
        i += 1;
    }
    words.sort();
    words.join(" ")
}

/// Initials of an organisation's name, for matching undefined acronyms:
/// "Federal Trade Commission" → "ftc".
fn initials(key: &str) -> String {
    key.split(' ')
        .filter(|w| !matches!(*w, "of" | "the" | "for" | "and" | "on" | "in"))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// An acronym that spells the initials of exactly one organisation's name.
fn join_initials(nodes: &mut Nodes, keys: &[String], info: &[NameInfo]) {
    for n in 0..keys.len() {
        let is_acronym = info[n]
            .display
            .keys()
            .any(|d| d.len() >= 2 && d.chars().all(|c| c.is_uppercase() || c == '.'));
        if !is_acronym || keys[n].contains(' ') {
            continue;
        }
        let matches: Vec<usize> = (0..keys.len())
            .filter(|&m| {
                m != n
                    && keys[m].split(' ').count() >= 2
                    && dominant_kind(&info[m]) == EntityType::Org
                    && initials(&keys[m]) == keys[n]
            })
            .collect();
        let mut roots: Vec<usize> = matches.iter().map(|&m| nodes.find(m)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [root] = roots.as_slice() {
            nodes.union(n, *root);
        }
    }
}

fn demonym_country(word: &str) -> Option<String> {
    concord_extract::gazetteer::country_for(word).map(name_key)
}

fn strip_locative(key: &str) -> String {
    let words: Vec<&str> = key.split(' ').collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() && LOCATIVE_WORDS.contains(last) => rest.join(" "),
        _ => key.to_string(),
    }
}

fn dominant_kind(i: &NameInfo) -> EntityType {
    let mut best = (EntityType::Other, 0);
    for (&k, &n) in &i.kinds {
        if k != EntityType::Other && n > best.1 {
            best = (k, n);
        }
    }
    best.0
}

/// "Zelensky" → "Volodymyr Zelensky", "Lee" → "Lee Seong-kweun", when exactly
/// one person in the story fits.
fn join_short_names(nodes: &mut Nodes, keys: &[String], info: &[NameInfo]) {
    let people: Vec<usize> = (0..keys.len())
        .filter(|&n| keys[n].contains(' ') && dominant_kind(&info[n]) == EntityType::Person)
        .collect();
    // Each person's words as skeletons, once: every other name is
    // compared with all of them.
    let people_words: Vec<Vec<String>> = people
        .iter()
        .map(|&p| keys[p].split(' ').map(skeleton).collect())
        .collect();
    let last_words: Vec<Option<&str>> = people_words
        .iter()
        .map(|w| w.last().map(String::as_str))
        .collect();
    let first_words: Vec<Option<&str>> = people_words
        .iter()
        .map(|w| w.first().map(String::as_str))
        .collect();
    for n in 0..keys.len() {
        if !matches!(
            dominant_kind(&info[n]),
            EntityType::Person | EntityType::Other
        ) {
            continue;
        }
        if keys[n].contains(' ') {
            join_partial_name(nodes, keys, (&people, &people_words), n);
            continue;
        }
        let sk = skeleton(&keys[n]);
        for words in [&last_words, &first_words] {
            let mut roots: Vec<usize> = people
                .iter()
                .zip(words.iter())
                .filter(|(_, w)| **w == Some(sk.as_str()))
                .map(|(&p, _)| nodes.find(p))
                .collect();
            roots.sort_unstable();
            roots.dedup();
            if let [root] = roots.as_slice() {
                nodes.union(n, *root);
                break;
            }
            if !roots.is_empty() {
                break;
            }
        }
    }
}

/// "Ait Lahcen" → "Driss Ait Lahcen": a multi-word name that ends (or
/// starts) exactly one longer person's name.
fn join_partial_name(
    nodes: &mut Nodes,
    keys: &[String],
    (people, people_words): (&[usize], &[Vec<String>]),
    n: usize,
) {
    let words: Vec<String> = keys[n].split(' ').map(skeleton).collect();
    let mut roots: Vec<usize> = people
        .iter()
        .zip(people_words)
        .filter(|(&p, _)| p != n)
        .filter(|(_, longer)| {
            longer.len() > words.len() && (longer.ends_with(&words) || longer.starts_with(&words))
        })
        .map(|(&p, _)| nodes.find(p))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    if let [root] = roots.as_slice() {
        nodes.union(n, *root);
    }
}

fn build_index(nodes: &mut Nodes, keys: &[String], info: &[NameInfo]) -> EntityIndex {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for n in 0..keys.len() {
        groups.entry(nodes.find(n)).or_default().push(n);
    }
    let mut entities = Vec::new();
    let mut by_key = HashMap::new();
    for members in groups.values() {
        let mentions: usize = members.iter().map(|&n| info[n].mentions).sum();
        if mentions == 0 {
            continue;
        }
        let mut kinds: BTreeMap<EntityType, usize> = BTreeMap::new();
        let mut aliases = BTreeSet::new();
        let mut articles = BTreeSet::new();
        let mut names: Vec<(&String, usize)> = Vec::new();
        for &n in members {
            for (k, c) in &info[n].kinds {
                *kinds.entry(*k).or_default() += c;
            }
            aliases.extend(info[n].display.keys().cloned());
            aliases.extend(info[n].surfaces.iter().cloned());
            aliases.extend(info[n].acronyms.iter().cloned());
            articles.extend(info[n].articles.iter().cloned());
            names.extend(info[n].display.iter().map(|(d, c)| (d, *c)));
        }
        let kind = kinds
            .iter()
            .filter(|(k, _)| **k != EntityType::Other)
            .max_by_key(|(_, c)| **c)
            .map_or(EntityType::Other, |(k, _)| *k);
        // Prefer a full name (several words) to an acronym or surname, then
        // the most used spelling, then the longest.
        let name = names
            .iter()
            .max_by(|a, b| {
                let words = |s: &str| s.split_whitespace().count() > 1;
                (words(a.0), a.1, a.0.len(), std::cmp::Reverse(a.0.as_str())).cmp(&(
                    words(b.0),
                    b.1,
                    b.0.len(),
                    std::cmp::Reverse(b.0.as_str()),
                ))
            })
            .map(|(n, _)| (*n).clone())
            .unwrap_or_default();
        let index = entities.len();
        for &n in members {
            by_key.insert(keys[n].clone(), index);
        }
        for a in &aliases {
            by_key.entry(name_key(a)).or_insert(index);
        }
        entities.push(Entity {
            name,
            kind,
            aliases: aliases.into_iter().collect(),
            articles: articles.into_iter().collect(),
            mentions,
        });
    }
    // Most-mentioned first; the index positions move with the sort.
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        entities[b]
            .mentions
            .cmp(&entities[a].mentions)
            .then_with(|| entities[a].name.cmp(&entities[b].name))
    });
    let mut new_pos = vec![0; entities.len()];
    for (pos, &old) in order.iter().enumerate() {
        new_pos[old] = pos;
    }
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let entities: Vec<Entity> = order.iter().filter_map(|&old| slots[old].take()).collect();
    for v in by_key.values_mut() {
        *v = new_pos[*v];
    }
    let mut by_person_skeleton = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if e.kind == EntityType::Person {
            for a in &e.aliases {
                by_person_skeleton.entry(person_skeleton(a)).or_insert(i);
            }
        }
    }
    EntityIndex {
        entities,
        by_key,
        by_person_skeleton,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_model::{EntityMention, Span};

    fn facts(id: &str, names: &[(&str, EntityType, Option<&str>)]) -> ArticleFacts {
        ArticleFacts {
            article_id: id.into(),
            entities: names
                .iter()
                .map(|(n, k, a)| EntityMention {
                    name: n.to_string(),
                    surface: n.to_string(),
                    kind: *k,
                    span: Span {
                        paragraph: 0,
                        start: 0,
                        end: 0,
                    },
                    acronym: a.map(str::to_string),
                })
                .collect(),
            ..ArticleFacts::default()
        }
    }

    #[test]
    fn spellings_acronyms_and_short_names_merge() {
        use EntityType::*;
        let index = merge_entities(&[
            facts(
                "a",
                &[
                    ("Recep Tayyip Erdogan", Person, None),
                    (
                        "Disaster and Emergency Management Authority",
                        Org,
                        Some("AFAD"),
                    ),
                    ("Hatay province", Location, None),
                ],
            ),
            facts(
                "b",
                &[
                    ("Recep Tayyip Erdoğan", Person, None),
                    ("Erdogan", Other, None),
                    ("AFAD", Org, None),
                    ("Hatay", Location, None),
                ],
            ),
            facts(
                "c",
                &[
                    ("Park Ji-hoon", Person, None),
                    ("Park", Other, None),
                    ("Turkish Red Crescent", Org, None),
                    ("Red Crescent of Turkey", Org, None),
                ],
            ),
        ]);
        let find = |n: &str| index.canonical(n).map(str::to_string);
        assert_eq!(find("Erdogan"), find("Recep Tayyip Erdoğan"));
        assert_eq!(
            find("AFAD").as_deref(),
            Some("Disaster and Emergency Management Authority")
        );
        assert_eq!(find("Hatay"), find("Hatay province"));
        assert_eq!(find("Park").as_deref(), Some("Park Ji-hoon"));
        assert_eq!(find("Turkish Red Crescent"), find("Red Crescent of Turkey"));
        let erdogan = index
            .entities
            .iter()
            .find(|e| e.name.starts_with("Recep"))
            .unwrap();
        assert_eq!(erdogan.articles, ["a", "b"]);
        assert_eq!(erdogan.kind, Person);
    }

    #[test]
    fn an_unseen_transliteration_finds_the_first_person_with_its_skeleton() {
        use EntityType::*;
        let index = merge_entities(&[facts(
            "a",
            &[
                ("Volodymyr Zelenskyy", Person, None),
                ("Volodymyr Zelenskyy", Person, None),
                ("Zelenskyy Street", Location, None),
            ],
        )]);
        // Not a key of the story: found by skeleton, and only as a person.
        assert_eq!(
            index.canonical("Volodymyr Zelenskiy"),
            Some("Volodymyr Zelenskyy")
        );
        assert_eq!(index.kind("Volodimir Zelensky"), Some(Person));
        assert_eq!(index.canonical("Zelenskiy Street"), None);
    }

    #[test]
    fn ambiguous_surnames_stay_apart() {
        use EntityType::*;
        let index = merge_entities(&[facts(
            "a",
            &[
                ("Ana Silva", Person, None),
                ("Rui Silva", Person, None),
                ("Silva", Other, None),
            ],
        )]);
        assert_eq!(index.canonical("Silva"), Some("Silva"));
        assert_eq!(index.entities.len(), 3);
    }
}
