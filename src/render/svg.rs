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
/// The strip above a box's contents that holds its title.
const BOX_TITLE: f64 = 14.0;

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

/// `diagram` laid out by dagre: nodes `n{i}`, boxes `box{i}`, edges `e{i}`. A wrapped
/// layout ([`Diagram::rows`]) is laid out row by row and the rows stacked in order, first on
/// top (dagre has no `rank=same` to hold rows in place); its drawn edges are left to
/// [`edge_route`].
fn layout(diagram: &Diagram) -> Result<Graph<NodeLabel, EdgeLabel>> {
    let parts = row_parts(diagram);
    if parts.len() <= 1 {
        return layout_part(diagram, &vec![true; diagram.nodes.len()]);
    }
    let mut stacked: Graph<NodeLabel, EdgeLabel> = Graph::new();
    let (mut width, mut top) = (0.0_f64, 0.0);
    for part in parts {
        let g = layout_part(diagram, &part)?;
        let (w, h) = g
            .graph_label::<GraphLabel>()
            .map_or((0.0, 0.0), |l| (l.width, l.height));
        for v in g.nodes() {
            if let Some(l) = g.node(&v) {
                let mut l = l.clone();
                l.y = l.y.map(|y| y + top);
                stacked.set_node(v, Some(l));
            }
        }
        width = width.max(w);
        top += h;
    }
    stacked.set_graph_label(GraphLabel {
        width,
        height: top,
        ..GraphLabel::default()
    });
    Ok(stacked)
}

/// The nodes of each row of a wrapped layout, in [`Diagram::rows`] order: a row is what its
/// first node reaches through invisible edges (a node no row reaches joins the last).
/// One part of all nodes when the layout does not wrap. O(V + E·α).
fn row_parts(diagram: &Diagram) -> Vec<Vec<bool>> {
    let n = diagram.nodes.len();
    if diagram.rows.len() <= 1 {
        return vec![vec![true; n]];
    }
    let mut root: Vec<usize> = (0..n).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    for e in diagram.edges.iter().filter(|e| e.invisible) {
        let (a, b) = (find(&mut root, e.source), find(&mut root, e.target));
        root[a] = b;
    }
    let row_roots: Vec<usize> = diagram.rows.iter().map(|&r| find(&mut root, r)).collect();
    (0..row_roots.len())
        .map(|row| {
            (0..n)
                .map(|v| {
                    let r = find(&mut root, v);
                    let at = row_roots.iter().position(|&x| x == r);
                    at.unwrap_or(row_roots.len() - 1) == row
                })
                .collect()
        })
        .collect()
}

/// The nodes marked in `part`, with the boxes around them and the edges among them, laid
/// out by dagre.
fn layout_part(diagram: &Diagram, part: &[bool]) -> Result<Graph<NodeLabel, EdgeLabel>> {
    let mut g: Graph<NodeLabel, EdgeLabel> = Graph::with_options(GraphOptions {
        directed: true,
        multigraph: true,
        compound: true,
    });
    // The boxes holding a node of the part, and the boxes around those.
    let mut used = vec![false; diagram.boxes.len()];
    for (i, n) in diagram.nodes.iter().enumerate() {
        let mut b = n.in_box.filter(|_| part[i]);
        while let Some(x) = b {
            used[x] = true;
            b = diagram.boxes[x].parent;
        }
    }
    for (i, b) in diagram.boxes.iter().enumerate().filter(|(i, _)| used[*i]) {
        g.set_node(
            format!("box{i}"),
            Some(NodeLabel {
                label: Some(b.label.clone()),
                ..NodeLabel::default()
            }),
        );
    }
    for (i, b) in diagram.boxes.iter().enumerate().filter(|(i, _)| used[*i]) {
        if let Some(p) = b.parent {
            g.set_parent(&format!("box{i}"), Some(&format!("box{p}")));
        }
    }
    for (i, n) in diagram.nodes.iter().enumerate().filter(|(i, _)| part[*i]) {
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
    // Where invisible edges order the layout (the timeline's dates, rows of boxes), they
    // alone place the nodes, as `constraint=false` does for dot: drawn edges are straight
    // lines added afterwards.
    let ordered = diagram.edges.iter().any(|e| e.invisible);
    for (i, e) in diagram.edges.iter().enumerate() {
        if (ordered && !e.invisible) || !part[e.source] || !part[e.target] {
            continue;
        }
        let mut label = EdgeLabel::default();
        if diagram.edge_labels && !ordered && !e.invisible {
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
    let labelled = diagram.edge_labels && !ordered;
    let options = LayoutOptions {
        rankdir: match diagram.direction {
            Direction::TopDown => RankDir::TB,
            Direction::LeftRight => RankDir::LR,
        },
        // Edge labels are laid out between the ranks and need the room; without them the
        // figure packs tighter.
        nodesep: 24.0,
        ranksep: if labelled { 56.0 } else { 32.0 },
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
    // The legend goes beside the drawing in one column or below it in two, whichever
    // page needs the less shrinking to fit A4 either way up.
    let beside = (
        gw + LEGEND_COLUMN + 40.0,
        (gh + title_h).max(legend_height(diagram, 1) + title_h + 20.0),
    );
    let below = (
        gw.max(2.0 * LEGEND_COLUMN) + 40.0,
        gh + title_h + legend_height(diagram, 2) + 20.0,
    );
    let shrink = |(w, h): (f64, f64)| {
        let (long, short) = (297.0, 210.0);
        f64::min(f64::max(w / long, h / short), f64::max(w / short, h / long))
    };
    let legend_below = diagram.legend && shrink(below) < shrink(beside);
    let ((width, height), legend_at) = if !diagram.legend {
        ((gw + 40.0, gh + title_h), (0.0, 0.0))
    } else if legend_below {
        (below, (20.0, title_h + gh))
    } else {
        (beside, (gw + 20.0, title_h))
    };
    let legend = if diagram.legend {
        legend(diagram, if legend_below { 2 } else { 1 })
    } else {
        String::new()
    };
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
        // dagre leaves no room for a box's title: the box grows up by a title's height.
        let (w, h) = (n.width, n.height + BOX_TITLE);
        let (l, t) = (x - w / 2.0, y - n.height / 2.0 - BOX_TITLE);
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
        let Some((points, label_at)) = edge_route(g, i, e) else {
            continue;
        };
        let st = edge_style(e.relation);
        let color = if e.highlight { HIGHLIGHT } else { st.color };
        let dash = match st.line {
            "dashed" => r#" stroke-dasharray="6 3""#,
            "dotted" => r#" stroke-dasharray="2 3""#,
            _ => "",
        };
        let points: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
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
        if let Some((x, y)) = label_at.filter(|_| diagram.edge_labels) {
            text(&mut out, x, y, e.text(), edge_font(e), color);
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
        legend_at.0, legend_at.1
    );
    out.push_str(&legend);
    out.push_str("</g>\n</svg>\n");
    Ok(out)
}

/// An edge's line (at least two points) and where its label goes, if anywhere.
type Route = (Vec<(f64, f64)>, Option<(f64, f64)>);

/// The line of edge `i` (at least two points) and where its label goes: dagre's route, or
/// for an edge left out of the layout (see [`layout`]) a straight line between the two
/// nodes' borders, unlabelled.
fn edge_route(g: &Graph<NodeLabel, EdgeLabel>, i: usize, e: &super::DiagramEdge) -> Option<Route> {
    let (source, target) = (format!("n{}", e.source), format!("n{}", e.target));
    if let Some(label) = g.edge(&source, &target, Some(&format!("e{i}"))) {
        let points: Vec<(f64, f64)> = label.points.iter().map(|p| (p.x, p.y)).collect();
        let at = label.x.zip(label.y);
        return (points.len() >= 2).then_some((points, at));
    }
    let centre = |id: &str| {
        g.node(id)
            .and_then(|l| Some((l.x?, l.y?, l.width / 2.0, l.height / 2.0)))
    };
    let ((sx, sy, sw, sh), (tx, ty, tw, th)) = (centre(&source)?, centre(&target)?);
    let (dx, dy) = (tx - sx, ty - sy);
    if dx == 0.0 && dy == 0.0 {
        return None;
    }
    // The fraction of the centre-to-centre line inside a w × h box around its end.
    let inside = |w: f64, h: f64| {
        let fx = if dx == 0.0 {
            f64::INFINITY
        } else {
            w / dx.abs()
        };
        let fy = if dy == 0.0 {
            f64::INFINITY
        } else {
            h / dy.abs()
        };
        fx.min(fy)
    };
    let (a, b) = (inside(sw, sh), 1.0 - inside(tw, th));
    if a >= b {
        return None;
    }
    Some((
        vec![(sx + a * dx, sy + a * dy), (sx + b * dx, sy + b * dy)],
        None,
    ))
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

/// The width of a column of the legend.
const LEGEND_COLUMN: f64 = 190.0;

/// The legend's height in `columns` columns (kinds, then relations; in two columns, kinds
/// on the left and relations on the right).
fn legend_height(diagram: &Diagram, columns: usize) -> f64 {
    let (kinds, relations) = (diagram.kinds().len(), diagram.relations().len());
    let rows = if columns == 1 {
        kinds + relations
    } else {
        kinds.max(relations)
    };
    30.0 + 22.0 * rows as f64
}

/// The legend in `columns` columns (1 or 2), drawn at (0, 0).
fn legend(diagram: &Diagram, columns: usize) -> String {
    let width = LEGEND_COLUMN * columns as f64;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{width}" height="{:.1}" rx="8" fill="white" stroke="#94a3b8" stroke-dasharray="4 3"/>"##,
        legend_height(diagram, columns)
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
    // In two columns the relations start at the top of the right one.
    let x = if columns == 1 { 0.0 } else { LEGEND_COLUMN };
    if columns > 1 {
        y = 38.0;
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
            r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="1.5"{dash}/>"#,
            x + 14.0,
            x + 54.0,
            st.color
        );
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="{}">{relation}</text>"#,
            x + 64.0,
            y + 4.0,
            st.color
        );
        y += 22.0;
    }
    out
}
