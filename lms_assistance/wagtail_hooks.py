"""Desks in the Wagtail admin (superusers set them up), a menu link to the desk, and
the desk's roles, dashboard panels and header links."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms_courses.dashboard import HOOK_NAME as DASHBOARD_HOOK_NAME
from lms_courses.navigation import LINKS_HOOK, ROLES_HOOK

from .access import desk_roles, may_use_desk
from .dashboard import DeskPanel, PrivacyPanel, desk_links
from .forms.desks import DeskForm
from .models import Desk


class NoDeskChooser(SnippetChooserViewSet):
    """Nothing in the admin chooses a desk, and Wagtail would let any admin user
    (trainers too) list them in a chooser: so there is none."""

    def get_urlpatterns(self):
        return []


class DeskViewSet(SnippetViewSet):
    model = Desk
    chooser_viewset_class = NoDeskChooser
    icon = "group"
    menu_label = _("Assistance desks")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["name", "place", "project"]
    search_fields = ["name", "place"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("place"),
            FieldPanel("project"),
            FieldPanel("staff"),
            FieldPanel("two_volunteers_for"),
        ],
        base_form_class=DeskForm,
    )


register_snippet(DeskViewSet)


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_desk(request.user)


@hooks.register("register_admin_menu_item")
def desk_link():
    return DeskMenuItem(
        _("Open the assistance desk"),
        reverse_lazy("desk:index"),
        name="assistance-desk",
        icon_name="help",
        order=901,
    )


@hooks.register(DASHBOARD_HOOK_NAME)
def desk_panel(request):
    return DeskPanel.for_request(request)


@hooks.register(DASHBOARD_HOOK_NAME)
def privacy_panel(request):
    return PrivacyPanel.for_request(request)


hooks.register(ROLES_HOOK, desk_roles)
hooks.register(LINKS_HOOK, desk_links)
