//! What parsing alone costs, per front end, on the pages the cleaner
//! really parses (read, gunzipped, decoded and stripped as `clean` does):
//! the measurement behind "the HTML parser is the wall" in BENCHMARKS.md.
//!
//! Usage: `parse_candidates MODE FILE...`, MODE one of
//! - `none`: read and strip only (the baseline to subtract),
//! - `tree`: html5gum and our tree construction into the cleaner's tree
//!   (what `clean` does),
//! - `h5e-tree`: html5ever into the same tree (the oracle; what `clean`
//!   did before),
//! - `h5e-tokens`: html5ever's tokenizer alone, tokens dropped,
//! - `gum-tokens`: html5gum's default iterator (owned tokens),
//! - `gum-events`: html5gum's callback emitter (borrowed names and text),
//! - `lol`: lol_html with a handler on every element and every text chunk.
//!
//! Run under `valgrind --tool=callgrind` and subtract `none` from each.
//! The tokenizers switch to raw text after `<script>`, `<style>`,
//! `<title>`, `<textarea>` naively (by the start tag alone), which is what
//! a tree builder of our own would tell them; they build no tree.

use std::borrow::Cow;
use std::path::PathBuf;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let paths: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let ingested = concord_ingest::read_paths(&paths);
    let pages: Vec<String> = ingested
        .docs
        .iter()
        .map(|d| match concord_clean::probe::strip(&d.text) {
            Cow::Borrowed(s) => s.to_string(),
            Cow::Owned(s) => s,
        })
        .collect();
    let mut count = 0usize;
    for page in &pages {
        count += match mode.as_str() {
            "none" => page.len(),
            "tree" => concord_clean::probe::parse(page),
            "h5e-tree" => concord_clean::probe::parse_html5ever(page),
            "h5e-tokens" => h5e_tokens(page),
            "gum-tokens" => gum_tokens(page),
            "gum-events" => gum_events(page),
            "lol" => lol(page),
            other => {
                eprintln!("parse_candidates: unknown mode {other:?}");
                std::process::exit(2);
            }
        };
    }
    println!("{mode}: {} pages, {count}", pages.len());
}

fn h5e_tokens(page: &str) -> usize {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::Cell;
    struct Sink(Cell<usize>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            use html5ever::tokenizer::states::{RawKind, State};
            self.0.set(self.0.get() + 1);
            if let Token::TagToken(tag) = &token {
                if tag.kind == html5ever::tokenizer::StartTag {
                    let raw = match &*tag.name {
                        "script" => Some(RawKind::ScriptData),
                        "style" => Some(RawKind::Rawtext),
                        "title" | "textarea" => Some(RawKind::Rcdata),
                        _ => None,
                    };
                    if let Some(kind) = raw {
                        return TokenSinkResult::RawData(kind);
                    }
                }
            }
            let _ = State::Data;
            TokenSinkResult::Continue
        }
    }
    let tok = Tokenizer::new(Sink(Cell::new(0)), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(page));
    let _ = tok.feed(&queue);
    tok.end();
    tok.sink.0.get()
}

fn gum_tokens(page: &str) -> usize {
    let mut n = 0;
    for token in html5gum::Tokenizer::new(page).flatten() {
        if let html5gum::Token::StartTag(tag) = &token {
            n += tag.attributes.len();
        }
        n += 1;
    }
    n
}

fn gum_events(page: &str) -> usize {
    use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
    let mut n = 0usize;
    let mut emitter = CallbackEmitter::new(
        |event: CallbackEvent<'_>, _: html5gum::Span<()>| -> Option<usize> {
            match event {
                CallbackEvent::OpenStartTag { name } => Some(name.len()),
                CallbackEvent::String { value } => Some(value.len()),
                CallbackEvent::AttributeValue { value } => Some(value.len()),
                _ => None,
            }
        },
    );
    emitter.naively_switch_states(true);
    for got in html5gum::Tokenizer::new_with_emitter(page, emitter).flatten() {
        n += got;
    }
    n
}

fn lol(page: &str) -> usize {
    use lol_html::{doc_text, element, HtmlRewriter, Settings};
    use std::cell::Cell;
    let n = Cell::new(0usize);
    let settings = Settings::new()
        .append_element_content_handler(element!("*", |el| {
            n.set(n.get() + el.tag_name().len() + el.attributes().len());
            Ok(())
        }))
        .append_document_content_handler(doc_text!(|t| {
            n.set(n.get() + t.as_str().len());
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    if rewriter.write(page.as_bytes()).is_err() || rewriter.end().is_err() {
        eprintln!("parse_candidates: lol_html gave up on a page");
    }
    n.get()
}
