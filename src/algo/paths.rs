//! Path algorithms over petgraph's visit traits: the cheapest path (Dijkstra with
//! deterministic tie-breaking), the k cheapest simple paths (Yen) and all simple paths up to a
//! hop limit. Costs come from a caller's function, so one graph serves every edge filter.

use petgraph::visit::{EdgeRef, IntoEdges, IntoEdgesDirected, NodeIndexable};
use petgraph::Direction;
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashSet, VecDeque};

/// A path: its total cost and its edges in order from the start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostedPath<E> {
    pub cost: u64,
    pub edges: Vec<E>,
}

/// The cheapest path from `start` to `goal`.
///
/// `cost(e)` gives an edge's cost, or `None` when the edge may not be used; `node_ok(n)` says
/// whether a path may pass through `n` (`start` and `goal` are always allowed). Among paths
/// of equal cost the one whose nodes were reached from the smaller node index wins, so the
/// result depends only on the graph, never on hashing. Returns `None` when `goal` cannot be
/// reached; a path with no edges when `start == goal`.
///
/// Complexity: O((V + E) log V) time, O(V) memory.
pub fn cheapest_path<G, C, N>(
    g: G,
    start: G::NodeId,
    goal: G::NodeId,
    mut cost: C,
    mut node_ok: N,
) -> Option<CostedPath<G::EdgeRef>>
where
    G: IntoEdges + NodeIndexable,
    C: FnMut(G::EdgeRef) -> Option<u64>,
    N: FnMut(G::NodeId) -> bool,
{
    let n = g.node_bound();
    let (s, t) = (g.to_index(start), g.to_index(goal));
    let mut dist: Vec<u64> = vec![u64::MAX; n];
    let mut pred: Vec<Option<G::EdgeRef>> = vec![None; n];
    let mut done = vec![false; n];
    let mut heap = BinaryHeap::new();
    dist[s] = 0;
    heap.push(Reverse((0u64, s)));
    while let Some(Reverse((d, u))) = heap.pop() {
        if done[u] {
            continue;
        }
        done[u] = true;
        if u == t {
            break;
        }
        if u != s && !node_ok(g.from_index(u)) {
            continue;
        }
        for e in g.edges(g.from_index(u)) {
            let v = g.to_index(e.target());
            if done[v] {
                continue;
            }
            let Some(c) = cost(e) else { continue };
            let nd = d.saturating_add(c);
            let better = nd < dist[v]
                || (nd == dist[v] && pred[v].is_some_and(|p| u < g.to_index(p.source())));
            if better {
                dist[v] = nd;
                pred[v] = Some(e);
                heap.push(Reverse((nd, v)));
            }
        }
    }
    if dist[t] == u64::MAX {
        return None;
    }
    let mut edges = Vec::new();
    let mut at = t;
    while at != s {
        let e = pred[at]?;
        edges.push(e);
        at = g.to_index(e.source());
    }
    edges.reverse();
    Some(CostedPath {
        cost: dist[t],
        edges,
    })
}

/// The nodes on every cheapest path from `start` to `goal`, in index order (`[start]` when
/// they are the same node), or `None` when `goal` cannot be reached. For graphs that are not
/// petgraph graphs — a saved graph's index — so the arcs come from functions: `out(u)`
/// gives the arcs leaving `u` and `into(v)` those entering `v`, each as (the node at the
/// other end, its cost ≥ 1); `passable(n)` says whether a path may pass through `n`, as
/// `node_ok` in [`cheapest_path`].
///
/// A forward search from `start` stops as soon as `goal` is reached — breadth-first, a level
/// at a time, when `unit` says every arc costs 1, Dijkstra otherwise — and a walk back from
/// `goal` keeps each `u` with an arc u → v where d(u) + cost = d(v) for a kept v. Every
/// cheapest predecessor of a kept node is kept, so [`cheapest_path`] and
/// [`fewest_hops_path`] on the kept nodes and the edges between them (in the same index
/// order) return the path they return on the whole graph.
///
/// Complexity: O(V + E) time breadth-first, O((V + E) log V) with Dijkstra; O(V) memory.
pub fn cheapest_path_nodes<O, OI, I, II, P>(
    node_count: usize,
    start: usize,
    goal: usize,
    unit: bool,
    out: O,
    into: I,
    passable: P,
) -> Option<Vec<usize>>
where
    O: Fn(usize) -> OI,
    OI: Iterator<Item = (usize, u64)>,
    I: Fn(usize) -> II,
    II: Iterator<Item = (usize, u64)>,
    P: Fn(usize) -> bool,
{
    if start == goal {
        return Some(vec![start]);
    }
    if unit {
        return fewest_hops_nodes(start, goal, out, into, passable);
    }
    let expands = |u: usize| u == start || (u != goal && passable(u));
    let mut dist = vec![u64::MAX; node_count];
    dist[start] = 0;
    let mut done = vec![false; node_count];
    let mut heap = BinaryHeap::from([Reverse((0u64, start))]);
    while let Some(Reverse((d, u))) = heap.pop() {
        if std::mem::replace(&mut done[u], true) {
            continue;
        }
        if u == goal {
            break;
        }
        if !expands(u) {
            continue;
        }
        for (v, c) in out(u) {
            let nd = d.saturating_add(c);
            if !done[v] && nd < dist[v] {
                dist[v] = nd;
                heap.push(Reverse((nd, v)));
            }
        }
    }
    if dist[goal] == u64::MAX {
        return None;
    }
    let mut kept = rustc_hash::FxHashSet::default();
    kept.insert(goal);
    let mut stack = vec![goal];
    while let Some(v) = stack.pop() {
        for (u, c) in into(v) {
            if dist[u] != u64::MAX
                && dist[u].saturating_add(c) == dist[v]
                && expands(u)
                && kept.insert(u)
            {
                stack.push(u);
            }
        }
    }
    let mut nodes: Vec<usize> = kept.into_iter().collect();
    nodes.sort_unstable();
    Some(nodes)
}

/// The nodes within `max_hops` hops of `start` and of `goal` together (a hop from `start`
/// plus hops to `goal` at most `max_hops`), in index order: every simple path of at most
/// `max_hops` edges from `start` to `goal` uses only these. Arcs and `passable` as in
/// [`cheapest_path_nodes`] (costs are ignored: hops count). Two breadth-first searches of
/// depth `max_hops`.
///
/// Complexity: O(V + E) time and memory at worst, the two balls' sizes in practice.
pub fn short_path_nodes<O, OI, I, II, P>(
    start: usize,
    goal: usize,
    max_hops: usize,
    out: O,
    into: I,
    passable: P,
) -> Vec<usize>
where
    O: Fn(usize) -> OI,
    OI: Iterator<Item = (usize, u64)>,
    I: Fn(usize) -> II,
    II: Iterator<Item = (usize, u64)>,
    P: Fn(usize) -> bool,
{
    let on = |u: usize| u == start || u == goal || passable(u);
    // Hops from `from` to every node within `max_hops`, through nodes that are `on` and are
    // not `end` (a simple path passes through neither end).
    let ball = |from: usize, end: usize, arcs: &dyn Fn(usize) -> Vec<usize>| {
        let mut hops: rustc_hash::FxHashMap<usize, usize> = [(from, 0)].into_iter().collect();
        let mut level = vec![from];
        for depth in 1..=max_hops {
            let mut next = Vec::new();
            for &u in &level {
                if u == end || !on(u) {
                    continue;
                }
                for v in arcs(u) {
                    if let std::collections::hash_map::Entry::Vacant(slot) = hops.entry(v) {
                        slot.insert(depth);
                        next.push(v);
                    }
                }
            }
            level = next;
        }
        hops
    };
    let from_start = ball(start, goal, &|u| out(u).map(|(v, _)| v).collect());
    let to_goal = ball(goal, start, &|u| into(u).map(|(v, _)| v).collect());
    let mut nodes: Vec<usize> = from_start
        .iter()
        .filter(|&(&v, &a)| on(v) && to_goal.get(&v).is_some_and(|&b| a + b <= max_hops))
        .map(|(&v, _)| v)
        .collect();
    nodes.sort_unstable();
    nodes
}

/// [`cheapest_path_nodes`] when every arc costs 1, by a bidirectional breadth-first
/// search: the smaller frontier grows a level at a time until the two searches meet (every
/// shortest path crosses the level where they do), then walks back from the meeting nodes
/// to each end. Touches about the square root of the nodes a one-sided search touches on a
/// small-world graph. Start and goal differ.
fn fewest_hops_nodes<O, OI, I, II, P>(
    start: usize,
    goal: usize,
    out: O,
    into: I,
    passable: P,
) -> Option<Vec<usize>>
where
    O: Fn(usize) -> OI,
    OI: Iterator<Item = (usize, u64)>,
    I: Fn(usize) -> II,
    II: Iterator<Item = (usize, u64)>,
    P: Fn(usize) -> bool,
{
    type Depths = rustc_hash::FxHashMap<usize, u32>;
    let on = |u: usize| u == start || u == goal || passable(u);
    // One level more of one side: the nodes first reached.
    let grow = |frontier: &[usize], depth: &mut Depths, arcs: &dyn Fn(usize) -> Vec<usize>| {
        let mut next = Vec::new();
        for &u in frontier {
            if !on(u) {
                continue;
            }
            let d = depth[&u] + 1;
            for v in arcs(u) {
                if let std::collections::hash_map::Entry::Vacant(slot) = depth.entry(v) {
                    slot.insert(d);
                    next.push(v);
                }
            }
        }
        next
    };
    let forward_arcs = |u: usize| out(u).map(|(v, _)| v).collect::<Vec<_>>();
    let backward_arcs = |u: usize| into(u).map(|(v, _)| v).collect::<Vec<_>>();
    let (mut from_start, mut to_goal) = (Depths::default(), Depths::default());
    from_start.insert(start, 0);
    to_goal.insert(goal, 0);
    let (mut forward, mut backward) = (vec![start], vec![goal]);
    // Both maps are complete to their depth and share no node a path may use, until the
    // level where they do: every shortest path crosses it there.
    let meeting = loop {
        if forward.is_empty() || backward.is_empty() {
            return None;
        }
        let (level, other) = if forward.len() <= backward.len() {
            forward = grow(&forward, &mut from_start, &forward_arcs);
            (&forward, &to_goal)
        } else {
            backward = grow(&backward, &mut to_goal, &backward_arcs);
            (&backward, &from_start)
        };
        let meeting: Vec<usize> = level
            .iter()
            .copied()
            .filter(|&v| other.contains_key(&v) && on(v))
            .collect();
        if !meeting.is_empty() {
            break meeting;
        }
    };
    // Walk from the meeting nodes one level nearer each end at a time.
    let walk = |depth: &Depths, arcs: &dyn Fn(usize) -> Vec<usize>| {
        let mut kept: rustc_hash::FxHashSet<usize> = meeting.iter().copied().collect();
        let mut stack = meeting.clone();
        while let Some(v) = stack.pop() {
            let d = depth[&v];
            for u in arcs(v) {
                if d > 0 && depth.get(&u) == Some(&(d - 1)) && on(u) && kept.insert(u) {
                    stack.push(u);
                }
            }
        }
        kept
    };
    let mut nodes: Vec<usize> = walk(&from_start, &backward_arcs)
        .into_iter()
        .chain(walk(&to_goal, &forward_arcs))
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    Some(nodes)
}

/// The path with the fewest edges from `start` to `goal`: exactly [`cheapest_path`]'s
/// answer when every usable edge costs the same (ties included: every node's predecessor is
/// its smallest-index neighbour one level closer to `start`), found much faster on large
/// graphs.
///
/// A bidirectional breadth-first search first finds the distance d, growing the smaller
/// frontier a whole level at a time. A forward search then expands only nodes that can lie
/// on a shortest path (their distance to `goal`, known or bounded by the backward search,
/// adds up to d): every predecessor the tie rule can pick is on a shortest path, so pruning
/// the rest changes nothing, and it stops as soon as it reaches `goal`. `usable(e)` says
/// whether an edge may be walked; `node_ok` as in [`cheapest_path`]. The cost returned is
/// the number of edges.
///
/// Complexity: O(V + E) time in the worst case, usually a small part of the graph; O(V)
/// memory.
pub fn fewest_hops_path<G, U, N>(
    g: G,
    start: G::NodeId,
    goal: G::NodeId,
    mut usable: U,
    mut node_ok: N,
) -> Option<CostedPath<G::EdgeRef>>
where
    G: IntoEdgesDirected + NodeIndexable,
    U: FnMut(G::EdgeRef) -> bool,
    N: FnMut(G::NodeId) -> bool,
{
    // Distances and predecessors are stored plus one ("unknown" is 0) in hash maps: a query
    // pays for the nodes it touches, not O(V) per array.
    const NONE: u32 = 0;
    let (s, t) = (g.to_index(start), g.to_index(goal));
    if s == t {
        return Some(CostedPath {
            cost: 0,
            edges: Vec::new(),
        });
    }
    // A node may be walked through if it is an end or passes `node_ok`.
    let mut passable = |x: usize| x == s || x == t || node_ok(g.from_index(x));

    // 1. Bidirectional search for the distance d.
    let mut from_start = Sparse::default();
    let mut to_goal = Sparse::default();
    from_start.set(s, 1);
    to_goal.set(t, 1);
    let (mut forward, mut backward) = (vec![s], vec![t]);
    let mut backward_depth = 0u32;
    let mut d = u32::MAX;
    while d == u32::MAX && !forward.is_empty() && !backward.is_empty() {
        let mut next = Vec::new();
        if forward.len() <= backward.len() {
            for &u in &forward {
                if u != s && !passable(u) {
                    continue;
                }
                for e in g.edges(g.from_index(u)) {
                    let v = g.to_index(e.target());
                    if from_start.get(v) != NONE || !usable(e) {
                        continue;
                    }
                    from_start.set(v, from_start.get(u) + 1);
                    next.push(v);
                    if to_goal.get(v) != NONE && passable(v) {
                        d = d.min(from_start.get(v) + to_goal.get(v) - 2);
                    }
                }
            }
            forward = next;
        } else {
            for &v in &backward {
                if v != t && !passable(v) {
                    continue;
                }
                for e in g.edges_directed(g.from_index(v), Direction::Incoming) {
                    let u = g.to_index(e.source());
                    if to_goal.get(u) != NONE || !usable(e) {
                        continue;
                    }
                    to_goal.set(u, to_goal.get(v) + 1);
                    next.push(u);
                    if from_start.get(u) != NONE && passable(u) {
                        d = d.min(from_start.get(u) + to_goal.get(u) - 2);
                    }
                }
            }
            backward = next;
            backward_depth += 1;
        }
    }
    if d == u32::MAX {
        return None;
    }

    // 2. Forward search through the nodes that can be on a shortest path. Every node the
    // backward search has not reached is farther than `backward_depth` from the goal.
    let mut dist = Sparse::default();
    let mut pred = Sparse::default();
    let mut queue = VecDeque::new();
    dist.set(s, 1);
    queue.push_back(s);
    while let Some(u) = queue.pop_front() {
        if dist.get(t) != NONE {
            break;
        }
        let on_a_shortest_path = match to_goal.get(u) {
            NONE => dist.get(u) - 1 + backward_depth < d,
            left => dist.get(u) + left - 2 == d,
        };
        if !on_a_shortest_path || (u != s && !passable(u)) {
            continue;
        }
        for e in g.edges(g.from_index(u)) {
            if !usable(e) {
                continue;
            }
            let v = g.to_index(e.target());
            if dist.get(v) == NONE {
                dist.set(v, dist.get(u) + 1);
                pred.set(v, u as u32 + 1);
                queue.push_back(v);
            } else if dist.get(v) == dist.get(u) + 1 && (u as u32 + 1) < pred.get(v) {
                pred.set(v, u as u32 + 1);
            }
        }
    }
    if dist.get(t) == NONE {
        return None;
    }
    // The nodes one level before the goal have their distances, but not all were expanded:
    // the goal's predecessor is the smallest of them.
    let level = dist.get(t) - 1;
    let best = g
        .edges_directed(goal, Direction::Incoming)
        .filter(|e| dist.get(g.to_index(e.source())) == level)
        .filter(|&e| usable(e))
        .map(|e| g.to_index(e.source()))
        .filter(|&u| passable(u))
        .min();
    if let Some(best) = best {
        pred.set(t, best as u32 + 1);
    }
    // Walk back, taking the first usable edge of each hop (the one the search walked).
    let mut edges = Vec::new();
    let mut at = t;
    while at != s {
        let u = (pred.get(at) as usize).checked_sub(1)?;
        let e = g
            .edges(g.from_index(u))
            .find(|&e| g.to_index(e.target()) == at && usable(e))?;
        edges.push(e);
        at = u;
    }
    edges.reverse();
    Some(CostedPath {
        cost: edges.len() as u64,
        edges,
    })
}

/// A map from node index to a nonzero value (0: absent), for searches that touch few nodes.
#[derive(Default)]
struct Sparse(rustc_hash::FxHashMap<u32, u32>);

impl Sparse {
    fn get(&self, i: usize) -> u32 {
        self.0.get(&(i as u32)).copied().unwrap_or(0)
    }
    fn set(&mut self, i: usize, value: u32) {
        self.0.insert(i as u32, value);
    }
}

/// The node indices a path visits, start first.
fn node_sequence<G>(g: G, start: usize, edges: &[G::EdgeRef]) -> Vec<usize>
where
    G: IntoEdges + NodeIndexable,
{
    std::iter::once(start)
        .chain(edges.iter().map(|e| g.to_index(e.target())))
        .collect()
}

/// The `k` cheapest simple paths from `start` to `goal`, cheapest first (Yen's algorithm).
///
/// Costs and node restrictions as in [`cheapest_path`]. Paths are distinct as node
/// sequences (a graph with parallel edges should offer one edge per node pair, the best).
/// Ties between paths of equal cost are broken by their node index sequences.
///
/// With `unit_costs` (every usable edge costs 1) the searches are [`fewest_hops_path`]'s,
/// which give the same paths faster.
///
/// Complexity: O(k · V · (V + E) log V) time in the worst case.
pub fn k_cheapest_paths<G, C, N>(
    g: G,
    start: G::NodeId,
    goal: G::NodeId,
    k: usize,
    unit_costs: bool,
    mut cost: C,
    mut node_ok: N,
) -> Vec<CostedPath<G::EdgeRef>>
where
    G: IntoEdgesDirected + NodeIndexable,
    G::EdgeId: Eq + std::hash::Hash,
    C: FnMut(G::EdgeRef) -> Option<u64>,
    N: FnMut(G::NodeId) -> bool,
{
    let s = g.to_index(start);
    let mut found: Vec<CostedPath<G::EdgeRef>> = Vec::new();
    if k == 0 {
        return found;
    }
    // Every search of Yen's algorithm: breadth-first when every usable edge costs 1.
    let search = |from: G::NodeId,
                  cost: &mut dyn FnMut(G::EdgeRef) -> Option<u64>,
                  node_ok: &mut dyn FnMut(G::NodeId) -> bool| {
        if unit_costs {
            fewest_hops_path(g, from, goal, |e| cost(e).is_some(), node_ok)
        } else {
            cheapest_path(g, from, goal, cost, node_ok)
        }
    };
    let Some(first) = search(start, &mut cost, &mut node_ok) else {
        return found;
    };
    found.push(first);
    // Candidates keyed by (cost, node sequence) so the next pick is deterministic.
    let mut candidates: BTreeSet<(u64, Vec<usize>)> = BTreeSet::new();
    let mut candidate_edges: std::collections::HashMap<Vec<usize>, Vec<G::EdgeRef>> =
        std::collections::HashMap::new();
    let mut seen: HashSet<Vec<usize>> = HashSet::new();
    seen.insert(node_sequence(g, s, &found[0].edges));
    while found.len() < k {
        let last = found.last().map(|p| p.edges.clone()).unwrap_or_default();
        let last_nodes = node_sequence(g, s, &last);
        for i in 0..last.len() {
            let root = &last[..i];
            let root_nodes = &last_nodes[..=i];
            let root_cost: u64 = root
                .iter()
                .map(|&e| cost(e).unwrap_or(0))
                .fold(0, u64::saturating_add);
            let mut removed_edges: HashSet<G::EdgeId> = HashSet::new();
            for p in &found {
                let nodes = node_sequence(g, s, &p.edges);
                if nodes.len() > i + 1 && nodes[..=i] == *root_nodes {
                    removed_edges.insert(p.edges[i].id());
                }
            }
            let removed_nodes: HashSet<usize> = root_nodes[..i].iter().copied().collect();
            let spur = search(
                g.from_index(last_nodes[i]),
                &mut |e: G::EdgeRef| {
                    if removed_edges.contains(&e.id())
                        || removed_nodes.contains(&g.to_index(e.target()))
                    {
                        None
                    } else {
                        cost(e)
                    }
                },
                &mut |n| !removed_nodes.contains(&g.to_index(n)) && node_ok(n),
            );
            if let Some(spur) = spur {
                let mut edges = root.to_vec();
                edges.extend(spur.edges);
                let nodes = node_sequence(g, s, &edges);
                if seen.insert(nodes.clone()) {
                    candidates.insert((root_cost.saturating_add(spur.cost), nodes.clone()));
                    candidate_edges.insert(nodes, edges);
                }
            }
        }
        let Some((cost, nodes)) = candidates.pop_first() else {
            break;
        };
        let edges = candidate_edges.remove(&nodes).unwrap_or_default();
        found.push(CostedPath { cost, edges });
    }
    found
}

/// Every simple path from `start` to `goal` with at most `max_hops` edges, by depth-first
/// search in edge order, stopping after `limit` paths. Costs and node restrictions as in
/// [`cheapest_path`]. Returns the paths (unsorted) and whether the limit cut the search short.
///
/// Complexity: O(b^max_hops) for branching factor b — keep `max_hops` small.
pub fn simple_paths<G, C, N>(
    g: G,
    start: G::NodeId,
    goal: G::NodeId,
    max_hops: usize,
    limit: usize,
    mut cost: C,
    mut node_ok: N,
) -> (Vec<CostedPath<G::EdgeRef>>, bool)
where
    G: IntoEdges + NodeIndexable,
    C: FnMut(G::EdgeRef) -> Option<u64>,
    N: FnMut(G::NodeId) -> bool,
{
    let (s, t) = (g.to_index(start), g.to_index(goal));
    let mut out = Vec::new();
    let mut on_path = vec![false; g.node_bound()];
    let mut path: Vec<(G::EdgeRef, u64)> = Vec::new();
    // Each frame: the node and its remaining outgoing edges.
    let mut stack: Vec<std::vec::IntoIter<G::EdgeRef>> = Vec::new();
    on_path[s] = true;
    stack.push(g.edges(start).collect::<Vec<_>>().into_iter());
    while let Some(frame) = stack.last_mut() {
        let Some(e) = frame.next() else {
            stack.pop();
            if let Some((e, _)) = path.pop() {
                on_path[g.to_index(e.target())] = false;
            }
            continue;
        };
        let v = g.to_index(e.target());
        if on_path[v] {
            continue;
        }
        let Some(c) = cost(e) else { continue };
        if v == t {
            let mut edges: Vec<G::EdgeRef> = path.iter().map(|&(e, _)| e).collect();
            edges.push(e);
            let total = path.iter().map(|&(_, c)| c).fold(c, u64::saturating_add);
            out.push(CostedPath { cost: total, edges });
            if out.len() >= limit {
                return (out, true);
            }
            continue;
        }
        if path.len() + 1 >= max_hops || !node_ok(e.target()) {
            continue;
        }
        on_path[v] = true;
        path.push((e, c));
        stack.push(g.edges(e.target()).collect::<Vec<_>>().into_iter());
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::{DiGraph, NodeIndex};

    /// a→b→d, a→c→d, a→d (cost 5), b→c.
    fn diamond() -> (DiGraph<(), u64>, [NodeIndex; 4]) {
        let mut g = DiGraph::new();
        let n = [
            g.add_node(()),
            g.add_node(()),
            g.add_node(()),
            g.add_node(()),
        ];
        for (a, b, w) in [
            (0, 1, 1),
            (0, 2, 1),
            (1, 3, 1),
            (2, 3, 1),
            (0, 3, 5),
            (1, 2, 1),
        ] {
            g.add_edge(n[a], n[b], w);
        }
        (g, n)
    }

    fn nodes(
        g: &DiGraph<(), u64>,
        p: &CostedPath<petgraph::graph::EdgeReference<u64>>,
    ) -> Vec<usize> {
        node_sequence(g, 0, &p.edges)
    }

    #[test]
    fn cheapest_breaks_ties_by_smaller_index() {
        let (g, n) = diamond();
        let p = cheapest_path(&g, n[0], n[3], |e| Some(*e.weight()), |_| true).unwrap();
        assert_eq!(p.cost, 2);
        assert_eq!(nodes(&g, &p), vec![0, 1, 3]);
        let p = cheapest_path(&g, n[0], n[3], |e| Some(*e.weight()), |v| v != n[1]).unwrap();
        assert_eq!(nodes(&g, &p), vec![0, 2, 3]);
        assert!(cheapest_path(&g, n[3], n[0], |e| Some(*e.weight()), |_| true).is_none());
        assert_eq!(
            cheapest_path(&g, n[2], n[2], |_| Some(1), |_| true)
                .unwrap()
                .cost,
            0
        );
    }

    proptest::proptest! {
        /// On unit costs breadth-first search finds exactly Dijkstra's path, ties included.
        #[test]
        fn fewest_hops_is_cheapest_on_unit_costs(
            n in 2usize..24,
            arcs in proptest::collection::vec((0usize..24, 0usize..24), 0..80),
            banned in proptest::collection::vec(0usize..24, 0..4),
            start in 0usize..24,
            goal in 0usize..24,
        ) {
            let mut g = DiGraph::<(), u64>::new();
            let ids: Vec<NodeIndex> = (0..n).map(|_| g.add_node(())).collect();
            for (a, b) in arcs {
                if a < n && b < n {
                    g.add_edge(ids[a], ids[b], 1);
                }
            }
            let (s, t) = (ids[start % n], ids[goal % n]);
            let ok = |v: NodeIndex| !banned.contains(&v.index());
            let dijkstra = cheapest_path(&g, s, t, |_| Some(1), ok);
            let bfs = fewest_hops_path(&g, s, t, |_| true, ok);
            let seq = |p: &CostedPath<petgraph::graph::EdgeReference<u64>>| {
                (p.cost, p.edges.iter().map(|e| e.id()).collect::<Vec<_>>())
            };
            proptest::prop_assert_eq!(dijkstra.as_ref().map(seq), bfs.as_ref().map(seq));
            let yen = |unit| {
                k_cheapest_paths(&g, s, t, 4, unit, |_| Some(1), ok)
                    .iter()
                    .map(seq)
                    .collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(yen(false), yen(true));
        }
    }

    #[test]
    fn yen_lists_paths_by_cost_then_nodes() {
        let (g, n) = diamond();
        let paths = k_cheapest_paths(&g, n[0], n[3], 10, false, |e| Some(*e.weight()), |_| true);
        let got: Vec<(u64, Vec<usize>)> = paths.iter().map(|p| (p.cost, nodes(&g, p))).collect();
        assert_eq!(
            got,
            vec![
                (2, vec![0, 1, 3]),
                (2, vec![0, 2, 3]),
                (3, vec![0, 1, 2, 3]),
                (5, vec![0, 3]),
            ]
        );
    }

    #[test]
    fn simple_paths_respect_the_hop_limit() {
        let (g, n) = diamond();
        let (paths, cut) = simple_paths(&g, n[0], n[3], 2, 100, |e| Some(*e.weight()), |_| true);
        let mut got: Vec<Vec<usize>> = paths.iter().map(|p| nodes(&g, p)).collect();
        got.sort();
        assert_eq!(got, vec![vec![0, 1, 3], vec![0, 2, 3], vec![0, 3]]);
        assert!(!cut);
        let (paths, cut) = simple_paths(&g, n[0], n[3], 3, 2, |e| Some(*e.weight()), |_| true);
        assert_eq!(paths.len(), 2);
        assert!(cut);
    }
}
