//! Nodes and edges as flat records with a fixed, typed set of fields, for the formats whose
//! attributes must be declared up front (GraphML, GEXF, Neo4j CSV): lists (aliases,
//! evidence) stay lists here and each format flattens them its own way.

use crate::graph::{Edge, Evidence, KnowledgeGraph, Node};
use petgraph::graph::EdgeIndex;

/// The type of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    String,
    Int,
    Float,
    Bool,
    /// A list of strings.
    List,
}

impl FieldType {
    /// The XML Schema type GraphML and GEXF declare (lists travel as joined strings).
    pub fn xml_type(self) -> &'static str {
        match self {
            FieldType::String | FieldType::List => "string",
            FieldType::Int => "long",
            FieldType::Float => "double",
            FieldType::Bool => "boolean",
        }
    }
}

/// A field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    List(Vec<String>),
}

impl Value {
    /// The value as text, a list joined with `separator`.
    pub fn text(&self, separator: &str) -> String {
        match self {
            Value::String(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::List(items) => items.join(separator),
        }
    }
}

/// The node fields every flat format declares, in order.
pub const NODE_FIELDS: [(&str, FieldType); 19] = [
    ("label", FieldType::String),
    ("kind", FieldType::String),
    ("name", FieldType::String),
    ("en", FieldType::String),
    ("aliases", FieldType::List),
    ("traditional", FieldType::List),
    ("category", FieldType::String),
    ("level", FieldType::String),
    ("code", FieldType::String),
    ("lon", FieldType::Float),
    ("lat", FieldType::Float),
    ("date", FieldType::String),
    ("issuer", FieldType::String),
    ("role", FieldType::String),
    ("reference", FieldType::String),
    ("discovered", FieldType::Bool),
    ("confidence", FieldType::Float),
    ("mention_count", FieldType::Int),
    ("mentions", FieldType::List),
];

/// The edge fields every flat format declares, in order.
pub const EDGE_FIELDS: [(&str, FieldType); 10] = [
    ("relation", FieldType::String),
    ("label", FieldType::String),
    ("provenance", FieldType::String),
    ("rule", FieldType::String),
    ("confidence", FieldType::Float),
    ("weight", FieldType::Int),
    ("date", FieldType::String),
    ("role", FieldType::String),
    ("documents", FieldType::List),
    ("evidence", FieldType::List),
];

/// `seed/000 #19 @5107-5136 雄安新区`: where a node is mentioned and as what.
fn mention_text(m: &crate::graph::Mention) -> String {
    format!(
        "{} #{} @{}-{} {}",
        m.document, m.sentence, m.span[0], m.span[1], m.text
    )
}

/// `seed/000 #23 @5831-6082: 决定规定…` or `reference: gb2260`.
pub fn evidence_text(ev: &Evidence) -> String {
    match (&ev.document, &ev.quote, &ev.reference) {
        (Some(doc), Some(quote), _) => {
            let mut at = String::new();
            if let Some(s) = ev.sentence {
                at.push_str(&format!(" #{s}"));
            }
            if let Some([a, b]) = ev.span {
                at.push_str(&format!(" @{a}-{b}"));
            }
            format!("{doc}{at}: {quote}")
        }
        (_, _, Some(reference)) => format!("reference: {reference}"),
        _ => String::new(),
    }
}

/// A node's fields (absent ones left out), in [`NODE_FIELDS`] order.
pub fn node_record(node: &Node) -> Vec<(&'static str, Value)> {
    let r = &node.record;
    let s = |v: &str| Value::String(v.to_owned());
    let out: Vec<(&'static str, Option<Value>)> = vec![
        ("label", Some(s(&r.name))),
        ("kind", Some(s(r.kind.as_str()))),
        ("name", Some(s(&r.name))),
        ("en", r.en.as_deref().map(s)),
        (
            "aliases",
            (!r.aliases.is_empty()).then(|| Value::List(r.aliases.clone())),
        ),
        (
            "traditional",
            (!node.traditional.is_empty()).then(|| Value::List(node.traditional.clone())),
        ),
        ("category", r.category.as_deref().map(s)),
        ("level", r.level.as_deref().map(s)),
        ("code", r.code.as_deref().map(s)),
        ("lon", r.coords.map(|c| Value::Float(c[0]))),
        ("lat", r.coords.map(|c| Value::Float(c[1]))),
        ("date", node.date().map(|d| Value::String(d.to_string()))),
        ("issuer", r.issuer.as_deref().map(s)),
        ("role", r.role.as_deref().map(s)),
        ("reference", r.reference.as_deref().map(s)),
        ("discovered", Some(Value::Bool(node.discovered))),
        ("confidence", r.confidence.map(Value::Float)),
        (
            "mention_count",
            Some(Value::Int(node.mention_count() as i64)),
        ),
        (
            "mentions",
            Some(Value::List(
                node.mentions.iter().map(mention_text).collect(),
            )),
        ),
    ];
    out.into_iter().filter_map(|(k, v)| Some((k, v?))).collect()
}

/// An edge's fields (absent ones left out), in [`EDGE_FIELDS`] order.
pub fn edge_record(edge: &Edge) -> Vec<(&'static str, Value)> {
    let s = |v: &str| Value::String(v.to_owned());
    let mut documents: Vec<String> = edge
        .evidence
        .iter()
        .filter_map(|e| e.document.clone())
        .collect();
    documents.dedup();
    let out: Vec<(&'static str, Option<Value>)> = vec![
        ("relation", Some(s(edge.relation.as_str()))),
        ("label", Some(s(edge.relation.as_str()))),
        ("provenance", Some(s(provenance(edge)))),
        ("rule", edge.rule.as_deref().map(s)),
        ("confidence", Some(Value::Float(edge.confidence))),
        ("weight", Some(Value::Int(i64::from(edge.weight)))),
        ("date", edge.date.map(|d| Value::String(d.to_string()))),
        ("role", edge.role.as_deref().map(s)),
        ("documents", Some(Value::List(documents))),
        (
            "evidence",
            Some(Value::List(
                edge.evidence.iter().map(evidence_text).collect(),
            )),
        ),
    ];
    out.into_iter().filter_map(|(k, v)| Some((k, v?))).collect()
}

/// The provenance as its JSON name (`rule`, `curated`, `background`, `cooccurrence`).
pub fn provenance(edge: &Edge) -> &'static str {
    match edge.provenance {
        crate::graph::Provenance::Rule => "rule",
        crate::graph::Provenance::Curated => "curated",
        crate::graph::Provenance::Background => "background",
        crate::graph::Provenance::Cooccurrence => "cooccurrence",
    }
}

/// Every edge with its endpoints' ids, in graph order.
pub fn edges(graph: &KnowledgeGraph) -> impl Iterator<Item = (EdgeIndex, &str, &str, &Edge)> {
    graph.graph.edge_indices().filter_map(move |e| {
        let (s, t) = graph.graph.edge_endpoints(e)?;
        Some((e, graph.graph[s].id(), graph.graph[t].id(), &graph.graph[e]))
    })
}
