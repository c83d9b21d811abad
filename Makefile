# Each target sets itself up on a fresh machine: a .venv is created and filled when missing or stale.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test lint format bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e ".[test]"
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e ".[test,dev]"
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed

run: $(VENV)/.installed
	$(VENV)/bin/companion

test: $(VENV)/.installed-test
	$(PY) -m pytest

# The rules of the house, kept by tools: lint and format (ruff), types (mypy), import contracts (import-linter).
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check companion tests benchmarks
	$(VENV)/bin/ruff format --check companion tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix companion tests benchmarks
	$(VENV)/bin/ruff format companion tests benchmarks

bench: $(VENV)/.installed-test
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) dist build *.egg-info
