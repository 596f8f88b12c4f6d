"""Choosing a shift's lead among active volunteers and the union's staff."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.permissions import policy_registry

from .. import conf
from ..models import Shift, Volunteer


def lead_candidates():
    """Who may lead a shift: active volunteers and the union's staff."""
    return (
        get_user_model()
        .objects.filter(
            Q(volunteer__status=Volunteer.Status.ACTIVE)
            | Q(groups__name=conf.staff_group_name())
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


class LeadSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Name or email")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_searching = False
        self.is_filtering_by_collection = False
        self.search_query = None

    def filter(self, users):
        query = self.cleaned_data.get("q", "").strip()
        if not query:
            return users
        self.is_searching, self.search_query = True, query
        return users.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )


class LeadChooserMixin:
    """People's names and emails: for those who plan shifts only."""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(Shift)
        if not policy.user_has_any_permission(request.user, ["add", "change"]):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return lead_candidates()

    def get_object(self, pk):
        return lead_candidates().get(pk=pk)


class LeadChooseView(LeadChooserMixin, chooser_views.ChooseView):
    filter_form_class = LeadSearchForm


class LeadChooseResultsView(LeadChooserMixin, chooser_views.ChooseResultsView):
    filter_form_class = LeadSearchForm


class LeadChosenView(LeadChooserMixin, chooser_views.ChosenView):
    pass


class LeadChosenMultipleView(LeadChooserMixin, chooser_views.ChosenMultipleView):
    pass


class LeadCreateView(LeadChooserMixin, chooser_views.CreateView):
    """Never offered (people are not created here); refused like the rest."""


class LeadChooserViewSet(ChooserViewSet):
    """Choosing a shift's lead among active volunteers and staff."""

    model = get_user_model()
    icon = "user"
    choose_one_text = gettext_lazy("Choose a lead")
    choose_another_text = gettext_lazy("Choose another lead")
    edit_item_text = gettext_lazy("Edit")
    choose_view_class = LeadChooseView
    choose_results_view_class = LeadChooseResultsView
    chosen_view_class = LeadChosenView
    chosen_multiple_view_class = LeadChosenMultipleView
    create_view_class = LeadCreateView
    # Only the shift form uses it: other forms keep their own user fields.
    register_widget = False


lead_chooser_viewset = LeadChooserViewSet("shift_lead_chooser")
