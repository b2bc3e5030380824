# One-command setup on a fresh machine: `make demo` and `make test` need only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo worker serve-prod two-nodes install install-dev migrate test test-postgres test-browser browser audit-tools audit lint format check bench bench-load serve clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamps keep reinstalls cheap: they are redone only when the requirement files change.
$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

migrate: install
	$(PY) manage.py migrate --noinput

# Wagtail's Site and the admin's own links must name the address runserver listens on. The
# demo settings turn DEBUG off, so readers see the site's own 404 and 500 pages.
demo: export WAGTAILADMIN_BASE_URL = http://$(HOST):$(PORT)
demo: export DJANGO_SETTINGS_MODULE = config.settings.demo
demo: migrate
	$(PY) manage.py load_demo --host $(HOST) --port $(PORT)
	@echo "Serving on http://$(HOST):$(PORT)/ (admin at http://$(HOST):$(PORT)/admin/). Ctrl-C stops it."
	@echo "A task worker runs beside it (link checks, webhooks, search index, renditions) and publish_scheduled runs every minute."
	$(PY) scripts/run_demo.py $(HOST):$(PORT)

serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

# The background worker alone (link checks, webhook deliveries, search index updates), for a
# server started some other way; `make demo` already runs one.
worker: install
	$(PY) manage.py db_worker

# Production on this machine: gunicorn (gthread) on config.settings.production with
# PostgreSQL and Redis (DATABASE_URL, REDIS_URL; local defaults in scripts/prodstack.py),
# migrate, collectstatic, a task worker and publish_scheduled every minute.
# `make serve-prod PORT=8080 ARGS=--load-demo` loads the demo content first.
serve-prod: install
	$(PY) -m scripts.serve_prod --host $(HOST) --port $(PORT) $(ARGS)

# Two gunicorn nodes (ports 8001 and 8002) sharing one database, one Redis and one worker.
two-nodes: install
	$(PY) -m scripts.two_nodes $(ARGS)

test: install-dev
	$(BIN)/pytest

# Same suite on PostgreSQL; DATABASE_URL names the server (pytest-django creates test_<name>).
test-postgres: install-dev
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/skincare} $(BIN)/pytest

# Browser tests drive Debian's Chromium through Playwright (Playwright's own download cannot
# work offline); `make browser` installs it, and `make test` skips them where it is absent.
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

test-browser: install-dev browser audit-tools
	SKINCARE_REQUIRE_BROWSER=1 $(BIN)/pytest tests/browser

# axe-core, Lighthouse and the Nu HTML checker (vnu-jar, run with the system's Java) from npm,
# pinned by tools/audit/package-lock.json (node_modules is not committed).
audit-tools: tools/audit/node_modules/.installed

tools/audit/node_modules/.installed: tools/audit/package.json tools/audit/package-lock.json
	npm ci --prefix tools/audit --no-audit --no-fund --loglevel=error
	touch $@

# Every reader page type of a fresh demo: axe at 1280 and 390 px (screenshots in
# tests/browser/screenshots/ or $$CI_ARTIFACTS), the Nu HTML checker, and Lighthouse (mobile)
# with each category >= 95; figures into benchmarks/RESULTS.md (section audit).
audit: install-dev browser audit-tools
	SKINCARE_REQUIRE_BROWSER=1 $(BIN)/pytest tests/browser/test_accessibility.py tests/browser/test_html_validity.py
	$(PY) scripts/site_audit.py --write-results

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

bench: install-dev
	$(PY) -m pip install --quiet -r benchmarks/requirements.txt
	@for b in benchmarks/bench_*.py; do m=$$(basename $$b .py); [ $$m = bench_load ] && continue; echo "== $$m"; $(PY) -m benchmarks.$$m || exit 1; done
	@echo "Figures written to benchmarks/RESULTS.md"

# Load test (~6 min): locust against gunicorn on production settings, on loopback. Needs
# PostgreSQL and Redis (LOAD_DATABASE_URL, LOAD_REDIS_URL; local defaults in the script).
bench-load: install-dev
	$(PY) -m pip install --quiet -r benchmarks/requirements.txt
	$(PY) -m benchmarks.bench_load

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected .coverage htmlcov
