from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms_courses.dashboard import HOOK_NAME as DASHBOARD_HOOK_NAME

from . import urls
from .access import may_open_insights
from .dashboard import InsightsPanel, MasteryPanel


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [path("insights/", include(urls))]


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_open_insights(request.user)


@hooks.register("register_reports_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(
        _("Cohort insights"),
        reverse("insights_index"),
        name="cohort-insights",
        icon_name="table",
        order=40,
    )


@hooks.register(DASHBOARD_HOOK_NAME)
def mastery_panel(request):
    return MasteryPanel.for_request(request)


@hooks.register(DASHBOARD_HOOK_NAME)
def insights_panel(request):
    return InsightsPanel.for_request(request)
