//! How readable a laid-out SVG is — Graphviz's or the built-in layout's: the page on which
//! its smallest label prints at 8 pt, label boxes that overlap, labels drawn over another
//! node, and edge crossings. Read back from the SVG itself, so it measures what a reader sees.

use crate::error::{Error, Result};

/// A4 in points (portrait).
pub const A4: (f64, f64) = (595.0, 842.0);

/// The readability figures of one drawing. Lengths are in the SVG's user units.
#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    pub width: f64,
    pub height: f64,
    /// The smallest font size of any text.
    pub smallest_font: f64,
    /// Texts drawn (a node's or an edge's lines count once).
    pub labels: usize,
    /// Pairs of labels whose boxes overlap.
    pub label_overlaps: usize,
    /// Labels drawn over a node that is not theirs.
    pub node_label_overlaps: usize,
    /// Points where two edges cross away from their ends.
    pub edge_crossings: usize,
}

impl Readability {
    /// The page (width, height in pt) at which the smallest label prints at `pt` points.
    pub fn page_at(&self, pt: f64) -> (f64, f64) {
        let scale = pt / self.smallest_font;
        (self.width * scale, self.height * scale)
    }

    /// [`Readability::page_at`] in millimetres.
    pub fn page_mm_at(&self, pt: f64) -> (f64, f64) {
        let (w, h) = self.page_at(pt);
        (w * 25.4 / 72.0, h * 25.4 / 72.0)
    }

    /// Fits `page` (in pt, either orientation) with the smallest label at `pt` or larger.
    pub fn fits(&self, page: (f64, f64), pt: f64) -> bool {
        let (w, h) = self.page_at(pt);
        (w <= page.0 && h <= page.1) || (w <= page.1 && h <= page.0)
    }

    /// The smallest label in pt once the drawing is scaled to fit `page` (either
    /// orientation, never enlarged).
    pub fn printed_font(&self, page: (f64, f64)) -> f64 {
        let portrait = (page.0 / self.width).min(page.1 / self.height);
        let landscape = (page.1 / self.width).min(page.0 / self.height);
        self.smallest_font * portrait.max(landscape).min(1.0)
    }
}

/// An axis-aligned box: left, top, right, bottom.
#[derive(Debug, Clone, Copy)]
struct Rect([f64; 4]);

impl Rect {
    fn around(points: &[(f64, f64)]) -> Option<Rect> {
        let first = points.first()?;
        Some(Rect(points.iter().fold(
            [first.0, first.1, first.0, first.1],
            |[l, t, r, b], &(x, y)| [l.min(x), t.min(y), r.max(x), b.max(y)],
        )))
    }
    fn union(self, other: Rect) -> Rect {
        let ([a, b, c, d], [e, f, g, h]) = (self.0, other.0);
        Rect([a.min(e), b.min(f), c.max(g), d.max(h)])
    }
    /// Overlap by more than `slack` in both directions (estimated text widths are not exact).
    fn overlaps(&self, other: &Rect, slack: f64) -> bool {
        let ([l1, t1, r1, b1], [l2, t2, r2, b2]) = (self.0, other.0);
        r1.min(r2) - l1.max(l2) > slack && b1.min(b2) - t1.max(t2) > slack
    }
}

/// An affine map without rotation: x' = sx·x + tx, y' = sy·y + ty.
#[derive(Debug, Clone, Copy)]
struct Transform([f64; 4]);

impl Transform {
    const IDENTITY: Transform = Transform([1.0, 1.0, 0.0, 0.0]);

    fn apply(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let [sx, sy, tx, ty] = self.0;
        (sx * x + tx, sy * y + ty)
    }

    /// This map followed by the `transform` attribute's (`translate`, `scale`, `rotate(0)`).
    fn then(self, attribute: &str) -> Transform {
        let mut out = self;
        for part in attribute.split(')') {
            let Some((name, args)) = part.split_once('(') else {
                continue;
            };
            let v: Vec<f64> = args
                .split([',', ' '])
                .filter_map(|s| s.trim().parse().ok())
                .collect();
            let [sx, sy, tx, ty] = out.0;
            out = match (name.trim(), v.as_slice()) {
                ("translate", [x]) => Transform([sx, sy, tx + sx * x, ty]),
                ("translate", [x, y]) => Transform([sx, sy, tx + sx * x, ty + sy * y]),
                ("scale", [s]) => Transform([sx * s, sy * s, tx, ty]),
                ("scale", [a, b]) => Transform([sx * a, sy * b, tx, ty]),
                _ => out,
            };
        }
        out
    }
}

/// The numbers in a `points` or path `d` attribute, as points.
fn points(text: &str) -> Vec<(f64, f64)> {
    let numbers: Vec<f64> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e'))
        .filter_map(|s| s.parse().ok())
        .collect();
    numbers.chunks_exact(2).map(|p| (p[0], p[1])).collect()
}

/// A Graphviz edge path (`M x,y C x,y x,y x,y …`) as a polyline: each cubic Bézier sampled.
fn bezier_polyline(d: &str) -> Vec<(f64, f64)> {
    let p = points(d);
    let Some(&start) = p.first() else {
        return Vec::new();
    };
    let mut out = vec![start];
    for c in p[1..].chunks_exact(3) {
        let (p0, [p1, p2, p3]) = (*out.last().unwrap_or(&start), [c[0], c[1], c[2]]);
        for step in 1..=6 {
            let t = f64::from(step) / 6.0;
            let u = 1.0 - t;
            let f = |a: f64, b: f64, c: f64, d: f64| {
                u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
            };
            out.push((f(p0.0, p1.0, p2.0, p3.0), f(p0.1, p1.1, p2.1, p3.1)));
        }
    }
    out
}

/// What the reader collects while walking the SVG.
#[derive(Default)]
struct Drawing {
    /// (owner, box) per text line.
    texts: Vec<(usize, Rect)>,
    /// (owner, bounding box) per node.
    nodes: Vec<(usize, Rect)>,
    edges: Vec<Vec<(f64, f64)>>,
    smallest_font: f64,
}

/// The width of `text` at `size` as Noto Sans CJK draws it, closely enough to find
/// overlaps: 1 em per wide (CJK) character, and Latin letters, digits and punctuation by
/// their class (a fixed 0.6 em would see overlaps where a reader sees a gap).
fn drawn_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            let em = match c {
                _ if unicode_width::UnicodeWidthChar::width(c).unwrap_or(1) > 1 => 1.0,
                ' ' | 'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.26,
                '(' | ')' | '[' | ']' | 'f' | 'r' | 't' | '-' | '_' | '/' => 0.36,
                'm' | 'w' | 'M' | 'W' => 0.82,
                'A'..='Z' => 0.62,
                _ => 0.54,
            };
            em * size
        })
        .sum()
}

/// The box of one line of text drawn at (x, y): `anchor` is SVG's text-anchor; the baseline
/// is at y unless `central`.
fn text_box(x: f64, y: f64, line: &str, size: f64, anchor: &str, central: bool) -> Rect {
    let w = drawn_width(line, size);
    let left = match anchor {
        "middle" => x - w / 2.0,
        "end" => x - w,
        _ => x,
    };
    let top = if central {
        y - size / 2.0
    } else {
        y - 0.85 * size
    };
    Rect([left, top, left + w, top + size])
}

/// The group `node` is drawn as part of: its nearest Graphviz node/edge/cluster group, or
/// the built-in writer's node group (`<g id>` without a class).
fn group<'a, 'i>(node: roxmltree::Node<'a, 'i>) -> Option<roxmltree::Node<'a, 'i>> {
    node.ancestors().find(|a| {
        a.has_tag_name("g")
            && match a.attribute("class") {
                Some(class) => matches!(class, "node" | "edge" | "cluster"),
                None => a.has_attribute("id"),
            }
    })
}

/// The owner of what is drawn inside `node`: its [`group`], else the element itself.
fn owner(node: roxmltree::Node) -> usize {
    group(node).unwrap_or(node).id().get_usize()
}

fn walk(node: roxmltree::Node, transform: Transform, out: &mut Drawing) {
    let transform = node
        .attribute("transform")
        .map_or(transform, |t| transform.then(t));
    let number = |name: &str| node.attribute(name).and_then(|v| v.parse::<f64>().ok());
    // The class of the group it belongs to: Some(None) is a built-in node group.
    let class = group(node).map(|g| g.attribute("class"));
    let in_edge = class == Some(Some("edge"));
    let mapped = |p: &[(f64, f64)]| p.iter().map(|&q| transform.apply(q)).collect::<Vec<_>>();
    match node.tag_name().name() {
        "text" => {
            let size = number("font-size").unwrap_or(14.0) * transform.0[1].abs();
            out.smallest_font = out.smallest_font.min(size);
            let anchor = node.attribute("text-anchor").unwrap_or("start");
            let central = node.attribute("dominant-baseline") == Some("central");
            let (x, mut y) = (number("x").unwrap_or(0.0), number("y").unwrap_or(0.0));
            let spans: Vec<_> = node
                .children()
                .filter(|c| c.has_tag_name("tspan"))
                .collect();
            let lines: Vec<(f64, String)> = if spans.is_empty() {
                vec![(y, node.text().unwrap_or_default().to_owned())]
            } else {
                spans
                    .iter()
                    .map(|s| {
                        y += s
                            .attribute("dy")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0.0);
                        (y, s.text().unwrap_or_default().to_owned())
                    })
                    .collect()
            };
            let who = owner(node);
            for (y, line) in lines.iter().filter(|(_, l)| !l.trim().is_empty()) {
                let (x, y) = transform.apply((x, *y));
                out.texts
                    .push((who, text_box(x, y, line, size, anchor, central)));
            }
            return;
        }
        "polygon" | "rect" | "ellipse" | "path" if !in_edge => {
            let shape = match node.tag_name().name() {
                "polygon" => Rect::around(&mapped(&points(node.attribute("points").unwrap_or("")))),
                "path" => Rect::around(&mapped(&points(node.attribute("d").unwrap_or("")))),
                "rect" => {
                    let (x, y) = (number("x").unwrap_or(0.0), number("y").unwrap_or(0.0));
                    let (w, h) = (
                        number("width").unwrap_or(0.0),
                        number("height").unwrap_or(0.0),
                    );
                    Rect::around(&mapped(&[(x, y), (x + w, y + h)]))
                }
                _ => {
                    let (cx, cy) = (number("cx").unwrap_or(0.0), number("cy").unwrap_or(0.0));
                    let (rx, ry) = (number("rx").unwrap_or(0.0), number("ry").unwrap_or(0.0));
                    Rect::around(&mapped(&[(cx - rx, cy - ry), (cx + rx, cy + ry)]))
                }
            };
            if let (Some(shape), Some(None | Some("node"))) = (shape, class) {
                let who = owner(node);
                match out.nodes.last_mut() {
                    Some((last, rect)) if *last == who => *rect = rect.union(shape),
                    _ => out.nodes.push((who, shape)),
                }
            }
        }
        "path" => out
            .edges
            .push(mapped(&bezier_polyline(node.attribute("d").unwrap_or("")))),
        "polyline" => out
            .edges
            .push(mapped(&points(node.attribute("points").unwrap_or("")))),
        _ => {}
    }
    for child in node.children().filter(roxmltree::Node::is_element) {
        walk(child, transform, out);
    }
}

/// Where segments a–b and c–d cross, if they do (not merely touch end to end).
fn crossing(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> Option<(f64, f64)> {
    let r = (b.0 - a.0, b.1 - a.1);
    let s = (d.0 - c.0, d.1 - c.1);
    let denominator = r.0 * s.1 - r.1 * s.0;
    if denominator.abs() < 1e-9 {
        return None;
    }
    let q = (c.0 - a.0, c.1 - a.1);
    let t = (q.0 * s.1 - q.1 * s.0) / denominator;
    let u = (q.0 * r.1 - q.1 * r.0) / denominator;
    ((0.0..1.0).contains(&t) && (0.0..1.0).contains(&u)).then_some((a.0 + t * r.0, a.1 + t * r.1))
}

/// Crossings between different edges, not counting those within `near` of an edge's ends
/// (edges meeting at a node).
fn edge_crossings(edges: &[Vec<(f64, f64)>], near: f64) -> usize {
    let boxes: Vec<Option<Rect>> = edges.iter().map(|e| Rect::around(e)).collect();
    let ends: Vec<Vec<(f64, f64)>> = edges
        .iter()
        .map(|e| e.first().into_iter().chain(e.last()).copied().collect())
        .collect();
    let mut count = 0;
    for i in 0..edges.len() {
        for j in i + 1..edges.len() {
            let (Some(bi), Some(bj)) = (boxes[i], boxes[j]) else {
                continue;
            };
            if !bi.overlaps(&bj, -1.0) {
                continue;
            }
            for s in edges[i].windows(2) {
                for t in edges[j].windows(2) {
                    let Some(p) = crossing(s[0], s[1], t[0], t[1]) else {
                        continue;
                    };
                    let at_an_end = ends[i]
                        .iter()
                        .chain(&ends[j])
                        .any(|e| (e.0 - p.0).hypot(e.1 - p.1) < near);
                    if !at_an_end {
                        count += 1;
                    }
                }
            }
        }
    }
    count
}

/// The readability figures of an SVG drawn by Graphviz or by [`super::svg::to_svg`].
///
/// Label widths are estimated ([`drawn_width`]) and overlaps need
/// more than one unit in both directions. Crossings are counted on the edges' polylines
/// (Béziers sampled), pairwise: O(s²) in the number of segments, pruned by bounding boxes.
pub fn measure(svg: &str) -> Result<Readability> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(svg, options).map_err(|e| Error::InvalidValue {
            what: "SVG",
            value: format!("line {}, column {}", e.pos().row, e.pos().col),
            message: e.to_string(),
        })?;
    let root = doc.root_element();
    // The viewBox is in user units (Graphviz's width says pt, the built-in's px: both 1:1).
    let view: Vec<f64> = root
        .attribute("viewBox")
        .map(|v| v.split([' ', ',']).filter_map(|s| s.parse().ok()).collect())
        .unwrap_or_default();
    let (width, height) = match view.as_slice() {
        [_, _, w, h] => (*w, *h),
        _ => {
            return Err(Error::InvalidValue {
                what: "SVG",
                value: root.tag_name().name().to_owned(),
                message: "no viewBox with a width and height".into(),
            })
        }
    };
    let mut drawing = Drawing {
        smallest_font: f64::INFINITY,
        ..Drawing::default()
    };
    walk(root, Transform::IDENTITY, &mut drawing);
    let Drawing {
        texts,
        nodes,
        edges,
        smallest_font,
    } = drawing;
    let mut label_overlaps = 0;
    let mut owners: Vec<usize> = texts.iter().map(|t| t.0).collect();
    owners.dedup();
    for (i, (a, ra)) in texts.iter().enumerate() {
        label_overlaps += texts[i + 1..]
            .iter()
            .filter(|(b, rb)| a != b && ra.overlaps(rb, 1.0))
            .count();
    }
    let node_label_overlaps = texts
        .iter()
        .filter(|(who, r)| {
            nodes
                .iter()
                .any(|(node, shape)| node != who && r.overlaps(shape, 1.0))
        })
        .count();
    Ok(Readability {
        width,
        height,
        smallest_font: if smallest_font.is_finite() {
            smallest_font
        } else {
            14.0
        },
        labels: owners.len(),
        label_overlaps,
        node_label_overlaps,
        edge_crossings: edge_crossings(&edges, 6.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_labels_crossing_edges_and_a_label_on_a_node_are_counted() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
<g transform="translate(0,10)">
<g id="a"><rect x="0" y="0" width="40" height="20"/><text x="20" y="10" font-size="12" text-anchor="middle" dominant-baseline="central">北京</text></g>
<g id="b"><rect x="30" y="5" width="40" height="20"/><text x="35" y="15" font-size="12" text-anchor="middle" dominant-baseline="central">天津</text></g>
<text x="150" y="50" font-size="9">alone</text>
</g>
<polyline points="100,0 200,100"/><polyline points="100,100 200,0"/><polyline points="0,90 50,90"/>
</svg>"##;
        let r = measure(svg).unwrap();
        assert_eq!((r.width, r.height, r.smallest_font), (200.0, 100.0, 9.0));
        assert_eq!(r.labels, 3);
        assert_eq!(r.label_overlaps, 1);
        // 北京 lies over b's box and 天津 over a's.
        assert_eq!(r.node_label_overlaps, 2);
        assert_eq!(r.edge_crossings, 1);
        assert_eq!(r.page_at(8.0), (200.0 * 8.0 / 9.0, 100.0 * 8.0 / 9.0));
        assert!(r.fits(A4, 8.0));
    }

    #[test]
    fn graphviz_transforms_and_beziers_are_followed() {
        let svg = r##"<svg width="100pt" height="100pt" viewBox="0.00 0.00 100.00 100.00">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 96)">
<g id="node1" class="node"><title>x</title><polygon points="0,0 40,0 40,-20 0,-20 0,0"/><text text-anchor="middle" x="20" y="-6" font-size="14.00">x</text></g>
<g id="edge1" class="edge"><title>x&#45;&gt;y</title><path d="M0,-50C30,-50 60,-50 90,-50"/></g>
<g id="edge2" class="edge"><path d="M45,-90C45,-60 45,-40 45,-10"/></g>
</g></svg>"##;
        let r = measure(svg).unwrap();
        assert_eq!(r.edge_crossings, 1);
        assert_eq!((r.label_overlaps, r.node_label_overlaps), (0, 0));
        assert!(measure("<svg").is_err());
    }
}
