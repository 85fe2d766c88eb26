//! `path` queries: how two entities are connected — the cheapest path, the k cheapest
//! (Yen) or all simple paths up to a hop limit — each hop with the edges and evidence
//! behind it.

use super::{edge_view, Cooccurrence, EdgeFilter, Link, NodeRef, SavedArcs, Traversal};
use crate::algo::paths::{
    cheapest_path, cheapest_path_nodes, fewest_hops_path, k_cheapest_paths, short_path_nodes,
    simple_paths, CostedPath,
};
use crate::catalogue::Kind;
use crate::error::{Error, Result};
use crate::export::json::ExportedEdge;
use crate::graph::{KnowledgeGraph, Relation};
use crate::saved::SavedGraph;
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

/// [`find_paths`] on a saved graph without loading it, in [`PathMode::Shortest`] or
/// [`PathMode::All`]: the nodes the answer can use are found by walking the saved index, and
/// only they and the edges between them are decoded, so the answer is the same as on the
/// loaded graph. For the shortest path they are the nodes on every cheapest path
/// ([`cheapest_path_nodes`]; typed edges first when co-occurrence is a fallback, since any
/// typed path is cheaper than one that needs co-occurrence); for all paths, the nodes within
/// `max_hops` of both ends together ([`short_path_nodes`]). [`PathMode::KShortest`] is an
/// error: load the graph. `from`, `to` and `query.avoid` are indices of the saved graph.
/// O(V + E) over the index, plus decoding the answer.
pub fn find_paths_in_saved(
    saved: &SavedGraph<'_>,
    from: NodeIndex,
    to: NodeIndex,
    query: &PathQuery,
) -> Result<Paths> {
    let index = &saved.index;
    let filter = &query.filter;
    let node_ok = |n: usize| {
        super::kind_ok(&query.via_kinds, index.kind(n)) && !query.avoid.contains(&NodeIndex::new(n))
    };
    let arcs = SavedArcs::new(index, filter);
    // Arcs leaving (`forward`) or entering a node whose cost `keep` accepts.
    let arcs = |u: usize, forward: bool, keep: fn(u64) -> bool| {
        arcs.arcs(u, forward).filter(move |&(_, c)| keep(c))
    };
    let search = |unit: bool, keep: fn(u64) -> bool| {
        cheapest_path_nodes(
            index.node_count(),
            from.index(),
            to.index(),
            unit,
            |u| arcs(u, true, keep),
            |v| arcs(v, false, keep),
            node_ok,
        )
    };
    let nodes = match query.mode {
        PathMode::Shortest => search(true, |c| c == 1).or_else(|| {
            (filter.cooccurrence == Cooccurrence::Fallback
                && filter.only.is_empty()
                && index.has_relation(Relation::CoOccurs))
            .then(|| search(false, |_| true))
            .flatten()
        }),
        PathMode::All { max_hops, .. } => Some(short_path_nodes(
            from.index(),
            to.index(),
            max_hops,
            |u| arcs(u, true, |_| true),
            |v| arcs(v, false, |_| true),
            node_ok,
        )),
        PathMode::KShortest(_) => {
            return Err(Error::InvalidValue {
                what: "path",
                value: "--k".into(),
                message: "the k shortest paths need the loaded graph".into(),
            })
        }
    }
    .unwrap_or_else(|| vec![from.index(), to.index()]);
    // The nodes, then the ends, then the avoided nodes among them.
    let n = nodes.len();
    let mut wanted = nodes.clone();
    wanted.extend([from.index(), to.index()]);
    wanted.extend(
        query
            .avoid
            .iter()
            .map(|a| a.index())
            .filter(|a| nodes.binary_search(a).is_ok()),
    );
    let (kg, at) = saved.subgraph(&wanted)?;
    let local = PathQuery {
        avoid: at[n + 2..].to_vec(),
        ..query.clone()
    };
    find_paths(&kg, at[n], at[n + 1], &local)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::EdgeFilter;
    use crate::workload::Rng;

    /// The seeds' graph, and a sparse generated one where every third edge is a
    /// co-occurrence (so some pairs need the fallback and some are not connected).
    fn graphs() -> Vec<KnowledgeGraph> {
        let seeds = crate::pipeline::embedded_graph();
        let mut sparse = crate::workload::graph(&seeds, 3000, 3600, 5);
        for e in sparse.graph.edge_indices().step_by(3) {
            sparse.graph[e].relation = Relation::CoOccurs;
        }
        vec![seeds, sparse]
    }

    #[test]
    fn the_saved_graph_route_finds_the_loaded_graphs_paths() {
        let (mut reached, mut truncated, mut several) = ([0usize; 2], 0, 0);
        for kg in graphs() {
            let bytes = crate::saved::saved_for_tests(&kg);
            let saved = SavedGraph::open("g", &bytes).expect("open");
            let n = kg.graph.node_count();
            let hub = kg
                .graph
                .node_indices()
                .max_by_key(|&i| kg.graph.neighbors_undirected(i).count())
                .expect("nodes");
            let mut queries = Vec::new();
            for cooccurrence in [Cooccurrence::Fallback, Cooccurrence::Off, Cooccurrence::On] {
                for directed in [false, true] {
                    queries.push(PathQuery {
                        filter: EdgeFilter {
                            cooccurrence,
                            directed,
                            ..EdgeFilter::typed()
                        },
                        via_kinds: Vec::new(),
                        avoid: Vec::new(),
                        mode: PathMode::Shortest,
                    });
                }
            }
            let base = queries[0].clone();
            queries.push(PathQuery {
                via_kinds: vec![Kind::Organization, Kind::Region],
                ..base.clone()
            });
            queries.push(PathQuery {
                avoid: vec![hub],
                ..base.clone()
            });
            queries.push(PathQuery {
                filter: EdgeFilter {
                    only: vec![Relation::LocatedIn, Relation::CoOccurs, Relation::Supports],
                    ..base.filter.clone()
                },
                ..base.clone()
            });
            for (max_hops, limit) in [(3, 100), (4, 7)] {
                for filter in [base.filter.clone(), queries[3].filter.clone()] {
                    queries.push(PathQuery {
                        filter,
                        mode: PathMode::All { max_hops, limit },
                        ..base.clone()
                    });
                }
            }
            queries.push(PathQuery {
                avoid: vec![hub],
                via_kinds: vec![Kind::Organization, Kind::Region, Kind::Document],
                mode: PathMode::All {
                    max_hops: 4,
                    limit: 20,
                },
                ..base.clone()
            });
            let mut rng = Rng::new(11);
            for query in &queries {
                for _ in 0..60 {
                    let (a, b) = (NodeIndex::new(rng.below(n)), NodeIndex::new(rng.below(n)));
                    let whole = find_paths(&kg, a, b, query).map_err(|e| e.to_string());
                    let lazy = find_paths_in_saved(&saved, a, b, query).map_err(|e| e.to_string());
                    let json = |p: &std::result::Result<Paths, String>| {
                        p.as_ref()
                            .map(|p| serde_json::to_string(p).expect("json"))
                            .map_err(Clone::clone)
                    };
                    assert_eq!(json(&whole), json(&lazy), "{a:?} → {b:?} with {query:?}");
                    if let Ok(p) = &whole {
                        reached[usize::from(p.paths.is_empty())] += 1;
                        truncated += usize::from(p.truncated);
                        several += usize::from(p.paths.len() > 1);
                    }
                }
            }
        }
        // Every kind of answer occurs: paths found and none, several, cut at the limit.
        assert!(reached[0] > 100 && reached[1] > 50, "{reached:?}");
        assert!(
            truncated > 0 && several > 20,
            "{truncated} truncated, {several} with several paths"
        );
    }
}
