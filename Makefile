# `make run` starts the gateway, `make test` runs the suite; both build .venv on first use and
# reinstall only when pyproject.toml or constraints.txt changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
ARGS ?=

.PHONY: install run test bench bench-all lint

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt tests/node/package-lock.json | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -c constraints.txt -e '.[test]'
	# The official openai Node client, for the Responses API tests (pinned by package-lock.json).
	npm ci --prefix tests/node --no-audit --no-fund
	touch $@

run: $(STAMP)
	$(BIN)/sekisho serve $(ARGS)

# Browser tests use the system /usr/bin/chromium; no browser is downloaded.
test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# Sekisho beside the upstream alone (and LiteLLM's proxy when SEKISHO_BENCH_LITELLM names a
# virtualenv holding it): the performance table of README, in about three minutes.
bench: $(STAMP)
	$(BIN)/python -m bench.bench_gateway $(ARGS)

bench-all: $(STAMP)
	@set -e; for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python -m bench.$$(basename $$f .py); done

# The type and lint gate: mypy --strict and ruff over the packages (settings in pyproject.toml).
lint: $(STAMP)
	$(BIN)/python -m compileall -q gateway detectors tests
	$(BIN)/mypy
	$(BIN)/ruff check gateway detectors
