from django.urls import path

from . import views

app_name = "importer"
urlpatterns = [
    path("", views.RunListView.as_view(), name="runs"),
    path("upload/", views.UploadView.as_view(), name="upload"),
    path("<int:pk>/", views.RunDetailView.as_view(), name="run"),
    path("<int:pk>/report.json", views.report_json, name="report_json"),
]
