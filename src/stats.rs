//! Counts over the graph: nodes per kind, edges per relation and provenance, evidence coverage.

use crate::graph::{KnowledgeGraph, Provenance};
use serde::Serialize;
use std::collections::BTreeMap;

/// The counts `jjj stats` and `jjj build` print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub sentences: usize,
    pub nodes: usize,
    pub edges: usize,
    pub nodes_by_kind: BTreeMap<String, usize>,
    pub edges_by_relation: BTreeMap<String, usize>,
    pub edges_by_provenance: BTreeMap<String, usize>,
    pub mentions: usize,
    pub nodes_with_evidence: usize,
    pub edges_with_evidence: usize,
    pub discovered: usize,
    pub problems: usize,
    pub errors: usize,
}

/// Compute the counts. O(V + E).
pub fn stats(graph: &KnowledgeGraph) -> Stats {
    let mut nodes_by_kind = BTreeMap::new();
    let mut mentions = 0;
    let mut nodes_with_evidence = 0;
    let mut discovered = 0;
    for n in graph.nodes() {
        *nodes_by_kind.entry(n.kind().to_string()).or_insert(0) += 1;
        mentions += n.mention_count();
        nodes_with_evidence += usize::from(!n.mentions.is_empty());
        discovered += usize::from(n.discovered);
    }
    let mut edges_by_relation = BTreeMap::new();
    let mut edges_by_provenance = BTreeMap::new();
    let mut edges_with_evidence = 0;
    for e in graph.graph.edge_weights() {
        *edges_by_relation.entry(e.relation.to_string()).or_insert(0) += 1;
        let p = match e.provenance {
            Provenance::Rule => "rule",
            Provenance::Curated => "curated",
            Provenance::Background => "background",
            Provenance::Cooccurrence => "cooccurrence",
        };
        *edges_by_provenance.entry(p.to_owned()).or_insert(0) += 1;
        edges_with_evidence += usize::from(!e.evidence.is_empty());
    }
    Stats {
        documents: graph.documents.len(),
        sentences: graph.documents.iter().map(|d| d.sentences).sum(),
        nodes: graph.graph.node_count(),
        edges: graph.graph.edge_count(),
        nodes_by_kind,
        edges_by_relation,
        edges_by_provenance,
        mentions,
        nodes_with_evidence,
        edges_with_evidence,
        discovered,
        problems: graph.problems.len(),
        errors: graph.errors().count(),
    }
}
