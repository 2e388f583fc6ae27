"""Synthetic corpus: the article's graph replicated N times with distinct IRIs.

Article 0 keeps the real IRIs (so every named query finds its data); copies 1..N-1 rewrite every
``https://w3id.org/karabakh-kg/id/`` IRI (except the graph names) under ``.../id/a{i}/``. The
ontology graph is included once. Usage: ``python benchmarks/corpus.py N OUT.nq``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ID = b"https://w3id.org/karabakh-kg/id/"
ONTOLOGY_GRAPH = b"<https://w3id.org/karabakh-kg/id/graph/ontology> ."


def replicate(nquads: bytes, n: int) -> bytes:
    """The graph replicated ``n`` times (ontology once)."""
    lines = [line for line in nquads.splitlines() if line]
    ontology = [line for line in lines if line.endswith(ONTOLOGY_GRAPH)]
    data = [line for line in lines if not line.endswith(ONTOLOGY_GRAPH)]
    out = ontology + data
    for i in range(1, n):
        prefix = ID + f"a{i}/".encode()
        for line in data:
            body, sep, graph = line.rpartition(b" <")
            out.append(body.replace(ID, prefix) + sep + graph)
    return b"\n".join(out) + b"\n"


def main() -> None:
    from kg.build import compile_nquads

    n, out = int(sys.argv[1]), Path(sys.argv[2])
    out.write_bytes(replicate(compile_nquads(), n))
    print(f"wrote {n} article(s) to {out}")


if __name__ == "__main__":
    main()
