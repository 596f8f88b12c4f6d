"""The desk's pages. Nothing of the desk is public: anonymous visitors are sent to
log in, and anyone without a role at the desk gets a 404, as if it were not there."""

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse

from ..access import desk_role, may_use_desk


def desk_view(check=may_use_desk):
    """Log in, then let through only those ``check(user)`` approves (else 404)."""

    def decorate(view):
        @login_required
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def render(request, template: str, context: dict, status: int = 200):
    """A desk page, with the navigation the user's role gives."""
    context = {"desk_role": desk_role(request.user), **context}
    return TemplateResponse(request, template, context, status=status)


def spreadsheet_response(book, filename: str) -> HttpResponse:
    """An openpyxl workbook as a download that no cache keeps (it may name people)."""
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    book.save(response)
    return response
