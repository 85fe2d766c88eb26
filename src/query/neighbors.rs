//! `neighbors` queries: the ego network of an entity — everything within a number of hops,
//! as a breadth-first tree, each node with the edges that link it to its parent.

use super::{edge_view, kind_ok, EdgeFilter, NodeRef, SavedArcs, Traversal};
use crate::catalogue::Kind;
use crate::error::Result;
use crate::export::json::ExportedEdge;
use crate::graph::KnowledgeGraph;
use crate::saved::SavedGraph;
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

/// [`neighbors`] on a saved graph without loading it: the same breadth-first search over the
/// saved index finds every node within `depth` hops, and only they and the edges between them
/// are decoded; the answer is the same as on the loaded graph. `center` is an index of the
/// saved graph. O(the ball's degrees) over the index, plus decoding the answer.
pub fn neighbors_in_saved(
    saved: &SavedGraph<'_>,
    center: NodeIndex,
    depth: usize,
    filter: &EdgeFilter,
    kinds: &[Kind],
) -> Result<Neighborhood> {
    let arcs = SavedArcs::new(&saved.index, filter);
    let mut ball = vec![center.index()];
    let mut seen: rustc_hash::FxHashSet<usize> = ball.iter().copied().collect();
    let mut level = ball.clone();
    for _ in 0..depth {
        let mut next = Vec::new();
        for &u in &level {
            for (v, _) in arcs.arcs(u, true) {
                if kind_ok(kinds, saved.index.kind(v)) && seen.insert(v) {
                    next.push(v);
                }
            }
        }
        ball.extend(&next);
        level = next;
    }
    let (kg, at) = saved.subgraph(&ball)?;
    Ok(neighbors(&kg, at[0], depth, filter, kinds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Relation;
    use crate::query::Cooccurrence;

    #[test]
    fn the_saved_graph_route_finds_the_loaded_graphs_neighbours() {
        let seeds = crate::pipeline::embedded_graph();
        let generated = crate::workload::graph(&seeds, 2000, 5000, 8);
        let mut rng = crate::workload::Rng::new(4);
        let mut sizes = std::collections::BTreeSet::new();
        for kg in [seeds, generated] {
            let bytes = crate::saved::saved_for_tests(&kg);
            let saved = SavedGraph::open("g", &bytes).expect("open");
            let filters = [
                EdgeFilter::typed(),
                EdgeFilter {
                    cooccurrence: Cooccurrence::On,
                    directed: true,
                    ..EdgeFilter::typed()
                },
                EdgeFilter {
                    only: vec![Relation::LocatedIn, Relation::Signed],
                    ..EdgeFilter::typed()
                },
            ];
            for filter in &filters {
                for kinds in [vec![], vec![Kind::Organization, Kind::Region]] {
                    for depth in 1..=3 {
                        for _ in 0..8 {
                            let center = NodeIndex::new(rng.below(kg.graph.node_count()));
                            let whole = neighbors(&kg, center, depth, filter, &kinds);
                            let lazy = neighbors_in_saved(&saved, center, depth, filter, &kinds)
                                .expect("neighbours");
                            let json = |n: &Neighborhood| serde_json::to_string(n).expect("json");
                            assert_eq!(json(&whole), json(&lazy), "{center:?} {depth} {filter:?}");
                            sizes.insert(whole.neighbors.len().min(50));
                        }
                    }
                }
            }
        }
        assert!(sizes.contains(&0) && sizes.len() > 10, "{sizes:?}");
    }
}
