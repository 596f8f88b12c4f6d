"""Admin actions on background work: run a failed task or email again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .mail import deliver_email
from .models import OutgoingEmail

RETRY_PERMISSION = "django_tasks_database.change_dbtaskresult"


@require_POST
def retry_task(request, pk):
    if not request.user.has_perm(RETRY_PERMISSION):
        raise PermissionDenied
    failed = get_object_or_404(DBTaskResult, pk=pk, status=TaskResultStatus.FAILED)
    arguments = failed.args_kwargs or {}
    kwargs = {k: v for k, v in arguments.get("kwargs", {}).items() if k != "_attempt"}
    try:
        task = import_string(failed.task_path)
    except ImportError:
        messages.error(
            request, _("This task no longer exists and cannot be run again.")
        )
        return redirect("background_tasks:index")
    task.enqueue(*arguments.get("args", []), **kwargs)
    messages.success(request, _("The task is queued to run again."))
    return redirect("background_tasks:index")


@require_POST
def retry_email(request, pk):
    if not request.user.has_perm(RETRY_PERMISSION):
        raise PermissionDenied
    email = get_object_or_404(OutgoingEmail, pk=pk, sent_at__isnull=True)
    OutgoingEmail.objects.filter(pk=email.pk).update(gave_up_at=None)
    deliver_email.enqueue(email.pk)
    messages.success(request, _("The email is queued to be sent again."))
    return redirect("outgoing_emails:index")
