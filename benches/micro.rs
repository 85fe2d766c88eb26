//! Criterion micro-benchmarks of the hot paths: normalization (the traditional seed, with
//! its pinyin annotations), name matching, sentence splitting, the whole build of the
//! seeds, and path queries on the seed graph and on a 100k-node synthetic graph.
//! Run: `cargo bench --bench micro`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jjj_graph::catalogue::Catalogue;
use jjj_graph::corpus::{embedded_catalogue, embedded_documents};
use jjj_graph::extract::matcher::NameMatcher;
use jjj_graph::normalize::Normalizer;
use jjj_graph::pipeline;
use jjj_graph::query::path::{find_paths, PathMode, PathQuery};
use jjj_graph::query::{Cooccurrence, EdgeFilter};
use jjj_graph::sentence::split_sentences;
use std::collections::BTreeMap;
use std::hint::black_box;

fn catalogue() -> Catalogue {
    Catalogue::load(&embedded_catalogue()).expect("embedded catalogue")
}

fn text(c: &mut Criterion) {
    let catalogue = catalogue();
    let docs = embedded_documents();
    let traditional = &docs[0].text;
    let normalizer = Normalizer::new(&catalogue.normalize).expect("normalizer");
    let normalized = normalizer.normalize(traditional);
    let matcher = NameMatcher::new(&catalogue.entities, &BTreeMap::new()).expect("matcher");

    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(traditional.len() as u64));
    g.bench_function("normalize traditional seed", |b| {
        b.iter(|| normalizer.normalize(black_box(traditional)))
    });
    g.bench_function("match names", |b| {
        b.iter(|| matcher.find(black_box(normalized.text.as_str())))
    });
    g.bench_function("split sentences", |b| {
        b.iter(|| split_sentences(black_box(normalized.text.as_str())))
    });
    let total: usize = docs.iter().map(|d| d.text.len()).sum();
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("build the seeds", |b| {
        b.iter(|| pipeline::build(&catalogue, black_box(&docs)))
    });
    g.finish();
}

fn paths(c: &mut Criterion) {
    let catalogue = catalogue();
    let seeds = pipeline::build(&catalogue, &embedded_documents())
        .expect("build")
        .graph;
    let index = |id: &str| seeds.node_index(id).expect("seed node");
    let query = PathQuery {
        mode: PathMode::Shortest,
        filter: EdgeFilter {
            cooccurrence: Cooccurrence::Fallback,
            ..EdgeFilter::typed()
        },
        via_kinds: Vec::new(),
        avoid: Vec::new(),
    };
    let (xiongan, tianjin) = (index("region/xiongan"), index("region/tianjin"));
    let mut g = c.benchmark_group("path");
    g.bench_function("seeds: 雄安新区 → 天津", |b| {
        b.iter(|| find_paths(&seeds, xiongan, tianjin, black_box(&query)))
    });
    let big = jjj_graph::workload::graph(&seeds, 100_000, 500_000, 1);
    let (a, z) = (
        petgraph::graph::NodeIndex::new(17),
        petgraph::graph::NodeIndex::new(99_991),
    );
    let typed = PathQuery {
        filter: EdgeFilter::typed(),
        ..query
    };
    g.sample_size(20);
    g.bench_function("100k nodes / 500k edges: shortest path", |b| {
        b.iter(|| find_paths(&big, a, z, black_box(&typed)))
    });
    g.finish();
}

criterion_group!(benches, text, paths);
criterion_main!(benches);
