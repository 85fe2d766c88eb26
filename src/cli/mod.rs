//! The command line: global input options, the subcommand list and the dispatcher. Each
//! subcommand lives in its own file under `cmd/` with its `Args` and `run`. clap stays here;
//! the library never sees it.

mod cache;
pub mod cmd;
pub mod evidence;
pub mod filter;
pub mod output;
pub mod table;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use jjj_graph::catalogue::Catalogue;
use jjj_graph::corpus::{self, DocumentFile, TextFile};
use jjj_graph::graph::KnowledgeGraph;
use jjj_graph::pipeline::{self, Build, BuildOptions};
use jjj_graph::saved::{self, Origin};
use std::path::{Path, PathBuf};
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
    /// A graph saved by `jjj build --save FILE`: queries load it instead of extracting. If
    /// its inputs (catalogue, documents, jjj version) changed since, it is rebuilt and saved
    /// again first.
    #[arg(long, global = true, value_name = "FILE", env = "JJJ_GRAPH")]
    pub graph: Option<PathBuf>,
    /// Leave out the entities discovered in the documents (open-world extraction) and their
    /// edges: the curated catalogue's graph only.
    #[arg(long, global = true)]
    pub no_discovered: bool,
}

impl Inputs {
    /// Load and validate the catalogue.
    pub fn catalogue(&self) -> anyhow::Result<Catalogue> {
        self.load_catalogue(&self.catalogue_files()?)
    }

    /// The documents, read one at a time as they are consumed, and their total size.
    pub fn documents(&self) -> anyhow::Result<(u64, DocumentStream<'static>)> {
        Ok(match &self.seeds {
            Some(dir) => {
                let paths = corpus::document_paths(dir)?;
                let total = paths
                    .iter()
                    .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
                    .sum();
                (
                    total,
                    Box::new(paths.into_iter().map(|p| corpus::read_document(&p))),
                )
            }
            None => {
                let docs = corpus::embedded_documents();
                let total = docs.iter().map(|d| d.text.len() as u64).sum();
                (total, Box::new(docs.into_iter().map(Ok)))
            }
        })
    }

    /// Load everything and build the graph, keeping the processed documents (for the
    /// commands that look at the text: `check`, `candidates`, `show`, `report`).
    pub fn build(&self) -> anyhow::Result<(Catalogue, Build)> {
        if let Some(file) = &self.graph {
            anyhow::bail!(
                "this command reads the documents themselves, not a saved graph: leave out \
                 --graph {} (or JJJ_GRAPH) and give --seeds/--data if needed",
                file.display()
            );
        }
        let catalogue = self.catalogue()?;
        let mut build = build_with_progress(&catalogue, self.documents()?, true)?;
        build.graph = self.curated_only(build.graph);
        Ok((catalogue, build))
    }

    /// `graph` without its discovered nodes under --no-discovered.
    fn curated_only(&self, graph: KnowledgeGraph) -> KnowledgeGraph {
        if self.no_discovered {
            graph.without(|n| n.discovered)
        } else {
            graph
        }
    }

    /// The graph: loaded from `--graph FILE` (rebuilt first if its inputs changed), else
    /// built from the documents without keeping them.
    pub fn graph(&self) -> anyhow::Result<KnowledgeGraph> {
        let graph = match &self.graph {
            Some(file) => self.load_saved(file)?,
            // The embedded inputs' graph is kept between runs.
            None if self.data.is_none() && self.seeds.is_none() => {
                let inputs = self.hash()?;
                match cache::load(&inputs) {
                    Some(graph) => graph,
                    None => {
                        let catalogue = self.catalogue()?;
                        let graph = build_with_progress(&catalogue, self.documents()?, false)?;
                        cache::store(&inputs, &graph.graph);
                        graph.graph
                    }
                }
            }
            None => {
                let catalogue = self.catalogue()?;
                build_with_progress(&catalogue, self.documents()?, false)?.graph
            }
        };
        Ok(self.curated_only(graph))
    }

    /// Build the graph and save it to `file` with the hash of its inputs.
    pub fn build_and_save(&self, file: &Path) -> anyhow::Result<KnowledgeGraph> {
        let catalogue_files = self.catalogue_files()?;
        let catalogue = self.load_catalogue(&catalogue_files)?;
        let mut hasher = saved::InputHasher::new(&catalogue_files);
        let (total, documents) = self.documents()?;
        let documents = documents.inspect(|d| {
            if let Ok(d) = d {
                hasher.add(d);
            }
        });
        let graph = build_with_progress(&catalogue, (total, Box::new(documents)), false)?.graph;
        let origin = Origin::Built {
            data: absolute(self.data.as_deref()),
            seeds: absolute(self.seeds.as_deref()),
            hash: hasher.finish(),
        };
        output::write_file(file, &saved::to_bytes(&graph, origin)?)?;
        Ok(graph)
    }

    /// The graph of --graph left in its file (a memory map) for a query that reads only part
    /// of it ([`saved::SavedGraph`]); otherwise, as [`Inputs::graph`] gives it: without
    /// --graph, under --no-discovered, or when the file was out of date and rebuilt.
    pub fn open_graph(&self) -> anyhow::Result<Opened> {
        match &self.graph {
            Some(file) if !self.no_discovered => self.fresh_saved(file),
            _ => Ok(Opened::Loaded(self.graph()?)),
        }
    }

    fn load_saved(&self, file: &Path) -> anyhow::Result<KnowledgeGraph> {
        self.fresh_saved(file)?.into_graph()
    }

    /// `file` mapped into memory when it is up to date; else rebuilt from its inputs and
    /// saved again.
    fn fresh_saved(&self, file: &Path) -> anyhow::Result<Opened> {
        let shown = file.display().to_string();
        let mapped = MappedGraph::map(file)?;
        let (header, _) = saved::read_header(&shown, &mapped.map)?;
        let Origin::Built { data, seeds, hash } = &header.origin else {
            // A generated graph has no inputs to check.
            return Ok(Opened::Mapped(mapped));
        };
        // The directories given now, else the ones it was built from.
        let inputs = Inputs {
            data: self
                .data
                .clone()
                .or_else(|| data.as_ref().map(PathBuf::from)),
            seeds: self
                .seeds
                .clone()
                .or_else(|| seeds.as_ref().map(PathBuf::from)),
            graph: None,
            no_discovered: false,
        };
        let why = if header.jjj_version != env!("CARGO_PKG_VERSION") {
            format!(
                "it was saved by jjj {}, this is jjj {}",
                header.jjj_version,
                env!("CARGO_PKG_VERSION")
            )
        } else if inputs.hash()? != *hash {
            "its catalogue or documents changed since it was saved".to_owned()
        } else {
            return Ok(Opened::Mapped(mapped));
        };
        drop(mapped);
        eprintln!("jjj: {shown} is out of date ({why}); rebuilding it");
        Ok(Opened::Loaded(inputs.build_and_save(file)?))
    }

    /// The hash of the inputs, reading the documents one at a time.
    fn hash(&self) -> anyhow::Result<String> {
        let mut hasher = saved::InputHasher::new(&self.catalogue_files()?);
        for d in self.documents()?.1 {
            hasher.add(&d?);
        }
        Ok(hasher.finish())
    }

    fn catalogue_files(&self) -> anyhow::Result<Vec<TextFile>> {
        Ok(match &self.data {
            Some(dir) => corpus::read_catalogue_dir(dir)?,
            None => corpus::embedded_catalogue(),
        })
    }

    fn load_catalogue(&self, files: &[TextFile]) -> anyhow::Result<Catalogue> {
        let origin = self
            .data
            .as_ref()
            .map_or("the embedded catalogue".to_owned(), |d| {
                d.display().to_string()
            });
        Catalogue::load(files).with_context(|| format!("invalid catalogue in {origin}"))
    }
}

/// A saved graph file mapped into memory.
pub struct MappedGraph {
    path: String,
    map: memmap2::Mmap,
}

impl MappedGraph {
    fn map(file: &Path) -> anyhow::Result<MappedGraph> {
        let path = file.display().to_string();
        let f = std::fs::File::open(file).with_context(|| format!("cannot read {path}"))?;
        if f.metadata().is_ok_and(|m| m.is_dir()) {
            anyhow::bail!("cannot read {path}: it is a directory, not a saved graph");
        }
        // SAFETY: the map is read-only, and jjj never rewrites a saved graph in place (it
        // writes a temporary file and renames it over the old one), so the mapped bytes do
        // not change while they are read.
        #[allow(unsafe_code)]
        let map =
            unsafe { memmap2::Mmap::map(&f) }.with_context(|| format!("cannot read {path}"))?;
        Ok(MappedGraph { path, map })
    }

    /// The saved graph in the map, its index checked.
    pub fn open(&self) -> anyhow::Result<saved::SavedGraph<'_>> {
        Ok(saved::SavedGraph::open(&self.path, &self.map)?)
    }
}

/// The one node `name` names in a saved graph ([`saved::SavedGraph::resolve`]), an unknown
/// name with the closest names.
pub fn resolve_saved(
    saved: &saved::SavedGraph<'_>,
    name: &str,
) -> anyhow::Result<petgraph::graph::NodeIndex> {
    saved.resolve(name).map_err(|e| match e {
        jjj_graph::error::Error::UnknownName { name, .. } => jjj_graph::error::Error::UnknownName {
            suggestions: saved.suggestions(&name, 5),
            name,
        }
        .into(),
        other => other.into(),
    })
}

/// A graph as [`Inputs::open_graph`] gives it.
pub enum Opened {
    Mapped(MappedGraph),
    Loaded(KnowledgeGraph),
}

impl Opened {
    /// The whole graph, decoded if it is still in its file.
    pub fn into_graph(self) -> anyhow::Result<KnowledgeGraph> {
        match self {
            Opened::Mapped(m) => {
                let (header, body) = saved::read_header(&m.path, &m.map)?;
                Ok(saved::read_body(&m.path, &header, body)?)
            }
            Opened::Loaded(graph) => Ok(graph),
        }
    }
}

fn absolute(dir: Option<&Path>) -> Option<String> {
    dir.map(|d| {
        std::fs::canonicalize(d)
            .unwrap_or_else(|_| d.to_owned())
            .display()
            .to_string()
    })
}

/// Documents read one at a time.
pub type DocumentStream<'a> = Box<dyn Iterator<Item = jjj_graph::error::Result<DocumentFile>> + 'a>;

/// Build, with a progress bar on stderr for corpora over 8 MB (drawn only when stderr is
/// a terminal).
fn build_with_progress(
    catalogue: &Catalogue,
    (total, documents): (u64, DocumentStream),
    keep_documents: bool,
) -> anyhow::Result<Build> {
    let bar = (total >= 8 << 20).then(|| {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total),
            indicatif::ProgressDrawTarget::stderr(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "extracting {bar:40} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let tick = |bytes: usize| {
        if let Some(bar) = &bar {
            bar.inc(bytes as u64);
        }
    };
    let options = BuildOptions {
        keep_documents,
        progress: Some(&tick),
        ..BuildOptions::default()
    };
    let build = pipeline::build_from(catalogue, documents, &options)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(build)
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
