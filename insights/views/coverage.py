"""Placeholder: replaced by the coverage matrix."""

from django.http import HttpResponse


def coverage_matrix(request, cohort_id):
    return HttpResponse("coverage")


def coverage_cell(request, cohort_id, kind, tag_id, module_key):
    return HttpResponse("cell")
