from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import signals  # noqa: F401
        from .models import Certificate
        from .permissions import certificate_permission_policy
        from .roles import grant_certificate_permissions

        post_migrate.connect(grant_certificate_permissions, sender=self)
        register_permission_policy(
            Certificate, certificate_permission_policy, exact_class=True
        )
