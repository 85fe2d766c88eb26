#!/usr/bin/env python3
"""Driver of benches/compare.sh: make the workloads with `jjj generate`, time jjj and its
peers on them in one run, and print one Markdown table of timings and ratios.

  compare.py [--quick] [--queries-only] [--peers igraph,rustworkx,networkx] [--work DIR]

--quick: the 10 MB corpus and the 100k-node graph only. --queries-only: no extraction.
--peers: which peers run the graph queries (NetworkX takes minutes on the 1M-node graph). Results are also written to
DIR/results.json. Every timing is of a separate process; peak RSS comes from wait4.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JJJ = os.path.join(ROOT, "target", "release", "jjj")
PEERS = os.path.join(ROOT, "benches", "peers.py")


def run_measured(cmd, env=None, ok=(0,), codes=None):
    """Run `cmd`; return (wall seconds, the child's peak RSS in kB from wait4, stdout).
    An exit code not in `ok` stops the benchmark with the command's stderr; `codes`, if
    given, gets the exit code appended."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if codes is not None:
        codes.append(code)
    if code not in ok:
        sys.exit(f"failed ({status}): {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return wall, usage.ru_maxrss, out.decode()


def bench_binary(name):
    """Build a cargo bench target and return its executable."""
    out = subprocess.run(
        ["cargo", "bench", "--bench", name, "--no-run", "--message-format=json"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == name:
            if msg.get("executable"):
                return msg["executable"]
    sys.exit(f"no executable for bench {name}")


def names_file(work):
    path = os.path.join(work, "names.txt")
    graph = os.path.join(work, "seeds-graph.json")
    run_measured([JJJ, "export", "--format", "json", "-o", graph])
    doc = json.load(open(graph, encoding="utf-8"))
    names = set()
    for n in doc["nodes"]:
        names.add(n["name"])
        names.update(n.get("aliases", []))
        names.update(n.get("traditional", []))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(names)) + "\n")
    return path


def extraction(work, mb, names, raw_scan):
    corpus = os.path.join(work, f"corpus{mb}")
    if not os.path.isdir(corpus):
        run_measured([JJJ, "generate", "corpus", "--size", f"{mb}MB", "-o", corpus])
    size = sum(os.path.getsize(os.path.join(corpus, f)) for f in os.listdir(corpus))
    row = {"corpus_mb": size / 1e6}
    for threads in (os.cpu_count(), 1):
        wall, rss, _ = run_measured(
            [JJJ, "--seeds", corpus, "build"], env={"RAYON_NUM_THREADS": str(threads)}
        )
        row[f"jjj_{threads}t_s"] = wall
        row[f"jjj_{threads}t_rss_kb"] = rss
    _, _, out = run_measured([raw_scan, corpus, names])
    row["raw_scan"] = json.loads(out)
    wall, rss, out = run_measured([sys.executable, PEERS, "extract", corpus, names])
    row["python"] = json.loads(out)
    row["python"]["peak_rss_kb"] = rss
    return row


def queries(work, nodes, edges, samples, k_pairs, graph_bench, tools):
    tag = f"{nodes}_{edges}"
    graph = os.path.join(work, f"graph{tag}.jjj")
    edge_list = os.path.join(work, f"graph{tag}.tsv")
    if not os.path.exists(graph):
        run_measured([JJJ, "generate", "graph", "--nodes", str(nodes), "--edges", str(edges),
                      "-o", graph, "--edge-list", edge_list])
    pairs = os.path.join(work, f"pairs{tag}.tsv")
    import random
    rng = random.Random(1)
    with open(pairs, "w") as f:
        for _ in range(100):
            f.write(f"{rng.randrange(nodes)}\t{rng.randrange(nodes)}\n")
    _, rss, out = run_measured([graph_bench, graph, pairs, str(k_pairs), str(samples)])
    results = {"jjj": json.loads(out)}
    results["jjj"]["peak_rss_kb"] = rss
    sources = os.path.join(work, f"sources{tag}.json")
    json.dump(results["jjj"].pop("betweenness_sources"), open(sources, "w"))
    # Loading the saved graph the way a user does: a whole `jjj --graph` process.
    wall, rss, _ = run_measured([JJJ, "--graph", graph, "stats"])
    results["jjj"]["cli_load_and_stats_s"] = wall
    # One path query on the saved graph, as a user runs it: a whole `jjj --graph FILE path`
    # process between two random enterprises (exit 1, no path, counts too; a node that is
    # not an enterprise is an unknown name, exit 2, and is not counted).
    times, peak = [], 0
    while len(times) < 20:
        a, b = (f"合成企业{rng.randrange(nodes):07d}" for _ in range(2))
        codes = []
        wall, rss, _ = run_measured([JJJ, "--graph", graph, "path", a, b], ok=(0, 1, 2), codes=codes)
        if codes[0] != 2:
            times.append(wall)
            peak = max(peak, rss)
    results["jjj"]["cli_path_median_s"] = statistics.median(times)
    results["jjj"]["cli_path_max_s"] = max(times)
    results["jjj"]["cli_path_peak_rss_kb"] = peak
    for tool in tools:
        _, rss, out = run_measured(
            [sys.executable, PEERS, "queries", tool, edge_list, pairs, str(k_pairs), sources]
        )
        results[tool] = json.loads(out)
        results[tool]["peak_rss_kb"] = rss
    jjj = results["jjj"]
    for tool in tools:
        r = results[tool]
        r["same_shortest_path_lengths"] = r["shortest_path_lengths"] == jjj["shortest_path_lengths"]
        if "k_shortest_lengths" in r:
            r["same_k_shortest_lengths"] = r["k_shortest_lengths"] == jjj["k_shortest_lengths"]
        r["same_pagerank_top10"] = len(set(r["pagerank_top10"]) & set(jjj["pagerank_top10"]))
        if "betweenness_top10" in r:
            r["same_betweenness_top10"] = len(
                set(r["betweenness_top10"]) & set(jjj["betweenness_top10"]))
    for r in results.values():
        r.pop("shortest_path_lengths", None)
        r.pop("k_shortest_lengths", None)
    return results


def latency():
    times = []
    for _ in range(20):
        wall, _, _ = run_measured([JJJ, "path", "雄安新区", "天津"])
        times.append(wall)
    return {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times)}


def ratio(a, b):
    return f"{a / b:.1f}×" if a and b else "–"


def fmt_s(x):
    if x is None:
        return "–"
    return f"{x * 1000:.2f} ms" if x < 1 else f"{x:.2f} s"


def table(res):
    lines = [f"Machine: {res['machine']}, {res['cores']} cores. jjj {res['jjj_version']}.", ""]
    lines += ["### Extraction (end to end: read, normalize, extract, build the graph)", "",
              "| corpus | jjj, all cores | jjj, 1 core | raw aho-corasick scan, 1 core | Python OpenCC + jieba | jjj 1 core ÷ raw scan | jjj ÷ Python |",
              "|---|---|---|---|---|---|---|"]
    cores = res["cores"]
    for row in res["extraction"]:
        mb = row["corpus_mb"]
        multi = mb / row[f"jjj_{cores}t_s"]
        multi_rss = row[f"jjj_{cores}t_rss_kb"] / 1024
        single = mb / row["jjj_1t_s"]
        single_rss = row["jjj_1t_rss_kb"] / 1024
        raw = row["raw_scan"]["mb_per_s"]
        py = row["python"]["mb_per_s"]
        py_rss = row["python"]["peak_rss_kb"] / 1024
        lines.append(
            f"| {mb:.0f} MB | {multi:.1f} MB/s, {multi_rss:.0f} MB RSS ({multi_rss / mb:.1f}× corpus) "
            f"| {single:.1f} MB/s, {single_rss:.0f} MB RSS | {raw:.0f} MB/s "
            f"| {py:.2f} MB/s, {py_rss:.0f} MB RSS ({py_rss / mb:.1f}× corpus) "
            f"| {single / raw:.2f} | {ratio(multi, py)} |")
    lines += ["", "### Queries on synthetic graphs (jjj: saved graph; peers: edge list)", ""]
    for name, results in res["queries"].items():
        tools = [t for t in results if t != "jjj"]
        lines += [f"**{name}**", "",
                  "| measure | jjj | " + " | ".join(tools) + " | " +
                  " | ".join(f"{t} ÷ jjj" for t in tools) + " |",
                  "|---|---|" + "---|" * (2 * len(tools))]
        for key, label in [("load_s", "load"), ("shortest_path_median_s", "shortest path (median of 100)"),
                           ("k_shortest_median_s", "k = 5 shortest paths (median)"),
                           ("pagerank_s", "PageRank"), ("betweenness_s", "sampled betweenness"),
                           ("peak_rss_kb", "peak RSS")]:
            j = results["jjj"].get(key)
            if key == "load_s":
                j = j + results["jjj"]["prepare_s"]
            cells = []
            ratios = []
            for t in tools:
                v = results[t].get(key)
                if key == "peak_rss_kb":
                    cells.append(f"{v / 1024:.0f} MB" if v else "–")
                else:
                    cells.append(fmt_s(v))
                ratios.append(ratio(v, j) if v is not None else "n/a")
            jcell = f"{j / 1024:.0f} MB" if key == "peak_rss_kb" else fmt_s(j)
            lines.append(f"| {label} | {jcell} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
        agree = ", ".join(
            f"{t}: paths {'same' if results[t]['same_shortest_path_lengths'] else 'DIFFER'}"
            f", PageRank top-10 overlap {results[t]['same_pagerank_top10']}/10"
            for t in tools)
        lines += ["", f"Agreement with jjj — {agree}.",
                  f"`jjj --graph FILE stats` (load + stats, whole process): {fmt_s(results['jjj']['cli_load_and_stats_s'])}. "
                  f"`jjj --graph FILE path A B` (open + one shortest path, whole process, 20 random pairs): "
                  f"median {fmt_s(results['jjj']['cli_path_median_s'])}, max {fmt_s(results['jjj']['cli_path_max_s'])}, "
                  f"peak RSS {results['jjj']['cli_path_peak_rss_kb'] / 1024:.0f} MB.", ""]
    lat = res["latency"]
    lines += ["### CLI latency", "",
              f"`jjj path 雄安新区 天津` on the embedded seeds: median {fmt_s(lat['median_s'])} of 20 runs "
              f"(min {fmt_s(lat['min_s'])}, max {fmt_s(lat['max_s'])})."]
    return "\n".join(lines)


def main(argv):
    quick = "--quick" in argv
    work = os.path.join(ROOT, "target", "bench-compare")
    if "--work" in argv:
        work = argv[argv.index("--work") + 1]
    os.makedirs(work, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--bin", "jjj"], cwd=ROOT, check=True)
    raw_scan = bench_binary("raw_scan")
    graph_bench = bench_binary("graph_queries")
    version = subprocess.run([JJJ, "--version"], capture_output=True, text=True).stdout.strip()
    res = {"machine": platform.platform(), "cores": os.cpu_count(), "jjj_version": version}
    names = names_file(work)
    sizes = [] if "--queries-only" in argv else ([10] if quick else [10, 100])
    res["extraction"] = [extraction(work, mb, names, raw_scan) for mb in sizes]
    graphs = [(100_000, 500_000, 100, 20)] + ([] if quick else [(1_000_000, 5_000_000, 20, 10)])
    peers = ["igraph", "rustworkx", "networkx"]
    if "--peers" in argv:
        peers = argv[argv.index("--peers") + 1].split(",")
    res["queries"] = {
        f"{n:,} nodes / {m:,} edges": queries(work, n, m, s, k, graph_bench, peers)
        for n, m, s, k in graphs
    }
    res["latency"] = latency()
    json.dump(res, open(os.path.join(work, "results.json"), "w"), indent=1)
    print(table(res))


if __name__ == "__main__":
    main(sys.argv)
