from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_cohorts"
    verbose_name = _("Cohorts and admission")

    def ready(self):
        from lms_toolkit.page_cache import forget_pages, forget_reads

        from .learners import forget_applicant_roles
        from .models import Application, Cohort
        from .roles import grant_admission_permissions

        post_migrate.connect(grant_admission_permissions, sender=self)
        # Calls for applications show on pages kept for visitors (the home page).
        post_save.connect(forget_pages, sender=Cohort, dispatch_uid="lms-pages")
        post_delete.connect(forget_pages, sender=Cohort, dispatch_uid="lms-pages")
        # learners.learner_applications is read once per request.
        post_save.connect(forget_reads, sender=Application, dispatch_uid="lms-reads")
        post_delete.connect(forget_reads, sender=Application, dispatch_uid="lms-reads")
        # Having applied is a role (learners.applicant_roles).
        post_save.connect(forget_applicant_roles, sender=Application)
        post_delete.connect(forget_applicant_roles, sender=Application)
