//! The project's own JSON schema (`schema_version` 1): nodes with mentions, edges with
//! evidence, the documents and the problems. Documented in the README and in
//! `schema/graph.schema.json`.

use super::{Exporter, Output};
use crate::error::Result;
use crate::graph::{DocumentInfo, Edge, KnowledgeGraph, Node, Problem};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

/// The version of the JSON schema; bump on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// An edge as exported: its endpoints by id, then the edge's fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedEdge {
    pub source: String,
    pub target: String,
    #[serde(flatten)]
    pub edge: Edge,
}

/// The whole export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphDocument {
    pub schema_version: u32,
    pub generator: String,
    pub documents: Vec<DocumentInfo>,
    pub nodes: Vec<Node>,
    pub edges: Vec<ExportedEdge>,
    pub problems: Vec<Problem>,
}

impl GraphDocument {
    pub fn from_graph(graph: &KnowledgeGraph) -> GraphDocument {
        GraphDocument {
            schema_version: SCHEMA_VERSION,
            generator: format!("jjj-graph {}", env!("CARGO_PKG_VERSION")),
            documents: graph.documents.clone(),
            nodes: graph.nodes().cloned().collect(),
            edges: graph
                .graph
                .edge_references()
                .map(|e| ExportedEdge {
                    source: graph.graph[e.source()].record.id.clone(),
                    target: graph.graph[e.target()].record.id.clone(),
                    edge: e.weight().clone(),
                })
                .collect(),
            problems: graph.problems.clone(),
        }
    }

    /// Rebuild the graph (the inverse of [`GraphDocument::from_graph`]).
    pub fn into_graph(self) -> KnowledgeGraph {
        let edges = self
            .edges
            .into_iter()
            .map(|e| (e.source, e.target, e.edge))
            .collect();
        KnowledgeGraph::new(self.nodes, edges, self.documents, self.problems)
    }
}

/// The `json` exporter.
pub struct Json;

impl Exporter for Json {
    fn name(&self) -> &'static str {
        "json"
    }
    fn extension(&self) -> &'static str {
        "json"
    }
    fn export(&self, graph: &KnowledgeGraph) -> Result<Output> {
        super::to_json("graph", &GraphDocument::from_graph(graph)).map(Output::File)
    }
}
