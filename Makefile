# Pamong — two commands for a fresh machine with Python 3.11+ and make:
#   make run    create .venv, install, migrate, load demo data when the database is empty, serve :8000
#   make test   install dev dependencies when needed, run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run install install-dev migrate seed test test-fast lint format messages bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP) $@

install: $(STAMP)

install-dev: $(DEVSTAMP)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --if-empty

run: seed
	@echo "Pamong berjalan di http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

# Everything CI checks besides the tests: ruff (lint, unused noqa, format), djhtml, the import
# layers (lint-imports, contracts in pyproject.toml), Django's system checks, no missing migration.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml templates

# Refresh the Indonesian catalogue after changing UI strings (needs GNU gettext's xgettext).
messages: install-dev
	$(PY) -m pamong.i18n update

# Benchmarks at Jambi scale (not part of `make test`): PostgreSQL database pamong_bench on
# 127.0.0.1:5432, gunicorn with production settings, wrk per page, Locust for the mixed scenario.
# BENCH_ARGS e.g. "--quick" or "--pages home,lesson"; see benchmarks/README.md.
BENCHSTAMP := $(VENV)/.installed-bench
$(BENCHSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	touch $(STAMP) $(DEVSTAMP) $@

bench: $(BENCHSTAMP)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	@command -v pg_ctlcluster >/dev/null || (apt-get update -qq && apt-get install -y -qq postgresql)
	$(PY) -m benchmarks.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
