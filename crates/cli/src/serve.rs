//! `concord serve`: the JSON API and web UI over the store, or over the
//! shared ingest log and the epoch files of `concord cluster`.

use anyhow::{bail, Context, Result};
use concord_server::Limits;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// How often the server looks for a newer epoch file.
const EPOCH_POLL: Duration = Duration::from_secs(1);

/// What the server reads.
pub enum Source {
    /// The embedded store (`--data DIR`).
    Store(PathBuf),
    /// The shared log and the `--out` folder of `concord cluster`.
    Cluster { log: String, out: PathBuf },
}

pub struct ServeArgs {
    pub source: Source,
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
    let (router, what) = match &args.source {
        Source::Store(data) => {
            let store = crate::store_cmds::open(data)?;
            let (articles, stories) = store.counts().context("reading the store")?;
            let router = concord_server::router(store, limits)
                .with_context(|| format!("loading stories from {}", data.display()))?;
            let what = format!(
                "{articles} articles, {stories} stories in {}",
                data.display()
            );
            (router, what)
        }
        Source::Cluster { log, out } => cluster_router(log, out, limits)?,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime
        .block_on(concord_server::serve(router, args.addr, |bound| {
            // One line scripts and tests can wait for.
            eprintln!("concord: serving http://{bound} ({what})");
        }))
        .with_context(|| format!("serving on {}", args.addr))?;
    Ok(ExitCode::SUCCESS)
}

/// The router over the log and `OUT`, and what it serves, in words.
fn cluster_router(
    log: &str,
    out: &Path,
    limits: Limits,
) -> Result<(concord_server::Router, String)> {
    let shown = concord_log::redact_url(log);
    let config = concord_server::ClusterConfig {
        log: log.to_string(),
        out: out.to_path_buf(),
        poll: EPOCH_POLL,
    };
    let started = std::time::Instant::now();
    let backend = concord_server::ClusterBackend::open(config)
        .map_err(|e| anyhow::anyhow!(e.message))
        .with_context(|| {
            format!(
                "loading the epochs in {} with the log {shown}",
                out.display()
            )
        })?;
    let what = match backend.epoch() {
        Some(epoch) => format!(
            "epoch {epoch} of {} over the log {shown}, loaded in {:.2}s",
            out.display(),
            started.elapsed().as_secs_f64()
        ),
        None => format!("no epoch in {} yet, over the log {shown}", out.display()),
    };
    backend.start_poller();
    Ok((concord_server::router_over(backend, limits), what))
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
