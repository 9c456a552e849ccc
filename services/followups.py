"""The follow-up pass of the needs: what fell due today, recorded once as a ``FollowUp`` and notified once.

Each stage is a query over the stored deadlines (``Need.accept_due`` … ``feedback_due``,
``ExtensionRequest.decision_due``) compared with today in Asia/Shanghai, read in batches by primary key.
For each batch: find who is told (``People``; each need's rows and each body's people read once a pass,
``NeedFacts``), insert the follow-ups with their number of recipients, skipping those already recorded (``ON
CONFLICT DO NOTHING``), under a fresh run id, learn from the insert which rows it actually inserted, notify their
recipients with ``notify_many`` and write the timeline events — plain rows in bulk (``chainparty.inserts``), a
fixed number of queries per batch, however many needs are due. Two passes at the same time insert each follow-up
once (the unique constraint decides), so each is notified once. Someone a stage tells of more than
``ONE_BY_ONE_UP_TO`` needs in one batch gets one notification listing them instead of one per need.
"""
from __future__ import annotations

import heapq
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from operator import itemgetter
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chainparty.bulk import cycle_collection_paused
from chainparty.inserts import insert_rows
from chainparty.lookups import among
from chainparty.models import Notification
from chainparty.notifications import notify_many

from .models import ExtensionRequest, FollowUp, Need, NeedEvent, NeedStatus


BATCH = 10_000  # rows a batch reads and writes at once: tens of megabytes at most, a few seconds of locks
CHINA = ZoneInfo("Asia/Shanghai")
K = FollowUp.Kind
S = NeedStatus
WORKING = list(Need.WORKING_STATUSES)


def today_in_china() -> date:
    """Deadlines are dates in China: compare them with China's today, whatever the server's clock zone."""
    return timezone.now().astimezone(CHINA).date()


# Who is told: every lookup takes the ids of a batch of needs and costs one or two queries ----------------------

class NeedFacts:
    """The row, chains and current tasks of each need a pass follows up, and the people of each chain, park,
    department, enterprise and county, each read once in the pass (one query per kind of fact and batch, for what
    was not read yet): a working need falls due at several stages, and the batches share their bodies."""

    def __init__(self):
        self._rows: dict[int, dict] = {}
        self._chains: dict[int, frozenset[int]] = {}
        self._tasks: dict[int, tuple[tuple[int, bool, bool], ...]] = {}
        self._around: dict[str, dict] = defaultdict(dict)
        self.told: dict[tuple, frozenset[int]] = {}  # People's answers, by combination of chains, park, tasks…

    def around(self, kind: str, keys, load: Callable[[set], dict], empty) -> dict:
        """``kind`` (e.g. the people of each park) of every key read so far in the pass, reading ``load(keys)`` for
        the ``keys`` not read yet (``empty`` for a key ``load`` does not name)."""
        known = self._around[kind]
        missing = {key for key in keys if key not in known}
        if missing:
            found = load(missing)
            known.update((key, found.get(key, empty)) for key in missing)
        return known

    ROW = ("pk", "title", "enterprise_id", "park_id", "county_id", "status")

    def knowing(self, need: Need, chain_ids) -> NeedFacts:
        """Facts of a need just written (a submission) as its writer holds them, instead of reading them back."""
        self._rows[need.pk] = {**{field: getattr(need, field) for field in self.ROW},
                               "enterprise__name": need.enterprise.name}
        self._chains[need.pk] = frozenset(chain_ids)
        return self

    def rows(self, need_ids: list[int]) -> dict[int, dict]:
        missing = [pk for pk in need_ids if pk not in self._rows]
        if missing:
            rows = list(Need.objects.filter(among("pk", missing)).order_by().values(*self.ROW))
            # The enterprises' names are read once a pass, not joined to each batch: a join made PostgreSQL hash all
            # 20,000 enterprises for every batch instead of reading the batch's needs alone by their key.
            names = self.around("enterprise names", {row["enterprise_id"] for row in rows}, lambda ids: dict(
                apps.get_model("enterprises", "Enterprise").objects.filter(among("pk", ids)).values_list("pk", "name")),
                "")
            for row in rows:
                row["enterprise__name"] = names[row["enterprise_id"]]
            self._rows.update((row["pk"], row) for row in rows)
        return {pk: self._rows[pk] for pk in need_ids if pk in self._rows}

    def chains(self, need_ids: list[int]) -> dict[int, frozenset[int]]:
        missing = [pk for pk in need_ids if pk not in self._chains]
        if missing:
            self._chains.update(dict.fromkeys(missing, frozenset()))
            chains = defaultdict(list)
            for need_id, chain_id in Need.chains.through.objects.filter(among("need_id", missing)) \
                    .values_list("need_id", "industrialchain_id"):
                chains[need_id].append(chain_id)
            # the needs of a city share a few hundred sets of chains: one frozenset each, not one per need
            shared: dict[tuple[int, ...], frozenset[int]] = {}
            for need_id, ids in chains.items():
                key = tuple(ids) if len(ids) == 1 else tuple(sorted(ids))
                self._chains[need_id] = shared.get(key) or shared.setdefault(key, frozenset(key))
        return {pk: self._chains[pk] for pk in need_ids}

    def tasks(self, need_ids: list[int]) -> dict[int, tuple[tuple[int, bool, bool], ...]]:
        """need id → current tasks as (department id, leading, signed), in a stable order."""
        missing = [pk for pk in need_ids if pk not in self._tasks]
        if missing:
            Assignment = apps.get_model("services", "Assignment")
            tasks = defaultdict(list)
            for need_id, department_id, is_lead, signed_at in Assignment.objects.current().filter(
                    among("need_id", missing)).order_by().values_list("need_id", "department_id", "is_lead",
                                                                      "signed_at"):
                tasks[need_id].append((department_id, is_lead, signed_at is not None))
            self._tasks.update((pk, tuple(sorted(tasks[pk]))) for pk in missing)
        return {pk: self._tasks[pk] for pk in need_ids}


class People:
    """The people around a batch of needs (dispatchers, chairs, departments, contacts, officials), loaded lazily;
    ``facts`` shared by the batches of a pass read each need's rows and each body's people once.

    Each answer is a frozenset shared by every need with the same chains and park, or the same tasks: a city's
    needs have a few hundred such combinations, so the sets are built once per combination in a pass, not once
    per need."""

    def __init__(self, need_ids, today: date, facts: NeedFacts | None = None):
        self.need_ids = list(need_ids)
        self.today = today
        self.facts = facts or NeedFacts()

    def _once(self, key: tuple, build: Callable[[], set[int]]) -> frozenset[int]:
        people = self.facts.told.get(key)
        if people is None:
            people = self.facts.told[key] = frozenset(build())
        return people

    @cached_property
    def needs(self) -> dict[int, dict]:
        return self.facts.rows(self.need_ids)

    @cached_property
    def chains(self) -> dict[int, frozenset[int]]:
        return self.facts.chains(self.need_ids)

    @cached_property
    def _alliance_people(self) -> dict[int, dict[str, set[int]]]:
        """chain id → role → user ids (party workers dispatched by the alliance count as staff)."""
        from alliances.tasks import alliance_people

        chain_ids = set().union(*self.chains.values()) if self.chains else set()
        return self.facts.around("alliance people", chain_ids,
                                 lambda ids: alliance_people(chain_ids=ids, on=self.today), {})

    @cached_property
    def _committee_people(self) -> dict[int, set[int]]:
        from alliances.tasks import committee_people

        park_ids = {row["park_id"] for row in self.needs.values() if row["park_id"]}
        return self.facts.around("committee people", park_ids,
                                 lambda ids: committee_people(park_ids=ids, on=self.today), set())

    def _chains_and_park(self, need_id: int) -> tuple[frozenset[int], int | None]:
        return self.chains.get(need_id, frozenset()), self.needs.get(need_id, {}).get("park_id")

    def dispatchers(self, need_id: int) -> frozenset[int]:
        """Alliance staff of the need's chains and committee staff of its park: they accept, assign, decide."""
        chains, park_id = self._chains_and_park(need_id)
        return self._once(("dispatchers", chains, park_id), lambda: self._committee_people.get(park_id, set()).union(
            *(roles.get("staff", set()) or roles.get("any", set())
              for roles in (self._alliance_people.get(chain_id, {}) for chain_id in chains))))

    def chairs(self, need_id: int) -> frozenset[int]:
        """The chairs (理事长) of the need's alliances; failing any, the bodies' staff."""
        chains = self.chains.get(need_id, frozenset())
        return self._once(("chairs", chains), lambda: set().union(
            *(self._alliance_people.get(chain_id, {}).get("chair", set()) for chain_id in chains))) \
            or self.dispatchers(need_id)

    @cached_property
    def _tasks(self) -> dict[int, tuple[tuple[int, bool, bool], ...]]:
        return self.facts.tasks(self.need_ids)

    @cached_property
    def _department_staff(self) -> dict[int, set[int]]:
        def load(department_ids):
            DepartmentStaff = apps.get_model("chainparty", "DepartmentStaff")
            staff = defaultdict(set)
            for department_id, user_id in DepartmentStaff.objects.filter(
                    department_id__in=department_ids, active=True).values_list("department_id", "user_id"):
                staff[department_id].add(user_id)
            return staff
        department_ids = {task[0] for tasks in self._tasks.values() for task in tasks}
        return self.facts.around("department staff", department_ids, load, set())

    def lead_department(self, need_id: int) -> frozenset[int]:
        """Staff of the leading department: the assignee of the task letter."""
        tasks = self._tasks.get(need_id, ())
        return self._once(("lead", tasks), lambda: set().union(*(
            self._department_staff.get(department_id, set()) for department_id, is_lead, _signed in tasks if is_lead)))

    def unsigned_departments(self, need_id: int) -> frozenset[int]:
        tasks = self._tasks.get(need_id, ())
        return self._once(("unsigned", tasks), lambda: set().union(*(
            self._department_staff.get(department_id, set()) for department_id, _lead, signed in tasks if not signed)))

    @cached_property
    def _contacts(self) -> dict[int, frozenset[int]]:
        def load(enterprise_ids):
            EnterpriseContact = apps.get_model("enterprises", "EnterpriseContact")
            contacts = defaultdict(set)
            for enterprise_id, user_id in EnterpriseContact.objects.active().filter(
                    enterprise_id__in=enterprise_ids, user__isnull=False).values_list("enterprise_id", "user_id"):
                contacts[enterprise_id].add(user_id)
            return {enterprise_id: frozenset(users) for enterprise_id, users in contacts.items()}
        enterprise_ids = {row["enterprise_id"] for row in self.needs.values()}
        return self.facts.around("contacts", enterprise_ids, load, frozenset())

    def contacts(self, need_id: int) -> frozenset[int]:
        return self._contacts.get(self.needs.get(need_id, {}).get("enterprise_id"), frozenset())

    @cached_property
    def _officials(self) -> dict[int, frozenset[int]]:
        """county id → officials of the county and of every region above it."""
        def load(county_ids):
            Region = apps.get_model("chainparty", "Region")
            Official = apps.get_model("chainparty", "Official")
            parents = dict(Region.objects.values_list("pk", "parent_id"))
            by_region = defaultdict(set)
            for region_id, user_id in Official.objects.filter(active=True).values_list("region_id", "user_id"):
                by_region[region_id].add(user_id)
            return {county_id: frozenset().union(*(by_region.get(region_id, ()) for region_id in
                                                   _regions_up(county_id, parents))) for county_id in county_ids}
        return self.facts.around("officials", {row["county_id"] for row in self.needs.values()}, load, frozenset())

    def officials(self, need_id: int) -> frozenset[int]:
        return self._officials.get(self.needs.get(need_id, {}).get("county_id"), frozenset())


def _regions_up(region_id: int | None, parents: dict[int, int | None]) -> Iterator[int]:
    """``region_id`` and every region above it, by the tree's parent map (a loop in bad data ends the walk)."""
    seen = set()
    while region_id is not None and region_id not in seen:
        seen.add(region_id)
        yield region_id
        region_id = parents.get(region_id)


# The stages ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stage:
    kind: str
    notification: str
    due: Callable[[date], Q]           # which needs are due today
    deadline: str                      # the field whose date is the stage
    recipients: Callable[[People, int], set[int]]
    title: str                         # lazy; formatted with the need's row (%(title)s)
    event: str = ""                    # a timeline event to write (催办 / 督办 / 通报)


def _overdue(today: date) -> Q:
    """``Need.objects.overdue_q`` said with the current due date (annotated by ``run_stage``): the same needs, found
    with an index-only scan of the needs being worked on (``need_working_deadlines``) instead of the table."""
    return Q(status__in=WORKING, current_due__lt=today)


STAGES = [
    Stage(K.ACCEPT_REMINDER, Notification.Kind.NEED_ACCEPT_REMINDER,
          lambda today: Q(status__in=[S.SUBMITTED, S.ACCEPTED, S.REOPENED], accept_due__lt=today), "accept_due",
          People.dispatchers, gettext_lazy("Not yet accepted and assigned in time: %(title)s")),
    Stage(K.SIGN_REMINDER, Notification.Kind.NEED_SIGN_REMINDER,
          lambda today: Q(status=S.ASSIGNED, sign_due__lt=today), "sign_due",
          People.unsigned_departments, gettext_lazy("Please sign for the task: %(title)s")),
    Stage(K.REPLY_REMINDER, Notification.Kind.NEED_REPLY_REMINDER,
          lambda today: Q(status__in=WORKING, first_replied_at__isnull=True, first_reply_due__lt=today),
          "first_reply_due", People.lead_department,
          gettext_lazy("The enterprise awaits a first reply: %(title)s")),
    Stage(K.REMIND, Notification.Kind.NEED_REMIND,
          lambda today: Q(status__in=WORKING, remind_on__lte=today), "remind_on",
          People.lead_department, gettext_lazy("Due soon (催办): %(title)s"), NeedEvent.Kind.REMIND),
    Stage(K.SUPERVISE, Notification.Kind.NEED_SUPERVISE, _overdue, "current_due",
          lambda people, pk: people.chairs(pk) | people.lead_department(pk),
          gettext_lazy("Overdue, under supervision (督办): %(title)s"), NeedEvent.Kind.SUPERVISE),
    Stage(K.PUBLICIZE, Notification.Kind.NEED_PUBLICIZE,
          lambda today: Q(status__in=WORKING, publicize_on__lte=today), "publicize_on",
          lambda people, pk: people.officials(pk) | people.chairs(pk) | people.lead_department(pk),
          gettext_lazy("Listed in the weekly report (通报): %(title)s"), NeedEvent.Kind.PUBLICIZE),
    Stage(K.FEEDBACK_REQUEST, Notification.Kind.FEEDBACK_REQUEST,
          lambda today: Q(status=S.RESOLVED), "reopen_count",
          People.contacts, gettext_lazy("Resolved: how satisfied are you? %(title)s")),
]


def _batches(queryset, fields: list[str], recorded: Callable[[int], Exists] | None = None) -> Iterator[list[dict]]:
    """Rows of ``queryset`` in batches of BATCH, walking the primary key (no OFFSET, no query per row).

    ``recorded(last)``: the follow-ups already recorded of the needs after ``last``, whose rows are left out. Bounded
    so: PostgreSQL merges the needs with the follow-ups in need order, and without the bound would read every
    follow-up of the needs before the batch again (each batch more than the last: 1.6 s of 200,000 overdue needs'
    supervision, 0.6 s with it)."""
    last = 0
    while True:
        batch = queryset.filter(pk__gt=last)
        if recorded is not None:
            batch = batch.exclude(recorded(last))
        rows = list(batch.order_by("pk").values("pk", *fields)[:BATCH])
        if rows:
            yield rows
        if len(rows) < BATCH:
            return
        last = rows[-1]["pk"]


def _record(kind: str, found: list[tuple[int, str, date | str | None]],
            told: dict[int, set[int]] | None = None) -> list[dict]:
    """Insert the follow-ups (need id, stage, deadline) with the number of people ``told`` of each need; return
    those this call inserted, not a concurrent one."""
    run = uuid.uuid4()
    told = told or {}
    returning = ["id", "need_id", "due_on"] if connection.vendor == "postgresql" else []
    # Rare conflicts: the due queries skip what is recorded, so only a concurrent pass can have recorded some.
    inserted = insert_rows(FollowUp, ["need_id", "stage", "due_on", "recipients"],
                           [(need_id, stage, due_on, len(told.get(need_id, ()))) for need_id, stage, due_on in found],
                           constants={"kind": kind, "run": run}, ignore_conflicts=True, conflicts_are_rare=True,
                           returning=returning)
    if returning:
        return [{"pk": pk, "need_id": need_id, "due_on": due_on} for pk, need_id, due_on in inserted]
    return list(FollowUp.objects.filter(run=run).order_by().values("pk", "need_id", "due_on"))


def _need_link() -> Callable[[int], str]:
    """The link to a need from its id, reversed once: a pass links tens of thousands of notifications."""
    marker = "987654321"
    head, tail = reverse("services:need-detail", args=[marker]).split(marker)
    return lambda need_id: f"{head}{need_id}{tail}"


# A person told of more needs than this by one stage of one batch gets a single notification listing them: a
# backlog (a first pass, data moved in, a long holiday) must not bury a chair under thousands of alerts.
ONE_BY_ONE_UP_TO = 20
# Where such a listing leads: the needs list, filtered to what the stage is about.
LISTED_AT = {K.ACCEPT_REMINDER: {"late": "true"}, K.SIGN_REMINDER: {"late": "true"},
             K.REPLY_REMINDER: {"late": "true"}, K.SUPERVISE: {"overdue": "true"}, K.PUBLICIZE: {"overdue": "true"},
             K.FEEDBACK_REQUEST: {"status": S.RESOLVED}}


def _notify(created: list[dict], people: People, told: dict[int, frozenset[int]], notification: str, title: str,
            kind: str) -> None:
    title, body, link = str(title), _("%(enterprise)s · deadline %(due)s"), _need_link()
    # The needs of a batch share a few hundred sets of people told: the rows are grouped by set, then handed to
    # each person of the set, instead of to each person of each row.
    rows_told: dict[frozenset[int], list[dict]] = defaultdict(list)
    for row in created:
        rows_told[told[row["need_id"]]].append(row)
    rows_of: dict[int, list[dict]] = defaultdict(list)
    for people_told, rows in rows_told.items():
        for person in people_told:
            rows_of[person].extend(rows)
    listed = {person for person, rows in rows_of.items() if len(rows) > ONE_BY_ONE_UP_TO}
    messages = []
    for people_told, rows in rows_told.items():
        if one_by_one := people_told - listed:
            messages += [(one_by_one, notification, title % people.needs[row["need_id"]],
                          body % {"enterprise": people.needs[row["need_id"]]["enterprise__name"],
                                  "due": row["due_on"] or "—"},
                          link(row["need_id"]), f"followup:{row['pk']}") for row in rows]
    messages += [_listing(person, rows_of[person], people, notification, kind) for person in sorted(listed)]
    notify_many(messages, keys_are_new=True)  # each key names follow-ups this pass has just recorded


def _listing(person: int, rows: list[dict], people: People, notification: str, kind: str) -> tuple:
    """One notification telling ``person`` of all ``rows`` (follow-ups of one stage): how many, the first titles."""
    shown = [people.needs[row["need_id"]]["title"] for row in heapq.nsmallest(3, rows, key=itemgetter("pk"))]
    query = urlencode(LISTED_AT.get(kind, {}))
    ids = [row["pk"] for row in rows]
    return ({person}, notification, _("%(stage)s: %(count)d needs") % {"stage": K(kind).label, "count": len(rows)},
            _("%(titles)s and %(more)d more") % {"titles": "、".join(shown), "more": len(rows) - len(shown)},
            reverse("services:need-list") + (f"?{query}" if query else ""), f"followups:{min(ids)}-{max(ids)}")


def _events(created: list[dict], people: People, event: str, label: str) -> None:
    insert_rows(NeedEvent, ["need_id", "from_status", "to_status"],
                [(row["need_id"], status, status)
                 for row in created for status in [people.needs[row["need_id"]]["status"]]],
                constants={"kind": event, "at": timezone.now(), "note": label})


def _follow_up_batch(kind: str, found: list[tuple[int, str, date | None]], today: date, facts: NeedFacts, recipients,
                     notification: str, title: str, event: str = "") -> int:
    """Record, notify (and put on the timeline) one batch of follow-ups; returns how many this call recorded.
    Who is told is known before recording, so each follow-up is written with its count, never updated."""
    people = People({need_id for need_id, _stage, _due in found}, today, facts)
    told = {need_id: frozenset(recipients(people, need_id)) for need_id in people.need_ids}
    with transaction.atomic():
        created = _record(kind, found, told)
        if created:
            _notify(created, people, told, notification, title, kind)
            if event:
                _events(created, people, event, str(K(kind).label))
    return len(created)


def _recorded(kind: str, deadline: str) -> Callable[[int], Exists]:
    """The follow-ups of ``kind`` recorded for a need's ``deadline``, of the needs after a given id."""
    return lambda last: Exists(FollowUp.objects.filter(need_id=OuterRef("pk"), need_id__gt=last, kind=kind,
                                                       due_on=OuterRef(deadline)))


def run_stage(stage: Stage, today: date, facts: NeedFacts | None = None) -> int:
    """One stage over every due need; returns the number of follow-ups recorded (and notified) now."""
    facts = facts or NeedFacts()
    fields = ["due_date", "deferred_until", "status"] if stage.deadline == "current_due" else [stage.deadline]
    due = Need.objects.all()
    # Skip the needs already followed up for this deadline, so a pass over a large backlog of overdue needs
    # reads only what is new; the unique constraint, not this filter, is what guarantees "once".
    anchor = {"current_due": "current_due", "reopen_count": "feedback_due"}.get(stage.deadline, stage.deadline)
    if anchor == "current_due":
        due = due.annotate(current_due=Case(When(status=S.DEFERRED, deferred_until__isnull=False,
                                                 then=F("deferred_until")), default=F("due_date")))
    due = due.filter(stage.due(today))
    if anchor == "feedback_due":
        fields = [*fields, "feedback_due"]
    total = 0
    for rows in _batches(due, fields, _recorded(stage.kind, anchor)):
        found = []
        # The deadline as its ISO text, which is also the stage: the insert sends text, not a date to convert.
        for row in rows:
            if stage.deadline == "current_due":
                day = row["deferred_until"] if row["status"] == S.DEFERRED and row["deferred_until"] else row["due_date"]
                found.append((row["pk"], iso := day.isoformat(), iso))
            elif stage.deadline == "reopen_count":
                found.append((row["pk"], f"round{row['reopen_count'] + 1}", row["feedback_due"]))
            else:
                found.append((row["pk"], iso := row[stage.deadline].isoformat(), iso))
        total += _follow_up_batch(stage.kind, found, today, facts, stage.recipients, stage.notification, stage.title,
                                  stage.event)
    return total


def run_extension_reminders(today: date, facts: NeedFacts | None = None) -> int:
    """Remind whoever decides (the alliance or committee) of an extension request past its decision date."""
    facts = facts or NeedFacts()
    pending = ExtensionRequest.objects.pending().filter(decision_due__lt=today,
                                                        need__status__in=[*Need.OPEN_STATUSES]).exclude(
        Exists(FollowUp.objects.filter(need_id=OuterRef("need_id"), kind=K.EXTENSION_REMINDER,
                                       stage=Concat(Value("extension"), Cast(OuterRef("pk"), CharField())))))
    total = 0
    for rows in _batches(pending, ["need_id", "decision_due", "days"]):
        total += _follow_up_batch(K.EXTENSION_REMINDER,
                                  [(row["need_id"], f"extension{row['pk']}", row["decision_due"]) for row in rows],
                                  today, facts, People.dispatchers, Notification.Kind.EXTENSION_REMINDER,
                                  gettext_lazy("An extension request awaits your decision: %(title)s"))
    return total


def run_auto_close(today: date) -> int:
    """Close the resolved needs whose feedback window ended without feedback (recorded as closed automatically)."""
    from .actions import auto_close_needs

    total = 0
    due = Need.objects.filter(status=S.RESOLVED, feedback_due__lte=today)
    for rows in _batches(due, ["reopen_count", "feedback_due"], _recorded(K.AUTO_CLOSE, "feedback_due")):
        # One transaction: a worker killed between recording and closing must not leave a need recorded as
        # closed automatically but still resolved (the next pass would skip it for good).
        with transaction.atomic():
            created = _record(K.AUTO_CLOSE, [(row["pk"], f"round{row['reopen_count'] + 1}", row["feedback_due"])
                                             for row in rows])
            closed = set(auto_close_needs([row["need_id"] for row in created]))
            # feedback arrived in the meantime: nothing was closed, forget those records
            FollowUp.objects.filter(pk__in=[row["pk"] for row in created if row["need_id"] not in closed]).delete()
        total += len(closed)
    return total


@cycle_collection_paused()
def follow_up(today: date | None = None) -> dict[str, int]:
    """One follow-up pass over every need; safe to run any number of times, also concurrently."""
    today = today or today_in_china()
    facts = NeedFacts()
    done = {stage.kind: run_stage(stage, today, facts) for stage in STAGES}
    done[K.EXTENSION_REMINDER] = run_extension_reminders(today, facts)
    done[K.AUTO_CLOSE] = run_auto_close(today)
    return done


# Submission --------------------------------------------------------------------------------------------------

def notify_submitted(need: Need, chain_ids) -> None:
    """Tell the need's alliance and committee staff that a new need on ``chain_ids`` awaits acceptance (written
    in the submitter's transaction; sent after commit, or by the sweep if the broker is down)."""
    people = People([need.pk], timezone.localdate(), NeedFacts().knowing(need, chain_ids))
    row = people.needs[need.pk]
    notify_many([(people.dispatchers(need.pk), Notification.Kind.NEED_SUBMITTED,
                  _("New need to accept: %(title)s") % row, row["enterprise__name"],
                  reverse("services:need-detail", args=[need.pk]), f"need:{need.pk}:submitted")])


# Weekly digest -----------------------------------------------------------------------------------------------

def weekly_digest(today: date | None = None) -> int:
    """Monday's digest: to each department's staff and each alliance's staff, their open, overdue and
    publicized (通报) needs. One notification per person and ISO week; a few aggregate queries in all."""
    today = today or today_in_china()
    year, week, _day = today.isocalendar()
    Assignment = apps.get_model("services", "Assignment")
    DepartmentStaff = apps.get_model("chainparty", "DepartmentStaff")
    overdue = Need.objects.overdue_q(today)
    week_ago = today - timedelta(days=7)
    publicized = Q(need__followups__kind=K.PUBLICIZE, need__followups__created_at__date__gte=week_ago)

    by_department = Assignment.objects.current().filter(is_lead=True, need__status__in=Need.OPEN_STATUSES) \
        .values("department_id").annotate(
            open=Count("need", distinct=True),
            overdue=Count("need", filter=Q(need__in=Need.objects.filter(overdue)), distinct=True),
            publicized=Count("need", filter=publicized, distinct=True))
    staff = defaultdict(set)
    for department_id, user_id in DepartmentStaff.objects.filter(active=True).values_list("department_id", "user_id"):
        staff[department_id].add(user_id)

    through = Need.chains.through
    by_chain = through.objects.filter(need__status__in=Need.OPEN_STATUSES).values("industrialchain_id").annotate(
        open=Count("need", distinct=True),
        waiting=Count("need", filter=Q(need__status__in=[S.SUBMITTED, S.ACCEPTED, S.REOPENED]), distinct=True),
        overdue=Count("need", filter=Q(need__in=Need.objects.filter(overdue)), distinct=True),
        publicized=Count("need", filter=publicized, distinct=True))
    from alliances.tasks import alliance_people

    chain_people = alliance_people(chain_ids={row["industrialchain_id"] for row in by_chain}, on=today)

    messages = []
    title = _("Weekly digest of needs, week %(week)d of %(year)d") % {"week": week, "year": year}
    url = reverse("services:need-list")
    for row in by_department:
        body = _("Open: %(open)d · overdue: %(overdue)d · listed in the report (通报) last week: %(publicized)d") % row
        messages.append((staff.get(row["department_id"], set()), Notification.Kind.WEEKLY_DIGEST, title, body,
                         url, f"digest:{year}W{week}:department{row['department_id']}"))
    for row in by_chain:
        roles = chain_people.get(row["industrialchain_id"], {})
        body = _("Open: %(open)d · awaiting acceptance or assignment: %(waiting)d · overdue: %(overdue)d · "
                 "listed in the report (通报) last week: %(publicized)d") % row
        messages.append((roles.get("staff", set()) | roles.get("chair", set()), Notification.Kind.WEEKLY_DIGEST,
                         title, body, url, f"digest:{year}W{week}:chain{row['industrialchain_id']}"))
    messages += _officials_digest(today, title, f"{year}W{week}")
    return notify_many(messages)


def _officials_digest(today: date, title: str, week: str) -> list:
    """Officials: the needs of their region publicized (通报) in the past week, with a link to the report."""
    Region = apps.get_model("chainparty", "Region")
    Official = apps.get_model("chainparty", "Official")
    per_county = dict(FollowUp.objects.publicized().in_week_before(today).values("need__county_id")
                      .annotate(n=Count("need", distinct=True)).values_list("need__county_id", "n"))
    if not per_county:
        return []
    parents = dict(Region.objects.values_list("pk", "parent_id"))
    per_region = defaultdict(int)
    for county_id, count in per_county.items():
        for region_id in _regions_up(county_id, parents):
            per_region[region_id] += count
    people = defaultdict(set)
    for region_id, user_id in Official.objects.filter(active=True, region_id__in=per_region) \
            .values_list("region_id", "user_id"):
        people[region_id].add(user_id)
    url = reverse("services:publicized-needs")
    return [(users, Notification.Kind.WEEKLY_DIGEST, title,
             _("Needs of your region listed in the report (通报) last week: %(count)d") % {"count": per_region[region]},
             url, f"digest:{week}:region{region}") for region, users in people.items()]


