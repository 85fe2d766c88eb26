//! Compressed sparse rows: a graph's adjacency as one offsets array and one array of
//! neighbour indices, so a traversal reads each node's neighbours as a contiguous slice
//! instead of following petgraph's edge links (a cache miss per step on a large graph).
//! The centrality functions build one from any petgraph graph and run on it.

use petgraph::visit::{IntoNeighbors, NodeIndexable};

/// The out-neighbours of every node `0..n`, in the order the graph lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Csr {
    /// `targets[offsets[u]..offsets[u + 1]]` are `u`'s neighbours.
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl Csr {
    /// The adjacency of `g` (by node index, up to its node bound). O(V + E).
    ///
    /// # Panics
    /// On a graph of 2³² nodes or more.
    pub fn from_graph<G>(g: G) -> Csr
    where
        G: IntoNeighbors + NodeIndexable,
    {
        let n = g.node_bound();
        assert!(u32::try_from(n).is_ok(), "graph too large for u32 indices");
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::new();
        offsets.push(0);
        for u in 0..n {
            #[allow(clippy::cast_possible_truncation, reason = "n fits u32, checked above")]
            targets.extend(g.neighbors(g.from_index(u)).map(|v| g.to_index(v) as u32));
            offsets.push(targets.len());
        }
        Csr { offsets, targets }
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// `u`'s neighbours.
    pub fn neighbors(&self, u: usize) -> &[u32] {
        &self.targets[self.offsets[u]..self.offsets[u + 1]]
    }

    /// The reversed graph: `v` lists `u` for every arc u → v, in increasing `u`. O(V + E).
    pub fn transpose(&self) -> Csr {
        let n = self.node_count();
        let mut offsets = vec![0usize; n + 1];
        for &v in &self.targets {
            offsets[v as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut targets = vec![0u32; self.targets.len()];
        for u in 0..n {
            for &v in self.neighbors(u) {
                targets[next[v as usize]] = u as u32;
                next[v as usize] += 1;
            }
        }
        Csr { offsets, targets }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::DiGraph;

    #[test]
    fn neighbours_and_transpose_match_the_graph() {
        let mut g: DiGraph<(), ()> = DiGraph::new();
        let n: Vec<_> = (0..4).map(|_| g.add_node(())).collect();
        for (a, b) in [(0, 1), (0, 2), (2, 1), (3, 0)] {
            g.add_edge(n[a], n[b], ());
        }
        let csr = Csr::from_graph(&g);
        assert_eq!(csr.node_count(), 4);
        for (u, &node) in n.iter().enumerate() {
            let mut ours: Vec<u32> = csr.neighbors(u).to_vec();
            let mut theirs: Vec<u32> = g.neighbors(node).map(|v| v.index() as u32).collect();
            ours.sort_unstable();
            theirs.sort_unstable();
            assert_eq!(ours, theirs);
        }
        let t = csr.transpose();
        assert_eq!(t.neighbors(1), &[0, 2]);
        assert_eq!(t.neighbors(0), &[3]);
        assert!(t.neighbors(3).is_empty());
        assert_eq!(t.transpose().transpose(), t);
    }
}
