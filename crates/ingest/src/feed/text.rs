//! The text inside a feed element: CDATA kept as is, XML entities and
//! character references resolved, nested markup kept (it is HTML); and a
//! rough tag stripper for titles and names.

/// The content of an element's raw inner XML. Unknown entities (HTML's
/// `&nbsp;` in a careless feed) and bare `&` stay as written.
pub(crate) fn xml_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
            let end = cdata.find("]]>").unwrap_or(cdata.len());
            out.push_str(&cdata[..end]);
            rest = cdata.get(end + 3..).unwrap_or("");
        } else if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
        } else if rest.starts_with('&') {
            let (text, len) = entity(rest).unwrap_or(("&".into(), 1));
            out.push_str(&text);
            rest = &rest[len..];
        } else {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The entity at the start of `s` (`&amp;`, `&#8217;`, `&#x2019;`): its
/// text and length, or `None` when it is not one.
fn entity(s: &str) -> Option<(String, usize)> {
    let head = &s[..s.char_indices().nth(12).map_or(s.len(), |(i, _)| i)];
    let end = head.find(';')?;
    let name = &s[1..end];
    let text = match name {
        "lt" => "<".into(),
        "gt" => ">".into(),
        "amp" => "&".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse::<u32>().ok()?
                };
            char::from_u32(code).filter(|&c| c != '\0')?.to_string()
        }
    };
    Some((text, end + 1))
}

/// Whether `text` holds HTML markup: a tag opening or closing.
pub(crate) fn has_markup(text: &str) -> bool {
    text.match_indices('<').any(|(at, _)| {
        text[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
    })
}

/// Plain text of a short field that may hold markup (an Atom title of
/// type `html`): tags removed, entities resolved, whitespace collapsed.
pub(crate) fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            out.push(' ');
            rest = after.find('>').map_or("", |end| &after[end + 1..]);
        } else {
            out.push('<');
            rest = after;
        }
    }
    out.push_str(rest);
    let unescaped = if out.contains('&') {
        xml_text(&out)
    } else {
        out
    };
    unescaped.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_entities_and_keeps_cdata_and_markup() {
        assert_eq!(
            xml_text("a &amp; b &lt;p&gt; &#8217;&#x2019;"),
            "a & b <p> \u{2019}\u{2019}"
        );
        assert_eq!(
            xml_text("<![CDATA[<p>x &amp; y</p>]]> z"),
            "<p>x &amp; y</p> z"
        );
        assert_eq!(
            xml_text("AT&T &nbsp; &#0; &#xZZ; &"),
            "AT&T &nbsp; &#0; &#xZZ; &"
        );
        assert_eq!(xml_text("<p>kept</p><!-- gone -->"), "<p>kept</p>");
        assert_eq!(xml_text("<![CDATA[unterminated"), "unterminated");
    }

    #[test]
    fn markup_is_told_from_comparisons() {
        assert!(has_markup("<p>Hi</p>"));
        assert!(has_markup("line<br/>"));
        assert!(!has_markup("1 < 2 and 3 > 2"));
        assert!(!has_markup("a <3"));
    }

    #[test]
    fn plain_strips_tags_and_collapses() {
        assert_eq!(
            plain("<b>Quake</b>  hits\n coast &amp; more"),
            "Quake hits coast & more"
        );
        assert_eq!(plain("1 < 2"), "1 < 2");
        assert_eq!(plain("<unterminated"), "");
    }
}
