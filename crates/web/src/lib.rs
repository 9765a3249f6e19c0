//! Concord's web pages: server-rendered HTML for the story list, a story's
//! brief, one article, and two articles side by side.
//!
//! **API Boundary:** plain functions from model data to a complete HTML
//! page (`String`). No I/O; the server crate fetches and caches the data.
//!
//! **Invariant:** article text is hostile. Every value goes through maud's
//! escaping (`(expr)` in a template); nothing article-derived is ever
//! wrapped in `PreEscaped`. Links to article URLs are emitted only for
//! `http:`/`https:` URLs ([`safe_href`]), and every path segment built from
//! an id is percent-encoded ([`encode_segment`]). The pages need no script
//! to be read; `static/app.js` only adds conveniences, and the server sends a
//! Content-Security-Policy that forbids inline scripts as a second wall.

pub mod audit;
mod diff;
mod layout;
mod list;
mod reader;
mod story;
mod timeline;

pub use diff::{word_diff, DiffPart};
pub use layout::{encode_segment, safe_href};
pub use list::{search_page, story_list_page, ArticleLink, ListView, SearchView, StoryRow};
pub use reader::{article_page, compare_page, error_page};
pub use story::story_page;

/// The stylesheet served at `/static/app.css`.
pub const APP_CSS: &str = include_str!("../static/app.css");
/// The script served at `/static/app.js`.
pub const APP_JS: &str = include_str!("../static/app.js");
