"""Placeholder: replaced by the module's owner."""

from django.http import Http404


def audit_log(request, *args, **kwargs):
    raise Http404


def export(request, *args, **kwargs):
    raise Http404
