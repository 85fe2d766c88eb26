"""Load jjj's node-link, GraphML and GEXF exports with NetworkX and print what it read.

Usage: python3 networkx_load.py NODE_LINK.json GRAPH.graphml GRAPH.gexf
Prints one JSON object: per format the node and edge counts, whether it is a multigraph,
the count of nodes per kind, and one node's and one edge's attributes, for the Rust test
to compare with the graph.
"""
import collections
import json
import sys

import networkx as nx


def text(value):
    """A value as NetworkX holds it, lists and dicts as JSON text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False)


def summary(g):
    kinds = collections.Counter(str(d.get("kind")) for _, d in g.nodes(data=True))
    node = dict(g.nodes["region/xiongan"])
    edge = next(
        (dict(d) for _, _, d in g.edges(data=True) if d.get("relation") == "signed"), {}
    )
    labels = sum(1 for _, d in g.nodes(data=True) if d.get("label"))
    relations = sum(1 for *_, d in g.edges(data=True) if d.get("relation"))
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "multigraph": g.is_multigraph(),
        "directed": g.is_directed(),
        "kinds": dict(sorted(kinds.items())),
        "with_label": labels,
        "with_relation": relations,
        "xiongan": {k: text(node.get(k)) for k in ("label", "kind", "en", "aliases")},
        "signed": {k: text(edge.get(k)) for k in ("relation", "confidence", "evidence")},
    }


def main():
    node_link, graphml, gexf = sys.argv[1:4]
    with open(node_link, encoding="utf-8") as f:
        data = json.load(f)
    out = {
        "networkx": nx.__version__,
        "node_link": summary(nx.node_link_graph(data, edges="edges")),
        "graphml": summary(nx.read_graphml(graphml)),
        "gexf": summary(nx.read_gexf(gexf, version="1.3")),
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
