# The two commands: `make run` and `make test`. Both create the venv on first use and reinstall
# only when a lock file changes. `make run` installs the runtime lock only; `make test` adds the
# development tools. Both install with --require-hashes, so only the locked files can be installed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes
# `make lock LOCK_ARGS=--upgrade` moves every package to its newest allowed version.
LOCK_ARGS ?=
# Hashes must be PyPI's whatever index this machine's pip or uv configuration points at.
UV_COMPILE := $(BIN)/uv pip compile --quiet --no-config --default-index https://pypi.org/simple \
	--generate-hashes --python-version 3.11 --custom-compile-command "make lock" $(LOCK_ARGS)
PYTEST_ARGS ?= -n auto --dist loadfile
DEV_ENV := DJANGO_DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev run test test-nightly lint format lock migrate demo bench clean

$(RUNTIME_STAMP): requirements-pip.txt requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements-pip.txt
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP) requirements-dev.txt
	$(PIP_INSTALL) -r requirements.txt -r requirements-dev.txt
	touch $@

install: $(RUNTIME_STAMP)

install-dev: $(DEV_STAMP)

# Recompiles requirements*.txt from requirements*.in (direct dependencies only; pip itself). The development
# set is constrained by the runtime lock, so the two agree on every shared package.
lock: install-dev
	$(UV_COMPILE) requirements-pip.in -o requirements-pip.txt
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-dev.in -o requirements-dev.txt

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_demo --if-empty
	$(DEV_ENV) $(BIN)/python manage.py create_editor --admin-url http://$(HOST):$(PORT)/admin/

# The background worker (ingestion jobs) runs next to the web server and stops with it. It does
# not reload on code changes: restart `make run` after editing the ingest code.
run: demo
	$(DEV_ENV) $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-nightly: install-dev
	HYPOTHESIS_PROFILE=nightly $(BIN)/python -m pytest

# The quick benchmarks (seconds); the database ones take arguments, see README "Benchmarks".
bench: install
	$(BIN)/python bench/bench_dates.py
	$(BIN)/python bench/bench_extraction.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis staticfiles
