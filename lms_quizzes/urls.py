from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:page_id>/start/", views.start, name="start"),
    path("attempts/<int:attempt_id>/", views.attempt_page, name="attempt"),
    path("attempts/<int:attempt_id>/answers/", views.save_answer, name="save_answer"),
    path("attempts/<int:attempt_id>/result/", views.result, name="result"),
]
