# OCOP Market — `make run` sets up and serves the demo shop; `make test` runs the whole suite.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install demo browser digital-link-js check clean

# With REDIS_URL (a cache shared between processes) the task worker runs beside the web server
# and one Ctrl+C stops both; without it tasks run inside each request (the immediate backend).
run: demo
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@if [ -n "$$REDIS_URL" ]; then \
	  echo "Task worker: manage.py db_worker runs e-mail, photos and the periodic jobs"; \
	  $(BIN)/python manage.py schedule_jobs; \
	  $(BIN)/python manage.py db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT); \
	else \
	  echo "No REDIS_URL: tasks (e-mail, photos) run inside each request, no worker needed"; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT); \
	fi

test: install browser digital-link-js
	$(BIN)/pytest $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

demo: install
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py seed_demo --base-url http://$(HOST):$(PORT)

# Browser tests drive Debian's Chromium; install it when it is missing and we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: install Debian's 'chromium' package for the browser tests."; fi; }

# The resolver tests compress links with GS1's own toolkit (digital-link.js, from npm).
DL_JS := tests/traceability/digital_link_js
digital-link-js:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "npm is missing: install Debian's 'nodejs' and 'npm' packages for the resolver tests."; fi; }
	@test -d $(DL_JS)/node_modules/digital-link.js || ! command -v npm >/dev/null 2>&1 || \
	  npm ci --prefix $(DL_JS) --no-audit --no-fund --silent

check: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=shop.settings.production SECRET_KEY=$$(openssl rand -hex 32) \
	  ALLOWED_HOSTS=shop.example REDIS_URL=redis://127.0.0.1:6379/0 $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3* .pytest-db* staticfiles tests/artifacts
