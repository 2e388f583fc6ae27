"""A Python session: load the graph, take the mediation network into networkx and rank actors.

Run: python examples/centrality.py
"""

import networkx as nx

import kg

g = kg.load()
net = g.network("mediation")
print(f"mediation network: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges")

actors = [n for n, d in net.nodes(data=True) if d["type"] not in ("Conflict", "Ceasefire", "Meeting",
                                                                   "PeacePlan", "Resolution", "Event")]
centrality = nx.degree_centrality(net)
print("actors by degree centrality:")
for node in sorted(actors, key=lambda n: (-centrality[n], net.nodes[n]["label_en"]))[:8]:
    data = net.nodes[node]
    print(f"  {centrality[node]:.3f}  {data['label_en']}  /  {data['label_fa']}")

# Every edge can be explained: the claims it was derived from.
source, target, data = next((u, v, d) for u, v, d in net.edges(data=True) if d["relation"] == "obstructed")
print(f"{net.nodes[source]['label_en']} {data['label_en']} {net.nodes[target]['label_en']}: claims {data['claims']}")
