//! D3 force-layout JSON: `{nodes, links}` with string ids, for
//! `d3.forceLink(links).id(d => d.id)`; every link's ends are node ids.

use super::{edge_object, node_object, to_json, Exporter, Output};
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use serde_json::{json, Value};

/// The `d3` exporter.
pub struct D3;

impl Exporter for D3 {
    fn name(&self) -> &'static str {
        "d3"
    }
    fn extension(&self) -> &'static str {
        "json"
    }
    fn export(&self, graph: &KnowledgeGraph) -> Result<Output> {
        let nodes = graph
            .nodes()
            .map(|n| {
                let mut object = node_object(n)?;
                object.insert("group".into(), n.kind().as_str().into());
                Ok(Value::Object(object))
            })
            .collect::<Result<Vec<_>>>()?;
        let links = super::record::edges(graph)
            .map(|(_, s, t, e)| {
                let mut object = serde_json::Map::new();
                object.insert("source".into(), s.into());
                object.insert("target".into(), t.into());
                object.extend(edge_object(e)?);
                object.insert("value".into(), e.weight.into());
                Ok(Value::Object(object))
            })
            .collect::<Result<Vec<_>>>()?;
        to_json("d3 graph", &json!({ "nodes": nodes, "links": links })).map(Output::File)
    }
}
