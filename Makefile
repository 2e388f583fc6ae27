# Two entry points: `make run` and `make test`. Both create .venv and install the project
# non-editably, so the code under test is exactly what a user's `pip install .` gets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= build

.PHONY: run test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet ".[test]"

run: install
	$(BIN)/kg build --out $(OUT)
	$(BIN)/kg validate --out $(OUT)
	$(BIN)/kg stats --out $(OUT)

test: install-test
	cd tests && ../$(BIN)/pytest -q

clean:
	rm -rf $(VENV) $(OUT) dist
