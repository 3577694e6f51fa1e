# Medius. `make run` serves the demo site; `make test` runs the whole suite.
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-stamp

.PHONY: run test lint bench

BENCH_DB := DATABASE_URL=sqlite:///$(CURDIR)/var/bench.sqlite3
BENCH := $(PY) manage.py migrate -v0 \&\& $(PY) manage.py createcachetable \&\& $(PY) manage.py bench

$(INSTALLED): pyproject.toml
	python3 -c 'import sys; sys.exit("Medius needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

run: $(INSTALLED)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The suite on SQLite, then again on a throwaway PostgreSQL cluster on loopback.
test: $(INSTALLED) lint
	$(VENV)/bin/pytest
	$(PY) tests/pg_cluster.py $(VENV)/bin/pytest

# Times the main pages over 20,000 questions and 200,000 replies: SQLite, then PostgreSQL.
bench: $(INSTALLED)
	$(PY) manage.py collectstatic --noinput -v0
	$(BENCH_DB) sh -c "$(BENCH)"
	$(PY) tests/pg_cluster.py sh -c "$(BENCH)"
