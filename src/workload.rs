//! Deterministic synthetic workloads for benchmarks: a corpus of any size made of the seed
//! documents' own raw sentences (with their noise: traditional text with pinyin annotations,
//! Taiwan vocabulary, page furniture, damaged spans), and a graph of any size with the
//! seed graph's kinds and relations. The same seed always gives the same bytes.

use crate::catalogue::{EntityRecord, Kind};
use crate::corpus::DocumentFile;
use crate::graph::{Edge, Evidence, KnowledgeGraph, Node, Provenance, Relation};
use crate::pipeline::ProcessedDocument;

/// The reference every synthetic edge cites: it is not a fact of the documents.
pub const SYNTHETIC_REFERENCE: &str = "synthetic";

/// A small, fast, portable generator (SplitMix64): the same seed gives the same stream on
/// every platform and every version of jjj.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The raw pieces of one seed document: the text before its first sentence (page furniture)
/// and each sentence with the raw text up to the next one, exactly as in the file.
struct RawPieces<'a> {
    header: &'a str,
    sentences: Vec<&'a str>,
}

fn raw_pieces(doc: &ProcessedDocument) -> RawPieces<'_> {
    let starts: Vec<usize> = doc
        .sentences
        .iter()
        .map(|s| doc.normalized.text.original_span(s.range.clone()).start)
        .collect();
    let first = starts.first().copied().unwrap_or(doc.original.len());
    let sentences = starts
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let end = starts.get(i + 1).copied().unwrap_or(doc.original.len());
            &doc.original[start..end.max(start)]
        })
        .filter(|s| !s.is_empty())
        .collect();
    RawPieces {
        header: &doc.original[..first],
        sentences,
    }
}

/// A corpus of about `bytes` bytes (never less) in documents of 4 KiB to 1 MiB
/// (log-uniform, and at most an eighth of the corpus, so there are always several). Each
/// document copies one seed's header and then that seed's raw sentences,
/// drawn at random, so every kind of noise of the seeds recurs at the seeds' own rate.
pub fn corpus(seeds: &[ProcessedDocument], bytes: usize, seed: u64) -> Vec<DocumentFile> {
    let pieces: Vec<RawPieces> = seeds
        .iter()
        .map(raw_pieces)
        .filter(|p| !p.sentences.is_empty())
        .collect();
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut total = 0usize;
    while total < bytes && !pieces.is_empty() {
        let source = &pieces[rng.below(pieces.len())];
        let target = (4096.0 * 256f64.powf(rng.unit())) as usize;
        let target = target.min((bytes / 8).max(4096)).min(bytes - total).max(1);
        let mut text = String::with_capacity(target + 4096);
        text.push_str(source.header);
        while text.len() < target {
            text.push_str(source.sentences[rng.below(source.sentences.len())]);
        }
        total += text.len();
        let name = format!("synthetic_{:06}.txt", out.len());
        out.push(DocumentFile {
            display_path: name.clone(),
            name,
            text,
        });
    }
    out
}

/// A graph of `nodes` nodes and `edges` edges (parallel edges of different relations allowed,
/// no self-loops) shaped like `template`: node kinds in the template's proportions (the extra
/// nodes as organizations of category `enterprise`), each edge a copy of a random template
/// edge's (source kind, relation, target kind), endpoints drawn by preferential attachment so
/// degrees are heavy-tailed. Every edge cites [`SYNTHETIC_REFERENCE`]. O(nodes + edges).
pub fn graph(template: &KnowledgeGraph, nodes: usize, edges: usize, seed: u64) -> KnowledgeGraph {
    let mut rng = Rng::new(seed);
    let kinds: Vec<Kind> = template.nodes().map(Node::kind).collect();
    let shapes: Vec<(Kind, Relation, Kind)> = template
        .graph
        .edge_indices()
        .filter_map(|e| {
            let (s, t) = template.graph.edge_endpoints(e)?;
            let relation = template.graph[e].relation;
            (relation != Relation::CoOccurs)
                .then(|| (template.graph[s].kind(), relation, template.graph[t].kind()))
        })
        .collect();
    let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); Kind::ALL.len()];
    let mut out_nodes = Vec::with_capacity(nodes);
    for i in 0..nodes {
        // One node in five keeps a template kind; the rest are enterprises.
        let (kind, category) = if kinds.is_empty() || rng.below(5) != 0 {
            (Kind::Organization, Some("enterprise".to_owned()))
        } else {
            (kinds[rng.below(kinds.len())], None)
        };
        by_kind[kind as usize].push(i);
        out_nodes.push(Node {
            record: synthetic_record(i, kind, category),
            traditional: Vec::new(),
            resolved_date: None,
            discovered: false,
            mentions: Vec::new(),
            mentions_omitted: 0,
        });
    }
    // Preferential attachment: an endpoint is a uniform node half of the time, else the
    // endpoint of an earlier edge (chosen in proportion to degree).
    let mut ends: Vec<u32> = Vec::with_capacity(2 * edges);
    let pick = |rng: &mut Rng, kind: Kind, ends: &[u32]| -> usize {
        let pool = &by_kind[kind as usize];
        let pool = if pool.is_empty() {
            &by_kind[Kind::Organization as usize]
        } else {
            pool
        };
        if !ends.is_empty() && rng.below(2) == 0 {
            let candidate = ends[rng.below(ends.len())] as usize;
            if out_nodes[candidate].kind() == kind {
                return candidate;
            }
        }
        pool[rng.below(pool.len())]
    };
    let mut out_edges = Vec::with_capacity(edges);
    let default_shape = (
        Kind::Organization,
        Relation::CooperatesWith,
        Kind::Organization,
    );
    while out_edges.len() < edges && nodes > 1 {
        let (sk, relation, tk) = if shapes.is_empty() {
            default_shape
        } else {
            shapes[rng.below(shapes.len())]
        };
        let s = pick(&mut rng, sk, &ends);
        let t = pick(&mut rng, tk, &ends);
        if s == t {
            continue;
        }
        ends.push(s as u32);
        ends.push(t as u32);
        out_edges.push((s, t, synthetic_edge(relation)));
    }
    KnowledgeGraph::from_indexed(out_nodes, out_edges, Vec::new(), Vec::new())
}

/// The edges of `graph` as `source<TAB>target<TAB>relation` lines, endpoints as node
/// positions (0-based, in id order): the input other graph tools load.
pub fn edge_list(graph: &KnowledgeGraph) -> Vec<u8> {
    use std::io::Write as _;
    let mut out = Vec::with_capacity(graph.graph.edge_count() * 24);
    for e in graph.graph.raw_edges() {
        let _ = writeln!(
            out,
            "{}\t{}\t{}",
            e.source().index(),
            e.target().index(),
            e.weight.relation
        );
    }
    out
}

fn synthetic_record(i: usize, kind: Kind, category: Option<String>) -> EntityRecord {
    let id = format!("{}/synthetic-{i:07}", kind.id_prefix());
    let name = match kind {
        Kind::Organization if category.is_some() => format!("合成企业{i:07}"),
        other => format!("合成{}{i:07}", other.as_str()),
    };
    EntityRecord {
        en: Some(format!("Synthetic {} {i}", kind.as_str())),
        category,
        ..EntityRecord::new(id, kind, name)
    }
}

fn synthetic_edge(relation: Relation) -> Edge {
    Edge {
        relation,
        provenance: Provenance::Background,
        rule: None,
        confidence: 1.0,
        weight: 1,
        date: None,
        role: None,
        evidence: vec![Evidence {
            document: None,
            sentence: None,
            quote: None,
            span: None,
            reference: Some(SYNTHETIC_REFERENCE.to_owned()),
        }],
        evidence_omitted: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_stable_and_bounded() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let xs: Vec<usize> = (0..1000).map(|_| a.below(10)).collect();
        let ys: Vec<usize> = (0..1000).map(|_| b.below(10)).collect();
        assert_eq!(xs, ys);
        assert!(xs.iter().all(|&x| x < 10));
        assert!((0..10).all(|d| xs.contains(&d)));
        // SplitMix64's published first output for seed 0.
        assert_eq!(Rng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }
}
