//! `jjj neighbors NAME`: the ego network of an entity, grouped by relation.

use crate::cli::evidence::{arrow, edge_note, evidence_line, focus};
use crate::cli::filter::{describe, TypedRelationArgs};
use crate::cli::{output, resolve_saved, Inputs, Opened};
use jjj_graph::catalogue::Kind;
use jjj_graph::export::json::ExportedEdge;
use jjj_graph::graph::Relation;
use jjj_graph::query::neighbors::{neighbors, neighbors_in_saved, Neighbor, Neighborhood};
use jjj_graph::resolve::resolve;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Show an entity's neighbours: everything within --depth hops, grouped by relation.
///
/// Direct neighbours are grouped by relation and direction (→ from the entity, ← towards
/// it, ↔ undirected); with --depth 2 or more, the farther ones hang under the neighbour
/// they are reached through. Typed relations only unless --cooccurrence. Exits 1 when the
/// entity has no neighbour under the filters.
///
/// Examples:
///   jjj neighbors 雄安新区
///   jjj neighbors 天津 --relation located_in --depth 2
///   jjj neighbors 河北 --kind park --depth 3 --relation located_in
///   jjj neighbors 北京市科委 --evidence --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The entity.
    pub name: String,
    /// How many hops out.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub depth: usize,
    #[command(flatten)]
    pub relations: TypedRelationArgs,
    /// Only walk through entities of this kind (repeatable).
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<Kind>,
    /// Print an evidence sentence under each link.
    #[arg(long)]
    pub evidence: bool,
    /// Print the ego network as JSON (every edge with all its evidence).
    #[arg(long)]
    pub json: bool,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let filter = args.relations.filter();
    // A saved graph is walked in its file: only the neighbourhood is decoded.
    let found = match inputs.open_graph()? {
        Opened::Mapped(mapped) => {
            let saved = mapped.open()?;
            let center = resolve_saved(&saved, &args.name)?;
            neighbors_in_saved(&saved, center, args.depth, &filter, &args.kind)?
        }
        Opened::Loaded(kg) => {
            let center = resolve(&kg, &args.name)?;
            neighbors(&kg, center, args.depth, &filter, &args.kind)
        }
    };
    if args.json {
        output::write_stdout(&output::json(&found)?)?;
    } else {
        let mut text = render(&found, args.evidence);
        let _ = writeln!(text, "\n({})", describe(&filter));
        output::write_stdout(text.as_bytes())?;
    }
    Ok(output::found(!found.neighbors.is_empty()))
}

fn render(found: &Neighborhood, evidence: bool) -> String {
    let mut out = String::new();
    let deeper = found.neighbors.iter().filter(|n| n.depth > 1).count();
    let _ = writeln!(
        out,
        "{}  [{}]: {} neighbour{}{}",
        found.center.label(),
        found.center.id,
        found.neighbors.len(),
        if found.neighbors.len() == 1 { "" } else { "s" },
        if found.depth > 1 {
            format!(" within {} hops ({deeper} beyond the first)", found.depth)
        } else {
            String::new()
        }
    );
    let mut children: BTreeMap<&str, Vec<&Neighbor>> = BTreeMap::new();
    for n in found.neighbors.iter().filter(|n| n.depth > 1) {
        children.entry(n.parent.as_str()).or_default().push(n);
    }
    // Direct neighbours by (relation, arrow); a neighbour with several relations is under each.
    let mut groups: BTreeMap<(Relation, &str), Vec<(&Neighbor, &ExportedEdge)>> = BTreeMap::new();
    for n in found.neighbors.iter().filter(|n| n.depth == 1) {
        for e in &n.edges {
            let a = arrow(&e.edge, e.source == found.center.id);
            groups.entry((e.edge.relation, a)).or_default().push((n, e));
        }
    }
    let mut expanded = std::collections::BTreeSet::new();
    for ((relation, a), members) in &groups {
        let _ = writeln!(out, "  {relation} {a} ({})", members.len());
        for (n, e) in members {
            let _ = writeln!(
                out,
                "    {}  [{}]  ({})",
                n.node.label(),
                n.node.id,
                edge_note(&e.edge)
            );
            if evidence {
                if let Some(ev) = e.edge.evidence.first() {
                    let near = focus(ev, &[&n.node.name, &found.center.name]);
                    let _ = writeln!(out, "        {}", evidence_line(ev, near));
                }
            }
            if expanded.insert(n.node.id.as_str()) {
                render_children(&mut out, &children, &n.node.id, 3, evidence);
            }
        }
    }
    out
}

/// The neighbours reached through `parent`, indented one level per hop.
fn render_children(
    out: &mut String,
    children: &BTreeMap<&str, Vec<&Neighbor>>,
    parent: &str,
    indent: usize,
    evidence: bool,
) {
    for n in children.get(parent).into_iter().flatten() {
        let relations: Vec<String> = n
            .edges
            .iter()
            .map(|e| format!("{} {}", e.edge.relation, arrow(&e.edge, e.source == parent)))
            .collect();
        let pad = "  ".repeat(indent);
        let _ = writeln!(
            out,
            "{pad}└ {}: {}  [{}]",
            relations.join(", "),
            n.node.label(),
            n.node.id
        );
        if evidence {
            if let Some(ev) = n.edges.first().and_then(|e| e.edge.evidence.first()) {
                let _ = writeln!(out, "{pad}    {}", evidence_line(ev, &n.node.name));
            }
        }
        render_children(out, children, &n.node.id, indent + 1, evidence);
    }
}
