"""Placeholder: replaced by the module's owner."""

from django.http import Http404


def request_list(request, *args, **kwargs):
    raise Http404


def intake(request, *args, **kwargs):
    raise Http404


def export(request, *args, **kwargs):
    raise Http404


def request_detail(request, *args, **kwargs):
    raise Http404


def assign(request, *args, **kwargs):
    raise Http404


def change_status(request, *args, **kwargs):
    raise Http404


def add_note(request, *args, **kwargs):
    raise Http404


def upload(request, *args, **kwargs):
    raise Http404


def download(request, *args, **kwargs):
    raise Http404


def grant(request, *args, **kwargs):
    raise Http404
