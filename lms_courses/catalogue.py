"""The catalogue's filter: courses covering a GCM objective, an SDG or a topic.

The queries are the catalogue page's own (``CourseIndexPage.courses_covering``).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models.taxonomy import SDG, GCMObjective, Topic


class CatalogueFilterForm(forms.Form):
    gcm = forms.TypedChoiceField(
        label=_("GCM objective"), coerce=int, required=False, empty_value=None
    )
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, objectives=None, goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        objectives = GCMObjective.objects.all() if objectives is None else objectives
        goals = SDG.objects.all() if goals is None else goals
        any_choice = [("", _("Any"))]
        self.fields["gcm"].choices = any_choice + [
            (o.number, f"{o.number}. {o.title}") for o in objectives
        ]
        self.fields["sdg"].choices = any_choice + [
            (g.number, f"{g.number}. {g.title}") for g in goals
        ]
        self.fields["topic"].choices = any_choice + list(
            Topic.objects.filter(tagged_items__isnull=False)
            .distinct()
            .values_list("slug", "name")
        )
