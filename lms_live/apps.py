from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_live"
    verbose_name = _("Live classes")

    def ready(self):
        from . import signals  # noqa: F401  (registers its receivers)
        from .roles import grant_live_permissions

        post_migrate.connect(grant_live_permissions, sender=self)
