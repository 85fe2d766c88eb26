//! The report views: which nodes and edges a figure shows, how they are boxed (provinces,
//! then cities or new areas holding several of the figure's nodes; dates on the timeline)
//! and what is highlighted.

use super::{style, Diagram, DiagramBox, DiagramEdge, DiagramNode, Direction, Lang};
use crate::catalogue::Kind;
use crate::error::{Error, Result};
use crate::graph::{KnowledgeGraph, Node, Relation};
use crate::query::neighbors::neighbors;
use crate::query::path::{find_paths, PathMode, PathQuery};
use crate::query::{Cooccurrence, EdgeFilter};
use crate::resolve::resolve;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction as Dir;
use std::collections::{BTreeMap, BTreeSet};

/// A figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The graph aggregated by place and group, with counts (see [`super::overview`]).
    Overview,
    /// All typed relations, every entity drawn.
    OverviewFull,
    /// 六链五群: the chains and clusters, their groups and industries, and who works on them.
    Chains,
    /// 中关村 and the partner parks, by province and city.
    Parks,
    /// The two wings: 北京城市副中心 / 雄安新区, 通州 and 北三县, 非首都功能疏解.
    Wings,
    /// Bodies and people, and the documents they issued, passed, signed or drafted.
    Actors,
    /// Documents and events left to right by date.
    Timeline,
    /// An entity and everything within `depth` hops.
    Ego { name: String, depth: usize },
    /// The shortest paths between two entities, the first highlighted.
    Path { from: String, to: String },
}

impl View {
    /// The fixed views, in report order.
    pub const FIXED: [View; 7] = [
        View::Overview,
        View::OverviewFull,
        View::Chains,
        View::Parks,
        View::Wings,
        View::Actors,
        View::Timeline,
    ];

    /// The views `jjj report` draws: the fixed ones, and an ego and a path view on 雄安新区
    /// and 天津 where the corpus names both.
    pub fn report(kg: &KnowledgeGraph) -> Vec<View> {
        let mut views = View::FIXED.to_vec();
        if resolve(kg, "雄安新区").is_ok() && resolve(kg, "天津").is_ok() {
            views.push(View::Ego {
                name: "雄安新区".into(),
                depth: 1,
            });
            views.push(View::Path {
                from: "雄安新区".into(),
                to: "天津".into(),
            });
        }
        views
    }

    /// A file-name-safe name: `overview`, `ego-region-xiongan-1` (with the resolved id).
    pub fn slug(&self, kg: &KnowledgeGraph) -> String {
        let id = |name: &str| {
            resolve(kg, name)
                .map(|i| kg.graph[i].record.id.replace('/', "-"))
                .unwrap_or_else(|_| "unknown".into())
        };
        match self {
            View::Overview => "overview".into(),
            View::OverviewFull => "overview-full".into(),
            View::Chains => "chains".into(),
            View::Parks => "parks".into(),
            View::Wings => "wings".into(),
            View::Actors => "actors".into(),
            View::Timeline => "timeline".into(),
            View::Ego { name, depth } => format!("ego-{}-{depth}", id(name)),
            View::Path { from, to } => format!("path-{}-{}", id(from), id(to)),
        }
    }
}

impl std::str::FromStr for View {
    type Err = Error;

    /// `overview`, `overview-full`, `chains`, `parks`, `wings`, `actors`, `timeline`, `ego:NAME[:DEPTH]`,
    /// `path:FROM:TO`.
    fn from_str(s: &str) -> Result<Self> {
        let bad = |message: &str| Error::InvalidValue {
            what: "view",
            value: s.to_owned(),
            message: message.to_owned(),
        };
        let parts: Vec<&str> = s.split(':').collect();
        match parts.as_slice() {
            ["overview"] => Ok(View::Overview),
            ["overview-full"] => Ok(View::OverviewFull),
            ["chains"] => Ok(View::Chains),
            ["parks"] => Ok(View::Parks),
            ["wings"] => Ok(View::Wings),
            ["actors"] => Ok(View::Actors),
            ["timeline"] => Ok(View::Timeline),
            ["ego", name] if !name.is_empty() => Ok(View::Ego {
                name: (*name).to_owned(),
                depth: 1,
            }),
            ["ego", name, depth] if !name.is_empty() => Ok(View::Ego {
                name: (*name).to_owned(),
                depth: depth
                    .parse()
                    .ok()
                    .filter(|d| (1..=4).contains(d))
                    .ok_or_else(|| bad("the depth must be a number from 1 to 4"))?,
            }),
            ["path", from, to] if !from.is_empty() && !to.is_empty() => Ok(View::Path {
                from: (*from).to_owned(),
                to: (*to).to_owned(),
            }),
            _ => Err(bad(
                "expected overview, overview-full, chains, parks, wings, actors, timeline, ego:NAME[:DEPTH] or path:FROM:TO",
            )),
        }
    }
}

/// What a view selected: nodes, edges, highlights, and an optional date per node.
struct Selection {
    title: String,
    nodes: BTreeSet<NodeIndex>,
    edges: BTreeSet<EdgeIndex>,
    highlight_nodes: BTreeSet<NodeIndex>,
    highlight_edges: BTreeSet<EdgeIndex>,
    direction: Direction,
    by_date: bool,
    /// Where labels wrap (characters per line).
    wrap: usize,
    /// Stack the top-level boxes in rows no wider than [`ROW_WIDTH`] (a top-down figure of
    /// boxes with few edges between them, the parks).
    rows_of_boxes: bool,
}

fn typed(kg: &KnowledgeGraph, e: EdgeIndex) -> bool {
    kg.graph[e].relation != Relation::CoOccurs
}

/// Every edge with both ends in `nodes` whose relation `keep` accepts.
fn edges_within(
    kg: &KnowledgeGraph,
    nodes: &BTreeSet<NodeIndex>,
    keep: impl Fn(Relation) -> bool,
) -> BTreeSet<EdgeIndex> {
    kg.graph
        .edge_references()
        .filter(|e| nodes.contains(&e.source()) && nodes.contains(&e.target()))
        .filter(|e| keep(e.weight().relation))
        .map(|e| e.id())
        .collect()
}

/// Every typed edge with both ends in `nodes` whose relation `keep` accepts.
fn edges_among(
    kg: &KnowledgeGraph,
    nodes: &BTreeSet<NodeIndex>,
    keep: impl Fn(Relation) -> bool,
) -> BTreeSet<EdgeIndex> {
    edges_within(kg, nodes, |r| r != Relation::CoOccurs && keep(r))
}

/// The typed neighbours of `nodes` (either direction) for which `keep` holds.
fn typed_neighbours(
    kg: &KnowledgeGraph,
    nodes: &BTreeSet<NodeIndex>,
    keep: impl Fn(&Node, Relation) -> bool,
) -> BTreeSet<NodeIndex> {
    nodes
        .iter()
        .flat_map(|&n| kg.incident_edges(n))
        .filter(|&(e, other, _)| typed(kg, e) && keep(&kg.graph[other], kg.graph[e].relation))
        .map(|(_, other, _)| other)
        .collect()
}

fn of_kinds(kg: &KnowledgeGraph, kinds: &[Kind]) -> BTreeSet<NodeIndex> {
    kg.graph
        .node_indices()
        .filter(|&n| kinds.contains(&kg.graph[n].kind()))
        .collect()
}

/// The regions `n` lies in, following `located_in` (nearest first).
pub(super) fn ancestors(kg: &KnowledgeGraph, n: NodeIndex) -> Vec<NodeIndex> {
    let mut out: Vec<NodeIndex> = Vec::new();
    let mut frontier = vec![n];
    while let Some(u) = frontier.pop() {
        let mut up: Vec<NodeIndex> = kg
            .graph
            .edges_directed(u, Dir::Outgoing)
            .filter(|e| e.weight().relation == Relation::LocatedIn)
            .map(|e| e.target())
            .filter(|t| *t != n && !out.contains(t))
            .collect();
        up.sort();
        for t in up {
            out.push(t);
            frontier.insert(0, t);
        }
    }
    out
}

fn is_province(node: &Node) -> bool {
    node.kind() == Kind::Region
        && node
            .record
            .level
            .as_deref()
            .is_some_and(|l| l.starts_with("province"))
}

/// Edges are labelled with their relation in figures with at most this many drawn edges;
/// in busier ones the labels would double the figure, and the legend names each relation's
/// colour and line.
const EDGE_LABELS_UP_TO: usize = 20;

/// How many dates the timeline puts in one row before it wraps.
const DATES_PER_ROW: usize = 5;

fn select(kg: &KnowledgeGraph, view: &View) -> Result<Selection> {
    let mut sel = Selection {
        title: String::new(),
        nodes: BTreeSet::new(),
        edges: BTreeSet::new(),
        highlight_nodes: BTreeSet::new(),
        highlight_edges: BTreeSet::new(),
        direction: Direction::LeftRight,
        by_date: false,
        wrap: 20,
        rows_of_boxes: false,
    };
    match view {
        View::Overview | View::OverviewFull => {
            sel.title = "All typed relations (co-occurrence left out)".into();
            sel.nodes = kg
                .graph
                .edge_references()
                .filter(|e| typed(kg, e.id()))
                .flat_map(|e| [e.source(), e.target()])
                .collect();
            sel.edges = edges_among(kg, &sel.nodes, |_| true);
        }
        View::Chains => {
            sel.title =
                "六链五群: the six industry chains and five clusters, and who works on them".into();
            let core = of_kinds(kg, &[Kind::Chain, Kind::Cluster]);
            let groups = typed_neighbours(kg, &core, |_, r| r == Relation::MemberOf);
            let mut inner: BTreeSet<NodeIndex> = core.union(&groups).copied().collect();
            inner.extend(typed_neighbours(kg, &groups, |n, r| {
                r == Relation::PartOf && n.kind() == Kind::Concept
            }));
            sel.nodes = inner.clone();
            sel.nodes.extend(typed_neighbours(kg, &inner, |n, r| {
                r != Relation::PartOf
                    && matches!(
                        n.kind(),
                        Kind::Region
                            | Kind::Organization
                            | Kind::Person
                            | Kind::Field
                            | Kind::Document
                    )
            }));
            sel.edges = edges_among(kg, &sel.nodes, |r| r != Relation::LocatedIn);
        }
        View::Parks => {
            sel.title = "中关村 and its partner parks, by province and city".into();
            sel.direction = Direction::TopDown;
            sel.wrap = 14;
            sel.rows_of_boxes = true;
            let parks = of_kinds(kg, &[Kind::Park]);
            sel.nodes = parks.clone();
            for &p in &parks {
                sel.nodes.extend(ancestors(kg, p));
            }
            sel.nodes.extend(typed_neighbours(kg, &parks, |n, r| {
                r == Relation::CoBuilds && n.kind().is_actor()
            }));
            sel.edges = edges_among(kg, &sel.nodes, |r| {
                matches!(
                    r,
                    Relation::LocatedIn | Relation::PartOf | Relation::CoBuilds
                )
            });
        }
        View::Wings => {
            sel.title =
                "The two wings: 北京城市副中心 and 雄安新区, 通州 and 北三县, 非首都功能疏解"
                    .into();
            let core: BTreeSet<NodeIndex> = [
                "北京城市副中心",
                "雄安新区",
                "通州区",
                "北三县",
                "三河",
                "大厂",
                "香河",
                "非首都功能疏解",
                "新两翼",
            ]
            .into_iter()
            .filter_map(|name| resolve(kg, name).ok())
            .collect();
            sel.nodes = core.clone();
            sel.nodes.extend(typed_neighbours(kg, &core, |n, _| {
                matches!(
                    n.kind(),
                    Kind::Region | Kind::Park | Kind::Platform | Kind::Concept | Kind::Event
                )
            }));
            sel.edges = edges_among(kg, &sel.nodes, |_| true);
        }
        View::Actors => {
            sel.title =
                "Bodies and people, and the documents they issued, passed, signed or drafted"
                    .into();
            let acts = |r: Relation| {
                matches!(
                    r,
                    Relation::Issued
                        | Relation::Passed
                        | Relation::Signed
                        | Relation::Drafted
                        | Relation::HoldsRole
                        | Relation::Leads
                        | Relation::CooperatesWith
                )
            };
            let actors = of_kinds(kg, &[Kind::Organization, Kind::Person]);
            sel.nodes = actors
                .iter()
                .copied()
                .filter(|&a| {
                    kg.incident_edges(a)
                        .iter()
                        .any(|&(e, _, _)| acts(kg.graph[e].relation))
                })
                .collect();
            let others = typed_neighbours(kg, &sel.nodes, |n, r| {
                acts(r)
                    && matches!(
                        n.kind(),
                        Kind::Document | Kind::Event | Kind::Organization | Kind::Person
                    )
            });
            sel.nodes.extend(others);
            sel.edges = edges_among(kg, &sel.nodes, acts);
            // Keep only those the view links (an actor whose acts point elsewhere goes).
            let linked: BTreeSet<NodeIndex> = sel
                .edges
                .iter()
                .filter_map(|&e| kg.graph.edge_endpoints(e))
                .flat_map(|(s, t)| [s, t])
                .collect();
            sel.nodes = linked;
        }
        View::Timeline => {
            sel.title = "Documents and events by date".into();
            sel.nodes = of_kinds(kg, &[Kind::Document, Kind::Event])
                .into_iter()
                .filter(|&n| kg.graph[n].date().is_some())
                .collect();
            sel.edges = edges_among(kg, &sel.nodes, |_| true);
            sel.by_date = true;
        }
        View::Ego { name, depth } => {
            let center = resolve(kg, name)?;
            let found = neighbors(kg, center, *depth, &EdgeFilter::typed(), &[]);
            sel.title = format!(
                "{} and everything within {depth} hop{}",
                kg.graph[center].name(),
                if *depth == 1 { "" } else { "s" }
            );
            sel.nodes.insert(center);
            sel.nodes.extend(
                found
                    .neighbors
                    .iter()
                    .filter_map(|n| kg.node_index(&n.node.id)),
            );
            sel.edges = edges_among(kg, &sel.nodes, |_| true);
            sel.highlight_nodes.insert(center);
        }
        View::Path { from, to } => {
            let (a, b) = (resolve(kg, from)?, resolve(kg, to)?);
            let query = PathQuery {
                filter: EdgeFilter {
                    cooccurrence: Cooccurrence::Fallback,
                    ..EdgeFilter::typed()
                },
                via_kinds: Vec::new(),
                avoid: Vec::new(),
                mode: PathMode::KShortest(3),
            };
            let paths = find_paths(kg, a, b, &query)?;
            sel.title = format!(
                "How {} connects to {}: the {} shortest path{}, the first highlighted",
                kg.graph[a].name(),
                kg.graph[b].name(),
                paths.paths.len(),
                if paths.paths.len() == 1 { "" } else { "s" }
            );
            for (i, p) in paths.paths.iter().enumerate() {
                for hop in &p.hops {
                    let Some(first) = hop.edges.first() else {
                        continue;
                    };
                    let (Some(s), Some(t)) =
                        (kg.node_index(&first.source), kg.node_index(&first.target))
                    else {
                        continue;
                    };
                    let Some(e) = kg
                        .graph
                        .edges_connecting(s, t)
                        .find(|e| e.weight().relation == first.edge.relation)
                        .map(|e| e.id())
                    else {
                        continue;
                    };
                    sel.nodes.extend([s, t]);
                    sel.edges.insert(e);
                    if i == 0 {
                        sel.highlight_nodes.extend([s, t]);
                        sel.highlight_edges.insert(e);
                    }
                }
            }
            sel.nodes.extend([a, b]);
        }
    }
    Ok(sel)
}

/// The part of the graph `view` shows, as a graph of its own (for exports): its nodes and
/// the graph edges it draws.
pub fn subgraph(kg: &KnowledgeGraph, view: &View) -> Result<KnowledgeGraph> {
    let sel = select(kg, view)?;
    Ok(kg.subgraph(|n| sel.nodes.contains(&n), |e| sel.edges.contains(&e)))
}

fn label(node: &Node, lang: Lang, wrap: usize) -> String {
    let zh = style::wrap(node.name(), wrap);
    let en = node
        .record
        .en
        .as_deref()
        .map(|en| style::wrap(en, wrap * 7 / 5));
    match (lang, en) {
        (Lang::Zh, _) | (_, None) => zh,
        (Lang::En, Some(en)) => en,
        (Lang::Both, Some(en)) => format!("{zh}\n{en}"),
    }
}

/// Boxes for regions and parks: one per province, and inside it one per region that holds
/// another node of the figure (a city with its park, 雄安新区 with its parks). A node whose
/// regions lie in two provinces stays unboxed.
pub fn region_boxes(
    kg: &KnowledgeGraph,
    nodes: &[NodeIndex],
    lang: Lang,
) -> (Vec<DiagramBox>, Vec<Option<usize>>) {
    let boxable = |n: NodeIndex| matches!(kg.graph[n].kind(), Kind::Region | Kind::Park);
    let lineage: Vec<Vec<NodeIndex>> = nodes
        .iter()
        .map(|&n| {
            if !boxable(n) {
                return Vec::new();
            }
            let mut up = vec![n];
            up.extend(ancestors(kg, n));
            let provinces: BTreeSet<NodeIndex> = up
                .iter()
                .copied()
                .filter(|&a| is_province(&kg.graph[a]))
                .collect();
            if provinces.len() == 1 {
                up
            } else {
                Vec::new()
            }
        })
        .collect();
    let in_figure: BTreeSet<NodeIndex> = nodes.iter().copied().collect();
    // Regions (not provinces) that are an ancestor of another node of the figure.
    let mut holders: BTreeSet<NodeIndex> = BTreeSet::new();
    for up in &lineage {
        for &a in up.iter().skip(1) {
            if in_figure.contains(&a)
                && !is_province(&kg.graph[a])
                && kg.graph[a].kind() == Kind::Region
            {
                holders.insert(a);
            }
        }
    }
    let mut boxes: Vec<DiagramBox> = Vec::new();
    let mut box_of: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    let mut ensure =
        |boxes: &mut Vec<DiagramBox>, region: NodeIndex, parent: Option<usize>| -> usize {
            *box_of.entry(region).or_insert_with(|| {
                let node = &kg.graph[region];
                boxes.push(DiagramBox {
                    id: box_id(node),
                    label: label(node, lang, 20).replace('\n', " "),
                    parent,
                });
                boxes.len() - 1
            })
        };
    // A province box only when it holds more than the province itself.
    let mut members: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    for up in &lineage {
        if let Some(&p) = up.iter().find(|&&a| is_province(&kg.graph[a])) {
            *members.entry(p).or_insert(0) += 1;
        }
    }
    let mut placement = Vec::with_capacity(nodes.len());
    for up in &lineage {
        let Some(&province) = up
            .iter()
            .find(|&&a| is_province(&kg.graph[a]) && members[&a] > 1)
        else {
            placement.push(None);
            continue;
        };
        let pbox = ensure(&mut boxes, province, None);
        // The node's own box if it holds others, else the deepest holder region it lies in
        // (a county located in both its city and its province directly lists them in
        // index order, so nearest-first is not enough).
        let holder = if holders.contains(&up[0]) {
            Some(&up[0])
        } else {
            up.iter()
                .skip(1)
                .filter(|&&a| a != province && holders.contains(&a))
                .max_by_key(|&&a| (ancestors(kg, a).len(), std::cmp::Reverse(a)))
        };
        placement.push(Some(match holder {
            Some(&h) => ensure(&mut boxes, h, Some(pbox)),
            None => pbox,
        }));
    }
    (boxes, placement)
}

/// The id of the box drawn for `region`.
fn box_id(region: &Node) -> String {
    format!("cluster_{}", region.record.id.replace(['/', '-'], "_"))
}

/// Leaves out what the boxes already draw: a `located_in` or `part_of` edge from a node to
/// a region whose box encloses it, and then a region drawn as a box that has no edge left
/// in the figure and is not highlighted (its box says it). Highlighted edges (a path) stay.
/// `order`, `placement` and the edges' indices are renumbered together. O(V·B + E·B).
fn draw_containment_as_boxes(
    kg: &KnowledgeGraph,
    boxes: &[DiagramBox],
    highlight: &BTreeSet<NodeIndex>,
    order: &mut Vec<NodeIndex>,
    placement: &mut Vec<Option<usize>>,
    edges: &mut Vec<DiagramEdge>,
) {
    let box_of: BTreeMap<usize, usize> = order
        .iter()
        .enumerate()
        .filter_map(|(i, &n)| {
            let id = box_id(&kg.graph[n]);
            boxes.iter().position(|b| b.id == id).map(|b| (i, b))
        })
        .collect();
    let encloses = |outer: usize, mut inner: Option<usize>| {
        while let Some(b) = inner {
            if b == outer {
                return true;
            }
            inner = boxes[b].parent;
        }
        false
    };
    edges.retain(|e| {
        e.highlight
            || !matches!(e.relation, Relation::LocatedIn | Relation::PartOf)
            || !box_of
                .get(&e.target)
                .is_some_and(|&b| encloses(b, placement[e.source]))
    });
    let keep: Vec<bool> = (0..order.len())
        .map(|i| {
            !box_of.contains_key(&i)
                || highlight.contains(&order[i])
                || edges.iter().any(|e| e.source == i || e.target == i)
        })
        .collect();
    let mut renumbered = vec![0; order.len()];
    let mut next = 0;
    for (i, &k) in keep.iter().enumerate() {
        renumbered[i] = next;
        next += usize::from(k);
    }
    for e in edges.iter_mut() {
        e.source = renumbered[e.source];
        e.target = renumbered[e.target];
    }
    let mut kept = keep.iter();
    order.retain(|_| kept.next() == Some(&true));
    let mut kept = keep.iter();
    placement.retain(|_| kept.next() == Some(&true));
}

/// How wide a row of boxes may grow (pixels at 12 px labels): A4 landscape at 8 pt, less
/// the legend.
const ROW_WIDTH: f64 = 700.0;

/// Invisible edges that stack a top-down figure's boxes in rows no wider than
/// [`ROW_WIDTH`]: the boxes and unboxed nodes of each level fill rows in order, a box too
/// wide for one row wraps its own contents, and every node of a row gets an edge from the
/// first node of the row above. Widths are estimated from the labels. O(V·B).
fn rows_of_boxes(
    boxes: &[DiagramBox],
    placement: &[Option<usize>],
    labels: &[String],
) -> Vec<DiagramEdge> {
    /// A box's padding on each side and the gap between neighbours.
    const PAD: f64 = 20.0;
    enum Item {
        Node(usize),
        Box(usize),
    }
    let items = |parent: Option<usize>| -> Vec<Item> {
        let mut items: Vec<Item> = (0..boxes.len())
            .filter(|&b| boxes[b].parent == parent)
            .map(Item::Box)
            .collect();
        items.extend(
            (0..placement.len())
                .filter(|&n| placement[n] == parent)
                .map(Item::Node),
        );
        items
    };
    fn width(item: &Item, items: &dyn Fn(Option<usize>) -> Vec<Item>, labels: &[String]) -> f64 {
        match *item {
            Item::Node(n) => super::svg::label_size(&labels[n]).0 + PAD,
            Item::Box(b) => {
                let inner: f64 = items(Some(b)).iter().map(|i| width(i, items, labels)).sum();
                (inner + 2.0 * PAD).min(ROW_WIDTH)
            }
        }
    }
    /// Assigns a tier to every node under `parent`, starting at `first`: the items fill
    /// rows first-fit in order, and a row takes as many tiers as its tallest box. Returns
    /// how many tiers they take.
    fn place(
        parent: Option<usize>,
        first: usize,
        room: f64,
        items: &dyn Fn(Option<usize>) -> Vec<Item>,
        labels: &[String],
        tier: &mut [usize],
    ) -> usize {
        let mut rows: Vec<(f64, Vec<Item>)> = Vec::new();
        for item in items(parent) {
            let w = width(&item, items, labels);
            match rows.iter_mut().find(|(used, _)| used + w <= room) {
                Some((used, row)) => {
                    *used += w;
                    row.push(item);
                }
                None => rows.push((w, vec![item])),
            }
        }
        let mut start = first;
        for (_, row) in rows {
            let mut tiers = 1;
            for item in row {
                match item {
                    Item::Node(n) => tier[n] = start,
                    Item::Box(b) => {
                        let inner = room - 2.0 * PAD;
                        tiers = tiers.max(place(Some(b), start, inner, items, labels, tier));
                    }
                }
            }
            start += tiers;
        }
        start - first
    }
    let mut tier = vec![0; placement.len()];
    place(None, 0, ROW_WIDTH, &items, labels, &mut tier);
    let mut edges = Vec::new();
    for (n, &t) in tier.iter().enumerate() {
        if t == 0 {
            continue;
        }
        if let Some(above) = tier.iter().position(|&u| u + 1 == t) {
            edges.push(DiagramEdge {
                source: above,
                target: n,
                relation: Relation::CoOccurs,
                highlight: false,
                invisible: true,
                label: None,
            });
        }
    }
    edges
}

/// The diagram of `view` on `kg`, labelled in `lang`, without co-occurrence edges. Unknown
/// or ambiguous names (ego, path) are errors; a path view with no path is an error too.
pub fn diagram(kg: &KnowledgeGraph, view: &View, lang: Lang) -> Result<Diagram> {
    diagram_with(kg, view, lang, false)
}

/// [`diagram`], with the co-occurrence edges among the view's nodes drawn too when
/// `cooccurrence` is set (dotted grey; the first edges Mermaid leaves out).
pub fn diagram_with(
    kg: &KnowledgeGraph,
    view: &View,
    lang: Lang,
    cooccurrence: bool,
) -> Result<Diagram> {
    if *view == View::Overview {
        return Ok(super::overview::aggregated(kg, lang));
    }
    let mut sel = select(kg, view)?;
    if cooccurrence {
        let extra = edges_within(kg, &sel.nodes, |r| r == Relation::CoOccurs);
        sel.edges.extend(extra);
    }
    if let View::Path { from, to } = view {
        if sel.edges.is_empty() {
            return Err(Error::InvalidValue {
                what: "view",
                value: format!("path:{from}:{to}"),
                message: "no path connects them".into(),
            });
        }
    }
    let mut order: Vec<NodeIndex> = sel.nodes.iter().copied().collect();
    let position: BTreeMap<NodeIndex, usize> =
        order.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let (mut boxes, mut placement) = if sel.by_date {
        (Vec::new(), vec![None; order.len()])
    } else {
        region_boxes(kg, &order, lang)
    };
    let mut edges: Vec<DiagramEdge> = sel
        .edges
        .iter()
        .map(|&e| {
            #[allow(
                clippy::expect_used,
                reason = "the selection holds edges of this graph"
            )]
            let (s, t) = kg.graph.edge_endpoints(e).expect("selected edges exist");
            DiagramEdge {
                source: position[&s],
                target: position[&t],
                relation: kg.graph[e].relation,
                highlight: sel.highlight_edges.contains(&e),
                invisible: false,
                label: None,
            }
        })
        .collect();
    if !sel.by_date {
        draw_containment_as_boxes(
            kg,
            &boxes,
            &sel.highlight_nodes,
            &mut order,
            &mut placement,
            &mut edges,
        );
    }
    let mut rows = Vec::new();
    if sel.by_date {
        // One box per date, and invisible edges from every node of a date to every node of
        // the next, so each date's column comes after the one before; a new row every
        // DATES_PER_ROW dates (no edge into it), so the timeline wraps to fit a page.
        let mut by_date: BTreeMap<crate::dates::PartialDate, Vec<usize>> = BTreeMap::new();
        for (i, &n) in order.iter().enumerate() {
            if let Some(d) = kg.graph[n].date() {
                by_date.entry(d).or_default().push(i);
            }
        }
        let mut previous: Vec<usize> = Vec::new();
        for (column, (date, members)) in by_date.into_iter().enumerate() {
            if column % DATES_PER_ROW == 0 {
                previous.clear();
                rows.push(members[0]);
            }
            boxes.push(DiagramBox {
                id: format!("cluster_d{}", date.to_string().replace('-', "_")),
                label: date.to_string(),
                parent: None,
            });
            for &m in &members {
                placement[m] = Some(boxes.len() - 1);
            }
            for &p in &previous {
                for &m in &members {
                    edges.push(DiagramEdge {
                        source: p,
                        target: m,
                        relation: Relation::CoOccurs,
                        highlight: false,
                        invisible: true,
                        label: None,
                    });
                }
            }
            previous = members;
        }
    }
    let labels: Vec<String> = order
        .iter()
        .map(|&n| label(&kg.graph[n], lang, sel.wrap))
        .collect();
    if sel.rows_of_boxes {
        edges.extend(rows_of_boxes(&boxes, &placement, &labels));
    }
    edges.sort_by_key(|e| (e.invisible, e.source, e.target, e.relation));
    let nodes = order
        .iter()
        .zip(placement)
        .zip(labels)
        .map(|((&n, in_box), label)| DiagramNode {
            id: kg.graph[n].record.id.clone(),
            label,
            kind: kg.graph[n].kind(),
            in_box,
            highlight: sel.highlight_nodes.contains(&n),
            discovered: kg.graph[n].discovered,
        })
        .collect();
    let edge_labels = edges.iter().filter(|e| !e.invisible).count() <= EDGE_LABELS_UP_TO;
    Ok(Diagram {
        title: sel.title,
        direction: sel.direction,
        nodes,
        edges,
        boxes,
        edge_labels,
        legend: true,
        rows,
    })
}
