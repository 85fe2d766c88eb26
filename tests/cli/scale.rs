//! Scale features: synthetic workloads (`jjj generate`), saved graphs (`build --save`,
//! `--graph`, rebuilt when their inputs change), parallel extraction that gives the same
//! graph on any number of threads, evidence limits, and sampled betweenness.

use super::{jjj, jjj_seeds, json_of as json, root, stdout_of};
use std::path::Path;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).expect("file"),
            )
        })
        .collect();
    out.sort();
    out
}

/// A synthetic corpus of `size` in a new temporary directory.
fn corpus(size: &str, seed: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("corpus");
    jjj()
        .args(["generate", "corpus", "--size", size, "--seed", seed, "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("documents"));
    dir
}

/// The graph extracted from a generated corpus, pinned: a faster extraction must give the
/// same graph, byte for byte. (A change to what extraction finds updates the snapshot,
/// on purpose.)
#[test]
fn a_generated_corpus_gives_the_pinned_graph() {
    let dir = corpus("2MB", "7");
    let json = stdout_of(&mut jjj_seeds(
        &dir.path().join("corpus"),
        &["export", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let summary = format!(
        "nodes {}\nedges {}\njson bytes {}\nblake3 {}\n",
        v["nodes"].as_array().map_or(0, Vec::len),
        v["edges"].as_array().map_or(0, Vec::len),
        json.len(),
        blake3::hash(&json).to_hex()
    );
    insta::assert_snapshot!(summary);
}

#[test]
fn generated_corpus_is_deterministic_and_noisy_like_the_seeds() {
    let a = corpus("300KB", "3");
    let b = corpus("300KB", "3");
    let c = corpus("300KB", "4");
    let (fa, fb, fc) = (
        files(&a.path().join("corpus")),
        files(&b.path().join("corpus")),
        files(&c.path().join("corpus")),
    );
    assert_eq!(fa, fb, "same seed, same bytes");
    assert_ne!(fa, fc, "another seed, another corpus");
    let total: usize = fa.iter().map(|(_, b)| b.len()).sum();
    assert!(total >= 300_000, "{total} bytes");
    let text: String = fa
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(
        text.contains("協(xié)同"),
        "pinyin-annotated traditional text"
    );
    assert!(text.contains("高品質"), "Taiwan vocabulary");
    assert!(text.contains("京津冀协同发展"), "simplified text");
    // And jjj reads it: the regions of the seeds are found again.
    let summary = json(&mut jjj_seeds(
        &a.path().join("corpus"),
        &["build", "--json"],
    ));
    assert!(
        summary["stats"]["nodes"].as_u64().unwrap() > 100,
        "{summary}"
    );
    // The output directory must be new.
    jjj()
        .args(["generate", "corpus", "--size", "1KB", "-o"])
        .arg(a.path().join("corpus"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not empty"));
}

#[test]
fn generated_graph_has_the_asked_size_and_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (g, tsv) = (dir.path().join("g.jjj"), dir.path().join("g.tsv"));
    let generate = |g: &Path, tsv: &Path| {
        jjj()
            .args([
                "generate", "graph", "--nodes", "500", "--edges", "2000", "-o",
            ])
            .arg(g)
            .arg("--edge-list")
            .arg(tsv)
            .assert()
            .success();
    };
    generate(&g, &tsv);
    let edge_list = std::fs::read_to_string(&tsv).expect("edge list");
    assert_eq!(edge_list.lines().count(), 2000);
    assert!(edge_list.lines().all(|l| {
        let f: Vec<&str> = l.split('\t').collect();
        f.len() == 3 && f[0] != f[1] && f[0].parse::<usize>().is_ok_and(|x| x < 500)
    }));
    let (g2, tsv2) = (dir.path().join("g2.jjj"), dir.path().join("g2.tsv"));
    generate(&g2, &tsv2);
    assert_eq!(std::fs::read(&g).unwrap(), std::fs::read(&g2).unwrap());
    let mut stats = jjj();
    stats.arg("--graph").arg(&g).args(["stats", "--json"]);
    let stats = json(&mut stats);
    assert_eq!(stats["nodes"], 500, "{stats}");
    assert_eq!(stats["edges"], 2000, "{stats}");
    // Every synthetic edge cites its reference.
    let mut find = jjj();
    find.arg("--graph").arg(&g).args([
        "rank",
        "--by",
        "betweenness",
        "--sample",
        "50",
        "--top",
        "3",
        "--json",
    ]);
    assert_eq!(json(&mut find).as_array().map(Vec::len), Some(3));
}

/// `jjj --graph FILE path` (shortest or --all), `neighbors`, `relations` and `find` read the saved index and
/// decode only the nodes and edges of the answer; --no-discovered (nothing in a generated graph is discovered) loads the
/// whole file instead. Both answer alike, for every pair tried, connected or not.
#[test]
fn queries_on_a_saved_graph_read_only_what_they_answer_and_answer_alike() {
    let dir = tempfile::tempdir().expect("tempdir");
    let g = dir.path().join("g.jjj");
    jjj()
        .args([
            "generate", "graph", "--nodes", "400", "--edges", "700", "-o",
        ])
        .arg(&g)
        .assert()
        .success();
    let mut list = jjj();
    list.arg("--graph").arg(&g).args(["list", "--json"]);
    let ids: Vec<String> = json(&mut list)
        .as_array()
        .expect("list")
        .iter()
        .map(|n| n["node"]["id"].as_str().expect("id").to_owned())
        .collect();
    let mut codes = std::collections::BTreeSet::new();
    for i in 0..40 {
        let (a, b) = (&ids[(i * 37) % ids.len()], &ids[(i * 91 + 5) % ids.len()]);
        // Every fourth pair: all paths up to 4 hops, at most 6.
        let all: &[&str] = if i % 4 == 0 {
            &["--all", "--max-hops", "4", "--limit", "6"]
        } else {
            &[]
        };
        let run = |extra: &[&str]| {
            let out = jjj()
                .arg("--graph")
                .arg(&g)
                .args(extra)
                .args(["path", a, b, "--json"])
                .args(all)
                .output()
                .expect("run");
            (out.status.code(), out.stdout, out.stderr)
        };
        let indexed = run(&[]);
        assert_eq!(indexed, run(&["--no-discovered"]), "{a} → {b} {all:?}");
        codes.insert(indexed.0);
    }
    assert!(
        codes.contains(&Some(0)) && codes.contains(&Some(1)),
        "{codes:?}"
    );
    // Neighbours, relations and name search too: only the answer is decoded.
    let depth = ["1", "2", "3"];
    for i in [3, 17, 200, 333] {
        let commands: [Vec<&str>; 4] = [
            vec!["neighbors", &ids[i], "--depth", depth[i % 3], "--json"],
            vec!["relations", &ids[i], &ids[i * 7 % ids.len()]],
            vec!["find", &ids[i][..ids[i].len() - 2]],
            vec!["find", "Synthetic", "--kind", "region", "--json"],
        ];
        for command in commands {
            let run = |extra: &[&str]| {
                let out = jjj()
                    .arg("--graph")
                    .arg(&g)
                    .args(extra)
                    .args(&command)
                    .output()
                    .expect("run");
                (out.status.code(), out.stdout, out.stderr)
            };
            assert_eq!(run(&[]), run(&["--no-discovered"]), "{command:?}");
        }
    }
    // An unknown name still gets suggestions; a cut file is refused.
    jjj()
        .arg("--graph")
        .arg(&g)
        .args(["path", "合成企业9999999", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean"));
    let bytes = std::fs::read(&g).unwrap();
    let cut = dir.path().join("cut.jjj");
    std::fs::write(&cut, &bytes[..bytes.len() - 100]).unwrap();
    jjj()
        .arg("--graph")
        .arg(&cut)
        .args(["path", &ids[0], &ids[1]])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("damaged graph"));
}

#[test]
fn saved_graph_answers_like_a_fresh_build_and_is_rebuilt_when_a_document_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seeds = dir.path().join("seeds");
    super::copy_dir(&root().join("seeds"), &seeds);
    let saved = dir.path().join("graph.jjj");
    jjj_seeds(&seeds, &["build", "--save"])
        .arg(&saved)
        .assert()
        .success()
        .stderr(predicates::str::contains("saved the graph"));
    let fresh = stdout_of(&mut jjj_seeds(
        &seeds,
        &["path", "雄安新区", "天津", "--json"],
    ));
    // No --seeds: the saved file remembers where its documents are.
    let loaded = jjj()
        .arg("--graph")
        .arg(&saved)
        .args(["path", "雄安新区", "天津", "--json"])
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    assert_eq!(fresh, loaded);

    jjj()
        .arg("--graph")
        .arg(&saved)
        .args(["relations", "雄安新区", "天津天开高教科创园"])
        .assert()
        .code(1);
    // A new sentence linking the two: the saved graph is out of date.
    let doc = std::fs::read_dir(&seeds)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    super::append(&doc, "\n雄安新区与天津天开高教科创园合作。\n");
    let before = std::fs::read(&saved).unwrap();
    jjj()
        .arg("--graph")
        .arg(&saved)
        .args(["relations", "雄安新区", "天津天开高教科创园"])
        .assert()
        .success()
        .stderr(predicates::str::contains("is out of date"))
        .stdout(predicates::str::contains(
            "雄安新区与天津天开高教科创园合作",
        ));
    assert_ne!(before, std::fs::read(&saved).unwrap(), "rebuilt and saved");
    jjj()
        .arg("--graph")
        .arg(&saved)
        .args(["relations", "雄安新区", "天津天开高教科创园"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn the_embedded_graph_is_kept_between_runs_and_a_bad_cache_is_rebuilt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = dir.path().join("cache");
    let run = |extra: &[(&str, &str)]| {
        let mut cmd = jjj();
        cmd.env("JJJ_CACHE_DIR", &cache)
            .args(["path", "雄安新区", "天津", "--json"]);
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd.assert()
            .success()
            .stderr("")
            .get_output()
            .stdout
            .clone()
    };
    let kept = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&cache).map_or(Vec::new(), |d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "jjjg"))
                .collect()
        })
    };
    let off = run(&[("JJJ_CACHE", "off")]);
    assert!(kept().is_empty(), "JJJ_CACHE=off writes nothing");
    let first = run(&[]);
    let files = kept();
    assert_eq!(files.len(), 1, "the first run keeps the graph");
    let second = run(&[]);
    assert_eq!(first, off);
    assert_eq!(second, off, "the kept graph answers as a fresh build");
    // A damaged file is not read: the graph is built again and the file replaced.
    std::fs::write(&files[0], b"jjj saved graph, format 6\ngarbage").unwrap();
    assert_eq!(run(&[]), off);
    assert!(std::fs::read(&files[0]).unwrap().len() > 1000, "replaced");
    // A cache directory that cannot be made is no error.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "").unwrap();
    let mut cmd = jjj();
    cmd.env("JJJ_CACHE_DIR", blocked.join("sub"))
        .args(["path", "雄安新区", "天津", "--json"])
        .assert()
        .success()
        .stderr("")
        .stdout(off);
}

/// The embedded seeds' graph saved in a new temporary directory.
fn saved_seed_graph() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = dir.path().join("g.jjj");
    jjj()
        .args(["build", "--save"])
        .arg(&saved)
        .assert()
        .success();
    (dir, saved)
}

#[test]
fn a_damaged_or_foreign_saved_graph_is_refused_clearly() {
    let (dir, saved) = saved_seed_graph();
    let bytes = std::fs::read(&saved).unwrap();
    let cut = dir.path().join("cut.jjj");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    jjj()
        .arg("--graph")
        .arg(&cut)
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cut.jjj"))
        .stderr(predicates::str::contains("damaged graph"));
    let other = dir.path().join("notes.txt");
    std::fs::write(&other, "hello").unwrap();
    jjj()
        .arg("--graph")
        .arg(&other)
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "not a saved jjj graph (make one with `jjj build --save FILE`)",
        ));
    jjj()
        .arg("--graph")
        .arg(dir.path().join("missing.jjj"))
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot read"));
    jjj()
        .arg("--graph")
        .arg(dir.path())
        .args(["path", "天津", "北京"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("it is a directory"));
}

#[test]
fn any_number_of_threads_gives_the_same_graph_and_counts_beyond_the_evidence_limit() {
    let dir = corpus("400KB", "7");
    let corpus = dir.path().join("corpus");
    let export = |threads: &str| {
        stdout_of(
            jjj_seeds(&corpus, &["export", "--format", "json"]).env("RAYON_NUM_THREADS", threads),
        )
    };
    let one = export("1");
    assert_eq!(one, export("2"), "1 and 2 threads");
    let graph: serde_json::Value = serde_json::from_slice(&one).unwrap();
    let edges = graph["edges"].as_array().unwrap();
    let mut limited = 0;
    for e in edges {
        let kept = e["evidence"].as_array().unwrap().len() as u64;
        let omitted = e.get("evidence_omitted").map_or(0, |v| v.as_u64().unwrap());
        assert!(kept <= 50, "{e}");
        assert_eq!(e["weight"].as_u64().unwrap(), kept + omitted, "{e}");
        limited += usize::from(omitted > 0);
    }
    assert!(
        limited > 0,
        "a 400 KB corpus repeats some pairs more than 50 times"
    );
    for n in graph["nodes"].as_array().unwrap() {
        assert!(
            n["mentions"].as_array().unwrap().len() <= 500,
            "{}",
            n["id"]
        );
    }
}

#[test]
fn sampled_betweenness_with_every_node_is_the_exact_ranking() {
    let exact = stdout_of(jjj().args(["rank", "--by", "betweenness", "--json"]));
    let sampled = stdout_of(jjj().args([
        "rank",
        "--by",
        "betweenness",
        "--sample",
        "100000",
        "--json",
    ]));
    assert_eq!(exact, sampled);
    let few = || {
        stdout_of(jjj().args([
            "rank",
            "--by",
            "betweenness",
            "--sample",
            "20",
            "--top",
            "5",
        ]))
    };
    assert_eq!(few(), few(), "a fixed sample");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    // Over 8 MB a terminal would see a progress bar; a pipe sees nothing.
    let dir = corpus("9MB", "1");
    jjj_seeds(&dir.path().join("corpus"), &["build"])
        .assert()
        .success()
        .stderr("")
        .stdout(predicates::str::contains("Documents"));
}

#[test]
fn commands_that_read_the_documents_refuse_a_saved_graph() {
    let (dir, saved) = saved_seed_graph();
    for command in ["check", "candidates", "report"] {
        jjj()
            .env("JJJ_GRAPH", &saved)
            .arg(command)
            .current_dir(dir.path())
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "reads the documents themselves, not a saved graph",
            ));
    }
    // `show` works from a saved graph, quoting the matched words instead of the sentence.
    jjj()
        .env("JJJ_GRAPH", &saved)
        .args(["show", "雄安新区"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Mentioned in"));
}
