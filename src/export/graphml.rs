//! GraphML: typed `<key>` declarations for every node and edge field, `label` and `kind` on
//! every node, `relation` (and `label`) on every edge; list fields (aliases, mentions,
//! evidence) joined with ` | ` into strings, since NetworkX and Gephi cannot read lists.

use super::record::{edge_record, edges, node_record, EDGE_FIELDS, NODE_FIELDS};
use super::{Exporter, Output};
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::xml::escape;
use std::fmt::Write as _;

/// How lists are joined in flat formats.
pub const LIST_SEPARATOR: &str = " | ";

/// The `graphml` exporter.
pub struct GraphMl;

impl Exporter for GraphMl {
    fn name(&self) -> &'static str {
        "graphml"
    }
    fn extension(&self) -> &'static str {
        "graphml"
    }
    fn export(&self, graph: &KnowledgeGraph) -> Result<Output> {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
        );
        for (name, t) in NODE_FIELDS {
            let _ = writeln!(
                out,
                "  <key id=\"n_{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{}\"/>",
                t.xml_type()
            );
        }
        for (name, t) in EDGE_FIELDS {
            let _ = writeln!(
                out,
                "  <key id=\"e_{name}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{}\"/>",
                t.xml_type()
            );
        }
        out.push_str("  <graph id=\"jjj\" edgedefault=\"directed\">\n");
        for node in graph.nodes() {
            let _ = writeln!(out, "    <node id=\"{}\">", escape(node.id()));
            for (name, value) in node_record(node) {
                let _ = writeln!(
                    out,
                    "      <data key=\"n_{name}\">{}</data>",
                    escape(&value.text(LIST_SEPARATOR))
                );
            }
            out.push_str("    </node>\n");
        }
        for (e, s, t, edge) in edges(graph) {
            let _ = writeln!(
                out,
                "    <edge id=\"e{}\" source=\"{}\" target=\"{}\">",
                e.index(),
                escape(s),
                escape(t)
            );
            for (name, value) in edge_record(edge) {
                let _ = writeln!(
                    out,
                    "      <data key=\"e_{name}\">{}</data>",
                    escape(&value.text(LIST_SEPARATOR))
                );
            }
            out.push_str("    </edge>\n");
        }
        out.push_str("  </graph>\n</graphml>\n");
        Ok(Output::File(out.into_bytes()))
    }
}
