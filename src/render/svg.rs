//! The pure-Rust SVG fallback for machines without Graphviz: a layered layout by the dagre
//! crate (a port of dagre.js, with compound boxes) and an SVG writer — shapes and colours
//! per kind and relation, boxes, edge labels, and a legend beside the drawing so it never
//! covers a node. Every text is XML-escaped.

use super::style::{edge_style, node_style, NodeStyle, FONT, HIGHLIGHT};
use super::{Diagram, Direction};
use crate::error::{Error, Result};
use crate::xml::escape as xml_escape;
use dagre::graph::{Graph, GraphOptions};
use dagre::{EdgeLabel, GraphLabel, LayoutOptions, NodeLabel, RankDir};
use std::fmt::Write as _;

const FONT_SIZE: f64 = 12.0;
const LINE: f64 = 15.0;

/// Estimated width in pixels: 1 em per wide (CJK) character, 0.6 em per other.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            if unicode_width::UnicodeWidthChar::width(c).unwrap_or(1) > 1 {
                size
            } else {
                size * 0.6
            }
        })
        .sum()
}

/// The size of a node drawn with `label` (width, height in pixels).
pub(super) fn label_size(label: &str) -> (f64, f64) {
    let width = label
        .lines()
        .map(|l| text_width(l, FONT_SIZE))
        .fold(0.0, f64::max);
    (
        width + 20.0,
        label.lines().count().max(1) as f64 * LINE + 12.0,
    )
}

/// Multi-line text centred on (x, y).
fn text(out: &mut String, x: f64, y: f64, label: &str, size: f64, color: &str) {
    let lines: Vec<&str> = label.lines().collect();
    let top = y - (lines.len() as f64 - 1.0) * LINE / 2.0;
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{top:.1}" font-size="{size}" fill="{color}" text-anchor="middle" dominant-baseline="central">"#
    );
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { LINE };
        let _ = write!(
            out,
            r#"<tspan x="{x:.1}" dy="{dy}">{}</tspan>"#,
            xml_escape(line)
        );
    }
    out.push_str("</text>\n");
}

/// The shape of a node centred on (x, y), w × h.
fn shape(out: &mut String, st: &NodeStyle, x: f64, y: f64, w: f64, h: f64, style: &str) {
    let (l, t, r, b) = (x - w / 2.0, y - h / 2.0, x + w / 2.0, y + h / 2.0);
    let poly = |out: &mut String, pts: &[(f64, f64)]| {
        let pts: Vec<String> = pts.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
        let _ = writeln!(out, r#"<polygon points="{}" {style}/>"#, pts.join(" "));
    };
    match st.shape {
        "ellipse" => {
            let _ = writeln!(
                out,
                r#"<ellipse cx="{x:.1}" cy="{y:.1}" rx="{:.1}" ry="{:.1}" {style}/>"#,
                w / 2.0 + 4.0,
                h / 2.0 + 2.0
            );
        }
        "hexagon" => poly(
            out,
            &[
                (l, y),
                (l + 10.0, t),
                (r - 10.0, t),
                (r, y),
                (r - 10.0, b),
                (l + 10.0, b),
            ],
        ),
        "octagon" => poly(
            out,
            &[
                (l, t + 6.0),
                (l + 6.0, t),
                (r - 6.0, t),
                (r, t + 6.0),
                (r, b - 6.0),
                (r - 6.0, b),
                (l + 6.0, b),
                (l, b - 6.0),
            ],
        ),
        "house" => poly(out, &[(l, b), (l, t + 8.0), (x, t), (r, t + 8.0), (r, b)]),
        "note" => poly(out, &[(l, t), (r - 10.0, t), (r, t + 10.0), (r, b), (l, b)]),
        "cds" => poly(out, &[(l, t), (r - 10.0, t), (r, y), (r - 10.0, b), (l, b)]),
        _ => {
            let rx = if st.rounded { 8.0 } else { 2.0 };
            let _ = writeln!(
                out,
                r#"<rect x="{l:.1}" y="{t:.1}" width="{w:.1}" height="{h:.1}" rx="{rx}" {style}/>"#
            );
        }
    }
}

/// Each node's centre and size (x, y, width, height) as the built-in layout places it, in
/// node order (the HTML page shows a report view with these positions).
pub fn positions(diagram: &Diagram) -> Result<Vec<[f64; 4]>> {
    let g = layout(diagram)?;
    Ok((0..diagram.nodes.len())
        .map(|i| {
            g.node(&format!("n{i}")).map_or([0.0; 4], |l| {
                [l.x.unwrap_or(0.0), l.y.unwrap_or(0.0), l.width, l.height]
            })
        })
        .collect())
}

/// Lay out `diagram` with dagre and draw it as SVG. A figure the layout cannot handle is
/// an error, not a broken file.
pub fn to_svg(diagram: &Diagram) -> Result<String> {
    let g = layout(diagram)?;
    draw(diagram, &g)
}

/// `diagram` laid out by dagre: nodes `n{i}`, boxes `box{i}`, edges `e{i}`.
fn layout(diagram: &Diagram) -> Result<Graph<NodeLabel, EdgeLabel>> {
    let mut g: Graph<NodeLabel, EdgeLabel> = Graph::with_options(GraphOptions {
        directed: true,
        multigraph: true,
        compound: true,
    });
    for (i, b) in diagram.boxes.iter().enumerate() {
        g.set_node(
            format!("box{i}"),
            Some(NodeLabel {
                label: Some(b.label.clone()),
                ..NodeLabel::default()
            }),
        );
    }
    for (i, b) in diagram.boxes.iter().enumerate() {
        if let Some(p) = b.parent {
            g.set_parent(&format!("box{i}"), Some(&format!("box{p}")));
        }
    }
    for (i, n) in diagram.nodes.iter().enumerate() {
        let (width, height) = label_size(&n.label);
        g.set_node(
            format!("n{i}"),
            Some(NodeLabel {
                width,
                height,
                ..NodeLabel::default()
            }),
        );
        if let Some(b) = n.in_box {
            g.set_parent(&format!("n{i}"), Some(&format!("box{b}")));
        }
    }
    for (i, e) in diagram.edges.iter().enumerate() {
        let mut label = EdgeLabel::default();
        if diagram.edge_labels && !e.invisible {
            label.width = text_width(e.text(), edge_font(e)) + 6.0;
            label.height = edge_font(e) + 3.0;
        }
        if e.invisible {
            label.weight = 10;
        }
        g.set_edge(
            format!("n{}", e.source),
            format!("n{}", e.target),
            Some(label),
            Some(&format!("e{i}")),
        );
    }
    let options = LayoutOptions {
        rankdir: match diagram.direction {
            Direction::TopDown => RankDir::TB,
            Direction::LeftRight => RankDir::LR,
        },
        nodesep: 24.0,
        ranksep: 56.0,
        edgesep: 12.0,
        marginx: 24.0,
        marginy: 24.0,
        ..LayoutOptions::default()
    };
    // The layout crate is young: a panic inside it becomes an error naming the figure,
    // never a crash or a broken file.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let laid_out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        dagre::layout(&mut g, Some(options));
    }));
    std::panic::set_hook(previous_hook);
    if let Err(panic) = laid_out {
        let reason = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        return Err(Error::InvalidValue {
            what: "figure",
            value: diagram.title.clone(),
            message: format!(
                "the built-in layout cannot draw it ({reason}); install Graphviz (apt-get install graphviz) for this view"
            ),
        });
    }
    Ok(g)
}

/// The SVG of `diagram` laid out as `g`.
fn draw(diagram: &Diagram, g: &Graph<NodeLabel, EdgeLabel>) -> Result<String> {
    let (gw, gh) = g
        .graph_label::<GraphLabel>()
        .map_or((0.0, 0.0), |l| (l.width, l.height));
    let title_h = 40.0;
    let (legend_w, legend, legend_h) = if diagram.legend {
        let (w, svg) = legend(diagram);
        (w, svg, legend_height(diagram))
    } else {
        (0.0, String::new(), 0.0)
    };
    let width = gw + legend_w + 40.0;
    let height = (gh + title_h).max(legend_h + title_h + 20.0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.1} {height:.1}" font-family="{}">
<title>{}</title>
<rect x="0" y="0" width="{width:.1}" height="{height:.1}" fill="white"/>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>"#,
        xml_escape(FONT),
        xml_escape(&diagram.title)
    );
    text(&mut out, width / 2.0, 20.0, &diagram.title, 16.0, "#111");
    let _ = writeln!(out, r#"<g transform="translate(0,{title_h})">"#);
    // Boxes, outermost first so inner ones draw on top.
    let mut order: Vec<usize> = (0..diagram.boxes.len()).collect();
    let depth = |mut b: usize| {
        let mut d = 0;
        while let Some(p) = diagram.boxes[b].parent {
            b = p;
            d += 1;
        }
        d
    };
    order.sort_by_key(|&b| (depth(b), b));
    for b in order {
        let Some(n) = g.node(&format!("box{b}")) else {
            continue;
        };
        let (Some(x), Some(y)) = (n.x, n.y) else {
            continue;
        };
        let (w, h) = (n.width, n.height);
        let (l, t) = (x - w / 2.0, y - h / 2.0);
        let _ = writeln!(
            out,
            r##"<rect x="{l:.1}" y="{t:.1}" width="{w:.1}" height="{h:.1}" rx="10" fill="#f8fafc" fill-opacity="0.6" stroke="#94a3b8"/>"##
        );
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{:.1}" font-size="13" fill="#334155">{}</text>"##,
            l + 8.0,
            t + 16.0,
            xml_escape(&diagram.boxes[b].label)
        );
    }
    for (i, e) in diagram.edges.iter().enumerate() {
        if e.invisible {
            continue;
        }
        let Some(label) = g.edge(
            &format!("n{}", e.source),
            &format!("n{}", e.target),
            Some(&format!("e{i}")),
        ) else {
            continue;
        };
        let st = edge_style(e.relation);
        let color = if e.highlight { HIGHLIGHT } else { st.color };
        let dash = match st.line {
            "dashed" => r#" stroke-dasharray="6 3""#,
            "dotted" => r#" stroke-dasharray="2 3""#,
            _ => "",
        };
        let points: Vec<String> = label
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", p.x, p.y))
            .collect();
        if points.len() < 2 {
            continue;
        }
        let marker = if e.undirected() {
            ""
        } else {
            r#" marker-end="url(#arrow)""#
        };
        let _ = writeln!(
            out,
            r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="{}"{dash}{marker}/>"#,
            points.join(" "),
            if e.highlight { 2.5 } else { 1.0 }
        );
        if diagram.edge_labels {
            if let (Some(x), Some(y)) = (label.x, label.y) {
                text(&mut out, x, y, e.text(), edge_font(e), color);
            }
        }
    }
    for (i, n) in diagram.nodes.iter().enumerate() {
        let Some(l) = g.node(&format!("n{i}")) else {
            continue;
        };
        let (Some(x), Some(y)) = (l.x, l.y) else {
            continue;
        };
        let st = node_style(n.kind);
        let stroke = if n.highlight { HIGHLIGHT } else { st.border };
        let style = format!(
            r#"fill="{}" stroke="{stroke}" stroke-width="{}"{}"#,
            st.fill,
            if n.highlight { 3 } else { 1 },
            if n.discovered {
                r#" stroke-dasharray="4 2""#
            } else {
                ""
            }
        );
        let _ = writeln!(
            out,
            r#"<g id="{}"><title>{} ({})</title>"#,
            xml_escape(&n.id),
            xml_escape(&n.id),
            n.kind
        );
        shape(&mut out, &st, x, y, l.width, l.height, &style);
        text(&mut out, x, y, &n.label, FONT_SIZE, "#111");
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
    let _ = writeln!(
        out,
        r#"<g transform="translate({:.1},{:.1})">"#,
        gw + 20.0,
        title_h
    );
    out.push_str(&legend);
    out.push_str("</g>\n</svg>\n");
    Ok(out)
}

/// The font size of an edge's label: a count standing for several relations is read like a
/// node's label.
fn edge_font(e: &super::DiagramEdge) -> f64 {
    if e.label.is_some() {
        12.0
    } else {
        11.0
    }
}

fn legend_height(diagram: &Diagram) -> f64 {
    30.0 + 22.0 * (diagram.kinds().len() + diagram.relations().len()) as f64
}

/// The legend, drawn at (0, 0): its width and its SVG.
fn legend(diagram: &Diagram) -> (f64, String) {
    let width = 190.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{width}" height="{:.1}" rx="8" fill="white" stroke="#94a3b8" stroke-dasharray="4 3"/>"##,
        legend_height(diagram)
    );
    let _ = writeln!(
        out,
        r##"<text x="10" y="18" font-size="13" fill="#334155">Legend</text>"##
    );
    let mut y = 38.0;
    for kind in diagram.kinds() {
        let st = node_style(kind);
        let style = format!(r#"fill="{}" stroke="{}""#, st.fill, st.border);
        shape(&mut out, &st, 34.0, y, 40.0, 16.0, &style);
        let _ = writeln!(
            out,
            r##"<text x="64" y="{:.1}" font-size="11" fill="#111">{kind}</text>"##,
            y + 4.0
        );
        y += 22.0;
    }
    for relation in diagram.relations() {
        let st = edge_style(relation);
        let dash = match st.line {
            "dashed" => r#" stroke-dasharray="6 3""#,
            "dotted" => r#" stroke-dasharray="2 3""#,
            _ => "",
        };
        let _ = writeln!(
            out,
            r#"<line x1="14" y1="{y:.1}" x2="54" y2="{y:.1}" stroke="{}" stroke-width="1.5"{dash}/>"#,
            st.color
        );
        let _ = writeln!(
            out,
            r#"<text x="64" y="{:.1}" font-size="11" fill="{}">{relation}</text>"#,
            y + 4.0,
            st.color
        );
        y += 22.0;
    }
    (width, out)
}
