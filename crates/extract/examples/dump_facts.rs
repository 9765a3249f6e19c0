//! Print what extraction finds in plain-text articles (one paragraph per
//! line), for inspecting rules: `cargo run -p concord-extract --example dump_facts -- FILE…`.

use concord_model::Article;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let paragraphs = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let article = Article::from_paragraphs(path.clone(), paragraphs);
        let facts = concord_extract::extract_facts(&article);
        println!("== {path}");
        for e in &facts.entities {
            println!(
                "ENT {:?} {:?} ({:?}) acr={:?} p{}",
                e.kind, e.name, e.surface, e.acronym, e.span.paragraph
            );
        }
        for q in &facts.quotes {
            println!("QUOTE {:?} <- {:?}", q.text, q.speaker);
        }
        for n in &facts.numbers {
            println!(
                "NUM {} {:?}/{} pred={:?} mod={:?} hedge={:?} src={:?}",
                n.value, n.unit, n.unit_class, n.predicate, n.modifier, n.hedge, n.attribution
            );
        }
    }
}
