"""Every HTML page comes from a Jinja2 template in ``kg/templates`` (autoescaped, one style).

Example:
    >>> "&lt;b&gt;" in render("doc.html", title="<b>", nav=[], css="", lang_js="")
    True
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kg.resources import resource


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(resource("templates"))),
                             autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["blank"] = lambda value: "" if value is None else value
    return env


def render(template: str, **context: Any) -> str:
    """Render ``template`` with ``context``; every value is escaped unless a template marks it safe."""
    return _environment().get_template(template).render(**context)


def script(name: str) -> str:
    """A page script from ``kg/templates`` (inlined into the page)."""
    return resource("templates").joinpath(name).read_text(encoding="utf-8")


def stylesheet() -> str:
    """The shared stylesheet of every page."""
    return resource("templates").joinpath("network.css").read_text(encoding="utf-8")
