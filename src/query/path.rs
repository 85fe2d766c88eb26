//! `path` queries: how two entities are connected — the cheapest path, the k cheapest
//! (Yen) or all simple paths up to a hop limit — each hop with the edges and evidence
//! behind it.

use super::{edge_view, Cooccurrence, EdgeFilter, Link, NodeRef, Traversal};
use crate::algo::paths::{
    cheapest_path, fewest_hops_path, k_cheapest_paths, simple_paths, CostedPath,
};
use crate::catalogue::Kind;
use crate::error::{Error, Result};
use crate::export::json::ExportedEdge;
use crate::graph::{KnowledgeGraph, Relation};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

/// Which paths to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathMode {
    /// The cheapest path.
    Shortest,
    /// The k cheapest simple paths.
    KShortest(usize),
    /// Every simple path with at most `max_hops` edges, stopping after `limit`.
    All { max_hops: usize, limit: usize },
}

/// A path query: the edge filter, the nodes a path may pass through, and the mode.
#[derive(Debug, Clone)]
pub struct PathQuery {
    pub filter: EdgeFilter,
    /// Intermediate nodes must be of one of these kinds (empty: any).
    pub via_kinds: Vec<Kind>,
    /// Intermediate nodes that may not be used.
    pub avoid: Vec<NodeIndex>,
    pub mode: PathMode,
}

/// One hop: from one node to the next, with every edge linking them that the filter allows
/// (the cheapest, then by relation), each with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    pub from: NodeRef,
    pub to: NodeRef,
    pub edges: Vec<ExportedEdge>,
}

/// A path found.
#[derive(Debug, Clone, Serialize)]
pub struct FoundPath {
    /// Number of hops.
    pub length: usize,
    /// Hops that only co-occurrence supports.
    pub cooccurrence_hops: usize,
    pub nodes: Vec<NodeRef>,
    pub hops: Vec<Hop>,
}

/// The answer to a path query.
#[derive(Debug, Clone, Serialize)]
pub struct Paths {
    pub from: NodeRef,
    pub to: NodeRef,
    pub paths: Vec<FoundPath>,
    /// True when `All` stopped at its limit.
    pub truncated: bool,
}

/// The paths from `from` to `to` that `query` asks for, best first: fewest co-occurrence
/// hops (when co-occurrence is a fallback), then fewest hops, then by node ids. An empty
/// list when none exists. `from == to` is an error.
pub fn find_paths(
    kg: &KnowledgeGraph,
    from: NodeIndex,
    to: NodeIndex,
    query: &PathQuery,
) -> Result<Paths> {
    if from == to {
        return Err(Error::InvalidValue {
            what: "path",
            value: kg.graph[from].record.name.clone(),
            message: "FROM and TO name the same entity".into(),
        });
    }
    let traversal = Traversal::new(kg, &query.filter);
    let g = &traversal.graph;
    let node_ok = |n: NodeIndex| {
        super::kind_ok(&query.via_kinds, kg.graph[n].kind()) && !query.avoid.contains(&n)
    };
    let cost = |e: petgraph::graph::EdgeReference<'_, Link>| Some(e.weight().cost);
    let unit_costs = query.filter.cooccurrence != Cooccurrence::Fallback;
    let (found, truncated): (Vec<CostedPath<_>>, bool) = match query.mode {
        // Every typed edge costs 1: breadth-first search gives the same path, faster.
        PathMode::Shortest if unit_costs => (
            fewest_hops_path(g, from, to, |_| true, node_ok)
                .into_iter()
                .collect(),
            false,
        ),
        PathMode::Shortest => (
            cheapest_path(g, from, to, cost, node_ok)
                .into_iter()
                .collect(),
            false,
        ),
        PathMode::KShortest(k) => (
            k_cheapest_paths(g, from, to, k, unit_costs, cost, node_ok),
            false,
        ),
        PathMode::All { max_hops, limit } => {
            simple_paths(g, from, to, max_hops, limit, cost, node_ok)
        }
    };
    let mut paths: Vec<(u64, Vec<NodeIndex>, FoundPath)> = found
        .into_iter()
        .map(|p| {
            let nodes: Vec<NodeIndex> = std::iter::once(from)
                .chain(p.edges.iter().map(|e| e.target()))
                .collect();
            let hops: Vec<Hop> = p
                .edges
                .iter()
                .map(|e| Hop {
                    from: NodeRef::at(kg, e.source()),
                    to: NodeRef::at(kg, e.target()),
                    edges: traversal
                        .steps(e.weight())
                        .iter()
                        .map(|s| edge_view(kg, s.edge))
                        .collect(),
                })
                .collect();
            let found = FoundPath {
                length: hops.len(),
                cooccurrence_hops: hops
                    .iter()
                    .filter(|h| {
                        h.edges
                            .iter()
                            .all(|e| e.edge.relation == Relation::CoOccurs)
                    })
                    .count(),
                nodes: nodes.iter().map(|&n| NodeRef::at(kg, n)).collect(),
                hops,
            };
            (p.cost, nodes, found)
        })
        .collect();
    paths.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    Ok(Paths {
        from: NodeRef::at(kg, from),
        to: NodeRef::at(kg, to),
        paths: paths.into_iter().map(|(_, _, p)| p).collect(),
        truncated,
    })
}
