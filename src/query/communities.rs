//! `communities` queries: groups of closely linked entities (Louvain over the edges a
//! filter allows, deterministic for a seed).

use super::{EdgeFilter, NodeRef};
use crate::algo::communities::louvain;
use crate::graph::KnowledgeGraph;
use petgraph::visit::EdgeRef;
use serde::Serialize;

/// One community.
#[derive(Debug, Clone, Serialize)]
pub struct Community {
    /// 1 = the largest.
    pub number: usize,
    /// Members, most linked inside the community first, then by id.
    pub members: Vec<NodeRef>,
    /// Edges with both ends inside.
    pub internal_edges: usize,
}

/// The partition.
#[derive(Debug, Clone, Serialize)]
pub struct Communities {
    pub modularity: f64,
    pub seed: u64,
    /// Communities of two or more members, largest first.
    pub communities: Vec<Community>,
    /// Entities with no link the filter allows, or alone in their community.
    pub singletons: Vec<NodeRef>,
}

/// Louvain communities over the edges `filter` allows (direction ignored; an edge weighs
/// its number of supporting sentences). O(E) per Louvain pass.
pub fn communities(kg: &KnowledgeGraph, filter: &EdgeFilter, seed: u64) -> Communities {
    let weight = |e: petgraph::graph::EdgeReference<'_, crate::graph::Edge>| {
        filter
            .cost(e.weight())
            .map(|_| f64::from(e.weight().weight.max(1)))
    };
    let partition = louvain(&kg.graph, weight, seed);
    let count = partition.community.iter().max().map_or(0, |m| m + 1);
    let mut inside_degree = vec![0usize; kg.graph.node_count()];
    let mut internal = vec![0usize; count];
    for e in kg.graph.edge_references() {
        let (s, t) = (e.source().index(), e.target().index());
        if filter.cost(e.weight()).is_some() && partition.community[s] == partition.community[t] {
            internal[partition.community[s]] += 1;
            inside_degree[s] += 1;
            inside_degree[t] += 1;
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (n, &c) in partition.community.iter().enumerate() {
        members[c].push(n);
    }
    let mut out = Communities {
        modularity: partition.modularity,
        seed,
        communities: Vec::new(),
        singletons: Vec::new(),
    };
    for (c, mut m) in members.into_iter().enumerate() {
        if m.len() < 2 {
            out.singletons.extend(
                m.iter()
                    .map(|&n| NodeRef::of(&kg.graph[petgraph::graph::NodeIndex::new(n)])),
            );
            continue;
        }
        m.sort_by(|&a, &b| inside_degree[b].cmp(&inside_degree[a]).then(a.cmp(&b)));
        out.communities.push(Community {
            number: out.communities.len() + 1,
            members: m
                .into_iter()
                .map(|n| NodeRef::of(&kg.graph[petgraph::graph::NodeIndex::new(n)]))
                .collect(),
            internal_edges: internal[c],
        });
    }
    out.singletons.sort_by(|a, b| a.id.cmp(&b.id));
    out
}
