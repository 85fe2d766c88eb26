//! `jjj relations A B`: every direct edge between two entities, with all its evidence.

use crate::cli::evidence::{arrow, edge_note, evidence_line, focus};
use crate::cli::{output, resolve_saved, Inputs, Opened};
use jjj_graph::graph::KnowledgeGraph;
use jjj_graph::query::relations::between;
use jjj_graph::query::NodeRef;
use jjj_graph::resolve::resolve;
use serde::Serialize;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Show every direct edge between two entities, either way, with all its evidence.
///
/// Typed relations and co-occurrence alike; each edge with its provenance (rule, curated,
/// background, cooccurrence), confidence and every sentence that supports it. Exits 1 when
/// the two are not directly linked (try `jjj path`).
///
/// Examples:
///   jjj relations 北京市科委 2018年合作协议
///   jjj relations 雄安新区 河北 --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// One entity.
    pub a: String,
    /// The other.
    pub b: String,
    /// Print the edges as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Answer {
    a: NodeRef,
    b: NodeRef,
    edges: Vec<jjj_graph::export::json::ExportedEdge>,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let answer = |kg: &KnowledgeGraph, a, b| Answer {
        a: NodeRef::at(kg, a),
        b: NodeRef::at(kg, b),
        edges: between(kg, a, b),
    };
    let answer = match inputs.open_graph()? {
        // A saved graph is read in its file: only the two entities and their edges are decoded.
        Opened::Mapped(mapped) => {
            let saved = mapped.open()?;
            let (a, b) = (
                resolve_saved(&saved, &args.a)?,
                resolve_saved(&saved, &args.b)?,
            );
            let (kg, at) = saved.subgraph(&[a.index(), b.index()])?;
            answer(&kg, at[0], at[1])
        }
        Opened::Loaded(kg) => {
            let (a, b) = (resolve(&kg, &args.a)?, resolve(&kg, &args.b)?);
            answer(&kg, a, b)
        }
    };
    if args.json {
        output::write_stdout(&output::json(&answer)?)?;
    } else if answer.edges.is_empty() {
        eprintln!(
            "jjj: no direct edge between {} [{}] and {} [{}]; `jjj path` finds indirect links",
            answer.a.name, answer.a.id, answer.b.name, answer.b.id
        );
    } else {
        output::write_stdout(render(&answer).as_bytes())?;
    }
    Ok(output::found(!answer.edges.is_empty()))
}

fn render(answer: &Answer) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  [{}]  —  {}  [{}]: {} edge{}",
        answer.a.label(),
        answer.a.id,
        answer.b.label(),
        answer.b.id,
        answer.edges.len(),
        if answer.edges.len() == 1 { "" } else { "s" }
    );
    for e in &answer.edges {
        let from_a = e.source == answer.a.id;
        let _ = writeln!(
            out,
            "\n  {} {} {} {}  ({}; confidence {:.2})",
            answer.a.name,
            e.edge.relation,
            arrow(&e.edge, from_a),
            answer.b.name,
            edge_note(&e.edge),
            e.edge.confidence
        );
        for ev in &e.edge.evidence {
            let near = focus(ev, &[&answer.b.name, &answer.a.name]);
            let _ = writeln!(out, "    {}", evidence_line(ev, near));
        }
    }
    out
}
