//! Exporters: one module per output format behind [`Exporter`]. An exporter is pure — it
//! returns bytes (or, for a directory format, named files) — and the CLI decides where
//! they go.

pub mod cytoscape;
pub mod d3;
pub mod geojson;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod neo4j;
pub mod node_link;
pub mod record;

use crate::error::{Error, Result};
use crate::graph::{KnowledgeGraph, Node};

/// What an exporter produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// One file.
    File(Vec<u8>),
    /// A directory of files (name, bytes), in order.
    Directory(Vec<(String, Vec<u8>)>),
}

impl Output {
    /// The bytes of a one-file output.
    pub fn into_file(self) -> Option<Vec<u8>> {
        match self {
            Output::File(bytes) => Some(bytes),
            Output::Directory(_) => None,
        }
    }
}

/// An output format.
pub trait Exporter {
    /// The format's name on the command line (`json`).
    fn name(&self) -> &'static str;
    /// The usual file extension (or directory suffix).
    fn extension(&self) -> &'static str;
    /// The graph in this format.
    fn export(&self, graph: &KnowledgeGraph) -> Result<Output>;
}

/// The exporter for a format name.
pub fn exporter(format: &str) -> Option<Box<dyn Exporter>> {
    Some(match format {
        "json" => Box::new(json::Json),
        "node-link" => Box::new(node_link::NodeLink),
        "cytoscape" => Box::new(cytoscape::Cytoscape),
        "d3" => Box::new(d3::D3),
        "graphml" => Box::new(graphml::GraphMl),
        "gexf" => Box::new(gexf::Gexf),
        "neo4j-csv" => Box::new(neo4j::Neo4jCsv),
        "geojson" => Box::new(geojson::GeoJson),
        "html" => Box::new(html::Html),
        _ => return None,
    })
}

/// The format names [`exporter`] knows.
pub const FORMATS: [&str; 9] = [
    "json",
    "node-link",
    "cytoscape",
    "d3",
    "graphml",
    "gexf",
    "neo4j-csv",
    "geojson",
    "html",
];

/// Pretty JSON with a final newline.
pub(crate) fn to_json<T: serde::Serialize>(what: &'static str, value: &T) -> Result<Vec<u8>> {
    let mut bytes =
        serde_json::to_vec_pretty(value).map_err(|source| Error::Serialize { what, source })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A node as a JSON object: `id`, `label` (the Chinese name), then the node as the `json`
/// format writes it (kind, names, attributes, mentions with their evidence spans).
pub(crate) fn node_object(node: &Node) -> Result<serde_json::Map<String, serde_json::Value>> {
    let mut object = serde_json::Map::new();
    object.insert("id".into(), node.record.id.clone().into());
    object.insert("label".into(), node.record.name.clone().into());
    let value = serde_json::to_value(node).map_err(|source| Error::Serialize {
        what: "node",
        source,
    })?;
    if let serde_json::Value::Object(fields) = value {
        for (k, v) in fields {
            object.entry(k).or_insert(v);
        }
    }
    Ok(object)
}

/// An edge as a JSON object: the edge as the `json` format writes it (relation,
/// provenance, confidence, weight, date, role, evidence).
pub(crate) fn edge_object(
    edge: &crate::graph::Edge,
) -> Result<serde_json::Map<String, serde_json::Value>> {
    match serde_json::to_value(edge).map_err(|source| Error::Serialize {
        what: "edge",
        source,
    })? {
        serde_json::Value::Object(fields) => Ok(fields),
        _ => Ok(serde_json::Map::new()),
    }
}
