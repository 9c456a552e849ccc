# The two commands a newcomer types: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test e2e browser bench install migrate demo web worker messages vendor clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

## make run: install, migrate, load the demo city, then web server + Celery worker with embedded beat
## on the filesystem broker (no server needed). Production runs beat separately (see README).
run: demo
	$(PY) manage.py setup_schedules
	$(PY) manage.py schedule_meetings   # the first meetings and follow-ups now; the beat repeats them
	$(PY) manage.py followup
	$(VENV)/bin/celery -A chainparty worker -B -l info --concurrency 2 >var/celery.log 2>&1 & \
	  CELERY_PID=$$!; trap 'kill $$CELERY_PID 2>/dev/null' EXIT INT TERM; \
	  echo "Celery worker + beat running (log: var/celery.log)"; \
	  $(PY) manage.py runserver 127.0.0.1:8000

## make test: install and run the whole suite (SQLite by default; CI sets DATABASE_URL and the Redis URLs),
## then the browser journeys (tests/e2e) against a live server; screenshots land in tests/artifacts/.
test: install browser
	$(PY) -m pytest -q -n $${PYTEST_WORKERS:-2} -m "not e2e"
	$(PY) -m pytest -q -p no:xdist -m e2e tests/e2e

e2e: install browser
	$(PY) -m pytest -q -p no:xdist -m e2e tests/e2e

## Debian's Chromium and a Chinese font (without it every character is a box in a screenshot), installed
## only when missing and only where we may (root with apt-get); elsewhere install them by hand.
browser:
	@if { [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; } \
	    && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk; \
	fi

## make bench: the benchmarks of tests/benchmarks (bench_*.py, never collected by make test) against an existing
## PostgreSQL database, BENCH_DATABASE_URL (default: the `bench` database on the local server); the first run
## creates it and generates one city into it. Results: the table printed at the end and var/bench-results.md.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bench
bench: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) tests/benchmarks/prepare.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m pytest -q -p no:xdist -o python_files='bench_*.py' tests/benchmarks $(BENCH_ARGS)

messages: install
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
