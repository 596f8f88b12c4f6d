"""The list of cohorts whose insights the user may open."""

from django.template.response import TemplateResponse
from wagtail.admin.auth import permission_denied

from ..access import cohorts_visible_to


def cohort_list(request):
    cohorts = list(cohorts_visible_to(request.user).order_by("-number"))
    if not cohorts:
        return permission_denied(request)
    return TemplateResponse(request, "insights/cohort_list.html", {"cohorts": cohorts})
