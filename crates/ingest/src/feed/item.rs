//! One feed item: its fields as they are found, then the document they
//! make. Publication dates come only from fields that mean "published"
//! (`pubDate`, `published`, `issued`, `dc:date`), never from `updated`.

use super::text::{has_markup, plain, xml_text};
use concord_model::{RawDoc, RawFormat};
use quick_xml::events::BytesStart;

/// An element found directly inside an item: its name (lowercased), the
/// attributes that matter, and its raw inner XML.
pub(super) struct Field<'a> {
    name: String,
    kind: Option<String>,
    rel: Option<String>,
    href: Option<String>,
    /// Atom content kept elsewhere (`src=…`), which is not fetched.
    out_of_line: bool,
    permalink: bool,
    inner: &'a str,
}

impl<'a> Field<'a> {
    pub fn new(name: &str, tag: &BytesStart<'_>, inner: &'a str) -> Self {
        let attr = |key: &str| {
            tag.attributes()
                .with_checks(false)
                .flatten()
                .find(|a| a.key.as_ref().eq_ignore_ascii_case(key))
                .map(|a| xml_text(&a.value).trim().to_string())
        };
        Field {
            name: name.to_ascii_lowercase(),
            kind: attr("type").map(|t| t.to_ascii_lowercase()),
            rel: attr("rel").map(|r| r.to_ascii_lowercase()),
            href: attr("href"),
            out_of_line: attr("src").is_some(),
            permalink: attr("isPermaLink").is_none_or(|p| !p.eq_ignore_ascii_case("false")),
            inner,
        }
    }

    /// Fields whose content is, or may carelessly be, raw HTML: their
    /// inner markup is not held to XML rules.
    pub fn may_hold_html(&self) -> bool {
        matches!(
            self.name.as_str(),
            "description"
                | "content:encoded"
                | "summary"
                | "atom:summary"
                | "content"
                | "atom:content"
        )
    }

    /// Whether an Atom `type` says the content is markup; `None` for types
    /// that are not text at all (images, out-of-line content).
    fn is_html(&self, text: &str) -> Option<bool> {
        match self.kind.as_deref() {
            None | Some("text") | Some("text/plain") => Some(has_markup(text)),
            Some("html") | Some("xhtml") | Some("text/html") | Some("application/xhtml+xml") => {
                Some(true)
            }
            Some(_) => None,
        }
    }

    fn text(&self) -> String {
        xml_text(self.inner).trim().to_string()
    }

    /// A one-line value: markup stripped, whitespace collapsed.
    fn line(&self) -> String {
        plain(&xml_text(self.inner))
    }
}

/// A body candidate: content or summary text and whether it is HTML.
struct Body {
    text: String,
    html: bool,
}

/// The fields of one item, as far as they have been read.
#[derive(Default)]
pub(super) struct Item {
    /// 1-based position in the feed.
    pub index: usize,
    title: Option<String>,
    /// Best link so far and its rank (higher is better).
    link: Option<(u8, String)>,
    guid: Option<(bool, String)>,
    /// Best publication date so far and its rank (lower is better).
    published: Option<(u8, String)>,
    authors: Vec<String>,
    content: Option<Body>,
    summary: Option<Body>,
}

impl Item {
    pub fn new(index: usize) -> Self {
        Item {
            index,
            ..Item::default()
        }
    }

    pub fn add(&mut self, field: &Field<'_>) {
        match field.name.as_str() {
            "title" | "atom:title" => set_once(&mut self.title, field.line()),
            "dc:title" if self.title.is_none() => set_once(&mut self.title, field.line()),
            "link" | "atom:link" => self.add_link(field),
            "guid" | "id" | "atom:id" if self.guid.is_none() => {
                self.guid = Some((field.permalink, field.line())).filter(|(_, g)| !g.is_empty());
            }
            "pubdate" | "published" | "atom:published" => self.add_date(0, field),
            "issued" | "dcterms:issued" | "atom:issued" => self.add_date(1, field),
            "dc:date" | "dcterms:created" => self.add_date(2, field),
            "author" | "atom:author" | "dc:creator" => self.add_author(field),
            "content:encoded" => set_body(&mut self.content, field.text(), Some(true)),
            "content" | "atom:content" if !field.out_of_line => {
                let text = self.xhtml_or_text(field);
                let html = field.is_html(&text);
                set_body(&mut self.content, text, html);
            }
            "description" | "summary" | "atom:summary" => {
                let text = self.xhtml_or_text(field);
                let html = field.is_html(&text);
                set_body(&mut self.summary, text, html);
            }
            _ => {}
        }
    }

    /// XHTML content is markup already: resolving its entities would turn
    /// `&lt;` in its text into tags.
    fn xhtml_or_text(&self, field: &Field<'_>) -> String {
        if field.kind.as_deref() == Some("xhtml") {
            field.inner.trim().to_string()
        } else {
            field.text()
        }
    }

    /// RSS `<link>url</link>`, or Atom `<link href=… rel=…/>` where only
    /// `alternate` (the default) is the article itself.
    fn add_link(&mut self, field: &Field<'_>) {
        let (rank, url) = match (&field.href, field.rel.as_deref()) {
            (Some(href), None | Some("alternate")) => (3, href.clone()),
            (Some(_), _) => return,
            (None, _) => (2, field.line()),
        };
        if !url.is_empty() && self.link.as_ref().is_none_or(|(r, _)| rank > *r) {
            self.link = Some((rank, url));
        }
    }

    fn add_date(&mut self, rank: u8, field: &Field<'_>) {
        let date = field.line();
        if !date.is_empty() && self.published.as_ref().is_none_or(|(r, _)| rank < *r) {
            self.published = Some((rank, date));
        }
    }

    /// Atom `<author><name>…</name></author>`, RSS `email (Name)`, or a
    /// plain `dc:creator` name.
    fn add_author(&mut self, field: &Field<'_>) {
        let name = match atom_name(field.inner) {
            Some(name) => name,
            None => rss_author(&field.line()),
        };
        if !name.is_empty() && !self.authors.contains(&name) {
            self.authors.push(name);
        }
    }

    /// The document this item makes, or why it makes none.
    pub fn into_doc(self, file_name: &str, source: &str) -> Result<RawDoc, String> {
        let body = [self.content, self.summary]
            .into_iter()
            .flatten()
            .find(|b| !b.text.trim().is_empty());
        if body.is_none() && self.title.is_none() {
            return Err("item has neither content nor a title".into());
        }
        let url = self.link.map(|(_, url)| url).or_else(|| {
            let (permalink, guid) = self.guid.as_ref()?;
            let is_url = guid.starts_with("http://") || guid.starts_with("https://");
            (*permalink && is_url).then(|| guid.clone())
        });
        let id = url
            .clone()
            .or_else(|| self.guid.map(|(_, guid)| guid))
            .unwrap_or_else(|| format!("{file_name}#item{}", self.index));
        // Plain summaries are records: their metadata is in the fields,
        // and the text has no headline line for the text reader to find.
        let (format, text) = match body {
            Some(Body { text, html: true }) => (RawFormat::Html, text),
            Some(Body { text, html: false }) => (RawFormat::Record, text),
            None => (RawFormat::Record, String::new()),
        };
        let mut doc = RawDoc::new(id, source, format, text);
        doc.title = self.title;
        doc.url = url;
        doc.published = self.published.map(|(_, date)| date);
        doc.author = (!self.authors.is_empty()).then(|| self.authors.join(", "));
        Ok(doc)
    }
}

fn set_once(slot: &mut Option<String>, value: String) {
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value);
    }
}

/// Keep the first non-blank body of a kind; `html: None` means "not text".
fn set_body(slot: &mut Option<Body>, text: String, html: Option<bool>) {
    if let (None, Some(html)) = (&slot, html) {
        if !text.trim().is_empty() {
            *slot = Some(Body { text, html });
        }
    }
}

/// The `<name>` inside an Atom author element.
fn atom_name(inner: &str) -> Option<String> {
    let start = inner.find("<name>")? + "<name>".len();
    let end = start + inner[start..].find("</name>")?;
    Some(plain(&xml_text(&inner[start..end])))
}

/// RSS 2.0 `author` is an e-mail address, often with the name in
/// parentheses: `desk@example.com (Jane Roe)` → `Jane Roe`.
fn rss_author(value: &str) -> String {
    if let Some((before, rest)) = value.split_once('(') {
        if before.contains('@') {
            if let Some(name) = rest.strip_suffix(')') {
                return name.trim().to_string();
            }
        }
    }
    value.to_string()
}
