from django.urls import path

from . import views

app_name = "enterprises"
urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise-list"),
    path("<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise-detail"),
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
