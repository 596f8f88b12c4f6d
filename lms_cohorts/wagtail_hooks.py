from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from lms_courses.dashboard import HOOK_NAME
from lms_courses.navigation import LINKS_HOOK, ROLES_HOOK

from .bulk_actions import ChangeStatusBulkAction
from .dashboard import CohortsPanel, MyApplicationsPanel, apply_link
from .learners import applicant_roles
from .models import Application
from .permissions import ApplicationPermissionPolicy
from .viewsets import ApplicationViewSet, CohortViewSet

register_permission_policy(Application, ApplicationPermissionPolicy(Application))
register_snippet(ApplicationViewSet)
hooks.register("register_bulk_action", ChangeStatusBulkAction)


@hooks.register("register_admin_viewset")
def register_cohort_viewset():
    return CohortViewSet("cohorts")


@hooks.register(HOOK_NAME)
def my_applications_panel(request):
    return MyApplicationsPanel.for_request(request)


@hooks.register(HOOK_NAME)
def cohorts_panel(request):
    return CohortsPanel.for_request(request)


hooks.register(LINKS_HOOK, apply_link)
hooks.register(ROLES_HOOK, applicant_roles)
