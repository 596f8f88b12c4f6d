from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_background"
    verbose_name = _("Background work")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
