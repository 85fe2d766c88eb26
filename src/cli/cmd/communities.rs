//! `jjj communities`: groups of closely linked entities (Louvain).

use crate::cli::filter::{describe, TypedRelationArgs};
use crate::cli::{output, Inputs};
use jjj_graph::query::communities::communities;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Find groups of closely linked entities (Louvain modularity, deterministic).
///
/// Edges count both ways and weigh their number of supporting sentences. The result
/// depends only on the graph and --seed (0 visits entities in id order; another seed
/// shuffles the order the same way every time). Members are listed most linked first.
///
/// Examples:
///   jjj communities
///   jjj communities --cooccurrence --seed 7
///   jjj communities --exclude-relation located_in --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The seed for the visiting order.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub seed: u64,
    #[command(flatten)]
    pub relations: TypedRelationArgs,
    /// Print the communities as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let graph = inputs.graph()?;
    let filter = args.relations.filter();
    let found = communities(&graph, &filter, args.seed);
    if args.json {
        output::write_stdout(&output::json(&found)?)?;
    } else {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} communities over {} (Louvain, seed {}, modularity {:.3}); {} entities alone",
            found.communities.len(),
            describe(&filter),
            found.seed,
            found.modularity,
            found.singletons.len()
        );
        for c in &found.communities {
            let _ = writeln!(
                out,
                "\n#{} ({} members, {} internal edges)",
                c.number,
                c.members.len(),
                c.internal_edges
            );
            for m in &c.members {
                let _ = writeln!(out, "  {}  [{}]", m.label(), m.id);
            }
        }
        output::write_stdout(out.as_bytes())?;
    }
    Ok(output::found(!found.communities.is_empty()))
}
