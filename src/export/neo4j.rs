//! Neo4j: a directory with `nodes.csv` and `relationships.csv` in the header format of
//! `neo4j-admin database import` (`id:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed
//! columns, `string[]` arrays split at `|`), an `import.cypher` script that builds the same
//! graph with plain `CREATE` statements (for a running server, no import tool), a
//! `kuzu.cypher` script that loads the same two CSV files into Kùzu (an embedded Cypher
//! database, `pip install kuzu`: the route when a corpus outgrows one process), and a
//! README with the commands.

use super::record::{edge_record, edges, node_record, FieldType, Value, EDGE_FIELDS, NODE_FIELDS};
use super::{Exporter, Output};
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use std::fmt::Write as _;

/// The array delimiter (`--array-delimiter`); an item's own `|` becomes `｜`.
pub const ARRAY_DELIMITER: char = '|';

/// The `neo4j-csv` exporter.
pub struct Neo4jCsv;

fn column(name: &str, t: FieldType) -> String {
    match t {
        FieldType::String => name.to_owned(),
        FieldType::Int => format!("{name}:long"),
        FieldType::Float => format!("{name}:double"),
        FieldType::Bool => format!("{name}:boolean"),
        FieldType::List => format!("{name}:string[]"),
    }
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None => String::new(),
        Some(Value::List(items)) => items
            .iter()
            .map(|i| i.replace(ARRAY_DELIMITER, "｜"))
            .collect::<Vec<_>>()
            .join(&ARRAY_DELIMITER.to_string()),
        Some(v) => v.text(""),
    }
}

/// Kùzu's type for a column (a list stays the `|`-joined text of the CSV).
fn kuzu_type(t: FieldType) -> &'static str {
    match t {
        FieldType::String | FieldType::List => "STRING",
        FieldType::Int => "INT64",
        FieldType::Float => "DOUBLE",
        FieldType::Bool => "BOOLEAN",
    }
}

/// The Kùzu script: one node table `Entity` keyed by id, one relationship table
/// `Relation` (its Neo4j type in `type`), and the two CSV files copied in, run from the
/// export's directory.
fn kuzu_script() -> String {
    let columns = |fields: &[(&str, FieldType)]| {
        fields
            .iter()
            .map(|(n, t)| format!(", `{n}` {}", kuzu_type(*t)))
            .collect::<String>()
    };
    format!(
        "// jjj-graph for Kùzu (pip install kuzu), run in the directory of nodes.csv:\n\
         // python3 -c \"import kuzu; kuzu.Connection(kuzu.Database('jjj.kuzu')).execute(open('kuzu.cypher').read())\"\n\
         CREATE NODE TABLE Entity(id STRING{}, labels STRING, PRIMARY KEY(id));\n\
         CREATE REL TABLE Relation(FROM Entity TO Entity, `type` STRING{});\n\
         COPY Entity FROM 'nodes.csv' (HEADER=true, AUTO_DETECT=false, DELIM=',', QUOTE='\"', ESCAPE='\"', PARALLEL=false);\n\
         COPY Relation FROM 'relationships.csv' (HEADER=true, AUTO_DETECT=false, DELIM=',', QUOTE='\"', ESCAPE='\"', PARALLEL=false);\n",
        columns(&NODE_FIELDS),
        columns(&EDGE_FIELDS)
    )
}

/// `Region`, `Organization`… from a kind.
pub fn label(kind: crate::catalogue::Kind) -> String {
    let s = kind.as_str();
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `LOCATED_IN` from `located_in`.
pub fn rel_type(relation: crate::graph::Relation) -> String {
    relation.as_str().to_uppercase()
}

fn csv_bytes(rows: Vec<Vec<String>>) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.write_record(&row).map_err(|e| Error::InvalidValue {
            what: "CSV row",
            value: String::new(),
            message: e.to_string(),
        })?;
    }
    w.into_inner().map_err(|e| Error::InvalidValue {
        what: "CSV",
        value: String::new(),
        message: e.to_string(),
    })
}

/// A Cypher string literal.
fn cypher_string(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn cypher_value(v: &Value) -> String {
    match v {
        Value::String(s) => cypher_string(s),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Bool(b) => b.to_string(),
        Value::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| cypher_string(i))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn cypher_map(fields: &[(&'static str, Value)], first: Option<(&str, &str)>) -> String {
    let mut parts: Vec<String> = first
        .map(|(k, v)| format!("{k}: {}", cypher_string(v)))
        .into_iter()
        .collect();
    parts.extend(
        fields
            .iter()
            .map(|(k, v)| format!("`{k}`: {}", cypher_value(v))),
    );
    format!("{{{}}}", parts.join(", "))
}

impl Exporter for Neo4jCsv {
    fn name(&self) -> &'static str {
        "neo4j-csv"
    }
    fn extension(&self) -> &'static str {
        "neo4j"
    }
    fn export(&self, graph: &KnowledgeGraph) -> Result<Output> {
        let mut node_rows = vec![std::iter::once("id:ID".to_owned())
            .chain(NODE_FIELDS.iter().map(|(n, t)| column(n, *t)))
            .chain(std::iter::once(":LABEL".to_owned()))
            .collect::<Vec<_>>()];
        let mut cypher = String::from(
            "// jjj-graph for Neo4j: run with cypher-shell -f import.cypher (or paste into Neo4j Browser).\nCREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n",
        );
        for node in graph.nodes() {
            let fields = node_record(node);
            let get = |name: &str| fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
            let mut row = vec![node.id().to_owned()];
            row.extend(NODE_FIELDS.iter().map(|(n, _)| cell(get(n))));
            // A discovered entity also carries the label `Discovered`.
            let labels = if node.discovered {
                format!("{}{ARRAY_DELIMITER}Discovered", label(node.kind()))
            } else {
                label(node.kind())
            };
            row.push(format!("Entity{ARRAY_DELIMITER}{labels}"));
            node_rows.push(row);
            let _ = writeln!(
                cypher,
                "CREATE (:Entity:{} {});",
                labels.replace(ARRAY_DELIMITER, ":"),
                cypher_map(&fields, Some(("id", node.id())))
            );
        }
        let mut rel_rows = vec![[":START_ID", ":END_ID", ":TYPE"]
            .into_iter()
            .map(str::to_owned)
            .chain(EDGE_FIELDS.iter().map(|(n, t)| column(n, *t)))
            .collect::<Vec<_>>()];
        for (_, s, t, edge) in edges(graph) {
            let fields = edge_record(edge);
            let get = |name: &str| fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
            let mut row = vec![s.to_owned(), t.to_owned(), rel_type(edge.relation)];
            row.extend(EDGE_FIELDS.iter().map(|(n, _)| cell(get(n))));
            rel_rows.push(row);
            let _ = writeln!(
                cypher,
                "MATCH (a:Entity {{id: {}}}), (b:Entity {{id: {}}}) CREATE (a)-[:{} {}]->(b);",
                cypher_string(s),
                cypher_string(t),
                rel_type(edge.relation),
                cypher_map(&fields, None)
            );
        }
        let readme = format!(
            "# jjj-graph for Neo4j\n\n{} nodes (label `Entity` plus one per kind: `Region`, `Organization`, …; `Discovered` for the
entities not in the catalogue) and {} relationships\n(types `LOCATED_IN`, `SIGNED`, …; evidence in the `evidence` and `documents` arrays).\n\nBulk import into an empty database (Neo4j 5):\n\n    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --array-delimiter=\"{ARRAY_DELIMITER}\" neo4j\n\nOr, on a running server:\n\n    cypher-shell -u neo4j -p PASSWORD -f import.cypher\n\nOr into Kùzu, an embedded Cypher database (`pip install kuzu`), from this directory:\n\n    python3 -c \"import kuzu; kuzu.Connection(kuzu.Database('jjj.kuzu')).execute(open('kuzu.cypher').read())\"\n\nArrays are split at `{ARRAY_DELIMITER}`; a `{ARRAY_DELIMITER}` inside an item was written as `｜` (Kùzu keeps them as that text).\n",
            graph.graph.node_count(),
            graph.graph.edge_count()
        );
        Ok(Output::Directory(vec![
            ("nodes.csv".into(), csv_bytes(node_rows)?),
            ("relationships.csv".into(), csv_bytes(rel_rows)?),
            ("import.cypher".into(), cypher.into_bytes()),
            ("kuzu.cypher".into(), kuzu_script().into_bytes()),
            ("README.md".into(), readme.into_bytes()),
        ]))
    }
}
