//! Diagrams for reports: a [`Diagram`] (nodes, edges, boxes, legend) chosen from the graph
//! by a [`view::View`], and one module per output format — [`dot`] (Graphviz DOT through
//! graphviz-rust's AST and printer), [`mermaid`] (flowcharts for Markdown), [`svg`] (the
//! pure-Rust fallback: dagre layout and an SVG writer) and [`graphviz`] (SVG/PNG/PDF from
//! the `dot` program). DOT, Mermaid and the fallback SVG are pure: they return bytes.

pub mod dot;
pub mod graphviz;
pub mod mermaid;
pub mod overview;
pub mod readability;
pub mod style;
pub mod svg;
pub mod view;

use crate::catalogue::Kind;
use crate::graph::Relation;

/// Which names label the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Chinese names.
    Zh,
    /// English names (Chinese where there is none).
    En,
    /// Chinese, then English on a second line.
    Both,
}

impl std::str::FromStr for Lang {
    type Err = crate::error::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            "both" => Ok(Lang::Both),
            _ => Err(crate::error::Error::InvalidValue {
                what: "language",
                value: s.to_owned(),
                message: "expected zh, en or both".into(),
            }),
        }
    }
}

/// Layout direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Top to bottom.
    TopDown,
    /// Left to right.
    LeftRight,
}

/// A node of a diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramNode {
    /// The catalogue id (stable, ASCII).
    pub id: String,
    /// The label; `\n` separates lines.
    pub label: String,
    pub kind: Kind,
    /// The box (index into [`Diagram::boxes`]) it is drawn in.
    pub in_box: Option<usize>,
    /// Drawn emphasised (the path found, the centre of an ego view).
    pub highlight: bool,
    /// Not in the catalogue: found by open-world extraction (drawn with a dashed border).
    pub discovered: bool,
}

/// An edge of a diagram (indices into [`Diagram::nodes`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramEdge {
    pub source: usize,
    pub target: usize,
    pub relation: Relation,
    /// Drawn emphasised.
    pub highlight: bool,
    /// Only orders the layout (the timeline's date axis); not drawn.
    pub invisible: bool,
    /// What the edge says when labelled, if not its relation: an edge with its own label
    /// stands for several relations (`12 条关系` in the overview) and has no direction.
    pub label: Option<String>,
}

impl DiagramEdge {
    /// The edge's label: its own, else the relation's name.
    pub fn text(&self) -> &str {
        self.label.as_deref().unwrap_or(self.relation.as_str())
    }

    /// Drawn without an arrow: a symmetric relation, or several relations at once.
    pub fn undirected(&self) -> bool {
        self.relation.is_symmetric() || self.label.is_some()
    }
}

/// A box (Graphviz cluster, Mermaid subgraph) around nodes: a province, a city, a date.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramBox {
    /// ASCII, unique within the diagram.
    pub id: String,
    pub label: String,
    /// The box this one is drawn inside.
    pub parent: Option<usize>,
}

/// A diagram ready for any output format. Nodes are in id order and edges in (source,
/// target, relation) order, so every format's output is deterministic.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    /// What the view shows (for the caption and the graph label).
    pub title: String,
    pub direction: Direction,
    pub nodes: Vec<DiagramNode>,
    pub edges: Vec<DiagramEdge>,
    pub boxes: Vec<DiagramBox>,
    /// Print the relation on each edge (views with few edges).
    pub edge_labels: bool,
    /// Draw the legend of kinds and relations (the overview's labels say what they are).
    pub legend: bool,
    /// Nodes (indices) that start the rows of a wrapped layout (the timeline's), to be
    /// stacked in this order, first on top.
    pub rows: Vec<usize>,
}

impl Diagram {
    /// The kinds present, in [`Kind::ALL`] order (for the legend).
    pub fn kinds(&self) -> Vec<Kind> {
        Kind::ALL
            .into_iter()
            .filter(|k| self.nodes.iter().any(|n| n.kind == *k))
            .collect()
    }

    /// The relations drawn, in [`Relation::ALL`] order (for the legend).
    pub fn relations(&self) -> Vec<Relation> {
        Relation::ALL
            .into_iter()
            .filter(|r| self.edges.iter().any(|e| !e.invisible && e.relation == *r))
            .collect()
    }

    /// The boxes nested directly in `parent` (None: top level), in order.
    pub fn boxes_in(&self, parent: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        (0..self.boxes.len()).filter(move |&b| self.boxes[b].parent == parent)
    }

    /// The nodes drawn directly in `in_box`, in order.
    pub fn nodes_in(&self, in_box: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(move |&n| self.nodes[n].in_box == in_box)
    }
}
