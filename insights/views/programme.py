"""Placeholder."""

from django.http import HttpResponse


def programme_report(request, cohort_id):
    return HttpResponse("programme")
