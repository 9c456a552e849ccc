"""Root URLs: pages by the matrix, admin, the API and its docs."""
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import dashboards, notification_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", notification_views.notification_read, name="notification-read"),
    path("notifications/read-all/", notification_views.notification_read_all, name="notifications-read-all"),
    path("notifications/settings/", notification_views.notification_preferences, name="notification-preferences"),
    path("dashboard/", dashboards.overview, name="overview"),
    path("dashboard/figures/<str:figure_id>/", dashboards.figure_records, name="figure-records"),
    path("dashboard/mine/", dashboards.my_dashboard, name="my-dashboard"),
    path("dashboard/coverage/", dashboards.coverage, name="coverage"),
    path("dashboard/charts/<slug:name>.json", dashboards.chart, name="dashboard-chart"),
    path("dashboard/alliances/<int:pk>/", dashboards.alliance_dashboard, name="alliance-dashboard"),
    path("dashboard/committees/<int:pk>/", dashboards.committee_dashboard, name="committee-dashboard"),
    path("dashboard/enterprises/<int:pk>/", dashboards.enterprise_dashboard, name="enterprise-dashboard"),
    path("dashboard/report.docx", dashboards.report_download, name="report-download"),
    path("dashboard/report.xlsx", dashboards.report_workbook, name="report-workbook"),
    path("dashboard/report-template.docx", dashboards.report_template_default, name="report-template-default"),
    path("chains/", include("alliances.urls")),
    path("parks/", include("parks.urls")),
    path("enterprises/", include("enterprises.urls")),
    path("services/", include("services.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(("chainparty.api_urls", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the docs satisfy the CSP (no inline script).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]
