"""Acting on one row of a list: a form with a reason or a confirmation, for staff
who may change such rows, and the viewsets of rows that are read and acted on only."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

REASON_LIMIT = 500


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text


class ConfirmForm(forms.Form):
    """Nothing to fill in: the button is the decision."""


class RowActionView(WagtailAdminTemplateMixin, FormView):
    """A form about one ``model`` row, for staff who may change such rows."""

    template_name = "volunteers/admin/action.html"
    model = None
    permission = "change"
    index_url_name = ""
    index_label = ""
    header_icon = ""
    submit_label = ""

    def dispatch(self, request, *args, **kwargs):
        # Who may act is checked first: whether an id exists is for them only.
        policy = policy_registry.get_by_type(self.model)
        if not policy.user_has_permission(request.user, self.permission):
            return permission_denied(request)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.all()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def back_url(self) -> str:
        return reverse(self.index_url_name)

    def summary(self) -> list[tuple[str, str]]:
        """What the form acts on, as (label, value) pairs."""
        return []

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "summary": self.summary(),
            "action_url": self.request.path,
            "submit_button_label": self.submit_label,
            "cancel_url": self.back_url,
        }

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def refuse(self, form, message):
        form.add_error(None, str(message))
        return self.form_invalid(form)


class ReadAndActViewSet(ModelViewSet):
    """Listed, inspected and acted on, never added, edited or deleted here.

    ``actions`` are (name, view class) pairs, each at ``<pk>/<name>/``.
    """

    actions: list = []
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        # Read and acted on, never edited, added or deleted here.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    @property
    def url_finder_class(self):
        finder = super().url_finder_class
        finder.edit_url_name = self.get_url_name("inspect")
        return finder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            *(
                path(f"<int:pk>/{name}/", view.as_view(), name=name)
                for name, view in self.actions
            ),
        ]
