from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_cohorts"
    verbose_name = _("Cohorts and admission")

    def ready(self):
        from .roles import grant_admission_permissions

        post_migrate.connect(grant_admission_permissions, sender=self)
