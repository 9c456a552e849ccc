"""The demo needs: a year of needs in every status, realistic and loaded idempotently."""
import random

from django.utils import timezone

from chainparty.demo import DemoCity
from services import demo
from services.models import Need, NeedEvent
from tests import factories as f

from .needs_world import w  # noqa: F401  (fixtures)


def small_city(w) -> DemoCity:
    enterprises = [w.enterprise_a, w.enterprise_b]
    for index in range(10):
        enterprise = f.EnterpriseFactory(name=f"演示企业{index}", county=w.county_a, park=w.park_a, chains=[w.chain_a])
        f.EnterpriseContactFactory(enterprise=enterprise)
        enterprises.append(enterprise)
    return DemoCity(rng=random.Random(1), today=timezone.localdate(), province=w.province, city=w.city,
                    counties={"宿城区": w.county_a, "宿豫区": w.county_b},
                    departments={"工信局": w.department, "人社局": w.other_department},
                    chains={"激光装备": w.chain_a, "酿造（酒）": w.chain_b},
                    alliances={"激光装备": w.alliance_a, "酿造（酒）": w.alliance_b},
                    parks={"经开区": w.park_a, "洋河新区": w.park_b},
                    committees={"经开区": w.committee_a, "洋河新区": w.committee_b},
                    enterprises=enterprises, users={})


def test_the_demo_has_needs_in_every_status_and_loads_twice_to_the_same_data(w):
    city = small_city(w)
    demo.load(city)
    statuses = set(Need.objects.values_list("status", flat=True))
    assert statuses == set(Need.Status.values)
    count, events = Need.objects.count(), NeedEvent.objects.count()
    assert count >= 20 and events > 3 * count
    demo.load(city)
    assert (Need.objects.count(), NeedEvent.objects.count()) == (count, events)


def test_the_demo_timelines_are_in_order_and_in_the_past(w):
    demo.load(small_city(w))
    now = timezone.now()
    for need in Need.objects.prefetch_related("events"):
        moments = [event.at for event in need.events.all()]
        assert moments == sorted(moments) and moments[-1] <= now
        assert moments[0] == need.submitted_at
    assert Need.objects.exclude(status__in=Need.FINAL_STATUSES).exists()
    assert Need.objects.filter(status=Need.Status.CLOSED, resolution_working_days__gt=0).exists()
