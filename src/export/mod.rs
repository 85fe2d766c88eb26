//! Exporters: one module per output format behind [`Exporter`]. An exporter is pure — it
//! returns bytes — and the CLI decides where they go.

pub mod json;

use crate::error::Result;
use crate::graph::KnowledgeGraph;

/// An output format.
pub trait Exporter {
    /// The format's name on the command line (`json`).
    fn name(&self) -> &'static str;
    /// The usual file extension.
    fn extension(&self) -> &'static str;
    /// The graph in this format.
    fn export(&self, graph: &KnowledgeGraph) -> Result<Vec<u8>>;
}

/// The exporter for a format name.
pub fn exporter(format: &str) -> Option<Box<dyn Exporter>> {
    match format {
        "json" => Some(Box::new(json::Json)),
        _ => None,
    }
}

/// The format names [`exporter`] knows.
pub const FORMATS: [&str; 1] = ["json"];
