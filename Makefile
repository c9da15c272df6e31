# Two commands from a fresh clone:  `make run` (set up, index the bundled reports, serve)  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup index run test lint typecheck check-structure unit eval eval-openai calibrate bench reliability heldout clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-compile torch==2.13.0   # the CPU wheel first, so nothing pulls CUDA builds
	$(BIN)/pip install --quiet --no-compile -e '.[dev]'
	@# byte-compiled on every core at once rather than file by file inside pip (a few files of some packages are
	@# not Python 3 and fail to compile, as they did under pip: compileall's exit status is ignored)
	-$(BIN)/python -m compileall -q -j 0 $$($(BIN)/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])") >/dev/null 2>&1
	touch $(STAMP)

index: setup
	$(BIN)/assistant ingest

run: index
	$(BIN)/assistant serve

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy assistant ingest index ui evals tools

check-structure: setup   # longest files and functions; fails above 400 lines a file / 50 a function
	$(BIN)/python tools/check_structure.py

# pytest-xdist workers for the suites (CI has 2 cores; PYTEST_WORKERS=0 runs them in one process). A file's tests
# stay on one worker and the server-timing and browser files share one (tests/conftest.py, `--dist loadgroup`).
PYTEST_WORKERS ?= 2
XDIST := -n $(PYTEST_WORKERS) --dist loadgroup

unit: setup   # tests marked serial (timed against a deadline) first, alone, then the rest on the workers
	$(BIN)/pytest -m "serial and not reliability" || [ $$? -eq 5 ]   # (5: none selected)
	$(BIN)/pytest -m "not reliability and not serial" $(XDIST)

reliability: setup   # crash test (SIGKILLed ingests), bad inputs, API fuzzing, concurrent askers
	$(BIN)/pytest -m reliability -p no:cacheprovider $(XDIST)
	$(BIN)/python -m evals.load --askers 50 --seconds 15 --out test-output/load.json

DEV2_DATA := .data-dev2

eval: index   # the three sets on the bundled reports in one process (the models load once)
	$(BIN)/assistant eval --check \
	  --questions evals/questions.dev.jsonl --out eval-out --thresholds evals/thresholds.dev.toml \
	  --questions evals/questions.paraphrase.jsonl --out eval-out-paraphrase --thresholds evals/thresholds.paraphrase.toml \
	  --questions evals/questions.extra.jsonl --out eval-out-extra --thresholds evals/thresholds.extra.toml
	ASSISTANT_DATA_DIR=$(DEV2_DATA) $(BIN)/assistant ingest evals/corpus-dev
	ASSISTANT_DATA_DIR=$(DEV2_DATA) $(BIN)/assistant eval --questions evals/questions.dev2.jsonl --out eval-out-dev2 --check --thresholds evals/thresholds.dev2.toml

calibrate: index
	ASSISTANT_DATA_DIR=$(DEV2_DATA) $(BIN)/assistant ingest evals/corpus-dev
	$(BIN)/assistant calibrate --out docs/calibration.md \
	  --questions evals/questions.dev.jsonl --data-dir .data --questions evals/questions.paraphrase.jsonl --data-dir .data \
	  --questions evals/questions.extra.jsonl --data-dir .data --questions evals/questions.dev2.jsonl --data-dir $(DEV2_DATA)

# the openai backend against the scripted fake server on loopback (tests/fake_openai.py): gates unsupported_claims at 0
eval-openai: index
	$(BIN)/python tests/fake_openai.py -- $(BIN)/assistant eval --backend openai --questions evals/questions.dev.jsonl --out eval-out-openai --check --thresholds evals/thresholds.openai.toml

# the held-out sets (written by helpers who never read the code; scored, never gated, never tuned on)
heldout: setup
	for s in heldout heldout2 heldout3 heldout4 heldout5 heldout6 heldout7; do \
	  ASSISTANT_DATA_DIR=.data-$$s $(BIN)/assistant ingest evals/$$s/corpus && \
	  ASSISTANT_DATA_DIR=.data-$$s $(BIN)/assistant eval --questions evals/$$s/questions.jsonl --out eval-out-$$s; \
	done

bench: setup
	$(BIN)/assistant bench --quick --out bench-out

test: lint typecheck check-structure unit eval eval-openai

clean:
	rm -rf $(VENV) .data .data-dev2 .data-heldout .data-heldout2 .data-heldout3 .data-heldout4 .data-heldout5 .data-heldout6 .data-heldout7 eval-out eval-out-openai bench-out test-output
