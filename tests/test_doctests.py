"""Every module's docstring examples run (as in pyoxigraph); the modules are found, not listed."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = ["kg"] + sorted(m.name for m in pkgutil.iter_modules(kg.__path__, "kg.") if m.name != "kg.__main__")


def test_every_module_is_collected():
    assert {"kg.catalogue", "kg.graph", "kg.iris", "kg.results", "kg.validate"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0
