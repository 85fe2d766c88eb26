//! One self-contained, offline HTML page: Cytoscape.js and its fcose layout (vendored in
//! `assets/`, MIT) and the graph inlined. It opens on the whole graph laid out by force with
//! compound region boxes, nodes sized by PageRank and only as many labels as fit without
//! overlapping (more as the reader zooms); the report views are selectable, a click shows a
//! node's evidence card and, in a view, adds its neighbours; the picture saves as PNG or
//! SVG. Search, kind/relation/provenance filters and a zh/en toggle. A Content-Security-Policy forbids
//! every network request; data goes in as JSON with `<`, `>` and `&` escaped, and the page
//! writes it with `textContent` only, so nothing in the data can inject markup or script.

use super::record::{evidence_text, provenance};
use super::{Exporter, Output};
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::query::rank::{rank, Measure};
use crate::query::EdgeFilter;
use crate::render::style::{edge_style, node_style};
use crate::render::view::{diagram, region_boxes, View};
use crate::render::Lang;
use serde_json::{json, Map, Value};

const TEMPLATE: &str = include_str!("../../assets/graph.html");
const CYTOSCAPE: &str = include_str!("../../assets/cytoscape.min.js");
/// layout-base, cose-base and cytoscape-fcose (MIT): the force layout that keeps compound
/// boxes apart.
const FCOSE: &str = include_str!("../../assets/fcose.js");

/// The `html` exporter.
pub struct Html;

/// Cytoscape.js's name for a Graphviz shape.
fn shape(graphviz: &str, rounded: bool) -> &'static str {
    match graphviz {
        "ellipse" => "ellipse",
        "hexagon" => "hexagon",
        "octagon" => "octagon",
        "house" => "barrel",
        "cds" => "tag",
        "component" => "cut-rectangle",
        _ if rounded => "round-rectangle",
        _ => "rectangle",
    }
}

/// JSON that is safe inside a `<script>` element: `<`, `>`, `&` and the JavaScript line
/// separators as `\u` escapes (they only occur inside strings).
pub fn script_json(value: &Value) -> Result<String> {
    let text = serde_json::to_string(value).map_err(|source| Error::Serialize {
        what: "html data",
        source,
    })?;
    Ok(text
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029"))
}

/// The report views as the page draws them: each view's diagram — the same nodes, boxes and
/// drawn edges as its SVG — with entity nodes under their graph ids, placed where the
/// built-in layered layout puts them.
fn views(graph: &KnowledgeGraph) -> Vec<Value> {
    View::report(graph)
        .iter()
        .filter_map(|view| {
            let d = diagram(graph, view, Lang::Zh).ok()?;
            let at = crate::render::svg::positions(&d).ok()?;
            (!d.nodes.is_empty()).then(|| {
                json!({
                    "slug": view.slug(graph),
                    "title": d.title.replace('\n', " — "),
                    "boxes": d.boxes.iter().map(|b| json!({
                        "id": format!("view-box/{}", b.id), "label": b.label,
                        "parent": b.parent.map(|p| format!("view-box/{}", d.boxes[p].id)),
                    })).collect::<Vec<_>>(),
                    "nodes": d.nodes.iter().zip(&at).map(|(n, [x, y, w, h])| json!({
                        "id": n.id, "label": n.label, "kind": n.kind,
                        "x": x.round(), "y": y.round(), "w": w.round(), "h": h.round(),
                        "parent": n.in_box.map(|b| format!("view-box/{}", d.boxes[b].id)),
                        "discovered": n.discovered, "highlight": n.highlight,
                    })).collect::<Vec<_>>(),
                    "edges": d.edges.iter().filter(|e| !e.invisible).map(|e| json!({
                        "source": d.nodes[e.source].id, "target": d.nodes[e.target].id,
                        "relation": e.relation, "highlight": e.highlight, "undirected": e.undirected(),
                        "label": (d.edge_labels || e.label.is_some()).then(|| e.text()),
                    })).collect::<Vec<_>>(),
                })
            })
        })
        .collect()
}

/// Each node's PageRank over the typed relations (as `jjj rank --by pagerank` computes it),
/// by node index, scaled so the highest is 1.
fn centrality(graph: &KnowledgeGraph) -> Vec<f64> {
    let ranked = rank(
        graph,
        Measure::Pagerank,
        &EdgeFilter::typed(),
        &[],
        usize::MAX,
        None,
    );
    let top = ranked
        .first()
        .map_or(1.0, |r| r.score.max(f64::MIN_POSITIVE));
    let mut scaled = vec![0.0; graph.graph.node_count()];
    for r in &ranked {
        if let Some(i) = graph.node_index(&r.node.id) {
            scaled[i.index()] = (r.score / top * 1000.0).round() / 1000.0;
        }
    }
    scaled
}

/// The data the page draws.
fn page_data(graph: &KnowledgeGraph) -> Value {
    let indices: Vec<_> = graph.graph.node_indices().collect();
    let rank = centrality(graph);
    let (boxes, placement) = region_boxes(graph, &indices, Lang::Zh);
    let nodes: Vec<Value> = indices
        .iter()
        .zip(&placement)
        .map(|(&i, place)| {
            let n = &graph.graph[i];
            let r = &n.record;
            let mut attributes = Map::new();
            let mut put = |k: &str, v: Option<String>| {
                if let Some(v) = v {
                    attributes.insert(k.into(), v.into());
                }
            };
            put("category", r.category.clone());
            put("level", r.level.clone());
            put("code", r.code.clone());
            put("coords", r.coords.map(|[lon, lat]| format!("{lon}, {lat}")));
            put("date", n.date().map(|d| d.to_string()));
            put("issuer", r.issuer.clone());
            put("role", r.role.clone());
            put("reference", r.reference.clone());
            if n.discovered {
                put(
                    "provenance",
                    Some(format!(
                        "discovered (not in the catalogue), confidence {:.1}",
                        r.confidence.unwrap_or_default()
                    )),
                );
            }
            json!({
                "id": r.id, "name": r.name, "en": r.en, "kind": r.kind,
                "aliases": r.aliases, "traditional": n.traditional, "attributes": attributes,
                "mentions": n.mentions.iter().map(|m| format!("{} #{}: {}", m.document, m.sentence, m.text)).collect::<Vec<_>>(),
                "parent": place.map(|b| boxes[b].id.clone()),
                "discovered": n.discovered,
                "rank": rank[i.index()],
            })
        })
        .collect();
    let edges: Vec<Value> = super::record::edges(graph)
        .map(|(_, s, t, e)| {
            json!({
                "source": s, "target": t, "relation": e.relation,
                "symmetric": e.relation.is_symmetric(), "provenance": provenance(e),
                "confidence": e.confidence, "weight": e.weight, "date": e.date, "role": e.role,
                "evidence": e.evidence.iter().map(|ev| json!({
                    "document": ev.document, "sentence": ev.sentence, "quote": ev.quote,
                    "reference": ev.reference, "text": evidence_text(ev),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut kinds = Map::new();
    for kind in crate::catalogue::Kind::ALL {
        if graph.nodes().any(|n| n.kind() == kind) {
            let st = node_style(kind);
            kinds.insert(
                kind.as_str().into(),
                json!({ "fill": st.fill, "border": st.border, "shape": shape(st.shape, st.rounded) }),
            );
        }
    }
    let mut relations = Map::new();
    for relation in crate::graph::Relation::ALL {
        if graph.graph.edge_weights().any(|e| e.relation == relation) {
            let st = edge_style(relation);
            relations.insert(
                relation.as_str().into(),
                json!({ "color": st.color, "line": st.line, "symmetric": relation.is_symmetric() }),
            );
        }
    }
    json!({
        "nodes": nodes,
        "edges": edges,
        "boxes": boxes.iter().map(|b| json!({
            "id": b.id, "label": b.label, "parent": b.parent.map(|p| boxes[p].id.clone()),
        })).collect::<Vec<_>>(),
        "kinds": kinds,
        "relations": relations,
        "views": views(graph),
    })
}

impl Exporter for Html {
    fn name(&self) -> &'static str {
        "html"
    }
    fn extension(&self) -> &'static str {
        "html"
    }
    fn export(&self, graph: &KnowledgeGraph) -> Result<Output> {
        let data = script_json(&page_data(graph))?;
        #[allow(clippy::expect_used, reason = "the template is compiled in")]
        let (head, rest) = TEMPLATE
            .split_once("/*DATA*/")
            .expect("the template has a data marker");
        #[allow(clippy::expect_used, reason = "the template is compiled in")]
        let (middle, tail) = rest
            .split_once("/*CYTOSCAPE*/")
            .expect("the template has a library marker");
        #[allow(clippy::expect_used, reason = "the template is compiled in")]
        let (library, tail) = tail
            .split_once("/*FCOSE*/")
            .expect("the template has a layout marker");
        let mut page =
            String::with_capacity(TEMPLATE.len() + data.len() + CYTOSCAPE.len() + FCOSE.len());
        for part in [head, &data, middle, CYTOSCAPE, library, FCOSE, tail] {
            page.push_str(part);
        }
        Ok(Output::File(page.into_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::script_json;

    #[test]
    fn script_json_cannot_close_the_script() {
        let v = serde_json::json!({ "name": "</script><script>alert(1)</script>&\u{2028}" });
        let s = script_json(&v).unwrap();
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
