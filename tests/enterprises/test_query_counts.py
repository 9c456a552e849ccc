"""The member-growth list pages and API lists run as many queries for 200 rows as for 5."""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enterprises.models import (BranchRating, DemonstrationSite, Enterprise, MemberPost, MemberPostProject,
                                MemberReport, PartyOrganization, TrainingSession)
from tests import factories as f
from tests.conftest import api_client_for, client_for


def organizations(world, n, start):
    """``n`` organisations, each of an enterprise in park A on chain A."""
    orgs = PartyOrganization.objects.bulk_create(
        PartyOrganization(name=f"党支部{start + i}", secretary_name="书记", secretary_management_level="middle")
        for i in range(n))
    enterprises = Enterprise.objects.bulk_create(
        Enterprise(name=f"企业{start + i}", credit_code=f.credit_code(), county=world.county_a, park=world.park_a,
                   party_organization=org, is_chain_leader=True) for i, org in enumerate(orgs))
    Enterprise.chains.through.objects.bulk_create(
        Enterprise.chains.through(enterprise=enterprise, industrialchain=world.chain_a) for enterprise in enterprises)
    return orgs, enterprises


def reports(world, n, start):
    orgs, _ = organizations(world, n, start)
    now = timezone.now()
    MemberReport.objects.bulk_create(
        MemberReport(organization=org, year=2025, quarter=1 + i % 4, status="submitted" if i % 2 else "approved",
                     submitted_at=now, decided_at=now, members=30, filed_by=world.contact_a)
        for i, org in enumerate(orgs))


def one_organizations_reports(world, n, start):
    now = timezone.now()
    MemberReport.objects.bulk_create(
        MemberReport(organization=world.org_a, year=2000 + (start + i) // 4, quarter=1 + (start + i) % 4,
                     status="approved", decided_at=now, members=30) for i in range(n))


def ratings(world, n, start):
    orgs, _ = organizations(world, n, start)
    BranchRating.objects.bulk_create(
        BranchRating(organization=org, year=2025, basic_organization=18, basic_team=18, basic_activities=18,
                     basic_system=18, basic_guarantee=18, grade="demonstration", rated_by=world.committee_staff_a)
        for org in orgs)


def sites(world, n, start):
    _, enterprises = organizations(world, n, start)
    scores = dict(political_standing=9, member_quality=8, development_quality=9, leadership=8, institutions=9,
                  facilities=8, political_leadership=9, chain_drive=9, example=8)
    DemonstrationSite.objects.bulk_create(
        DemonstrationSite(enterprise=enterprise, alliance=world.alliance_a, year=2025, evaluator="评审组", **scores)
        for enterprise in enterprises)


def sessions(world, n, start):
    created = TrainingSession.objects.bulk_create(
        TrainingSession(organizer=world.county_a, committee=world.committee_a, topic=f"培训班{start + i}",
                        start_date=date(2025, 5, 1), end_date=date(2025, 5, 2), participants=30) for i in range(n))
    through = TrainingSession.organizations.through
    through.objects.bulk_create(through(trainingsession=session, partyorganization=world.org_a) for session in created)


def posts(world, n, start):
    created = MemberPost.objects.bulk_create(
        MemberPost(enterprise=world.enterprise_a, kind="model_post", name=f"示范岗{start + i}", members_involved=3,
                   established_on=date(2024, 1, 1)) for i in range(n))
    MemberPostProject.objects.bulk_create(
        MemberPostProject(post=post, kind="process_improvement", title=f"工艺改进{post.pk}-{k}",
                          taken_on=date(2024, 6, 1)) for post in created for k in range(2))


CASES = [
    ("/enterprises/reports/", reports, "city_official", False),
    ("/enterprises/reports/queue/", reports, "committee_staff_a", False),
    ("/api/v1/member-reports/", reports, "city_official", True),
    ("/api/v1/member-reports/summary/?period=2025", reports, "alliance_staff_a", True),
    ("/enterprises/organizations/{org_a}/growth/", one_organizations_reports, "contact_a", False),
    ("/enterprises/ratings/", ratings, "committee_staff_a", False),
    ("/api/v1/branch-ratings/", ratings, "official_a", True),
    ("/enterprises/sites/", sites, "alliance_staff_a", False),
    ("/api/v1/demonstration-sites/", sites, "city_official", True),
    ("/enterprises/trainings/", sessions, "committee_staff_a", False),
    ("/api/v1/training-sessions/", sessions, "official_a", True),
    ("/enterprises/posts/", posts, "contact_a", False),
    ("/api/v1/member-posts/", posts, "committee_staff_a", True),
    ("/api/v1/member-post-projects/", posts, "official_a", True),
]


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert rows(response) >= 2, "the user sees the rows built for them"
    return len(context)


def rows(response) -> int:
    if hasattr(response, "data"):
        return response.data["reports"] if "reports" in response.data else len(response.data["results"])
    return len(response.context["reports"] if "reports" in response.context else response.context["object_list"])


@pytest.mark.parametrize("url,build,role,api", CASES, ids=[f"{case[0]}" for case in CASES])
def test_queries_do_not_grow_with_the_rows(world, url, build, role, api):
    url = url.format(org_a=world.org_a.pk)
    user = getattr(world, role)
    client = api_client_for(user) if api else client_for(user)
    build(world, 5, 0)
    small = count_queries(client, url)
    build(world, 195, 5)
    assert count_queries(client, url) == small
