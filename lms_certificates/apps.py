from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from lms_cohorts.models import CohortCourse
        from lms_toolkit.page_cache import forget_pages

        from . import signals  # noqa: F401
        from .models import Certificate, CertificateRule
        from .permissions import certificate_permission_policy
        from .roles import grant_certificate_permissions

        post_migrate.connect(grant_certificate_permissions, sender=self)
        # What a rule asks is kept with the pages (eligibility.programme_of): a rule,
        # its required modules or a cohort's curriculum changing starts a new one.
        for model in (CertificateRule, CohortCourse):
            post_save.connect(forget_pages, sender=model, dispatch_uid="lms-pages")
            post_delete.connect(forget_pages, sender=model, dispatch_uid="lms-pages")
        m2m_changed.connect(
            forget_pages,
            sender=CertificateRule.required_modules.through,
            dispatch_uid="lms-pages",
        )
        register_permission_policy(
            Certificate, certificate_permission_policy, exact_class=True
        )
