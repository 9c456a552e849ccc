#!/bin/sh
# Drill: a Celery worker killed (SIGKILL) in the middle of a follow-up pass.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/drill REDIS_URL=redis://127.0.0.1:6379/9 \
#   CELERY_BROKER_URL=redis://127.0.0.1:6379/9 tests/drills/worker_kill.sh [YYYY-MM-DD]
# The day (default: a year from now, so every open need is due something) must not have had its pass yet.
# To kill the worker truly mid-pass, another session holds an EXCLUSIVE lock on the needs' events table: the
# stages that only notify commit, the first stage that writes an event waits on the lock, and the worker is
# killed there. Settings under test: CELERY_TASK_ACKS_LATE and CELERY_TASK_REJECT_ON_WORKER_LOST (the message
# is acknowledged only after the task returns, so the broker redelivers it), and every follow-up is recorded
# once (unique need/kind/stage; bulk insert ignoring conflicts; only what this run inserted is notified).
# Expect: the second worker completes the pass; "duplicate notifications: 0", "duplicate follow-up events: 0".
set -eu
cd "$(dirname "$0")/../.."
DAY=${1:-$(date -d '+1 year' +%F)}
export CELERY_VISIBILITY_TIMEOUT=15     # redelivery after 15 s instead of an hour, for the drill only
PSQL="psql ${DATABASE_URL} -qAt"
count() { $PSQL -c "select (select count(*) from services_followup), (select count(*) from chainparty_notification), (select count(*) from services_needevent)"; }
START=$(date -u +%FT%T+00:00)
echo "before (follow-ups|notifications|events): $(count)"
.venv/bin/celery -A chainparty purge -f >/dev/null
(echo "begin; lock table services_needevent in exclusive mode; select pg_sleep(25); commit;" | $PSQL >/dev/null) &
LOCKER=$!; sleep 1
.venv/bin/celery -A chainparty worker -l info --concurrency 1 -P solo >var/drill-worker1.log 2>&1 &
W1=$!; sleep 6
.venv/bin/python manage.py shell -v 0 -c "from services.tasks import follow_up_needs; follow_up_needs.delay('$DAY')"
sleep 8
echo "mid-pass, waiting on the lock (follow-ups|notifications|events): $(count)"
kill -9 $W1; echo "worker $W1 killed mid-pass"
wait $LOCKER || true
.venv/bin/celery -A chainparty worker -l info --concurrency 1 -P solo >var/drill-worker2.log 2>&1 &
W2=$!
for i in $(seq 1 60); do grep -q "follow_up_needs.*succeeded" var/drill-worker2.log && break; sleep 2; done
grep -o "follow_up_needs\[.*\] succeeded.*" var/drill-worker2.log || echo "the pass did NOT complete"
kill $W2; wait $W2 2>/dev/null || true
echo "after (follow-ups|notifications|events): $(count)"
.venv/bin/python manage.py shell -v 0 -c "
from django.db.models import Count, F; from django.db.models.functions import TruncDate
from chainparty.models import Notification; from services.models import FollowUp, NeedEvent
dups = Notification.objects.exclude(dedupe_key='').values('recipient','dedupe_key').annotate(n=Count('id')).filter(n__gt=1)
print('duplicate notifications:', dups.count())
ev = (NeedEvent.objects.filter(at__gte='$START').annotate(day=TruncDate('at')).values('need', 'kind', 'day').annotate(n=Count('id')).filter(n__gt=1))
print('follow-up events written during the drill:', NeedEvent.objects.filter(at__gte='$START').count())
print('duplicate follow-up events:', ev.count())"
