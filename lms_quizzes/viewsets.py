"""Accommodations for a learner on a quiz: extra time, extra attempts, a later close."""

from django import forms
from django.db import IntegrityError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser

from lms_courses.forms import LearnerEmailField
from lms_courses.outline import original_page

from .models import QuizOverride, QuizPage


class QuizOverrideForm(WagtailAdminModelForm):
    learner_email = LearnerEmailField()
    quiz = forms.ModelChoiceField(
        label=_("Quiz"),
        queryset=QuizPage.objects.all(),
        widget=AdminPageChooser(target_models=[QuizPage]),
        help_text=_("Any language version of the quiz."),
    )

    class Meta:
        model = QuizOverride
        fields = ["quiz", "extra_minutes", "extra_attempts", "closes_at", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["learner_email"].initial = self.instance.user.email
            self.fields["learner_email"].disabled = True

    def clean_quiz(self):
        return original_page(self.cleaned_data["quiz"]).specific

    def clean(self):
        cleaned = super().clean()
        learner, quiz = cleaned.get("learner_email"), cleaned.get("quiz")
        if learner and quiz:
            self.instance.user = learner
            duplicate = QuizOverride.objects.filter(
                quiz_key=quiz.translation_key, user=learner
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                raise forms.ValidationError(
                    _("This learner already has an accommodation on this quiz.")
                )
        return cleaned

    def save(self, commit=True):
        try:
            return super().save(commit)
        except IntegrityError:
            self.add_error(
                None, _("This learner already has an accommodation on this quiz.")
            )
            raise


class QuizOverrideViewSet(ModelViewSet):
    model = QuizOverride
    form_class = QuizOverrideForm
    icon = "time"
    menu_label = _("Quiz accommodations")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["user", "quiz", "extra_minutes", "extra_attempts", "closes_at"]
    search_fields = ["user__email", "user__last_name"]

    def get_form_class(self, for_update=False):
        return QuizOverrideForm
