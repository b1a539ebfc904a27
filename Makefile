# Sanad: `make run` sets up and serves a demo; `make test` runs the whole test suite.
# Needs only python3 (3.11+), make and git. Django 6 needs Python >= 3.12: the newest
# python3.1x found is used; on Python 3.11 the Django 5.2 LTS pin is installed instead.

SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then echo $$p; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo server runs with DEBUG on (runserver serves the admin's static files only then).
RUN_ENV := DJANGO_DEBUG=1

.PHONY: run serve worker test lint format venv eval eval-proposals bench bench-api bench-load clean

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "make: no python3 >= 3.11 found" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changes.
$(VENV)/.installed-run: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

venv: $(VENV)/.installed-dev

# The secret key `make run` and `make serve` share is generated once into var/secret-key, where
# settings read it too: every `manage.py` command then works in a fresh shell, debug off.
run: $(VENV)/.installed-run var/secret-key
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_vocabulary seed
	$(RUN_ENV) $(PY) manage.py load_curated
	$(RUN_ENV) $(PY) manage.py ingest --no-progress fixtures/seeds
	$(RUN_ENV) $(PY) manage.py reextract
	$(RUN_ENV) $(PY) manage.py propose
	$(RUN_ENV) $(PY) manage.py demo_setup
	@echo ""
	@echo "  API:      http://$(HOST):$(PORT)/api/v1/"
	@echo "  API docs: http://$(HOST):$(PORT)/api/docs/"
	@echo "  Admin:    http://$(HOST):$(PORT)/admin/"
	@echo ""
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# Production-style serving: gunicorn (project/gunicorn.conf.py), static files by whitenoise,
# logs to stdout, DEBUG off. Without DJANGO_SECRET_KEY a random key is generated once into
# var/secret-key (mode 600, never committed). TLS is expected to end at a proxy in front, which
# also redirects HTTP; set DJANGO_SECURE_SSL_REDIRECT=1 to make Django redirect instead.
SERVE_ENV = SANAD_STATIC_MANIFEST=1 DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat var/secret-key)}" \
	DJANGO_CONN_MAX_AGE="$${DJANGO_CONN_MAX_AGE:-60}" \
	DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-0}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"

var/secret-key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

serve: $(VENV)/.installed-run var/secret-key
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(VENV)/bin/gunicorn --config project/gunicorn.conf.py

# A Celery worker for batch ingestion jobs. Needs a broker: CELERY_BROKER_URL=redis://127.0.0.1:6379/0
# (the same in the web processes that submit jobs). Without a broker, jobs run in the submitting
# process and no worker is needed. WORKER_ARGS e.g. "--concurrency 2".
worker: $(VENV)/.installed-run var/secret-key
	@test -n "$$CELERY_BROKER_URL" || { echo "make worker: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0)" >&2; exit 1; }
	$(VENV)/bin/celery --app project worker --loglevel INFO $(WORKER_ARGS)

# One pytest worker per core (pytest-xdist); `worksteal` hands a finished worker tests queued
# for a busy one, so the long browser, worker and audit tests do not end the run alone.
# PYTEST_ARGS adds to it (`make test PYTEST_ARGS="-n 0 -x"` runs in one process).
PYTEST_WORKERS ?= -n auto --dist worksteal
test: $(VENV)/.installed-dev
	$(PY) -m pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

# mypy (with the Django and DRF stubs) checks the domain, extraction, services and selectors
# ([tool.mypy] in pyproject.toml); it reads the settings, hence DJANGO_DEBUG.
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(VENV)/bin/mypy

# Refresh .secrets.baseline after adding a test-only value on purpose (keeps the audit marks);
# review the new entries with `$(VENV)/bin/detect-secrets audit .secrets.baseline`, then commit.
# tests/security/test_secrets.py fails on any finding the baseline lacks.
.PHONY: secrets-baseline
secrets-baseline: $(VENV)/.installed-dev
	git ls-files -z | xargs -0 $(VENV)/bin/detect-secrets scan --baseline .secrets.baseline

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Extractor accuracy on third-party test suites (needs ../shared/external-tests), then the
# proposals on the real-news development set (needs benchmarks/devset/texts, kept out of git).
eval: $(VENV)/.installed-dev
	$(PY) -m benchmarks.eval_extractors
	$(MAKE) eval-proposals

# Proposed claims scored against the hand labels of benchmarks/devset (docs/proposals-eval.md).
eval-proposals: $(VENV)/.installed-dev
	$(PY) -m benchmarks.eval_proposals $(EVAL_PROPOSALS_ARGS)

# Extractor throughput vs dateparser.search_dates on the same sentences.
bench: $(VENV)/.installed-dev
	$(PY) -m benchmarks.extraction

# API and conflict-scan benchmark (docs/api-bench.md) on a SCRATCH database; it refuses one
# that holds claims:
#   createdb -h 127.0.0.1 -U postgres sanad_bench_api
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanad_bench_api make bench-api
#   DATABASE_URL=sqlite:////tmp/sanad_bench.sqlite3 make bench-api
BENCH_API_ENV = DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-bench-only}" DJANGO_SECURE_SSL_REDIRECT=0 \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1}"
bench-api: $(VENV)/.installed-dev
	$(BENCH_API_ENV) $(PY) manage.py migrate --noinput --verbosity 0
	$(BENCH_API_ENV) $(PY) -m benchmarks.run_api $(BENCH_API_ARGS)

# Load benchmark (docs/load-bench.md): gunicorn + wrk (apt-get install wrk), 50 connections for 60 s,
# over a database holding the synthetic claims that `make bench-api BENCH_API_ARGS=--keep` left.
.PHONY: bench-load
bench-load: $(VENV)/.installed-dev
	$(PY) -m benchmarks.load $(BENCH_LOAD_ARGS)

clean:
	rm -rf $(VENV) var

# Schemathesis against the OpenAPI contract, on a live gunicorn with the curated seeds
# (benchmarks/fuzz_api.py): fixed seed and examples per operation, a 360 s budget, fails on any 5xx
# or schema violation. SCRATCH database: a temp SQLite file without DATABASE_URL, else
# `<configured name>_fuzz` on the same PostgreSQL server, dropped afterwards.
.PHONY: fuzz
fuzz: $(VENV)/.installed-dev
	$(PY) -m benchmarks.fuzz_api $(FUZZ_ARGS)
