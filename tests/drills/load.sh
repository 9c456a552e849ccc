#!/bin/sh
# Load drill: gunicorn (PostgreSQL + Redis) on 127.0.0.1, locust for a bounded time. Not run in CI.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt9 REDIS_URL=redis://127.0.0.1:6379/9 \
#   CELERY_BROKER_URL=redis://127.0.0.1:6379/9 tests/drills/load.sh [seconds] [users]
# Needs `pip install -e .[load]` and the demo city (`DEMO_ALLOWED=true manage.py load_demo`).
set -eu
SECONDS_TO_RUN=${1:-30}; USERS=${2:-20}; PORT=${PORT:-8719}
cd "$(dirname "$0")/../.."
export DEBUG=false SECRET_KEY=${SECRET_KEY:-load-drill-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz}
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export CONN_MAX_AGE=60 AXES_ENABLED=false
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn chainparty.wsgi -b 127.0.0.1:$PORT -w 3 --access-logfile /dev/null &
GUNICORN=$!
trap 'kill $GUNICORN' EXIT INT TERM
sleep 3
.venv/bin/locust -f tests/drills/locustfile.py --headless -H http://127.0.0.1:$PORT -u "$USERS" -r 5 \
  -t "${SECONDS_TO_RUN}s" --only-summary --csv var/load 2>&1 || true
