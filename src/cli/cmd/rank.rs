//! `jjj rank`: the most central entities by degree, betweenness, closeness or PageRank.

use crate::cli::filter::{describe, TypedRelationArgs};
use crate::cli::{output, table, Inputs};
use jjj_graph::catalogue::Kind;
use jjj_graph::query::rank::{rank, Measure};
use std::process::ExitCode;

/// Rank entities by centrality.
///
/// Measures: degree (distinct neighbours / (n−1)), betweenness (Brandes; share of shortest
/// paths through the entity, normalized by (n−1)(n−2)), closeness (Wasserman–Faust, fair to
/// entities outside the main component), pagerank (damping 0.85). Computed over typed
/// relations, both ways, unless told otherwise; --kind filters the ranking, not the graph.
/// Ties are broken by id.
///
/// Examples:
///   jjj rank
///   jjj rank --by betweenness --kind organization --top 10
///   jjj rank --by pagerank --directed --json
///   jjj rank --by degree --cooccurrence
///   jjj --graph big.jjj rank --by betweenness --sample 100
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The measure: degree, betweenness, closeness, pagerank.
    #[arg(long, default_value = "degree", value_name = "MEASURE")]
    pub by: Measure,
    /// Only rank entities of this kind (repeatable).
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<Kind>,
    /// How many to show.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    /// Estimate betweenness from N source entities (a fixed pseudo-random choice) instead
    /// of all: O(N·E) instead of O(V·E), for large graphs.
    #[arg(long, value_name = "N")]
    pub sample: Option<usize>,
    #[command(flatten)]
    pub relations: TypedRelationArgs,
    /// Print the ranking as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let graph = inputs.graph()?;
    let kg = &graph;
    let filter = args.relations.filter();
    let ranked = rank(kg, args.by, &filter, &args.kind, args.top, args.sample);
    if args.json {
        output::write_stdout(&output::json(&ranked)?)?;
    } else if !ranked.is_empty() {
        let mut rows = vec![vec![
            "rank".into(),
            args.by.as_str().into(),
            "neighbours".into(),
            "id".into(),
            "kind".into(),
            "name".into(),
        ]];
        for r in &ranked {
            rows.push(vec![
                r.rank.to_string(),
                format!("{:.4}", r.score),
                r.neighbours.to_string(),
                r.node.id.clone(),
                r.node.kind.to_string(),
                r.node.label(),
            ]);
        }
        let mut text = format!("{} over {}\n", args.by.as_str(), describe(&filter));
        text.push_str(&table::render(&rows));
        output::write_stdout(text.as_bytes())?;
    } else {
        eprintln!("jjj: no entity to rank under the filters");
    }
    Ok(output::found(!ranked.is_empty()))
}
