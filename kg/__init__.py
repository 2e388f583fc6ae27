"""karabakh-kg: the knowledge graph of Hajimineh & Falahati (2025) on the Karabakh conflict.

The heavy libraries (rdflib, pyoxigraph, owlready2, pyshacl, networkx, pyvis) are imported
only by the functions that need them, so ``import kg`` and ``kg --help`` stay fast.
"""

__version__ = "0.1.0"
