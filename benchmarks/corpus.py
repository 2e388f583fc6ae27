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


def copies(nquads: bytes, n: int):
    """The graph replicated ``n`` times (ontology once), one N-Quads chunk per article."""
    lines = [line for line in nquads.splitlines() if line]
    data = [line for line in lines if not line.endswith(ONTOLOGY_GRAPH)]
    yield b"\n".join(lines) + b"\n"
    split = [line.rpartition(b" <") for line in data]
    for i in range(1, n):
        prefix = ID + f"a{i}/".encode()
        yield b"".join(body.replace(ID, prefix) + sep + graph + b"\n" for body, sep, graph in split)


def replicate(nquads: bytes, n: int) -> bytes:
    """The replicated corpus in memory (small N)."""
    return b"".join(copies(nquads, n))


def write_corpus(nquads: bytes, n: int, path: Path) -> int:
    """Stream the replicated corpus to ``path``; return the number of quads."""
    count = 0
    with path.open("wb") as out:
        for chunk in copies(nquads, n):
            out.write(chunk)
            count += chunk.count(b"\n")
    return count


def main() -> None:
    from kg.build import compile_nquads

    n, out = int(sys.argv[1]), Path(sys.argv[2])
    print(f"wrote {write_corpus(compile_nquads(), n, out)} quads ({n} articles) to {out}")


if __name__ == "__main__":
    main()
