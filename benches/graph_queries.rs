//! The jjj side of `benches/compare.sh`'s query comparison: load a saved graph (made by
//! `jjj generate graph`) and time shortest paths, k = 5 shortest paths, PageRank and
//! sampled betweenness the way the Python peers are timed (`benches/peers.py`), printing
//! one JSON object. Run: `cargo bench --bench graph_queries -- GRAPH PAIRS K_PAIRS SAMPLES`.

use jjj_graph::algo::centrality::{page_rank_csr, sampled_betweenness_csr};
use jjj_graph::algo::communities::visit_order;
use jjj_graph::algo::paths::{fewest_hops_path, k_cheapest_paths};
use jjj_graph::query::{EdgeFilter, Traversal};
use jjj_graph::saved;
use petgraph::graph::NodeIndex;
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Peak resident memory of this process in kB (Linux `VmHWM`).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let [graph_file, pairs_file, k_pairs, samples] = args.as_slice() else {
        return Err("usage: graph_queries GRAPH PAIRS K_PAIRS SAMPLES".into());
    };
    let k_pairs: usize = k_pairs.parse()?;
    let samples: usize = samples.parse()?;
    let pairs: Vec<(usize, usize)> = std::fs::read_to_string(pairs_file)?
        .lines()
        .filter_map(|l| {
            let (a, b) = l.split_once('\t')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect();

    let t = Instant::now();
    let bytes = std::fs::read(graph_file)?;
    let (header, body) = saved::read_header(graph_file, &bytes)?;
    let kg = saved::read_body(graph_file, &header, body)?;
    drop(bytes);
    let load_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let undirected = Traversal::new(&kg, &EdgeFilter::typed());
    let directed = Traversal::new(
        &kg,
        &EdgeFilter {
            directed: true,
            ..EdgeFilter::typed()
        },
    );
    // The compressed rows each filter keeps for its centrality measures.
    directed.csr();
    undirected.csr();
    let prepare_s = t.elapsed().as_secs_f64();
    let g = &undirected.graph;

    let mut times = Vec::new();
    let mut lengths = Vec::new();
    for &(s, t) in &pairs {
        let start = Instant::now();
        let found = fewest_hops_path(g, NodeIndex::new(s), NodeIndex::new(t), |_| true, |_| true);
        times.push(start.elapsed().as_secs_f64());
        lengths.push(found.map_or(-1, |p| p.edges.len() as i64));
    }
    let shortest_path_median_s = median(times);

    let mut times = Vec::new();
    let mut k_lengths = Vec::new();
    for &(s, t) in pairs.iter().take(k_pairs) {
        let start = Instant::now();
        let found = k_cheapest_paths(
            g,
            NodeIndex::new(s),
            NodeIndex::new(t),
            5,
            true,
            |e| Some(e.weight().cost),
            |_| true,
        );
        times.push(start.elapsed().as_secs_f64());
        k_lengths.push(found.iter().map(|p| p.edges.len()).collect::<Vec<_>>());
    }
    let k_shortest_median_s = median(times);

    let start = Instant::now();
    let pr = page_rank_csr(directed.csr(), 0.85, 1e-10, 100);
    let pagerank_s = start.elapsed().as_secs_f64();
    let mut top: Vec<usize> = (0..pr.len()).collect();
    top.sort_by(|&a, &b| pr[b].total_cmp(&pr[a]).then(a.cmp(&b)));
    top.truncate(10);

    let mut sources = visit_order(g.node_count(), 1);
    sources.truncate(samples);
    let start = Instant::now();
    let bc = sampled_betweenness_csr(undirected.csr(), &sources);
    let betweenness_s = start.elapsed().as_secs_f64();
    let mut bc_top: Vec<usize> = (0..bc.len()).collect();
    bc_top.sort_by(|&a, &b| bc[b].total_cmp(&bc[a]).then(a.cmp(&b)));
    bc_top.truncate(10);

    let out = serde_json::json!({
        "tool": "jjj",
        "nodes": kg.graph.node_count(),
        "edges": kg.graph.edge_count(),
        "load_s": load_s,
        "prepare_s": prepare_s,
        "shortest_path_median_s": shortest_path_median_s,
        "shortest_path_lengths": lengths,
        "k_shortest_median_s": k_shortest_median_s,
        "k_shortest_lengths": k_lengths,
        "pagerank_s": pagerank_s,
        "pagerank_top10": top,
        "betweenness_sources": sources,
        "betweenness_s": betweenness_s,
        "betweenness_top10": bc_top,
        "peak_rss_kb": peak_rss_kb(),
    });
    println!("{out}");
    Ok(())
}
