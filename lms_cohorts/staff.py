"""Who may teach a cohort and interview its applicants."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from lms_courses import conf as courses_conf


def teaching_staff():
    """Trainers, Coordinators and superusers, each once."""
    staff = Q(is_superuser=True) | Q(
        groups__name__in=[
            courses_conf.trainers_group_name(),
            courses_conf.coordinators_group_name(),
        ]
    )
    users = get_user_model().objects
    return users.filter(pk__in=users.filter(staff).values("pk")).order_by("email")


class CohortForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = teaching_staff()
