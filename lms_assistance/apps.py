from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_assistance"
    verbose_name = _("Assistance desk")

    def ready(self):
        from . import signals  # noqa: F401  (registers its receivers)
        from .roles import create_roles

        post_migrate.connect(create_roles, sender=self)
