"""Letters of service: listed, and revoked with a reason the verification page shows."""

import django_filters
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.log_actions import log

from .. import letters
from ..models import ServiceLetter
from .row_actions import ReadAndActViewSet, ReasonForm, RowActionView

REVOKE_LETTER_ACTION = "volunteers.revoke_letter"


class LetterIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_revoked and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Revoke"),
                    url=reverse("volunteer_letters:revoke", args=[instance.pk]),
                    icon_name="warning",
                    priority=40,
                )
            )
        return buttons


class RevokeLetterView(RowActionView):
    model = ServiceLetter
    form_class = ReasonForm
    index_url_name = "volunteer_letters:index"
    index_label = gettext_lazy("Letters of service")
    header_icon = "warning"
    submit_label = gettext_lazy("Revoke")

    def get(self, request, *args, **kwargs):
        if self.object.is_revoked:
            messages.error(request, _("This letter has already been revoked."))
            return redirect(self.back_url)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Revoke the letter of %(name)s") % {"name": self.object.holder_name}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "help_text": _(
                "Shown on the public verification page, e.g. “Issued by mistake: "
                "hours counted twice”."
            ),
        }

    def summary(self):
        letter = self.object
        return [
            (_("Name"), letter.holder_name),
            (_("Verification code"), letter.display_code),
            (_("Issued"), date_format(letter.issued_on)),  # the letter's own date
            (_("Hours"), str(letter.total_hours)),
        ]

    def form_valid(self, form):
        letter, reason = self.object, form.cleaned_data["reason"]
        try:
            with transaction.atomic():
                letters.revoke(letter, by=self.request.user, reason=reason)
                log(
                    letter,
                    REVOKE_LETTER_ACTION,
                    user=self.request.user,
                    data={"reason": reason},
                )
        except letters.LetterRefused as refused:
            return self.refuse(form, refused)
        messages.success(
            self.request,
            _("The letter %(code)s is revoked: its verification page says why.")
            % {"code": letter.display_code},
        )
        return redirect(self.back_url)


class LetterFilterSet(WagtailFilterSet):
    revoked = django_filters.BooleanFilter(
        label=gettext_lazy("Revoked"),
        field_name="revoked_at",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = ServiceLetter
        fields = []


class LetterViewSet(ReadAndActViewSet):
    model = ServiceLetter
    name = "volunteer_letters"
    url_namespace = "volunteer_letters"
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Letters of service")
    index_view_class = LetterIndexView
    filterset_class = LetterFilterSet
    search_fields = ["holder_name", "code"]
    list_per_page = 50
    list_display = [
        "holder_name",
        Column(
            "code", label=gettext_lazy("Verification code"), accessor="display_code"
        ),
        DateColumn("issued_at", label=gettext_lazy("Issued"), sort_key="issued_at"),
        Column("total_hours", label=gettext_lazy("Hours"), sort_key="total_hours"),
        BooleanColumn("revoked", label=gettext_lazy("Revoked"), accessor="is_revoked"),
    ]
    inspect_view_fields = [
        "holder_name",
        "code",
        "issued_at",
        "total_hours",
        "revoked_at",
        "revoked_by",
        "revoke_reason",
    ]

    actions = [("revoke", RevokeLetterView)]
