//! GEXF 1.3 for Gephi: declared node and edge attributes, `label` on every node, the
//! relation as the edge `label` and as an attribute (Gephi drops edge labels that are not
//! also attributes), list fields joined with ` | `.

use super::graphml::LIST_SEPARATOR;
use super::record::{edge_record, edges, node_record, Value, EDGE_FIELDS, NODE_FIELDS};
use super::{Exporter, Output};
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::xml::escape;
use std::fmt::Write as _;

/// The `gexf` exporter.
pub struct Gexf;

/// `<attvalues>` for the fields other than the ones GEXF has as XML attributes.
fn attvalues(out: &mut String, fields: &[(&'static str, Value)], skip: &[&str]) {
    out.push_str("        <attvalues>\n");
    for (name, value) in fields.iter().filter(|(n, _)| !skip.contains(n)) {
        let _ = writeln!(
            out,
            "          <attvalue for=\"{name}\" value=\"{}\"/>",
            escape(&value.text(LIST_SEPARATOR))
        );
    }
    out.push_str("        </attvalues>\n");
}

impl Exporter for Gexf {
    fn name(&self) -> &'static str {
        "gexf"
    }
    fn extension(&self) -> &'static str {
        "gexf"
    }
    fn export(&self, graph: &KnowledgeGraph) -> Result<Output> {
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n  <meta>\n    <creator>jjj-graph {}</creator>\n    <description>Beijing–Tianjin–Hebei coordinated-development knowledge graph, with evidence</description>\n  </meta>\n  <graph defaultedgetype=\"directed\" mode=\"static\">\n",
            env!("CARGO_PKG_VERSION")
        );
        out.push_str("    <attributes class=\"node\">\n");
        for (name, t) in NODE_FIELDS.iter().filter(|(n, _)| *n != "label") {
            let _ = writeln!(
                out,
                "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>",
                t.xml_type()
            );
        }
        out.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
        for (name, t) in EDGE_FIELDS
            .iter()
            .filter(|(n, _)| !matches!(*n, "label" | "weight"))
        {
            let _ = writeln!(
                out,
                "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>",
                t.xml_type()
            );
        }
        out.push_str("    </attributes>\n    <nodes>\n");
        for node in graph.nodes() {
            let _ = writeln!(
                out,
                "      <node id=\"{}\" label=\"{}\">",
                escape(node.id()),
                escape(node.name())
            );
            attvalues(&mut out, &node_record(node), &["label"]);
            out.push_str("      </node>\n");
        }
        out.push_str("    </nodes>\n    <edges>\n");
        for (e, s, t, edge) in edges(graph) {
            let _ = writeln!(
                out,
                "      <edge id=\"e{}\" source=\"{}\" target=\"{}\" label=\"{}\" weight=\"{}\">",
                e.index(),
                escape(s),
                escape(t),
                edge.relation,
                edge.weight
            );
            attvalues(&mut out, &edge_record(edge), &["label", "weight"]);
            out.push_str("      </edge>\n");
        }
        out.push_str("    </edges>\n  </graph>\n</gexf>\n");
        Ok(Output::File(out.into_bytes()))
    }
}
