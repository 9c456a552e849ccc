"""Enterprise accounts: a contact asks for an account by the enterprise's credit code; the joint committee of
the enterprise's park (or, when there is none, the alliance of its chain) approves or refuses it.

Until approved the account reaches nothing (the Scope counts only approved, active contacts). An approved
contact may invite a colleague with a signed link; the invited request is still *pending*: the committee
stays the single gate to an enterprise's data, and the invitation only spares the colleague the credit code
and tells the approver who vouches for them.

This module holds the actions (``request_account``, ``approve_request``, ``refuse_request``), the forms, the
pages, the API viewset and the admin actions, so the whole sign-up lives in one place.
"""
from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from chainparty.empty_states import EmptyState

from chainparty.masking import MaskedPhonesMixin
from chainparty.access import Scope, get_scope, scope_for
from chainparty.api import ScopedReadOnlyViewSet
from chainparty.filters import visible

from .credit_code import validate_credit_code
from .models import Enterprise, EnterpriseContact

Status = EnterpriseContact.Status
INVITATION_SALT = "enterprises.signup.invitation"
INVITATION_MAX_AGE = timedelta(days=7)
mobile_validator = RegexValidator(r"^1[3-9]\d{9}$", _("Enter an 11-digit mobile number starting with 1."))


# Who decides ------------------------------------------------------------------------------------------------


def deciders_q(scope: Scope) -> Q:
    """Q over EnterpriseContact: the requests this user may approve or refuse.

    The joint committee of the enterprise's park decides; for an enterprise with no park, or a park without
    a committee, the alliance of one of its chains does.
    """
    if scope.is_superuser:
        return Q()
    from alliances.models import Alliance
    from parks.models import JointCommittee

    q = Q(enterprise__park_id__in=JointCommittee.objects.filter(pk__in=scope.committee_ids).values("park_id"))
    if scope.alliance_ids:
        chains = Alliance.objects.filter(pk__in=scope.alliance_ids).values("chain_id")
        without_committee = Q(enterprise__park__isnull=True) | Q(enterprise__park__committee__isnull=True)
        q |= without_committee & Q(enterprise_id__in=Enterprise.objects.on_chains(chains).values("pk"))
    return q


def may_decide(scope: Scope, contact: EnterpriseContact) -> bool:
    if not scope.is_authenticated:
        return False
    return EnterpriseContact.objects.filter(deciders_q(scope), pk=contact.pk).exists()


def may_decide_some(scope: Scope) -> bool:
    return scope.is_superuser or bool(scope.committee_ids or scope.alliance_ids)


def own_requests(user):
    """A person's own account requests, whatever their status: the Scope reaches them only once approved,
    but the person must be able to follow their request."""
    return EnterpriseContact.objects.filter(user_id=user.pk).select_related("enterprise").order_by("-requested_at")


def own_approved_contacts(scope: Scope):
    """The user's approved contacts, through which they may invite a colleague."""
    return EnterpriseContact.objects.visible_to(scope).active().filter(user_id=scope.user_id) \
        .select_related("enterprise")


# Actions ----------------------------------------------------------------------------------------------------


@transaction.atomic
def request_account(*, enterprise: Enterprise, username: str, password: str, name: str, mobile: str,
                    position: str = "", invited_by=None) -> EnterpriseContact:
    """Create the user and their pending contact; refuse a second pending request from the same mobile."""
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()  # one request at a time per enterprise
    if EnterpriseContact.objects.filter(enterprise=enterprise, mobile=mobile, status=Status.PENDING).exists():
        raise ValidationError({"mobile": _("A request for this enterprise from this mobile number is already "
                                           "awaiting approval. You can sign in once it is approved.")})
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken; choose another.")})
    user = User(username=username, name=name, mobile=mobile)
    user.set_password(password)
    user.save()
    return EnterpriseContact.objects.create(user=user, enterprise=enterprise, position=position, mobile=mobile,
                                            status=Status.PENDING, active=True, invited_by=invited_by)


def _decide(contact: EnterpriseContact, *, acting_user, status: str, reason: str = "") -> EnterpriseContact:
    contact = EnterpriseContact.objects.select_for_update().get(pk=contact.pk)
    if not may_decide(scope_for(acting_user), contact):
        raise PermissionDenied(gettext("Only the joint committee of the enterprise's park (or, without one, the "
                                       "alliance of its chain) decides this request."))
    if contact.status != Status.PENDING:
        raise ValidationError(_("This request has already been decided: %(status)s.")
                              % {"status": contact.get_status_display()})
    contact.status = status
    contact.refusal_reason = reason
    contact.decided_by = acting_user
    contact.decided_at = timezone.now()
    contact.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at"])
    return contact


@transaction.atomic
def approve_request(contact: EnterpriseContact, *, acting_user) -> EnterpriseContact:
    return _decide(contact, acting_user=acting_user, status=Status.APPROVED)


@transaction.atomic
def refuse_request(contact: EnterpriseContact, *, reason: str, acting_user) -> EnterpriseContact:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"refusal_reason": _("Give the reason for the refusal: the applicant will read it.")})
    return _decide(contact, acting_user=acting_user, status=Status.REFUSED, reason=reason)


def invitation_token(contact: EnterpriseContact) -> str:
    return signing.dumps({"contact": contact.pk}, salt=INVITATION_SALT)


def read_invitation(token: str) -> EnterpriseContact | None:
    """The inviting contact, if the token is genuine, recent, and its contact still approved and active."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return EnterpriseContact.objects.active().select_related("enterprise", "user") \
        .filter(pk=data.get("contact")).first()


def invitation_url(request, contact: EnterpriseContact) -> str:
    return request.build_absolute_uri(reverse("enterprises:signup") + "?invitation=" + invitation_token(contact))


# Forms ------------------------------------------------------------------------------------------------------


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class SignupForm(BootstrapMixin, forms.Form):
    credit_code = forms.CharField(label=_("unified social credit code"), max_length=18, min_length=18,
                                  help_text=_("The 18 characters on the enterprise's business licence."))
    name = forms.CharField(label=_("full name"), max_length=50)
    position = forms.CharField(label=_("position"), max_length=100, help_text=_("e.g. Party branch secretary, HR manager"))
    mobile = forms.CharField(label=_("mobile number"), max_length=11, validators=[mobile_validator])
    username = forms.CharField(label=_("username"), max_length=150, validators=[UnicodeUsernameValidator()],
                               help_text=_("Letters, digits and @/./+/-/_ only."))
    password1 = forms.CharField(label=_("password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, invitation: EnterpriseContact | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        if invitation is not None:
            del self.fields["credit_code"]

    def clean_credit_code(self) -> Enterprise:
        code = self.cleaned_data["credit_code"].strip().upper()
        validate_credit_code(code)
        enterprise = Enterprise.objects.filter(credit_code=code).first()
        if enterprise is None:
            raise ValidationError(_("No enterprise with this credit code is registered in the portal. Check the code "
                                    "on the business licence, or ask the joint committee of your park to add your "
                                    "enterprise first."), code="unknown")
        return enterprise

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is taken; choose another."))
        return username

    @property
    def enterprise(self) -> Enterprise | None:
        if self.invitation is not None:
            return self.invitation.enterprise
        return self.cleaned_data.get("credit_code")

    def clean(self):
        cleaned = super().clean()
        enterprise, mobile = self.enterprise, cleaned.get("mobile")
        if enterprise and mobile and EnterpriseContact.objects.filter(
                enterprise=enterprise, mobile=mobile, status=Status.PENDING).exists():
            self.add_error("mobile", _("A request for this enterprise from this mobile number is already awaiting "
                                       "approval. You can sign in once it is approved."))
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            user = get_user_model()(username=cleaned.get("username", ""), name=cleaned.get("name", ""),
                                    mobile=mobile or "")
            try:
                validate_password(password1, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self) -> EnterpriseContact:
        data = self.cleaned_data
        return request_account(enterprise=self.enterprise, username=data["username"], password=data["password1"],
                               name=data["name"], mobile=data["mobile"], position=data["position"],
                               invited_by=self.invitation.user if self.invitation else None)


class RefuseForm(BootstrapMixin, forms.Form):
    refusal_reason = forms.CharField(label=_("reason for refusal"), widget=forms.Textarea(attrs={"rows": 2}),
                                     max_length=1000)


# Pages ------------------------------------------------------------------------------------------------------


def signup(request):
    """The public sign-up form; with ``?invitation=`` the enterprise comes from the inviting colleague."""
    if request.user.is_authenticated:
        return redirect("enterprises:signup-status")
    invitation = None
    token = request.GET.get("invitation", "")
    if token:
        invitation = read_invitation(token)
        if invitation is None:
            messages.error(request, gettext("This invitation link is invalid or has expired. Ask your colleague for "
                                            "a new one, or sign up with the enterprise's credit code."))
    form = SignupForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except ValidationError as error:  # a request that raced this one
            form.add_error(None, error)
        else:
            return redirect("enterprises:signup-done")
    return render(request, "enterprises/signup_form.html", {"form": form, "invitation": invitation})


def signup_done(request):
    return render(request, "enterprises/signup_done.html")


# Signed in, one cannot request again (the sign-up page sends one here): the way in is through someone else.
OWN_REQUESTS_EMPTY = EmptyState(nothing=_("You have no account request."), elsewhere=_(
    "To speak for an enterprise, ask the joint committee of its park, or an approved colleague for an invitation "
    "link."))
REQUEST_QUEUE_EMPTY = EmptyState(nothing=_("No request here."), elsewhere=_(
    "Account requests from the enterprises of your park or alliance appear here for you to decide."))


@login_required
def signup_status(request):
    """The signed-in person's own account requests, with the refusal reason when refused."""
    requests = own_requests(request.user)
    return render(request, "enterprises/signup_status.html", {
        "requests": requests,
        "empty_state": OWN_REQUESTS_EMPTY.render(request)})


@login_required
def request_queue(request):
    """Account requests this committee or alliance member may decide, pending ones first."""
    scope = request.scope
    if not may_decide_some(scope):
        raise PermissionDenied
    status = request.GET.get("status") or Status.PENDING
    if status not in Status.values:
        status = Status.PENDING
    requests = (EnterpriseContact.objects.visible_to(scope).filter(deciders_q(scope), status=status)
                .select_related("user", "enterprise__park", "invited_by", "decided_by").order_by("requested_at"))
    return render(request, "enterprises/signup_requests.html", {
        "requests": requests, "status": status, "statuses": Status.choices, "refuse_form": RefuseForm(),
        "empty_state": REQUEST_QUEUE_EMPTY.render(request)})


def _decision_view(request, pk: int, decide):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    contact = get_object_or_404(EnterpriseContact.objects.visible_to(request.scope), pk=pk)
    try:
        decide(contact)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Decision recorded for %(user)s (%(enterprise)s).")
                         % {"user": contact.user, "enterprise": contact.enterprise})
    return redirect("enterprises:signup-requests")


@login_required
def approve(request, pk: int):
    return _decision_view(request, pk, lambda contact: approve_request(contact, acting_user=request.user))


@login_required
def refuse(request, pk: int):
    return _decision_view(request, pk, lambda contact: refuse_request(
        contact, reason=request.POST.get("refusal_reason", ""), acting_user=request.user))


@login_required
def invite(request):
    """An approved contact's invitation links, one per enterprise they speak for."""
    contacts = list(own_approved_contacts(request.scope))
    if not contacts:
        raise PermissionDenied
    links = [(contact.enterprise, invitation_url(request, contact)) for contact in contacts]
    return render(request, "enterprises/signup_invite.html", {
        "links": links, "days": INVITATION_MAX_AGE.days})


# API --------------------------------------------------------------------------------------------------------


class ContactRequestFilterSet(filters.FilterSet):
    enterprise = filters.ModelChoiceFilter(label=_("enterprise"), queryset=visible("enterprises", "Enterprise"))
    decidable = filters.BooleanFilter(label=_("I may decide"), method="filter_decidable")

    class Meta:
        model = EnterpriseContact
        fields = ["status", "enterprise", "decidable"]

    def filter_decidable(self, queryset, name, value):
        q = deciders_q(get_scope(self.request))
        return queryset.filter(q) if value else queryset.exclude(q)


class ContactRequestSerializer(MaskedPhonesMixin, serializers.ModelSerializer):
    masked_phone_fields = ("mobile",)

    username = serializers.CharField(source="user.username", read_only=True)
    name = serializers.CharField(source="user.name", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = EnterpriseContact
        fields = ["id", "username", "name", "enterprise", "enterprise_name", "position", "mobile", "status",
                  "refusal_reason", "invited_by", "decided_by", "decided_at", "requested_at"]
        read_only_fields = fields


class RefusalSerializer(serializers.Serializer):
    refusal_reason = serializers.CharField(label=_("reason for refusal"), max_length=1000)


class InvitationSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(label=_("enterprise"), required=False)


class ContactRequestViewSet(ScopedReadOnlyViewSet):
    """Account requests of enterprise contacts: approve or refuse (with a reason); invite a colleague."""

    basename = "contact-request"

    queryset = EnterpriseContact.objects.select_related("user", "enterprise").order_by("-requested_at", "-pk")
    serializer_class = ContactRequestSerializer
    filterset_class = ContactRequestFilterSet
    search_fields = ["user__username", "user__name", "enterprise__name", "mobile"]

    def get_object(self):
        # Deciding a request is not editing the enterprise's contacts: may_decide() is the rule, checked by
        # the action itself; an invisible request is still a 404.
        return generics.GenericAPIView.get_object(self)

    def _decide(self, decide):
        contact = self.get_object()
        try:
            contact = decide(contact)
        except PermissionDenied as error:
            raise ApiPermissionDenied(str(error))
        except ValidationError as error:
            raise ApiValidationError(serializers.as_serializer_error(error))
        return Response(ContactRequestSerializer(contact, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=ContactRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(lambda contact: approve_request(contact, acting_user=request.user))

    @action(detail=True, methods=["post"], serializer_class=RefusalSerializer)
    def refuse(self, request, pk=None):
        reason = request.data.get("refusal_reason", "") if hasattr(request.data, "get") else ""
        return self._decide(lambda contact: refuse_request(contact, reason=reason, acting_user=request.user))

    @action(detail=False, methods=["post"], serializer_class=InvitationSerializer)
    def invite(self, request):
        """An invitation link for a colleague, valid for a week; its request still needs approval."""
        serializer = InvitationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contacts = own_approved_contacts(get_scope(request))
        if "enterprise" in serializer.validated_data:
            contacts = contacts.filter(enterprise_id=serializer.validated_data["enterprise"])
        contact = contacts.order_by("enterprise__name").first()
        if contact is None:
            raise ApiPermissionDenied(gettext("Only an approved contact of the enterprise may invite a colleague."))
        return Response({"enterprise": contact.enterprise_id, "link": invitation_url(request, contact),
                         "valid_days": INVITATION_MAX_AGE.days})


# Admin ------------------------------------------------------------------------------------------------------


@admin.action(description=_("Approve the selected account requests"))
def approve_selected(modeladmin, request, queryset):
    done = 0
    for contact in queryset:
        try:
            approve_request(contact, acting_user=request.user)
            done += 1
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, f"{contact}: {' '.join(getattr(error, 'messages', [str(error)]))}")
    if done:
        messages.success(request, gettext("%(count)d requests approved.") % {"count": done})


@admin.action(description=_("Refuse the selected account requests…"))
def refuse_selected(modeladmin, request, queryset):
    """Ask for the reason on an intermediate page, then refuse each request with it."""
    form = RefuseForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        done = 0
        for contact in queryset:
            try:
                refuse_request(contact, reason=form.cleaned_data["refusal_reason"], acting_user=request.user)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, f"{contact}: {' '.join(getattr(error, 'messages', [str(error)]))}")
        if done:
            messages.success(request, gettext("%(count)d requests refused.") % {"count": done})
        return None
    return TemplateResponse(request, "enterprises/signup_admin_refuse.html", {
        **modeladmin.admin_site.each_context(request), "opts": modeladmin.model._meta, "form": form,
        "requests": queryset, "action_checkbox_name": ACTION_CHECKBOX_NAME, "title": _("Refuse account requests"),
    })
