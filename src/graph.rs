//! The knowledge graph: a petgraph `DiGraph` of entity nodes and typed relation edges, each
//! carrying its evidence (document, sentence, quote, original byte span) or the background
//! reference it rests on.

use crate::catalogue::{EntityRecord, Kind};
use crate::dates::PartialDate;
use crate::normalize::NormalizeReport;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// The types of relation (edge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// actor → document (印发, 发布, 出台, 制定)
    Issued,
    /// actor → document (通过, 审议通过, 表决通过)
    Passed,
    /// actor → document (签署)
    Signed,
    /// actor → document (编制, 起草)
    Drafted,
    /// actor or document → anything (支持)
    Supports,
    /// actor ↔ actor (与…合作/协作/协同/相结合); symmetric
    CooperatesWith,
    /// region/park/platform → region
    LocatedIn,
    /// chain/cluster/region → group
    MemberOf,
    /// part → whole (a concept inside a larger one)
    PartOf,
    /// person → organization (厅长, 副主任, 书记…); the edge carries the role
    HoldsRole,
    /// person/organization → event or body (主持, 牵头)
    Leads,
    /// actor or document → field/chain/cluster/concept (聚焦, 围绕, 重点发展)
    FocusesOn,
    /// actor → platform/park (共建, 共同建设, 共同打造)
    CoBuilds,
    /// what is relocated → where to (疏解, 转移, 落地, 承接)
    RelocatesTo,
    /// event → participant (organization, person) named in it
    Involves,
    /// event → region (在…召开/考察/调研)
    HeldIn,
    /// document → topic named in its title
    About,
    /// chain/cluster → the industry it is a chain or cluster of
    Concerns,
    /// two entities named in one sentence; weighted, lower confidence; symmetric
    CoOccurs,
}

impl Relation {
    /// Every relation, in declaration order.
    pub const ALL: [Relation; 19] = [
        Relation::Issued,
        Relation::Passed,
        Relation::Signed,
        Relation::Drafted,
        Relation::Supports,
        Relation::CooperatesWith,
        Relation::LocatedIn,
        Relation::MemberOf,
        Relation::PartOf,
        Relation::HoldsRole,
        Relation::Leads,
        Relation::FocusesOn,
        Relation::CoBuilds,
        Relation::RelocatesTo,
        Relation::Involves,
        Relation::HeldIn,
        Relation::About,
        Relation::Concerns,
        Relation::CoOccurs,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Issued => "issued",
            Relation::Passed => "passed",
            Relation::Signed => "signed",
            Relation::Drafted => "drafted",
            Relation::Supports => "supports",
            Relation::CooperatesWith => "cooperates_with",
            Relation::LocatedIn => "located_in",
            Relation::MemberOf => "member_of",
            Relation::PartOf => "part_of",
            Relation::HoldsRole => "holds_role",
            Relation::Leads => "leads",
            Relation::FocusesOn => "focuses_on",
            Relation::CoBuilds => "co_builds",
            Relation::RelocatesTo => "relocates_to",
            Relation::Involves => "involves",
            Relation::HeldIn => "held_in",
            Relation::About => "about",
            Relation::Concerns => "concerns",
            Relation::CoOccurs => "co_occurs",
        }
    }

    /// Relations without a direction; stored once, from the smaller id to the larger.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Relation::CooperatesWith | Relation::CoOccurs)
    }
}

impl std::str::FromStr for Relation {
    type Err = crate::error::Error;

    /// A relation by name (`located_in`; `located-in` too).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.replace('-', "_");
        Relation::ALL
            .into_iter()
            .find(|r| r.as_str() == wanted)
            .ok_or_else(|| crate::error::Error::InvalidValue {
                what: "relation",
                value: s.to_owned(),
                message: format!(
                    "expected one of {}",
                    Relation::ALL.map(Relation::as_str).join(", ")
                ),
            })
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a node was named in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// Its name or an alias.
    Name,
    /// A name local to the document (本市).
    LocalName,
    /// Inside a longer name (雄安新区 in 雄安新区中关村科技园).
    Nested,
    /// An item of an enumeration (唐山 in 唐山、保定…中关村合作园区; 氢能 in “六链”即…).
    Enumeration,
    /// A 《title》 not in the catalogue.
    Title,
    /// A span discovery found (a name ending, a person pattern) or a later use of its name.
    Discovered,
}

/// One mention of a node: where in which document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Source id (`seed/000`).
    pub document: String,
    /// Sentence index in the document.
    pub sentence: usize,
    /// Byte span in the original file.
    pub span: [usize; 2],
    /// The normalized text that matched.
    pub text: String,
    pub via: Via,
}

/// Where an edge comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// A relation rule matched a sentence (`rule` names it).
    Rule,
    /// `data/relations.toml`, with a quote verified in the text.
    Curated,
    /// A catalogue fact resting on a named background reference.
    Background,
    /// Two entities named in one sentence.
    Cooccurrence,
}

/// One piece of evidence: a sentence of a document, or a background reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The index of the sentence the quote starts at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<usize>,
    /// The normalized sentence (or curated quote). A relation whose subject an earlier
    /// sentence of the paragraph names (Chinese drops it after that) quotes from that
    /// sentence to the one that states the relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Byte span of the quote in the original file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
    /// A background reference id (`gb2260`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A node: a catalogue entity (or a document found by its 《title》) and its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    #[serde(flatten)]
    pub record: EntityRecord,
    /// Traditional forms of the names, derived with OpenCC.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub traditional: Vec<String>,
    /// The date extraction resolved from the text (documents and events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_date: Option<PartialDate>,
    /// True for an entity the catalogue does not list: found by its name ending, a person
    /// pattern or a 《title》 (provenance `discovered`; see `confidence`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub discovered: bool,
    /// The first mentions, in document order (see `mentions_omitted`).
    pub mentions: Vec<Mention>,
    /// Mentions counted but not listed (a build keeps a limited number per node).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub mentions_omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Node {
    pub fn id(&self) -> &str {
        &self.record.id
    }
    pub fn kind(&self) -> Kind {
        self.record.kind
    }
    pub fn name(&self) -> &str {
        &self.record.name
    }
    /// Every mention counted, listed or not.
    pub fn mention_count(&self) -> usize {
        self.mentions.len() + self.mentions_omitted
    }
    /// The date to show: what the text says, else the catalogue's.
    pub fn date(&self) -> Option<PartialDate> {
        self.resolved_date.or(self.record.date)
    }
    /// `name (English)`.
    pub fn label(&self) -> String {
        match &self.record.en {
            Some(en) => format!("{} ({en})", self.record.name),
            None => self.record.name.clone(),
        }
    }
}

/// An edge: a typed relation with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub relation: Relation,
    pub provenance: Provenance,
    /// The rule that produced it (with provenance `rule`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// 0–1: background and curated 1.0, rules 0.8, co-occurrence lower.
    pub confidence: f64,
    /// How many sentences support it.
    pub weight: u32,
    /// The date the sentence gives for it (signed 2018-11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// For holds_role: the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The first evidence items, in document order (see `evidence_omitted`).
    pub evidence: Vec<Evidence>,
    /// Supporting sentences counted in `weight` but not listed (a build keeps a limited
    /// number per edge).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub evidence_omitted: usize,
}

/// A document of the corpus, as processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: String,
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// `furniture` (from a page line), `text` (the first line), `catalogue`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
    /// The catalogue document this file is the text of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is: Option<String>,
    pub bytes: usize,
    pub sentences: usize,
    pub mentions: usize,
    pub normalization: NormalizeReport,
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The catalogue and the documents disagree: `jjj check` fails.
    Error,
    /// Worth a look; `check` passes.
    Warning,
}

/// Something `build` noticed: an unmentioned entity, a quote not found, a date mismatch…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub code: String,
    pub message: String,
}

/// The graph with its documents and problems. Nodes are in id order; edges in
/// (source id, target id, relation) order, so output is deterministic.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
    pub documents: Vec<DocumentInfo>,
    pub problems: Vec<Problem>,
}

/// Nodes sorted by id and edges (renumbered) by (source, target, relation).
/// O((V + E) log(V + E)).
fn sorted(
    nodes: Vec<Node>,
    edges: Vec<(usize, usize, Edge)>,
) -> (Vec<Node>, Vec<(usize, usize, Edge)>) {
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| nodes[a].record.id.cmp(&nodes[b].record.id));
    let mut rank = vec![0usize; nodes.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    let nodes = order.iter().filter_map(|&i| slots[i].take()).collect();
    let mut edges: Vec<_> = edges
        .into_iter()
        .map(|(s, t, e)| (rank[s], rank[t], e))
        .collect();
    edges.sort_by_key(|a| (a.0, a.1, a.2.relation));
    (nodes, edges)
}

impl KnowledgeGraph {
    /// Assemble a graph from edges between node ids (an edge naming an unknown id is
    /// dropped); nodes and edges are sorted here.
    pub fn new(
        nodes: Vec<Node>,
        edges: Vec<(String, String, Edge)>,
        documents: Vec<DocumentInfo>,
        problems: Vec<Problem>,
    ) -> KnowledgeGraph {
        let position: HashMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.record.id.as_str(), i))
            .collect();
        let edges: Vec<_> = edges
            .into_iter()
            .filter_map(|(s, t, e)| {
                Some((*position.get(s.as_str())?, *position.get(t.as_str())?, e))
            })
            .collect();
        drop(position);
        KnowledgeGraph::from_indexed(nodes, edges, documents, problems)
    }

    /// Assemble a graph from edges between positions in `nodes`; nodes are sorted by id and
    /// edges by (source, target, relation). O((V + E) log(V + E)); O(V + E) when they already
    /// are.
    pub fn from_indexed(
        nodes: Vec<Node>,
        edges: Vec<(usize, usize, Edge)>,
        documents: Vec<DocumentInfo>,
        problems: Vec<Problem>,
    ) -> KnowledgeGraph {
        KnowledgeGraph::from_chunks(vec![nodes], vec![edges], documents, problems)
    }

    /// [`KnowledgeGraph::from_indexed`] for nodes and edges that come in chunks (a saved
    /// graph loaded in parallel): chunks already in order go into the graph without copies.
    pub fn from_chunks(
        nodes: Vec<Vec<Node>>,
        edges: Vec<Vec<(usize, usize, Edge)>>,
        documents: Vec<DocumentInfo>,
        problems: Vec<Problem>,
    ) -> KnowledgeGraph {
        let nodes_in_order = nodes
            .iter()
            .flatten()
            .zip(nodes.iter().flatten().skip(1))
            .all(|(a, b)| a.record.id < b.record.id);
        let key = |a: &(usize, usize, Edge)| (a.0, a.1, a.2.relation);
        let edges_in_order = edges
            .iter()
            .flatten()
            .zip(edges.iter().flatten().skip(1))
            .all(|(a, b)| key(a) <= key(b));
        let (nodes, edges): (Vec<Vec<Node>>, Vec<Vec<_>>) = if nodes_in_order && edges_in_order {
            (nodes, edges)
        } else {
            let (nodes, edges) = sorted(
                nodes.into_iter().flatten().collect(),
                edges.into_iter().flatten().collect(),
            );
            (vec![nodes], vec![edges])
        };
        let n = nodes.iter().map(Vec::len).sum();
        let m = edges.iter().map(Vec::len).sum();
        let mut graph = DiGraph::with_capacity(n, m);
        let mut index = HashMap::with_capacity(n);
        for node in nodes.into_iter().flatten() {
            index.insert(node.record.id.clone(), graph.add_node(node));
        }
        for (s, t, e) in edges.into_iter().flatten() {
            graph.add_edge(NodeIndex::new(s), NodeIndex::new(t), e);
        }
        KnowledgeGraph {
            graph,
            index,
            documents,
            problems,
        }
    }

    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// The graph without the nodes `drop` rejects and their edges. O(V + E).
    pub fn without(self, drop: impl Fn(&Node) -> bool) -> KnowledgeGraph {
        let (graph, documents, problems) = (self.graph, self.documents, self.problems);
        let (nodes, edges) = graph.into_nodes_edges();
        let mut kept = vec![None; nodes.len()];
        let mut out = Vec::new();
        for (i, n) in nodes.into_iter().enumerate() {
            if !drop(&n.weight) {
                kept[i] = Some(out.len());
                out.push(n.weight);
            }
        }
        let edges = edges
            .into_iter()
            .filter_map(|e| {
                Some((
                    kept[e.source().index()]?,
                    kept[e.target().index()]?,
                    e.weight,
                ))
            })
            .collect();
        KnowledgeGraph::from_indexed(out, edges, documents, problems)
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_index(id).map(|i| &self.graph[i])
    }

    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// Every edge touching `node`, in either direction: (edge, other end, outgoing?).
    pub fn incident_edges(&self, node: NodeIndex) -> Vec<(EdgeIndex, NodeIndex, bool)> {
        let mut out: Vec<_> = self
            .graph
            .edges_directed(node, petgraph::Direction::Outgoing)
            .map(|e| {
                (
                    petgraph::visit::EdgeRef::id(&e),
                    petgraph::visit::EdgeRef::target(&e),
                    true,
                )
            })
            .chain(
                self.graph
                    .edges_directed(node, petgraph::Direction::Incoming)
                    .map(|e| {
                        (
                            petgraph::visit::EdgeRef::id(&e),
                            petgraph::visit::EdgeRef::source(&e),
                            false,
                        )
                    }),
            )
            .collect();
        out.sort_by_key(|&(e, _, _)| e);
        out
    }

    /// The graph restricted to the nodes and edges the predicates keep (an edge also needs
    /// both its ends), with the same documents and problems. O(V + E).
    pub fn subgraph(
        &self,
        keep_node: impl Fn(NodeIndex) -> bool,
        keep_edge: impl Fn(EdgeIndex) -> bool,
    ) -> KnowledgeGraph {
        let nodes: Vec<Node> = self
            .graph
            .node_indices()
            .filter(|&n| keep_node(n))
            .map(|n| self.graph[n].clone())
            .collect();
        let edges = self
            .graph
            .edge_indices()
            .filter(|&e| keep_edge(e))
            .filter_map(|e| {
                let (s, t) = self.graph.edge_endpoints(e)?;
                (keep_node(s) && keep_node(t)).then(|| {
                    (
                        self.graph[s].record.id.clone(),
                        self.graph[t].record.id.clone(),
                        self.graph[e].clone(),
                    )
                })
            })
            .collect();
        KnowledgeGraph::new(nodes, edges, self.documents.clone(), self.problems.clone())
    }

    /// Problems of severity `Error`.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }
}
