"""Member growth and branch building (锻造骨干队伍): quarterly member reports, member posts and their projects,
branch ratings, demonstration sites and training sessions."""
from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chainparty.constraints import ChecksInOneQuery

from ..querysets import (BranchRatingQuerySet, DemonstrationSiteQuerySet, MemberPostProjectQuerySet,
                         MemberPostQuerySet, MemberReportQuerySet, TrainingSessionQuerySet)

NOT_NEGATIVE = _("A count cannot be negative.")


def count_field(verbose_name, help_text=""):
    return models.PositiveIntegerField(verbose_name, default=0, help_text=help_text,
                                       validators=[MinValueValidator(0, NOT_NEGATIVE)])


def score_field(verbose_name, maximum: int, help_text=""):
    return models.PositiveSmallIntegerField(
        verbose_name, help_text=help_text,
        validators=[MinValueValidator(0, NOT_NEGATIVE),
                    MaxValueValidator(maximum, _("At most %(limit_value)s points."))])


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end - timedelta(days=1)


class MemberReport(ChecksInOneQuery):
    """The member-growth figures of one Party organisation for one quarter, filed by the enterprise and approved
    by the joint committee of its park (or the alliance of its chain where the enterprise is in no park)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    COUNT_FIELDS = ["members", "applications", "activists", "candidates", "candidates_carried_over", "admitted",
                    "hidden_members_found", "transferred_in"]

    organization = models.ForeignKey("enterprises.PartyOrganization", verbose_name=_("Party organisation"),
                                     on_delete=models.PROTECT, related_name="member_reports")
    year = models.PositiveSmallIntegerField(_("year"), validators=[
        MinValueValidator(2000, _("The year must lie between 2000 and 2100.")),
        MaxValueValidator(2100, _("The year must lie between 2000 and 2100."))])
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(1, _("Q1")), (2, _("Q2")), (3, _("Q3")),
                                                                     (4, _("Q4"))])
    members = count_field(_("members at the quarter's end"),
                          _("Full and probationary members of the organisation on the last day of the quarter."))
    applications = count_field(_("applications received"),
                               _("Applications for Party membership (入党申请书) received during the quarter."))
    activists = count_field(_("activists"), _("Applicants confirmed as activists (积极分子) during the quarter."))
    candidates = count_field(_("development candidates"),
                             _("Activists confirmed as development candidates (发展对象) during the quarter."))
    candidates_carried_over = count_field(
        _("candidates carried over"),
        _("Development candidates from earlier quarters not yet admitted at the start of this quarter. With a "
          "report for the previous quarter this is at most its candidates plus its carried-over candidates minus "
          "those it admitted."))
    admitted = count_field(
        _("members newly admitted"),
        _("Development candidates admitted as probationary members (预备党员) during the quarter: at most the "
          "candidates of the quarter plus those carried over, since only a development candidate can be admitted."))
    hidden_members_found = count_field(_("hidden members found"),
                                       _("Hidden or pocket members (隐形党员、口袋党员) found during the quarter."))
    transferred_in = count_field(_("members transferred in"),
                                 _("Members whose membership was transferred into the organisation during the quarter."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    return_reason = models.TextField(_("reason for return"), blank=True)
    note = models.TextField(_("note"), blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("filed by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MemberReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member report")
        verbose_name_plural = _("member reports")
        ordering = ["-year", "-quarter", "organization__name"]
        # The member-growth figures sum a period's approved reports of a region's organisations: with the summed
        # columns included, PostgreSQL reads the index alone (a city's F07: 38 ms → 20 ms).
        indexes = [models.Index(fields=["status", "year", "quarter"],
                                include=["organization", "applications", "admitted", "hidden_members_found"],
                                name="member_report_period_counted")]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "quarter"], name="member_report_once_a_quarter",
                                    violation_error_message=_("This organisation already has a report for this "
                                                              "quarter: open it and correct it instead.")),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="member_report_quarter_1_to_4",
                                   violation_error_message=_("A quarter is 1, 2, 3 or 4.")),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="member_report_year_range",
                                   violation_error_message=_("The year must lie between 2000 and 2100.")),
            models.CheckConstraint(
                condition=Q(members__gte=0, applications__gte=0, activists__gte=0, candidates__gte=0,
                            candidates_carried_over__gte=0, admitted__gte=0, hidden_members_found__gte=0,
                            transferred_in__gte=0),
                name="member_report_counts_not_negative", violation_error_message=NOT_NEGATIVE),
            models.CheckConstraint(
                condition=Q(admitted__lte=F("candidates") + F("candidates_carried_over")),
                name="member_report_admitted_within_candidates",
                violation_error_message=_("Members newly admitted cannot exceed the development candidates of the "
                                          "quarter plus those carried over.")),
            models.CheckConstraint(
                condition=Q(members__gte=F("admitted") + F("transferred_in")),
                name="member_report_new_members_counted",
                violation_error_message=_("Members newly admitted or transferred in are counted among the members "
                                          "at the quarter's end, so together they cannot exceed it.")),
            models.CheckConstraint(condition=~Q(status="returned") | ~Q(return_reason=""),
                                   name="member_report_returned_with_reason",
                                   violation_error_message=_("A returned report gives the reason for its return.")),
            models.CheckConstraint(condition=~Q(status="approved") | Q(decided_at__isnull=False),
                                   name="member_report_approved_when",
                                   violation_error_message=_("An approved report records when it was approved.")),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:member-report-detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        return _("Q%(quarter)d %(year)d") % {"year": self.year, "quarter": self.quarter}

    @property
    def period_code(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def is_locked(self) -> bool:
        """Submitted and approved reports are locked for the enterprise."""
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)

    def previous_quarter(self) -> tuple[int, int]:
        return (self.year, self.quarter - 1) if self.quarter > 1 else (self.year - 1, 4)

    def previous_report(self) -> "MemberReport | None":
        if not (self.organization_id and self.year and self.quarter):
            return None
        year, quarter = self.previous_quarter()
        return MemberReport.objects.filter(organization_id=self.organization_id, year=year, quarter=quarter).first()

    @property
    def candidates_pending(self) -> int:
        """Development candidates not yet admitted at the end of the quarter: what the next quarter carries over."""
        return max(0, self.candidates + self.candidates_carried_over - self.admitted)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        counts = {name: getattr(self, name) for name in self.COUNT_FIELDS}
        known = {name: value for name, value in counts.items() if isinstance(value, int) and value >= 0}
        if {"admitted", "candidates", "candidates_carried_over"} <= known.keys() and \
                known["admitted"] > known["candidates"] + known["candidates_carried_over"]:
            errors.setdefault("admitted", []).append(ValidationError(_(
                "Members newly admitted (%(admitted)d) cannot exceed the development candidates of the quarter "
                "plus those carried over (%(limit)d): only a development candidate can be admitted."), params={
                "admitted": known["admitted"], "limit": known["candidates"] + known["candidates_carried_over"]},
                code="admitted_exceeds_candidates"))
        if {"members", "admitted", "transferred_in"} <= known.keys() and \
                known["members"] < known["admitted"] + known["transferred_in"]:
            errors.setdefault("members", []).append(ValidationError(_(
                "Members at the quarter's end (%(members)d) include the %(new)d newly admitted or transferred in "
                "during the quarter, so they cannot be fewer."), params={
                "members": known["members"], "new": known["admitted"] + known["transferred_in"]},
                code="members_below_new_members"))
        if isinstance(self.year, int) and self.quarter in (1, 2, 3, 4) and 2000 <= self.year <= 2100:
            start, end = quarter_bounds(self.year, self.quarter)
            if start > timezone.localdate():
                errors.setdefault("quarter", []).append(ValidationError(
                    _("This quarter has not begun yet: a report covers a quarter that has begun."), code="future"))
            organization = self.organization if self.organization_id else None
            if organization is not None:
                if organization.founded_on and organization.founded_on > end:
                    errors.setdefault("quarter", []).append(ValidationError(
                        _("The organisation was founded on %(date)s, after this quarter."),
                        params={"date": organization.founded_on}, code="before_founded"))
                if organization.dissolved_on and organization.dissolved_on < start:
                    errors.setdefault("quarter", []).append(ValidationError(
                        _("The organisation was dissolved on %(date)s, before this quarter."),
                        params={"date": organization.dissolved_on}, code="after_dissolved"))
            if "candidates_carried_over" in known:
                previous = self.previous_report()
                if previous is not None and known["candidates_carried_over"] > previous.candidates_pending:
                    errors.setdefault("candidates_carried_over", []).append(ValidationError(_(
                        "The report for %(period)s leaves %(pending)d development candidates not yet admitted; no "
                        "more can be carried over."), params={"period": previous.period_label,
                                                              "pending": previous.candidates_pending},
                        code="carried_over_exceeds_previous"))
        if errors:
            raise ValidationError(errors)


class MemberPost(ChecksInOneQuery):
    """A Party member responsibility area, model post or vanguard team (责任区 / 示范岗 / 突击队) of an enterprise."""

    class Kind(models.TextChoices):
        RESPONSIBILITY_AREA = "responsibility_area", _("Party member responsibility area")
        MODEL_POST = "model_post", _("Party member model post")
        VANGUARD_TEAM = "vanguard_team", _("Party member vanguard team")

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="member_posts")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    leader_name = models.CharField(_("leader"), max_length=50, blank=True)
    members_involved = models.PositiveIntegerField(_("members involved"), default=1, validators=[
        MinValueValidator(1, _("A post involves at least one Party member."))])
    established_on = models.DateField(_("established on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = MemberPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("member post")
        verbose_name_plural = _("member posts")
        ordering = ["enterprise__name", "kind", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(members_involved__gte=1), name="member_post_has_members",
                                   violation_error_message=_("A post involves at least one Party member.")),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("established_on")),
                                   name="member_post_ends_after_start",
                                   violation_error_message=_("A post cannot end before it was established.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.name}"


class MemberPostProject(models.Model):
    """A project a member post took on (认领项目): product development, technical innovation or process improvement."""

    class Kind(models.TextChoices):
        PRODUCT_DEVELOPMENT = "product_development", _("product development")
        TECHNICAL_INNOVATION = "technical_innovation", _("technical innovation")
        PROCESS_IMPROVEMENT = "process_improvement", _("process improvement")

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")

    post = models.ForeignKey(MemberPost, verbose_name=_("member post"), on_delete=models.CASCADE,
                             related_name="projects")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("project title"), max_length=150)
    taken_on = models.DateField(_("taken on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    result = models.TextField(_("outcome"), blank=True)

    objects = MemberPostProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("member post project")
        verbose_name_plural = _("member post projects")
        ordering = ["post", "-taken_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="completed", completed_on__isnull=False, completed_on__gte=F("taken_on"))
                | Q(status="in_progress", completed_on__isnull=True),
                name="member_post_project_completion",
                violation_error_message=_("A completed project has a completion date on or after the day it was "
                                          "taken on; a project in progress has none.")),
        ]

    def __str__(self) -> str:
        return self.title


BASICS = [
    ("basic_organization", _("basic organisation")),
    ("basic_team", _("basic team")),
    ("basic_activities", _("basic activities")),
    ("basic_system", _("basic system")),
    ("basic_guarantee", _("basic guarantee")),
]


class BranchRating(ChecksInOneQuery):
    """The yearly "standard + demonstration" (标准+示范) rating of a Party organisation on the five basics."""

    class Grade(models.TextChoices):
        DEMONSTRATION = "demonstration", _("demonstration")
        STANDARD = "standard", _("standard")
        IMPROVE = "improve", _("to be improved")

    MAX_SCORE = 20
    DEMONSTRATION_TOTAL, DEMONSTRATION_EACH = 90, 16
    STANDARD_TOTAL, STANDARD_EACH = 70, 12
    GRADE_HELP = _("Worked out from the scores: demonstration with 90 points or more and at least 16 on each basic; "
                   "standard with 70 or more and at least 12 on each; otherwise to be improved.")

    organization = models.ForeignKey("enterprises.PartyOrganization", verbose_name=_("Party organisation"),
                                     on_delete=models.PROTECT, related_name="branch_ratings")
    year = models.PositiveSmallIntegerField(_("year"), validators=[
        MinValueValidator(2000, _("The year must lie between 2000 and 2100.")),
        MaxValueValidator(2100, _("The year must lie between 2000 and 2100."))])
    basic_organization = score_field(_("basic organisation"), MAX_SCORE, _("0 to 20 points."))
    basic_team = score_field(_("basic team"), MAX_SCORE, _("0 to 20 points."))
    basic_activities = score_field(_("basic activities"), MAX_SCORE, _("0 to 20 points."))
    basic_system = score_field(_("basic system"), MAX_SCORE, _("0 to 20 points."))
    basic_guarantee = score_field(_("basic guarantee"), MAX_SCORE, _("0 to 20 points."))
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices, editable=False, help_text=GRADE_HELP)
    rated_on = models.DateField(_("rated on"), default=timezone.localdate)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("rated by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("note"), blank=True)

    objects = BranchRatingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("branch rating")
        verbose_name_plural = _("branch ratings")
        ordering = ["-year", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="branch_rating_once_a_year",
                                    violation_error_message=_("This organisation is already rated for this year.")),
            models.CheckConstraint(
                condition=Q(**{f"{name}__lte": 20 for name, _label in BASICS}),
                name="branch_rating_scores_at_most_20", violation_error_message=_("Each basic scores 0 to 20 points.")),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="branch_rating_year_range",
                                   violation_error_message=_("The year must lie between 2000 and 2100.")),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}"

    @property
    def scores(self) -> list[int]:
        return [getattr(self, name) or 0 for name, _label in BASICS]

    @property
    def total(self) -> int:
        return sum(self.scores)

    def compute_grade(self) -> str:
        total, lowest = self.total, min(self.scores)
        if total >= self.DEMONSTRATION_TOTAL and lowest >= self.DEMONSTRATION_EACH:
            return self.Grade.DEMONSTRATION
        if total >= self.STANDARD_TOTAL and lowest >= self.STANDARD_EACH:
            return self.Grade.STANDARD
        return self.Grade.IMPROVE

    def save(self, *args, **kwargs):
        self.grade = self.compute_grade()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "grade"}
        super().save(*args, **kwargs)


CRITERIA = [
    # 三高: high standing, high quality, high effectiveness
    ("political_standing", _("high political standing")),
    ("member_quality", _("high quality of the member team")),
    ("development_quality", _("high quality of development")),
    # 三好: a good leading group, good institutions, good facilities
    ("leadership", _("good leading group")),
    ("institutions", _("good institutions carried out")),
    ("facilities", _("good facilities and support")),
    # 三强: strong political leadership, strong drive for the chain, strong example to others
    ("political_leadership", _("strong political leadership")),
    ("chain_drive", _("strong drive for the chain")),
    ("example", _("strong example to small and medium enterprises")),
]


class DemonstrationSite(ChecksInOneQuery):
    """A chain-leader enterprise nominated by its chain's alliance as a Party-building demonstration site
    (链主企业党建示范点) and scored on the 三高三好三强 criteria; administrators award or decline it."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("nominated")
        AWARDED = "awarded", _("awarded")
        DECLINED = "declined", _("not awarded")

    MAX_SCORE = 10

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT,
                                   related_name="demonstration_sites")
    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("nominated by alliance"),
                                 on_delete=models.PROTECT, related_name="demonstration_sites")
    year = models.PositiveSmallIntegerField(_("year"), validators=[
        MinValueValidator(2000, _("The year must lie between 2000 and 2100.")),
        MaxValueValidator(2100, _("The year must lie between 2000 and 2100."))])
    political_standing = score_field(CRITERIA[0][1], MAX_SCORE, _("0 to 10 points."))
    member_quality = score_field(CRITERIA[1][1], MAX_SCORE, _("0 to 10 points."))
    development_quality = score_field(CRITERIA[2][1], MAX_SCORE, _("0 to 10 points."))
    leadership = score_field(CRITERIA[3][1], MAX_SCORE, _("0 to 10 points."))
    institutions = score_field(CRITERIA[4][1], MAX_SCORE, _("0 to 10 points."))
    facilities = score_field(CRITERIA[5][1], MAX_SCORE, _("0 to 10 points."))
    political_leadership = score_field(CRITERIA[6][1], MAX_SCORE, _("0 to 10 points."))
    chain_drive = score_field(CRITERIA[7][1], MAX_SCORE, _("0 to 10 points."))
    example = score_field(CRITERIA[8][1], MAX_SCORE, _("0 to 10 points."))
    evaluator = models.CharField(_("evaluator"), max_length=100,
                                 help_text=_("The person or panel who scored the criteria."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NOMINATED)
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("nominated by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    nominated_on = models.DateField(_("nominated on"), default=timezone.localdate)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = DemonstrationSiteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("demonstration site")
        verbose_name_plural = _("demonstration sites")
        ordering = ["-year", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="demonstration_site_once_a_year",
                                    violation_error_message=_("This enterprise is already nominated for this year.")),
            models.CheckConstraint(condition=Q(**{f"{name}__lte": 10 for name, _label in CRITERIA}),
                                   name="demonstration_site_scores_at_most_10",
                                   violation_error_message=_("Each criterion scores 0 to 10 points.")),
            models.CheckConstraint(condition=Q(status="awarded", awarded_on__isnull=False)
                                   | (~Q(status="awarded") & Q(awarded_on__isnull=True)),
                                   name="demonstration_site_awarded_on",
                                   violation_error_message=_("An awarded site has the date of its award, and only an "
                                                             "awarded site has one.")),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="demonstration_site_year_range",
                                   violation_error_message=_("The year must lie between 2000 and 2100.")),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"

    @property
    def scores(self) -> list[int]:
        return [getattr(self, name) or 0 for name, _label in CRITERIA]

    @property
    def total(self) -> int:
        return sum(self.scores)

    def clean(self) -> None:
        super().clean()
        enterprise = self.enterprise if self.enterprise_id else None
        if enterprise is None:
            return
        if not enterprise.is_chain_leader:
            raise ValidationError({"enterprise": _("Only a chain-leader enterprise can be a demonstration site.")},
                                  code="not_chain_leader")
        if self.alliance_id and not enterprise.chains.filter(pk=self.alliance.chain_id).exists():
            raise ValidationError({"enterprise": _("This enterprise is not on the alliance's chain.")},
                                  code="not_on_chain")


class TrainingSession(ChecksInOneQuery):
    """A training class for enterprise Party secretaries (专题培训班), organised by the city or a county."""

    organizer = models.ForeignKey("chainparty.Region", verbose_name=_("organiser"), on_delete=models.PROTECT,
                                  related_name="training_sessions",
                                  help_text=_("The city or county that organised the class."))
    committee = models.ForeignKey("parks.JointCommittee", verbose_name=_("recorded by committee"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="training_sessions")
    topic = models.CharField(_("topic"), max_length=150)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    location = models.CharField(_("location"), max_length=150, blank=True)
    participants = models.PositiveIntegerField(_("participants"), validators=[
        MinValueValidator(1, _("A class that was held had at least one participant."))])
    organizations = models.ManyToManyField("enterprises.PartyOrganization", verbose_name=_("Party organisations"),
                                           blank=True, related_name="training_sessions",
                                           help_text=_("The Party organisations whose people took part."))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-start_date", "topic"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="training_session_ends_after_start",
                                   violation_error_message=_("A class cannot end before it starts.")),
            models.CheckConstraint(condition=Q(participants__gte=1), name="training_session_has_participants",
                                   violation_error_message=_("A class that was held had at least one participant.")),
        ]

    def __str__(self) -> str:
        return self.topic

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A class cannot end before it starts.")}, code="ends_before_start")
        organizer = self.organizer if self.organizer_id else None
        if organizer is None:
            return
        if organizer.level not in ("city", "county"):
            raise ValidationError({"organizer": _("The organiser is a city or a county.")}, code="level")
        if self.committee_id:
            county = self.committee.park.county
            if organizer.pk not in (county.pk, county.parent_id):
                raise ValidationError({"organizer": _(
                    "A committee records the classes of its own county or of the city above it.")},
                    code="other_region")


def check_participants(participants, organizations) -> None:
    """The participants number every person, so it cannot be smaller than the organisations listed (run by the
    form and the serializer, since many-to-many values are not on the instance before it is saved)."""
    if isinstance(participants, int) and participants < len(organizations):
        raise ValidationError({"participants": _(
            "%(count)d organisations are listed, each with at least one participant: the participants cannot be "
            "fewer.") % {"count": len(organizations)}}, code="fewer_than_organizations")
