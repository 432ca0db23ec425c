# Putokaz — the front door. `make run` starts the system; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
PYTEST_ARGS ?=
ONLY ?=

PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run setup test lint format bench messages translations clean

## run: set everything up (venv, dependencies, keys, migrations, demo data, static) and serve on :8000
## with the background worker (certificates, e-mail) and the scheduler (retention) beside it.
run: setup
	$(BIN)/gunicorn putokaz.wsgi --config putokaz/gunicorn_conf.py --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --access-logfile - --forwarded-allow-ips="127.0.0.1"

## setup: everything `run` does before serving; safe and fast to repeat
setup: $(VENV)/.run-deps $(MO_FILES)
	@mkdir -p var
	$(BIN)/python manage.py ensure_secrets
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py collectstatic --noinput -v 0

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-deps: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.run-deps

/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

/usr/bin/msgfmt:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null

## messages: compile the translation catalogues (.po -> .mo)
messages: $(MO_FILES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | /usr/bin/msgfmt
	msgfmt --check-format -o $@ $<

## translations: extract new strings into the catalogues and fill the Cyrillic one from the Latin
translations: $(VENV)/.dev-deps | /usr/bin/msgfmt
	$(BIN)/python manage.py makemessages -l sr_Latn --no-obsolete --no-location -i ".venv/*" -i "var/*" -i "bench/*"
	$(BIN)/python manage.py transliterate_catalogue
	$(MAKE) messages

## test: install what the tests need (dev dependencies, Debian's chromium) and run every test
test: $(VENV)/.dev-deps $(MO_FILES) | /usr/bin/chromium
	@mkdir -p var
	$(BIN)/python -m pytest -n 2 --create-db $(PYTEST_ARGS)

## lint: ruff (lint and format check) and mypy on services and queries
lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.dev-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: benchmarks against the production server; ONLY=<name> runs one
bench: $(VENV)/.dev-deps $(MO_FILES) | /usr/bin/wrk
	@mkdir -p var
	$(BIN)/python -m bench $(if $(ONLY),--only $(ONLY))

# Without wrk the benchmarks fall back to a slower Python load generator (bench/load.py).
/usr/bin/wrk:
	-apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null

clean:
	rm -rf var/static var/test*.sqlite3* var/bench
