"""URLs of the resource, project and visit pages (included by services/urls.py)."""
from django.urls import path

from . import views_lists as views

urlpatterns = [
    path("resources/", views.ResourceListView.as_view(), name="resource-list"),
    path("resources/new/", views.ResourceCreateView.as_view(), name="resource-create"),
    path("resources/<int:pk>/", views.ResourceDetailView.as_view(), name="resource-detail"),
    path("resources/<int:pk>/edit/", views.ResourceUpdateView.as_view(), name="resource-update"),
    path("projects/", views.ProjectListView.as_view(), name="project-list"),
    path("projects/new/", views.ProjectCreateView.as_view(), name="project-create"),
    path("projects/<int:pk>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("projects/<int:pk>/edit/", views.ProjectUpdateView.as_view(), name="project-update"),
    path("visits/", views.VisitListView.as_view(), name="visit-list"),
    path("visits/new/", views.VisitCreateView.as_view(), name="visit-create"),
    path("visits/coverage/", views.CoverageView.as_view(), name="visit-coverage"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit-detail"),
    path("visits/<int:pk>/edit/", views.VisitUpdateView.as_view(), name="visit-update"),
    path("visits/<int:pk>/need/", views.visit_need, name="visit-need"),
]
