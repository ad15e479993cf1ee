# The index of commands. `make run` and `make test` set everything up from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run dev worker esco test test-fast check lint migrations-check messages install bench bench-import bench-neighbours soak cluster screenshots clean chromium pdf-libraries redis-server haproxy

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

# A secret key of this checkout's own for `make run`, made once and kept out of git.
SECRET_KEY_FILE := .secret-key
$(SECRET_KEY_FILE):
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# The site as visitors see it: debug off (the site's own 404, 410 and 500 pages), static files collected and served by
# WhiteNoise, gunicorn. Plain HTTP on 127.0.0.1, so no redirect to HTTPS; DJANGO_SECRET_KEY, if set, wins over the file.
# One machine: the content version and rate counts in files (in /dev/shm, else .cache/), no Redis needed (make cluster has it).
AS_VISITORS_SEE_IT := DJANGO_SINGLE_MACHINE=1 DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}" DJANGO_SECURE_SSL_REDIRECT=0

# Collected again only when a static file or a package changed: hashing and compressing them all takes a minute or two.
STATIC_MANIFEST := staticfiles/staticfiles.json
$(STATIC_MANIFEST): $(STAMP) $(SECRET_KEY_FILE) $(shell find static -type f)
	@echo "Collecting and compressing the static files (a minute or two, only when they change)…"
	$(AS_VISITORS_SEE_IT) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	touch $@

run: $(STAMP) pdf-libraries $(SECRET_KEY_FILE) $(STATIC_MANIFEST)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py esco_status
	@echo "careerpath on http://127.0.0.1:$(PORT)/ (as visitors see it; make dev for Django's debug server)"
	$(AS_VISITORS_SEE_IT) exec $(BIN)/gunicorn careerpath.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# The background worker: draws the PDFs and runs the ESCO imports the site queues in the database. The site's instances
# queue there when they run with DJANGO_TASKS_BACKEND=database (without it, each task runs in the request that asks).
# As many as wanted, on any machine with the database; SIGTERM lets one finish its task, and a task whose worker was
# killed runs again on another after DJANGO_TASKS_LEASE_SECONDS (30). Migrations are run by whoever deploys, once.
worker: $(STAMP) pdf-libraries $(SECRET_KEY_FILE) $(STATIC_MANIFEST)
	$(AS_VISITORS_SEE_IT) DJANGO_TASKS_BACKEND=database exec $(BIN)/python manage.py run_worker --no-reload

# For developers: Django's debug server, its error pages with tracebacks, code reloaded on every change.
dev: $(STAMP) pdf-libraries
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py esco_status
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# ESCO's occupations and skills into the database (DATABASE_URL, else SQLite): the downloads named by ESCO="…"
# (folders or archives, as ESCO publishes them), else ../shared/'s when present (esco-real named last: its labels win).
ESCO ?= $(wildcard ../shared/esco-full ../shared/esco-real/esco-v1.1.2-fr-en.tar.gz)
esco: $(STAMP)
	@test -n "$(strip $(ESCO))" || { echo "No ESCO downloads in ../shared/: download them from https://esco.ec.europa.eu/en/use-esco/download, then make esco ESCO='<folder or archive>...'"; exit 1; }
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py import_esco $(ESCO)

test: $(STAMP) chromium pdf-libraries redis-server
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n auto

# Everything but the browser journeys (tests/browser): the quick loop while working.
test-fast: $(STAMP) pdf-libraries redis-server
	$(BIN)/python -m pytest -n auto -m "not browser"

# What the pre-commit hooks check (.pre-commit-config.yaml): lint, format, migrations, the layering.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports --no-cache

# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# WeasyPrint draws the PDFs with Debian's Pango and HarfBuzz, and needs a font to embed.
pdf-libraries:
	@{ /sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0 && /sbin/ldconfig -p | grep -q libharfbuzz-subset.so.0 && dpkg -s fonts-dejavu-core >/dev/null 2>&1; } || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; }

# Debian's Redis, for make cluster and the tests of what instances share (rate counts, the content version).
redis-server:
	@command -v redis-server >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }

haproxy:
	@command -v haproxy >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >/dev/null; }

# The command that runs the background-task worker in make cluster and make soak (CLUSTER_WORKER= for none: each task
# then runs in the request that asks for it).
CLUSTER_WORKER ?= $(BIN)/python manage.py run_worker --no-reload

# Several instances on loopback (tools/cluster.py): a throw-away PostgreSQL, Redis, two gunicorn instances, the
# task worker (CLUSTER_WORKER), haproxy in front (deploy/haproxy.cfg). Prints the address; Ctrl-C stops it all.
cluster: $(STAMP) pdf-libraries redis-server haproxy $(STATIC_MANIFEST)
	CLUSTER_WORKER="$(CLUSTER_WORKER)" $(BIN)/python tools/cluster.py

# Load figures (gunicorn + wrk, PostgreSQL and SQLite) and the ESCO-size route timing.
bench: $(STAMP) redis-server haproxy
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/run.py

# The real ESCO import (../shared/esco-full and esco-real, as ESCO publishes them) timed twice on the current
# database (DATABASE_URL, else SQLite): wall time, peak memory, the report.
bench-import: $(STAMP)
	$(BIN)/python bench/esco_import.py

# compute_neighbours on every ESCO occupation: time and peak memory (DATABASE_URL's database, else ESCO imported afresh).
bench-neighbours: $(STAMP)
	$(BIN)/python bench/neighbours.py

# Mixed load on make cluster's set-up, an instance killed and Redis restarted: no 500, no row lost; twice, the rate
# limits lifted then on. SOAK=one-machine: the single gunicorn with a worker killed and the database stopped for 10 s.
soak: $(STAMP) pdf-libraries redis-server haproxy $(STATIC_MANIFEST)
	CLUSTER_WORKER="$(CLUSTER_WORKER)" $(BIN)/python bench/soak.py $(SOAK)

# PNGs of the main pages at 1280 and 390 px, French and English, into screenshots/ (a throw-away database).
screenshots: $(STAMP) chromium
	$(BIN)/python tools/screenshots.py

lint: $(STAMP)
	$(BIN)/ruff check .

migrations-check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

# Regenerate both catalogues after changing UI strings, then compile them.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale fr --locale en --ignore $(VENV) --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore $(VENV)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
