"""Placeholder: replaced by the module's owner."""

from django.http import Http404


def drive_list(request, *args, **kwargs):
    raise Http404


def new_drive(request, *args, **kwargs):
    raise Http404


def drive_detail(request, *args, **kwargs):
    raise Http404


def add_slots(request, *args, **kwargs):
    raise Http404


def mark_booking(request, *args, **kwargs):
    raise Http404
