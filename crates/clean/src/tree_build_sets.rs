//! The element categories of HTML5 tree construction that `tree_build`
//! uses, by interned name (one integer compare each).

use html5ever::{local_name, LocalName};

pub(super) const HEADINGS: &[LocalName] = &[
    local_name!("h1"),
    local_name!("h2"),
    local_name!("h3"),
    local_name!("h4"),
    local_name!("h5"),
    local_name!("h6"),
];

pub(super) fn is_heading(name: &LocalName) -> bool {
    HEADINGS.contains(name)
}

/// The elements that bound the default "has an element in scope" search
/// (and the formatting-element search of the adoption agency).
pub(super) fn bounds_default_scope(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("applet")
            | local_name!("caption")
            | local_name!("html")
            | local_name!("table")
            | local_name!("td")
            | local_name!("th")
            | local_name!("marquee")
            | local_name!("object")
            | local_name!("template")
    )
}

/// Elements whose content the tokenizer reads as text: they close on
/// their own end tag only.
pub(super) fn is_raw_text(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("title")
            | local_name!("textarea")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noscript")
            | local_name!("noframes")
            | local_name!("plaintext")
    )
}

/// Start tags the head takes (the "in head" rules).
pub(super) fn is_head_content(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("title")
            | local_name!("noscript")
            | local_name!("noframes")
            | local_name!("style")
            | local_name!("script")
            | local_name!("template")
    )
}

pub(super) fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// The formatting elements: reopened when a block closed them early.
pub(super) fn is_formatting(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

/// Start tags that close an open `<p>` first.
pub(super) fn closes_p(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("search")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("ul")
            | local_name!("pre")
            | local_name!("listing")
            | local_name!("form")
            | local_name!("plaintext")
            | local_name!("xmp")
    )
}

/// Elements that end where their parent does.
pub(super) fn is_implied_end(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("dd")
            | local_name!("dt")
            | local_name!("li")
            | local_name!("optgroup")
            | local_name!("option")
            | local_name!("p")
            | local_name!("rb")
            | local_name!("rp")
            | local_name!("rt")
            | local_name!("rtc")
    )
}

/// Where a table's rows and sections go, text and other elements do not:
/// they are foster-parented before the table.
pub(super) fn is_table_part(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("table")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("tr")
    )
}

/// The "special" category: an end tag does not close past one of these,
/// and the adoption agency's furthest block is one.
pub(super) fn is_special(name: &LocalName) -> bool {
    is_void(name)
        || closes_p(name)
        || is_table_part(name)
        || is_heading(name)
        || matches!(
            *name,
            local_name!("applet")
                | local_name!("body")
                | local_name!("button")
                | local_name!("caption")
                | local_name!("colgroup")
                | local_name!("dd")
                | local_name!("dt")
                | local_name!("frameset")
                | local_name!("head")
                | local_name!("html")
                | local_name!("iframe")
                | local_name!("li")
                | local_name!("marquee")
                | local_name!("noembed")
                | local_name!("noframes")
                | local_name!("noscript")
                | local_name!("object")
                | local_name!("script")
                | local_name!("select")
                | local_name!("style")
                | local_name!("td")
                | local_name!("template")
                | local_name!("textarea")
                | local_name!("th")
                | local_name!("title")
                | local_name!("image")
        )
}
