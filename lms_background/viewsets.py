"""Background work in the Wagtail admin: recent tasks and emails, with their errors."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import OutgoingEmail


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Listing and inspecting only: task records are written by workers, not by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


def task_name(result) -> str:
    return result.task_path.rsplit(".", 1)[-1].replace("_", " ")


def attempt(result) -> int:
    return (result.args_kwargs or {}).get("kwargs", {}).get("_attempt", 1)


def error_summary(result) -> str:
    lines = [line for line in (result.traceback or "").strip().splitlines() if line]
    return lines[-1][:200] if lines else ""


class RetryColumn(Column):
    cell_template_name = "background/retry_cell.html"

    def __init__(self, name, url_name, can_retry, **kwargs):
        super().__init__(name, label=_("Action"), **kwargs)
        self.url_name = url_name
        self.can_retry = can_retry

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(
            url_name=self.url_name,
            show=self.can_retry(instance),
            request=parent_context.get("request"),
        )
        return context


class TaskResultViewSet(ModelViewSet):
    model = DBTaskResult
    icon = "cogs"
    menu_label = _("Background tasks")
    menu_order = 900
    add_to_settings_menu = True
    inspect_view_enabled = True
    list_display = [
        Column("task", label=_("Task"), accessor=task_name),
        "status",
        Column("attempt", label=_("Attempt"), accessor=attempt),
        DateColumn("enqueued_at", label=_("Queued")),
        DateColumn("finished_at", label=_("Finished")),
        Column("error", label=_("Last error"), accessor=error_summary),
        RetryColumn(
            "retry",
            "background_tasks_retry",
            can_retry=lambda result: result.status == TaskResultStatus.FAILED,
        ),
    ]
    list_filter = ["status", "queue_name"]
    search_fields = ["task_path"]
    inspect_view_fields = [
        "task_path",
        "status",
        "queue_name",
        "args_kwargs",
        "enqueued_at",
        "started_at",
        "finished_at",
        "worker_ids",
        "exception_class_path",
        "traceback",
    ]
    form_fields = []


class EmailStateFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        method="filter_state",
        choices=[
            ("waiting", _("Waiting")),
            ("sent", _("Sent")),
            ("gave_up", _("Gave up")),
        ],
    )

    class Meta:
        model = OutgoingEmail
        fields = ["language"]

    def filter_state(self, queryset, name, value):
        if value == "sent":
            return queryset.filter(sent_at__isnull=False)
        if value == "gave_up":
            return queryset.filter(gave_up_at__isnull=False, sent_at__isnull=True)
        return queryset.filter(sent_at__isnull=True, gave_up_at__isnull=True)


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Outgoing emails")
    menu_order = 910
    add_to_settings_menu = True
    inspect_view_enabled = True
    filterset_class = EmailStateFilterSet
    list_display = [
        "subject",
        "to",
        "language",
        DateColumn("created_at", label=_("Created")),
        DateColumn("sent_at", label=_("Sent")),
        "attempts",
        "last_error",
        RetryColumn(
            "retry",
            "outgoing_emails_retry",
            can_retry=lambda email: email.sent_at is None,
        ),
    ]
    search_fields = ["to", "subject"]
    form_fields = []
