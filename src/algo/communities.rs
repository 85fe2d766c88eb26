//! Community detection over petgraph's visit traits: Louvain modularity optimisation
//! (Blondel et al. 2008), deterministic for a given seed, and the modularity of a partition.

use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use std::collections::HashMap;

/// A partition of the nodes into communities.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// The community of each node (by node index). Communities are numbered from 0, largest
    /// first, ties by their smallest node index.
    pub community: Vec<usize>,
    /// Newman–Girvan modularity of the partition.
    pub modularity: f64,
}

/// A symmetric weighted adjacency: `adj[u]` lists (v, weight), one entry per neighbour; a
/// self-loop of weight w is stored once as (u, 2w) so that a node's degree is its row sum.
struct Weighted {
    adj: Vec<Vec<(usize, f64)>>,
}

impl Weighted {
    fn from_links(n: usize, links: impl IntoIterator<Item = (usize, usize, f64)>) -> Weighted {
        let mut rows: Vec<HashMap<usize, f64>> = vec![HashMap::new(); n];
        for (u, v, w) in links {
            if u == v {
                *rows[u].entry(u).or_insert(0.0) += 2.0 * w;
            } else {
                *rows[u].entry(v).or_insert(0.0) += w;
                *rows[v].entry(u).or_insert(0.0) += w;
            }
        }
        Weighted::from_rows(rows)
    }

    /// Rows of (neighbour → weight) as sorted adjacency lists.
    fn from_rows(rows: Vec<HashMap<usize, f64>>) -> Weighted {
        let adj = rows
            .into_iter()
            .map(|r| {
                let mut r: Vec<(usize, f64)> = r.into_iter().collect();
                r.sort_by_key(|&(v, _)| v);
                r
            })
            .collect();
        Weighted { adj }
    }

    fn degree(&self) -> Vec<f64> {
        self.adj
            .iter()
            .map(|r| r.iter().map(|&(_, w)| w).sum())
            .collect()
    }

    fn modularity(&self, community: &[usize]) -> f64 {
        let k = self.degree();
        let m2: f64 = k.iter().sum();
        if m2 == 0.0 {
            return 0.0;
        }
        let mut inside = 0.0;
        let mut total: HashMap<usize, f64> = HashMap::new();
        for (u, row) in self.adj.iter().enumerate() {
            *total.entry(community[u]).or_insert(0.0) += k[u];
            inside += row
                .iter()
                .filter(|&&(v, _)| community[v] == community[u])
                .map(|&(_, w)| w)
                .sum::<f64>();
        }
        let mut totals: Vec<f64> = total.into_values().collect();
        totals.sort_by(f64::total_cmp);
        inside / m2 - totals.iter().map(|t| (t / m2).powi(2)).sum::<f64>()
    }

    /// One level of local moving: each node, in `order`, joins the neighbouring community
    /// that raises modularity most, until a pass moves nothing. Returns the communities
    /// (numbered 0.. in order of their smallest node) and whether anything moved.
    fn local_moving(&self, order: &[usize]) -> (Vec<usize>, bool) {
        let n = self.adj.len();
        let k = self.degree();
        let m2: f64 = k.iter().sum();
        let mut community: Vec<usize> = (0..n).collect();
        let mut total = k.clone();
        let mut moved_any = false;
        if m2 == 0.0 {
            return (community, false);
        }
        let mut to_community: HashMap<usize, f64> = HashMap::new();
        loop {
            let mut moved = false;
            for &u in order {
                let own = community[u];
                to_community.clear();
                for &(v, w) in &self.adj[u] {
                    if v != u {
                        *to_community.entry(community[v]).or_insert(0.0) += w;
                    }
                }
                total[own] -= k[u];
                let gain = |c: usize, w_in: f64| w_in - total[c] * k[u] / m2;
                let mut best = (
                    own,
                    gain(own, to_community.get(&own).copied().unwrap_or(0.0)),
                );
                let mut candidates: Vec<(usize, f64)> =
                    to_community.iter().map(|(&c, &w)| (c, w)).collect();
                candidates.sort_by_key(|&(c, _)| c);
                for (c, w_in) in candidates {
                    let g = gain(c, w_in);
                    if g > best.1 + 1e-12 {
                        best = (c, g);
                    }
                }
                total[best.0] += k[u];
                if best.0 != own {
                    community[u] = best.0;
                    moved = true;
                    moved_any = true;
                }
            }
            if !moved {
                break;
            }
        }
        (renumber(&community), moved_any)
    }

    /// The graph of communities: one node per community, link weights summed.
    fn aggregate(&self, community: &[usize], count: usize) -> Weighted {
        let mut rows: Vec<HashMap<usize, f64>> = vec![HashMap::new(); count];
        for (u, row) in self.adj.iter().enumerate() {
            for &(v, w) in row {
                *rows[community[u]].entry(community[v]).or_insert(0.0) += w;
            }
        }
        Weighted::from_rows(rows)
    }
}

/// Community labels renumbered 0.. in order of first appearance.
fn renumber(labels: &[usize]) -> Vec<usize> {
    let mut map: HashMap<usize, usize> = HashMap::new();
    labels
        .iter()
        .map(|&l| {
            let next = map.len();
            *map.entry(l).or_insert(next)
        })
        .collect()
}

/// A permutation of 0..n: identity for seed 0, else a Fisher–Yates shuffle driven by
/// SplitMix64, so a seed always gives the same order.
pub fn visit_order(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if seed == 0 {
        return order;
    }
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Communities by the Louvain method, treating every edge as an undirected link of weight
/// `weight(e)` (`None` leaves the edge out; parallel edges add up). Nodes are visited in
/// index order (seed 0) or in an order shuffled by `seed`: the same seed gives the same
/// partition. Nodes without links stay alone.
///
/// Complexity: about O(E) per pass, a few passes per level, O(log V) levels in practice.
pub fn louvain<G, W>(g: G, mut weight: W, seed: u64) -> Partition
where
    G: IntoEdgeReferences + NodeIndexable,
    W: FnMut(G::EdgeRef) -> Option<f64>,
{
    let n = g.node_bound();
    let links: Vec<(usize, usize, f64)> = g
        .edge_references()
        .filter_map(|e| {
            let w = weight(e)?;
            Some((g.to_index(e.source()), g.to_index(e.target()), w))
        })
        .collect();
    let original = Weighted::from_links(n, links);
    let mut membership: Vec<usize> = (0..n).collect();
    let mut level = Weighted {
        adj: original.adj.clone(),
    };
    loop {
        let order = visit_order(level.adj.len(), seed);
        let (community, moved) = level.local_moving(&order);
        if !moved {
            break;
        }
        let count = community.iter().max().map_or(0, |m| m + 1);
        for m in &mut membership {
            *m = community[*m];
        }
        level = level.aggregate(&community, count);
    }
    // Number communities largest first, ties by their smallest node.
    let mut size: HashMap<usize, (usize, usize)> = HashMap::new();
    for (u, &c) in membership.iter().enumerate() {
        let e = size.entry(c).or_insert((0, u));
        e.0 += 1;
    }
    let mut ranked: Vec<(usize, (usize, usize))> = size.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    let rank: HashMap<usize, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, &(c, _))| (c, i))
        .collect();
    let community: Vec<usize> = membership.iter().map(|c| rank[c]).collect();
    Partition {
        modularity: original.modularity(&community),
        community,
    }
}

/// The modularity of `community` (by node index) on `g`, edges weighted as in [`louvain`].
pub fn modularity<G, W>(g: G, mut weight: W, community: &[usize]) -> f64
where
    G: IntoEdgeReferences + NodeIndexable,
    W: FnMut(G::EdgeRef) -> Option<f64>,
{
    let links: Vec<(usize, usize, f64)> = g
        .edge_references()
        .filter_map(|e| Some((g.to_index(e.source()), g.to_index(e.target()), weight(e)?)))
        .collect();
    Weighted::from_links(g.node_bound(), links).modularity(community)
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::UnGraph;

    /// Two 4-cliques joined by one link: 13 links, each side's degrees sum to 13.
    fn two_cliques() -> UnGraph<(), ()> {
        let mut links = Vec::new();
        for base in [0u32, 4] {
            for a in 0..4 {
                for b in a + 1..4 {
                    links.push((base + a, base + b));
                }
            }
        }
        links.push((3, 4));
        UnGraph::from_edges(links)
    }

    #[test]
    fn two_cliques_split_in_two() {
        let g = two_cliques();
        for seed in [0, 1, 7, 42] {
            let p = louvain(&g, |_| Some(1.0), seed);
            assert_eq!(p.community, vec![0, 0, 0, 0, 1, 1, 1, 1], "seed {seed}");
            // 2 · (6/13 − (13/26)²) = 12/13 − 1/2
            assert!((p.modularity - (12.0 / 13.0 - 0.5)).abs() < 1e-12);
        }
    }

    #[test]
    fn modularity_of_trivial_partitions() {
        let g = two_cliques();
        assert!(modularity(&g, |_| Some(1.0), &[0; 8]).abs() < 1e-12);
        let empty: UnGraph<(), ()> = UnGraph::from_edges(std::iter::empty::<(u32, u32)>());
        assert_eq!(
            louvain(&empty, |_| Some(1.0), 0).community,
            Vec::<usize>::new()
        );
    }

    #[test]
    fn same_seed_same_partition() {
        let mut links = Vec::new();
        for i in 0..60u32 {
            links.push((i, (i * 7 + 3) % 60));
            links.push((i, (i + 1) % 60));
        }
        let g: UnGraph<(), ()> = UnGraph::from_edges(links);
        let a = louvain(&g, |_| Some(1.0), 5);
        let b = louvain(&g, |_| Some(1.0), 5);
        assert_eq!(a, b);
        assert!(a.modularity > 0.3, "{}", a.modularity);
    }
}
