"""The union's screens in the Wagtail admin, their menu and their audit log."""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import LogFormatter
from wagtail.permissions import policy_registry, register_permission_policy

from lms_courses.dashboard import HOOK_NAME
from lms_courses.navigation import LINKS_HOOK, ROLES_HOOK

from .admin.hours import APPROVE_HOURS_ACTION, REJECT_HOURS_ACTION, HoursViewSet
from .admin.letters import REVOKE_LETTER_ACTION, LetterViewSet
from .admin.pledges import PledgeViewSet
from .admin.qualifications import QualificationViewSet
from .admin.shift_leads import lead_chooser_viewset
from .admin.shifts import CANCEL_SHIFT_ACTION, ShiftViewSet, short_of_people_url
from .admin.volunteer_actions import GRANT_ACTION, MOVE_ACTION
from .admin.volunteers import VolunteerPermissionPolicy, VolunteerViewSet
from .dashboard import (
    UnionStaffPanel,
    VolunteeringPanel,
    volunteer_links,
    volunteer_roles,
)
from .letters import verified_letter
from .models import Shift, Volunteer, VolunteersIndexPage
from .roles import grant_union_page_permissions

MENU_HOOK = "register_migration_volunteers_menu_item"

register_permission_policy(Volunteer, VolunteerPermissionPolicy(Volunteer))


class MigrationVolunteersGroup(ViewSetGroup):
    """One menu for the union's screens; later screens join through MENU_HOOK."""

    menu_label = _("Migration Volunteers")
    menu_icon = "group"
    menu_order = 230
    submenu_hook = MENU_HOOK
    items = (
        VolunteerViewSet,
        ShiftViewSet,
        HoursViewSet,
        LetterViewSet,
        QualificationViewSet,
        PledgeViewSet,
    )


@hooks.register("register_admin_viewset")
def register_migration_volunteers():
    return [MigrationVolunteersGroup(), lead_chooser_viewset]


class ShortOfPeopleMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Shift).user_has_any_permission(
            request.user, ["add", "change", "view"]
        )


@hooks.register(MENU_HOOK)
def shifts_short_of_people():
    """One click from the menu to the shifts that still need volunteers."""
    return ShortOfPeopleMenuItem(
        _("Shifts short of people"),
        lazy(short_of_people_url, str)(),
        name="shifts-short-of-people",
        icon_name="warning",
        order=3,
    )


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

    @actions.register_action(CANCEL_SHIFT_ACTION)
    class CancelShiftFormatter(LogFormatter):
        label = _("Cancel a shift")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return _("Cancelled: %(reason)s") % {"reason": reason}

    @actions.register_action(APPROVE_HOURS_ACTION)
    class ApproveHoursFormatter(LogFormatter):
        label = _("Approve hours")

        def format_message(self, log_entry):
            return _("Hours approved")

    @actions.register_action(REJECT_HOURS_ACTION)
    class RejectHoursFormatter(LogFormatter):
        label = _("Reject hours")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return _("Hours rejected: %(reason)s") % {"reason": reason}

    @actions.register_action(REVOKE_LETTER_ACTION)
    class RevokeLetterFormatter(LogFormatter):
        label = _("Revoke a letter of service")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return _("Revoked: %(reason)s") % {"reason": reason}


def _status_label(value) -> str:
    try:
        return str(Volunteer.Status(value).label)
    except ValueError:
        return value or "—"


@hooks.register(HOOK_NAME)
def volunteering_panel(request):
    return VolunteeringPanel.for_request(request)


@hooks.register(HOOK_NAME)
def union_staff_panel(request):
    return UnionStaffPanel.for_request(request)


hooks.register(ROLES_HOOK, volunteer_roles)
hooks.register(LINKS_HOOK, volunteer_links)


@hooks.register("after_create_page")
def let_union_staff_edit_the_union(request, page):
    if isinstance(page.specific, VolunteersIndexPage):
        grant_union_page_permissions(page)


# Letters of service are checked on the certificates' verification page.
hooks.register("lms_certificate_lookups", verified_letter)
