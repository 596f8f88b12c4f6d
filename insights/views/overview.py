"""Placeholder: replaced by the cohort overview."""

from django.http import HttpResponse
from django.views import View


class CohortOverviewView(View):
    results_only = False

    def get(self, request, cohort_id):
        return HttpResponse("overview")
