//! Saved graphs (`jjj build --save FILE`, `--graph FILE`): the whole [`KnowledgeGraph`] in one
//! binary file (a short text line, a MessagePack header saying where the graph came from
//! with a BLAKE3 hash of its inputs, then the MessagePack body), so a large corpus is
//! extracted once and every later query only loads it.

use crate::corpus::{DocumentFile, TextFile};
use crate::error::{Error, Result};
use crate::graph::{DocumentInfo, Edge, KnowledgeGraph, Node, Problem};
use serde::{Deserialize, Serialize};

/// The first line of every saved graph; the number is the format version.
const MAGIC: &[u8] = b"jjj saved graph, format 1\n";

/// Where a saved graph came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Built by extraction. `data`/`seeds` are the directories given (`None`: the embedded
    /// catalogue or seeds); `hash` is [`input_hash`] of what they held.
    Built {
        data: Option<String>,
        seeds: Option<String>,
        hash: String,
    },
    /// Made by `jjj generate graph`: nothing to check.
    Generated {
        nodes: usize,
        edges: usize,
        seed: u64,
    },
}

/// The header: readable without loading the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The jjj version that wrote the file (a different version rebuilds it: extraction may
    /// have changed).
    pub jjj_version: String,
    pub origin: Origin,
    pub nodes: usize,
    pub edges: usize,
}

#[derive(Serialize)]
struct BodyRef<'a> {
    nodes: Vec<&'a Node>,
    edges: Vec<(u32, u32, &'a Edge)>,
    documents: &'a [DocumentInfo],
    problems: &'a [Problem],
}

#[derive(Deserialize)]
struct Body {
    nodes: Vec<Node>,
    edges: Vec<(u32, u32, Edge)>,
    documents: Vec<DocumentInfo>,
    problems: Vec<Problem>,
}

/// The BLAKE3 hash (hex) of the inputs of a build: every catalogue file and document, by
/// path and content, and the jjj version. O(total bytes), about 1 GB/s.
pub fn input_hash(catalogue: &[TextFile], documents: &[DocumentFile]) -> String {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for f in catalogue {
        for part in [f.path.as_bytes(), f.text.as_bytes()] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    h.update(b"documents");
    for d in documents {
        for part in [d.name.as_bytes(), d.text.as_bytes()] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    h.finalize().to_hex().to_string()
}

fn encode_error(e: impl std::fmt::Display) -> Error {
    Error::InvalidValue {
        what: "graph",
        value: "saved graph".into(),
        message: e.to_string(),
    }
}

/// The saved form of `graph`.
pub fn to_bytes(graph: &KnowledgeGraph, origin: Origin) -> Result<Vec<u8>> {
    let header = Header {
        jjj_version: env!("CARGO_PKG_VERSION").to_owned(),
        origin,
        nodes: graph.graph.node_count(),
        edges: graph.graph.edge_count(),
    };
    let body = BodyRef {
        nodes: graph.graph.node_weights().collect(),
        edges: graph
            .graph
            .raw_edges()
            .iter()
            .map(|e| {
                (
                    e.source().index() as u32,
                    e.target().index() as u32,
                    &e.weight,
                )
            })
            .collect(),
        documents: &graph.documents,
        problems: &graph.problems,
    };
    let header = rmp_serde::to_vec_named(&header).map_err(encode_error)?;
    let mut out = Vec::with_capacity(MAGIC.len() + 8 + header.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(header.len() as u64).to_le_bytes());
    out.extend_from_slice(&header);
    rmp_serde::encode::write_named(&mut out, &body).map_err(encode_error)?;
    Ok(out)
}

fn not_saved(path: &str, message: impl Into<String>) -> Error {
    Error::Input {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// Split a saved graph into its header and the body bytes; `path` is for messages.
pub fn read_header<'b>(path: &str, bytes: &'b [u8]) -> Result<(Header, &'b [u8])> {
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        let message = if bytes.starts_with(b"jjj saved graph") {
            "a saved graph of another format version: rebuild it with `jjj build --save`"
        } else {
            "not a saved jjj graph (make one with `jjj build --save FILE`)"
        };
        return Err(not_saved(path, message));
    };
    let truncated = || not_saved(path, "the saved graph is truncated");
    let len_bytes: [u8; 8] = rest
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(truncated)?;
    let len = usize::try_from(u64::from_le_bytes(len_bytes)).map_err(|_| truncated())?;
    let header_bytes = rest
        .get(8..8usize.saturating_add(len))
        .ok_or_else(truncated)?;
    let header: Header = rmp_serde::from_slice(header_bytes)
        .map_err(|e| not_saved(path, format!("damaged header: {e}")))?;
    Ok((header, &rest[8 + len..]))
}

/// Load the graph from the body bytes [`read_header`] returned. O(V + E).
pub fn read_body(path: &str, header: &Header, body: &[u8]) -> Result<KnowledgeGraph> {
    let body: Body =
        rmp_serde::from_slice(body).map_err(|e| not_saved(path, format!("damaged graph: {e}")))?;
    let n = body.nodes.len();
    if n != header.nodes || body.edges.len() != header.edges {
        return Err(not_saved(
            path,
            "damaged graph: the header and the body disagree on the size",
        ));
    }
    if body
        .edges
        .iter()
        .any(|&(s, t, _)| s as usize >= n || t as usize >= n)
    {
        return Err(not_saved(
            path,
            "damaged graph: an edge names a missing node",
        ));
    }
    let edges = body
        .edges
        .into_iter()
        .map(|(s, t, e)| (s as usize, t as usize, e))
        .collect();
    Ok(KnowledgeGraph::from_indexed(
        body.nodes,
        edges,
        body.documents,
        body.problems,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let catalogue = crate::catalogue::Catalogue::load(&crate::corpus::embedded_catalogue())
            .expect("embedded catalogue");
        let docs = crate::corpus::embedded_documents();
        let graph = crate::pipeline::build(&catalogue, &docs)
            .expect("build")
            .graph;
        let origin = Origin::Built {
            data: None,
            seeds: None,
            hash: input_hash(&crate::corpus::embedded_catalogue(), &docs),
        };
        let bytes = to_bytes(&graph, origin.clone()).expect("save");
        let (header, body) = read_header("g", &bytes).expect("header");
        assert_eq!(header.origin, origin);
        let back = read_body("g", &header, body).expect("body");
        assert_eq!(back.graph.node_count(), graph.graph.node_count());
        assert!(back.graph.node_weights().eq(graph.graph.node_weights()));
        assert!(back
            .graph
            .raw_edges()
            .iter()
            .map(|e| (e.source(), e.target(), &e.weight))
            .eq(graph
                .graph
                .raw_edges()
                .iter()
                .map(|e| (e.source(), e.target(), &e.weight))));
        assert_eq!(back.documents, graph.documents);

        let cut = &bytes[..bytes.len() / 2];
        let (header, body) = read_header("g", cut).expect("header survives");
        let err = read_body("g", &header, body).expect_err("truncated body");
        assert!(err.to_string().contains("damaged graph"), "{err}");
        let err = read_header("g", b"hello").expect_err("not a graph");
        assert!(err.to_string().contains("not a saved jjj graph"), "{err}");
    }
}
