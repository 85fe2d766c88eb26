//! The command line: global input options, the subcommand list and the dispatcher. Each
//! subcommand lives in its own file under `cmd/` with its `Args` and `run`. clap stays here;
//! the library never sees it.

pub mod cmd;
pub mod evidence;
pub mod filter;
pub mod output;
pub mod table;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use jjj_graph::catalogue::Catalogue;
use jjj_graph::corpus::{self, DocumentFile};
use jjj_graph::pipeline::{self, Build};
use std::path::PathBuf;
use std::process::ExitCode;

/// jjj: a knowledge graph of the Beijing–Tianjin–Hebei (京津冀) coordinated-development
/// policy documents, with evidence for every node and edge.
///
/// By default jjj uses the catalogue and documents compiled into it; --data and --seeds
/// point it at your own. Exit codes: 0 found/ok, 1 nothing found (or check found
/// disagreements), 2 error.
#[derive(Debug, Parser)]
#[command(name = "jjj", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(subcommand)]
    pub command: Command,
}

/// Where the catalogue and the documents come from.
#[derive(Debug, Clone, clap::Args)]
pub struct Inputs {
    /// Catalogue directory (entities/*.toml, relations.toml, sources.toml, references.toml,
    /// normalize.toml) instead of the embedded one.
    #[arg(long, global = true, value_name = "DIR", env = "JJJ_DATA")]
    pub data: Option<PathBuf>,
    /// Directory of documents (*.txt, *.md, UTF-8) instead of the embedded seeds.
    #[arg(long, global = true, value_name = "DIR", env = "JJJ_SEEDS")]
    pub seeds: Option<PathBuf>,
}

impl Inputs {
    /// Load and validate the catalogue.
    pub fn catalogue(&self) -> anyhow::Result<Catalogue> {
        let files = match &self.data {
            Some(dir) => corpus::read_catalogue_dir(dir)?,
            None => corpus::embedded_catalogue(),
        };
        let origin = self
            .data
            .as_ref()
            .map_or("the embedded catalogue".to_owned(), |d| {
                d.display().to_string()
            });
        Catalogue::load(&files).with_context(|| format!("invalid catalogue in {origin}"))
    }

    /// Read the documents.
    pub fn documents(&self) -> anyhow::Result<Vec<DocumentFile>> {
        Ok(match &self.seeds {
            Some(dir) => corpus::read_documents_dir(dir)?,
            None => corpus::embedded_documents(),
        })
    }

    /// Load everything and build the graph.
    pub fn build(&self) -> anyhow::Result<(Catalogue, Build)> {
        let catalogue = self.catalogue()?;
        let documents = self.documents()?;
        let build = pipeline::build(&catalogue, &documents)?;
        Ok((catalogue, build))
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    Build(cmd::build::Args),
    Check(cmd::check::Args),
    Show(cmd::show::Args),
    Path(cmd::path::Args),
    Neighbors(cmd::neighbors::Args),
    Relations(cmd::relations::Args),
    Find(cmd::find::Args),
    List(cmd::list::Args),
    Rank(cmd::rank::Args),
    Timeline(cmd::timeline::Args),
    Communities(cmd::communities::Args),
    Render(cmd::render::Args),
    Stats(cmd::stats::Args),
    Candidates(cmd::candidates::Args),
    Export(cmd::export::Args),
    Generate(cmd::generate::Args),
    Report(cmd::report::Args),
}

/// Dispatch to the subcommand.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let inputs = &cli.inputs;
    match cli.command {
        Command::Build(args) => cmd::build::run(inputs, args),
        Command::Check(args) => cmd::check::run(inputs, args),
        Command::Show(args) => cmd::show::run(inputs, args),
        Command::Path(args) => cmd::path::run(inputs, args),
        Command::Neighbors(args) => cmd::neighbors::run(inputs, args),
        Command::Relations(args) => cmd::relations::run(inputs, args),
        Command::Find(args) => cmd::find::run(inputs, args),
        Command::List(args) => cmd::list::run(inputs, args),
        Command::Rank(args) => cmd::rank::run(inputs, args),
        Command::Timeline(args) => cmd::timeline::run(inputs, args),
        Command::Communities(args) => cmd::communities::run(inputs, args),
        Command::Render(args) => cmd::render::run(inputs, args),
        Command::Stats(args) => cmd::stats::run(inputs, args),
        Command::Candidates(args) => cmd::candidates::run(inputs, args),
        Command::Export(args) => cmd::export::run(inputs, args),
        Command::Generate(args) => cmd::generate::run(inputs, args),
        Command::Report(args) => cmd::report::run(inputs, args),
    }
}
