"""Placeholder."""

from django.http import HttpResponse


def cohort_mastery(request, cohort_id):
    return HttpResponse("mastery")
