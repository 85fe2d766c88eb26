//! `neighbors` queries: the ego network of an entity — everything within a number of hops,
//! as a breadth-first tree, each node with the edges that link it to its parent.

use super::{edge_view, kind_ok, EdgeFilter, NodeRef, Traversal};
use crate::catalogue::Kind;
use crate::export::json::ExportedEdge;
use crate::graph::KnowledgeGraph;
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::VecDeque;

/// A node of the ego network.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbor {
    pub node: NodeRef,
    /// Hops from the centre (1 = a direct neighbour).
    pub depth: usize,
    /// The node it was reached from (the centre for depth 1).
    pub parent: String,
    /// Every edge between the parent and this node that the filter allows.
    pub edges: Vec<ExportedEdge>,
}

/// The ego network of one entity.
#[derive(Debug, Clone, Serialize)]
pub struct Neighborhood {
    pub center: NodeRef,
    pub depth: usize,
    /// Breadth-first order: by depth, then by parent, then by id.
    pub neighbors: Vec<Neighbor>,
}

/// Every entity within `depth` hops of `center` over the edges `filter` allows, walking only
/// through nodes of `kinds` (empty: any kind). Each is listed once, under the first parent
/// (in breadth-first, id order) that reaches it.
///
/// Complexity: O(V + E) for the traversal graph plus the search.
pub fn neighbors(
    kg: &KnowledgeGraph,
    center: NodeIndex,
    depth: usize,
    filter: &EdgeFilter,
    kinds: &[Kind],
) -> Neighborhood {
    let traversal = Traversal::new(kg, filter);
    let mut seen = vec![false; kg.graph.node_count()];
    seen[center.index()] = true;
    let mut queue = VecDeque::from([(center, 0usize)]);
    let mut out = Vec::new();
    while let Some((u, d)) = queue.pop_front() {
        if d >= depth {
            continue;
        }
        for (v, link) in traversal.neighbors_sorted(u) {
            if seen[v.index()] || !kind_ok(kinds, kg.graph[v].kind()) {
                continue;
            }
            seen[v.index()] = true;
            out.push(Neighbor {
                node: NodeRef::at(kg, v),
                depth: d + 1,
                parent: kg.graph[u].record.id.clone(),
                edges: traversal
                    .steps(link)
                    .iter()
                    .map(|s| edge_view(kg, s.edge))
                    .collect(),
            });
            queue.push_back((v, d + 1));
        }
    }
    Neighborhood {
        center: NodeRef::at(kg, center),
        depth,
        neighbors: out,
    }
}
