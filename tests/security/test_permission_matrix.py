"""Every URL of the site and the admin, as each role: who may see or do what.

The table below has one row per URL pattern (or, for Wagtail's own screens, per
namespace with rows for the important ones) giving the outcome for anonymous,
student A, student B, trainer, coordinator and superuser, in that order. A URL
pattern without a row fails the suite, and so does a row whose pattern is gone.
Student A holds every learner object; B is a classmate who tries A's ids; the
trainer teaches A's cohort. Each request runs in a savepoint that is rolled back.
"""

import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lms_certificates.models import Certificate
from lms_cohorts.models import Application
from lms_courses.models import LessonCompletion
from lms_live import classroom
from lms_live.models import Attendance
from lms_quizzes.models import Answer

from .permission_urls import Row, address, outcome, url_patterns
from .permission_world import ROLES, build_world

pytestmark = pytest.mark.django_db

ADMIN_HOME = "/admin/"


def admin(staff: str, **options) -> Row:
    """An admin screen: anonymous and students go to the admin login; ``staff``
    gives the trainer's, the coordinator's and the superuser's outcomes."""
    return Row(expect="login login login " + staff, **options)


SUPERUSER_ONLY = admin("denied denied ok")
PUBLIC = Row(expect="ok ok ok ok ok ok")

# Which world object a namespace's <pk> is.
PK_OF_NAMESPACE = {
    "wagtailadmin_api:pages": "lesson",
    "wagtailadmin_api:documents": "document",
    "wagtailadmin_api:images": "image",
    "wagtailadmin_collections": "collection",
    "wagtailadmin_workflows": "workflow",
    "wagtailsnippets_lms_cohorts_application": "application_a",
    "wagtailsnippetchoosers_lms_cohorts_application": "application_a",
    "enrolments": "enrolment_a",
    "cohorts_admin": "cohort",
    "quiz_overrides": "override",
    "live_sessions": "live_session",
    "attendance": "attendance_a",
    "certificates_admin": "certificate_a",
    "certificate_rules": "rule",
    "project_completions": "completion",
    "background_tasks": "task_result",
    "outgoing_emails": "email",
    "wagtaillocales": "locale",
    "wagtailsites": "site",
    "wagtailusers_users": "student_b",
    "wagtailusers_groups": "students_group",
    "wagtaildocs_chooser": "document",
    "wagtailimages_chooser": "image",
    "wagtailsettings": 1,
    "volunteers_admin": "volunteer_a",
    "volunteer_qualifications": "qualification",
    "volunteer_pledges": "pledge",
    "volunteers": "shift",
    "volunteer_shifts": "shift",
    "volunteer_hours": "hours_a",
    "volunteer_letters": "letter_a",
    "shift_lead_chooser": "superuser",
    "wagtail_localize": 999999,
    "wagtailsnippets_lms_assistance_desk": "desk",
}

# Pages outside the course catalogue, where trainers and coordinators have no
# page permission: the same screens must refuse them.
OUTSIDE_CATALOGUE = admin("denied denied ok", kwargs={"page_id": "home"})

# A cell of the coverage matrix: an objective in the cohort's first module.
INSIGHTS_CELL = {"kind": "gcm", "tag_id": "gcm_objective", "module_key": "module_key"}

MATRIX: dict[str, Row | list[Row]] = {
    # ---------------------------------------------------------------- Wagtail admin
    "wagtailadmin_home": admin("ok ok ok"),
    "admin/test404/": admin("ok ok ok", path="/admin/test404/"),
    "admin/^.*/$": admin("404 404 404", path="/admin/no-such-screen/"),
    # Wagtail's own error-reporting drill: it raises on purpose, for admin users only.
    "wagtailadmin_error_test": admin("500 500 500"),
    "wagtailadmin_explore_root": admin("redirect redirect ok"),
    "wagtailadmin_explore": admin("ok ok ok"),
    "wagtailadmin_explore_results": admin("ok ok ok"),
    "wagtail_bulk_action": [
        admin(
            "denied ok ok",
            kwargs={
                "app_label": "lms_cohorts",
                "model_name": "application",
                "action": "change_status",
            },
            query="id={application_a}",
        ),
        admin(
            "ok ok ok",
            kwargs={"app_label": "wagtailcore", "model_name": "page"},
            query="id={lesson}",
        ),
    ],
    # Page screens: allowed inside the catalogue, refused outside it.
    "wagtailadmin_pages:*": admin("ok ok ok"),
    "wagtailadmin_pages:edit": [admin("ok ok ok"), OUTSIDE_CATALOGUE],
    "wagtailadmin_pages:preview_on_edit": [admin("ok ok ok"), OUTSIDE_CATALOGUE],
    "wagtailadmin_pages:view_draft": [admin("ok ok ok"), OUTSIDE_CATALOGUE],
    "wagtailadmin_pages:delete": [admin("ok ok ok"), OUTSIDE_CATALOGUE],
    "wagtailadmin_pages:unpublish": [admin("ok ok ok"), OUTSIDE_CATALOGUE],
    "wagtailadmin_pages:copy": [admin("ok ok ok"), OUTSIDE_CATALOGUE],
    "wagtailadmin_pages:set_privacy": [admin("ok ok ok"), OUTSIDE_CATALOGUE],
    "wagtailadmin_pages:history": [admin("ok ok ok"), OUTSIDE_CATALOGUE],
    "wagtailadmin_pages:move": [
        admin("ok ok ok"),
        admin("denied denied ok", kwargs={"page_to_move_id": "home"}),
    ],
    "wagtailadmin_pages:move_confirm": [
        admin("ok ok ok"),
        # The confirmation shows; the move itself checks both places.
        admin(
            "redirect redirect redirect",
            method="post",
            kwargs={"page_to_move_id": "lesson"},
        ),
        admin(
            "denied denied denied",
            method="post",
            kwargs={"page_to_move_id": "home"},
        ),
    ],
    "wagtailadmin_pages:add": [
        admin("ok ok ok"),
        admin(
            "denied denied ok",
            kwargs={
                "content_type_model_name": "courseindexpage",
                "parent_page_id": "home",
            },
        ),
    ],
    "wagtailadmin_pages:revisions_compare": [
        admin(
            "ok ok ok",
            kwargs={
                "pk": "lesson",
                "revision_id_a": "earliest",
                "revision_id_b": "latest",
            },
        ),
        admin(
            "denied denied ok",
            kwargs={"pk": "home", "revision_id_a": "earliest", "revision_id_b": "live"},
        ),
    ],
    "wagtailadmin_pages:revisions_view": [
        admin("ok ok ok"),
        # A revision of another page, by its id: refused, not shown.
        admin("404 404 404", kwargs={"page_id": "quiz"}),
    ],
    "wagtailadmin_pages:revisions_revert": admin("ok ok ok"),
    "wagtailadmin_pages:revisions_index": admin("redirect redirect redirect"),
    "wagtailadmin_pages:convert_alias": admin("404 404 404"),
    "wagtailadmin_pages:set_page_position": admin("405 405 405"),
    "wagtailadmin_pages:lock": admin("405 405 405"),
    "wagtailadmin_pages:unlock": admin("405 405 405"),
    "wagtailadmin_pages:workflow_action": admin(
        "denied ok ok", kwargs={"page_id": "other_lesson"}
    ),
    "wagtailadmin_pages:collect_workflow_action_data": admin(
        "denied ok ok", kwargs={"page_id": "other_lesson"}
    ),
    "wagtailadmin_pages:confirm_workflow_cancellation": admin(
        "ok ok ok", kwargs={"page_id": "other_lesson"}
    ),
    "wagtailadmin_pages:workflow_preview": admin(
        "denied ok ok", kwargs={"page_id": "other_lesson"}
    ),
    "wagtailadmin_pages:workflow_history_detail": admin(
        "ok ok ok", kwargs={"page_id": "other_lesson"}
    ),
    "wagtailadmin_choose_page": admin("ok ok ok"),
    "wagtailadmin_choose_page_child": admin("ok ok ok"),
    "wagtailadmin_choose_page_search": admin("ok ok ok"),
    "wagtailadmin_choose_page_chosen_multiple": admin("ok ok ok"),
    "wagtailadmin_choose_page_external_link": admin("ok ok ok"),
    "wagtailadmin_choose_page_email_link": admin("ok ok ok"),
    "wagtailadmin_choose_page_phone_link": admin("ok ok ok"),
    "wagtailadmin_choose_page_anchor_link": admin("ok ok ok"),
    "wagtailadmin_tag_autocomplete": admin("ok ok ok"),
    "wagtailadmin_tag_model_autocomplete": admin(
        "ok ok ok", kwargs={"app_name": "lms_courses", "model_name": "topic"}
    ),
    "wagtailadmin_api:*": admin("ok ok ok"),
    "wagtailadmin_api:pages:find": admin("404 404 404"),
    "wagtailadmin_api:documents:find": admin("404 404 404"),
    "wagtailadmin_api:images:find": admin("404 404 404"),
    "wagtailadmin_api:pages:action": admin("405 405 405"),
    # Collections: only superusers manage them; a collection you may not delete is
    # not found.
    "wagtailadmin_collections:*": SUPERUSER_ONLY,
    "wagtailadmin_collections:delete": admin("404 404 ok"),
    "wagtailadmin_workflows:*": SUPERUSER_ONLY,
    "wagtailadmin_workflows:enable": admin("405 405 405"),
    "wagtailadmin_workflows:enable_task": admin("405 405 405"),
    "wagtailadmin_workflows:remove": admin("405 405 405"),
    "wagtailadmin_workflows:add_task": admin(
        "denied denied ok",
        kwargs={"app_label": "wagtailcore", "model_name": "groupapprovaltask"},
    ),
    "wagtailadmin_workflows:select_task_type": admin("denied denied redirect"),
    # The task chooser lists task names to any page editor; creating needs a
    # permission they lack.
    "wagtailadmin_workflows:task_chooser": admin("ok ok ok"),
    "wagtailadmin_workflows:task_chooser_results": admin("ok ok ok"),
    "wagtailadmin_workflows:task_chooser_create": admin("ok ok ok"),
    "wagtailadmin_workflows:task_chosen": admin("ok ok ok"),
    "wagtailadmin_reports:*": admin("ok ok ok"),
    "wagtailadmin_reports:locked_pages": admin("denied ok ok"),
    "wagtailadmin_reports:locked_pages_results": admin("denied ok ok"),
    "wagtailadmin_account": admin("ok ok ok"),
    "wagtailadmin_logout": Row(expect="login " * 6, method="post"),
    "wagtailadmin_dismissibles": admin("ok ok ok"),
    "wagtailadmin_editing_sessions:*": admin("405 405 405"),
    "wagtailadmin_block_preview": admin("404 404 404"),
    "wagtailadmin_sprite": PUBLIC,
    # Logged-in admin users are sent on to the dashboard.
    "wagtailadmin_login": Row(expect="ok ok ok denied denied denied"),
    "wagtailadmin_password_reset": PUBLIC,
    "wagtailadmin_password_reset_done": PUBLIC,
    "wagtailadmin_password_reset_confirm": PUBLIC,
    "wagtailadmin_password_reset_complete": PUBLIC,
    "wagtailadmin_javascript_catalog": PUBLIC,
    "wagtail_localize:*": admin("404 404 404"),
    "wagtail_localize:javascript_catalog": admin("ok ok ok"),
    "wagtail_localize:submit_page_translation": admin("ok ok ok"),
    "wagtail_localize:translations_report": admin("ok ok ok"),
    "wagtail_localize:translations_report_results": admin("ok ok ok"),
    "wagtail_localize:edit_string_translation": admin("405 405 405"),
    "wagtail_localize:edit_override": admin("405 405 405"),
    "wagtail_localize:upload_pofile": admin("405 405 405"),
    "wagtail_localize:machine_translate": admin("405 405 405"),
    "wagtail_localize:stop_translation": admin("405 405 405"),
    "wagtailforms:index": admin("ok ok ok"),
    "wagtailforms:index_results": admin("ok ok ok"),
    "wagtailforms:list_submissions": admin("404 404 404"),
    "wagtailforms:list_submissions_results": admin("404 404 404"),
    "wagtailforms:delete_submissions": admin("denied denied denied"),
    "wagtailredirects:*": SUPERUSER_ONLY,
    "wagtailredirects:process_import": admin("denied denied 405"),
    "wagtailsettings:*": admin("404 404 404"),  # the School has no settings models
    "wagtailembeds:*": admin("ok ok ok"),
    # Applications, the only snippets, have their own menu item.
    "wagtailsnippets:index": admin("denied denied denied"),
    # Media: trainers and coordinators add and change documents and images.
    "wagtaildocs:*": admin("ok ok ok"),
    "wagtaildocs:edit_multiple": admin("405 405 405"),
    "wagtaildocs:create_multiple_from_uploaded_document": admin("405 405 405"),
    "wagtaildocs:delete_multiple": admin("405 405 405"),
    "wagtaildocs:delete_upload_multiple": admin("405 405 405"),
    "wagtaildocs_chooser:*": admin("ok ok ok"),
    "wagtailimages:*": admin("ok ok ok"),
    "wagtailimages:url_generator": admin("404 404 404"),
    "wagtailimages:url_generator_output": admin("404 404 404"),
    "wagtailimages:edit_multiple": admin("405 405 405"),
    "wagtailimages:create_multiple_from_uploaded_image": admin("405 405 405"),
    "wagtailimages:delete_multiple": admin("405 405 405"),
    "wagtailimages:delete_upload_multiple": admin("405 405 405"),
    "wagtailimages_chooser:*": admin("ok ok ok"),
    "wagtaillocales:*": SUPERUSER_ONLY,
    "wagtailsites:*": SUPERUSER_ONLY,
    "wagtailusers_groups:*": SUPERUSER_ONLY,
    # Coordinators manage accounts, never a superuser's; a learner's account is
    # deleted through "Delete account and personal data", where Wagtail's delete sends
    # a superuser too.
    "wagtailusers_users:*": admin("denied ok ok"),
    "wagtailusers_users:delete": admin("denied denied redirect"),
    "wagtailusers_users:edit": [
        admin("denied ok ok"),
        admin("denied denied ok", kwargs={"pk": "superuser"}),
    ],
    "wagtailusers_users:history": admin("denied ok ok"),
    # ------------------------------------------------------------ our admin screens
    "accounts_delete_account": [
        admin("denied ok ok", kwargs={"user_id": "student_b"}),
        admin("denied denied denied", kwargs={"user_id": "superuser"}),
        admin("denied 404 404", kwargs={"user_id": 999999}),
    ],
    "insights_index": admin("ok ok ok"),
    "insights_overview": [
        admin("ok ok ok"),
        admin("ok ok ok", query="export=xlsx"),
        admin("denied ok ok", kwargs={"cohort_id": "other_cohort"}),
        admin("404 404 404", kwargs={"cohort_id": 999999}),
    ],
    "insights_overview_results": [
        admin("ok ok ok"),
        admin("denied ok ok", kwargs={"cohort_id": "other_cohort"}),
    ],
    "insights_coverage": [
        admin("ok ok ok"),
        admin("ok ok ok", query="tab=sdg"),
        admin("denied ok ok", kwargs={"cohort_id": "other_cohort"}),
        admin("404 404 404", kwargs={"cohort_id": 999999}),
    ],
    "insights_coverage_cell": [
        admin("ok ok ok", kwargs=INSIGHTS_CELL),
        admin("denied ok ok", kwargs={**INSIGHTS_CELL, "cohort_id": "other_cohort"}),
        admin("404 404 404", kwargs={**INSIGHTS_CELL, "kind": "nonsense"}),
        admin("404 404 404", kwargs={**INSIGHTS_CELL, "tag_id": 999999}),
    ],
    "insights_mastery": [
        admin("ok ok ok"),
        admin("denied ok ok", kwargs={"cohort_id": "other_cohort"}),
    ],
    "insights_charts": [
        admin("ok ok ok"),
        admin("denied ok ok", kwargs={"cohort_id": "other_cohort"}),
    ],
    "insights_programme": [
        admin("ok ok ok"),
        admin("ok ok ok", query="export=xlsx"),
        admin("denied ok ok", kwargs={"cohort_id": "other_cohort"}),
    ],
    # The union's staff run the pipeline; coordinators look; trainers see nothing.
    # The union's shifts, hours and letters: its staff act, coordinators look.
    "volunteer_shifts:*": admin("denied ok ok"),
    "volunteer_shifts:add": admin("denied denied ok"),
    "volunteer_shifts:edit": admin("denied denied ok"),
    "volunteer_shifts:delete": admin("denied denied ok"),
    "volunteer_shifts:cancel": admin("denied denied ok"),
    "volunteer_shifts:history": admin("denied denied ok"),
    "volunteer_shifts:history_results": admin("denied denied ok"),
    "volunteer_shifts:usage": admin("denied denied ok"),
    "volunteer_hours:*": admin("denied ok ok"),
    "volunteer_hours:approve": admin("denied denied ok"),
    "volunteer_hours:reject": admin("denied denied ok"),
    "volunteer_letters:*": admin("denied ok ok"),
    "volunteer_letters:revoke": admin("denied denied ok"),
    "shift_lead_chooser:*": admin("denied denied ok"),
    # Only active volunteers and the union's staff can be chosen as a lead.
    "shift_lead_chooser:chosen": admin("denied denied 404"),
    "volunteers_admin:*": admin("denied denied ok"),
    "volunteers_admin:index": [
        admin("denied ok ok"),
        admin("denied ok ok", query="export=csv"),
    ],
    "volunteers_admin:index_results": admin("denied ok ok"),
    "volunteers_admin:inspect": [
        admin("denied ok ok"),
        admin("404 404 404", kwargs={"pk": 999999}),
    ],
    "volunteer_qualifications:*": admin("denied denied ok"),
    "volunteer_qualifications:index": admin("denied ok ok"),
    "volunteer_qualifications:index_results": admin("denied ok ok"),
    "volunteer_qualifications:inspect": admin("denied ok ok"),
    "volunteer_pledges:*": admin("denied denied ok"),
    "learner_progress_report": admin("ok ok ok"),
    "learner_progress_report_results": [
        admin("ok ok ok"),
        admin("ok ok ok", query="export=csv"),
    ],
    "quiz_results": [
        admin("ok ok ok", kwargs={"page_id": "quiz"}),
        admin("ok ok ok", kwargs={"page_id": "quiz"}, query="export=csv"),
        admin("404 404 404", kwargs={"page_id": "lesson"}),
    ],
    "quiz_results_results": admin("ok ok ok", kwargs={"page_id": "quiz"}),
    "quiz_import": admin("ok ok ok", kwargs={"page_id": "quiz"}),
    "quiz_regrade": [
        admin("redirect redirect redirect", method="post", kwargs={"page_id": "quiz"}),
        admin("404 404 404", method="post", kwargs={"page_id": "lesson"}),
    ],
    "background_tasks_retry": admin(
        "denied redirect redirect", method="post", kwargs={"pk": "task_result"}
    ),
    "outgoing_emails_retry": admin(
        "denied redirect redirect", method="post", kwargs={"pk": "email"}
    ),
    "wagtailsnippets_lms_cohorts_application:*": admin("denied ok ok"),
    "wagtailsnippets_lms_cohorts_application:list": [
        admin("denied ok ok"),
        admin("denied ok ok", query="export=csv"),
    ],
    # Nobody adds, deletes or copies an application in the admin: applicants write
    # them, and the record stays.
    "wagtailsnippets_lms_cohorts_application:add": admin("denied denied denied"),
    "wagtailsnippets_lms_cohorts_application:delete": admin("denied denied denied"),
    "wagtailsnippets_lms_cohorts_application:copy": admin("denied denied denied"),
    "wagtailsnippets_lms_cohorts_application:edit": [
        admin("denied ok ok"),
        # The review screen (scores, interview notes), posted to by a trainer.
        admin(
            "denied 400 400", method="post", data={"action": "review", "energy": "9"}
        ),
        admin("denied 404 404", kwargs={"pk": "draft_a"}),
    ],
    "wagtailsnippetchoosers_lms_cohorts_application:*": admin("denied ok ok"),
    "wagtailsnippetchoosers_lms_cohorts_application:create": admin(
        "denied denied denied"
    ),
    "enrolments:*": admin("denied ok ok"),
    "enrolments:delete": admin("denied denied ok"),
    "enrolments:index": [
        admin("denied ok ok"),
        admin("denied ok ok", query="export=csv"),
    ],
    # Trainers see the cohorts (the ones they teach in and the others), never change
    # them.
    "cohorts_admin:*": admin("denied ok ok"),
    "cohorts_admin:index": admin("ok ok ok"),
    "cohorts_admin:index_results": admin("ok ok ok"),
    "cohorts_admin:inspect": [
        admin("ok ok ok"),
        # A trainer finds only the cohorts they teach.
        admin("404 ok ok", kwargs={"pk": "other_cohort"}),
    ],
    "cohorts_admin:delete": admin("denied denied ok"),
    "quiz_overrides:*": admin("ok ok ok"),
    # Trainers and coordinators run every live session and keep its attendance.
    "live_sessions:*": admin("ok ok ok"),
    "live_sessions:delete": admin("denied denied ok"),
    "attendance:*": admin("ok ok ok"),
    "attendance:index": [admin("ok ok ok"), admin("ok ok ok", query="export=csv")],
    "attendance:add": admin("denied denied ok"),
    "attendance:copy": admin("denied denied ok"),
    "attendance:delete": admin("denied denied ok"),
    # Certificates: coordinators issue and revoke; nobody deletes one.
    "certificates_admin:*": admin("denied ok ok"),
    "certificates_admin:index": [
        admin("denied ok ok"),
        admin("denied ok ok", query="export=csv"),
    ],
    "certificate_rules:*": admin("denied ok ok"),
    "certificate_rules:index": admin("ok ok ok"),
    "certificate_rules:index_results": admin("ok ok ok"),
    "project_completions:*": admin("denied ok ok"),
    "project_completions:index": admin("ok ok ok"),
    "project_completions:index_results": admin("ok ok ok"),
    # Background work: coordinators look; records are written by workers only.
    "background_tasks:*": admin("denied denied denied"),
    "background_tasks:index": admin("denied ok ok"),
    "background_tasks:index_results": admin("denied ok ok"),
    "background_tasks:inspect": admin("denied ok ok"),
    "outgoing_emails:*": admin("denied denied denied"),
    "outgoing_emails:index": admin("denied ok ok"),
    "outgoing_emails:index_results": admin("denied ok ok"),
    "outgoing_emails:inspect": admin("denied ok ok"),
    # ------------------------------------------------------- public by design
    "wagtaildocs_serve": Row(
        expect="ok ok ok ok ok ok",
        path="/documents/{document}/{document_filename}",
    ),
    "wagtaildocs_authenticate_with_password": PUBLIC,
    "set_language": Row(expect="redirect " * 6, method="post", data={"language": "en"}),
    "service_worker": PUBLIC,
    "favicon": Row(expect="redirect " * 6),
    "^media/(?P<path>.*)$": Row(expect="404 " * 6, path="/media/no-such-file.txt"),
    "learning:javascript_catalog": PUBLIC,
    "wagtailcore_authenticate_with_password": PUBLIC,
    "wagtailcore_login": PUBLIC,
    "wagtail_serve": [
        Row(expect="ok ok ok ok ok ok", path="/en/{course_path}"),
        Row(expect="ok " * 6, path="/en/{lesson_path}"),
    ],
    # ------------------------------------------------------------------- accounts
    "accounts:signup": Row(expect="ok redirect redirect redirect redirect redirect"),
    "accounts:signup_done": PUBLIC,
    "accounts:verify_email": Row(expect="400 " * 6),
    "accounts:resend_verification": PUBLIC,
    "accounts:login": Row(expect="ok redirect redirect redirect redirect redirect"),
    "accounts:logout": Row(expect="redirect " * 6, method="post"),
    "accounts:profile": Row(expect="login ok ok ok ok ok"),
    "accounts:download_personal_data": Row(expect="login ok ok ok ok ok"),
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    # -------------------------------------------------------------- learning
    "learning:dashboard": Row(expect="login ok ok ok ok ok"),
    "learning:search": PUBLIC,
    "learning:enrol": Row(
        expect="login redirect redirect redirect redirect redirect",
        method="post",
        kwargs={"page_id": "course"},
    ),
    # The course is open: anyone may read it, offline too.
    "learning:offline_manifest": Row(expect="ok " * 6, kwargs={"page_id": "course"}),
    "learning:complete_lesson": Row(
        expect="login redirect redirect denied denied denied", method="post"
    ),
    "learning:uncomplete_lesson": Row(
        expect="login redirect redirect denied denied denied", method="post"
    ),
    # ---------------------------------------------------------------- admission
    "cohorts:open_calls": PUBLIC,
    "cohorts:application": [
        # Everyone signed in may apply; each sees only their own application.
        Row(expect="login ok ok ok ok ok"),
        Row(expect="login ok ok ok ok ok", kwargs={"cohort_id": "other_cohort"}),
        Row(expect="login 404 404 404 404 404", kwargs={"cohort_id": 999999}),
    ],
    # ------------------------------------------------------------------ quizzes
    "quizzes:start": [
        Row(
            expect="login redirect redirect redirect redirect redirect",
            method="post",
            kwargs={"page_id": "quiz"},
        ),
        Row(expect="404 " * 6, method="post", kwargs={"page_id": "lesson"}),
    ],
    # An attempt and its result are their learner's only: everyone else, staff
    # included, finds nothing there.
    "quizzes:attempt": [
        Row(expect="login ok 404 404 404 404", kwargs={"attempt_id": "attempt_open"}),
        Row(
            expect="login redirect 404 404 404 404",
            method="post",
            kwargs={"attempt_id": "attempt_open"},
            data={"action": "submit", "sequence": "0"},
        ),
    ],
    "quizzes:save_answer": Row(
        expect="denied ok 404 404 404 404",
        method="post",
        kwargs={"attempt_id": "attempt_open"},
        data={"sequence": 0, "answers": {"q-tf": True}},
    ),
    "quizzes:result": [
        Row(expect="login ok 404 404 404 404", kwargs={"attempt_id": "attempt_done"}),
        Row(expect="login 404 404 404 404 404", kwargs={"attempt_id": 999999}),
    ],
    # ---------------------------------------------------------------------- live
    # B is a student of the course but not of A's cohort, whose class this is.
    "live:classroom": Row(
        expect="login ok denied ok ok ok", kwargs={"session_id": "live_session"}
    ),
    "live:calendar": Row(
        expect="login ok denied ok ok ok", kwargs={"session_id": "live_session"}
    ),
    "live:code": Row(
        expect="login denied denied ok ok ok", kwargs={"session_id": "live_session"}
    ),
    "live:check_in": [
        Row(expect="login ok denied ok ok ok", kwargs={"session_id": "live_session"}),
        Row(
            expect="login 400 denied 400 400 400",
            method="post",
            kwargs={"session_id": "live_session"},
            data={"code": "000000", "user": "{student_a}"},
        ),
        Row(expect="login 404 404 404 404 404", kwargs={"session_id": 999999}),
    ],
    # ------------------------------------------------------------- certificates
    # Verification is public by design; the PDF is for its holder and coordinators.
    "certificates:verify": PUBLIC,
    "certificates:verify_code": [
        PUBLIC,
        Row(expect="404 " * 6, kwargs={"code": "AAAA-BBBB"}),
    ],
    "certificates:download": [
        Row(expect="login ok 404 404 ok ok"),
        Row(expect="login 404 404 404 404 404", kwargs={"code": "AAAA-BBBB"}),
    ],
    # --------------------------------------------------------------- volunteers
    # Anyone signed in may apply; "mine" sends someone who has not to the form.
    # Anyone signed in may apply; A has, and is sent to her own page instead.
    "volunteers:apply": Row(expect="login redirect ok ok ok ok"),
    "volunteers:me": Row(expect="login ok redirect redirect redirect redirect"),
    # Shifts are public to read; only A is a volunteer (an applicant, so her sign-up
    # is refused with a message); the others are sent to apply.
    "volunteers:shift": [PUBLIC, Row(expect="404 " * 6, kwargs={"pk": 999999})],
    "volunteers:shift_ics": [PUBLIC, Row(expect="404 " * 6, kwargs={"pk": 999999})],
    "volunteers:sign_up": [
        Row(expect="login 405 405 405 405 405"),
        Row(expect="login redirect redirect redirect redirect redirect", method="post"),
        Row(expect="login 404 404 404 404 404", method="post", kwargs={"pk": 999999}),
    ],
    "volunteers:cancel_sign_up": [
        Row(expect="login 405 405 405 405 405"),
        Row(expect="login redirect redirect redirect redirect redirect", method="post"),
    ],
    # Hours: a volunteer's own; attendance for the shift's lead and the union's staff.
    "volunteers:my_hours": [
        Row(expect="login ok redirect redirect redirect redirect"),
        Row(expect="login 400 redirect redirect redirect redirect", method="post"),
    ],
    "volunteers:attendance": [
        Row(expect="login 404 404 404 404 ok"),
        Row(expect="login 404 404 404 404 404", kwargs={"pk": 999999}),
    ],
    # Letters: asked for by their holder; the PDF for its holder and the staff.
    "volunteers:issue_letter": [
        Row(expect="login 405 405 405 405 405"),
        Row(expect="login redirect 404 404 404 404", method="post"),
    ],
    "volunteers:letter_pdf": [
        Row(expect="login ok 404 404 ok ok", kwargs={"code": "letter_code_a"}),
        Row(expect="login 404 404 404 404 404", kwargs={"code": "AAAA-BBBB"}),
    ],
    "volunteers:my_shifts": Row(expect="login ok redirect redirect redirect redirect"),
    "volunteers:my_shifts_ics": Row(
        expect="login ok redirect redirect redirect redirect"
    ),  # ------------------------------------------------------------ assistance desk
    # Nobody of the School's world has a role at the desk but the superuser; the
    # desk's own nine roles are in tests/assistance/test_permission_matrix.py.
    "desk:*": Row(
        expect="login|404 404 404 404 404 ok|400|404|405",
        kwargs={"reference": "R-NOTTHERE", "pk": 999999, "booking": 999999},
        why="see tests/assistance/test_permission_matrix.py",
    ),
    "wagtailsnippets_lms_assistance_desk:*": SUPERUSER_ONLY,
}


# ------------------------------------------------------------------ the machinery


def cases():
    """(pattern, row) for every pattern and each of its rows."""
    found = []
    for pattern in url_patterns():
        rows = row_for(pattern)
        if rows is None:
            continue
        rows = rows if isinstance(rows, list) else [rows]
        for number, row in enumerate(rows):
            label = pattern.route if len(rows) == 1 else f"{pattern.route} #{number}"
            found.append(pytest.param(pattern, row, id=label))
    return found


def row_for(pattern):
    if pattern.key in MATRIX:
        return MATRIX[pattern.key]
    namespace = pattern.namespace
    while namespace:
        if f"{namespace}:*" in MATRIX:
            return MATRIX[f"{namespace}:*"]
        namespace = namespace.rpartition(":")[0]
    return None


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The School, built once and rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def login_paths():
    paths = {reverse("wagtailadmin_login")}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths |= {reverse("accounts:login"), reverse("wagtailcore_login")}
    return paths


def client_for(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def request_as(world, role, pattern, row):
    """The outcome of one request, undone afterwards; a crash is a "500"."""
    url = address(pattern, row, world.ids, PK_OF_NAMESPACE)
    client = client_for(world, role)
    data = row.data
    if data is not None:
        data = {
            key: value.format(**world.ids) if isinstance(value, str) else value
            for key, value in data.items()
        }
    savepoint = transaction.savepoint()
    try:
        if row.method == "get":
            return client.get(url), url
        if pattern.name == "quizzes:save_answer":
            return client.post(
                url, json.dumps(data), content_type="application/json"
            ), url
        return client.post(url, data or {}), url
    except Exception as error:  # noqa: BLE001 - reported as the outcome
        return error, url
    finally:
        transaction.savepoint_rollback(savepoint)


@pytest.mark.parametrize(("pattern", "row"), cases())
def test_each_role_gets_the_expected_outcome(world, login_paths, pattern, row):
    wrong = []
    for role, allowed in zip(ROLES, row.outcomes(), strict=True):
        response, url = request_as(world, role, pattern, row)
        if isinstance(response, Exception):
            got = f"500 ({type(response).__name__}: {str(response)[:120]})"
            if "500" in allowed:
                continue
        else:
            got = outcome(response, login_paths, ADMIN_HOME)
        if got not in allowed:
            wrong.append(f"{role}: expected {'|'.join(sorted(allowed))}, got {got}")
    assert not wrong, f"{row.method.upper()} {url}\n" + "\n".join(wrong)


# ------------------------------------------- raw POSTs with another user's ids


def test_student_b_cannot_save_or_submit_student_a_s_attempt(world):
    b = client_for(world, "student_b")
    attempt = world.attempt_open
    url = f"/en/learning/quizzes/attempts/{attempt.pk}/"
    saved = b.post(
        url + "answers/",
        json.dumps({"sequence": attempt.sequence, "answers": {"q-tf": True}}),
        content_type="application/json",
    )
    submitted = b.post(url, {"action": "submit", "sequence": attempt.sequence})
    assert (saved.status_code, submitted.status_code) == (404, 404)
    attempt.refresh_from_db()
    assert attempt.is_open
    assert not Answer.objects.filter(attempt=attempt).exists()


def test_student_b_reads_neither_student_a_s_attempt_nor_result(world):
    b = client_for(world, "student_b")
    for url in (
        f"/en/learning/quizzes/attempts/{world.attempt_open.pk}/",
        f"/en/learning/quizzes/attempts/{world.attempt_done.pk}/result/",
    ):
        response = b.get(url)
        assert response.status_code == 404
        assert "Aysel" not in response.content.decode()


def test_marking_a_lesson_done_touches_only_the_sender_s_own_progress(world):
    before = LessonCompletion.objects.filter(enrolment=world.enrolment_a).count()
    b = client_for(world, "student_b")
    response = b.post(
        f"/en/learning/lessons/{world.lesson.pk}/complete/",
        {"user": world.ids["student_a"], "enrolment": world.enrolment_a.pk},
    )
    assert response.status_code == 302
    assert (
        LessonCompletion.objects.filter(enrolment=world.enrolment_a).count() == before
    )
    assert LessonCompletion.objects.filter(
        enrolment__user=world.users["student_b"],
        lesson_key=world.lesson.translation_key,
    ).exists()


def test_student_b_cannot_edit_or_submit_student_a_s_application(world):
    draft = world.draft_a
    b = client_for(world, "student_b")
    response = b.post(
        f"/en/apply/{world.other_cohort.pk}/",
        {
            "action": "submit",
            "id": draft.pk,
            "applicant": world.ids["student_a"],
            "university": "Changed by B",
            "proposal_title": "Changed by B",
        },
    )
    assert response.status_code in (302, 400)
    draft.refresh_from_db()
    assert draft.applicant == world.users["student_a"]
    assert draft.status == Application.Status.DRAFT
    assert draft.university == "Baku State University"
    for mine in Application.objects.filter(applicant=world.users["student_b"]):
        assert mine.pk != draft.pk


def test_nobody_checks_in_for_someone_else(world):
    session = world.live_session
    code = classroom.check_in_code(session.pk)
    url = f"/en/live/{session.pk}/check-in/"
    refused = client_for(world, "student_b").post(
        url, {"code": code, "user": world.ids["student_a"]}
    )
    assert refused.status_code == 403
    assert not Attendance.objects.filter(
        session=session, user=world.users["student_b"]
    ).exists()
    # A checks in with B's id in the form: only A's attendance is written.
    before = Attendance.objects.filter(session=session).count()
    done = client_for(world, "student_a").post(
        url, {"code": code, "user": world.ids["student_b"]}
    )
    assert done.status_code == 200
    assert Attendance.objects.filter(session=session).count() == before
    assert not Attendance.objects.filter(
        session=session, user=world.users["student_b"]
    ).exists()


def test_a_student_outside_the_cohort_may_not_join_its_live_class(world):
    """The classroom socket admits by the same rule (tests/live/test_consumer.py
    shows the refusal on the socket): asking and voting need a role."""
    session = world.live_session
    assert classroom.role_in(world.users["student_b"], session.pk) is None
    assert classroom.role_in(world.users["student_a"], session.pk) == "student"
    outsider, member = (world.ids["student_b"], None), (world.ids["student_a"], None)
    assert classroom.still_allowed(session.pk, {outsider, member}) == {member}


def test_only_the_holder_and_coordinators_download_the_certificate_pdf(world):
    url = f"/en/certificates/{world.certificate_a.display_code}/certificate.pdf"
    statuses = {
        role: client_for(world, role).get(url).status_code
        for role in ("student_a", "student_b", "trainer", "coordinator")
    }
    assert statuses == {
        "student_a": 200,
        "student_b": 404,
        "trainer": 404,
        "coordinator": 200,
    }
    assert Certificate.objects.filter(pk=world.certificate_a.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/cohorts/",
        "/admin/cohorts/inspect/{cohort}/",
        "/admin/reports/site-history/",
        "/admin/reports/learner-progress/",
        "/admin/",
    ],
)
def test_trainers_see_no_application_scores_or_interview_notes(world, url):
    page = client_for(world, "trainer").get(url.format(**world.ids))
    assert page.status_code == 200
    text = page.content.decode()
    for secret in (
        "Confidential interview notes",
        "Confidential review comment",
        world.application_a.proposal_title,
        world.application_a.motivation,
    ):
        assert secret not in text


def test_a_trainer_s_bulk_action_on_applications_changes_nothing(world):
    application = world.application_a
    url = reverse(
        "wagtail_bulk_action", args=("lms_cohorts", "application", "change_status")
    )
    response = client_for(world, "trainer").post(
        f"{url}?id={application.pk}", {"status": "rejected", "note": "by a trainer"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED


def test_a_coordinator_cannot_make_anyone_a_superuser(world):
    coordinator = client_for(world, "coordinator")
    b = world.users["student_b"]
    coordinator.post(
        f"/admin/users/edit/{b.pk}/",
        {
            "email": b.email,
            "first_name": b.first_name,
            "last_name": b.last_name,
            "is_active": "on",
            "is_superuser": "on",
        },
    )
    coordinator.post(
        "/admin/users/new/",
        {
            "email": "new-admin@school.example",
            "first_name": "New",
            "last_name": "Admin",
            "password1": "a long password 42",
            "password2": "a long password 42",
            "is_superuser": "on",
        },
    )
    b.refresh_from_db()
    assert not b.is_superuser
    assert (
        not type(b)
        .objects.filter(email="new-admin@school.example", is_superuser=True)
        .exists()
    )


def test_a_coordinator_gives_only_the_school_s_roles(world):
    editors, _created = Group.objects.get_or_create(name="Editors")
    coordinator = client_for(world, "coordinator")
    b = world.users["student_b"]
    form = {
        "email": b.email,
        "first_name": b.first_name,
        "last_name": b.last_name,
        "is_active": "on",
    }
    trainers = Group.objects.get(name="Trainers")
    coordinator.post(f"/admin/users/edit/{b.pk}/", form | {"groups": [editors.pk]})
    assert not b.groups.filter(pk=editors.pk).exists()
    coordinator.post(f"/admin/users/edit/{b.pk}/", form | {"groups": [trainers.pk]})
    assert b.groups.filter(pk=trainers.pk).exists()


def test_a_coordinator_cannot_change_a_superuser_s_account(world):
    superuser = world.users["superuser"]
    response = client_for(world, "coordinator").post(
        f"/admin/users/edit/{superuser.pk}/",
        {
            "email": "taken-over@school.example",
            "first_name": "Root",
            "last_name": "Root",
            "is_active": "on",
            "password1": "a long password 42",
            "password2": "a long password 42",
        },
    )
    assert response.status_code in (302, 403)
    superuser.refresh_from_db()
    assert superuser.email == "root@school.example"


# ------------------------------------------------------------ the table itself


def test_every_url_pattern_has_a_row():
    missing = sorted({p.key for p in url_patterns() if row_for(p) is None})
    assert not missing, "URL patterns without a row in MATRIX:\n" + "\n".join(missing)


def test_every_row_names_a_url_pattern():
    patterns = url_patterns()
    keys = {p.key for p in patterns}
    namespaces = {p.namespace for p in patterns}
    stale = [
        key
        for key in MATRIX
        if key not in keys
        and not (key.endswith(":*") and key[:-2] in namespaces | _parents(namespaces))
    ]
    assert not stale, "Rows for URL patterns that are gone:\n" + "\n".join(stale)


def _parents(namespaces):
    return {n.rpartition(":")[0] for n in namespaces if ":" in n}
