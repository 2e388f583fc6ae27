# Two entry points: `make run` and `make test`. Both create .venv and install the project
# non-editably, so the code under test is exactly what a user's `pip install .` gets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= build

.PHONY: run test lint install install-test browser engines bench bench-server bench-stores screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet ".[test]"

run: install
	$(BIN)/kg build --out $(OUT)
	$(BIN)/kg validate --graph $(OUT)/karabakh.nq
	$(BIN)/kg stats --graph $(OUT)/karabakh.nq

# The browser tests drive Debian's Chromium (never `playwright install`); install it when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core) >/dev/null \
	  || echo "could not install chromium: the browser tests will fail and say so"; }

# The external stores tests/test_engines.py compares with the embedded one: Debian's Virtuoso 7 and
# Comunica (pinned in tests/engines/package-lock.json); each is installed when missing.
engines:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  echo "installing Debian's virtuoso-opensource-7-bin for the engine tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource-7-bin) >/dev/null \
	  || echo "could not install Virtuoso: the engine tests will fail and say so"; }
	@test -d tests/engines/node_modules || { \
	  echo "installing Comunica (npm ci) for the engine tests"; \
	  npm ci --prefix tests/engines --no-audit --no-fund --silent \
	  || echo "could not install Comunica: the engine tests will fail and say so"; }

# Lint and types first (zero findings), then every test.
lint: install-test
	$(BIN)/ruff check kg tests benchmarks examples docs
	$(BIN)/mypy

test: install-test browser engines lint
	$(BIN)/pytest -q

# Benchmarks (not tests): N = 1, 10, 100 articles by default; `make bench SIZES=1,10,100,1000` on request;
# then the ways in (cold query, load, build, validate, search), written to benchmarks/results/ways-in.md.
SIZES ?= 1,10,100
bench: install
	$(BIN)/python benchmarks/run.py --sizes $(SIZES)
	$(BIN)/python benchmarks/ways_in.py

# kg serve against a bare in-memory oxigraph serve (interleaved runs, loopback only).
bench-server: install
	$(BIN)/python benchmarks/server.py

# The corpus of 100 articles on Virtuoso 7 against the embedded store (needs `make engines`).
bench-stores: install-test engines
	$(BIN)/python benchmarks/stores.py

# The README's screenshots, from the current site.
screenshots: install-test browser
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) $(OUT) dist
