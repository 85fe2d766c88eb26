//! NetworkX node-link JSON (`node_link_data`'s shape): `directed`, `multigraph`, `graph`,
//! `nodes` with `id`, `edges` with `source`, `target` and `key` (the relation, unique per
//! node pair). Loads with `networkx.node_link_graph(data, edges="edges")` (NetworkX ≥ 3.4;
//! 3.6 reads `edges` by default).

use super::{edge_object, node_object, to_json, Exporter, Output};
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use serde_json::{json, Value};

/// The `node-link` exporter.
pub struct NodeLink;

impl Exporter for NodeLink {
    fn name(&self) -> &'static str {
        "node-link"
    }
    fn extension(&self) -> &'static str {
        "json"
    }
    fn export(&self, graph: &KnowledgeGraph) -> Result<Output> {
        let nodes = graph
            .nodes()
            .map(|n| node_object(n).map(Value::Object))
            .collect::<Result<Vec<_>>>()?;
        let edges = super::record::edges(graph)
            .map(|(_, s, t, e)| {
                let mut object = serde_json::Map::new();
                object.insert("source".into(), s.into());
                object.insert("target".into(), t.into());
                object.insert("key".into(), e.relation.as_str().into());
                object.extend(edge_object(e)?);
                Ok(Value::Object(object))
            })
            .collect::<Result<Vec<_>>>()?;
        let data = json!({
            "directed": true,
            "multigraph": true,
            "graph": {
                "name": "jjj-graph",
                "generator": format!("jjj-graph {}", env!("CARGO_PKG_VERSION")),
                "schema_version": super::json::SCHEMA_VERSION,
                "documents": graph.documents,
            },
            "nodes": nodes,
            "edges": edges,
        });
        to_json("node-link graph", &data).map(Output::File)
    }
}
