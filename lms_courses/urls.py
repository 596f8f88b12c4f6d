from django.urls import path
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog

from . import views

app_name = "learning"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
    # The translations of the apps' scripts (quizzes, live classes, offline reading).
    path(
        "jsi18n/",
        cache_control(public=True, max_age=60 * 60 * 24)(JavaScriptCatalog.as_view()),
        name="javascript_catalog",
    ),
    path("learning/courses/<int:page_id>/enrol/", views.enrol_in_course, name="enrol"),
    path(
        "learning/courses/<int:page_id>/offline/",
        views.offline_manifest,
        name="offline_manifest",
    ),
    path(
        "learning/lessons/<int:page_id>/complete/",
        views.complete_lesson,
        name="complete_lesson",
    ),
    path(
        "learning/lessons/<int:page_id>/incomplete/",
        views.uncomplete_lesson,
        name="uncomplete_lesson",
    ),
]
