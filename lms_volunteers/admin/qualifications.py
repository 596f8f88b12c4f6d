"""Qualifications: what grants each, and for how long it is valid."""

from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import Qualification


class QualificationIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course", "quiz")


def granted_by(qualification: Qualification) -> str:
    """What grants it: the course, the quiz, or staff only."""
    names = [page.title for page in (qualification.course, qualification.quiz) if page]
    return " / ".join(names) or str(gettext_lazy("Staff only, by hand"))


def validity(qualification: Qualification) -> str:
    if qualification.valid_for_days is None:
        return str(gettext_lazy("Never expires"))
    days = qualification.valid_for_days
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}


class QualificationViewSet(ModelViewSet):
    model = Qualification
    name = "volunteer_qualifications"
    url_namespace = "volunteer_qualifications"
    index_view_class = QualificationIndexView
    icon = "tick"
    menu_label = gettext_lazy("Qualifications")
    inspect_view_enabled = True
    copy_view_enabled = False
    search_fields = ["name_az", "name_en", "name_ru"]
    list_display = [
        "__str__",
        Column(
            "granted_by", label=gettext_lazy("Granted through"), accessor=granted_by
        ),
        Column("validity", label=gettext_lazy("Valid for"), accessor=validity),
        BooleanColumn(
            "required_to_become_active",
            label=gettext_lazy("Required to become active"),
            sort_key="required_to_become_active",
        ),
    ]
    inspect_view_fields = [
        "name_az",
        "name_en",
        "name_ru",
        "course",
        "quiz",
        "valid_for_days",
        "required_to_become_active",
    ]
