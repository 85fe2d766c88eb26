//! Queries over the knowledge graph — paths, neighbours, relations between two entities,
//! filtered lists, rankings, the timeline and communities. Each returns plain serializable
//! data (the CLI only formats it); the graph algorithms themselves live in [`crate::algo`].
//!
//! Every query that walks the graph does so over a [`Traversal`]: one arc per ordered node
//! pair that the [`EdgeFilter`] lets through, carrying the knowledge-graph edges behind it.

pub mod communities;
pub mod list;
pub mod neighbors;
pub mod path;
pub mod rank;
pub mod relations;
pub mod timeline;

use crate::catalogue::Kind;
use crate::export::json::ExportedEdge;
use crate::graph::{Edge, KnowledgeGraph, Node, Relation};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;

/// The cost of a co-occurrence hop when co-occurrence is a fallback: more than any path of
/// typed hops can cost, so every path of typed edges ranks first.
pub const FALLBACK_COST: u64 = 1 << 32;

/// How co-occurrence edges (two entities named in one sentence) take part in a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cooccurrence {
    /// Left out.
    Off,
    /// Used only where typed edges do not reach: a co-occurrence hop costs
    /// [`FALLBACK_COST`].
    Fallback,
    /// Used like any typed edge.
    On,
}

/// Which edges a query may use, and whether it follows them only forwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeFilter {
    /// Only these relations (empty: all). Naming `co_occurs` here uses it like a typed edge.
    pub only: Vec<Relation>,
    /// Never these relations.
    pub exclude: Vec<Relation>,
    pub cooccurrence: Cooccurrence,
    /// Follow edges only from source to target (default: both ways, since users think of
    /// relations as links).
    pub directed: bool,
}

impl EdgeFilter {
    /// Typed edges only, followed both ways.
    pub fn typed() -> EdgeFilter {
        EdgeFilter {
            only: Vec::new(),
            exclude: Vec::new(),
            cooccurrence: Cooccurrence::Off,
            directed: false,
        }
    }

    /// The cost of walking `edge`, or `None` when the filter leaves it out.
    pub fn cost(&self, edge: &Edge) -> Option<u64> {
        self.relation_cost(edge.relation)
    }

    /// The cost of walking an edge of relation `r`, or `None` when the filter leaves it out.
    pub fn relation_cost(&self, r: Relation) -> Option<u64> {
        if self.exclude.contains(&r) {
            return None;
        }
        if !self.only.is_empty() {
            return self.only.contains(&r).then_some(1);
        }
        match (r, self.cooccurrence) {
            (Relation::CoOccurs, Cooccurrence::Off) => None,
            (Relation::CoOccurs, Cooccurrence::Fallback) => Some(FALLBACK_COST),
            _ => Some(1),
        }
    }
}

/// One knowledge-graph edge walked in a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub edge: EdgeIndex,
    /// True when walked from its source to its target.
    pub forward: bool,
}

/// An arc of a [`Traversal`]: the cheapest cost from one node to another and where its
/// steps are ([`Traversal::steps`]: every edge that links them that way, cheapest first,
/// then by relation and edge index). Small and `Copy`: a large graph's millions of arcs
/// allocate nothing each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub cost: u64,
    first: u32,
    count: u32,
}

/// The knowledge graph as seen through an [`EdgeFilter`]: a directed graph with the same
/// node indices and one arc per ordered node pair (both arcs for an edge followed both
/// ways), so path counts and simple paths do not multiply over parallel edges.
#[derive(Debug, Clone)]
pub struct Traversal {
    pub graph: DiGraph<(), Link>,
    /// Every arc's steps, arc after arc.
    steps: Vec<Step>,
    /// The same arcs in compressed sparse rows, built on first use.
    csr: std::sync::OnceLock<crate::algo::csr::Csr>,
}

impl Traversal {
    /// Build the traversal graph. O(V + E log E).
    pub fn new(kg: &KnowledgeGraph, filter: &EdgeFilter) -> Traversal {
        // Every (from, to, cost, relation, edge, forward), sorted, then grouped per pair.
        let mut arcs: Vec<(u32, u32, u64, Relation, u32, bool)> =
            Vec::with_capacity(kg.graph.edge_count() * 2);
        for e in kg.graph.raw_edges().iter().enumerate() {
            let (i, e) = e;
            let Some(cost) = filter.cost(&e.weight) else {
                continue;
            };
            let (s, t) = (e.source().index() as u32, e.target().index() as u32);
            let r = e.weight.relation;
            arcs.push((s, t, cost, r, i as u32, true));
            if !filter.directed && s != t {
                arcs.push((t, s, cost, r, i as u32, false));
            }
        }
        arcs.sort_unstable();
        let mut graph = DiGraph::with_capacity(kg.graph.node_count(), arcs.len());
        for _ in kg.graph.node_indices() {
            graph.add_node(());
        }
        let mut steps = Vec::with_capacity(arcs.len());
        for group in arcs.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let (s, t, cost, ..) = group[0];
            #[allow(clippy::cast_possible_truncation, reason = "edge indices are u32")]
            let link = Link {
                cost,
                first: steps.len() as u32,
                count: group.len() as u32,
            };
            steps.extend(group.iter().map(|&(.., edge, forward)| Step {
                edge: EdgeIndex::new(edge as usize),
                forward,
            }));
            graph.add_edge(NodeIndex::new(s as usize), NodeIndex::new(t as usize), link);
        }
        Traversal {
            graph,
            steps,
            csr: std::sync::OnceLock::new(),
        }
    }

    /// The edges an arc stands for, cheapest first.
    pub fn steps(&self, link: &Link) -> &[Step] {
        &self.steps[link.first as usize..(link.first + link.count) as usize]
    }

    /// The arcs as compressed sparse rows (built once, on the first call; O(V + E)), for
    /// the centrality measures, whose every step reads a node's neighbours.
    pub fn csr(&self) -> &crate::algo::csr::Csr {
        self.csr
            .get_or_init(|| crate::algo::csr::Csr::from_graph(&self.graph))
    }

    /// The nodes linked to `node` by an arc from it, in node order.
    pub fn neighbors_sorted(&self, node: NodeIndex) -> Vec<(NodeIndex, &Link)> {
        let mut out: Vec<_> = self
            .graph
            .edges(node)
            .map(|e| (e.target(), e.weight()))
            .collect();
        out.sort_by_key(|&(n, _)| n);
        out
    }
}

/// A saved graph's arcs as an [`EdgeFilter`] lets them through, read from its index: what
/// [`Traversal`] gives for a loaded graph, for the queries that walk a saved graph without
/// loading it.
pub struct SavedArcs<'i, 'b> {
    index: &'i crate::saved::index::Index<'b>,
    costs: Vec<Option<u64>>,
    directed: bool,
}

impl<'i, 'b> SavedArcs<'i, 'b> {
    pub fn new(index: &'i crate::saved::index::Index<'b>, filter: &EdgeFilter) -> Self {
        SavedArcs {
            index,
            costs: Relation::ALL
                .iter()
                .map(|&r| filter.relation_cost(r))
                .collect(),
            directed: filter.directed,
        }
    }

    /// The arcs leaving node `u` (`forward`) or entering it, each as (the node at the other
    /// end, its cost): one per edge, by neighbour then edge. O(degree).
    pub fn arcs(&self, u: usize, forward: bool) -> impl Iterator<Item = (usize, u64)> + '_ {
        self.index.incident(u).filter_map(move |(v, e)| {
            let cost = self.costs[self.index.relation(e) as usize]?;
            let along = || {
                let (s, t) = self.index.ends(e);
                if forward {
                    s == u
                } else {
                    t == u
                }
            };
            (!self.directed || along()).then_some((v, cost))
        })
    }
}

/// A node as queries report it: id, kind and names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeRef {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl NodeRef {
    pub fn of(node: &Node) -> NodeRef {
        NodeRef {
            id: node.record.id.clone(),
            kind: node.record.kind,
            name: node.record.name.clone(),
            en: node.record.en.clone(),
        }
    }

    pub fn at(kg: &KnowledgeGraph, index: NodeIndex) -> NodeRef {
        NodeRef::of(&kg.graph[index])
    }

    /// `name (English)`.
    pub fn label(&self) -> String {
        match &self.en {
            Some(en) => format!("{} ({en})", self.name),
            None => self.name.clone(),
        }
    }
}

/// The edge as exported (endpoints by id, relation, provenance, evidence…).
pub fn edge_view(kg: &KnowledgeGraph, edge: EdgeIndex) -> ExportedEdge {
    #[allow(clippy::expect_used, reason = "callers pass indices of this graph")]
    let (s, t) = kg
        .graph
        .edge_endpoints(edge)
        .expect("edge indices come from this graph");
    ExportedEdge {
        source: kg.graph[s].record.id.clone(),
        target: kg.graph[t].record.id.clone(),
        edge: kg.graph[edge].clone(),
    }
}

/// Whether a kind filter (empty: any kind) admits `kind`.
pub fn kind_ok(kinds: &[Kind], kind: Kind) -> bool {
    kinds.is_empty() || kinds.contains(&kind)
}
