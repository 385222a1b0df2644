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

.PHONY: run install install-dev migrate seed test lint format messages bench clean

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

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml templates

# Refresh the Indonesian catalogue after changing UI strings (needs GNU gettext's xgettext).
messages: install-dev
	$(PY) -m pamong.i18n update

bench: install-dev
	$(PY) -m benchmarks.run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
