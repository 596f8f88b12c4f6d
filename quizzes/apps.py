from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from wagtail.signals import page_published

        from courses.models.pages import module_child_page_types
        from courses.outline import counted_kinds
        from courses.progress import done_key_providers

        from .models import QuizPage
        from .progress import passed_quiz_keys
        from .roles import grant_quiz_permissions

        post_migrate.connect(grant_quiz_permissions, sender=self)
        page_published.connect(
            _index_question_tags, sender=QuizPage, dispatch_uid="quizzes-tags"
        )

        # A module holds quizzes, and a module is done when its quizzes are passed.
        if "quizzes.QuizPage" not in module_child_page_types:
            module_child_page_types.append("quizzes.QuizPage")
        counted_kinds.add("quizpage")
        if passed_quiz_keys not in done_key_providers:
            done_key_providers.append(passed_quiz_keys)


def _index_question_tags(sender, instance, **kwargs):
    from .tagging import index_question_tags

    index_question_tags(instance)
