from django.urls import path

from . import views, views_followups
from .urls_lists import urlpatterns as lists_urlpatterns

app_name = "services"
urlpatterns = [
    path("needs/", views.need_home, name="need-home"),
    path("needs/all/", views.NeedListView.as_view(), name="need-list"),
    path("needs/mine/", views.MyNeedsView.as_view(), name="my-needs"),
    path("needs/new/", views.need_submit, name="need-submit"),
    path("needs/inbox/", views.NeedInboxView.as_view(), name="need-inbox"),
    path("needs/assigned/", views.AssignedNeedsView.as_view(), name="assigned-needs"),
    path("needs/publicized/", views_followups.PublicizedNeedsView.as_view(), name="publicized-needs"),
    path("needs/<int:pk>/", views.NeedDetailView.as_view(), name="need-detail"),
    path("needs/<int:pk>/<slug:name>/", views.need_action, name="need-action"),
    path("needs/attachments/<int:pk>/", views.attachment_download, name="attachment-download"),
    *lists_urlpatterns,
]
