//! The tree is `scraper`'s tree, less the attributes no reader looks at:
//! same nodes, same text runs, same order, on every benchmark page, on
//! the dated pages and on random tag soup (foster parenting, the adoption
//! agency, templates, foreign content).

use super::{is_read, Data, Edge, Tree, DOCUMENT};

/// Every node as a line: its kind, name, namespace and kept attributes, or its text.
fn ours(html: &str) -> Vec<String> {
    let tree = Tree::parse_document_html5ever(html);
    let mut out = Vec::new();
    for edge in tree.traverse(DOCUMENT) {
        match edge {
            Edge::Open(id) => out.push(match tree.node(id).map(|n| &n.data) {
                Some(Data::Document) => "document".to_string(),
                Some(Data::Element(e)) => {
                    let el = tree.get(id).expect("an element node");
                    format!(
                        "<{} {} {:?} {:?}",
                        e.name(),
                        &*e.name.ns,
                        el.attrs().iter().collect::<Vec<_>>(),
                        el.attr("pubdate")
                    )
                }
                Some(Data::Text(t)) => format!("text {:?}", tree.text_of(*t)),
                Some(Data::Fragment) => "fragment".to_string(),
                Some(Data::Other) => "other".to_string(),
                None => "missing".to_string(),
            }),
            Edge::Close(_) => out.push("/".to_string()),
        }
    }
    out
}

fn theirs(html: &str) -> Vec<String> {
    use scraper::Node;
    let page = scraper::Html::parse_document(html);
    let mut out = Vec::new();
    for edge in page.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => out.push(match node.value() {
                Node::Document => "document".to_string(),
                Node::Element(e) => format!(
                    "<{} {} {:?} {:?}",
                    e.name(),
                    &*e.name.ns,
                    e.attrs
                        .iter()
                        .filter(|(n, _)| is_read(n))
                        .map(|(n, v)| (&*n.local, &**v))
                        .collect::<Vec<_>>(),
                    e.attr("pubdate")
                ),
                Node::Text(t) => format!("text {:?}", &**t),
                Node::Fragment => "fragment".to_string(),
                _ => "other".to_string(),
            }),
            ego_tree::iter::Edge::Close(_) => out.push("/".to_string()),
        }
    }
    out
}

fn assert_same(html: &str, what: &str) {
    let (a, b) = (ours(html), theirs(html));
    if let Some(at) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        let window = |v: &[String]| v[at.saturating_sub(3)..(at + 3).min(v.len())].to_vec();
        panic!(
            "{what}: trees differ at {at}:\n{:?}\n{:?}",
            window(&a),
            window(&b)
        );
    }
}

fn same_on_fixtures(folder: &str, step: usize, min_pages: usize) {
    let mut n_pages = 0;
    for (path, html) in crate::fixture_pages::gzipped_pages(folder, step) {
        assert_same(&html, &path.display().to_string());
        n_pages += 1;
    }
    assert!(n_pages > min_pages, "{n_pages} pages read");
}

#[test]
fn benchmark_pages_build_scrapers_tree() {
    same_on_fixtures("article-extraction/html", 1, 100);
}

#[test]
fn dated_pages_build_scrapers_tree() {
    // Every fourth page: debug builds parse slowly.
    same_on_fixtures("publication-dates/html", 4, 150);
}

#[test]
fn hard_shapes() {
    for html in [
        "<table><tr><td>a</td></tr>stray<b>bold</b><div>x</div></table>",
        "<b><p>one</b>two</p>",
        "<a href=x><div><a href=y>in</a></div></a>",
        "<p><b><i>x</p>y</i>z</b>",
        "<template><p>inside</p><td>cell</td></template><p>after</p>",
        "<svg><title>t</title><a xlink:href=x xlink:title=y title=z>l</a></svg>",
        "<math><mi>x</mi><annotation-xml encoding=text/html><p>h</p></annotation-xml></math>",
        "<html lang=en><body class=a><html lang=de class=b><body id=c>x",
        "<!doctype html><!--c--><?pi x?><p>a<!--b-->c</p>",
        "<table><tr>a<td>b</td>c</tr></table>d",
        "<select><option>a<option>b</select><frameset>",
        "<time pubdate datetime=2020-01-01>x</time>",
        // Fostered text joins fostered text written before the table's own.
        "<table>x<tr><td>a</td>y</table>z",
        "<table>x<tr><td>a</td>y<td>b</td>é</table>",
        "<a href=x>1<p>2</a>3</p>4",
        "",
    ] {
        assert_same(html, html);
    }
}

proptest::proptest! {
    #[test]
    fn tag_soup_builds_scrapers_tree(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "<table>", "</table>", "<tr>", "<td>", "</td>", "<b>", "</b>", "<i>", "</i>",
                "<a href=x>", "</a>", "<p>", "</p>", "<div class=c>", "</div>", "<template>",
                "</template>", "<svg>", "</svg>", "<math>", "<title>", "</title>", "<html lang=x>",
                "<body id=b>", "<select>", "<option>", "text", " ", "é", "<!--c-->", "<li>",
                "<ul>", "<h1>", "</h1>", "<form>", "</form>", "<nobr>", "<marquee>", "<button>",
                "<head>", "<meta name=n content=c>", "<frameset>", "<pre>", "\n", "<br>",
                "<caption>", "<col>", "<tbody>", "<th>", "<script>", "</script>",
            ]),
            0..60,
        ),
    ) {
        let html = pieces.concat();
        let (a, b) = (ours(&html), theirs(&html));
        proptest::prop_assert_eq!(a, b);
    }
}
