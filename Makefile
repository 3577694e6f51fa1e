# Medius. `make run` serves the demo site; `make test` runs the whole suite.
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-stamp

.PHONY: run test lint bench peers loadtest cluster-test backup vnu

# The Nu HTML Checker for tests/e2e/test_outside_checks.py, from npm (needs npm and Java).
VNU_VERSION := 26.9.27
VNU_JAR := var/vnu/node_modules/vnu-jar/build/dist/vnu.jar

# `make bench BENCH_QUESTIONS=300 BENCH_REPEAT=3` is the small run CI makes.
BENCH_QUESTIONS ?= 20000
BENCH_REPEAT ?= 40
BENCH_ARGS := --questions $(BENCH_QUESTIONS) --repeat $(BENCH_REPEAT)
BENCH_DB := DATABASE_URL=sqlite:///$(CURDIR)/var/bench-$(BENCH_QUESTIONS).sqlite3 EMAIL_URL=dummy://
BENCH := $(PY) manage.py migrate -v0 && $(PY) manage.py createcachetable && $(PY) manage.py bench $(BENCH_ARGS) && $(PY) manage.py bench_search $(BENCH_ARGS) && $(PY) manage.py bench_treatments --repeat $(BENCH_REPEAT)

$(INSTALLED): pyproject.toml
	python3 -c 'import sys; sys.exit("Medius needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

# Serves the demo site, with the email worker beside it (email prints to the console); both
# stop together.
run: $(INSTALLED)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo --yes-this-is-a-demo
	DEBUG=1 $(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The suite (in random order, pytest-randomly) on SQLite, then again on a throwaway
# PostgreSQL cluster on loopback.
# The two engines' passes run side by side (a CI machine has 2 cores; each pass mostly keeps
# one busy). The PostgreSQL pass writes to var/test-postgresql.log, printed after the SQLite
# pass, and counts its Redis keys in database 1 (a cache clear flushes a whole Redis database).
test: $(INSTALLED) lint $(VNU_JAR)
	@mkdir -p var
	sh -c 'redis=$${MEDIUS_TEST_REDIS_URL:+$${MEDIUS_TEST_REDIS_URL%/*}/1}; MEDIUS_TEST_REDIS_URL=$$redis $(PY) tests/pg_cluster.py $(VENV)/bin/pytest >var/test-postgresql.log 2>&1 & postgresql=$$!; $(VENV)/bin/pytest; sqlite=$$?; wait $$postgresql; postgresql=$$?; echo "== PostgreSQL pass (var/test-postgresql.log)"; cat var/test-postgresql.log; echo "== SQLite pass exit $$sqlite, PostgreSQL pass exit $$postgresql"; [ $$sqlite -eq 0 ] && [ $$postgresql -eq 0 ]'

# Times the main pages, then search and similar questions (forum/demo/management/commands:
# bench, bench_search), over 20,000 questions and 210,000 replies, and the treatment counts
# over 100,000 records (bench_treatments): SQLite, then PostgreSQL.
# The SQLite data set is kept in var/bench-<questions>.sqlite3 and reused by the next run.
bench: $(INSTALLED)
	$(PY) manage.py collectstatic --noinput -v0
	$(BENCH_DB) sh -c '$(BENCH)'
	EMAIL_URL=dummy:// $(PY) tests/pg_cluster.py sh -c '$(BENCH)'

# Medius beside Spirit, django-comments-xtd and Misago (bench/peers/run.py; Misago runs on
# PostgreSQL only): each peer installed from PyPI at pinned versions into var/peers/<peer>/venv,
# the same 2,000-reply thread seeded in each, one sync gunicorn worker each on loopback; SQLite,
# then PostgreSQL (a throwaway cluster).
# `make peers PEERS_ENGINES=sqlite PEERS_REPLIES=100 PEERS_REPEAT=1 PEERS_POSTS=3` is CI's run.
PEERS_ENGINES ?= sqlite,postgresql
PEERS_REPLIES ?= 2000
PEERS_REPEAT ?= 5
PEERS_POSTS ?= 200
PEERS_ARGS := --engines $(PEERS_ENGINES) --replies $(PEERS_REPLIES) --repeat $(PEERS_REPEAT) --posts $(PEERS_POSTS)
peers: $(INSTALLED)
	$(PY) tests/pg_cluster.py $(PY) bench/peers/run.py $(PEERS_ARGS)

vnu: $(VNU_JAR)
$(VNU_JAR):
	npm install --prefix var/vnu --no-audit --no-fund --ignore-scripts vnu-jar@$(VNU_VERSION)

# A consistent snapshot of the database in var/backups/ (see the README's "Backups").
backup: $(INSTALLED)
	$(PY) manage.py backup

# 30 simulated members (Locust) for 60 s against gunicorn on 127.0.0.1, with a ledger of replies.
LOAD_ENV := DATABASE_URL=sqlite:///$(CURDIR)/var/loadtest.sqlite3
LOCUST := $(VENV)/bin/locust -f loadtest/locustfile.py --headless --only-summary --users 30 --spawn-rate 30 --run-time 60s --host http://127.0.0.1:8765
loadtest: $(INSTALLED)
	rm -f var/loadtest.sqlite3*
	$(LOAD_ENV) sh -c '$(PY) manage.py migrate -v0 && $(PY) manage.py createcachetable && $(PY) manage.py load_demo --yes-this-is-a-demo >/dev/null && $(PY) manage.py collectstatic --noinput -v0'
	$(LOAD_ENV) sh -c '$(VENV)/bin/gunicorn forum.wsgi --bind 127.0.0.1:8765 --workers 3 --pid var/loadtest.pid --daemon --error-logfile var/loadtest.log && sleep 3; $(LOCUST); status=$$?; kill $$(cat var/loadtest.pid); exit $$status'

# Two gunicorn machines behind nginx (deploy/nginx/medius.conf), a PostgreSQL primary and a
# streaming standby, Redis and the email worker, all on loopback; checks, then Locust
# (50 members, 60 s) through nginx (tests/cluster.py). Needs nginx, its brotli modules,
# redis-server, openssl and PostgreSQL's server binaries (.ci/run installs them).
cluster-test: $(INSTALLED)
	$(PY) -m tests.cluster
