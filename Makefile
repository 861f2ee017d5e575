# The two commands: `make run` and `make test`. Both create .venv on first use and reinstall only
# when a requirements file changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := DJANGO_DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-nightly lint format migrate demo bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

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

test: install
	$(BIN)/python -m pytest

test-nightly: install
	HYPOTHESIS_PROFILE=nightly $(BIN)/python -m pytest

# The quick benchmarks (seconds); the database ones take arguments, see README "Benchmarks".
bench: install
	$(BIN)/python bench/bench_dates.py
	$(BIN)/python bench/bench_extraction.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis staticfiles
