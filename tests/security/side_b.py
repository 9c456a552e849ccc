"""One object of every scoped model on side B of the `world` fixture (what side-A people must never reach).

`build_side_b(world)` returns {key: object}. The keys are what the access-matrix registries refer to.
A new model: add one line here (with the factories of tests/factories.py) and refer to its key."""
from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile

from tests import factories as f

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build_side_b(w) -> dict:
    from alliances.models import AlliancePosition, CalendarToken
    from chainparty.models import Notification
    from enterprises.models import EnterpriseContact, MemberReport
    from parks.models import CommitteePosition, PartyWorkerAssessment
    from services.models import ExtensionRequest, Feedback, NeedAttachment
    from services.models.needs import Satisfaction
    from services.models.calendar import CategoryDeadlines, WorkingDayOverride

    o = {
        "region": w.county_b, "department": w.other_department, "chain": w.chain_b, "alliance": w.alliance_b,
        "park": w.park_b, "committee": w.committee_b, "enterprise": w.enterprise_b, "org": w.org_b,
        "member": w.member_b, "worker": w.worker_b,
        "alliance_position": AlliancePosition.objects.get(user=w.alliance_staff_b),
        "committee_position": CommitteePosition.objects.get(user=w.committee_staff_b),
        "contact": EnterpriseContact.objects.get(user=w.contact_b),
    }
    o["pending_contact"] = f.EnterpriseContactFactory(
        user=f.UserFactory(username="pending_b"), enterprise=w.enterprise_b, mobile="13812345678",
        status=EnterpriseContact.Status.PENDING)
    o["assessment"] = PartyWorkerAssessment.objects.create(worker=w.worker_b, year=2025, result="excellent")
    o["meeting"] = f.MeetingFactory(alliance=w.alliance_b)
    o["meeting_issue"] = f.MeetingIssueFactory(meeting=o["meeting"])
    o["activity"] = f.ActivityFactory(alliance=w.alliance_b, participants=[w.member_b])
    second = f.AllianceMemberFactory(alliance=w.alliance_b, enterprise=f.EnterpriseFactory(
        name="洋河第二酒厂", county=w.county_b, park=w.park_b, chains=[w.chain_b]))
    o["agreement"] = f.AgreementFactory(alliance=w.alliance_b, parties=[w.member_b, second])
    o["agreement"].document.save("b.pdf", ContentFile(PDF), save=True)
    o["pairing"] = f.PairingFactory(first=w.member_b, second=second)
    o["service_center"] = f.ServiceCenterFactory(alliance=w.alliance_b)
    o["instruction"] = f.InstructionFactory(alliance=w.alliance_b)
    o["case"] = f.CaseFactory(alliance=w.alliance_b)
    o["member_report"] = f.MemberReportFactory(organization=w.org_b, status=MemberReport.Status.SUBMITTED)
    o["member_post"] = f.MemberPostFactory(enterprise=w.enterprise_b)
    o["member_post_project"] = f.MemberPostProjectFactory(post=o["member_post"])
    o["branch_rating"] = f.BranchRatingFactory(organization=w.org_b)
    o["training_session"] = f.TrainingSessionFactory(organizer=w.county_b, organizations=[w.org_b])
    o["demonstration_site"] = f.DemonstrationSiteFactory(enterprise=w.enterprise_b, alliance=w.alliance_b)
    o["need"] = f.NeedFactory(enterprise=w.enterprise_b)
    o["need_event"] = f.NeedEventFactory(need=o["need"])
    o["assignment"] = f.AssignmentFactory(need=o["need"], department=w.other_department,
                                          responsible_phone="13912345678")
    o["extension_request"] = ExtensionRequest.objects.create(need=o["need"], assignment=o["assignment"], days=5,
                                                             reason="原因")
    o["feedback"] = Feedback.objects.create(need=o["need"], satisfaction=Satisfaction.choices[0][0])
    from services.models.followups import FollowUp

    o["followup"] = FollowUp.objects.create(need=o["need"], kind=FollowUp.Kind.choices[0][0], stage="1")
    attachment = NeedAttachment(need=o["need"], name="b.pdf")
    attachment.file.save("b.pdf", ContentFile(PDF), save=True)
    o["need_attachment"] = attachment
    o["resource"] = f.ResourceFactory(department=w.other_department, target_chains=[w.chain_b], published=False)
    o["project"] = f.ProjectFactory(alliance=w.alliance_b, target_enterprises=[w.enterprise_b])
    o["milestone"] = f.MilestoneFactory(project=o["project"])
    o["visit"] = f.VisitFactory(enterprise=w.enterprise_b, alliance=w.alliance_b)
    o["notification"] = Notification.objects.create(recipient=w.contact_b, title="B 的通知", body="")
    o["calendar_token"] = CalendarToken.objects.create(user=w.alliance_staff_b) \
        if not CalendarToken.objects.filter(user=w.alliance_staff_b).exists() else \
        CalendarToken.objects.get(user=w.alliance_staff_b)
    o["working_day_override"] = WorkingDayOverride.objects.create(date=date(2027, 1, 2), is_working_day=True,
                                                                  source_document="国办发明电")
    o["category_deadlines"] = CategoryDeadlines.objects.get_or_create(category="policy")[0]
    return o

