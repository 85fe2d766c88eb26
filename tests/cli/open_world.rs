//! Open-world extraction on real news the catalogue has never seen (tests/corpus/open_world,
//! hand-annotated in annotations.toml): entity recall, precision of discovered nodes and
//! relations found, graded per text; the seeds' graph keeps every catalogue node and typed
//! edge it had; discovered actors take part in rules and path queries.

use super::{jjj, jjj_seeds, json_of, root, stdout_of};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn corpus() -> PathBuf {
    root().join("tests/corpus/open_world")
}

#[derive(serde::Deserialize)]
struct Annotations {
    text: Vec<Text>,
}

#[derive(serde::Deserialize)]
struct Text {
    file: String,
    entities: Vec<String>,
    relations: Vec<[String; 3]>,
}

/// Every name a node goes by: name, aliases, traditional forms.
fn names(node: &Value) -> Vec<&str> {
    let list = |k: &str| {
        node[k]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
    };
    std::iter::once(node["name"].as_str().unwrap_or_default())
        .chain(list("aliases"))
        .chain(list("traditional"))
        .collect()
}

/// The ids of the nodes mentioned in document `doc`, and for each name the node ids it names.
fn mentioned_in<'g>(graph: &'g Value, doc: &str) -> BTreeMap<&'g str, &'g Value> {
    graph["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| {
            n["mentions"]
                .as_array()
                .is_some_and(|ms| ms.iter().any(|m| m["document"] == doc))
        })
        .map(|n| (n["id"].as_str().unwrap_or_default(), n))
        .collect()
}

/// How the graph of the texts in a directory compares with their annotations.
struct Grade {
    recall: f64,
    precision: f64,
    relations: (usize, usize),
    table: String,
}

/// Grade the graph jjj builds from the texts in `dir` against `dir/annotations.toml`: per
/// text, the annotated entities that are nodes mentioned in it, the discovered nodes
/// mentioned in it that the annotation does not name (a reader rejects them), and the
/// annotated relations that are edges citing it.
fn grade(dir: &std::path::Path) -> Grade {
    let annotations: Annotations = toml::from_str(
        &std::fs::read_to_string(dir.join("annotations.toml")).expect("annotations"),
    )
    .expect("annotations parse");
    let graph = json_of(
        jjj_seeds(dir, &["export", "--format", "json"])
            .arg("-o")
            .arg("-"),
    );
    let edges = graph["edges"].as_array().expect("edges");
    let (mut named, mut found, mut discovered, mut rejected) = (0, 0, 0, 0);
    let (mut stated, mut extracted) = (0, 0);
    let mut table = String::from(
        "text                                         recall   discovered  rejected  relations\n",
    );
    for text in &annotations.text {
        let doc = text.file.clone();
        let nodes = mentioned_in(&graph, &doc);
        let id_of = |name: &str| {
            nodes
                .iter()
                .find(|(_, n)| names(n).contains(&name))
                .map(|(id, _)| *id)
        };
        let hits = text.entities.iter().filter(|e| id_of(e).is_some()).count();
        let expected: BTreeSet<&str> = text.entities.iter().map(String::as_str).collect();
        let own: Vec<&str> = nodes
            .values()
            .filter(|n| n["discovered"] == true)
            .map(|n| n["name"].as_str().unwrap_or_default())
            .collect();
        let bad: Vec<&&str> = own
            .iter()
            .filter(|name| {
                let node = nodes.values().find(|n| n["name"] == **name).expect("node");
                !names(node).iter().any(|n| expected.contains(n))
            })
            .collect();
        let relations = text
            .relations
            .iter()
            .filter(|[s, r, t]| {
                let (Some(s), Some(t)) = (id_of(s), id_of(t)) else {
                    return false;
                };
                edges.iter().any(|e| {
                    let ends = (e["source"] == s && e["target"] == t)
                        || (e["source"] == t && e["target"] == s && r == "cooperates_with");
                    let cited = e["evidence"]
                        .as_array()
                        .is_some_and(|ev| ev.iter().any(|x| x["document"] == doc.as_str()));
                    ends && e["relation"] == r.as_str() && cited
                })
            })
            .count();
        table.push_str(&format!(
            "{:<44} {:>2}/{:<2}    {:>3}         {:>2} {:<14} {}/{}\n",
            text.file,
            hits,
            text.entities.len(),
            own.len(),
            bad.len(),
            format!("{bad:?}"),
            relations,
            text.relations.len()
        ));
        named += text.entities.len();
        found += hits;
        discovered += own.len();
        rejected += bad.len();
        stated += text.relations.len();
        extracted += relations;
    }
    let recall = found as f64 / named as f64;
    let precision = 1.0 - rejected as f64 / discovered as f64;
    table.push_str(&format!(
        "all: entity recall {found}/{named} = {recall:.2}; discovered {discovered}, rejected {rejected}: precision {precision:.2}; relations {extracted}/{stated}\n"
    ));
    eprintln!("{}\n{table}", dir.display());
    Grade {
        recall,
        precision,
        relations: (extracted, stated),
        table,
    }
}

#[test]
fn real_news_entities_become_nodes_with_recall_and_precision() {
    let g = grade(&corpus());
    assert!(
        g.recall >= 0.8,
        "entity recall {:.2} < 0.8\n{}",
        g.recall,
        g.table
    );
    assert!(
        g.precision >= 0.9,
        "precision {:.2} < 0.9\n{}",
        g.precision,
        g.table
    );
    assert!(g.relations.0 * 2 >= g.relations.1, "relations\n{}", g.table);
}

/// Texts annotated after the rules were written. First graded: recall 0.82, precision 0.70,
/// relations 2/14; after the fixes they showed (大厅/创办/开园 are no names, 签订 signs,
/// roles joined by 、): recall 0.85, precision 0.86, relations 11/14. When the official
/// names of the three industry bureaus became catalogue aliases, 8 correctly discovered
/// bodies became catalogue mentions: the same 5 rejections over 27 discoveries is 0.81. The
/// floors keep that.
#[test]
fn held_out_news_keeps_its_measured_grades() {
    let g = grade(&root().join("tests/corpus/held_out"));
    assert!(g.recall >= 0.84, "{}", g.table);
    assert!(g.precision >= 0.8, "{}", g.table);
    assert!(g.relations.0 >= 11, "{}", g.table);
}

#[test]
fn the_seeds_graph_keeps_every_catalogue_node_and_typed_edge() {
    let graph = json_of(jjj().args(["export", "--format", "json", "-o", "-"]));
    let mut have = BTreeSet::new();
    for n in graph["nodes"].as_array().expect("nodes") {
        have.insert(format!("node {}", n["id"].as_str().unwrap_or_default()));
    }
    for e in graph["edges"].as_array().expect("edges") {
        have.insert(format!(
            "edge {} {} {}",
            e["source"].as_str().unwrap_or_default(),
            e["relation"].as_str().unwrap_or_default(),
            e["target"].as_str().unwrap_or_default()
        ));
    }
    let baseline = std::fs::read_to_string(root().join("tests/fixtures/seed_graph_baseline.txt"))
        .expect("baseline");
    let lines: Vec<&str> = baseline.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(lines.len() > 400, "{} baseline lines", lines.len());
    let missing: Vec<&&str> = lines.iter().filter(|l| !have.contains(**l)).collect();
    assert!(missing.is_empty(), "lost: {missing:?}");
    jjj().arg("check").assert().success();
}

/// A directory holding one text of the corpus alone, as `news.txt`.
fn alone(file: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(corpus().join(file), dir.path().join("news.txt")).expect("copy");
    dir
}

/// The names of what co-builds `name` in the graph of the texts in `dir`.
fn co_builders(dir: &std::path::Path, name: &str) -> BTreeSet<String> {
    let found = json_of(&mut jjj_seeds(
        dir,
        &["neighbors", name, "--relation", "co_builds", "--json"],
    ));
    found["neighbors"]
        .as_array()
        .expect("neighbors")
        .iter()
        .filter_map(|n| n["node"]["name"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn three_parties_signing_to_co_build_gives_three_edges_and_a_path_to_beijing() {
    let dir = alone("01_xiongan_zgc_opening_cctv.txt");
    assert_eq!(
        co_builders(dir.path(), "雄安新区中关村科技园"),
        BTreeSet::from(["中关村发展集团", "中国雄安集团", "雄安新区改革发展局"].map(String::from))
    );
    let path = String::from_utf8(stdout_of(&mut jjj_seeds(
        dir.path(),
        &["path", "中关村发展集团", "北京"],
    )))
    .expect("utf-8");
    assert!(path.contains("co_builds"), "{path}");
    assert!(path.contains("三方签署共建雄安新区中关村科技园"), "{path}");
}

#[test]
fn discovered_nodes_are_marked_in_diagrams_and_filtered_everywhere() {
    let corpus = corpus();
    let dot = String::from_utf8(stdout_of(&mut jjj_seeds(
        &corpus,
        &[
            "render",
            "--view",
            "ego:雄安新区中关村科技园",
            "--format",
            "dot",
        ],
    )))
    .expect("utf-8");
    assert!(dot.contains("filled,dashed"), "{dot}");
    assert!(
        dot.contains("discovered (not in the catalogue)"),
        "legend: {dot}"
    );
    let mermaid = String::from_utf8(stdout_of(&mut jjj_seeds(
        &corpus,
        &[
            "render",
            "--view",
            "ego:雄安新区中关村科技园",
            "--format",
            "mermaid",
        ],
    )))
    .expect("utf-8");
    assert!(
        mermaid.contains("classDef discovered stroke-dasharray"),
        "{mermaid}"
    );
    // --no-discovered: the curated graph only.
    let all = json_of(&mut jjj_seeds(&corpus, &["stats", "--json"]));
    let curated = json_of(&mut jjj_seeds(
        &corpus,
        &["--no-discovered", "stats", "--json"],
    ));
    assert!(all["discovered"].as_u64().expect("count") >= 40, "{all}");
    assert_eq!(curated["discovered"], 0);
    assert_eq!(
        all["nodes"].as_u64().expect("nodes") - curated["nodes"].as_u64().expect("nodes"),
        all["discovered"].as_u64().expect("count")
    );
    jjj_seeds(
        &corpus,
        &["--no-discovered", "path", "中关村发展集团", "北京"],
    )
    .assert()
    .code(2);
    // The HTML page: discovered nodes dashed, and a provenance box that hides them.
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("g.html");
    jjj_seeds(&corpus, &["export", "--format", "html", "-o"])
        .arg(&page)
        .assert()
        .success();
    let v = super::exports::client("node", "html_check.mjs", &[&page]);
    assert_eq!(v["failures"], serde_json::json!([]), "{v}");
    assert_eq!(v["discovered"], all["discovered"], "{v}");
    assert_eq!(v["discovered_visible"], 0, "{v}");
}

#[test]
fn accepting_candidates_appends_catalogue_entries_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    super::copy_dir(&root().join("data"), &data);
    let corpus = corpus();
    let accept = |names: &[&str]| {
        let mut cmd = super::jjj_data(&data, &["--seeds"]);
        cmd.arg(&corpus)
            .args(["candidates", "--accept"])
            .args(names);
        cmd
    };
    let listed = json_of(&mut jjj_seeds(&corpus, &["candidates", "--json"]));
    let group = listed
        .as_array()
        .expect("candidates")
        .iter()
        .find(|c| c["name"] == "中关村发展集团")
        .expect("中关村发展集团 is a candidate")
        .clone();
    assert_eq!(group["kind"], "organization");
    assert_eq!(group["category"], "company");
    assert!(group["sentence"]
        .as_str()
        .expect("sentence")
        .contains("中关村发展集团"));
    let before = std::fs::read_to_string(data.join("entities/organizations.toml")).expect("file");
    accept(&["中关村发展集团", "华望城"])
        .assert()
        .success()
        .stderr(predicates::str::contains("accepting org/"));
    let after = std::fs::read_to_string(data.join("entities/organizations.toml")).expect("file");
    assert!(after.starts_with(&before), "comments and order kept");
    let added = &after[before.len()..];
    assert!(
        added.contains("# Accepted from 01_xiongan_zgc_opening_cctv.txt"),
        "{added}"
    );
    assert!(added.contains(&format!("id = {}", group["id"])), "{added}");
    assert!(
        added.contains("中关村发展集团股份有限公司"),
        "both names: {added}"
    );
    // Twice changes nothing.
    let files = |d: &std::path::Path| {
        ["organizations", "parks"]
            .map(|f| std::fs::read(d.join(format!("entities/{f}.toml"))).expect("read"))
    };
    let once = files(&data);
    accept(&["中关村发展集团", "华望城"])
        .assert()
        .success()
        .stderr(predicates::str::contains("in the catalogue already"));
    assert_eq!(files(&data), once);
    // Now a catalogue entity with the same id: one node, not discovered, still linked.
    let card = json_of(super::jjj_data(&data, &["--seeds"]).arg(&corpus).args([
        "show",
        "中关村发展集团",
        "--json",
    ]));
    assert_eq!(card["node"]["id"], group["id"]);
    assert!(card["node"].get("discovered").is_none(), "{card}");
    super::jjj_data(&data, &["--seeds"])
        .arg(&corpus)
        .args(["path", "中关村发展集团股份有限公司", "北京"])
        .assert()
        .success();
    // Without --data there is nowhere to write; an unknown name suggests close ones.
    jjj_seeds(&corpus, &["candidates", "--accept", "华望城"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("give --data DIR"));
    accept(&["中关村发展集"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no discovered entity '中关村发展集'",
        ));
}

/// A gazetteer name inside another catalogue name places that entity in it (name
/// containment): only as the name's start (涿州 in 涿州…园), never mid-word (安新 in 雄安新区).
#[test]
fn gazetteer_names_stand_inside_other_names_only_as_their_place() {
    let catalogue = super::catalogue();
    let gazetteer: Vec<_> = catalogue
        .entities
        .iter()
        .filter(|e| e.file.ends_with(jjj_graph::catalogue::GAZETTEER))
        .collect();
    assert!(
        gazetteer.len() >= 40,
        "{} gazetteer entries",
        gazetteer.len()
    );
    for g in gazetteer {
        for name in g.names() {
            for other in catalogue.entities.iter().filter(|o| o.id() != g.id()) {
                for o in other.names() {
                    assert!(
                        !o.contains(name) || o.starts_with(name),
                        "{name} ({}) stands inside {o} ({})",
                        g.id(),
                        other.id()
                    );
                }
            }
        }
    }
}

/// 为辐射带动河北廊坊北三县…, 京津冀国家技术创新中心与三河市政府签订合作协议, 在燕郊高新区共建…中心:
/// the body that signs co-builds; the places the purpose clause names do not.
#[test]
fn places_beside_the_builders_do_not_co_build() {
    let dir = alone("05_yanjiao_center_people_trad.txt");
    assert_eq!(
        co_builders(dir.path(), "京津冀国家技术创新中心燕郊中心"),
        BTreeSet::from(["三河市政府".to_owned()])
    );
}
