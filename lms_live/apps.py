from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_live"
    verbose_name = _("Live classes")

    def ready(self):
        from lms_toolkit.page_cache import forget_pages, forget_reads

        from . import signals  # noqa: F401  (registers its receivers)
        from .models import Attendance, LiveSession
        from .roles import grant_live_permissions

        post_migrate.connect(grant_live_permissions, sender=self)
        # A cohort's sessions are kept with the pages (attendance.sessions_held).
        post_save.connect(forget_pages, sender=LiveSession, dispatch_uid="lms-pages")
        post_delete.connect(forget_pages, sender=LiveSession, dispatch_uid="lms-pages")
        # A course's sessions to come are kept with their trainers (dashboard.py).
        m2m_changed.connect(
            forget_pages, sender=LiveSession.trainers.through, dispatch_uid="lms-pages"
        )
        # A request that records attendance reads it afresh (attendance.attended_by).
        post_save.connect(forget_reads, sender=Attendance, dispatch_uid="lms-reads")
        post_delete.connect(forget_reads, sender=Attendance, dispatch_uid="lms-reads")
