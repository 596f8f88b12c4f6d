from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from .authoring import (
    TranslatedCourse,
    delete_translations_left_behind,
    has_original,
    translated_course_of,
    translated_structure_of,
    translations_in_step,
)
from .dashboard import HOOK_NAME, MyCoursesPanel
from .navigation import ROLES_HOOK, course_roles
from .reports import LearnerProgressReportView
from .viewsets import EnrolmentViewSet


@hooks.register("register_admin_viewset")
def register_enrolment_viewset():
    return EnrolmentViewSet("enrolments")


@hooks.register("register_admin_urls")
def register_learner_progress_report_urls():
    return [
        path(
            "reports/learner-progress/",
            LearnerProgressReportView.as_view(),
            name="learner_progress_report",
        ),
        path(
            "reports/learner-progress/results/",
            LearnerProgressReportView.as_view(results_only=True),
            name="learner_progress_report_results",
        ),
    ]


class LearnerProgressMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("lms_courses.view_learner_progress")


@hooks.register("register_reports_menu_item")
def register_learner_progress_menu_item():
    return LearnerProgressMenuItem(
        _("Learner progress"),
        reverse("learner_progress_report"),
        name="learner-progress",
        icon_name="group",
        order=50,
    )


@hooks.register(HOOK_NAME)
def my_courses_panel(request):
    return MyCoursesPanel.for_request(request)


hooks.register(ROLES_HOOK, course_roles)


# A translated course's structure is authored in its original (see
# lms_courses.authoring): the admin refuses to add, move, copy or delete pages in a
# translation, and says where.


@hooks.register("before_create_page")
def refuse_new_pages_in_a_translated_course(request, parent_page, page_class):
    course = translated_course_of(parent_page)
    if course is None:
        return None
    message = _(
        "“%(course)s” is a translation (original language: %(language)s). Add "
        "modules, lessons and quizzes to the original course, then translate them "
        "with “Translate this page”: pages added here would be missing from the "
        "outline and from progress."
    )
    return _refuse(request, course, message, parent_page, back_to=parent_page)


@hooks.register("before_move_page")
def refuse_moves_in_a_translated_course(request, page, destination):
    course, shown = translated_structure_of(page), page
    if course is None:
        course, shown = translated_course_of(destination), destination
    if course is None:
        return None
    message = _(
        "“%(course)s” is a translation (original language: %(language)s). Move and "
        "reorder its modules, lessons and quizzes in the original course: the "
        "translations follow."
    )
    return _refuse(request, course, message, shown, back_to=page.get_parent())


@hooks.register("before_copy_page")
def refuse_copies_in_a_translated_course(request, page):
    course, shown = translated_structure_of(page), page
    destination_id = request.POST.get("new_parent_page", "")
    if course is None and destination_id.isdigit():
        shown = Page.objects.filter(pk=destination_id).first()
        course = shown and translated_course_of(shown)
    if not course:
        return None
    message = _(
        "“%(course)s” is a translation (original language: %(language)s). Copy "
        "modules, lessons and quizzes in the original course, then translate the "
        "copy with “Translate this page”."
    )
    return _refuse(request, course, message, shown, back_to=page.get_parent())


@hooks.register("before_delete_page")
def refuse_deleting_a_translation_alone(request, page):
    # A page with no original (added here before this rule) may go: learners never
    # saw it in an outline, and nothing else removes it.
    course = translated_structure_of(page)
    if course is None or not has_original(page, course):
        return None
    message = _(
        "“%(course)s” is a translation (original language: %(language)s). Delete "
        "the page in the original course: its translations are deleted with it."
    )
    return _refuse(request, course, message, page, back_to=page.get_parent())


@hooks.register("before_bulk_action")
def refuse_bulk_changes_in_a_translated_course(request, action_type, objects, action):
    if action_type not in ("move", "delete") or not issubclass(action.model, Page):
        return None
    for page in objects:
        if action_type == "move":
            destination = action.cleaned_form.cleaned_data["chooser"]
            response = refuse_moves_in_a_translated_course(request, page, destination)
        else:
            response = refuse_deleting_a_translation_alone(request, page)
        if response is not None:
            return response
    return None


@hooks.register("construct_translated_pages_to_cascade_actions")
def delete_translations_with_their_original(pages, action):
    # Moves are followed by a post_page_move receiver, whatever made them.
    if action != "delete":
        return None
    return {page: translations_in_step(page) for page in pages}


@hooks.register("after_bulk_action")
def delete_translations_after_a_bulk_delete(request, action_type, objects, action):
    if action_type == "delete" and issubclass(action.model, Page):
        delete_translations_left_behind(objects)


@hooks.register("before_edit_page")
def warn_about_a_page_without_original(request, page):
    if request.method != "GET":
        return None
    course = translated_structure_of(page)
    if course is not None and not has_original(page, course):
        messages.warning(
            request,
            _(
                "“%(page)s” has no original in the course's original language "
                "(%(language)s): learners do not see it in the outline and it does "
                "not count toward progress. Add it to the original course, translate "
                "it, then delete this page."
            )
            % {"page": page.get_admin_display_title(), "language": course.language},
            buttons=[_original_button(course, page.get_parent())],
        )
    return None


def _refuse(request, course: TranslatedCourse, message, shown, back_to):
    """Say why, link to the original of ``shown``, and go back to ``back_to``."""
    messages.error(
        request,
        message
        % {
            "course": course.translation.get_admin_display_title(),
            "language": course.language,
        },
        buttons=[_original_button(course, shown)],
    )
    next_url = get_valid_next_url_from_request(request)
    return redirect(next_url or reverse("wagtailadmin_explore", args=[back_to.pk]))


def _original_button(course: TranslatedCourse, page):
    return messages.button(
        reverse("wagtailadmin_pages:edit", args=[course.original_of(page).pk]),
        _("Open the original"),
    )
