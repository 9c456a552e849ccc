from django.urls import path

from . import views

app_name = "parks"
urlpatterns = [
    path("", views.ParkListView.as_view(), name="park-list"),
    path("<int:pk>/", views.ParkDetailView.as_view(), name="park-detail"),
]
