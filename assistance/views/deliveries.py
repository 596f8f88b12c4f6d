"""Placeholder: replaced by the module's owner."""

from django.http import Http404


def new_delivery(request, *args, **kwargs):
    raise Http404


def delivery(request, *args, **kwargs):
    raise Http404
