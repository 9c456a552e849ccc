"""factory_boy factories for the matrix; every test builds the data it needs with these."""
from __future__ import annotations

import itertools
from datetime import date

import factory
from factory.django import DjangoModelFactory

from alliances.models import Alliance, AllianceMember, AlliancePosition, IndustrialChain
from chainparty.models import Department, DepartmentStaff, Official, Region, User
from enterprises.credit_code import check_character
from enterprises.models import Enterprise, EnterpriseContact, PartyOrganization
from parks.models import CommitteePosition, JointCommittee, Park, PartyWorker

_codes = itertools.count(1)


def credit_code(region_code: str = "321300") -> str:
    """A valid unified social credit code, different on every call."""
    body = f"91{region_code}MA{next(_codes):07d}"[:17]
    return body + check_character(body)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"用户{n}")
    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "correct-horse-battery")
        if create:
            self.save(update_fields=["password"])


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{320000 + n * 100:06d}")
    name = factory.Sequence(lambda n: f"地区{n}")
    level = Region.Level.COUNTY
    parent = None


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"部门{n}")
    region = factory.SubFactory(RegionFactory)


class ChainFactory(DjangoModelFactory):
    class Meta:
        model = IndustrialChain

    name = factory.Sequence(lambda n: f"产业链{n}")
    region = factory.SubFactory(RegionFactory)
    is_key = True


class AllianceFactory(DjangoModelFactory):
    class Meta:
        model = Alliance

    chain = factory.SubFactory(ChainFactory)
    name = factory.LazyAttribute(lambda o: f"{o.chain.name}党建联盟")
    founded_on = date(2024, 1, 1)


class AlliancePositionFactory(DjangoModelFactory):
    class Meta:
        model = AlliancePosition

    alliance = factory.SubFactory(AllianceFactory)
    role = AlliancePosition.Role.SECRETARY_GENERAL
    person_name = factory.Sequence(lambda n: f"秘书长{n}")


class ParkFactory(DjangoModelFactory):
    class Meta:
        model = Park

    name = factory.Sequence(lambda n: f"开发区{n}")
    level = Park.Level.PROVINCIAL
    county = factory.SubFactory(RegionFactory)


class CommitteeFactory(DjangoModelFactory):
    class Meta:
        model = JointCommittee

    park = factory.SubFactory(ParkFactory)
    name = factory.LazyAttribute(lambda o: f"{o.park.name}联合党委")
    founded_on = date(2024, 1, 1)


class CommitteePositionFactory(DjangoModelFactory):
    class Meta:
        model = CommitteePosition

    committee = factory.SubFactory(CommitteeFactory)
    role = CommitteePosition.Role.SECRETARY
    person_name = factory.Sequence(lambda n: f"书记{n}")


class PartyWorkerFactory(DjangoModelFactory):
    class Meta:
        model = PartyWorker

    name = factory.Sequence(lambda n: f"党务工作者{n}")
    employment = PartyWorker.Employment.FULL_TIME
    committee = factory.SubFactory(CommitteeFactory)


class PartyOrganizationFactory(DjangoModelFactory):
    class Meta:
        model = PartyOrganization

    name = factory.Sequence(lambda n: f"企业党支部{n}")
    kind = PartyOrganization.Kind.BRANCH
    secretary_name = factory.Sequence(lambda n: f"支部书记{n}")
    secretary_management_level = PartyOrganization.ManagementLevel.MIDDLE


class EnterpriseFactory(DjangoModelFactory):
    class Meta:
        model = Enterprise
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"企业{n}有限公司")
    credit_code = factory.LazyFunction(credit_code)
    county = factory.SubFactory(RegionFactory)

    @factory.post_generation
    def chains(self, create, extracted, **kwargs):
        if create and extracted:
            self.chains.set(extracted)


class AllianceMemberFactory(DjangoModelFactory):
    class Meta:
        model = AllianceMember

    alliance = factory.SubFactory(AllianceFactory)
    kind = AllianceMember.Kind.ENTERPRISE
    enterprise = factory.SubFactory(EnterpriseFactory)
    segment = AllianceMember.Segment.MIDSTREAM


class EnterpriseContactFactory(DjangoModelFactory):
    class Meta:
        model = EnterpriseContact

    user = factory.SubFactory(UserFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    position = "联络员"


class OfficialFactory(DjangoModelFactory):
    class Meta:
        model = Official

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)


class DepartmentStaffFactory(DjangoModelFactory):
    class Meta:
        model = DepartmentStaff

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)


# --- enterprises: member growth and branch building (issue 4) ------------------------------------

from django.utils import timezone  # noqa: E402

from enterprises.models import (BranchRating, DemonstrationSite, MemberPost, MemberPostProject,  # noqa: E402
                                MemberReport, TrainingSession)


class MemberReportFactory(DjangoModelFactory):
    """An approved report by default (what the figures count); pass ``status`` for the others."""

    class Meta:
        model = MemberReport

    organization = factory.SubFactory(PartyOrganizationFactory)
    year = 2025
    quarter = 1
    members = 30
    applications = 4
    activists = 3
    candidates = 2
    candidates_carried_over = 0
    admitted = 1
    hidden_members_found = 0
    transferred_in = 0
    status = MemberReport.Status.APPROVED
    return_reason = factory.LazyAttribute(lambda o: "请核对申请人数" if o.status == MemberReport.Status.RETURNED else "")
    submitted_at = factory.LazyAttribute(lambda o: None if o.status == MemberReport.Status.DRAFT else timezone.now())
    decided_at = factory.LazyAttribute(lambda o: timezone.now() if o.status in (
        MemberReport.Status.APPROVED, MemberReport.Status.RETURNED) else None)


class MemberPostFactory(DjangoModelFactory):
    class Meta:
        model = MemberPost

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = MemberPost.Kind.MODEL_POST
    name = factory.Sequence(lambda n: f"党员示范岗{n}")
    members_involved = 5
    established_on = date(2024, 3, 1)


class MemberPostProjectFactory(DjangoModelFactory):
    class Meta:
        model = MemberPostProject

    post = factory.SubFactory(MemberPostFactory)
    kind = MemberPostProject.Kind.TECHNICAL_INNOVATION
    title = factory.Sequence(lambda n: f"攻关项目{n}")
    taken_on = date(2024, 6, 1)


class BranchRatingFactory(DjangoModelFactory):
    class Meta:
        model = BranchRating

    organization = factory.SubFactory(PartyOrganizationFactory)
    year = 2025
    basic_organization = 16
    basic_team = 15
    basic_activities = 15
    basic_system = 14
    basic_guarantee = 15


class DemonstrationSiteFactory(DjangoModelFactory):
    """A nomination; pass ``status="awarded"`` and ``awarded_on`` for an awarded site."""

    class Meta:
        model = DemonstrationSite

    enterprise = factory.SubFactory(EnterpriseFactory, is_chain_leader=True)
    alliance = factory.SubFactory(AllianceFactory)
    year = 2025
    political_standing = 9
    member_quality = 8
    development_quality = 9
    leadership = 8
    institutions = 9
    facilities = 8
    political_leadership = 9
    chain_drive = 9
    example = 8
    evaluator = "市委组织部评审组"


class TrainingSessionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSession
        skip_postgeneration_save = True

    organizer = factory.SubFactory(RegionFactory, level=Region.Level.CITY)
    topic = factory.Sequence(lambda n: f"非公企业党组织书记专题培训班第{n}期")
    start_date = date(2025, 5, 10)
    end_date = date(2025, 5, 12)
    participants = 40

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organizations.set(extracted)

# --- services: resources, projects, visits (issue 6, lists) -----------------------------------------------

from services.models import Milestone, Project, Resource, Visit  # noqa: E402


class ResourceFactory(DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    department = factory.SubFactory(DepartmentFactory)
    kind = Resource.Kind.POLICY
    title = factory.Sequence(lambda n: f"惠企政策{n}")
    summary = "政策摘要"
    published = True

    @factory.post_generation
    def target_chains(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_chains.set(extracted)


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    alliance = factory.SubFactory(AllianceFactory)
    year = 2026
    category = Project.Category.POLICY_SUPPORT
    title = factory.Sequence(lambda n: f"惠企项目{n}")

    @factory.post_generation
    def target_enterprises(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_enterprises.set(extracted)


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"节点{n}")
    due_on = date(2026, 6, 30)


class VisitFactory(DjangoModelFactory):
    class Meta:
        model = Visit

    enterprise = factory.SubFactory(EnterpriseFactory)
    visited_on = date(2026, 3, 10)
    alliance = factory.SubFactory(AllianceFactory)
    visitors = "张三、李四"
    findings = "企业反映用工紧张"

# --- services: needs (issue 6) ----------------------------------------------------------------------------------
from services.models import Assignment, Need, NeedEvent  # noqa: E402


class NeedFactory(DjangoModelFactory):
    """A need written straight to the database (no workflow): for lists, figures and query counts.

    Use services.actions to move a need through the workflow."""

    class Meta:
        model = Need
        skip_postgeneration_save = True

    enterprise = factory.SubFactory(EnterpriseFactory)
    county = factory.LazyAttribute(lambda o: o.enterprise.county)
    park = factory.LazyAttribute(lambda o: o.enterprise.park)
    category = Need.Category.POLICY
    title = factory.Sequence(lambda n: f"诉求{n}")
    description = "企业反映的问题"
    amount_requested = factory.LazyAttribute(lambda o: 100 if o.category == Need.Category.FUNDING else None)
    workers_requested = factory.LazyAttribute(lambda o: 10 if o.category == Need.Category.LABOUR else None)

    @factory.post_generation
    def chains(self, create, extracted, **kwargs):
        if create:
            self.chains.set(extracted if extracted is not None else self.enterprise.chains.all())


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = Assignment

    need = factory.SubFactory(NeedFactory)
    department = factory.SubFactory(DepartmentFactory)
    is_lead = True
    responsible_person = "张三"
    plan = "协调解决"
    due_date = date(2026, 6, 30)
    sign_due = date(2026, 6, 2)


class NeedEventFactory(DjangoModelFactory):
    class Meta:
        model = NeedEvent

    need = factory.SubFactory(NeedFactory)
    kind = NeedEvent.Kind.PROGRESS
    to_status = factory.LazyAttribute(lambda o: o.need.status)
    note = "进展"

# --- alliances: the bodies' work (issue 5) -------------------------------------------------------------------
from alliances.models import (Activity, Agreement, Case, Instruction, Meeting, MeetingIssue,  # noqa: E402
                              Pairing, ServiceCenter)


class MeetingFactory(DjangoModelFactory):
    """A council meeting of an alliance by default; pass ``committee=…, alliance=None`` for a committee's."""

    class Meta:
        model = Meeting

    alliance = factory.SubFactory(AllianceFactory)
    committee = None
    kind = Meeting.Kind.COUNCIL
    status = Meeting.Status.SCHEDULED
    period_start = date(2025, 1, 1)


class MeetingIssueFactory(DjangoModelFactory):
    class Meta:
        model = MeetingIssue

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"问题{n}")


class ServiceCenterFactory(DjangoModelFactory):
    class Meta:
        model = ServiceCenter

    alliance = factory.SubFactory(AllianceFactory)
    name = factory.Sequence(lambda n: f"综合服务中心{n}")
    opened_on = date(2024, 6, 1)
    functional_areas = factory.LazyFunction(lambda: ["party_activities", "public_services"])


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    alliance = factory.SubFactory(AllianceFactory)
    committee = None
    kind = Activity.Kind.MATCHMAKING
    title = factory.Sequence(lambda n: f"供需对接活动{n}")
    date = date(2025, 5, 1)

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.set(extracted)


class AgreementFactory(DjangoModelFactory):
    """Give ``parties=[member, member]`` (members of the same alliance)."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    alliance = factory.SubFactory(AllianceFactory)
    kind = Agreement.Kind.JOINT_RESEARCH
    title = factory.Sequence(lambda n: f"合作协议{n}")
    signed_on = date(2025, 3, 1)

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if create and extracted:
            self.parties.set(extracted)


class PairingFactory(DjangoModelFactory):
    class Meta:
        model = Pairing

    alliance = factory.LazyAttribute(lambda o: o.first.alliance)
    kind = Pairing.Kind.BRANCH
    first = factory.SubFactory(AllianceMemberFactory)
    second = factory.SubFactory(AllianceMemberFactory, alliance=factory.SelfAttribute("..first.alliance"))
    start_date = date(2025, 1, 1)


class InstructionFactory(DjangoModelFactory):
    class Meta:
        model = Instruction

    alliance = factory.SubFactory(AllianceFactory)
    leader_name = factory.Sequence(lambda n: f"领导{n}")
    issued_on = date(2025, 4, 1)
    content = "请总结推广。"


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case

    alliance = factory.SubFactory(AllianceFactory)
    title = factory.Sequence(lambda n: f"典型案例{n}")
    series_number = factory.Sequence(lambda n: n + 1)
    published_on = date(2025, 6, 1)
