//! Mermaid flowcharts for Markdown reports: ASCII node ids, quoted labels with every
//! character Mermaid could read as syntax written as an entity code, subgraphs for the
//! boxes, and within Mermaid's default limits (500 edges, 50,000 characters) — cutting the
//! edges of the least central relations first and saying so.

use super::style::{edge_style, node_style, HIGHLIGHT};
use super::{Diagram, DiagramNode, Direction};
use crate::graph::Relation;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Mermaid's default `maxEdges`.
pub const MAX_EDGES: usize = 500;
/// Mermaid's default `maxTextSize`.
pub const MAX_TEXT: usize = 50_000;

/// `text` for inside a quoted Mermaid label: `"`, `#`, `<`, `>`, `&`, `` ` `` and control
/// characters as `#NN;` codes, a line break as `<br/>`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("<br/>"),
            '"' | '#' | '<' | '>' | '&' | '`' | '|' | '[' | ']' | '{' | '}' => {
                let _ = write!(out, "#{};", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// ASCII ids, unique: `region/xiongan` → `region_xiongan`.
fn ids(diagram: &Diagram) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    diagram
        .nodes
        .iter()
        .map(|n| {
            let base: String =
                n.id.chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .collect();
            let count = seen.entry(base.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                base
            } else {
                format!("{base}_{count}")
            }
        })
        .collect()
}

/// The Mermaid text and how many edges were left out to stay within the limits.
pub fn to_mermaid(diagram: &Diagram) -> (String, usize) {
    // Drop whole relations, rarest first, until the edges fit; then the text.
    let mut keep: Vec<bool> = diagram.edges.iter().map(|e| !e.invisible).collect();
    let mut counts: BTreeMap<Relation, usize> = BTreeMap::new();
    for e in diagram.edges.iter().filter(|e| !e.invisible) {
        *counts.entry(e.relation).or_insert(0) += 1;
    }
    let mut drop_order: Vec<(Relation, usize)> = counts.into_iter().collect();
    // Co-occurrence goes first, then the relations with most edges (they crowd most).
    drop_order.sort_by_key(|&(r, n)| (r != Relation::CoOccurs, std::cmp::Reverse(n), r));
    let mut cut = 0;
    let mut text = render(diagram, &keep, 0);
    for (relation, _) in drop_order {
        if keep.iter().filter(|&&k| k).count() <= MAX_EDGES && text.len() <= MAX_TEXT {
            break;
        }
        for (k, e) in keep.iter_mut().zip(&diagram.edges) {
            if *k && e.relation == relation && !e.highlight {
                *k = false;
                cut += 1;
            }
        }
        text = render(diagram, &keep, cut);
    }
    (text, cut)
}

fn render(diagram: &Diagram, keep: &[bool], cut: usize) -> String {
    let ids = ids(diagram);
    let mut out = String::new();
    let _ = writeln!(out, "---\ntitle: \"{}\"\n---", escape(&diagram.title));
    let _ = writeln!(
        out,
        "flowchart {}",
        match diagram.direction {
            Direction::TopDown => "TB",
            Direction::LeftRight => "LR",
        }
    );
    if cut > 0 {
        let _ = writeln!(
            out,
            "  %% {cut} edges left out to stay within Mermaid's limits ({MAX_EDGES} edges, {MAX_TEXT} characters)"
        );
    }
    write_box(&mut out, diagram, &ids, None, 1);
    let mut link_styles: Vec<String> = Vec::new();
    let kept = diagram.edges.iter().zip(keep).filter(|(_, &k)| k);
    for (link, (e, _)) in kept.enumerate() {
        let arrow = if e.undirected() { "---" } else { "-->" };
        if diagram.edge_labels {
            let _ = writeln!(
                out,
                "  {} {arrow}|\"{}\"| {}",
                ids[e.source],
                escape(e.text()),
                ids[e.target]
            );
        } else {
            let _ = writeln!(out, "  {} {arrow} {}", ids[e.source], ids[e.target]);
        }
        let st = edge_style(e.relation);
        let color = if e.highlight { HIGHLIGHT } else { st.color };
        let dash = match st.line {
            "dashed" => ",stroke-dasharray:6 3",
            "dotted" => ",stroke-dasharray:2 3",
            _ => "",
        };
        let width = if e.highlight { "3px" } else { "1px" };
        link_styles.push(format!(
            "  linkStyle {link} stroke:{color},stroke-width:{width}{dash}"
        ));
    }
    // Invisible edges order the timeline's dates and stack the rows of boxes (parks).
    for e in diagram.edges.iter().filter(|e| e.invisible) {
        let _ = writeln!(out, "  {} ~~~ {}", ids[e.source], ids[e.target]);
    }
    for line in link_styles {
        let _ = writeln!(out, "{line}");
    }
    for kind in diagram.kinds() {
        let st = node_style(kind);
        let _ = writeln!(
            out,
            "  classDef {kind} fill:{},stroke:{},color:#111",
            st.fill, st.border
        );
    }
    let _ = writeln!(
        out,
        "  classDef highlight stroke:{HIGHLIGHT},stroke-width:3px"
    );
    if diagram.nodes.iter().any(|n| n.discovered) {
        let _ = writeln!(out, "  classDef discovered stroke-dasharray:4 2");
    }
    for kind in diagram.kinds() {
        let members: Vec<&str> = diagram
            .nodes
            .iter()
            .zip(&ids)
            .filter(|(n, _)| n.kind == kind)
            .map(|(_, id)| id.as_str())
            .collect();
        let _ = writeln!(out, "  class {} {kind}", members.join(","));
    }
    for (class, marked) in [
        (
            "discovered",
            (|n: &DiagramNode| n.discovered) as fn(&DiagramNode) -> bool,
        ),
        ("highlight", |n: &DiagramNode| n.highlight),
    ] {
        let members: Vec<&str> = diagram
            .nodes
            .iter()
            .zip(&ids)
            .filter(|(n, _)| marked(n))
            .map(|(_, id)| id.as_str())
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "  class {} {class}", members.join(","));
        }
    }
    out
}

/// Node shapes by kind, in Mermaid's bracket syntax.
fn shape(kind: crate::catalogue::Kind) -> (&'static str, &'static str) {
    use crate::catalogue::Kind;
    match kind {
        Kind::Region => ("(", ")"),
        Kind::Person | Kind::Field | Kind::Concept => ("([", "])"),
        Kind::Chain | Kind::Cluster => ("{{", "}}"),
        Kind::Document => ("[/", "/]"),
        Kind::Event => (">", "]"),
        Kind::Platform => ("[[", "]]"),
        Kind::Organization | Kind::Park => ("[", "]"),
    }
}

fn write_box(
    out: &mut String,
    diagram: &Diagram,
    ids: &[String],
    parent: Option<usize>,
    depth: usize,
) {
    let pad = "  ".repeat(depth);
    for b in diagram.boxes_in(parent) {
        let _ = writeln!(
            out,
            "{pad}subgraph {}[\"{}\"]",
            diagram.boxes[b].id,
            escape(&diagram.boxes[b].label)
        );
        write_box(out, diagram, ids, Some(b), depth + 1);
        let _ = writeln!(out, "{pad}end");
    }
    for n in diagram.nodes_in(parent) {
        let node = &diagram.nodes[n];
        let (open, close) = shape(node.kind);
        let _ = writeln!(
            out,
            "{pad}{}{open}\"{}\"{close}",
            ids[n],
            escape(&node.label)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_leaves_no_syntax_characters() {
        let e = escape("a \"b\" #1 <script>&\nx");
        assert_eq!(e, "a #34;b#34; #35;1 #60;script#62;#38;<br/>x");
    }
}
