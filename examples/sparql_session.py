"""A SPARQL session: ask the graph questions in SPARQL and read the answers with their sources.

Run: python examples/sparql_session.py
"""

import kg

g = kg.load()

# Who supported whom, and where does the article say so?
rows = g.sparql("""
SELECT ?supporter ?supported ?paragraph ?lines WHERE {
  ?c kgo:predicate kgo:supports ; kgo:negated false ;
     kgo:subject/rdfs:label ?supporter ; kgo:object/rdfs:label ?supported ;
     kgo:inParagraph/dcterms:identifier ?paragraph ; kgo:hasEvidence/kgo:lines ?lines .
  FILTER(LANG(?supporter) = "en" && LANG(?supported) = "en")
}
ORDER BY ?supported ?supporter
""")
for r in rows:
    print(f"{r['supporter']} supported {r['supported']}  ({r['paragraph']}, lines {r['lines']})")

# What did the article say did NOT happen? (negated claims)
for r in g.sparql("""
SELECT ?gloss ?paragraph WHERE { ?c kgo:negated true ; kgo:gloss ?gloss ; kgo:inParagraph/dcterms:identifier ?paragraph }
ORDER BY ?paragraph LIMIT 5"""):
    print(f"not so ({r['paragraph']}): {r['gloss']}")

# The provenance of one claim, with the Persian source line.
for r in g.explain("R44"):
    print(r["claim"], r["paragraph"], r["lines"], r["quote"], "->", r["gloss"], sep="\n  ")
