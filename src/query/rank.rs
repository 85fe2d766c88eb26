//! `rank` queries: which entities are most central — degree, betweenness, closeness or
//! PageRank over the edges a filter allows.

use super::{kind_ok, EdgeFilter, NodeRef, Traversal};
use crate::algo::centrality::{betweenness_csr, closeness, page_rank_csr, sampled_betweenness_csr};
use crate::algo::communities::visit_order;
use crate::catalogue::Kind;
use crate::error::Error;
use crate::graph::KnowledgeGraph;
use serde::Serialize;

/// A centrality measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Distinct neighbours / (n − 1).
    Degree,
    /// Share of shortest paths through the node, normalized by (n − 1)(n − 2).
    Betweenness,
    /// Wasserman–Faust closeness.
    Closeness,
    /// PageRank, damping 0.85.
    Pagerank,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::Degree,
        Measure::Betweenness,
        Measure::Closeness,
        Measure::Pagerank,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Betweenness => "betweenness",
            Measure::Closeness => "closeness",
            Measure::Pagerank => "pagerank",
        }
    }
}

impl std::str::FromStr for Measure {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Measure::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| Error::InvalidValue {
                what: "measure",
                value: s.to_owned(),
                message: format!(
                    "expected one of {}",
                    Measure::ALL.map(Measure::as_str).join(", ")
                ),
            })
    }
}

/// One ranked entity.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    /// 1 = most central.
    pub rank: usize,
    pub node: NodeRef,
    pub score: f64,
    /// Distinct neighbours over the filtered edges.
    pub neighbours: usize,
}

/// The entities of `kinds` (empty: all) ranked by `measure` over the edges `filter` allows,
/// most central first, ties by id; at most `top`. The measure is computed over the whole
/// filtered graph and the kind filter applies afterwards.
///
/// With `sample = Some(k)` betweenness is estimated from k source nodes (a fixed
/// pseudo-random choice, so the result is reproducible) instead of all of them.
///
/// Complexity: degree O(V + E); closeness and betweenness O(V · E) (sampled betweenness
/// O(k · E)); PageRank O(iterations · (V + E)).
pub fn rank(
    kg: &KnowledgeGraph,
    measure: Measure,
    filter: &EdgeFilter,
    kinds: &[Kind],
    top: usize,
    sample: Option<usize>,
) -> Vec<Ranked> {
    let traversal = Traversal::new(kg, filter);
    let g = &traversal.graph;
    let n = g.node_count();
    // Distinct neighbours either way (an undirected traversal has both arcs anyway): every
    // arc both ways, sorted, each pair counted once.
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(2 * g.edge_count());
    for e in g.raw_edges() {
        let (s, t) = (e.source().index(), e.target().index());
        if s != t {
            #[allow(clippy::cast_possible_truncation, reason = "node indices are u32")]
            pairs.extend([(s as u32, t as u32), (t as u32, s as u32)]);
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut degree = vec![0usize; n];
    for (s, _) in pairs {
        degree[s as usize] += 1;
    }
    let scale = |x: f64, by: f64| if by > 0.0 { x / by } else { 0.0 };
    let scores: Vec<f64> = match measure {
        Measure::Degree => degree
            .iter()
            .map(|&d| scale(d as f64, n.saturating_sub(1) as f64))
            .collect(),
        Measure::Betweenness => {
            let by = (n.saturating_sub(1) * n.saturating_sub(2)) as f64;
            let raw = match sample {
                Some(k) if k < n => {
                    let mut sources = visit_order(n, 1);
                    sources.truncate(k);
                    sampled_betweenness_csr(traversal.csr(), &sources)
                }
                _ => betweenness_csr(traversal.csr()),
            };
            raw.into_iter().map(|b| scale(b, by)).collect()
        }
        Measure::Closeness => closeness(g),
        Measure::Pagerank => page_rank_csr(traversal.csr(), 0.85, 1e-10, 1000),
    };
    let mut order: Vec<usize> = (0..n)
        .filter(|&i| kind_ok(kinds, kg.graph[petgraph::graph::NodeIndex::new(i)].kind()))
        .collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order
        .into_iter()
        .take(top)
        .enumerate()
        .map(|(r, i)| Ranked {
            rank: r + 1,
            node: NodeRef::at(kg, petgraph::graph::NodeIndex::new(i)),
            score: scores[i],
            neighbours: degree[i],
        })
        .collect()
}
