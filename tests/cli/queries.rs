//! Queries on the real seeds: path, neighbors, relations, find, list, rank, timeline and
//! communities — through the library and the binary, with snapshots of the human output and
//! property tests of the path and centrality algorithms.

use super::*;
use jjj_graph::query::path::{find_paths, PathMode, PathQuery};
use jjj_graph::query::{Cooccurrence, EdgeFilter};
use jjj_graph::resolve::resolve;
use serde_json::Value;

fn index(name: &str) -> petgraph::graph::NodeIndex {
    resolve(graph(), name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn query(mode: PathMode, cooccurrence: Cooccurrence) -> PathQuery {
    PathQuery {
        filter: EdgeFilter {
            cooccurrence,
            ..EdgeFilter::typed()
        },
        via_kinds: Vec::new(),
        avoid: Vec::new(),
        mode,
    }
}

/// stdout of a successful `jjj ARGS…`.
fn stdout(args: &[&str]) -> String {
    String::from_utf8(super::stdout_of(jjj().args(args))).expect("UTF-8 output")
}

fn json(args: &[&str]) -> Value {
    super::json_of(jjj().args(args))
}

fn ids(values: &Value) -> Vec<String> {
    let mut out: Vec<String> = values
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v["node"]["id"].as_str().expect("an id").to_owned())
        .collect();
    out.sort();
    out
}

#[test]
fn xiongan_reaches_tianjin_with_evidence_at_every_hop() {
    for cooccurrence in [Cooccurrence::Fallback, Cooccurrence::Off] {
        let paths = find_paths(
            graph(),
            index("雄安新区"),
            index("天津"),
            &query(PathMode::KShortest(5), cooccurrence),
        )
        .unwrap();
        assert!(!paths.paths.is_empty());
        for p in &paths.paths {
            assert_eq!(p.nodes.first().unwrap().id, "region/xiongan");
            assert_eq!(p.nodes.last().unwrap().id, "region/tianjin");
            assert_eq!(
                p.cooccurrence_hops, 0,
                "typed paths exist, so none needs co-occurrence"
            );
            for hop in &p.hops {
                assert!(!hop.edges.is_empty());
                for e in &hop.edges {
                    assert!(!e.edge.evidence.is_empty(), "{} → {}", e.source, e.target);
                    assert!(e
                        .edge
                        .evidence
                        .iter()
                        .all(|ev| ev.quote.is_some() || ev.reference.is_some()));
                }
            }
        }
        // Paths come cheapest first.
        let lengths: Vec<usize> = paths.paths.iter().map(|p| p.length).collect();
        assert!(lengths.windows(2).all(|w| w[0] <= w[1]), "{lengths:?}");
    }
    let out = stdout(&["path", "雄安新区", "天津"]);
    assert!(
        out.starts_with("雄安新区 (Xiong'an New Area) → 天津 (Tianjin)"),
        "{out}"
    );
    assert!(out.contains("seed/0"), "a quoted sentence per hop: {out}");
}

#[test]
fn zhongguancun_cities_reach_their_parks_in_one_hop() {
    for city in ["唐山", "保定", "衡水", "邯郸"] {
        let park = format!("{city}中关村合作园区");
        let paths = find_paths(
            graph(),
            index(city),
            index(&park),
            &query(PathMode::Shortest, Cooccurrence::Off),
        )
        .unwrap();
        assert_eq!(paths.paths.len(), 1, "{city}");
        let hop = &paths.paths[0].hops;
        assert_eq!(hop.len(), 1, "{city} → {park}");
        assert_eq!(hop[0].edges[0].edge.relation, Relation::LocatedIn);
    }
}

#[test]
fn northern_three_counties_reach_tongzhou_in_one_hop() {
    for county in ["三河", "大厂", "香河"] {
        let v = json(&["path", county, "通州区", "--no-cooccurrence", "--json"]);
        let hops = v["paths"][0]["hops"].as_array().unwrap();
        assert_eq!(hops.len(), 1, "{county}");
        assert_eq!(hops[0]["to"]["id"], "region/tongzhou");
        assert!(hops[0]["edges"][0]["evidence"][0]["quote"]
            .as_str()
            .unwrap()
            .contains(county));
    }
}

#[test]
fn chains_and_clusters_list_under_their_groups() {
    for (group, kind, count) in [("六链", "chain", 6), ("五群", "cluster", 5)] {
        let v = json(&["neighbors", group, "--relation", "member_of", "--json"]);
        let members = v["neighbors"].as_array().unwrap();
        assert_eq!(members.len(), count, "{group}");
        assert!(members
            .iter()
            .all(|m| m["node"]["kind"] == kind && m["depth"] == 1));
        assert!(members
            .iter()
            .all(|m| m["edges"][0]["target"] == v["center"]["id"]));
    }
}

#[test]
fn the_2018_agreement_has_three_signing_neighbours() {
    let v = json(&[
        "neighbors",
        "2018年合作协议",
        "--relation",
        "signed",
        "--json",
    ]);
    assert_eq!(
        ids(&v["neighbors"]),
        [
            "org/beijing-sci-commission",
            "org/hebei-sci-dept",
            "org/tianjin-sci-bureau"
        ]
    );
    let out = stdout(&["relations", "北京市科委", "2018年合作协议"]);
    assert!(out.contains("signed →"), "{out}");
    assert!(
        out.contains("2018年11月,北京市科委与天津市科技局、河北省科技厅签署"),
        "{out}"
    );
}

#[test]
fn timeline_runs_from_2013_to_the_beijing_decision_and_beyond() {
    let v = json(&["timeline", "--json"]);
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries[0]["date"], "2013-05");
    let dates: Vec<&str> = entries
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let decision = entries
        .iter()
        .find(|e| e["node"]["id"] == "document/jjj-innovation-decision")
        .expect("the decision is on the timeline");
    assert_eq!(decision["date"], "2023-11-24");
    let passed: Vec<&str> = decision["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["relation"] == "passed")
        .map(|a| a["node"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(passed.len(), 3, "{passed:?}");
    // Range bounds compare at their own precision.
    let v = json(&["timeline", "--from", "2023-11", "--to", "2023-11", "--json"]);
    let got: Vec<&str> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert!(
        !got.is_empty() && got.iter().all(|d| d.starts_with("2023-11")),
        "{got:?}"
    );
    jjj()
        .args(["timeline", "--from", "2023-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid --from '2023-13'"));
    jjj()
        .args(["timeline", "--from", "2030"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no dated document or event"));
}

#[test]
fn unknown_and_ambiguous_names_exit_2_in_every_query() {
    for args in [
        vec!["path", "雄按新区", "天津"],
        vec!["neighbors", "雄按新区"],
        vec!["relations", "天津", "雄按新区"],
        vec!["list", "--in", "雄按新区"],
        vec!["path", "天津", "河北", "--avoid", "雄按新区"],
    ] {
        jjj()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no entity named '雄按新区'"))
            .stderr(predicate::str::contains("雄安新区 [region/xiongan]"));
    }
    jjj()
        .args(["path", "中关村合作园区", "天津"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ambiguous"))
        .stderr(predicate::str::contains("park/handan-zgc"));
    jjj()
        .args(["rank", "--by", "eigenvector"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected one of degree, betweenness",
        ));
    jjj()
        .args(["neighbors", "天津", "--relation", "locatedin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid relation 'locatedin'"));
}

#[test]
fn no_path_or_nothing_found_exits_1() {
    jjj()
        .args(["path", "唐山", "香河", "--relation", "supports"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "no path from 唐山 [region/tangshan] to 香河 [region/xianghe] over relations supports",
        ));
    jjj()
        .args(["path", "雄安新区", "天津", "--all", "--max-hops", "1"])
        .arg("--no-cooccurrence")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("within 1 hops"));
    jjj()
        .args(["relations", "唐山", "香河"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no direct edge"));
    jjj()
        .args(["find", "zzzz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing matches 'zzzz'"));
    jjj()
        .args(["path", "天津", "天津"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the same entity"));
}

#[test]
fn path_filters_are_obeyed() {
    // Only located_in edges: 唐山 → 河北 and never through a document.
    let v = json(&[
        "path",
        "唐山中关村合作园区",
        "河北",
        "--relation",
        "located_in",
        "--json",
    ]);
    for hop in v["paths"][0]["hops"].as_array().unwrap() {
        for e in hop["edges"].as_array().unwrap() {
            assert_eq!(e["relation"], "located_in");
        }
    }
    // --avoid and --via-kind shape the route.
    let v = json(&[
        "path",
        "雄安新区",
        "天津",
        "--avoid",
        "京津冀",
        "--no-cooccurrence",
        "--json",
    ]);
    for p in v["paths"].as_array().unwrap() {
        assert!(p["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["id"] != "region/jingjinji"));
    }
    let v = json(&[
        "path",
        "北京",
        "天津",
        "--via-kind",
        "organization",
        "--no-cooccurrence",
        "--json",
    ]);
    let nodes = v["paths"][0]["nodes"].as_array().unwrap();
    assert!(
        nodes[1..nodes.len() - 1]
            .iter()
            .all(|n| n["kind"] == "organization"),
        "{nodes:?}"
    );
    // --all lists every simple path within the hop limit, shortest first, none longer.
    let v = json(&[
        "path",
        "雄安新区",
        "天津",
        "--all",
        "--max-hops",
        "3",
        "--no-cooccurrence",
        "--json",
    ]);
    let lengths: Vec<u64> = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["length"].as_u64().unwrap())
        .collect();
    assert!(lengths.len() > 3 && lengths.iter().all(|&l| l <= 3));
    assert!(lengths.windows(2).all(|w| w[0] <= w[1]), "{lengths:?}");
    // --directed follows edges only forwards: a park reaches its city but not the reverse.
    let located = ["--relation", "located_in", "--directed"];
    jjj()
        .args(["path", "唐山中关村合作园区", "唐山"])
        .args(located)
        .assert()
        .success();
    jjj()
        .args(["path", "唐山", "唐山中关村合作园区"])
        .args(located)
        .assert()
        .code(1);
}

#[test]
fn list_follows_the_located_in_hierarchy() {
    let v = json(&["list", "--kind", "park", "--in", "天津", "--json"]);
    assert_eq!(
        v.as_array()
            .unwrap()
            .iter()
            .map(|l| l["node"]["id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        [
            "park/baodi-zgc",
            "park/binhai-zgc",
            "park/tiankai",
            "park/wuqing-jingjin"
        ]
    );
    // 宝坻京津中关村科技城 is in 宝坻, which is in 天津: two levels down.
    assert_eq!(v[0]["levels"], 2);
    let v = json(&["list", "--kind", "chain", "--kind", "cluster", "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 11);
}

#[test]
fn find_searches_every_kind_of_name() {
    for (text, first) in [
        ("中關村", "park/zgc"),
        ("雄安新區", "region/xiongan"),
        ("tianjin", "region/tianjin"),
        ("Xiong'an New Area", "region/xiongan"),
        ("region/hebei", "region/hebei"),
        ("北三县", "region/beisanxian"),
    ] {
        let v = json(&["find", text, "--json"]);
        assert_eq!(v[0]["id"], first, "{text}: {v}");
    }
    let v = json(&["find", "中关村", "--kind", "park", "--json"]);
    assert!(v.as_array().unwrap().len() >= 8);
    assert!(v.as_array().unwrap().iter().all(|h| h["kind"] == "park"));
}

#[test]
fn rankings_are_ordered_and_deterministic() {
    for by in ["degree", "betweenness", "closeness", "pagerank"] {
        let args = ["rank", "--by", by, "--top", "200", "--json"];
        let a = stdout(&args);
        assert_eq!(a, stdout(&args), "{by} is deterministic");
        let v: Value = serde_json::from_str(&a).unwrap();
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), graph().graph.node_count().min(200));
        for w in rows.windows(2) {
            let (s0, s1) = (
                w[0]["score"].as_f64().unwrap(),
                w[1]["score"].as_f64().unwrap(),
            );
            assert!(
                s0 > s1 || (s0 == s1 && w[0]["node"]["id"].as_str() < w[1]["node"]["id"].as_str()),
                "{by}: {w:?}"
            );
        }
    }
    // The three provinces' umbrella regions are the best-linked entities.
    let v = json(&["rank", "--top", "2", "--json"]);
    assert_eq!(ids(&v), ["region/hebei", "region/jingjinji"]);
    let v = json(&[
        "rank",
        "--by",
        "pagerank",
        "--kind",
        "organization",
        "--top",
        "5",
        "--json",
    ]);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["node"]["kind"] == "organization"));
}

#[test]
fn communities_are_deterministic_and_cover_every_node() {
    let a = stdout(&["communities", "--json"]);
    assert_eq!(a, stdout(&["communities", "--json"]));
    let v: Value = serde_json::from_str(&a).unwrap();
    assert!(v["modularity"].as_f64().unwrap() > 0.3);
    let members: usize = v["communities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["members"].as_array().unwrap().len())
        .sum::<usize>()
        + v["singletons"].as_array().unwrap().len();
    assert_eq!(members, graph().graph.node_count());
    // The six chains end up together.
    let chains: Vec<usize> = v["communities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["members"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["kind"] == "chain")
        })
        .map(|c| c["number"].as_u64().unwrap() as usize)
        .collect();
    assert_eq!(chains.len(), 1, "{chains:?}");
}

// ---------------------------------------------------------------- snapshots of human output

#[test]
fn human_output_snapshots() {
    for (name, args) in [
        ("path", vec!["path", "雄安新区", "天津", "--k", "2"]),
        (
            "neighbors",
            vec![
                "neighbors",
                "天津",
                "--relation",
                "located_in",
                "--depth",
                "2",
            ],
        ),
        ("relations", vec!["relations", "通州区", "三河"]),
        ("find", vec!["find", "中關村"]),
        ("list", vec!["list", "--kind", "park", "--in", "河北"]),
        ("rank", vec!["rank", "--by", "betweenness", "--top", "10"]),
        ("timeline", vec!["timeline"]),
        ("communities", vec!["communities"]),
    ] {
        insta::assert_snapshot!(name, stdout(&args));
    }
}

// ---------------------------------------------------------------- properties

/// Betweenness by brute force: σ counts from a BFS out of every node.
fn brute_betweenness(n: usize, adj: &[Vec<usize>]) -> Vec<f64> {
    let bfs = |s: usize| {
        let mut dist = vec![usize::MAX; n];
        let mut sigma = vec![0f64; n];
        dist[s] = 0;
        sigma[s] = 1.0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            for &v in &adj[u] {
                if dist[v] == usize::MAX {
                    dist[v] = dist[u] + 1;
                    queue.push_back(v);
                }
                if dist[v] == dist[u] + 1 {
                    sigma[v] += sigma[u];
                }
            }
        }
        (dist, sigma)
    };
    let all: Vec<_> = (0..n).map(bfs).collect();
    let mut out = vec![0.0; n];
    for s in 0..n {
        for t in 0..n {
            let (ds, ss) = &all[s];
            if s == t || ds[t] == usize::MAX {
                continue;
            }
            for v in (0..n).filter(|&v| v != s && v != t) {
                let (dv, sv) = &all[v];
                if ds[v] != usize::MAX && dv[t] != usize::MAX && ds[v] + dv[t] == ds[t] {
                    out[v] += ss[v] * sv[t] / ss[t];
                }
            }
        }
    }
    out
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn small_graph() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
        (2usize..12).prop_flat_map(|n| (Just(n), proptest::collection::vec((0..n, 0..n), 0..30)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn brandes_matches_brute_force((n, arcs) in small_graph()) {
            let mut adj = vec![Vec::new(); n];
            let mut g = petgraph::graph::DiGraph::<(), ()>::new();
            let nodes: Vec<_> = (0..n).map(|_| g.add_node(())).collect();
            let mut seen = std::collections::HashSet::new();
            for (a, b) in arcs {
                if a != b && seen.insert((a, b)) {
                    adj[a].push(b);
                    g.add_edge(nodes[a], nodes[b], ());
                }
            }
            let fast = jjj_graph::algo::centrality::betweenness(&g);
            let slow = brute_betweenness(n, &adj);
            for (x, y) in fast.iter().zip(&slow) {
                prop_assert!((x - y).abs() < 1e-9, "{fast:?} vs {slow:?}");
            }
        }

        #[test]
        fn paths_are_walks_that_obey_the_filters(
            a in 0usize..199, b in 0usize..199, k in 1usize..4,
            only in proptest::sample::subsequence(Relation::ALL.to_vec(), 0..4),
            directed in any::<bool>(), avoid in 0usize..199,
        ) {
            let g = graph();
            let n = g.graph.node_count();
            let (a, b, avoid) = (a % n, b % n, avoid % n);
            prop_assume!(a != b && avoid != a && avoid != b);
            let idx = petgraph::graph::NodeIndex::new;
            let q = PathQuery {
                filter: EdgeFilter { only: only.clone(), exclude: Vec::new(), cooccurrence: Cooccurrence::Fallback, directed },
                via_kinds: Vec::new(),
                avoid: vec![idx(avoid)],
                mode: PathMode::KShortest(k),
            };
            let found = find_paths(g, idx(a), idx(b), &q).unwrap();
            prop_assert!(found.paths.len() <= k);
            let mut distinct = std::collections::HashSet::new();
            for p in &found.paths {
                let ids: Vec<&str> = p.nodes.iter().map(|n| n.id.as_str()).collect();
                prop_assert!(distinct.insert(ids.clone()), "paths are distinct");
                let unique: std::collections::HashSet<_> = ids.iter().collect();
                prop_assert_eq!(unique.len(), ids.len(), "simple");
                prop_assert_eq!(ids[0], g.graph[idx(a)].id());
                prop_assert_eq!(*ids.last().unwrap(), g.graph[idx(b)].id());
                prop_assert!(!ids.contains(&g.graph[idx(avoid)].id()));
                for hop in &p.hops {
                    for e in &hop.edges {
                        let forward = e.source == hop.from.id && e.target == hop.to.id;
                        let backward = e.source == hop.to.id && e.target == hop.from.id;
                        prop_assert!(forward || (!directed && backward));
                        prop_assert!(only.is_empty() || only.contains(&e.edge.relation));
                        prop_assert!(only.contains(&Relation::CoOccurs) || only.is_empty() || e.edge.relation != Relation::CoOccurs);
                    }
                }
            }
        }
    }
}
