//! `jjj stats`: counts of nodes, edges, mentions and evidence.

use crate::cli::{output, table, Inputs};
use std::process::ExitCode;

/// Print counts: nodes per kind, edges per relation and provenance, evidence coverage.
///
/// Examples:
///   jjj stats
///   jjj stats --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Print the counts as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let graph = inputs.graph()?;
    let s = jjj_graph::stats::stats(&graph);
    if args.json {
        output::write_stdout(&output::json(&s)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = vec![vec!["count".to_owned(), "value".to_owned()]];
    for (k, v) in [
        ("documents", s.documents),
        ("sentences", s.sentences),
        ("nodes", s.nodes),
        ("edges", s.edges),
        ("mentions", s.mentions),
        ("nodes with evidence", s.nodes_with_evidence),
        ("edges with evidence", s.edges_with_evidence),
        ("discovered (not in the catalogue)", s.discovered),
        ("problems", s.problems),
        ("errors", s.errors),
    ] {
        rows.push(vec![k.to_owned(), v.to_string()]);
    }
    for (k, v) in &s.nodes_by_kind {
        rows.push(vec![format!("nodes: {k}"), v.to_string()]);
    }
    for (k, v) in &s.edges_by_relation {
        rows.push(vec![format!("edges: {k}"), v.to_string()]);
    }
    for (k, v) in &s.edges_by_provenance {
        rows.push(vec![format!("edges from {k}"), v.to_string()]);
    }
    output::write_stdout(table::render(&rows).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
