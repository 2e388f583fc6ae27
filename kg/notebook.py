"""Networks inline in Jupyter, offline, and still drawn after the notebook is exported to HTML.

:func:`show` puts the project's own self-contained network page (vis-network inlined, no request
leaves the page) into an ``<iframe srcdoc>``: the notebook's output holds the whole page, so it
needs neither a kernel nor the internet once saved or exported with nbconvert.

Example:
    >>> import kg
    >>> g = kg.load()
    >>> frame = show(g.network("mediation"), g, height=500).data
    >>> frame.startswith("<iframe") and "srcdoc=" in frame and "vis.Network" in frame
    True
"""

from __future__ import annotations

import html as _html


class Frame:
    """An HTML fragment that Jupyter displays (``_repr_html_``), without importing IPython."""

    def __init__(self, data: str):
        self.data = data

    def _repr_html_(self) -> str:
        return self.data


def show(net, graph=None, height: int = 600, title: str | None = None) -> Frame:
    """Display a network (from :meth:`kg.graph.KnowledgeGraph.network`) inline in a notebook.

    Args:
        net: the network.
        graph: the graph it came from (for the claims, quotes and dates in the detail panel).
        height: the frame's height in pixels.
        title: the page's title.

    Returns:
        An object Jupyter shows as the interactive page.
    """
    from kg.viz import page_data, render_page

    page = render_page(page_data(net, graph, title))
    return Frame(f'<iframe srcdoc="{_html.escape(page, quote=True)}" sandbox="allow-scripts" '
                 f'style="width:100%;height:{int(height)}px;border:1px solid #d9dee7"></iframe>')
