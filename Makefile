# Two commands for a fresh clone: `make run` and `make test` (see README.md).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED := ../shared/data/ner
PORT ?= 8000

.PHONY: install run test lint format migrate train evaluate bench clean axe

install: $(STAMP)

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --no-input

run: migrate
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py load_demo
	@# The task worker (bulk uploads, long jobs) runs beside the web server; Ctrl-C stops both.
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install lint axe
	$(BIN)/pytest

# axe-core for the accessibility browser test, from npm into .cache/ (never committed).
# Without npm the test is skipped here and fails in CI, which must run it.
AXE := .cache/axe/node_modules/axe-core/axe.min.js

axe: $(AXE)

$(AXE):
	@if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4; \
	else echo "npm not found: the accessibility browser test will be skipped"; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

train: install
	$(BIN)/python -m articles.annotate.train

# Model-only and pipeline P/R/F1 per type on the TUNE and MEASURE halves of both dev sets
# (articles/annotate/eval_split.json), then TIME spans on NER-UGM dev.
evaluate: install
	$(BIN)/python -m articles.annotate.evaluate --report --data $(SHARED)
	$(BIN)/python -m articles.annotate.evaluate $(SHARED)/nerugm-time-quantity/dev.tsv

bench: install
	$(BIN)/python -m articles.annotate.bench

clean:
	rm -rf staticfiles .pytest_cache .ruff_cache
