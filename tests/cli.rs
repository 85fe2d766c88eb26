//! The one integration-test harness: runs the `jjj` binary (assert_cmd) and the library on
//! the real seeds, plus snapshot tests of the exporter and property tests of normalization
//! and graph invariants.

use assert_cmd::Command;
use jjj_graph::catalogue::Catalogue;
use jjj_graph::corpus::{embedded_catalogue, embedded_documents, DocumentFile};
use jjj_graph::graph::{KnowledgeGraph, Relation, Via};
use jjj_graph::normalize::Normalizer;
use jjj_graph::pipeline::{build, Build};
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[path = "cli/exports.rs"]
mod exports;
#[path = "cli/fuzzed.rs"]
mod fuzzed;
#[path = "cli/hardening.rs"]
mod hardening;
#[path = "cli/news_rules.rs"]
mod news_rules;
#[path = "cli/open_world.rs"]
mod open_world;
#[path = "cli/queries.rs"]
mod queries;
#[path = "cli/render.rs"]
mod render;
#[path = "cli/scale.rs"]
mod scale;

/// The environment variables jjj reads its inputs from; every test run clears them.
const JJJ_VARIABLES: [&str; 5] = [
    "JJJ_DATA",
    "JJJ_SEEDS",
    "JJJ_GRAPH",
    "JJJ_CACHE",
    "JJJ_CACHE_DIR",
];

fn jjj() -> Command {
    let mut cmd = Command::cargo_bin("jjj").expect("the jjj binary is built");
    for variable in JJJ_VARIABLES {
        cmd.env_remove(variable);
    }
    cmd
}

/// A plain process (for a pipe or a signal) that runs jjj, with jjj's input variables cleared.
fn without_jjj_variables(mut cmd: std::process::Command) -> std::process::Command {
    for variable in JJJ_VARIABLES {
        cmd.env_remove(variable);
    }
    cmd
}

/// `jjj --data DATA ARGS…`.
fn jjj_data(data: &Path, args: &[&str]) -> Command {
    let mut cmd = jjj();
    cmd.arg("--data").arg(data).args(args);
    cmd
}

/// `jjj --seeds SEEDS ARGS…`.
fn jjj_seeds(seeds: &Path, args: &[&str]) -> Command {
    let mut cmd = jjj();
    cmd.arg("--seeds").arg(seeds).args(args);
    cmd
}

/// The stdout of `cmd`, which must succeed.
fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    cmd.assert().success().get_output().stdout.clone()
}

/// The stdout of `cmd`, which must succeed, as JSON.
fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_slice(&stdout_of(cmd)).expect("valid JSON")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn catalogue() -> &'static Catalogue {
    static C: OnceLock<Catalogue> = OnceLock::new();
    C.get_or_init(|| {
        Catalogue::load(&embedded_catalogue()).expect("the embedded catalogue is valid")
    })
}

fn seeds_build() -> &'static Build {
    static B: OnceLock<Build> = OnceLock::new();
    B.get_or_init(|| build(catalogue(), &embedded_documents()).expect("the seeds build"))
}

fn graph() -> &'static KnowledgeGraph {
    &seeds_build().graph
}

fn normalized(file_prefix: &str) -> String {
    let d = seeds_build()
        .documents
        .iter()
        .find(|d| d.source.file.starts_with(file_prefix))
        .expect("seed exists");
    d.text().to_owned()
}

/// Ids of the nodes linked to `id` by `relation` (outgoing when `outgoing`).
fn linked(id: &str, relation: Relation, outgoing: bool) -> Vec<String> {
    let g = graph();
    let i = g.node_index(id).unwrap_or_else(|| panic!("{id} is a node"));
    let mut out: Vec<String> = g
        .incident_edges(i)
        .into_iter()
        .filter(|&(e, _, out)| {
            g.graph[e].relation == relation && (out == outgoing || relation.is_symmetric())
        })
        .map(|(_, other, _)| g.graph[other].id().to_owned())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

// ---------------------------------------------------------------- normalization on the seeds

#[test]
fn pinyin_annotations_and_damaged_spans_are_gone_from_seed_000() {
    let text = normalized("000");
    assert!(!text.contains('?'), "a damaged span survived");
    assert!(!text.contains("rdquo"));
    for repaired in ["重要动力源之一", "拥有数量", "要动力,", "重要动力源作用”"]
    {
        assert!(text.contains(repaired), "missing {repaired}");
    }
    let toned = "āáǎàēéěèīíǐìōóǒòūúǔù";
    assert!(
        !text.chars().any(|c| toned.contains(c)),
        "a pinyin syllable survived"
    );
    assert!(text.starts_with("京津冀协同发展是习近平总书记亲自谋划"));
    let report = &graph().documents[0].normalization;
    assert_eq!(report.pinyin_annotations, 765);
    assert_eq!(report.repaired_spans, 4);
    assert!(report.unrepaired_damage.is_empty());
}

#[test]
fn real_parentheses_are_kept() {
    let t000 = normalized("000");
    for kept in [
        "决定(草案)》",
        "(2015-2017年)》",
        "(2018-2022年)》",
        "(2021-2025年)》",
        "(2023年-2025年)》",
        "三省(市)",
    ] {
        assert!(t000.contains(kept), "seed 000 lost {kept}");
    }
    let t002 = normalized("002");
    for kept in [
        "工(经)信",
        "中国(河北)自由贸易试验区",
        "(作者系河北经贸大学",
    ] {
        assert!(t002.contains(kept), "seed 002 lost {kept}");
    }
}

#[test]
fn taiwan_vocabulary_is_converted_only_where_marked() {
    let t003 = normalized("003");
    for mainland in [
        "集成电路布图设计",
        "计算机软件",
        "基础软硬件",
        "先进通信",
        "智能网联汽车",
        "高质量发展",
        "高水平科技",
        "开放共享",
        "支持雄安新区",
    ] {
        assert!(t003.contains(mainland), "seed 003 lacks {mainland}");
    }
    for taiwan in ["积体电路", "软体", "高品质", "支援"] {
        assert!(!t003.contains(taiwan), "seed 003 kept {taiwan}");
    }
    // Seed 002 is mainland text: its 智慧 stays 智慧.
    let t002 = normalized("002");
    assert!(t002.contains("智慧雄安") && t002.contains("创新智慧管理模式"));
    for mainland in [0, 1, 2] {
        assert_eq!(graph().documents[mainland].normalization.taiwan_phrases, 0);
    }
    assert!(graph().documents[3].normalization.taiwan_phrases >= 10);
}

#[test]
fn furniture_is_dropped_and_its_date_kept() {
    let t001 = normalized("001");
    for furniture in ["打 印", "第1页", "扫描二维码", "相关新闻", "CRNTT"] {
        assert!(!t001.contains(furniture), "seed 001 kept {furniture}");
    }
    let doc = &graph().documents[1];
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("2024-02-23")
    );
    assert_eq!(doc.date_source.as_deref(), Some("furniture"));
    assert!(!normalized("000").contains("发表了评论"));
    let t003 = normalized("003");
    assert!(!t003.contains("分享") && !t003.contains("即将离开"));
    assert_eq!(
        graph().documents[3].date.map(|d| d.to_string()).as_deref(),
        Some("2023-11-24")
    );
}

#[test]
fn broken_paragraph_is_rejoined_into_one_sentence() {
    let b = seeds_build();
    let d = &b.documents[2];
    let joined = (0..d.sentences.len())
        .map(|i| d.sentence_text(i))
        .find(|s| s.contains("坚持医养一体化发展"))
        .unwrap();
    assert_eq!(
        joined,
        "坚持医养一体化发展,加快培育发展医养康养相结合的养老服务业。"
    );
    assert!(
        d.text().contains("重点科研机构和高端人才"),
        "the stray `and` is mended"
    );
}

#[test]
fn sentences_do_not_cut_inside_titles_or_quotes() {
    let b = seeds_build();
    for d in &b.documents {
        for i in 0..d.sentences.len() {
            let s = d.sentence_text(i);
            assert_eq!(
                s.matches('《').count(),
                s.matches('》').count(),
                "{}: {s}",
                d.source.id
            );
        }
    }
}

// ---------------------------------------------------------------- evidence spans

#[test]
fn mention_spans_map_back_to_the_original_bytes() {
    let b = seeds_build();
    let t2s =
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).unwrap();
    let mut checked = 0;
    for node in graph().nodes() {
        for m in &node.mentions {
            let d = b
                .documents
                .iter()
                .find(|d| d.source.id == m.document)
                .unwrap();
            let original = &d.original[m.span[0]..m.span[1]];
            let han = |s: &str| {
                s.chars()
                    .filter(|&c| jjj_graph::normalize::is_han(c))
                    .count()
            };
            // The original span holds the same characters, before pinyin stripping and t2s.
            let stripped: String = {
                let n = Normalizer::new(&Default::default()).unwrap();
                n.normalize(original).text.as_str().to_owned()
            };
            if d.source.file.starts_with("003") {
                assert_eq!(han(original), han(&m.text), "{original} vs {}", m.text);
            } else {
                assert_eq!(
                    t2s.convert(&stripped),
                    m.text,
                    "{} {:?}",
                    m.document,
                    m.span
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} mentions checked");
}

/// Every evidence quote and mention of `b` maps back to the document's original bytes: a
/// mention's text, or a curated quote, occurs in its sentence at a range whose original
/// span is the one given; any other quote is the normalized text of whole sentences of one
/// paragraph starting at its sentence, its span their original span, and it contains a name
/// (from the catalogue or as some mention matched it) of each endpoint but the document the
/// file is the text of. Returns how many it checked.
fn assert_grounded(b: &Build) -> usize {
    let g = &b.graph;
    let document = |id: &str| {
        b.documents
            .iter()
            .find(|d| d.source.id == id)
            .unwrap_or_else(|| panic!("no document {id}"))
    };
    let maps_to = |d: &jjj_graph::pipeline::ProcessedDocument,
                   sentence: usize,
                   words: &str,
                   span: [usize; 2]| {
        let range = d.sentences[sentence].range.clone();
        let text = &d.text()[range.clone()];
        text.match_indices(words).any(|(at, w)| {
            let from = range.start + at;
            let mapped = d.normalized.text.original_span(from..from + w.len());
            [mapped.start, mapped.end] == span
        })
    };
    let mut checked = 0;
    for n in g.nodes() {
        for m in &n.mentions {
            let d = document(&m.document);
            assert!(d.original.get(m.span[0]..m.span[1]).is_some(), "{m:?}");
            assert!(maps_to(d, m.sentence, &m.text, m.span), "{} {m:?}", n.id());
            checked += 1;
        }
    }
    for e in g.graph.edge_indices() {
        let (from, to) = g.graph.edge_endpoints(e).unwrap();
        let edge = &g.graph[e];
        for ev in &edge.evidence {
            let (Some(id), Some(sentence), Some(quote), Some(span)) =
                (&ev.document, ev.sentence, &ev.quote, ev.span)
            else {
                assert!(ev.reference.is_some(), "{edge:?}");
                continue;
            };
            let d = document(id);
            // Whole sentences, from `sentence` to a later one of its paragraph …
            let first = &d.sentences[sentence];
            let whole = d.sentences[sentence..]
                .iter()
                .take_while(|s| s.paragraph == first.paragraph)
                .find(|s| d.text()[first.range.start..s.range.end] == **quote);
            let Some(last) = whole else {
                // … or a curated quote: words of the sentence.
                assert!(
                    maps_to(d, sentence, quote, span),
                    "{quote:?} is neither sentences from {sentence} on nor words of it: {edge:?}"
                );
                checked += 1;
                continue;
            };
            let mapped = d
                .normalized
                .text
                .original_span(first.range.start..last.range.end);
            assert_eq!([mapped.start, mapped.end], span, "{edge:?}");
            for end in [from, to] {
                let node = &g.graph[end];
                let named = std::iter::once(node.name())
                    .chain(node.record.aliases.iter().map(String::as_str))
                    .chain(node.traditional.iter().map(String::as_str))
                    .chain(node.mentions.iter().map(|m| m.text.as_str()))
                    .any(|name| quote.contains(name));
                // The document a file is the text of speaks as itself (本决定 …).
                let itself = d.source.is.as_deref() == Some(node.id());
                assert!(
                    named || itself || node.discovered,
                    "{} not named in {quote:?}",
                    node.id()
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn evidence_and_mentions_map_back_to_their_sentences() {
    assert!(assert_grounded(seeds_build()) > 2000);
}

#[test]
fn every_node_and_edge_cites_evidence() {
    let g = graph();
    for n in g.nodes() {
        assert!(!n.mentions.is_empty(), "{} has no mention", n.id());
    }
    for e in g.graph.edge_weights() {
        assert!(!e.evidence.is_empty());
        for ev in &e.evidence {
            let textual = ev.document.is_some() && ev.quote.is_some() && ev.span.is_some();
            assert!(textual || ev.reference.is_some(), "{e:?}");
        }
    }
}

// ---------------------------------------------------------------- extraction on the seeds

#[test]
fn six_chains_and_five_clusters_are_members_of_their_groups() {
    let chains = linked("concept/six-chains", Relation::MemberOf, false);
    assert_eq!(chains.len(), 6, "{chains:?}");
    assert!(chains.iter().all(|c| c.starts_with("chain/")));
    let clusters = linked("concept/five-clusters", Relation::MemberOf, false);
    assert_eq!(clusters.len(), 5, "{clusters:?}");
    assert!(clusters.iter().all(|c| c.starts_with("cluster/")));
    // 生物医药 is both a chain and a cluster, kept apart, and both concern the one field.
    assert!(chains.contains(&"chain/biomedicine".to_owned()));
    assert!(clusters.contains(&"cluster/biomedicine".to_owned()));
    assert_eq!(
        linked("field/biomedicine", Relation::Concerns, false),
        vec![
            "chain/biomedicine".to_owned(),
            "cluster/biomedicine".to_owned()
        ]
    );
}

#[test]
fn industries_listed_as_chains_are_the_chains() {
    // 河北…重点抓好新能源和智能网联汽车、机器人等产业链建设
    let focus = linked("region/hebei", Relation::FocusesOn, true);
    assert!(
        focus.contains(&"chain/nev-icv".to_owned()) && focus.contains(&"chain/robotics".to_owned()),
        "{focus:?}"
    );
    // 围绕新能源和智能网联汽车、生物医药、氢能、工业互联网等领域: fields, not chains.
    let focus = linked("person/yin-li", Relation::FocusesOn, true);
    assert!(
        focus.contains(&"field/hydrogen".to_owned())
            && !focus.contains(&"chain/hydrogen".to_owned()),
        "{focus:?}"
    );
}

#[test]
fn four_zhongguancun_parks_each_in_its_city() {
    for (park, city) in [
        ("tangshan", "tangshan"),
        ("baoding", "baoding"),
        ("hengshui", "hengshui"),
        ("handan", "handan"),
    ] {
        let id = format!("park/{park}-zgc");
        let located = linked(&id, Relation::LocatedIn, true);
        assert!(
            located.contains(&format!("region/{city}")),
            "{id}: {located:?}"
        );
        let node = graph().node(&id).unwrap();
        assert!(node
            .mentions
            .iter()
            .any(|m| m.via == Via::Enumeration || m.via == Via::Name));
    }
    assert!(
        linked("region/baoding", Relation::LocatedIn, true).contains(&"region/hebei".to_owned())
    );
}

#[test]
fn the_2018_agreement_has_three_signatories() {
    assert_eq!(
        linked(
            "document/innovation-community-agreement-2018",
            Relation::Signed,
            false
        ),
        vec![
            "org/beijing-sci-commission",
            "org/hebei-sci-dept",
            "org/tianjin-sci-bureau"
        ]
    );
}

#[test]
fn the_decision_was_passed_by_three_congresses() {
    assert_eq!(
        linked("document/jjj-innovation-decision", Relation::Passed, false),
        vec![
            "org/beijing-congress",
            "org/hebei-congress",
            "org/tianjin-congress"
        ]
    );
}

#[test]
fn dates_are_resolved_from_the_sentences() {
    let date = |id: &str| {
        graph()
            .node(id)
            .unwrap()
            .resolved_date
            .map(|d| d.to_string())
    };
    assert_eq!(
        date("document/jjj-innovation-decision").as_deref(),
        Some("2023-11-24")
    );
    assert_eq!(
        date("event/2013-05-xi-tianjin-visit").as_deref(),
        Some("2013-05")
    );
    assert_eq!(
        date("document/jjj-plan-outline").as_deref(),
        Some("2015-04-30")
    );
    assert_eq!(date("event/2019-jjj-symposium").as_deref(), Some("2019-01"));
    // 去年5月 in seed 002 (dated 2024) and 2023年5月11日至12日 in seed 000: the same visit.
    assert_eq!(
        date("event/2023-05-hebei-symposium").as_deref(),
        Some("2023-05")
    );
    let tianjin = graph()
        .graph
        .edge_weights()
        .find(|e| {
            e.relation == Relation::Passed
                && e.evidence[0]
                    .quote
                    .as_deref()
                    .is_some_and(|q| q.contains("相继通过"))
        })
        .unwrap();
    assert_eq!(
        tianjin.date.map(|d| d.to_string()).as_deref(),
        Some("2023-11-29")
    );
}

#[test]
fn people_hold_their_stated_roles() {
    assert_eq!(
        linked("person/wang-suwen", Relation::HoldsRole, true),
        vec!["org/hebei-miit-dept"]
    );
    assert_eq!(
        linked("person/zhou-hao", Relation::HoldsRole, true),
        vec!["org/jjj-joint-office"]
    );
    assert_eq!(
        linked("person/tian-xuebin", Relation::HoldsRole, true),
        vec!["org/hebei-innovation-center", "org/hueb"]
    );
    assert_eq!(
        linked("person/yin-li", Relation::HoldsRole, true),
        vec!["org/beijing-party-committee"]
    );
}

#[test]
fn tongzhou_cooperates_with_the_three_northern_counties() {
    let partners = linked("region/tongzhou", Relation::CooperatesWith, true);
    for county in ["region/sanhe", "region/dachang", "region/xianghe"] {
        assert!(partners.contains(&county.to_owned()), "{partners:?}");
    }
}

#[test]
fn local_names_resolve_in_their_document_only() {
    let beijing = graph().node("region/beijing").unwrap();
    let local: Vec<_> = beijing
        .mentions
        .iter()
        .filter(|m| m.via == Via::LocalName)
        .collect();
    assert!(!local.is_empty());
    assert!(local
        .iter()
        .all(|m| m.text == "本市" && (m.document == "seed/000" || m.document == "seed/003")));
}

#[test]
fn the_seeds_agree_with_the_catalogue() {
    let problems = jjj_graph::check::check(seeds_build());
    assert!(problems.is_empty(), "{problems:#?}");
}

// ---------------------------------------------------------------- catalogue errors

fn data_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("data"), dir.path());
    dir
}

fn append(path: &Path, text: &str) {
    let mut s = std::fs::read_to_string(path).unwrap();
    s.push_str(text);
    std::fs::write(path, s).unwrap();
}

#[test]
fn unknown_catalogue_field_is_reported_with_file_line_column() {
    let data = data_copy();
    let people = data.path().join("entities/people.toml");
    let lines = std::fs::read_to_string(&people).unwrap().lines().count();
    append(
        &people,
        "\n[[entity]]\nid = \"person/x\"\nkind = \"person\"\nname = \"某人\"\nnickname = \"x\"\n",
    );
    // One mistake, one message: the relations naming people/ entities are not checked
    // against a file that did not parse.
    jjj_data(data.path(), &["check"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "jjj: invalid catalogue in {dir}: {dir}/entities/people.toml:{line}:1: unknown field `nickname`, expected one of `id`, `kind`, `name`, `en`, `aliases`, `category`, `level`, `code`, `coords`, `located_in`, `reference`, `role`, `date`, `issuer`, `list_name`, `group`, `field`, `confidence`\n",
            dir = data.path().display(),
            line = lines + 6
        ));
}

#[test]
fn catalogue_consistency_errors_are_all_reported() {
    let data = data_copy();
    append(
        &data.path().join("entities/regions.toml"),
        "\n[[entity]]\nid = \"region/beijing\"\nkind = \"region\"\nname = \"北平\"\n\n[[entity]]\nid = \"region/loop-a\"\nkind = \"region\"\nname = \"甲地\"\nlocated_in = \"region/loop-b\"\nreference = \"gb2260\"\n\n[[entity]]\nid = \"region/loop-b\"\nkind = \"region\"\nname = \"乙地\"\naliases = [\"天津\"]\nlocated_in = \"region/loop-a\"\nreference = \"nowhere\"\n",
    );
    append(
        &data.path().join("relations.toml"),
        "\n[[relation]]\nsource = \"region/atlantis\"\ntarget = \"region/beijing\"\nrelation = \"located_in\"\nquote = \"x\"\n",
    );
    let out = jjj_data(data.path(), &["build"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    for expected in [
        "duplicate id 'region/beijing'",
        "already names 'region/loop-b'",
        "located_in cycle",
        "unknown reference 'nowhere'",
        "relations.toml:",
        "unknown entity 'region/atlantis'",
    ] {
        assert!(err.contains(expected), "missing «{expected}» in:\n{err}");
    }
}

#[test]
fn curated_quote_missing_from_the_text_fails_check() {
    let data = data_copy();
    append(
        &data.path().join("relations.toml"),
        "\n[[relation]]\nsource = \"region/beijing\"\ntarget = \"region/tianjin\"\nrelation = \"cooperates_with\"\nquote = \"这句话不在任何文件里\"\n",
    );
    let relations = data.path().join("relations.toml");
    let line = std::fs::read_to_string(&relations).unwrap().lines().count() - 4;
    jjj_data(data.path(), &["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "error[quote-not-found]: {}:{line}: the quote '这句话不在任何文件里' for region/beijing -cooperates_with-> region/tianjin is in no normalized document\n",
            relations.display()
        )));
}

#[test]
fn bad_date_in_catalogue_names_the_value() {
    let data = data_copy();
    append(
        &data.path().join("entities/events.toml"),
        "\n[[entity]]\nid = \"event/x\"\nkind = \"event\"\nname = \"某会议\"\ndate = \"2023-13\"\n",
    );
    jjj_data(data.path(), &["check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("events.toml:"))
        .stderr(predicate::str::contains("invalid date '2023-13'"));
}

// ---------------------------------------------------------------- documents that are not text

#[test]
fn gbk_and_big5_documents_are_refused_by_name() {
    for (file, byte, hint) in [
        (
            "gbk_document.txt",
            "0xBE",
            "GBK: convert it first, e.g. `iconv -f GBK -t UTF-8`",
        ),
        (
            "big5_document.txt",
            "0xA8",
            "Big5: convert it first, e.g. `iconv -f BIG5 -t UTF-8`",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            root().join("tests/fixtures").join(file),
            dir.path().join(file),
        )
        .unwrap();
        jjj_seeds(dir.path(), &["build"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "jjj: {}: not UTF-8 text (invalid byte {byte} at line 1, column 1); it looks like {hint}\n",
                dir.path().join(file).display()
            ));
    }
}

#[test]
fn missing_seeds_directory_is_an_error() {
    jjj()
        .args(["--seeds", "/nonexistent/jjj-seeds", "build"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "jjj: cannot read /nonexistent/jjj-seeds: No such file or directory (os error 2)\n",
        );
}

// ---------------------------------------------------------------- the CLI

#[test]
fn build_prints_a_summary() {
    jjj()
        .arg("build")
        .assert()
        .success()
        .stdout(predicate::str::contains("seed/003"))
        .stdout(predicate::str::contains("765 pinyin annotations"))
        .stdout(predicate::str::contains("Nodes:"))
        .stdout(predicate::str::contains("Problems: 0"));
}

#[test]
fn build_and_stats_json_agree() {
    let out = jjj()
        .args(["stats", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stats: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        stats["nodes"].as_u64().unwrap() as usize,
        graph().graph.node_count()
    );
    assert_eq!(
        stats["edges"].as_u64().unwrap() as usize,
        graph().graph.edge_count()
    );
    assert_eq!(stats["nodes_with_evidence"], stats["nodes"]);
    let out = jjj()
        .args(["build", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let summary: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(summary["stats"], stats);
}

#[test]
fn check_passes_on_the_embedded_corpus() {
    jjj()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: 0 errors"));
}

#[test]
fn show_finds_traditional_english_and_alias_names() {
    for name in [
        "雄安新区",
        "雄安新區",
        "Xiong'an New Area",
        "雄安",
        "region/xiongan",
    ] {
        jjj()
            .args(["show", name])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "雄安新区 (Xiong'an New Area)  [region/xiongan]",
            ))
            .stdout(predicate::str::contains("133100"))
            .stdout(predicate::str::contains("supports ←"));
    }
}

#[test]
fn show_json_lists_relations_with_evidence() {
    let out = jjj()
        .args(["show", "河北省工信厅厅长", "--json"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("did you mean"));
    let out = jjj()
        .args(["show", "王素文", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let card: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(card["node"]["id"], "person/wang-suwen");
    let role = card["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["relation"] == "holds_role")
        .unwrap();
    assert_eq!(role["other"], "org/hebei-miit-dept");
    assert_eq!(role["role"], "厅长");
    assert!(role["evidence"][0]["quote"]
        .as_str()
        .unwrap()
        .contains("河北省工信厅厅长王素文"));
}

#[test]
fn unknown_and_ambiguous_names_exit_2() {
    jjj()
        .args(["show", "雄按新区"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no entity named '雄按新区'"))
        .stderr(predicate::str::contains("雄安新区 [region/xiongan]"));
    jjj()
        .args(["show", "本市"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "北京 [region/beijing] (as '本市' in seed/000, seed/003)",
        ));
    jjj()
        .args(["show", "中关村合作园区"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ambiguous"))
        .stderr(predicate::str::contains("park/tangshan-zgc"));
}

#[test]
fn export_json_is_deterministic_and_valid_against_the_schema() {
    // The seeds, and news full of discovered entities.
    let news = root().join("tests/corpus/open_world");
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, inputs) in [vec![], vec!["--seeds", news.to_str().unwrap()]]
        .into_iter()
        .enumerate()
    {
        let a = stdout_of(jjj().args(&inputs).args(["export", "--format", "json"]));
        let b = stdout_of(jjj().args(&inputs).args(["export", "-o", "-"]));
        assert_eq!(a, b, "two runs differ ({inputs:?})");
        let value: serde_json::Value = serde_json::from_slice(&a).unwrap();
        assert_eq!(value["schema_version"], 1);
        let file = dir.path().join(format!("graph{i}.json"));
        std::fs::write(&file, &a).unwrap();
        files.push(file);
    }
    // Validated by the reference implementation users' tools build on (Python jsonschema).
    let schema = root().join("schema/graph.schema.json");
    let mut args = vec![schema.as_path()];
    args.extend(files.iter().map(PathBuf::as_path));
    let report = exports::client("python3", "validate_schema.py", &args);
    assert_eq!(report["validator"], "Draft202012Validator");
    for file in &files {
        assert_eq!(
            report["errors"][file.to_str().unwrap()],
            serde_json::json!([]),
            "{report}"
        );
    }
}

#[test]
fn export_round_trips_through_the_graph() {
    let doc = jjj_graph::export::json::GraphDocument::from_graph(graph());
    let again = jjj_graph::export::json::GraphDocument::from_graph(&doc.clone().into_graph());
    assert_eq!(doc, again);
}

#[test]
fn export_to_a_file_is_atomic_and_unknown_formats_fail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    jjj().args(["export", "-o"]).arg(&path).assert().success();
    assert!(std::fs::read(&path).unwrap().starts_with(b"{"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "a temporary file was left behind"
    );
    jjj()
        .args(["export", "--format", "gexf9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown format 'gexf9'"));
    jjj()
        .args(["export", "-o", "/nonexistent-dir/g.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent-dir/g.json"));
}

#[test]
fn closed_pipe_is_not_an_error() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("jjj"))
        .args(["export"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn committed_out_matches_what_report_regenerates() {
    let dir = tempfile::tempdir().unwrap();
    jjj()
        .args(["report", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    // The deterministic files: JSON, DOT, Mermaid and the README (SVG depends on the engine).
    let mut checked = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if file.ends_with(".svg") {
            assert!(
                root().join("out").join(&file).exists(),
                "out/{file} is missing"
            );
            continue;
        }
        let fresh = std::fs::read(dir.path().join(&file)).unwrap();
        let committed = std::fs::read(root().join("out").join(&file)).unwrap_or_default();
        assert!(
            fresh == committed,
            "out/{file} is stale: run `cargo run --release -- report`"
        );
        checked.push(file);
    }
    checked.sort();
    for expected in [
        "README.md",
        "graph.json",
        "parks.dot",
        "parks.mmd",
        "timeline.dot",
        "wings.mmd",
    ] {
        assert!(
            checked.iter().any(|f| f == expected),
            "{expected}: {checked:?}"
        );
    }
}

// ---------------------------------------------------------------- a new document

fn seeds_with_news() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("seeds"), dir.path());
    std::fs::copy(
        root().join("tests/fixtures/news_2024_caofeidian.txt"),
        dir.path().join("news_2024_caofeidian.txt"),
    )
    .unwrap();
    dir
}

#[test]
fn a_new_document_is_built_and_its_entities_surface_as_candidates() {
    let seeds = seeds_with_news();
    let out = jjj_seeds(seeds.path(), &["build", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let summary: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(summary["stats"]["documents"], 5);
    let news = summary["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "news_2024_caofeidian.txt")
        .unwrap();
    assert!(news["mentions"].as_u64().unwrap() >= 10);
    assert!(summary["stats"]["discovered"].as_u64().unwrap() >= 2);

    let out = jjj_seeds(seeds.path(), &["candidates", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out).unwrap();
    let texts: Vec<&str> = found.iter().map(|c| c["name"].as_str().unwrap()).collect();
    for expected in [
        "河北省商务厅",
        "北京市商务局",
        "曹妃甸协同发展示范区",
        "唐山市发展和改革委员会",
        "北京经济技术开发区",
        "京冀生物医药产业园",
    ] {
        assert!(
            texts.contains(&expected),
            "missing candidate {expected}: {texts:?}"
        );
    }
    jjj_seeds(
        seeds.path(),
        &["show", "京津冀自贸试验区协同发展合作备忘录"],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains("discovered"))
    .stdout(predicate::str::contains("signed ←"));
}

// ---------------------------------------------------------------- exporter snapshot

/// The graph of a one-sentence corpus (the 2018 signing), for exporter snapshots.
fn tiny_build() -> Build {
    let docs = vec![DocumentFile {
        name: "tiny.txt".into(),
        display_path: "tiny.txt".into(),
        text: "2018年11月,北京市科委与天津市科技局、河北省科技厅签署了《关于共同推进京津冀协同创新共同体建设合作协议(2018-2022年)》。\n".into(),
    }];
    build(catalogue(), &docs).unwrap()
}

#[test]
fn json_export_of_a_small_corpus_snapshot() {
    let b = tiny_build();
    let mut value: serde_json::Value = serde_json::from_slice(
        &jjj_graph::export::Exporter::export(&jjj_graph::export::json::Json, &b.graph)
            .unwrap()
            .into_file()
            .unwrap(),
    )
    .unwrap();
    // This one-sentence corpus is none of the catalogue's sources: the catalogue is its
    // background, said once (the count depends on the catalogue, so it stays out of the
    // snapshot) — no "unmentioned" or "quote-not-found" error for each entry.
    let problems = value.as_object_mut().unwrap().remove("problems").unwrap();
    let codes: Vec<&str> = problems
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(codes, ["background"]);
    insta::assert_json_snapshot!("tiny_corpus_export", value);
}

// ---------------------------------------------------------------- properties

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("協(xié)".to_owned()),
            Just("(草案)".to_owned()),
            Just("擁有?shù)量".to_owned()),
            Just("&rdquo;".to_owned()),
            Just("，".to_owned()),
            Just("\n".to_owned()),
            Just("  ".to_owned()),
            Just("積體電路".to_owned()),
            Just("已有0人發表了評論\n".to_owned()),
            Just("北京市".to_owned()),
            Just("雄安新区".to_owned()),
            Just("中关村".to_owned()),
            Just("在".to_owned()),
            Just("落地".to_owned()),
            Just("向".to_owned()),
            Just("疏解".to_owned()),
            Just("签署了《京津冀协同发展规划纲要》".to_owned()),
            Just("。".to_owned()),
            "[a-z()?&;]{0,4}",
            "[\u{4e00}-\u{4e60}]{0,4}",
            "\\PC{0,3}",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        // The fuzz targets' checks (fuzz/checks.rs), on text made of the seeds' noise.
        #[test]
        fn normalization_is_idempotent_and_maps_inside_the_original(s in text()) {
            super::fuzzed::checks::normalization(s.as_bytes());
        }

        #[test]
        fn sentences_partition_inside_the_text(s in text()) {
            super::fuzzed::checks::sentences(s.as_bytes());
        }

        #[test]
        fn graph_invariants_hold_on_random_documents(s in text()) {
            let docs = vec![DocumentFile { name: "p.txt".into(), display_path: "p.txt".into(), text: format!("北京市科委与天津市科技局签署了《协议》。{s}雄安新区") }];
            let b = build(catalogue(), &docs).unwrap();
            let g = &b.graph;
            for e in g.graph.edge_indices() {
                let (a, z) = g.graph.edge_endpoints(e).unwrap();
                prop_assert!(g.graph.node_weight(a).is_some() && g.graph.node_weight(z).is_some());
            }
            assert_grounded(&b);
            // The JSON export round-trips, through its text and through the graph.
            let doc = jjj_graph::export::json::GraphDocument::from_graph(g);
            let text = serde_json::to_string(&doc).unwrap();
            let read: jjj_graph::export::json::GraphDocument = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&read, &doc);
            prop_assert_eq!(jjj_graph::export::json::GraphDocument::from_graph(&read.into_graph()), doc);
        }
    }
}
