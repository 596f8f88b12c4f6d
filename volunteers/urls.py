"""Joining the union and one's own volunteering, beside the union's pages."""

from django.urls import path

from . import views

app_name = "volunteers"
urlpatterns = [
    path("apply/", views.apply_to_union, name="apply"),
    path("me/", views.my_volunteering, name="me"),
]
