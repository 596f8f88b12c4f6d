"""Placeholder."""

from django.http import HttpResponse


def cohort_charts(request, cohort_id):
    return HttpResponse("charts")
