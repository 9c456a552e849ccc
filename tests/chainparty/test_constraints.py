"""The matrix's rules hold in the database and give clear messages on forms and the API."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from alliances.models import Alliance
from enterprises.credit_code import check_character, validate_credit_code
from enterprises.models import Enterprise
from parks.models import JointCommittee
from tests.conftest import api_client_for

from .. import factories as f


def test_a_second_alliance_for_a_chain_is_refused_with_a_clear_message(world):
    second = Alliance(chain=world.chain_a, name="第二个联盟", founded_on=world.alliance_a.founded_on)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "一链一联盟" in str(error.value)


def test_the_database_refuses_a_second_alliance_for_a_chain(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Alliance.objects.create(chain=world.chain_a, name="第二个联盟", founded_on=world.alliance_a.founded_on)


def test_the_api_refuses_a_second_alliance_with_a_field_error(world):
    response = api_client_for(world.admin).post("/api/v1/alliances/", {
        "chain": world.chain_a.pk, "name": "第二个联盟", "founded_on": "2024-01-01"}, format="json")
    assert response.status_code == 400
    assert "chain" in response.json()


def test_a_second_committee_for_a_park_is_refused(world):
    second = JointCommittee(park=world.park_a, name="第二个联合党委", founded_on=world.committee_a.founded_on)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "一园一党委" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_the_api_refuses_a_second_committee_with_a_field_error(world):
    response = api_client_for(world.admin).post("/api/v1/committees/", {
        "park": world.park_a.pk, "name": "第二个", "founded_on": "2024-01-01"}, format="json")
    assert response.status_code == 400
    assert "park" in response.json()


def test_a_well_formed_credit_code_passes():
    body = "91321300MA1ABCDEF"
    validate_credit_code(body + check_character(body))


def test_a_known_real_code_has_the_right_check_character():
    # 91350100M000100Y43: the example code of GB 32100's annex
    assert check_character("91350100M000100Y4") == "3"


@pytest.mark.parametrize("code,message", [
    ("91321300MA1ABCDE", "18位"),            # too short
    ("91321300MA1ABCDEFI", "18位"),          # I is not allowed
    ("9132130OMA1ABCDEF0", "18位"),          # letter in the region code
    ("91321300MA1ABCDEF0", "校验位"),         # wrong check character
])
def test_a_bad_credit_code_is_refused_with_a_clear_message(code, message):
    body = "91321300MA1ABCDEF"
    if message == "校验位":
        wrong = "0" if check_character(body) != "0" else "1"
        code = body + wrong
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert message in str(error.value)


def test_the_database_refuses_a_malformed_credit_code(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enterprise.objects.create(name="坏代码", credit_code="NOT-A-CODE", county=world.county_a)


def test_the_api_refuses_a_bad_credit_code_with_a_field_error(world):
    response = api_client_for(world.admin).post("/api/v1/enterprises/", {
        "name": "测试企业", "credit_code": "91321300MA1ABCDEF0", "county": world.county_a.pk}, format="json")
    assert response.status_code == 400
    assert "credit_code" in response.json()


def test_an_enterprise_cannot_sit_in_a_park_of_another_county(world):
    enterprise = Enterprise(name="跨县企业", credit_code=f.credit_code(), county=world.county_b, park=world.park_a)
    with pytest.raises(ValidationError) as error:
        enterprise.full_clean()
    assert "park" in error.value.message_dict


def test_only_a_joint_branch_covers_several_enterprises(world):
    enterprise = f.EnterpriseFactory(county=world.county_a)
    enterprise.party_organization = world.org_a  # a plain branch already covering enterprise_a
    with pytest.raises(ValidationError) as error:
        enterprise.full_clean()
    assert "party_organization" in error.value.message_dict
    world.org_a.kind = world.org_a.Kind.JOINT_BRANCH
    world.org_a.save()
    enterprise.full_clean()


def test_a_party_worker_is_dispatched_by_exactly_one_body(world):
    worker = f.PartyWorkerFactory.build(committee=world.committee_a, alliance=world.alliance_a)
    with pytest.raises(ValidationError):
        worker.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        worker.save()
