//! The index at the end of a saved graph: fixed-width arrays — where each node and edge is
//! encoded, every node's kind and names, every edge's ends and relation, and every node's
//! incident edges in compressed sparse rows — so a query can find names and walk the graph
//! straight from the file's bytes and decode only the nodes and edges it reports.

use crate::catalogue::Kind;
use crate::graph::{KnowledgeGraph, Relation};

/// The index's sections, in the order they are written (each length-prefixed).
const SECTIONS: usize = 14;

/// Encode the index of `graph`; `node_at` and `edge_at` are where each node and edge is
/// encoded in the file. O(V + E + names).
pub fn encode(graph: &KnowledgeGraph, node_at: &[u64], edge_at: &[u64]) -> Vec<u8> {
    let g = &graph.graph;
    let mut sections: Vec<Vec<u8>> = vec![Vec::new(); SECTIONS];
    sections[0] = node_at.iter().flat_map(|x| x.to_le_bytes()).collect();
    sections[1] = edge_at.iter().flat_map(|x| x.to_le_bytes()).collect();
    sections[2] = g.node_weights().map(|n| n.kind() as u8).collect();
    sections[3] = g.edge_weights().map(|e| e.relation as u8).collect();
    #[allow(clippy::cast_possible_truncation, reason = "node indices are u32")]
    let ends: Vec<(u32, u32)> = g
        .raw_edges()
        .iter()
        .map(|e| (e.source().index() as u32, e.target().index() as u32))
        .collect();
    sections[4] = ends
        .iter()
        .flat_map(|&(s, t)| [s.to_le_bytes(), t.to_le_bytes()])
        .flatten()
        .collect();
    // Incident edges per node, by (neighbour, edge); a self-loop once.
    let mut arcs: Vec<(u32, u32, u32)> = Vec::with_capacity(ends.len() * 2);
    for (e, &(s, t)) in ends.iter().enumerate() {
        #[allow(clippy::cast_possible_truncation, reason = "edge indices are u32")]
        let e = e as u32;
        arcs.push((s, t, e));
        if s != t {
            arcs.push((t, s, e));
        }
    }
    arcs.sort_unstable();
    let mut starts = vec![0u64; g.node_count() + 1];
    for &(u, ..) in &arcs {
        starts[u as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    sections[5] = starts.iter().flat_map(|x| x.to_le_bytes()).collect();
    sections[6] = arcs
        .iter()
        .flat_map(|&(_, v, e)| [v.to_le_bytes(), e.to_le_bytes()])
        .flatten()
        .collect();
    // Names: id, name, English name ("" for none), aliases, traditional forms.
    let (mut first, mut aliases, mut ends, mut blob) =
        (vec![0u64], Vec::new(), vec![0u64], Vec::new());
    for n in g.node_weights() {
        let r = &n.record;
        let names = [&r.id, &r.name]
            .into_iter()
            .map(String::as_str)
            .chain([r.en.as_deref().unwrap_or("")])
            .chain(r.aliases.iter().map(String::as_str))
            .chain(n.traditional.iter().map(String::as_str));
        for name in names {
            blob.extend_from_slice(name.as_bytes());
            ends.push(blob.len() as u64);
        }
        first.push(ends.len() as u64 - 1);
        #[allow(clippy::cast_possible_truncation, reason = "a node has few aliases")]
        aliases.push(r.aliases.len() as u32);
    }
    sections[7] = first.iter().flat_map(|x| x.to_le_bytes()).collect();
    sections[8] = aliases.iter().flat_map(|x| x.to_le_bytes()).collect();
    sections[9] = ends.iter().flat_map(|x| x.to_le_bytes()).collect();
    sections[10] = blob;
    // Local names: each node's distinct (mention text, document) pairs whose text is none of
    // its own names (本市 for 北京), for "did you mean" without loading the mentions.
    let (mut first, mut ends, mut blob) = (vec![0u64], vec![0u64], Vec::new());
    for n in g.node_weights() {
        let r = &n.record;
        let own = |t: &str| t == r.name || r.aliases.iter().chain(&n.traditional).any(|a| a == t);
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for m in n.mentions.iter().filter(|m| !own(&m.text)) {
            if !pairs.contains(&(m.text.as_str(), m.document.as_str())) {
                pairs.push((m.text.as_str(), m.document.as_str()));
            }
        }
        for text in pairs.iter().flat_map(|&(t, d)| [t, d]) {
            blob.extend_from_slice(text.as_bytes());
            ends.push(blob.len() as u64);
        }
        first.push((ends.len() as u64 - 1) / 2);
    }
    sections[11] = first.iter().flat_map(|x| x.to_le_bytes()).collect();
    sections[12] = ends.iter().flat_map(|x| x.to_le_bytes()).collect();
    sections[13] = blob;
    let mut out = Vec::with_capacity(sections.iter().map(|s| s.len() + 8).sum());
    for s in &sections {
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        out.extend_from_slice(s);
    }
    out
}

/// An array of little-endian `u64`s or `u32`s in the file's bytes.
#[derive(Debug, Clone, Copy)]
struct Array<'b, const W: usize>(&'b [u8]);

impl<const W: usize> Array<'_, W> {
    fn len(&self) -> usize {
        self.0.len() / W
    }

    /// Item `i`; callers check `i < len()`.
    fn at(&self, i: usize) -> u64 {
        let b = &self.0[i * W..(i + 1) * W];
        let mut x = [0u8; 8];
        x[..W].copy_from_slice(b);
        u64::from_le_bytes(x)
    }
}

/// The index read from a saved graph's bytes: borrowed, nothing decoded.
#[derive(Debug, Clone, Copy)]
pub struct Index<'b> {
    nodes: usize,
    node_at: Array<'b, 8>,
    edge_at: Array<'b, 8>,
    kinds: &'b [u8],
    relations: &'b [u8],
    ends: Array<'b, 4>,
    starts: Array<'b, 8>,
    arcs: Array<'b, 4>,
    first: Array<'b, 8>,
    aliases: Array<'b, 4>,
    name_ends: Array<'b, 8>,
    blob: &'b str,
    local_first: Array<'b, 8>,
    local_ends: Array<'b, 8>,
    local_blob: &'b str,
}

/// One node's names as the index keeps them.
#[derive(Debug, Clone, Copy)]
pub struct IndexedNames<'i, 'b> {
    index: &'i Index<'b>,
    node: usize,
}

impl<'b> Index<'b> {
    /// Read and check the index of a graph of `nodes` nodes and `edges` edges: every
    /// section has the right size, offsets only grow and stay inside their arrays, and every
    /// kind, relation, end and arc names something that exists (so queries never fail on
    /// them). O(V + E + names).
    pub fn read(bytes: &'b [u8], nodes: usize, edges: usize) -> Result<Index<'b>, String> {
        let mut rest = bytes;
        let mut sections = Vec::with_capacity(SECTIONS);
        for _ in 0..SECTIONS {
            let (part, tail) = super::length_prefixed(rest).ok_or("the index is truncated")?;
            sections.push(part);
            rest = tail;
        }
        let index = Index {
            nodes,
            node_at: Array(sections[0]),
            edge_at: Array(sections[1]),
            kinds: sections[2],
            relations: sections[3],
            ends: Array(sections[4]),
            starts: Array(sections[5]),
            arcs: Array(sections[6]),
            first: Array(sections[7]),
            aliases: Array(sections[8]),
            name_ends: Array(sections[9]),
            blob: std::str::from_utf8(sections[10])
                .map_err(|_| "the index has names that are not UTF-8")?,
            local_first: Array(sections[11]),
            local_ends: Array(sections[12]),
            local_blob: std::str::from_utf8(sections[13])
                .map_err(|_| "the index has names that are not UTF-8")?,
        };
        let sizes = [
            (sections[0].len(), nodes * 8),
            (sections[1].len(), edges * 8),
            (index.kinds.len(), nodes),
            (index.relations.len(), edges),
            (sections[4].len(), edges * 8),
            (sections[5].len(), (nodes + 1) * 8),
            (sections[7].len(), (nodes + 1) * 8),
            (sections[8].len(), nodes * 4),
            (sections[11].len(), (nodes + 1) * 8),
        ];
        if sizes.iter().any(|(got, want)| got != want)
            || sections[6].len() % 8 != 0
            || sections[9].len() % 8 != 0
            || sections[12].len() % 8 != 0
        {
            return Err("the index has a section of the wrong size".into());
        }
        let in_order = |a: Array<'_, 8>, last: usize| {
            a.len() > 0
                && a.at(0) == 0
                && (1..a.len()).all(|i| a.at(i - 1) <= a.at(i))
                && a.at(a.len() - 1) == last as u64
        };
        if !in_order(index.starts, index.arcs.len() / 2)
            || !in_order(index.first, index.name_ends.len().saturating_sub(1))
            || !in_order(index.name_ends, index.blob.len())
            || !in_order(
                index.local_first,
                index.local_ends.len().saturating_sub(1) / 2,
            )
            || !in_order(index.local_ends, index.local_blob.len())
        {
            return Err("the index has offsets out of order".into());
        }
        if (0..nodes).any(|i| {
            Kind::ALL.get(usize::from(index.kinds[i])).is_none()
                || index.first.at(i + 1) - index.first.at(i) < 3 + index.aliases.at(i)
        }) || index
            .relations
            .iter()
            .any(|&r| Relation::ALL.get(usize::from(r)).is_none())
            || (0..index.ends.len()).any(|i| index.ends.at(i) >= nodes as u64)
            || (0..index.arcs.len())
                .any(|i| index.arcs.at(i) >= if i % 2 == 0 { nodes } else { edges } as u64)
        {
            return Err(
                "the index names a node, edge, kind or relation that does not exist".into(),
            );
        }
        Ok(index)
    }

    pub fn node_count(&self) -> usize {
        self.nodes
    }

    /// Where node `i` is encoded in the file.
    pub fn node_at(&self, i: usize) -> u64 {
        self.node_at.at(i)
    }

    /// Where edge `e` is encoded in the file.
    pub fn edge_at(&self, e: usize) -> u64 {
        self.edge_at.at(e)
    }

    pub fn kind(&self, i: usize) -> Kind {
        Kind::ALL[usize::from(self.kinds[i])]
    }

    pub fn relation(&self, e: usize) -> Relation {
        Relation::ALL[usize::from(self.relations[e])]
    }

    /// Whether some edge has relation `r`. O(E) at worst, over one byte per edge.
    pub fn has_relation(&self, r: Relation) -> bool {
        self.relations.contains(&(r as u8))
    }

    /// Edge `e`'s source and target.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "checked to be node indices"
    )]
    pub fn ends(&self, e: usize) -> (usize, usize) {
        (
            self.ends.at(2 * e) as usize,
            self.ends.at(2 * e + 1) as usize,
        )
    }

    /// The edges incident to node `u`, each as (the node at its other end, the edge), by
    /// neighbour then edge; a self-loop once. O(degree).
    #[allow(clippy::cast_possible_truncation, reason = "checked to be indices")]
    pub fn incident(&self, u: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let (a, b) = (self.starts.at(u) as usize, self.starts.at(u + 1) as usize);
        (a..b).map(|i| {
            (
                self.arcs.at(2 * i) as usize,
                self.arcs.at(2 * i + 1) as usize,
            )
        })
    }

    pub fn names(&self, node: usize) -> IndexedNames<'_, 'b> {
        IndexedNames { index: self, node }
    }

    /// Name `k` of the index's name list (one not on character boundaries, which a sound
    /// file never has, reads as nothing).
    #[allow(
        clippy::cast_possible_truncation,
        reason = "checked to be blob offsets"
    )]
    fn name(&self, k: usize) -> &'b str {
        let (a, b) = (
            self.name_ends.at(k) as usize,
            self.name_ends.at(k + 1) as usize,
        );
        self.blob.get(a..b).unwrap_or("")
    }
}

impl<'b> IndexedNames<'_, 'b> {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "checked to be name indices"
    )]
    fn range(&self) -> (usize, usize, usize) {
        let first = self.index.first.at(self.node) as usize;
        let aliases = first + 3 + self.index.aliases.at(self.node) as usize;
        (first, aliases, self.index.first.at(self.node + 1) as usize)
    }

    pub fn id(&self) -> &'b str {
        self.index.name(self.range().0)
    }

    pub fn name(&self) -> &'b str {
        self.index.name(self.range().0 + 1)
    }

    pub fn en(&self) -> Option<&'b str> {
        Some(self.index.name(self.range().0 + 2)).filter(|s| !s.is_empty())
    }

    pub fn aliases(&self) -> impl Iterator<Item = &'b str> + '_ {
        let (first, aliases, _) = self.range();
        (first + 3..aliases).map(|k| self.index.name(k))
    }

    pub fn traditional(&self) -> impl Iterator<Item = &'b str> + '_ {
        let (_, aliases, end) = self.range();
        (aliases..end).map(|k| self.index.name(k))
    }

    pub fn kind(&self) -> Kind {
        self.index.kind(self.node)
    }

    /// The local names it is mentioned by, each with the document (see [`encode`]).
    #[allow(
        clippy::cast_possible_truncation,
        reason = "checked to be name indices"
    )]
    pub fn local_names(&self) -> impl Iterator<Item = (&'b str, &'b str)> + '_ {
        let index = self.index;
        let (a, b) = (
            index.local_first.at(self.node) as usize,
            index.local_first.at(self.node + 1) as usize,
        );
        let text = move |k: usize| {
            let (x, y) = (
                index.local_ends.at(k) as usize,
                index.local_ends.at(k + 1) as usize,
            );
            index.local_blob.get(x..y).unwrap_or("")
        };
        (a..b).map(move |p| (text(2 * p), text(2 * p + 1)))
    }
}
