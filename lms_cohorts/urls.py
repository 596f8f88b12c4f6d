from django.urls import path

from . import views

app_name = "cohorts"

urlpatterns = [
    path("", views.open_calls, name="open_calls"),
    path("<int:cohort_id>/", views.application_form, name="application"),
]
