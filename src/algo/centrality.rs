//! Centrality over petgraph's visit traits: betweenness (Brandes), closeness
//! (Wasserman–Faust, for graphs that are not connected) and PageRank (power iteration).
//! petgraph has no betweenness or closeness, and its `page_rank` is quadratic in the node
//! count. An undirected graph is passed as a directed one with both arcs of every link.

use super::csr::Csr;
use petgraph::visit::{IntoNeighbors, NodeCount, NodeIndexable};
use rayon::prelude::*;
use std::collections::VecDeque;

/// Breadth-first distances from `source` into `dist` (u32::MAX = unreachable).
fn bfs(g: &Csr, source: usize, dist: &mut [u32], queue: &mut VecDeque<usize>) {
    dist.fill(u32::MAX);
    dist[source] = 0;
    queue.clear();
    queue.push_back(source);
    while let Some(u) = queue.pop_front() {
        for &v in g.neighbors(u) {
            let v = v as usize;
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
/// Runs on a compressed-sparse-row copy of `g` (see [`betweenness_csr`]), its sources split
/// over all cores on a graph of 50,000 nodes or more (the result does not depend on the
/// number of threads).
///
/// Complexity (Brandes 2001): O(V · E) time, O(V + E) memory.
pub fn betweenness<G>(g: G) -> Vec<f64>
where
    G: IntoNeighbors + NodeIndexable,
{
    betweenness_csr(&Csr::from_graph(g))
}

/// [`betweenness`] over the arcs of `csr`.
pub fn betweenness_csr(csr: &Csr) -> Vec<f64> {
    let all: Vec<usize> = (0..csr.node_count()).collect();
    brandes_sum(csr, &all)
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
    sampled_betweenness_csr(&Csr::from_graph(g), sources)
}

/// [`sampled_betweenness`] over the arcs of `csr`.
pub fn sampled_betweenness_csr(csr: &Csr, sources: &[usize]) -> Vec<f64> {
    let mut score = brandes_sum(csr, sources);
    if !sources.is_empty() {
        let scale = csr.node_count() as f64 / sources.len() as f64;
        score.iter_mut().for_each(|x| *x *= scale);
    }
    score
}

/// Graphs with fewer nodes than this are processed on one thread (starting the pool costs
/// more than it saves).
const PARALLEL_FROM: usize = 50_000;

/// Sources per unit of parallel work in betweenness. Fixed, so the partial sums, and the
/// order they are added in, do not depend on the number of threads: the result is the
/// same bits on any machine.
const SOURCES_PER_CHUNK: usize = 8;

/// Brandes' accumulation over the shortest paths leaving `sources` in `csr` (unscaled;
/// sources out of range are skipped), chunks of sources in parallel on a large graph.
/// O(k · E) time, O(V) memory per thread.
fn brandes_sum(csr: &Csr, sources: &[usize]) -> Vec<f64> {
    let n = csr.node_count();
    let sources: Vec<usize> = sources.iter().copied().filter(|&s| s < n).collect();
    if n < PARALLEL_FROM || sources.len() <= SOURCES_PER_CHUNK {
        return brandes(csr, &sources);
    }
    let chunks: Vec<&[usize]> = sources.chunks(SOURCES_PER_CHUNK).collect();
    let mut score = vec![0.0; n];
    // A wave of chunks at a time bounds memory to one partial sum per thread.
    for wave in chunks.chunks(rayon::current_num_threads().max(1)) {
        let partials: Vec<Vec<f64>> = wave.par_iter().map(|c| brandes(csr, c)).collect();
        for partial in partials {
            score.iter_mut().zip(partial).for_each(|(x, p)| *x += p);
        }
    }
    score
}

/// Brandes' accumulation from `sources`, one after another. The dependencies flow back
/// along the arcs of the shortest-path DAG, found again from each node's own arcs, so no
/// predecessor lists are kept. O(k · E) time, O(V) memory.
fn brandes(csr: &Csr, sources: &[usize]) -> Vec<f64> {
    let n = csr.node_count();
    let mut score = vec![0.0; n];
    let mut dist = vec![u32::MAX; n];
    let mut sigma = vec![0.0f64; n];
    let mut delta = vec![0.0f64; n];
    // The breadth-first order, which is also the queue.
    let mut order: Vec<u32> = Vec::with_capacity(n);
    for &s in sources {
        // Only the nodes the last search reached need resetting.
        for &u in &order {
            dist[u as usize] = u32::MAX;
            sigma[u as usize] = 0.0;
            delta[u as usize] = 0.0;
        }
        order.clear();
        dist[s] = 0;
        sigma[s] = 1.0;
        #[allow(clippy::cast_possible_truncation, reason = "Csr indices fit u32")]
        order.push(s as u32);
        let mut head = 0;
        while let Some(&u) = order.get(head) {
            head += 1;
            let u = u as usize;
            let next = dist[u] + 1;
            for &v in csr.neighbors(u) {
                let v = v as usize;
                if dist[v] == u32::MAX {
                    dist[v] = next;
                    order.push(v as u32);
                }
                if dist[v] == next {
                    sigma[v] += sigma[u];
                }
            }
        }
        for &v in order.iter().rev() {
            let v = v as usize;
            let next = dist[v] + 1;
            let mut d = 0.0;
            for &w in csr.neighbors(v) {
                let w = w as usize;
                if dist[w] == next {
                    d += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
            }
            delta[v] = d;
            if v != s {
                score[v] += d;
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
    let g = Csr::from_graph(g);
    let n = g.node_count();
    let mut dist = vec![u32::MAX; n];
    let mut queue = VecDeque::new();
    (0..n)
        .map(|s| {
            bfs(&g, s, &mut dist, &mut queue);
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
/// Runs on a compressed-sparse-row copy of `g` ([`page_rank_csr`]).
///
/// Complexity: O(iterations · (V + E)) time, O(V + E) memory.
pub fn page_rank<G>(g: G, damping: f64, tolerance: f64, max_iterations: usize) -> Vec<f64>
where
    G: IntoNeighbors + NodeIndexable,
{
    page_rank_csr(&Csr::from_graph(g), damping, tolerance, max_iterations)
}

/// [`page_rank`] over the arcs of `out`: each node pulls along the reversed arcs what
/// points to it, in increasing source order (the order pushing along the arcs would add
/// them in), so a node is written by one thread and the sums are the same bits on any
/// number of threads; all cores on a graph of 50,000 nodes or more.
///
/// Complexity: O(iterations · (V + E)) time, O(V + E) memory (the transpose).
pub fn page_rank_csr(out: &Csr, damping: f64, tolerance: f64, max_iterations: usize) -> Vec<f64> {
    let n = out.node_count();
    if n == 0 {
        return Vec::new();
    }
    let incoming = out.transpose();
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    let mut share = vec![0.0; n];
    for _ in 0..max_iterations {
        let dangling: f64 = (0..n)
            .filter(|&u| out.neighbors(u).is_empty())
            .map(|u| rank[u])
            .sum();
        let base = (1.0 - damping) * uniform + damping * dangling * uniform;
        for (u, s) in share.iter_mut().enumerate() {
            let degree = out.neighbors(u).len();
            *s = if degree == 0 {
                0.0
            } else {
                damping * rank[u] / degree as f64
            };
        }
        let pull = |(v, x): (usize, &mut f64)| {
            *x = incoming
                .neighbors(v)
                .iter()
                .fold(base, |sum, &u| sum + share[u as usize]);
        };
        if n < PARALLEL_FROM {
            next.iter_mut().enumerate().for_each(pull);
        } else {
            next.par_iter_mut()
                .enumerate()
                .with_min_len(4096)
                .for_each(pull);
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

    /// A random directed graph over `n` nodes with `m` arcs (a fixed linear congruential
    /// sequence, so the test is reproducible).
    fn random(n: usize, m: usize) -> DiGraph<(), ()> {
        let mut g = DiGraph::new();
        let nodes: Vec<_> = (0..n).map(|_| g.add_node(())).collect();
        let mut x: u64 = 42;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as usize % n
        };
        for _ in 0..m {
            let (a, b) = (next(), next());
            g.add_edge(nodes[a], nodes[b], ());
        }
        g
    }

    #[test]
    fn large_graphs_give_the_same_bits_on_one_thread_or_two() {
        let g = random(PARALLEL_FROM + 1000, 4 * PARALLEL_FROM);
        let sources: Vec<usize> = (0..40).map(|i| i * 997).collect();
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                (
                    page_rank(&g, 0.85, 1e-10, 100),
                    sampled_betweenness(&g, &sources),
                )
            })
        };
        let (one, two) = (on(1), on(2));
        assert!(one.0 == two.0 && one.1 == two.1, "differs by thread count");
        // PageRank pulled in parallel adds what pushing would, in the same order.
        let n = g.node_count();
        let degree: Vec<usize> = g.node_indices().map(|u| g.neighbors(u).count()).collect();
        let mut arcs: Vec<(usize, usize)> = g
            .raw_edges()
            .iter()
            .map(|e| (e.source().index(), e.target().index()))
            .collect();
        arcs.sort_unstable();
        let (damping, uniform) = (0.85, 1.0 / n as f64);
        let mut rank = vec![uniform; n];
        for _ in 0..100 {
            let dangling: f64 = (0..n).filter(|&u| degree[u] == 0).map(|u| rank[u]).sum();
            let base = (1.0 - damping) * uniform + damping * dangling * uniform;
            let mut next = vec![base; n];
            for &(u, v) in &arcs {
                next[v] += damping * rank[u] / degree[u] as f64;
            }
            let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
            rank = next;
            if change < n as f64 * 1e-10 {
                break;
            }
        }
        assert!(rank == one.0, "pulled PageRank differs from pushed");
        // Sampled betweenness in chunks agrees with one pass over all sources.
        let whole = brandes(&Csr::from_graph(&g), &sources);
        let scale = n as f64 / sources.len() as f64;
        for (a, b) in one.1.iter().zip(&whole) {
            assert!((a - b * scale).abs() <= 1e-9 * a.abs().max(1.0), "{a} {b}");
        }
    }
}
