from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from . import admin_views
from .personal_data import DELETE_ACTION, can_delete_account, coordinator_ids


@hooks.register("register_admin_urls")
def register_account_admin_urls():
    return [
        path(
            "accounts/<int:user_id>/delete/",
            admin_views.delete_learner_account,
            name="accounts_delete_account",
        )
    ]


@hooks.register("before_delete_user")
def delete_learners_through_anonymisation(request, user):
    # Wagtail's own "Delete user" would take the School's numbers (quiz results,
    # attendance) with the person; a learner's account goes through ours instead.
    if can_delete_account(request.user, user):
        return redirect("accounts_delete_account", user_id=user.pk)
    return None


@hooks.register("register_user_listing_buttons")
def delete_account_button(user, request_user):
    # Called for every row of the user list: ask for the coordinators once.
    if not hasattr(request_user, "_lms_coordinator_ids"):
        request_user._lms_coordinator_ids = coordinator_ids()
    if can_delete_account(
        request_user, user, coordinators=request_user._lms_coordinator_ids
    ):
        yield Button(
            _("Delete account and personal data"),
            reverse("accounts_delete_account", args=[user.pk]),
            icon_name="bin",
            priority=90,
        )


@hooks.register("register_log_actions")
def register_account_actions(actions):
    @actions.register_action(DELETE_ACTION)
    class DeleteAccountFormatter(LogFormatter):
        label = _("Delete account")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason")
            message = _("Account deleted, anonymised records kept")
            return f"{message}: {reason}" if reason else str(message)
