#!/bin/sh
# Drill: the database goes away under a running server and worker (a restart, seen from Django: every
# connection dropped). We do not restart the shared PostgreSQL: we terminate every backend connected to OUR
# database (pg_terminate_backend), which is exactly what the server and the worker see during a restart.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/drill REDIS_URL=redis://127.0.0.1:6379/9 \
#   CELERY_BROKER_URL=redis://127.0.0.1:6379/9 tests/drills/db_restart.sh
# Expect: requests before and after answer 200 and the worker's task before and after succeeds: with
# CONN_HEALTH_CHECKS=True (settings) a persistent connection found dead is replaced at the start of the next
# request or task; nothing needs a restart. At most requests in flight at the moment of the cut fail.
set -eu
cd "$(dirname "$0")/../.."
PORT=${PORT:-8720}; DB=$(echo "$DATABASE_URL" | sed 's|.*/||')
export DEBUG=false SECRET_KEY=${SECRET_KEY:-db-drill-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz}
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false CONN_MAX_AGE=600
TOKEN=$(.venv/bin/python manage.py shell -v 0 -c "
from rest_framework.authtoken.models import Token; from chainparty.models import User
print(Token.objects.get_or_create(user=User.objects.get(username='city_official'))[0].key)")
.venv/bin/gunicorn chainparty.wsgi -b 127.0.0.1:$PORT -w 2 --access-logfile /dev/null 2>/dev/null &
GUNICORN=$!
.venv/bin/celery -A chainparty worker -l info --concurrency 1 -P solo >var/drill-db-worker.log 2>&1 &
WORKER=$!; trap 'kill $GUNICORN $WORKER 2>/dev/null' EXIT INT TERM; sleep 5
hit() { curl -s -o /dev/null -w "%{http_code} " -H "Authorization: Token $TOKEN" "http://127.0.0.1:$PORT/api/v1/needs/"; }
task() {  # one meetings pass through the worker; prints how many passes the worker has finished
  .venv/bin/python manage.py shell -v 0 -c "from alliances.tasks import schedule_meetings; schedule_meetings.delay()"
  sleep 4; echo "worker tasks succeeded: $(grep -c 'schedule_meetings.*succeeded' var/drill-db-worker.log)"
}
echo "before:"; for i in 1 2 3 4; do hit; done; echo; task
psql "${DATABASE_URL%/*}/postgres" -qAtc \
  "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname='$DB' and pid<>pg_backend_pid()" \
  | sed 's/^/connections cut: /'
echo "after:";  for i in 1 2 3 4 5 6; do hit; done; echo; task
grep -c "OperationalError\|Traceback" var/drill-db-worker.log | sed 's/^/worker errors logged: /' || true
