"""A need is matched to the resources that may solve it: same category, its chains, or its region."""
from datetime import date

from services.models import Need
from tests.conftest import client_for

from .. import factories as f


def make_need(world):
    need = f.NeedFactory(enterprise=world.enterprise_a, county=world.county_a, park=world.park_a, category="funding",
                         amount_requested=100)
    need.chains.set([world.chain_a])
    return need


def test_matching_resources_are_of_its_category_and_on_its_chain_or_region(world):
    need = make_need(world)
    laser_loan = f.ResourceFactory(department=world.department, title="宿城激光贷", kind="loan", quota=5000,
                                   target_chains=[world.chain_a], target_categories=["funding"], published=True)
    city_fund = f.ResourceFactory(department=world.department, title="市级贴息政策", target_categories=[],
                                  published=True)
    f.ResourceFactory(department=world.department, title="酒企专项贷", target_chains=[world.chain_b],
                      target_categories=["funding"], published=True)                       # another chain
    f.ResourceFactory(department=world.department, title="用工补贴", target_chains=[world.chain_a],
                      target_categories=["labour"], published=True)                        # another category
    f.ResourceFactory(department=world.department, title="草稿", target_chains=[world.chain_a],
                      target_categories=["funding"], published=False)                      # not published
    f.ResourceFactory(department=world.department, title="过期贷款", target_chains=[world.chain_a],
                      target_categories=["funding"], published=True, valid_to=date(2020, 1, 1))
    from services.models import Resource

    assert set(Resource.objects.matching(need)) == {laser_loan, city_fund}


def test_the_need_page_shows_the_resources_the_reader_may_see(world):
    need = make_need(world)
    f.ResourceFactory(department=world.department, title="宿城激光贷", target_chains=[world.chain_a],
                      target_categories=["funding"], published=True)
    page = client_for(world.contact_a).get(f"/services/needs/{need.pk}/").content.decode()
    assert "宿城激光贷" in page
    assert Need.objects.filter(pk=need.pk).exists()
