from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.author_list, name="author_list"),
    path("<slug:slug>/", views.author_detail, name="author_detail"),
]
