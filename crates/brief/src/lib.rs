//! Renders briefs as JSON and Markdown.
