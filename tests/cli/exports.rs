//! Exports loaded by their real clients: NetworkX (node-link, GraphML, GEXF) in Python, the
//! cytoscape and d3-force npm packages in Node, the HTML page in headless Chromium; the
//! Neo4j CSVs and GeoJSON checked field by field; every format deterministic and escaped.
//!
//! `.ci/run` installs the clients (pip: tests/clients/requirements.txt; npm: the
//! package.json in tests/clients; Debian: chromium). These tests fail, not skip, without them.

use super::*;
use jjj_graph::render::view::{diagram, View};
use jjj_graph::render::{dot, graphviz, Lang};
use serde_json::Value;
use std::time::Duration;

/// `jjj ARGS… export --format FORMAT -o DIR/FILE`; returns the path.
fn export_to(dir: &Path, format: &str, file: &str, extra: &[&str]) -> PathBuf {
    let path = dir.join(file);
    jjj()
        .args(extra)
        .args(["export", "--format", format, "-o"])
        .arg(&path)
        .assert()
        .success();
    path
}

/// Run a client program from tests/clients; its stdout as JSON.
pub(super) fn client(program: &str, script: &str, args: &[&Path]) -> Value {
    let out = std::process::Command::new(program)
        .arg(root().join("tests/clients").join(script))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed (.ci/run installs it): {e}"));
    assert!(
        out.status.success(),
        "{script} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{script} printed no JSON: {e}"))
}

/// The ids of the nodes a Graphviz SVG draws (groups of class `node` with text; not the
/// legend).
fn svg_node_ids(svg: &str) -> Vec<String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(svg, options).unwrap();
    doc.descendants()
        .filter(|g| g.attribute("class") == Some("node"))
        .filter(|g| g.descendants().any(|t| t.has_tag_name("text")))
        .filter_map(|g| {
            g.children()
                .find(|t| t.has_tag_name("title"))?
                .text()
                .map(str::to_owned)
        })
        .filter(|id| id != "legend")
        .collect()
}

fn kind_counts() -> Value {
    let mut counts = std::collections::BTreeMap::new();
    for n in graph().nodes() {
        *counts.entry(n.kind().to_string()).or_insert(0u64) += 1;
    }
    serde_json::to_value(counts).unwrap()
}

#[test]
fn networkx_loads_node_link_graphml_and_gexf() {
    let dir = tempfile::tempdir().unwrap();
    let node_link = export_to(dir.path(), "node-link", "g.json", &[]);
    let graphml = export_to(dir.path(), "graphml", "g.graphml", &[]);
    let gexf = export_to(dir.path(), "gexf", "g.gexf", &[]);
    let v = client(
        "python3",
        "networkx_load.py",
        &[&node_link, &graphml, &gexf],
    );
    let (nodes, edges) = (graph().graph.node_count(), graph().graph.edge_count());
    for format in ["node_link", "graphml", "gexf"] {
        let f = &v[format];
        assert_eq!(f["nodes"], nodes, "{format}");
        assert_eq!(f["edges"], edges, "{format}");
        assert_eq!(f["multigraph"], true, "{format}: parallel edges kept");
        assert_eq!(f["directed"], true, "{format}");
        assert_eq!(f["kinds"], kind_counts(), "{format}");
        assert_eq!(f["with_label"], nodes, "{format}: a label on every node");
        assert_eq!(
            f["with_relation"], edges,
            "{format}: a relation on every edge"
        );
        assert_eq!(f["xiongan"]["label"], "雄安新区");
        assert_eq!(f["xiongan"]["en"], "Xiong'an New Area");
        assert!(f["signed"]["evidence"]
            .as_str()
            .unwrap()
            .contains("北京市科委与天津市科技局、河北省科技厅签署"));
    }
    // Lists are lists in node-link, flattened strings in GraphML and GEXF.
    assert_eq!(
        v["node_link"]["xiongan"]["aliases"],
        "[\"雄安\", \"国家级新区河北雄安新区\"]"
    );
    assert_eq!(
        v["graphml"]["xiongan"]["aliases"],
        "雄安 | 国家级新区河北雄安新区"
    );
    assert_eq!(
        v["gexf"]["xiongan"]["aliases"],
        "雄安 | 国家级新区河北雄安新区"
    );
}

#[test]
fn cytoscape_and_d3_load_in_node() {
    let dir = tempfile::tempdir().unwrap();
    let cyjs = export_to(dir.path(), "cytoscape", "g.cyjs", &[]);
    let d3 = export_to(dir.path(), "d3", "g.d3.json", &[]);
    let v = client("node", "cytoscape_load.cjs", &[&cyjs, &d3]);
    let (nodes, edges) = (graph().graph.node_count(), graph().graph.edge_count());
    assert_eq!(v["cytoscape"]["nodes"], nodes);
    assert_eq!(v["cytoscape"]["edges"], edges);
    assert_eq!(v["cytoscape"]["kinds"], kind_counts());
    assert_eq!(v["cytoscape"]["labelled"], nodes);
    assert_eq!(v["cytoscape"]["format_version"], "1.0");
    // Compound parents: 雄安新区 in its own box, inside 河北.
    assert!(v["cytoscape"]["boxes"].as_u64().unwrap() >= 3);
    assert_eq!(v["cytoscape"]["xiongan_parent"], "雄安新区");
    assert_eq!(v["cytoscape"]["xiongan_grandparent"], "河北");
    assert_eq!(v["d3"]["nodes"], nodes);
    assert_eq!(v["d3"]["links"], edges);
    assert_eq!(
        v["d3"]["resolved"], edges,
        "every link's ends resolve by id"
    );
}

#[test]
fn html_page_draws_searches_and_stays_offline_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let page = export_to(dir.path(), "html", "g.html", &[]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    assert!(
        !html.contains("<script src") && !html.contains("<link "),
        "nothing loaded from outside"
    );
    // Each report view's nodes, as Graphviz draws them in its SVG.
    let mut expected = serde_json::Map::new();
    for view in View::report(graph()) {
        let d = diagram(graph(), &view, Lang::Zh).unwrap();
        let svg = graphviz::render(&dot::to_dot(&d), "svg", Duration::from_secs(120)).unwrap();
        expected.insert(
            view.slug(graph()),
            svg_node_ids(&String::from_utf8(svg).unwrap()).into(),
        );
    }
    let views = dir.path().join("views.json");
    std::fs::write(&views, serde_json::to_vec(&expected).unwrap()).unwrap();
    let v = client("node", "html_check.mjs", &[&page, &views]);
    assert_eq!(v["failures"], serde_json::json!([]), "{v}");
    assert_eq!(v["nodes"], graph().graph.node_count());
    // The first view labels the most central entities, none over another, at 12 px or more.
    assert!(v["first_view"]["drawn"].as_u64().unwrap() >= 30, "{v}");
    assert_eq!(v["first_view"]["overlapping"], serde_json::json!([]));
    assert!(
        v["first_view"]["smallest_px"].as_f64().unwrap() >= 11.9,
        "{v}"
    );
    assert!(
        v["zoomed_in"]["drawn"].as_u64() > v["first_view"]["drawn"].as_u64(),
        "zooming in shows more labels: {v}"
    );
    for (slug, ids) in &expected {
        assert_eq!(v["views"][slug]["same"], true, "{slug}: {v}");
        assert_eq!(v["views"][slug]["nodes"], ids.as_array().unwrap().len());
    }
    assert!(v["expanded"]["added"].as_u64().unwrap() > 0, "{v}");
    assert_eq!(v["saved_png"], "jjj-graph.png");
    assert_eq!(v["saved_svg"], "jjj-graph.svg");
    assert_eq!(v["first_hit"], "region/xiongan");
    assert_eq!(v["outside_requests"], serde_json::json!([]));
    assert!(v["painted"].as_u64().unwrap() > 5000, "the graph draws");
}

#[test]
fn neo4j_csv_has_import_headers_and_consistent_ids() {
    let (_dir, out) = neo4j_export();
    let mut nodes = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
    let header: Vec<String> = nodes.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header.first().map(String::as_str), Some("id:ID"));
    assert_eq!(header.last().map(String::as_str), Some(":LABEL"));
    for typed in [
        "aliases:string[]",
        "lon:double",
        "lat:double",
        "mention_count:long",
        "discovered:boolean",
    ] {
        assert!(header.iter().any(|h| h == typed), "{typed} in {header:?}");
    }
    let mut ids = std::collections::HashSet::new();
    for row in nodes.records() {
        let row = row.unwrap();
        assert_eq!(row.len(), header.len());
        ids.insert(row[0].to_owned());
        let labels = &row[header.len() - 1];
        assert!(labels.starts_with("Entity|"), "{labels}");
        for (h, cell) in header.iter().zip(row.iter()) {
            if h.ends_with(":double") && !cell.is_empty() {
                cell.parse::<f64>().unwrap();
            }
            if h.ends_with(":long") {
                cell.parse::<i64>().unwrap();
            }
        }
    }
    assert_eq!(ids.len(), graph().graph.node_count());
    let mut rels = csv::Reader::from_path(out.join("relationships.csv")).unwrap();
    let header: Vec<String> = rels.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(&header[..3], [":START_ID", ":END_ID", ":TYPE"]);
    let mut count = 0;
    for row in rels.records() {
        let row = row.unwrap();
        assert!(ids.contains(&row[0]) && ids.contains(&row[1]));
        assert!(
            row[2].chars().all(|c| c.is_ascii_uppercase() || c == '_'),
            "{}",
            &row[2]
        );
        count += 1;
    }
    assert_eq!(count, graph().graph.edge_count());
    let cypher = std::fs::read_to_string(out.join("import.cypher")).unwrap();
    assert_eq!(
        cypher
            .lines()
            .filter(|l| l.starts_with("CREATE (:Entity:"))
            .count(),
        ids.len()
    );
    assert_eq!(
        cypher.lines().filter(|l| l.starts_with("MATCH ")).count(),
        count
    );
    assert!(cypher
        .lines()
        .filter(|l| !l.starts_with("//"))
        .all(|l| l.ends_with(';')));
    assert!(std::fs::read_to_string(out.join("README.md"))
        .unwrap()
        .contains("neo4j-admin database import full"));
    // A directory format needs a directory.
    jjj()
        .args(["export", "--format", "neo4j-csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give it with -o DIR"));
}

#[test]
fn kuzu_loads_the_neo4j_export_and_finds_the_shortest_paths_jjj_finds() {
    let (_dir, out) = neo4j_export();
    let ends = [
        ("region/xiongan", "region/tianjin"),
        ("chain/hydrogen", "region/hebei"),
    ];
    for (from, to) in ends {
        let v = client(
            "python3",
            "kuzu_load.py",
            &[&out, Path::new(from), Path::new(to)],
        );
        let kg = graph();
        assert_eq!(v["nodes"], kg.graph.node_count());
        assert_eq!(v["edges"], kg.graph.edge_count());
        let typed = kg
            .graph
            .edge_weights()
            .filter(|e| e.relation != jjj_graph::graph::Relation::CoOccurs)
            .count();
        assert_eq!(v["typed_edges"], typed);
        assert_eq!(v["xiongan"][0], "雄安新区");
        assert_eq!(v["xiongan"][1], "Xiong'an New Area");
        // Every shortest path of typed relations, as jjj lists them.
        let one = json_of(jjj().args(["path", from, to, "--no-cooccurrence", "--json"]));
        let hops = one["paths"][0]["length"].as_u64().unwrap();
        let all = json_of(jjj().args([
            "path",
            from,
            to,
            "--no-cooccurrence",
            "--all",
            "--max-hops",
            &hops.to_string(),
            "--json",
        ]));
        let ids = |p: &Value| -> Vec<String> {
            p["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["id"].as_str().unwrap().to_owned())
                .collect()
        };
        let mut ours: Vec<Vec<String>> = all["paths"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["length"] == hops)
            .map(ids)
            .collect();
        ours.sort();
        ours.dedup();
        let theirs: Vec<Vec<String>> = serde_json::from_value(v["shortest"].clone()).unwrap();
        assert!(!ours.is_empty());
        assert_eq!(theirs, ours, "{from} → {to}");
        assert!(ours.contains(&ids(&one["paths"][0])));
    }
}

#[test]
fn geojson_has_a_point_per_located_entity() {
    let dir = tempfile::tempdir().unwrap();
    let path = export_to(dir.path(), "geojson", "g.geojson", &[]);
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    let located = graph()
        .nodes()
        .filter(|n| n.record.coords.is_some())
        .count();
    assert_eq!(features.len(), located);
    for f in features {
        assert_eq!(f["geometry"]["type"], "Point");
        let lon = f["geometry"]["coordinates"][0].as_f64().unwrap();
        let lat = f["geometry"]["coordinates"][1].as_f64().unwrap();
        assert!(
            (113.0..=120.5).contains(&lon) && (36.0..=42.7).contains(&lat),
            "{f}"
        );
        assert!(f["properties"]["name"].is_string() && f["properties"]["kind"].is_string());
    }
    assert!(features
        .iter()
        .any(|f| f["properties"]["id"] == "region/xiongan"));
}

#[test]
fn every_export_is_deterministic_and_views_select_subgraphs() {
    // Every one-file format (neo4j-csv writes a directory; its snapshot covers it).
    for format in jjj_graph::export::FORMATS
        .into_iter()
        .filter(|f| *f != "neo4j-csv")
    {
        let run = || {
            jjj()
                .args(["export", "--format", format])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone()
        };
        assert!(run() == run(), "{format} is byte-identical across runs");
    }
    let v: Value = serde_json::from_slice(
        &jjj()
            .args(["export", "--format", "node-link", "--view", "parks"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    let nodes = v["nodes"].as_array().unwrap();
    assert!(nodes.len() < graph().graph.node_count());
    assert!(nodes.iter().any(|n| n["id"] == "park/xiongan-zgc"));
    assert!(nodes.iter().all(|n| n["kind"] != "person"));
    let v: Value = serde_json::from_slice(
        &jjj()
            .args(["export", "--format", "d3", "--no-cooccurrence"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert!(v["links"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["relation"] != "co_occurs"));
    jjj()
        .args(["export", "--format", "dot"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("known formats: json, node-link"));
}

#[test]
fn hostile_names_are_escaped_in_every_export() {
    let data = data_copy();
    append(
        &data.path().join("entities/concepts.toml"),
        "\n[[entity]]\nid = \"concept/hostile\"\nkind = \"concept\"\nname = \"坏</script><img src=x onerror=alert(1)>\\\"&'|\\\\标签\"\nen = \"Bad </script> \\\"label\\\" & 'quote' | \\\\ end\"\n",
    );
    let seeds = tempfile::tempdir().unwrap();
    copy_dir(&root().join("seeds"), seeds.path());
    std::fs::write(
        seeds.path().join("999_hostile.txt"),
        "坏</script><img src=x onerror=alert(1)>\"&'|\\标签支持雄安新区建设。\n",
    )
    .unwrap();
    let name = "坏</script><img src=x onerror=alert(1)>\"&'|\\标签";
    let dir = tempfile::tempdir().unwrap();
    let inputs = [
        "--data",
        data.path().to_str().unwrap(),
        "--seeds",
        seeds.path().to_str().unwrap(),
    ];
    let node_link = export_to(dir.path(), "node-link", "g.json", &inputs);
    let graphml = export_to(dir.path(), "graphml", "g.graphml", &inputs);
    let gexf = export_to(dir.path(), "gexf", "g.gexf", &inputs);
    let v = client(
        "python3",
        "networkx_load.py",
        &[&node_link, &graphml, &gexf],
    );
    for format in ["node_link", "graphml", "gexf"] {
        assert_eq!(
            v[format]["nodes"],
            graph().graph.node_count() + 1,
            "{format}"
        );
    }
    // Each XML export parses, and the name reads back intact.
    for file in [&graphml, &gexf] {
        let text = std::fs::read_to_string(file).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        assert!(doc
            .descendants()
            .any(|n| n.attribute("label") == Some(name) || n.text() == Some(name)));
    }
    // HTML: the data cannot close its script element.
    let page = std::fs::read_to_string(export_to(dir.path(), "html", "g.html", &inputs)).unwrap();
    let data_start = page.find("id=\"graph-data\">").unwrap();
    let data_end = data_start + page[data_start..].find("</script>").unwrap();
    let data_json = &page[data_start + "id=\"graph-data\">".len()..data_end];
    assert!(!data_json.contains('<'));
    let parsed: Value = serde_json::from_str(data_json).unwrap();
    assert!(parsed["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["name"] == name));
    let checked = client("node", "html_check.mjs", &[&dir.path().join("g.html")]);
    assert_eq!(checked["errors"], serde_json::json!([]));
    // Neo4j: the CSV field round-trips; the Cypher literal is escaped.
    let out = dir.path().join("neo4j");
    jjj()
        .args(inputs)
        .args(["export", "--format", "neo4j-csv", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mut nodes = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
    assert!(nodes.records().any(|r| r.unwrap().get(3) == Some(name)));
    let cypher = std::fs::read_to_string(out.join("import.cypher")).unwrap();
    assert!(cypher.contains(r#"`name`: '坏</script><img src=x onerror=alert(1)>"&\'|\\标签'"#));
}

#[test]
fn every_exporter_on_a_small_corpus_snapshot() {
    let b = tiny_build();
    // `json` has its own snapshot.
    for format in jjj_graph::export::FORMATS
        .into_iter()
        .filter(|f| *f != "json")
    {
        let exporter = jjj_graph::export::exporter(format).unwrap();
        let text = match exporter.export(&b.graph).unwrap() {
            jjj_graph::export::Output::File(bytes) => String::from_utf8(bytes).unwrap(),
            jjj_graph::export::Output::Directory(files) => files
                .into_iter()
                .map(|(name, bytes)| {
                    format!("==> {name} <==\n{}", String::from_utf8(bytes).unwrap())
                })
                .collect(),
        };
        // The HTML page: its data only (the template and the library are not the export's).
        let text = if format == "html" {
            let start = text.find("id=\"graph-data\">").unwrap() + "id=\"graph-data\">".len();
            let end = start + text[start..].find("</script>").unwrap();
            serde_json::to_string_pretty(&serde_json::from_str::<Value>(&text[start..end]).unwrap())
                .unwrap()
        } else {
            text
        };
        insta::assert_snapshot!(format!("tiny_corpus_{format}"), text);
    }
}

/// The seeds' neo4j-csv export in a new temporary directory (kept while the first is held).
fn neo4j_export() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("neo4j");
    jjj()
        .args(["export", "--format", "neo4j-csv", "-o"])
        .arg(&out)
        .assert()
        .success();
    (dir, out)
}
