# Two commands from a fresh clone:  `make run` (set up, index the bundled reports, serve)  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup index run test lint typecheck unit eval bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0        # the CPU wheel first, so nothing pulls CUDA builds
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

index: setup
	$(BIN)/assistant ingest

run: index
	$(BIN)/assistant serve

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy assistant ingest index ui evals

unit: setup
	$(BIN)/pytest

eval: index
	$(BIN)/assistant eval --questions evals/questions.dev.jsonl --out eval-out --check
	$(BIN)/assistant eval --questions evals/questions.extra.jsonl --out eval-out-extra --check

bench: setup
	$(BIN)/assistant bench --quick --out bench-out

test: lint typecheck unit eval

clean:
	rm -rf $(VENV) .data eval-out bench-out test-output
