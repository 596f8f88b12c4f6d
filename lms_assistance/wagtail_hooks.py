"""Desks in the Wagtail admin (superusers set them up), and a menu link to the desk."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .access import may_use_desk
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
