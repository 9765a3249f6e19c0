//! The `concord` command: read news articles, find the stories, and print
//! a sourced brief for each.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Brief every story found in the given files and folders ("-" reads stdin).
    Brief {
        /// Files (.txt, .html, .jsonl, optionally .gz) or folders of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Markdown,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("concord: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Brief {
            inputs,
            format,
            output,
        } => {
            let brief =
                concord_pipeline::brief_paths(&inputs, &concord_pipeline::BriefOptions::default());
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
            Ok(if brief.diagnostics.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
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
