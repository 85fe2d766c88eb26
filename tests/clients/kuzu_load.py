"""Load a `jjj export --format neo4j-csv` directory into Kùzu, an embedded Cypher database
from PyPI, with the export's own kuzu.cypher, and print as JSON what it holds and every
shortest path of typed relations (co-occurrence left out, links followed both ways)
between two entities.

    kuzu_load.py EXPORT_DIR FROM_ID TO_ID
"""

import json
import os
import sys
import tempfile

import kuzu


def main(directory, source, target):
    os.chdir(directory)
    with tempfile.TemporaryDirectory() as tmp:
        conn = kuzu.Connection(kuzu.Database(os.path.join(tmp, "jjj.kuzu")))
        with open("kuzu.cypher", encoding="utf-8") as f:
            conn.execute(f.read())

        def rows(query, **params):
            result = conn.execute(query, params)
            out = []
            while result.has_next():
                out.append(result.get_next())
            return out

        shortest = rows(
            "MATCH p = (a:Entity {id: $a})-[r:Relation* ALL SHORTEST 1..12"
            " (r, n | WHERE r.relation <> 'co_occurs')]-(b:Entity {id: $b})"
            " RETURN properties(nodes(p), 'id')",
            a=source,
            b=target,
        )
        xiongan = rows(
            "MATCH (n:Entity {id: 'region/xiongan'}) RETURN n.label, n.en, n.kind, n.lon, n.discovered"
        )
        print(json.dumps({
            "nodes": rows("MATCH (n:Entity) RETURN count(n)")[0][0],
            "edges": rows("MATCH ()-[r:Relation]->() RETURN count(r)")[0][0],
            "typed_edges": rows(
                "MATCH ()-[r:Relation]->() WHERE r.relation <> 'co_occurs' RETURN count(r)")[0][0],
            "shortest": sorted({tuple(p[0]) for p in shortest}),
            "xiongan": xiongan[0] if xiongan else None,
        }, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:4])
