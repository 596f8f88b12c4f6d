"""Pledges: a version volunteers have accepted never changes; a new version is added."""

from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.rich_text import RichText

from ..models import Pledge, PledgeAcceptance


class PledgeIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super().get_base_queryset().annotate(acceptance_count=Count("acceptances"))
        )

    def get_edit_url(self, instance):
        if instance.acceptance_count:
            return None
        return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if instance.acceptance_count:
            return None
        return super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("add"):
            buttons.append(
                MenuItem(
                    _("New version"),
                    url=new_version_url(instance.kind),
                    icon_name="plus",
                    priority=15,
                )
            )
        return buttons


class PledgeCreateView(CreateView):
    """Prefilled with the next version of a kind: ``?kind=conduct``."""

    def get_initial(self):
        initial = super().get_initial()
        kind = self.request.GET.get("kind")
        if kind in Pledge.Kind.values:
            latest = Pledge.objects.filter(kind=kind).order_by("-version").first()
            initial.update(kind=kind, version=latest.version + 1 if latest else 1)
            if latest:
                initial["text"] = latest.text
        return initial


class PledgeInspectView(InspectView):
    def get_text_display_value(self):
        return RichText(self.object.text)


class AlreadyAccepted(Exception):
    pass


class RefuseAcceptedPledgeMixin:
    """For the edit and delete views of a pledge."""

    def get(self, request, *args, **kwargs):
        if self.is_accepted():
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.is_accepted():
            return self.refuse()
        try:
            return super().post(request, *args, **kwargs)
        except AlreadyAccepted:  # accepted while the form was open
            return self.refuse()

    def is_accepted(self) -> bool:
        return PledgeAcceptance.objects.filter(pledge_id=self.pledge_pk).exists()

    def refuse(self):
        pledge = get_object_or_404(Pledge, pk=self.pledge_pk)
        messages.error(
            self.request,
            _(
                "Volunteers have accepted “%(pledge)s”, so it cannot change: add a "
                "new version instead, which they will be asked to accept."
            )
            % {"pledge": pledge},
        )
        return redirect(new_version_url(pledge.kind))

    @property
    def pledge_pk(self):
        return self.kwargs["pk"]


class PledgeEditView(RefuseAcceptedPledgeMixin, EditView):
    def save_instance(self):
        # The row lock waits for a volunteer accepting this version right now (the
        # foreign key of the acceptance locks the pledge's row too).
        Pledge.objects.select_for_update().filter(pk=self.object.pk).first()
        if PledgeAcceptance.objects.filter(pledge_id=self.object.pk).exists():
            raise AlreadyAccepted
        return super().save_instance()


class PledgeDeleteView(RefuseAcceptedPledgeMixin, DeleteView):
    def delete_action(self):
        with transaction.atomic():
            Pledge.objects.select_for_update().filter(pk=self.object.pk).first()
            if PledgeAcceptance.objects.filter(pledge_id=self.object.pk).exists():
                raise AlreadyAccepted
            super().delete_action()


def new_version_url(kind: str) -> str:
    return reverse("volunteer_pledges:add") + "?" + urlencode({"kind": kind})


class PledgeViewSet(ModelViewSet):
    model = Pledge
    name = "volunteer_pledges"
    url_namespace = "volunteer_pledges"
    icon = "doc-full"
    menu_label = gettext_lazy("Pledges")
    index_view_class = PledgeIndexView
    add_view_class = PledgeCreateView
    edit_view_class = PledgeEditView
    delete_view_class = PledgeDeleteView
    inspect_view_class = PledgeInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["kind"]
    ordering = ["kind", "-version"]
    list_display = [
        "__str__",
        Column(
            "kind",
            label=gettext_lazy("Kind"),
            accessor="get_kind_display",
            sort_key="kind",
        ),
        Column("version", label=gettext_lazy("Version"), sort_key="version"),
        DateColumn(
            "published_at", label=gettext_lazy("In force from"), sort_key="published_at"
        ),
        Column(
            "acceptance_count",
            label=gettext_lazy("Accepted by"),
            sort_key="acceptance_count",
        ),
    ]
    inspect_view_fields = ["kind", "version", "published_at", "text"]
