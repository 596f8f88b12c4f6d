"""Admin URLs of the insights pages, mounted under the Wagtail admin at insights/."""

from django.urls import path

from .views import charts, cohorts, coverage, mastery, overview, programme

urlpatterns = [
    path("", cohorts.cohort_list, name="insights_index"),
    path(
        "<int:cohort_id>/",
        overview.CohortOverviewView.as_view(),
        name="insights_overview",
    ),
    path(
        "<int:cohort_id>/results/",
        overview.CohortOverviewView.as_view(results_only=True),
        name="insights_overview_results",
    ),
    path(
        "<int:cohort_id>/coverage/", coverage.coverage_matrix, name="insights_coverage"
    ),
    path(
        "<int:cohort_id>/coverage/<str:kind>/<int:tag_id>/<uuid:module_key>/",
        coverage.coverage_cell,
        name="insights_coverage_cell",
    ),
    path("<int:cohort_id>/mastery/", mastery.cohort_mastery, name="insights_mastery"),
    path("<int:cohort_id>/charts/", charts.cohort_charts, name="insights_charts"),
    path(
        "<int:cohort_id>/programme/",
        programme.programme_report,
        name="insights_programme",
    ),
]
