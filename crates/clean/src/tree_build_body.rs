//! HTML5 tree construction "in body": what each start and end tag does
//! to the stack of open elements, and the element scopes it asks about.

use super::sets::*;
use super::{Active, Attrs, Builder, LocalName};
use html5ever::local_name;

impl Builder {
    pub(super) fn body_start(&mut self, name: LocalName, attrs: Attrs, self_closing: bool) {
        match name {
            // A second `<html>` or `<body>` lends its attributes.
            local_name!("html") => self.add_missing(self.html, attrs),
            local_name!("body") => {
                if let Some(&body) = self.open.get(1) {
                    if *self.name(body) == local_name!("body") {
                        self.add_missing(body, attrs);
                    }
                }
            }
            local_name!("head") | local_name!("frameset") => {}
            local_name!("li") => {
                self.close_list_item(&[local_name!("li")]);
                self.close_p();
                self.insert(name, attrs, false);
            }
            local_name!("dd") | local_name!("dt") => {
                self.close_list_item(&[local_name!("dd"), local_name!("dt")]);
                self.close_p();
                self.insert(name, attrs, false);
            }
            local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6") => {
                self.close_p();
                if is_heading(self.name(self.current())) {
                    self.pop();
                }
                self.insert(name, attrs, false);
            }
            local_name!("button") => {
                if self.in_scope(&[local_name!("button")], Scope::Default) {
                    self.implied_end(None);
                    self.pop_until(&[local_name!("button")]);
                }
                self.reconstruct();
                self.insert(name, attrs, false);
            }
            local_name!("a") => {
                let open_a = self.active_after_marker(&local_name!("a"));
                if let Some(a) = open_a {
                    self.adoption(&local_name!("a"));
                    self.forget_active(a);
                    self.open.remove_id(a, &self.tree);
                }
                self.reconstruct();
                let id = self.insert(name, attrs, false);
                self.push_active(id);
            }
            local_name!("nobr") => {
                self.reconstruct();
                if self.in_scope(&[local_name!("nobr")], Scope::Default) {
                    self.adoption(&local_name!("nobr"));
                    self.reconstruct();
                }
                let id = self.insert(name, attrs, false);
                self.push_active(id);
            }
            _ if is_formatting(&name) => {
                self.reconstruct();
                let id = self.insert(name, attrs, false);
                self.push_active(id);
            }
            local_name!("applet") | local_name!("marquee") | local_name!("object") => {
                self.reconstruct();
                self.insert(name, attrs, false);
                self.active.push(Active::Marker);
            }
            local_name!("table") => {
                if !self.in_scope(&[local_name!("table")], Scope::Table) || self.in_cell() {
                    if !self.quirks {
                        self.close_p();
                    }
                } else {
                    // A table started in a table closes it.
                    self.pop_until(&[local_name!("table")]);
                }
                self.insert(name, attrs, false);
            }
            local_name!("caption")
            | local_name!("colgroup")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot") => {
                if self.in_scope(&[local_name!("table")], Scope::Table) {
                    self.clear_to(&[local_name!("table")]);
                    let caption = name == local_name!("caption");
                    self.insert(name, attrs, false);
                    if caption {
                        self.active.push(Active::Marker);
                    }
                }
            }
            local_name!("col") => {
                if self.in_scope(&[local_name!("table")], Scope::Table) {
                    if self.name(self.current()) != &local_name!("colgroup") {
                        self.clear_to(&[local_name!("table")]);
                        self.insert(local_name!("colgroup"), Attrs::default(), false);
                    }
                    self.insert(name, attrs, true);
                }
            }
            local_name!("tr") => {
                if self.in_scope(&[local_name!("table")], Scope::Table) {
                    self.table_body();
                    self.insert(name, attrs, false);
                }
            }
            local_name!("td") | local_name!("th") => {
                if self.in_scope(&[local_name!("table")], Scope::Table) {
                    if self.in_cell() {
                        self.implied_end(None);
                        self.pop_until(&[local_name!("td"), local_name!("th")]);
                    }
                    if !self.current_is(&[local_name!("tr")]) {
                        self.table_body();
                        self.insert(local_name!("tr"), Attrs::default(), false);
                    }
                    self.insert(name, attrs, false);
                    self.active.push(Active::Marker);
                }
            }
            local_name!("option") | local_name!("optgroup") => {
                if self.current_is(&[local_name!("option")]) {
                    self.pop();
                }
                self.reconstruct();
                self.insert(name, attrs, false);
            }
            local_name!("image") => self.body_start(local_name!("img"), attrs, self_closing),
            _ if is_void(&name) => {
                if name == local_name!("hr") {
                    self.close_p();
                } else {
                    self.reconstruct();
                }
                self.insert(name, attrs, true);
            }
            _ if closes_p(&name) => {
                self.close_p();
                self.insert(name, attrs, false);
            }
            _ if is_head_content(&name) => {
                let void = is_void(&name);
                self.insert(name, attrs, void);
            }
            _ => {
                self.reconstruct();
                // `/>` closes only foreign elements; the stack is looked
                // through only for a `/>` (deep pages make it long).
                let void = self_closing
                    && (matches!(name, local_name!("svg") | local_name!("math"))
                        || self.in_foreign());
                self.insert(name, attrs, void);
            }
        }
    }

    pub(super) fn body_end(&mut self, name: &LocalName) {
        match *name {
            local_name!("body") | local_name!("html") => {}
            local_name!("p") => {
                if !self.in_scope(&[local_name!("p")], Scope::Button) {
                    self.insert(local_name!("p"), Attrs::default(), false);
                }
                self.implied_end(Some(&local_name!("p")));
                self.pop_until(&[local_name!("p")]);
            }
            local_name!("li") => {
                if self.in_scope(&[local_name!("li")], Scope::ListItem) {
                    self.implied_end(Some(&local_name!("li")));
                    self.pop_until(&[local_name!("li")]);
                }
            }
            local_name!("dd") | local_name!("dt") => {
                if self.in_scope(std::slice::from_ref(name), Scope::Default) {
                    self.implied_end(Some(name));
                    self.pop_until(std::slice::from_ref(name));
                }
            }
            local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6") => {
                if self.in_scope(HEADINGS, Scope::Default) {
                    self.implied_end(None);
                    self.pop_until(HEADINGS);
                }
            }
            local_name!("template") => {
                if self
                    .open
                    .iter()
                    .any(|&id| *self.name(id) == local_name!("template"))
                {
                    self.implied_end(None);
                    self.pop_until(&[local_name!("template")]);
                }
            }
            local_name!("br") => {
                self.reconstruct();
                self.insert(local_name!("br"), Attrs::default(), true);
            }
            local_name!("table")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("caption") => {
                if self.in_scope(std::slice::from_ref(name), Scope::Table) {
                    self.implied_end(None);
                    self.pop_until(std::slice::from_ref(name));
                }
            }
            _ if is_formatting(name) => self.adoption(name),
            // Blocks close what is open inside them (`<p>x</div>`).
            _ if (closes_p(name)
                && !matches!(*name, local_name!("xmp") | local_name!("plaintext")))
                || matches!(
                    *name,
                    local_name!("button")
                        | local_name!("applet")
                        | local_name!("marquee")
                        | local_name!("object")
                ) =>
            {
                if self.in_scope(std::slice::from_ref(name), Scope::Default) {
                    self.implied_end(None);
                    self.pop_until(std::slice::from_ref(name));
                }
            }
            _ => self.any_other_end(name),
        }
    }

    pub(super) fn any_other_end(&mut self, name: &LocalName) {
        for at in (0..self.open.len()).rev() {
            let id = self.open[at];
            let here = self.name(id);
            if here == name {
                self.implied_end(Some(name));
                while self.open.len() > at {
                    self.pop();
                }
                return;
            }
            if is_special(here) {
                return;
            }
        }
    }

    /// Pop to a table (or `html`/`template`) being the current node.
    pub(super) fn clear_to(&mut self, names: &[LocalName]) {
        while self.open.len() > 1 {
            let here = self.name(self.current());
            if names.contains(here)
                || matches!(*here, local_name!("html") | local_name!("template"))
            {
                return;
            }
            self.pop();
        }
    }

    /// Make the current node a table section, implying `<tbody>`.
    pub(super) fn table_body(&mut self) {
        self.clear_to(&[
            local_name!("tbody"),
            local_name!("thead"),
            local_name!("tfoot"),
            local_name!("table"),
        ]);
        if self.current_is(&[local_name!("table")]) {
            self.insert(local_name!("tbody"), Attrs::default(), false);
        }
    }

    pub(super) fn in_cell(&self) -> bool {
        self.in_scope(&[local_name!("td"), local_name!("th")], Scope::Table)
    }

    pub(super) fn close_p(&mut self) {
        // Checked in tests against a walk of the stack (the tree oracle
        // tests build every fixture page in a debug build).
        debug_assert!(self.open.count_is_right(&self.tree));
        if self.open.has_p() && self.in_scope(&[local_name!("p")], Scope::Button) {
            self.implied_end(Some(&local_name!("p")));
            self.pop_until(&[local_name!("p")]);
        }
    }

    /// `<li>` closes an open `li` (`<dd>`/`<dt>` either) unless a block
    /// other than `address`, `div` or `p` is nearer.
    pub(super) fn close_list_item(&mut self, names: &[LocalName]) {
        for at in (0..self.open.len()).rev() {
            let here = self.name(self.open[at]);
            if names.contains(here) {
                let here = here.clone();
                self.implied_end(Some(&here));
                self.pop_until(std::slice::from_ref(&here));
                return;
            }
            if is_special(here)
                && !matches!(
                    *here,
                    local_name!("address") | local_name!("div") | local_name!("p")
                )
            {
                return;
            }
        }
    }

    /// Close `p`, `li`, `option`, … elements that end where their parent does.
    pub(super) fn implied_end(&mut self, except: Option<&LocalName>) {
        loop {
            let here = self.name(self.current());
            if Some(here) == except || !is_implied_end(here) {
                return;
            }
            self.pop();
        }
    }

    pub(super) fn in_scope(&self, names: &[LocalName], scope: Scope) -> bool {
        for &id in self.open.iter().rev() {
            let here = self.name(id);
            if names.contains(here) {
                return true;
            }
            let boundary = match scope {
                Scope::Table => matches!(
                    *here,
                    local_name!("html") | local_name!("table") | local_name!("template")
                ),
                _ => {
                    bounds_default_scope(here)
                        || (scope == Scope::Button && *here == local_name!("button"))
                        || (scope == Scope::ListItem
                            && matches!(*here, local_name!("ol") | local_name!("ul")))
                }
            };
            if boundary {
                return false;
            }
        }
        false
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    Default,
    Button,
    ListItem,
    Table,
}
