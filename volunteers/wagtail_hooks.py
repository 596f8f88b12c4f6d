from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from courses.dashboard import HOOK_NAME

from .admin_views import GRANT_ACTION, MOVE_ACTION
from .dashboard import VolunteeringPanel
from .models import Volunteer
from .viewsets import MigrationVolunteersGroup, VolunteerPermissionPolicy

register_permission_policy(Volunteer, VolunteerPermissionPolicy(Volunteer))


@hooks.register("register_admin_viewset")
def register_migration_volunteers():
    return MigrationVolunteersGroup()


@hooks.register("register_log_actions")
def register_volunteer_actions(actions):
    @actions.register_action(MOVE_ACTION)
    class MoveFormatter(LogFormatter):
        label = _("Move in the pipeline")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            message = _("Moved from “%(from)s” to “%(to)s”") % {
                "from": _status_label(data.get("from")),
                "to": _status_label(data.get("to")),
            }
            reason = data.get("reason")
            return f"{message}: {reason}" if reason else str(message)

    @actions.register_action(GRANT_ACTION)
    class GrantFormatter(LogFormatter):
        label = _("Grant a qualification by hand")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            message = _("Granted “%(name)s” by hand") % {"name": data.get("name", "")}
            reason = data.get("reason")
            return f"{message}: {reason}" if reason else str(message)


def _status_label(value) -> str:
    try:
        return str(Volunteer.Status(value).label)
    except ValueError:
        return value or "—"


@hooks.register(HOOK_NAME)
def volunteering_panel(request):
    return VolunteeringPanel.for_request(request)
