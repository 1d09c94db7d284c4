# Two commands on a fresh machine: `make run` (set up, ingest the demo corpus, serve the chat) and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= .minutes
HOST ?= 127.0.0.1
PORT ?= 7860

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser run ingest lint format test eval eval-archive load clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# torch first, pinned to the CPU build on disk: an unpinned torch would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

install: $(STAMP)

ingest: install
	$(BIN)/minutes ingest corpus/ --data-dir $(DATA)

run: ingest
	$(BIN)/minutes serve --data-dir $(DATA) --host $(HOST) --port $(PORT)

# The browser tests drive Debian's Chromium through Playwright (never Playwright's own browser download).
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

# Lint, format check, types, layering (the contract in pyproject.toml [tool.importlinter]). All four run even when
# one fails, so one CI log lists every problem; `make format` fixes what is mechanical.
lint: install
	@status=0; \
	echo "== ruff check";   $(BIN)/ruff check . || status=1; \
	echo "== ruff format";  $(BIN)/ruff format --check --output-format concise . || { status=1; echo "(run 'make format')"; }; \
	echo "== mypy";         $(BIN)/mypy || status=1; \
	echo "== lint-imports"; $(BIN)/lint-imports || status=1; \
	exit $$status

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install browser lint
	$(BIN)/python -m pytest

eval: ingest
	$(BIN)/minutes eval evals/questions.jsonl --data-dir $(DATA) --baseline naive --out eval-out

# The real archive (evals/archive): council papers' dev and test splits side by side, then the QMSum transcripts.
ARCHIVE_DATA ?= .minutes-archive
eval-archive: install
	$(BIN)/minutes ingest evals/archive/councils --data-dir $(ARCHIVE_DATA)/councils --quiet
	$(BIN)/minutes eval evals/archive/questions-test.jsonl evals/archive/questions-dev.jsonl \
		--data-dir $(ARCHIVE_DATA)/councils --baseline naive --corpus evals/archive/councils --out eval-out/archive
	$(BIN)/minutes ingest evals/archive/qmsum --data-dir $(ARCHIVE_DATA)/qmsum --quiet
	$(BIN)/minutes eval evals/archive/gold/qmsum-questions.jsonl --data-dir $(ARCHIVE_DATA)/qmsum \
		--baseline naive --corpus evals/archive/qmsum --out eval-out/qmsum

clean:
	rm -rf $(VENV) $(DATA) $(ARCHIVE_DATA) eval-out
