"""Every public module's docstring examples run (as in pyoxigraph)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg", "kg.resources", "kg.schema", "kg.sources", "kg.compile", "kg.build", "kg.validate",
           "kg.stats", "kg.store", "kg.catalogue", "kg.graph", "kg.terms", "kg.text", "kg.output",
           "kg.networks", "kg.viz", "kg.namespaces"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0
