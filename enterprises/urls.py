from django.urls import path

from . import views

app_name = "enterprises"
urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise-list"),
    path("<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise-detail"),
]
