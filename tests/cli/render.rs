//! Diagrams on the real seeds: DOT that parses back, SVG from both engines (Graphviz, and
//! the built-in layout with `dot` hidden from PATH), Mermaid within its limits, hostile
//! labels escaped in every format, deterministic output.
//!
//! The Graphviz tests need `dot` and a CJK font: `.ci/run` installs graphviz and
//! fonts-noto-cjk, and these tests fail (they are not skipped) where they are missing.

use super::*;
use graphviz_rust::dot_structures::{Graph, Id, Stmt};
use jjj_graph::catalogue::Kind;
use jjj_graph::render::view::{diagram, View};
use jjj_graph::render::{
    dot, graphviz, mermaid, readability, svg, Diagram, DiagramBox, DiagramEdge, DiagramNode,
    Direction, Lang,
};
use std::time::Duration;

fn all_views() -> Vec<View> {
    let mut views = View::FIXED.to_vec();
    views.push("ego:雄安新区:2".parse().unwrap());
    views.push("path:雄安新区:天津".parse().unwrap());
    views
}

/// Node and edge statements, however deeply nested in subgraphs.
fn count(stmts: &[Stmt]) -> (usize, usize) {
    stmts.iter().fold((0, 0), |(n, e), s| match s {
        Stmt::Node(_) => (n + 1, e),
        Stmt::Edge(_) => (n, e + 1),
        Stmt::Subgraph(sub) => {
            let (a, b) = count(&sub.stmts);
            (n + a, e + b)
        }
        _ => (n, e),
    })
}

fn statements(g: &Graph) -> &[Stmt] {
    match g {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    }
}

/// Every text node of an SVG (which must be well-formed XML), joined by newlines.
fn svg_text(svg: &[u8]) -> String {
    let text = std::str::from_utf8(svg).expect("SVG is UTF-8");
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("SVG is not XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(
        doc.descendants().all(|n| n.tag_name().name() != "script"),
        "no script element"
    );
    doc.descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every line of every node label appears in the SVG's text.
fn assert_labels_drawn(d: &Diagram, svg: &[u8], what: &str) {
    let text = svg_text(svg);
    for n in &d.nodes {
        for line in n.label.lines() {
            assert!(
                text.contains(line),
                "{what}: label line {line:?} of {} missing",
                n.id
            );
        }
    }
}

#[test]
fn dot_parses_back_with_the_same_nodes_and_edges() {
    for view in all_views() {
        let d = diagram(graph(), &view, Lang::Both).unwrap();
        assert!(!d.nodes.is_empty(), "{view:?}");
        let text = dot::to_dot(&d);
        let parsed = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{view:?}: {e}"));
        // The legend, where drawn, is one more node; a wrapped layout has an invisible
        // anchor per row, linked to the next and to the row's first node.
        let rows = d.rows.len();
        let anchors = if rows > 1 {
            (rows, 2 * rows - 1)
        } else {
            (0, 0)
        };
        assert_eq!(
            count(statements(&parsed)),
            (
                d.nodes.len() + usize::from(d.legend) + anchors.0,
                d.edges.len() + anchors.1
            ),
            "{view:?}"
        );
        // Rows of dates hang from anchors ranked together across boxes (the new ranking);
        // without rows the old one, which keeps flat edges' labels apart.
        assert_eq!(text.contains("newrank=\"true\""), rows > 1, "{view:?}");
    }
}

#[test]
fn views_show_what_a_report_needs() {
    let ids = |d: &Diagram| d.nodes.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
    let chains = diagram(graph(), &View::Chains, Lang::Zh).unwrap();
    assert_eq!(
        chains
            .nodes
            .iter()
            .filter(|n| n.kind == Kind::Chain)
            .count(),
        6
    );
    assert_eq!(
        chains
            .nodes
            .iter()
            .filter(|n| n.kind == Kind::Cluster)
            .count(),
        5
    );
    // Parks: boxed by province, 雄安新区 a box inside 河北.
    let parks = diagram(graph(), &View::Parks, Lang::Zh).unwrap();
    let box_of = |id: &str| {
        let n = parks
            .nodes
            .iter()
            .find(|n| n.id == id)
            .unwrap_or_else(|| panic!("{id}"));
        n.in_box.map(|b| &parks.boxes[b])
    };
    let xiongan = box_of("park/xiongan-zgc").expect("boxed");
    assert_eq!(xiongan.label, "雄安新区");
    let hebei = &parks.boxes[xiongan.parent.expect("inside a province")];
    assert_eq!(hebei.label, "河北");
    assert_eq!(box_of("park/tiankai").unwrap().label, "天津");
    assert!(parks.nodes.iter().filter(|n| n.kind == Kind::Park).count() >= 13);
    // The boxes draw where things lie: no located_in line from a park to the city or
    // province whose box holds it, and a city box is not drawn again as a city node; a
    // region with a relation the boxes do not show stays (北三县, from a park in two
    // provinces), and the rows of boxes are held by invisible edges.
    let enclosing_regions = |node: usize| {
        let mut labels = Vec::new();
        let mut b = parks.nodes[node].in_box;
        while let Some(i) = b {
            labels.push(parks.boxes[i].label.as_str());
            b = parks.boxes[i].parent;
        }
        labels
    };
    for e in parks.edges.iter().filter(|e| !e.invisible) {
        let target = &parks.nodes[e.target].label;
        assert!(
            !enclosing_regions(e.source).contains(&target.as_str()),
            "{} {} {target}",
            parks.nodes[e.source].label,
            e.relation
        );
    }
    let parks_ids = ids(&parks);
    assert!(!parks_ids.contains(&"region/baoding".to_owned()));
    assert!(!parks_ids.contains(&"region/hebei".to_owned()));
    assert!(parks_ids.contains(&"region/beisanxian".to_owned()));
    assert_eq!(parks.direction, Direction::TopDown);
    assert!(parks.edges.iter().any(|e| e.invisible));
    // Timeline: every node dated, one box per date, left to right.
    let timeline = diagram(graph(), &View::Timeline, Lang::Zh).unwrap();
    assert_eq!(timeline.direction, Direction::LeftRight);
    assert_eq!(timeline.boxes.first().unwrap().label, "2013-05");
    assert!(timeline
        .nodes
        .iter()
        .all(|n| matches!(n.kind, Kind::Document | Kind::Event)));
    // Path: the first path highlighted, from 雄安新区 to 天津.
    let path = diagram(graph(), &"path:雄安新区:天津".parse().unwrap(), Lang::Zh).unwrap();
    let lit: Vec<&str> = path
        .nodes
        .iter()
        .filter(|n| n.highlight)
        .map(|n| n.id.as_str())
        .collect();
    assert!(
        lit.contains(&"region/xiongan") && lit.contains(&"region/tianjin"),
        "{lit:?}"
    );
    assert!(path.edges.iter().any(|e| e.highlight));
    // Wings and actors hold their core entities.
    let wings = ids(&diagram(graph(), &View::Wings, Lang::Zh).unwrap());
    for id in [
        "region/xiongan",
        "region/tongzhou",
        "region/sanhe",
        "concept/non-capital-functions",
    ] {
        assert!(wings.contains(&id.to_owned()), "{id}");
    }
    let actors = diagram(graph(), &View::Actors, Lang::Zh).unwrap();
    assert!(actors
        .nodes
        .iter()
        .any(|n| n.id == "org/beijing-sci-commission"));
    assert!(actors.edges.iter().any(|e| e.relation == Relation::Signed));
    // Overview leaves co-occurrence out.
    let overview = diagram(graph(), &View::Overview, Lang::Zh).unwrap();
    assert!(overview
        .edges
        .iter()
        .all(|e| e.relation != Relation::CoOccurs));
}

#[test]
fn every_view_renders_through_graphviz() {
    assert!(
        graphviz::available(),
        "Graphviz's dot is needed (.ci/run installs it)"
    );
    for view in all_views() {
        let d = diagram(graph(), &view, Lang::Both).unwrap();
        let svg = graphviz::render(&dot::to_dot(&d), "svg", Duration::from_secs(120))
            .unwrap_or_else(|e| panic!("{view:?}: {e}"));
        assert_labels_drawn(&d, &svg, &format!("graphviz {view:?}"));
    }
}

#[test]
fn every_view_renders_through_the_builtin_engine() {
    for view in all_views() {
        let d = diagram(graph(), &view, Lang::Both).unwrap();
        let svg = svg::to_svg(&d).unwrap();
        assert_labels_drawn(&d, svg.as_bytes(), &format!("builtin {view:?}"));
    }
}

#[test]
fn png_and_pdf_through_graphviz_with_a_chinese_font() {
    assert_eq!(
        graphviz::has_cjk_font(),
        Some(true),
        "a CJK font is needed for PNG/PDF (.ci/run installs fonts-noto-cjk)"
    );
    let dir = tempfile::tempdir().unwrap();
    for (file, magic) in [("parks.png", &b"\x89PNG"[..]), ("parks.pdf", &b"%PDF"[..])] {
        let path = dir.path().join(file);
        jjj()
            .args(["render", "--view", "parks", "-o"])
            .arg(&path)
            .assert()
            .success()
            .stderr(predicate::str::contains("drawn by Graphviz (dot)"));
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(magic) && bytes.len() > 10_000, "{file}");
    }
    // The font names a CJK face first, and fontconfig resolves it to a CJK font.
    let d = diagram(graph(), &View::Parks, Lang::Zh).unwrap();
    assert!(dot::to_dot(&d).contains("fontname=\"Noto Sans CJK SC,"));
    let matched = std::process::Command::new("fc-match")
        .args(["-f", "%{lang}", "Noto Sans CJK SC"])
        .output()
        .expect("fc-match runs");
    assert!(String::from_utf8_lossy(&matched.stdout).contains("zh"));
}

#[test]
fn without_dot_on_path_svg_falls_back_to_the_builtin_engine() {
    let empty = tempfile::tempdir().unwrap();
    let out = jjj()
        .env("PATH", empty.path())
        .args([
            "render", "--view", "parks", "--format", "svg", "--lang", "both",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("drawn by the built-in layout"))
        .get_output()
        .stdout
        .clone();
    let d = diagram(graph(), &View::Parks, Lang::Both).unwrap();
    assert_labels_drawn(&d, &out, "fallback");
    // PNG cannot fall back: a clear error, and no file.
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("parks.png");
    jjj()
        .env("PATH", empty.path())
        .args(["render", "--view", "parks", "-o"])
        .arg(&png)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("png needs Graphviz's dot"));
    assert!(!png.exists());
    jjj()
        .args(["render", "--engine", "builtin", "--format", "pdf", "-o"])
        .arg(dir.path().join("x.pdf"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the built-in engine draws SVG only",
        ));
}

/// A diagram whose every label is hostile.
fn hostile() -> Diagram {
    let label = "a \"quoted\" \\ back <script>alert(1)</script> & #x;\nline two | [x] {y} `z`";
    let node = |id: &str, kind| DiagramNode {
        id: id.into(),
        label: label.into(),
        kind,
        in_box: Some(0),
        highlight: false,
        discovered: kind == Kind::Organization,
    };
    Diagram {
        title: label.into(),
        direction: Direction::LeftRight,
        nodes: vec![
            node("region/a\"b", Kind::Region),
            node("org/c\\d", Kind::Organization),
        ],
        edges: vec![DiagramEdge {
            source: 0,
            target: 1,
            relation: Relation::Supports,
            highlight: true,
            invisible: false,
            label: Some(label.into()),
        }],
        boxes: vec![DiagramBox {
            id: "cluster_x".into(),
            label: label.into(),
            parent: None,
        }],
        edge_labels: true,
        legend: true,
        rows: Vec::new(),
    }
}

/// DOT string escapes undone.
fn unquote(id: &Id) -> String {
    let Id::Escaped(s) = id else {
        panic!("a quoted id: {id:?}")
    };
    let inner = &s[1..s.len() - 1];
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn hostile_labels_are_escaped_in_every_format() {
    let d = hostile();
    let label = &d.nodes[0].label;
    // DOT: parses, and each label reads back as written.
    let parsed = graphviz_rust::parse(&dot::to_dot(&d)).expect("hostile DOT parses");
    let mut labels = Vec::new();
    fn walk(stmts: &[Stmt], out: &mut Vec<String>) {
        for s in stmts {
            match s {
                Stmt::Node(n) => out.extend(
                    n.attributes
                        .iter()
                        .filter(|a| a.0 == Id::Plain("label".into()))
                        .filter(|a| matches!(a.1, Id::Escaped(_)))
                        .map(|a| unquote(&a.1)),
                ),
                Stmt::Subgraph(sub) => walk(&sub.stmts, out),
                _ => {}
            }
        }
    }
    walk(statements(&parsed), &mut labels);
    assert_eq!(labels, vec![label.clone(), label.clone()]);
    // SVG from both engines: well-formed, no script element, the text intact.
    let builtin = svg::to_svg(&d).unwrap();
    assert!(svg_text(builtin.as_bytes()).contains("<script>alert(1)</script> & #x;"));
    let drawn =
        graphviz::render(&dot::to_dot(&d), "svg", Duration::from_secs(60)).expect("dot runs");
    assert!(svg_text(&drawn).contains("<script>alert(1)</script> & #x;"));
    // Mermaid: no raw quote, bracket or angle bracket inside a label; entity codes decode back.
    let (text, cut) = mermaid::to_mermaid(&d);
    assert_eq!(cut, 0);
    let escaped = mermaid::escape(label);
    assert!(
        !escaped.contains(['"', '<', '>', '[', ']', '{', '}', '|', '`'])
            || escaped.contains("<br/>")
    );
    assert!(
        text.contains(&format!("[\"{escaped}\"]")) || text.contains(&format!("(\"{escaped}\")"))
    );
    let decoded = escaped.replace("<br/>", "\n");
    let mut back = String::new();
    let mut rest = decoded.as_str();
    while let Some(at) = rest.find('#') {
        back.push_str(&rest[..at]);
        let end = rest[at..].find(';').unwrap() + at;
        let code: u32 = rest[at + 1..end].parse().unwrap();
        back.push(char::from_u32(code).unwrap());
        rest = &rest[end + 1..];
    }
    back.push_str(rest);
    assert_eq!(&back, label);
}

#[test]
fn mermaid_stays_within_its_limits() {
    for view in all_views() {
        let d = diagram(graph(), &view, Lang::Both).unwrap();
        let (text, _) = mermaid::to_mermaid(&d);
        let links = text
            .lines()
            .filter(|l| l.contains("-->") || l.contains("---") || l.contains("~~~"))
            .count();
        assert!(
            links <= mermaid::MAX_EDGES && text.len() <= mermaid::MAX_TEXT,
            "{view:?}"
        );
        assert!(text.contains("flowchart "));
        assert!(text.lines().all(|l| l.trim() != "end" || !l.is_empty()));
    }
    // A diagram over the limits loses its most numerous relation and says so.
    let mut big = hostile();
    big.nodes = (0..700)
        .map(|i| DiagramNode {
            id: format!("region/n{i}"),
            label: format!("n{i}"),
            kind: Kind::Region,
            in_box: None,
            highlight: false,
            discovered: false,
        })
        .collect();
    big.boxes.clear();
    big.edges = (0..699)
        .map(|i| DiagramEdge {
            source: i,
            target: i + 1,
            relation: if i < 600 {
                Relation::LocatedIn
            } else {
                Relation::Supports
            },
            highlight: false,
            invisible: false,
            label: None,
        })
        .collect();
    let (text, cut) = mermaid::to_mermaid(&big);
    assert_eq!(cut, 600);
    assert!(text.contains("%% 600 edges left out"));
    assert_eq!(text.lines().filter(|l| l.contains("-->")).count(), 99);
}

#[test]
fn render_output_is_byte_identical_across_runs() {
    for format in ["dot", "mermaid"] {
        for view in [
            "overview",
            "parks",
            "timeline",
            "ego:雄安新区:2",
            "path:雄安新区:天津",
        ] {
            let run = || {
                jjj()
                    .args([
                        "render", "--view", view, "--format", format, "--lang", "both",
                    ])
                    .assert()
                    .success()
                    .get_output()
                    .stdout
                    .clone()
            };
            assert_eq!(run(), run(), "{view} {format}");
        }
    }
}

#[test]
fn bad_views_and_names_exit_2() {
    jjj()
        .args(["render", "--view", "hairball"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid view 'hairball'"));
    jjj()
        .args(["render", "--view", "ego:雄按新区"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no entity named '雄按新区'"));
    jjj()
        .args(["render", "--view", "ego:雄安新区:9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "depth must be a number from 1 to 4",
        ));
}

#[test]
fn cooccurrence_is_drawn_only_when_asked_and_empty_views_are_refused() {
    let dot_of = |extra: &[&str]| {
        let out = jjj()
            .args(["render", "--view", "wings", "--format", "dot"])
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    assert!(!dot_of(&[]).contains("co_occurs"));
    let with = dot_of(&["--cooccurrence"]);
    assert!(
        with.contains("style=\"dotted\""),
        "co-occurrence edges are dotted"
    );
    assert!(with.contains("co_occurs"), "and in the legend");
    // A corpus that names no chain has no chains figure: an error, and no file.
    let seeds = tempfile::tempdir().unwrap();
    std::fs::write(seeds.path().join("one.txt"), "雄安新区位于河北。\n").unwrap();
    let out = seeds.path().join("chains.svg");
    jjj_seeds(seeds.path(), &["render", "--view", "chains", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has nothing to draw"));
    assert!(!out.exists());
}

#[test]
fn the_overview_aggregates_by_place_and_group_and_fits_a4_at_8pt() {
    let g = graph();
    let overview = diagram(g, &View::Overview, Lang::Zh).unwrap();
    assert!(overview.nodes.len() <= 8, "{} groups", overview.nodes.len());
    // Every typed relation is counted once: inside a group or on the edge between two.
    let typed = g
        .graph
        .edge_weights()
        .filter(|e| e.relation != Relation::CoOccurs)
        .count();
    let count = |text: &str, marker: &str| -> usize {
        text.split(marker)
            .next()
            .unwrap()
            .rsplit(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let between: usize = overview
        .edges
        .iter()
        .map(|e| count(e.label.as_deref().expect("a count"), " 条关系"))
        .sum();
    let inside: usize = overview
        .nodes
        .iter()
        .map(|n| count(n.label.split("内部关系 ").nth(1).unwrap(), " 条"))
        .sum();
    assert_eq!(between + inside, typed);
    let entities: usize = overview
        .nodes
        .iter()
        .map(|n| count(n.label.lines().nth(1).unwrap(), " 个实体"))
        .sum();
    assert_eq!(entities, g.graph.node_count());
    // Drawn by Graphviz it fits one A4 page with every label at 8 pt or larger; the full
    // drawing stays as overview-full.
    let svg = String::from_utf8(
        graphviz::render(&dot::to_dot(&overview), "svg", Duration::from_secs(60)).unwrap(),
    )
    .unwrap();
    let font = readability::measure(&svg)
        .unwrap()
        .printed_font(readability::A4);
    assert!(font >= 8.0, "smallest label on A4: {font:.1} pt");
    let full = diagram(g, &"overview-full".parse().unwrap(), Lang::Zh).unwrap();
    assert!(full.nodes.len() > 100);
}

/// A3 in points (portrait).
const A3: (f64, f64) = (842.0, 1191.0);

#[test]
fn every_report_view_is_read_back_without_overlapping_labels_and_fits_its_page() {
    let g = graph();
    for view in View::report(g) {
        let slug = view.slug(g);
        let d = diagram(g, &view, Lang::Zh).unwrap();
        let mut drawn = d.clone();
        let by_dot = String::from_utf8(
            graphviz::render_readable(&mut drawn, "svg", Duration::from_secs(120)).unwrap(),
        )
        .unwrap();
        // Only a labelled diagram is drawn again, unlabelled, and only when dot crowded it.
        assert!(d.edge_labels || !drawn.edge_labels);
        if drawn.edge_labels != d.edge_labels {
            let first = graphviz::render(&dot::to_dot(&d), "svg", Duration::from_secs(120));
            let first = readability::measure(&String::from_utf8(first.unwrap()).unwrap()).unwrap();
            assert!(
                first.label_overlaps + first.node_label_overlaps > 0,
                "{slug}: edge labels dropped without a crowded first drawing"
            );
        }
        let builtin = svg::to_svg(&d).unwrap();
        for (engine, drawn) in [("graphviz", &by_dot), ("builtin", &builtin)] {
            let r = readability::measure(drawn).unwrap();
            assert!(
                r.labels >= d.nodes.len(),
                "{slug} by {engine}: {} labels",
                r.labels
            );
            assert_eq!(
                r.label_overlaps, 0,
                "{slug} by {engine}: overlapping labels"
            );
            assert_eq!(
                r.node_label_overlaps, 0,
                "{slug} by {engine}: labels over nodes"
            );
            assert!(
                r.smallest_font >= 11.0,
                "{slug} by {engine}: {} pt",
                r.smallest_font
            );
        }
        // The built-in layout spreads wider, but the views of a few dozen nodes fit.
        if ["chains", "actors"].contains(&slug.as_str()) || slug.starts_with("path-") {
            let r = readability::measure(&builtin).unwrap();
            assert!(
                r.fits(readability::A4, 8.0),
                "{slug} by builtin: {:?} pt",
                r.page_at(8.0)
            );
        }
        // Graphviz's drawing of every view prints on A4 at 8 pt, but overview-full (every
        // entity at once), a poster.
        let r = readability::measure(&by_dot).unwrap();
        match slug.as_str() {
            "overview-full" => assert!(!r.fits(A3, 8.0)),
            _ => assert!(
                r.fits(readability::A4, 8.0),
                "{slug}: {:?} pt",
                r.page_at(8.0)
            ),
        }
    }
}

#[test]
fn the_builtin_timeline_reads_in_date_order_row_by_row() {
    let g = graph();
    let d = diagram(g, &View::Timeline, Lang::Zh).unwrap();
    assert!(d.rows.len() > 1, "the seeds' timeline wraps");
    let at = svg::positions(&d).unwrap();
    // Date boxes are in date order; a row starts at the box of each of `d.rows`.
    let starts: Vec<usize> = d.rows.iter().map(|&n| d.nodes[n].in_box.unwrap()).collect();
    let members = |b: usize| d.nodes_in(Some(b)).map(|n| at[n]).collect::<Vec<_>>();
    let (mut row_bottom, mut previous_bottom) = (f64::MIN, f64::MIN);
    let mut previous_x = f64::MIN;
    for b in 0..d.boxes.len() {
        let m = members(b);
        let (top, bottom) = m.iter().fold((f64::MAX, f64::MIN), |(t, u), p| {
            (t.min(p[1] - p[3] / 2.0), u.max(p[1] + p[3] / 2.0))
        });
        let x = m.iter().map(|p| p[0]).fold(f64::MAX, f64::min);
        if starts.contains(&b) {
            assert!(
                top > row_bottom,
                "{}: a row above a later one",
                d.boxes[b].label
            );
            previous_bottom = row_bottom;
            row_bottom = bottom;
        } else {
            assert!(
                x > previous_x,
                "{}: left of an earlier date",
                d.boxes[b].label
            );
            assert!(
                top > previous_bottom,
                "{}: in an earlier row",
                d.boxes[b].label
            );
            row_bottom = row_bottom.max(bottom);
        }
        previous_x = x;
    }
}

#[test]
fn render_stats_prints_each_views_readability_for_both_engines() {
    let text = String::from_utf8(stdout_of(jjj().args(["render", "--stats"]))).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    for column in [
        "view",
        "engine",
        "page at 8 pt (mm)",
        "A4",
        "label overlaps",
        "crossings",
    ] {
        assert!(header.contains(column), "{header}");
    }
    let rows: Vec<Vec<&str>> = lines
        .map(|l| {
            l.split("  ")
                .filter(|c| !c.trim().is_empty())
                .map(str::trim)
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 2 * View::report(graph()).len(), "{text}");
    let timeline: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == "timeline").collect();
    assert_eq!(
        timeline.iter().map(|r| r[1]).collect::<Vec<_>>(),
        ["graphviz", "builtin"]
    );
    assert_eq!(timeline[0][5], "fits", "{text}");
    // One view, one engine; --stats draws nothing, so -o makes no sense with it.
    let one = stdout_of(jjj().args([
        "render", "--stats", "--view", "parks", "--engine", "builtin",
    ]));
    assert_eq!(String::from_utf8_lossy(&one).lines().count(), 2);
    jjj()
        .args(["render", "--stats", "-o", "x.svg"])
        .assert()
        .code(2);
}
