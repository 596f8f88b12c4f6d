from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from lms_courses.dashboard import COURSE_HOOK_NAME, HOOK_NAME
from lms_courses.navigation import ROLES_HOOK

from .dashboard import CertificatesPanel, CourseCertificatePanel, certificate_roles
from .viewsets import (
    CertificateRuleViewSet,
    CertificateViewSet,
    ProjectCompletionViewSet,
)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates_admin")


@hooks.register("register_admin_viewset")
def register_rule_viewset():
    return CertificateRuleViewSet("certificate_rules")


@hooks.register("register_admin_viewset")
def register_project_viewset():
    return ProjectCompletionViewSet("project_completions")


hooks.register(ROLES_HOOK, certificate_roles)


@hooks.register(HOOK_NAME)
def certificates_panel(request):
    return CertificatesPanel.for_request(request)


@hooks.register(COURSE_HOOK_NAME)
def course_certificate_panel(request, course):
    return CourseCertificatePanel.for_request(request, course)


@hooks.register("register_log_actions")
def register_certificate_actions(actions):
    class ReasonFormatter(LogFormatter):
        message = ""

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason")
            return f"{self.message}: {reason}" if reason else str(self.message)

    for action, label, message in [
        ("certificates.issue", _("Issue"), _("Issued: the learner met the rule")),
        ("certificates.issue_by_hand", _("Issue by hand"), _("Issued by hand")),
        ("certificates.revoke", _("Revoke"), _("Revoked")),
        ("certificates.reinstate", _("Reinstate"), _("Reinstated")),
    ]:
        formatter = type(
            "Formatter", (ReasonFormatter,), {"label": label, "message": message}
        )
        actions.register_action(action)(formatter)
