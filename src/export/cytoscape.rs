//! Cytoscape JSON: Cytoscape.js `{"elements": {"nodes": [{"data": …}], "edges": […]}}` with
//! the desktop `.cyjs` header fields (`format_version`, `generated_by`,
//! `target_cytoscapejs_version`, `data`). Regions and parks sit in compound parent nodes for
//! their province (and city or new area), as in the diagrams; parents have `kind` `box`.

use super::{edge_object, node_object, to_json, Exporter, Output};
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::render::{view::region_boxes, Lang};
use serde_json::{json, Value};

/// The `cytoscape` exporter.
pub struct Cytoscape;

impl Exporter for Cytoscape {
    fn name(&self) -> &'static str {
        "cytoscape"
    }
    fn extension(&self) -> &'static str {
        "cyjs"
    }
    fn export(&self, graph: &KnowledgeGraph) -> Result<Output> {
        let indices: Vec<_> = graph.graph.node_indices().collect();
        let (boxes, placement) = region_boxes(graph, &indices, Lang::Zh);
        let mut nodes: Vec<Value> = boxes
            .iter()
            .map(|b| {
                let mut data = json!({ "id": b.id, "label": b.label, "kind": "box" });
                if let Some(p) = b.parent {
                    data["parent"] = boxes[p].id.clone().into();
                }
                json!({ "data": data })
            })
            .collect();
        for (i, n) in indices.iter().enumerate() {
            let mut data = node_object(&graph.graph[*n])?;
            if let Some(b) = placement[i] {
                data.insert("parent".into(), boxes[b].id.clone().into());
            }
            nodes.push(json!({ "data": data }));
        }
        let edges = super::record::edges(graph)
            .map(|(e, s, t, edge)| {
                let mut data = serde_json::Map::new();
                data.insert("id".into(), format!("e{}", e.index()).into());
                data.insert("source".into(), s.into());
                data.insert("target".into(), t.into());
                data.insert("label".into(), edge.relation.as_str().into());
                data.extend(edge_object(edge)?);
                Ok(json!({ "data": data }))
            })
            .collect::<Result<Vec<_>>>()?;
        let doc = json!({
            "format_version": "1.0",
            "generated_by": format!("jjj-graph {}", env!("CARGO_PKG_VERSION")),
            "target_cytoscapejs_version": "~3.0",
            "data": { "name": "jjj-graph", "shared_name": "jjj-graph", "selected": true },
            "elements": { "nodes": nodes, "edges": edges },
        });
        to_json("cytoscape graph", &doc).map(Output::File)
    }
}
