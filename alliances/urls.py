from django.urls import path

from . import views

app_name = "alliances"
urlpatterns = [
    path("", views.ChainListView.as_view(), name="chain-list"),
    path("<int:pk>/", views.ChainDetailView.as_view(), name="chain-detail"),

    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("meetings/calendar/", views.meeting_calendar, name="meeting-calendar"),
    path("meetings/calendar/renew/", views.calendar_renew, name="calendar-renew"),
    path("meetings/feed/<str:token>.ics", views.meeting_feed, name="meeting-feed"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting-update"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting-minutes"),
    path("meetings/issues/<int:pk>/to-need/", views.meeting_issue_to_need, name="meeting-issue-to-need"),

    path("activities/", views.ActivityListView.as_view(), name="activity-list"),
    path("activities/new/", views.ActivityCreateView.as_view(), name="activity-create"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity-detail"),
    path("activities/<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="activity-update"),

    path("agreements/", views.AgreementListView.as_view(), name="agreement-list"),
    path("agreements/new/", views.AgreementCreateView.as_view(), name="agreement-create"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
    path("agreements/<int:pk>/edit/", views.AgreementUpdateView.as_view(), name="agreement-update"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreement-document"),

    path("pairings/", views.PairingListView.as_view(), name="pairing-list"),
    path("pairings/new/", views.PairingCreateView.as_view(), name="pairing-create"),
    path("pairings/<int:pk>/edit/", views.PairingUpdateView.as_view(), name="pairing-update"),

    path("service-centers/", views.ServiceCenterListView.as_view(), name="servicecenter-list"),
    path("service-centers/new/", views.ServiceCenterCreateView.as_view(), name="servicecenter-create"),
    path("service-centers/<int:pk>/", views.ServiceCenterDetailView.as_view(), name="servicecenter-detail"),
    path("service-centers/<int:pk>/edit/", views.ServiceCenterUpdateView.as_view(), name="servicecenter-update"),

    path("instructions/", views.InstructionListView.as_view(), name="instruction-list"),
    path("instructions/new/", views.InstructionCreateView.as_view(), name="instruction-create"),
    path("instructions/<int:pk>/edit/", views.InstructionUpdateView.as_view(), name="instruction-update"),

    path("cases/", views.CaseListView.as_view(), name="case-list"),
    path("cases/new/", views.CaseCreateView.as_view(), name="case-create"),
    path("cases/<int:pk>/edit/", views.CaseUpdateView.as_view(), name="case-update"),
]
