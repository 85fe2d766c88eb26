#!/usr/bin/env python3
"""The tools users would pick instead of jjj, timed the way benches/compare.sh times jjj.

  peers.py extract CORPUS_DIR NAMES_FILE
      A Python pipeline doing jjj's extraction work: read each document, OpenCC t2s, drop
      pinyin annotations, split sentences, segment with jieba (user dictionary = the
      catalogue's names), keep the catalogue names and count co-occurring pairs.
  peers.py queries TOOL EDGE_LIST PAIRS K_PAIRS SOURCES_JSON
      TOOL = networkx | igraph | rustworkx: load the edge list, then shortest paths (unweighted,
      undirected), k = 5 shortest simple paths, PageRank (directed, damping 0.85, until the
      L1 change is below N·1e-10: NetworkX's rule, whose default tol 1e-6 lets a 1M-node graph
      stop after a step or two) and betweenness from the given sources (unnormalized).

Each prints one JSON object with the timings and the process's peak RSS.
"""

import json
import os
import re
import resource
import statistics
import sys
import time


def peak_rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def extract(corpus, names_file):
    import jieba
    import opencc

    jieba.setLogLevel(60)
    names = [n for n in open(names_file, encoding="utf-8").read().split("\n") if n]
    jieba.load_userdict(names_file)
    jieba.initialize()
    known = set(names)
    t2s = opencc.OpenCC("t2s")
    annotation = re.compile(r"(?<=[\u3400-\u9fff])\([a-zü\u0101-\u01dc]{1,6}\)")
    sentence_end = re.compile(r"(?<=[。！？!?;；\n])")
    files = sorted(
        os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith((".txt", ".md"))
    )
    start = time.perf_counter()
    total = 0
    mentions = 0
    pairs = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        total += len(raw.encode("utf-8"))
        text = t2s.convert(annotation.sub("", raw))
        for sentence in sentence_end.split(text):
            found = sorted({w for w in jieba.lcut(sentence, HMM=False) if w in known})
            mentions += len(found)
            for i, a in enumerate(found):
                for b in found[i + 1:]:
                    pairs[(a, b)] = pairs.get((a, b), 0) + 1
    seconds = time.perf_counter() - start
    return {
        "tool": "python (opencc + jieba)",
        "bytes": total,
        "seconds": seconds,
        "mb_per_s": total / 1e6 / seconds,
        "mentions": mentions,
        "pairs": len(pairs),
        "peak_rss_kb": peak_rss_kb(),
    }


def read_pairs(path):
    return [tuple(int(x) for x in line.split("\t")) for line in open(path) if line.strip()]


def timed(f):
    start = time.perf_counter()
    value = f()
    return time.perf_counter() - start, value


def top10(scores):
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return order[:10]


def queries(tool, edge_list, pairs_file, k_pairs, sources_file):
    pairs = read_pairs(pairs_file)
    sources = json.load(open(sources_file))
    out = {"tool": tool}
    start = time.perf_counter()
    edges = []
    n = 0
    with open(edge_list) as f:
        for line in f:
            s, t, _ = line.split("\t", 2)
            s, t = int(s), int(t)
            edges.append((s, t))
            n = max(n, s + 1, t + 1)
    if tool == "networkx":
        import networkx as nx

        und = nx.Graph()
        und.add_nodes_from(range(n))
        und.add_edges_from(edges)
        dig = nx.DiGraph()
        dig.add_nodes_from(range(n))
        dig.add_edges_from(edges)
        out["load_s"] = time.perf_counter() - start

        def sp(s, t):
            try:
                return len(nx.shortest_path(und, s, t)) - 1
            except nx.NetworkXNoPath:
                return -1

        def k5(s, t):
            from itertools import islice

            try:
                return [len(p) - 1 for p in islice(nx.shortest_simple_paths(und, s, t), 5)]
            except nx.NetworkXNoPath:
                return []

        pagerank = lambda: (lambda pr: [pr[i] for i in range(n)])(
            nx.pagerank(dig, alpha=0.85, tol=1e-10, max_iter=100)
        )

        def betweenness():
            # NetworkX samples its own sources (k=…); the same count, unnormalized, scaled.
            bc = nx.betweenness_centrality(und, k=len(sources), normalized=False, seed=1)
            return [bc[i] for i in range(n)]

    elif tool == "igraph":
        import igraph as ig

        und = ig.Graph(n=n, edges=edges, directed=False).simplify()
        dig = ig.Graph(n=n, edges=edges, directed=True).simplify()
        out["load_s"] = time.perf_counter() - start

        def sp(s, t):
            p = und.get_shortest_path(s, t)
            return len(p) - 1 if p else -1

        def k5(s, t):
            return [len(p) - 1 for p in und.get_k_shortest_paths(s, t, k=5)]

        pagerank = lambda: dig.pagerank(damping=0.85)

        def betweenness():
            return und.betweenness(sources=sources, directed=False)

    elif tool == "rustworkx":
        import rustworkx as rx

        und = rx.PyGraph(multigraph=False)
        und.add_nodes_from(range(n))
        und.extend_from_edge_list(edges)
        dig = rx.PyDiGraph(multigraph=False)
        dig.add_nodes_from(range(n))
        dig.extend_from_edge_list(edges)
        out["load_s"] = time.perf_counter() - start

        def sp(s, t):
            paths = rx.graph_dijkstra_shortest_paths(und, s, target=t)
            return len(paths[t]) - 1 if t in paths else (0 if s == t else -1)

        k5 = None  # rustworkx has k-shortest path lengths, not simple paths

        pagerank = lambda: (lambda pr: [pr[i] for i in range(n)])(
            rx.pagerank(dig, alpha=0.85, tol=1e-10, max_iter=100)
        )
        betweenness = None  # no sampled betweenness; the full one is O(V·E)
    else:
        raise SystemExit(f"unknown tool {tool}")

    times, lengths = [], []
    for s, t in pairs:
        dt, length = timed(lambda: sp(s, t))
        times.append(dt)
        lengths.append(length)
    out["shortest_path_median_s"] = statistics.median(times)
    out["shortest_path_lengths"] = lengths
    if k5 is not None:
        times, ks = [], []
        for s, t in pairs[:k_pairs]:
            dt, found = timed(lambda: k5(s, t))
            times.append(dt)
            ks.append(found)
        out["k_shortest_median_s"] = statistics.median(times)
        out["k_shortest_lengths"] = ks
    dt, pr = timed(pagerank)
    out["pagerank_s"] = dt
    out["pagerank_top10"] = top10(pr)
    if betweenness is not None:
        dt, bc = timed(betweenness)
        out["betweenness_s"] = dt
        out["betweenness_top10"] = top10(bc)
    out["peak_rss_kb"] = peak_rss_kb()
    return out


def main(argv):
    if len(argv) == 4 and argv[1] == "extract":
        result = extract(argv[2], argv[3])
    elif len(argv) == 7 and argv[1] == "queries":
        result = queries(argv[2], argv[3], argv[4], int(argv[5]), argv[6])
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
