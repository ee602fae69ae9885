from django.urls import path

from . import views

app_name = "offerings"

urlpatterns = [
    path("aanbod.ics", views.listing_ics, name="listing_ics"),
    path("aanbod/<int:pk>.ics", views.offering_ics, name="offering_ics"),
]
