//! Graphviz DOT, built as graphviz-rust's AST and printed by its printer: styled nodes,
//! clusters for the boxes, a legend, every label escaped (graphviz-rust only wraps quoted
//! ids in quotes; `\`, `"` and line breaks are escaped here).

use super::style::{edge_style, node_style, FONT, HIGHLIGHT};
use super::{Diagram, Direction};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// `text` as a quoted DOT string: `\` → `\\`, `"` → `\"`, a line break → `\n` (centred
/// line), carriage returns dropped. `<`, `>` and `&` need no escaping inside quotes.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn q(text: &str) -> Id {
    Id::Escaped(quote(text))
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_owned()), q(value))
}

fn node_id(id: &str) -> NodeId {
    NodeId(q(id), None)
}

/// The DOT text of `diagram`.
pub fn to_dot(diagram: &Diagram) -> String {
    to_graph(diagram).print(&mut PrinterContext::default())
}

/// The diagram as graphviz-rust's AST.
pub fn to_graph(diagram: &Diagram) -> Graph {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr(
                "rankdir",
                match diagram.direction {
                    Direction::TopDown => "TB",
                    Direction::LeftRight => "LR",
                },
            ),
            attr("compound", "true"),
            attr("fontname", FONT),
            attr("fontsize", "20"),
            attr("labelloc", "t"),
            attr("label", &diagram.title),
            attr("nodesep", "0.15"),
            attr("ranksep", "0.35"),
            attr("pad", "0.1"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", FONT),
            attr("fontsize", "12"),
            attr("style", "filled"),
            attr("margin", "0.06,0.03"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", FONT),
            attr("fontsize", "11"),
            attr("arrowsize", "0.7"),
        ])),
    ];
    // Rows hang from anchors ranked together across boxes, which needs the new ranking;
    // elsewhere it stacks flat edges' labels on one another.
    if diagram.rows.len() > 1 {
        stmts.push(Stmt::Attribute(attr("newrank", "true")));
    }
    stmts.extend(box_stmts(diagram, None));
    // The rows of a wrapped layout hang from invisible anchors outside every box, one rank
    // before the rows start, ordered by flat edges (a flat edge puts its tail first).
    if diagram.rows.len() > 1 {
        let anchor = |i: usize| node_id(&format!("row {i}"));
        let mut same = vec![Stmt::Attribute(attr("rank", "same"))];
        same.extend((0..diagram.rows.len()).map(|i| {
            Stmt::Node(Node::new(
                anchor(i),
                vec![
                    attr("shape", "point"),
                    attr("style", "invis"),
                    attr("width", "0"),
                    attr("label", ""),
                ],
            ))
        }));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Anonymous(String::new()),
            stmts: same,
        }));
        let invisible = |from: NodeId, to: NodeId, weight: &str| {
            Stmt::Edge(Edge {
                ty: EdgeTy::Pair(Vertex::N(from), Vertex::N(to)),
                attributes: vec![attr("style", "invis"), attr("weight", weight)],
            })
        };
        for i in 1..diagram.rows.len() {
            stmts.push(invisible(anchor(i - 1), anchor(i), "1"));
        }
        for (i, &first) in diagram.rows.iter().enumerate() {
            stmts.push(invisible(
                anchor(i),
                node_id(&diagram.nodes[first].id),
                "10",
            ));
        }
    }
    // Where invisible edges order the layout (the timeline's dates, rows of boxes), drawn
    // edges do not, and they go unlabelled (the legend names their colours): a labelled
    // edge with `constraint=false` between clusters can make dot fail ("trouble in
    // init_rank"), and dot's `xlabel`s overlap.
    let ordered = diagram.edges.iter().any(|e| e.invisible);
    for e in &diagram.edges {
        let (s, t) = (&diagram.nodes[e.source], &diagram.nodes[e.target]);
        let mut attributes = Vec::new();
        if e.invisible {
            attributes.push(attr("style", "invis"));
            attributes.push(attr("weight", "10"));
        } else {
            let st = edge_style(e.relation);
            let color = if e.highlight { HIGHLIGHT } else { st.color };
            attributes.push(attr("color", color));
            attributes.push(attr("style", st.line));
            if e.highlight {
                attributes.push(attr("penwidth", "2.5"));
            }
            if e.undirected() {
                attributes.push(attr("dir", "none"));
            }
            if ordered {
                attributes.push(attr("constraint", "false"));
            }
            if diagram.edge_labels && !ordered {
                attributes.push(attr("label", e.text()));
                attributes.push(attr("fontcolor", color));
                // A count standing for several relations is read like a node's label.
                if e.label.is_some() {
                    attributes.push(attr("fontsize", "12"));
                }
            }
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(node_id(&s.id)), Vertex::N(node_id(&t.id))),
            attributes,
        }));
    }
    if diagram.legend {
        stmts.push(legend(diagram));
    }
    Graph::DiGraph {
        id: q("jjj"),
        strict: false,
        stmts,
    }
}

/// The nodes and nested boxes directly inside `parent` (None: the top level).
fn box_stmts(diagram: &Diagram, parent: Option<usize>) -> Vec<Stmt> {
    let mut stmts = Vec::new();
    for b in diagram.boxes_in(parent) {
        let mut inner = vec![
            Stmt::Attribute(attr("label", &diagram.boxes[b].label)),
            Stmt::Attribute(attr("style", "rounded")),
            Stmt::Attribute(attr("color", "#94a3b8")),
            Stmt::Attribute(attr("fontsize", "14")),
        ];
        inner.extend(box_stmts(diagram, Some(b)));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: q(&diagram.boxes[b].id),
            stmts: inner,
        }));
    }
    for n in diagram.nodes_in(parent) {
        let node = &diagram.nodes[n];
        let st = node_style(node.kind);
        let mut attributes = vec![
            attr("label", &node.label),
            attr("shape", st.shape),
            attr("fillcolor", st.fill),
            attr("color", if node.highlight { HIGHLIGHT } else { st.border }),
            attr(
                "tooltip",
                &format!(
                    "{} ({}{})",
                    node.id,
                    node.kind,
                    if node.discovered { ", discovered" } else { "" }
                ),
            ),
        ];
        match (st.rounded, node.discovered) {
            (true, true) => attributes.push(attr("style", "filled,rounded,dashed")),
            (true, false) => attributes.push(attr("style", "filled,rounded")),
            (false, true) => attributes.push(attr("style", "filled,dashed")),
            (false, false) => {}
        }
        if node.highlight {
            attributes.push(attr("penwidth", "3"));
        }
        stmts.push(Stmt::Node(Node::new(node_id(&node.id), attributes)));
    }
    stmts
}

/// The legend: one plain node whose HTML-like table shows each kind drawn (in its colours)
/// beside each relation (a line in its colour), two columns so it stays short. Kind and
/// relation names are ASCII words.
fn legend(diagram: &Diagram) -> Stmt {
    let mut kinds: Vec<String> = diagram
        .kinds()
        .into_iter()
        .map(|kind| {
            let st = node_style(kind);
            format!(
                r#"<td bgcolor="{}" border="1" color="{}">  </td><td align="left">{kind}</td>"#,
                st.fill, st.border
            )
        })
        .collect();
    if diagram.nodes.iter().any(|n| n.discovered) {
        kinds.push(r#"<td border="1" style="dashed">  </td><td align="left">discovered (not in the catalogue)</td>"#.into());
    }
    let relations: Vec<String> = diagram
        .relations()
        .into_iter()
        .map(|relation| {
            let st = edge_style(relation);
            let line = match st.line {
                "dashed" => "– – –",
                "dotted" => "· · · ·",
                _ => "———",
            };
            format!(
                r#"<td><font color="{0}">{line}</font></td><td align="left"><font color="{0}">{relation}</font></td>"#,
                st.color
            )
        })
        .collect();
    let mut rows = String::from(
        r##"<table border="1" cellborder="0" cellspacing="2" cellpadding="3" color="#94a3b8"><tr><td colspan="4"><b>Legend</b></td></tr>"##,
    );
    for i in 0..kinds.len().max(relations.len()) {
        rows.push_str("<tr>");
        for column in [&kinds, &relations] {
            rows.push_str(column.get(i).map_or("<td></td><td></td>", String::as_str));
        }
        rows.push_str("</tr>");
    }
    rows.push_str("</table>");
    Stmt::Node(Node::new(
        node_id("legend"),
        vec![
            Attribute(Id::Plain("label".into()), Id::Html(format!("<{rows}>"))),
            attr("shape", "plaintext"),
            attr("style", ""),
            attr("fontsize", "11"),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quote_escapes_backslash_quote_and_newline() {
        assert_eq!(quote(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(quote("x\ny\r"), r#""x\ny""#);
        assert_eq!(quote("<script>&"), "\"<script>&\"");
    }
}
