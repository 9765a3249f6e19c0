//! `concord serve`: the JSON API and web UI over the store.

use anyhow::{bail, Context, Result};
use concord_server::Limits;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub struct ServeArgs {
    pub data: PathBuf,
    pub addr: SocketAddr,
    pub token_file: Option<PathBuf>,
    pub open_reads: bool,
    pub max_body: usize,
    pub max_batch: usize,
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let token = token(args.token_file.as_deref())?;
    let loopback = args.addr.ip().is_loopback();
    if !loopback && !args.open_reads && token.is_none() {
        bail!(
            "{} is not a loopback address: reads would need a token; set CONCORD_TOKEN or --token-file, or pass --open-reads",
            args.addr
        );
    }
    let limits = Limits {
        token,
        open_reads: loopback || args.open_reads,
        max_body_bytes: args.max_body,
        max_batch: args.max_batch,
    };
    let store = crate::store_cmds::open(&args.data)?;
    let (articles, stories) = store.counts().context("reading the store")?;
    let router = concord_server::router(store, limits)
        .with_context(|| format!("loading stories from {}", args.data.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime
        .block_on(concord_server::serve(router, args.addr, |bound| {
            // One line scripts and tests can wait for.
            eprintln!(
                "concord: serving http://{bound} ({articles} articles, {stories} stories in {})",
                args.data.display()
            );
        }))
        .with_context(|| format!("serving on {}", args.addr))?;
    Ok(ExitCode::SUCCESS)
}

/// The write token: from `--token-file`, else `CONCORD_TOKEN`; blank
/// means none.
fn token(file: Option<&Path>) -> Result<Option<String>> {
    let raw = match file {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("reading the token from {}", path.display()))?,
        None => std::env::var("CONCORD_TOKEN").unwrap_or_default(),
    };
    let token = raw.trim().to_string();
    if !token.is_empty() && token.len() < 16 {
        bail!("the write token is shorter than 16 characters; use a long random one");
    }
    Ok((!token.is_empty()).then_some(token))
}
