"""Admin views of the insights pages; each page is its own module."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from wagtail.admin.auth import permission_denied

from ..access import cohort_for


def for_visible_cohort(view):
    """Resolve ``cohort_id`` to a cohort the user may see (404, or permission denied)
    and pass it to the view as ``cohort``."""

    @wraps(view)
    def checked(request, cohort_id: int, *args, **kwargs):
        try:
            cohort = cohort_for(request.user, cohort_id)
        except PermissionDenied:
            return permission_denied(request)
        return view(request, cohort, *args, **kwargs)

    return checked
