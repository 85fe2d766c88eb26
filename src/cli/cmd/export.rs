//! `jjj export`: write the graph, or a view of it, in a format other tools load.

use crate::cli::{output, Inputs};
use anyhow::{bail, Context as _};
use jjj_graph::export::Output;
use jjj_graph::graph::Relation;
use jjj_graph::render::view::{subgraph, View};
use std::path::PathBuf;
use std::process::ExitCode;

/// Write the graph, with evidence, in a format your tools load as it is.
///
/// Formats:
///   json       the project's own schema (schema/graph.schema.json)
///   node-link  NetworkX: networkx.node_link_graph(data, edges="edges")
///   cytoscape  Cytoscape.js / Cytoscape desktop (.cyjs), provinces as compound parents
///   d3         {nodes, links} for d3.forceLink().id(d => d.id)
///   graphml    GraphML with typed keys (NetworkX read_graphml, Gephi, yEd)
///   gexf       GEXF 1.3 (Gephi, NetworkX read_gexf(…, version="1.3"))
///   neo4j-csv  a directory: nodes.csv and relationships.csv for neo4j-admin import, and
///              import.cypher for a running server (needs -o DIR)
///   geojson    regions and parks with coordinates, as Points (QGIS, kepler.gl)
///   html       one offline page: search, filters, evidence cards, zh/en
///
/// --view selects the part of the graph a diagram view shows (overview, chains, parks,
/// wings, actors, timeline, ego:NAME[:DEPTH], path:FROM:TO). Output is deterministic.
///
/// Examples:
///   jjj export --format json -o graph.json
///   jjj export --format node-link | python3 -c 'import json,sys,networkx as nx; print(nx.node_link_graph(json.load(sys.stdin), edges="edges"))'
///   jjj export --format gexf --no-cooccurrence -o jjj.gexf
///   jjj export --format neo4j-csv -o neo4j/
///   jjj export --format html --view parks -o parks.html
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The format.
    #[arg(long, short, default_value = "json", value_name = "FORMAT")]
    pub format: String,
    /// Output file (a directory for neo4j-csv); `-` or nothing for stdout. Written atomically.
    #[arg(long, short, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
    /// Only the part of the graph this diagram view shows.
    #[arg(long, value_name = "VIEW")]
    pub view: Option<View>,
    /// Leave co-occurrence edges out.
    #[arg(long)]
    pub no_cooccurrence: bool,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let Some(exporter) = jjj_graph::export::exporter(&args.format) else {
        bail!(
            "unknown format '{}'; known formats: {}",
            args.format,
            jjj_graph::export::FORMATS.join(", ")
        );
    };
    let graph = inputs.graph()?;
    let mut graph = match &args.view {
        Some(view) => {
            subgraph(&graph, view).with_context(|| format!("cannot select the view {view:?}"))?
        }
        None => graph,
    };
    if args.no_cooccurrence {
        graph = graph.subgraph(|_| true, |e| graph.graph[e].relation != Relation::CoOccurs);
    }
    match exporter.export(&graph)? {
        Output::File(bytes) => output::write(args.output.as_deref(), &bytes)?,
        Output::Directory(files) => {
            let Some(dir) = args.output.filter(|d| d.as_os_str() != "-") else {
                bail!(
                    "{} writes a directory of files: give it with -o DIR",
                    exporter.name()
                );
            };
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            output::write_files(&dir, &files)?;
            eprintln!(
                "jjj: wrote {} to {}",
                files
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                dir.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
