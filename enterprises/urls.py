from django.urls import path

from . import views

app_name = "enterprises"
urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise-list"),
    path("<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise-detail"),
    # Member growth and branch building (issue 4)
    path("reports/", views.MemberReportListView.as_view(), name="member-report-list"),
    path("reports/queue/", views.MemberReportQueueView.as_view(), name="member-report-queue"),
    path("reports/new/", views.MemberReportCreateView.as_view(), name="member-report-create"),
    path("reports/<int:pk>/", views.MemberReportDetailView.as_view(), name="member-report-detail"),
    path("reports/<int:pk>/edit/", views.MemberReportUpdateView.as_view(), name="member-report-update"),
    path("reports/<int:pk>/submit/", views.member_report_submit, name="member-report-submit"),
    path("reports/<int:pk>/approve/", views.member_report_approve, name="member-report-approve"),
    path("reports/<int:pk>/return/", views.member_report_return, name="member-report-return"),
    path("organizations/<int:pk>/growth/", views.OrganizationGrowthView.as_view(), name="organization-growth"),
    path("posts/", views.MemberPostListView.as_view(), name="member-post-list"),
    path("posts/new/", views.MemberPostCreateView.as_view(), name="member-post-create"),
    path("posts/<int:pk>/edit/", views.MemberPostUpdateView.as_view(), name="member-post-update"),
    path("ratings/", views.BranchRatingListView.as_view(), name="branch-rating-list"),
    path("ratings/new/", views.BranchRatingCreateView.as_view(), name="branch-rating-create"),
    path("ratings/<int:pk>/edit/", views.BranchRatingUpdateView.as_view(), name="branch-rating-update"),
    path("trainings/", views.TrainingSessionListView.as_view(), name="training-session-list"),
    path("trainings/new/", views.TrainingSessionCreateView.as_view(), name="training-session-create"),
    path("trainings/<int:pk>/edit/", views.TrainingSessionUpdateView.as_view(), name="training-session-update"),
    path("sites/", views.DemonstrationSiteListView.as_view(), name="demonstration-site-list"),
    path("sites/new/", views.DemonstrationSiteCreateView.as_view(), name="demonstration-site-create"),
    path("sites/<int:pk>/edit/", views.DemonstrationSiteUpdateView.as_view(), name="demonstration-site-update"),
    path("sites/<int:pk>/award/", views.demonstration_site_award, name="demonstration-site-award"),
    path("sites/<int:pk>/decline/", views.demonstration_site_decline, name="demonstration-site-decline"),
]

# Enterprise accounts: sign-up, approval queue, invitations (signup.py).
from . import signup  # noqa: E402

urlpatterns += [
    path("signup/", signup.signup, name="signup"),
    path("signup/done/", signup.signup_done, name="signup-done"),
    path("signup/status/", signup.signup_status, name="signup-status"),
    path("signup/invite/", signup.invite, name="signup-invite"),
    path("signup/requests/", signup.request_queue, name="signup-requests"),
    path("signup/requests/<int:pk>/approve/", signup.approve, name="signup-approve"),
    path("signup/requests/<int:pk>/refuse/", signup.refuse, name="signup-refuse"),
]
