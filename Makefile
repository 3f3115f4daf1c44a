# Kompetanseportalen. `make run` serves the site with demo content; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run dev test install demo-data lint format check messages compile-messages collectstatic clean serve bench

$(BIN)/activate: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,dev]'
	touch $(BIN)/activate

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules/.package-lock.json

install: $(BIN)/activate node_modules/.package-lock.json compile-messages

compile-messages: $(BIN)/activate
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

demo-data: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_demo_content --if-empty

# What people see in production: no debug pages (portal/settings/run.py).
run: demo-data
	@echo ""
	@echo "Kompetanseportalen runs on http://$(HOST):$(PORT)/  (log in: http://$(HOST):$(PORT)/konto/logg-inn/)"
	DJANGO_SETTINGS_MODULE=portal.settings.run $(PY) manage.py runserver $(HOST):$(PORT)

# For developers: the same with DEBUG (technical error pages, static files from Django).
dev: demo-data
	@echo ""
	@echo "Kompetanseportalen (DEBUG) runs on http://$(HOST):$(PORT)/"
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py runserver $(HOST):$(PORT)

# The production-like stack: gunicorn (later also a Celery worker and beat) on PostgreSQL and
# Redis, production settings with local overrides. DATABASE_URL, REDIS_URL and PORT may be set.
serve: install
	PORT=$(PORT) portal/serve/serve.sh

# 1x and 100x volume on PostgreSQL, served by gunicorn, measured with wrk against a yardstick.
# BENCH_ARGS passes options to the runner (see `.venv/bin/python -m portal.bench --help`).
BENCH_ARGS ?=
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) -m portal.bench $(BENCH_ARGS)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(PY) manage.py makemessages -l nb -l nn -l en --no-obsolete --add-location=file --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests

collectstatic: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py collectstatic --no-input -v0

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
