//! Graph algorithms as plain functions over petgraph's visit traits, each documenting what
//! it returns and its complexity, in the manner of `petgraph::algo`: paths (Dijkstra, Yen,
//! simple paths), centrality (Brandes betweenness, closeness, PageRank) and communities
//! (Louvain).

pub mod centrality;
pub mod communities;
pub mod csr;
pub mod paths;
