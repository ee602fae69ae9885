from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("aanmelden/", views.start, name="start"),
    path("controleer-uw-mail/", views.CheckMailView.as_view(), name="check_mail"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("voorkeuren/<str:token>/", views.preferences, name="preferences"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
