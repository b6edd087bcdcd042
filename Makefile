# Two commands for a fresh clone with only Python 3.11: `make run` and `make test`.
# DATABASE_URL, ELASTICSEARCH_URL, REDIS_URL… are read from the environment (see site/env.example).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# requirements/dev.txt: runtime + tests and tooling, locked with hashes (requirements/*.in, `make lock`)
LOCK := requirements/dev.txt
INSTALLED := $(VENV)/.installed-$(shell cksum $(LOCK) | cut -d' ' -f1)

.PHONY: run test setup install lock messages browser-deps check lint format clean services services-stop \
	search-engine search-engine-stop

# Development only: adds the demo accounts (known passwords; refused by the production settings) and
# prints how to sign in as each. `make test` and CI never create them.
run: setup
	$(BIN)/python manage.py load_demo --accounts
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The suite builds its own database (per worker: pytest -n, pytest-xdist), so it needs no `setup`; each
# worker that runs browser tests builds their site, and a journey's steps stay on one worker
# (--dist loadgroup). PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
test: install messages browser-deps
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Everything `make run` needs before serving; every step is safe to repeat.
setup: install messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py bootstrap
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py harvest --snapshots
	$(BIN)/python manage.py update_index --catalogue-only

install: $(INSTALLED)

$(INSTALLED): $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	rm -f $(VENV)/.installed-*
	touch $@

# The browser tests (tests/e2e) drive Debian's Chromium and inject axe-core from npm. Without either,
# those tests are skipped with a message saying what is missing; .ci/run installs Chromium.
browser-deps:
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility checks of tests/e2e will be skipped"; fi
	@test -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" || \
		echo "No Chromium at $${CHROMIUM_PATH:-/usr/bin/chromium}: the browser tests will be skipped (apt-get install chromium)"

# PostgreSQL and Redis on 127.0.0.1 for the full suite (what .ci/run uses); installs them with apt-get
# when missing. Not needed by `make run` or `make test`, which use SQLite and the memory cache.
services:
	site/dev-services.sh start

services-stop:
	site/dev-services.sh stop

# A throw-away single-node OpenSearch 2.19 on 127.0.0.1:9200 (OPENSEARCH_PORT); needs Java 17 and Maven.
search-engine:
	site/search-engine.sh start

search-engine-stop:
	site/search-engine.sh stop

# Recompile both lock files from requirements/*.in after changing a pin (needs PyPI; pip-tools in a
# throw-away environment, so that it is not one of the project's dependencies).
lock:
	test -x .lock-tools/bin/pip-compile || ($(PYTHON) -m venv .lock-tools && .lock-tools/bin/pip install --quiet pip-tools)
	cd requirements && ../.lock-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-header -o runtime.txt runtime.in
	cd requirements && ../.lock-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-header -o dev.txt dev.in

messages: install
	$(BIN)/python manage.py compile_catalogues

# Refresh the catalogues from the code and templates (needs GNU gettext's xgettext).
catalogues: install
	$(BIN)/python manage.py makemessages -l fr -l en -l es --no-location --ignore=.venv --ignore=staticfiles

check: lint
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles locale/*/LC_MESSAGES/*.mo tests/e2e/node_modules test-artifacts
