from django.urls import path

from . import views

app_name = "alliances"
urlpatterns = [
    path("", views.ChainListView.as_view(), name="chain-list"),
    path("<int:pk>/", views.ChainDetailView.as_view(), name="chain-detail"),
]
