//! Centrality over petgraph's visit traits: betweenness (Brandes), closeness
//! (Wasserman–Faust, for graphs that are not connected) and PageRank (power iteration).
//! petgraph has no betweenness or closeness, and its `page_rank` is quadratic in the node
//! count. An undirected graph is passed as a directed one with both arcs of every link.

use petgraph::visit::{IntoNeighbors, NodeCount, NodeIndexable};
use std::collections::VecDeque;

/// Breadth-first distances from `source` into `dist` (u32::MAX = unreachable).
fn bfs<G>(g: G, source: usize, dist: &mut [u32], queue: &mut VecDeque<usize>)
where
    G: IntoNeighbors + NodeIndexable,
{
    dist.fill(u32::MAX);
    dist[source] = 0;
    queue.clear();
    queue.push_back(source);
    while let Some(u) = queue.pop_front() {
        for v in g.neighbors(g.from_index(u)) {
            let v = g.to_index(v);
            if dist[v] == u32::MAX {
                dist[v] = dist[u] + 1;
                queue.push_back(v);
            }
        }
    }
}

/// Betweenness of every node (by node index): the number of shortest paths between ordered
/// pairs of other nodes that pass through it, each pair's share divided among its shortest
/// paths. Unnormalized; for a graph given with both arcs of each undirected link every pair
/// counts twice, so divide by (n−1)(n−2) to get NetworkX's normalized value in either case.
/// Parallel arcs count as separate paths: pass a graph with one arc per ordered node pair.
///
/// Complexity (Brandes 2001): O(V · E) time, O(V + E) memory.
pub fn betweenness<G>(g: G) -> Vec<f64>
where
    G: IntoNeighbors + NodeIndexable,
{
    betweenness_from(g, 0..g.node_bound())
}

/// Betweenness estimated from the shortest paths leaving `sources` only (Brandes and
/// Pich 2007): the partial sums scaled by V / |sources|, so that sampling k sources
/// uniformly gives an unbiased estimate of [`betweenness`] (NetworkX's
/// `betweenness_centrality(k=…, normalized=False)`). With every node as a source it is
/// exactly [`betweenness`].
///
/// Complexity: O(k · E) time for k sources, O(V + E) memory.
pub fn sampled_betweenness<G>(g: G, sources: &[usize]) -> Vec<f64>
where
    G: IntoNeighbors + NodeIndexable,
{
    let mut score = betweenness_from(g, sources.iter().copied());
    if !sources.is_empty() {
        let scale = g.node_bound() as f64 / sources.len() as f64;
        score.iter_mut().for_each(|x| *x *= scale);
    }
    score
}

/// Brandes' accumulation over the shortest paths leaving `sources` (indices below the
/// node bound; others are skipped).
fn betweenness_from<G>(g: G, sources: impl IntoIterator<Item = usize>) -> Vec<f64>
where
    G: IntoNeighbors + NodeIndexable,
{
    let n = g.node_bound();
    let mut score = vec![0.0; n];
    let mut dist = vec![u32::MAX; n];
    let mut sigma = vec![0.0f64; n];
    let mut delta = vec![0.0f64; n];
    let mut preds: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut queue = VecDeque::new();
    for s in sources.into_iter().filter(|&s| s < n) {
        // Only the nodes the last search reached need resetting.
        for &u in &order {
            dist[u] = u32::MAX;
            sigma[u] = 0.0;
            delta[u] = 0.0;
            preds[u].clear();
        }
        order.clear();
        dist[s] = 0;
        sigma[s] = 1.0;
        queue.push_back(s);
        while let Some(u) = queue.pop_front() {
            order.push(u);
            for v in g.neighbors(g.from_index(u)) {
                let v = g.to_index(v);
                if dist[v] == u32::MAX {
                    dist[v] = dist[u] + 1;
                    queue.push_back(v);
                }
                if dist[v] == dist[u] + 1 {
                    sigma[v] += sigma[u];
                    preds[v].push(u as u32);
                }
            }
        }
        for &w in order.iter().rev() {
            let coefficient = (1.0 + delta[w]) / sigma[w];
            for &u in &preds[w] {
                delta[u as usize] += sigma[u as usize] * coefficient;
            }
            if w != s {
                score[w] += delta[w];
            }
        }
    }
    score
}

/// Closeness of every node (by node index), following outgoing arcs: with r the number of
/// other nodes it reaches and D the sum of their distances, (r / (n−1)) · (r / D), or 0 when
/// it reaches none. This is the Wasserman–Faust form NetworkX uses (`wf_improved`), which
/// keeps a small component's nodes from looking central.
///
/// Complexity: O(V · (V + E)) time, O(V) memory.
pub fn closeness<G>(g: G) -> Vec<f64>
where
    G: IntoNeighbors + NodeIndexable + NodeCount,
{
    let n = g.node_bound();
    let mut dist = vec![u32::MAX; n];
    let mut queue = VecDeque::new();
    (0..n)
        .map(|s| {
            bfs(g, s, &mut dist, &mut queue);
            let (reached, total) = dist
                .iter()
                .filter(|&&d| d != u32::MAX && d > 0)
                .fold((0usize, 0u64), |(r, t), &d| (r + 1, t + u64::from(d)));
            if reached == 0 || n < 2 {
                0.0
            } else {
                let r = reached as f64;
                (r / (n - 1) as f64) * (r / total as f64)
            }
        })
        .collect()
}

/// PageRank of every node (by node index), summing to 1: power iteration with damping
/// `damping`, the rank of nodes without outgoing arcs spread evenly over all nodes (as
/// NetworkX does), until the L1 change is below `n · tolerance` or after `max_iterations`.
///
/// Complexity: O(iterations · (V + E)) time, O(V) memory.
pub fn page_rank<G>(g: G, damping: f64, tolerance: f64, max_iterations: usize) -> Vec<f64>
where
    G: IntoNeighbors + NodeIndexable,
{
    let n = g.node_bound();
    if n == 0 {
        return Vec::new();
    }
    let uniform = 1.0 / n as f64;
    let out_degree: Vec<usize> = (0..n)
        .map(|u| g.neighbors(g.from_index(u)).count())
        .collect();
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iterations {
        let dangling: f64 = (0..n)
            .filter(|&u| out_degree[u] == 0)
            .map(|u| rank[u])
            .sum();
        let base = (1.0 - damping) * uniform + damping * dangling * uniform;
        next.fill(base);
        for u in 0..n {
            if out_degree[u] == 0 {
                continue;
            }
            let share = damping * rank[u] / out_degree[u] as f64;
            for v in g.neighbors(g.from_index(u)) {
                next[g.to_index(v)] += share;
            }
        }
        let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < n as f64 * tolerance {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::DiGraph;

    /// An undirected graph as a directed one with both arcs.
    fn undirected(n: usize, links: &[(usize, usize)]) -> DiGraph<(), ()> {
        let mut g = DiGraph::new();
        let nodes: Vec<_> = (0..n).map(|_| g.add_node(())).collect();
        for &(a, b) in links {
            g.add_edge(nodes[a], nodes[b], ());
            g.add_edge(nodes[b], nodes[a], ());
        }
        g
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    #[test]
    fn betweenness_of_a_path_and_a_star() {
        // Undirected values 0,3,4,3,0, counted twice with both arcs.
        let path = undirected(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        assert!(close(&betweenness(&path), &[0.0, 6.0, 8.0, 6.0, 0.0]));
        let star = undirected(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        assert!(close(&betweenness(&star), &[12.0, 0.0, 0.0, 0.0, 0.0]));
        // A 4-cycle: each node lies on half of the one opposite pair's two paths, both ways.
        let cycle = undirected(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
        assert!(close(&betweenness(&cycle), &[1.0, 1.0, 1.0, 1.0]));
    }

    #[test]
    fn sampled_betweenness_scales_partial_sums() {
        let star = undirected(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        // From leaf 1 the centre lies on the paths to 2, 3 and 4: 3, scaled by 5 / 1.
        assert!(close(
            &sampled_betweenness(&star, &[1]),
            &[15.0, 0.0, 0.0, 0.0, 0.0]
        ));
        let path = undirected(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let all: Vec<usize> = (0..5).collect();
        assert!(close(
            &sampled_betweenness(&path, &all),
            &betweenness(&path)
        ));
        assert!(sampled_betweenness(&path, &[]).iter().all(|&x| x == 0.0));
    }

    #[test]
    fn closeness_of_a_path_and_a_split_graph() {
        let path = undirected(3, &[(0, 1), (1, 2)]);
        assert!(close(&closeness(&path), &[2.0 / 3.0, 1.0, 2.0 / 3.0]));
        // Two components: 0–1 and 2 alone; r = 1 of n − 1 = 2 → 0.5 · 1.
        let split = undirected(3, &[(0, 1)]);
        assert!(close(&closeness(&split), &[0.5, 0.5, 0.0]));
    }

    #[test]
    fn page_rank_known_values() {
        let cycle = undirected(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
        assert!(close(&page_rank(&cycle, 0.85, 1e-12, 200), &[0.25; 4]));
        // Star: leaf = (1−d)/n + d · centre / 4 with centre = 1 − 4 · leaf.
        let star = undirected(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        let pr = page_rank(&star, 0.85, 1e-12, 500);
        let leaf = (0.15 / 5.0 + 0.85 / 4.0) / 1.85;
        let centre = 1.0 - 4.0 * leaf;
        assert!(close(&pr, &[centre, leaf, leaf, leaf, leaf]), "{pr:?}");
        // A dangling node's rank is spread, so ranks still sum to 1.
        let mut g: DiGraph<(), ()> = DiGraph::new();
        let a = g.add_node(());
        let b = g.add_node(());
        g.add_edge(a, b, ());
        let pr = page_rank(&g, 0.85, 1e-12, 500);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(pr[1] > pr[0]);
    }
}
