from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms_quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from . import signals  # noqa: F401  (registers its receivers)
        from .roles import grant_quiz_permissions

        post_migrate.connect(grant_quiz_permissions, sender=self)
