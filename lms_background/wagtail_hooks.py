from django.urls import path
from django_tasks_db.models import DBTaskResult
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import views
from .models import OutgoingEmail
from .viewsets import OutgoingEmailViewSet, TaskResultViewSet, ViewOnlyPolicy

register_permission_policy(DBTaskResult, ViewOnlyPolicy(DBTaskResult))
register_permission_policy(OutgoingEmail, ViewOnlyPolicy(OutgoingEmail))


@hooks.register("register_admin_viewset")
def register_background_viewsets():
    return [
        TaskResultViewSet("background_tasks"),
        OutgoingEmailViewSet("outgoing_emails"),
    ]


@hooks.register("register_admin_urls")
def register_retry_urls():
    return [
        path(
            "background-tasks/<str:pk>/retry/",
            views.retry_task,
            name="background_tasks_retry",
        ),
        path(
            "outgoing-emails/<int:pk>/retry/",
            views.retry_email,
            name="outgoing_emails_retry",
        ),
    ]
