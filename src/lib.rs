//! jjj-graph: a knowledge graph of the Beijing–Tianjin–Hebei (京津冀) coordinated-development
//! policy documents, in which every node and edge cites its evidence.
//!
//! The pipeline is: [`corpus`] (read documents and catalogue, embedded or from disk) →
//! [`normalize`] (repairs, pinyin stripping, traditional → simplified, with a byte map back to
//! the original) → [`sentence`] splitting → [`extract`] (mentions, enumerations, titles, dates,
//! relation rules, co-occurrence) → [`graph::KnowledgeGraph`] (petgraph). [`check`],
//! [`candidates`], [`resolve`] and [`export`] work on the result.

// No unwrap/expect on values that depend on input: the few left are on data compiled into
// the binary or on indices the code just produced, each allowed where it stands.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod algo;
pub mod candidates;
pub mod catalogue;
pub mod check;
pub mod corpus;
pub mod dates;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod mapped;
pub mod normalize;
pub mod pipeline;
pub mod query;
pub mod render;
pub mod resolve;
pub mod saved;
pub mod sentence;
pub mod stats;
pub mod workload;
pub mod xml;

pub use error::Error;
pub use graph::KnowledgeGraph;
