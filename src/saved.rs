//! Saved graphs (`jjj build --save FILE`, `--graph FILE`): the whole [`KnowledgeGraph`] in one
//! binary file — a text line naming the format, a MessagePack header saying where the graph
//! came from (with a BLAKE3 hash of its inputs), the documents and problems, then the nodes
//! and edges as positional MessagePack — so a large corpus is extracted once and every later
//! query only loads it.

use crate::catalogue::{EntityRecord, Kind};
use crate::corpus::{DocumentFile, TextFile};
use crate::dates::PartialDate;
use crate::error::{Error, Result};
use crate::graph::{
    DocumentInfo, Edge, Evidence, KnowledgeGraph, Mention, Node, Problem, Provenance, Relation,
};
use serde::{Deserialize, Serialize};

/// The first line of every saved graph; the number is the format version.
const MAGIC: &[u8] = b"jjj saved graph, format 4\n";

/// Where a saved graph came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Built by extraction. `data`/`seeds` are the directories given (`None`: the embedded
    /// catalogue or seeds); `hash` is the [`InputHasher`] hash of what they held.
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

/// The documents and problems, written with field names (few and small).
#[derive(Serialize, Deserialize)]
struct Meta {
    documents: Vec<DocumentInfo>,
    problems: Vec<Problem>,
}

/// Nodes and edges are written positionally (MessagePack arrays, no field names) in
/// chunks of this many, each prefixed by its length, so loading decodes chunks in
/// parallel. They are the bulk of a large graph; every field is listed, none skipped.
const CHUNK: usize = 1 << 16;

#[derive(Serialize, Deserialize)]
struct WireNode {
    id: String,
    kind: Kind,
    name: String,
    en: Option<String>,
    aliases: Vec<String>,
    category: Option<String>,
    level: Option<String>,
    code: Option<String>,
    coords: Option<[f64; 2]>,
    located_in: Option<String>,
    reference: Option<String>,
    role: Option<String>,
    date: Option<PartialDate>,
    issuer: Option<String>,
    list_name: Option<String>,
    group: Option<String>,
    field: Option<String>,
    confidence: Option<f64>,
    traditional: Vec<String>,
    resolved_date: Option<PartialDate>,
    discovered: bool,
    mentions: Vec<Mention>,
    mentions_omitted: usize,
}

#[derive(Serialize, Deserialize)]
struct WireEdge {
    source: u32,
    target: u32,
    relation: Relation,
    provenance: Provenance,
    rule: Option<String>,
    confidence: f64,
    weight: u32,
    date: Option<PartialDate>,
    role: Option<String>,
    evidence: Vec<WireEvidence>,
    evidence_omitted: usize,
}

#[derive(Serialize, Deserialize)]
struct WireEvidence {
    document: Option<String>,
    sentence: Option<usize>,
    quote: Option<String>,
    span: Option<[usize; 2]>,
    reference: Option<String>,
}

impl From<&Node> for WireNode {
    fn from(n: &Node) -> Self {
        let EntityRecord {
            id,
            kind,
            name,
            en,
            aliases,
            category,
            level,
            code,
            coords,
            located_in,
            reference,
            role,
            date,
            issuer,
            list_name,
            group,
            field,
            confidence,
        } = n.record.clone();
        WireNode {
            id,
            kind,
            name,
            en,
            aliases,
            category,
            level,
            code,
            coords,
            located_in,
            reference,
            role,
            date,
            issuer,
            list_name,
            group,
            field,
            confidence,
            traditional: n.traditional.clone(),
            resolved_date: n.resolved_date,
            discovered: n.discovered,
            mentions: n.mentions.clone(),
            mentions_omitted: n.mentions_omitted,
        }
    }
}

impl From<WireNode> for Node {
    fn from(w: WireNode) -> Self {
        Node {
            record: EntityRecord {
                id: w.id,
                kind: w.kind,
                name: w.name,
                en: w.en,
                aliases: w.aliases,
                category: w.category,
                level: w.level,
                code: w.code,
                coords: w.coords,
                located_in: w.located_in,
                reference: w.reference,
                role: w.role,
                date: w.date,
                issuer: w.issuer,
                list_name: w.list_name,
                group: w.group,
                field: w.field,
                confidence: w.confidence,
            },
            traditional: w.traditional,
            resolved_date: w.resolved_date,
            discovered: w.discovered,
            mentions: w.mentions,
            mentions_omitted: w.mentions_omitted,
        }
    }
}

impl WireEdge {
    fn new(source: u32, target: u32, e: &Edge) -> Self {
        WireEdge {
            source,
            target,
            relation: e.relation,
            provenance: e.provenance,
            rule: e.rule.clone(),
            confidence: e.confidence,
            weight: e.weight,
            date: e.date,
            role: e.role.clone(),
            evidence: e
                .evidence
                .iter()
                .map(|v| WireEvidence {
                    document: v.document.clone(),
                    sentence: v.sentence,
                    quote: v.quote.clone(),
                    span: v.span,
                    reference: v.reference.clone(),
                })
                .collect(),
            evidence_omitted: e.evidence_omitted,
        }
    }

    fn into_edge(self) -> (usize, usize, Edge) {
        let edge = Edge {
            relation: self.relation,
            provenance: self.provenance,
            rule: self.rule,
            confidence: self.confidence,
            weight: self.weight,
            date: self.date,
            role: self.role,
            evidence: self
                .evidence
                .into_iter()
                .map(|v| Evidence {
                    document: v.document,
                    sentence: v.sentence,
                    quote: v.quote,
                    span: v.span,
                    reference: v.reference,
                })
                .collect(),
            evidence_omitted: self.evidence_omitted,
        };
        (self.source as usize, self.target as usize, edge)
    }
}

/// The BLAKE3 hash of the inputs of a build: every catalogue file and document, by path
/// and content, and the jjj version. Documents are added one at a time, so a corpus is
/// hashed as it streams past. About 1 GB/s.
pub struct InputHasher(blake3::Hasher);

impl InputHasher {
    pub fn new(catalogue: &[TextFile]) -> Self {
        let mut h = blake3::Hasher::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        for f in catalogue {
            for part in [f.path.as_bytes(), f.text.as_bytes()] {
                h.update(&(part.len() as u64).to_le_bytes());
                h.update(part);
            }
        }
        h.update(b"documents");
        InputHasher(h)
    }

    pub fn add(&mut self, d: &DocumentFile) {
        for part in [d.name.as_bytes(), d.text.as_bytes()] {
            self.0.update(&(part.len() as u64).to_le_bytes());
            self.0.update(part);
        }
    }

    /// The hash, in hex.
    pub fn finish(&self) -> String {
        self.0.finalize().to_hex().to_string()
    }
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
    let meta = Meta {
        documents: graph.documents.clone(),
        problems: graph.problems.clone(),
    };
    let header = rmp_serde::to_vec_named(&header).map_err(encode_error)?;
    let meta = rmp_serde::to_vec_named(&meta).map_err(encode_error)?;
    let mut out = Vec::with_capacity(MAGIC.len() + 16 + header.len() + meta.len());
    out.extend_from_slice(MAGIC);
    for part in [&header, &meta] {
        push_part(&mut out, part);
    }
    let nodes: Vec<&Node> = graph.graph.node_weights().collect();
    push_chunks(&mut out, &nodes, |n| WireNode::from(*n))?;
    push_chunks(&mut out, graph.graph.raw_edges(), |e| {
        WireEdge::new(
            e.source().index() as u32,
            e.target().index() as u32,
            &e.weight,
        )
    })?;
    Ok(out)
}

fn not_saved(path: &str, message: impl Into<String>) -> Error {
    Error::Input {
        path: path.to_owned(),
        message: message.into(),
    }
}

fn push_part(out: &mut Vec<u8>, part: &[u8]) {
    out.extend_from_slice(&(part.len() as u64).to_le_bytes());
    out.extend_from_slice(part);
}

/// `items` as a count of chunks, then each chunk of [`CHUNK`] items, length-prefixed.
fn push_chunks<T, W: Serialize>(
    out: &mut Vec<u8>,
    items: &[T],
    wire: impl Fn(&T) -> W,
) -> Result<()> {
    out.extend_from_slice(&(items.len().div_ceil(CHUNK) as u64).to_le_bytes());
    for chunk in items.chunks(CHUNK) {
        let wired: Vec<W> = chunk.iter().map(&wire).collect();
        push_part(out, &rmp_serde::to_vec(&wired).map_err(encode_error)?);
    }
    Ok(())
}

/// Decode what [`push_chunks`] wrote and convert each item with `convert`, chunks in
/// parallel; returns the chunks and the bytes after them.
fn read_chunks<W, T>(
    bytes: &[u8],
    convert: impl Fn(W) -> T + Sync,
) -> std::result::Result<(Vec<Vec<T>>, &[u8]), String>
where
    W: serde::de::DeserializeOwned,
    T: Send,
{
    use rayon::prelude::*;
    let count = bytes
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_le_bytes)
        .ok_or("truncated")?;
    let mut rest = &bytes[8..];
    let mut parts = Vec::new();
    for _ in 0..count {
        let (part, tail) = length_prefixed(rest).ok_or("truncated")?;
        parts.push(part);
        rest = tail;
    }
    let decode = |p: &&[u8]| {
        rmp_serde::from_slice::<Vec<W>>(p)
            .map(|items| items.into_iter().map(&convert).collect())
            .map_err(|e| e.to_string())
    };
    // One chunk (a small graph) is decoded here: starting the thread pool costs more.
    let chunks: Vec<Vec<T>> = if parts.len() > 1 {
        parts
            .par_iter()
            .map(decode)
            .collect::<std::result::Result<_, _>>()?
    } else {
        parts
            .iter()
            .map(decode)
            .collect::<std::result::Result<_, _>>()?
    };
    Ok((chunks, rest))
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
    let (header_bytes, rest) =
        length_prefixed(rest).ok_or_else(|| not_saved(path, "the saved graph is truncated"))?;
    let header: Header = rmp_serde::from_slice(header_bytes)
        .map_err(|e| not_saved(path, format!("damaged header: {e}")))?;
    Ok((header, rest))
}

/// Load the graph from the bytes after the header ([`read_header`]). O(V + E).
pub fn read_body(path: &str, header: &Header, rest: &[u8]) -> Result<KnowledgeGraph> {
    let damaged = |what: String| not_saved(path, format!("damaged graph: {what}"));
    let (meta, body) = length_prefixed(rest).ok_or_else(|| damaged("truncated".into()))?;
    let meta: Meta = rmp_serde::from_slice(meta).map_err(|e| damaged(e.to_string()))?;
    let (nodes, rest) = read_chunks(body, |w: WireNode| Node::from(w)).map_err(damaged)?;
    let (edges, _) = read_chunks(rest, WireEdge::into_edge).map_err(damaged)?;
    let n: usize = nodes.iter().map(Vec::len).sum();
    let m: usize = edges.iter().map(Vec::len).sum();
    if n != header.nodes || m != header.edges {
        return Err(damaged(
            "the header and the body disagree on the size".into(),
        ));
    }
    if edges.iter().flatten().any(|&(s, t, _)| s >= n || t >= n) {
        return Err(damaged("an edge names a missing node".into()));
    }
    Ok(KnowledgeGraph::from_chunks(
        nodes,
        edges,
        meta.documents,
        meta.problems,
    ))
}

/// Split `bytes` into a part prefixed by its u64 length and the rest.
fn length_prefixed(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let len = u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?);
    let len = usize::try_from(len).ok()?;
    let end = 8usize.checked_add(len)?;
    Some((bytes.get(8..end)?, &bytes[end..]))
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
            hash: {
                let mut h = InputHasher::new(&crate::corpus::embedded_catalogue());
                docs.iter().for_each(|d| h.add(d));
                h.finish()
            },
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
