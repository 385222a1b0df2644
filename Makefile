# Pamong — two commands for a fresh machine with Python 3.11+ and make:
#   make run    create .venv, install, migrate, load demo data when the database is empty, serve :8000
#   make test   install dev dependencies when needed, run the whole suite (in parallel)
#   make test-fast  the suite without the slow and browser tests, test databases reused
#   make lint   every static check CI runs
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Python keeps compiled modules (and pytest its rewritten test modules) in __pycache__ even where
# the shell says not to: without them every pytest worker and every process a test starts compiles
# the project, Django and Wagtail again (collecting the suite took 14 s instead of 6).
unexport PYTHONDONTWRITEBYTECODE

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

# The development server and, next to it, the background worker (notifications, emails: django-tasks'
# db_worker). Ctrl-C stops both; when the server stops, the worker is stopped with it.
run: seed
	@echo "Pamong berjalan di http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@$(PY) manage.py db_worker --backend background & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Tests run in parallel (pytest-xdist): PYTEST_WORKERS processes, each with its own test database
# (SQLite in memory; PostgreSQL test_<name>_gw0, _gw1, ...). PYTEST_WORKERS=0 runs in one process.
# pytest exits 5 when it ran no test: that is a failure too (a wrong path or marker), said plainly.
# --no-loadscope-reorder: each worker runs its share in collection order, which pytest-django sorts
# (plain database tests, then transactional ones, whose flush empties the database, then the rest);
# xdist's default reorder would start the browser group first and leave later tests an empty database.
PYTEST_WORKERS ?= auto
PYTEST_XDIST   := -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder
define run_pytest
	$(PY) -m pytest $(1) || { rc=$$?; [ $$rc -ne 5 ] || echo "pytest ran no test (exit 5): failing." >&2; exit $$rc; }
endef

test: install-dev
	$(call run_pytest,$(PYTEST_XDIST) $(PYTEST_ARGS))

# The edit-test loop: everything but the tests marked slow or browser (seed commands, the permission
# matrix, schemathesis, Chromium journeys), with the test databases kept between runs (--reuse-db;
# add PYTEST_ARGS=--create-db after changing a migration by hand). 1,787 of the 1,854 tests, under
# 2 minutes on an idle 2-core box (README, Tests).
test-fast: install-dev
	$(call run_pytest,$(PYTEST_XDIST) --reuse-db -m "not slow and not browser" $(PYTEST_ARGS))

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
