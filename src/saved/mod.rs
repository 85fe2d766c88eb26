//! Saved graphs (`jjj build --save FILE`, `--graph FILE`): the whole [`KnowledgeGraph`] in one
//! binary file — a text line naming the format, a MessagePack header saying where the graph
//! came from (with a BLAKE3 hash of its inputs), the documents and problems, then the nodes
//! and edges as positional MessagePack, then an [`index`] of fixed-width arrays — so a large
//! corpus is extracted once, every later query only loads it, and a path query reads the
//! index and decodes only what it reports ([`SavedGraph`]).

pub mod index;

use crate::catalogue::{EntityRecord, Kind};
use crate::corpus::{DocumentFile, TextFile};
use crate::dates::PartialDate;
use crate::error::{Error, Result};
use crate::graph::{
    DocumentInfo, Edge, Evidence, KnowledgeGraph, Mention, Node, Problem, Provenance, Relation,
};
use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

/// The first line of every saved graph; the number is the format version.
const MAGIC: &[u8] = b"jjj saved graph, format 6\n";

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
    let node_at = push_chunks(&mut out, &nodes, |n| WireNode::from(*n))?;
    let edge_at = push_chunks(&mut out, graph.graph.raw_edges(), |e| {
        WireEdge::new(
            e.source().index() as u32,
            e.target().index() as u32,
            &e.weight,
        )
    })?;
    push_part(&mut out, &index::encode(graph, &node_at, &edge_at));
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

/// `items` as a count of chunks, then each chunk of [`CHUNK`] items, length-prefixed (a
/// MessagePack array); returns where each item's encoding starts in `out`.
fn push_chunks<T, W: Serialize>(
    out: &mut Vec<u8>,
    items: &[T],
    wire: impl Fn(&T) -> W,
) -> Result<Vec<u64>> {
    let mut at = Vec::with_capacity(items.len());
    out.extend_from_slice(&(items.len().div_ceil(CHUNK) as u64).to_le_bytes());
    for chunk in items.chunks(CHUNK) {
        let length_at = out.len();
        out.extend_from_slice(&0u64.to_le_bytes());
        #[allow(
            clippy::cast_possible_truncation,
            reason = "a chunk has at most CHUNK items"
        )]
        rmp::encode::write_array_len(out, chunk.len() as u32).map_err(encode_error)?;
        for item in chunk {
            at.push(out.len() as u64);
            rmp_serde::encode::write(out, &wire(item)).map_err(encode_error)?;
        }
        let length = (out.len() - length_at - 8) as u64;
        out[length_at..length_at + 8].copy_from_slice(&length.to_le_bytes());
    }
    Ok(at)
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

/// A saved graph opened without decoding its body: the header, the documents and the
/// [`index`] are read from the file's bytes (a memory map), and nodes and edges are decoded
/// one at a time, as a query asks for them.
pub struct SavedGraph<'b> {
    path: String,
    pub header: Header,
    bytes: &'b [u8],
    body: &'b [u8],
    meta: &'b [u8],
    pub index: index::Index<'b>,
}

/// Skip what [`push_chunks`] wrote.
fn skip_chunks(bytes: &[u8]) -> Option<&[u8]> {
    let (count, mut rest) = (bytes.get(..8)?, &bytes[8..]);
    for _ in 0..u64::from_le_bytes(count.try_into().ok()?) {
        rest = length_prefixed(rest)?.1;
    }
    Some(rest)
}

impl<'b> SavedGraph<'b> {
    /// Open the saved graph in `bytes` (`path` is for messages), checking its index
    /// ([`index::Index::read`]). O(V + E) over fixed-width arrays; nothing is decoded.
    pub fn open(path: &str, bytes: &'b [u8]) -> Result<SavedGraph<'b>> {
        let (header, body) = read_header(path, bytes)?;
        let damaged = |what: &str| not_saved(path, format!("damaged graph: {what}"));
        let (meta, rest) = length_prefixed(body).ok_or_else(|| damaged("truncated"))?;
        let rest = skip_chunks(rest)
            .and_then(skip_chunks)
            .ok_or_else(|| damaged("truncated"))?;
        let (index, _) = length_prefixed(rest).ok_or_else(|| damaged("truncated"))?;
        let index =
            index::Index::read(index, header.nodes, header.edges).map_err(|e| damaged(&e))?;
        Ok(SavedGraph {
            path: path.to_owned(),
            header,
            bytes,
            body,
            meta,
            index,
        })
    }

    /// The whole graph, decoded ([`read_body`]).
    pub fn load(&self) -> Result<KnowledgeGraph> {
        read_body(&self.path, &self.header, self.body)
    }

    /// Every node with its names, in index order.
    fn all_names(&self) -> impl Iterator<Item = (NodeIndex, index::IndexedNames<'_, 'b>)> + '_ {
        (0..self.index.node_count()).map(|i| (NodeIndex::new(i), self.index.names(i)))
    }

    /// Every node matching `query`, best first, as [`crate::resolve::search`] finds them in
    /// the loaded graph. O(V · names) over the index.
    pub fn search(&self, query: &str) -> Vec<(NodeIndex, crate::resolve::Hit)> {
        crate::resolve::search_in(self.all_names(), query)
    }

    /// The closest names to `query`, as [`crate::resolve::suggestions`] gives them in the
    /// loaded graph for a name that matches nothing. O(V · names) over the index.
    pub fn suggestions(&self, query: &str, n: usize) -> Vec<String> {
        crate::resolve::suggestions_in(|| self.all_names().map(|(_, names)| names), query, n)
    }

    /// The one node `query` names, as [`crate::resolve::resolve`] finds it in the loaded
    /// graph (but an unknown name gets no suggestions: they read the mentions). O(V · names)
    /// over the index.
    pub fn resolve(&self, query: &str) -> Result<NodeIndex> {
        crate::resolve::resolve_in(|| self.all_names(), query)
    }

    /// The subgraph induced by `nodes` (indices of this graph): those nodes and every edge
    /// between them, decoded, in the saved order (so ties break as in the whole graph), with
    /// the documents and problems; and where each of `nodes` went. O(Σ degree + decoding).
    pub fn subgraph(&self, nodes: &[usize]) -> Result<(KnowledgeGraph, Vec<NodeIndex>)> {
        let damaged = |what: String| not_saved(&self.path, format!("damaged graph: {what}"));
        let mut kept: Vec<usize> = nodes.to_vec();
        kept.sort_unstable();
        kept.dedup();
        let position = |n: usize| kept.binary_search(&n).ok();
        let mut edges: Vec<usize> = kept
            .iter()
            .flat_map(|&u| {
                self.index
                    .incident(u)
                    .filter(move |&(_, e)| self.index.ends(e).0 == u)
                    .filter(|&(v, _)| position(v).is_some())
                    .map(|(_, e)| e)
            })
            .collect();
        edges.sort_unstable();
        let decode = |at: u64| -> Result<&[u8]> {
            usize::try_from(at)
                .ok()
                .and_then(|at| self.bytes.get(at..))
                .ok_or_else(|| damaged("an offset past the end".into()))
        };
        let node_list = kept
            .iter()
            .map(|&i| {
                let mut de = rmp_serde::Deserializer::from_read_ref(decode(self.index.node_at(i))?);
                WireNode::deserialize(&mut de)
                    .map(Node::from)
                    .map_err(|e| damaged(e.to_string()))
            })
            .collect::<Result<Vec<_>>>()?;
        let edge_list = edges
            .iter()
            .map(|&e| {
                let mut de = rmp_serde::Deserializer::from_read_ref(decode(self.index.edge_at(e))?);
                let (s, t, edge) = WireEdge::deserialize(&mut de)
                    .map_err(|e| damaged(e.to_string()))?
                    .into_edge();
                let ends = (position(s), position(t));
                match ends {
                    (Some(ps), Some(pt)) if (s, t) == self.index.ends(e) => Ok((ps, pt, edge)),
                    _ => Err(damaged("the index and an edge disagree on its ends".into())),
                }
            })
            .collect::<Result<Vec<_>>>()?;
        let meta: Meta = rmp_serde::from_slice(self.meta).map_err(|e| damaged(e.to_string()))?;
        let graph =
            KnowledgeGraph::from_indexed(node_list, edge_list, meta.documents, meta.problems);
        let at = nodes
            .iter()
            .map(|&n| NodeIndex::new(position(n).unwrap_or_default()))
            .collect();
        Ok((graph, at))
    }
}

/// `graph` saved as a generated graph (no inputs to check), for tests.
#[cfg(test)]
#[allow(clippy::expect_used, reason = "a graph in memory always encodes")]
pub(crate) fn saved_for_tests(graph: &KnowledgeGraph) -> Vec<u8> {
    let origin = Origin::Generated {
        nodes: graph.graph.node_count(),
        edges: graph.graph.edge_count(),
        seed: 0,
    };
    to_bytes(graph, origin).expect("save")
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
        let docs = crate::corpus::embedded_documents();
        let graph = crate::pipeline::embedded_graph();
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

        // The index finds names as the loaded graph does.
        let saved = SavedGraph::open("g", &bytes).expect("open");
        let mut unknown = 0;
        for query in [
            "雄安",
            "雄安新區",
            "Tianjin",
            "tianjin",
            "region/tianjin",
            "京津冀",
            "北京",
            "中关村",
            "氢能",
            "xi'an",
            "园",
            "no such name",
            "本市",
            "本区",
            "天进",
            "雄按新区",
            "Beijin",
            "全市",
        ] {
            // Suggestions are made for a name that matches nothing (the index keeps the
            // local names that are not a node's own).
            if crate::resolve::search(&back, query).is_empty() {
                assert_eq!(
                    crate::resolve::suggestions(&back, query, 5),
                    saved.suggestions(query, 5),
                    "{query}"
                );
                unknown += 1;
            }
            let whole = crate::resolve::resolve(&back, query).map_err(|e| match e {
                Error::UnknownName { .. } => "unknown".to_owned(),
                other => other.to_string(),
            });
            let indexed = saved.resolve(query).map_err(|e| match e {
                Error::UnknownName { .. } => "unknown".to_owned(),
                other => other.to_string(),
            });
            assert_eq!(whole, indexed, "{query}");
            let hits = |h: Vec<(NodeIndex, crate::resolve::Hit)>| {
                serde_json::to_string(&h.iter().map(|(i, h)| (i.index(), h)).collect::<Vec<_>>())
                    .expect("json")
            };
            assert_eq!(
                hits(crate::resolve::search(&back, query)),
                hits(saved.search(query)),
                "{query}"
            );
        }

        assert!(unknown >= 5, "{unknown} unknown names");

        let cut = &bytes[..bytes.len() / 2];
        let (header, body) = read_header("g", cut).expect("header survives");
        let err = read_body("g", &header, body).expect_err("truncated body");
        assert!(err.to_string().contains("damaged graph"), "{err}");
        let err = read_header("g", b"hello").expect_err("not a graph");
        assert!(err.to_string().contains("not a saved jjj graph"), "{err}");
    }

    /// Damage anywhere in the index: opening it fails or every query on it answers; nothing
    /// panics.
    #[test]
    fn a_damaged_index_is_refused_or_harmless() {
        let graph = crate::workload::graph(&crate::pipeline::embedded_graph(), 300, 900, 3);
        let bytes = saved_for_tests(&graph);
        let (_, body) = read_header("g", &bytes).expect("header");
        let chunks = length_prefixed(body).expect("meta").1;
        let index_at = bytes.len()
            - skip_chunks(chunks)
                .and_then(skip_chunks)
                .expect("index")
                .len();
        let mut rng = crate::workload::Rng::new(9);
        let (mut refused, mut opened) = (0, 0);
        for _ in 0..400 {
            let mut damaged = bytes.clone();
            for _ in 0..1 + rng.below(3) {
                let at = index_at + rng.below(bytes.len() - index_at);
                damaged[at] = rng.below(256) as u8;
            }
            let Ok(saved) = SavedGraph::open("g", &damaged) else {
                refused += 1;
                continue;
            };
            opened += 1;
            let query = crate::query::path::PathQuery {
                filter: crate::query::EdgeFilter::typed(),
                via_kinds: Vec::new(),
                avoid: Vec::new(),
                mode: crate::query::path::PathMode::Shortest,
            };
            for _ in 0..5 {
                let (a, b) = (
                    NodeIndex::new(rng.below(300)),
                    NodeIndex::new(rng.below(300)),
                );
                let _ = crate::query::path::find_paths_in_saved(&saved, a, b, &query);
                let _ = saved.resolve("合成企业0000001");
            }
        }
        assert!(
            refused > 0 && opened > 0,
            "{refused} refused, {opened} opened"
        );
    }
}
