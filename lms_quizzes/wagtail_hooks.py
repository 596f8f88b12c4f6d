from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from lms_courses.dashboard import HOOK_NAME as DASHBOARD_HOOK_NAME
from lms_courses.models.pages import MODULE_CHILD_PAGE_TYPES_HOOK
from lms_courses.outline import COUNTED_KINDS_HOOK
from lms_courses.progress import DONE_KEYS_HOOK

from . import admin_views
from .dashboard import RecentAttemptsPanel
from .models import QuizPage
from .progress import passed_quiz_keys
from .reports import QuizResultsView, can_manage
from .viewsets import QuizOverrideViewSet


# A module holds quizzes, and a module is done when its quizzes are passed.
@hooks.register(MODULE_CHILD_PAGE_TYPES_HOOK)
def quizzes_in_modules():
    return ["lms_quizzes.QuizPage"]


@hooks.register(COUNTED_KINDS_HOOK)
def quizzes_are_steps():
    return ["quizpage"]


hooks.register(DONE_KEYS_HOOK, passed_quiz_keys)


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [
        path(
            "quizzes/<int:page_id>/results/",
            QuizResultsView.as_view(),
            name="quiz_results",
        ),
        path(
            "quizzes/<int:page_id>/results/results/",
            QuizResultsView.as_view(results_only=True),
            name="quiz_results_results",
        ),
        path(
            "quizzes/<int:page_id>/import/",
            admin_views.import_questions,
            name="quiz_import",
        ),
        path(
            "quizzes/<int:page_id>/regrade/<str:question_id>/",
            admin_views.regrade,
            name="quiz_regrade",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_quiz_override_viewset():
    return QuizOverrideViewSet("quiz_overrides")


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def quiz_buttons(page, user, view_name=None, next_url=None):
    if not isinstance(page.specific_deferred, QuizPage) or not can_manage(user, page):
        return
    yield ListingButton(
        _("Results"),
        reverse("quiz_results", args=[page.pk]),
        icon_name="tasks",
        priority=60,
    )
    yield ListingButton(
        _("Import GIFT questions"),
        reverse("quiz_import", args=[page.pk]),
        icon_name="upload",
        priority=61,
    )


@hooks.register(DASHBOARD_HOOK_NAME)
def recent_attempts_panel(request):
    return RecentAttemptsPanel.for_request(request)
