"""Write an interactive network page (pyvis, works offline) and the GraphML for Gephi.

Run: python examples/network_page.py [OUTDIR]
"""

import sys
from pathlib import Path

import kg
from kg.networks import export
from kg.viz import write_page

out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/examples")
g = kg.load()
net = g.network("alliances")
write_page(net, out / "alliances.html")
export(net, "graphml", out / "alliances.graphml")
print(f"wrote {out / 'alliances.html'} and {out / 'alliances.graphml'}")
