"""Placeholder: replaced by the module's owner."""

from django.http import Http404


def book(request, *args, **kwargs):
    raise Http404


def manage(request, *args, **kwargs):
    raise Http404
