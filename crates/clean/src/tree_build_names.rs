//! Tag and attribute names as atoms, the common ones without a lookup:
//! making an atom from a string hashes it and searches the static set, a
//! cost paid for every tag of every page.

use html5ever::{local_name, LocalName};

/// The atom of a name html5gum read (already lowercased), for the names
/// most pages use most; `None` for the rest, which go through
/// `LocalName::from`.
pub(super) fn common_name(name: &[u8]) -> Option<LocalName> {
    Some(match name {
        b"a" => local_name!("a"),
        b"p" => local_name!("p"),
        b"b" => local_name!("b"),
        b"i" => local_name!("i"),
        b"li" => local_name!("li"),
        b"ul" => local_name!("ul"),
        b"br" => local_name!("br"),
        b"td" => local_name!("td"),
        b"tr" => local_name!("tr"),
        b"em" => local_name!("em"),
        b"h2" => local_name!("h2"),
        b"h3" => local_name!("h3"),
        b"div" => local_name!("div"),
        b"img" => local_name!("img"),
        b"svg" => local_name!("svg"),
        b"span" => local_name!("span"),
        b"meta" => local_name!("meta"),
        b"link" => local_name!("link"),
        b"path" => local_name!("path"),
        b"time" => local_name!("time"),
        b"strong" => local_name!("strong"),
        b"script" => local_name!("script"),
        b"source" => local_name!("source"),
        b"button" => local_name!("button"),
        b"figure" => local_name!("figure"),
        b"section" => local_name!("section"),
        b"article" => local_name!("article"),
        b"picture" => local_name!("picture"),
        b"noscript" => local_name!("noscript"),
        b"class" => local_name!("class"),
        b"id" => local_name!("id"),
        b"href" => local_name!("href"),
        b"content" => local_name!("content"),
        b"property" => local_name!("property"),
        b"name" => local_name!("name"),
        b"rel" => local_name!("rel"),
        b"type" => local_name!("type"),
        b"title" => local_name!("title"),
        b"style" => local_name!("style"),
        b"role" => local_name!("role"),
        b"itemprop" => local_name!("itemprop"),
        b"datetime" => local_name!("datetime"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every listed name is the atom `LocalName::from` makes of it.
    #[test]
    fn common_names_are_their_atoms() {
        let names = [
            "a", "p", "b", "i", "li", "ul", "br", "td", "tr", "em", "h2", "h3", "div", "img",
            "svg", "span", "meta", "link", "path", "time", "strong", "script", "source", "button",
            "figure", "section", "article", "picture", "noscript", "class", "id", "href",
            "content", "property", "name", "rel", "type", "title", "style", "role", "itemprop",
            "datetime",
        ];
        for name in names {
            assert_eq!(
                common_name(name.as_bytes()),
                Some(LocalName::from(name)),
                "{name}"
            );
        }
        for other in ["", "A", "divx", "xdiv", "h1", "data-x", "é"] {
            assert_eq!(common_name(other.as_bytes()), None, "{other}");
        }
    }
}
