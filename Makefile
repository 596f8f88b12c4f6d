# Migration School LMS. `make run` serves the demo; `make test` runs the default tier;
# `make test-all` adds lint, PostgreSQL + Redis and the browser tier.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# The services tier: PostgreSQL and Redis that run on this machine (see README).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/lms
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
DEFAULT_TIER := not postgres and not redis and not browser
PYTEST_ARGS ?=

.PHONY: run test test-time-travel test-all test-services test-browser check lint format messages bench dist clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# One command, three processes: daphne, a background worker and the scheduler.
# Ctrl-C stops them all.
run: $(VENV)/.runtime
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo --base-url http://$(HOST):$(PORT)
	@$(MANAGE) run_worker & worker=$$!; \
	$(MANAGE) run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver --websocket-max-message-size 65536 --websocket-max-frame-size 65536 $(HOST):$(PORT)

test: $(VENV)/.dev
	$(PY) -m pytest -m "$(DEFAULT_TIER)" $(PYTEST_ARGS)

# The default tier with the clock a year ahead, then a year back (tests/clock.py): a
# test that passes only in the month it was written fails here first.
test-time-travel: $(VENV)/.dev
	$(MAKE) test PYTEST_ARGS="-p no:cacheprovider --shift-clock=+365"
	$(MAKE) test PYTEST_ARGS="-p no:cacheprovider --shift-clock=-365"

check: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) makemigrations --check --dry-run

test-services: $(VENV)/.dev
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
		$(PY) -m pytest -m "not browser and not sqlite_copy" -p no:cacheprovider

test-browser: $(VENV)/.dev
	mkdir -p var && rm -f var/test-browser.sqlite3*
	LMS_TEST_DATABASE_FILE=var/test-browser.sqlite3 $(PY) -m pytest -m browser -p no:cacheprovider

test-all: check test test-services test-browser

# Benchmarks beside their baselines (needs wrk or falls back to Python, and PostgreSQL
# for the queue); writes docs/benchmarks.md. Not part of CI.
bench: $(VENV)/.dev
	$(PY) -m bench

lint: check

# Collect new interface strings (needs GNU gettext), then compile every catalogue with
# polib, so that running the site never needs gettext.
messages: $(VENV)/.runtime
	$(MANAGE) makemessages -l az -l ru --add-location file -i ".venv/*" -i "var/*" -i "tests/*" -i "bench/*"
	$(MANAGE) makemessages -d djangojs -l az -l ru --add-location file -i ".venv/*" -i "var/*" -i "tests/*" -i "bench/*"
	$(PY) -c "import glob, polib; [polib.pofile(p).save_as_mofile(p[:-2] + 'mo') for p in glob.glob('locale/*/LC_MESSAGES/*.po') + glob.glob('*/locale/*/LC_MESSAGES/*.po')]"

# The plugin: a wheel and an sdist of the LMS apps in dist/ (docs/plugin.md).
dist: $(VENV)/.dev
	$(PY) -m build --no-isolation --outdir dist .

format: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf var .pytest_cache .ruff_cache
