from django.urls import path

from . import views

app_name = "promotions"

urlpatterns = [
    path("<int:pk>/gezien.gif", views.impression, name="impression"),
    path("<int:pk>/klik/", views.click, name="click"),
]
