from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_volunteers"
    verbose_name = _("Migration Volunteers")

    def ready(self):
        from . import signals  # noqa: F401  (registers its receivers)
        from .roles import grant_union_permissions

        post_migrate.connect(grant_union_permissions, sender=self)
