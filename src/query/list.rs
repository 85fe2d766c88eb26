//! `list` queries: entities filtered by kind and by where they lie, following the
//! located-in hierarchy down from a region.

use super::{kind_ok, NodeRef};
use crate::catalogue::Kind;
use crate::graph::{KnowledgeGraph, Relation};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;
use std::collections::VecDeque;

/// An entity in a list, with the regions it lies in directly.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub node: NodeRef,
    /// Ids of the entities it is `located_in` directly.
    pub located_in: Vec<String>,
    /// With `within`: how many `located_in` steps lead from it to that region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levels: Option<usize>,
}

/// The entities of `kinds` (empty: all) in id order; with `within`, only those that reach it
/// through `located_in` edges, however many steps (a park in a district of 天津 is in 天津).
///
/// Complexity: O(V + E).
pub fn list(kg: &KnowledgeGraph, kinds: &[Kind], within: Option<NodeIndex>) -> Vec<Listed> {
    let mut levels: Vec<Option<usize>> = vec![None; kg.graph.node_count()];
    if let Some(region) = within {
        levels[region.index()] = Some(0);
        let mut queue = VecDeque::from([region]);
        while let Some(u) = queue.pop_front() {
            let d = levels[u.index()].unwrap_or(0);
            for e in kg.graph.edges_directed(u, Direction::Incoming) {
                if e.weight().relation == Relation::LocatedIn
                    && levels[e.source().index()].is_none()
                {
                    levels[e.source().index()] = Some(d + 1);
                    queue.push_back(e.source());
                }
            }
        }
    }
    kg.graph
        .node_indices()
        .filter(|&n| kind_ok(kinds, kg.graph[n].kind()))
        .filter(|&n| within.is_none() || (Some(n) != within && levels[n.index()].is_some()))
        .map(|n| {
            let mut located_in: Vec<String> = kg
                .graph
                .edges_directed(n, Direction::Outgoing)
                .filter(|e| e.weight().relation == Relation::LocatedIn)
                .map(|e| kg.graph[e.target()].record.id.clone())
                .collect();
            located_in.sort();
            located_in.dedup();
            Listed {
                node: NodeRef::at(kg, n),
                located_in,
                levels: within.and(levels[n.index()]),
            }
        })
        .collect()
}
