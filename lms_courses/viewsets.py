"""Admin screens of the courses app: coordinators enrol learners by hand."""

from django import forms
from django.db import IntegrityError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser

from .exports import ExportInRequestLanguageMixin
from .forms import LearnerEmailField
from .models import CoursePage, Enrolment


class EnrolmentForm(WagtailAdminModelForm):
    learner_email = LearnerEmailField()
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.all(),
        widget=AdminPageChooser(target_models=[CoursePage]),
        help_text=_("Any language version of the course: enrolment covers them all."),
    )

    class Meta:
        model = Enrolment
        fields = ["status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["learner_email"].initial = self.instance.user.email
            self.fields["learner_email"].disabled = True
            self.fields["course"].initial = (
                CoursePage.objects.filter(translation_key=self.instance.course_key)
                .order_by("pk")
                .first()
            )
            self.fields["course"].disabled = True

    def clean(self):
        cleaned = super().clean()
        learner, course = cleaned.get("learner_email"), cleaned.get("course")
        if self.instance.pk is None and learner and course:
            if Enrolment.objects.filter(
                user=learner, course_key=course.translation_key
            ).exists():
                raise forms.ValidationError(
                    _("This learner is already enrolled in this course.")
                )
            self.instance.user = learner
            self.instance.course_key = course.translation_key
            self.instance.source = Enrolment.Source.ADMIN
        return cleaned

    def save(self, commit=True):
        try:
            return super().save(commit)
        except IntegrityError:  # enrolled by someone else meanwhile
            self.add_error(None, _("This learner is already enrolled in this course."))
            raise


class EnrolmentIndexView(ExportInRequestLanguageMixin, IndexView):
    def get_base_queryset(self):
        return Enrolment.objects.with_course_title().select_related("user")


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    index_view_class = EnrolmentIndexView
    icon = "user"
    menu_label = _("Enrolments")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "user",
        Column("course_title", label=_("Course")),
        "source",
        "status",
        "enrolled_at",
    ]
    list_filter = ["status", "source"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    list_export = ["user", "course_title", "source", "status", "enrolled_at"]
    export_headings = {"course_title": _("Course")}
    export_filename = "enrolments"
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return EnrolmentForm
