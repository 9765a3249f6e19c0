//! The `concord` command: read news articles, find the stories, and print
//! a sourced brief for each.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod cluster_cmds;
mod extract;
mod extract_json;
mod log_cmds;
mod serve;
mod store_cmds;

// Ingest allocates a string per word key, token list and story record; the
// system allocator's malloc/free were a fifth of `concord ingest`'s CPU
// (perf, 20k articles), mimalloc's per-thread free lists a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's defaults hold freed memory for a while and commit arenas
/// up front, which put `concord ingest`'s peak RSS 15–25% above the
/// system allocator's. Purging at once and committing later arenas on
/// demand takes back part of that (20k articles: 298 → 278 MiB; the same
/// options from the environment, which also cover the arena reserved
/// before `main`, bring 100k back to the system allocator's 533 MiB).
///
/// Not for `concord cluster`: differential's batches free and allocate
/// hundreds of megabytes every epoch, and purging them at once had the
/// kernel fault in and zero 9.7 GiB over a 20k-article run (a quarter of
/// its CPU); mimalloc's own delay (1 s) keeps them for the next epoch.
///
/// No transparent huge pages, for any command: mimalloc asks the kernel
/// for them on its large OS allocations, and every fault then zeroes 2 MiB.
/// The vectors differential grows and frees every epoch touched little of
/// each, and zeroing took 15% of a one-worker `cluster` run (3% of
/// `ingest`); without them the kernel zeroes only the 4 KiB pages touched.
fn tune_allocator(command: &Command) {
    let purge_delay_ms = match command {
        Command::Cluster(_) | Command::Extract { .. } => 1000,
        _ => 0,
    };
    // Numbers of mimalloc v3's `mi_option_e` (the bindings name only
    // some options): `mi_option_arena_eager_commit`, `mi_option_purge_delay`.
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option is a plain store into mimalloc's option
    // table; any value is valid for these two.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, purge_delay_ms);
    }
    // mimalloc's own `allow_thp` option is read when it starts, before
    // `main`; the process flag covers the arenas it has already advised.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and changes
    // only this process's huge-page policy; a failure leaves it as it was.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Where the embedded store lives unless `--data` says otherwise.
const DEFAULT_DATA: &str = "concord-data";

#[derive(Parser)]
#[command(
    name = "concord",
    version,
    about = "Reconcile news coverage: stories, sources, claims, quotes, timelines."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Brief every story found in the given files and folders ("-" reads
    /// stdin), or one stored story with --story.
    Brief {
        /// Files (.txt, .html, .jsonl, optionally .gz) or folders of them.
        #[arg(required_unless_present = "story")]
        inputs: Vec<PathBuf>,
        /// Brief this story from the store instead of reading inputs.
        #[arg(long, conflicts_with = "inputs")]
        story: Option<String>,
        /// The store's folder (with --story).
        #[arg(long, default_value = DEFAULT_DATA)]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Extract the article from each page (.html, .txt, optionally .gz;
    /// "-" reads stdin): metadata, body paragraphs and what was removed.
    Extract {
        /// Pages (or folders of them).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = extract::ExtractFormat::Json)]
        format: extract::ExtractFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Serve the JSON API and the web UI over the store, or (with --log and
    /// --cluster) over the ingest log and the epochs of `concord cluster`.
    Serve {
        #[arg(long, default_value = DEFAULT_DATA, conflicts_with = "log")]
        data: PathBuf,
        /// The shared ingest log (a folder holding log.redb, or a
        /// postgres:// URL); needs --cluster.
        #[arg(long, requires = "cluster")]
        log: Option<String>,
        /// The --out folder of `concord cluster`: stories come from its
        /// newest epochs/epoch-NNNNNN.json, followed as newer ones appear.
        #[arg(long, requires = "log")]
        cluster: Option<PathBuf>,
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// File holding the write token (else the CONCORD_TOKEN variable).
        /// Without a token, writes are refused.
        #[arg(long)]
        token_file: Option<PathBuf>,
        /// Allow reads without the token on a non-loopback address.
        #[arg(long)]
        open_reads: bool,
        /// Largest request body, in bytes.
        #[arg(long, default_value_t = 32 * 1024 * 1024)]
        max_body: usize,
        /// Most articles in one POST.
        #[arg(long, default_value_t = 10_000)]
        max_batch: usize,
    },
    #[command(flatten)]
    Store(StoreCommand),
    /// The durable ingest log the dataflow reads.
    #[command(subcommand)]
    Log(LogCommand),
    /// Run this process's workers of the dataflow: epochs of the log →
    /// stories, duplicate groups and claims tables in OUT/epochs/.
    Cluster(cluster_cmds::ClusterArgs),
}

#[derive(Subcommand)]
enum LogCommand {
    /// Read files, folders or stdin ("-") and append the documents to the log.
    Append {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The log's folder (log.redb inside).
        #[arg(long, default_value = "concord-log")]
        log: String,
    },
    /// Delete the log's records below an offset: one given, or the lowest
    /// that restarting `concord cluster --out OUT` still reads.
    Prune(log_cmds::PruneArgs),
}

#[derive(Subcommand)]
enum StoreCommand {
    /// Add articles to the store: new ones join stories or open new ones;
    /// copies of stored articles are recognised and skipped.
    Ingest {
        /// Files, folders, .jsonl, or "-" for stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long, default_value = DEFAULT_DATA, conflicts_with = "log")]
        data: PathBuf,
        /// Append the documents to this shared ingest log instead (a folder
        /// holding log.redb, or a postgres:// URL), as `concord log append`
        /// does; `concord cluster` clusters them.
        #[arg(long)]
        log: Option<String>,
        /// Articles per committed batch.
        #[arg(long, default_value_t = 500)]
        batch: usize,
        /// Threads for cleaning and per-article analysis (0: one per core).
        /// Clustering and commits stay on one thread; the result is the
        /// same for any number.
        #[arg(long, default_value_t = 0)]
        threads: usize,
    },
    /// List stored stories, newest activity first.
    Stories {
        #[arg(long, default_value = DEFAULT_DATA)]
        data: PathBuf,
        /// Only stories with an article published on or after this date (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Only stories that mention this entity.
        #[arg(long)]
        entity: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Full-text search over stored articles.
    Search {
        query: String,
        #[arg(long, default_value = DEFAULT_DATA)]
        data: PathBuf,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tune_allocator(&cli.command);
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("concord: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Store(command) => run_store(command),
        Command::Log(LogCommand::Append { inputs, log }) => cluster_cmds::append(&inputs, &log),
        Command::Log(LogCommand::Prune(args)) => log_cmds::prune(args),
        Command::Cluster(args) => cluster_cmds::cluster(args),
        Command::Brief {
            inputs,
            story,
            data,
            format,
            output,
        } => {
            let brief = match story {
                Some(id) => store_cmds::stored_brief(&data, &id)?,
                None => concord_pipeline::brief_paths(
                    &inputs,
                    &concord_pipeline::BriefOptions::default(),
                ),
            };
            // One line per bad input; the rest of the batch is still briefed.
            for d in &brief.diagnostics {
                eprintln!("concord: {d}");
            }
            let text = match format {
                Format::Json => concord_brief::to_json(&brief),
                Format::Markdown => concord_brief::to_markdown(&brief),
            };
            match output {
                Some(path) => std::fs::write(&path, text)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => write_stdout(&text)?,
            }
            // Exit 1 when any input failed, so scripts notice partial results.
            Ok(if brief.diagnostics.iter().all(|d| d.note) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Extract {
            inputs,
            format,
            output,
        } => extract::run(&inputs, format, output.as_ref()),
        Command::Serve {
            data,
            log,
            cluster,
            addr,
            token_file,
            open_reads,
            max_body,
            max_batch,
        } => serve::run(serve::ServeArgs {
            source: match (log, cluster) {
                (Some(log), Some(out)) => serve::Source::Cluster { log, out },
                _ => serve::Source::Store(data),
            },
            addr,
            token_file,
            open_reads,
            max_body,
            max_batch,
        }),
    }
}

fn run_store(command: StoreCommand) -> Result<ExitCode> {
    match command {
        StoreCommand::Ingest {
            inputs,
            log: Some(log),
            ..
        } => cluster_cmds::append(&inputs, &log),
        StoreCommand::Ingest {
            inputs,
            data,
            log: None,
            batch,
            threads,
        } => store_cmds::ingest(&inputs, &data, batch, threads),
        StoreCommand::Stories {
            data,
            since,
            entity,
            format,
        } => store_cmds::stories(
            &data,
            since.as_deref(),
            entity.as_deref(),
            matches!(format, ListFormat::Json),
        ),
        StoreCommand::Search {
            query,
            data,
            limit,
            format,
        } => store_cmds::search(&data, &query, limit, matches!(format, ListFormat::Json)),
    }
}

fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`concord brief … | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to standard output"),
    }
}
