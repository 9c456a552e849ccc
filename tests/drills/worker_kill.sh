#!/bin/sh
# Drill: a Celery worker killed (SIGKILL) in the middle of a follow-up pass. NOT RUN YET: the follow-up
# pass is issue 7's (services/tasks.py); run it after the merge.
#   CELERY_BROKER_URL=redis://127.0.0.1:6379/9 DATABASE_URL=postgres://…/wt9 tests/drills/worker_kill.sh
# Settings: CELERY_TASK_ACKS_LATE=True (the message is acknowledged only after the task returns; the
# broker redelivers it after the visibility timeout), and every follow-up is recorded once (unique per
# need, kind and stage), so the redelivered pass completes once and sends nothing twice.
# Expect: "duplicate notifications: 0".
set -eu
cd "$(dirname "$0")/../.."
.venv/bin/celery -A chainparty worker -l info --concurrency 1 >var/drill-worker1.log 2>&1 &
W1=$!; sleep 5
.venv/bin/python manage.py shell -c "import services.tasks as t; \
  [getattr(t, n).delay() for n in dir(t) if n.startswith('follow') or n.endswith('_pass')]" || true
sleep 2; kill -9 $W1; echo "worker $W1 killed mid-pass"
.venv/bin/celery -A chainparty worker -l info --concurrency 1 >var/drill-worker2.log 2>&1 &
W2=$!; sleep 30; kill $W2
.venv/bin/python manage.py shell -c "
from django.db.models import Count; from chainparty.models import Notification
dups = Notification.objects.exclude(dedupe_key='').values('recipient','dedupe_key').annotate(n=Count('id')).filter(n__gt=1)
print('duplicate notifications:', dups.count())"
