from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_courses"
    verbose_name = _("Courses")

    def ready(self):
        from . import roles, signal_handlers  # noqa: F401  (registers its receivers)

        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)
