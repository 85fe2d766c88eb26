//! `relations` queries: every direct edge between two entities, either way, with all its
//! evidence.

use super::edge_view;
use crate::export::json::ExportedEdge;
use crate::graph::KnowledgeGraph;
use petgraph::graph::NodeIndex;

/// Every edge between `a` and `b` in either direction (co-occurrence included), by relation,
/// then source. O(deg(a)).
pub fn between(kg: &KnowledgeGraph, a: NodeIndex, b: NodeIndex) -> Vec<ExportedEdge> {
    let mut edges: Vec<_> = kg
        .incident_edges(a)
        .into_iter()
        .filter(|&(_, other, _)| other == b)
        .map(|(e, _, _)| e)
        .collect();
    edges.sort_by_key(|&e| (kg.graph[e].relation, e));
    edges.into_iter().map(|e| edge_view(kg, e)).collect()
}
