# OCOP Market — `make run` sets up and serves the demo shop; `make test` runs the whole suite.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Every link the shop prints or generates (trace pages, QR codes, e-mails, order links) uses it.
SITE_URL ?= http://$(HOST):$(PORT)
export SITE_URL

.PHONY: run test install demo browser digital-link-js axe-core check clean

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

# The suite spreads over the machine's cores (pytest-xdist); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: install browser digital-link-js axe-core
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

demo: install
	@echo "Preparing the database (the first time takes a few minutes)…"
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo --base-url $(SITE_URL)

# Browser tests drive Debian's Chromium; the upload tests read metadata back with ExifTool.
# Install them when they are missing and we may.
browser:
	@{ command -v chromium && command -v exiftool; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libimage-exiftool-perl >/dev/null; \
	  else echo "Install Debian's 'chromium' and 'libimage-exiftool-perl' packages for the browser and upload tests."; fi; }

# The resolver tests compress links with GS1's own toolkit (digital-link.js, from npm).
DL_JS := tests/traceability/digital_link_js
digital-link-js:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "npm is missing: install Debian's 'nodejs' and 'npm' packages for the resolver tests."; fi; }
	@test -d $(DL_JS)/node_modules/digital-link.js || ! command -v npm >/dev/null 2>&1 || \
	  npm ci --prefix $(DL_JS) --no-audit --no-fund --silent

# The accessibility browser tests inject Deque's axe-core (from npm) into each page.
AXE := tests/browser/axe
axe-core: digital-link-js
	@test -f $(AXE)/node_modules/axe-core/axe.min.js || ! command -v npm >/dev/null 2>&1 || \
	  npm ci --prefix $(AXE) --no-audit --no-fund --silent

check: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=shop.settings.production SECRET_KEY=$$(openssl rand -hex 32) \
	  ALLOWED_HOSTS=shop.example REDIS_URL=redis://127.0.0.1:6379/0 TRACE_SIGNING_KEY=$$($(BIN)/python manage.py trace_signing_key --settings=shop.settings.dev) \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3* .pytest-db* staticfiles tests/artifacts
